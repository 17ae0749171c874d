//! Building the card's JSON: the static data compile-time-known parts are emitted as, the map
//! the dynamic fields are added to, and the values a failed expansion stands in for.

use serde_json::{Map, Value};

use crate::{Card, Element, ElementV2};

/// A JSON value known at compile time, stored as static data.
#[derive(Debug)]
pub enum S {
    /// `null`.
    Null,
    /// A bool.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// An integer above `i64::MAX`.
    UInt(u64),
    /// A float.
    Float(f64),
    /// A string.
    Str(&'static str),
    /// An array.
    Arr(&'static [Self]),
    /// An object.
    Obj(&'static [(&'static str, Self)]),
}

impl S {
    /// The JSON value.
    pub fn build(&self) -> Value {
        match self {
            Self::Null => Value::Null,
            Self::Bool(b) => Value::Bool(*b),
            Self::Int(i) => Value::from(*i),
            Self::UInt(u) => Value::from(*u),
            Self::Float(f) => Value::from(*f),
            Self::Str(s) => Value::String((*s).to_owned()),
            Self::Arr(items) => Value::Array(items.iter().map(Self::build).collect()),
            Self::Obj(pairs) => Value::Object(obj(pairs)),
        }
    }
}

/// The JSON value of static data.
pub fn build(s: &S) -> Value {
    s.build()
}

/// A map holding the static `pairs`, to which the dynamic fields are then added.
pub fn obj(pairs: &[(&'static str, S)]) -> Map<String, Value> {
    let mut map = Map::new();
    for (key, value) in pairs {
        put(&mut map, key, value.build());
    }
    map
}

/// Sets `key`; an object set where an object already stands is merged into it, field by field.
///
/// The merge is what lets one JSON object be written in two places: a text object built at run
/// time (`<div>{name}</div>`) whose `i18n_content` entries are static, or a 2.0 `<body>`'s
/// layout beside its components. `card!` refuses the same field twice, so nothing is lost.
pub fn put(map: &mut Map<String, Value>, key: &'static str, value: Value) {
    match (map.get_mut(key), value) {
        (Some(Value::Object(old)), Value::Object(new)) => old.extend(new),
        (_, value) => {
            map.insert(key.to_owned(), value);
        }
    }
}

/// Sets the field at `path` (card config sugar: `["config", "update_multi"]`), creating the
/// intermediate objects.
pub fn put_path(map: &mut Map<String, Value>, path: &[&'static str], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut map = map;
    for key in parents {
        let slot = map.entry(*key).or_insert_with(|| Value::Object(Map::new()));
        if !slot.is_object() {
            *slot = Value::Object(Map::new());
        }
        let Value::Object(inner) = slot else {
            return;
        };
        map = inner;
    }
    put(map, last, value);
}

/// A string value.
pub fn string(content: String) -> Value {
    Value::String(content)
}

/// A text object `{"tag": kind, "content": content}`.
pub fn text(kind: &'static str, content: String) -> Value {
    let mut map = Map::new();
    put(&mut map, "tag", Value::String(kind.to_owned()));
    put(&mut map, "content", Value::String(content));
    Value::Object(map)
}

/// Wraps a built card.
pub fn card(map: Map<String, Value>) -> Card {
    Card::from_json_unchecked(Value::Object(map))
}

/// Wraps a built fragment.
pub fn element(value: Value) -> Element {
    Element::from_json_unchecked(value)
}

/// Wraps a built card JSON 2.0 fragment.
pub fn element_v2(value: Value) -> ElementV2 {
    ElementV2::from_json_unchecked(value)
}

/// The value of a `card!` that failed to compile: only its type matters, since the compile error
/// already stops the build; it keeps one mistake from causing a cascade of type errors.
pub fn fallback_card() -> Card {
    Card::default()
}

/// [`fallback_card`] for fragments.
pub fn fallback_element() -> Element {
    Element::from_json_unchecked(Value::Null)
}

/// [`fallback_card`] for 2.0 fragments.
pub fn fallback_element_v2() -> ElementV2 {
    ElementV2::from_json_unchecked(Value::Null)
}
