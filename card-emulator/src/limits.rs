//! The emulator's rate limits and the bounds of what it remembers.

use std::time::Duration;

/// The emulator's rate limits. [`Limits::feishu`] are the documented ones; 0 disables a limit.
///
/// ```
/// use card_emulator::Limits;
///
/// let tenfold = Limits::feishu().scaled(10);
/// assert_eq!(tenfold.app_per_second, 500);
/// assert_eq!(tenfold.app_per_minute, 10_000);
/// assert_eq!(tenfold.per_chat_per_second, 50);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Message API requests per second per app (Feishu: 50).
    pub app_per_second: u32,
    /// Message API requests per minute per app (Feishu: 1000).
    pub app_per_minute: u32,
    /// Messages per second to one chat or user (Feishu: 5).
    pub per_chat_per_second: u32,
    /// PATCHes per second to one message (Feishu: 5).
    pub per_message_per_second: u32,
    /// Webhook posts per second per bot (Feishu: 5).
    pub webhook_per_second: u32,
    /// Webhook posts per minute per bot (Feishu: 100).
    pub webhook_per_minute: u32,
    /// How long a `uuid` suppresses duplicates (Feishu: one hour).
    pub uuid_window: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self::feishu()
    }
}

impl Limits {
    /// Feishu's documented limits (reference §4.3, §5).
    ///
    /// ```
    /// assert_eq!(card_emulator::Limits::feishu().app_per_second, 50);
    /// ```
    pub fn feishu() -> Self {
        Self {
            app_per_second: 50,
            app_per_minute: 1000,
            per_chat_per_second: 5,
            per_message_per_second: 5,
            webhook_per_second: 5,
            webhook_per_minute: 100,
            uuid_window: Duration::from_secs(3600),
        }
    }

    /// No rate limits (the `uuid` window stays one hour).
    ///
    /// ```
    /// assert_eq!(card_emulator::Limits::unlimited().app_per_second, 0);
    /// ```
    pub fn unlimited() -> Self {
        Self {
            app_per_second: 0,
            app_per_minute: 0,
            per_chat_per_second: 0,
            per_message_per_second: 0,
            webhook_per_second: 0,
            webhook_per_minute: 0,
            uuid_window: Duration::from_secs(3600),
        }
    }

    /// Every rate limit multiplied by `factor`.
    ///
    /// ```
    /// assert_eq!(card_emulator::Limits::feishu().scaled(2).webhook_per_minute, 200);
    /// ```
    pub fn scaled(self, factor: u32) -> Self {
        Self {
            app_per_second: self.app_per_second.saturating_mul(factor),
            app_per_minute: self.app_per_minute.saturating_mul(factor),
            per_chat_per_second: self.per_chat_per_second.saturating_mul(factor),
            per_message_per_second: self.per_message_per_second.saturating_mul(factor),
            webhook_per_second: self.webhook_per_second.saturating_mul(factor),
            webhook_per_minute: self.webhook_per_minute.saturating_mul(factor),
            uuid_window: self.uuid_window,
        }
    }
}

/// How much the emulator remembers: each table forgets its oldest entries beyond its bound,
/// so a long test run or a benchmark holds bounded memory. [`Capacity::default`] suits test
/// suites and benchmarks alike (about 100 MB with 1 KiB cards at the full message bound).
///
/// ```
/// use card_emulator::{Capacity, Emulator};
///
/// # async fn run() -> std::io::Result<()> {
/// let mut capacity = Capacity::default();
/// capacity.messages = 1_000;
/// let emulator = Emulator::builder().capacity(capacity).start().await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Capacity {
    /// Recorded messages (default 100,000); the oldest is forgotten first, counted in
    /// [`Stats::messages_evicted`](crate::Stats::messages_evicted).
    pub messages: usize,
    /// Remembered `uuid`s (default 100,000). One forgotten before its hour is up no longer
    /// suppresses a duplicate: counted in [`Stats::uuids_evicted`](crate::Stats::uuids_evicted).
    pub uuids: usize,
    /// Live delayed-update tokens (`c-…`, default 10,000).
    pub callback_tokens: usize,
    /// Live tenant access tokens (`t-…`, default 1,000; only a very short token lifetime
    /// keeps many alive at once).
    pub tenant_tokens: usize,
}

impl Default for Capacity {
    fn default() -> Self {
        Self {
            messages: 100_000,
            uuids: 100_000,
            callback_tokens: 10_000,
            tenant_tokens: 1_000,
        }
    }
}
