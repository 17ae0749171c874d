//! The shared sub-objects: `confirm`, URL objects, the column link, a person of a person list,
//! the icon-library `ud_icon`.

use crate::v1::{PLAIN, STR, field};
use crate::{Kind, Node, Ty};

/// `ud_icon`: an icon from the Feishu icon library.
pub(crate) static UD_ICON: Node = Node {
    tag: "ud_icon",
    kind: Kind::Part,
    fields: &[
        // Optional per the title page (an icon without token shows nothing).
        field!("token": STR, "icon library token, e.g. `chat-forbidden_outlined`"),
        // UNCONFIRMED: only `{color}` is documented inside `style`; kept free-form.
        field!("style": Ty::Json, "icon style, e.g. `{\"color\": \"red\"}`"),
    ],
    doc: "icon-library icon",
    ..super::PART
};

/// The URL object: `card_link`, `multi_url`, markdown `href` values.
///
/// The links are plain strings rather than [`crate::Pattern::Url`]: official 1.0 examples use
/// empty strings and placeholders such as `"xxx1"` here.
pub(crate) static URL_OBJECT_NODE: Node = Node {
    tag: "multi_url",
    kind: Kind::Part,
    fields: &[
        field!("url": STR, "default link"),
        field!("pc_url": STR, "link on desktop"),
        field!("ios_url": STR, "link on iOS"),
        field!("android_url": STR, "link on Android"),
    ],
    ties: &[crate::Tie::Either {
        one: "url",
        all: &["pc_url", "ios_url", "android_url"],
        what: "a URL object",
    }],
    doc: "per-platform links: `url`, or all of `pc_url`, `ios_url` and `android_url`",
    ..super::PART
};

/// The secondary confirmation dialog.
pub(crate) static CONFIRM_NODE: Node = Node {
    tag: "confirm",
    kind: Kind::Part,
    fields: &[
        // Old clients ignore the click when the title is missing.
        field!(req "title": PLAIN, "dialog title"),
        field!(req "text": PLAIN, "dialog text"),
    ],
    doc: "a confirmation dialog shown before the interaction takes effect",
    ..super::PART
};

/// `action` of a column or column_set: a link only.
pub(crate) static COLUMN_ACTION: Node = Node {
    tag: "column_set.action",
    kind: Kind::Part,
    fields: &[field!(req "multi_url": Ty::Object("multi_url"), "per-platform links")],
    doc: "the link a column or column_set opens when clicked",
    ..super::PART
};

/// One user of a `person_list`.
pub(crate) static PERSON_LIST_PERSON: Node = Node {
    tag: "person_list.person",
    kind: Kind::Part,
    fields: &[field!(req "id": STR, "open_id, union_id or user_id of the user")],
    doc: "one user of a person_list",
    ..super::PART
};
