//! Server-side rate windows, written from the reference (§4.3, §5) for the emulator alone.
//!
//! A limit of `N` per window `W` admits a request arriving at `t` iff fewer than `N` requests
//! were admitted in `(t − W, t]`; refused requests do not count. A limit of 0 is no limit.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

/// The admission times still inside one window.
#[derive(Debug)]
pub(crate) struct Window {
    limit: u32,
    span: Duration,
    admitted: VecDeque<Duration>,
}

impl Window {
    pub(crate) fn new(limit: u32, span: Duration) -> Self {
        Self {
            limit,
            span,
            admitted: VecDeque::new(),
        }
    }

    pub(crate) fn limit(&self) -> u32 {
        self.limit
    }

    /// Forgets admissions that no longer count at `now` (admitted at or before `now − W`).
    fn expire(&mut self, now: Duration) {
        while self
            .admitted
            .front()
            .is_some_and(|&at| at.saturating_add(self.span) <= now)
        {
            self.admitted.pop_front();
        }
    }

    /// `None` when a request at `now` fits, else the instant the oldest counted admission
    /// stops counting (the earliest moment one more request fits).
    fn full_until(&mut self, now: Duration) -> Option<Duration> {
        if self.limit == 0 {
            return None;
        }
        self.expire(now);
        let limit = self.limit as usize;
        (self.admitted.len() >= limit)
            .then(|| self.admitted[self.admitted.len() - limit].saturating_add(self.span))
    }

    fn count(&mut self, now: Duration) {
        if self.limit == 0 {
            return;
        }
        // Request times are read before the state lock, so two can arrive out of order by a
        // few microseconds: insert in place to keep the queue sorted for `expire`.
        let at = self.admitted.partition_point(|&t| t <= now);
        self.admitted.insert(at, now);
    }

    fn is_idle(&mut self, now: Duration) -> bool {
        self.expire(now);
        self.admitted.is_empty()
    }
}

/// A refusal: which of the windows passed to [`admit`] was full, and when it frees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Full {
    pub(crate) index: usize,
    pub(crate) frees_at: Duration,
}

/// Admits a request at `now` iff every window has room, and only then counts it in each, so a
/// request one window refuses uses up no slot in another. A refusal names the window that
/// frees last: waiting for it frees them all.
pub(crate) fn admit(windows: &mut [&mut Window], now: Duration) -> Result<(), Full> {
    let mut worst: Option<Full> = None;
    for (index, window) in windows.iter_mut().enumerate() {
        if let Some(frees_at) = window.full_until(now) {
            if worst.is_none_or(|w| frees_at > w.frees_at) {
                worst = Some(Full { index, frees_at });
            }
        }
    }
    match worst {
        Some(full) => Err(full),
        None => {
            windows.iter_mut().for_each(|w| w.count(now));
            Ok(())
        }
    }
}

/// One window per key (chat, message), with idle windows dropped once the map has doubled
/// since the last sweep, so memory follows the keys active in the last window, and the
/// sweep's cost is spread over as many inserts as the map holds.
#[derive(Debug)]
pub(crate) struct WindowsByKey {
    windows: HashMap<String, Window>,
    sweep_at: usize,
}

impl Default for WindowsByKey {
    fn default() -> Self {
        Self {
            windows: HashMap::new(),
            sweep_at: 256,
        }
    }
}

impl WindowsByKey {
    /// Admits one request for `key` against a window of `limit` per second.
    pub(crate) fn admit(&mut self, key: &str, limit: u32, now: Duration) -> Result<(), Full> {
        if limit == 0 {
            return Ok(());
        }
        if !self.windows.contains_key(key) && self.windows.len() >= self.sweep_at {
            self.windows.retain(|_, window| !window.is_idle(now));
            self.sweep_at = (self.windows.len() * 2).max(256);
        }
        let window = self
            .windows
            .entry(key.to_owned())
            .or_insert_with(|| Window::new(limit, Duration::from_secs(1)));
        admit(&mut [window], now)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.windows.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn admits_n_per_window_and_frees_exactly_one_window_later() {
        let mut w = Window::new(2, S);
        assert!(admit(&mut [&mut w], ms(0)).is_ok());
        assert!(admit(&mut [&mut w], ms(400)).is_ok());
        assert_eq!(
            admit(&mut [&mut w], ms(999)),
            Err(Full {
                index: 0,
                frees_at: ms(1000)
            })
        );
        // The refused request did not count: at exactly 1 s the first admission expired.
        assert!(admit(&mut [&mut w], ms(1000)).is_ok());
        assert!(admit(&mut [&mut w], ms(1001)).is_err());
    }

    #[test]
    fn a_refusal_by_one_window_counts_in_none() {
        let mut second = Window::new(5, S);
        let mut minute = Window::new(1, Duration::from_secs(60));
        assert!(admit(&mut [&mut second, &mut minute], ms(0)).is_ok());
        let full = admit(&mut [&mut second, &mut minute], ms(10)).unwrap_err();
        assert_eq!(full.index, 1);
        assert_eq!(full.frees_at, Duration::from_secs(60));
        assert_eq!(second.admitted.len(), 1);
    }

    #[test]
    fn zero_is_unlimited() {
        let mut w = Window::new(0, S);
        for _ in 0..10_000 {
            assert!(admit(&mut [&mut w], ms(0)).is_ok());
        }
        assert!(w.admitted.is_empty());
    }

    #[test]
    fn idle_keys_are_forgotten() {
        let mut by_key = WindowsByKey::default();
        for i in 0..1000 {
            let key = format!("chat:{i}");
            assert!(by_key.admit(&key, 5, Duration::from_secs(i)).is_ok());
        }
        // Each key was idle a second after its request: sweeps keep only the recent ones.
        assert!(by_key.len() <= 512, "{} windows kept", by_key.len());
    }
}
