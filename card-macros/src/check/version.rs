//! Which card JSON version an invocation is written in: `<card schema="2.0">` for a card,
//! `schema = "2.0";` before a fragment's root element; neither means 1.0. The version picks the
//! card-schema tables every other rule reads, so it is decided once, here, before any check.

use card_schema::Version;

use crate::ast::{AttrValue, Lit, Root};
use crate::ctxt::Ctxt;

/// The version the invocation asks for; a malformed request is reported and read as 1.0, except
/// a `schema` the 1.0 table refuses by itself (an unknown literal), which is left to it so that
/// the message lists the values.
pub(super) fn of_root(cx: &Ctxt, root: &Root) -> Version {
    let el = &root.element;
    let is_card = el.tag() == "card";
    if let Some(prefix) = &root.schema {
        if is_card {
            cx.error(
                prefix.name.span(),
                "`schema = ..;` is for fragments; a card says its version with `<card schema=\"2.0\">`",
            );
        } else if prefix.value.value() == Version::V2.schema() {
            return available(cx, prefix.value.span(), Version::V2);
        } else {
            cx.error(
                prefix.value.span(),
                format_args!(
                    "unknown card JSON version `{}`; a 2.0 fragment starts with `schema = \"2.0\";`, a 1.0 fragment with its element",
                    prefix.value.value()
                ),
            );
        }
        return Version::UNMARKED;
    }
    if !is_card {
        return Version::UNMARKED;
    }
    let Some(attr) = el.attrs.iter().find(|attr| attr.key() == "schema") else {
        return Version::UNMARKED;
    };
    match &attr.value {
        Some(AttrValue::Lit(Lit::Str(lit))) if lit.value() == Version::V2.schema() => {
            available(cx, lit.span(), Version::V2)
        }
        Some(AttrValue::Lit(_)) => Version::UNMARKED,
        _ => {
            cx.error(
                attr.name.span(),
                "`schema` must be written as the literal `schema=\"2.0\"`: `card!` picks the rules it checks by it",
            );
            Version::UNMARKED
        }
    }
}

/// Whether `attr` is a card's `schema` that [`of_root`] refused (not a literal): it is left out
/// of the card, so that one mistake is one error.
pub(super) fn refused_schema(attr: &crate::ast::Attr) -> bool {
    attr.key() == "schema" && !matches!(attr.value, Some(AttrValue::Lit(_)))
}

/// Whether card-schema has no tables for `version` (a build whose 2.0 tables are not filled).
pub(super) fn unavailable(version: Version) -> bool {
    card_schema::nodes(version).is_empty()
}

/// `version`, reporting at `span` when card-schema has no tables for it.
fn available(cx: &Ctxt, span: proc_macro2::Span, version: Version) -> Version {
    if unavailable(version) {
        cx.error(
            span,
            format_args!(
                "this card-schema has no tables for card JSON {}; remove `schema` to write a 1.0 card",
                version.schema()
            ),
        );
    }
    version
}
