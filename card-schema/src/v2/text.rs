//! 2.0 text objects and small sub-objects: `plain_text`, `lark_md`, the panel title's
//! `markdown`, options, `confirm`, icons, `behaviors`, tips, the audio `fallback_text`, and the
//! fields every component gains.

use super::{COLOR, I18N_STR, ICON, MARGIN, PLAIN, PLAIN_100, STR, VALUE, field};
use crate::enums::{BEHAVIOR_TYPE, TEXT_ALIGN};
use crate::{Field, Kind, Node, Pattern, TextChild, TextForm, Ty};

/// `element_id`: reference-v2 §2.1, on every component and element except the header.
pub(crate) const ELEMENT_ID: Field = field!(
    "element_id": Ty::Pattern(Pattern::ElementId),
    "unique id in the card: a letter, then letters, digits or `_`, at most 20 characters"
);

/// Fields every 2.0 component has (reference-v2 §2.1, §2.2, §5 "common to all").
pub(crate) static COMPONENT_GLOBALS: &[Field] = &[
    ELEMENT_ID,
    field!("margin" = "0": MARGIN, "outer margin: 1, 2 or 4 values in [-99,99]px (default 0)"),
];

/// A text size: a §2.7 preset or a `config.style.text_size` name (so not a closed set).
const TEXT_SIZE: Ty = STR;

/// `plain_text` (reference-v2 §2.9). The style keys are documented on `div.text`; whether they
/// are accepted elsewhere is UNCONFIRMED (§12.3), and the object is one row for all places.
pub(crate) static PLAIN_TEXT: Node = Node {
    tag: "plain_text",
    kind: Kind::Part,
    fields: &[
        ELEMENT_ID,
        field!("content": STR, "the text"),
        field!("i18n_content": I18N_STR, "per-locale text; wins over `content`"),
        field!("text_size" = "normal": TEXT_SIZE, "a size preset (`normal`, `heading`, ...) or a `config.style.text_size` name"),
        field!("text_color" = "default": COLOR, "`default`, a colour name or a `config.style.color` name"),
        field!("text_align" = "left": Ty::Enum(&TEXT_ALIGN), "text alignment"),
        field!("lines": Ty::Int { min: 1, max: i64::MAX }, "maximum number of lines shown, then `…`"),
    ],
    text_child: Some(TextChild {
        field: "content",
        form: TextForm::Raw,
    }),
    one_of: &[&["content", "i18n_content"]],
    doc: "a plain text object",
    ..super::TAGGED_PART
};

/// `lark_md` (reference-v2 §2.9): as `plain_text`; `text_color` is ignored there.
pub(crate) static LARK_MD: Node = Node {
    tag: "lark_md",
    fields: &[
        ELEMENT_ID,
        field!("content": STR, "the lark_md text"),
        field!("i18n_content": I18N_STR, "per-locale text; wins over `content`"),
        field!("text_size" = "normal": TEXT_SIZE, "a size preset or a `config.style.text_size` name"),
        field!("text_align" = "left": Ty::Enum(&TEXT_ALIGN), "text alignment"),
        field!("lines": Ty::Int { min: 1, max: i64::MAX }, "maximum number of lines shown, then `…`"),
    ],
    text_child: Some(TextChild {
        field: "content",
        form: TextForm::Raw,
    }),
    one_of: &[&["content", "i18n_content"]],
    doc: "a lark_md (limited markdown) text object",
    ..super::TAGGED_PART
};

/// An option of a select or overflow (reference-v2 §2.16). Which fields a menu needs is in
/// [`crate::Spec::part_fields`].
pub(crate) static OPTION: Node = Node {
    tag: "option",
    kind: Kind::Part,
    fields: &[
        field!("text": PLAIN_100, "option text, at most 100 characters"),
        field!("value": STR, "value sent back on selection (an open_id for person selects)"),
        field!("icon": ICON, "icon before the option text"),
        field!("multi_url": Ty::Object("multi_url"), "overflow only: per-platform links opened on selection"),
    ],
    text_child: Some(TextChild {
        field: "text",
        form: TextForm::Object,
    }),
    doc: "an option of a select or overflow menu",
    ..super::PART
};

