//! The edits a CardKit write makes to an entity's card JSON (reference B.2, B.4): streamed
//! content, settings, full update, element add/replace/patch/delete and the batch of them,
//! each applied to a copy so that a failing write changes nothing.

use serde_json::{Map, Value};

use crate::cardkit::json_string;
use crate::ops::Reject;

/// The most characters one content write carries.
const MAX_CONTENT_CHARS: usize = 100_000;

/// One write's change to the card.
#[derive(Debug)]
pub(crate) enum Edit {
    /// `PUT .../elements/:id/content`.
    Content { element_id: String, content: String },
    /// `PUT /cards/:id`.
    Replace(Value),
    /// `PATCH /cards/:id/settings`: `{config?, card_link?}`.
    Settings(Value),
    /// `POST /cards/:id/elements`.
    Add {
        kind: String,
        target: Option<String>,
        elements: Vec<Value>,
    },
    /// `PUT .../elements/:id`.
    UpdateElement { element_id: String, element: Value },
    /// `PATCH .../elements/:id`.
    PatchElement { element_id: String, partial: Value },
    /// `DELETE .../elements/:id` and `delete_elements`.
    Delete(Vec<String>),
    /// `POST /cards/:id/batch_update`, applied all or nothing.
    Batch(Vec<Self>),
}

/// A card after an edit.
pub(crate) struct Applied {
    pub(crate) card: Value,
    /// The element and its full text, for a content write.
    pub(crate) streamed: Option<(String, String)>,
    /// The edit set `config.streaming_mode` (the ten minutes restart when it is on).
    pub(crate) switches_streaming: bool,
}

fn bad(code: i64, msg: impl Into<String>) -> Reject {
    Reject::bad(code, msg)
}

fn not_found(id: &str) -> Reject {
    bad(300_313, format!("not find elementID : {id}"))
}

impl Edit {
    pub(crate) fn is_content(&self) -> bool {
        matches!(self, Self::Content { .. })
    }

    /// Parses a content body.
    pub(crate) fn content(element_id: &str, body: &Value) -> Result<Self, Reject> {
        let Some(content) = body["content"].as_str() else {
            return Err(bad(10_002, "invalid parameter: `content` must be a string"));
        };
        let chars = content.chars().count();
        if chars == 0 || chars > MAX_CONTENT_CHARS {
            return Err(bad(
                200_860,
                format!("content of {chars} characters is outside 1..={MAX_CONTENT_CHARS}"),
            ));
        }
        Ok(Self::Content {
            element_id: element_id.to_owned(),
            content: content.to_owned(),
        })
    }

    /// Parses a full-update body (`card: {type: "card_json", data}`).
    pub(crate) fn replace(body: &Value) -> Result<Self, Reject> {
        if body["card"]["type"] != "card_json" {
            return Err(bad(
                10_002,
                "invalid parameter: `card.type` must be card_json",
            ));
        }
        json_string(body["card"].get("data"), "card.data").map(Self::Replace)
    }

    /// Parses a settings body.
    pub(crate) fn settings(body: &Value) -> Result<Self, Reject> {
        let settings = json_string(body.get("settings"), "settings")?;
        check_settings(&settings)?;
        Ok(Self::Settings(settings))
    }

    /// Parses an add-elements body.
    pub(crate) fn add(body: &Value) -> Result<Self, Reject> {
        let elements = json_string(body.get("elements"), "elements")?;
        Self::add_from(&body["type"], &body["target_element_id"], elements)
    }

    fn add_from(kind: &Value, target: &Value, elements: Value) -> Result<Self, Reject> {
        let kind = kind.as_str().unwrap_or_default();
        if !matches!(kind, "insert_before" | "insert_after" | "append") {
            return Err(bad(10_002, format!("invalid parameter: type `{kind}`")));
        }
        let target = target
            .as_str()
            .filter(|id| !id.is_empty())
            .map(str::to_owned);
        if target.is_none() && kind != "append" {
            return Err(bad(
                10_002,
                "invalid parameter: target_element_id is required",
            ));
        }
        let Value::Array(elements) = elements else {
            return Err(bad(10_002, "invalid parameter: elements must be an array"));
        };
        Ok(Self::Add {
            kind: kind.to_owned(),
            target,
            elements,
        })
    }

