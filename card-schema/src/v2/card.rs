//! The 2.0 card level: the card, `config` (streaming, summary, locales, styles), `card_link`,
//! `header` with its tags, and `body` with its layout (reference-v2 §1).

use super::{COLOR, I18N_STR, ICON, PADDING, PLAIN, SPACING, STR, TEXT, field};
use crate::enums::{
    CARD_LOCALE, DIRECTION, HEADER_TEMPLATE, HORIZONTAL_ALIGN, PRINT_STRATEGY, SCHEMA_VERSION,
    TEXT_SIZE, TEXT_TAG_COLOR, VERTICAL_ALIGN, WIDTH_MODE,
};
use crate::{Admits, ChildRule, Field, Kind, Node, TextChild, TextForm, Tie, Ty};

/// What `body.elements` admits: every component but `column` (reference-v2 §1.5, §7.1).
pub(crate) const BODY_ADMITS: Admits = Admits::AllExcept(&["column"]);

/// The card root (reference-v2 §1.1). Top-level `elements`, `i18n_elements`, `i18n_header` and
/// `fallback` are 1.0 ([`super::MIGRATIONS`] names the 2.0 way).
pub(crate) static CARD: Node = Node {
    tag: "card",
    kind: Kind::Card,
    fields: &[
        field!(req "schema": Ty::Enum(&SCHEMA_VERSION), "`\"2.0\"` selects card JSON 2.0"),
        field!("config": Ty::Object("config"), "card configuration"),
        field!("card_link": Ty::Object("multi_url"), "jump target when the whole card is clicked"),
        field!("header": Ty::Object("header"), "title bar (at most one)"),
        field!("body": Ty::Object("body"), "the card body: components and their layout"),
        // `card!` sugar: component children of the card go to `body.elements`.
        Field {
            path: &["body", "elements"],
            ..field!("elements": Ty::Components(BODY_ADMITS), "components, stored in `body.elements`")
        },
    ],
    children: &[
        ChildRule::Part {
            tag: "config",
            node: "config",
            field: "config",
            many: false,
        },
        ChildRule::Part {
            tag: "header",
            node: "header",
            field: "header",
            many: false,
        },
        ChildRule::Part {
            tag: "body",
            node: "body",
            field: "body",
            many: false,
        },
        ChildRule::Components { field: "elements" },
    ],
    doc: "a card JSON 2.0 card",
    ..super::PART
};

/// `config` (reference-v2 §1.2).
pub(crate) static CONFIG: Node = Node {
    tag: "config",
    kind: Kind::Part,
    fields: &[
        field!("streaming_mode" = "false": Ty::Bool, "the card is being streamed (CardKit text streaming)"),
        field!("streaming_config": Ty::Object("streaming_config"), "typing speed and strategy while streaming (client 7.23+)"),
        field!("summary": Ty::Object("summary"), "chat-list preview text"),
        field!("locales": Ty::Array(&Ty::Enum(&CARD_LOCALE), None), "if set, only these languages take effect"),
        field!("enable_forward" = "true": Ty::Bool, "whether the card may be forwarded; `false` when it holds `audio`"),
        field!("update_multi" = "true": Ty::Bool, "shared card: 2.0 supports only `true`"),
        field!("width_mode" = "default": Ty::Enum(&WIDTH_MODE), "card width: default (600px), compact (400px) or fill"),
        field!("use_custom_translation" = "false": Ty::Bool, "on translation, use the matching `i18n_*` data"),
        field!("enable_forward_interaction" = "false": Ty::Bool, "forwarded copies keep their callbacks"),
        field!("style": Ty::Object("config.style"), "custom text sizes and colours referenced by name"),
    ],
    // Reference-v2 §1.2: "only `true`" [STR][BRK]; CardKit refuses `false` (300302).
    ties: &[Tie::Fixed {
        field: "update_multi",
        value: true,
    }],
    doc: "card configuration",
    ..super::PART
};

/// `config.streaming_config` (reference-v2 §1.2, [STREAM]).
pub(crate) static STREAMING_CONFIG: Node = Node {
    tag: "streaming_config",
    kind: Kind::Part,
    fields: &[
        field!("print_frequency_ms": Ty::Object("streaming_config.print"), "milliseconds between two renders (default 70)"),
        field!("print_step": Ty::Object("streaming_config.print"), "characters per render (default 1)"),
        field!("print_strategy" = "fast": Ty::Enum(&PRINT_STRATEGY), "`fast` flushes the rest at once, `delay` keeps typing"),
    ],
    doc: "how streamed text is typed out",
    ..super::PART
};

/// `print_frequency_ms` / `print_step`: a value per platform.
pub(crate) static PRINT_SETTING: Node = Node {
    tag: "streaming_config.print",
    kind: Kind::Part,
    fields: &[
        field!(req "default": Ty::Number, "value on every platform not given below"),
        field!("android": Ty::Number, "value on Android"),
        field!("ios": Ty::Number, "value on iOS"),
        field!("pc": Ty::Number, "value on desktop"),
    ],
    doc: "a streaming setting per platform",
    ..super::PART
};

/// `config.summary` (reference-v2 §1.2).
pub(crate) static SUMMARY: Node = Node {
    tag: "summary",
    kind: Kind::Part,
    fields: &[
        field!("content": STR, "preview text in the chat list"),
        field!("i18n_content": I18N_STR, "per-locale preview text"),
    ],
    doc: "the chat-list preview of the card",
    ..super::PART
};

