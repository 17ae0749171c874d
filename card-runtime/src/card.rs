//! The card value that `card!` returns and every API takes.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A Feishu card: a thin wrapper around the card's JSON.
///
/// `card!` returns one; the client's send, reply and update calls take one. It dereferences to
/// [`serde_json::Value`], converts into it, serializes as the bare card JSON and displays as
/// compact JSON.
///
/// ```
/// use card_runtime::{card, Card};
///
/// let card: Card = card! { <card><div text="hello"/></card> };
/// assert_eq!(card["elements"][0]["tag"], "div");
/// assert_eq!(card.to_string(), r#"{"elements":[{"tag":"div","text":{"content":"hello","tag":"plain_text"}}]}"#);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Card(Value);

impl Card {
    /// Wraps card JSON built elsewhere (a file, a template engine, another library).
    ///
    /// Nothing is checked here: the name says so. The client validates every card with
    /// [`card_schema::validate`] before it is sent, so a malformed card is still reported as a
    /// typed error before any network call.
    ///
    /// ```
    /// use card_runtime::Card;
    /// let card = Card::from_json_unchecked(serde_json::json!({"elements": []}));
    /// assert!(card.validate().is_ok());
    /// ```
    pub fn from_json_unchecked(value: Value) -> Self {
        Self(value)
    }

    /// The card JSON.
    ///
    /// ```
    /// # use card_runtime::Card;
    /// let card = Card::from_json_unchecked(serde_json::json!({}));
    /// assert!(card.as_value().is_object());
    /// ```
    pub fn as_value(&self) -> &Value {
        &self.0
    }

    /// The card JSON, by value.
    ///
    /// ```
    /// # use card_runtime::Card;
    /// let value = Card::from_json_unchecked(serde_json::json!({})).into_value();
    /// assert_eq!(value, serde_json::json!({}));
    /// ```
    pub fn into_value(self) -> Value {
        self.0
    }

    /// Applies the card schema's rules (see [`card_schema::validate`]).
    ///
    /// ```
    /// use card_runtime::card;
    /// let card = card! { <card><hr/></card> };
    /// assert!(card.validate().is_ok());
    /// ```
    pub fn validate(&self) -> card_schema::Report {
        card_schema::validate(&self.0)
    }

    /// Whether the card declares `config.update_multi: true` (a shared card, which PATCH can
    /// update). Card JSON 2.0 cards are always shared.
    ///
    /// ```
    /// use card_runtime::card;
    /// assert!(card! { <card update_multi><hr/></card> }.is_shared());
    /// assert!(!card! { <card><hr/></card> }.is_shared());
    /// ```
    pub fn is_shared(&self) -> bool {
        self.0["schema"] == "2.0" || self.0["config"]["update_multi"] == Value::Bool(true)
    }
}

impl Deref for Card {
    type Target = Value;

    fn deref(&self) -> &Value {
        &self.0
    }
}

impl From<Card> for Value {
    fn from(card: Card) -> Self {
        card.0
    }
}

impl PartialEq<Value> for Card {
    fn eq(&self, other: &Value) -> bool {
        &self.0 == other
    }
}

impl PartialEq<Card> for Value {
    fn eq(&self, other: &Card) -> bool {
        self == &other.0
    }
}

/// Compact JSON, exactly what is sent.
impl fmt::Display for Card {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}
