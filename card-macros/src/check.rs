//! Checks the card against the schema tables and lowers it to [`crate::ir`].
//!
//! Error policy (as serde's `check.rs`): every rule reports through [`Ctxt`] and carries on, so a
//! card with several mistakes gets all of them in one compile; each error points at the smallest
//! wrong token (the attribute name for an unknown field, the value for a bad value, the element
//! name for a missing field or a misplaced element). Where a mistake leaves nothing sensible to
//! check below it (an unknown element), its children are skipped rather than guessed at, so one
//! mistake is one error. The lowered tree is only used when no error was reported.

mod card_wide;
mod rules;
mod text;
mod value;
mod version;

use card_schema::{ChildRule, Field, Kind, Node, TextForm, Ty, Version};
use proc_macro2::Span;
use serde_json::Value;

use crate::ast::{Child, Element, ident_name};
use crate::ctxt::Ctxt;
use crate::ir::{Obj, Path, Stmt, Val};

pub(crate) use rules::State;

/// The checked invocation.
pub(crate) struct Checked {
    /// `<card>` (a `Card`) or a fragment (an `Element` or `ElementV2`).
    pub(crate) is_card: bool,
    /// The card JSON version whose rules were applied: the card's `schema`, or a fragment's
    /// `schema = "2.0";` prefix.
    pub(crate) version: Version,
    pub(crate) obj: Obj,
}

/// Checks the root element and lowers it.
pub(crate) fn root(cx: &Ctxt, root: &crate::ast::Root) -> Checked {
    let el = &root.element;
    let tag = el.tag();
    let version = version::of_root(cx, root);
    let mut st = State::new(version);
    if tag == "card" {
        let node = card_schema::node(version, "card");
        let obj = match node {
            Some(node) => element(cx, &mut st, el, node, &Scope::default()),
            None => Obj::default(),
        };
        rules::check_static_size(cx, el, &obj);
        card_wide::check_card_wide(cx, &mut st, el, &obj);
        return Checked {
            is_card: true,
            version,
            obj,
        };
    }
    let obj = match card_schema::node(version, &tag) {
        Some(node) if node.is_component() => {
            let scope = Scope {
                form_unknown: true,
                ..Scope::default()
            };
            element(cx, &mut st, el, node, &scope)
        }
        Some(_) => {
            cx.error(
                el.name.span(),
                format_args!(
                    "`{tag}` cannot be the root of `card!`; the root is `<card>` or a component such as `<div>`"
                ),
            );
            Obj::default()
        }
        None if version::unavailable(version) => Obj::default(),
        None => {
            rules::unknown_element(cx, version, el, None);
            Obj::default()
        }
    };
    Checked {
        is_card: false,
        version,
        obj,
    }
}

/// Where an element stands.
#[derive(Clone, Default)]
pub(crate) struct Scope {
    /// Component tags from the root down to the parent, excluding `card` (for placement).
    ancestors: Vec<&'static str>,
    /// Inside a `form`.
    in_form: bool,
    /// Inside a fragment (a root other than `<card>`), which may be spliced into a form or not:
    /// form-only fields are allowed there, and `Card::validate` checks them where it lands.
    form_unknown: bool,
    /// Inside `<i18n lang=..>`: the locale.
    lang: Option<String>,
    /// Below an element already reported as misplaced: placement, required-field and form
    /// rules are not checked again there, so one misplaced container is one error.
    misplaced: bool,
    /// For a part (`<option>`), the tag of the element it is written in: some parts need
    /// different fields under different parents.
    parent: Option<&'static str>,
    /// Inside `for`, `if` or `match` (at any depth): built zero, one or many times.
    in_flow: bool,
}

/// The fields an element has been given so far, for duplicates and required fields.
struct Given {
    fields: Vec<(&'static str, Span)>,
}

impl Given {
    fn find(&self, name: &str) -> Option<Span> {
        self.fields
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, span)| *span)
    }
}

