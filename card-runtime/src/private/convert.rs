//! Conversions of user `{expr}`s to JSON, one trait per field type, each with an
//! `on_unimplemented` message that names the card rule.

use std::fmt::{self, Display};

use serde_json::{Map, Value};

use super::build::{put, text};
use crate::Text;

/// Key of the marker object that replaces a value whose `Serialize` impl failed.
///
/// `card!` never panics at run time, so a failing `value={expr}` becomes
/// `{"$card_runtime_error": "<serde message>"}`; [`Card::validate`](crate::Card::validate) reports it as an error, so the
/// client refuses the card before any network call. Feishu has no field of this name.
pub const SERIALIZE_ERROR_KEY: &str = "$card_runtime_error";

/// Any `Serialize` value as JSON; a failing `Serialize` impl gives the marker object described at
/// [`SERIALIZE_ERROR_KEY`] instead of a panic.
pub fn json<T: JsonValue + ?Sized>(value: &T) -> Value {
    value.to_json()
}

/// A value that can go into a JSON-typed attribute (`value={..}`, `chart_spec={..}`, ...).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be turned into card JSON",
    label = "JSON attributes such as `value` take any `serde::Serialize` value",
    note = "derive `serde::Serialize` for it, or write a JSON-like literal `{{ \"key\": value }}`"
)]
pub trait JsonValue {
    /// The JSON.
    fn to_json(&self) -> Value;
}

impl<T: serde::Serialize + ?Sized> JsonValue for T {
    fn to_json(&self) -> Value {
        match serde_json::to_value(self) {
            Ok(value) => value,
            Err(err) => {
                let mut map = Map::new();
                put(
                    &mut map,
                    SERIALIZE_ERROR_KEY,
                    Value::String(err.to_string()),
                );
                Value::Object(map)
            }
        }
    }
}

/// A value shown as card text: any `Display` value, or a [`Text`] object.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be shown as card text",
    label = "text attributes and text children take any `std::fmt::Display` value",
    note = "a `card_runtime::Text` picks the text kind explicitly"
)]
pub trait TextValue {
    /// As a text object; `kind` is the field's default text tag.
    fn to_text(&self, kind: &'static str) -> Value;
    /// As a bare string (string fields).
    fn to_content(&self) -> String;
    /// Writes it as markdown content: the text escaped, so that it shows as written; `mid_line`
    /// when the text before it does not end a line.
    fn fmt_markdown(&self, f: &mut fmt::Formatter<'_>, mid_line: bool) -> fmt::Result;
}

impl<T: Display + ?Sized> TextValue for T {
    fn to_text(&self, kind: &'static str) -> Value {
        text(kind, self.to_string())
    }
    fn to_content(&self) -> String {
        self.to_string()
    }
    fn fmt_markdown(&self, f: &mut fmt::Formatter<'_>, mid_line: bool) -> fmt::Result {
        crate::markdown::write_escaped(f, self, mid_line)
    }
}

impl TextValue for Text {
    fn to_text(&self, _kind: &'static str) -> Value {
        self.to_value()
    }
    fn to_content(&self) -> String {
        self.content().to_owned()
    }
    fn fmt_markdown(&self, f: &mut fmt::Formatter<'_>, mid_line: bool) -> fmt::Result {
        // A `lark_md` text is markdown its author chose; a `plain_text` one is text.
        if self.is_markdown() {
            f.write_str(self.content())
        } else {
            crate::markdown::write_escaped(f, self.content(), mid_line)
        }
    }
}

/// An uploaded image's key: written as it is in markdown (`![alt]({key})`), where escaping
/// its `_` would break it; a key that is not plain (one made up by hand) is escaped as text.
impl TextValue for crate::ImageKey {
    fn to_text(&self, kind: &'static str) -> Value {
        text(kind, self.as_str().to_owned())
    }
    fn to_content(&self) -> String {
        self.as_str().to_owned()
    }
    fn fmt_markdown(&self, f: &mut fmt::Formatter<'_>, mid_line: bool) -> fmt::Result {
        if self.is_plain() {
            f.write_str(self.as_str())
        } else {
            crate::markdown::write_escaped(f, self.as_str(), mid_line)
        }
    }
}

impl TextValue for &crate::ImageKey {
    fn to_text(&self, kind: &'static str) -> Value {
        (**self).to_text(kind)
    }
    fn to_content(&self) -> String {
        (**self).to_content()
    }
    fn fmt_markdown(&self, f: &mut fmt::Formatter<'_>, mid_line: bool) -> fmt::Result {
        (**self).fmt_markdown(f, mid_line)
    }
}

/// `{expr}` for a text field, defaulting to the text kind `kind`.
pub fn text_of<T: TextValue + ?Sized>(value: &T, kind: &'static str) -> Value {
    value.to_text(kind)
}

/// `{expr}` for a string field.
pub fn string_of<T: TextValue + ?Sized>(value: &T) -> Value {
    Value::String(value.to_content())
}

/// A bool attribute value.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a `bool`",
    label = "this attribute takes a `bool`",
    note = "a fixed value is written bare (`update_multi` means `true`) or as `update_multi=false`"
)]
pub trait BoolValue {
    /// The bool.
    fn to_bool(&self) -> bool;
}

