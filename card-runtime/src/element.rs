//! The component fragment that `card!` returns for a root other than `<card>`.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One card component built on its own (a fragment), to be placed into a card with `{expr}`.
///
/// `card! { <div ...>...</div> }` (any component as the root) returns an `Element`. Its tags,
/// attributes and literals are checked at compile time like inside a card; where it may be placed
/// is not known until it is spliced in, so placement is checked by [`crate::Card::validate`] (and
/// so by the client before sending).
///
/// ```
/// use card_runtime::{card, Element};
///
/// fn approve_button(id: u64) -> Element {
///     card! { <button type="primary" value={ "approve": id }>"Approve"</button> }
/// }
///
/// let card = card! { <card><action>{approve_button(7)}</action></card> };
/// assert_eq!(card["elements"][0]["actions"][0]["value"]["approve"], 7);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Element(Value);

impl Element {
    /// Wraps component JSON built elsewhere. Nothing is checked here; the card it is placed in
    /// is validated before sending.
    ///
    /// ```
    /// use card_runtime::Element;
    /// let hr = Element::from_json_unchecked(serde_json::json!({"tag": "hr"}));
    /// assert_eq!(hr.tag(), Some("hr"));
    /// ```
    pub fn from_json_unchecked(value: Value) -> Self {
        Self(value)
    }

    /// The component's `tag`, if it has one.
    ///
    /// ```
    /// use card_runtime::card;
    /// assert_eq!(card! { <hr/> }.tag(), Some("hr"));
    /// ```
    pub fn tag(&self) -> Option<&str> {
        self.0.get("tag").and_then(Value::as_str)
    }

    /// The component JSON.
    ///
    /// ```
    /// use card_runtime::card;
    /// assert!(card! { <hr/> }.as_value().is_object());
    /// ```
    pub fn as_value(&self) -> &Value {
        &self.0
    }

    /// The component JSON, by value.
    ///
    /// ```
    /// use card_runtime::card;
    /// assert_eq!(card! { <hr/> }.into_value(), serde_json::json!({"tag": "hr"}));
    /// ```
    pub fn into_value(self) -> Value {
        self.0
    }
}

impl Deref for Element {
    type Target = Value;

    fn deref(&self) -> &Value {
        &self.0
    }
}

impl From<Element> for Value {
    fn from(element: Element) -> Self {
        element.0
    }
}

impl PartialEq<Value> for Element {
    fn eq(&self, other: &Value) -> bool {
        &self.0 == other
    }
}

impl PartialEq<Element> for Value {
    fn eq(&self, other: &Element) -> bool {
        self == &other.0
    }
}

/// Compact JSON.
impl fmt::Display for Element {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}
