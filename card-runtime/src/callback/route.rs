//! Explicit routes: the discriminant a card's callback value carries and its handler declares.
//!
//! A click goes to the one handler whose route names the tag found in its value, never to the
//! first type whose `Deserialize` happens to accept the value; a handler set in which one click
//! could reach two handlers is refused when it is built ([`RouteError`]).

use serde::de::DeserializeOwned;
use serde_json::Value;

/// The value field [`Route::tag`] routes on.
///
/// ```
/// assert_eq!(card_runtime::callback::ROUTE_KEY, "route");
/// ```
pub const ROUTE_KEY: &str = "route";

/// The tags of one route: one, or a fixed list (an enum type with one tag per variant).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tags {
    One(&'static str),
    Many(&'static [&'static str]),
}

/// Which clicks a [`CardValue`] type takes: those whose `value` object has the string `tag` in
/// field `key`.
///
/// Both card versions carry it the same way: a 1.0 component's `value` and a 2.0 `callback`
/// behavior's `value` arrive as `event.action.value` (reference v2 §2.13), and a form submit
/// carries its submit button's value.
///
/// ```
/// use card_runtime::callback::Route;
///
/// // `{"route": "approve", ..}`
/// const APPROVE: Route = Route::tag("approve");
/// assert_eq!(APPROVE.key(), "route");
/// // The approval seed card's buttons: `{"button_type": "public_publish", ..}`.
/// const PUBLISH: Route = Route::new("button_type", &["public_publish"]);
/// assert_eq!(PUBLISH.tags().collect::<Vec<_>>(), ["public_publish"]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    key: &'static str,
    tags: Tags,
}

impl Route {
    /// A route on field `key` taking every tag of `tags` (an internally tagged enum's variant
    /// names, say).
    ///
    /// ```
    /// use card_runtime::callback::Route;
    /// const DECISION: Route = Route::new("action", &["approve", "decline"]);
    /// assert!(DECISION.matches(&serde_json::json!({"action": "decline", "id": 7})));
    /// ```
    pub const fn new(key: &'static str, tags: &'static [&'static str]) -> Self {
        Self {
            key,
            tags: Tags::Many(tags),
        }
    }

    /// A route on [`ROUTE_KEY`] (`"route"`) with one tag: what
    /// `#[serde(tag = "route", rename = "tag")]` on a struct writes and checks.
    ///
    /// ```
    /// use card_runtime::callback::Route;
    /// assert!(Route::tag("approve").matches(&serde_json::json!({"route": "approve"})));
    /// ```
    pub const fn tag(tag: &'static str) -> Self {
        Self {
            key: ROUTE_KEY,
            tags: Tags::One(tag),
        }
    }

    /// The value field this route reads.
    ///
    /// ```
    /// assert_eq!(card_runtime::callback::Route::new("kind", &["a"]).key(), "kind");
    /// ```
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The tags this route takes.
    ///
    /// ```
    /// let route = card_runtime::callback::Route::new("kind", &["a", "b"]);
    /// assert_eq!(route.tags().count(), 2);
    /// ```
    pub fn tags(&self) -> impl Iterator<Item = &'static str> {
        let (one, many): (Option<&'static str>, &'static [&'static str]) = match self.tags {
            Tags::One(tag) => (Some(tag), &[]),
            Tags::Many(tags) => (None, tags),
        };
        one.into_iter().chain(many.iter().copied())
    }

    /// Whether a click whose `value` is `value` takes this route.
    ///
    /// ```
    /// use card_runtime::callback::Route;
    /// assert!(!Route::tag("a").matches(&serde_json::json!("a"))); // a plain string carries no route
    /// ```
    pub fn matches(&self, value: &Value) -> bool {
        tag_of(value, self.key).is_some_and(|tag| self.tags().any(|t| t == tag))
    }
}

/// The string in field `key` of an object `value`.
pub(crate) fn tag_of<'v>(value: &'v Value, key: &str) -> Option<&'v str> {
    value.as_object()?.get(key)?.as_str()
}

/// A callback value type and the route its clicks take.
///
/// Implement it by hand (no derive needed) next to the type's serde attributes, so the tag
/// the card carries and the tag the handler declares are written side by side:
///
/// ```
/// use card_runtime::callback::{CardValue, Route};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize)]
/// #[serde(tag = "route", rename = "approve")] // `value={Approve{..}}` writes `"route":"approve"`
/// struct Approve { id: u64 }
///
/// impl CardValue for Approve {
///     const ROUTE: Route = Route::tag("approve");
/// }
///
/// let value = serde_json::to_value(Approve { id: 7 }).unwrap();
/// assert!(Approve::ROUTE.matches(&value));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` declares no callback route",
    label = "a typed callback handler takes a `CardValue` type",
    note = "implement `card_runtime::callback::CardValue` for it, e.g. `impl CardValue for {Self} {{ const ROUTE: Route = Route::tag(\"..\"); }}`, and make the value on the card carry that tag (`#[serde(tag = \"route\", rename = \"..\")]`)",
    note = "a click without a routed value (a standalone input, a value-less button) goes to `Handlers::fallback`"
)]
pub trait CardValue: DeserializeOwned + Send + 'static {
    /// The clicks this type takes.
    const ROUTE: Route;
}

/// A handler set that could send one click to two handlers, or is otherwise unusable; returned
/// when the set is built ([`Dispatcher::new`](super::Dispatcher::new)).
///
/// ```
/// use card_runtime::callback::{ActionContext, CardValue, Dispatcher, Handlers, Route, RouteError};
/// use serde::Deserialize;
///
/// #[derive(Deserialize)] struct A { id: u64 }
/// #[derive(Deserialize)] struct B { id: u64, note: Option<String> }
/// impl CardValue for A { const ROUTE: Route = Route::tag("approve"); }
/// impl CardValue for B { const ROUTE: Route = Route::tag("approve"); }
///
/// let handlers = Handlers::new()
///     .on(|_: A, _cx: ActionContext| async {})
///     .on(|_: B, _cx: ActionContext| async {});
/// let err = Dispatcher::new(handlers).unwrap_err();
/// assert!(matches!(err, RouteError::Overlap { tag: "approve", .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RouteError {
    /// Two handlers take the same tag.
    #[error(
        "`{second}` and `{first}` both route `{key}` = \"{tag}\": a click carrying it could go to either; give each type its own tag"
    )]
    Overlap {
        /// The value field.
        key: &'static str,
        /// The tag both take.
        tag: &'static str,
        /// The type registered first.
        first: &'static str,
        /// The type registered second.
        second: &'static str,
    },
    /// Two handlers route on different value fields, so a value carrying both could go to
    /// either.
    #[error(
        "`{first}` routes on the value field `{first_key}` and `{second}` on `{second_key}`: a value carrying both could go to either; route every type of one handler set on the same field"
    )]
    MixedKeys {
        /// The type registered first.
        first: &'static str,
        /// Its field.
        first_key: &'static str,
        /// The type registered second.
        second: &'static str,
        /// Its field.
        second_key: &'static str,
    },
    /// A route with no tag would never be taken.
    #[error("`{0}` declares a route with no tag: no click could reach it")]
    NoTag(&'static str),
    /// Two fallbacks: only one can take the unrouted clicks.
    #[error("two fallback handlers: only one can take the clicks no route takes")]
    TwoFallbacks,
    /// Two handlers for one event type.
    #[error("two handlers for the event type `{0}`")]
    DuplicateEvent(&'static str),
}
