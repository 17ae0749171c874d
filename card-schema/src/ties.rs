//! Rules that tie one field of a node to another ([`Tie`]), checked once for `card!` and
//! [`crate::validate`] alike: each returns structured [`Violation`]s that the macro maps to spans
//! and `validate` to JSON paths.

use serde_json::{Map, Value};

use crate::{Node, Rule};

/// A rule between fields of one node, written as data on the node ([`Node::ties`]).
///
/// ```
/// use card_schema::{Tie, Version, node};
/// let select = node(Version::V1, "select_static").unwrap();
/// assert!(select.ties.iter().any(|tie| matches!(tie, Tie::Choice { field: "initial_option", .. })));
/// ```
#[derive(Debug)]
pub enum Tie {
    /// `field` (a string, or an array of strings when `many`) names options by their `key`.
    Choice {
        /// The field holding the initial choice (`initial_option`, `selected_values`).
        field: &'static str,
        /// The array of options (`options`).
        options: &'static str,
        /// The option field the choice names (`value`).
        key: &'static str,
        /// Whether `field` is an array of choices.
        many: bool,
    },
    /// `field` (an integer) is a 1-based index into `options`, `0` meaning none (2.0
    /// `initial_index`, reference-v2 §5.4; no 1.0 row).
    ///
    /// ```
    /// use card_schema::{Rule, Version, node, ties};
    /// let select = node(Version::V2, "select_static").unwrap();
    /// let past = serde_json::json!({"initial_index": 3, "options": [{}, {}]});
    /// let found = ties(select, past.as_object().unwrap());
    /// assert_eq!(found[0].rule, Rule::InitialChoice);
    /// assert_eq!(found[0].message, "`initial_index` 3 is past the 2 `options`; 1 is the first, 0 none");
    /// let within = serde_json::json!({"initial_index": 2, "options": [{}, {}]});
    /// assert!(ties(select, within.as_object().unwrap()).is_empty());
    /// ```
    Index {
        /// The index field.
        field: &'static str,
        /// The array it indexes.
        options: &'static str,
    },
    /// The boolean `field` may only be `value` (2.0 `update_multi`).
    ///
    /// ```
    /// use card_schema::{Rule, Version, node, ties};
    /// let config = node(Version::V2, "config").unwrap();
    /// let found = ties(config, serde_json::json!({"update_multi": false}).as_object().unwrap());
    /// assert_eq!(found[0].rule, Rule::FixedValue);
    /// assert_eq!(found[0].message, "`update_multi` can only be `true` in this card JSON version");
    /// ```
    Fixed {
        /// The field.
        field: &'static str,
        /// Its only allowed value.
        value: bool,
    },
    /// `field` holds pure data: no JavaScript function written as a string, no prototype keys
    /// (2.0 `chart_spec`, reference-v2 §4.7).
    ///
    /// ```
    /// use card_schema::{Rule, Version, node, ties};
    /// let chart = node(Version::V2, "chart").unwrap();
    /// let spec = serde_json::json!({"chart_spec": {"label": {"formatMethod": "function (t) { return t; }"}}});
    /// let found = ties(chart, spec.as_object().unwrap());
    /// assert_eq!(found[0].rule, Rule::ChartCode);
    /// assert_eq!(found[0].at.len(), 3);
    /// ```
    PureData {
        /// The field.
        field: &'static str,
    },
    /// The items of `array` have distinct `key`s.
    Unique {
        /// The array (`options`).
        array: &'static str,
        /// The item field that must differ (`value`).
        key: &'static str,
    },
    /// `field` is a resource key from an upload API, never a link.
    Key {
        /// The key field (`img_key`).
        field: &'static str,
    },
    /// The string `field` is at most `max` (an integer field) characters long.
    MaxChars {
        /// The text field (`default_value`).
        field: &'static str,
        /// The integer field giving its maximum (`max_length`).
        max: &'static str,
    },
    /// Either field `one`, or every field of `all` (a URL object: `url`, or all three platform
    /// links); `what` names the object in the message.
    Either {
        /// The single field that suffices.
        one: &'static str,
        /// The fields that suffice together.
        all: &'static [&'static str],
        /// What the object is called in the message (`a URL object`).
        what: &'static str,
    },
    /// When `field` is `value`, field `needs` is required (a `behaviors` entry by its `type`).
    Needs {
        /// The field selecting the variant (`type`).
        field: &'static str,
        /// The variant (`open_url`).
        value: &'static str,
        /// The field that variant requires (`default_url`).
        needs: &'static str,
    },
    /// `field` only acts while `other` (or its default, when absent) is one of `values`
    /// (column `weight` with `width` `weighted`).
    OnlyWith {
        /// The field that may have no effect.
        field: &'static str,
        /// The field it depends on.
        other: &'static str,
        /// The values of `other` under which `field` acts.
        values: &'static [&'static str],
    },
    /// The array `list` shows at most as many items as the `mode` field's value allows.
    PerMode {
        /// The mode field (`combination_mode`).
        mode: &'static str,
        /// The array (`img_list`).
        list: &'static str,
        /// Each mode with the number of items it shows.
        limits: &'static [(&'static str, usize)],
    },
}

