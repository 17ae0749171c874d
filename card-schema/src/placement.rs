//! Which component may stand where: reference §1.7's container admission table as one function.
//!
//! The admission lists themselves are data (each container's [`crate::Ty::Components`] field);
//! this module adds the rules that depend on more than the immediate container (a `form`
//! ancestor, no `column` ancestor, depth) and turns every refusal into a message that says what
//! to do instead.

use crate::{Admits, Placement, Version, node, nodes, spec, suggest};

/// Whether component `child` may stand inside the chain `ancestors`.
///
/// `ancestors` are component tags from the root, excluding `card`, the last being the immediate
/// container; `[]` means the card root `elements` (also used for `i18n_elements.<lang>`).
///
/// # Errors
///
/// A message (lowercase, no trailing period, code in backticks) saying why `child` cannot stand
/// there and what to do instead; also for an unknown or non-component `child`. Too deep a nesting is reported once, on the container that
/// crosses the spec's `max_depth` ([`crate::MAX_DEPTH`] in 1.0).
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
    let spec = spec(version);
    let Some(child_node) = node(version, child) else {
        if let Some(mix_up) = crate::mix_up(version, child, None) {
            return Err(mix_up.message);
        }
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
    let rules = &spec.placement;
    let parent = ancestors.last().copied();
    let inside = |p: &str| format!("inside `<{p}>`");
    let place = parent.map_or_else(|| "at the card root".to_owned(), inside);
    let wrapper = rules.wrapper.filter(|w| w.wraps.contains(&child));

    if let (None, Some(wrapper)) = (parent, wrapper) {
        return Err(format!(
            "`{child}` cannot be placed at the card root; wrap it in `<{}>`",
            wrapper.tag
        ));
    }
    for &(component, ancestor) in rules.needs_ancestor {
        if component == child && !ancestors.contains(&ancestor) {
            return Err(format!(
                "`{child}` can only be placed inside a `<{ancestor}>`"
            ));
        }
    }
    for &(component, ancestor) in rules.never_under {
        if component == child && ancestors.contains(&ancestor) {
            return Err(if component == ancestor {
                format!("`{child}` cannot be nested in another `<{ancestor}>`")
            } else {
                format!("`{child}` cannot be placed inside a `<{ancestor}>`")
            });
        }
    }
    if let (true, Some(parent)) = (rules.root_only.contains(&child), parent) {
        // A wrapper only serves at the root; the containers that take its components directly
        // make it pointless, so say that rather than "move it to the root".
        let wraps_here = rules
            .wrapper
            .filter(|w| w.tag == child)
            .and_then(|w| w.wraps.first())
            .and_then(|first| allowed_parents(rules, first))
            .is_some_and(|parents| parents.contains(&parent));
        let fix = if wraps_here {
            format!("; inside `<{parent}>` put the buttons and menus directly, without `<{child}>`")
        } else {
            String::new()
        };
        return Err(format!(
            "`{child}` can only be placed at the card root, not {place}{fix}"
        ));
    }
    if let Some(allowed) = allowed_parents(rules, child) {
        if !allowed.contains(&parent.unwrap_or("")) {
            return Err(format!(
                "`{child}` cannot be placed {place}; it may stand {}",
                describe_parents(&allowed)
            ));
        }
    }

    let admits = match parent {
        None => rules.root_admits,
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
        let hint = rules
            .hints
            .iter()
            .find(|h| h.component == child && Some(h.container) == parent);
        if let (Some(hint), Some(parent)) = (hint, parent) {
            return Err(format!(
                "`{child}` cannot be placed directly inside a `<{parent}>`; {}",
                hint.fix
            ));
        }
        return Err(match (parent, admits) {
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
    // Containers the spec does not count (2.0 `column`, one level with its `column_set`).
    let counted = |tag: &str| !spec.placement.uncounted.contains(&tag);
    let above = ancestors.iter().filter(|tag| counted(tag)).count();
    let depth = above + usize::from(child_node.kind == crate::Kind::Container && counted(child));
    if depth > spec.max_depth && above <= spec.max_depth {
        return Err(format!(
            "`{child}` would be nested {depth} containers deep; card JSON allows at most {}",
            spec.max_depth
        ));
    }
    Ok(())
}

/// Immediate containers a component may stand in, where the spec lists them (`""` is the card
/// root). A wrapped component stands in its wrapper and in the containers that take it
/// directly. `None` leaves the decision to the container's list.
fn allowed_parents(rules: &Placement, child: &str) -> Option<Vec<&'static str>> {
    if let Some(&(_, parents)) = rules.parents.iter().find(|(c, _)| *c == child) {
        return Some(parents.to_vec());
    }
    let wrapper = rules.wrapper.filter(|w| w.wraps.contains(&child))?;
    Some(
        std::iter::once(wrapper.tag)
            .chain(wrapper.direct.iter().copied())
            .collect(),
    )
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
        assert_eq!(placement(V2, &[], "div"), Ok(()));
        assert!(
            placement(V2, &[], "note")
                .unwrap_err()
                .starts_with("`note` does not exist in card JSON 2.0: write a `div`")
        );
        assert_eq!(
            placement(V1, &[], "audio").unwrap_err(),
            "`audio` exists only in card JSON 2.0; add `\"schema\": \"2.0\"` to the card to use it"
        );
    }

    /// Reference-v2 §7.1: no wrapper, form and table at the body root only, every container
    /// admits the rest, multi-selects need a form.
    #[test]
    fn v2_matrix() {
        for child in [
            "button",
            "input",
            "overflow",
            "select_static",
            "checker",
            "chart",
        ] {
            assert_eq!(placement(V2, &[], child), Ok(()), "{child}");
            for parent in [
                "column_set",
                "form",
                "interactive_container",
                "collapsible_panel",
            ] {
                let chain: &[&str] = if parent == "column_set" {
                    &["column_set", "column"]
                } else {
                    &[parent]
                };
                assert_eq!(placement(V2, chain, child), Ok(()), "{child} in {parent}");
            }
        }
        for parent in ["form", "interactive_container", "collapsible_panel"] {
            for child in ["form", "table"] {
                assert!(
                    placement(V2, &[parent], child).is_err(),
                    "{child} in {parent}"
                );
            }
        }
        assert_eq!(
            placement(V2, &["collapsible_panel"], "table").unwrap_err(),
            "`table` can only be placed at the card root, not inside `<collapsible_panel>`"
        );
        assert_eq!(
            placement(V2, &["form"], "form").unwrap_err(),
            "`form` cannot be nested in another `<form>`"
        );
        assert!(placement(V2, &[], "multi_select_person").is_err());
        assert_eq!(
            placement(V2, &["form", "column_set", "column"], "multi_select_static"),
            Ok(())
        );
        assert!(placement(V2, &[], "column").is_err());
    }

    /// Reference-v2 §7.2: a `column_set` + `column` pair is one level (ex v2-25 nests three
    /// pairs), other containers one each; five levels at most.
    #[test]
    fn v2_depth_counts_a_column_pair_once() {
        let pairs = ["column_set", "column"].repeat(5);
        let chain: Vec<&str> = pairs.to_vec();
        assert_eq!(placement(V2, &chain, "div"), Ok(()));
        assert!(placement(V2, &chain, "column_set").is_err());
        let panels = ["collapsible_panel"; 4];
        assert_eq!(placement(V2, &panels, "interactive_container"), Ok(()));
        let five = ["collapsible_panel"; 5];
        assert_eq!(
            placement(V2, &five, "collapsible_panel").unwrap_err(),
            "`collapsible_panel` would be nested 6 containers deep; card JSON allows at most 5"
        );
    }
}
