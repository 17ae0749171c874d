//! Client-side pacing: hold requests back so they stay inside Feishu's rate limits.
//!
//! A burst is queued and delivered, never rejected: each request waits until every window it
//! belongs to admits it (see [`super::window`] for the exact window semantics, which the
//! emulator enforces). Requests for one receiver (or one PATCHed message) queue in FIFO order
//! behind a per-key lock, so only one request per key competes for the app-wide windows: a
//! saturated chat never blocks the others. The heads of those queues then pass one at a time
//! through a fair gate to the app-wide windows, so only one task sleeps on them: a freed slot
//! wakes one waiter, not every waiting receiver. The queue is bounded
//! ([`PacingLimits::max_queued`]).
//!
//! The per-app second is also split into tenths (at most a tenth of the per-second limit per
//! 100 ms, a client-only rule): a burst of 500 sent in one instant arrives spread over tens of
//! milliseconds as the server works through it, and its stragglers would then collide with
//! the next second's first requests. Spreading the burst keeps arrival jitter small, and the
//! steady rate is unchanged.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use super::clock::Clock;
use super::window::{KeyedWindows, SlidingWindow, admit_all};
use crate::error::Error;

/// The rate limits the client paces itself to stay within.
///
/// Defaults are Feishu's documented limits for the message APIs: 50 requests/s and 1000/min per
/// app, 5/s per receiving user or chat, 5/s per PATCHed message; and CardKit's 10/s per card. A limit of 0 disables it.
///
/// The pacer widens every window by a small safety margin (default 20 ms) because the server
/// counts arrival times, which trail the client's admission times by a varying network delay.
///
/// ```
/// use std::time::Duration;
/// use card_runtime::PacingLimits;
///
/// // A tenant with limits ten times Feishu's (as the delivery benchmark uses):
/// let limits = PacingLimits::feishu()
///     .per_app_per_second(500)
///     .per_app_per_minute(10_000)
///     .per_receiver_per_second(50)
///     .margin(Duration::from_millis(20));
/// # let _ = limits;
/// ```
#[derive(Clone, Debug)]
pub struct PacingLimits {
    per_app_second: u32,
    per_app_minute: u32,
    per_receiver_second: u32,
    per_message_second: u32,
    per_card_second: u32,
    margin: Duration,
    max_queued: usize,
}

impl Default for PacingLimits {
    fn default() -> Self {
        Self::feishu()
    }
}

impl PacingLimits {
    /// Feishu's documented limits (reference §4.3).
    ///
    /// ```
    /// let limits = card_runtime::PacingLimits::feishu();
    /// # let _ = limits;
    /// ```
    pub fn feishu() -> Self {
        Self {
            per_app_second: 50,
            per_app_minute: 1000,
            per_receiver_second: 5,
            per_message_second: 5,
            per_card_second: 10,
            margin: Duration::from_millis(20),
            max_queued: DEFAULT_MAX_QUEUED,
        }
    }

    /// No pacing at all: every request goes out at once.
    ///
    /// ```
    /// let limits = card_runtime::PacingLimits::unlimited();
    /// # let _ = limits;
    /// ```
    pub fn unlimited() -> Self {
        Self {
            per_app_second: 0,
            per_app_minute: 0,
            per_receiver_second: 0,
            per_message_second: 0,
            per_card_second: 0,
            margin: Duration::ZERO,
            max_queued: DEFAULT_MAX_QUEUED,
        }
    }

    /// Requests per second for the whole app. Default is 50.
    ///
    /// ```
    /// let limits = card_runtime::PacingLimits::feishu().per_app_per_second(100);
    /// # let _ = limits;
    /// ```
    pub fn per_app_per_second(mut self, limit: u32) -> Self {
        self.per_app_second = limit;
        self
    }

    /// Requests per minute for the whole app. Default is 1000.
    ///
    /// ```
    /// let limits = card_runtime::PacingLimits::feishu().per_app_per_minute(2000);
    /// # let _ = limits;
    /// ```
    pub fn per_app_per_minute(mut self, limit: u32) -> Self {
        self.per_app_minute = limit;
        self
    }

