//! Streaming benchmark: `StreamingCard` against the emulator with Feishu's limits (10 writes
//! per second per card, 50 per second per app).
//!
//! ```text
//! cargo bench -p card-emulator --bench streaming
//! ```
//!
//! Prints, for one card and for five cards at once (5 × 10/s = the app's 50/s): the writes per
//! second each card achieved against the allowed 10/s, and refusals (must be 0); the delay from
//! a pushed delta to the emulator storing a text that contains it (p50/p90/p99/max); and the
//! memory of an idle writer (its task and state; the text it holds comes on top, at most
//! 100,000 characters plus one copy while a write is in flight).

use std::time::Duration;

use card_emulator::{Emulator, Limits};
use card_runtime::{Card, Client, Clock, PacingLimits, RetryPolicy, StreamingCard};
use serde_json::json;

/// The process's resident memory in bytes (Linux `/proc/self/status`; 0 elsewhere). The
/// workspace forbids `unsafe`, so no counting allocator: the resident growth over many
/// writers, divided by their number, stands for one writer.
fn resident_bytes() -> i64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmRSS:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<i64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// Seconds each producer pushes for.
const SECONDS: u64 = 10;
/// A delta every 5 ms: 200 per second, twenty times what a card may take.
const PUSH_EVERY: Duration = Duration::from_millis(5);

fn card() -> Card {
    Card::from_json_unchecked(json!({
        "schema": "2.0",
        "config": {"streaming_mode": true},
        "body": {"elements": [{"tag": "markdown", "element_id": "answer", "content": "..."}]}
    }))
}

async fn setup(limits: Limits, pacing: PacingLimits) -> (Emulator, Client, Clock) {
    let clock = Clock::system();
    let emulator = Emulator::builder()
        .clock(clock.clone())
        .limits(limits)
        .start()
        .await
        .expect("bind 127.0.0.1");
    let client = Client::builder(emulator.app_id(), emulator.app_secret())
        .base_url(emulator.url())
        .clock(clock.clone())
        .retry(RetryPolicy::default())
        .pacing(pacing)
        .build()
        .expect("client");
    (emulator, client, clock)
}

fn percentile(sorted: &[u64], p: f64) -> u64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// Streams into `cards` cards at once for `SECONDS`; prints rate and delays.
async fn rate_and_delay(cards: usize) {
    let (emulator, client, clock) = setup(Limits::feishu(), PacingLimits::feishu()).await;
    let mut producers = Vec::new();
    for _ in 0..cards {
        let entity = client.cardkit().create(&card()).await.expect("create");
        let card_id = entity.card_id().to_owned();
        let writer = StreamingCard::new(entity, "answer").expect("writer");
        let clock = clock.clone();
        producers.push(tokio::spawn(async move {
            // (text length after the push, push time in ms) per delta.
            let mut pushes = Vec::new();
            let mut length = 0;
            let mut tick = tokio::time::interval(PUSH_EVERY);
            let started = clock.now();
            while clock.now() - started < Duration::from_secs(SECONDS) {
                tick.tick().await;
                writer.push("word ").expect("push");
                length += 5;
                pushes.push((length, clock.now().as_millis() as u64));
            }
            let stats = writer.finish(None).await.expect("finish");
            (card_id, pushes, stats, started)
        }));
    }
    let mut rates = Vec::new();
    let mut delays = Vec::new();
    for producer in producers {
        let (card_id, pushes, _stats, started) = producer.await.expect("producer");
        let stored = emulator.card_entity(&card_id).expect("entity");
        let history = &stored.history;
        // Writes during the producer's seconds (the last flush after it is left out).
        let start_ms = started.as_millis() as u64;
        let end_ms = start_ms + SECONDS * 1000;
        let in_window = history
            .iter()
            .filter(|t| t.at_ms >= start_ms && t.at_ms < end_ms)
            .count();
        rates.push(in_window as f64 / SECONDS as f64);
        let mut next = 0;
        for (length, pushed_ms) in pushes {
            while next < history.len() && history[next].content.len() < length {
                next += 1;
            }
            if let Some(text) = history.get(next) {
                delays.push(text.at_ms.saturating_sub(pushed_ms));
            }
        }
    }
    delays.sort_unstable();
    let refused: u64 = emulator.cardkit_refusals().values().sum();
    let mean = rates.iter().sum::<f64>() / rates.len() as f64;
    let min = rates.iter().copied().fold(f64::INFINITY, f64::min);
    println!(
        "{cards} card(s), {SECONDS} s, a delta every {PUSH_EVERY:?}: writes/s per card mean {mean:.2} min {min:.2} \
         of 10 allowed ({:.1}% of the limit at the mean); refused {refused}; app rate-limited {}",
        mean * 10.0,
        emulator.stats().app_rate_limited
    );
    println!(
        "  delta -> stored text delay: p50 {} ms, p90 {} ms, p99 {} ms, max {} ms ({} deltas)",
        percentile(&delays, 0.50),
        percentile(&delays, 0.90),
        percentile(&delays, 0.99),
        delays.last().copied().unwrap_or(0),
        delays.len()
    );
}

/// Resident bytes per idle writer (its state and task), over `n` writers.
async fn memory_per_writer(n: usize) {
    let (_emulator, client, _) = setup(Limits::unlimited(), PacingLimits::unlimited()).await;
    let entities: Vec<_> = (0..n)
        .map(|i| client.cardkit().entity(format!("7{i:018}"), 0))
        .collect();
    tokio::task::yield_now().await;
    let before = resident_bytes();
    let writers: Vec<StreamingCard> = entities
        .into_iter()
        .map(|entity| StreamingCard::new(entity, "answer").expect("writer"))
        .collect();
    // Let every task reach its first wait.
    for _ in 0..4 {
        tokio::task::yield_now().await;
    }
    let after = resident_bytes();
    println!(
        "memory: {} bytes per idle writer ({n} writers); the text pushed comes on top (bounded at 100,000 characters)",
        (after - before) / n as i64
    );
    drop(writers);
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        rate_and_delay(1).await;
        rate_and_delay(5).await;
        memory_per_writer(20_000).await;
    });
}
