//! Attribute values and text literals: checked against the field's type with
//! `card_schema::check_value` (the same function the runtime validator uses, so both say the same
//! thing) and lowered to [`Val`].

use card_schema::{Field, Node, Step, Ty, Version};
use proc_macro2::Span;
use serde_json::{Map, Value};
use syn::LitStr;

use crate::ast::{Attr, AttrValue, Json, Lit};
use crate::ctxt::Ctxt;
use crate::ir::{Content, Conv, Obj, Stmt, Val};

/// The text kind a bare string becomes in a text field: the first allowed kind.
pub(super) fn default_kind(ty: &Ty) -> &'static str {
    match ty {
        Ty::Text { kinds, .. } => kinds.first().copied().unwrap_or("plain_text"),
        _ => "plain_text",
    }
}

/// The value of `attr`, a field of `node`.
pub(super) fn attr(
    cx: &Ctxt,
    version: Version,
    node: &Node,
    field: &'static Field,
    attr: &Attr,
) -> Option<Val> {
    match &attr.value {
        None => {
            if matches!(field.ty, Ty::Bool) {
                Some(Val::Static(Value::Bool(true)))
            } else {
                cx.error(
                    attr.name.span(),
                    format_args!(
                        "`{}` of `{}` needs a value; a bare attribute means `true` and only suits bool fields",
                        field.name, node.tag
                    ),
                );
                None
            }
        }
        Some(AttrValue::Lit(lit)) => literal(cx, version, node, field, lit),
        Some(AttrValue::Expr(braced)) => Some(Val::Expr(conv(&field.ty), braced.expr.clone())),
        Some(AttrValue::Json(json)) => {
            let val = json_val(cx, json);
            // With expressions inside, the shape is checked by the runtime validator.
            if let Some(value) = val.as_static() {
                check_json(cx, version, node, field, json, &value);
            }
            Some(val)
        }
    }
}

/// How an `{expr}` for a field of type `ty` becomes JSON.
pub(super) fn conv(ty: &Ty) -> Conv {
    match ty {
        Ty::Bool => Conv::Bool,
        Ty::Int { .. } => Conv::Int,
        Ty::Number => Conv::Number,
        Ty::Str { .. } | Ty::Pattern(_) => Conv::String,
        Ty::Enum(def) => Conv::Enum(def.rust_name),
        Ty::EnumOr(def, _) => Conv::EnumOr(def.rust_name),
        Ty::Text { kinds, .. } => Conv::Text(kinds.first().copied().unwrap_or("plain_text")),
        Ty::Object(_)
        | Ty::Component(_)
        | Ty::Components(_)
        | Ty::Array(..)
        | Ty::I18n(_)
        | Ty::Map(_)
        | Ty::Json => Conv::Json,
    }
}

/// Reports `check_value`'s complaint about `value` at `span`.
fn check(
    cx: &Ctxt,
    version: Version,
    node: &Node,
    field: &Field,
    span: Span,
    value: &Value,
) -> bool {
    match card_schema::check_value_in(version, &field.ty, value) {
        Ok(()) => true,
        Err(message) => {
            cx.error(
                span,
                format_args!("invalid `{}` of `{}`: {message}", field.name, node.tag),
            );
            false
        }
    }
}

/// `check` for a JSON-like literal, pointing at the innermost wrong part: the violation's steps
/// are followed down the literal's syntax tree.
fn check_json(cx: &Ctxt, version: Version, node: &Node, field: &Field, json: &Json, value: &Value) {
    let Some(violation) = card_schema::value_violation_in(version, &field.ty, value) else {
        return;
    };
    // A problem below the value names its place, as `check_value` words it.
    let message = match card_schema::check_value_in(version, &field.ty, value) {
        Err(message) if !violation.at.is_empty() => message,
        _ => violation.message,
    };
    cx.error(
        locate(json, &violation.at),
        format_args!("invalid `{}` of `{}`: {message}", field.name, node.tag),
    );
}

/// The span of the part of `json` at `at`; the deepest part found.
pub(super) fn locate(json: &Json, at: &[Step]) -> Span {
    let mut current = json;
    for step in at {
        let next = match (current, step) {
            (Json::Array(arr), Step::Index(i)) => arr.items.get(*i),
            (Json::Object(obj), Step::Key(name)) => obj
                .entries
                .iter()
                .find(|(key, _)| key.value() == *name)
                .map(|(_, value)| value),
            _ => None,
        };
        match next {
            Some(next) => current = next,
            None => break,
        }
    }
    current.span()
}

/// A literal attribute value.
fn literal(
    cx: &Ctxt,
    version: Version,
    node: &Node,
    field: &'static Field,
    lit: &Lit,
) -> Option<Val> {
    if let Lit::Str(s) = lit {
        if matches!(field.ty, Ty::Text { .. }) {
            return text_lit(cx, version, node, Some(field), s, default_kind(&field.ty));
        }
        return string_lit(cx, version, node, field, s);
    }
    let Some(value) = lit_json(lit) else {
        out_of_range(cx, lit);
        return None;
    };
    check(cx, version, node, field, lit.span(), &value);
    Some(Val::Static(value))
}