    /// Messages per second to one user or chat (sends and replies). Default is 5.
    ///
    /// ```
    /// let limits = card_runtime::PacingLimits::feishu().per_receiver_per_second(5);
    /// # let _ = limits;
    /// ```
    pub fn per_receiver_per_second(mut self, limit: u32) -> Self {
        self.per_receiver_second = limit;
        self
    }

    /// PATCH requests per second to one message. Default is 5.
    ///
    /// ```
    /// let limits = card_runtime::PacingLimits::feishu().per_message_per_second(5);
    /// # let _ = limits;
    /// ```
    pub fn per_message_per_second(mut self, limit: u32) -> Self {
        self.per_message_second = limit;
        self
    }

    /// CardKit writes per second to one card entity (content, settings, updates, element
    /// edits share it). Default is 10 (the streaming guide: "对于单个卡片实体 ... 10 次/秒").
    ///
    /// ```
    /// let limits = card_runtime::PacingLimits::feishu().per_card_per_second(10);
    /// # let _ = limits;
    /// ```
    pub fn per_card_per_second(mut self, limit: u32) -> Self {
        self.per_card_second = limit;
        self
    }

    /// Extra width added to every window to absorb network-delay jitter. Default is 20 ms.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let limits = card_runtime::PacingLimits::feishu().margin(Duration::from_millis(5));
    /// # let _ = limits;
    /// ```
    pub fn margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// How many requests may wait for a slot at once. Past it a call fails at once with
    /// [`Error::QueueFull`] (nothing sent, so it is refused and safe to try later) instead of
    /// queueing without bound. Default is 10 000: at Feishu's 50/s, 200 s of backlog.
    ///
    /// ```
    /// let limits = card_runtime::PacingLimits::feishu().max_queued(50_000);
    /// # let _ = limits;
    /// ```
    pub fn max_queued(mut self, max_queued: usize) -> Self {
        self.max_queued = max_queued;
        self
    }
}

/// The default bound of [`PacingLimits::max_queued`].
const DEFAULT_MAX_QUEUED: usize = 10_000;

/// What, besides the app, a request is counted against.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum PaceKey {
    /// A user or chat receiving a message (send, reply).
    Receiver(String),
    /// A message being PATCHed.
    Message(String),
    /// A CardKit card entity being written.
    Card(String),
}

#[derive(Debug)]
struct Windows {
    app_tenth: SlidingWindow,
    app_second: SlidingWindow,
    app_minute: SlidingWindow,
    keys: KeyedWindows<PaceKey>,
}

/// The per-client pacer.
#[derive(Debug)]
pub(crate) struct Pacer {
    clock: Clock,
    limits: PacingLimits,
    windows: Mutex<Windows>,
    queues: Mutex<Queues>,
    /// Held by the one waiter that sleeps on the app-wide windows; the others wait in its
    /// FIFO queue (tokio's `Mutex` is fair) and are woken one at a time as it is released, so
    /// a freed slot costs one wake-up however many receivers wait.
    gate: tokio::sync::Mutex<()>,
    waiting: AtomicUsize,
}

/// Counts one waiter for the queue bound while it lives.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The per-key FIFO locks, and the size at which idle ones are next dropped.
#[derive(Debug)]
struct Queues {
    by_key: HashMap<PaceKey, Arc<tokio::sync::Mutex<()>>>,
    sweep_at: usize,
}

/// Past this many queues the idle ones are dropped, so a long-running client that messaged
/// many users does not keep a queue per user forever (the windows are swept likewise).
const SWEEP_AT: usize = 1024;

