//! `cardkit_card!`: `card!` plus a typed handle for each text element with a literal
//! `element_id` (`<markdown element_id="answer">`, `<plain_text element_id="...">`), so that
//! streaming into an element the card does not have is a compile error (no such field).
//!
//! Only elements that are certainly in the card get a handle: those among the card's own
//! children, not inside `for`, `if` or `match` bodies (which are brace groups in the token
//! stream and are not searched), and only with a string literal id.

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::quote;

/// Expands `cardkit_card! { <card ...> ... </card> }`.
pub(crate) fn cardkit_card(input: TokenStream) -> TokenStream {
    let ids = text_element_ids(input.clone());
    let card = crate::expand::card(input);
    let names: Vec<Ident> = ids.iter().filter_map(|id| field_name(id)).collect();
    let values: Vec<&String> = ids.iter().filter(|id| field_name(id).is_some()).collect();
    quote! {
        {
            /// The card's text elements, one typed handle per `element_id`.
            #[derive(Clone, Copy, Debug)]
            #[allow(non_snake_case, missing_docs)]
            struct TextElements {
                #( pub #names: ::card_runtime::cardkit::TextElement, )*
            }
            ::card_runtime::cardkit::StreamableCard::new(
                #card,
                TextElements {
                    #( #names: ::card_runtime::cardkit::TextElement::__from_macro(#values), )*
                },
            )
        }
    }
}

/// The field for an id, or none for ids Rust cannot name (`self`, `crate`, ...).
fn field_name(id: &str) -> Option<Ident> {
    if syn::parse_str::<Ident>(id).is_ok() {
        return Some(Ident::new(id, Span::call_site()));
    }
    match id {
        "self" | "Self" | "super" | "crate" | "_" => None,
        _ => Some(Ident::new_raw(id, Span::call_site())),
    }
}

/// The literal `element_id`s of `<markdown>` and `<plain_text>` start tags at the top level.
fn text_element_ids(input: TokenStream) -> Vec<String> {
    let tokens: Vec<TokenTree> = input.into_iter().collect();
    let mut ids = Vec::new();
    let mut i = 0;
    while i + 1 < tokens.len() {
        let start = matches!(&tokens[i], TokenTree::Punct(p) if p.as_char() == '<');
        let text_tag = matches!(&tokens[i + 1], TokenTree::Ident(tag) if tag == "markdown" || tag == "plain_text");
        if !(start && text_tag) {
            i += 1;
            continue;
        }
        // Attributes up to the tag's `>`: `name = value`; values that are groups are skipped
        // whole, since they are single token trees.
        let mut j = i + 2;
        while j < tokens.len() {
            match &tokens[j] {
                TokenTree::Punct(p) if p.as_char() == '>' => break,
                TokenTree::Ident(name) if name == "element_id" => {
                    let eq = matches!(tokens.get(j + 1), Some(TokenTree::Punct(p)) if p.as_char() == '=');
                    if let (true, Some(TokenTree::Literal(literal))) = (eq, tokens.get(j + 2)) {
                        if let Ok(lit) = syn::parse_str::<syn::LitStr>(&literal.to_string()) {
                            ids.push(lit.value());
                        }
                    }
                    j += 1;
                }
                _ => j += 1,
            }
        }
        i = j;
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_literal_ids_of_text_elements_outside_control_flow_count() {
        let input: TokenStream = r#"
            <card schema="2.0">
                <markdown element_id="answer">"…"</markdown>
                <plain_text element_id="status" content="x"/>
                <button element_id="go">"Go"</button>
                <markdown element_id={dynamic}>"x"</markdown>
                if show { <markdown element_id="maybe">"x"</markdown> }
            </card>
        "#
        .parse()
        .unwrap();
        assert_eq!(text_element_ids(input), ["answer", "status"]);
        assert!(field_name("self").is_none());
        assert_eq!(field_name("type").unwrap().to_string(), "r#type");
    }
}
