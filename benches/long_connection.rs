//! Click → handler → answer applied, over the long connection against HTTP on loopback, and the
//! time to resume after a dropped connection. A script-style benchmark: both transports run in
//! one process with the same emulator, card, handler and clicker, and the figures are printed
//! side by side.
//!
//! `cargo bench --bench long_connection` measures (sequential latency percentiles over 1,000
//! clicks, throughput of 5,000 clicks from 32 concurrent users, 30 resumes). Under `cargo test
//! --benches` it runs a few clicks of each kind only, as a check that the setup still works.
//!
//! What a click costs here: the emulator builds the callback (HTTP: signed with SHA-256 and
//! AES-encrypted, as Feishu does with an Encrypt Key; WebSocket: plaintext in one binary
//! frame), the app's dispatcher runs the handler, the answer travels back, and the emulator
//! validates the answered card and stores it. The resume figure excludes the server's random
//! jitter (`ReconnectNonce` set to 0): it is the client's detection, re-bootstrap and dial.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use card_emulator::{
    Button, CallbackApp, Click, Clicker, Emulator, Limits, LongConnectionConfig, WsFault,
};
use card_runtime::callback::axum::post_handler;
use card_runtime::callback::{
    ActionContext, CallbackConfig, CallbackEndpoint, CallbackResponse, CardValue, Dispatcher,
    Handlers, Route, Toast,
};
use card_runtime::ws::{ConnectionState, LongConnection};
use card_runtime::{Card, Client, ReceiveId};
use serde::Deserialize;
use serde_json::json;
use tokio::net::TcpListener;

const TOKEN: &str = "bench-verification-token";
const KEY: &str = "bench-encrypt-key";

#[derive(Deserialize)]
struct Approve {
    request: String,
}

impl CardValue for Approve {
    const ROUTE: Route = Route::tag("approve");
}

fn card(request: &str) -> Card {
    Card::from_json_unchecked(json!({"elements": [
        {"tag": "div", "text": {"tag": "plain_text", "content": format!("请审批 {request}")}},
        {"tag": "action", "actions": [{"tag": "button",
            "text": {"tag": "plain_text", "content": "批准"},
            "value": {"route": "approve", "request": request}, "type": "primary"}]}
    ]}))
}

fn dispatcher() -> Dispatcher {
    Dispatcher::new(
        Handlers::new().on(|value: Approve, _cx: ActionContext| async move {
            // The answered card keeps its button, so the same cards can be clicked again.
            CallbackResponse::card(card(&value.request)).with_toast(Toast::success("已批准"))
        }),
    )
    .expect("one route")
}

struct Sizes {
    sequential: usize,
    concurrent: usize,
    users: usize,
    resumes: usize,
}

/// Clicks `message_ids` round-robin, `users` at a time; returns each click's latency.
async fn clicks(
    emulator: &Emulator,
    clicker: &Arc<Clicker>,
    message_ids: &[String],
    total: usize,
    users: usize,
) -> (Vec<Duration>, Duration) {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for user in 0..users {
        let (state, clicker) = (Arc::clone(emulator.state()), Arc::clone(clicker));
        let ids: Vec<String> = message_ids.to_vec();
        let count = total / users + usize::from(user < total % users);
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(count);
            for n in 0..count {
                let click = Click::new(&ids[(user + n * users) % ids.len()], Button::Index(0));
                let one = Instant::now();
                let outcome = clicker.click(&state, &click).await.expect("card exists");
                assert!(outcome.card_replaced, "click not applied: {outcome:?}");
                latencies.push(one.elapsed());
            }
            latencies
        }));
    }
    let mut all = Vec::with_capacity(total);
    for task in tasks {
        all.extend(task.await.expect("click task"));
    }
    (all, started.elapsed())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

struct Figures {
    p50: Duration,
    p90: Duration,
    p99: Duration,
    per_second: f64,
}

async fn measure(
    emulator: &Emulator,
    clicker: &Arc<Clicker>,
    ids: &[String],
    sizes: &Sizes,
) -> Figures {
    // Warm-up: connections, allocator, the card's first validation.
    clicks(emulator, clicker, ids, 20.min(sizes.sequential), 1).await;
    let (mut latencies, _) = clicks(emulator, clicker, ids, sizes.sequential, 1).await;
    latencies.sort_unstable();
    let (_, elapsed) = clicks(emulator, clicker, ids, sizes.concurrent, sizes.users).await;
    Figures {
        p50: percentile(&latencies, 0.50),
        p90: percentile(&latencies, 0.90),
        p99: percentile(&latencies, 0.99),
        per_second: sizes.concurrent as f64 / elapsed.as_secs_f64(),
    }
}

