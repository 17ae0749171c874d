//! The card root, `config`, the header and its parts, and the URL object.

use super::{PLAIN, STR, TEXT, URL_OBJECT, field};
use crate::enums::{HEADER_TEMPLATE, SCHEMA_VERSION, TEXT_TAG_COLOR, WIDTH_MODE};
use crate::{Admits, ChildRule, Field, Kind, Node, TextChild, TextForm, Ty};

/// What the card root `elements` admit directly. Interactive components are refused here because
/// Feishu wants them inside an `action`, and `column` only lives in a `column_set`;
/// [`crate::placement`] turns each refusal into a precise message.
pub(crate) const ROOT_ADMITS: Admits = Admits::AllExcept(&[
    "column",
    "button",
    "select_static",
    "select_person",
    "overflow",
    "date_picker",
    "picker_time",
    "picker_datetime",
    "input",
    "multi_select_static",
    "multi_select_person",
]);

/// Builds a `<card>` attribute that lands in `config.<name>`.
macro_rules! config_sugar {
    ($name:literal: $ty:expr, $doc:literal) => {
        Field {
            name: $name,
            path: &["config", $name],
            ty: $ty,
            required: false,
            versions: &[crate::Version::V1],
            form_only: false,
            default: None,
            doc: $doc,
        }
    };
}

/// The `config` fields, made with `$make` (`field` for the `config` node, `config_sugar` for the
/// `<card>` attributes) after the fields `$before`, so both list them from one place.
macro_rules! config_fields {
    ($make:ident; $($before:expr,)*) => {
        [
            $($before,)*
            $make!("update_multi": Ty::Bool, "shared card: updates are seen by every recipient (default false)"),
            $make!("enable_forward": Ty::Bool, "whether the card may be forwarded (default true)"),
            $make!("wide_screen_mode": Ty::Bool, "deprecated and ignored: every card adapts to the width"),
            $make!("width_mode": Ty::Enum(&WIDTH_MODE), "card width: default (600px), compact (400px) or fill"),
            $make!("compact_width": Ty::Bool, "deprecated: `width_mode` wins"),
            $make!("use_custom_translation": Ty::Bool, "use the i18n data as the translation result"),
            $make!("enable_forward_interaction": Ty::Bool, "forwarded copies keep their callbacks"),
            $make!("style": Ty::Json, "custom `text_size` and `color` definitions referenced by name"),
        ]
    };
}

/// The `config` node; its fields are also `<card>` sugar attributes.
pub(crate) static CONFIG: Node = Node {
    tag: "config",
    kind: Kind::Part,
    fields: &config_fields!(field;),
    doc: "card configuration",
    ..Node::PART
};

/// The card root.
pub(crate) static CARD: Node = Node {
    tag: "card",
    kind: Kind::Card,
    fields: &config_fields!(config_sugar;
        // The 2.0 refusal is a rule of its own in `validate`; the enum lists both so that the
        // macro can parse `<card schema="2.0">` and give the same refusal.
        field!("schema": Ty::Enum(&SCHEMA_VERSION), "card JSON generation; absent means 1.0"),
        field!("config": Ty::Object("config"), "card configuration"),
        field!("card_link": URL_OBJECT, "jump target when the whole card is clicked"),
        field!("header": Ty::Object("header"), "title bar"),
        field!("elements": Ty::Components(ROOT_ADMITS), "components, rendered top to bottom"),
        field!("i18n_elements": Ty::I18n(&Ty::Components(ROOT_ADMITS)), "per-locale components; replaces `elements`"),
        field!("i18n_header": Ty::I18n(&Ty::Object("header")), "per-locale title bar"),
        field!("fallback": Ty::Json, "global downgrade rule for old clients (client 7.7+)"),
    ),
    children: &[
        ChildRule::Part {
            tag: "header",
            node: "header",
            field: "header",
            many: false,
        },
        ChildRule::Components { field: "elements" },
    ],
    doc: "a card JSON 1.0 message card",
    ..Node::PART
};

/// The title bar.
pub(crate) static HEADER: Node = Node {
    tag: "header",
    kind: Kind::Part,
    fields: &[
        field!(req "title": TEXT, "main title; `content` or per-locale `i18n`; up to 4 lines shown"),
        field!("subtitle": TEXT, "subtitle, one line shown"),
        field!("template" = "default": Ty::Enum(&HEADER_TEMPLATE), "title bar colour (default `default`)"),
        // Feishu shows at most 3 tags and ignores the rest, so `validate` reports extra tags as a
        // warning while the macro can refuse them outright.
        field!("text_tag_list": Ty::Array(&Ty::Object("text_tag"), Some(3)), "tags after the title; at most 3 are shown"),
        field!("i18n_text_tag_list": Ty::I18n(&Ty::Array(&Ty::Object("text_tag"), Some(3))), "per-locale tags; wins over `text_tag_list`"),
        field!("icon": Ty::Object("header.icon"), "custom image icon before the title"),
        field!("ud_icon": Ty::Object("ud_icon"), "icon-library icon before the title; wins over `icon`"),
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
    ..Node::PART
};

/// Header `icon`: an uploaded image.
pub(crate) static HEADER_ICON: Node = Node {
    tag: "header.icon",
    kind: Kind::Part,
    // The title page marks `img_key` optional, so a header icon without one is accepted.
    fields: &[field!("img_key": STR, "image key from the upload image API")],
    ties: &[super::IMG_KEY],
    doc: "custom header icon",
    ..Node::PART
};

/// A header tag.
pub(crate) static TEXT_TAG: Node = Node {
    tag: "text_tag",
    kind: Kind::Part,
    fields: &[
        // The title page marks `text` optional.
        field!("text": PLAIN, "tag text"),
        field!("color" = "blue": Ty::Enum(&TEXT_TAG_COLOR), "tag colour (default blue)"),
    ],
    text_child: Some(TextChild {
        field: "text",
        form: TextForm::Object,
    }),
    doc: "a coloured tag in the title bar",
    ..Node::COMPONENT
};
