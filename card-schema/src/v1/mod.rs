//! Card JSON 1.0 tables: one `static` [`Node`] per tag, split by area.
//!
//! Sources: reference §1 (open.feishu.cn card JSON 1.0 pages). Where the documentation is thin
//! the choice is marked UNCONFIRMED next to the field, always in the direction that keeps a card
//! that passes here accepted by Feishu.

use crate::{Node, Ty};

mod card;
mod containers;
mod display;
mod interactive;
mod text;

pub(crate) use card::ROOT_ADMITS;

/// Builds a [`crate::Field`] whose `path` is its own name. Flags before the name: `req` (required),
/// `form` (form-only), or both as `req form`; `"name" = "value"` gives the documented default
/// ([`crate::Field::default`]), which makes a required field's absence a warning in `validate`.
macro_rules! field {
    (req $name:literal = $default:literal: $ty:expr, $doc:literal) => {
        $crate::Field {
            default: Some($default),
            ..field!(@ $name, $ty, true, false, $doc)
        }
    };
    ($name:literal = $default:literal: $ty:expr, $doc:literal) => {
        $crate::Field {
            default: Some($default),
            ..field!(@ $name, $ty, false, false, $doc)
        }
    };
    (form $name:literal = $default:literal: $ty:expr, $doc:literal) => {
        $crate::Field {
            default: Some($default),
            ..field!(@ $name, $ty, false, true, $doc)
        }
    };
    ($name:literal: $ty:expr, $doc:literal) => {
        field!(@ $name, $ty, false, false, $doc)
    };
    (req $name:literal: $ty:expr, $doc:literal) => {
        field!(@ $name, $ty, true, false, $doc)
    };
    (form $name:literal: $ty:expr, $doc:literal) => {
        field!(@ $name, $ty, false, true, $doc)
    };
    (req form $name:literal: $ty:expr, $doc:literal) => {
        field!(@ $name, $ty, true, true, $doc)
    };
    (@ $name:literal, $ty:expr, $required:expr, $form_only:expr, $doc:literal) => {
        $crate::Field {
            name: $name,
            path: &[$name],
            ty: $ty,
            required: $required,
            // The calling table module's version tags (`super` is resolved where the macro is
            // called: `v1` or `v2`).
            versions: super::VERSIONS,
            form_only: $form_only,
            default: None,
            doc: $doc,
        }
    };
}
pub(crate) use field;

/// The version tag of every row in these tables.
pub(crate) const VERSIONS: &[crate::Version] = &[crate::Version::V1];

/// Field types both versions share (`crate::both`).
pub(crate) use crate::both::{BEHAVIORS, CONFIRM, ICON, PLAIN, PLAIN_100, STR, TEXT, VALUE};
/// An http(s) link.
pub(crate) const URL: Ty = Ty::Pattern(crate::Pattern::Url);
/// A colour name or `rgba(...)`; not checked.
pub(crate) const COLOR: Ty = Ty::Pattern(crate::Pattern::Color);
/// The URL object (`multi_url`, `card_link`, markdown `href` values).
pub(crate) const URL_OBJECT: Ty = Ty::Object("multi_url");
/// An `img_key` is a key from the upload image API, never a link.
pub(crate) const IMG_KEY: crate::Tie = crate::Tie::Key { field: "img_key" };

/// Components that Feishu only accepts at the card root inside an `action` wrapper.
pub(crate) const NEEDS_ACTION: &[&str] = &[
    "button",
    "select_static",
    "select_person",
    "overflow",
    "date_picker",
    "picker_time",
    "picker_datetime",
    "input",
];

