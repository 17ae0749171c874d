//! Card JSON 2.0 tables (`"schema": "2.0"`): one `static` [`Node`] per tag, split by area.
//!
//! Source: `feishu-reference-v2.md` (the open.feishu.cn card JSON 2.0 pages), cited by section.
//! Where the sources conflict (reference-v2 §12) the reading the official examples support is
//! taken and the row says so. Every component gains `element_id` and `margin` through
//! [`COMPONENT`]'s [`Node::globals`], declared once here.

use crate::{Admits, Node, Pattern, Ty, Version};

mod card;
mod containers;
mod display;
mod interactive;
mod text;

pub(crate) use crate::v1::field;

/// The version tag of every row in these tables.
pub(crate) const VERSIONS: &[Version] = &[Version::V2];

pub(crate) use text::{COMPONENT_GLOBALS, ELEMENT_ID};

/// The base of a 2.0 component row.
pub(crate) const COMPONENT: Node = Node {
    versions: VERSIONS,
    globals: COMPONENT_GLOBALS,
    ..Node::COMPONENT
};

/// The base of a 2.0 part row (no `tag`, no global fields).
pub(crate) const PART: Node = Node {
    versions: VERSIONS,
    ..Node::PART
};

/// The base of a 2.0 sub-object that writes its `tag` (text objects, icons, `text_tag`).
pub(crate) const TAGGED_PART: Node = Node {
    emits_tag: true,
    ..PART
};

/// Margins: 1, 2 or 4 values in `[-99,99]px` (reference-v2 §2.2; 3 values are undocumented).
pub(crate) const MARGIN: Ty = Ty::Pattern(Pattern::Box { min: -99, max: 99 });
/// Paddings: `[0,99]px` (reference-v2 §2.2 and §12 C6: the field tables' `[-99,99]` is a copy of
/// the margin text; no example pads negatively).
pub(crate) const PADDING: Ty = Ty::Pattern(Pattern::Box { min: 0, max: 99 });
/// Spacings: a preset or `[0,99]px` (reference-v2 §2.3).
pub(crate) const SPACING: Ty = Ty::EnumOr(&crate::enums::SPACING, Pattern::Px { min: 0, max: 99 });
/// Field types both versions share (`crate::both`).
pub(crate) use crate::both::{BEHAVIORS, CONFIRM, ICON, PLAIN, PLAIN_100, STR, TEXT, VALUE};
/// A colour: a palette name, `default`, a `config.style.color` name or `rgba(...)`
/// (reference-v2 §2.6). `""` reads as unset: official collapsible-panel demos send it.
pub(crate) const COLOR: Ty = Ty::EnumOr(
    &crate::enums::COLOR_NAME,
    Pattern::StyleName {
        style: "color",
        also: &["default", ""],
        rgba: true,
    },
);
/// A per-locale string map (`i18n_content`, `i18n_img_key`, ...).
pub(crate) const I18N_STR: Ty = Ty::I18n(&STR);
/// Widths of buttons, inputs, selects, pickers: `default`, `fill` or at least 100px (§2.5).
pub(crate) const WIDTH: Ty = Ty::EnumOr(
    &crate::enums::COMPONENT_WIDTH,
    Pattern::Px {
        min: 100,
        max: u32::MAX,
    },
);
/// An `img_key` is a key from the upload image API, never a link.
pub(crate) const IMG_KEY: crate::Tie = crate::Tie::Key { field: "img_key" };

/// What a container other than `form` admits (reference-v2 §7.1: everything but `form` and
/// `table`; `column` only in `column_set`).
pub(crate) const CONTAINER_ADMITS: Admits = Admits::AllExcept(&["form", "table", "column"]);

