//! Retries, backoff, idempotency and pacing against the emulator's limits and faults.

use std::time::Duration;

use card_emulator::{Emulator, Limits};
use card_runtime::{Card, Client, Clock, Error, PacingLimits, ReceiveId, RetryPolicy, Webhook};
use serde_json::json;

mod client_support;
use client_support::{client, emulator, fast_retry, send_to_chat};

fn card() -> Card {
    Card::from_json_unchecked(
        json!({"config": {"update_multi": true}, "elements": [{"tag": "hr"}]}),
    )
}

async fn setup(limits: Limits, pacing: PacingLimits, retry: RetryPolicy) -> (Emulator, Client) {
    let clock = Clock::system();
    let emulator = emulator(&clock, limits)
        .webhook("hook", None::<String>)
        .start()
        .await
        .unwrap();
    let client = client(&emulator, &clock)
        .timeout(Duration::from_secs(5))
        .retry(retry)
        .pacing(pacing)
        .build()
        .unwrap();
    (emulator, client)
}

async fn send_all(client: &Client, chats: &[&str]) -> Vec<Result<String, Error>> {
    let tasks: Vec<_> = chats
        .iter()
        .map(|chat| {
            let (client, to) = (client.clone(), ReceiveId::chat_id(*chat));
            tokio::spawn(async move {
                client
                    .messages()
                    .send_card(to, &card())
                    .send()
                    .await
                    .map(|m| m.message_id)
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    results
}

#[tokio::test]
async fn server_errors_are_retried_with_the_same_uuid() {
    let (emulator, client) =
        setup(Limits::unlimited(), PacingLimits::unlimited(), fast_retry()).await;
    send_to_chat(&client, "oc_1", &card()).await.unwrap();
    emulator.fail_next(3, 503);
    client
        .messages()
        .send_card(ReceiveId::chat_id("oc_1"), &card())
        .uuid("u-1")
        .send()
        .await
        .unwrap();
    let stats = emulator.stats();
    assert_eq!(stats.faults_injected, 3);
    assert_eq!(stats.messages_created, 2);
    assert_eq!(emulator.messages()[1].uuid.as_deref(), Some("u-1"));
}

#[tokio::test]
async fn a_lost_response_is_retried_without_a_duplicate() {
    let (emulator, client) =
        setup(Limits::unlimited(), PacingLimits::unlimited(), fast_retry()).await;
    send_to_chat(&client, "oc_1", &card()).await.unwrap();
    // The server creates the message, then the connection drops: only the uuid saves us.
    emulator.drop_next(1);
    let sent = send_to_chat(&client, "oc_1", &card()).await.unwrap();
    let stats = emulator.stats();
    assert_eq!(stats.messages_created, 2);
    assert_eq!(stats.duplicates_suppressed, 1);
    assert_eq!(emulator.messages()[1].message_id, sent.message_id);
}

#[tokio::test]
async fn a_timed_out_call_is_retried_without_a_duplicate() {
    let clock = Clock::system();
    let emulator = emulator(&clock, Limits::unlimited()).start().await.unwrap();
    let client = client(&emulator, &clock)
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    send_to_chat(&client, "oc_1", &card()).await.unwrap();
    emulator.delay_next(1, Duration::from_millis(600));
    send_to_chat(&client, "oc_1", &card()).await.unwrap();
    // The delayed attempt created the message; its retry (or, on a very loaded machine,
    // retries) found the uuid. Exactly two messages exist either way.
    assert_eq!(emulator.stats().messages_created, 2);
    assert!(emulator.stats().duplicates_suppressed >= 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_under_load_lose_and_duplicate_nothing() {
    let (emulator, client) =
        setup(Limits::unlimited(), PacingLimits::unlimited(), fast_retry()).await;
    send_to_chat(&client, "oc_0", &card()).await.unwrap();
    emulator.drop_next(5);
    let chats: Vec<String> = (0..40).map(|i| format!("oc_{}", i % 8)).collect();
    let chats: Vec<&str> = chats.iter().map(String::as_str).collect();
    let mut ids: Vec<String> = send_all(&client, &chats)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 40, "every send got its own message");
    let mut recorded: Vec<String> = emulator
        .messages()
        .into_iter()
        .map(|m| m.message_id)
        .collect();
    recorded.sort();
    recorded.dedup();
    assert_eq!(recorded.len(), 41, "no lost and no duplicated message");
    assert_eq!(emulator.stats().duplicates_suppressed, 5);
}

#[tokio::test]
async fn errors_a_retry_cannot_fix_are_not_retried() {
    let (emulator, client) =
        setup(Limits::unlimited(), PacingLimits::unlimited(), fast_retry()).await;
    let err = send_to_chat(&client, "bad", &card()).await.unwrap_err();
    assert_eq!(err.api().map(|e| e.code()), Some(230_034));
    assert_eq!(emulator.stats().api_requests, 1);
}

#[tokio::test]
async fn retries_stop_at_the_policy_limit() {
    let (emulator, client) = setup(
        Limits::unlimited(),
        PacingLimits::unlimited(),
        fast_retry().max_retries(2),
    )
    .await;
    send_to_chat(&client, "oc_1", &card()).await.unwrap();
    emulator.fail_next(10, 502);
    let err = send_to_chat(&client, "oc_1", &card()).await.unwrap_err();
    assert_eq!(err.api().map(|e| e.status()), Some(502));
    assert_eq!(
        emulator.stats().faults_injected,
        3,
        "first attempt and two retries"
    );
}

#[tokio::test]
async fn webhook_is_not_retried_after_an_ambiguous_failure() {
    let (emulator, _) = setup(Limits::unlimited(), PacingLimits::unlimited(), fast_retry()).await;
    emulator.fail_next(1, 500);
    let hook = Webhook::new(emulator.webhook_url("hook")).retry(fast_retry());
    let err = hook.send_card(&card()).await.unwrap_err();
    assert_eq!(err.api().map(|e| e.status()), Some(500));
    hook.send_card(&card()).await.unwrap();
    assert_eq!(emulator.stats().messages_created, 1);
}

#[tokio::test]
async fn app_rate_limit_is_backed_off_as_the_reset_header_says() {
    let mut limits = Limits::unlimited();
    limits.app_per_second = 2;
    let (emulator, client) = setup(limits, PacingLimits::unlimited(), fast_retry()).await;
    let results = send_all(&client, &["oc_1", "oc_2", "oc_3"]).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let stats = emulator.stats();
    assert_eq!(stats.messages_created, 3);
    assert!(
        stats.app_rate_limited >= 1,
        "the burst tripped the limit: {stats:?}"
    );
}

#[tokio::test]
async fn chat_rate_limit_230020_is_backed_off() {
    let mut limits = Limits::unlimited();
    limits.per_chat_per_second = 1;
    let retry = RetryPolicy::default()
        .base_delay(Duration::from_millis(100))
        .max_retries(10);
    let (emulator, client) = setup(limits, PacingLimits::unlimited(), retry).await;
    let results = send_all(&client, &["oc_1", "oc_1"]).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(emulator.stats().messages_created, 2);
    assert!(emulator.stats().target_rate_limited >= 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pacing_queues_a_burst_within_the_limits() {
    let mut limits = Limits::unlimited();
    limits.app_per_second = 8;
    limits.per_chat_per_second = 3;
    // A wide margin absorbs scheduling delays on a loaded machine: this checks the pacer's
    // bookkeeping, not loopback latency.
    let pacing = PacingLimits::unlimited()
        .per_app_per_second(8)
        .per_receiver_per_second(3)
        .margin(Duration::from_millis(250));
    // No retries: every message must get through on its first attempt.
    let (emulator, client) = setup(limits, pacing, RetryPolicy::none()).await;
    let chats = [
        "oc_a", "oc_a", "oc_a", "oc_a", "oc_a", "oc_b", "oc_b", "oc_c", "oc_d", "oc_e",
    ];
    let results = send_all(&client, &chats).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let stats = emulator.stats();
    assert_eq!(stats.messages_created, 10);
    assert_eq!((stats.app_rate_limited, stats.target_rate_limited), (0, 0));
}

#[tokio::test]
async fn patches_are_paced_per_message() {
    let mut limits = Limits::unlimited();
    limits.per_message_per_second = 2;
    let pacing = PacingLimits::unlimited()
        .per_message_per_second(2)
        .margin(Duration::from_millis(250));
    let (emulator, client) = setup(limits, pacing, RetryPolicy::none()).await;
    let sent = send_to_chat(&client, "oc_1", &card()).await.unwrap();
    let tasks: Vec<_> = (0..3)
        .map(|_| {
            let (client, id) = (client.clone(), sent.message_id.clone());
            tokio::spawn(async move { client.messages().update_card(id, &card()).send().await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(emulator.message(&sent.message_id).unwrap().updates, 3);
    assert_eq!(emulator.stats().target_rate_limited, 0);
}