impl Pacer {
    pub(crate) fn new(limits: PacingLimits, clock: Clock) -> Self {
        let second = Duration::from_secs(1).saturating_add(limits.margin);
        let minute = Duration::from_secs(60).saturating_add(limits.margin);
        Self {
            windows: Mutex::new(Windows {
                app_tenth: SlidingWindow::new(
                    limits.per_app_second.div_ceil(10),
                    Duration::from_millis(100),
                ),
                app_second: SlidingWindow::new(limits.per_app_second, second),
                app_minute: SlidingWindow::new(limits.per_app_minute, minute),
                keys: KeyedWindows::default(),
            }),
            queues: Mutex::new(Queues {
                by_key: HashMap::new(),
                sweep_at: SWEEP_AT,
            }),
            gate: tokio::sync::Mutex::new(()),
            waiting: AtomicUsize::new(0),
            clock,
            limits,
        }
    }

    /// The spacing of writes to one card entity (zero when unpaced).
    pub(crate) fn card_interval(&self) -> Duration {
        match self.limits.per_card_second {
            0 => Duration::ZERO,
            limit => Duration::from_secs(1).saturating_add(self.limits.margin) / limit,
        }
    }

    fn key_window(&self, key: &PaceKey) -> SlidingWindow {
        let limit = match key {
            PaceKey::Receiver(_) => self.limits.per_receiver_second,
            PaceKey::Message(_) => self.limits.per_message_second,
            PaceKey::Card(_) => self.limits.per_card_second,
        };
        let second = Duration::from_secs(1).saturating_add(self.limits.margin);
        if matches!(key, PaceKey::Card(_)) && limit > 0 {
            // One write per tenth rather than ten at once and then a silent second: the same
            // rate (no second holds more than `limit`), but a streamed text's delay stays
            // near one interval instead of up to a second.
            return SlidingWindow::new(1, second / limit);
        }
        SlidingWindow::new(limit, second)
    }

    fn queue(&self, key: &PaceKey) -> Arc<tokio::sync::Mutex<()>> {
        let mut queues = self.queues.lock().unwrap_or_else(PoisonError::into_inner);
        if queues.by_key.len() >= queues.sweep_at {
            // Only a queue someone waits in or holds has another reference.
            queues
                .by_key
                .retain(|_, queue| Arc::strong_count(queue) > 1);
            // Doubling keeps the sweep's cost constant per call while many keys are busy.
            queues.sweep_at = (queues.by_key.len() * 2).max(SWEEP_AT);
        }
        queues.by_key.entry(key.clone()).or_default().clone()
    }

    /// Waits until the request may go out, and counts it.
    ///
    /// # Errors
    ///
    /// [`Error::QueueFull`] when it would have to wait behind [`PacingLimits::max_queued`]
    /// others.
    pub(crate) async fn acquire(&self, key: Option<PaceKey>) -> Result<(), Error> {
        // A request that can go at once is neither counted nor queued.
        if self.waiting.load(Ordering::Relaxed) == 0
            && self.try_admit(key.as_ref(), self.clock.now()).is_ok()
        {
            return Ok(());
        }
        if self.waiting.fetch_add(1, Ordering::Relaxed) >= self.limits.max_queued {
            self.waiting.fetch_sub(1, Ordering::Relaxed);
            return Err(Error::QueueFull {
                limit: self.limits.max_queued,
            });
        }
        let _waiting = Waiting(&self.waiting);
        let queue = key.as_ref().map(|key| self.queue(key));
        // Held until admitted: requests for one key leave in order.
        let _turn = match &queue {
            Some(queue) => Some(queue.lock().await),
            None => None,
        };
        // The key's own window first, outside the gate: it frees at an instant of its own, and
        // only this key's head waits for it. Nothing else fills it, so it stays free.
        if let Some(key) = &key {
            loop {
                let now = self.clock.now();
                let free_at = {
                    let mut windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
                    windows
                        .keys
                        .get(key, now, || self.key_window(key))
                        .check(now)
                };
                match free_at {
                    Ok(()) => break,
                    Err(at) => tokio::time::sleep(at.saturating_sub(now)).await,
                }
            }
        }
        let _gate = self.gate.lock().await;
        loop {
            let now = self.clock.now();
            let wait_until = match self.try_admit(key.as_ref(), now) {
                Ok(()) => return Ok(()),
                Err(at) => at,
            };
            tokio::time::sleep(wait_until.saturating_sub(now)).await;
        }
    }