/// One element being checked: its schema node, scope and what it has been given.
struct Cur<'a> {
    /// The card JSON version whose tables apply.
    version: Version,
    el: &'a Element,
    node: &'static Node,
    scope: &'a Scope,
    given: Given,
    /// Count of `many` part children per field (header `text_tag`s), for array limits.
    part_counts: Vec<(&'static str, usize)>,
    /// An attribute or child was rejected (unknown, misplaced): the element's required fields
    /// are not checked, since the rejected part was most likely meant to supply them.
    rejected: bool,
    /// 2.0 `<i18n lang>` children: the primary text per locale, attached by
    /// [`text::attach_i18n`] once the text itself is known.
    i18n: Vec<text::I18nEntry>,
}

impl<'a> Cur<'a> {
    fn new(version: Version, el: &'a Element, node: &'static Node, scope: &'a Scope) -> Self {
        Self {
            version,
            el,
            node,
            scope,
            given: Given { fields: Vec::new() },
            part_counts: Vec::new(),
            rejected: false,
            i18n: Vec::new(),
        }
    }
}

/// Checks `el` as `node` and lowers it to an object.
fn element(cx: &Ctxt, st: &mut State, el: &Element, node: &'static Node, scope: &Scope) -> Obj {
    let mut obj = Obj::default();
    if node.emits_tag {
        obj.stmts.push(Stmt::Set(
            vec!["tag".to_owned()],
            Val::Static(Value::from(node.tag)),
        ));
    }
    let mut cur = Cur::new(st.version, el, node, scope);
    let is_form = node.tag == "form";
    if is_form {
        st.tally.open_form();
    }
    for attr in &el.attrs {
        let key = attr.key();
        if node.tag == "card" && version::refused_schema(attr) {
            continue;
        }
        let Some(field) = node.field(&key) else {
            rules::unknown_field(cx, st.version, node, &attr.name);
            cur.rejected = true;
            continue;
        };
        if cur.given.find(field.name).is_some() {
            cx.error(
                attr.name.span(),
                format_args!("duplicate field `{key}` on `{}`", node.tag),
            );
            continue;
        }
        cur.given.fields.push((field.name, attr.name.span()));
        rules::check_form_only(
            cx,
            st.version,
            node,
            field,
            attr,
            scope.in_form || scope.form_unknown,
        );
        if let Some(val) = value::attr(cx, st.version, node, field, attr) {
            rules::check_unique_name(cx, st, node, field, attr, &val, scope.lang.as_ref());
            card_wide::check_element_ids(cx, st, node, field, attr, &val, scope.in_flow);
            obj.stmts.push(Stmt::Set(path_of(field), val));
        }
    }
    rules::note_form_submit(st, node, &obj, scope.in_form);
    let mut stmts = Vec::new();
    children(cx, st, &mut cur, &el.children, false, &mut stmts);
    obj.stmts.extend(stmts);
    text::attach_i18n(cx, &mut cur, &mut obj);
    rules::check_sugar_overlap(cx, node, &cur.given);
    if !cur.rejected && !scope.misplaced {
        rules::check_fields(cx, st.version, el, node, &cur.given, scope);
    }
    rules::check_ties(cx, el, node, &obj);
    if is_form {
        if let Some(violation) = st.tally.close_form() {
            if !scope.misplaced {
                cx.error(el.name.span(), violation.message);
            }
        }
    }
    obj
}

fn path_of(field: &Field) -> Path {
    field.path.iter().map(|key| (*key).to_owned()).collect()
}

/// The path where children filling `field` of `node` go: the field's own path (a 2.0 card's
/// components go to `body.elements`), except inside `<i18n lang=..>`, where the card's
/// `elements` and `header` become `i18n_elements.<lang>` and `i18n_header.<lang>`.
fn target(field: &str, scope: &Scope, node: &Node) -> Path {
    match (&scope.lang, node.kind) {
        (Some(lang), Kind::Card) if field == "elements" || field == "header" => {
            vec![format!("i18n_{field}"), lang.clone()]
        }
        _ => node
            .field(field)
            .map_or_else(|| vec![field.to_owned()], path_of),
    }
}