/// Card JSON 2.0.
pub(crate) static SPEC: crate::Spec = crate::Spec {
    version: Version::V2,
    nodes: NODES,
    counters: &[
        crate::Counter {
            tag: "table",
            max: crate::MAX_TABLES,
            rule: crate::Rule::Tables,
        },
        // Reference-v2 §4.7: more than 5 charts are "not recommended".
        crate::Counter {
            tag: "chart",
            max: 5,
            rule: crate::Rule::Charts,
        },
    ],
    placement: crate::Placement {
        root: "the body root (`body.elements`)",
        root_admits: Admits::AllExcept(&["column"]),
        root_only: &["table", "form"],
        wrapper: None,
        // Reference-v2 §7.1: multi-selects only below a form.
        needs_ancestor: &[
            ("multi_select_static", "form"),
            ("multi_select_person", "form"),
        ],
        never_under: &[("form", "form")],
        parents: &[("column", &["column_set"])],
        hints: &[],
        // §12 C4: the form page's field table says forms embed no charts, its nesting rules
        // and BRK exclude only table and form.
        contested: &[crate::PlacementHint {
            component: "chart",
            container: "form",
            fix: "the form page's field table says a form embeds no chart while its nesting \
                  rules allow one; place the chart outside the form to be sure it shows",
        }],
        // Reference-v2 §7.2: the official column-set demo (ex v2-25) nests three column_set +
        // column pairs and is offered as working, so a pair counts as one level (UNCONFIRMED).
        uncounted: &["column"],
    },
    part_fields: &[crate::PartFields {
        parents: &["select_static", "multi_select_static"],
        part: "option",
        fields: &["text", "value"],
    }],
    // Reference-v2 §2.16: option links only in `overflow`.
    part_only: &[crate::PartFields {
        parents: &["overflow"],
        part: "option",
        fields: &["multi_url"],
    }],
    // Reference-v2 §5.12: `multi_select: true` outside a form "否则卡片 JSON 报错". `required`
    // outside a form "errors or has no effect": seven official 2.0 examples carry it (§12.2), so
    // it stays the form-only warning.
    outside_form: &[crate::OutsideForm {
        tag: "select_img",
        field: "multi_select",
        only_true: true,
        rule: crate::Rule::MultiSelectOutsideForm,
    }],
    locales: crate::LOCALES,
    max_card_bytes: crate::MAX_CARD_BYTES,
    max_depth: crate::MAX_DEPTH,
    max_tagged: Some(MAX_TAGGED),
    migrations: MIGRATIONS,
    // Official all-properties examples print `{}` for tips, `confirm` and the header title.
    card_ids: &["element_id", "audio_id"],
    empty_tolerated: true,
    // `name` is echoed in every callback's `action.name`, so it is useful anywhere.
    echoed: &["name"],
    card_needs: &[crate::CardNeed {
        tag: "audio",
        path: &["config", "enable_forward"],
        value: false,
        rule: crate::Rule::CardNeed,
    }],
};

/// Most components and elements (tagged objects, `plain_text` included) in one 2.0 card
/// (reference-v2 §9; the exact server count is UNCONFIRMED, so every object with a `tag`
/// outside opaque data counts).
///
/// ```
/// assert_eq!(card_schema::spec(card_schema::Version::V2).max_tagged, Some(card_schema::MAX_TAGGED));
/// ```
pub const MAX_TAGGED: usize = 200;

