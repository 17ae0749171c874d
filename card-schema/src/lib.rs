//! Feishu/Lark card JSON as data: the component tables shared by the `card!` macro, the runtime
//! and tools, and [`validate`] for card JSON built at run time.
//!
//! # Example
//!
//! ```
//! use card_schema::{Version, node, validate};
//! use serde_json::json;
//!
//! let button = node(Version::V1, "button").unwrap();
//! assert!(button.field("text").unwrap().required);
//!
//! let report = validate(&json!({
//!     "elements": [{"tag": "button", "text": {"tag": "plain_text", "content": "OK"}}]
//! }));
//! assert_eq!(report.errors[0].path, "$.elements[0]");
//! assert_eq!(
//!     report.errors[0].message,
//!     "`button` cannot be placed at the card root; wrap it in `<action>`"
//! );
//!
//! // Card JSON 2.0 is selected by `schema`: its tables, its rules, its mix-ups.
//! let report = validate(&json!({
//!     "schema": "2.0",
//!     "body": {"elements": [{"tag": "action", "actions": []}]}
//! }));
//! assert_eq!(
//!     report.errors[0].message,
//!     "`action` does not exist in card JSON 2.0: put the buttons in the body, in a `column_set` for a row"
//! );
//! ```
//!
//! # Details
//!
//! - Tables are plain `static` data reached through [`Version`]: [`spec`], [`node`], [`nodes`],
//!   [`enums()`]. Both card JSON 1.0 and 2.0 are filled; rows carry the versions they exist in
//!   ([`Node::versions`], [`Field::versions`], [`EnumDef::only`]), and the fields every 2.0
//!   component gains (`element_id`, `margin`) are declared once ([`Node::globals`]).
//! - [`validate`] picks the version from the card's `schema` ([`Version::of_schema`]).
//!   [`check_value`] / [`check_value_in`] check one value against a field type; [`placement`]
//!   says whether a component may stand in a chain of containers; [`suggest`] finds the "did you
//!   mean" candidate.
//! - [`broken_field_rules`], [`part_missing_fields`], [`form_missing_fields`] and
//!   [`submits_form`] say which fields an object lacks or has too many of; [`ties`] checks rules
//!   between fields; [`Tally`] holds what spans a card; [`mix_up`] words what belongs to the
//!   other version. The macro and [`validate`] both ask them and get [`Violation`]s.
//! - Errors are what Feishu refuses; warnings are what it accepts and ignores or renders with a
//!   default. [`RULES`] gives each rule's severity and source, per version
//!   ([`Rule::severity_in`]): unknown fields are warnings in 1.0 (ignored) and errors in 2.0
//!   (refused).
//!
//! # Checks
//!
//! Both versions: JSON types, enums (with the version a value belongs to), ranges, lengths,
//! patterns (dates, times, pixel values, links), required fields, one-of groups, exclusive
//! pairs, the placement matrix and nesting depth, form rules (unique names, a submit button, a
//! role for each form button, form-only fields), tables per card, the 30 000-byte size, and the
//! rules between fields: initial choices among the options, unique option values, keys that hold
//! links, text longer than its `max_length`, fields without effect (`weight` without
//! `weighted`, `row_max_height` without `row_height: auto`), images past a combination's mode.
//!
//! Card JSON 2.0 adds: unknown fields as errors; `element_id` pattern (a letter, then letters,
//! digits or `_`, at most 20) and uniqueness; margins and paddings of 1, 2 or 4 values; at most
//! 200 tagged objects; a `column_set` + `column` pair counted as one nesting level; `form` and
//! `table` at the body root only; `audio` needing `config.enable_forward: false`;
//! `update_multi` `true` only; chart specs without code; and the 1.0 things 2.0 dropped
//! (`action`, `note`, top-level `elements`, `i18n_elements`, `i18n_header`, markdown `href`,
//! ...) named with what to write instead. Quirks of the official 2.0 examples (empty tips or
//! `confirm`, duplicate placeholder ids, `fallback`, legacy button `url`) are warnings.

mod both;
mod migrate;
mod model;

pub mod enums;
mod export;
pub(crate) mod pattern;
mod placement;
mod presence;
mod report;
mod severity;
mod suggest;
mod tally;
mod ties;
mod v1;
mod v2;
mod validate;

