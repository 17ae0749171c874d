//! Multi-part messages (`sum` > 1): parts are kept by `seq` until every slot is filled, under a
//! per-message and a total byte bound, and forgotten after a TTL (reference A.6).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::config::Limits;

struct Pending {
    parts: Vec<Option<Vec<u8>>>,
    bytes: usize,
    since: Instant,
}

/// Why a part was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dropped {
    /// `sum`/`seq` out of range or `sum` over the part limit.
    BadIndex,
    /// The message would exceed `max_message_bytes`.
    MessageTooLarge,
    /// All pending messages together would exceed `max_pending_bytes`.
    MemoryFull,
}

pub(crate) struct Reassembly {
    pending: HashMap<String, Pending>,
    total: usize,
    limits: Limits,
}

impl Reassembly {
    pub(crate) fn new(limits: Limits) -> Self {
        Self {
            pending: HashMap::new(),
            total: 0,
            limits,
        }
    }

    /// Adds one part; returns the whole payload once the last slot is filled.
    pub(crate) fn add(
        &mut self,
        message_id: &str,
        sum: usize,
        seq: usize,
        part: Vec<u8>,
        now: Instant,
    ) -> Result<Option<Vec<u8>>, Dropped> {
        self.expire(now);
        if sum <= 1 {
            if part.len() > self.limits.max_message_bytes {
                return Err(Dropped::MessageTooLarge);
            }
            return Ok(Some(part));
        }
        if seq >= sum || sum > self.limits.max_parts {
            return Err(Dropped::BadIndex);
        }
        let pending = self
            .pending
            .entry(message_id.to_owned())
            .or_insert_with(|| Pending {
                parts: vec![None; sum],
                bytes: 0,
                since: now,
            });
        if pending.parts.len() != sum {
            return Err(Dropped::BadIndex);
        }
        // A repeated part replaces the earlier copy.
        let replaced = pending.parts[seq].as_ref().map_or(0, Vec::len);
        let message_bytes = pending.bytes - replaced + part.len();
        let total = self.total - replaced + part.len();
        let verdict = if message_bytes > self.limits.max_message_bytes {
            Some(Dropped::MessageTooLarge)
        } else if total > self.limits.max_pending_bytes {
            Some(Dropped::MemoryFull)
        } else {
            None
        };
        if let Some(verdict) = verdict {
            // The message can never complete: free what it holds now rather than at its TTL.
            let freed = self.pending.remove(message_id).map_or(0, |p| p.bytes);
            self.total -= freed;
            return Err(verdict);
        }
        pending.parts[seq] = Some(part);
        pending.bytes = message_bytes;
        self.total = total;
        // Like the SDKs, an empty part counts as missing.
        if pending
            .parts
            .iter()
            .any(|p| p.as_ref().is_none_or(Vec::is_empty))
        {
            return Ok(None);
        }
        let done = self.pending.remove(message_id).expect("entry just used");
        self.total -= done.bytes;
        Ok(Some(done.parts.into_iter().flatten().flatten().collect()))
    }

    /// Bytes held by incomplete messages.
    #[cfg(test)]
    pub(crate) fn pending_bytes(&self) -> usize {
        self.total
    }

    fn expire(&mut self, now: Instant) {
        let ttl: Duration = self.limits.fragment_ttl;
        let mut freed = 0;
        self.pending.retain(|_, p| {
            let keep = now.saturating_duration_since(p.since) < ttl;
            if !keep {
                freed += p.bytes;
            }
            keep
        });
        self.total -= freed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits::default()
            .max_message_bytes(10)
            .max_pending_bytes(16)
            .fragment_ttl(Duration::from_secs(5))
    }

    #[test]
    fn joins_parts_in_seq_order_whatever_the_arrival() {
        let now = Instant::now();
        let mut r = Reassembly::new(limits());
        assert_eq!(r.add("m", 3, 2, b"c".to_vec(), now), Ok(None));
        assert_eq!(r.add("m", 3, 0, b"a".to_vec(), now), Ok(None));
        assert_eq!(r.pending_bytes(), 2);
        assert_eq!(
            r.add("m", 3, 1, b"b".to_vec(), now),
            Ok(Some(b"abc".to_vec()))
        );
        assert_eq!(r.pending_bytes(), 0);
    }

    #[test]
    fn bounds_each_message_and_the_total() {
        let now = Instant::now();
        let mut r = Reassembly::new(limits());
        assert_eq!(r.add("m", 2, 0, vec![1; 6], now), Ok(None));
        assert_eq!(
            r.add("m", 2, 1, vec![1; 6], now),
            Err(Dropped::MessageTooLarge)
        );
        assert_eq!(r.pending_bytes(), 0, "the doomed message is freed at once");
        assert_eq!(r.add("a", 2, 0, vec![1; 8], now), Ok(None));
        assert_eq!(r.add("b", 2, 0, vec![1; 8], now), Ok(None));
        assert_eq!(r.add("c", 2, 0, vec![1; 1], now), Err(Dropped::MemoryFull));
        assert_eq!(r.pending_bytes(), 16);
        assert_eq!(r.add("d", 2, 2, vec![1], now), Err(Dropped::BadIndex));
        assert_eq!(r.add("e", 65, 0, vec![1], now), Err(Dropped::BadIndex));
        assert_eq!(
            r.add("x", 1, 0, vec![1; 11], now),
            Err(Dropped::MessageTooLarge)
        );
    }

    #[test]
    fn incomplete_messages_expire() {
        let now = Instant::now();
        let mut r = Reassembly::new(limits());
        assert_eq!(r.add("m", 2, 0, b"a".to_vec(), now), Ok(None));
        let later = now + Duration::from_secs(5);
        // After the TTL the first part is gone: the late second part starts over.
        assert_eq!(r.add("m", 2, 1, b"b".to_vec(), later), Ok(None));
        assert_eq!(r.pending_bytes(), 1);
    }

    #[test]
    fn an_empty_part_never_completes() {
        let now = Instant::now();
        let mut r = Reassembly::new(limits());
        assert_eq!(r.add("m", 2, 0, Vec::new(), now), Ok(None));
        assert_eq!(r.add("m", 2, 1, b"b".to_vec(), now), Ok(None));
    }
}
