//! Callback benchmark: what verify + decrypt + route + answer costs.
//!
//! Prints two figures (run with `cargo bench -p card-runtime --bench callback --features axum`):
//! 1. CPU cost per callback of the sans-IO core, in a tight loop on one thread, for an
//!    encrypted and signed `card.action.trigger` and for a signed legacy callback.
//! 2. Throughput on loopback of the axum integration against a bare axum handler that answers
//!    `{}`, as a ratio, with the same client (keep-alive connections in parallel) and the same
//!    server (`callback::axum::serve`).
//! 3. Memory (resident set, Linux) the replay memory keeps after 8,000 callbacks each answered
//!    with a 25 KiB card (the answers are kept within `DEFAULT_ANSWER_MEMORY`, 8 MiB).
//! 4. Memory (resident set, Linux) while 300 clients hold connections with half-sent 1 MiB
//!    bodies, three rounds over: the allocator keeps what a round freed, so later rounds not
//!    growing it is what shows the memory is bounded.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use axum::http::header;
use axum::routing::post;
use card_runtime::callback::axum::post_handler;
use card_runtime::callback::{
    ActionContext, CallbackConfig, CallbackEndpoint, CallbackRequest, CallbackSigner, CardValue,
    ClickEvent, Dispatcher, Envelope, Route, SignedRequest, Toast,
};
use serde::Deserialize;
use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

const TOKEN: &str = "bench-verification-token";
const KEY: &str = "bench-encrypt-key";
const CORE_ITERATIONS: usize = 20_000;
const CONNECTIONS: usize = 4;
const PER_CONNECTION: usize = 5_000;

#[derive(Deserialize)]
struct Publish {
    button_type: String,
    button_id: String,
}

impl CardValue for Publish {
    const ROUTE: Route = Route::new("button_type", &["public_publish"]);
}

fn endpoint() -> CallbackEndpoint {
    let router = card_runtime::callback::Handlers::new().on(
        |value: Publish, cx: ActionContext| async move {
            let _ = (value.button_type, cx.operator());
            Toast::success(format!("{} done", value.button_id))
        },
    );
    CallbackEndpoint::new(
        CallbackConfig::new(TOKEN)
            .encrypt_key(KEY)
            .dedupe_capacity(4 * CORE_ITERATIONS),
        Dispatcher::new(router).unwrap(),
    )
}

/// Distinct clicks (distinct nonce and event id), so that the replay memory accepts them all.
fn requests(
    generation: Envelope,
    encrypted: bool,
    count: usize,
    now: SystemTime,
) -> Vec<SignedRequest> {
    let signer = CallbackSigner::new(TOKEN).encrypt_key(KEY);
    (0..count)
        .map(|i| {
            let value =
                json!({"button_type": "public_publish", "button_id": format!("162695861{i:04}")});
            let mut click = ClickEvent::button("ou_bench", format!("om_{i}"), value);
            click.event_id = format!("ev-{generation:?}-{i}");
            let mut iv = [0u8; 16];
            iv[..8].copy_from_slice(&(i as u64).to_le_bytes());
            signer.click(
                generation,
                &click,
                encrypted,
                now,
                &format!("nonce-{i}"),
                iv,
            )
        })
        .collect()
}

fn core_cost(runtime: &tokio::runtime::Runtime, generation: Envelope, encrypted: bool) -> Duration {
    let now = SystemTime::now();
    let endpoint = endpoint();
    let signed = requests(generation, encrypted, CORE_ITERATIONS, now);
    let start = Instant::now();
    runtime.block_on(async {
        for request in &signed {
            let mut parsed = CallbackRequest::new(&request.body);
            for (name, value) in &request.headers {
                parsed = parsed.header(name, value);
            }
            let reply = endpoint.handle_at(&parsed, now).await;
            assert_eq!(
                reply.status(),
                200,
                "{}",
                String::from_utf8_lossy(reply.body())
            );
        }
    });
    start.elapsed() / CORE_ITERATIONS as u32
}

const CARD_ANSWERS: usize = 8_000;

/// Resident set before and after `CARD_ANSWERS` callbacks answered with a 25 KiB card; each
/// answer is dropped once returned, so what stays is what the replay memory keeps.
fn answer_memory(runtime: &tokio::runtime::Runtime) -> (u64, u64) {
    let content = "x".repeat(25 * 1024);
    let card = card_runtime::Card::from_json_unchecked(json!({"elements": [
        {"tag": "div", "text": {"tag": "plain_text", "content": content}}
    ]}));
    let router =
        card_runtime::callback::Handlers::new().on(move |_: Publish, _cx: ActionContext| {
            let card = card.clone();
            async move { card_runtime::callback::CallbackResponse::card(card) }
        });
    let endpoint = CallbackEndpoint::new(
        CallbackConfig::new(TOKEN).encrypt_key(KEY),
        Dispatcher::new(router).unwrap(),
    );
    let now = SystemTime::now();
    let signed = requests(Envelope::Schema2, false, CARD_ANSWERS, now);
    let before = rss_kib();
    runtime.block_on(async {
        for request in &signed {
            let parsed = request.headers.iter().fold(
                CallbackRequest::new(&request.body),
                |parsed, (name, value)| parsed.header(name, value),
            );
            let reply = endpoint.handle_at(&parsed, now).await;
            assert_eq!(reply.status(), 200);
        }
    });
    (before, rss_kib())
}

async fn serve(app: axum::Router) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    tokio::spawn(async move {
        card_runtime::callback::axum::serve(listener, app)
            .await
            .unwrap()
    });
    addr
}

/// The process's resident set in KiB (0 where `/proc` is missing).
fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

const STALLED: usize = 300;
const BODY_DEADLINE: Duration = Duration::from_secs(2);

