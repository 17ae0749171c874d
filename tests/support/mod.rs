//! Shared by the expansion tests: equality with the expected JSON plus a clean validation.

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
