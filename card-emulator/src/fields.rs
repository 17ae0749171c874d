//! What a user can enter in each interactive component, and the value Feishu reports for it
//! (reference v2 §5, §11): one rule per component, shared by standalone callbacks and form
//! submits.

use serde_json::Value;

use crate::click::ClickError;
use crate::interact::{Timezone, number};
use crate::walk::Found;

/// Feishu's default and ceiling for `input.max_length` (reference v2 §5.2).
const MAX_INPUT_CHARS: u64 = 1000;

pub(crate) fn refused(component: &Found<'_>, reason: impl Into<String>) -> ClickError {
    ClickError::Refused {
        component: component.describe(),
        reason: reason.into(),
    }
}

fn no_option(component: &Found<'_>, option: &str) -> ClickError {
    ClickError::NoSuchOption {
        component: component.describe(),
        option: option.to_owned(),
    }
}

/// The component's `options` as (value, disabled).
fn options<'a>(component: &Found<'a>) -> Vec<(&'a str, bool)> {
    component
        .node
        .get("options")
        .and_then(Value::as_array)
        .map(|options| {
            options
                .iter()
                .filter_map(|o| Some((o["value"].as_str()?, o["disabled"] == Value::Bool(true))))
                .collect()
        })
        .unwrap_or_default()
}

/// The `value`s of the component's enabled `options`.
fn option_values<'a>(component: &Found<'a>) -> Vec<&'a str> {
    options(component)
        .into_iter()
        .filter_map(|(value, disabled)| (!disabled).then_some(value))
        .collect()
}

/// Text typed into an `input`: at most `max_length` characters; a newline only in a
/// `multiline_text` input, where it comes back as `\n`.
pub(crate) fn text(component: &Found<'_>, text: &str) -> Result<Value, ClickError> {
    let max = component
        .node
        .get("max_length")
        .and_then(Value::as_u64)
        .unwrap_or(MAX_INPUT_CHARS);
    let chars = text.chars().count() as u64;
    if chars > max {
        return Err(refused(
            component,
            format!(
                "{chars} characters exceed max_length {max}; the client shows an error and sends nothing"
            ),
        ));
    }
    let multiline =
        component.node.get("input_type").and_then(Value::as_str) == Some("multiline_text");
    if !multiline && text.contains('\n') {
        return Err(refused(
            component,
            "a single-line input cannot take a newline (input_type multiline_text can)",
        ));
    }
    Ok(Value::from(text))
}

/// One option picked in a select: an option's `value` (`select_static`, `select_img`, and
/// `overflow`), or an `open_id` (`select_person`: one of its `options` when it lists any; an
/// empty list offers the chat's members, which the emulator does not know, so any `ou_` id).
pub(crate) fn choice(component: &Found<'_>, option: &str) -> Result<Value, ClickError> {
    let values = option_values(component);
    let ok = match component.tag {
        "select_person" | "multi_select_person" if values.is_empty() => option.starts_with("ou_"),
        _ => values.contains(&option),
    };
    if ok {
        Ok(Value::from(option))
    } else if options(component).contains(&(option, true)) {
        Err(refused(component, format!("option `{option}` is disabled")))
    } else {
        Err(no_option(component, option))
    }
}

/// Several options picked in a multi-select, as an array of values.
pub(crate) fn choices(component: &Found<'_>, picked: &Value) -> Result<Value, ClickError> {
    let Some(items) = picked.as_array() else {
        return Err(refused(
            component,
            "a multi-select takes an array of option values",
        ));
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let Some(option) = item.as_str() else {
            return Err(refused(
                component,
                "a multi-select takes an array of option values",
            ));
        };
        out.push(choice(component, option)?);
    }
    Ok(Value::Array(out))
}

/// A picked date, time or both, reported with the user's offset (`"2024-04-01 +0800"`).
pub(crate) fn moment(
    component: &Found<'_>,
    value: &str,
    zone: &Timezone,
) -> Result<Value, ClickError> {
    let (ok, shape) = match component.tag {
        "date_picker" => (is_date(value), "yyyy-MM-dd"),
        "picker_time" => (is_time(value), "HH:mm"),
        _ => (
            value
                .split_once(' ')
                .is_some_and(|(date, time)| is_date(date) && is_time(time)),
            "yyyy-MM-dd HH:mm",
        ),
    };
    if !ok {
        return Err(refused(
            component,
            format!(
                "`{value}` is not a {shape} value (give it without offset: the click's timezone adds it)"
            ),
        ));
    }
    Ok(Value::from(format!("{value} {}", zone.offset())))
}

