//! The client's tracing output: requests are traced, and no secret or token is ever logged.

use std::fmt::Debug;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use card_emulator::Limits;
use card_runtime::{Card, Clock};
use serde_json::json;

mod client_support;
use client_support::{client, emulator, send_to_chat};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Collects every span field and event field, at every level, as text.
#[derive(Clone, Default)]
struct Capture {
    lines: Arc<Mutex<Vec<String>>>,
    next_id: Arc<AtomicU64>,
}

struct Line<'a>(&'a mut String);

impl Visit for Line<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.push_str(&format!(" {}={value:?}", field.name()));
    }
}

impl Capture {
    fn push(&self, name: &str, record: impl FnOnce(&mut Line<'_>)) {
        let mut line = name.to_owned();
        record(&mut Line(&mut line));
        self.lines.lock().unwrap().push(line);
    }

    fn text(&self) -> String {
        self.lines.lock().unwrap().join("\n")
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        self.push(span.metadata().name(), |line| span.record(line));
        Id::from_u64(self.next_id.fetch_add(1, Ordering::Relaxed) + 1)
    }

    fn record(&self, _: &Id, values: &Record<'_>) {
        self.push("record", |line| values.record(line));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        self.push(event.metadata().name(), |line| event.record(line));
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[tokio::test(flavor = "current_thread")]
async fn calls_are_traced_without_secrets_or_tokens() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());

    let clock = Clock::system();
    let emulator = emulator(&clock, Limits::unlimited())
        .app("cli_logs", "app-secret-never-logged")
        .start()
        .await
        .unwrap();
    // The client takes the emulator's credentials: the secret above is the one it sends.
    let client = client(&emulator, &clock).build().unwrap();
    let card = Card::from_json_unchecked(json!({"elements": [{"tag": "hr"}]}));
    send_to_chat(&client, "oc_1", &card).await.unwrap();
    // A rejected token, a refresh and a retried 5xx all log something.
    emulator.revoke_tokens();
    emulator.fail_next(1, 503);
    send_to_chat(&client, "oc_1", &card).await.unwrap();

    let text = capture.text();
    assert!(text.contains("feishu_call"), "requests are traced:\n{text}");
    assert!(text.contains("/open-apis/im/v1/messages"), "{text}");
    assert!(text.contains("retrying"), "{text}");
    assert!(!text.contains("app-secret-never-logged"), "{text}");
    let debug = format!("{emulator:?} {client:?}");
    assert!(!debug.contains("app-secret-never-logged"), "{debug}");
    assert!(
        !contains_token(&debug),
        "no tenant token in Debug:\n{debug}"
    );
    assert!(
        !contains_token(&text),
        "no tenant token in the logs:\n{text}"
    );
}

/// Whether `text` holds an emulator tenant token (`t-` and 32 hex digits).
fn contains_token(text: &str) -> bool {
    text.match_indices("t-").any(|(at, _)| {
        let rest = &text[at + 2..];
        rest.len() >= 32 && rest[..32].bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[test]
fn token_detector_finds_tokens() {
    assert!(contains_token("Bearer t-0123456789abcdef0123456789abcdef"));
    assert!(!contains_token("content-type: t-shirt"));
}
