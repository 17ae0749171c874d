//! Which fields an object must or must not have: the node's required fields, one-of groups and
//! exclusive pairs, and what a form adds. One answer for the macro (which knows the attributes
//! written) and [`crate::validate`] (which knows the JSON keys); each words its own messages.

use crate::{Field, Kind, Node, Rule, Step, Version, Violation, node};

/// A field rule of a [`Node`] that an object breaks.
///
/// ```
/// use card_schema::{FieldRule, Version, broken_field_rules, node};
/// let div = node(Version::V1, "div").unwrap();
/// let broken = broken_field_rules(div, |_| false);
/// assert!(matches!(broken[..], [FieldRule::OneOf(["text", "fields"])]));
/// ```
#[derive(Clone, Copy, Debug)]
pub enum FieldRule {
    /// A [`Field::required`] field is absent.
    Required(&'static Field),
    /// None of a [`Node::one_of`] group is present.
    OneOf(&'static [&'static str]),
    /// Both fields of a [`Node::exclusive`] pair are present; the second is the one to point at.
    Exclusive(&'static str, &'static str),
}

impl FieldRule {
    /// The violation of this rule by a `tag` object, worded once for `card!` and
    /// [`crate::validate`].
    ///
    /// ```
    /// use card_schema::{Rule, Version, broken_field_rules, node};
    /// let div = node(Version::V1, "div").unwrap();
    /// let found = broken_field_rules(div, |_| false)[0].violation("div");
    /// assert_eq!((found.rule, found.message.as_str()), (Rule::OneOf, "`div` requires one of `text` or `fields`"));
    /// ```
    pub fn violation(self, tag: &str) -> Violation {
        let (rule, at, message) = match self {
            Self::Required(Field {
                name,
                default: Some(default),
                ..
            }) => (
                Rule::RequiredWithDefault,
                Vec::new(),
                format!(
                    "`{tag}` requires field `{name}`; without it Feishu uses `{default}`, so add \
                     `{name}`"
                ),
            ),
            Self::Required(field) => (
                Rule::Required,
                Vec::new(),
                format!("`{tag}` requires field `{}`", field.name),
            ),
            Self::OneOf(group) => (
                Rule::OneOf,
                Vec::new(),
                format!("`{tag}` requires one of {}", or_list(group)),
            ),
            Self::Exclusive(a, b) => (
                Rule::Exclusive,
                vec![Step::Key(b.to_owned())],
                format!("`{a}` and `{b}` of `{tag}` exclude each other; give only one"),
            ),
        };
        Violation { rule, at, message }
    }
}

/// `` `a`, `b` or `c` ``: the one way messages list alternatives.
///
/// ```
/// assert_eq!(card_schema::or_list(&["a", "b", "c"]), "`a`, `b` or `c`");
/// assert_eq!(card_schema::or_list(&["a"]), "`a`");
/// ```
pub fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => format!("`{one}`"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|item| format!("`{item}`")).collect();
            format!("{} or `{last}`", init.join(", "))
        }
    }
}

/// The field rules of `node` broken by an object for which `has(field)` says which fields are
/// present, in table order: required fields, then one-of groups, then exclusive pairs.
///
/// Sugar fields stored below another object (`<card update_multi>`) are never required here.
///
/// ```
/// use card_schema::{FieldRule, Version, broken_field_rules, node};
/// let button = node(Version::V1, "button").unwrap();
/// let broken = broken_field_rules(button, |f| f == "url" || f == "multi_url");
/// assert!(matches!(broken[0], FieldRule::Required(field) if field.name == "text"));
/// assert!(matches!(broken[1], FieldRule::Exclusive("url", "multi_url")));
/// ```
pub fn broken_field_rules(node: &'static Node, has: impl Fn(&str) -> bool) -> Vec<FieldRule> {
    let required = node
        .fields
        .iter()
        .filter(|field| field.required && field.path.len() == 1 && !has(field.name))
        .map(FieldRule::Required);
    let one_of = node
        .one_of
        .iter()
        .filter(|group| !group.iter().any(|name| has(name)))
        .map(|group| FieldRule::OneOf(group));
    let exclusive = node
        .exclusive
        .iter()
        .filter(|(a, b)| has(a) && has(b))
        .map(|(a, b)| FieldRule::Exclusive(a, b));
    required.chain(one_of).chain(exclusive).collect()
}

