//! Implementation detail of `card-runtime`: use `card_runtime::card!`, which documents the syntax.

mod ast;
mod check;
mod ctxt;
mod expand;
mod interpolate;
mod ir;
mod parse;
#[cfg(test)]
mod tests;
mod text_handles;

use proc_macro::TokenStream;

/// See `card_runtime::card!`.
#[proc_macro]
pub fn card(input: TokenStream) -> TokenStream {
    expand::card(input.into()).into()
}

/// See `card_runtime::cardkit_card!`.
#[proc_macro]
pub fn cardkit_card(input: TokenStream) -> TokenStream {
    text_handles::cardkit_card(input.into()).into()
}
