//! The shapes of CardKit's element positions and batch actions (reference B.2 #5, B.4):
//! inside the `actions` string, params are objects, not strings.

use serde_json::{Value, json};

/// Where [`CardEntity::add_elements`](crate::CardEntity::add_elements) puts new elements.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Position {
    /// Before the element with this id.
    Before(String),
    /// After the element with this id.
    After(String),
    /// At the end of this container, or of the body with `None`.
    Append(Option<String>),
}

impl Position {
    pub(crate) fn fields(&self) -> (&'static str, Option<&str>) {
        match self {
            Self::Before(id) => ("insert_before", Some(id)),
            Self::After(id) => ("insert_after", Some(id)),
            Self::Append(id) => ("append", id.as_deref()),
        }
    }
}

/// One action of a [`CardEntity::batch_update`](crate::CardEntity::batch_update), applied all together or not at all.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum CardAction {
    /// Merge `{"config": {...}, "card_link": {...}}` into the card.
    Settings(Value),
    /// Add elements.
    AddElements(Position, Vec<Value>),
    /// Delete elements (containers with their children).
    DeleteElements(Vec<String>),
    /// Change some fields of an element (not its `tag`).
    PatchElement(String, Value),
    /// Replace an element.
    UpdateElement(String, Value),
}

impl CardAction {
    pub(crate) fn to_json(&self) -> Value {
        match self {
            Self::Settings(settings) => {
                json!({"action": "partial_update_setting", "params": {"settings": settings}})
            }
            Self::AddElements(position, elements) => {
                let (kind, target) = position.fields();
                json!({"action": "add_elements", "params": {"type": kind, "target_element_id": target.unwrap_or_default(), "elements": elements}})
            }
            Self::DeleteElements(ids) => {
                json!({"action": "delete_elements", "params": {"element_ids": ids}})
            }
            Self::PatchElement(id, partial) => {
                json!({"action": "partial_update_element", "params": {"element_id": id, "partial_element": partial}})
            }
            Self::UpdateElement(id, element) => {
                json!({"action": "update_element", "params": {"element_id": id, "element": element}})
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_actions_carry_objects_inside_the_string() {
        let action = CardAction::AddElements(Position::Append(None), vec![json!({"tag": "hr"})]);
        let json = action.to_json();
        assert_eq!(json["params"]["type"], "append");
        assert!(json["params"]["elements"].is_array());
        let action = CardAction::DeleteElements(vec!["a".into()]);
        assert_eq!(action.to_json()["params"]["element_ids"][0], "a");
    }
}