/// Checks and lowers children of `cur.el` (or of a control-flow block inside it).
fn children(
    cx: &Ctxt,
    st: &mut State,
    cur: &mut Cur<'_>,
    kids: &[Child],
    in_flow: bool,
    out: &mut Vec<Stmt>,
) {
    for kid in kids {
        match kid {
            Child::Text(lit) => text::text_child(cx, cur, text::TextSource::Lit(lit), in_flow, out),
            Child::Expr(braced) => {
                let span = braced.brace.span.join();
                // A component holder splices fragments; otherwise `{expr}` is the primary text.
                // `note` holds both, but text is what it is for, so there `{expr}` is text.
                let text_first = cur
                    .node
                    .text_child
                    .as_ref()
                    .is_some_and(|tc| tc.form == TextForm::Push);
                if let Some(field) = components_field(cur.node).filter(|_| !text_first) {
                    mark(cur, field, span);
                    if cur.scope.in_form {
                        // A spliced fragment may be the submit button: `Card::validate` decides.
                        st.tally.submitted();
                    }
                    out.push(Stmt::Extend(
                        target(field, cur.scope, cur.node),
                        braced.expr.clone(),
                        st.version,
                    ));
                } else {
                    text::text_child(
                        cx,
                        cur,
                        text::TextSource::Expr(&braced.expr, span),
                        in_flow,
                        out,
                    );
                }
            }
            Child::Element(el) => child_element(cx, st, cur, el, in_flow, out),
            Child::For(f) => {
                let mut body = Vec::new();
                children(cx, st, cur, &f.body, true, &mut body);
                out.push(Stmt::For(f.pat.clone(), f.expr.clone(), body));
            }
            Child::If(i) => out.push(if_child(cx, st, cur, i)),
            Child::Match(m) => {
                let flow = st.new_flow();
                let arms = m
                    .arms
                    .iter()
                    .enumerate()
                    .map(|(i, arm)| {
                        let mut body = Vec::new();
                        st.enter_arm(flow, i);
                        children(cx, st, cur, &arm.body, true, &mut body);
                        st.leave_arm();
                        (arm.pat.clone(), arm.guard.clone(), body)
                    })
                    .collect();
                out.push(Stmt::Match(m.expr.clone(), arms));
            }
        }
    }
}

fn if_child(cx: &Ctxt, st: &mut State, cur: &mut Cur<'_>, i: &crate::ast::IfChild) -> Stmt {
    let flow = st.new_flow();
    let mut then = Vec::new();
    st.enter_arm(flow, 0);
    children(cx, st, cur, &i.then, true, &mut then);
    st.leave_arm();
    let otherwise = i.otherwise.as_ref().map(|otherwise| {
        st.enter_arm(flow, 1);
        let body = match otherwise {
            crate::ast::Else::If(inner) => vec![if_child(cx, st, cur, inner)],
            crate::ast::Else::Block(kids) => {
                let mut body = Vec::new();
                children(cx, st, cur, kids, true, &mut body);
                body
            }
        };
        st.leave_arm();
        body
    });
    Stmt::If(i.cond.clone(), then, otherwise)
}

/// The array field that receives `node`'s component children (`elements`, `actions`, ...).
fn components_field(node: &Node) -> Option<&'static str> {
    node.components_field().map(|field| field.name)
}

/// Records that `field` was given (for required fields).
fn mark(cur: &mut Cur<'_>, field: &'static str, span: Span) {
    if cur.given.find(field).is_none() {
        cur.given.fields.push((field, span));
    }
}

/// Reports a second value for a single-valued field given outside control flow.
fn mark_single(
    cx: &Ctxt,
    cur: &mut Cur<'_>,
    field: &'static str,
    span: Span,
    in_flow: bool,
) -> bool {
    if cur.given.find(field).is_some() && !in_flow {
        cx.error(
            span,
            format_args!("duplicate field `{field}` on `{}`", cur.node.tag),
        );
        return false;
    }
    mark(cur, field, span);
    true
}

