//! Shared by the CardKit tests: an emulator with Feishu's limits and a client pacing to them,
//! and a streaming card.

#![allow(dead_code, unreachable_pub)] // each test crate uses a different subset

use std::time::Duration;

use card_emulator::{Emulator, Limits};
use card_runtime::{Card, Client, Clock, PacingLimits, RetryPolicy};
use serde_json::json;

/// An emulator with Feishu's limits on `clock`, and a client pacing to them.
pub async fn setup() -> (Emulator, Client, Clock) {
    let clock = Clock::system();
    let emulator = Emulator::builder()
        .clock(clock.clone())
        .limits(Limits::feishu())
        .start()
        .await
        .unwrap();
    let client = Client::builder(emulator.app_id(), emulator.app_secret())
        .base_url(emulator.url())
        .clock(clock.clone())
        .retry(
            RetryPolicy::default()
                .base_delay(Duration::from_millis(1))
                .max_delay(Duration::from_millis(50)),
        )
        .pacing(PacingLimits::feishu())
        .build()
        .unwrap();
    (emulator, client, clock)
}

/// A 2.0 card streaming into the markdown element `answer`.
pub fn streaming_card() -> Card {
    Card::from_json_unchecked(json!({
        "schema": "2.0",
        "config": {"streaming_mode": true, "summary": {"content": "[Generating...]"},
            "streaming_config": {"print_frequency_ms": {"default": 70}, "print_step": {"default": 1}, "print_strategy": "fast"}},
        "header": {"title": {"tag": "plain_text", "content": "Answer"}},
        "body": {"elements": [
            {"tag": "markdown", "element_id": "answer", "content": "Thinking..."},
            {"tag": "column_set", "element_id": "row", "columns": [
                {"tag": "column", "element_id": "col", "elements": [
                    {"tag": "markdown", "element_id": "note", "content": "note"}
                ]}
            ]}
        ]}
    }))
}
