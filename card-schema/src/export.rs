//! The [`Spec`] as JSON, for tools outside Rust (editors, linters, documentation): every node
//! with its fields, types, enums, defaults, limits, placement and rules, and the severity table.
//! `card-schema/spec/v1.json` and `v2.json` are this export, checked in and kept fresh by a test.

use serde_json::{Value, json};

use crate::{Admits, ChildRule, Node, Pattern, RULES, Severity, Spec, Tie, Ty, enums};

/// `spec` as JSON. The shape is stable: an object with `version`, `limits`, `locales`,
/// `counters`, `placement`, `part_fields`, `part_only`, `outside_form`, `enums`, `rules` and
/// `nodes`.
///
/// ```
/// use card_schema::{Version, spec, spec_json};
/// let json = spec_json(spec(Version::V1));
/// assert_eq!(json["version"], "1.0");
/// let button = json["nodes"].as_array().unwrap().iter().find(|n| n["tag"] == "button").unwrap();
/// let text = button["fields"].as_array().unwrap().iter().find(|f| f["name"] == "text").unwrap();
/// assert_eq!(text["required"], true);
/// assert_eq!(text["type"]["max_chars"], 100);
/// ```
pub fn spec_json(spec: &Spec) -> Value {
    let version = spec.version.schema();
    json!({
        "version": version,
        "limits": {
            "max_card_bytes": spec.max_card_bytes,
            "max_depth": spec.max_depth,
            "max_tagged": spec.max_tagged,
        },
        "locales": spec.locales,
        "counters": spec.counters.iter().map(|c| json!({
            "tag": c.tag, "max": c.max, "rule": format!("{:?}", c.rule),
        })).collect::<Vec<_>>(),
        "placement": {
            "root_admits": admits_json(spec.placement.root_admits),
            "root_only": spec.placement.root_only,
            "wrapper": spec.placement.wrapper.map(|w| json!({
                "tag": w.tag, "wraps": w.wraps, "direct": w.direct,
            })),
            "needs_ancestor": pairs(spec.placement.needs_ancestor),
            "never_under": pairs(spec.placement.never_under),
            "parents": spec.placement.parents.iter().map(|(child, parents)| json!({
                "component": child, "parents": parents,
            })).collect::<Vec<_>>(),
            "hints": spec.placement.hints.iter().map(|h| json!({
                "component": h.component, "container": h.container, "fix": h.fix,
            })).collect::<Vec<_>>(),
            "uncounted": spec.placement.uncounted,
        },
        "migrations": spec.migrations.iter().map(|row| json!({
            "node": row.node, "field": row.field, "fix": row.fix,
            "rule": format!("{:?}", row.rule),
        })).collect::<Vec<_>>(),
        "card_needs": spec.card_needs.iter().map(|row| json!({
            "tag": row.tag, "path": row.path, "value": row.value,
            "rule": format!("{:?}", row.rule),
        })).collect::<Vec<_>>(),
        "part_fields": spec.part_fields.iter().map(|row| json!({
            "parents": row.parents, "part": row.part, "fields": row.fields,
        })).collect::<Vec<_>>(),
        "part_only": spec.part_only.iter().map(|row| json!({
            "parents": row.parents, "part": row.part, "fields": row.fields,
        })).collect::<Vec<_>>(),
        "outside_form": spec.outside_form.iter().map(|row| json!({
            "tag": row.tag, "field": row.field, "only_true": row.only_true,
            "rule": format!("{:?}", row.rule),
        })).collect::<Vec<_>>(),
        "enums": enums::ALL.iter().map(|def| json!({
            "name": def.rust_name,
            "values": def.values_in(spec.version).collect::<Vec<_>>(),
            "fallback": def.fallback,
        })).collect::<Vec<_>>(),
        "rules": RULES.iter().map(|row| json!({
            "rule": format!("{:?}", row.rule),
            "severity": match row.rule.severity_in(spec.version) {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            "source": row.rule.source_in(spec.version),
        })).collect::<Vec<_>>(),
        "nodes": spec.nodes.iter().map(|node| node_json(node)).collect::<Vec<_>>(),
    })
}

/// `(component, ancestor)` rows.
fn pairs(rows: &[(&str, &str)]) -> Vec<Value> {
    rows.iter()
        .map(|(component, ancestor)| json!({"component": component, "ancestor": ancestor}))
        .collect()
}

fn node_json(node: &Node) -> Value {
    json!({
        "tag": node.tag,
        "kind": format!("{:?}", node.kind).to_lowercase(),
        "emits_tag": node.emits_tag,
        "versions": node.versions.iter().map(|v| v.schema()).collect::<Vec<_>>(),
        "doc": node.doc,
        "fields": node.all_fields().map(|field| json!({
            "name": field.name,
            "path": field.path,
            "type": ty_json(&field.ty),
            "required": field.required,
            "form_only": field.form_only,
            "versions": field.versions.iter().map(|v| v.schema()).collect::<Vec<_>>(),
            "default": field.default,
            "doc": field.doc,
        })).collect::<Vec<_>>(),
        "text_child": node.text_child.as_ref().map(|t| json!({
            "field": t.field, "form": format!("{:?}", t.form).to_lowercase(),
        })),
        "children": node.children.iter().map(|rule| match rule {
            ChildRule::Components { field } => json!({"components": field}),
            ChildRule::Part { tag, node, field, many } => json!({
                "part": tag, "node": node, "field": field, "many": many,
            }),
            ChildRule::Slot { tag, field } => json!({"slot": tag, "field": field}),
        }).collect::<Vec<_>>(),
        "one_of": node.one_of,
        "exclusive": node.exclusive.iter().map(|(a, b)| [a, b]).collect::<Vec<_>>(),
        "ties": node.ties.iter().map(tie_json).collect::<Vec<_>>(),
    })
}

fn admits_json(admits: Admits) -> Value {
    match admits {
        Admits::Only(tags) => json!({"only": tags}),
        Admits::AllExcept(tags) => json!({"all_except": tags}),
    }
}

fn ty_json(ty: &Ty) -> Value {
    match ty {
        Ty::Bool => json!({"type": "bool"}),
        Ty::Int { min, max } => json!({"type": "int", "min": min, "max": max}),
        Ty::Number => json!({"type": "number"}),
        Ty::Str { max_chars } => json!({"type": "string", "max_chars": max_chars}),
        Ty::Enum(def) => json!({"type": "enum", "enum": def.rust_name}),
        Ty::EnumOr(def, pattern) => {
            json!({"type": "enum_or", "enum": def.rust_name, "pattern": pattern_json(*pattern)})
        }
        Ty::Pattern(pattern) => json!({"type": "pattern", "pattern": pattern_json(*pattern)}),
        Ty::Text { kinds, max_chars } => {
            json!({"type": "text", "kinds": kinds, "max_chars": max_chars})
        }
        Ty::Object(tag) => json!({"type": "object", "node": tag}),
        Ty::Component(admits) => json!({"type": "component", "admits": admits_json(*admits)}),
        Ty::Components(admits) => json!({"type": "components", "admits": admits_json(*admits)}),
        Ty::Array(inner, max) => json!({"type": "array", "items": ty_json(inner), "max": max}),
        Ty::I18n(inner) => json!({"type": "i18n", "values": ty_json(inner)}),
        Ty::Map(inner) => json!({"type": "map", "values": ty_json(inner)}),
        Ty::Json => json!({"type": "json"}),
    }
}

fn pattern_json(pattern: Pattern) -> Value {
    json!({"name": format!("{pattern:?}"), "describe": pattern.describe()})
}

fn tie_json(tie: &Tie) -> Value {
    match *tie {
        Tie::Choice {
            field,
            options,
            key,
            many,
        } => json!({"choice": field, "options": options, "key": key, "many": many}),
        Tie::Index { field, options } => json!({"index": field, "options": options}),
        Tie::Fixed { field, value } => json!({"fixed": field, "value": value}),
        Tie::PureData { field } => json!({"pure_data": field}),
        Tie::Unique { array, key } => json!({"unique": array, "key": key}),
        Tie::Key { field } => json!({"key": field}),
        Tie::MaxChars { field, max } => json!({"max_chars": field, "max": max}),
        Tie::Either { one, all, what } => json!({"either": one, "or_all": all, "what": what}),
        Tie::Needs {
            field,
            value,
            needs,
        } => json!({"when": field, "is": value, "needs": needs}),
        Tie::OnlyWith {
            field,
            other,
            values,
        } => json!({"only": field, "with": other, "in": values}),
        Tie::PerMode { mode, list, limits } => json!({
            "per_mode": list, "mode": mode,
            "limits": limits.iter().map(|(m, n)| json!({"mode": m, "max": n})).collect::<Vec<_>>(),
        }),
    }
}
