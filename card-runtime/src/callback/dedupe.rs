//! Recognising a callback seen before, in memory bounded by time, by count and by bytes.
//!
//! Two keys are remembered per request. The signature: a second request with the very same
//! signature is a byte-for-byte replay (Feishu never retries callbacks, reference §6), and is
//! refused. The delivery id (`header.event_id` for v2; for legacy, `X-Refresh-Token`, which
//! changes only after a click was answered, together with the action): a second delivery of the
//! same click gets the first one's answer again without running the handler twice, so
//! non-idempotent work happens once.
//!
//! Entries leave when their time is up, never to make room: a memory full of unexpired entries
//! refuses new callbacks, so no replay can run a handler twice because the memory was busy.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seen {
    /// Its handler is still running.
    Pending,
    /// Its handler answered `200` with this body, or with a body the answer memory no longer
    /// holds (`None`).
    Answered(Option<Vec<u8>>),
    /// The memory is full of unexpired entries: refused, so that a repeat cannot slip past.
    Full,
}

/// A fixed-size digest of a key: every remembered entry costs the same few bytes whatever the
/// key's length, and a lookup hashes 16 bytes. 128 bits keep accidental collisions out of reach.
type Key = [u8; 16];

fn key(text: &str) -> Key {
    let digest = Sha256::digest(text.as_bytes());
    let mut key = [0; 16];
    key.copy_from_slice(&digest[..16]);
    key
}

/// Entries that expire a fixed time after insertion, at most `capacity` of them.
///
/// Every entry lives the same `retention`, so insertion order is expiry order: expired entries
/// are popped from the front of a queue, O(1) amortised, without scanning. An entry removed
/// early leaves its queue slot behind; the slot is recognised by its sequence number and the
/// queue is compacted when such slots outnumber the live entries.
#[derive(Debug)]
struct Expiring<V> {
    capacity: usize,
    retention: Duration,
    map: HashMap<Key, (u64, V)>,
    queue: VecDeque<(SystemTime, Key, u64)>,
    next_seq: u64,
}

impl<V> Expiring<V> {
    fn new(capacity: usize, retention: Duration) -> Self {
        Self {
            capacity,
            retention,
            map: HashMap::new(),
            queue: VecDeque::new(),
            next_seq: 0,
        }
    }

    fn purge(&mut self, now: SystemTime) {
        while let Some(&(expires, key, seq)) = self.queue.front() {
            if expires > now {
                break;
            }
            self.queue.pop_front();
            if self.map.get(&key).is_some_and(|(live, _)| *live == seq) {
                self.map.remove(&key);
            }
        }
    }

    fn get(&self, key: &Key) -> Option<&(u64, V)> {
        self.map.get(key)
    }

    /// Remembers a new key until `now + retention`; returns its sequence number, or `Err` when
    /// the memory is full of unexpired entries. A zero capacity remembers nothing.
    fn insert(&mut self, key: Key, value: V, now: SystemTime) -> Result<u64, ()> {
        self.purge(now);
        if self.capacity == 0 {
            return Ok(0);
        }
        if self.map.len() >= self.capacity {
            return Err(());
        }
        self.next_seq += 1;
        let seq = self.next_seq;
        self.map.insert(key, (seq, value));
        let expires = now.checked_add(self.retention).unwrap_or(now);
        self.queue.push_back((expires, key, seq));
        if self.queue.len() > 2 * self.map.len() + 64 {
            let map = &self.map;
            self.queue
                .retain(|(_, key, seq)| map.get(key).is_some_and(|(live, _)| live == seq));
        }
        Ok(seq)
    }

    /// Replaces the value of the entry `seq` made, keeping its expiry; `false` if it is gone.
    fn update(&mut self, key: &Key, seq: u64, value: V) -> bool {
        match self.map.get_mut(key) {
            Some((live, slot)) if *live == seq => {
                *slot = value;
                true
            }
            _ => false,
        }
    }

    fn remove(&mut self, key: &Key, seq: u64) {
        if self.map.get(key).is_some_and(|(live, _)| *live == seq) {
            self.map.remove(key);
        }
    }
}

