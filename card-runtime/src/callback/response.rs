//! What a handler answers: nothing, a toast, a replacement card or template, in the shape of
//! the generation that called (reference §6.6).

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::Envelope;
use crate::{Card, TemplateCard};

/// The kind of a toast, which picks its icon.
///
/// ```
/// use card_runtime::callback::ToastKind;
/// assert_eq!(serde_json::to_value(ToastKind::Warning).unwrap(), "warning");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ToastKind {
    /// No icon.
    Info,
    /// A success icon.
    Success,
    /// An error icon.
    Error,
    /// A warning icon.
    Warning,
}

/// A short message shown to the user who clicked.
///
/// ```
/// use card_runtime::callback::Toast;
///
/// let toast = Toast::success("成功了！").i18n("en_us", "success!");
/// assert_eq!(
///     serde_json::to_value(&toast).unwrap(),
///     serde_json::json!({"type": "success", "content": "成功了！", "i18n": {"en_us": "success!"}}),
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Toast {
    #[serde(rename = "type")]
    kind: ToastKind,
    content: String,
    #[serde(skip_serializing_if = "Map::is_empty")]
    i18n: Map<String, Value>,
}

impl Toast {
    /// A toast of the given kind.
    ///
    /// ```
    /// use card_runtime::callback::{Toast, ToastKind};
    /// let toast = Toast::new(ToastKind::Info, "saved");
    /// assert_eq!(toast.content(), "saved");
    /// ```
    pub fn new(kind: ToastKind, content: impl Into<String>) -> Self {
        Self {
            kind,
            content: content.into(),
            i18n: Map::new(),
        }
    }

    /// An `info` toast (no icon).
    ///
    /// ```
    /// # use card_runtime::callback::Toast;
    /// let toast = Toast::info("noted");
    /// ```
    pub fn info(content: impl Into<String>) -> Self {
        Self::new(ToastKind::Info, content)
    }

    /// A `success` toast.
    ///
    /// ```
    /// # use card_runtime::callback::Toast;
    /// let toast = Toast::success("done");
    /// ```
    pub fn success(content: impl Into<String>) -> Self {
        Self::new(ToastKind::Success, content)
    }

    /// An `error` toast.
    ///
    /// ```
    /// # use card_runtime::callback::Toast;
    /// let toast = Toast::error("failed");
    /// ```
    pub fn error(content: impl Into<String>) -> Self {
        Self::new(ToastKind::Error, content)
    }

    /// A `warning` toast.
    ///
    /// ```
    /// # use card_runtime::callback::Toast;
    /// let toast = Toast::warning("careful");
    /// ```
    pub fn warning(content: impl Into<String>) -> Self {
        Self::new(ToastKind::Warning, content)
    }

    /// Adds the text for one locale (`zh_cn`, `en_us`, `ja_jp`, ...).
    ///
    /// ```
    /// # use card_runtime::callback::Toast;
    /// let toast = Toast::info("好").i18n("zh_cn", "好").i18n("en_us", "OK");
    /// ```
    pub fn i18n(mut self, locale: impl Into<String>, content: impl Into<String>) -> Self {
        self.i18n
            .insert(locale.into(), Value::String(content.into()));
        self
    }

    /// The toast's kind.
    ///
    /// ```
    /// # use card_runtime::callback::{Toast, ToastKind};
    /// assert_eq!(Toast::error("x").kind(), ToastKind::Error);
    /// ```
    pub fn kind(&self) -> ToastKind {
        self.kind
    }

    /// The toast's default text.
    ///
    /// ```
    /// # use card_runtime::callback::Toast;
    /// assert_eq!(Toast::info("x").content(), "x");
    /// ```
    pub fn content(&self) -> &str {
        &self.content
    }
}

/// A replacement for the clicked card.
#[derive(Debug, Clone, PartialEq)]
enum Replacement {
    Card(Card),
    Template(TemplateCard),
}

/// A handler's answer to a click.
///
/// Handlers may also return a [`Toast`], a [`Card`], a [`TemplateCard`] or `()`, which convert
/// into this.
///
/// ```
/// use card_runtime::Card;
/// use card_runtime::callback::{CallbackResponse, Envelope, Toast};
/// use serde_json::json;
///
/// let card = Card::from_json_unchecked(json!({"elements": [{"tag": "hr"}]}));
/// let answer = CallbackResponse::card(card).with_toast(Toast::success("done"));
/// assert_eq!(
///     answer.to_json(Envelope::Schema2),
///     json!({"toast": {"type": "success", "content": "done"},
///            "card": {"type": "raw", "data": {"elements": [{"tag": "hr"}]}}}),
/// );
/// assert_eq!(
///     answer.to_json(Envelope::Legacy),
///     json!({"toast": {"type": "success", "content": "done"}, "elements": [{"tag": "hr"}]}),
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CallbackResponse {
    toast: Option<Toast>,
    replacement: Option<Replacement>,
}

