//! The replay and duplicate memory is bounded by time, not by a count that a busy app outruns:
//! a replay inside the window is refused however many callbacks came between, a full memory
//! refuses new callbacks rather than forgetting, and answers are kept within a byte budget.

mod callback_support;

use std::sync::atomic::Ordering;
use std::time::Duration;

use callback_support::*;
use card_runtime::callback::{CallbackEndpoint, CallbackRequest, DispatchConfig, Reply};
use serde_json::json;

fn send(endpoint: &CallbackEndpoint, signed: &Signed, runtime: &tokio::runtime::Runtime) -> Reply {
    runtime.block_on(endpoint.handle_at(&signed.request(), now()))
}

/// Click `i`: its own event id and nonce; its value is one of the twenty keys the support
/// handler routes (`k0`..`k19`), so the answer names `k{i % 20}`.
fn click(i: usize) -> Signed {
    let mut event = v2_fixture();
    event["header"]["event_id"] = json!(format!("ev-{i}"));
    event["event"]["action"]["value"] = json!({"key": format!("k{}", i % 20)});
    Signed::v2_encrypted(&event, &format!("nonce-{i}"))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
}

/// 4,500 callbacks in one second (the old memory held 4,096), then the first one again: still
/// inside the timestamp window, so it must be refused, and its handler not run again.
#[test]
fn a_replay_inside_the_window_is_refused_after_thousands_of_callbacks() {
    let runtime = runtime();
    let (endpoint, runs) = endpoint(config());
    let clicks: Vec<Signed> = (0..4_500).map(click).collect();
    for signed in &clicks {
        assert_eq!(send(&endpoint, signed, &runtime).status(), 200);
    }
    assert_eq!(send(&endpoint, &clicks[0], &runtime).status(), 409);
    // Re-signed (new nonce, same event id): a redelivery, answered from memory.
    let mut event = v2_fixture();
    event["header"]["event_id"] = json!("ev-0");
    event["event"]["action"]["value"] = json!({"key": "k0"});
    let redelivery = Signed::v2_encrypted(&event, "another-nonce");
    let reply = send(&endpoint, &redelivery, &runtime);
    assert_eq!(reply.status(), 200);
    assert_eq!(
        body_json(&reply)["card"]["data"]["elements"][0]["text"]["content"],
        "k0"
    );
    assert_eq!(runs.load(Ordering::SeqCst), 4_500);
}

/// A full memory refuses new callbacks (`503`) and keeps what it has: the replay it would have
/// forgotten to make room is still caught.
#[test]
fn a_full_memory_refuses_new_callbacks_and_keeps_catching_replays() {
    let runtime = runtime();
    let (endpoint, runs) = endpoint(config().dedupe_capacity(3));
    for i in 0..3 {
        assert_eq!(send(&endpoint, &click(i), &runtime).status(), 200);
    }
    let reply = send(&endpoint, &click(3), &runtime);
    assert_eq!(
        reply.status(),
        503,
        "{}",
        String::from_utf8_lossy(reply.body())
    );
    assert_eq!(send(&endpoint, &click(0), &runtime).status(), 409);
    assert_eq!(runs.load(Ordering::SeqCst), 3);
}

/// Answers beyond the byte budget are dropped, oldest first; a redelivery of a click whose
/// answer was dropped gets `{}` and its handler still does not run twice.
#[test]
fn answers_past_the_budget_are_dropped_without_running_handlers_twice() {
    let runtime = runtime();
    let (endpoint, runs) =
        endpoint_with(config(), DispatchConfig::new().answer_memory_bytes(1_000));
    for i in 0..20 {
        assert_eq!(send(&endpoint, &click(i), &runtime).status(), 200);
    }
    let redeliver = |i: usize| {
        let mut event = v2_fixture();
        event["header"]["event_id"] = json!(format!("ev-{i}"));
        event["event"]["action"]["value"] = json!({"key": format!("k{i}")});
        Signed::v2_encrypted(&event, &format!("again-{i}"))
    };
    let oldest = send(&endpoint, &redeliver(0), &runtime);
    assert_eq!((oldest.status(), body_json(&oldest)), (200, json!({})));
    let newest = send(&endpoint, &redeliver(19), &runtime);
    assert_eq!(
        body_json(&newest)["card"]["data"]["elements"][0]["text"]["content"],
        "k19"
    );
    assert_eq!(runs.load(Ordering::SeqCst), 20);
}

/// Delivery ids are kept for the delivery retention, then forgotten: a click delivered again
/// after that is handled afresh.
#[test]
fn delivery_ids_leave_the_memory_by_time() {
    let runtime = runtime();
    let retention = Duration::from_secs(3600);
    let (endpoint, runs) = endpoint_with(
        config().timestamp_window(None),
        DispatchConfig::new().delivery_retention(retention),
    );
    let request = |signed: &Signed, at| {
        let request: CallbackRequest<'_> = signed.request();
        runtime.block_on(endpoint.handle_at(&request, at))
    };
    assert_eq!(request(&click(1), now()).status(), 200);
    let mut event = v2_fixture();
    event["header"]["event_id"] = json!("ev-1");
    event["event"]["action"]["value"] = json!({"key": "k1"});
    let again = Signed::v2_encrypted(&event, "later");
    assert_eq!(request(&again, now() + retention / 2).status(), 200);
    assert_eq!(runs.load(Ordering::SeqCst), 1, "inside the retention");
    let again = Signed::v2_encrypted(&event, "much-later");
    assert_eq!(request(&again, now() + retention).status(), 200);
    assert_eq!(runs.load(Ordering::SeqCst), 2, "past the retention");
}
