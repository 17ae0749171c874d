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

use sha2::{Digest, Sha256};

use super::CardAction;
use super::verify::hex;

/// The id that identifies every delivery of one click, if the click carries one.
///
/// The refresh token stays the same until a click is answered successfully, so a click on
/// another component under the same token is a new action, not a re-delivery: the legacy id
/// covers what was clicked too. It is hashed, so that each remembered id takes the same few
/// bytes however large the action (a form's values) is, and so that a `409` names no user
/// input.
pub(crate) fn delivery_id(action: &CardAction, refresh_token: Option<&str>) -> Option<String> {
    match (&action.event_id, refresh_token) {
        (Some(event_id), _) => Some(format!("event:{event_id}")),
        (None, Some(refresh)) => {
            let clicked = serde_json::to_vec(&action.action).unwrap_or_default();
            let digest = Sha256::new()
                .chain_update(refresh.as_bytes())
                // The token is a header value, which cannot hold a newline: the split between
                // token and action is unambiguous.
                .chain_update(b"\n")
                .chain_update(&clicked)
                .finalize();
            Some(format!("refresh:{}", hex(&digest)))
        }
        (None, None) => None,
    }
}

/// What is known about a delivery id.
#[derive(Debug, Clone)]
pub(crate) enum Seen {
    /// Its handler is still running.
    Pending,
    /// Its handler answered `200` with this body.
    Answered(Vec<u8>),
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

    /// Claims a delivery id for handling; returns what is known instead if it was seen before.
    pub(crate) fn claim(&self, id: &str) -> Result<Claim<'_>, Seen> {
        let mut ring = lock(&self.deliveries);
        if let Some(seen) = ring.get(id) {
            return Err(seen.clone());
        }
        ring.insert(id, Seen::Pending);
        Ok(Claim {
            dedupe: self,
            id: Some(id.to_owned()),
        })
    }
}

/// A delivery id being handled. Unless [`answered`](Self::answered), dropping it releases the
/// id, so a new delivery is handled afresh: that covers a handler that failed, panicked, or was
/// cancelled (the server drops the request future when Feishu gives up after 3 s and closes
/// the connection), any of which would otherwise leave the id pending, refusing every later
/// delivery of that click.
#[derive(Debug)]
pub(crate) struct Claim<'a> {
    dedupe: &'a Dedupe,
    /// `None` once answered.
    id: Option<String>,
}

impl Claim<'_> {
    /// Stores the `200` answer, for later deliveries of the same id to get again.
    pub(crate) fn answered(mut self, body: &[u8]) {
        if let Some(id) = self.id.take() {
            lock(&self.dedupe.deliveries).insert(&id, Seen::Answered(body.to_vec()));
        }
    }
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        if let Some(id) = self.id.take() {
            lock(&self.dedupe.deliveries).remove(&id);
        }
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
    fn legacy_delivery_ids_are_short_and_tell_clicks_apart() {
        let click = |value: &str| {
            let body = format!(r#"{{"action":{{"tag":"button","value":"{value}"}}}}"#);
            CardAction::from_legacy_slice(body.as_bytes()).unwrap()
        };
        let large = "x".repeat(100_000);
        let id = delivery_id(&click(&large), Some("r1")).unwrap();
        assert_eq!(id.len(), "refresh:".len() + 64);
        assert_eq!(delivery_id(&click(&large), Some("r1")), Some(id.clone()));
        assert_ne!(delivery_id(&click("y"), Some("r1")), Some(id.clone()));
        assert_ne!(delivery_id(&click(&large), Some("r2")), Some(id));
        assert_eq!(delivery_id(&click("y"), None), None);
    }

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
        let claim = dedupe.claim("e1").unwrap();
        assert!(matches!(dedupe.claim("e1"), Err(Seen::Pending)));
        claim.answered(b"{}");
        assert!(matches!(dedupe.claim("e1"), Err(Seen::Answered(ref b)) if b == b"{}"));
        let claim = dedupe.claim("e2").unwrap();
        drop(claim);
        assert!(dedupe.claim("e2").is_ok(), "a dropped claim is released");
    }
}
