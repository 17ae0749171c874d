//! Rules of single nodes and of the whole card that the field tables cannot express.

use serde_json::{Map, Value};

use super::path::{index, key};
use super::walk::{Mode, Walker};
use crate::{
    ChildRule, EnumDef, Node, Pattern, Rule, Severity, form_missing_fields, submits_form, suggest,
};

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

impl Walker {
    /// A key `name` that `node` does not have in this version: a migration of the spec, a field
    /// of the other version, or a plain unknown field (ignored by 1.0, refused by 2.0).
    pub(super) fn unknown_field(&mut self, node: &'static Node, name: &str, path: &str) {
        let version = self.spec.version;
        if let Some(violation) = crate::mix_up(version, node.tag, Some(name)) {
            return self.violation(path, violation);
        }
        let known = node
            .all_fields()
            .filter(|f| f.path.len() == 1)
            .map(|f| f.name);
        let hint = suggest(name, known)
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        let effect = match Rule::UnknownField.severity_in(version) {
            Severity::Warning => "ignored by Feishu",
            Severity::Error => "Feishu refuses unknown fields in card JSON 2.0",
        };
        self.report(
            Rule::UnknownField,
            path,
            format!("unknown field `{name}` on `{}` ({effect}){hint}", node.tag),
        );
    }

    /// Card-wide rules of a tagged object: the count of tagged objects and unique
    /// per-card ids (`element_id`, `audio_id`).
    pub(super) fn card_wide(
        &mut self,
        node: &'static Node,
        object: &Map<String, Value>,
        path: &str,
    ) {
        if node.emits_tag {
            if let Some(violation) = self.tally.tagged(self.spec.max_tagged) {
                self.violation(path, violation);
            }
        }
        for field in self.spec.card_ids {
            if let Some(Value::String(id)) = object.get(*field) {
                let id_path = key(path, field);
                if let Some(violation) = self.tally.card_id(field, id, id_path.clone()) {
                    self.violation(&id_path, violation);
                }
            }
        }
    }

    /// Rules checked once the whole card is walked: card settings its components need.
    pub(super) fn card_end(&mut self, card: &Value) {
        for violation in self
            .tally
            .unmet_needs(self.spec.card_needs, |need| need.met(card))
        {
            self.violation("$", violation);
        }
    }

    /// A preset of `def` or a name the card defines in `config.style.<style>`; another name is
    /// shown with the default look.
    pub(super) fn style_name(
        &mut self,
        def: &EnumDef,
        pattern: Pattern,
        value: &Value,
        path: &str,
    ) {
        let Pattern::StyleName { style, also, rgba } = pattern else {
            return;
        };
        let version = self.spec.version;
        let Some(text) = value.as_str() else {
            return self.mismatch(path, "a string", value);
        };
        if also.contains(&text) || rgba && crate::pattern::rgba(text) {
            return;
        }
        let defined = self
            .style_names
            .iter()
            .any(|(s, name)| s == style && name == text);
        if def.exists_in(text, version) || defined {
            return;
        }
        let mut candidates: Vec<&str> = def.values_in(version).collect();
        candidates.extend(
            self.style_names
                .iter()
                .filter(|(s, _)| s == style)
                .map(|(_, name)| name.as_str()),
        );
        let hint = suggest(text, candidates)
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        let message = format!(
            "`{text}` is neither a preset nor a name defined in `config.style.{style}`; Feishu \
             shows the default{hint}"
        );
        self.report(Rule::StyleName, path, message);
    }
}
