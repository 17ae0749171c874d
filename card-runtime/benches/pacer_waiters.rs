//! Pacer benchmark: 20 000 sends to 20 000 different receivers queued at once behind Feishu's
//! 50/s app limit. Prints the delivery rate while they wait, the CPU the process burns (a
//! pacer that polls wakes every waiter each time a slot frees), and the memory per waiter.
//!
//! ```text
//! cargo bench -p card-runtime --bench pacer_waiters
//! ```
//!
//! The server is a minimal keep-alive HTTP/1.1 responder on 127.0.0.1 in the same process, so
//! the CPU figure includes serving 50 requests a second (negligible next to polling).

use std::time::{Duration, Instant};

use card_runtime::{Card, Client, PacingLimits, ReceiveId, RetryPolicy};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const WAITERS: usize = 20_000;
const MEASURE: Duration = Duration::from_secs(10);

/// Process CPU time (user + system) from `/proc/self/stat`, in clock ticks of 10 ms.
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

/// Resident set size in KiB from `/proc/self/status`.
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|line| line.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

async fn serve_connection(mut stream: TcpStream) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let head_end = loop {
            if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|line| line.strip_prefix("content-length:"))
            .and_then(|value| value.trim().parse().ok())
            .unwrap_or(0);
        while buf.len() < head_end + length {
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        let body = if head.contains("tenant_access_token") {
            r#"{"code":0,"msg":"ok","tenant_access_token":"t-bench","expire":7200}"#
        } else {
            r#"{"code":0,"msg":"success","data":{"message_id":"om_bench"}}"#
        };
        let answer = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(answer.as_bytes()).await?;
        buf.drain(..head_end + length);
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(serve_connection(stream));
        }
    });
    let client = Client::builder("cli_bench", "secret")
        .base_url(url)
        .retry(RetryPolicy::none())
        .pacing(
            PacingLimits::feishu()
                .per_app_per_minute(0)
                .max_queued(WAITERS),
        )
        .build()
        .unwrap();
    let card = Card::from_json_unchecked(
        json!({"elements": [{"tag": "div", "text": {"tag": "plain_text", "content": "hi"}}]}),
    );
    // The token first, so the measurement is of the pacer alone.
    client
        .messages()
        .send_card(ReceiveId::chat_id("oc_warm"), &card)
        .send()
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;

    let future_size = std::mem::size_of_val(
        &client
            .messages()
            .send_card(ReceiveId::chat_id("oc_size"), &card)
            .send(),
    );
    let rss_before = rss_kib().unwrap_or(0);
    let delivered = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..WAITERS {
        let client = client.clone();
        let card = card.clone();
        let delivered = delivered.clone();
        tasks.spawn(async move {
            let sent = client
                .messages()
                .send_card(ReceiveId::chat_id(format!("oc_{i}")), &card)
                .send()
                .await;
            if sent.is_ok() {
                delivered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        });
    }
    // Let every task reach the pacer, then measure a steady window.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_queued = rss_kib().unwrap_or(0);
    let start_count = delivered.load(std::sync::atomic::Ordering::Relaxed);
    let start_cpu = cpu_ticks().unwrap_or(0);
    let started = Instant::now();
    tokio::time::sleep(MEASURE).await;
    let elapsed = started.elapsed().as_secs_f64();
    let cpu = cpu_ticks().unwrap_or(0).saturating_sub(start_cpu) as f64 / 100.0;
    let count = delivered.load(std::sync::atomic::Ordering::Relaxed) - start_count;
    tasks.abort_all();

    println!("pacer, {WAITERS} sends to {WAITERS} receivers queued behind 50/s:");
    println!(
        "  delivered {count} in {elapsed:.1} s = {:.1}/s (limit 50/s)",
        count as f64 / elapsed
    );
    println!(
        "  CPU {cpu:.2} s in {elapsed:.1} s = {:.1} % of one core",
        100.0 * cpu / elapsed
    );
    println!(
        "  RSS {} KiB before, {} KiB queued: {:.0} bytes per waiting send (task, body, pacer)",
        rss_before,
        rss_queued,
        (rss_queued.saturating_sub(rss_before) * 1024) as f64 / WAITERS as f64
    );
    println!("  of which the send's future (state while waiting): {future_size} bytes");
}
