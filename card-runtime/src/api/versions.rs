//! Which card JSON version each message this client sent carries, so an update that Feishu
//! would refuse (a 1.0 card over a 2.0 one, reference §2.4 rule 10) fails before any request.

use std::collections::{HashSet, VecDeque};
use std::sync::{Mutex, PoisonError};

use card_schema::Version;

use crate::card::Card;

/// How many 2.0 messages a client remembers; the oldest are forgotten first, and a message
/// the client forgot (or never sent) is left to the server to judge.
const CAPACITY: usize = 10_000;

/// The ids of the 2.0 messages this client sent, newest last, bounded by [`CAPACITY`].
#[derive(Debug, Default)]
pub(crate) struct SentVersions {
    inner: Mutex<Remembered>,
}

#[derive(Debug, Default)]
struct Remembered {
    order: VecDeque<String>,
    v2: HashSet<String>,
}

/// The version a card declares (`"schema": "2.0"` selects 2.0; anything else is 1.0).
pub(crate) fn version_of(card: &Card) -> Version {
    Version::of_schema(card.as_value().get("schema").and_then(|s| s.as_str()))
}

impl SentVersions {
    /// Notes that `message_id` now shows `card`.
    pub(crate) fn record(&self, message_id: &str, card: &Card) {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if version_of(card) != Version::V2 || inner.v2.contains(message_id) {
            return;
        }
        if inner.order.len() == CAPACITY {
            if let Some(oldest) = inner.order.pop_front() {
                inner.v2.remove(&oldest);
            }
        }
        inner.order.push_back(message_id.to_owned());
        inner.v2.insert(message_id.to_owned());
    }

    /// Whether `message_id` is known to carry a 2.0 card.
    pub(crate) fn is_v2(&self, message_id: &str) -> bool {
        self.inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .v2
            .contains(message_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn remembers_2_0_messages_within_its_bound() {
        let versions = SentVersions::default();
        let v2 = Card::from_json_unchecked(json!({"schema": "2.0", "body": {"elements": []}}));
        let v1 = Card::from_json_unchecked(json!({"elements": []}));
        versions.record("om_v1", &v1);
        versions.record("om_first", &v2);
        assert!(versions.is_v2("om_first") && !versions.is_v2("om_v1"));
        for n in 0..CAPACITY {
            versions.record(&format!("om_{n}"), &v2);
        }
        assert!(!versions.is_v2("om_first"), "the oldest is forgotten first");
        assert!(versions.is_v2(&format!("om_{}", CAPACITY - 1)));
        assert_eq!(versions.inner.lock().unwrap().order.len(), CAPACITY);
    }
}
