//! A hand-made HTTP/1.1 server on 127.0.0.1 answering raw bytes, for the fault shapes a real
//! server produces (cut answers, hung endpoints, redirects, odd envelopes). It shares no code
//! with the client on purpose: a mistake in the client cannot be mirrored here.

#![allow(dead_code, unreachable_pub)] // each test crate uses a different subset

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request as the server read it.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub body: Vec<u8>,
}

impl Request {
    pub fn body_str(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// What the server does with a request.
#[derive(Debug)]
pub enum Reply {
    /// Writes these bytes (a whole response) and closes the connection.
    Bytes(Vec<u8>),
    /// Writes these bytes after a pause (a server busy with the request).
    Delayed(std::time::Duration, Vec<u8>),
    /// Never answers; the connection stays open until the test ends.
    Hang,
}

/// A whole response: `status`, JSON `body`, `Connection: close`, plus `extra` header lines.
pub fn response(status: u16, body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (name, value) in extra {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(body);
    out.into_bytes()
}

/// A 200 with `{"code":0,...}` and this `data`.
pub fn ok(data: &str) -> Reply {
    Reply::Bytes(response(
        200,
        &format!(r#"{{"code":0,"msg":"success","data":{data}}}"#),
        &[],
    ))
}

/// The token endpoint's success answer.
pub fn token_ok() -> Reply {
    Reply::Bytes(response(
        200,
        r#"{"code":0,"msg":"ok","tenant_access_token":"t-raw","expire":7200}"#,
        &[],
    ))
}

/// A 200 announcing `full`'s length but closing after `keep` bytes of it.
pub fn cut(full: &str, keep: usize) -> Reply {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        full.len()
    )
    .into_bytes();
    out.extend_from_slice(&full.as_bytes()[..keep]);
    Reply::Bytes(out)
}

/// The server: its base URL and every request it read.
pub struct RawServer {
    pub url: String,
    pub requests: Arc<Mutex<Vec<Request>>>,
}

impl RawServer {
    /// Requests to paths starting with `prefix`.
    pub fn hits(&self, prefix: &str) -> Vec<Request> {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.path.starts_with(prefix))
            .cloned()
            .collect()
    }
}

/// Serves `handler` on 127.0.0.1 until the test's runtime ends.
pub async fn serve<F>(handler: F) -> RawServer
where
    F: Fn(&Request) -> Reply + Send + Sync + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(Mutex::new(Vec::new()));
    let handler = Arc::new(handler);
    let seen = requests.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let handler = handler.clone();
            let seen = seen.clone();
            tokio::spawn(async move {
                let _ = connection(stream, &*handler, &seen).await;
            });
        }
    });
    RawServer { url, requests }
}

async fn connection<F>(
    mut stream: TcpStream,
    handler: &F,
    seen: &Mutex<Vec<Request>>,
) -> std::io::Result<()>
where
    F: Fn(&Request) -> Reply,
{
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 || buf.len() > 1 << 20 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.lines();
    let mut first = lines.next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default().to_owned();
    let path = first.next().unwrap_or_default().to_owned();
    let length = lines
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse::<usize>().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let request = Request {
        method,
        path,
        body: buf[head_end..head_end + length].to_vec(),
    };
    seen.lock().unwrap().push(request.clone());
    match handler(&request) {
        Reply::Bytes(bytes) => {
            stream.write_all(&bytes).await?;
            stream.shutdown().await
        }
        Reply::Delayed(pause, bytes) => {
            tokio::time::sleep(pause).await;
            stream.write_all(&bytes).await?;
            stream.shutdown().await
        }
        Reply::Hang => {
            std::future::pending::<()>().await;
            Ok(())
        }
    }
}
