//! Which component may stand where: reference §1.7's container admission table as one function.
//!
//! The admission lists themselves are data (each container's [`crate::Ty::Components`] field);
//! this module adds the rules that depend on more than the immediate container (a `form`
//! ancestor, no `column` ancestor, depth) and turns every refusal into a message that says what
//! to do instead.

use crate::{Admits, MAX_DEPTH, Version, node, nodes, suggest, v1};

/// Components that only stand at the card root (or an `i18n_elements` locale).
const ROOT_ONLY: &[&str] = &["table", "form", "action"];
/// Components refused anywhere below a `column`, not only directly in it (the safe reading of
/// "not inside column").
const NOT_UNDER_COLUMN: &[&str] = &["overflow", "img_combination"];

/// Whether component `child` may stand inside the chain `ancestors`.
///
/// `ancestors` are component tags from the root, excluding `card`, the last being the immediate
/// container; `[]` means the card root `elements` (also used for `i18n_elements.<lang>`).
///
/// # Errors
///
/// A message (lowercase, no trailing period, code in backticks) saying why `child` cannot stand
/// there and what to do instead; also for an unknown or non-component `child` and for card JSON
/// 2.0, which has no tables yet. Too deep a nesting is reported once, on the container that
/// crosses [`MAX_DEPTH`].
///
/// ```
/// use card_schema::{Version, placement};
/// assert!(placement(Version::V1, &["action"], "button").is_ok());
/// assert_eq!(
///     placement(Version::V1, &[], "button").unwrap_err(),
///     "`button` cannot be placed at the card root; wrap it in `<action>`"
/// );
/// assert!(placement(Version::V1, &["form", "column_set", "column"], "multi_select_static").is_ok());
/// assert!(placement(Version::V1, &["column_set", "column"], "table").is_err());
/// ```
pub fn placement(version: Version, ancestors: &[&str], child: &str) -> Result<(), String> {
    if version == Version::V2 {
        return Err("card JSON 2.0 is not supported yet".to_owned());
    }
    let Some(child_node) = node(version, child) else {
        let components = nodes(version)
            .iter()
            .filter(|n| n.is_component())
            .map(|n| n.tag);
        return Err(match suggest(child, components) {
            Some(close) => format!("unknown component `{child}`; did you mean `{close}`?"),
            None => format!("unknown component `{child}`"),
        });
    };
    if !child_node.is_component() {
        return Err(format!(
            "`{child}` is not a component and cannot stand among components"
        ));
    }
    let parent = ancestors.last().copied();
    let inside = |p: &str| format!("inside `<{p}>`");
    let place = parent.map_or_else(|| "at the card root".to_owned(), inside);

    if parent.is_none() && v1::NEEDS_ACTION.contains(&child) {
        return Err(format!(
            "`{child}` cannot be placed at the card root; wrap it in `<action>`"
        ));
    }
    if child.starts_with("multi_select_") && !ancestors.contains(&"form") {
        return Err(format!("`{child}` can only be placed inside a `<form>`"));
    }
    if child == "form" && ancestors.contains(&"form") {
        return Err("`form` cannot be nested in another `<form>`".to_owned());
    }
    if let (true, Some(parent)) = (ROOT_ONLY.contains(&child), parent) {
        // `action` only wraps interactive components at the root; the containers that take them
        // directly make the wrapper pointless, so say that rather than "move it to the root".
        let fix = if child == "action"
            && allowed_parents("button").is_some_and(|p| p.contains(&parent))
        {
            format!("; inside `<{parent}>` put the buttons and menus directly, without `<action>`")
        } else {
            String::new()
        };
        return Err(format!(
            "`{child}` can only be placed at the card root, not {place}{fix}"
        ));
    }
    if NOT_UNDER_COLUMN.contains(&child) && ancestors.contains(&"column") {
        return Err(format!("`{child}` cannot be placed inside a `<column>`"));
    }
    if let Some(allowed) = allowed_parents(child) {
        if !allowed.contains(&parent.unwrap_or("")) {
            return Err(format!(
                "`{child}` cannot be placed {place}; it may stand {}",
                describe_parents(allowed)
            ));
        }
    }

    let admits = match parent {
        None => v1::ROOT_ADMITS,
        Some(parent) => match node(version, parent) {
            Some(parent_node) => match parent_node.admits() {
                Some(admits) => admits,
                None => return Err(format!("`{parent}` cannot hold components")),
            },
            // An unknown container is reported on its own; nothing more to say about the child.
            None => return Ok(()),
        },
    };
    if !admits.admits(child) {
        return Err(match (parent, admits) {
            (Some("form"), _) if child == "div" => {
                "`div` cannot be placed directly inside a `<form>`; use `<markdown>` or wrap it in \
                 a `<column_set>`"
                    .to_owned()
            }
            (_, Admits::Only(tags)) => format!(
                "`{child}` cannot be placed {place}; expected one of {}",
                backticked(tags)
            ),
            (_, Admits::AllExcept(_)) => format!("`{child}` cannot be placed {place}"),
        });
    }

    // Every container in the chain is one level; a container child opens one more. Only the
    // container that crosses the limit is refused: below it the chain itself is already too
    // deep and was reported there, so its contents add no new finding.
    let depth = ancestors.len() + usize::from(child_node.kind == crate::Kind::Container);
    if depth > MAX_DEPTH && ancestors.len() <= MAX_DEPTH {
        return Err(format!(
            "`{child}` would be nested {depth} containers deep; card JSON allows at most {MAX_DEPTH}"
        ));
    }
    Ok(())
}

