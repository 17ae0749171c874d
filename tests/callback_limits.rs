//! The hardened callback server on loopback: slow headers, idle keep-alive connections and
//! stalled bodies are cut within the configured times, and connections past the cap wait.
//! Times are short and every wait is bounded, so a regression fails instead of hanging.

use std::future::IntoFuture as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use card_runtime::callback::axum::{post_handler, serve};
use card_runtime::callback::{CallbackConfig, CallbackEndpoint, Dispatcher, Handlers};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const TOKEN: &str = "limits-token";
const CUT: Duration = Duration::from_millis(300);
/// The bound on every wait: far above `CUT`, far below the 70 s the unbounded server held on.
const GIVE_UP: Duration = Duration::from_secs(10);

async fn start(max_connections: usize, header_read_timeout: Duration) -> String {
    let config = CallbackConfig::new(TOKEN).body_timeout(CUT);
    let endpoint = Arc::new(CallbackEndpoint::new(
        config,
        Dispatcher::new(Handlers::new()).unwrap(),
    ));
    let app = axum::Router::new().route("/callback", post_handler(endpoint));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    tokio::spawn(
        serve(listener, app)
            .header_read_timeout(header_read_timeout)
            .max_connections(max_connections)
            .into_future(),
    );
    addr
}

fn handshake(addr: &str) -> Vec<u8> {
    let body = format!(r#"{{"challenge":"c1","token":"{TOKEN}","type":"url_verification"}}"#);
    format!(
        "POST /callback HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Reads until the server closes the connection; what it sent, and when it closed.
async fn read_until_closed(stream: &mut TcpStream) -> (String, Instant) {
    let mut received = Vec::new();
    let mut buf = [0; 4096];
    loop {
        match tokio::time::timeout(GIVE_UP, stream.read(&mut buf)).await {
            Ok(Ok(0) | Err(_)) => break,
            Ok(Ok(n)) => received.extend_from_slice(&buf[..n]),
            Err(_) => panic!(
                "connection still open after {GIVE_UP:?}; got {:?}",
                String::from_utf8_lossy(&received)
            ),
        }
    }
    (
        String::from_utf8_lossy(&received).into_owned(),
        Instant::now(),
    )
}

#[tokio::test]
async fn slow_headers_are_cut_at_the_header_deadline() {
    let addr = start(8, CUT).await;
    let mut stream = TcpStream::connect(&addr).await.unwrap();
    let started = Instant::now();
    // Half a request head, then nothing.
    stream
        .write_all(b"POST /callback HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let (_, closed) = read_until_closed(&mut stream).await;
    let held = closed - started;
    assert!(held >= CUT, "cut before the deadline: {held:?}");
    assert!(held < GIVE_UP, "held {held:?}");
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed() {
    let addr = start(8, CUT).await;
    let mut stream = TcpStream::connect(&addr).await.unwrap();
    stream.write_all(&handshake(&addr)).await.unwrap();
    let started = Instant::now();
    let (answer, closed) = read_until_closed(&mut stream).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains(r#"{"challenge":"c1"}"#), "{answer}");
    assert!(closed - started < GIVE_UP);
}

#[tokio::test]
async fn a_stalled_body_is_answered_408_and_closed_at_the_body_deadline() {
    let addr = start(8, CUT).await;
    let mut stream = TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /callback HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 100000\r\n\r\n{{\"challenge\":"
    );
    let started = Instant::now();
    stream.write_all(head.as_bytes()).await.unwrap();
    let (answer, closed) = read_until_closed(&mut stream).await;
    let held = closed - started;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("not received in time"), "{answer}");
    assert!(held >= CUT && held < GIVE_UP, "held {held:?}");
}

/// With a cap of one connection, a second client is served only once the first is gone (at
/// the latest at the first's header deadline, so nobody waits forever).
#[tokio::test]
async fn connections_past_the_cap_wait_for_a_free_slot() {
    // A header deadline far longer than the wait below, so the holder keeps its slot.
    let addr = start(1, GIVE_UP).await;
    let mut holder = TcpStream::connect(&addr).await.unwrap();
    // Make sure the holder has the slot: it is served a first request.
    holder.write_all(&handshake(&addr)).await.unwrap();
    let mut buf = [0; 1024];
    let n = tokio::time::timeout(GIVE_UP, holder.read(&mut buf))
        .await
        .unwrap()
        .unwrap();
    assert!(buf[..n].starts_with(b"HTTP/1.1 200"));

    let mut waiter = TcpStream::connect(&addr).await.unwrap();
    waiter.write_all(&handshake(&addr)).await.unwrap();
    // The holder keeps its slot while idle, so the waiter gets nothing yet ...
    let early = tokio::time::timeout(CUT, waiter.read(&mut buf)).await;
    assert!(early.is_err(), "served past the cap");
    // ... and is served once the holder closes.
    drop(holder);
    let mut answer = Vec::new();
    while !String::from_utf8_lossy(&answer).contains(r#"{"challenge":"c1"}"#) {
        let n = tokio::time::timeout(GIVE_UP, waiter.read(&mut buf))
            .await
            .expect("the waiter is served once a slot frees")
            .unwrap();
        assert!(n > 0, "closed unanswered");
        answer.extend_from_slice(&buf[..n]);
    }
    assert!(answer.starts_with(b"HTTP/1.1 200"));
}
