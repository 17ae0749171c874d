//! How a finding's message describes what it found: a JSON value, a tag not admitted here.

use serde_json::Value;

use crate::Admits;
use crate::placement::backticked;

pub(super) fn not_allowed(tag: &str, admits: Admits) -> String {
    match admits {
        Admits::Only(tags) => format!(
            "`{tag}` is not allowed here; expected one of {}",
            backticked(tags)
        ),
        Admits::AllExcept(_) => format!("`{tag}` is not allowed here"),
    }
}

/// A short description of a JSON value for "found ...": strings quoted as in JSON.
pub(super) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "`null`".to_owned(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("`{n}`"),
        Value::String(s) => format!("`{}`", Value::from(shorten(s))),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// Like [`describe`], but a string is shown as written (for enum and pattern values).
pub(super) fn describe_str(value: &Value) -> String {
    match value {
        Value::String(s) => format!("`{}`", shorten(s)),
        other => describe(other),
    }
}

/// At most 40 characters of `s`, with an ellipsis when cut.
fn shorten(s: &str) -> String {
    let mut shown: String = s.chars().take(40).collect();
    if shown.len() < s.len() {
        shown.push('…');
    }
    shown
}
