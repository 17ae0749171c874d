//! Values interpolated into markdown by `card!`: escaped, unless their type is markdown already
//! (the types of [`crate::markdown`]).
//!
//! The choice is made at the expansion site by autoref specialisation (the technique behind
//! anyhow's `anyhow!`): the expansion calls `(&Md(value)).markdown_kind()`, which finds
//! [`AsWrittenKind`] on `Md<T>` when `T: MarkdownSafe` and otherwise, one autoref later,
//! [`EscapeKind`] on `&Md<T>`. The escaping path takes any [`TextValue`], so a wrong type still
//! gets the card-text message.

use std::fmt::Display;

use super::convert::TextValue;
use crate::markdown::{Escaped, Link, Mention, Trusted};

/// Markdown already: interpolated into markdown as written.
pub trait MarkdownSafe: Display {}

impl<T: Display> MarkdownSafe for Trusted<T> {}
impl<T: Display> MarkdownSafe for Escaped<T> {}
impl MarkdownSafe for Mention {}
impl MarkdownSafe for Link {}
impl<T: MarkdownSafe + ?Sized> MarkdownSafe for &T {}

/// The value under test; a wrapper, so that a value that is itself a reference cannot make both
/// kinds apply at the same autoref step.
#[derive(Debug)]
pub struct Md<'a, T: ?Sized>(pub &'a T);

/// Interpolate as written.
#[derive(Debug)]
pub struct AsWritten<'a, T: ?Sized>(&'a T);

/// Interpolate escaped.
#[derive(Debug)]
pub struct Escape<'a, T: ?Sized>(&'a T);

/// Picks [`AsWritten`] for markdown types.
pub trait AsWrittenKind<'a, T: ?Sized> {
    /// The kind, holding the value.
    fn markdown_kind(&self) -> AsWritten<'a, T>;
}

impl<'a, T: MarkdownSafe + ?Sized> AsWrittenKind<'a, T> for Md<'a, T> {
    fn markdown_kind(&self) -> AsWritten<'a, T> {
        AsWritten(self.0)
    }
}

/// Picks [`Escape`] for every other type.
pub trait EscapeKind<'a, T: ?Sized> {
    /// The kind, holding the value.
    fn markdown_kind(&self) -> Escape<'a, T>;
}

impl<'a, T: ?Sized> EscapeKind<'a, T> for &Md<'a, T> {
    fn markdown_kind(&self) -> Escape<'a, T> {
        Escape(self.0)
    }
}

impl<T: MarkdownSafe + ?Sized> AsWritten<'_, T> {
    /// The markdown (`mid_line` only matters to escaping).
    pub fn markdown(self, _mid_line: bool) -> String {
        self.0.to_string()
    }
}

impl<T: ?Sized> Escape<'_, T> {
    /// The value as text, escaped (a `lark_md` [`crate::Text`] is kept as written); `mid_line`
    /// when the literal before it does not end a line.
    ///
    /// The bound is on the method, not the impl, so that a type that is not text gets the
    /// card-text message at the user's expression rather than "method not found".
    pub fn markdown(self, mid_line: bool) -> String
    where
        T: TextValue,
    {
        self.0.to_markdown(mid_line)
    }
}

/// A value already formatted with a format spec (`{price:>8.2}`): text, so escaped.
pub fn escape_markdown(formatted: &str, mid_line: bool) -> String {
    crate::markdown::escape_display(formatted, mid_line)
}
