//! Markdown in `lark_md` and `markdown` content: user text escaped so that it renders as written,
//! and the markdown users put in on purpose (mentions, links, trusted text).
//!
//! `card!` escapes every value interpolated into markdown (`"**{name}**"` and `{expr}` children
//! alike), as maud escapes HTML: the literal parts of the string stay markdown, the values become
//! text. The types of this module are markdown already and pass through unescaped:
//!
//! ```
//! use card_runtime::card;
//! use card_runtime::markdown::{Link, Mention, Trusted};
//!
//! let name = "<at id=all></at> **everyone**";
//! let owner = Mention::open_id("ou_7d8a6e6df7621556ce0d21922b676706ccs")?;
//! let docs = Link::new("runbook [v2]", "https://example.com/runbook?q=a b")?;
//! let note = Trusted("*as written*");
//! let card = card! { <card><markdown>"**{name}** asks {owner}: see {docs} {note}"</markdown></card> };
//! assert_eq!(
//!     card["elements"][0]["content"],
//!     "**&#60;at id=all&#62;&#60;/at&#62; &#42;&#42;everyone&#42;&#42;** asks \
//!      <at id=ou_7d8a6e6df7621556ce0d21922b676706ccs></at>: \
//!      see [runbook &#91;v2&#93;](https://example.com/runbook?q=a%20b) *as written*",
//! );
//! # Ok::<(), card_runtime::markdown::MarkdownError>(())
//! ```
//!
//! Markdown built at run time outside `card!` uses [`escape`] or [`Escaped`], whose output
//! `card!` does not escape a second time.
//!
//! What is escaped, and how: Feishu's reference says to escape markdown characters with HTML
//! entities (`&#60;`) or a `&zwj;` prefix; entities are used, since they also cover `&` itself
//! (`&reg;` would otherwise become a symbol). Every character with a meaning in either card
//! generation's markdown is replaced, wherever it stands: `\ ` * _ ~ [ ] ( ) < > # - + ! | &`;
//! so are the constructs only recognised at a line start (the start of the value counts as one,
//! since what precedes it is unknown): indentation (a code block), `=` (a setext underline) and
//! the `.` of `1.` (an ordered list). Left alone: letters, digits, CJK, emoji, newlines (user
//! text keeps its line breaks), `:` (an `:OK:` emoji key is harmless and colons are everywhere in
//! times and URLs), and bare URLs, which Feishu links as they are shown.

use std::fmt::{self, Display, Write};

/// Why a [`Mention`] or [`Link`] could not be built. The rejected value is not repeated, since it
/// may be user input.
///
/// ```
/// use card_runtime::markdown::{Link, MarkdownError};
/// let err = Link::new("x", "javascript:alert(1)").unwrap_err();
/// assert_eq!(err, MarkdownError::LinkScheme);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MarkdownError {
    /// An `open_id` or `user_id` that is empty, `all`, or holds characters ids never contain.
    #[error(
        "a mention id holds only letters, digits, `_` and `-`, and is not `all` (use `Mention::all()`)"
    )]
    MentionId,
    /// An email that is not `local@domain` of plain characters.
    #[error(
        "a mention email is `name@domain` without spaces, quotes or `<>`, and at most 254 bytes"
    )]
    MentionEmail,
    /// A link whose URL is not `http://`, `https://` or `tel:`, the schemes Feishu's markdown
    /// links take.
    #[error("a markdown link URL starts with `http://`, `https://` or `tel:`")]
    LinkScheme,
}

/// Escapes `text` so that it renders literally in `lark_md` or `markdown` content.
///
/// ```
/// use card_runtime::markdown::escape;
/// assert_eq!(escape("a <b> *c*"), "a &#60;b&#62; &#42;c&#42;");
/// assert_eq!(escape("1. first"), "1&#46; first");
/// assert_eq!(escape("日本 ok"), "日本 ok");
/// ```
pub fn escape(text: &str) -> String {
    escape_display(text, false)
}

/// `value` shown and escaped; `mid_line` when the text before it is known not to end a line, so
/// line-start constructs cannot start at its beginning (`card!` knows this from its literal).
pub(crate) fn escape_display<T: Display + ?Sized>(value: &T, mid_line: bool) -> String {
    let mut out = String::new();
    // Writing into a `String` fails only if `value`'s `Display` does, which leaves what it wrote.
    let _ = write_escaped(&mut out, value, mid_line);
    out
}

