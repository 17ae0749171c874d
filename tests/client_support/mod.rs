//! Shared by the client tests: the emulator and client set-up, fast retries, the test card.

#![allow(dead_code, unreachable_pub)] // each test crate uses a different subset

use std::time::Duration;

use card_emulator::{Emulator, EmulatorBuilder, Limits};
use card_runtime::{
    Card, Client, ClientBuilder, Clock, PacingLimits, ReceiveId, Result, RetryPolicy, SentMessage,
};
use serde_json::Value;

/// The approval card of `tests/fixtures/client-approval-card.json`.
pub fn approval_card() -> Card {
    let json: Value =
        serde_json::from_str(include_str!("../fixtures/client-approval-card.json")).unwrap();
    Card::from_json_unchecked(json)
}

/// Retries in milliseconds, so tests that exercise them stay fast.
pub fn fast_retry() -> RetryPolicy {
    RetryPolicy::default()
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(20))
}

/// An emulator on `clock` with these limits.
pub fn emulator(clock: &Clock, limits: Limits) -> EmulatorBuilder {
    Emulator::builder().clock(clock.clone()).limits(limits)
}

/// A client of `emulator` on `clock`: its credentials, fast retries, no pacing.
pub fn client(emulator: &Emulator, clock: &Clock) -> ClientBuilder {
    Client::builder(emulator.app_id(), emulator.app_secret())
        .base_url(emulator.url())
        .clock(clock.clone())
        .retry(fast_retry())
        .pacing(PacingLimits::unlimited())
}

/// An unlimited emulator issuing tokens that live `ttl`, with an unsigned webhook
/// `plain-hook` and one `signed-hook` signed with `hook-secret`, and its client.
pub async fn setup_with(ttl: Duration) -> (Emulator, Client, Clock) {
    let clock = Clock::system();
    let emulator = emulator(&clock, Limits::unlimited())
        .token_ttl(ttl)
        .webhook("plain-hook", None::<String>)
        .webhook("signed-hook", Some("hook-secret"))
        .start()
        .await
        .unwrap();
    let client = client(&emulator, &clock).build().unwrap();
    (emulator, client, clock)
}

/// [`setup_with`] Feishu's usual two-hour tokens.
pub async fn setup() -> (Emulator, Client, Clock) {
    setup_with(Duration::from_secs(7200)).await
}

/// Sends `card` to the chat `chat_id`, the call most tests make.
pub async fn send_to_chat(client: &Client, chat_id: &str, card: &Card) -> Result<SentMessage> {
    client
        .messages()
        .send_card(ReceiveId::chat_id(chat_id), card)
        .send()
        .await
}
