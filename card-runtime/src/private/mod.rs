//! Support for the code `card!` expands to. Not public API: names and signatures may change in
//! any release.
//!
//! Why these shapes: the expansion must compile fast and run no slower than `serde_json::json!`.
//! So compile-time-known JSON is emitted as static data ([`S`]) built by one non-generic function,
//! the few generic entry points (`json`, `text`, `int`, ...) are tiny, and every conversion of a
//! user expression goes through a trait whose `on_unimplemented` message names the card rule.
//!
//! This module only re-exports: each part lives in the submodule named for what it does.

mod build;
mod convert;
mod markdown;
mod splice;

pub use serde_json;

pub use build::{
    S, build, card, element, element_v2, fallback_card, fallback_element, fallback_element_v2, obj,
    put, put_path, string, text,
};
pub use convert::{
    BoolValue, CardEnum, EnumOrValue, EnumValue, IntValue, JsonValue, NumberValue,
    SERIALIZE_ERROR_KEY, TextValue, bool_of, enum_or, enum_value, int, json, number, string_of,
    text_of,
};
pub use markdown::{
    AsWritten, AsWrittenKind, Escape, EscapeKind, MarkdownSafe, Md, escape_markdown,
};
pub use splice::{
    IntoComponent, IntoComponentV2, IntoElements, IntoElementsV2, component, component_v2, extend,
    extend_v2,
};