    /// Parses a replace-element body.
    pub(crate) fn update_element(element_id: &str, body: &Value) -> Result<Self, Reject> {
        let element = json_string(body.get("element"), "element")?;
        Ok(Self::UpdateElement {
            element_id: element_id.to_owned(),
            element,
        })
    }

    /// Parses a patch-element body.
    pub(crate) fn patch_element(element_id: &str, body: &Value) -> Result<Self, Reject> {
        let partial = json_string(body.get("partial_element"), "partial_element")?;
        Ok(Self::PatchElement {
            element_id: element_id.to_owned(),
            partial,
        })
    }

    /// Parses a batch body: `actions` is a string holding an array of `{action, params}`,
    /// whose params are objects.
    pub(crate) fn batch(body: &Value) -> Result<Self, Reject> {
        let Value::Array(actions) = json_string(body.get("actions"), "actions")? else {
            return Err(bad(10_002, "invalid parameter: actions must be an array"));
        };
        let mut edits = Vec::with_capacity(actions.len());
        for action in actions {
            let params = &action["params"];
            let id = || params["element_id"].as_str().unwrap_or_default().to_owned();
            let edit = match action["action"].as_str().unwrap_or_default() {
                "partial_update_setting" => {
                    check_settings(&params["settings"])?;
                    Self::Settings(params["settings"].clone())
                }
                "add_elements" => Self::add_from(
                    &params["type"],
                    &params["target_element_id"],
                    params["elements"].clone(),
                )?,
                "delete_elements" => Self::Delete(
                    params["element_ids"]
                        .as_array()
                        .map(|ids| {
                            ids.iter()
                                .filter_map(Value::as_str)
                                .map(str::to_owned)
                                .collect()
                        })
                        .unwrap_or_default(),
                ),
                "partial_update_element" => Self::PatchElement {
                    element_id: id(),
                    partial: params["partial_element"].clone(),
                },
                "update_element" => Self::UpdateElement {
                    element_id: id(),
                    element: params["element"].clone(),
                },
                other => return Err(bad(10_002, format!("invalid parameter: action `{other}`"))),
            };
            edits.push(edit);
        }
        Ok(Self::Batch(edits))
    }

    /// Applies the edit to a copy of `card`.
    pub(crate) fn apply(self, card: &Value) -> Result<Applied, Reject> {
        let mut applied = Applied {
            card: card.clone(),
            streamed: None,
            switches_streaming: false,
        };
        self.apply_to(&mut applied)?;
        Ok(applied)
    }

