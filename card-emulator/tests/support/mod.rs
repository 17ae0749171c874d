//! Shared by the emulator's integration tests: a raw HTTP/1.1 exchange that shows exactly
//! what a client receives (status, headers, how much of the body).
#![allow(dead_code, unreachable_pub)]

pub mod recorder;

use std::time::Duration;

use card_emulator::{Emulator, Limits};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

/// What came back on one connection.
#[derive(Debug)]
pub struct Raw {
    /// `None` when the connection closed before a status line.
    pub status: Option<u16>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Raw {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn content_length(&self) -> Option<usize> {
        self.header("content-length")?.parse().ok()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}

/// POSTs `body` and reads until the server closes (`Connection: close`), bounded in time.
pub async fn post(emulator: &Emulator, path: &str, token: Option<&str>, body: &Value) -> Raw {
    let mut stream = TcpStream::connect(emulator.addr()).await.unwrap();
    let body = body.to_string();
    let auth = token.map_or(String::new(), |t| format!("Authorization: Bearer {t}\r\n"));
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n{auth}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        emulator.addr(),
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut received = Vec::new();
    // A cut connection may end in a reset rather than EOF: both end the answer.
    let _ = timeout(Duration::from_secs(10), stream.read_to_end(&mut received))
        .await
        .expect("the emulator answers or closes within 10 s");
    parse(&received)
}

fn parse(received: &[u8]) -> Raw {
    let Some(split) = received.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Raw {
            status: None,
            headers: Vec::new(),
            body: Vec::new(),
        };
    };
    let head = String::from_utf8_lossy(&received[..split]);
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok());
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Raw {
        status,
        headers,
        body: received[split + 4..].to_vec(),
    }
}

/// A tenant token from `emulator`'s token endpoint.
pub async fn token(emulator: &Emulator) -> String {
    let answer = post(
        emulator,
        "/open-apis/auth/v3/tenant_access_token/internal",
        None,
        &json!({"app_id": emulator.app_id(), "app_secret": emulator.app_secret()}),
    )
    .await
    .json();
    answer["tenant_access_token"].as_str().unwrap().to_owned()
}

/// An emulator without rate limits, and a token for it.
pub async fn emulator_and_token() -> (Emulator, String) {
    let emulator = Emulator::builder()
        .limits(Limits::unlimited())
        .start()
        .await
        .unwrap();
    let token = token(&emulator).await;
    (emulator, token)
}

pub fn card_body(uuid: &str) -> Value {
    json!({
        "receive_id": "oc_faults",
        "msg_type": "interactive",
        "content": json!({"elements": [{"tag": "hr"}]}).to_string(),
        "uuid": uuid,
    })
}

pub const SEND: &str = "/open-apis/im/v1/messages?receive_id_type=chat_id";
