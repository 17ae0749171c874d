//! The generic walk: a JSON value against a [`Ty`], an object against a [`Node`].

use serde_json::{Map, Value};

use super::describe::{describe, describe_str, not_allowed};
use super::path::{index, key, steps};
use crate::placement::backticked;
use crate::{
    Admits, EnumDef, Field, Finding, Kind, LOCALES, Node, Pattern, Report, Rule, Severity, Spec,
    Step, Tally, TextForm, Ty, Violation, broken_field_rules, node, placement, suggest,
};

/// What is being walked.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// A whole card: placement, form and per-card rules apply.
    Card,
    /// One value out of context ([`crate::check_value`]).
    Value,
}

/// The node and field a value belongs to, when it belongs to one.
pub(super) type Site = Option<(&'static Node, &'static Field)>;

/// Arrays whose excess items Feishu drops instead of rejecting the card.
const TRUNCATED: &[(&str, &str)] = &[
    ("header", "text_tag_list"),
    ("header", "i18n_text_tag_list"),
    ("table", "columns"),
    ("img_combination", "img_list"),
];

/// How deep the walk may recurse. A card within [`crate::MAX_DEPTH`] containers needs far less;
/// the cap keeps a hostile, programmatically built value from exhausting the stack.
const MAX_WALK_DEPTH: usize = 128;

pub(super) struct Walker {
    pub(super) mode: Mode,
    /// The tables of the card's version.
    pub(super) spec: &'static Spec,
    report: Report,
    /// Container tags from the root to the object being walked.
    ancestors: Vec<&'static str>,
    /// Names, counts and open forms, keyed by element tree; places are JSON paths.
    pub(super) tally: Tally<String>,
    /// The element tree being walked: `None` for `elements`, else the `i18n_elements` locale.
    pub(super) tree: Option<String>,
    /// The names the card defines in `config.style`: (`text_size` or `color`, name).
    pub(super) style_names: Vec<(String, String)>,
    /// Current recursion depth of [`Self::value`].
    depth: usize,
    /// Whether the walk stopped somewhere at [`MAX_WALK_DEPTH`].
    pub(super) too_deep: bool,
}

impl Walker {
    pub(super) fn new(mode: Mode, spec: &'static Spec) -> Self {
        Self {
            mode,
            spec,
            report: Report::default(),
            ancestors: Vec::new(),
            tally: Tally::new(spec.counters),
            tree: None,
            style_names: Vec::new(),
            depth: 0,
            too_deep: false,
        }
    }

    pub(super) fn finish(self) -> Report {
        self.report
    }

    /// Records that the value at `path` breaks `rule`: an error or a warning by the rule's
    /// [`Severity`] in a card; for a single value, which the macro checks, an error wherever the
    /// rule's row says `in_values` (a mistake in source is refused whatever Feishu does with it).
    pub(super) fn report(&mut self, rule: Rule, path: &str, message: impl Into<String>) {
        let finding = Finding {
            path: path.to_owned(),
            message: message.into(),
            rule,
        };
        let error = match self.mode {
            Mode::Card => rule.severity_in(self.spec.version) == Severity::Error,
            Mode::Value => rule.row().in_values,
        };
        if error {
            self.report.errors.push(finding);
        } else {
            self.report.warnings.push(finding);
        }
    }

    /// Reports a [`Violation`] of the object at `path`, its steps appended to the path.
    pub(super) fn violation(&mut self, path: &str, violation: Violation) {
        let at = violation
            .at
            .iter()
            .fold(path.to_owned(), |at, step| match step {
                Step::Key(name) => key(&at, name),
                Step::Index(i) => index(&at, *i),
            });
        self.report(violation.rule, &at, violation.message);
    }

