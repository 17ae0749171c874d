//! Text objects and the small shared sub-objects: field, option, confirm, icons, behaviors.

use super::{COLOR, ICON, PLAIN_100, STR, TEXT, URL, URL_OBJECT, VALUE, field};
use crate::enums::{BEHAVIOR_TYPE, FORM_ACTION_TYPE, FORM_BEHAVIOR, TEXT_ALIGN};
use crate::{Kind, Node, TextChild, TextForm, Ty};

/// `plain_text`: unformatted text.
pub(crate) static PLAIN_TEXT: Node = Node {
    tag: "plain_text",
    kind: Kind::Part,
    fields: &[
        field!("content": STR, "the text"),
        field!("lines": Ty::Int { min: 1, max: i64::MAX }, "maximum number of lines shown"),
        // Documented for the header title and subtitle; SDK models carry it on every plain_text
        // (UNCONFIRMED elsewhere, accepted because Feishu ignores what it does not use).
        field!("i18n": Ty::I18n(&STR), "per-locale text; wins over `content`"),
        // Newer docs, only as `div.text`: a preset (`heading-0`…`heading-4`, `heading`, `normal`,
        // `notation`, `xxxx-large`…`x-small`) or a custom `config.style.text_size` name.
        field!("text_size": STR, "font size preset or custom `config.style.text_size` name"),
        field!("text_color": COLOR, "text colour: `default`, a colour name or a custom colour"),
        field!("text_align": Ty::Enum(&TEXT_ALIGN), "text alignment"),
    ],
    text_child: Some(TextChild {
        field: "content",
        form: TextForm::Raw,
    }),
    one_of: &[&["content", "i18n"]],
    doc: "a plain text object",
    ..Node::COMPONENT
};

/// `lark_md`: text with the limited 1.0 markdown.
pub(crate) static LARK_MD: Node = Node {
    tag: "lark_md",
    kind: Kind::Part,
    fields: &[
        field!("content": STR, "the markdown text"),
        // UNCONFIRMED: `i18n` is documented for header titles, which may be lark_md.
        field!("i18n": Ty::I18n(&STR), "per-locale text; wins over `content`"),
        field!("href": Ty::Map(&URL_OBJECT), "per-platform links referenced as `[label]($name)`"),
        // Documented for plain_text only, but an official button example sets it on lark_md;
        // accepted so that the example passes without a warning.
        field!("lines": Ty::Int { min: 1, max: i64::MAX }, "maximum number of lines shown"),
        field!("text_size": STR, "font size preset or custom `config.style.text_size` name"),
        field!("text_color": COLOR, "text colour: `default`, a colour name or a custom colour"),
        field!("text_align": Ty::Enum(&TEXT_ALIGN), "text alignment"),
    ],
    text_child: Some(TextChild {
        field: "content",
        form: TextForm::Raw,
    }),
    one_of: &[&["content", "i18n"]],
    doc: "a lark_md (limited markdown) text object",
    ..Node::COMPONENT
};

/// A `div` field (one cell of the `fields` grid).
pub(crate) static FIELD: Node = Node {
    tag: "field",
    kind: Kind::Part,
    fields: &[
        field!(req "is_short": Ty::Bool, "`true` puts the field side by side with its neighbour"),
        field!(req "text": TEXT, "the field's text"),
    ],
    text_child: Some(TextChild {
        field: "text",
        form: TextForm::Object,
    }),
    doc: "one field of a div's `fields` grid",
    ..Node::PART
};

/// An option of a select or overflow menu.
pub(crate) static OPTION: Node = Node {
    tag: "option",
    kind: Kind::Part,
    fields: &[
        // Not required here because `select_person` options carry only a `value`; `validate`
        // requires it for every other menu.
        field!("text": PLAIN_100, "option text, at most 100 characters"),
        // Required by the select pages but optional on the overflow page (its example has an
        // option without one); `validate` requires it in selects.
        field!("value": STR, "value sent back on selection (an open_id for person selects)"),
        field!("url": URL, "overflow only: link opened on selection"),
        field!("multi_url": URL_OBJECT, "overflow only: per-platform links opened on selection"),
        field!("icon": ICON, "icon before the option text"),
        // UNCONFIRMED: undocumented, but the official overflow example sets `"multi"` here.
        field!("action_type": Ty::Enum(&FORM_ACTION_TYPE), "overflow: link, request or both (`multi`)"),
    ],
    text_child: Some(TextChild {
        field: "text",
        form: TextForm::Object,
    }),
    exclusive: &[("url", "multi_url")],
    doc: "an option of a select or overflow menu",
    ..Node::PART
};

/// An icon from the Feishu icon library.
pub(crate) static STANDARD_ICON: Node = Node {
    tag: "standard_icon",
    kind: Kind::Part,
    fields: &[
        field!(req "token": STR, "icon library token, e.g. `chat-forbidden_outlined`"),
        field!("color": COLOR, "icon colour"),
        // Documented as `"[1,999] [1,999]px"`, written `"16px 16px"` in the examples.
        field!("size": STR, "icon size, e.g. `\"16px 16px\"`"),
    ],
    doc: "an icon from the icon library",
    ..Node::COMPONENT
};

/// An uploaded image used as an icon.
pub(crate) static CUSTOM_ICON: Node = Node {
    tag: "custom_icon",
    kind: Kind::Part,
    fields: &[
        field!(req "img_key": STR, "image key from the upload image API"),
        field!("size": STR, "icon size, e.g. `\"16px 16px\"`"),
    ],
    ties: &[super::IMG_KEY],
    doc: "an uploaded image used as an icon",
    ..Node::COMPONENT
};

/// One entry of `behaviors`.
pub(crate) static BEHAVIOR: Node = Node {
    tag: "behavior",
    kind: Kind::Part,
    fields: &[
        field!(req "type": Ty::Enum(&BEHAVIOR_TYPE), "what the interaction does"),
        field!("default_url": STR, "open_url: default link"),
        field!("pc_url": STR, "open_url: link on desktop"),
        field!("ios_url": STR, "open_url: link on iOS"),
        field!("android_url": STR, "open_url: link on Android"),
        field!("value": VALUE, "callback: payload sent back in the callback"),
        field!("behavior": Ty::Enum(&FORM_BEHAVIOR), "form_action: submit or reset the form"),
    ],
    ties: &[
        crate::Tie::Needs {
            field: "type",
            value: "open_url",
            needs: "default_url",
        },
        crate::Tie::Needs {
            field: "type",
            value: "form_action",
            needs: "behavior",
        },
    ],
    doc: "an interaction: open a link, send a callback, or submit/reset a form",
    ..Node::PART
};
