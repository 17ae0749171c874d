//! Sends the server stored but whose answer was lost: the error carries the uuid and says
//! "maybe delivered", a cut-off answer is retried with the same uuid (the server dedupes it),
//! and refusals are told apart.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use card_runtime::{Card, Client, Error, PacingLimits, ReceiveId, RetryPolicy};
use serde_json::{Value, json};

#[path = "client_support/raw.rs"]
mod raw;
use raw::{Reply, Request, response};

const SEND_PATH: &str = "/open-apis/im/v1/messages";

fn card() -> Card {
    Card::from_json_unchecked(json!({"elements": [{"tag": "hr"}]}))
}

fn uuid_of(request: &Request) -> String {
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    body["uuid"].as_str().unwrap().to_owned()
}

/// A server that stores each send (deduped by uuid, as Feishu does) and answers the first
/// attempt of each uuid with `first`, later ones in full.
struct Store {
    messages: Mutex<HashMap<String, String>>,
}

impl Store {
    fn new() -> Arc<Self> {
        Arc::new(Self {
            messages: Mutex::new(HashMap::new()),
        })
    }

    fn handle(&self, request: &Request, first: impl Fn(&str) -> Reply) -> Reply {
        if !request.path.starts_with(SEND_PATH) {
            return raw::token_ok();
        }
        let uuid = uuid_of(request);
        let mut messages = self.messages.lock().unwrap();
        let fresh = !messages.contains_key(&uuid);
        let id = format!("om_{}", messages.len() + usize::from(fresh));
        let id = messages.entry(uuid).or_insert(id).clone();
        let full = format!(r#"{{"code":0,"msg":"success","data":{{"message_id":"{id}"}}}}"#);
        if fresh {
            first(&full)
        } else {
            Reply::Bytes(response(200, &full, &[]))
        }
    }

    fn count(&self) -> usize {
        self.messages.lock().unwrap().len()
    }
}

fn client(url: &str, retry: RetryPolicy) -> Client {
    Client::builder("cli_raw", "secret")
        .base_url(url)
        .pacing(PacingLimits::unlimited())
        .retry(retry)
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap()
}

fn fast() -> RetryPolicy {
    RetryPolicy::default()
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(10))
}

async fn send(client: &Client, uuid: Option<&str>) -> Result<String, Error> {
    let card = card();
    let send = client
        .messages()
        .send_card(ReceiveId::chat_id("oc_1"), &card);
    let send = match uuid {
        Some(uuid) => send.uuid(uuid),
        None => send,
    };
    send.send().await.map(|sent| sent.message_id)
}

#[tokio::test]
async fn an_answer_cut_off_mid_body_is_retried_with_the_same_uuid() {
    let store = Store::new();
    let server_store = store.clone();
    let server = raw::serve(move |r| server_store.handle(r, |full| raw::cut(full, 20))).await;
    let client = client(&server.url, fast());
    assert_eq!(send(&client, None).await.unwrap(), "om_1");
    let sends = server.hits(SEND_PATH);
    assert_eq!(sends.len(), 2, "the cut answer was retried once");
    assert_eq!(uuid_of(&sends[0]), uuid_of(&sends[1]));
    assert_eq!(store.count(), 1, "the server deduped the retry");
}

#[tokio::test]
async fn a_cut_answer_without_retries_is_maybe_delivered_with_the_generated_uuid() {
    let store = Store::new();
    let server_store = store.clone();
    let server = raw::serve(move |r| server_store.handle(r, |full| raw::cut(full, 20))).await;
    let client = client(&server.url, RetryPolicy::none());
    let err = send(&client, None).await.unwrap_err();
    assert!(matches!(err.cause(), Error::Truncated(_)), "{err:?}");
    assert!(err.is_maybe_delivered() && !err.is_refused(), "{err:?}");
    let uuid = err.uuid().expect("the generated uuid").to_owned();
    assert_eq!(uuid, uuid_of(&server.hits(SEND_PATH)[0]));
    // The application's own resend with that uuid creates nothing new.
    assert_eq!(send(&client, Some(&uuid)).await.unwrap(), "om_1");
    assert_eq!(store.count(), 1);
}

#[tokio::test]
async fn a_timeout_after_the_server_stored_is_maybe_delivered() {
    let store = Store::new();
    let server_store = store.clone();
    let server = raw::serve(move |r| server_store.handle(r, |_| Reply::Hang)).await;
    let client = client(&server.url, RetryPolicy::none());
    let err = send(&client, Some("order-7")).await.unwrap_err();
    assert!(err.is_timeout() && err.is_maybe_delivered(), "{err:?}");
    assert_eq!(err.uuid(), Some("order-7"));
    assert_eq!(send(&client, err.uuid()).await.unwrap(), "om_1");
    assert_eq!(store.count(), 1);
}

#[tokio::test]
async fn a_connection_closed_after_the_request_is_retried_without_a_duplicate() {
    let store = Store::new();
    let server_store = store.clone();
    let server = raw::serve(move |r| server_store.handle(r, |_| Reply::Bytes(Vec::new()))).await;
    let client = client(&server.url, fast());
    assert_eq!(send(&client, None).await.unwrap(), "om_1");
    assert_eq!(server.hits(SEND_PATH).len(), 2);
    assert_eq!(store.count(), 1);
}

#[tokio::test]
async fn an_ambiguous_attempt_keeps_the_final_error_maybe_delivered() {
    // The first attempt is stored and its answer cut; every later attempt is rate limited
    // until the retries run out. Feishu has the message: the error must not say "refused".
    let store = Store::new();
    let server_store = store.clone();
    let server = raw::serve(move |r| {
        if r.path.starts_with(SEND_PATH) && server_store.count() > 0 {
            return Reply::Bytes(response(
                429,
                r#"{"code":99991400,"msg":"rate limited"}"#,
                &[],
            ));
        }
        server_store.handle(r, |full| raw::cut(full, 20))
    })
    .await;
    let client = client(&server.url, fast().max_retries(2));
    let err = send(&client, None).await.unwrap_err();
    assert_eq!(err.api().map(|api| api.code()), Some(99_991_400), "{err:?}");
    assert!(err.is_maybe_delivered(), "{err:?}");
}

#[tokio::test]
async fn refusals_are_told_apart_and_carry_the_uuid() {
    let server = raw::serve(|r| {
        if r.path.starts_with(SEND_PATH) {
            return Reply::Bytes(response(
                200,
                r#"{"code":230002,"msg":"bot not in chat"}"#,
                &[],
            ));
        }
        raw::token_ok()
    })
    .await;
    let client = client(&server.url, fast());
    let err = send(&client, None).await.unwrap_err();
    assert_eq!(err.api().map(|api| api.code()), Some(230_002));
    assert!(err.is_refused() && err.uuid().is_some(), "{err:?}");

    let typo = Card::from_json_unchecked(json!({"elements": [{"tag": "buton"}]}));
    let err = client
        .messages()
        .send_card(ReceiveId::chat_id("oc_1"), &typo)
        .uuid("u-local")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err.cause(), Error::CardInvalid { .. }), "{err:?}");
    assert!(err.is_refused());
    assert_eq!(err.uuid(), Some("u-local"));
    // One send reached the server; the invalid card did not.
    assert_eq!(server.hits(SEND_PATH).len(), 1);
}