/// Writes `value` escaped into `out` (straight into a `format!` in `card!`, without an
/// intermediate `String`); `mid_line` as for [`escape_display`].
pub(crate) fn write_escaped<W: Write, T: Display + ?Sized>(
    out: W,
    value: &T,
    mid_line: bool,
) -> fmt::Result {
    let mut writer = EscapeWriter::new(out);
    if mid_line {
        writer.line = Line::Rest;
    }
    write!(writer, "{value}")
}

/// Shows a `Display` value escaped (see [`escape`]), for markdown built at run time; `card!`
/// interpolates it as it is, without escaping it twice.
///
/// ```
/// use card_runtime::markdown::Escaped;
/// let title = "fix [urgent]";
/// assert_eq!(format!("**{}**", Escaped(title)), "**fix &#91;urgent&#93;**");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Escaped<T>(pub T);

impl<T: Display> Display for Escaped<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(EscapeWriter::new(f), "{}", self.0)
    }
}

/// Markdown from a trusted source, interpolated into `card!` markdown as written.
///
/// ```
/// use card_runtime::card;
/// use card_runtime::markdown::Trusted;
///
/// let status = Trusted("<font color='green'>passed</font>");
/// let card = card! { <card><markdown>"build {status}"</markdown></card> };
/// assert_eq!(card["elements"][0]["content"], "build <font color='green'>passed</font>");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Trusted<T>(pub T);

impl<T: Display> Display for Trusted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// An `<at>` mention: one user, by `open_id`, `user_id` or email, or everyone in the chat.
///
/// Feishu refuses `<at id=all>` unless the bot may mention everyone (a send error), and custom
/// bots may only mention by `open_id` or `user_id`.
///
/// ```
/// use card_runtime::markdown::Mention;
/// assert_eq!(Mention::user_id("5d9bdxxx")?.to_string(), "<at id=5d9bdxxx></at>");
/// assert_eq!(Mention::email("ops@example.com")?.to_string(), "<at email=ops@example.com></at>");
/// assert_eq!(Mention::all().to_string(), "<at id=all></at>");
/// assert!(Mention::open_id("all").is_err());
/// # Ok::<(), card_runtime::markdown::MarkdownError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Mention(MentionTarget);

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum MentionTarget {
    Id(String),
    Email(String),
    All,
}

impl Mention {
    /// Mentions the user with this `open_id` (`ou_...`).
    ///
    /// # Errors
    ///
    /// [`MarkdownError::MentionId`] for an id that is empty, `all`, or not made of letters,
    /// digits, `_` and `-` (anything else could end the tag and inject markdown).
    ///
    /// ```
    /// use card_runtime::markdown::Mention;
    /// assert_eq!(Mention::open_id("ou_1")?.to_string(), "<at id=ou_1></at>");
    /// assert!(Mention::open_id("ou_1></at><at id=all").is_err());
    /// # Ok::<(), card_runtime::markdown::MarkdownError>(())
    /// ```
    pub fn open_id(open_id: impl Into<String>) -> Result<Self, MarkdownError> {
        Self::id(open_id.into())
    }

    /// Mentions the user with this `user_id`; same rules as [`Mention::open_id`].
    ///
    /// # Errors
    ///
    /// [`MarkdownError::MentionId`], as for [`Mention::open_id`].
    ///
    /// ```
    /// use card_runtime::markdown::Mention;
    /// assert_eq!(Mention::user_id("5d9bdxxx")?.to_string(), "<at id=5d9bdxxx></at>");
    /// # Ok::<(), card_runtime::markdown::MarkdownError>(())
    /// ```
    pub fn user_id(user_id: impl Into<String>) -> Result<Self, MarkdownError> {
        Self::id(user_id.into())
    }

    fn id(id: String) -> Result<Self, MarkdownError> {
        let valid = !id.is_empty()
            && !id.eq_ignore_ascii_case("all")
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if valid {
            Ok(Self(MentionTarget::Id(id)))
        } else {
            Err(MarkdownError::MentionId)
        }
    }

