//! Delivery benchmark: a burst of card messages through one paced `Client` against the
//! emulator with Feishu's limits scaled tenfold, next to the same burst from a naive loop.
//!
//! ```text
//! cargo bench -p card-emulator --bench delivery
//! ```
//!
//! Window semantics (the emulator enforces them, the pacer obeys them): a limit of N per W
//! admits a request arriving at t iff fewer than N requests were admitted in (t − W, t].
//! With 500/s, a burst of 5000 can at best finish 9 s after it starts (500 at t = 0, 1, …, 9),
//! so the ideal delivery rate is 5000 / 9 s; the documented ceiling is 500/s.

use std::collections::HashSet;
use std::time::{Duration, Instant};

mod support;

use card_emulator::{Emulator, Limits};
use card_runtime::{Client, Clock, PacingLimits, ReceiveId, RetryPolicy};

const MESSAGES: usize = 5000;
const CHATS: usize = 50;
const SCALE: u32 = 10;

fn to(i: usize) -> ReceiveId {
    ReceiveId::chat_id(format!("oc_bench_{:02}", i % CHATS))
}

async fn emulator(clock: &Clock) -> Emulator {
    Emulator::builder()
        .clock(clock.clone())
        .limits(Limits::feishu().scaled(SCALE))
        .start()
        .await
        .expect("bind 127.0.0.1")
}

fn client(emulator: &Emulator, clock: &Clock, pacing: PacingLimits, retry: RetryPolicy) -> Client {
    Client::builder(emulator.app_id(), emulator.app_secret())
        .base_url(emulator.url())
        .clock(clock.clone())
        .pacing(pacing)
        .retry(retry)
        .build()
        .expect("client")
}

async fn paced() {
    let clock = Clock::system();
    let emulator = emulator(&clock).await;
    let limits = Limits::feishu().scaled(SCALE);
    let pacing = PacingLimits::feishu()
        .per_app_per_second(limits.app_per_second)
        .per_app_per_minute(limits.app_per_minute)
        .per_receiver_per_second(limits.per_chat_per_second)
        .per_message_per_second(limits.per_message_per_second);
    let client = client(&emulator, &clock, pacing, RetryPolicy::default());
    let started = Instant::now();
    let tasks: Vec<_> = (0..MESSAGES)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move {
                let card = support::card(i);
                let result = client
                    .messages()
                    .send_card(to(i), &card)
                    .uuid(format!("bench-{i}"))
                    .send()
                    .await;
                (result, started.elapsed())
            })
        })
        .collect();
    let mut ok_ids = HashSet::new();
    let mut failed = 0;
    let mut last = Duration::ZERO;
    for task in tasks {
        let (result, at) = task.await.expect("task");
        match result {
            Ok(sent) => {
                ok_ids.insert(sent.message_id);
                last = last.max(at);
            }
            Err(err) => {
                failed += 1;
                eprintln!("paced send failed: {err}");
            }
        }
    }
    let recorded = emulator.messages();
    let uuids: HashSet<_> = recorded.iter().filter_map(|m| m.uuid.clone()).collect();
    let duplicated = recorded.len() - uuids.len();
    let lost = MESSAGES - uuids.len();
    let stats = emulator.stats();
    let ceiling = f64::from(limits.app_per_second);
    let rate = MESSAGES as f64 / last.as_secs_f64();
    // Fastest finish a sliding 1 s window allows: whole windows of `ceiling` back to back.
    let ideal = (MESSAGES as f64 / ceiling - 1.0).max(0.0);
    println!(
        "paced client: {MESSAGES} messages to {CHATS} chats, limits 500/s, 10000/min, 50/s per chat"
    );
    println!(
        "  last delivery after     {:>8.3} s (fastest the 1 s window allows: {ideal:.3} s)",
        last.as_secs_f64()
    );
    println!(
        "  delivered rate          {rate:>8.1} msg/s = {:.1}% of the 500/s ceiling",
        100.0 * rate / ceiling
    );
    println!("  sends ok / failed       {:>8} / {failed}", ok_ids.len());
    println!(
        "  recorded / lost / dup   {:>8} / {lost} / {duplicated}",
        recorded.len()
    );
    println!(
        "  server refusals         {:>8} app (429), {} per chat (230020); {} duplicates suppressed",
        stats.app_rate_limited, stats.target_rate_limited, stats.duplicates_suppressed
    );
}

async fn naive() {
    let clock = Clock::system();
    let emulator = emulator(&clock).await;
    // No pacing, no retries: what a plain `for` loop over the API does.
    let client = client(
        &emulator,
        &clock,
        PacingLimits::unlimited(),
        RetryPolicy::none(),
    );
    let started = Instant::now();
    let (mut ok, mut app_limited, mut chat_limited, mut other) = (0, 0, 0, 0);
    for i in 0..MESSAGES {
        let card = support::card(i);
        match client
            .messages()
            .send_card(to(i), &card)
            .uuid(format!("naive-{i}"))
            .send()
            .await
        {
            Ok(_) => ok += 1,
            Err(err) => match err.api().map(|api| api.code()) {
                Some(99_991_400) => app_limited += 1,
                Some(230_020) => chat_limited += 1,
                _ => other += 1,
            },
        }
    }
    let elapsed = started.elapsed();
    println!(
        "naive loop (sequential, no pacing, no retries): {MESSAGES} messages in {:.3} s",
        elapsed.as_secs_f64()
    );
    println!(
        "  delivered {ok}, failed {} ({app_limited} rate limited 429/99991400, {chat_limited} per chat 230020, {other} other)",
        MESSAGES - ok
    );
    println!("  recorded by the emulator {}", emulator.messages().len());
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // `cargo test --benches` runs this target too; the real run is `cargo bench`.
    if std::env::args().any(|arg| arg == "--bench") {
        paced().await;
        naive().await;
    } else {
        println!("delivery benchmark: run with `cargo bench -p card-emulator --bench delivery`");
    }
}
