//! The sliding rate-limit window, one definition for the client's pacer and the emulator.
//!
//! Semantics (the emulator enforces them, the pacer obeys them): a limit of `N` per window `W`
//! admits a request at time `t` iff fewer than `N` requests were admitted in `(t - W, t]`.
//! Rejected requests are not counted. A request admitted at `τ` stops counting at exactly
//! `τ + W`, so the next free instant is `τ_{len-N} + W`.

use std::collections::VecDeque;
use std::time::Duration;

/// Admission times inside one sliding window.
#[derive(Debug)]
pub(crate) struct SlidingWindow {
    limit: usize,
    window: Duration,
    admitted: VecDeque<Duration>,
}

impl SlidingWindow {
    /// `limit == 0` means unlimited: a disabled limit must never block.
    pub(crate) fn new(limit: u32, window: Duration) -> Self {
        Self {
            limit: limit as usize,
            window,
            admitted: VecDeque::new(),
        }
    }

    fn prune(&mut self, now: Duration) {
        while let Some(&first) = self.admitted.front() {
            if first + self.window <= now {
                self.admitted.pop_front();
            } else {
                break;
            }
        }
    }

    /// `Ok` when a request at `now` is admissible, else the instant a slot frees.
    pub(crate) fn check(&mut self, now: Duration) -> Result<(), Duration> {
        if self.limit == 0 {
            return Ok(());
        }
        self.prune(now);
        if self.admitted.len() < self.limit {
            Ok(())
        } else {
            Err(self.admitted[self.admitted.len() - self.limit] + self.window)
        }
    }

    /// Counts a request admitted at `now`. Callers pass non-decreasing times (they read the
    /// clock under the same lock), which keeps `admitted` sorted.
    pub(crate) fn record(&mut self, now: Duration) {
        if self.limit != 0 {
            self.admitted.push_back(now);
        }
    }

    /// Whether nothing inside the window remains (the window can be forgotten).
    pub(crate) fn is_idle(&mut self, now: Duration) -> bool {
        self.prune(now);
        self.admitted.is_empty()
    }

    /// The window's limit, reported by the emulator in `x-ogw-ratelimit-limit`.
    #[cfg(feature = "emulator")]
    pub(crate) fn limit(&self) -> u32 {
        self.limit as u32
    }
}

#[cfg(test)]
mod tests {
    use super::SlidingWindow;
    use std::time::Duration;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn admits_up_to_limit_then_frees_exactly_one_window_later() {
        let mut w = SlidingWindow::new(2, 1000 * MS);
        assert_eq!(w.check(Duration::ZERO), Ok(()));
        w.record(Duration::ZERO);
        w.record(10 * MS);
        assert_eq!(w.check(500 * MS), Err(1000 * MS));
        // At exactly τ + W the first admission no longer counts: the window is (t - W, t].
        assert_eq!(w.check(1000 * MS), Ok(()));
        w.record(1000 * MS);
        assert_eq!(w.check(1005 * MS), Err(1010 * MS));
    }

    #[test]
    fn zero_limit_is_unlimited() {
        let mut w = SlidingWindow::new(0, 1000 * MS);
        for i in 0..100 {
            w.record(i * MS);
            assert_eq!(w.check(i * MS), Ok(()));
        }
        assert!(w.is_idle(Duration::ZERO));
    }
}
