//! The sliding rate-limit window the client's pacer obeys.
//!
//! Semantics (Feishu enforces them, the pacer obeys them): a limit of `N` per window `W`
//! admits a request at time `t` iff fewer than `N` requests were admitted in `(t - W, t]`.
//! Rejected requests are not counted. A request admitted at `τ` stops counting at exactly
//! `τ + W`, so the next free instant is `τ_{len-N} + W`.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
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
            if first.saturating_add(self.window) <= now {
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
            Err(self.admitted[self.admitted.len() - self.limit].saturating_add(self.window))
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
}

/// Admits a request at `now` only if every window has room, and then counts it in all of
/// them: a request one window refuses must not use up a slot in another. On refusal, names
/// the window that frees last (its index in `windows`) and the instant it does.
pub(crate) fn admit_all(
    windows: &mut [&mut SlidingWindow],
    now: Duration,
) -> Result<(), (usize, Duration)> {
    let mut blocked: Option<(usize, Duration)> = None;
    for (index, window) in windows.iter_mut().enumerate() {
        if let Err(at) = window.check(now) {
            if blocked.is_none_or(|(_, latest)| at > latest) {
                blocked = Some((index, at));
            }
        }
    }
    if let Some(blocked) = blocked {
        return Err(blocked);
    }
    for window in windows {
        window.record(now);
    }
    Ok(())
}

/// Below this many keys a [`KeyedWindows`] never sweeps.
const SWEEP_AT: usize = 1024;

/// One window per key (receiver, chat, message), with idle windows forgotten so that a
/// long-running process that talked to many chats does not keep a window per chat forever.
#[derive(Debug)]
pub(crate) struct KeyedWindows<K> {
    windows: HashMap<K, SlidingWindow>,
    sweep_at: usize,
}

impl<K> Default for KeyedWindows<K> {
    fn default() -> Self {
        Self {
            windows: HashMap::new(),
            sweep_at: SWEEP_AT,
        }
    }
}

impl<K: Clone + Eq + Hash> KeyedWindows<K> {
    /// The window for `key`, made by `make` when the key is new. Sweeps idle windows when the
    /// map has grown to twice its size after the last sweep, so the cost of sweeping stays
    /// constant per call however many keys are active.
    pub(crate) fn get(
        &mut self,
        key: &K,
        now: Duration,
        make: impl FnOnce() -> SlidingWindow,
    ) -> &mut SlidingWindow {
        if self.windows.len() >= self.sweep_at {
            self.windows.retain(|_, window| !window.is_idle(now));
            self.sweep_at = (self.windows.len() * 2).max(SWEEP_AT);
        }
        self.windows.entry(key.clone()).or_insert_with(make)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.windows.len()
    }
}

#[cfg(test)]
mod tests {
    use super::{KeyedWindows, SWEEP_AT, SlidingWindow, admit_all};
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

    #[test]
    fn a_refusal_by_one_window_is_counted_by_none() {
        let mut second = SlidingWindow::new(2, 1000 * MS);
        let mut minute = SlidingWindow::new(1, 60_000 * MS);
        assert_eq!(
            admit_all(&mut [&mut second, &mut minute], Duration::ZERO),
            Ok(())
        );
        assert_eq!(
            admit_all(&mut [&mut second, &mut minute], 10 * MS),
            Err((1, 60_000 * MS))
        );
        // The refused request left the per-second window with its one real admission.
        assert_eq!(second.check(20 * MS), Ok(()));
        second.record(20 * MS);
        assert_eq!(second.check(30 * MS), Err(1000 * MS));
    }

    #[test]
    fn idle_keyed_windows_are_swept_and_active_ones_kept() {
        let mut keyed = KeyedWindows::default();
        let make = || SlidingWindow::new(1, 1000 * MS);
        keyed.get(&0, 500 * MS, make).record(500 * MS);
        for key in 1..SWEEP_AT {
            keyed.get(&key, Duration::ZERO, make).record(Duration::ZERO);
        }
        // At 1.2 s only key 0 (admitted at 0.5 s) is still inside its window.
        keyed.get(&SWEEP_AT, 1200 * MS, make);
        assert_eq!(keyed.len(), 2);
        assert!(keyed.get(&0, 1200 * MS, make).check(1200 * MS).is_err());
    }
}
