//! Chaos benchmark: cards sent through one `card_runtime::Client` while the emulator injects
//! each fault kind in turn, then the client's answers are compared with what the emulator
//! stored, by `uuid`. Then the emulator's memory after 60,000 messages.
//!
//! ```text
//! cargo bench -p card-emulator --bench chaos
//! ```
//!
//! Per round: 3,000 sends (64 in flight), the first 300 Open API calls of the round spoiled
//! by the fault (retries included). Columns: `lost` = the client said OK but nothing was
//! stored; `dup` = stored more than once; `err/deliv` = the client returned an error for a
//! send that was in fact stored (the app cannot know it must not resend); `err/none` = an
//! error for a send that was not stored (an honest failure).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

mod support;

use card_emulator::{Emulator, Fault, Limits};
use card_runtime::{Client, PacingLimits, ReceiveId, RetryPolicy};
use tokio::sync::Semaphore;

const SENDS: usize = 3_000;
const FAULTY_CALLS: u32 = 300;
const IN_FLIGHT: usize = 64;
const MEMORY_MESSAGES: usize = 60_000;
/// The client gives up on an answer after this; `Delay` and `Slow` go past it.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(1);
const LATE: Duration = Duration::from_millis(1_500);

async fn setup() -> (Emulator, Client) {
    let emulator = Emulator::builder()
        .limits(Limits::unlimited())
        .start()
        .await
        .expect("bind 127.0.0.1");
    let client = Client::builder(emulator.app_id(), emulator.app_secret())
        .base_url(emulator.url())
        .clock(emulator.clock().clone())
        .pacing(PacingLimits::unlimited())
        .retry(RetryPolicy::default())
        .timeout(CLIENT_TIMEOUT)
        .build()
        .expect("client");
    (emulator, client)
}

/// Sends `count` cards, `IN_FLIGHT` at a time; each uuid with whether the client said OK.
async fn send_all(
    client: &Client,
    prefix: &str,
    count: usize,
) -> Vec<(String, Result<(), String>)> {
    let gate = Arc::new(Semaphore::new(IN_FLIGHT));
    let tasks: Vec<_> = (0..count)
        .map(|i| {
            let client = client.clone();
            let gate = Arc::clone(&gate);
            let uuid = format!("{prefix}-{i}");
            tokio::spawn(async move {
                let _permit = gate.acquire_owned().await.expect("gate open");
                let card = support::card(i);
                let result = client
                    .messages()
                    .send_card(ReceiveId::chat_id(format!("oc_chaos_{:02}", i % 50)), &card)
                    .uuid(uuid.clone())
                    .send()
                    .await
                    .map(|_| ())
                    .map_err(|err| err.to_string());
                (uuid, result)
            })
        })
        .collect();
    let mut results = Vec::with_capacity(count);
    for task in tasks {
        results.push(task.await.expect("send task"));
    }
    results
}

async fn round(name: &str, fault: Fault) {
    let (emulator, client) = setup().await;
    // The token first, so that the round measures sends (token fetches are spoiled too when
    // a fault is pending, which the client must also survive, but that is another figure).
    let warm = client
        .messages()
        .send_card(ReceiveId::chat_id("oc_warm"), &support::card(0))
        .send()
        .await;
    assert!(warm.is_ok(), "warm-up send: {warm:?}");
    emulator.inject(fault, FAULTY_CALLS);
    let started = Instant::now();
    let results = send_all(&client, name, SENDS).await;
    let elapsed = started.elapsed();
    let mut stored: HashMap<String, usize> = HashMap::new();
    for message in emulator.messages() {
        if let Some(uuid) = message.uuid {
            *stored.entry(uuid).or_default() += 1;
        }
    }
    let (mut lost, mut dup, mut err_delivered, mut err_none) = (0, 0, 0, 0);
    let mut sample = None;
    for (uuid, result) in &results {
        let copies = stored.get(uuid).copied().unwrap_or(0);
        dup += copies.saturating_sub(1);
        match (result, copies) {
            (Ok(()), 0) => lost += 1,
            (Err(err), 0) => {
                err_none += 1;
                sample.get_or_insert(err.clone());
            }
            (Err(err), _) => {
                err_delivered += 1;
                sample.get_or_insert(err.clone());
            }
            (Ok(()), _) => {}
        }
    }
    let faults = emulator.stats().faults_injected;
    println!(
        "  {name:<18} {lost:>5} {dup:>5} {err_delivered:>10} {err_none:>9} {faults:>7} {:>7.2} s",
        elapsed.as_secs_f64()
    );
    if let Some(sample) = sample {
        println!("  {:<18} e.g. {sample}", "");
    }
}

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

async fn memory() {
    let (emulator, client) = setup().await;
    let before = rss_kib();
    let card_bytes = support::card(MEMORY_MESSAGES).as_value().to_string().len();
    let results = send_all(&client, "mem", MEMORY_MESSAGES).await;
    let failed = results.iter().filter(|(_, r)| r.is_err()).count();
    let after = rss_kib();
    let stored = emulator.stored_bytes();
    let kept = emulator.messages().len();
    println!(
        "memory: {MEMORY_MESSAGES} sends ({failed} failed) of ~{card_bytes}-byte cards, {kept} messages kept"
    );
    println!(
        "  emulator store          {:>8.1} MiB ({:.0} bytes per message, {:.2}x the card)",
        stored as f64 / (1024.0 * 1024.0),
        stored as f64 / kept.max(1) as f64,
        stored as f64 / kept.max(1) as f64 / card_bytes as f64
    );
    if let (Some(before), Some(after)) = (before, after) {
        println!(
            "  process RSS             {:>8.1} MiB before, {:.1} MiB after (client and emulator together)",
            before as f64 / 1024.0,
            after as f64 / 1024.0
        );
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // `cargo test --benches` runs this target too; the real run is `cargo bench`.
    if !std::env::args().any(|arg| arg == "--bench") {
        println!("chaos benchmark: run with `cargo bench -p card-emulator --bench chaos`");
        return;
    }
    println!(
        "chaos: {SENDS} sends per round, the first {FAULTY_CALLS} calls spoiled, client timeout {CLIENT_TIMEOUT:?}, default retries"
    );
    println!(
        "  {:<18} {:>5} {:>5} {:>10} {:>9} {:>7} {:>9}",
        "fault", "lost", "dup", "err/deliv", "err/none", "faults", "time"
    );
    let rounds = [
        ("fail 503", Fault::Fail { status: 503 }),
        ("429 reset 1 s", Fault::RateLimited { reset_secs: 1 }),
        ("200 code 230020", Fault::Code { code: 230_020 }),
        ("200 code 99991400", Fault::Code { code: 99_991_400 }),
        ("200 code 99991663", Fault::Code { code: 99_991_663 }),
        ("html 502", Fault::HtmlPage { status: 502 }),
        ("truncated before", Fault::TruncatedBefore),
        ("truncated after", Fault::TruncatedAfter),
        ("drop after", Fault::Drop),
        ("delay 1.5 s", Fault::Delay(LATE)),
        ("slow 1.5 s", Fault::Slow(LATE)),
    ];
    for (name, fault) in rounds {
        round(name, fault).await;
    }
    memory().await;
}
