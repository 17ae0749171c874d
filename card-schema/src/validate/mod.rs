//! Checking card JSON built at run time, and single values, against the tables.
//!
//! Error policy: report every finding with its JSON path and never stop at the first. Errors are
//! what Feishu rejects (the send fails); warnings are what card JSON 1.0 silently ignores, such
//! as unknown fields or header tags past the third. No input panics: every JSON shape is either
//! walked or described in a finding.

mod describe;
mod path;
mod rules;
mod walk;

use serde_json::Value;

use crate::{MAX_CARD_BYTES, Report, Rule, Ty, Version, Violation, node, spec};
use walk::{Mode, Walker};

/// Checks a card built at run time against the schema.
///
/// The version comes from the card's `schema` ([`Version::of_schema`]): `"2.0"` selects the
/// card JSON 2.0 tables and rules, anything else 1.0.
///
/// Every finding names its [`Rule`]; the rule's [`crate::Severity`] makes it an error (Feishu
/// refuses the card) or a warning (Feishu accepts it, ignoring the value or using a default).
///
/// ```
/// use card_schema::Rule;
/// use serde_json::json;
/// let report = card_schema::validate(&json!({
///     "header": {"title": {"tag": "plain_text", "content": "Hi"}, "template": "bleu"},
///     "elements": [
///         {"tag": "markdown", "content": "**hello**", "colour": "red"},
///         {"tag": "button", "text": {"tag": "plain_text", "content": "OK"}},
///     ],
/// }));
/// assert_eq!(report.errors.len(), 1);
/// assert_eq!((report.errors[0].path.as_str(), report.errors[0].rule), ("$.elements[1]", Rule::Placement));
/// assert_eq!(report.warnings[0].rule, Rule::UnknownField);
/// assert_eq!(report.warnings[1].path, "$.header.template");
/// assert!(report.warnings[1].message.contains("found `bleu`; did you mean `blue`?"));
/// ```
pub fn validate(card: &Value) -> Report {
    let version = Version::of_schema(card.get("schema").and_then(Value::as_str));
    let mut walker = Walker::new(Mode::Card, spec(version));
    let Some(object) = card.as_object() else {
        walker.report(
            Rule::NotACard,
            "$",
            format!("expected a card object; found {}", describe::describe(card)),
        );
        return walker.finish();
    };
    walker.style_names = style_names(card);
    // Every version's tables have a `card` root (the unit tests hold that).
    if let Some(root) = node(version, "card") {
        walker.object(root, object, "$");
    }
    if walker.too_deep {
        // Serializing a value that deep could exhaust the stack; it is refused already.
        return walker.finish();
    }
    walker.card_end(card);
    // Only the serialized size is what Feishu measures; count the compact JSON's bytes without
    // building it (validation runs before every send, on cards of up to 30 000 bytes).
    let bytes = json_len(card);
    if bytes > MAX_CARD_BYTES {
        walker.report(
            Rule::CardSize,
            "$",
            format!("card is {bytes} bytes as JSON; Feishu accepts at most {MAX_CARD_BYTES}"),
        );
    }
    walker.finish()
}

/// The names a card defines in `config.style` (custom text sizes and colours), by map.
fn style_names(card: &Value) -> Vec<(String, String)> {
    let Some(style) = card.pointer("/config/style").and_then(Value::as_object) else {
        return Vec::new();
    };
    style
        .iter()
        .filter_map(|(map, names)| Some((map, names.as_object()?)))
        .flat_map(|(map, names)| names.keys().map(move |name| (map.clone(), name.clone())))
        .collect()
}

/// The length in bytes of `value` as compact JSON, without allocating it.
fn json_len(value: &Value) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    // Writing a `Value` into a writer that never fails cannot fail.
    let _ = serde_json::to_writer(&mut count, value);
    count.0
}