    /// Checks `value` against `ty`.
    pub(super) fn value(&mut self, ty: &Ty, value: &Value, path: &str, site: Site) {
        if self.depth >= MAX_WALK_DEPTH {
            if !self.too_deep {
                self.too_deep = true;
                self.report(Rule::TooDeep, path, format!("value is nested more than {MAX_WALK_DEPTH} levels deep; not checked further"));
            }
            return;
        }
        self.depth += 1;
        self.value_at_depth(ty, value, path, site);
        self.depth -= 1;
    }

    fn value_at_depth(&mut self, ty: &Ty, value: &Value, path: &str, site: Site) {
        // `{}` where something is required: a text object, or a sub-object with required fields.
        let needs_fields = match ty {
            Ty::Text { .. } => true,
            Ty::Object(tag) => node(self.spec.version, tag)
                .is_some_and(|n| n.all_fields().any(|f| f.required) || !n.one_of.is_empty()),
            _ => false,
        };
        if needs_fields && value.as_object().is_some_and(Map::is_empty) && self.spec.empty_tolerated
        {
            // Where the version tolerates `{}`, say so instead of listing every missing field.
            return self.report(
                Rule::EmptyObject,
                path,
                "an empty object has no effect here; fill it in or leave it out",
            );
        }
        match ty {
            Ty::Bool => {
                if !value.is_boolean() {
                    self.mismatch(path, "a boolean", value);
                }
            }
            Ty::Int { min, max } => {
                let expected = if *max == i64::MAX {
                    format!("an integer >= {min}")
                } else {
                    format!("an integer between {min} and {max}")
                };
                match value.as_i64() {
                    Some(n) if (*min..=*max).contains(&n) => {}
                    Some(_) => self.report(
                        Rule::Range,
                        path,
                        format!("expected {expected}; found {}", describe(value)),
                    ),
                    _ => self.mismatch(path, &expected, value),
                }
            }
            Ty::Number => {
                if !value.is_number() {
                    self.mismatch(path, "a number", value);
                }
            }
            Ty::Str { max_chars } => match value.as_str() {
                Some(s) => self.length(path, s, *max_chars),
                None => self.mismatch(path, "a string", value),
            },
            Ty::Enum(def) => {
                let version = self.spec.version;
                if !value.as_str().is_some_and(|s| def.exists_in(s, version)) {
                    let values: Vec<&str> = def.values_in(version).collect();
                    let expected = format!("one of {}", backticked(&values));
                    self.enum_value(path, &expected, value, def);
                }
            }
            Ty::EnumOr(def, pattern @ Pattern::StyleName { .. }) if self.mode == Mode::Card => {
                self.style_name(def, *pattern, value, path);
            }
            Ty::EnumOr(def, pattern) => {
                let version = self.spec.version;
                let ok = value
                    .as_str()
                    .is_some_and(|s| def.exists_in(s, version) || pattern.matches(s));
                if !ok {
                    let values: Vec<&str> = def.values_in(version).collect();
                    let expected =
                        format!("one of {} or {}", backticked(&values), pattern.describe());
                    self.enum_value(path, &expected, value, def);
                }
            }
            Ty::Pattern(pattern) => {
                if !value.as_str().is_some_and(|s| pattern.matches(s)) {
                    let rule = match (value.is_string(), pattern) {
                        (false, _) => Rule::Type,
                        (true, Pattern::Url) => Rule::Url,
                        (true, _) => Rule::Pattern,
                    };
                    self.mismatch_str(rule, path, &pattern.describe(), value);
                }
            }
            Ty::Text { kinds, max_chars } => self.text(kinds, *max_chars, value, path),
            Ty::Object(tag) => match (node(self.spec.version, tag), value.as_object()) {
                (Some(node), Some(object)) => self.object(node, object, path),
                (_, None) => self.mismatch(path, &format!("a `{tag}` object"), value),
                // Every `Ty::Object` names a table node; the unit tests hold that invariant.
                (None, Some(_)) => {}
            },
            Ty::Component(admits) => self.component(*admits, value, path),
            Ty::Components(admits) => self.components(*admits, value, path, site),
            Ty::Array(inner, max) => {
                let Some(items) = value.as_array() else {
                    return self.mismatch(path, "an array", value);
                };
                if let Some(max) = *max {
                    if items.len() > max {
                        let truncated = site.is_some_and(|(node, field)| {
                            TRUNCATED.contains(&(node.tag, field.name))
                        });
                        if truncated {
                            let ignored = items.len() - max;
                            self.report(Rule::Truncated, path, format!("Feishu shows at most {max} items; the other {ignored} are ignored"));
                        } else {
                            self.report(
                                Rule::ArrayLength,
                                path,
                                format!("expected at most {max} items; found {}", items.len()),
                            );
                        }
                    }
                }
                for (i, item) in items.iter().enumerate() {
                    self.value(inner, item, &index(path, i), site);
                }
            }
            Ty::I18n(inner) => {
                let Some(map) = value.as_object() else {
                    return self.mismatch(path, "an object keyed by locale", value);
                };
                for (locale, item) in map {
                    let item_path = key(path, locale);
                    if !LOCALES.contains(&locale.as_str()) {
                        let hint = crate::locale_suggestion(locale)
                            .map(|s| format!("; did you mean `{s}`?"))
                            .unwrap_or_default();
                        self.report(
                            Rule::Locale,
                            &item_path,
                            format!("unknown locale `{locale}` (ignored by Feishu){hint}"),
                        );
                    }
                    self.value(inner, item, &item_path, site);
                }
            }
            Ty::Map(inner) => {
                let Some(map) = value.as_object() else {
                    return self.mismatch(path, "an object", value);
                };
                for (name, item) in map {
                    self.value(inner, item, &key(path, name), site);
                }
            }
            Ty::Json => {}
        }
    }

