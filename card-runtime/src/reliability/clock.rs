//! The clock shared by the client and the emulator (`card-emulator`), which tests can move
//! forward.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Wall-clock time that tests can advance instead of sleeping.
///
/// It reads real time (monotonic, anchored to the Unix epoch when it was created) plus an
/// offset that only grows through [`Clock::advance`]. Clones share the offset, so handing one
/// clone to a [`Client`](crate::Client) and another to the emulator lets a test expire a
/// two-hour token in one line. Token expiry, rate-limit windows and webhook timestamps all read
/// this clock.
///
/// ```
/// use std::time::Duration;
/// use card_runtime::Clock;
///
/// let clock = Clock::system();
/// let before = clock.now();
/// clock.advance(Duration::from_secs(7200));
/// assert!(clock.now() - before >= Duration::from_secs(7200));
/// ```
#[derive(Clone, Debug)]
pub struct Clock {
    epoch: Duration,
    start: Instant,
    offset_nanos: Arc<AtomicU64>,
}

impl Clock {
    /// A clock that follows real time until advanced.
    ///
    /// ```
    /// let now = card_runtime::Clock::system().unix_seconds();
    /// assert!(now > 1_600_000_000);
    /// ```
    pub fn system() -> Self {
        Self {
            // A system clock before 1970 only happens on a broken machine; zero keeps the
            // clock usable there rather than panicking.
            epoch: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default(),
            start: Instant::now(),
            offset_nanos: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Time since the Unix epoch, including every [`advance`](Self::advance).
    ///
    /// ```
    /// let clock = card_runtime::Clock::system();
    /// assert!(clock.now() <= clock.now());
    /// ```
    pub fn now(&self) -> Duration {
        self.epoch
            + self.start.elapsed()
            + Duration::from_nanos(self.offset_nanos.load(Ordering::Relaxed))
    }

    /// Whole seconds since the Unix epoch (what Feishu puts in timestamps).
    ///
    /// ```
    /// let clock = card_runtime::Clock::system();
    /// assert_eq!(clock.unix_seconds(), clock.now().as_secs());
    /// ```
    pub fn unix_seconds(&self) -> u64 {
        self.now().as_secs()
    }

    /// Moves this clock and every clone of it forward.
    ///
    /// ```
    /// use std::time::Duration;
    /// let clock = card_runtime::Clock::system();
    /// let shared = clock.clone();
    /// let before = shared.now();
    /// clock.advance(Duration::from_secs(60));
    /// assert!(shared.now() - before >= Duration::from_secs(60));
    /// ```
    pub fn advance(&self, by: Duration) {
        let nanos = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        // Saturating: a wrapped offset would move the clock backwards.
        let _ = self
            .offset_nanos
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |offset| {
                Some(offset.saturating_add(nanos))
            });
    }
}

impl Default for Clock {
    fn default() -> Self {
        Self::system()
    }
}

#[cfg(test)]
mod tests {
    use super::Clock;
    use std::time::Duration;

    #[test]
    fn huge_advances_saturate_instead_of_wrapping_backwards() {
        let clock = Clock::system();
        clock.advance(Duration::from_secs(3600));
        let before = clock.now();
        clock.advance(Duration::MAX);
        clock.advance(Duration::MAX);
        assert!(clock.now() > before);
    }
}
