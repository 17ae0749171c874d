//! Rules beyond one value's type: unknown names, required and exclusive fields, forms, and the
//! limits that are known at compile time.

use card_schema::{ChildRule, Field, FieldRule, Kind, Node, Step, Tally, Ty, Version};
use proc_macro2::Span;
use serde_json::{Map, Value};
use syn::Ident;

use super::{Given, Scope};
use crate::ast::{Attr, AttrValue, Child, Element, Lit};
use crate::ctxt::Ctxt;
use crate::ir::{Obj, Stmt, Val};

/// What one invocation has seen so far, for rules that span the card.
pub(crate) struct State {
    /// The card JSON version whose tables apply.
    pub(super) version: Version,
    /// Literal `name`s, component counts per locale and open forms, as card-schema's one
    /// checker of card-wide rules keeps them; a name's place is the arms it stands in.
    pub(super) tally: Tally<Vec<Arm>>,
    /// The `if`/`match` arms the element being checked stands in, outermost first.
    arms: Vec<Arm>,
    /// `if`/`match` children numbered so far.
    flows: usize,
    /// `<i18n lang>` locales seen.
    langs: Vec<String>,
    /// Literal `element_id`s written outside control flow, with the tag they were first
    /// written on (card-schema's one checker of card-wide uniqueness).
    pub(super) ids: Tally<String>,
    /// Where each component tag was first written, for card-wide rules about a component.
    pub(super) first_seen: Vec<(&'static str, Span)>,
}

/// One arm of an `if`/`else` or `match` among children: (the flow's number, the arm's index).
type Arm = (usize, usize);

impl State {
    pub(super) fn new(version: Version) -> Self {
        Self {
            version,
            tally: Tally::new(card_schema::spec(version).counters),
            arms: Vec::new(),
            flows: 0,
            langs: Vec::new(),
            ids: Tally::new(&[]),
            first_seen: Vec::new(),
        }
    }

    /// Numbers a new `if` or `match` child.
    pub(super) fn new_flow(&mut self) -> usize {
        self.flows += 1;
        self.flows
    }

    /// Checks what follows as standing in arm `arm` of flow `flow`, until [`Self::leave_arm`].
    pub(super) fn enter_arm(&mut self, flow: usize, arm: usize) {
        self.arms.push((flow, arm));
    }

