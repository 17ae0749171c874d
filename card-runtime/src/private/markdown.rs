//! Values interpolated into markdown by `card!`: escaped, unless their type is markdown already
//! (the types of [`crate::markdown`]).
//!
//! The choice is made at the expansion site by autoref specialisation (the technique behind
//! anyhow's `anyhow!`): the expansion calls `(&Md(value)).markdown_kind()`, which finds
//! [`AsWrittenKind`] on `Md<T>` when `T: MarkdownSafe` and otherwise, one autoref later,
//! [`EscapeKind`] on `&Md<T>`. The escaping path takes any [`TextValue`], so a wrong type still
//! gets the card-text message.

use std::fmt::{self, Display};

use super::convert::TextValue;
use crate::markdown::{Link, Mention, Trusted};

/// Markdown already: interpolated into markdown as written.
pub trait MarkdownSafe: Display {}

impl<T: Display> MarkdownSafe for Trusted<T> {}
impl<T: Display> MarkdownSafe for crate::markdown::Escaped<T> {}
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

impl<'a, T: MarkdownSafe + ?Sized> AsWritten<'a, T> {
    /// The markdown, to be formatted as is (`mid_line` only matters to escaping).
    pub fn markdown(self, _mid_line: bool) -> &'a T {
        self.0
    }
}

impl<'a, T: ?Sized> Escape<'a, T> {
    /// The value as text, escaped when formatted (a `lark_md` [`crate::Text`] is kept as
    /// written); `mid_line` when the literal before it does not end a line.
    ///
    /// The bound is on the method, not the impl, so that a type that is not text gets the
    /// card-text message at the user's expression rather than "method not found".
    pub fn markdown(self, mid_line: bool) -> Escaped<'a, T>
    where
        T: TextValue,
    {
        Escaped {
            value: self.0,
            mid_line,
        }
    }
}

/// A value that formats escaped, straight into the `format!` of an interpolated literal.
#[derive(Debug)]
pub struct Escaped<'a, T: ?Sized> {
    value: &'a T,
    mid_line: bool,
}

impl<T: TextValue + ?Sized> Display for Escaped<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt_markdown(f, self.mid_line)
    }
}

/// A value already formatted with a format spec (`{price:>8.2}`): text, so escaped.
pub fn escape_markdown(formatted: &str, mid_line: bool) -> String {
    crate::markdown::escape_display(formatted, mid_line)
}
