//! Finding a button on a recorded card, as a user would see it.

use serde_json::Value;

use crate::click::Button;

/// The callback value of the chosen button, if the card has it.
pub(crate) fn find_button(card: &Value, button: &Button) -> Option<Value> {
    let mut values = Vec::new();
    // JSON objects are sorted maps here, so "first" is the locale key that sorts first.
    let root = match card.get("i18n_elements").and_then(Value::as_object) {
        Some(locales) => locales.values().next().unwrap_or(card),
        None => card,
    };
    collect_buttons(root, &mut values);
    match button {
        Button::Index(index) => values.into_iter().nth(*index),
        Button::Value(wanted) => values.into_iter().find(|value| value == wanted),
    }
}

/// Buttons in document order; a 2.0 button's value lives in its `callback` behavior.
fn collect_buttons(node: &Value, out: &mut Vec<Value>) {
    match node {
        Value::Object(map) => {
            if map.get("tag").and_then(Value::as_str) == Some("button") {
                let behavior =
                    map.get("behaviors")
                        .and_then(Value::as_array)
                        .and_then(|behaviors| {
                            behaviors
                                .iter()
                                .find(|b| b["type"] == "callback")
                                .map(|b| b["value"].clone())
                        });
                out.push(
                    behavior
                        .or_else(|| map.get("value").cloned())
                        .unwrap_or(Value::Null),
                );
            }
            for (key, child) in map {
                if key != "behaviors" && key != "value" {
                    collect_buttons(child, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_buttons(item, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_buttons_by_value_and_position() {
        let card = json!({"i18n_elements": {"zh_cn": [
            {"tag": "div", "text": {"tag": "plain_text", "content": "发布审核："}},
            {"tag": "action", "actions": [
                {"tag": "button", "value": {"button_id": "a"}},
                {"tag": "button", "behaviors": [{"type": "callback", "value": {"button_id": "b"}}]}
            ]}
        ]}});
        assert_eq!(
            find_button(&card, &Button::Index(1)),
            Some(json!({"button_id": "b"}))
        );
        let wanted = Button::Value(json!({"button_id": "a"}));
        assert_eq!(find_button(&card, &wanted), Some(json!({"button_id": "a"})));
        assert_eq!(find_button(&card, &Button::Index(2)), None);
    }
}
