//! Sends under every fault a server produces (answers cut off, connections closed after the
//! request, HTML 503 pages, 429 with a reset, per-chat limits in a 200, answers slower than
//! the timeout), against a server that dedupes uuids as Feishu does. Counts what the issue
//! names: lost sends, duplicated messages, and errors returned for delivered sends.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use card_runtime::{Card, Client, PacingLimits, ReceiveId, RetryPolicy};
use serde_json::{Value, json};

#[path = "client_support/raw.rs"]
mod raw;
use raw::{Reply, response};

const SENDS: usize = 300;

#[derive(Default)]
struct Server {
    attempts: AtomicUsize,
    /// Attempts seen per send, to fault each send's first two in turn.
    tries: Mutex<HashMap<u64, usize>>,
    /// uuid → message id, as Feishu dedupes.
    by_uuid: Mutex<HashMap<String, String>>,
    /// The card's send index → (the uuid it was created with, messages created for it).
    by_send: Mutex<HashMap<u64, (String, usize)>>,
}

impl Server {
    fn store(&self, uuid: &str, send: u64) -> String {
        let mut by_uuid = self.by_uuid.lock().unwrap();
        if let Some(id) = by_uuid.get(uuid) {
            return id.clone();
        }
        let id = format!("om_{}", by_uuid.len() + 1);
        by_uuid.insert(uuid.to_owned(), id.clone());
        let mut by_send = self.by_send.lock().unwrap();
        let entry = by_send.entry(send).or_insert((uuid.to_owned(), 0));
        entry.1 += 1;
        id
    }

    fn answer(&self, body: &[u8]) -> Reply {
        let body: Value = serde_json::from_slice(body).unwrap();
        let uuid = body["uuid"].as_str().unwrap().to_owned();
        let card: Value = serde_json::from_str(body["content"].as_str().unwrap()).unwrap();
        let send = card["elements"][0]["text"]["content"]
            .as_str()
            .unwrap()
            .parse::<u64>()
            .unwrap();
        let ok =
            |id: &str| format!(r#"{{"code":0,"msg":"success","data":{{"message_id":"{id}"}}}}"#);
        self.attempts.fetch_add(1, Ordering::Relaxed);
        let attempt = {
            let mut tries = self.tries.lock().unwrap();
            let count = tries.entry(send).or_default();
            *count += 1;
            *count - 1
        };
        // Each send's first two attempts meet two different faults (or none, for one in
        // seven), so every send meets every fault kind across the run and can still succeed
        // within the default five retries.
        let fault = if attempt < 2 {
            (send as usize + attempt) % 7 + 1
        } else {
            0
        };
        match fault {
            1 => raw::cut(&ok(&self.store(&uuid, send)), 25),
            2 => {
                self.store(&uuid, send);
                Reply::Bytes(Vec::new())
            }
            3 => Reply::Bytes(response(503, "<html>Service Unavailable</html>", &[])),
            4 => Reply::Bytes(response(
                429,
                r#"{"code":99991400,"msg":"rate limited"}"#,
                &[("x-ogw-ratelimit-reset", "0.01")],
            )),
            5 => Reply::Delayed(
                Duration::from_millis(400),
                response(200, &ok(&self.store(&uuid, send)), &[]),
            ),
            6 => Reply::Bytes(response(
                200,
                r#"{"code":230020,"msg":"chat rate limited"}"#,
                &[],
            )),
            _ => Reply::Bytes(response(200, &ok(&self.store(&uuid, send)), &[])),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_lose_nothing_duplicate_nothing_and_never_call_a_delivered_send_refused() {
    let state = Arc::new(Server::default());
    let handler = state.clone();
    let server = raw::serve(move |r| {
        if r.path.contains("tenant_access_token") {
            return raw::token_ok();
        }
        handler.answer(&r.body)
    })
    .await;
    let client = Client::builder("cli_raw", "secret")
        .base_url(&server.url)
        .pacing(PacingLimits::unlimited())
        .timeout(Duration::from_millis(250))
        .retry(
            RetryPolicy::default()
                .base_delay(Duration::from_millis(5))
                .max_delay(Duration::from_millis(50)),
        )
        .build()
        .unwrap();
    let mut sends = tokio::task::JoinSet::new();
    for i in 0..SENDS as u64 {
        let client = client.clone();
        // The card names its send, so the server can tell a duplicate from a retry.
        let card = Card::from_json_unchecked(json!({"elements": [
            {"tag": "div", "text": {"tag": "plain_text", "content": i.to_string()}}
        ]}));
        sends.spawn(async move {
            // No uuid given: the generated one must be in every error.
            let result = client
                .messages()
                .send_card(ReceiveId::chat_id(format!("oc_{}", i % 20)), &card)
                .send()
                .await;
            (i, result)
        });
    }
    let results = sends.join_all().await;
    let by_send = state.by_send.lock().unwrap();
    let by_uuid = state.by_uuid.lock().unwrap();
    let (mut lost, mut errors_for_delivered, mut refused_but_delivered) = (0, 0, 0);
    for (send, result) in &results {
        let stored = by_send.get(send);
        match (result, stored) {
            (Ok(sent), Some((uuid, _))) => assert_eq!(by_uuid.get(uuid), Some(&sent.message_id)),
            (Ok(_), None) => lost += 1,
            (Err(err), Some((uuid, _))) => {
                errors_for_delivered += 1;
                assert_eq!(err.uuid(), Some(uuid.as_str()), "{err:?}");
                if !err.is_maybe_delivered() {
                    refused_but_delivered += 1;
                }
            }
            (Err(err), None) => assert!(err.uuid().is_some(), "{err:?}"),
        }
    }
    let duplicated = by_send.values().filter(|(_, created)| *created > 1).count();
    println!(
        "{SENDS} sends, {} attempts: {lost} lost, {duplicated} duplicated, \
         {errors_for_delivered} errors for delivered sends ({refused_but_delivered} called refused)",
        state.attempts.load(Ordering::Relaxed)
    );
    assert_eq!((lost, duplicated, refused_but_delivered), (0, 0, 0));
    // With the default five retries every delivered send comes back as a success.
    assert_eq!(errors_for_delivered, 0);
}
