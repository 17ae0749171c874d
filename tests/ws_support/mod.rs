//! Shared by the long-connection tests: an emulator with quick long-connection timing, a
//! client pointed at it, and a card with one button.

#![allow(dead_code, unreachable_pub)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use card_emulator::{Emulator, Limits, LongConnectionConfig};
use card_runtime::ws::{ConnectionState, LongConnection};
use card_runtime::{Card, Client, ReceiveId};
use serde_json::json;

pub const TOKEN: &str = "ws-verification-token";

/// Emulator timing for tests: pings every second, reconnect at once, then every second.
pub fn quick() -> LongConnectionConfig {
    LongConnectionConfig {
        ping_interval: 1,
        reconnect_interval: 1,
        reconnect_nonce: 0,
        reconnect_count: -1,
        ..LongConnectionConfig::default()
    }
}

pub async fn emulator() -> Emulator {
    let emulator = Emulator::builder()
        .limits(Limits::unlimited())
        .start()
        .await
        .unwrap();
    emulator.configure_long_connection(quick());
    emulator
}

pub fn client(emulator: &Emulator) -> Client {
    Client::builder(emulator.app_id(), emulator.app_secret())
        .base_url(emulator.url())
        .build()
        .unwrap()
}

pub fn connection(emulator: &Emulator) -> LongConnection {
    LongConnection::new(emulator.app_id(), emulator.app_secret()).base_url(emulator.url())
}

/// Every state the connection went through, in order.
#[derive(Clone, Default)]
pub struct States(Arc<Mutex<Vec<ConnectionState>>>);

impl States {
    pub fn hook(&self) -> impl Fn(ConnectionState) + Send + Sync + 'static {
        let states = Arc::clone(&self.0);
        move |state| states.lock().unwrap().push(state)
    }

    pub fn seen(&self) -> Vec<ConnectionState> {
        self.0.lock().unwrap().clone()
    }

    /// Waits (polling every 10 ms, at most `secs`) until the states seen so far include
    /// `state` after index `from`: transient states such as `Disconnected` are overwritten
    /// too fast for `Connection::wait_for`.
    pub async fn reach(&self, from: usize, state: ConnectionState, secs: u64) -> usize {
        within(secs, &format!("state {state:?}"), async {
            loop {
                if let Some(at) = self.seen().iter().skip(from).position(|s| *s == state) {
                    return from + at;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
        .await
    }
}

pub fn approval_card(request: &str) -> Card {
    Card::from_json_unchecked(json!({"elements": [
        {"tag": "div", "text": {"tag": "plain_text", "content": format!("请审批 {request}")}},
        {"tag": "action", "actions": [{"tag": "button",
            "text": {"tag": "plain_text", "content": "批准"},
            "value": {"route": "approve", "request": request}, "type": "primary"}]}
    ]}))
}

pub async fn send_card(client: &Client, request: &str) -> String {
    client
        .messages()
        .send_card(ReceiveId::open_id("ou_approver"), &approval_card(request))
        .send()
        .await
        .unwrap()
        .message_id
}

/// Bounds every wait in these tests: a hang fails instead of stalling the suite.
pub async fn within<T>(secs: u64, what: &str, future: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(secs), future)
        .await
        .unwrap_or_else(|_| panic!("{what}: not within {secs} s"))
}