/// Card JSON 1.0.
pub(crate) static SPEC: crate::Spec = crate::Spec {
    version: crate::Version::V1,
    nodes: NODES,
    counters: &[
        crate::Counter {
            tag: "table",
            max: crate::MAX_TABLES,
            rule: crate::Rule::Tables,
        },
        // Reference §0: more than 5 charts are "not recommended".
        crate::Counter {
            tag: "chart",
            max: 5,
            rule: crate::Rule::Charts,
        },
    ],
    placement: crate::Placement {
        root: "the card root",
        root_admits: ROOT_ADMITS,
        root_only: &["table", "form", "action"],
        wrapper: Some(crate::Wrapper {
            tag: "action",
            wraps: NEEDS_ACTION,
            direct: &["column", "form", "collapsible_panel"],
        }),
        needs_ancestor: &[
            ("multi_select_static", "form"),
            ("multi_select_person", "form"),
        ],
        never_under: &[
            ("overflow", "column"),
            ("img_combination", "column"),
            ("form", "form"),
        ],
        parents: &[
            ("column", &["column_set"]),
            ("chart", &["", "column", "collapsible_panel"]),
            // The 1.0 interactive-container page also names forms (and loop containers, which
            // only exist in the card builder).
            (
                "interactive_container",
                &["", "column", "form", "interactive_container"],
            ),
            ("select_img", &["", "column", "form"]),
            // UNCONFIRMED: the 1.0 docs only call the panel "JSON-only"; these are the
            // containers that admit "everything else".
            (
                "collapsible_panel",
                &["", "column", "form", "collapsible_panel"],
            ),
            (
                "column_set",
                &[
                    "",
                    "column",
                    "form",
                    "collapsible_panel",
                    "interactive_container",
                ],
            ),
        ],
        hints: &[crate::PlacementHint {
            component: "div",
            container: "form",
            fix: "use `<markdown>` or wrap it in a `<column_set>`",
        }],
        contested: &[],
        uncounted: &[],
    },
    // Options differ by menu: a `select_person` option is just a `value` (the user is shown),
    // an `overflow` option may omit `value` (the overflow page's example does).
    part_fields: &[
        crate::PartFields {
            parents: &["select_static", "multi_select_static"],
            part: "option",
            fields: &["text", "value"],
        },
        crate::PartFields {
            parents: &["select_person", "multi_select_person"],
            part: "option",
            fields: &["value"],
        },
        crate::PartFields {
            parents: &["overflow"],
            part: "option",
            fields: &["text"],
        },
    ],
    // Reference §1.6 `option`: `url`/`multi_url` only for overflow.
    part_only: &[crate::PartFields {
        parents: &["overflow"],
        part: "option",
        fields: &["url", "multi_url"],
    }],
    // Reference §1.8 (input) and the image-picker page: Feishu rejects these outside a form
    // ("报错或不生效" for select_img: the safe reading is the error).
    outside_form: &[
        crate::OutsideForm {
            tag: "input",
            field: "required",
            only_true: false,
            rule: crate::Rule::FormOnlyRequired,
        },
        crate::OutsideForm {
            tag: "select_img",
            field: "required",
            only_true: false,
            rule: crate::Rule::FormOnlyRequired,
        },
        crate::OutsideForm {
            tag: "select_img",
            field: "multi_select",
            only_true: true,
            rule: crate::Rule::MultiSelectOutsideForm,
        },
    ],
    locales: crate::LOCALES,
    max_card_bytes: crate::MAX_CARD_BYTES,
    max_depth: crate::MAX_DEPTH,
    max_tagged: None,
    migrations: MIGRATIONS,
    card_ids: &[],
    empty_tolerated: false,
    // `name` is echoed in every callback's `action.name`, so it is useful anywhere.
    echoed: &["name"],
    card_needs: &[],
};

/// What 2.0 writes that 1.0 does not have (reference-v2 §6, read the other way).
static MIGRATIONS: &[crate::Migration] = &[crate::Migration {
    node: "card",
    field: Some("body"),
    fix: "put the components in top-level `elements`, or add `\"schema\": \"2.0\"`",
    rule: crate::Rule::OtherVersion,
}];

/// Every 1.0 node, components first (in reference §1.7 order), then card-level parts and
/// sub-objects.
pub(crate) static NODES: &[&Node] = &[
    &display::DIV,
    &display::MARKDOWN,
    &display::HR,
    &display::IMG,
    &display::IMG_COMBINATION,
    &display::NOTE,
    &display::PERSON,
    &display::PERSON_LIST,
    &display::CHART,
    &display::TABLE,
    &containers::ACTION,
    &interactive::BUTTON,
    &interactive::SELECT_STATIC,
    &interactive::SELECT_PERSON,
    &interactive::MULTI_SELECT_STATIC,
    &interactive::MULTI_SELECT_PERSON,
    &interactive::OVERFLOW,
    &interactive::DATE_PICKER,
    &interactive::PICKER_TIME,
    &interactive::PICKER_DATETIME,
    &interactive::INPUT,
    &interactive::CHECKER,
    &interactive::SELECT_IMG,
    &containers::COLUMN_SET,
    &containers::COLUMN,
    &containers::FORM,
    &containers::INTERACTIVE_CONTAINER,
    &containers::COLLAPSIBLE_PANEL,
    &card::CARD,
    &card::CONFIG,
    &card::HEADER,
    &card::HEADER_ICON,
    &crate::both::UD_ICON,
    &card::TEXT_TAG,
    &crate::both::URL_OBJECT_NODE,
    &text::PLAIN_TEXT,
    &text::LARK_MD,
    &text::FIELD,
    &text::OPTION,
    &crate::both::CONFIRM_NODE,
    &text::STANDARD_ICON,
    &text::CUSTOM_ICON,
    &text::BEHAVIOR,
    &interactive::CHECKER_BUTTON_AREA,
    &interactive::CHECKER_CHECKED_STYLE,
    &interactive::SELECT_IMG_OPTION,
    &crate::both::COLUMN_ACTION,
    &containers::PANEL_HEADER,
    &containers::PANEL_BORDER,
    &crate::both::PERSON_LIST_PERSON,
    &display::TABLE_COLUMN,
    &display::TABLE_COLUMN_FORMAT,
    &display::TABLE_HEADER_STYLE,
    &display::IMG_COMBINATION_IMG,
];
