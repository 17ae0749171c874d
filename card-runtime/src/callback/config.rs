//! The app's callback secrets and limits.

use std::time::Duration;

use super::Secret;
use crate::Clock;

/// Default body limit: 1 MiB. Card callbacks are a few KiB (a form's values at most tens of
/// KiB); the limit only has to stop a client from making the server buffer without bound.
///
/// ```
/// assert_eq!(card_runtime::callback::DEFAULT_MAX_BODY, 1024 * 1024);
/// ```
pub const DEFAULT_MAX_BODY: usize = 1 << 20;
/// Default deadline for receiving a request body: 5 seconds. Feishu sends the whole body at
/// once and gives up on an answer after 3 s (reference §6.6), so a body still arriving after
/// that is not Feishu's; the deadline frees what a stalled body holds.
///
/// ```
/// assert_eq!(card_runtime::callback::DEFAULT_BODY_TIMEOUT.as_secs(), 5);
/// ```
pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(5);
/// Default timestamp window: 5 minutes either side of now (the choice Slack documents for the
/// same scheme; Feishu documents none, reference §6.3).
///
/// ```
/// assert_eq!(card_runtime::callback::DEFAULT_TIMESTAMP_WINDOW.as_secs(), 300);
/// ```
pub const DEFAULT_TIMESTAMP_WINDOW: Duration = Duration::from_secs(300);
/// Default cap on the signatures, and separately on the delivery ids, remembered for replay and
/// duplicate detection: 262,144 each, about 80 bytes an entry (20 MiB each when full).
///
/// Entries leave by time, not by count (see [`CallbackConfig::dedupe_capacity`]): with the
/// default 5-minute window a signature is kept 10 minutes, so the signature memory fills only
/// above 437 callbacks/s sustained; a delivery id is kept [`DEFAULT_DELIVERY_RETENTION`], so the
/// delivery memory fills above 10 callbacks/s sustained for those 7 hours. A full memory
/// refuses new callbacks with `503` rather than forget one it may see again.
///
/// ```
/// assert_eq!(card_runtime::callback::DEFAULT_DEDUPE_CAPACITY, 1 << 18);
/// ```
pub const DEFAULT_DEDUPE_CAPACITY: usize = 1 << 18;
/// Default time a delivery id (`event_id`, or the legacy `X-Refresh-Token` with the action) is
/// remembered: 7 h 10 min, Feishu's redelivery schedule (15 s, 5 min, 1 h, 6 h after the first
/// attempt: 7 h 5 min 15 s, reference §6.7) plus the timestamp window's slack. Feishu documents
/// no retries for card callbacks (§6), so this is the safe reading: whatever redelivers a click
/// does so within the event schedule.
///
/// ```
/// assert_eq!(card_runtime::callback::DEFAULT_DELIVERY_RETENTION.as_secs(), 7 * 3600 + 600);
/// ```
pub const DEFAULT_DELIVERY_RETENTION: Duration = Duration::from_secs(7 * 3600 + 600);
/// Default byte budget for the answers kept to repeat to a second delivery of the same click:
/// 8 MiB (about 300 answers carrying 25 KiB cards, tens of thousands of toasts).
///
/// ```
/// assert_eq!(card_runtime::callback::DEFAULT_ANSWER_MEMORY, 8 << 20);
/// ```
pub const DEFAULT_ANSWER_MEMORY: usize = 8 << 20;

/// The app's callback secrets and limits.
///
/// ```
/// use std::time::Duration;
/// use card_runtime::callback::CallbackConfig;
///
/// let config = CallbackConfig::new("v-token")
///     .encrypt_key("e-key")
///     .max_body_bytes(64 * 1024)
///     .timestamp_window(Some(Duration::from_secs(60)));
/// assert!(!format!("{config:?}").contains("v-token"));
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct CallbackConfig {
    pub(crate) verification_token: Secret,
    pub(crate) encrypt_key: Option<Secret>,
    pub(crate) max_body: usize,
    pub(crate) body_timeout: Duration,
    pub(crate) window: Option<Duration>,
    pub(crate) dedupe_capacity: usize,
    pub(crate) clock: Clock,
}

impl CallbackConfig {
    /// A config with the app's Verification Token and no Encrypt Key.
    ///
    /// ```
    /// # use card_runtime::callback::CallbackConfig;
    /// let config = CallbackConfig::new("v-token");
    /// ```
    pub fn new(verification_token: impl Into<Secret>) -> Self {
        Self {
            verification_token: verification_token.into(),
            encrypt_key: None,
            max_body: DEFAULT_MAX_BODY,
            body_timeout: DEFAULT_BODY_TIMEOUT,
            window: Some(DEFAULT_TIMESTAMP_WINDOW),
            dedupe_capacity: DEFAULT_DEDUPE_CAPACITY,
            clock: Clock::system(),
        }
    }

