//! The `Card` wrapper: conversions, equality and display.

use card_runtime::Card;
use serde_json::{Value, json};

#[test]
fn wraps_and_unwraps_json() {
    let json = json!({"config": {"update_multi": true}, "elements": [{"tag": "hr"}]});
    let card = Card::from_json_unchecked(json.clone());
    assert_eq!(card, json);
    assert_eq!(json, card);
    assert_eq!(card["elements"][0]["tag"], "hr");
    assert!(card.is_shared());
    assert_eq!(Value::from(card.clone()), json);
    assert_eq!(serde_json::to_value(&card).unwrap(), json);
    assert_eq!(
        card.to_string(),
        r#"{"config":{"update_multi":true},"elements":[{"tag":"hr"}]}"#
    );
}

#[test]
fn exclusive_unless_update_multi_or_v2() {
    assert!(!Card::from_json_unchecked(json!({})).is_shared());
    assert!(!Card::from_json_unchecked(json!({"config": {"update_multi": false}})).is_shared());
    assert!(Card::from_json_unchecked(json!({"schema": "2.0"})).is_shared());
}