/// `confirm` (reference-v2 §2.11).
pub(crate) static CONFIRM_NODE: Node = Node {
    tag: "confirm",
    kind: Kind::Part,
    fields: &[
        field!(req "title": PLAIN, "dialog title (old clients ignore the click without it)"),
        field!(req "text": PLAIN, "dialog text"),
    ],
    doc: "a confirmation dialog shown before the interaction takes effect",
    ..super::PART
};

/// The `size` of an icon, `"<w>px <h>px"` (documented on the collapsible panel header icon).
const ICON_SIZE: Ty = STR;

/// `standard_icon` (reference-v2 §2.10). Tokens are not a closed set (official examples use
/// tokens missing from the icon page), so the token is not checked.
pub(crate) static STANDARD_ICON: Node = Node {
    tag: "standard_icon",
    kind: Kind::Part,
    fields: &[
        field!(req "token": STR, "icon library token, e.g. `chat-forbidden_outlined`"),
        field!("color": COLOR, "icon colour (tints `_outlined` and `_filled` tokens)"),
        field!("size" = "10px 10px": ICON_SIZE, "collapsible panel header only: `\"16px 16px\"`"),
        field!("img_key": STR, "ignored for a standard icon"),
        field!("i18n_img_key": I18N_STR, "ignored for a standard icon"),
    ],
    doc: "an icon from the icon library",
    ..super::TAGGED_PART
};

/// `custom_icon` (reference-v2 §2.10).
pub(crate) static CUSTOM_ICON: Node = Node {
    tag: "custom_icon",
    kind: Kind::Part,
    fields: &[
        field!(req "img_key": STR, "image key from the upload image API"),
        field!("i18n_img_key": I18N_STR, "per-locale image keys"),
        field!("size" = "10px 10px": ICON_SIZE, "collapsible panel header only: `\"16px 16px\"`"),
        field!("token": STR, "ignored for a custom icon"),
        field!("color": COLOR, "ignored for a custom icon"),
    ],
    ties: &[super::IMG_KEY],
    doc: "an uploaded image used as an icon",
    ..super::TAGGED_PART
};

/// A `behaviors` entry (reference-v2 §2.13). `form_action` is 1.0-only (its enum value is
/// tagged `V1`).
pub(crate) static BEHAVIOR: Node = Node {
    tag: "behavior",
    kind: Kind::Part,
    fields: &[
        field!(req "type": Ty::Enum(&BEHAVIOR_TYPE), "`open_url` or `callback`"),
        field!("default_url": STR, "open_url: default link"),
        field!("pc_url": STR, "open_url: link on desktop"),
        field!("ios_url": STR, "open_url: link on iOS"),
        field!("android_url": STR, "open_url: link on Android"),
        field!("value": VALUE, "callback: payload echoed back as `action.value`"),
    ],
    ties: &[
        crate::Tie::Needs {
            field: "type",
            value: "open_url",
            needs: "default_url",
        },
        crate::Tie::Needs {
            field: "type",
            value: "callback",
            needs: "value",
        },
    ],
    doc: "an interaction: open a link or call back",
    ..super::PART
};

/// The `fallback_text` object of `audio.fallback` (reference-v2 §4.10).
pub(crate) static FALLBACK_TEXT: Node = Node {
    tag: "fallback_text",
    kind: Kind::Part,
    fields: &[field!("text": PLAIN, "text shown on clients older than 7.49")],
    doc: "the text old clients show instead of an audio player",
    ..super::TAGGED_PART
};

/// A `div` field: one cell of the 1.0-style `fields` grid, printed in a 2.0 demo (ex v2-30;
/// UNCONFIRMED beyond it).
pub(crate) static FIELD: Node = Node {
    tag: "field",
    kind: Kind::Part,
    fields: &[
        field!(req "is_short": Ty::Bool, "`true` puts the field side by side with its neighbour"),
        field!(req "text": super::TEXT, "the field's text"),
    ],
    text_child: Some(TextChild {
        field: "text",
        form: TextForm::Object,
    }),
    doc: "one field of a div's `fields` grid",
    ..super::PART
};