/// One step of a path below a node's object.
///
/// ```
/// use card_schema::Step;
/// assert_eq!(Step::Index(2), Step::Index(2));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// A field of an object.
    Key(String),
    /// An item of an array.
    Index(usize),
}

/// A rule broken by one node: the rule, where (relative to the node's object) and what to do.
///
/// ```
/// use card_schema::{Rule, Step, Version, node, ties};
/// use serde_json::json;
/// let select = node(Version::V1, "select_static").unwrap();
/// let object = json!({"initial_option": "c", "options": [{"value": "a"}, {"value": "b"}]});
/// let found = ties(select, object.as_object().unwrap());
/// assert_eq!(found[0].rule, Rule::InitialChoice);
/// assert_eq!(found[0].at, [Step::Key("initial_option".into())]);
/// assert_eq!(
///     found[0].message,
///     "`initial_option` `c` is not the `value` of any option; expected one of `a`, `b`"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The rule broken.
    pub rule: Rule,
    /// Where, below the node's object.
    pub at: Vec<Step>,
    /// What is wrong and how to fix it, lowercase, no trailing period.
    pub message: String,
}

fn key(name: &str) -> Step {
    Step::Key(name.to_owned())
}

/// Every [`Tie`] of `node` that `object` breaks. Fields absent from `object` break nothing, so
/// the macro passes only the fields it knows at compile time.
///
/// ```
/// use card_schema::{Rule, Version, node, ties};
/// use serde_json::json;
/// let img = node(Version::V1, "img").unwrap();
/// let object = json!({"img_key": "https://example.com/a.png"});
/// assert_eq!(ties(img, object.as_object().unwrap())[0].rule, Rule::KeyIsUrl);
/// ```
pub fn ties(node: &Node, object: &Map<String, Value>) -> Vec<Violation> {
    let mut found = Vec::new();
    for tie in node.ties {
        match *tie {
            Tie::Choice {
                field,
                options,
                key: option_key,
                many,
            } => choice(object, field, options, option_key, many, &mut found),
            Tie::Index { field, options } => {
                let (Some(index), Some(items)) = (
                    object.get(field).and_then(Value::as_u64),
                    object.get(options).and_then(Value::as_array),
                ) else {
                    continue;
                };
                if usize::try_from(index).map_or(true, |index| index > items.len()) {
                    found.push(Violation {
                        rule: Rule::InitialChoice,
                        at: vec![key(field)],
                        message: format!(
                            "`{field}` {index} is past the {} `{options}`; 1 is the first, 0 none",
                            items.len()
                        ),
                    });
                }
            }
            Tie::Fixed { field, value } => {
                if object.get(field).and_then(Value::as_bool) == Some(!value) {
                    found.push(Violation {
                        rule: Rule::FixedValue,
                        at: vec![key(field)],
                        message: format!(
                            "`{field}` can only be `{value}` in this card JSON version"
                        ),
                    });
                }
            }
            Tie::PureData { field } => {
                if let Some(value) = object.get(field) {
                    let mut at = vec![key(field)];
                    code(value, &mut at, 0, &mut found);
                }
            }
            Tie::Unique {
                array,
                key: item_key,
            } => unique(node, object, array, item_key, &mut found),
            Tie::Key { field } => {
                let Some(text) = object.get(field).and_then(Value::as_str) else {
                    continue;
                };
                if text.starts_with("http://") || text.starts_with("https://") {
                    found.push(Violation {
                        rule: Rule::KeyIsUrl,
                        at: vec![key(field)],
                        message: format!(
                            "`{field}` holds a link, not a key; upload the image (im/v1/images) \
                             and give the `{field}` it returns"
                        ),
                    });
                }
            }
            Tie::MaxChars { field, max } => {
                let (Some(text), Some(limit)) = (
                    object.get(field).and_then(Value::as_str),
                    object.get(max).and_then(Value::as_u64),
                ) else {
                    continue;
                };
                let count = text.chars().count();
                if count as u64 > limit {
                    found.push(Violation {
                        rule: Rule::TiedLength,
                        at: vec![key(field)],
                        message: format!(
                            "`{field}` is {count} characters long, more than its `{max}` {limit}; \
                             shorten it or raise `{max}`"
                        ),
                    });
                }
            }
            Tie::Either { one, all, what } => {
                let has = |name: &str| object.contains_key(name);
                if !has(one) && !all.iter().all(|name| has(name)) {
                    let all: Vec<String> = all.iter().map(|name| format!("`{name}`")).collect();
                    let all = match all.split_last() {
                        Some((last, init)) if !init.is_empty() => {
                            format!("{} and {last}", init.join(", "))
                        }
                        _ => all.concat(),
                    };
                    found.push(Violation {
                        rule: Rule::UrlObject,
                        at: Vec::new(),
                        message: format!("{what} requires `{one}`, or all of {all}"),
                    });
                }
            }
            Tie::Needs {
                field,
                value,
                needs,
            } => {
                let selected = object.get(field).and_then(Value::as_str) == Some(value);
                if selected && !object.contains_key(needs) {
                    found.push(Violation {
                        rule: Rule::Behavior,
                        at: Vec::new(),
                        message: format!("a `{value}` {} requires field `{needs}`", node.tag),
                    });
                }
            }
            Tie::OnlyWith {
                field,
                other,
                values,
            } => {
                if !object.contains_key(field) {
                    continue;
                }
                let effective = match object.get(other) {
                    Some(value) => value.as_str(),
                    None => node.field(other).and_then(|f| f.default),
                };
                // An unknown effective value (no default, or not a string) is not judged here.
                if effective.is_some_and(|value| !values.contains(&value)) {
                    found.push(Violation {
                        rule: Rule::NoEffect,
                        at: vec![key(field)],
                        message: format!(
                            "`{field}` only has an effect when `{other}` is {}; set `{other}` \
                             or drop `{field}`",
                            crate::or_list(values)
                        ),
                    });
                }
            }
            Tie::PerMode { mode, list, limits } => {
                let (Some(mode_value), Some(items)) = (
                    object.get(mode).and_then(Value::as_str),
                    object.get(list).and_then(Value::as_array),
                ) else {
                    continue;
                };
                let Some(&(_, limit)) = limits.iter().find(|(m, _)| *m == mode_value) else {
                    continue;
                };
                // Past the array's own maximum the array rule reports it already.
                let array_max = node.field(list).and_then(|f| match f.ty {
                    crate::Ty::Array(_, max) => max,
                    _ => None,
                });
                if items.len() > limit && array_max.is_none_or(|max| items.len() <= max) {
                    found.push(Violation {
                        rule: Rule::ImgCombination,
                        at: vec![key(list)],
                        message: format!(
                            "`{mode_value}` mode shows at most {limit} of `{list}`; the other {} \
                             are ignored",
                            items.len() - limit
                        ),
                    });
                }
            }
        }
    }
    found
}

