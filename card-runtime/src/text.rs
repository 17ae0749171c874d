//! Text objects chosen at run time: `plain_text` or `lark_md`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A text object whose kind is chosen in code, for text attributes and text children given as
/// `{expr}` (a plain `Display` value there becomes the field's default kind, usually
/// `plain_text`).
///
/// It deliberately does not implement `Display`, so that `{expr}` can tell it from plain text.
///
/// ```
/// use card_runtime::{card, Text};
///
/// let bold = true;
/// let title = if bold { Text::lark_md("**Report**") } else { Text::plain("Report") };
/// let card = card! { <card><div text={title}/></card> };
/// assert_eq!(card["elements"][0]["text"]["tag"], "lark_md");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Text {
    tag: TextKind,
    content: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum TextKind {
    PlainText,
    LarkMd,
}

impl Text {
    /// `{"tag": "plain_text", "content": content}`.
    ///
    /// ```
    /// use card_runtime::Text;
    /// assert_eq!(Text::plain("hi").to_value(), serde_json::json!({"tag": "plain_text", "content": "hi"}));
    /// ```
    pub fn plain(content: impl Into<String>) -> Self {
        Self {
            tag: TextKind::PlainText,
            content: content.into(),
        }
    }

    /// `{"tag": "lark_md", "content": content}` (Feishu's limited markdown).
    ///
    /// ```
    /// use card_runtime::Text;
    /// assert_eq!(Text::lark_md("**b**").to_value()["tag"], "lark_md");
    /// ```
    pub fn lark_md(content: impl Into<String>) -> Self {
        Self {
            tag: TextKind::LarkMd,
            content: content.into(),
        }
    }

    /// The text.
    ///
    /// ```
    /// assert_eq!(card_runtime::Text::plain("hi").content(), "hi");
    /// ```
    pub fn content(&self) -> &str {
        &self.content
    }

    /// Whether the content is markdown (`lark_md`), not plain text.
    pub(crate) fn is_markdown(&self) -> bool {
        self.tag == TextKind::LarkMd
    }

    /// The text object's JSON.
    ///
    /// ```
    /// use card_runtime::Text;
    /// assert_eq!(Text::plain("a").to_value()["content"], "a");
    /// ```
    pub fn to_value(&self) -> Value {
        let kind = match self.tag {
            TextKind::PlainText => "plain_text",
            TextKind::LarkMd => "lark_md",
        };
        crate::__private::text(kind, self.content.clone())
    }
}