impl BoolValue for bool {
    fn to_bool(&self) -> bool {
        *self
    }
}

impl<T: BoolValue + ?Sized> BoolValue for &T {
    fn to_bool(&self) -> bool {
        (**self).to_bool()
    }
}

/// `{expr}` for a bool field.
pub fn bool_of<T: BoolValue + ?Sized>(value: &T) -> Value {
    Value::Bool(value.to_bool())
}

/// An integer attribute value.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an integer",
    label = "this attribute takes an integer"
)]
pub trait IntValue {
    /// The JSON number.
    fn to_json(&self) -> Value;
}

/// A numeric attribute value (integers and floats; a non-finite float becomes `null`, which
/// [`Card::validate`](crate::Card::validate) reports).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a number",
    label = "this attribute takes a number"
)]
pub trait NumberValue {
    /// The JSON number.
    fn to_json(&self) -> Value;
}

macro_rules! numbers {
    ($($int:ty)*; $($float:ty)*) => {
        $(
            impl IntValue for $int {
                fn to_json(&self) -> Value {
                    Value::from(*self)
                }
            }
            impl NumberValue for $int {
                fn to_json(&self) -> Value {
                    Value::from(*self)
                }
            }
        )*
        $(
            impl NumberValue for $float {
                fn to_json(&self) -> Value {
                    Value::from(*self)
                }
            }
        )*
    };
}

numbers!(i8 i16 i32 i64 isize u8 u16 u32 u64 usize; f32 f64);

impl<T: IntValue + ?Sized> IntValue for &T {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

impl<T: NumberValue + ?Sized> NumberValue for &T {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

/// `{expr}` for an integer field.
pub fn int<T: IntValue + ?Sized>(value: &T) -> Value {
    value.to_json()
}

/// `{expr}` for a number field.
pub fn number<T: NumberValue + ?Sized>(value: &T) -> Value {
    value.to_json()
}

/// One of the generated enums in [`crate::enums`].
pub trait CardEnum: Copy {
    /// The JSON string.
    fn json_str(self) -> &'static str;
}

/// A value for an enum-valued attribute whose typed enum is `E`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a `card_runtime::{E}`",
    label = "this attribute takes `card_runtime::{E}`",
    note = "a fixed value is written as a string literal, e.g. `type=\"primary\"`, and checked at compile time"
)]
pub trait EnumValue<E> {
    /// The JSON string.
    fn enum_str(&self) -> &'static str;
}

impl<E: CardEnum> EnumValue<E> for E {
    fn enum_str(&self) -> &'static str {
        self.json_str()
    }
}

/// `{expr}` for an enum field.
pub fn enum_value<E, T: EnumValue<E> + ?Sized>(value: &T) -> Value {
    Value::String(value.enum_str().to_owned())
}

/// A value for a field that takes an enum or a pattern (`width="default"` or `width="120px"`):
/// the typed enum, or any string, which the runtime validator checks.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a `card_runtime::{E}` or a string",
    label = "this attribute takes `card_runtime::{E}` or a string such as `\"120px\"`"
)]
pub trait EnumOrValue<E> {
    /// The JSON string.
    fn to_json(&self) -> Value;
}

impl<E: CardEnum> EnumOrValue<E> for E {
    fn to_json(&self) -> Value {
        Value::String(self.json_str().to_owned())
    }
}

impl<E> EnumOrValue<E> for str {
    fn to_json(&self) -> Value {
        Value::String(self.to_owned())
    }
}

impl<E> EnumOrValue<E> for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}

impl<E> EnumOrValue<E> for &str {
    fn to_json(&self) -> Value {
        Value::String((*self).to_owned())
    }
}

impl<E> EnumOrValue<E> for &String {
    fn to_json(&self) -> Value {
        Value::String((*self).clone())
    }
}

/// `{expr}` for an enum-or-pattern field.
pub fn enum_or<E, T: EnumOrValue<E> + ?Sized>(value: &T) -> Value {
    value.to_json()
}