/// Immediate containers a component may stand in, where reference §1.7 lists them (`""` is
/// the card root). `None` leaves the decision to the container's admission list.
fn allowed_parents(child: &str) -> Option<&'static [&'static str]> {
    Some(match child {
        "column" => &["column_set"],
        "chart" => &["", "column", "collapsible_panel"],
        // The 1.0 interactive-container page also names forms (and loop containers, which only
        // exist in the card builder).
        "interactive_container" => &["", "column", "form", "interactive_container"],
        "select_img" => &["", "column", "form"],
        // UNCONFIRMED: the 1.0 docs only call the panel "JSON-only"; these are the containers
        // that admit "everything else".
        "collapsible_panel" => &["", "column", "form", "collapsible_panel"],
        "column_set" => &[
            "",
            "column",
            "form",
            "collapsible_panel",
            "interactive_container",
        ],
        // The components an `action` wraps stand in the containers that take them directly.
        _ if v1::NEEDS_ACTION.contains(&child) => {
            &["action", "column", "form", "collapsible_panel"]
        }
        _ => return None,
    })
}

fn describe_parents(parents: &[&str]) -> String {
    let names: Vec<String> = parents
        .iter()
        .map(|p| {
            if p.is_empty() {
                "at the card root".to_owned()
            } else {
                format!("in `<{p}>`")
            }
        })
        .collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("only {} or {last}", rest.join(", ")),
        Some((last, _)) => format!("only {last}"),
        None => "nowhere".to_owned(),
    }
}