fn digits(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (year, month, day) = (&text[..4], &text[5..7], &text[8..]);
    if !(digits(year) && digits(month) && digits(day)) {
        return false;
    }
    let (year, month, day) = (number(year), number(month), number(day));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

fn is_time(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 5
        && b[2] == b':'
        && digits(&text[..2])
        && digits(&text[3..])
        && number(&text[..2]) < 24
        && number(&text[3..]) < 60
}

/// The tags whose value a form submit carries.
pub(crate) const FORM_FIELDS: &[&str] = &[
    "input",
    "select_static",
    "multi_select_static",
    "select_person",
    "multi_select_person",
    "date_picker",
    "picker_time",
    "picker_datetime",
    "checker",
    "select_img",
];

/// Whether the field reports an array: the multi-selects (v2 §8.6), and an image select with
/// `multi_select` (no page prints its form value; UNCONFIRMED, read like a multi-select).
fn is_multi(component: &Found<'_>) -> bool {
    match component.tag {
        "multi_select_static" | "multi_select_person" => true,
        "select_img" => component.node.get("multi_select") == Some(&Value::Bool(true)),
        _ => false,
    }
}

/// A form field's value as the user gave it.
pub(crate) fn given(
    component: &Found<'_>,
    value: &Value,
    zone: &Timezone,
) -> Result<Value, ClickError> {
    if component.tag == "checker" {
        return match value {
            Value::Bool(_) => Ok(value.clone()),
            _ => Err(refused(component, "a checker takes true or false")),
        };
    }
    if is_multi(component) {
        return choices(component, value);
    }
    let Some(text_value) = value.as_str() else {
        return Err(refused(component, "this field takes a string"));
    };
    match component.tag {
        "input" => text(component, text_value),
        "date_picker" | "picker_time" | "picker_datetime" => moment(component, text_value, zone),
        _ => choice(component, text_value),
    }
}

/// A form field's initial value, which a submit carries when the user left it alone.
pub(crate) fn initial(component: &Found<'_>, zone: &Timezone) -> Option<Value> {
    let node = component.node;
    let string = |key: &str| {
        node.get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    match component.tag {
        "input" => string("default_value").map(Value::from),
        "checker" => Some(Value::Bool(node.get("checked") == Some(&Value::Bool(true)))),
        "select_static" => string("initial_option").map(Value::from).or_else(|| {
            // 2.0's `initial_index` counts from 1; 0 means none.
            let index = node.get("initial_index")?.as_u64()?.checked_sub(1)?;
            let option = &node
                .get("options")?
                .as_array()?
                .get(usize::try_from(index).ok()?)?["value"];
            option.is_string().then(|| option.clone())
        }),
        // An `initial_option` not among the options is ignored (reference v2 §5.6).
        "select_person" => string("initial_option")
            .filter(|id| option_values(component).contains(id))
            .map(Value::from),
        "multi_select_static" | "multi_select_person" => node
            .get("selected_values")
            .and_then(Value::as_array)
            .filter(|values| !values.is_empty())
            .map(|values| Value::Array(values.clone())),
        "date_picker" => {
            string("initial_date").map(|d| Value::from(format!("{d} {}", zone.offset())))
        }
        "picker_time" => {
            string("initial_time").map(|t| Value::from(format!("{t} {}", zone.offset())))
        }
        "picker_datetime" => {
            string("initial_datetime").map(|t| Value::from(format!("{t} {}", zone.offset())))
        }
        _ => None,
    }
}

/// Whether the client blocks a submit while the field is empty: `required`, whose default is
/// `true` for both multi-selects in card JSON 1.0 (reference §1.8) and only for
/// `multi_select_static` in 2.0 (reference v2 §5.7, §8.5).
pub(crate) fn is_required(component: &Found<'_>, v2: bool) -> bool {
    let default = match component.tag {
        "multi_select_static" => true,
        "multi_select_person" => !v2,
        _ => false,
    };
    component
        .node
        .get("required")
        .and_then(Value::as_bool)
        .unwrap_or(default)
}

/// Whether a value counts as filled in (an empty text or selection does not).
pub(crate) fn is_filled(value: &Value) -> bool {
    match value {
        Value::String(text) => !text.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Null => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_are_checked_for_real() {
        assert!(is_date("2024-02-29") && !is_date("2023-02-29"));
        assert!(!is_date("2024-13-01") && !is_date("2024-1-01") && !is_date("2024-04-00"));
        assert!(is_time("23:59") && !is_time("24:00") && !is_time("7:05"));
    }

    #[test]
    fn timezone_offsets_are_checked() {
        assert!(Timezone::new("UTC", "+0000").is_valid());
        assert!(Timezone::new("America/St_Johns", "-0330").is_valid());
        assert!(!Timezone::new("x", "0800").is_valid());
        assert!(!Timezone::new("x", "+08:00").is_valid());
        assert!(!Timezone::new("x", "+1500").is_valid());
    }
}