/// Reports the first piece of code in `value` (a function written as a string, or a prototype
/// key) below the steps `at`, at most 64 levels deep.
fn code(value: &Value, at: &mut Vec<Step>, depth: usize, found: &mut Vec<Violation>) {
    if depth > 64 || !found.is_empty() {
        return;
    }
    match value {
        Value::String(text) => {
            let text = text.trim_start();
            let function = text.starts_with("function") && text.contains('(')
                || text.starts_with('(') && text.contains(")=>")
                || text.contains(") =>");
            if function {
                found.push(Violation {
                    rule: Rule::ChartCode,
                    at: at.clone(),
                    message: "a chart spec holds data only; Feishu runs no JavaScript, so write \
                              the computed value instead of a function"
                        .to_owned(),
                });
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.push(Step::Index(i));
                code(item, at, depth + 1, found);
                at.pop();
            }
        }
        Value::Object(map) => {
            for (name, item) in map {
                at.push(Step::Key(name.clone()));
                if matches!(name.as_str(), "__proto__" | "prototype" | "constructor") {
                    found.push(Violation {
                        rule: Rule::ChartCode,
                        at: at.clone(),
                        message: format!("`{name}` is not chart data; leave it out"),
                    });
                } else {
                    code(item, at, depth + 1, found);
                }
                at.pop();
            }
        }
        _ => {}
    }
}