    /// Mentions the user with this email (apps only; custom bots cannot).
    ///
    /// # Errors
    ///
    /// [`MarkdownError::MentionEmail`] for anything but one `@` between non-empty parts of
    /// printable ASCII without spaces, quotes, `<` or `>` (the tag's value is unquoted).
    ///
    /// ```
    /// use card_runtime::markdown::Mention;
    /// assert!(Mention::email("a@b.c").is_ok());
    /// assert!(Mention::email("a b@c").is_err());
    /// ```
    pub fn email(email: impl Into<String>) -> Result<Self, MarkdownError> {
        let email = email.into();
        let plain = |part: &str| {
            !part.is_empty()
                && part.bytes().all(|b| {
                    b.is_ascii_graphic() && !matches!(b, b'<' | b'>' | b'"' | b'\'' | b'@' | b'\\')
                })
        };
        match email.split_once('@') {
            Some((local, domain)) if email.len() <= 254 && plain(local) && plain(domain) => {
                Ok(Self(MentionTarget::Email(email)))
            }
            _ => Err(MarkdownError::MentionEmail),
        }
    }

    /// Mentions everyone in the chat (`<at id=all></at>`).
    ///
    /// ```
    /// assert_eq!(card_runtime::markdown::Mention::all().to_string(), "<at id=all></at>");
    /// ```
    pub fn all() -> Self {
        Self(MentionTarget::All)
    }
}

impl Display for Mention {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            MentionTarget::Id(id) => write!(f, "<at id={id}></at>"),
            MentionTarget::Email(email) => write!(f, "<at email={email}></at>"),
            MentionTarget::All => f.write_str("<at id=all></at>"),
        }
    }
}

/// A markdown link `[text](url)`: the text is escaped, the URL checked and percent-encoded where
/// markdown would end or break it.
///
/// ```
/// use card_runtime::markdown::Link;
/// let link = Link::new("*docs*", "https://example.com/a(1)")?;
/// assert_eq!(link.to_string(), "[&#42;docs&#42;](https://example.com/a%281%29)");
/// # Ok::<(), card_runtime::markdown::MarkdownError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Link {
    text: String,
    url: String,
}

impl Link {
    /// A link showing `text` (escaped) that opens `url`.
    ///
    /// # Errors
    ///
    /// [`MarkdownError::LinkScheme`] unless `url` starts with `http://`, `https://` (any case)
    /// or `tel:`: Feishu's markdown links take those, and refusing the rest keeps
    /// `javascript:` and the like out of cards.
    ///
    /// ```
    /// use card_runtime::markdown::Link;
    /// assert!(Link::new("call", "tel:+8613800000000").is_ok());
    /// assert!(Link::new("x", "ftp://example.com").is_err());
    /// ```
    pub fn new(text: impl Display, url: &str) -> Result<Self, MarkdownError> {
        let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
        if !(lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("tel:"))
        {
            return Err(MarkdownError::LinkScheme);
        }
        Ok(Self {
            text: Escaped(text).to_string(),
            url: encode_url(url),
        })
    }
}

impl Display for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}]({})", self.text, self.url)
    }
}

/// Percent-encodes what would end a markdown link destination or be read as markup in it
/// (whitespace, parentheses, angle brackets, quotes, backslash, backtick); the rest of the URL,
/// `%` escapes included, is kept as given.
fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_whitespace()
            || c.is_control()
            || matches!(c, '(' | ')' | '<' | '>' | '"' | '\'' | '\\' | '`')
        {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Where the writer stands in the current line: line-start constructs need to know.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Line {
    /// At the start of a line, or only escaped indentation so far.
    Start,
    /// In the digits that start the line (a `.` after them would make an ordered list).
    Digits,
    /// Anywhere else.
    Rest,
}

/// A `fmt::Write` that escapes what passes through it; shared by [`escape`] and [`Escaped`] so
/// the rule lives in one place.
struct EscapeWriter<W> {
    inner: W,
    line: Line,
}

impl<W: Write> EscapeWriter<W> {
    fn new(inner: W) -> Self {
        Self {
            inner,
            line: Line::Start,
        }
    }
}

impl<W: Write> Write for EscapeWriter<W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        // Runs of characters that need nothing are written in one call.
        let mut plain_from = 0;
        for (i, c) in s.char_indices() {
            let escaped = match (self.line, c) {
                (_, '\n' | '\r') => {
                    self.line = Line::Start;
                    false
                }
                (Line::Start, ' ' | '\t') => true,
                (Line::Start, '=') => {
                    self.line = Line::Rest;
                    true
                }
                (Line::Start | Line::Digits, '0'..='9') => {
                    self.line = Line::Digits;
                    false
                }
                (Line::Digits, '.') => {
                    self.line = Line::Rest;
                    true
                }
                (_, c) => {
                    self.line = Line::Rest;
                    is_markdown_char(c)
                }
            };
            if escaped {
                self.inner.write_str(&s[plain_from..i])?;
                write!(self.inner, "&#{};", u32::from(c))?;
                plain_from = i + c.len_utf8();
            }
        }
        self.inner.write_str(&s[plain_from..])
    }
}