pub use export::spec_json;
pub use migrate::{CardNeed, Migration, migration, mix_up};
pub use model::*;
pub use placement::{placement, placement_advice};
pub use presence::{
    FORM_BUTTON_ROLES, FieldRule, broken_field_rules, form_missing_fields, or_list,
    part_missing_fields, submits_form,
};
pub use report::{Finding, Report};
pub use severity::{RULES, Rule, RuleRow, Severity};
pub use suggest::suggest;
pub use tally::{Counter, Tally};
pub use ties::{Step, Tie, Violation, ties};
pub use v2::MAX_TAGGED;
pub use validate::{check_value, check_value_in, validate, value_violation, value_violation_in};

/// The 16 locale keys accepted by `i18n_elements`, `i18n_header`, text `i18n` maps and toasts.
///
/// ```
/// assert!(card_schema::LOCALES.contains(&"zh_cn"));
/// assert_eq!(card_schema::LOCALES.len(), 16);
/// ```
pub const LOCALES: &[&str] = &[
    "zh_cn", "en_us", "zh_hk", "zh_tw", "ja_jp", "id_id", "vi_vn", "th_th", "pt_br", "es_es",
    "ko_kr", "de_de", "fr_fr", "it_it", "ru_ru", "ms_my",
];

/// The locale key `name` was most likely meant as, from [`LOCALES`]: written as a BCP 47 tag
/// (`zh-CN`, `en-US`), in another case, or with a typo.
///
/// ```
/// use card_schema::locale_suggestion;
/// assert_eq!(locale_suggestion("zh-CN"), Some("zh_cn"));
/// assert_eq!(locale_suggestion("EN_US"), Some("en_us"));
/// assert_eq!(locale_suggestion("zh_cm"), Some("zh_cn"));
/// assert_eq!(locale_suggestion("klingon"), None);
/// ```
pub fn locale_suggestion(name: &str) -> Option<&'static str> {
    let normal = name.to_ascii_lowercase().replace('-', "_");
    LOCALES
        .iter()
        .copied()
        .find(|locale| *locale == normal)
        .or_else(|| suggest(&normal, LOCALES.iter().copied()))
}

/// Largest accepted card, in bytes of serialized UTF-8 JSON.
///
/// The docs say "30 KB" without defining KB; 30 000 is the safe reading (whether 30 720 is
/// accepted is UNCONFIRMED).
///
/// ```
/// assert_eq!(card_schema::MAX_CARD_BYTES, 30_000);
/// ```
pub const MAX_CARD_BYTES: usize = 30_000;

/// Largest custom-bot webhook request body, in bytes (stricter than the API's card limit).
///
/// ```
/// assert!(card_schema::MAX_WEBHOOK_BYTES < card_schema::MAX_CARD_BYTES);
/// ```
pub const MAX_WEBHOOK_BYTES: usize = 20_000;

/// Deepest container nesting Feishu renders.
///
/// ```
/// assert_eq!(card_schema::MAX_DEPTH, 5);
/// ```
pub const MAX_DEPTH: usize = 5;

/// Most tables in one card (per locale when `i18n_elements` is used).
///
/// ```
/// assert_eq!(card_schema::MAX_TABLES, 5);
/// ```
pub const MAX_TABLES: usize = 5;

/// Everything one card JSON version says, as data: its nodes and the card-wide rules.
///
/// ```
/// use card_schema::{Version, spec};
/// let v1 = spec(Version::V1);
/// assert_eq!(v1.version, Version::V1);
/// assert!(v1.nodes.iter().any(|node| node.tag == "div"));
/// assert!(spec(Version::V2).nodes.iter().any(|node| node.tag == "audio"));
/// ```
#[derive(Debug)]
pub struct Spec {
    /// The version described.
    pub version: Version,
    /// Every node: components first, then card parts and sub-objects.
    pub nodes: &'static [&'static Node],
    /// Per-card limits on components, counted per element tree.
    pub counters: &'static [Counter],
    /// Where components may stand beyond their containers' admission lists.
    pub placement: Placement,
    /// Fields a part needs only under some parents ([`part_required_fields`]).
    pub part_fields: &'static [PartFields],
    /// Fields of a part that only act under some parents (option links: `overflow`).
    pub part_only: &'static [PartFields],
    /// Fields Feishu refuses outside a `form` (other form-only fields are merely ignored).
    pub outside_form: &'static [OutsideForm],
    /// The locale keys of i18n maps.
    pub locales: &'static [&'static str],
    /// Largest card, in bytes of serialized JSON.
    pub max_card_bytes: usize,
    /// Deepest container nesting.
    pub max_depth: usize,
    /// Most tagged objects (components and elements) in one card, where limited (2.0: 200).
    pub max_tagged: Option<usize>,
    /// What the other version writes that this one does not have, and what to write instead.
    pub migrations: &'static [Migration],
    /// Card-level settings a component needs when the card holds it (`audio` needs
    /// `config.enable_forward: false`).
    pub card_needs: &'static [CardNeed],
    /// Whether `{}` where a text object or a sub-object with required fields is expected is
    /// tolerated (a [`Rule::EmptyObject`] warning) instead of reporting each missing field.
    pub empty_tolerated: bool,
    /// Fields whose values are unique per card (2.0 `element_id`, `audio_id`).
    pub card_ids: &'static [&'static str],
    /// Form-only fields that still act outside a form (`name`, echoed in every callback's
    /// `action.name`), so giving them there is no mistake.
    pub echoed: &'static [&'static str],
}