/// Type, enum, limit and pattern check of one value, recursing into objects, arrays, i18n maps
/// and maps. A [`Ty::Text`] accepts a text object (the macro turns string literals into text
/// objects first).
///
/// Rules that need the whole card (placement, forms, unique names, table counts) and warnings
/// (unknown fields) are left to [`validate`]. Array maxima are always errors here, also those
/// whose excess Feishu merely hides (header tags, table columns, images), which [`validate`]
/// reports as warnings: a literal over the limit is a mistake worth refusing at compile time.
///
/// # Errors
///
/// The first problem found, lowercase, no trailing period, code in backticks, saying what was
/// found and what is allowed; a problem below the value is prefixed with its relative path.
///
/// ```
/// use card_schema::{Version, check_value, node};
/// use serde_json::json;
/// let button = node(Version::V1, "button").unwrap();
/// let ty = &button.field("type").unwrap().ty;
/// assert_eq!(check_value(ty, &json!("primary")), Ok(()));
/// assert_eq!(
///     check_value(ty, &json!("primay")).unwrap_err(),
///     "expected one of `default`, `primary`, `danger`, `text`, `primary_text`, `danger_text`, \
///      `primary_filled`, `danger_filled`, `laser`; found `primay`; did you mean `primary`?"
/// );
/// let confirm = &button.field("confirm").unwrap().ty;
/// assert_eq!(
///     check_value(confirm, &json!({"title": {"tag": "plain_text", "content": "Sure?"}})).unwrap_err(),
///     "`confirm` requires field `text`"
/// );
/// ```
pub fn check_value(ty: &Ty, value: &Value) -> Result<(), String> {
    check_value_in(Version::UNMARKED, ty, value)
}

/// [`check_value`] in the tables of `version`.
///
/// ```
/// use card_schema::{Version, check_value_in, node};
/// use serde_json::json;
/// let margin = &node(Version::V2, "div").unwrap().field("margin").unwrap().ty;
/// assert_eq!(check_value_in(Version::V2, margin, &json!("4px -12px")), Ok(()));
/// assert!(check_value_in(Version::V2, margin, &json!("4px 0 4px")).is_err());
/// ```
pub fn check_value_in(version: Version, ty: &Ty, value: &Value) -> Result<(), String> {
    match value_violation_in(version, ty, value) {
        None => Ok(()),
        Some(Violation { at, message, .. }) if at.is_empty() => Err(message),
        Some(Violation { at, message, .. }) => {
            let path = path::relative(&at);
            Err(format!("at `{path}`: {message}"))
        }
    }
}

/// [`check_value`]'s first problem, structured: the rule, the steps from `value` down to the
/// wrong part (which the macro follows down its literal's tokens) and the message.
///
/// ```
/// use card_schema::{Rule, Step, Version, node, value_violation};
/// use serde_json::json;
/// let ty = &node(Version::V1, "markdown").unwrap().field("href").unwrap().ty;
/// let found = value_violation(ty, &json!({"a": {"url": 3}})).unwrap();
/// assert_eq!(found.rule, Rule::Type);
/// assert_eq!(found.at, [Step::Key("a".into()), Step::Key("url".into())]);
/// assert_eq!(found.message, "expected a string; found `3`");
/// ```
pub fn value_violation(ty: &Ty, value: &Value) -> Option<Violation> {
    // A value is checked in the tables of a card without `schema`, the ones `card!` writes.
    value_violation_in(Version::UNMARKED, ty, value)
}

/// [`value_violation`] in the tables of `version` (its sub-objects, enum values and rules).
///
/// ```
/// use card_schema::{Rule, Version, node, value_violation_in};
/// use serde_json::json;
/// let ty = &node(Version::V2, "table").unwrap().field("row_height").unwrap().ty;
/// assert!(value_violation_in(Version::V2, ty, &json!("auto")).is_none());
/// let v1 = &node(Version::V1, "table").unwrap().field("row_height").unwrap().ty;
/// let found = value_violation_in(Version::V1, v1, &json!("auto")).unwrap();
/// assert_eq!(found.rule, Rule::WrongVersion);
/// assert_eq!(found.message, "`auto` exists only in card JSON 2.0; expected one of `low`, `middle`, `high` or `\"<n>px\"` with 32 <= n <= 124");
/// ```
pub fn value_violation_in(version: Version, ty: &Ty, value: &Value) -> Option<Violation> {
    let mut walker = Walker::new(Mode::Value, spec(version));
    walker.value(ty, value, "$", None);
    let finding = walker.finish().errors.into_iter().next()?;
    Some(Violation {
        rule: finding.rule,
        at: path::steps(&finding.path),
        message: finding.message,
    })
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_mix_up;
#[cfg(test)]
mod tests_v2;
#[cfg(test)]
mod tests_v2_card;