    /// Checks the fields of one object described by `node`, then the node's own rules.
    pub(super) fn object(&mut self, node: &'static Node, object: &Map<String, Value>, path: &str) {
        let is_container = node.kind == Kind::Container;
        if is_container {
            self.ancestors.push(node.tag);
        }
        let is_form = self.mode == Mode::Card && node.form;
        if is_form {
            self.tally.open_form();
        }
        if self.mode == Mode::Card {
            // Counted on entry, so that the object past the limit is the one reported.
            self.card_wide(node, object, path);
        }
        for (name, value) in object {
            let field_path = key(path, name);
            if name == "tag" && node.emits_tag {
                continue;
            }
            let Some(field) = node.json_field(name) else {
                self.unknown_field(node, name, &field_path);
                continue;
            };
            if self.mode == Mode::Card && !self.tally.in_form() {
                self.outside_form(node, field, value, &field_path);
            }
            self.value(&field.ty, value, &field_path, Some((node, field)));
        }
        for broken in broken_field_rules(node, |name| object.contains_key(name)) {
            self.violation(path, broken.violation(node.tag));
        }
        super::rules::check(self, node, object, path);
        if is_form {
            if let Some(violation) = self.tally.close_form() {
                self.violation(path, violation);
            }
        }
        if is_container {
            self.ancestors.pop();
        }
    }

    /// A field outside any form: refused where the spec says so, else a form-only field is
    /// ignored there.
    fn outside_form(&mut self, node: &Node, field: &Field, value: &Value, path: &str) {
        let refused = self
            .spec
            .outside_form
            .iter()
            .find(|row| row.tag == node.tag && row.field == field.name);
        if let Some(row) = refused {
            if let Some(violation) = row.violation(value) {
                self.violation(path, violation);
            }
        } else if field.form_only && !self.spec.echoed.contains(&field.name) {
            self.report(
                Rule::FormOnly,
                path,
                format!("`{}` only has an effect inside a `<form>`", field.name),
            );
        }
    }