/// What 1.0 wrote that 2.0 no longer has, and what to write instead (reference-v2 §6, §2.14).
static MIGRATIONS: &[crate::Migration] = &[
    crate::Migration {
        node: "action",
        field: None,
        fix: "put the buttons in the body, in a `column_set` for a row",
        rule: crate::Rule::WrongVersion,
    },
    crate::Migration {
        node: "note",
        field: None,
        fix: "write a `div` with `text_size` `notation`, `text_color` `grey` and an `icon`",
        rule: crate::Rule::WrongVersion,
    },
    crate::Migration {
        node: "card",
        field: Some("elements"),
        fix: "put the components in `body.elements`",
        rule: crate::Rule::WrongVersion,
    },
    crate::Migration {
        node: "card",
        field: Some("i18n_elements"),
        fix: "give each text its own `i18n_content` (and `config.locales`)",
        rule: crate::Rule::WrongVersion,
    },
    crate::Migration {
        node: "card",
        field: Some("i18n_header"),
        fix: "give the header title and subtitle their own `i18n_content`",
        rule: crate::Rule::WrongVersion,
    },
    // The breaking-changes page's own 2.0 skeleton prints `"fallback": {}` (ex v2-15): a warning.
    crate::Migration {
        node: "card",
        field: Some("fallback"),
        fix: "leave it out (2.0 has no card-level downgrade rule)",
        rule: crate::Rule::Legacy,
    },
    // Reference-v2 §1.2 CONFLICT (minor): ex v2-32 still sends it.
    crate::Migration {
        node: "config",
        field: Some("wide_screen_mode"),
        fix: "use `width_mode`",
        rule: crate::Rule::Legacy,
    },
    // §12 C14: documented as historical on the Lark page and used by the button demo (ex v2-62).
    crate::Migration {
        node: "button",
        field: Some("url"),
        fix: "write `behaviors: [{\"type\": \"open_url\", \"default_url\": ...}]`",
        rule: crate::Rule::Legacy,
    },
    crate::Migration {
        node: "button",
        field: Some("multi_url"),
        fix: "write `behaviors: [{\"type\": \"open_url\", \"default_url\": ..., \"pc_url\": ...}]`",
        rule: crate::Rule::Legacy,
    },
    crate::Migration {
        node: "markdown",
        field: Some("href"),
        fix: "write the link in the content as `<link url='...' pc_url='...'>text</link>`",
        rule: crate::Rule::WrongVersion,
    },
    crate::Migration {
        node: "header",
        field: Some("ud_icon"),
        fix: "write `icon: {\"tag\": \"standard_icon\", \"token\": ...}`",
        rule: crate::Rule::WrongVersion,
    },
    crate::Migration {
        node: "plain_text",
        field: Some("i18n"),
        fix: "write `i18n_content`",
        rule: crate::Rule::WrongVersion,
    },
    crate::Migration {
        node: "lark_md",
        field: Some("i18n"),
        fix: "write `i18n_content`",
        rule: crate::Rule::WrongVersion,
    },
    crate::Migration {
        node: "div",
        field: Some("extra"),
        fix: "put the div and the component side by side in a `column_set`",
        rule: crate::Rule::WrongVersion,
    },
    crate::Migration {
        node: "button",
        field: Some("complex_interaction"),
        fix: "give `behaviors` both an `open_url` and a `callback` entry",
        rule: crate::Rule::WrongVersion,
    },
];

/// Every 2.0 node: components first (reference-v2 §6 catalogue), then card-level parts and
/// sub-objects.
pub(crate) static NODES: &[&Node] = &[
    &display::DIV,
    &display::MARKDOWN,
    &display::IMG,
    &display::IMG_COMBINATION,
    &display::PERSON,
    &display::PERSON_LIST,
    &display::CHART,
    &display::TABLE,
    &display::HR,
    &display::AUDIO,
    &interactive::BUTTON,
    &interactive::INPUT,
    &interactive::OVERFLOW,
    &interactive::SELECT_STATIC,
    &interactive::MULTI_SELECT_STATIC,
    &interactive::SELECT_PERSON,
    &interactive::MULTI_SELECT_PERSON,
    &interactive::DATE_PICKER,
    &interactive::PICKER_TIME,
    &interactive::PICKER_DATETIME,
    &interactive::CHECKER,
    &interactive::SELECT_IMG,
    &containers::COLUMN_SET,
    &containers::COLUMN,
    &containers::FORM,
    &containers::INTERACTIVE_CONTAINER,
    &containers::COLLAPSIBLE_PANEL,
    &card::CARD,
    &card::CONFIG,
    &card::STREAMING_CONFIG,
    &card::PRINT_SETTING,
    &card::SUMMARY,
    &card::STYLE,
    &card::STYLE_TEXT_SIZE,
    &card::STYLE_COLOR,
    &card::HEADER,
    &card::TEXT_TAG,
    &card::BODY,
    &crate::both::URL_OBJECT_NODE,
    &text::PLAIN_TEXT,
    &text::LARK_MD,
    &text::FIELD,
    &text::OPTION,
    &crate::both::CONFIRM_NODE,
    &text::STANDARD_ICON,
    &text::CUSTOM_ICON,
    &text::BEHAVIOR,
    &text::FALLBACK_TEXT,
    &interactive::CHECKER_TEXT,
    &interactive::CHECKER_BUTTON_AREA,
    &interactive::CHECKER_CHECKED_STYLE,
    &interactive::SELECT_IMG_OPTION,
    &crate::both::COLUMN_ACTION,
    &containers::PANEL_HEADER,
    &containers::PANEL_BORDER,
    &crate::both::PERSON_LIST_PERSON,
    &crate::both::UD_ICON,
    &display::TABLE_COLUMN,
    &display::TABLE_COLUMN_FORMAT,
    &display::TABLE_HEADER_STYLE,
    &display::IMG_COMBINATION_IMG,
    &display::AUDIO_BORDER,
];