/// An element among children: a part, a slot, an explicit text object, `<i18n>` or a component.
fn child_element(
    cx: &Ctxt,
    st: &mut State,
    cur: &mut Cur<'_>,
    el: &Element,
    in_flow: bool,
    out: &mut Vec<Stmt>,
) {
    let tag = el.tag();
    let parent = cur.node;
    if tag == "i18n" && st.version == Version::V2 {
        text::i18n_child(cx, cur, el, in_flow);
        return;
    }
    if parent.kind == Kind::Card && tag == "i18n" {
        i18n(cx, st, cur, el, in_flow, out);
        return;
    }
    if text::is_text_kind(parent, &tag) {
        text::explicit_text(cx, st, cur, el, &tag, in_flow, out);
        return;
    }
    for rule in parent.children {
        match rule {
            ChildRule::Part {
                tag: part_tag,
                node,
                field,
                many,
            } if *part_tag == tag => {
                let Some(part) = card_schema::node(st.version, node) else {
                    return;
                };
                let path = target(field, cur.scope, parent);
                let scope = Scope {
                    parent: Some(parent.tag),
                    in_flow: cur.scope.in_flow || in_flow,
                    ..cur.scope.clone()
                };
                if *many {
                    mark(cur, field, el.name.span());
                    rules::count_part(cx, cur.node, &mut cur.part_counts, field, el, in_flow);
                    let obj = element(cx, st, el, part, &scope);
                    out.push(Stmt::Push(path, Val::Object(obj)));
                } else if mark_single(cx, cur, field, el.name.span(), in_flow) {
                    let obj = element(cx, st, el, part, &scope);
                    out.push(Stmt::Set(path, Val::Object(obj)));
                }
                return;
            }
            ChildRule::Slot {
                tag: slot_tag,
                field,
            } if *slot_tag == tag => {
                if mark_single(cx, cur, field, el.name.span(), in_flow) {
                    if let Some(val) = slot(cx, st, cur, el, field) {
                        out.push(Stmt::Set(vec![(*field).to_owned()], val));
                    }
                }
                return;
            }
            _ => {}
        }
    }
    match card_schema::node(st.version, &tag) {
        Some(node) if node.is_component() => {
            let Some(field) = components_field(parent) else {
                cx.error(
                    el.name.span(),
                    format_args!(
                        "`{tag}` cannot be placed in `{}`: `{}` holds no components; {}",
                        parent.tag,
                        parent.tag,
                        rules::no_components_fix(parent, node)
                    ),
                );
                cur.rejected = true;
                return;
            };
            let mut scope = child_scope(cur, node, in_flow);
            if !scope.misplaced {
                if let Err(message) =
                    card_schema::placement(st.version, &cur_ancestors(cur), node.tag)
                {
                    cx.error(el.name.span(), message);
                    scope.misplaced = true;
                }
            }
            rules::count_component(cx, st, el, node, &scope);
            mark(cur, field, el.name.span());
            let obj = element(cx, st, el, node, &scope);
            out.push(Stmt::Push(
                target(field, cur.scope, parent),
                Val::Object(obj),
            ));
        }
        // Parts admitted by a component list (note `standard_icon`) go there, below placement.
        Some(node) if admitted_part(parent, node) => {
            let field = components_field(parent).unwrap_or("elements");
            mark(cur, field, el.name.span());
            let obj = element(cx, st, el, node, cur.scope);
            out.push(Stmt::Push(
                target(field, cur.scope, parent),
                Val::Object(obj),
            ));
        }
        Some(_) => {
            let hint = rules::part_parents(st.version, &tag);
            cx.error(
                el.name.span(),
                format_args!("`{tag}` cannot be placed in `{}`{hint}", parent.tag),
            );
            cur.rejected = true;
        }
        None => {
            rules::unknown_element(cx, st.version, el, Some(parent));
            cur.rejected = true;
        }
    }
}

