//! Rules of single nodes and of the whole card that the field tables cannot express.

use serde_json::{Map, Value};

use super::walk::{Mode, Walker, index, key};
use crate::{Node, Rule, form_missing_fields, submits_form};

/// Runs the rules of `node` on `object`, after its fields were checked.
pub(super) fn check(walker: &mut Walker, node: &Node, object: &Map<String, Value>, path: &str) {
    for violation in crate::ties(node, object) {
        walker.violation(path, violation);
    }
    match node.tag {
        "multi_url" => url_object(walker, object, path),
        "behavior" => behavior(walker, object, path),
        "select_static"
        | "select_person"
        | "multi_select_static"
        | "multi_select_person"
        | "overflow" => options(walker, node, object, path),
        _ => {}
    }
    if walker.mode == Mode::Card {
        card_rules(walker, node, object, path);
    }
}

/// Rules that need the whole card: names, forms, per-card counts.
fn card_rules(walker: &mut Walker, node: &Node, object: &Map<String, Value>, path: &str) {
    if node.is_component() {
        if let Some(Value::String(name)) = object.get("name") {
            let name_path = key(path, "name");
            let tree = walker.tree.clone();
            let first = walker.tally.first_use(tree.as_deref(), name).cloned();
            let clash = walker
                .tally
                .name(tree.as_deref(), name, name_path.clone(), |_, _| false);
            if let Some(mut violation) = clash {
                if let Some(first) = first {
                    violation
                        .message
                        .push_str(&format!(" (first used at `{first}`)"));
                }
                walker.violation(&name_path, violation);
            }
        }
    }
    let in_form = walker.tally.in_form();
    if node.tag == "select_img"
        && !in_form
        && object.get("multi_select") == Some(&Value::Bool(true))
    {
        // The image-picker page: multiple choice outside a form is a card JSON error.
        walker.report(
            Rule::MultiSelectOutsideForm,
            &key(path, "multi_select"),
            "`multi_select` on `select_img` is only allowed inside a `<form>`",
        );
    }
    if in_form {
        for violation in form_missing_fields(node, |name| object.contains_key(name)) {
            walker.violation(path, violation);
        }
        if node.tag == "button" && submits_form(object) {
            walker.tally.submitted();
        }
    }
    if node.is_component() {
        let tree = walker.tree.clone();
        if let Some(violation) = walker.tally.count(tree.as_deref(), node.tag) {
            walker.violation(path, violation);
        }
    }
}

/// Reference §1.3: `url`, or all three platform links.
fn url_object(walker: &mut Walker, object: &Map<String, Value>, path: &str) {
    let has = |name: &str| object.contains_key(name);
    let platforms = has("pc_url") && has("ios_url") && has("android_url");
    if !has("url") && !platforms {
        walker.report(
            Rule::UrlObject,
            path,
            "a URL object requires `url`, or all of `pc_url`, `ios_url` and `android_url`",
        );
    }
}

/// The fields each behavior type needs.
fn behavior(walker: &mut Walker, object: &Map<String, Value>, path: &str) {
    let needed = match object.get("type").and_then(Value::as_str) {
        Some("open_url") => "default_url",
        Some("form_action") => "behavior",
        _ => return,
    };
    if !object.contains_key(needed) {
        let kind = object
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default();
        walker.report(
            Rule::Behavior,
            path,
            format!("a `{kind}` behavior requires field `{needed}`"),
        );
    }
}

/// Option rules that depend on the menu holding them.
fn options(walker: &mut Walker, node: &Node, object: &Map<String, Value>, path: &str) {
    let Some(options) = object.get("options").and_then(Value::as_array) else {
        return;
    };
    let options_path = key(path, "options");
    for (i, option) in options.iter().enumerate() {
        let Some(option) = option.as_object() else {
            continue;
        };
        let option_path = index(&options_path, i);
        let has = |field: &str| option.contains_key(field);
        for violation in crate::part_missing_fields(walker.spec.version, node.tag, "option", has) {
            walker.violation(&option_path, violation);
        }
        if node.tag != "overflow" {
            for link in ["url", "multi_url"] {
                if option.contains_key(link) {
                    let message = format!("`{link}` on an option only has an effect in `overflow`");
                    walker.report(Rule::OptionLink, &key(&option_path, link), message);
                }
            }
        }
    }
}
