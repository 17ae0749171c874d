//! Bounded, insertion-ordered tables: recorded messages, `uuid`s, tokens.
//!
//! Each table keeps at most its capacity and forgets its oldest entry first, in O(1) per
//! insert, so an emulator fed 60,000 messages (or run for days by a bot's test suite) holds a
//! known amount of memory. A card is stored once, as its compact JSON text shared (`Arc<str>`)
//! between the message and its `uuid` entry: a `serde_json::Value` tree costs many times
//! the text, and the store is only read back by tests.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;

/// A map that remembers insertion order and holds at most `capacity` keys.
#[derive(Debug)]
pub(crate) struct Fifo<V> {
    /// Each value with the sequence number of its insertion, so a stale entry in `order`
    /// (the key was inserted again later) is recognised and skipped.
    map: HashMap<String, (u64, V)>,
    order: VecDeque<(u64, String)>,
    next: u64,
    capacity: usize,
}

impl<V> Fifo<V> {
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            map: HashMap::new(),
            order: VecDeque::new(),
            next: 0,
            capacity: capacity.max(1),
        }
    }

    /// Inserts (or replaces, moving it to the newest place) and returns how many of the
    /// oldest entries were forgotten to stay within capacity.
    pub(crate) fn insert(&mut self, key: String, value: V) -> u64 {
        self.next += 1;
        self.order.push_back((self.next, key.clone()));
        self.map.insert(key, (self.next, value));
        let mut evicted = 0;
        while self.map.len() > self.capacity {
            if self.pop_oldest().is_some() {
                evicted += 1;
            }
        }
        // Replaced keys leave stale entries behind; never let them outgrow the live ones.
        if self.order.len() > 2 * self.capacity {
            let map = &self.map;
            self.order
                .retain(|(seq, key)| map.get(key).is_some_and(|(live, _)| live == seq));
        }
        evicted
    }

    fn pop_oldest(&mut self) -> Option<V> {
        while let Some((seq, key)) = self.order.pop_front() {
            if self.map.get(&key).is_some_and(|(live, _)| *live == seq) {
                return self.map.remove(&key).map(|(_, value)| value);
            }
        }
        None
    }

    fn oldest(&mut self) -> Option<&V> {
        while let Some((seq, key)) = self.order.front() {
            if self.map.get(key).is_some_and(|(live, _)| live == seq) {
                return self.map.get(key).map(|(_, value)| value);
            }
            self.order.pop_front();
        }
        None
    }

    /// Forgets the oldest entries while `expired` says so (entries expire in insertion order).
    pub(crate) fn expire_while(&mut self, mut expired: impl FnMut(&V) -> bool) {
        while self.oldest().is_some_and(&mut expired) {
            self.pop_oldest();
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<&V> {
        self.map.get(key).map(|(_, value)| value)
    }

    pub(crate) fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.map.get_mut(key).map(|(_, value)| value)
    }

    /// Forgets one key; its place in the order is skipped from then on.
    pub(crate) fn remove(&mut self, key: &str) -> Option<V> {
        self.map.remove(key).map(|(_, value)| value)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.map.len()
    }

    pub(crate) fn clear(&mut self) {
        self.map.clear();
        self.order.clear();
    }

    /// The values, oldest first.
    pub(crate) fn values(&self) -> impl Iterator<Item = &V> {
        self.order
            .iter()
            .filter_map(|(seq, key)| match self.map.get(key) {
                Some((live, value)) if live == seq => Some(value),
                _ => None,
            })
    }
}

/// What never changes about a message once created; shared by the store and its `uuid` entry.
#[derive(Debug)]
pub(crate) struct Head {
    pub(crate) message_id: String,
    pub(crate) chat_id: String,
    pub(crate) receive_id_type: String,
    pub(crate) receive_id: String,
    pub(crate) msg_type: String,
    pub(crate) uuid: Option<String>,
    pub(crate) parent_id: Option<String>,
    pub(crate) root_id: Option<String>,
    pub(crate) thread_id: Option<String>,
    pub(crate) create_time: u64,
}

/// One recorded message: its head, and the current card as compact JSON text.
#[derive(Debug)]
pub(crate) struct Stored {
    pub(crate) head: Arc<Head>,
    pub(crate) card: Arc<str>,
    /// Per-user views of an exclusive card; the users of one update share one text.
    pub(crate) personal_cards: BTreeMap<String, Arc<str>>,
    pub(crate) update_time: u64,
    pub(crate) updates: u32,
    /// The legacy callback's `X-Refresh-Token`, which changes once a click was answered.
    pub(crate) refresh_token: String,
}

impl Stored {
    pub(crate) fn new(head: Head, card: Arc<str>) -> Self {
        let update_time = head.create_time;
        Self {
            head: Arc::new(head),
            card,
            personal_cards: BTreeMap::new(),
            update_time,
            updates: 0,
            refresh_token: fresh_refresh_token(),
        }
    }

    /// Approximate heap bytes held for this message (texts and ids), for the memory figure.
    pub(crate) fn heap_bytes(&self) -> usize {
        let head = &self.head;
        let ids = [
            &head.message_id,
            &head.chat_id,
            &head.receive_id_type,
            &head.receive_id,
            &head.msg_type,
        ]
        .iter()
        .map(|s| s.len())
        .sum::<usize>()
            + [&head.uuid, &head.parent_id, &head.root_id, &head.thread_id]
                .iter()
                .map(|s| s.as_ref().map_or(0, String::len))
                .sum::<usize>();
        let personal: usize = self
            .personal_cards
            .iter()
            .map(|(user, card)| user.len() + card.len())
            .sum();
        std::mem::size_of::<Self>()
            + std::mem::size_of::<Head>()
            + ids
            + self.card.len()
            + personal
            + self.refresh_token.len()
    }
}

pub(crate) fn fresh_refresh_token() -> String {
    format!("rt-{}", uuid::Uuid::new_v4().simple())
}

/// A `uuid`'s first answer: the message as it was created (the card text is the same
/// allocation the message held then, not a copy).
#[derive(Debug)]
pub(crate) struct FirstAnswer {
    pub(crate) at: Duration,
    pub(crate) head: Arc<Head>,
    pub(crate) card: Arc<str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_newest_within_capacity() {
        let mut fifo = Fifo::new(3);
        let mut evicted = 0;
        for i in 0..10 {
            evicted += fifo.insert(format!("k{i}"), i);
        }
        assert_eq!(evicted, 7);
        assert_eq!(fifo.values().copied().collect::<Vec<_>>(), [7, 8, 9]);
        assert!(fifo.get("k6").is_none());
        assert_eq!(fifo.get("k9"), Some(&9));
    }

    #[test]
    fn reinserting_moves_a_key_to_the_newest_place() {
        let mut fifo = Fifo::new(2);
        fifo.insert("a".into(), 1);
        fifo.insert("b".into(), 2);
        fifo.insert("a".into(), 3);
        fifo.insert("c".into(), 4);
        assert_eq!(fifo.values().copied().collect::<Vec<_>>(), [3, 4]);
        // Replacing one key over and over leaves the order queue bounded.
        for i in 0..100 {
            fifo.insert("a".into(), i);
        }
        assert!(fifo.order.len() <= 4);
    }

    #[test]
    fn expires_from_the_oldest() {
        let mut fifo = Fifo::new(10);
        for i in 0..5 {
            fifo.insert(format!("k{i}"), i);
        }
        fifo.expire_while(|&v| v < 3);
        assert_eq!(fifo.values().copied().collect::<Vec<_>>(), [3, 4]);
        assert_eq!(fifo.len(), 2);
    }
}
