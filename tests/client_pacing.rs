//! The pacer's bounds: a full queue is a typed error at once, and a rate-limit reset of an
//! hour neither stalls a call for hours nor outlives the caller's deadline.

use std::time::{Duration, Instant};

use card_runtime::{Card, Client, Error, PacingLimits, ReceiveId, RetryPolicy};
use serde_json::json;

#[path = "client_support/raw.rs"]
mod raw;
use raw::{Reply, response};

fn card() -> Card {
    Card::from_json_unchecked(json!({"elements": [{"tag": "hr"}]}))
}

async fn ok_server() -> raw::RawServer {
    raw::serve(|r| {
        if r.path.contains("tenant_access_token") {
            return raw::token_ok();
        }
        raw::ok(r#"{"message_id":"om_1"}"#)
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_queue_refuses_at_once_with_a_typed_error() {
    let server = ok_server().await;
    let client = Client::builder("cli_raw", "secret")
        .base_url(&server.url)
        .retry(RetryPolicy::none())
        // One request a second: the first goes, ten wait, the rest find the queue full.
        .pacing(
            PacingLimits::unlimited()
                .per_app_per_second(1)
                .max_queued(10),
        )
        .build()
        .unwrap();
    let card = card();
    let mut sends = tokio::task::JoinSet::new();
    for i in 0..30 {
        let client = client.clone();
        let card = card.clone();
        sends.spawn(async move {
            client
                .messages()
                .send_card(ReceiveId::chat_id(format!("oc_{i}")), &card)
                .send()
                .await
        });
    }
    let started = Instant::now();
    let mut full = 0;
    let mut delivered = 0;
    // Bounded: 19 refusals arrive at once and one send goes immediately.
    while full + delivered < 20 && started.elapsed() < Duration::from_secs(5) {
        let Ok(Some(result)) =
            tokio::time::timeout(Duration::from_secs(5), sends.join_next()).await
        else {
            break;
        };
        match result.unwrap() {
            Ok(_) => delivered += 1,
            Err(err) => {
                assert!(
                    matches!(err.cause(), Error::QueueFull { limit: 10 }),
                    "{err:?}"
                );
                assert!(err.is_refused() && err.uuid().is_some());
                full += 1;
            }
        }
    }
    sends.abort_all();
    assert_eq!((full, delivered), (19, 1));
    assert!(
        started.elapsed() < Duration::from_millis(900),
        "refused at once"
    );
}

#[tokio::test]
async fn an_hour_long_reset_ends_at_the_callers_deadline() {
    let server = raw::serve(|r| {
        if r.path.contains("tenant_access_token") {
            return raw::token_ok();
        }
        Reply::Bytes(response(
            429,
            r#"{"code":99991400,"msg":"request trigger frequency limit"}"#,
            &[("x-ogw-ratelimit-reset", "3600")],
        ))
    })
    .await;
    let client = Client::builder("cli_raw", "secret")
        .base_url(&server.url)
        .pacing(PacingLimits::unlimited())
        .deadline(Duration::from_secs(5))
        .build()
        .unwrap();
    let started = Instant::now();
    let result = tokio::time::timeout(
        Duration::from_secs(10),
        client
            .messages()
            .send_card(ReceiveId::chat_id("oc_1"), &card())
            .send(),
    )
    .await
    .expect("the call returned instead of sleeping for the hour");
    let err = result.unwrap_err();
    assert!(
        err.api().is_some_and(|api| api.is_rate_limited()),
        "{err:?}"
    );
    assert!(err.is_refused(), "{err:?}");
    // The capped wait (a minute) is past the deadline, so no retry was even started.
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(server.hits("/open-apis/im/v1/messages").len(), 1);
}