    fn text(&mut self, kinds: &[&str], max_chars: Option<usize>, value: &Value, path: &str) {
        let Some(object) = value.as_object() else {
            let expected = format!("a text object with `tag` {}", backticked(kinds));
            return self.mismatch(path, &expected, value);
        };
        let tag_path = key(path, "tag");
        match object.get("tag") {
            None => {
                return self.report(
                    Rule::TextTag,
                    path,
                    format!(
                        "text object requires field `tag`; expected one of {}",
                        backticked(kinds)
                    ),
                );
            }
            Some(Value::String(tag)) if kinds.contains(&tag.as_str()) => {
                if let Some(node) = node(self.spec.version, tag) {
                    self.object(node, object, path);
                }
            }
            Some(other) => {
                let expected = format!("one of {}", backticked(kinds));
                let rule = if other == "" {
                    Rule::EmptyTextTag
                } else {
                    Rule::TextTag
                };
                return self.mismatch_str(rule, &tag_path, &expected, other);
            }
        }
        if let Some(max) = max_chars {
            if let Some(Value::String(content)) = object.get("content") {
                self.length(&key(path, "content"), content, Some(max));
            }
            // 1.0 writes per-locale texts in `i18n`, 2.0 in `i18n_content`.
            for field in ["i18n", "i18n_content"] {
                if let Some(Value::Object(i18n)) = object.get(field) {
                    let i18n_path = key(path, field);
                    for (locale, text) in i18n {
                        if let Value::String(text) = text {
                            self.length(&key(&i18n_path, locale), text, Some(max));
                        }
                    }
                }
            }
        }
    }

    /// A single component field (div `extra`, icons).
    fn component(&mut self, admits: Admits, value: &Value, path: &str) {
        if let Some((node, object)) = self.tagged(admits, value, path) {
            if !admits.admits(node.tag) {
                self.report(Rule::Placement, path, not_allowed(node.tag, admits));
            }
            self.object(node, object, path);
        }
    }

    /// An array of components (`elements`, `actions`, `columns`, note `elements`).
    fn components(&mut self, admits: Admits, value: &Value, path: &str, site: Site) {
        let Some(items) = value.as_array() else {
            return self.mismatch(path, "an array of components", value);
        };
        let owner = site.map(|(node, _)| node);
        let placed = self.mode == Mode::Card
            && owner.is_some_and(|node| matches!(node.kind, Kind::Card | Kind::Container));
        if self.mode == Mode::Card && owner.is_some_and(|node| node.kind == Kind::Card) {
            // Each element tree is shown on its own: `elements`, or one locale of
            // `i18n_elements`, counted apart.
            self.tree = match site {
                Some((_, field)) if field.name != "elements" => match steps(path).pop() {
                    Some(Step::Key(locale)) => Some(locale),
                    _ => None,
                },
                _ => None,
            };
        }
        // Text children of a node such as `note` are stored as text objects in this same array.
        let takes_text = site.is_some_and(|(node, field)| {
            node.text_child
                .as_ref()
                .is_some_and(|t| t.form == TextForm::Push && t.field == field.name)
        });
        for (i, item) in items.iter().enumerate() {
            let item_path = index(path, i);
            if takes_text {
                let tag = item.get("tag").and_then(Value::as_str);
                if let (Some(tag @ ("plain_text" | "lark_md")), Some(object)) =
                    (tag, item.as_object())
                {
                    if let Some(node) = node(self.spec.version, tag) {
                        self.object(node, object, &item_path);
                    }
                    continue;
                }
            }
            let Some((node, object)) = self.tagged(admits, item, &item_path) else {
                continue;
            };
            if placed {
                let version = self.spec.version;
                if let Err(message) = placement(version, &self.ancestors, node.tag) {
                    self.report(Rule::Placement, &item_path, message);
                } else if let Some(advice) =
                    crate::placement_advice(version, &self.ancestors, node.tag)
                {
                    self.report(Rule::ContestedPlacement, &item_path, advice);
                }
            } else if !admits.admits(node.tag) {
                self.report(Rule::Placement, &item_path, not_allowed(node.tag, admits));
            }
            self.object(node, object, &item_path);
        }
    }