/// Whether a non-component node is listed by name in the parent's component list (note
/// `standard_icon`); an `AllExcept` rule means "every component", never a part.
fn admitted_part(parent: &'static Node, node: &Node) -> bool {
    matches!(parent.admits(), Some(card_schema::Admits::Only(tags)) if tags.contains(&node.tag))
}

/// The ancestors a child of `cur` sees: the current chain plus `cur` itself when it is a
/// component.
fn cur_ancestors(cur: &Cur<'_>) -> Vec<&'static str> {
    let mut ancestors = cur.scope.ancestors.clone();
    if cur.node.is_component() {
        ancestors.push(cur.node.tag);
    }
    ancestors
}

fn child_scope(cur: &Cur<'_>, child: &Node, in_flow: bool) -> Scope {
    Scope {
        ancestors: cur_ancestors(cur),
        in_form: cur.scope.in_form || child.tag == "form",
        form_unknown: cur.scope.form_unknown,
        lang: cur.scope.lang.clone(),
        misplaced: cur.scope.misplaced,
        parent: None,
        in_flow: cur.scope.in_flow || in_flow,
    }
}

/// `<extra>`-style slot: exactly one component, admitted by the field's rule.
fn slot(
    cx: &Ctxt,
    st: &mut State,
    cur: &Cur<'_>,
    el: &Element,
    field: &'static str,
) -> Option<Val> {
    if let Some(attr) = el.attrs.first() {
        cx.error(
            attr.name.span(),
            format_args!("`<{}>` takes no attributes, only one component", el.tag()),
        );
    }
    let mut components = el.children.iter().filter_map(|kid| match kid {
        Child::Element(inner) => Some(Ok(inner)),
        Child::Expr(braced) => Some(Err(braced)),
        _ => None,
    });
    let first = components.next();
    if el.children.len() != 1 || first.is_none() {
        cx.error_spanned(
            el.open_tokens(),
            format_args!("`<{}>` holds exactly one component", el.tag()),
        );
        return None;
    }
    let inner = match first? {
        Ok(inner) => inner,
        Err(braced) => {
            return Some(Val::Expr(
                crate::ir::Conv::Component(st.version),
                braced.expr.clone(),
            ));
        }
    };
    let tag = inner.tag();
    let Some(node) = card_schema::node(st.version, &tag) else {
        rules::unknown_element(cx, st.version, inner, None);
        return None;
    };
    if let Some(Ty::Component(admits)) = cur.node.field(field).map(|f| &f.ty) {
        if !admits.admits(node.tag) {
            cx.error(
                inner.name.span(),
                format_args!(
                    "`{tag}` cannot be placed in `{}` of `{}`",
                    field, cur.node.tag
                ),
            );
        }
    }
    let scope = child_scope(cur, node, false);
    Some(Val::Object(element(cx, st, inner, node, &scope)))
}

/// `<i18n lang="zh_cn">`: components and a header for one locale.
fn i18n(
    cx: &Ctxt,
    st: &mut State,
    cur: &mut Cur<'_>,
    el: &Element,
    in_flow: bool,
    out: &mut Vec<Stmt>,
) {
    if in_flow || cur.scope.lang.is_some() {
        cx.error(
            el.name.span(),
            "`<i18n>` must be a direct child of `<card>`",
        );
        return;
    }
    let Some(lang) = rules::i18n_lang(cx, st, el) else {
        return;
    };
    let scope = Scope {
        lang: Some(lang),
        ..cur.scope.clone()
    };
    let mut inner = Cur::new(cur.version, cur.el, cur.node, &scope);
    children(cx, st, &mut inner, &el.children, false, out);
}

/// Name of an identifier as a tag (for messages).
pub(crate) fn name(ident: &syn::Ident) -> String {
    ident_name(ident)
}
