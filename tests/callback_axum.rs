//! The axum integration on loopback: signed callbacks in, answers out, deferred work after.

use std::sync::Arc;
use std::time::SystemTime;

use card_runtime::callback::axum::{self as callback_axum, post_handler};
use card_runtime::callback::{
    ActionContext, Algorithm, CallbackConfig, CallbackEndpoint, Dispatcher, Handlers, Secret,
    Toast, encrypt, sign,
};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

const TOKEN: &str = "v-token";
const KEY: &str = "e-key";

async fn serve(handlers: Handlers, config: CallbackConfig) -> String {
    let endpoint = Arc::new(CallbackEndpoint::new(
        config,
        Dispatcher::new(handlers).unwrap(),
    ));
    let app = axum::Router::new().route("/callback", post_handler(endpoint));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { callback_axum::serve(listener, app).await.unwrap() });
    addr.to_string()
}

/// A minimal HTTP/1.1 client: one request per connection, the whole answer read back.
async fn post(addr: &str, headers: &[(&str, String)], body: &[u8]) -> (u16, Value) {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let mut head = format!(
        "POST /callback HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8(answer).unwrap();
    let status = answer[9..12].parse().unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/json"),
        "{head}"
    );
    (status, serde_json::from_str(body).unwrap())
}

fn signed_headers(algorithm: Algorithm, secret: &str, body: &[u8]) -> Vec<(&'static str, String)> {
    let ts = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .to_string();
    let signature = sign(algorithm, &ts, "nonce-1", &Secret::new(secret), body);
    vec![
        ("X-Lark-Request-Timestamp", ts),
        ("X-Lark-Request-Nonce", "nonce-1".into()),
        ("X-Lark-Signature", signature),
    ]
}

#[tokio::test]
async fn answers_verification_clicks_and_errors_then_runs_deferred_work() {
    let (done_tx, mut done_rx) = mpsc::unbounded_channel();
    // A plain-string value carries no route: the fallback takes it.
    let router = Handlers::new().fallback(move |cx: ActionContext| {
        let done_tx = done_tx.clone();
        let token = cx.token().to_owned();
        let flow = cx.value().as_str().unwrap_or_default().to_owned();
        cx.defer(async move { done_tx.send(token).unwrap() });
        async move { Toast::success(format!("{flow} done")) }
    });
    let addr = serve(router, CallbackConfig::new(TOKEN).encrypt_key(KEY)).await;

    let verification = json!({"challenge": "c-9", "token": TOKEN, "type": "url_verification"});
    let body = json!({"encrypt": encrypt(&verification.to_string(), &Secret::new(KEY), [2; 16])});
    let (status, answer) = post(&addr, &[], body.to_string().as_bytes()).await;
    assert_eq!((status, answer), (200, json!({"challenge": "c-9"})));

    let click = json!({"open_id": "ou_1", "open_message_id": "om_1", "token": "c-77",
                       "action": {"tag": "button", "value": "flow-1"}});
    let body = click.to_string().into_bytes();
    let headers = signed_headers(Algorithm::Sha1, TOKEN, &body);
    let (status, answer) = post(&addr, &headers, &body).await;
    assert_eq!(status, 200);
    assert_eq!(
        answer,
        json!({"toast": {"type": "success", "content": "flow-1 done"}})
    );
    assert_eq!(done_rx.recv().await.as_deref(), Some("c-77"));

    let (status, answer) = post(&addr, &[], &body).await;
    assert_eq!(status, 401);
    assert_eq!(answer["msg"], "missing request header `X-Lark-Signature`");
}

#[tokio::test]
async fn oversized_bodies_are_refused_before_buffering() {
    let addr = serve(
        Handlers::new(),
        CallbackConfig::new(TOKEN).max_body_bytes(100),
    )
    .await;
    let (status, answer) = post(&addr, &[], &[b' '; 200]).await;
    assert_eq!(status, 413);
    assert!(
        answer["msg"]
            .as_str()
            .unwrap()
            .contains("limit of 100 bytes")
    );
}