    /// Sets the Encrypt Key. With it, encrypted bodies are decrypted and `card.action.trigger`
    /// signatures are required. An empty key means none (the console's default). Default: none.
    ///
    /// ```
    /// # use card_runtime::callback::CallbackConfig;
    /// let config = CallbackConfig::new("v-token").encrypt_key("e-key");
    /// ```
    pub fn encrypt_key(mut self, key: impl Into<Secret>) -> Self {
        self.encrypt_key = configured_key(key.into());
        self
    }

    /// Sets the largest accepted body. Default: [`DEFAULT_MAX_BODY`] (1 MiB).
    ///
    /// ```
    /// # use card_runtime::callback::CallbackConfig;
    /// let config = CallbackConfig::new("v-token").max_body_bytes(4096);
    /// ```
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body = limit;
        self
    }

    /// Sets how long an integration that reads the body (the `axum` module) waits for all of
    /// it before answering `408` and closing the connection. Default: [`DEFAULT_BODY_TIMEOUT`].
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use card_runtime::callback::CallbackConfig;
    /// let config = CallbackConfig::new("v-token").body_timeout(Duration::from_secs(2));
    /// ```
    pub fn body_timeout(mut self, deadline: Duration) -> Self {
        self.body_timeout = deadline;
        self
    }

    /// Sets how far the timestamp header may be from now; `None` disables the check. Default:
    /// [`DEFAULT_TIMESTAMP_WINDOW`] (5 minutes). See [`super::check_timestamp`] for how the
    /// undocumented format is read.
    ///
    /// ```
    /// # use card_runtime::callback::CallbackConfig;
    /// let config = CallbackConfig::new("v-token").timestamp_window(None);
    /// ```
    pub fn timestamp_window(mut self, window: Option<Duration>) -> Self {
        self.window = window;
        self
    }

    /// Sets the most signatures remembered at once, for replay detection. Default:
    /// [`DEFAULT_DEDUPE_CAPACITY`]. (Delivery ids, which make a second delivery of one click
    /// get the first answer, are the [`Dispatcher`](super::Dispatcher)'s memory:
    /// [`DispatchConfig`](super::DispatchConfig).)
    ///
    /// A signature is remembered for twice the timestamp window (a request is accepted while
    /// its timestamp is within the window either side of now, so that covers every moment it
    /// could be replayed; with the window disabled, twice the default window). Entries leave
    /// only by time: a memory full of unexpired entries refuses new callbacks (`503`,
    /// [`CallbackError::MemoryFull`](super::CallbackError::MemoryFull)) instead of forgetting
    /// one. `0` turns the memory off: replays are then stopped only by the timestamp window.
    ///
    /// ```
    /// # use card_runtime::callback::CallbackConfig;
    /// let config = CallbackConfig::new("v-token").dedupe_capacity(100);
    /// ```
    pub fn dedupe_capacity(mut self, capacity: usize) -> Self {
        self.dedupe_capacity = capacity;
        self
    }

    /// Sets the clock the timestamp window and the replay memory read, as
    /// [`ClientBuilder::clock`](crate::ClientBuilder::clock) does for the client: share one
    /// with the emulator or a test to move time without sleeping. Default: [`Clock::system`].
    ///
    /// ```
    /// # use card_runtime::callback::CallbackConfig;
    /// let config = CallbackConfig::new("v-token").clock(card_runtime::Clock::system());
    /// ```
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The replay memory's bounds this config asks for.
    pub(crate) fn dedupe_bounds(&self) -> super::dedupe::Bounds {
        let window = self.window.unwrap_or(DEFAULT_TIMESTAMP_WINDOW);
        super::dedupe::Bounds {
            capacity: self.dedupe_capacity,
            signature_retention: window.saturating_mul(2),
            // Deliveries are the dispatcher's memory.
            delivery_retention: Duration::ZERO,
            answer_bytes: 0,
        }
    }
}

/// The Encrypt Key as configured: the console's default, an empty key, means none. Shared by
/// the endpoint and the signer that plays Feishu, so both read a setting the same way.
pub(super) fn configured_key(key: Secret) -> Option<Secret> {
    (!key.expose().is_empty()).then_some(key)
}
