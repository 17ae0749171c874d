//! Timing the server hands out (`ClientConfig`) and the client's own memory limits.

use std::time::Duration;

use serde::Deserialize;

/// The server's `ClientConfig` (bootstrap answer and pong payloads), in seconds on the wire.
///
/// Missing fields keep their previous value and every interval is floored at one second:
/// the Python SDK assigns a pong's fields blindly and a `{}` pong kills its ping loop, Go
/// reads a missing field as 0 and pings in a tight loop (reference A.7).
///
/// ```
/// use std::time::Duration;
/// use card_runtime::ws::ServerConfig;
///
/// let mut config = ServerConfig::default();
/// config.apply_json(br#"{"PingInterval":0,"ReconnectCount":3}"#);
/// assert_eq!(config.ping_interval, Duration::from_secs(1));
/// assert_eq!(config.reconnect_count, Some(3));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerConfig {
    /// How often to ping (`PingInterval`). Default 120 s.
    pub ping_interval: Duration,
    /// How long to wait between reconnect attempts (`ReconnectInterval`). Default 120 s.
    pub reconnect_interval: Duration,
    /// The upper bound of the random wait before the first reconnect attempt
    /// (`ReconnectNonce`). Default 30 s.
    pub reconnect_nonce: Duration,
    /// How many reconnect attempts (`ReconnectCount`); `None` (wire `-1`) retries forever.
    pub reconnect_count: Option<u64>,
}

impl Default for ServerConfig {
    /// The values every official SDK starts with (reference A.2).
    fn default() -> Self {
        Self {
            ping_interval: Duration::from_secs(120),
            reconnect_interval: Duration::from_secs(120),
            reconnect_nonce: Duration::from_secs(30),
            reconnect_count: None,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct WireConfig {
    reconnect_count: Option<i64>,
    reconnect_interval: Option<i64>,
    reconnect_nonce: Option<i64>,
    ping_interval: Option<i64>,
}

impl ServerConfig {
    /// Applies a `ClientConfig` JSON object; an empty or malformed payload changes nothing.
    ///
    /// ```
    /// # use card_runtime::ws::ServerConfig;
    /// let mut config = ServerConfig::default();
    /// config.apply_json(b"");
    /// assert_eq!(config, ServerConfig::default());
    /// ```
    pub fn apply_json(&mut self, json: &[u8]) {
        if let Ok(wire) = serde_json::from_slice::<WireConfig>(json) {
            self.apply(&wire);
        }
    }

    pub(crate) fn apply(&mut self, wire: &WireConfig) {
        let secs = |value: i64| Duration::from_secs(value.max(1).unsigned_abs());
        if let Some(value) = wire.ping_interval {
            self.ping_interval = secs(value);
        }
        if let Some(value) = wire.reconnect_interval {
            self.reconnect_interval = secs(value);
        }
        if let Some(value) = wire.reconnect_nonce {
            // Zero jitter is legitimate (reconnect at once); only negatives are nonsense.
            self.reconnect_nonce = Duration::from_secs(value.max(0).unsigned_abs());
        }
        if let Some(value) = wire.reconnect_count {
            self.reconnect_count = u64::try_from(value).ok();
        }
    }
}

/// The client's own bounds: reassembly memory, the answer deadline, the liveness watchdog.
///
/// ```
/// use std::time::Duration;
/// use card_runtime::ws::Limits;
///
/// let limits = Limits::default().watchdog_grace(Duration::from_secs(5));
/// assert_eq!(limits.answer_within, Duration::from_millis(2500));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Largest reassembled message. Default 1 MiB.
    pub max_message_bytes: usize,
    /// All incomplete messages together. Default 8 MiB.
    pub max_pending_bytes: usize,
    /// Most parts one message may announce (`sum`). Default 64.
    pub max_parts: usize,
    /// How long an incomplete message is kept. Default 10 s (the SDKs use 5–10 s).
    pub fragment_ttl: Duration,
    /// When a handler has not answered by then, `{}` is sent and the handler keeps running
    /// detached. Default 2.5 s: Feishu waits 3 s for the answer and the network needs some.
    pub answer_within: Duration,
    /// No inbound frame for `PingInterval` plus this means the connection is dead. Default 30 s.
    pub watchdog_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_message_bytes: 1 << 20,
            max_pending_bytes: 8 << 20,
            max_parts: 64,
            fragment_ttl: Duration::from_secs(10),
            answer_within: Duration::from_millis(2500),
            watchdog_grace: Duration::from_secs(30),
        }
    }
}

impl Limits {
    /// Sets [`max_message_bytes`](Self::max_message_bytes).
    ///
    /// ```
    /// # use card_runtime::ws::Limits;
    /// assert_eq!(Limits::default().max_message_bytes(10).max_message_bytes, 10);
    /// ```
    #[must_use]
    pub fn max_message_bytes(mut self, bytes: usize) -> Self {
        self.max_message_bytes = bytes;
        self
    }

    /// Sets [`max_pending_bytes`](Self::max_pending_bytes).
    ///
    /// ```
    /// # use card_runtime::ws::Limits;
    /// assert_eq!(Limits::default().max_pending_bytes(10).max_pending_bytes, 10);
    /// ```
    #[must_use]
    pub fn max_pending_bytes(mut self, bytes: usize) -> Self {
        self.max_pending_bytes = bytes;
        self
    }

    /// Sets [`fragment_ttl`](Self::fragment_ttl).
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use card_runtime::ws::Limits;
    /// assert_eq!(Limits::default().fragment_ttl(Duration::ZERO).fragment_ttl, Duration::ZERO);
    /// ```
    #[must_use]
    pub fn fragment_ttl(mut self, ttl: Duration) -> Self {
        self.fragment_ttl = ttl;
        self
    }

    /// Sets [`answer_within`](Self::answer_within).
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use card_runtime::ws::Limits;
    /// let limits = Limits::default().answer_within(Duration::from_secs(1));
    /// assert_eq!(limits.answer_within, Duration::from_secs(1));
    /// ```
    #[must_use]
    pub fn answer_within(mut self, deadline: Duration) -> Self {
        self.answer_within = deadline;
        self
    }

    /// Sets [`watchdog_grace`](Self::watchdog_grace).
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use card_runtime::ws::Limits;
    /// let limits = Limits::default().watchdog_grace(Duration::from_secs(1));
    /// assert_eq!(limits.watchdog_grace, Duration::from_secs(1));
    /// ```
    #[must_use]
    pub fn watchdog_grace(mut self, grace: Duration) -> Self {
        self.watchdog_grace = grace;
        self
    }
}