/// Answer bodies, kept within a byte budget, oldest dropped first.
///
/// A body is only worth keeping while a repeat of its delivery may come; when the budget is
/// spent the oldest bodies go, and their deliveries stay remembered as answered: a repeat then
/// gets `{}` (nothing to change) rather than running the handler again.
#[derive(Debug)]
struct Answers {
    budget: usize,
    used: usize,
    bodies: HashMap<(Key, u64), Box<[u8]>>,
    order: VecDeque<(Key, u64)>,
}

/// What one kept answer costs besides its bytes (map and queue slots), so that many tiny
/// answers cannot grow the memory past the budget either.
const ANSWER_OVERHEAD: usize = 64;

impl Answers {
    fn cost(body: &[u8]) -> usize {
        body.len() + ANSWER_OVERHEAD
    }

    fn insert(&mut self, id: (Key, u64), body: &[u8]) {
        let cost = Self::cost(body);
        if cost > self.budget {
            return;
        }
        while self.used + cost > self.budget {
            let Some(oldest) = self.order.pop_front() else {
                break;
            };
            if let Some(dropped) = self.bodies.remove(&oldest) {
                self.used -= Self::cost(&dropped);
            }
        }
        self.used += cost;
        self.bodies.insert(id, body.into());
        self.order.push_back(id);
    }

    fn get(&self, id: &(Key, u64)) -> Option<&[u8]> {
        self.bodies.get(id).map(|body| &body[..])
    }
}

/// What the endpoint remembers: how many entries, for how long, and how many answer bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bounds {
    pub(crate) capacity: usize,
    pub(crate) signature_retention: Duration,
    pub(crate) delivery_retention: Duration,
    pub(crate) answer_bytes: usize,
}

#[derive(Debug)]
struct Deliveries {
    ids: Expiring<bool>,
    answers: Answers,
}

/// The replay and duplicate memory of one endpoint.
#[derive(Debug)]
pub(crate) struct Dedupe {
    signatures: Mutex<Expiring<()>>,
    deliveries: Mutex<Deliveries>,
}

impl Dedupe {
    pub(crate) fn new(bounds: Bounds) -> Self {
        Self {
            signatures: Mutex::new(Expiring::new(bounds.capacity, bounds.signature_retention)),
            deliveries: Mutex::new(Deliveries {
                ids: Expiring::new(bounds.capacity, bounds.delivery_retention),
                answers: Answers {
                    budget: bounds.answer_bytes,
                    used: 0,
                    bodies: HashMap::new(),
                    order: VecDeque::new(),
                },
            }),
        }
    }

    /// Records a signature at `now`: `Ok(false)` if it was already there (a replay), `Err` when
    /// the memory is full.
    pub(crate) fn first_signature(&self, signature: &str, now: SystemTime) -> Result<bool, Seen> {
        let key = key(signature);
        let mut memory = lock(&self.signatures);
        memory.purge(now);
        if memory.get(&key).is_some() {
            return Ok(false);
        }
        memory.insert(key, (), now).map_err(|()| Seen::Full)?;
        Ok(true)
    }

    /// Claims a delivery id for handling; returns what is known instead if it was seen before.
    pub(crate) fn claim(&self, id: &str, now: SystemTime) -> Result<Claim<'_>, Seen> {
        let key = key(id);
        let mut memory = lock(&self.deliveries);
        memory.ids.purge(now);
        if let Some(&(seq, answered)) = memory.ids.get(&key) {
            if !answered {
                return Err(Seen::Pending);
            }
            return Err(Seen::Answered(
                memory.answers.get(&(key, seq)).map(<[u8]>::to_vec),
            ));
        }
        let seq = memory
            .ids
            .insert(key, false, now)
            .map_err(|()| Seen::Full)?;
        Ok(Claim {
            dedupe: self,
            id: Some((key, seq)),
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
    id: Option<(Key, u64)>,
}

impl Claim<'_> {
    /// Stores the `200` answer, for later deliveries of the same id to get again.
    pub(crate) fn answered(mut self, body: &[u8]) {
        if let Some((key, seq)) = self.id.take() {
            let mut memory = lock(&self.dedupe.deliveries);
            if memory.ids.update(&key, seq, true) {
                memory.answers.insert((key, seq), body);
            }
        }
    }
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        if let Some((key, seq)) = self.id.take() {
            lock(&self.dedupe.deliveries).ids.remove(&key, seq);
        }
    }
}