async fn send_cards(client: &Client, count: usize) -> Vec<String> {
    let mut ids = Vec::with_capacity(count);
    for n in 0..count {
        let sent = client
            .messages()
            .send_card(ReceiveId::open_id("ou_bench"), &card(&format!("R-{n}")))
            .send()
            .await
            .expect("send");
        ids.push(sent.message_id);
    }
    ids
}

async fn run(sizes: &Sizes) {
    let emulator = Emulator::builder()
        .limits(Limits::unlimited())
        .start()
        .await
        .expect("emulator");
    emulator.configure_long_connection(LongConnectionConfig {
        reconnect_nonce: 0,
        reconnect_interval: 1,
        ..LongConnectionConfig::default()
    });
    let client = Client::builder(emulator.app_id(), emulator.app_secret())
        .base_url(emulator.url())
        .build()
        .expect("client");
    let ids = send_cards(&client, 64).await;

    // HTTP: the callback endpoint on loopback, encrypted and signed callbacks.
    let endpoint = CallbackEndpoint::new(CallbackConfig::new(TOKEN).encrypt_key(KEY), dispatcher());
    let app = axum::Router::new().route("/callback", post_handler(Arc::new(endpoint)));
    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .expect("bind");
    let url = format!("http://{}/callback", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    let http_clicker = Clicker::new(CallbackApp::new(&url, TOKEN).encrypt_key(KEY)).expect("url");
    let http = measure(&emulator, &http_clicker, &ids, sizes).await;

    // Long connection: the same dispatcher type, one WebSocket.
    let connects = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&connects);
    let connection = LongConnection::new(emulator.app_id(), emulator.app_secret())
        .base_url(emulator.url())
        .on_state(move |state| {
            if state == ConnectionState::Connected {
                counter.fetch_add(1, Ordering::SeqCst);
            }
        })
        .start(dispatcher())
        .await
        .expect("long connection");
    let ws_clicker = Clicker::new(CallbackApp::long_connection(TOKEN)).expect("clicker");
    let ws = measure(&emulator, &ws_clicker, &ids, sizes).await;

    // Resume: drop, wait for the client's next `Connected`, then one click must be answered.
    let mut resumes = Vec::with_capacity(sizes.resumes);
    for _ in 0..sizes.resumes {
        let before = connects.load(Ordering::SeqCst);
        let started = Instant::now();
        emulator.inject_ws(WsFault::DropConnections);
        while connects.load(Ordering::SeqCst) == before {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "no resume within 10 s"
            );
            tokio::time::sleep(Duration::from_micros(200)).await;
        }
        let outcome = ws_clicker
            .click(emulator.state(), &Click::new(&ids[0], Button::Index(0)))
            .await
            .expect("card");
        assert!(
            outcome.card_replaced,
            "first click after the resume: {outcome:?}"
        );
        resumes.push(started.elapsed());
    }
    resumes.sort_unstable();
    connection.close().await.expect("close");

    println!(
        "click → handler → answer applied, loopback ({} sequential clicks; {} clicks by {} concurrent users)",
        sizes.sequential, sizes.concurrent, sizes.users
    );
    println!(
        "{:<28} {:>10} {:>10} {:>10} {:>14}",
        "transport", "p50", "p90", "p99", "clicks/s"
    );
    for (name, f) in [
        ("HTTP callback (encrypted)", &http),
        ("long connection", &ws),
    ] {
        println!(
            "{name:<28} {:>10.3?} {:>10.3?} {:>10.3?} {:>14.0}",
            f.p50, f.p90, f.p99, f.per_second
        );
    }
    println!(
        "resume after a dropped connection, first click answered (jitter 0; {} drops): median {:.1?}, max {:.1?}",
        resumes.len(),
        percentile(&resumes, 0.5),
        resumes.last().copied().unwrap_or_default()
    );
}

fn main() {
    let measuring = std::env::args().any(|arg| arg == "--bench");
    let sizes = if measuring {
        Sizes {
            sequential: 1000,
            concurrent: 5000,
            users: 32,
            resumes: 30,
        }
    } else {
        Sizes {
            sequential: 5,
            concurrent: 8,
            users: 2,
            resumes: 1,
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(&sizes));
}