/// A string literal for a (non-text) field: static, or interpolated where the type allows it.
pub(super) fn string_lit(
    cx: &Ctxt,
    version: Version,
    node: &Node,
    field: &Field,
    lit: &LitStr,
) -> Option<Val> {
    match parse_format(&lit.value()) {
        Format::Static(s) => {
            let value = Value::String(s);
            check(cx, version, node, field, lit.span(), &value);
            Some(Val::Static(value))
        }
        Format::Interpolated => match &field.ty {
            Ty::Enum(def) => {
                cx.error(
                    lit.span(),
                    format_args!(
                        "`{}` of `{}` cannot be interpolated: it is one of {}; for a value chosen at run time write `{{expr}}` of type `card_runtime::{}`",
                        field.name,
                        node.tag,
                        super::rules::list(def.values),
                        def.rust_name
                    ),
                );
                None
            }
            Ty::Str { .. } | Ty::Pattern(_) | Ty::EnumOr(..) | Ty::Json => {
                Some(Val::Format(lit.clone()))
            }
            _ => {
                cx.error(
                    lit.span(),
                    format_args!(
                        "`{}` of `{}` is not a string, so it cannot be interpolated; write `{}={{expr}}` for a value known at run time",
                        field.name, node.tag, field.name
                    ),
                );
                None
            }
        },
    }
}

/// A string literal for a text field, made a text object of `kind`.
pub(super) fn text_lit(
    cx: &Ctxt,
    version: Version,
    node: &Node,
    field: Option<&Field>,
    lit: &LitStr,
    kind: &'static str,
) -> Option<Val> {
    match parse_format(&lit.value()) {
        Format::Static(s) => {
            let mut map = Map::new();
            map.insert("tag".to_owned(), Value::from(kind));
            map.insert("content".to_owned(), Value::String(s));
            let value = Value::Object(map);
            if let Some(field) = field {
                check(cx, version, node, field, lit.span(), &value);
            }
            Some(Val::Static(value))
        }
        // Length limits count characters of the final text, unknown until run time; the runtime
        // validator checks them.
        Format::Interpolated => Some(Val::Text(kind, Content::Format(lit.clone()))),
    }
}

/// A string literal as a bare string value: static, or interpolated.
pub(super) fn content_lit(lit: &LitStr) -> Val {
    match parse_format(&lit.value()) {
        Format::Static(s) => Val::Static(Value::String(s)),
        Format::Interpolated => Val::Format(lit.clone()),
    }
}

/// A number literal that JSON cannot hold (beyond 64 bits, or a float overflowing to infinity).
fn out_of_range(cx: &Ctxt, lit: &Lit) {
    cx.error(
        lit.span(),
        "number out of range: card JSON numbers are 64-bit integers or finite floats",
    );
}

/// A literal as JSON (strings handled by the callers, which know about interpolation).
fn lit_json(lit: &Lit) -> Option<Value> {
    match lit {
        Lit::Str(s) => Some(Value::String(s.value())),
        Lit::Bool(b) => Some(Value::Bool(b.value)),
        Lit::Int(minus, int) => {
            let text = signed(minus.is_some(), int.base10_digits());
            text.parse::<i64>()
                .map(Value::from)
                .or_else(|_| text.parse::<u64>().map(Value::from))
                .ok()
        }
        Lit::Float(minus, float) => signed(minus.is_some(), float.base10_digits())
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number),
    }
}

/// A number literal's digits with its optional leading minus.
fn signed(minus: bool, digits: &str) -> String {
    if minus {
        format!("-{digits}")
    } else {
        digits.to_owned()
    }
}

/// A JSON-like literal, lowered; fully literal parts stay static.
fn json_val(cx: &Ctxt, json: &Json) -> Val {
    let val = match json {
        Json::Lit(Lit::Str(s)) => match parse_format(&s.value()) {
            Format::Static(s) => Val::Static(Value::String(s)),
            Format::Interpolated => Val::Format(s.clone()),
        },
        Json::Lit(lit) => match lit_json(lit) {
            Some(value) => Val::Static(value),
            None => {
                out_of_range(cx, lit);
                Val::Static(Value::Null)
            }
        },
        Json::Null(_) => Val::Static(Value::Null),
        Json::Expr(expr) => Val::Expr(Conv::Json, expr.clone()),
        Json::Array(arr) => Val::Array(arr.items.iter().map(|item| json_val(cx, item)).collect()),
        Json::Object(obj) => {
            let stmts = obj
                .entries
                .iter()
                .map(|(key, value)| Stmt::Set(vec![key.value()], json_val(cx, value)))
                .collect();
            Val::Object(Obj { stmts })
        }
    };
    match val.as_static() {
        Some(value) => Val::Static(value),
        None => val,
    }
}

/// What a string literal means under `format!` rules.
enum Format {
    /// No placeholders: the text, with `{{`/`}}` unescaped.
    Static(String),
    /// At least one `{...}` placeholder: expanded with `format!`.
    Interpolated,
}

fn parse_format(s: &str) -> Format {
    if !s.contains('{') {
        return Format::Static(s.to_owned());
    }
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => return Format::Interpolated,
            c => out.push(c),
        }
    }
    Format::Static(out)
}
