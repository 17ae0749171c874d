//! Collects every schema error of one invocation so that they are all reported in one compile.

use std::cell::RefCell;
use std::fmt::Display;

use proc_macro2::Span;

/// The error sink passed through every check (serde_derive's `Ctxt`, in spirit).
///
/// Errors accumulate; [`Ctxt::check`] hands them back combined. Dropping a `Ctxt` without calling
/// `check` is a bug in the macro (errors would be lost), so the drop guard panics, as serde's does;
/// it can only fire on a macro bug, never on user input.
pub(crate) struct Ctxt {
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Ctxt {
    pub(crate) fn new() -> Self {
        Self {
            errors: RefCell::new(Some(Vec::new())),
        }
    }

    /// Reports `message` at `span`.
    pub(crate) fn error(&self, span: Span, message: impl Display) {
        self.syn_error(syn::Error::new(span, message));
    }

    /// Reports `message` over the span of `tokens` (first to last token).
    pub(crate) fn error_spanned(&self, tokens: impl quote::ToTokens, message: impl Display) {
        self.syn_error(syn::Error::new_spanned(tokens, message));
    }

    /// Reports an already built error.
    pub(crate) fn syn_error(&self, err: syn::Error) {
        if let Some(errors) = self.errors.borrow_mut().as_mut() {
            errors.push(err);
        }
    }

    /// Whether any error has been reported so far.
    pub(crate) fn has_errors(&self) -> bool {
        self.errors
            .borrow()
            .as_ref()
            .is_some_and(|errors| !errors.is_empty())
    }

    /// All reported errors combined into one, or `Ok` when there are none.
    pub(crate) fn check(self) -> syn::Result<()> {
        let errors = self.errors.borrow_mut().take().unwrap_or_default();
        let mut iter = errors.into_iter();
        let Some(mut combined) = iter.next() else {
            return Ok(());
        };
        for rest in iter {
            combined.combine(rest);
        }
        Err(combined)
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        if !std::thread::panicking() && self.errors.borrow().is_some() {
            panic!("forgot to check for errors");
        }
    }
}
