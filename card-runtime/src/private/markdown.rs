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
pub struct AsWritten;

/// Interpolate escaped.
#[derive(Debug)]
pub struct Escape;

/// Picks [`AsWritten`] for markdown types.
pub trait AsWrittenKind {
    /// The kind.
    fn markdown_kind(&self) -> AsWritten {
        AsWritten
    }
}

impl<T: MarkdownSafe + ?Sized> AsWrittenKind for Md<'_, T> {}

/// Picks [`Escape`] for every other type.
pub trait EscapeKind {
    /// The kind.
    fn markdown_kind(&self) -> Escape {
        Escape
    }
}

impl<T: ?Sized> EscapeKind for &Md<'_, T> {}

impl AsWritten {
    /// The markdown (`mid_line` only matters to escaping).
    pub fn markdown<T: MarkdownSafe + ?Sized>(self, value: &T, _mid_line: bool) -> String {
        value.to_string()
    }
}

impl Escape {
    /// The value as text, escaped (a `lark_md` [`crate::Text`] is kept as written); `mid_line`
    /// when the literal before it does not end a line.
    pub fn markdown<T: TextValue + ?Sized>(self, value: &T, mid_line: bool) -> String {
        value.to_markdown(mid_line)
    }
}

/// A value already formatted with a format spec (`{price:>8.2}`): text, so escaped.
pub fn escape_markdown(formatted: &str, mid_line: bool) -> String {
    crate::markdown::escape_display(formatted, mid_line)
}