/// `` `a`, `b`, `c` ``.
pub(crate) fn backticked(tags: &[&str]) -> String {
    tags.iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::placement;
    use crate::Version::{V1, V2};

    fn err(ancestors: &[&str], child: &str) -> String {
        placement(V1, ancestors, child).expect_err(child)
    }

    #[test]
    fn root_rules() {
        for ok in [
            "div",
            "markdown",
            "hr",
            "img",
            "note",
            "action",
            "form",
            "table",
            "chart",
            "column_set",
            "checker",
            "select_img",
            "person",
            "person_list",
            "img_combination",
            "interactive_container",
            "collapsible_panel",
        ] {
            assert_eq!(placement(V1, &[], ok), Ok(()), "{ok}");
        }
        assert_eq!(
            err(&[], "input"),
            "`input` cannot be placed at the card root; wrap it in `<action>`"
        );
        assert_eq!(
            err(&[], "multi_select_person"),
            "`multi_select_person` can only be placed inside a `<form>`"
        );
        assert_eq!(
            err(&[], "column"),
            "`column` cannot be placed at the card root; it may stand only in `<column_set>`"
        );
    }

    #[test]
    fn action_holds_only_interactive_components() {
        for ok in [
            "button",
            "select_static",
            "select_person",
            "overflow",
            "date_picker",
            "picker_time",
            "picker_datetime",
            "input",
        ] {
            assert_eq!(placement(V1, &["action"], ok), Ok(()), "{ok}");
        }
        assert!(
            err(&["action"], "div")
                .starts_with("`div` cannot be placed inside `<action>`; expected one of `button`")
        );
        assert_eq!(
            err(&["column_set", "column"], "action"),
            "`action` can only be placed at the card root, not inside `<column>`; inside \
             `<column>` put the buttons and menus directly, without `<action>`"
        );
        assert_eq!(
            err(&["form"], "action"),
            "`action` can only be placed at the card root, not inside `<form>`; inside `<form>` \
             put the buttons and menus directly, without `<action>`"
        );
        assert_eq!(
            err(&["column_set", "column", "interactive_container"], "action"),
            "`action` can only be placed at the card root, not inside `<interactive_container>`"
        );
    }

    #[test]
    fn column_rules() {
        let column = ["column_set", "column"];
        assert_eq!(placement(V1, &column, "button"), Ok(()));
        assert_eq!(placement(V1, &column, "column_set"), Ok(()));
        assert_eq!(
            err(&column, "overflow"),
            "`overflow` cannot be placed inside a `<column>`"
        );
        assert_eq!(
            err(&column, "img_combination"),
            "`img_combination` cannot be placed inside a `<column>`"
        );
        assert_eq!(
            err(&column, "form"),
            "`form` can only be placed at the card root, not inside `<column>`"
        );
        assert!(err(&["column_set"], "div").contains("expected one of `column`"));
    }

    #[test]
    fn form_rules() {
        assert_eq!(placement(V1, &["form"], "multi_select_static"), Ok(()));
        assert_eq!(placement(V1, &["form"], "button"), Ok(()));
        assert_eq!(placement(V1, &["form"], "overflow"), Ok(()));
        assert_eq!(
            err(&["form"], "form"),
            "`form` cannot be nested in another `<form>`"
        );
        assert_eq!(
            err(&["form"], "table"),
            "`table` can only be placed at the card root, not inside `<form>`"
        );
        assert_eq!(
            err(&["form"], "chart"),
            "`chart` cannot be placed inside `<form>`; it may stand only at the card root, in `<column>` or in `<collapsible_panel>`"
        );
        assert!(
            err(&["form"], "div").starts_with("`div` cannot be placed directly inside a `<form>`")
        );
        assert_eq!(
            placement(V1, &["form", "column_set", "column"], "div"),
            Ok(())
        );
    }

    #[test]
    fn other_containers() {
        assert_eq!(
            placement(V1, &["interactive_container"], "markdown"),
            Ok(())
        );
        assert!(
            err(&["interactive_container"], "button")
                .contains("`button` cannot be placed inside `<interactive_container>`")
        );
        assert!(err(&["collapsible_panel"], "table").contains("root"));
        assert_eq!(placement(V1, &["collapsible_panel"], "button"), Ok(()));
        assert_eq!(placement(V1, &["collapsible_panel"], "chart"), Ok(()));
        assert_eq!(err(&["hr"], "div"), "`hr` cannot hold components");
    }

    #[test]
    fn depth_is_limited() {
        let five = ["form", "column_set", "column", "column_set", "column"];
        assert_eq!(placement(V1, &five, "button"), Ok(()));
        assert_eq!(
            err(&five, "column_set"),
            "`column_set` would be nested 6 containers deep; card JSON allows at most 5"
        );
    }

    #[test]
    fn unknown_and_non_components() {
        assert_eq!(
            err(&[], "buton"),
            "unknown component `buton`; did you mean `button`?"
        );
        assert_eq!(err(&[], "zzzzzz"), "unknown component `zzzzzz`");
        assert_eq!(
            err(&[], "option"),
            "`option` is not a component and cannot stand among components"
        );
        assert_eq!(
            placement(V2, &[], "div"),
            Err("card JSON 2.0 is not supported yet".to_owned())
        );
    }
}
