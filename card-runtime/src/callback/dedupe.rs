//! Recognising a callback seen before, in bounded memory.
//!
//! Two keys are remembered per request. The signature: a second request with the very same
//! signature is a byte-for-byte replay (Feishu never retries callbacks, reference §6), and is
//! refused. The delivery id (`header.event_id` for v2; for legacy, `X-Refresh-Token`, which
//! changes only after a click was answered, together with the action): a second delivery of the
//! same click gets the first one's answer again without running the handler twice, so
//! non-idempotent work happens once.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// What is known about a delivery id.
#[derive(Debug, Clone)]
pub(crate) enum Seen {
    /// Its handler is still running.
    Pending,
    /// Its handler answered this (status, body).
    Answered(u16, Vec<u8>),
}

/// A map that forgets its oldest entries beyond `capacity`.
#[derive(Debug)]
struct Ring<V> {
    capacity: usize,
    map: HashMap<String, V>,
    order: VecDeque<String>,
}

impl<V> Ring<V> {
    fn new(capacity: usize) -> Self {
        Self {
            capacity,
            map: HashMap::new(),
            order: VecDeque::new(),
        }
    }

    fn get(&self, key: &str) -> Option<&V> {
        self.map.get(key)
    }

    /// Inserts or overwrites; only a new key takes a slot (and may evict the oldest).
    fn insert(&mut self, key: &str, value: V) {
        if self.capacity == 0 {
            return;
        }
        if let Some(slot) = self.map.get_mut(key) {
            *slot = value;
            return;
        }
        while self.order.len() >= self.capacity {
            if let Some(oldest) = self.order.pop_front() {
                self.map.remove(&oldest);
            }
        }
        self.order.push_back(key.to_owned());
        self.map.insert(key.to_owned(), value);
    }

    fn remove(&mut self, key: &str) {
        if self.map.remove(key).is_some() {
            self.order.retain(|k| k != key);
        }
    }
}

/// The replay and duplicate memory of one endpoint.
#[derive(Debug)]
pub(crate) struct Dedupe {
    signatures: Mutex<Ring<()>>,
    deliveries: Mutex<Ring<Seen>>,
}

impl Dedupe {
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            signatures: Mutex::new(Ring::new(capacity)),
            deliveries: Mutex::new(Ring::new(capacity)),
        }
    }

    /// Records a signature; `false` if it was already there (a replay).
    pub(crate) fn first_signature(&self, signature: &str) -> bool {
        let mut ring = lock(&self.signatures);
        if ring.get(signature).is_some() {
            return false;
        }
        ring.insert(signature, ());
        true
    }

    /// Claims a delivery id for handling; returns what is known if it was seen before.
    pub(crate) fn claim(&self, id: &str) -> Option<Seen> {
        let mut ring = lock(&self.deliveries);
        if let Some(seen) = ring.get(id) {
            return Some(seen.clone());
        }
        ring.insert(id, Seen::Pending);
        None
    }

    /// Stores the answer of a claimed delivery id.
    pub(crate) fn answered(&self, id: &str, status: u16, body: &[u8]) {
        lock(&self.deliveries).insert(id, Seen::Answered(status, body.to_vec()));
    }

    /// Releases a claim whose handling failed, so that a new delivery is handled afresh.
    pub(crate) fn release(&self, id: &str) {
        lock(&self.deliveries).remove(id);
    }
}

/// A poisoned lock only means a panic elsewhere while holding it; the ring is still a valid
/// ring (every mutation leaves it consistent), so keep using it rather than failing callbacks.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgets_the_oldest_beyond_capacity() {
        let dedupe = Dedupe::new(2);
        assert!(dedupe.first_signature("a"));
        assert!(dedupe.first_signature("b"));
        assert!(!dedupe.first_signature("a"));
        assert!(dedupe.first_signature("c"));
        assert!(dedupe.first_signature("a"), "a was evicted by c");
    }

    #[test]
    fn claims_answers_and_releases() {
        let dedupe = Dedupe::new(4);
        assert!(dedupe.claim("e1").is_none());
        assert!(matches!(dedupe.claim("e1"), Some(Seen::Pending)));
        dedupe.answered("e1", 200, b"{}");
        assert!(matches!(dedupe.claim("e1"), Some(Seen::Answered(200, ref b)) if b == b"{}"));
        assert!(dedupe.claim("e2").is_none());
        dedupe.release("e2");
        assert!(dedupe.claim("e2").is_none());
    }
}
