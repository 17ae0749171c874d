//! The emulator over raw HTTP: the paths, envelopes and error codes of the reference.

use std::time::Duration;

use card_emulator::{Emulator, Limits};
use card_runtime::{Clock, webhook_sign};
use serde_json::{Value, json};

struct Raw {
    emulator: Emulator,
    http: reqwest::Client,
    token: String,
}

struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Value,
}

impl Raw {
    async fn start(limits: Limits, clock: Clock) -> Self {
        let emulator = Emulator::builder()
            .clock(clock)
            .limits(limits)
            .webhook("signed", Some("demo"))
            .start()
            .await
            .unwrap();
        // card-runtime builds reqwest with `rustls-no-provider`; a bare reqwest client needs a
        // process-wide provider (the second install in a process is refused, harmlessly).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::new();
        let mut raw = Self {
            emulator,
            http,
            token: String::new(),
        };
        let answer = raw.token().await;
        raw.token = answer.body["tenant_access_token"]
            .as_str()
            .unwrap()
            .to_owned();
        raw
    }

    async fn token(&self) -> Answer {
        let body =
            json!({"app_id": self.emulator.app_id(), "app_secret": self.emulator.app_secret()});
        self.request(
            "POST",
            "/open-apis/auth/v3/tenant_access_token/internal",
            None,
            body.to_string(),
        )
        .await
    }

    async fn request(&self, method: &str, path: &str, token: Option<&str>, body: String) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.emulator.url()))
            .header("content-type", "application/json; charset=utf-8")
            .body(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
        Answer {
            status,
            headers,
            body,
        }
    }

    async fn send(&self, body: Value) -> Answer {
        let path = "/open-apis/im/v1/messages?receive_id_type=chat_id";
        self.request("POST", path, Some(&self.token), body.to_string())
            .await
    }
}

fn card_body(card: &Value) -> Value {
    json!({"receive_id": "oc_1", "msg_type": "interactive", "content": card.to_string()})
}

#[tokio::test]
async fn token_endpoint_reuses_until_thirty_minutes_remain() {
    let clock = Clock::system();
    let raw = Raw::start(Limits::unlimited(), clock.clone()).await;
    let again = raw.token().await;
    assert_eq!(again.body["tenant_access_token"], raw.token.as_str());
    assert_eq!(again.body["code"], 0);
    assert!(
        again.body.get("data").is_none(),
        "token fields are top-level"
    );
    clock.advance(Duration::from_secs(5500));
    let renewed = raw.token().await;
    assert_ne!(renewed.body["tenant_access_token"], raw.token.as_str());
    assert_eq!(renewed.body["expire"], 7200);
    // The old token stays valid until its own expiry.
    assert_eq!(
        raw.send(card_body(&json!({"elements": []}))).await.body["code"],
        0
    );
    clock.advance(Duration::from_secs(1800));
    assert_eq!(
        raw.send(card_body(&json!({"elements": []}))).await.body["code"],
        99_991_663
    );
}

#[tokio::test]
async fn bad_missing_and_expired_tokens_are_rejected() {
    let raw = Raw::start(Limits::unlimited(), Clock::system()).await;
    let body = card_body(&json!({})).to_string();
    let path = "/open-apis/im/v1/messages?receive_id_type=chat_id";
    let missing = raw.request("POST", path, None, body.clone()).await;
    assert_eq!(missing.body["code"], 99_991_661);
    let bad = raw.request("POST", path, Some("t-forged"), body).await;
    assert_eq!(bad.body["code"], 99_991_663);
    assert!(bad.headers.contains_key("x-tt-logid"));
    assert!(bad.body["error"]["log_id"].is_string());
    raw.emulator.clock().advance(Duration::from_secs(7200));
    assert_eq!(
        raw.send(card_body(&json!({}))).await.body["code"],
        99_991_663
    );
}