    fn apply_to(self, applied: &mut Applied) -> Result<(), Reject> {
        let card = &mut applied.card;
        match self {
            Self::Content {
                element_id,
                content,
            } => {
                let element = find_mut(card, &element_id).ok_or_else(|| not_found(&element_id))?;
                if !matches!(element["tag"].as_str(), Some("markdown" | "plain_text")) {
                    return Err(bad(
                        300_310,
                        "only plain_text and markdown elements stream text",
                    ));
                }
                element["content"] = Value::String(content.clone());
                applied.streamed = Some((element_id, content));
            }
            Self::Replace(new) => {
                applied.switches_streaming = true;
                *card = new;
            }
            Self::Settings(settings) => {
                if let Some(config) = settings.get("config").and_then(Value::as_object) {
                    applied.switches_streaming |= config.contains_key("streaming_mode");
                    let target = object(&mut card["config"]);
                    for (key, value) in config {
                        target.insert(key.clone(), value.clone());
                    }
                }
                if let Some(link) = settings.get("card_link") {
                    card["card_link"] = link.clone();
                }
            }
            Self::Add {
                kind,
                target,
                elements,
            } => add(card, &kind, target.as_deref(), elements)?,
            Self::UpdateElement {
                element_id,
                element,
            } => {
                let slot = find_mut(card, &element_id).ok_or_else(|| not_found(&element_id))?;
                if !element.is_object() {
                    return Err(bad(10_002, "invalid parameter: element must be an object"));
                }
                *slot = element;
            }
            Self::PatchElement {
                element_id,
                partial,
            } => {
                let slot = find_mut(card, &element_id).ok_or_else(|| not_found(&element_id))?;
                let Value::Object(partial) = partial else {
                    return Err(bad(
                        10_002,
                        "invalid parameter: partial_element must be an object",
                    ));
                };
                if partial.get("tag").is_some_and(|tag| *tag != slot["tag"]) {
                    return Err(bad(300_312, "the tag of an element cannot change"));
                }
                let slot = object(slot);
                for (key, value) in partial {
                    slot.insert(key, value);
                }
            }
            Self::Delete(ids) => {
                for id in ids {
                    let path = path_to(card, &id)
                        .ok_or_else(|| bad(300_314, format!("not find elementID : {id}")))?;
                    if let Some((Step::Index(index), parent)) =
                        path.split_last().map(|(last, rest)| (last.clone(), rest))
                    {
                        if let Some(Value::Array(items)) = walk(card, parent) {
                            items.remove(index);
                            continue;
                        }
                    }
                    return Err(bad(300_314, format!("`{id}` cannot be deleted")));
                }
            }
            Self::Batch(edits) => {
                for edit in edits {
                    edit.apply_to(applied)?;
                }
            }
        }
        Ok(())
    }
}

/// Settings carry only `config` and `card_link`, and cannot turn `update_multi` off.
fn check_settings(settings: &Value) -> Result<(), Reject> {
    let Some(map) = settings.as_object() else {
        return Err(bad(10_002, "invalid parameter: settings must be an object"));
    };
    if let Some(key) = map
        .keys()
        .find(|key| !matches!(key.as_str(), "config" | "card_link"))
    {
        return Err(bad(
            10_002,
            format!("invalid parameter: settings key `{key}`"),
        ));
    }
    if settings["config"]["update_multi"] == Value::Bool(false) {
        return Err(bad(300_302, "update_multi must be true"));
    }
    Ok(())
}

fn object(value: &mut Value) -> &mut Map<String, Value> {
    if !value.is_object() {
        *value = Value::Object(Map::new());
    }
    match value {
        Value::Object(map) => map,
        _ => unreachable!("just made an object"),
    }
}

fn add(
    card: &mut Value,
    kind: &str,
    target: Option<&str>,
    elements: Vec<Value>,
) -> Result<(), Reject> {
    let missing = |id: &str| bad(300_315, format!("target element `{id}` not found"));
    match (kind, target) {
        ("append", None) => {
            let body = object(&mut card["body"]);
            let list = body
                .entry("elements")
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = list {
                list.extend(elements);
            }
        }
        ("append", Some(id)) => {
            let container = find_mut(card, id).ok_or_else(|| missing(id))?;
            match container.get_mut("elements") {
                Some(Value::Array(list)) => list.extend(elements),
                _ => return Err(bad(300_315, format!("`{id}` is not a container"))),
            }
        }
        (_, Some(id)) => {
            let path = path_to(card, id).ok_or_else(|| missing(id))?;
            let Some((Step::Index(index), parent)) =
                path.split_last().map(|(last, rest)| (last.clone(), rest))
            else {
                return Err(missing(id));
            };
            let Some(Value::Array(list)) = walk(card, parent) else {
                return Err(missing(id));
            };
            let at = if kind == "insert_after" {
                index + 1
            } else {
                index
            };
            list.splice(at..at, elements);
        }
        (_, None) => {
            return Err(bad(
                10_002,
                "invalid parameter: target_element_id is required",
            ));
        }
    }
    Ok(())
}

