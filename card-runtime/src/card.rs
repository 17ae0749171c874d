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
    /// [`Card::validate`] (the [`card_schema::validate`] rules) before it is sent, so a malformed
    /// card is still reported as a typed error before any network call.
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

    /// Applies the card schema's rules (see [`card_schema::validate`]), and reports values that
    /// `card!` could not serialize.
    ///
    /// `card!` never panics: a `value={expr}` whose `Serialize` impl fails becomes a marker object
    /// `{"$card_runtime_error": "<serde message>"}`, reported here as an error at its path, so a
    /// client that validates before sending refuses the card.
    ///
    /// ```
    /// use card_runtime::card;
    /// let card = card! { <card><hr/></card> };
    /// assert!(card.validate().is_ok());
    ///
    /// // A map with non-string keys cannot be JSON.
    /// let value: std::collections::BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
    /// let card = card! { <card><action><button value={value}>"Go"</button></action></card> };
    /// let report = card.validate();
    /// assert_eq!(report.errors[0].path, "$.elements[0].actions[0].value");
    /// ```
    pub fn validate(&self) -> card_schema::Report {
        let mut report = card_schema::validate(&self.0);
        let mut path = String::from("$");
        find_serialize_errors(&self.0, &mut path, &mut report.errors);
        report
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

/// Appends a finding for every serialization marker left by `card!` (see [`Card::validate`]).
fn find_serialize_errors(value: &Value, path: &mut String, out: &mut Vec<card_schema::Finding>) {
    let len = path.len();
    match value {
        Value::Object(map) => {
            if let (1, Some(Value::String(message))) =
                (map.len(), map.get(crate::__private::SERIALIZE_ERROR_KEY))
            {
                out.push(card_schema::Finding {
                    path: path.clone(),
                    message: format!("the value could not be serialized: {message}"),
                    rule: card_schema::Rule::Serialize,
                });
                return;
            }
            for (key, value) in map {
                path.push('.');
                path.push_str(key);
                find_serialize_errors(value, path, out);
                path.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                use std::fmt::Write as _;
                let _ = write!(path, "[{i}]");
                find_serialize_errors(item, path, out);
                path.truncate(len);
            }
        }
        _ => {}
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
