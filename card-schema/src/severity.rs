//! Every rule [`crate::validate`] applies, with how Feishu treats a card that breaks it.
//!
//! Calibration policy: a rule is an error only where a page of the documentation (or a documented
//! error code) says Feishu refuses the card; the source is cited in [`RULES`]. Everything Feishu
//! accepts, ignoring the value or rendering a default, is a warning. Measured on real card JSON
//! 1.0 cards sent by public bots, four former errors are accepted by Feishu in production: an img
//! `alt` whose `tag` is `""`, a table column without `data_type`, and out-of-set style values
//! (button `type: "plain_text"`, markdown `text_align: "left,"`, header `template: "Blue"`).
//! `card!` refuses every rule alike: a mistake in source is a mistake either way.

/// How Feishu treats a card that breaks a [`Rule`].
///
/// ```
/// use card_schema::{Rule, Severity};
/// assert_eq!(Rule::Placement.severity(), Severity::Error);
/// assert_eq!(Rule::StyleValue.severity(), Severity::Warning);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Severity {
    /// Feishu refuses the card (the send fails).
    Error,
    /// Feishu accepts the card and ignores the value or falls back to a default.
    Warning,
}

/// One rule of the spec. Each [`crate::Finding`] names the rule it breaks.
///
/// ```
/// use card_schema::{Rule, validate};
/// let report = validate(&serde_json::json!({"elements": [{"tag": "buton"}]}));
/// assert_eq!(report.errors[0].rule, Rule::UnknownTag);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// The card is not a JSON object.
    NotACard,
    /// A card JSON generation this crate has no tables for (2.0).
    Unsupported,
    /// The serialized card is larger than [`crate::MAX_CARD_BYTES`].
    CardSize,
    /// The value nests deeper than the walk follows.
    TooDeep,
    /// A value of the wrong JSON type (a string where an object is expected, ...).
    Type,
    /// A value could not be serialized to JSON at all (reported by the runtime's `Card`).
    Serialize,
    /// A string outside its field's fixed set.
    EnumValue,
    /// A string outside a set of looks ([`crate::EnumDef::fallback`]): 1.0 shows the default.
    StyleValue,
    /// A link that is not `http(s)://` (or `lark://msgcard/unsupported_action`).
    Url,
    /// A string not matching its field's shape (`"120px"`, `yyyy-MM-dd`, ...).
    Pattern,
    /// A number outside its field's range.
    Range,
    /// A text longer than its field's documented maximum.
    Length,
    /// More array items than documented.
    ArrayLength,
    /// More array items than Feishu shows; the rest are dropped.
    Truncated,
    /// A locale key outside [`crate::LOCALES`].
    Locale,
    /// A field the node does not have.
    UnknownField,
    /// A form-only field outside a `form`, where Feishu ignores it.
    FormOnly,
    /// `required` on `input` or `select_img` outside a `form`.
    FormOnlyRequired,
    /// `multi_select: true` on `select_img` outside a `form`.
    MultiSelectOutsideForm,
    /// A text object whose `tag` is missing or not an allowed text kind.
    TextTag,
    /// A text object whose `tag` is `""`.
    EmptyTextTag,
    /// A component or icon object without a known `tag`.
    UnknownTag,
    /// A component where its container does not admit it.
    Placement,
    /// A required field is absent.
    Required,
    /// A required field with a documented fallback is absent (Feishu uses the fallback).
    RequiredWithDefault,
    /// None of a group of fields of which one is required.
    OneOf,
    /// Two fields that exclude each other are both given.
    Exclusive,
    /// A URL object without `url` or all three platform links.
    UrlObject,
    /// A `behaviors` entry without the field its type needs.
    Behavior,
    /// A part lacks a field its parent needs (an option of a menu without `value`).
    PartField,
    /// A component inside a `form` lacks `name` (or a button its role).
    FormMember,
    /// A `form` without a submit button.
    FormSubmit,
    /// Two components share a `name`.
    DuplicateName,
    /// More tables than [`crate::MAX_TABLES`] in one element tree.
    Tables,
    /// More charts than recommended.
    Charts,
    /// `url` or `multi_url` on an option of a menu other than `overflow`.
    OptionLink,
    /// Two options of one menu share a `value`.
    DuplicateOption,
    /// More images than the `img_combination` mode shows.
    ImgCombination,
    /// An initial choice (`initial_option`, `initial_index`, `selected_values`) that is not one of
    /// the menu's options.
    InitialChoice,
    /// A key field (`img_key`, ...) holding a URL instead of a key.
    KeyIsUrl,
    /// A field that has no effect with the value of another (column `weight` without
    /// `width` `weighted`).
    NoEffect,
    /// A text longer than the maximum another field of the node sets (input `max_length`).
    TiedLength,
    /// A component or field of the other card JSON version that this one refuses (1.0 `action`,
    /// `note`, top-level `elements` in 2.0; `audio` in 1.0).
    WrongVersion,
    /// A field of card JSON 2.0 in a 1.0 card, which 1.0 ignores (`body`).
    OtherVersion,
    /// A 1.0 field that 2.0 keeps for old cards (button `url`, card `fallback`).
    Legacy,
    /// Two objects share an `element_id`.
    DuplicateElementId,
    /// More tagged objects (components and elements) than [`crate::MAX_TAGGED`].
    TooManyTagged,
    /// A component that needs a card setting the card lacks (`audio` without
    /// `config.enable_forward: false`).
    CardNeed,
    /// A field with another value than the only one the version supports (2.0 `update_multi`).
    FixedValue,
    /// An empty object `{}` where a text object or sub-object is expected.
    EmptyObject,
    /// A chart spec holding JavaScript (a function written as a string) or prototype keys.
    ChartCode,
}

