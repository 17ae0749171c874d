//! Shared by the expansion tests: equality with the expected JSON plus a clean validation.

use card_runtime::ElementV2;
use serde_json::Value;

/// Asserts that `built` equals `expected` and that `Card::validate` (the schema's `validate`,
/// plus serialization markers) reports no errors, so every expansion is a card Feishu accepts.
#[track_caller]
pub(crate) fn assert_card(built: &card_runtime::Card, expected: &Value) {
    assert_eq!(built.as_value(), expected);
    let report = built.validate();
    assert!(
        report.errors.is_empty(),
        "validation errors: {:#?}",
        report.errors
    );
}

/// `value` without the fields or array items at `pointers` (JSON pointers), removed in order.
#[allow(dead_code)] // the 2.0 doc-example tests only; other expansion tests share this module
pub(crate) fn without(mut value: Value, pointers: &[&str]) -> Value {
    for pointer in pointers {
        let (parent, last) = pointer.rsplit_once('/').expect("a JSON pointer");
        match value
            .pointer_mut(parent)
            .expect("the pointer's parent exists")
        {
            Value::Object(map) => {
                map.remove(last).expect("the field exists");
            }
            Value::Array(items) => {
                items.remove(last.parse().expect("an index"));
            }
            _ => panic!("{pointer} is inside a scalar"),
        }
    }
    value
}

/// A component `card!` refuses, spliced as written in the docs.
#[allow(dead_code)] // as `without`
pub(crate) fn unchecked(value: Value) -> ElementV2 {
    ElementV2::from_json_unchecked(value)
}
