//! Shared helpers of the callback tests: secrets, an injected clock, a counting endpoint and
//! signed requests.

#![allow(dead_code, unreachable_pub)] // each test crate uses a different subset

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use card_runtime::Card;
use card_runtime::callback::{
    ActionContext, Algorithm, CallbackConfig, CallbackEndpoint, CallbackRequest, CallbackResponse,
    CardValue, DispatchConfig, Dispatcher, Handlers, Reply, Route, Secret, Toast, encrypt, sign,
};
use serde::Deserialize;
use serde_json::{Value, json};

pub const TOKEN: &str = "v_token_secret_1";
pub const KEY: &str = "e_key_secret_2";
pub const TS: u64 = 1_700_000_000;

pub fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(TS + 10)
}

pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct KeyValue {
    pub key: String,
}

/// Every `key` the callback tests' buttons carry: the documented fixtures' `{"key": "value"}`
/// and the tests' own. A value with another key (or none) reaches no handler: `404`.
const KEYS: &[&str] = &[
    "value", "other", "x", "k", "k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10",
    "k11", "k12", "k13", "k14", "k15", "k16", "k17", "k18", "k19",
];

/// Routes on `key`, as a bot whose buttons all carry one discriminating field would.
impl CardValue for KeyValue {
    const ROUTE: Route = Route::new("key", KEYS);
}

/// An endpoint whose handlers answer `{"key": ..}` buttons and count handler runs.
pub fn endpoint(config: CallbackConfig) -> (CallbackEndpoint, Arc<AtomicUsize>) {
    endpoint_with(config, DispatchConfig::new())
}

/// [`endpoint`] with this duplicate-delivery memory.
pub fn endpoint_with(
    config: CallbackConfig,
    dispatch: DispatchConfig,
) -> (CallbackEndpoint, Arc<AtomicUsize>) {
    let runs = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&runs);
    let handlers = Handlers::new().on(move |value: KeyValue, cx: ActionContext| {
        counter.fetch_add(1, Ordering::SeqCst);
        async move {
            let card = Card::from_json_unchecked(json!({"elements": [
                {"tag": "div", "text": {"tag": "plain_text", "content": value.key}}
            ]}));
            CallbackResponse::card(card).with_toast(Toast::success(cx.operator().open_id.clone()))
        }
    });
    let dispatcher = Dispatcher::with_config(handlers, dispatch).unwrap();
    (CallbackEndpoint::new(config, dispatcher), runs)
}

pub fn config() -> CallbackConfig {
    CallbackConfig::new(TOKEN).encrypt_key(KEY)
}

pub struct Signed {
    pub body: Vec<u8>,
    pub ts: String,
    pub nonce: String,
    pub signature: String,
}

impl Signed {
    pub fn new(algorithm: Algorithm, secret: &str, body: Vec<u8>, nonce: &str) -> Self {
        let ts = TS.to_string();
        let signature = sign(algorithm, &ts, nonce, &Secret::new(secret), &body);
        Self {
            body,
            ts,
            nonce: nonce.into(),
            signature,
        }
    }

    pub fn legacy(body: &Value, nonce: &str) -> Self {
        Self::new(Algorithm::Sha1, TOKEN, body.to_string().into_bytes(), nonce)
    }

    pub fn v2_encrypted(plain: &Value, nonce: &str) -> Self {
        let body = json!({"encrypt": encrypt(&plain.to_string(), &Secret::new(KEY), [9; 16])});
        Self::new(Algorithm::Sha256, KEY, body.to_string().into_bytes(), nonce)
    }

    pub fn request(&self) -> CallbackRequest<'_> {
        CallbackRequest::new(&self.body)
            .header("X-Lark-Request-Timestamp", &self.ts)
            .header("X-Lark-Request-Nonce", &self.nonce)
            .header("X-Lark-Signature", &self.signature)
    }
}

pub fn run(endpoint: &CallbackEndpoint, request: &CallbackRequest<'_>) -> Reply {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(endpoint.handle_at(request, now()))
}

pub fn body_json(reply: &Reply) -> Value {
    serde_json::from_slice(reply.body()).unwrap()
}

pub fn v2_fixture() -> Value {
    let mut body = fixture("cb-01-trigger-v2-request.json");
    body["header"]["token"] = json!(TOKEN);
    body
}

pub fn legacy_click() -> Value {
    fixture("cb-03-legacy-request.json")
}

pub fn raw_signed(algorithm: Algorithm, secret: &str, body: &[u8]) -> Signed {
    Signed::new(algorithm, secret, body.to_vec(), "n")
}

/// Empty strings stand for an absent header, so one table can drop headers.
pub fn request_of(signed: &Signed) -> CallbackRequest<'_> {
    let mut request = CallbackRequest::new(&signed.body);
    for (name, value) in [
        ("X-Lark-Request-Timestamp", &signed.ts),
        ("X-Lark-Request-Nonce", &signed.nonce),
        ("X-Lark-Signature", &signed.signature),
    ] {
        if !value.is_empty() {
            request = request.header(name, value);
        }
    }
    request
}