#[tokio::test]
async fn content_must_be_a_json_string_within_30_kb() {
    let raw = Raw::start(Limits::unlimited(), Clock::system()).await;
    let object = raw
        .send(json!({"receive_id": "oc_1", "msg_type": "interactive", "content": {"elements": []}}))
        .await;
    assert_eq!(
        (object.status, object.body["code"].as_i64()),
        (400, Some(230_001))
    );
    let big = json!({"elements": [{"tag": "markdown", "content": "x".repeat(30_000)}]});
    assert_eq!(raw.send(card_body(&big)).await.body["code"], 230_025);
    let not_json = json!({"receive_id": "oc_1", "msg_type": "interactive", "content": "{not json"});
    let answer = raw.send(not_json).await;
    assert_eq!(answer.body["code"], 230_099);
    assert!(answer.body["msg"].as_str().unwrap().contains("200621"));
    assert!(raw.emulator.messages().is_empty());
}

#[tokio::test]
async fn invalid_cards_get_230099_with_the_failing_path() {
    let raw = Raw::start(Limits::unlimited(), Clock::system()).await;
    let answer = raw
        .send(card_body(
            &json!({"elements": [{"tag": "hr"}, {"tag": "buton"}]}),
        ))
        .await;
    assert_eq!(
        (answer.status, answer.body["code"].as_i64()),
        (400, Some(230_099))
    );
    let msg = answer.body["msg"].as_str().unwrap();
    assert!(msg.contains("ErrPath: $.elements[1].tag"), "{msg}");
    assert!(raw.emulator.messages().is_empty());
}

#[tokio::test]
async fn uuids_dedupe_within_their_window_only() {
    let clock = Clock::system();
    let raw = Raw::start(Limits::unlimited(), clock.clone()).await;
    let mut body = card_body(&json!({"elements": []}));
    body["uuid"] = json!("same");
    let first = raw.send(body.clone()).await;
    let second = raw.send(body.clone()).await;
    assert_eq!(
        first.body["data"]["message_id"],
        second.body["data"]["message_id"]
    );
    clock.advance(Duration::from_secs(3601));
    let later = raw.send(body.clone()).await;
    assert_ne!(
        first.body["data"]["message_id"],
        later.body["data"]["message_id"]
    );
    // The key starts a new window with the new message.
    let again = raw.send(body).await;
    assert_eq!(
        later.body["data"]["message_id"],
        again.body["data"]["message_id"]
    );
    assert_eq!(raw.emulator.stats().messages_created, 2);
}

#[tokio::test]
async fn app_limit_answers_429_with_reset_headers() {
    let mut limits = Limits::unlimited();
    limits.app_per_second = 1;
    let raw = Raw::start(limits, Clock::system()).await;
    assert_eq!(raw.send(card_body(&json!({}))).await.status, 200);
    let limited = raw.send(card_body(&json!({}))).await;
    assert_eq!(
        (limited.status, limited.body["code"].as_i64()),
        (429, Some(99_991_400))
    );
    assert_eq!(limited.headers["x-ogw-ratelimit-limit"], "1");
    assert_eq!(limited.headers["x-ogw-ratelimit-reset"], "1");
    raw.emulator.clock().advance(Duration::from_secs(1));
    assert_eq!(raw.send(card_body(&json!({}))).await.status, 200);
}

#[tokio::test]
async fn chat_limit_answers_230020() {
    let mut limits = Limits::unlimited();
    limits.per_chat_per_second = 1;
    let raw = Raw::start(limits, Clock::system()).await;
    assert_eq!(raw.send(card_body(&json!({}))).await.body["code"], 0);
    assert_eq!(raw.send(card_body(&json!({}))).await.body["code"], 230_020);
    let other = json!({"receive_id": "oc_2", "msg_type": "interactive", "content": "{}"});
    assert_eq!(raw.send(other).await.body["code"], 0);
}

