//! An app that records every callback body the clicker posts and answers `{}` (or what the
//! test set with [`Recorder::answer`]): the tests read
//! the `action` object exactly as it went over the wire. No Encrypt Key is set, so bodies are
//! plaintext (v2 unsigned, legacy SHA-1 signed, as Feishu does).

use std::sync::{Arc, Mutex};

use axum::Json;
use axum::routing::post;
use card_emulator::{CallbackApp, Clicker, Emulator, Generation, Limits};
use card_runtime::{Card, Client, ReceiveId};
use serde_json::{Value, json};
use tokio::net::TcpListener;

pub struct Recorder {
    pub emulator: Emulator,
    pub client: Client,
    pub clicker: Arc<Clicker>,
    pub legacy: Arc<Clicker>,
    bodies: Arc<Mutex<Vec<Value>>>,
    answer: Arc<Mutex<Value>>,
}

impl Recorder {
    pub async fn start() -> Self {
        let bodies = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&bodies);
        let answer = Arc::new(Mutex::new(json!({})));
        let answering = Arc::clone(&answer);
        let app = axum::Router::new().route(
            "/callback",
            post(move |Json(body): Json<Value>| {
                let seen = Arc::clone(&seen);
                let answer = answering.lock().unwrap().clone();
                async move {
                    seen.lock().unwrap().push(body);
                    Json(answer)
                }
            }),
        );
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/callback", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let clicker = Clicker::new(CallbackApp::new(&url, "v-token")).unwrap();
        // The HTTP test-facing routes play the v2 clicker.
        let mut builder = Emulator::builder()
            .limits(Limits::unlimited())
            .webhook("team-hook", None::<String>);
        for (path, route) in Clicker::routes(&clicker) {
            builder = builder.route(path, route);
        }
        let emulator = builder.start().await.unwrap();
        let client = Client::builder(emulator.app_id(), emulator.app_secret())
            .base_url(emulator.url())
            .build()
            .unwrap();
        let legacy =
            Clicker::new(CallbackApp::new(&url, "v-token").generation(Generation::Legacy)).unwrap();
        Self {
            emulator,
            client,
            clicker,
            legacy,
            bodies,
            answer,
        }
    }

    /// Sends `card` to `ou_approver` through the client (so it passes the client's and the
    /// emulator's checks) and returns its message id.
    pub async fn store(&self, card: &Value) -> String {
        let card = Card::from_json_unchecked(card.clone());
        let sent = self
            .client
            .messages()
            .send_card(ReceiveId::open_id("ou_approver"), &card)
            .send()
            .await
            .unwrap_or_else(|err| panic!("{err}: {:?}", err.cause()));
        sent.message_id
    }

    /// What the app answers from now on.
    pub fn answer(&self, answer: Value) {
        *self.answer.lock().unwrap() = answer;
    }

    /// The bodies received so far, then forgets them.
    pub fn take(&self) -> Vec<Value> {
        std::mem::take(&mut *self.bodies.lock().unwrap())
    }
}

/// A card printed in the official docs (`tests/fixtures/doc-examples`).
pub fn doc_example(name: &str) -> Value {
    let path = format!(
        "{}/../tests/fixtures/doc-examples/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}
