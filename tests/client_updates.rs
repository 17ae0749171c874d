//! Ordered updates of one shared card (`CardUpdater`): one PATCH at a time, the latest state
//! winning, queued updates coalesced.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use card_runtime::{Card, CardUpdater, Client, PacingLimits, RetryPolicy};
use serde_json::{Value, json};

#[path = "client_support/raw.rs"]
mod raw;
use raw::{Reply, Request, response};

fn poll_card(votes: u32) -> Card {
    Card::from_json_unchecked(json!({
        "config": {"update_multi": true},
        "elements": [{"tag": "div", "text": {"tag": "plain_text", "content": votes.to_string()}}]
    }))
}

/// The vote count a PATCH carried.
fn votes_of(request: &Request) -> u32 {
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    let card: Value = serde_json::from_str(body["content"].as_str().unwrap()).unwrap();
    card["elements"][0]["text"]["content"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// A server whose PATCHes take a while, so that updates pile up behind one in flight.
async fn slow_server() -> raw::RawServer {
    raw::serve(|r| {
        if r.path.contains("tenant_access_token") {
            return raw::token_ok();
        }
        Reply::Delayed(
            Duration::from_millis(20),
            response(200, r#"{"code":0,"msg":"success","data":{}}"#, &[]),
        )
    })
    .await
}

fn client(url: &str) -> Client {
    Client::builder("cli_raw", "secret")
        .base_url(url)
        .pacing(PacingLimits::unlimited())
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_clicks_leave_the_latest_count_in_order() {
    let server = slow_server().await;
    let updater = CardUpdater::new(&client(&server.url));
    let votes = Arc::new(Mutex::new(0u32));
    let mut clicks = tokio::task::JoinSet::new();
    for _ in 0..40 {
        let updater = updater.clone();
        let votes = votes.clone();
        clicks.spawn(async move {
            // The handler's pattern: change the state and register its card under one lock.
            let applied = {
                let mut votes = votes.lock().unwrap();
                *votes += 1;
                updater.update("om_poll", poll_card(*votes))
            };
            applied.await
        });
    }
    for result in clicks.join_all().await {
        result.unwrap();
    }
    let patches: Vec<u32> = server
        .hits("/open-apis/im/v1/messages/om_poll")
        .iter()
        .map(votes_of)
        .collect();
    assert_eq!(patches.last(), Some(&40), "{patches:?}");
    assert!(
        patches.windows(2).all(|w| w[0] < w[1]),
        "in order: {patches:?}"
    );
    assert!(
        patches.len() < 40,
        "queued updates were coalesced: {patches:?}"
    );
    assert_eq!(
        format!("{updater:?}"),
        "CardUpdater { messages_in_progress: 0, .. }"
    );
}

#[tokio::test]
async fn updates_queued_behind_one_in_flight_send_only_the_newest() {
    let server = slow_server().await;
    let updater = CardUpdater::new(&client(&server.url));
    let futures: Vec<_> = (1..=10)
        .map(|votes| updater.update("om_1", poll_card(votes)))
        .collect();
    let other = updater.update("om_2", poll_card(7));
    for future in futures {
        future.await.unwrap();
    }
    other.await.unwrap();
    let patches: Vec<u32> = server
        .hits("/open-apis/im/v1/messages/om_1")
        .iter()
        .map(votes_of)
        .collect();
    assert_eq!(patches, [10]);
    assert_eq!(server.hits("/open-apis/im/v1/messages/om_2").len(), 1);
}

#[tokio::test]
async fn a_failed_patch_is_reported_and_the_next_update_sends_the_newest_card() {
    let fail_first = Arc::new(Mutex::new(true));
    let flag = fail_first.clone();
    let server = raw::serve(move |r| {
        if r.path.contains("tenant_access_token") {
            return raw::token_ok();
        }
        if std::mem::replace(&mut *flag.lock().unwrap(), false) {
            return Reply::Bytes(response(400, r#"{"code":230099,"msg":"bad card"}"#, &[]));
        }
        raw::ok("{}")
    })
    .await;
    let updater = CardUpdater::new(&client(&server.url));
    let err = updater.update("om_1", poll_card(1)).await.unwrap_err();
    assert_eq!(err.api().map(|api| api.code()), Some(230_099));
    updater.update("om_1", poll_card(2)).await.unwrap();
    let patches: Vec<u32> = server
        .hits("/open-apis/im/v1/messages/om_1")
        .iter()
        .map(votes_of)
        .collect();
    assert_eq!(patches, [1, 2]);
}
