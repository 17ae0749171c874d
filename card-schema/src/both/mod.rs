//! Rows shared by card JSON 1.0 and 2.0: sub-objects both versions document alike, tagged with
//! both versions and listed in both specs' nodes.

use crate::{Node, Version};

mod parts;

pub(crate) use parts::{COLUMN_ACTION, CONFIRM_NODE, PERSON_LIST_PERSON, UD_ICON, URL_OBJECT_NODE};

/// The version tags of every row here.
pub(crate) const VERSIONS: &[Version] = &[Version::V1, Version::V2];

/// The base of a shared part row.
pub(crate) const PART: Node = Node {
    versions: VERSIONS,
    ..Node::PART
};

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
