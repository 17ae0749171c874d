//! Rows shared by card JSON 1.0 and 2.0: sub-objects both versions document alike, tagged with
//! both versions and listed in both specs' nodes.

use crate::{Admits, Node, Ty, Version};

mod parts;

pub(crate) use parts::{COLUMN_ACTION, CONFIRM_NODE, PERSON_LIST_PERSON, UD_ICON, URL_OBJECT_NODE};

/// The version tags of every row here.
pub(crate) const VERSIONS: &[Version] = &[Version::V1, Version::V2];

/// The base of a shared part row.
pub(crate) const PART: Node = Node {
    versions: VERSIONS,
    ..Node::PART
};

/// A text object that may be `plain_text` only.
pub(crate) const PLAIN: Ty = Ty::Text {
    kinds: &["plain_text"],
    max_chars: None,
};
/// A `plain_text` object of at most 100 characters (button text, placeholders, options;
/// reference-v2 §2.9).
pub(crate) const PLAIN_100: Ty = Ty::Text {
    kinds: &["plain_text"],
    max_chars: Some(100),
};
/// A text object, `plain_text` (the default for a bare string) or `lark_md`.
pub(crate) const TEXT: Ty = Ty::Text {
    kinds: &["plain_text", "lark_md"],
    max_chars: None,
};
/// A string without a documented length limit.
pub(crate) const STR: Ty = Ty::Str { max_chars: None };
/// A callback payload echoed back in the callback's `action.value`: an object, or a string in
/// the legacy form (reference-v2 §2.14).
pub(crate) const VALUE: Ty = Ty::Json;
/// The secondary confirmation dialog (reference-v2 §2.11).
pub(crate) const CONFIRM: Ty = Ty::Object("confirm");
/// An icon object: `standard_icon` (icon library) or `custom_icon` (uploaded image;
/// reference-v2 §2.10).
pub(crate) const ICON: Ty = Ty::Component(Admits::Only(&["standard_icon", "custom_icon"]));
/// `behaviors`: `open_url` / `callback` (and `form_action` in 1.0) interactions (§2.13).
pub(crate) const BEHAVIORS: Ty = Ty::Array(&Ty::Object("behavior"), None);

#[cfg(test)]
mod tests {
    use crate::{Version, node};

    /// A shared row is one row: both versions find the same static, tagged with both.
    #[test]
    fn shared_rows_are_one_row_in_both_specs() {
        for tag in [
            "confirm",
            "multi_url",
            "column_set.action",
            "person_list.person",
            "ud_icon",
        ] {
            let (v1, v2) = (
                node(Version::V1, tag).unwrap(),
                node(Version::V2, tag).unwrap(),
            );
            assert!(std::ptr::eq(v1, v2), "{tag}");
            assert_eq!(v1.versions, Version::ALL, "{tag}");
            assert!(v1.all_fields().all(|f| f.versions == Version::ALL), "{tag}");
        }
    }
}