    pub(crate) fn try_admit(&self, key: Option<&PaceKey>, now: Duration) -> Result<(), Duration> {
        let mut guard = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
        // Read the clock under the lock so recorded times stay sorted.
        let now = now.max(self.clock.now());
        let Windows {
            app_tenth,
            app_second,
            app_minute,
            keys,
        } = &mut *guard;
        let admitted = match key {
            Some(key) => {
                let key_window = keys.get(key, now, || self.key_window(key));
                admit_all(&mut [app_tenth, app_second, app_minute, key_window], now)
            }
            None => admit_all(&mut [app_tenth, app_second, app_minute], now),
        };
        admitted.map_err(|(_, free_at)| free_at)
    }
}

#[cfg(test)]
mod tests {
    use super::{PaceKey, Pacer, PacingLimits};
    use crate::Clock;
    use std::time::Duration;

    #[test]
    fn admits_to_the_limit_then_names_the_free_instant() {
        let clock = Clock::system();
        let pacer = Pacer::new(
            PacingLimits::unlimited()
                .per_app_per_second(30)
                .per_receiver_per_second(2),
            clock.clone(),
        );
        let now = clock.now();
        let chat = PaceKey::Receiver("oc_1".into());
        assert!(pacer.try_admit(Some(&chat), now).is_ok());
        assert!(pacer.try_admit(Some(&chat), now).is_ok());
        // The chat is full; another chat still gets the app's third slot of this tenth.
        assert!(pacer.try_admit(Some(&chat), now).is_err());
        assert!(
            pacer
                .try_admit(Some(&PaceKey::Receiver("oc_2".into())), now)
                .is_ok()
        );
        let free_at = pacer.try_admit(None, now).unwrap_err();
        assert!(free_at >= now + Duration::from_millis(100));
        clock.advance(Duration::from_secs(2));
        assert!(pacer.try_admit(Some(&chat), clock.now()).is_ok());
    }

    #[test]
    fn an_absurd_margin_blocks_instead_of_panicking() {
        let clock = Clock::system();
        let limits = PacingLimits::feishu().margin(Duration::MAX);
        let pacer = Pacer::new(limits, clock.clone());
        let chat = PaceKey::Receiver("oc_1".into());
        for _ in 0..5 {
            assert!(pacer.try_admit(Some(&chat), clock.now()).is_ok());
        }
        assert!(pacer.try_admit(Some(&chat), clock.now()).is_err());
    }

    #[test]
    fn a_card_is_paced_evenly_at_its_rate() {
        let clock = Clock::system();
        let limits = PacingLimits::unlimited()
            .per_card_per_second(10)
            .margin(Duration::ZERO);
        let pacer = Pacer::new(limits, clock.clone());
        let card = PaceKey::Card("7001".into());
        let now = clock.now();
        assert!(pacer.try_admit(Some(&card), now).is_ok());
        // The second write waits a tenth of a second, not for the second to pass.
        let free_at = pacer.try_admit(Some(&card), now).unwrap_err();
        // (The pacer reads the running clock again under its lock: a few µs later.)
        let wait = free_at - now;
        assert!(wait >= Duration::from_millis(100) && wait < Duration::from_millis(150));
        assert!(
            pacer
                .try_admit(Some(&PaceKey::Card("7002".into())), now)
                .is_ok()
        );
        clock.advance(Duration::from_millis(150));
        assert!(pacer.try_admit(Some(&card), clock.now()).is_ok());
    }

    #[test]
    fn unlimited_never_blocks() {
        let clock = Clock::system();
        let pacer = Pacer::new(PacingLimits::unlimited(), clock.clone());
        for _ in 0..10_000 {
            assert!(
                pacer
                    .try_admit(Some(&PaceKey::Message("om".into())), clock.now())
                    .is_ok()
            );
        }
    }
}
