//! The clicker's HTTP: one plain HTTP/1.1 POST per callback, over its own connection, with
//! Feishu's deadlines (reference §6.6: TCP connect 2 s, answer 3 s, no redirects followed).
//!
//! A callback goes to an app on this machine, so there is no TLS, and no dependency on how
//! the process configured a TLS provider.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, Uri, header};
use bytes::Bytes;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio::time::timeout;

/// Feishu's TCP connect timeout for callbacks.
const CONNECT_DEADLINE: Duration = Duration::from_secs(2);
/// Answers larger than this are treated as unreadable (Feishu documents no size; a card
/// answer is at most a few tens of KB).
const MAX_ANSWER_BYTES: usize = 1 << 20;

/// Where callbacks go: an `http://host:port/path` URL.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    uri: Uri,
    address: String,
}

impl Target {
    /// `None` unless `url` is an absolute `http://` URL.
    pub(crate) fn parse(url: &str) -> Option<Self> {
        let uri: Uri = url.parse().ok()?;
        if uri.scheme_str() != Some("http") {
            return None;
        }
        let authority = uri.authority()?;
        let address = format!(
            "{}:{}",
            authority.host(),
            authority.port_u16().unwrap_or(80)
        );
        Some(Self { uri, address })
    }
}

/// Posts `body` with `headers` and returns the status and the body, or `None` when the app
/// could not be reached or did not answer completely within `deadline`.
pub(crate) async fn post(
    target: &Target,
    headers: &[(&'static str, String)],
    body: Vec<u8>,
    deadline: Duration,
) -> Option<(u16, Bytes)> {
    let stream = timeout(CONNECT_DEADLINE, TcpStream::connect(&target.address))
        .await
        .ok()?
        .ok()?;
    let _ = stream.set_nodelay(true);
    let exchange = async {
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .ok()?;
        tokio::spawn(connection);
        let mut request = Request::post(target.uri.clone())
            .header(
                header::HOST,
                target.uri.authority().map_or("", |a| a.as_str()),
            )
            .header(header::CONTENT_TYPE, "application/json; charset=utf-8");
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let request = request.body(Body::from(body)).ok()?;
        let response = sender.send_request(request).await.ok()?;
        let status = response.status().as_u16();
        let bytes = axum::body::to_bytes(Body::new(response.into_body()), MAX_ANSWER_BYTES)
            .await
            .ok()?;
        Some((status, bytes))
    };
    timeout(deadline, exchange).await.ok()?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_are_targets() {
        let target = Target::parse("http://127.0.0.1:3000/cb?x=1").unwrap();
        assert_eq!(target.address, "127.0.0.1:3000");
        assert!(Target::parse("http://localhost/cb").is_some_and(|t| t.address == "localhost:80"));
        assert!(Target::parse("https://example.com/cb").is_none());
        assert!(Target::parse("/relative").is_none());
    }
}
