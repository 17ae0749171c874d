//! Rules of the whole card that card JSON 2.0 adds, on what is known at compile time:
//! `element_id`s unique per card, the number of tagged objects, and card-level settings that a
//! component needs. Each rule and its words live in card-schema's `Tally`; here they are fed
//! the literal parts of the card and pointed at a token.

use card_schema::{Field, Node, Step, Ty};
use serde_json::Value;

use super::{State, rules, value};
use crate::ast::{Attr, AttrValue, Element};
use crate::ctxt::Ctxt;
use crate::ir::{Obj, Stmt, Val};

/// The literal per-card ids an attribute writes (card-schema's `Spec::card_ids`: `element_id`,
/// `audio_id`), unique per card field by field: the attribute itself, or ids of tagged objects
/// inside a JSON-like literal (`text_tag_list=[{"tag": "text_tag", "element_id": ..}]`); a JSON
/// field such as a callback `value` is user data and is not read. One written in a loop or a
/// branch is left to `Card::validate`: a loop may run once, and two branches of one `if` may
/// share an id. A typed handle to a streamed `element_id` would start from here.
pub(super) fn check_element_ids(
    cx: &Ctxt,
    st: &mut State,
    node: &Node,
    field: &Field,
    attr: &Attr,
    val: &Val,
    in_flow: bool,
) {
    if in_flow {
        return;
    }
    let card_ids = card_schema::spec(st.version).card_ids;
    let mut ids = Vec::new();
    match val.as_static() {
        Some(Value::String(id)) if card_ids.contains(&field.name) => {
            ids.push((field.name, id, format!("<{}>", node.tag), Vec::new()));
        }
        Some(value) if !matches!(field.ty, Ty::Json | Ty::Map(_)) => {
            tagged_ids(card_ids, &value, &mut Vec::new(), &mut ids);
        }
        _ => {}
    }
    for (id_field, id, place, at) in ids {
        if let Some(violation) = st.ids.card_id(id_field, &id, place) {
            let span = match &attr.value {
                Some(AttrValue::Json(json)) => value::locate(json, &at),
                Some(value) => rules::value_span(value),
                None => attr.name.span(),
            };
            cx.error(span, violation.message);
        }
    }
}

/// One id found: its field, the id, the tag of its object and where it stands.
type FoundId = (&'static str, String, String, Vec<Step>);

/// The per-card ids of the tagged objects in `value` (`at` is the path down to `value`).
fn tagged_ids(
    card_ids: &[&'static str],
    value: &Value,
    at: &mut Vec<Step>,
    out: &mut Vec<FoundId>,
) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(tag)) = map.get("tag") {
                for field in card_ids {
                    if let Some(Value::String(id)) = map.get(*field) {
                        let mut here = at.clone();
                        here.push(Step::Key((*field).to_owned()));
                        out.push((field, id.clone(), format!("<{tag}>"), here));
                    }
                }
            }
            for (key, inner) in map {
                at.push(Step::Key(key.clone()));
                tagged_ids(card_ids, inner, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                at.push(Step::Index(i));
                tagged_ids(card_ids, inner, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

/// What the whole card breaks, on what is known at compile time: more tagged objects
/// (components, text objects, icons...) than the version allows, counting only those outside
/// loops and branches (a sure lower bound), and a component whose card-level setting is missing
/// (a 2.0 card with `audio` needs `config.enable_forward: false`), where that setting is known.
pub(super) fn check_card_wide(cx: &Ctxt, st: &mut State, el: &Element, obj: &Obj) {
    let spec = card_schema::spec(st.version);
    if let Some(max) = spec.max_tagged {
        let mut tagged = Vec::new();
        static_values(&obj.stmts, &mut tagged);
        let mut over = None;
        for value in &tagged {
            count_tagged(value, &mut |_| {
                if let Some(violation) = st.tally.tagged(Some(max)) {
                    over = Some(violation);
                }
            });
        }
        if let Some(violation) = over {
            cx.error(el.name.span(), violation.message);
        }
    }
    let known = Value::Object(obj.known_fields());
    let dynamic = |need: &card_schema::CardNeed| {
        need.path
            .first()
            .is_some_and(|field| known.get(field).is_none() && touches(&obj.stmts, field))
    };
    for need in spec.card_needs {
        let unmet = st.tally.unmet_needs(std::slice::from_ref(need), |need| {
            need.met(&known) || dynamic(need)
        });
        // Pointed at the first component that needs the setting.
        let span = st
            .first_seen
            .iter()
            .find(|(tag, _)| *tag == need.tag)
            .map_or(el.name.span(), |(_, span)| *span);
        for violation in unmet {
            cx.error(span, violation.message);
        }
    }
}

/// Whether a statement sets or fills top-level `field` at run time or in control flow.
fn touches(stmts: &[Stmt], field: &str) -> bool {
    stmts.iter().any(|stmt| match stmt {
        Stmt::Set(path, _) | Stmt::Push(path, _) | Stmt::Extend(path, ..) => {
            path.first().is_some_and(|first| first == field)
        }
        Stmt::For(_, _, body) => touches(body, field),
        Stmt::If(_, then, otherwise) => {
            touches(then, field) || otherwise.as_deref().is_some_and(|o| touches(o, field))
        }
        Stmt::Match(_, arms) => arms.iter().any(|(_, _, body)| touches(body, field)),
    })
}

/// The static values set or pushed outside control flow, descending into objects built field by
/// field (a component with a run-time attribute still has static children).
fn static_values(stmts: &[Stmt], out: &mut Vec<Value>) {
    for stmt in stmts {
        if let Stmt::Set(path, val) | Stmt::Push(path, val) = stmt {
            match val.as_static() {
                Some(value) => {
                    // A `tag` set on its own is the object's tag: counted with the object.
                    if path.len() != 1 || path[0] != "tag" {
                        out.push(value);
                    }
                }
                None => {
                    if let Val::Object(inner) = val {
                        if let Some(tag) = static_tag(inner) {
                            out.push(Value::from(tag));
                        }
                        static_values(&inner.stmts, out);
                    }
                }
            }
        }
    }
}

/// The static `tag` of an object built field by field.
fn static_tag(obj: &Obj) -> Option<String> {
    obj.stmts.iter().find_map(|stmt| match stmt {
        Stmt::Set(path, Val::Static(Value::String(tag))) if path.len() == 1 && path[0] == "tag" => {
            Some(tag.clone())
        }
        _ => None,
    })
}

/// Calls `found` for every object with a `tag` in `value` (a bare string stands for the tag of
/// a partly dynamic object, see [`static_values`]).
fn count_tagged(value: &Value, found: &mut impl FnMut(&str)) {
    match value {
        Value::String(tag) => found(tag),
        Value::Object(map) => {
            if let Some(Value::String(tag)) = map.get("tag") {
                found(tag);
            }
            for (key, inner) in map {
                if key != "tag" {
                    count_tagged_inner(inner, found);
                }
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| count_tagged_inner(item, found)),
        _ => {}
    }
}

/// [`count_tagged`] below the top: strings there are values, not tags.
fn count_tagged_inner(value: &Value, found: &mut impl FnMut(&str)) {
    match value {
        Value::String(_) => {}
        other => count_tagged(other, found),
    }
}
