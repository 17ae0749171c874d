//! What CardKit refuses, checked before any request: cards that are not 2.0 (or too big, or
//! against the spec), malformed `element_id`s, and text streamed into an element the card
//! does not have as `markdown` or `plain_text`.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};

use serde_json::Value;

use crate::api::cardkit::invalid;
use crate::card::Card;
use crate::error::Result;

/// A card entity's JSON is refused past 30 KB (200860).
const MAX_CARD_BYTES: usize = 30_000;

/// `element_id`: 1–20 characters, a letter first, then letters, digits and `_`.
pub(crate) fn check_element_id(id: &str) -> Result<()> {
    let mut chars = id.chars();
    let ok = id.len() <= 20
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(invalid(&format!(
            "element_id `{id}` is not 1-20 characters of [A-Za-z][A-Za-z0-9_]*"
        )))
    }
}

/// What CardKit refuses, checked before the request.
pub(crate) fn check_card(card: &Card) -> Result<()> {
    let value: &Value = card;
    if value["schema"] != "2.0" {
        return Err(invalid(
            "CardKit takes only card JSON 2.0 (`\"schema\": \"2.0\"`)",
        ));
    }
    if value["config"]["update_multi"] == Value::Bool(false) {
        return Err(invalid("CardKit refuses `update_multi: false`"));
    }
    let size = card.to_string().len();
    if size > MAX_CARD_BYTES {
        return Err(invalid(&format!("the card is {size} bytes, over 30 KB")));
    }
    let report = card.validate();
    if let Some(first) = report.errors.first() {
        return Err(invalid(&format!("{}: {}", first.path, first.message)));
    }
    Ok(())
}

/// The text elements (`markdown`, `plain_text`) of an entity's card, while the client knows
/// them: from the card it created or last replaced the entity with, plus the elements it
/// added. An element edit or batch that may rename or remove one forgets them (no check then,
/// the server decides), never guesses.
#[derive(Debug, Default, Clone)]
pub(crate) struct TextElements(Arc<Mutex<Option<HashSet<String>>>>);

impl TextElements {
    /// Knows the text elements of `card`.
    pub(crate) fn set(&self, card: &Value) {
        let mut ids = HashSet::new();
        collect(card, &mut ids);
        *self.lock() = Some(ids);
    }

    /// Adds the text elements among `elements`.
    pub(crate) fn add(&self, elements: &[Value]) {
        if let Some(ids) = self.lock().as_mut() {
            for element in elements {
                collect(element, ids);
            }
        }
    }

    /// Stops checking: the card changed in a way not followed here.
    pub(crate) fn forget(&self) {
        *self.lock() = None;
    }

    /// Refuses text for an element the known card has not as markdown or plain_text.
    pub(crate) fn check(&self, element_id: &str) -> Result<()> {
        match &*self.lock() {
            Some(ids) if !ids.contains(element_id) => Err(invalid(&format!(
                "the card has no markdown or plain_text element `{element_id}` to stream into"
            ))),
            _ => Ok(()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<HashSet<String>>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn collect(value: &Value, ids: &mut HashSet<String>) {
    match value {
        Value::Object(map) => {
            let text = matches!(
                map.get("tag").and_then(Value::as_str),
                Some("markdown" | "plain_text")
            );
            if let (true, Some(id)) = (text, map.get("element_id").and_then(Value::as_str)) {
                ids.insert(id.to_owned());
            }
            map.values().for_each(|child| collect(child, ids));
        }
        Value::Array(items) => items.iter().for_each(|child| collect(child, ids)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use serde_json::json;

    #[test]
    fn element_ids_follow_the_documented_pattern() {
        for good in ["a", "answer_1", "A2345678901234567890"] {
            assert!(check_element_id(good).is_ok(), "{good}");
        }
        for bad in ["", "1a", "a-b", "a23456789012345678901", "é"] {
            assert!(check_element_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn cards_cardkit_refuses_are_caught_before_sending() {
        let one = Card::from_json_unchecked(json!({"elements": []}));
        assert!(matches!(
            check_card(&one),
            Err(Error::InvalidRequest { .. })
        ));
        let exclusive = Card::from_json_unchecked(
            json!({"schema": "2.0", "config": {"update_multi": false}, "body": {"elements": []}}),
        );
        assert!(check_card(&exclusive).is_err());
        let fine = Card::from_json_unchecked(json!({"schema": "2.0", "body": {"elements": []}}));
        assert!(check_card(&fine).is_ok());
    }

    #[test]
    fn text_elements_are_known_until_an_edit_is_not_followed() {
        let known = TextElements::default();
        assert!(known.check("anything").is_ok(), "unknown card: no check");
        known.set(&json!({"body": {"elements": [
            {"tag": "markdown", "element_id": "answer"},
            {"tag": "button", "element_id": "go"}
        ]}}));
        assert!(known.check("answer").is_ok());
        assert!(known.check("go").is_err());
        assert!(known.check("anwser").is_err());
        known.add(&[json!({"tag": "plain_text", "element_id": "more"})]);
        assert!(known.check("more").is_ok());
        known.forget();
        assert!(known.check("go").is_ok());
    }
}