/// A poisoned lock only means a panic elsewhere while holding it; the memory is still valid
/// (every mutation leaves it consistent), so keep using it rather than failing callbacks.
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

    const T0: SystemTime = SystemTime::UNIX_EPOCH;

    fn bounds(capacity: usize, answer_bytes: usize) -> Bounds {
        Bounds {
            capacity,
            signature_retention: Duration::from_secs(600),
            delivery_retention: Duration::from_secs(3600),
            answer_bytes,
        }
    }

    fn at(secs: u64) -> SystemTime {
        T0 + Duration::from_secs(secs)
    }

    #[test]
    fn signatures_are_kept_for_their_retention_then_forgotten() {
        let dedupe = Dedupe::new(bounds(4, 1024));
        assert_eq!(dedupe.first_signature("a", at(0)), Ok(true));
        assert_eq!(dedupe.first_signature("a", at(599)), Ok(false));
        assert_eq!(dedupe.first_signature("a", at(600)), Ok(true), "expired");
    }

    #[test]
    fn a_full_memory_refuses_instead_of_forgetting() {
        let dedupe = Dedupe::new(bounds(2, 1024));
        assert_eq!(dedupe.first_signature("a", at(0)), Ok(true));
        assert_eq!(dedupe.first_signature("b", at(1)), Ok(true));
        assert_eq!(dedupe.first_signature("c", at(2)), Err(Seen::Full));
        // Nothing was evicted to make room: the replay of `a` is still caught.
        assert_eq!(dedupe.first_signature("a", at(3)), Ok(false));
        // Once `a` expires there is room again.
        assert_eq!(dedupe.first_signature("c", at(600)), Ok(true));
        assert!(dedupe.claim("x", at(0)).is_ok());
    }

    #[test]
    fn released_claims_do_not_grow_the_queue_without_bound() {
        let dedupe = Dedupe::new(bounds(8, 1024));
        for i in 0..10_000 {
            drop(dedupe.claim(&format!("e{i}"), at(0)).unwrap());
        }
        let memory = lock(&dedupe.deliveries);
        assert!(memory.ids.map.is_empty());
        assert!(
            memory.ids.queue.len() <= 2 + 64 + 1,
            "{}",
            memory.ids.queue.len()
        );
    }

    #[test]
    fn answers_beyond_the_budget_are_dropped_oldest_first_but_stay_answered() {
        let dedupe = Dedupe::new(bounds(16, 2 * (100 + ANSWER_OVERHEAD)));
        for id in ["e1", "e2", "e3"] {
            dedupe.claim(id, at(0)).unwrap().answered(&[b'x'; 100]);
        }
        assert_eq!(dedupe.claim("e1", at(1)).err(), Some(Seen::Answered(None)));
        assert_eq!(
            dedupe.claim("e3", at(1)).err(),
            Some(Seen::Answered(Some(vec![b'x'; 100])))
        );
        let memory = lock(&dedupe.deliveries);
        assert!(memory.answers.used <= memory.answers.budget);
        drop(memory);
        // An answer larger than the whole budget is not kept, and still counts as answered.
        dedupe
            .claim("big", at(0))
            .unwrap()
            .answered(&[b'y'; 10_000]);
        assert_eq!(dedupe.claim("big", at(1)).err(), Some(Seen::Answered(None)));
        // Deliveries expire by time.
        assert!(dedupe.claim("e3", at(3600)).is_ok());
    }

    #[test]
    fn claims_answers_and_releases() {
        let dedupe = Dedupe::new(bounds(4, 1024));
        let claim = dedupe.claim("e1", at(0)).unwrap();
        assert!(matches!(dedupe.claim("e1", at(0)), Err(Seen::Pending)));
        claim.answered(b"{}");
        assert!(
            matches!(dedupe.claim("e1", at(0)), Err(Seen::Answered(Some(ref b))) if b == b"{}")
        );
        let claim = dedupe.claim("e2", at(0)).unwrap();
        drop(claim);
        assert!(
            dedupe.claim("e2", at(0)).is_ok(),
            "a dropped claim is released"
        );
    }
}