/// The `key` of each object item of `options`, with its index.
fn option_keys<'v>(options: &'v [Value], key: &str) -> Vec<(usize, &'v str)> {
    options
        .iter()
        .enumerate()
        .filter_map(|(i, option)| Some((i, option.get(key)?.as_str()?)))
        .collect()
}

fn choice(
    object: &Map<String, Value>,
    field: &'static str,
    options: &'static str,
    option_key: &'static str,
    many: bool,
    found: &mut Vec<Violation>,
) {
    let (Some(chosen), Some(items)) = (
        object.get(field),
        object.get(options).and_then(Value::as_array),
    ) else {
        return;
    };
    let values: Vec<&str> = option_keys(items, option_key)
        .into_iter()
        .map(|(_, value)| value)
        .collect();
    let chosen: Vec<(Vec<Step>, &str)> = match (many, chosen) {
        (false, Value::String(value)) => vec![(vec![key(field)], value.as_str())],
        (true, Value::Array(list)) => list
            .iter()
            .enumerate()
            .filter_map(|(i, v)| Some((vec![key(field), Step::Index(i)], v.as_str()?)))
            .collect(),
        _ => return,
    };
    for (at, value) in chosen {
        if !values.contains(&value) {
            let expected = if values.is_empty() {
                "the options have no values".to_owned()
            } else {
                let list: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                format!("expected one of {}", list.join(", "))
            };
            found.push(Violation {
                rule: Rule::InitialChoice,
                at,
                message: format!(
                    "`{field}` `{value}` is not the `{option_key}` of any option; {expected}"
                ),
            });
        }
    }
}

fn unique(
    node: &Node,
    object: &Map<String, Value>,
    array: &'static str,
    item_key: &'static str,
    found: &mut Vec<Violation>,
) {
    let Some(items) = object.get(array).and_then(Value::as_array) else {
        return;
    };
    let keys = option_keys(items, item_key);
    for (n, &(i, value)) in keys.iter().enumerate() {
        if let Some(&(first, _)) = keys[..n].iter().find(|(_, v)| *v == value) {
            found.push(Violation {
                rule: Rule::DuplicateOption,
                at: vec![key(array), Step::Index(i), key(item_key)],
                message: format!(
                    "duplicate option value `{value}` (first at option {first}); values must be \
                     unique within one `{}`",
                    node.tag
                ),
            });
        }
    }
}
