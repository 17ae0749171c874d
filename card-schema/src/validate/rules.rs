//! Rules of single nodes and of the whole card that the field tables cannot express.

use serde_json::{Map, Value};

use super::path::{index, key};
use super::walk::{Mode, Walker};
use crate::{ChildRule, Node, Rule, form_missing_fields, submits_form};

/// Runs the rules of `node` on `object`, after its fields were checked.
pub(super) fn check(walker: &mut Walker, node: &Node, object: &Map<String, Value>, path: &str) {
    for violation in crate::ties(node, object) {
        walker.violation(path, violation);
    }
    parts(walker, node, object, path);
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
    if in_form {
        for violation in form_missing_fields(node, |name| object.contains_key(name)) {
            walker.violation(path, violation);
        }
        if !node.form_roles.is_empty() && submits_form(object) {
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

/// Fields the parts of `node` need or use under it: an option of a select needs a `value`, and
/// its links only act in `overflow` ([`crate::Spec::part_fields`], [`crate::Spec::part_only`]).
fn parts(walker: &mut Walker, node: &Node, object: &Map<String, Value>, path: &str) {
    let spec = walker.spec;
    for rule in node.children {
        let ChildRule::Part {
            tag: part,
            field,
            many: true,
            ..
        } = rule
        else {
            continue;
        };
        let Some(items) = object.get(*field).and_then(Value::as_array) else {
            continue;
        };
        let items_path = key(path, field);
        for (i, item) in items.iter().enumerate() {
            let Some(item) = item.as_object() else {
                continue;
            };
            let item_path = index(&items_path, i);
            let has = |name: &str| item.contains_key(name);
            for violation in crate::part_missing_fields(spec.version, node.tag, part, has) {
                walker.violation(&item_path, violation);
            }
            for only in spec.part_only.iter().filter(|row| row.part == *part) {
                if only.parents.contains(&node.tag) {
                    continue;
                }
                for name in only.fields.iter().filter(|name| has(name)) {
                    let message = format!(
                        "`{name}` on `{part}` only has an effect in {}",
                        crate::or_list(only.parents)
                    );
                    walker.report(Rule::OptionLink, &key(&item_path, name), message);
                }
            }
        }
    }
}