/// One row of [`RULES`]: a rule, its severity and, for an error, the documentation that says
/// Feishu refuses it.
///
/// ```
/// let row = card_schema::RULES.iter().find(|row| row.rule == card_schema::Rule::Url).unwrap();
/// assert!(row.source.contains("whitelist"));
/// ```
#[derive(Debug)]
pub struct RuleRow {
    /// The rule.
    pub rule: Rule,
    /// How Feishu treats a card that breaks it.
    pub severity: Severity,
    /// Errors: the page or error code saying Feishu refuses it. Warnings: what Feishu does.
    pub source: &'static str,
    /// Whether [`crate::check_value`] (what `card!` asks of a literal value) refuses it. Rules
    /// about what Feishu ignores (unknown fields, locales) are left to the macro's own checks.
    pub in_values: bool,
    /// Where card JSON 2.0 treats the rule otherwise: its severity there and the source.
    pub v2: Option<(Severity, &'static str)>,
}

/// `in_values` of a row: refused in values unless the row says `ignored_in_values`.
macro_rules! in_values {
    () => {
        true
    };
    (ignored_in_values) => {
        false
    };
}

/// `v2` of a row: `None` unless the row gives `| V2 <severity>, "<source>"`.
macro_rules! v2 {
    () => {
        None
    };
    ($severity:ident, $source:literal) => {
        Some((Severity::$severity, $source))
    };
}

macro_rules! rules {
    ($($rule:ident: $severity:ident $($values:ident)?, $source:literal $(| V2 $v2severity:ident, $v2source:literal)?;)+) => {
        /// Every rule with its severity and source, in one table.
        ///
        /// ```
        /// use card_schema::{RULES, Severity};
        /// assert!(RULES.iter().all(|row| !row.source.is_empty()));
        /// assert!(RULES.iter().any(|row| row.severity == Severity::Warning));
        /// ```
        pub static RULES: &[RuleRow] = &[$(RuleRow {
            rule: Rule::$rule,
            severity: Severity::$severity,
            source: $source,
            in_values: in_values!($($values)?),
            v2: v2!($($v2severity, $v2source)?),
        }),+];

        impl Rule {
            /// This rule's row of [`RULES`].
            ///
            /// ```
            /// use card_schema::Rule;
            /// assert_eq!(Rule::Tables.row().rule, Rule::Tables);
            /// ```
            pub fn row(self) -> &'static RuleRow {
                match self {
                    $(Self::$rule => &RULES[Index::$rule as usize],)+
                }
            }
        }

        /// Positions in [`RULES`], so that [`Rule::row`] is a plain index.
        #[allow(clippy::enum_variant_names)]
        enum Index { $($rule,)+ }
    };
}