    pub(super) fn leave_arm(&mut self) {
        self.arms.pop();
    }
}

/// Whether elements standing in arms `a` and `b` can never both be built: where their arms first
/// differ, they are two arms of the same `if` or `match`.
fn exclusive(a: &[Arm], b: &[Arm]) -> bool {
    a.iter()
        .zip(b)
        .find(|(x, y)| x != y)
        .is_some_and(|(x, y)| x.0 == y.0)
}

/// `` `a`, `b` or `c` ``.
pub(crate) fn list(items: &[&str]) -> String {
    card_schema::or_list(items)
}

fn did_you_mean(name: &str, candidates: &[&str]) -> String {
    match card_schema::suggest(name, candidates.iter().copied()) {
        Some(close) => format!("; did you mean `{close}`?"),
        None => String::new(),
    }
}

/// An element whose tag is in no table of the version: a mix-up with the other version (named
/// with its migration, in card-schema's words), else a plain unknown tag with "did you mean".
/// `parent` is the element it is written in, if any.
pub(crate) fn unknown_element(cx: &Ctxt, version: Version, el: &Element, parent: Option<&Node>) {
    let tag = el.tag();
    let mix_up = card_schema::mix_up(version, &tag, None)
        .or_else(|| parent.and_then(|p| card_schema::mix_up(version, p.tag, Some(&tag))));
    if let Some(violation) = mix_up {
        cx.error(el.name.span(), violation.message);
        return;
    }
    let mut candidates: Vec<&str> = card_schema::nodes(version)
        .iter()
        .filter(|node| !node.tag.contains('.'))
        .map(|node| node.tag)
        .collect();
    for rule in parent.map_or(&[][..], |p| p.children) {
        match rule {
            ChildRule::Part { tag, .. } | ChildRule::Slot { tag, .. } => candidates.push(tag),
            ChildRule::Components { .. } => {}
        }
    }
    candidates.push("i18n");
    let hint = did_you_mean(&tag, &candidates);
    cx.error(
        el.name.span(),
        format_args!("unknown element `{tag}`{hint}"),
    );
}

/// `"; `<field>` goes in `div`"`: where a part tag may be written, for a misplaced part.
pub(crate) fn part_parents(version: Version, tag: &str) -> String {
    let parents: Vec<&str> = card_schema::nodes(version)
        .iter()
        .filter(|node| {
            node.children.iter().any(|rule| {
                matches!(rule, ChildRule::Part { tag: t, .. } | ChildRule::Slot { tag: t, .. } if *t == tag)
            })
        })
        .map(|node| node.tag)
        .collect();
    if parents.is_empty() {
        String::new()
    } else {
        format!("; `<{tag}>` goes in {}", list(&parents))
    }
}

/// What to do with component `child` written inside `parent`, which holds none: use the
/// parent's slot that admits it (a div's `<extra>`), else move it after the parent.
pub(crate) fn no_components_fix(parent: &Node, child: &Node) -> String {
    let slot = parent.children.iter().find_map(|rule| match rule {
        ChildRule::Slot { tag, field } => match parent.field(field).map(|f| &f.ty) {
            Some(Ty::Component(admits)) if admits.admits(child.tag) => Some(*tag),
            _ => None,
        },
        _ => None,
    });
    let (parent, child) = (parent.tag, child.tag);
    match slot {
        Some(slot) => format!(
            "to show it beside the text write `<{slot}><{child} .. /></{slot}>` inside the \
             `<{parent}>`, or place it after `</{parent}>`"
        ),
        None => format!("place it after `</{parent}>`"),
    }
}

/// An attribute that is not a field of `node`: a field of the other card JSON version (named
/// with its migration), else unknown, with "did you mean".
pub(crate) fn unknown_field(cx: &Ctxt, version: Version, node: &Node, name: &Ident) {
    let key = super::name(name);
    if let Some(violation) = card_schema::mix_up(version, node.tag, Some(&key)) {
        cx.error(name.span(), violation.message);
        return;
    }
    let candidates: Vec<&str> = node.fields.iter().map(|field| field.name).collect();
    let hint = match card_schema::suggest(&key, candidates.iter().copied()) {
        Some(close) => format!("; did you mean `{close}`?"),
        None if candidates.is_empty() => format!("; `{}` has no fields", node.tag),
        None => format!("; expected one of {}", list(&candidates)),
    };
    cx.error(
        name.span(),
        format_args!("unknown field `{key}` on `{}`{hint}", node.tag),
    );
}

/// Form-only fields (`required`, `action_type`) do nothing outside a form, or make Feishu reject
/// the card (`required` on an input), so they are refused there. `name` is exempt: it is harmless
/// outside a form and some components use it on their own.
pub(crate) fn check_form_only(
    cx: &Ctxt,
    version: Version,
    node: &Node,
    field: &Field,
    attr: &Attr,
    in_form: bool,
) {
    if in_form {
        return;
    }
    let refused = card_schema::spec(version)
        .outside_form
        .iter()
        .find(|row| row.tag == node.tag && row.field == field.name);
    if let Some(row) = refused {
        // A value given as `{expr}` is judged by `Card::validate` where only `true` is refused.
        let value = match &attr.value {
            None => Some(Value::Bool(true)),
            Some(AttrValue::Lit(Lit::Bool(b))) => Some(Value::Bool(b.value)),
            _ if !row.only_true => Some(Value::Null),
            _ => None,
        };
        if let Some(violation) = value.and_then(|value| row.violation(&value)) {
            cx.error(attr.name.span(), violation.message);
        }
        return;
    }
    if field.form_only && field.name != "name" {
        cx.error(
            attr.name.span(),
            format_args!(
                "`{}` of `{}` only applies inside a `form`",
                field.name, node.tag
            ),
        );
    }
}

/// A sugar attribute that lands inside another field (`<card update_multi>` fills
/// `config.update_multi`) cannot be combined with that field given whole (`config={..}`): one
/// would silently overwrite the other.
pub(crate) fn check_sugar_overlap(cx: &Ctxt, node: &Node, given: &Given) {
    for (name, span) in &given.fields {
        let Some(field) = node.field(name) else {
            continue;
        };
        if let [outer, _, ..] = field.path {
            if given.find(outer).is_some() && matches!(field.ty, Ty::Components(_)) {
                // A 2.0 card's component children fill `body.elements`, as `<body>`'s do.
                cx.error(
                    *span,
                    format_args!(
                        "the components of `{}` go either directly in it or inside `<{outer}>`, not both; move this one into `<{outer}>`",
                        node.tag
                    ),
                );
            } else if given.find(outer).is_some() {
                cx.error(
                    *span,
                    format_args!(
                        "`{name}` of `{}` sets `{}`, but `{outer}` is given as a whole too; set it inside `{outer}` or drop `{outer}`",
                        node.tag,
                        field.path.join(".")
                    ),
                );
            }
        }
    }
}

/// Literal component `name`s must be unique within one element tree: the card's `elements`, or
/// one `<i18n>` locale, as the runtime validator counts them (each locale is shown on its own, so
/// the same form may appear in every locale under the same names). Two arms of one `if` or
/// `match` never both appear, so each may use the same name.
pub(crate) fn check_unique_name(
    cx: &Ctxt,
    st: &mut State,
    node: &Node,
    field: &Field,
    attr: &Attr,
    val: &Val,
    lang: Option<&String>,
) {
    if field.name != "name" || node.kind == Kind::Part {
        return;
    }
    let (Some(AttrValue::Lit(Lit::Str(lit))), Val::Static(Value::String(name))) =
        (&attr.value, val)
    else {
        return;
    };
    let arms = st.arms.clone();
    let clash = st
        .tally
        .name(lang.map(String::as_str), name, arms, |a, b| exclusive(a, b));
    if let Some(violation) = clash {
        cx.error(lit.span(), violation.message);
    }
}

/// Marks the enclosing form as submitted by a `button` whose role fields (`action_type`,
/// `form_action_type`, `behaviors`) submit it, by the same test the runtime validator applies.
/// A role given as an `{expr}` may submit: the runtime validator checks its value.
pub(crate) fn note_form_submit(st: &mut State, node: &Node, obj: &Obj, in_form: bool) {
    if node.tag != "button" || !in_form {
        return;
    }
    let mut known = Map::new();
    let mut dynamic = false;
    for stmt in &obj.stmts {
        let Stmt::Set(path, val) = stmt else {
            continue;
        };
        let [key] = path.as_slice() else {
            continue;
        };
        if card_schema::FORM_BUTTON_ROLES.contains(&key.as_str()) {
            match val.as_static() {
                Some(value) => {
                    known.insert(key.clone(), value);
                }
                None => dynamic = true,
            }
        }
    }
    if dynamic || card_schema::submits_form(&known) {
        st.tally.submitted();
    }
}

/// The field rules of the schema ([`card_schema::broken_field_rules`]: required fields, one-of
/// groups, exclusive pairs; a form-only field is required only inside a form), the fields a part
/// needs under its parent, and what a form asks of its members
/// ([`card_schema::form_missing_fields`]: a `name`, a role for buttons). The runtime validator
/// asks the same functions, so a card that compiles passes it.
pub(crate) fn check_fields(
    cx: &Ctxt,
    version: Version,
    el: &Element,
    node: &'static Node,
    given: &Given,
    scope: &Scope,
) {
    let has = |field: &str| given.find(field).is_some();
    let tag = node.tag;
    let span = el.name.span();
    for broken in card_schema::broken_field_rules(node, has) {
        let span = match broken {
            FieldRule::Required(field) if field.form_only && !scope.in_form => continue,
            FieldRule::Exclusive(_, b) => given.find(b).unwrap_or(span),
            _ => span,
        };
        cx.error(span, broken.violation(tag).message);
    }
    if let Some(parent) = scope.parent {
        for violation in card_schema::part_missing_fields(version, parent, tag, has) {
            cx.error(span, violation.message);
        }
    }
    if scope.in_form {
        for violation in card_schema::form_missing_fields(node, has) {
            cx.error(span, violation.message);
        }
    }
}

/// Array limits on repeated part children (header `text_tag`: at most 3), counted outside loops.
pub(crate) fn count_part(
    cx: &Ctxt,
    node: &Node,
    counts: &mut Vec<(&'static str, usize)>,
    field: &'static str,
    el: &Element,
    in_flow: bool,
) {
    if in_flow {
        return;
    }
    let count = match counts.iter_mut().find(|(f, _)| *f == field) {
        Some((_, count)) => {
            *count += 1;
            *count
        }
        None => {
            counts.push((field, 1));
            1
        }
    };
    let max = node.field(field).and_then(|f| match f.ty {
        Ty::Array(_, max) => max,
        _ => None,
    });
    if let Some(max) = max {
        if count == max + 1 {
            cx.error(
                el.name.span(),
                format_args!(
                    "`{}` takes at most {max} `<{}>` children",
                    node.tag,
                    el.tag()
                ),
            );
        }
    }
}

/// Card-wide component counts per locale (tables; charts past the recommended number).
pub(crate) fn count_component(cx: &Ctxt, st: &mut State, el: &Element, node: &Node, scope: &Scope) {
    if !st.first_seen.iter().any(|(tag, _)| *tag == node.tag) {
        st.first_seen.push((node.tag, el.name.span()));
    }
    if let Some(violation) = st.tally.count(scope.lang.as_deref(), node.tag) {
        cx.error(el.name.span(), violation.message);
    }
}

/// The rules between fields of one node (`card_schema::ties`: an initial choice among the
/// options, unique option values, a key that is not a link, images per mode), on the fields
/// known at compile time. `validate` runs the same function on the JSON, so the rule and its
/// words live in card-schema; here each violation only finds its span.
pub(crate) fn check_ties(cx: &Ctxt, el: &Element, node: &'static Node, obj: &Obj) {
    let known = obj.known_fields();
    for violation in card_schema::ties(node, &known) {
        cx.error(span_of(el, node, &violation.at), violation.message);
    }
}

/// The span of the tokens that wrote the value at `at` below `el`'s object: inside an attribute
/// (down a JSON-like literal), or a part child (`<option>`) and its attribute; else the element.
fn span_of(el: &Element, node: &Node, at: &[Step]) -> Span {
    let [Step::Key(field), rest @ ..] = at else {
        return el.name.span();
    };
    if let Some(attr) = el.attrs.iter().find(|attr| attr.key() == *field) {
        return match &attr.value {
            Some(AttrValue::Json(json)) => super::value::locate(json, rest),
            Some(value) => value_span(value),
            None => attr.name.span(),
        };
    }
    let parts = el.children.iter().filter_map(|kid| match kid {
        Child::Element(child) => Some(child),
        _ => None,
    });
    let mut parts = parts.filter(|child| {
        let tag = child.tag();
        node.children.iter().any(|rule| {
            matches!(rule, ChildRule::Part { tag: t, field: f, .. } if *t == tag && f == field)
        })
    });
    let (Some(Step::Index(i)), Some(Step::Key(inner))) = (rest.first(), rest.get(1)) else {
        return el.name.span();
    };
    match parts.nth(*i) {
        Some(part) => part
            .attrs
            .iter()
            .find(|attr| attr.key() == *inner)
            .map_or(part.name.span(), |attr| {
                attr.value.as_ref().map_or(attr.name.span(), value_span)
            }),
        None => el.name.span(),
    }
}

/// The tokens of an attribute's value.
pub(crate) fn value_span(value: &AttrValue) -> Span {
    match value {
        AttrValue::Lit(lit) => lit.span(),
        AttrValue::Expr(braced) => braced.brace.span.join(),
        AttrValue::Json(json) => json.span(),
    }
}

/// `lang` of a card-level `<i18n>`: a known locale, once per card. An unknown locale is reported
/// and still returned, so that the locale's contents are checked too.
pub(crate) fn i18n_lang(cx: &Ctxt, st: &mut State, el: &Element) -> Option<String> {
    lang_of(cx, el, &mut st.langs)
}

/// `lang` of an `<i18n>` element: a known locale, not in `seen` (which it joins).
pub(crate) fn lang_of(cx: &Ctxt, el: &Element, seen: &mut Vec<String>) -> Option<String> {
    let mut lang = None;
    for attr in &el.attrs {
        if attr.key() != "lang" {
            cx.error(
                attr.name.span(),
                format_args!("unknown field `{}` on `i18n`; expected `lang`", attr.key()),
            );
            continue;
        }
        match &attr.value {
            Some(AttrValue::Lit(Lit::Str(lit))) => {
                let value = lit.value();
                if !card_schema::LOCALES.contains(&value.as_str()) {
                    let hint = card_schema::locale_suggestion(&value)
                        .map(|close| format!("did you mean `{close}`? "))
                        .unwrap_or_default();
                    cx.error(
                        lit.span(),
                        format_args!(
                            "unknown locale `{value}`; {hint}locales are written {}",
                            list(card_schema::LOCALES)
                        ),
                    );
                    // Still checked, under the name as written, so that the mistakes inside
                    // are reported in the same compile.
                    lang = Some(value);
                } else if seen.contains(&value) {
                    cx.error(
                        lit.span(),
                        format_args!("duplicate `<i18n lang=\"{value}\">`"),
                    );
                } else {
                    seen.push(value.clone());
                    lang = Some(value);
                }
            }
            _ => cx.error(
                attr.name.span(),
                "`lang` of `i18n` takes a string literal such as `\"zh_cn\"`",
            ),
        }
    }
    if lang.is_none() && !el.attrs.iter().any(|attr| attr.key() == "lang") {
        cx.error(el.name.span(), "`i18n` requires field `lang`");
    }
    lang
}

/// A card whose JSON is fully known at compile time must fit Feishu's size limit.
pub(crate) fn check_static_size(cx: &Ctxt, el: &Element, obj: &Obj) {
    if cx.has_errors() {
        return;
    }
    if let Some(map) = obj.as_static() {
        let size = Value::Object(map).to_string().len();
        if size > card_schema::MAX_CARD_BYTES {
            cx.error(
                el.name.span(),
                format_args!(
                    "this card is {size} bytes of JSON; Feishu accepts at most {} bytes",
                    card_schema::MAX_CARD_BYTES
                ),
            );
        }
    }
}