/// Where components may stand, as data: the rules of reference §1.7 that depend on more than
/// the immediate container's admission list. [`placement()`] applies them.
///
/// ```
/// let rules = &card_schema::spec(card_schema::Version::V1).placement;
/// assert!(rules.root_only.contains(&"table"));
/// assert_eq!(rules.wrapper.unwrap().tag, "action");
/// ```
#[derive(Debug)]
pub struct Placement {
    /// What the root of the element tree is called in messages (`the card root`).
    pub root: &'static str,
    /// What the card root `elements` admit directly.
    pub root_admits: Admits,
    /// Components that only stand at the root (or an `i18n_elements` locale).
    pub root_only: &'static [&'static str],
    /// The wrapper that interactive components need at the root (1.0 `action`), if any.
    pub wrapper: Option<Wrapper>,
    /// `(component, ancestor)`: the component stands only somewhere below that ancestor.
    pub needs_ancestor: &'static [(&'static str, &'static str)],
    /// `(component, ancestor)`: the component never stands anywhere below that ancestor
    /// (the safe reading of "not inside", which may mean only directly).
    pub never_under: &'static [(&'static str, &'static str)],
    /// `(component, parents)`: the only immediate containers (`""` is the card root).
    pub parents: &'static [(&'static str, &'static [&'static str])],
    /// What to write instead where a container refuses a component people often put there.
    pub hints: &'static [PlacementHint],
    /// Placements the documentation contests: allowed, with a warning naming the doubt
    /// ([`placement_advice`]); `container` is any ancestor.
    pub contested: &'static [PlacementHint],
    /// Containers that do not add a nesting level of their own (2.0 `column`, which counts
    /// with its `column_set` as one).
    pub uncounted: &'static [&'static str],
}

/// The fix for one refused placement, named in the message.
///
/// ```
/// let hints = card_schema::spec(card_schema::Version::V1).placement.hints;
/// assert!(hints.iter().any(|h| h.component == "div" && h.container == "form"));
/// ```
#[derive(Debug)]
pub struct PlacementHint {
    /// The refused component.
    pub component: &'static str,
    /// The container refusing it.
    pub container: &'static str,
    /// What to do instead.
    pub fix: &'static str,
}

/// A wrapper component that some components need at the card root.
///
/// ```
/// let wrapper = card_schema::spec(card_schema::Version::V1).placement.wrapper.unwrap();
/// assert!(wrapper.wraps.contains(&"button"));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Wrapper {
    /// The wrapper's tag (`action`).
    pub tag: &'static str,
    /// The components it wraps.
    pub wraps: &'static [&'static str],
    /// The containers where those components stand directly, without the wrapper.
    pub direct: &'static [&'static str],
}

/// Fields of part `part` under the parents `parents`: in [`Spec::part_fields`] the fields it
/// needs there beyond its own required ones, in [`Spec::part_only`] the fields that only act
/// there.
///
/// ```
/// let rows = card_schema::spec(card_schema::Version::V1).part_fields;
/// assert!(rows.iter().any(|row| row.part == "option" && row.parents.contains(&"overflow")));
/// ```
#[derive(Debug)]
pub struct PartFields {
    /// The parents this row is about.
    pub parents: &'static [&'static str],
    /// The part (`option`).
    pub part: &'static str,
    /// The fields it needs there.
    pub fields: &'static [&'static str],
}