/// One step from a JSON value to a child.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// The path to the object whose `element_id` is `id`, searched depth first.
fn path_to(value: &Value, id: &str) -> Option<Vec<Step>> {
    fn search(value: &Value, id: &str, path: &mut Vec<Step>) -> bool {
        match value {
            Value::Object(map) => {
                if map.get("element_id").and_then(Value::as_str) == Some(id) {
                    return true;
                }
                for (key, child) in map {
                    path.push(Step::Key(key.clone()));
                    if search(child, id, path) {
                        return true;
                    }
                    path.pop();
                }
                false
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    path.push(Step::Index(index));
                    if search(child, id, path) {
                        return true;
                    }
                    path.pop();
                }
                false
            }
            _ => false,
        }
    }
    let mut path = Vec::new();
    search(value, id, &mut path).then_some(path)
}

fn walk<'v>(mut value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    for step in path {
        value = match step {
            Step::Key(key) => value.get_mut(key)?,
            Step::Index(index) => value.get_mut(*index)?,
        };
    }
    Some(value)
}

fn find_mut<'v>(card: &'v mut Value, id: &str) -> Option<&'v mut Value> {
    let path = path_to(card, id)?;
    walk(card, &path)
}

/// Components plus elements: every object with a `tag`.
pub(crate) fn count_nodes(value: &Value) -> usize {
    match value {
        Value::Object(map) => {
            usize::from(map.contains_key("tag")) + map.values().map(count_nodes).sum::<usize>()
        }
        Value::Array(items) => items.iter().map(count_nodes).sum(),
        _ => 0,
    }
}

/// The first `element_id` used twice.
pub(crate) fn duplicate_id(card: &Value) -> Option<String> {
    fn collect<'v>(
        value: &'v Value,
        seen: &mut std::collections::HashSet<&'v str>,
    ) -> Option<String> {
        match value {
            Value::Object(map) => {
                if let Some(id) = map.get("element_id").and_then(Value::as_str) {
                    if !seen.insert(id) {
                        return Some(id.to_owned());
                    }
                }
                map.values().find_map(|child| collect(child, seen))
            }
            Value::Array(items) => items.iter().find_map(|child| collect(child, seen)),
            _ => None,
        }
    }
    collect(card, &mut std::collections::HashSet::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn card() -> Value {
        json!({"schema": "2.0", "body": {"elements": [
            {"tag": "markdown", "element_id": "md", "content": "a"},
            {"tag": "column_set", "element_id": "cols", "columns": [
                {"tag": "column", "element_id": "col", "elements": [{"tag": "markdown", "element_id": "inner", "content": "x"}]}
            ]}
        ]}})
    }

    #[test]
    fn inserts_deletes_and_patches_find_nested_elements() {
        let new = json!({"tag": "markdown", "element_id": "n", "content": "n"});
        let applied = Edit::Add {
            kind: "insert_after".into(),
            target: Some("inner".into()),
            elements: vec![new],
        }
        .apply(&card())
        .unwrap();
        let column = &applied.card["body"]["elements"][1]["columns"][0]["elements"];
        assert_eq!(column[1]["element_id"], "n");
        let applied = Edit::Delete(vec!["cols".into()])
            .apply(&applied.card)
            .unwrap();
        assert_eq!(
            applied.card["body"]["elements"].as_array().unwrap().len(),
            1
        );
        let err = Edit::PatchElement {
            element_id: "md".into(),
            partial: json!({"tag": "button"}),
        }
        .apply(&card())
        .err()
        .unwrap();
        assert_eq!(err.code, 300_312);
        assert_eq!(
            Edit::Delete(vec!["zz".into()])
                .apply(&card())
                .err()
                .unwrap()
                .code,
            300_314
        );
    }

    #[test]
    fn a_failing_batch_changes_nothing_and_counts_are_exact() {
        let original = card();
        let batch = Edit::Batch(vec![
            Edit::Delete(vec!["md".into()]),
            Edit::Delete(vec!["nope".into()]),
        ]);
        assert!(batch.apply(&original).is_err());
        assert_eq!(original, card());
        assert_eq!(count_nodes(&original), 4);
        let twice = json!({"a": [{"element_id": "x"}, {"element_id": "x"}]});
        assert_eq!(duplicate_id(&twice).as_deref(), Some("x"));
    }
}
