//! The component fragments that `card!` returns for a root other than `<card>`: [`Element`] for
//! card JSON 1.0, [`ElementV2`] for 2.0. Two types, so that a fragment of one version spliced into
//! a card of the other is a type error rather than a card Feishu refuses.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One card component built on its own (a fragment), to be placed into a card with `{expr}`.
///
/// `card! { <div ...>...</div> }` (any component as the root) returns an `Element`. Its tags,
/// attributes and literals are checked at compile time like inside a card; where it may be placed
/// is not known until it is spliced in, so placement is checked by [`crate::Card::validate`] (and
/// so by the client before sending). It belongs to card JSON 1.0: a 2.0 card takes an
/// [`ElementV2`] instead, and splicing this type there does not compile.
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

/// One card JSON 2.0 component built on its own, to be placed into a `<card schema="2.0">` with
/// `{expr}`: what [`Element`] is to 1.0.
///
/// `card! { schema = "2.0"; <div ...>...</div> }` returns an `ElementV2`: the `schema = "2.0";`
/// prefix says which rules check the fragment, and the type says where it may go. A 1.0
/// [`Element`] spliced into a 2.0 card, or an `ElementV2` into a 1.0 card, is a compile error.
///
/// ```
/// use card_runtime::{ElementV2, card};
///
/// let hr: ElementV2 = card! { schema = "2.0"; <hr/> };
/// assert_eq!(hr.tag(), Some("hr"));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ElementV2(Value);

impl ElementV2 {
    /// Wraps card JSON 2.0 component JSON built elsewhere. Nothing is checked here; the card it
    /// is placed in is validated before sending.
    ///
    /// ```
    /// use card_runtime::ElementV2;
    /// let hr = ElementV2::from_json_unchecked(serde_json::json!({"tag": "hr"}));
    /// assert_eq!(hr.tag(), Some("hr"));
    /// ```
    pub fn from_json_unchecked(value: Value) -> Self {
        Self(value)
    }

    /// The component's `tag`, if it has one.
    ///
    /// ```
    /// use card_runtime::ElementV2;
    /// let hr = ElementV2::from_json_unchecked(serde_json::json!({"tag": "hr"}));
    /// assert_eq!(hr.tag(), Some("hr"));
    /// ```
    pub fn tag(&self) -> Option<&str> {
        self.0.get("tag").and_then(Value::as_str)
    }

    /// The component JSON.
    ///
    /// ```
    /// use card_runtime::ElementV2;
    /// let hr = ElementV2::from_json_unchecked(serde_json::json!({"tag": "hr"}));
    /// assert!(hr.as_value().is_object());
    /// ```
    pub fn as_value(&self) -> &Value {
        &self.0
    }

    /// The component JSON, by value.
    ///
    /// ```
    /// use card_runtime::ElementV2;
    /// let hr = ElementV2::from_json_unchecked(serde_json::json!({"tag": "hr"}));
    /// assert_eq!(hr.into_value(), serde_json::json!({"tag": "hr"}));
    /// ```
    pub fn into_value(self) -> Value {
        self.0
    }
}

/// The trait impls both fragment types share: they differ only in the version they belong to.
macro_rules! fragment_impls {
    ($($ty:ident)*) => {$(
        impl Deref for $ty {
            type Target = Value;

            fn deref(&self) -> &Value {
                &self.0
            }
        }

        impl From<$ty> for Value {
            fn from(element: $ty) -> Self {
                element.0
            }
        }

        impl PartialEq<Value> for $ty {
            fn eq(&self, other: &Value) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$ty> for Value {
            fn eq(&self, other: &$ty) -> bool {
                self == &other.0
            }
        }

        /// Compact JSON.
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }
    )*};
}

fragment_impls!(Element ElementV2);