/// `config.style` (reference-v2 §1.2): names chosen by the card author.
pub(crate) static STYLE: Node = Node {
    tag: "config.style",
    kind: Kind::Part,
    fields: &[
        field!("text_size": Ty::Map(&Ty::Object("config.style.text_size")), "custom text sizes by name"),
        field!("color": Ty::Map(&Ty::Object("config.style.color")), "custom colours by name"),
    ],
    doc: "custom text sizes and colours, referenced by name",
    ..super::PART
};

/// One custom text size: a preset per platform (reference-v2 §1.2, §2.7).
pub(crate) static STYLE_TEXT_SIZE: Node = Node {
    tag: "config.style.text_size",
    kind: Kind::Part,
    fields: &[
        field!("default": Ty::Enum(&TEXT_SIZE), "size on clients that cannot tell PC from mobile (recommended)"),
        field!("pc": Ty::Enum(&TEXT_SIZE), "size on desktop"),
        field!("mobile": Ty::Enum(&TEXT_SIZE), "size on mobile"),
    ],
    doc: "a custom text size",
    ..super::PART
};

/// One custom colour: `rgba(...)` per mode (reference-v2 §1.2).
pub(crate) static STYLE_COLOR: Node = Node {
    tag: "config.style.color",
    kind: Kind::Part,
    fields: &[
        field!("light_mode": COLOR, "`rgba(r,g,b,a)` in light mode"),
        field!("dark_mode": COLOR, "`rgba(r,g,b,a)` in dark mode"),
    ],
    doc: "a custom colour",
    ..super::PART
};

/// `header` (reference-v2 §1.4). It has no `element_id`.
///
/// `title` is required by TITLE and STR, but the structure and breaking-changes pages print
/// headers without one (ex v2-14, v2-15, v2-16) and TITLE says a lone `subtitle` is shown as
/// the title (§12 C12): Feishu accepts the absence, so it is not required here.
pub(crate) static HEADER: Node = Node {
    tag: "header",
    kind: Kind::Part,
    fields: &[
        field!("title": TEXT, "main title (`plain_text` or `lark_md`); up to 4 lines shown"),
        field!("subtitle": TEXT, "subtitle, one line shown"),
        field!("text_tag_list": Ty::Array(&Ty::Object("text_tag"), Some(3)), "tags after the title; at most 3 are shown"),
        field!("i18n_text_tag_list": Ty::I18n(&Ty::Array(&Ty::Object("text_tag"), Some(3))), "per-locale tags; wins over `text_tag_list`"),
        field!("template" = "default": Ty::Enum(&HEADER_TEMPLATE), "title bar colour"),
        field!("icon": ICON, "icon before the title: `standard_icon` or `custom_icon`"),
        // §12 C7: STR's `[0,99]px` over TITLE's copy of the margin range.
        field!("padding" = "12px": PADDING, "inner padding, 1, 2 or 4 values in [0,99]px"),
    ],
    text_child: Some(TextChild {
        field: "title",
        form: TextForm::Object,
    }),
    children: &[ChildRule::Part {
        tag: "text_tag",
        node: "text_tag",
        field: "text_tag_list",
        many: true,
    }],
    doc: "the card title bar",
    ..super::PART
};

/// `text_tag` (reference-v2 §1.4).
pub(crate) static TEXT_TAG: Node = Node {
    tag: "text_tag",
    kind: Kind::Part,
    fields: &[
        super::ELEMENT_ID,
        field!("text": PLAIN, "tag text"),
        field!("color" = "blue": Ty::Enum(&TEXT_TAG_COLOR), "tag colour"),
    ],
    text_child: Some(TextChild {
        field: "text",
        form: TextForm::Object,
    }),
    doc: "a coloured tag in the title bar",
    ..super::TAGGED_PART
};

/// `body` (reference-v2 §1.5): the root of the element tree, with its layout. It takes no
/// `element_id` or `margin` (undocumented, §12.3).
pub(crate) static BODY: Node = Node {
    tag: "body",
    kind: Kind::Card,
    fields: &[
        field!("elements": Ty::Components(BODY_ADMITS), "components, rendered in order"),
        field!("direction" = "vertical": Ty::Enum(&DIRECTION), "`vertical` or `horizontal` flow"),
        field!("padding": PADDING, "inner padding, 1, 2 or 4 values in [0,99]px"),
        field!("horizontal_spacing": SPACING, "space between components side by side"),
        field!("vertical_spacing": SPACING, "space between components one above the other"),
        field!("horizontal_align" = "left": Ty::Enum(&HORIZONTAL_ALIGN), "horizontal alignment"),
        field!("vertical_align" = "top": Ty::Enum(&VERTICAL_ALIGN), "vertical alignment"),
    ],
    children: &[ChildRule::Components { field: "elements" }],
    doc: "the card body: its components and their layout",
    ..super::PART
};

/// A URL object: `card_link`, column `action.multi_url`, overflow option `multi_url`
/// (reference-v2 §1.3, §2.15).
pub(crate) static URL_OBJECT_NODE: Node = Node {
    tag: "multi_url",
    kind: Kind::Part,
    fields: &[
        field!("url": STR, "default link; wins over the platform links"),
        field!("pc_url": STR, "link on desktop"),
        field!("ios_url": STR, "link on iOS"),
        field!("android_url": STR, "link on Android (`lark://msgcard/unsupported_action` disables it)"),
    ],
    ties: &[Tie::Either {
        one: "url",
        all: &["pc_url", "ios_url", "android_url"],
        what: "a URL object",
    }],
    doc: "per-platform links: `url`, or all of `pc_url`, `ios_url` and `android_url`",
    ..super::PART
};
