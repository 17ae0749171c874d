//! A hung or failing token endpoint: one fetch in flight, its failure shared with every
//! waiting send, a backoff before the next fetch, and each caller's deadline kept.

use std::time::{Duration, Instant};

use card_runtime::{Card, Client, Error, PacingLimits, ReceiveId, RetryPolicy};
use serde_json::json;

#[path = "client_support/raw.rs"]
mod raw;
use raw::{Reply, response};

const TOKEN_PATH: &str = "/open-apis/auth/v3/tenant_access_token/internal";
const QUEUED: usize = 100;

fn card() -> Card {
    Card::from_json_unchecked(json!({"elements": [{"tag": "hr"}]}))
}

fn client(url: &str) -> card_runtime::ClientBuilder {
    Client::builder("cli_raw", "secret")
        .base_url(url)
        .pacing(PacingLimits::unlimited())
        .retry(
            RetryPolicy::default()
                .base_delay(Duration::from_millis(1))
                .max_delay(Duration::from_millis(20)),
        )
}

/// Sends `QUEUED` cards at once; each result with how long its caller waited.
async fn queued_sends(client: &Client) -> Vec<(Result<(), Error>, Duration)> {
    let card = card();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..QUEUED {
        let client = client.clone();
        let card = card.clone();
        tasks.spawn(async move {
            let started = Instant::now();
            let result = client
                .messages()
                .send_card(ReceiveId::chat_id(format!("oc_{i}")), &card)
                .send()
                .await
                .map(drop);
            (result, started.elapsed())
        });
    }
    tasks.join_all().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hung_token_endpoint_costs_each_caller_one_timeout_not_the_queue() {
    let server = raw::serve(|request| {
        assert_eq!(request.path, TOKEN_PATH, "no send without a token");
        Reply::Hang
    })
    .await;
    let client = client(&server.url)
        .timeout(Duration::from_millis(900))
        .build()
        .unwrap();
    let results = queued_sends(&client).await;
    for (result, waited) in &results {
        let err = result.as_ref().unwrap_err();
        assert!(err.uuid().is_some(), "{err:?}");
        assert!(matches!(err.cause(), Error::Token(_)), "{err:?}");
        assert!(err.is_timeout() && err.is_refused(), "{err:?}");
        // One fetch's timeout (0.9 s) plus scheduling; serialized fetches took 90 s.
        assert!(*waited < Duration::from_secs(5), "waited {waited:?}");
    }
    // One fetch, then the backoff absorbs every retry of every call.
    assert_eq!(server.hits(TOKEN_PATH).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_caller_gets_a_typed_error_at_its_own_deadline() {
    let server = raw::serve(|_| Reply::Hang).await;
    let client = client(&server.url)
        .timeout(Duration::from_secs(30))
        .deadline(Duration::from_millis(300))
        .build()
        .unwrap();
    let results = queued_sends(&client).await;
    for (result, waited) in &results {
        let err = result.as_ref().unwrap_err();
        // Waiting for a token sends nothing: the deadline's error says so.
        assert!(
            matches!(
                err.cause(),
                Error::Deadline {
                    maybe_delivered: false,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(err.is_refused() && err.uuid().is_some(), "{err:?}");
        // The 0.3 s deadline plus scheduling on a loaded machine.
        assert!(*waited < Duration::from_secs(3), "waited {waited:?}");
    }
    assert_eq!(server.hits(TOKEN_PATH).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_token_endpoint_gets_a_bounded_number_of_requests() {
    let server = raw::serve(|_| {
        Reply::Bytes(response(
            200,
            r#"{"code":10014,"msg":"app secret invalid"}"#,
            &[],
        ))
    })
    .await;
    let client = client(&server.url).build().unwrap();
    let started = Instant::now();
    let results = queued_sends(&client).await;
    let elapsed = started.elapsed();
    for (result, _) in &results {
        let err = result.as_ref().unwrap_err();
        assert_eq!(err.api().map(|api| api.code()), Some(10014), "{err:?}");
        assert!(matches!(err.cause(), Error::Token(_)) && err.is_refused());
    }
    // Before: each call fetched on its own, 600 requests in 109 ms. Now one fetch, and at
    // most one more per backoff (500 ms, doubling) while the calls ran.
    let allowed = 1 + (elapsed.as_millis() / 500) as usize;
    let hits = server.hits(TOKEN_PATH).len();
    assert!(
        hits <= allowed,
        "{hits} token requests in {elapsed:?}, allowed {allowed}"
    );
}

#[tokio::test]
async fn a_transient_token_failure_is_retried_after_the_backoff() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let fetches = std::sync::Arc::new(AtomicUsize::new(0));
    let counter = fetches.clone();
    let server = raw::serve(move |request| {
        if request.path == TOKEN_PATH {
            if counter.fetch_add(1, Ordering::Relaxed) == 0 {
                return Reply::Bytes(response(503, "<html>busy</html>", &[]));
            }
            return raw::token_ok();
        }
        raw::ok(r#"{"message_id":"om_1"}"#)
    })
    .await;
    // Retries long enough to outlast the 500 ms token backoff.
    let client = client(&server.url)
        .retry(
            RetryPolicy::default()
                .base_delay(Duration::from_millis(300))
                .max_delay(Duration::from_millis(600)),
        )
        .build()
        .unwrap();
    let sent = client
        .messages()
        .send_card(ReceiveId::chat_id("oc_1"), &card())
        .send()
        .await
        .unwrap();
    assert_eq!(sent.message_id, "om_1");
    assert_eq!(fetches.load(Ordering::Relaxed), 2);
}