rules! {
    NotACard: Error, "error 230099 / 200621 \"card JSON parse error\" (reference §3.11)";
    Unsupported: Error, "not a Feishu refusal: a card JSON generation card-schema has no tables for cannot be vouched for";
    CardSize: Error, "reference §0: a card is at most 30 KB (error 230025 \"message too long\")";
    TooDeep: Error, "reference §0: containers nest at most 5 levels; far deeper values are refused unread";
    Type: Error, "error 230099 / 200621 \"card JSON parse error\" (reference §3.11): a field of the wrong JSON type does not parse";
    Serialize: Error, "not a Feishu rule: a value that does not serialize cannot be sent";
    EnumValue: Error, "the component's page lists the values (reference §1.2-§1.8); another does not parse (error 230099 / 200621)";
    StyleValue: Warning, "card JSON 1.0 shows the default style instead (measured: bots send button `type: \"plain_text\"`, markdown `text_align: \"left,\"`, header `template: \"Blue\"`)"
        | V2 Error, "reference-v2 Appendix D: enum values outside the documented sets are errors in 2.0, which refuses what it does not know [BRK]";
    Url: Error, "reference §0: links other than http(s) are refused with \"scheme not in whitelist\"";
    Pattern: Error, "the component's page gives the format (reference §1.7-§1.8); another does not parse (error 230099 / 200621)";
    Range: Error, "the component's page gives the range (reference §1.7-§1.8); error 230099 / 200621";
    Length: Error, "reference §0 and §1.10: button, option and placeholder texts are at most 100 characters, input 1000";
    ArrayLength: Error, "the component's page gives the maximum (reference §1.8 `checker`, §1.10 limits)";
    Truncated: Warning ignored_in_values, "reference §1.4, §1.8, §1.10: Feishu shows the documented maximum and ignores the rest";
    Locale: Warning ignored_in_values, "card JSON 1.0 ignores an unknown locale";
    UnknownField: Warning ignored_in_values, "reference §0: card JSON 1.0 silently ignores unknown properties"
        | V2 Error, "reference-v2 §1.1 [BRK]: card JSON 2.0 rejects unknown or unsupported attributes with an error";
    FormOnly: Warning ignored_in_values, "card JSON 1.0 ignores a form-only field outside a form";
    FormOnlyRequired: Error, "reference §1.8 `input`: `required` is only valid inside a form, an error otherwise";
    MultiSelectOutsideForm: Error, "image-picker page (reference §1.8 `select_img`): `multi_select` outside a form is a card JSON error";
    TextTag: Error, "reference §1.5: which text kinds each field allows (e.g. img `alt` is `plain_text` only)";
    EmptyTextTag: Warning, "card JSON 1.0 shows the content as plain text (measured: bots send img `alt` with `tag: \"\"`)";
    UnknownTag: Error, "error 230099 / 200621 \"card JSON parse error\" (reference §3.11): an unknown component does not parse";
    Placement: Error, "reference §1.7 container table: a component outside its admitted containers is refused";
    Required: Error, "the component's page marks the field required (reference §1.4-§1.8)";
    RequiredWithDefault: Warning, "Feishu falls back to the documented default (measured: table columns without `data_type` are sent by bots)";
    OneOf: Error, "the component's page requires one of the fields (reference §1.7 `div`, §1.8 pickers)";
    Exclusive: Error, "reference §1.6 `option` and §1.3: exactly one of `url` and `multi_url`";
    UrlObject: Error, "reference §1.3: either `url` or all three platform links must be set"
        | V2 Warning, "reference-v2 Appendix D: a warning in 2.0, whose structure page prints an empty `card_link` (ex v2-14, v2-15)";
    Behavior: Error, "reference §1.6 `behaviors`: each type has a required field";
    PartField: Error, "reference §1.6 `option`: `text` and `value` (a `value` for `select_person`)";
    FormMember: Error, "reference §1.7 `form`: each interactive component needs `name`, a button its `action_type`";
    FormSubmit: Error, "reference §1.8 `form`: must contain a submit button";
    DuplicateName: Error, "reference §1.8 `form`: `name` is unique per card";
    Tables: Error, "reference §0: at most 5 tables per card (per language with i18n)";
    Charts: Warning ignored_in_values, "reference §0: more than 5 charts are not recommended";
    OptionLink: Warning ignored_in_values, "reference §1.6 `option`: `url`/`multi_url` only act in `overflow`";
    DuplicateOption: Warning ignored_in_values, "reference §1.6 `option` asks for unique values, yet an official overflow example repeats one";
    ImgCombination: Warning ignored_in_values, "the multi-image page: images past the mode's capacity are not shown";
    InitialChoice: Warning, "no documented refusal: Feishu shows no initial choice";
    TiedLength: Warning, "no documented refusal: the input shows the text as given (UNCONFIRMED)";
    NoEffect: Warning, "reference §1.7 `column` (`weight` with weighted) and §1.7 `img` (`size` only with crop_*): Feishu ignores the field";
    WrongVersion: Error, "reference-v2 §6 [BRK]: 2.0 removed 1.0's `action`, `note`, top-level `elements`/`i18n_elements`/`i18n_header`, markdown `href`; 1.0 has no `audio` (error 200861 unsupported tag)";
    OtherVersion: Warning ignored_in_values, "reference §0: card JSON 1.0 ignores a field it does not know, such as 2.0's `body`";
    Legacy: Warning ignored_in_values, "reference-v2 §2.14, §12 C14: historical fields that official 2.0 examples still send (ex v2-15 `fallback`, ex v2-62 button `url`)";
    DuplicateElementId: Warning ignored_in_values, "reference-v2 §2.1: unique per card, and CardKit refuses duplicates (300301), but three official examples reuse `custom_id` (ex v2-13, v2-24, v2-28); whether the message API refuses them is UNCONFIRMED";
    TooManyTagged: Error, "reference-v2 §9 [STR]: at most 200 components and elements per card (CardKit 300305; send error 230099 / 11310)";
    CardNeed: Error, "reference-v2 §4.10 [AUD]: a card holding `audio` must set `config.enable_forward: false`, or the send fails";
    FixedValue: Error, "reference-v2 §1.2 [STR][BRK]: 2.0 supports shared cards only; `update_multi: false` is refused (CardKit 300302)";
    EmptyObject: Error, "reference §1.5-§1.6: a text object needs its `tag` and a sub-object its required fields (the other rules report which)"
        | V2 Warning, "official 2.0 \"all properties\" examples print `{}` for tips, `confirm` and the header title (ex v2-02, v2-16, v2-26, v2-80): accepted and shown as absent (UNCONFIRMED)";
    ChartCode: Error, "reference-v2 §4.7 [CHART]: `chart_spec` holds data only, no JavaScript";
    KeyIsUrl: Warning, "UNCONFIRMED whether a URL in a key field fails the send (error 200570 \"invalid img_key\") or only the image; warned until measured";
}