/// Characters with a meaning in Feishu markdown wherever they stand (1.0 `lark_md`/`markdown`
/// and the CommonMark-based 2.0 dialect): emphasis, strike, code, links and images, tags and
/// entities, headings, lists, quotes and tables, and CommonMark's backslash escape.
fn is_markdown_char(c: char) -> bool {
    matches!(
        c,
        '\\' | '`'
            | '*'
            | '_'
            | '~'
            | '['
            | ']'
            | '('
            | ')'
            | '<'
            | '>'
            | '#'
            | '-'
            | '+'
            | '!'
            | '|'
            | '&'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_markdown_character_becomes_an_entity() {
        assert_eq!(
            escape(r"x\`*_~[]()<>#-+!|&"),
            "x&#92;&#96;&#42;&#95;&#126;&#91;&#93;&#40;&#41;&#60;&#62;&#35;&#45;&#43;&#33;&#124;&#38;"
        );
    }

    #[test]
    fn line_start_constructs_are_escaped_on_every_line() {
        assert_eq!(escape("    code"), "&#32;&#32;&#32;&#32;code");
        assert_eq!(escape("a\n12. b\n==="), "a\n12&#46; b\n&#61;==");
        // What `card!` uses after literal text that does not end a line.
        assert_eq!(escape_display("  1. =", true), "  1. =");
        assert_eq!(escape_display("  1. =\n 2.", true), "  1. =\n&#32;2&#46;");
        assert_eq!(escape("\tx"), "&#9;x");
        // Mid-line, dots, spaces and `=` are text.
        assert_eq!(escape("v1.2 a = b"), "v1.2 a = b");
    }

    #[test]
    fn escaped_streams_across_write_calls() {
        // `Display` impls write in pieces; the line state carries over.
        struct Pieces;
        impl Display for Pieces {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("x\n1")?;
                f.write_str(". <b>")
            }
        }
        assert_eq!(Escaped(Pieces).to_string(), "x\n1&#46; &#60;b&#62;");
    }

    #[test]
    fn text_without_markdown_is_unchanged() {
        let text = "部署完成 ✅ release v1.2.3 at 10:30, 100% ok; user@example.com";
        assert_eq!(escape(text), text);
    }

    #[test]
    fn mentions_refuse_what_could_leave_the_tag() {
        for bad in ["", "all", "ALL", "ou_1 x", "ou_1></at>", "ou_1\n"] {
            assert_eq!(
                Mention::open_id(bad),
                Err(MarkdownError::MentionId),
                "{bad:?}"
            );
        }
        for bad in ["", "a", "@b", "a@", "a@@b", "a b@c", "a@b>c", "a'@b"] {
            assert_eq!(
                Mention::email(bad),
                Err(MarkdownError::MentionEmail),
                "{bad:?}"
            );
        }
        assert_eq!(
            Mention::open_id("ou_a-B_9").unwrap().to_string(),
            "<at id=ou_a-B_9></at>"
        );
    }

    #[test]
    fn links_check_the_scheme_and_encode_the_url() {
        assert_eq!(
            Link::new("x", "javascript:alert(1)"),
            Err(MarkdownError::LinkScheme)
        );
        assert_eq!(Link::new("x", "$var"), Err(MarkdownError::LinkScheme));
        assert_eq!(Link::new("x", ""), Err(MarkdownError::LinkScheme));
        let link = Link::new("a](https://evil)", "HTTPS://ex.com/p q)\"<x>").unwrap();
        assert_eq!(
            link.to_string(),
            "[a&#93;&#40;https://evil&#41;](HTTPS://ex.com/p%20q%29%22%3Cx%3E)"
        );
        assert_eq!(
            Link::new("é", "https://ex.com/é\u{3000}")
                .unwrap()
                .to_string(),
            "[é](https://ex.com/é%E3%80%80)"
        );
    }

    #[test]
    fn errors_do_not_repeat_the_input() {
        let err = Link::new("x", "ftp://secret-token@host").unwrap_err();
        assert!(!err.to_string().contains("secret"));
    }
}