/// The fields [`crate::part_required_fields`] asks of part `part` under `parent` that an object
/// lacks, leaving out those the part requires anyway (reported by [`broken_field_rules`]).
///
/// ```
/// use card_schema::{Version, part_missing_fields};
/// let missing = part_missing_fields(Version::V1, "select_static", "option", |f| f == "text");
/// assert_eq!(missing[0].message, "`option` in `select_static` requires field `value`");
/// ```
pub fn part_missing_fields(
    version: Version,
    parent: &str,
    part: &str,
    has: impl Fn(&str) -> bool,
) -> Vec<Violation> {
    let own = node(version, part);
    crate::part_required_fields(version, parent, part)
        .iter()
        .copied()
        .filter(|field| !has(field))
        .filter(|field| !own.and_then(|n| n.field(field)).is_some_and(|f| f.required))
        .map(|field| Violation {
            rule: Rule::PartField,
            at: Vec::new(),
            message: format!("`{part}` in `{parent}` requires field `{field}`"),
        })
        .collect()
}

/// Fields of which a 1.0 `button` inside a `form` needs at least one: its role in the form
/// (the 1.0 button's [`Node::form_roles`]).
///
/// Official 1.0 examples spell the role `action_type` or `form_action_type`, or give a
/// `form_action` behavior; a form button with none of them does nothing.
///
/// ```
/// use card_schema::{FORM_BUTTON_ROLES, Version, node};
/// assert!(FORM_BUTTON_ROLES.contains(&"action_type"));
/// assert_eq!(node(Version::V1, "button").unwrap().form_roles, FORM_BUTTON_ROLES);
/// assert_eq!(node(Version::V2, "button").unwrap().form_roles, ["form_action_type", "action_type"]);
/// ```
pub const FORM_BUTTON_ROLES: &[&str] = &["action_type", "form_action_type", "behaviors"];

/// The fields a component inside a `form` lacks beyond its own required ones, as named in the
/// message "`<tag>` inside a form requires field `<field>`": `name` on every interactive
/// component (the form reports its values by name; where `name` is required anyway, the required
/// field rule reports it), and the first of its [`Node::form_roles`] when it has none of them (a
/// button's `action_type` in 1.0, `form_action_type` in 2.0).
///
/// ```
/// use card_schema::{Version, form_missing_fields, node};
/// let button = node(Version::V1, "button").unwrap();
/// let missing: Vec<String> = form_missing_fields(button, |_| false).into_iter().map(|v| v.message).collect();
/// assert_eq!(missing, ["`button` inside a `form` requires field `name`", "`button` inside a `form` requires field `action_type`"]);
/// assert!(form_missing_fields(button, |f| f == "name" || f == "behaviors").is_empty());
/// let multi = node(Version::V1, "multi_select_static").unwrap();
/// assert!(form_missing_fields(multi, |_| false).is_empty());
/// ```
pub fn form_missing_fields(node: &Node, has: impl Fn(&str) -> bool) -> Vec<Violation> {
    let mut missing: Vec<&str> = Vec::new();
    if node.kind != Kind::Interactive {
        return Vec::new();
    }
    let name_required = node.field("name").is_some_and(|f| f.required);
    if !name_required && !has("name") {
        missing.push("name");
    }
    if let Some(first) = node.form_roles.first() {
        if !node.form_roles.iter().any(|role| has(role)) {
            missing.push(first);
        }
    }
    missing
        .into_iter()
        .map(|field| Violation {
            rule: Rule::FormMember,
            at: Vec::new(),
            message: format!("`{}` inside a `form` requires field `{field}`", node.tag),
        })
        .collect()
}

/// Whether a `button` with these fields submits its form: `action_type` `form_submit`,
/// `form_action_type` `submit`, or a `form_action` behavior that submits.
///
/// A form needs such a button; the macro asks this of the fields it knows at compile time and
/// [`crate::validate`] of the whole button.
///
/// ```
/// use serde_json::json;
/// let submits = |button: serde_json::Value| card_schema::submits_form(button.as_object().unwrap());
/// assert!(submits(json!({"action_type": "form_submit"})));
/// assert!(submits(json!({"behaviors": [{"type": "form_action", "behavior": "submit"}]})));
/// assert!(!submits(json!({"form_action_type": "reset"})));
/// ```
pub fn submits_form(button: &serde_json::Map<String, serde_json::Value>) -> bool {
    use serde_json::Value;
    button.get("action_type").and_then(Value::as_str) == Some("form_submit")
        || button.get("form_action_type").and_then(Value::as_str) == Some("submit")
        || button
            .get("behaviors")
            .and_then(Value::as_array)
            .is_some_and(|behaviors| {
                behaviors.iter().any(|b| {
                    b.get("type").and_then(Value::as_str) == Some("form_action")
                        && b.get("behavior").and_then(Value::as_str) == Some("submit")
                })
            })
}