/// A field that makes Feishu refuse the card when given outside a `form`.
///
/// ```
/// let rows = card_schema::spec(card_schema::Version::V1).outside_form;
/// assert!(rows.iter().any(|row| row.tag == "input" && row.field == "required"));
/// ```
#[derive(Debug)]
pub struct OutsideForm {
    /// The component.
    pub tag: &'static str,
    /// The field.
    pub field: &'static str,
    /// Only the value `true` is refused (`multi_select`); otherwise any value is.
    pub only_true: bool,
    /// The rule broken.
    pub rule: Rule,
}

impl OutsideForm {
    /// The violation of this row by `value` outside a form, if it breaks it.
    ///
    /// ```
    /// use serde_json::json;
    /// let rows = card_schema::spec(card_schema::Version::V1).outside_form;
    /// let multi = rows.iter().find(|row| row.field == "multi_select").unwrap();
    /// assert!(multi.violation(&json!(false)).is_none());
    /// assert_eq!(
    ///     multi.violation(&json!(true)).unwrap().message,
    ///     "`multi_select` on `select_img` is only allowed inside a `<form>`"
    /// );
    /// ```
    pub fn violation(&self, value: &serde_json::Value) -> Option<Violation> {
        (!self.only_true || value == &serde_json::Value::Bool(true)).then(|| Violation {
            rule: self.rule,
            at: Vec::new(),
            message: format!(
                "`{}` on `{}` is only allowed inside a `<form>`",
                self.field, self.tag
            ),
        })
    }
}

/// The spec of `version`.
///
/// ```
/// use card_schema::{Version, spec};
/// assert_eq!(spec(Version::V1).max_card_bytes, card_schema::MAX_CARD_BYTES);
/// assert_eq!(spec(Version::V2).max_tagged, Some(200));
/// ```
pub fn spec(version: Version) -> &'static Spec {
    match version {
        Version::V1 => &v1::SPEC,
        Version::V2 => &v2::SPEC,
    }
}

/// The node (component, card part or sub-object) with this [`Node::tag`].
///
/// Sub-objects that share a written tag with another node are keyed by a dotted tag, e.g.
/// `"collapsible_panel.header"`.
///
/// ```
/// use card_schema::{Kind, Version, node};
/// assert_eq!(node(Version::V1, "div").unwrap().kind, Kind::Display);
/// assert!(node(Version::V1, "option").is_some());
/// assert!(node(Version::V1, "buton").is_none());
/// assert!(node(Version::V2, "audio").is_some() && node(Version::V1, "audio").is_none());
/// assert!(node(Version::V2, "note").is_none());
/// ```
pub fn node(version: Version, tag: &str) -> Option<&'static Node> {
    nodes(version)
        .iter()
        .copied()
        .find(|node| node.tag == tag && node.versions.contains(&version))
}

/// Every node of a version: components first, then card parts and sub-objects.
///
/// ```
/// use card_schema::{Version, nodes};
/// assert!(nodes(Version::V1).iter().any(|node| node.tag == "collapsible_panel"));
/// assert!(nodes(Version::V2).iter().any(|node| node.tag == "audio"));
/// ```
pub fn nodes(version: Version) -> &'static [&'static Node] {
    spec(version).nodes
}

/// Every [`EnumDef`] used by any field, each once; `card-runtime` generates typed enums from it.
///
/// ```
/// let button_type = card_schema::enums().iter().find(|e| e.rust_name == "ButtonType").unwrap();
/// assert!(button_type.values.contains(&"primary"));
/// ```
pub fn enums() -> &'static [&'static EnumDef] {
    enums::ALL
}

/// Fields a part needs only under some parents, beyond its own [`Field::required`] ones.
///
/// Options differ by menu: a `select_person` option is just a `value` (the user is shown), an
/// `overflow` option may omit `value` (the overflow page's example does), the other menus need
/// both `text` and `value`. The macro and [`validate`] check options with it, through
/// [`part_missing_fields`].
///
/// ```
/// use card_schema::{Version, part_required_fields};
/// assert_eq!(part_required_fields(Version::V1, "select_static", "option"), ["text", "value"]);
/// assert_eq!(part_required_fields(Version::V1, "select_person", "option"), ["value"]);
/// assert_eq!(part_required_fields(Version::V1, "overflow", "option"), ["text"]);
/// assert!(part_required_fields(Version::V1, "div", "field").is_empty());
/// ```
pub fn part_required_fields(version: Version, parent: &str, part: &str) -> &'static [&'static str] {
    spec(version)
        .part_fields
        .iter()
        .find(|row| row.part == part && row.parents.contains(&parent))
        .map_or(&[], |row| row.fields)
}