impl CallbackResponse {
    /// Answers nothing (`{}`): the card stays as it is.
    ///
    /// ```
    /// # use card_runtime::callback::{CallbackResponse, Envelope};
    /// assert_eq!(CallbackResponse::empty().to_json(Envelope::Schema2), serde_json::json!({}));
    /// ```
    pub fn empty() -> Self {
        Self::default()
    }

    /// Answers with a toast.
    ///
    /// ```
    /// # use card_runtime::callback::{CallbackResponse, Toast};
    /// let answer = CallbackResponse::toast(Toast::info("ok"));
    /// ```
    pub fn toast(toast: Toast) -> Self {
        Self {
            toast: Some(toast),
            replacement: None,
        }
    }

    /// Answers with a replacement card. It must use the same schema version as the card that
    /// was clicked; a 1.0 exclusive card's replacement is seen only by the operator.
    ///
    /// ```
    /// # use card_runtime::{Card, callback::CallbackResponse};
    /// let answer = CallbackResponse::card(Card::from_json_unchecked(serde_json::json!({"elements": []})));
    /// ```
    pub fn card(card: Card) -> Self {
        Self {
            toast: None,
            replacement: Some(Replacement::Card(card)),
        }
    }

    /// Answers with a template card.
    ///
    /// ```
    /// # use card_runtime::callback::{CallbackResponse, TemplateCard};
    /// let answer = CallbackResponse::template(TemplateCard::new("AAq"));
    /// ```
    pub fn template(template: TemplateCard) -> Self {
        Self {
            toast: None,
            replacement: Some(Replacement::Template(template)),
        }
    }

    /// Adds (or replaces) the toast.
    ///
    /// ```
    /// # use card_runtime::callback::{CallbackResponse, TemplateCard, Toast};
    /// let answer = CallbackResponse::template(TemplateCard::new("AAq")).with_toast(Toast::info("ok"));
    /// ```
    pub fn with_toast(mut self, toast: Toast) -> Self {
        self.toast = Some(toast);
        self
    }

    /// The toast, if any.
    ///
    /// ```
    /// # use card_runtime::callback::{CallbackResponse, Toast};
    /// assert!(CallbackResponse::empty().toast_ref().is_none());
    /// ```
    pub fn toast_ref(&self) -> Option<&Toast> {
        self.toast.as_ref()
    }

    /// The body for the generation that called (reference §6.6): v2 wraps the card as
    /// `{"card":{"type":"raw"|"template","data":..}}`; legacy puts the card's fields (or
    /// `type`/`data` for a template) at the top level.
    ///
    /// ```
    /// # use card_runtime::callback::{CallbackResponse, Envelope, TemplateCard};
    /// let answer = CallbackResponse::template(TemplateCard::new("AAq"));
    /// assert_eq!(answer.to_json(Envelope::Legacy)["type"], "template");
    /// assert_eq!(answer.to_json(Envelope::Schema2)["card"]["type"], "template");
    /// ```
    pub fn to_json(&self, generation: Envelope) -> Value {
        let mut body = match (&self.replacement, generation) {
            (None, _) => Map::new(),
            (Some(Replacement::Card(card)), Envelope::Schema2) => {
                let mut body = Map::new();
                body.insert("card".into(), json!({"type": "raw", "data": card}));
                body
            }
            (Some(Replacement::Template(template)), Envelope::Schema2) => {
                let mut body = Map::new();
                body.insert("card".into(), template.to_value());
                body
            }
            (Some(Replacement::Card(card)), Envelope::Legacy) => match card.as_value() {
                Value::Object(fields) => fields.clone(),
                _ => Map::new(),
            },
            (Some(Replacement::Template(template)), Envelope::Legacy) => {
                match template.to_value() {
                    Value::Object(fields) => fields,
                    _ => Map::new(),
                }
            }
        };
        if let Some(toast) = &self.toast {
            let toast = serde_json::to_value(toast).unwrap_or(Value::Null);
            body.insert("toast".into(), toast);
        }
        Value::Object(body)
    }
}

impl From<()> for CallbackResponse {
    fn from((): ()) -> Self {
        Self::empty()
    }
}

impl From<Toast> for CallbackResponse {
    fn from(toast: Toast) -> Self {
        Self::toast(toast)
    }
}

impl From<Card> for CallbackResponse {
    fn from(card: Card) -> Self {
        Self::card(card)
    }
}

impl From<TemplateCard> for CallbackResponse {
    fn from(template: TemplateCard) -> Self {
        Self::template(template)
    }
}