#[tokio::test]
async fn patch_rules_shared_cards_and_fourteen_days() {
    let clock = Clock::system();
    let raw = Raw::start(Limits::unlimited(), clock.clone()).await;
    let shared = json!({"config": {"update_multi": true}, "elements": []});
    let id = raw.send(card_body(&shared)).await.body["data"]["message_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/open-apis/im/v1/messages/{id}");
    let patch = |card: &Value| json!({"content": card.to_string()}).to_string();
    let ok = raw
        .request("PATCH", &path, Some(&raw.token), patch(&shared))
        .await;
    assert_eq!(ok.body["code"], 0);
    let exclusive = raw
        .request(
            "PATCH",
            &path,
            Some(&raw.token),
            patch(&json!({"elements": []})),
        )
        .await;
    assert_eq!(exclusive.body["code"], 230_001);
    clock.advance(Duration::from_secs(15 * 24 * 3600));
    let token = raw.token().await.body["tenant_access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let late = raw
        .request("PATCH", &path, Some(&token), patch(&shared))
        .await;
    assert_eq!(late.body["code"], 230_031);
}

#[tokio::test]
async fn a_custom_bots_card_cannot_be_patched_by_the_app() {
    let clock = Clock::system();
    let raw = Raw::start(Limits::unlimited(), clock.clone()).await;
    let shared = json!({"config": {"update_multi": true}, "elements": []});
    let now = clock.unix_seconds();
    let post = json!({"timestamp": now.to_string(), "sign": webhook_sign(now, "demo"),
        "msg_type": "interactive", "card": shared});
    let hook = "/open-apis/bot/v2/hook/signed";
    let posted = raw.request("POST", hook, None, post.to_string()).await;
    assert_eq!(posted.body["code"], 0);
    let id = raw.emulator.messages()[0].message_id.clone();
    let patch = json!({"content": shared.to_string()}).to_string();
    let path = format!("/open-apis/im/v1/messages/{id}");
    let refused = raw.request("PATCH", &path, Some(&raw.token), patch).await;
    assert_eq!(refused.body["code"], 230_001);
    assert_eq!(raw.emulator.message(&id).unwrap().updates, 0);
}

#[tokio::test]
async fn webhook_checks_signature_timestamp_and_size() {
    let clock = Clock::system();
    let raw = Raw::start(Limits::unlimited(), clock.clone()).await;
    let path = "/open-apis/bot/v2/hook/signed";
    let now = clock.unix_seconds();
    let post = |ts: u64, sign: String, card: Value| {
        json!({"timestamp": ts.to_string(), "sign": sign, "msg_type": "interactive", "card": card})
            .to_string()
    };
    let good = raw
        .request(
            "POST",
            path,
            None,
            post(now, webhook_sign(now, "demo"), json!({"elements": []})),
        )
        .await;
    assert_eq!(good.body["StatusCode"], 0);
    assert_eq!(good.body["code"], 0);
    let stale = raw
        .request(
            "POST",
            path,
            None,
            post(now - 3700, webhook_sign(now - 3700, "demo"), json!({})),
        )
        .await;
    assert_eq!(stale.body["code"], 19021);
    let forged = raw
        .request(
            "POST",
            path,
            None,
            post(now, webhook_sign(now, "guess"), json!({})),
        )
        .await;
    assert_eq!(forged.body["code"], 19021);
    let big = json!({"elements": [{"tag": "markdown", "content": "x".repeat(20_000)}]});
    let too_big = raw
        .request(
            "POST",
            path,
            None,
            post(now, webhook_sign(now, "demo"), big),
        )
        .await;
    assert_eq!(too_big.body["code"], 9499);
    let unknown = raw
        .request("POST", "/open-apis/bot/v2/hook/nope", None, "{}".into())
        .await;
    assert_eq!(unknown.body["code"], 19001);
    assert_eq!(raw.emulator.messages().len(), 1);
}

#[tokio::test]
async fn webhook_posts_refused_by_the_minute_do_not_fill_the_second() {
    let clock = Clock::system();
    let mut limits = Limits::unlimited();
    limits.webhook_per_second = 2;
    limits.webhook_per_minute = 2;
    let raw = Raw::start(limits, clock.clone()).await;
    let post = || {
        let now = clock.unix_seconds();
        let body = json!({"timestamp": now.to_string(), "sign": webhook_sign(now, "demo"),
            "msg_type": "interactive", "card": {"elements": []}});
        raw.request(
            "POST",
            "/open-apis/bot/v2/hook/signed",
            None,
            body.to_string(),
        )
    };
    for _ in 0..2 {
        assert_eq!(post().await.body["code"], 0);
    }
    clock.advance(Duration::from_millis(59_500));
    for _ in 0..2 {
        assert_eq!(post().await.body["code"], 11232, "the minute is full");
    }
    // The minute's slots free at 60 s; the refusals half a second ago must not count.
    clock.advance(Duration::from_millis(600));
    assert_eq!(post().await.body["code"], 0);
    assert_eq!(raw.emulator.messages().len(), 3);
}

#[tokio::test]
async fn delayed_update_refuses_open_ids_for_a_shared_card() {
    let raw = Raw::start(Limits::unlimited(), Clock::system()).await;
    let shared = json!({"config": {"update_multi": true}, "elements": [{"tag": "hr"}]});
    let sent = raw.send(card_body(&shared)).await.body["data"]["message_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let token = raw.emulator.issue_callback_token(&sent).unwrap();
    let update = |card: Value| {
        let body = json!({"token": token, "card": card}).to_string();
        raw.request(
            "POST",
            "/open-apis/interactive/v1/card/update",
            Some(&raw.token),
            body,
        )
    };
    let mut personal = shared.clone();
    personal["open_ids"] = json!(["ou_1"]);
    assert_eq!(update(personal).await.body["code"], 200_320);
    // The refusal spent none of the token's two uses.
    assert_eq!(update(shared.clone()).await.body["code"], 0);
    assert_eq!(update(shared).await.body["code"], 0);
    let message = raw.emulator.message(&sent).unwrap();
    assert!(message.personal_cards.is_empty());
    assert_eq!(message.updates, 2);
}

#[tokio::test]
async fn inspection_api_lists_messages_and_controls_faults_and_clock() {
    let raw = Raw::start(Limits::unlimited(), Clock::system()).await;
    let card = json!({"elements": [{"tag": "hr"}]});
    let sent = raw.send(card_body(&card)).await.body["data"]["message_id"]
        .as_str()
        .unwrap()
        .to_owned();

    let list = raw
        .request("GET", "/_emulator/messages", None, String::new())
        .await;
    let messages = list.body["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 1);
    let message = &messages[0];
    assert_eq!(message["message_id"], sent.as_str());
    assert_eq!(
        (
            message["receive_id_type"].as_str(),
            message["receive_id"].as_str()
        ),
        (Some("chat_id"), Some("oc_1"))
    );
    assert_eq!(message["msg_type"], "interactive");
    assert_eq!(message["card"], card);
    let one = raw
        .request(
            "GET",
            &format!("/_emulator/messages/{sent}"),
            None,
            String::new(),
        )
        .await;
    assert_eq!(one.body["card"], card);
    let token = raw
        .request(
            "POST",
            &format!("/_emulator/messages/{sent}/callback_token"),
            None,
            String::new(),
        )
        .await;
    assert!(token.body["token"].as_str().unwrap().starts_with("c-"));

    let faults = raw
        .request(
            "POST",
            "/_emulator/faults",
            None,
            json!({"fail_next": 1, "status": 502}).to_string(),
        )
        .await;
    assert_eq!(faults.status, 200);
    assert_eq!(raw.send(card_body(&card)).await.status, 502);
    assert_eq!(raw.send(card_body(&card)).await.status, 200);
    let bad = raw
        .request(
            "POST",
            "/_emulator/faults",
            None,
            json!({"fail_nxt": 1}).to_string(),
        )
        .await;
    assert_eq!(bad.status, 400);

    let before = raw.emulator.clock().now();
    raw.request(
        "POST",
        "/_emulator/clock/advance",
        None,
        json!({"seconds": 60}).to_string(),
    )
    .await;
    assert!(raw.emulator.clock().now() - before >= Duration::from_secs(60));
    for seconds in [json!(-1), json!(1e30)] {
        let refused = raw
            .request(
                "POST",
                "/_emulator/clock/advance",
                None,
                json!({ "seconds": seconds }).to_string(),
            )
            .await;
        assert_eq!(refused.status, 400, "{seconds}");
    }
    let stats = raw
        .request("GET", "/_emulator/stats", None, String::new())
        .await;
    assert_eq!(stats.body["messages_created"], 2);
    assert_eq!(stats.body["faults_injected"], 1);
}