/// Opens `STALLED` connections that each send the head of a 1 MiB body and half of it, then
/// stall; reports the resident set with them held, then waits for the deadline to cut them.
async fn stalled_memory(addr: &str) -> u64 {
    let half = vec![b' '; 512 * 1024];
    let mut streams = Vec::with_capacity(STALLED);
    for _ in 0..STALLED {
        let mut stream = TcpStream::connect(&addr).await.unwrap();
        let head = format!(
            "POST /callback HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {}\r\n\r\n",
            1024 * 1024
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        // Past the connection cap the server does not read: stop at what the kernel takes.
        let _ = tokio::time::timeout(Duration::from_millis(20), stream.write_all(&half)).await;
        streams.push(stream);
    }
    tokio::time::sleep(BODY_DEADLINE / 2).await;
    let held = rss_kib();
    tokio::time::sleep(BODY_DEADLINE * 3).await;
    drop(streams);
    held
}

/// One keep-alive connection posting its requests one after the other.
async fn client(addr: String, requests: Vec<SignedRequest>) {
    let stream = TcpStream::connect(&addr).await.unwrap();
    stream.set_nodelay(true).unwrap();
    let mut stream = BufReader::new(stream);
    let mut line = String::new();
    for request in requests {
        let mut head = format!(
            "POST /callback HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            request.body.len()
        );
        for (name, value) in &request.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&request.body);
        stream.get_mut().write_all(&bytes).await.unwrap();
        let mut length = 0;
        let mut status_ok = false;
        loop {
            line.clear();
            stream.read_line(&mut line).await.unwrap();
            if line.starts_with("HTTP/1.1 ") {
                status_ok = line.starts_with("HTTP/1.1 200");
            }
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().unwrap();
            }
            if line == "\r\n" {
                break;
            }
        }
        let mut body = vec![0; length];
        stream.read_exact(&mut body).await.unwrap();
        assert!(status_ok, "{}", String::from_utf8_lossy(&body));
    }
}

async fn throughput(addr: &str, requests: Vec<SignedRequest>) -> f64 {
    let mut chunks: Vec<Vec<SignedRequest>> = (0..CONNECTIONS).map(|_| Vec::new()).collect();
    for (i, request) in requests.into_iter().enumerate() {
        chunks[i % CONNECTIONS].push(request);
    }
    let total: usize = chunks.iter().map(Vec::len).sum();
    let start = Instant::now();
    let tasks: Vec<_> = chunks
        .into_iter()
        .map(|chunk| tokio::spawn(client(addr.to_owned(), chunk)))
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    total as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let single = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    // First, while the allocator has no freed memory to hand back out.
    let (before, after) = answer_memory(&single);
    println!("replay memory after {CARD_ANSWERS} callbacks answered with 25 KiB cards:");
    println!(
        "  resident set {before} KiB -> {after} KiB (+{} KiB)",
        after.saturating_sub(before)
    );

    let v2 = core_cost(&single, Envelope::Schema2, true);
    let legacy = core_cost(&single, Envelope::Legacy, false);
    println!("core (verify + decrypt + route + answer), per callback, one thread:");
    println!(
        "  card.action.trigger, encrypted + SHA-256: {:>8.2} µs",
        v2.as_secs_f64() * 1e6
    );
    println!(
        "  legacy, SHA-1:                            {:>8.2} µs",
        legacy.as_secs_f64() * 1e6
    );

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let full = serve(axum::Router::new().route("/callback", post_handler(Arc::new(endpoint())))).await;
        let bare = serve(axum::Router::new().route(
            "/callback",
            post(|| async { ([(header::CONTENT_TYPE, "application/json; charset=utf-8")], "{}") }),
        ))
        .await;
        let total = CONNECTIONS * PER_CONNECTION;
        // Warm both servers up once so that neither pays for first-connection setup.
        throughput(&bare, requests(Envelope::Schema2, true, 200, SystemTime::now())).await;
        let bare_rate = throughput(&bare, requests(Envelope::Schema2, true, total, SystemTime::now())).await;
        let full_rate = throughput(&full, requests(Envelope::Schema2, true, total, SystemTime::now())).await;
        println!("loopback, {CONNECTIONS} keep-alive connections, {total} encrypted signed callbacks in total:");
        println!("  bare axum handler answering {{}}:       {bare_rate:>10.0} req/s ({:.1} µs/req)", 1e6 / bare_rate);
        println!("  callback endpoint (verify..answer):    {full_rate:>10.0} req/s ({:.1} µs/req)", 1e6 / full_rate);
        println!("  throughput ratio endpoint / bare:      {:>10.3}", full_rate / bare_rate);
        println!(
            "  core CPU per callback / bare round trip (per connection): {:.3}",
            v2.as_secs_f64() / (CONNECTIONS as f64 / bare_rate)
        );
        let config = CallbackConfig::new(TOKEN).encrypt_key(KEY).body_timeout(BODY_DEADLINE);
        let endpoint = CallbackEndpoint::new(config, Dispatcher::new(card_runtime::callback::Handlers::new()).unwrap());
        let addr = serve(axum::Router::new().route("/callback", post_handler(Arc::new(endpoint)))).await;
        let before = rss_kib();
        println!("{STALLED} clients stalled half-way through 1 MiB bodies (body deadline {BODY_DEADLINE:?}, default cap of 256 connections):");
        println!("  resident set before:                   {before:>10} KiB");
        for round in 1..=3 {
            let held = stalled_memory(&addr).await;
            println!(
                "  round {round} held (previous rounds cut):  {held:>10} KiB (+{} KiB)",
                held.saturating_sub(before)
            );
        }
    });
}
