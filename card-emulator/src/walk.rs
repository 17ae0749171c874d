//! The components of a stored card in document order, as a user sees them, each with the form
//! it sits in, and the facts the clicker reads off a component.

use serde_json::{Map, Value};

use crate::interact::{Button, Target};

/// One tagged object of the card.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found<'a> {
    pub(crate) node: &'a Map<String, Value>,
    pub(crate) tag: &'a str,
    /// The `form` container it sits in, if any.
    pub(crate) form: Option<&'a Map<String, Value>>,
}

impl<'a> Found<'a> {
    pub(crate) fn name(&self) -> Option<&'a str> {
        self.node.get("name").and_then(Value::as_str)
    }

    pub(crate) fn element_id(&self) -> Option<&'a str> {
        self.node.get("element_id").and_then(Value::as_str)
    }

    pub(crate) fn is_disabled(&self) -> bool {
        self.node.get("disabled") == Some(&Value::Bool(true))
    }

    /// `behaviors[type=callback].value`, else the legacy `value` (reference §2.13, §2.14).
    pub(crate) fn callback_value(&self) -> Option<&'a Value> {
        let behavior = self
            .node
            .get("behaviors")
            .and_then(Value::as_array)
            .and_then(|behaviors| behaviors.iter().find(|b| b["type"] == "callback"))
            .and_then(|b| b.get("value"));
        behavior.or_else(|| self.node.get("value"))
    }

    pub(crate) fn has_callback_behavior(&self) -> bool {
        self.node
            .get("behaviors")
            .and_then(Value::as_array)
            .is_some_and(|behaviors| behaviors.iter().any(|b| b["type"] == "callback"))
    }

    /// A form's submit button: 2.0 `form_action_type`, the legacy `action_type`, or the 1.0
    /// `form_action` behavior.
    pub(crate) fn form_action(&self) -> Option<&'a str> {
        if let Some(kind) = self.node.get("form_action_type").and_then(Value::as_str) {
            return Some(kind);
        }
        match self.node.get("action_type").and_then(Value::as_str) {
            Some("form_submit") => return Some("submit"),
            Some("form_reset") => return Some("reset"),
            _ => {}
        }
        self.node
            .get("behaviors")
            .and_then(Value::as_array)?
            .iter()
            .find(|b| b["type"] == "form_action")
            .map(|b| b["behavior"].as_str().unwrap_or("submit"))
    }

    /// A human name for messages: `input named "reason"`.
    pub(crate) fn describe(&self) -> String {
        match (self.name(), self.element_id()) {
            (Some(name), _) => format!("{} `{name}`", self.tag),
            (None, Some(id)) => format!("{} #{id}", self.tag),
            (None, None) => self.tag.to_owned(),
        }
    }

    pub(crate) fn form_name(&self) -> &'a str {
        self.form
            .and_then(|form| form.get("name"))
            .and_then(Value::as_str)
            .unwrap_or("(unnamed)")
    }
}

/// Every tagged object in document order. For `i18n_elements`, the locale whose key sorts
/// first (JSON objects are sorted maps here), e.g. `en_us` before `zh_cn`.
pub(crate) fn components(card: &Value) -> Vec<Found<'_>> {
    let root = match card.get("i18n_elements").and_then(Value::as_object) {
        Some(locales) => locales.values().next().unwrap_or(card),
        None => card,
    };
    let mut out = Vec::new();
    collect(root, None, &mut out);
    out
}

fn collect<'a>(node: &'a Value, form: Option<&'a Map<String, Value>>, out: &mut Vec<Found<'a>>) {
    match node {
        Value::Object(map) => {
            let mut inner_form = form;
            if let Some(tag) = map.get("tag").and_then(Value::as_str) {
                out.push(Found {
                    node: map,
                    tag,
                    form,
                });
                if tag == "form" {
                    inner_form = Some(map);
                }
            }
            for (key, child) in map {
                // Callback payloads are the app's data, not components.
                if key != "behaviors" && key != "value" {
                    collect(child, inner_form, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect(item, form, out)),
        _ => {}
    }
}

/// The component of one of `tags` that `target` names.
pub(crate) fn find<'a>(found: &[Found<'a>], tags: &[&str], target: &Target) -> Option<Found<'a>> {
    let mut candidates = found.iter().filter(|f| tags.contains(&f.tag));
    match target {
        Target::Name(name) => candidates.find(|f| f.name() == Some(name.as_str())),
        Target::ElementId(id) => candidates.find(|f| f.element_id() == Some(id.as_str())),
        Target::Index(index) => candidates.nth(*index),
    }
    .copied()
}

/// The button `button` names.
pub(crate) fn find_button<'a>(found: &[Found<'a>], button: &Button) -> Option<Found<'a>> {
    match button {
        Button::Value(wanted) => found
            .iter()
            .filter(|f| f.tag == "button")
            .find(|f| f.callback_value().unwrap_or(&Value::Null) == wanted)
            .copied(),
        Button::Index(index) => find(found, &["button"], &Target::Index(*index)),
        Button::ElementId(id) => find(found, &["button"], &Target::ElementId(id.clone())),
        Button::Name(name) => find(found, &["button"], &Target::Name(name.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_buttons_by_value_position_id_and_name() {
        let card = json!({"i18n_elements": {"zh_cn": [
            {"tag": "div", "text": {"tag": "plain_text", "content": "发布审核："}},
            {"tag": "action", "actions": [
                {"tag": "button", "value": {"button_id": "a"}},
                {"tag": "button", "element_id": "b_btn", "name": "b",
                 "behaviors": [{"type": "callback", "value": {"button_id": "b"}}]}
            ]}
        ]}});
        let found = components(&card);
        let value = |b: &Button| find_button(&found, b).and_then(|f| f.callback_value().cloned());
        assert_eq!(value(&Button::Index(1)), Some(json!({"button_id": "b"})));
        assert_eq!(
            value(&Button::Value(json!({"button_id": "a"}))),
            Some(json!({"button_id": "a"}))
        );
        assert_eq!(
            value(&Button::ElementId("b_btn".into())),
            Some(json!({"button_id": "b"}))
        );
        assert_eq!(
            value(&Button::Name("b".into())),
            Some(json!({"button_id": "b"}))
        );
        assert!(find_button(&found, &Button::Index(2)).is_none());
    }

    #[test]
    fn components_know_their_form_and_submit_buttons() {
        let card = json!({"schema": "2.0", "body": {"elements": [
            {"tag": "input", "name": "outside"},
            {"tag": "form", "name": "f", "elements": [
                {"tag": "column_set", "columns": [{"tag": "column", "elements": [
                    {"tag": "button", "name": "go", "form_action_type": "submit"},
                    {"tag": "button", "name": "old", "action_type": "form_reset"}
                ]}]}
            ]}
        ]}});
        let found = components(&card);
        let outside = find(&found, &["input"], &Target::name("outside")).unwrap();
        assert!(outside.form.is_none());
        let go = find(&found, &["button"], &Target::name("go")).unwrap();
        assert_eq!((go.form_name(), go.form_action()), ("f", Some("submit")));
        let old = find(&found, &["button"], &Target::index(1)).unwrap();
        assert_eq!(old.form_action(), Some("reset"));
    }
}