    /// The node named by an object's `tag`, reporting a missing, malformed or unknown tag.
    fn tagged<'v>(
        &mut self,
        admits: Admits,
        value: &'v Value,
        path: &str,
    ) -> Option<(&'static Node, &'v Map<String, Value>)> {
        // Icon fields share this code; call their values what they are.
        let noun = match admits {
            Admits::Only(tags)
                if !tags
                    .iter()
                    .any(|t| node(self.spec.version, t).is_some_and(|n| n.is_component())) =>
            {
                "icon"
            }
            _ => "component",
        };
        let Some(object) = value.as_object() else {
            self.mismatch(path, &format!("a {noun} object"), value);
            return None;
        };
        let tag = match object.get("tag") {
            Some(Value::String(tag)) => tag,
            Some(other) => {
                self.mismatch(&key(path, "tag"), &format!("a {noun} tag"), other);
                return None;
            }
            None => {
                self.report(
                    Rule::UnknownTag,
                    path,
                    format!("{noun} requires field `tag`"),
                );
                return None;
            }
        };
        match node(self.spec.version, tag) {
            Some(node) if node.emits_tag => Some((node, object)),
            None if crate::mix_up(self.spec.version, tag, None).is_some() => {
                if let Some(violation) = crate::mix_up(self.spec.version, tag, None) {
                    self.violation(&key(path, "tag"), violation);
                }
                None
            }
            _ => {
                let candidates: Vec<&str> = match admits {
                    Admits::Only(tags) => tags.to_vec(),
                    Admits::AllExcept(_) => self
                        .spec
                        .nodes
                        .iter()
                        .filter(|n| n.is_component())
                        .map(|n| n.tag)
                        .collect(),
                };
                let hint = suggest(tag, candidates)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                let message = format!("unknown {noun} `{tag}`{hint}");
                self.report(Rule::UnknownTag, &key(path, "tag"), message);
                None
            }
        }
    }

    fn length(&mut self, path: &str, text: &str, max_chars: Option<usize>) {
        if let Some(max) = max_chars {
            let count = text.chars().count();
            if count > max {
                self.report(
                    Rule::Length,
                    path,
                    format!("text is {count} characters long; at most {max} allowed"),
                );
            }
        }
    }

    /// A value of the wrong JSON type.
    pub(super) fn mismatch(&mut self, path: &str, expected: &str, found: &Value) {
        self.report(
            Rule::Type,
            path,
            format!("expected {expected}; found {}", describe(found)),
        );
    }

    /// Like [`Self::mismatch`], for string-shaped expectations: a string is shown unquoted.
    fn mismatch_str(&mut self, rule: Rule, path: &str, expected: &str, found: &Value) {
        self.report(
            rule,
            path,
            format!("expected {expected}; found {}", describe_str(found)),
        );
    }

    /// A value outside an enum: the wrong JSON type, or a string outside the set. Card JSON 1.0
    /// shows a style set's default instead, which a card's warning says.
    fn enum_value(&mut self, path: &str, expected: &str, found: &Value, def: &EnumDef) {
        let Some(text) = found.as_str() else {
            return self.mismatch(path, expected, found);
        };
        let version = self.spec.version;
        if let Some(only) = def.only_in(text).filter(|only| *only != version) {
            let message = format!(
                "`{text}` exists only in card JSON {}; expected {expected}",
                only.schema()
            );
            return self.report(Rule::WrongVersion, path, message);
        }
        let hint = suggest(text, def.values_in(version))
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        let ignored = Rule::StyleValue.severity_in(version) == Severity::Warning;
        let (rule, fallback) = match def.fallback {
            Some(default) if self.mode == Mode::Card && ignored => (
                Rule::StyleValue,
                format!("; Feishu 1.0 ignores it and shows `{default}`"),
            ),
            Some(_) => (Rule::StyleValue, String::new()),
            None => (Rule::EnumValue, String::new()),
        };
        let message = format!(
            "expected {expected}; found {}{hint}{fallback}",
            describe_str(found)
        );
        self.report(rule, path, message);
    }
}