impl Rule {
    /// How Feishu treats a card that breaks this rule.
    ///
    /// ```
    /// use card_schema::{Rule, Severity};
    /// assert_eq!(Rule::RequiredWithDefault.severity(), Severity::Warning);
    /// ```
    pub fn severity(self) -> Severity {
        self.row().severity
    }

    /// How Feishu treats a card of `version` that breaks this rule.
    ///
    /// ```
    /// use card_schema::{Rule, Severity, Version};
    /// assert_eq!(Rule::UnknownField.severity_in(Version::V1), Severity::Warning);
    /// assert_eq!(Rule::UnknownField.severity_in(Version::V2), Severity::Error);
    /// ```
    pub fn severity_in(self, version: crate::Version) -> Severity {
        match (version, self.row().v2) {
            (crate::Version::V2, Some((severity, _))) => severity,
            _ => self.row().severity,
        }
    }

    /// The documentation this rule's severity in `version` rests on.
    ///
    /// ```
    /// use card_schema::{Rule, Version};
    /// assert!(Rule::UnknownField.source_in(Version::V2).contains("BRK"));
    /// ```
    pub fn source_in(self, version: crate::Version) -> &'static str {
        match (version, self.row().v2) {
            (crate::Version::V2, Some((_, source))) => source,
            _ => self.row().source,
        }
    }

    /// The documentation this rule's severity rests on.
    ///
    /// ```
    /// assert!(card_schema::Rule::Tables.source().contains("§0"));
    /// ```
    pub fn source(self) -> &'static str {
        self.row().source
    }
}
