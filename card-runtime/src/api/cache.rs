//! What a client remembers between calls: image keys by content hash, users and chat members
//! for a bounded time. Every table is bounded in size, oldest entry out first.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use crate::api::contacts::{ChatMember, User};
use crate::api::images::ImageKey;

/// How long a looked-up user or member list is reused before it is fetched again: names and
/// avatars change rarely, and a bot answering a burst of clicks should not look each one up.
pub(crate) const DIRECTORY_TTL: Duration = Duration::from_secs(5 * 60);
/// The most users a client remembers.
pub(crate) const MAX_USERS: usize = 10_000;
/// The most chats whose member lists a client remembers.
pub(crate) const MAX_CHATS: usize = 1_000;
/// The most content hashes a client remembers for upload dedupe (keys do not expire: Feishu
/// keeps an uploaded image).
pub(crate) const MAX_IMAGES: usize = 10_000;

/// The client's caches, one per [`Client`](crate::Client), shared by its clones.
#[derive(Debug)]
pub(crate) struct Caches {
    pub(crate) images: Bounded<([u8; 32], &'static str), ImageKey>,
    pub(crate) users: Bounded<String, User>,
    pub(crate) members: Bounded<String, Vec<ChatMember>>,
}

impl Default for Caches {
    fn default() -> Self {
        Self {
            images: Bounded::new(MAX_IMAGES, None),
            users: Bounded::new(MAX_USERS, Some(DIRECTORY_TTL)),
            members: Bounded::new(MAX_CHATS, Some(DIRECTORY_TTL)),
        }
    }
}

/// A map bounded in size and, optionally, in the age of its entries.
#[derive(Debug)]
pub(crate) struct Bounded<K, V> {
    capacity: usize,
    ttl: Option<Duration>,
    inner: Mutex<Table<K, V>>,
}

#[derive(Debug)]
struct Table<K, V> {
    entries: HashMap<K, (V, Duration)>,
    /// Insertion order with each insertion's time: a key re-inserted appears twice, and only
    /// the entry whose time matches is the live one.
    order: VecDeque<(K, Duration)>,
}

impl<K: Clone + Eq + Hash, V: Clone> Bounded<K, V> {
    pub(crate) fn new(capacity: usize, ttl: Option<Duration>) -> Self {
        Self {
            capacity,
            ttl,
            inner: Mutex::new(Table {
                entries: HashMap::new(),
                order: VecDeque::new(),
            }),
        }
    }

    /// The value for `key` inserted at most the TTL before `now`.
    pub(crate) fn get(&self, key: &K, now: Duration) -> Option<V> {
        let table = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let (value, at) = table.entries.get(key)?;
        match self.ttl {
            Some(ttl) if now.saturating_sub(*at) >= ttl => None,
            _ => Some(value.clone()),
        }
    }

    /// Inserts, forgetting expired entries and then the oldest ones beyond the capacity.
    pub(crate) fn insert(&self, key: K, value: V, now: Duration) {
        let mut table = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        table.entries.insert(key.clone(), (value, now));
        table.order.push_back((key, now));
        while let Some((key, at)) = table.order.front().cloned() {
            let live = table.entries.get(&key).is_some_and(|(_, t)| *t == at);
            let expired = self.ttl.is_some_and(|ttl| now.saturating_sub(at) >= ttl);
            let over = table.entries.len() > self.capacity;
            if live && !expired && !over {
                break;
            }
            table.order.pop_front();
            if live && (expired || over) {
                table.entries.remove(&key);
            }
        }
        // Stale positions behind a live oldest entry are only skipped when they reach the
        // front; rebuilding the queue from the live entries keeps it within twice the map.
        if table.order.len() > 2 * table.entries.len() + 16 {
            let Table { entries, order } = &mut *table;
            order.retain(|(key, at)| entries.get(key).is_some_and(|(_, t)| t == at));
        }
    }

    /// Forgets everything.
    pub(crate) fn clear(&self) {
        let mut table = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        table.entries.clear();
        table.order.clear();
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entries
            .len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: fn(u64) -> Duration = Duration::from_secs;

    #[test]
    fn entries_expire_after_the_ttl() {
        let cache = Bounded::new(10, Some(S(60)));
        cache.insert("a", 1, S(0));
        assert_eq!(cache.get(&"a", S(59)), Some(1));
        assert_eq!(cache.get(&"a", S(60)), None);
    }

    #[test]
    fn the_oldest_entry_goes_first_beyond_capacity() {
        let cache = Bounded::new(2, None);
        cache.insert("a", 1, S(0));
        cache.insert("b", 2, S(1));
        cache.insert("c", 3, S(2));
        assert_eq!(cache.len(), 2);
        assert_eq!(cache.get(&"a", S(3)), None);
        assert_eq!(cache.get(&"c", S(3)), Some(3));
    }

    #[test]
    fn reinserting_refreshes_and_keeps_the_order_queue_bounded() {
        let cache = Bounded::new(2, Some(S(10)));
        for t in 0..1000 {
            cache.insert("a", t, S(t));
        }
        assert_eq!(cache.get(&"a", S(1000)), Some(999));
        let queued = cache.inner.lock().unwrap().order.len();
        assert!(queued <= 11, "order queue grew to {queued}");
    }

    #[test]
    fn stale_positions_behind_a_live_entry_are_compacted() {
        let cache = Bounded::new(10, None);
        cache.insert("first", 0, S(0));
        for t in 1..1000 {
            cache.insert("again", t, S(t));
        }
        let queued = cache.inner.lock().unwrap().order.len();
        assert!(queued <= 20, "order queue grew to {queued}");
        assert_eq!(cache.get(&"first", S(1000)), Some(0));
    }

    #[test]
    fn expired_entries_are_dropped_on_insert() {
        let cache = Bounded::new(100, Some(S(10)));
        for i in 0..50 {
            cache.insert(i, i, S(0));
        }
        cache.insert(99, 99, S(20));
        assert_eq!(cache.len(), 1);
    }
}
