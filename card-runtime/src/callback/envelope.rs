//! The callback bodies of both envelopes, and the one view of a click that handlers get.
//!
//! Decoding is lenient (every field optional or defaulted, unknown fields ignored) because
//! Feishu adds fields over time (`delivery_type`, `preview_token`, ...); reference §8.11.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Which callback envelope delivered a click; the answer must take that envelope's shape.
///
/// This names the *callback* format, not the card's JSON version: a card JSON 2.0 card and a
/// 1.0 card are both clicked through `card.action.trigger` (`Schema2`) when the app subscribes
/// to it.
///
/// ```
/// use card_runtime::callback::Envelope;
/// assert_ne!(Envelope::Schema2, Envelope::Legacy);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Envelope {
    /// `card.action.trigger`: the `{"schema":"2.0","header","event"}` envelope (SHA-256
    /// signature over HTTP; the only envelope the long connection carries).
    Schema2,
    /// The legacy card callback, `card.action.trigger_v1` (flat body, SHA-1 signature).
    Legacy,
}

/// Who clicked.
///
/// ```
/// use card_runtime::callback::Operator;
/// let op = Operator::default();
/// assert!(op.open_id.is_empty() && op.user_id.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Operator {
    /// The user's `open_id` (`ou_…`).
    #[serde(default)]
    pub open_id: String,
    /// The `user_id`, present only with the `contact:user.employee_id:readonly` scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The `union_id` (`on_…`); v2 only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub union_id: Option<String>,
    /// The tenant.
    #[serde(default)]
    pub tenant_key: String,
}

/// What the user did on the component (reference §6.4 `event.action`).
///
/// ```
/// use card_runtime::callback::Action;
/// let action: Action = serde_json::from_str(r#"{"tag":"button","value":{"k":"v"}}"#).unwrap();
/// assert_eq!(action.tag, "button");
/// assert_eq!(action.value["k"], "v");
/// ```
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Action {
    /// The component's `value` (object or string; `null` when the component has none).
    #[serde(default)]
    pub value: Value,
    /// The component's tag (`button`, `select_static`, `overflow`, `input`, `checker`, ...).
    #[serde(default)]
    pub tag: String,
    /// The component's `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A single-select, overflow or picker result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
    /// A multi-select result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<String>>,
    /// A standalone input's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_value: Option<String>,
    /// A standalone checker's state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<bool>,
    /// All form fields (`name -> value`) when a form's submit button was clicked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_value: Option<Map<String, Value>>,
    /// The picker's time zone, e.g. `Asia/Shanghai`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

/// One click, whichever envelope delivered it.
///
/// ```
/// use card_runtime::callback::{CardAction, Envelope};
///
/// let body = br#"{"open_id":"ou_1","open_message_id":"om_1","token":"c-1","action":{"tag":"button","value":"x"}}"#;
/// let action = CardAction::from_legacy_slice(body).unwrap();
/// assert_eq!(action.envelope, Envelope::Legacy);
/// assert_eq!(action.operator.open_id, "ou_1");
/// assert_eq!(action.token, "c-1");
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CardAction {
    /// The envelope that delivered it.
    pub envelope: Envelope,
    /// `header.event_id` (v2 only): the de-duplication key.
    pub event_id: Option<String>,
    /// `header.app_id` (v2 only).
    pub app_id: Option<String>,
    /// Who clicked.
    pub operator: Operator,
    /// The delayed-update token (`c-…`, valid 30 minutes, usable twice; reference §3.6).
    pub token: String,
    /// The card's message id (`om_…`).
    pub open_message_id: String,
    /// The card's chat id (`oc_…`), when Feishu sends it.
    pub open_chat_id: Option<String>,
    /// Where the card lives (`im_message`, `im_top_notice`, ...); v2 only.
    pub host: Option<String>,
    /// `url_preview` for link-preview cards; v2 only.
    pub delivery_type: Option<String>,
    /// What the user did.
    pub action: Action,
}

/// What users typed is redacted: the input's text and the form's values (their field names
/// stay, for debugging). The component `value`, which the app itself put on the card, is shown.
impl fmt::Debug for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let form_fields = self
            .form_value
            .as_ref()
            .map(|form| form.keys().map(String::as_str).collect::<Vec<_>>());
        f.debug_struct("Action")
            .field("value", &self.value)
            .field("tag", &self.tag)
            .field("name", &self.name)
            .field("option", &self.option)
            .field("options", &self.options)
            .field("input_value", &self.input_value.as_ref().map(|_| REDACTED))
            .field("checked", &self.checked)
            .field("form_value", &form_fields.map(Redacted))
            .field("timezone", &self.timezone)
            .finish()
    }
}

/// The delayed-update token is a credential (it lets its holder replace the card twice), so
/// `Debug` redacts it, as it redacts the user's typed input (see [`Action`]).
impl fmt::Debug for CardAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardAction")
            .field("envelope", &self.envelope)
            .field("event_id", &self.event_id)
            .field("app_id", &self.app_id)
            .field("operator", &self.operator)
            .field("token", &REDACTED)
            .field("open_message_id", &self.open_message_id)
            .field("open_chat_id", &self.open_chat_id)
            .field("host", &self.host)
            .field("delivery_type", &self.delivery_type)
            .field("action", &self.action)
            .finish()
    }
}

const REDACTED: Redacted<()> = Redacted(());

/// Prints `<redacted>`, or the form's field names followed by `: <redacted>` each.
struct Redacted<T>(T);

impl fmt::Debug for Redacted<()> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Debug for Redacted<Vec<&str>> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for field in &self.0 {
            map.entry(field, &REDACTED);
        }
        map.finish()
    }
}

impl CardAction {
    /// Decodes a plaintext v2 `card.action.trigger` body.
    ///
    /// # Errors
    ///
    /// [`super::CallbackError::Decode`] (naming the JSON path) for a body that is not one, and
    /// [`super::CallbackError::UnsupportedEvent`] for another v2 event type.
    ///
    /// ```
    /// use card_runtime::callback::CardAction;
    /// let body = br#"{"schema":"2.0","header":{"event_id":"e1","event_type":"card.action.trigger"},"event":{"operator":{"open_id":"ou_1"},"token":"c-1","action":{"tag":"button"},"context":{"open_message_id":"om_1"}}}"#;
    /// let action = CardAction::from_v2_slice(body).unwrap();
    /// assert_eq!(action.event_id.as_deref(), Some("e1"));
    /// ```
    pub fn from_v2_slice(body: &[u8]) -> Result<Self, super::CallbackError> {
        let envelope: V2Envelope = decode(body)?;
        Self::from_v2(envelope)
    }

    /// Decodes a plaintext legacy card callback body.
    ///
    /// # Errors
    ///
    /// [`super::CallbackError::Decode`] (naming the JSON path) for a body that is not one.
    ///
    /// ```
    /// use card_runtime::callback::CardAction;
    /// assert!(CardAction::from_legacy_slice(b"[]").is_err());
    /// ```
    pub fn from_legacy_slice(body: &[u8]) -> Result<Self, super::CallbackError> {
        let body: LegacyBody = decode(body)?;
        Ok(body.into())
    }

    pub(crate) fn from_v2(envelope: V2Envelope) -> Result<Self, super::CallbackError> {
        if envelope.header.event_type != "card.action.trigger" {
            return Err(super::CallbackError::UnsupportedEvent(
                envelope.header.event_type,
            ));
        }
        let event = envelope.event;
        Ok(Self {
            envelope: Envelope::Schema2,
            event_id: envelope.header.event_id,
            app_id: envelope.header.app_id,
            operator: event.operator,
            token: event.token,
            open_message_id: event.context.open_message_id,
            open_chat_id: event.context.open_chat_id,
            host: event.host,
            delivery_type: event.delivery_type,
            action: event.action,
        })
    }
}

pub(crate) fn decode<'de, T: Deserialize<'de>>(body: &'de [u8]) -> Result<T, super::CallbackError> {
    // Derived structs also accept a JSON array (fields by position); every callback body is an
    // object, so anything else is refused with the map decoder's own error.
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        if let Err(source) = serde_json::from_slice::<Map<String, Value>>(body) {
            return Err(super::CallbackError::Decode {
                path: ".".to_owned(),
                source,
            });
        }
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(super::CallbackError::decode)?;
    de.end().map_err(|source| super::CallbackError::Decode {
        path: ".".to_owned(),
        source,
    })?;
    Ok(value)
}

/// Only the header of a schema 2.0 envelope, to pick how the rest is decoded.
#[derive(Debug, Deserialize)]
struct HeaderOnly {
    header: V2Header,
}

pub(crate) fn decode_header(body: &[u8]) -> Result<V2Header, super::CallbackError> {
    decode::<HeaderOnly>(body).map(|only| only.header)
}

/// A schema 2.0 event other than a card action: the header and the `event` object as is, for
/// the handler's own type.
#[derive(Debug, Deserialize)]
pub(crate) struct EventEnvelope {
    pub(crate) header: super::EventHeader,
    #[serde(default)]
    pub(crate) event: Value,
}

/// The v2 envelope: `{schema, header, event}`.
#[derive(Debug, Deserialize)]
pub(crate) struct V2Envelope {
    pub(crate) header: V2Header,
    #[serde(default)]
    pub(crate) event: V2Event,
}

#[derive(Debug, Deserialize)]
pub(crate) struct V2Header {
    #[serde(default)]
    pub(crate) event_id: Option<String>,
    #[serde(default)]
    pub(crate) token: String,
    #[serde(default)]
    pub(crate) event_type: String,
    #[serde(default)]
    pub(crate) app_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct V2Event {
    #[serde(default)]
    operator: Operator,
    #[serde(default)]
    token: String,
    #[serde(default)]
    action: Action,
    #[serde(default)]
    host: Option<String>,
    #[serde(default)]
    delivery_type: Option<String>,
    #[serde(default)]
    context: V2Context,
}

#[derive(Debug, Default, Deserialize)]
struct V2Context {
    #[serde(default)]
    open_message_id: String,
    #[serde(default)]
    open_chat_id: Option<String>,
}

/// The flat legacy body (reference §6.5; `open_chat_id` from the SDK models).
#[derive(Debug, Deserialize)]
pub(crate) struct LegacyBody {
    #[serde(default)]
    open_id: String,
    #[serde(default)]
    user_id: Option<String>,
    #[serde(default)]
    tenant_key: String,
    #[serde(default)]
    open_message_id: String,
    #[serde(default)]
    open_chat_id: Option<String>,
    #[serde(default)]
    token: String,
    #[serde(default)]
    action: Action,
}

impl From<LegacyBody> for CardAction {
    fn from(body: LegacyBody) -> Self {
        Self {
            envelope: Envelope::Legacy,
            event_id: None,
            app_id: None,
            operator: Operator {
                open_id: body.open_id,
                user_id: body.user_id,
                union_id: None,
                tenant_key: body.tenant_key,
            },
            token: body.token,
            open_message_id: body.open_message_id,
            open_chat_id: body.open_chat_id,
            host: None,
            delivery_type: None,
            action: body.action,
        }
    }
}

/// The URL verification handshake body (plain or decrypted).
#[derive(Debug, Deserialize)]
pub(crate) struct UrlVerification {
    #[serde(default)]
    pub(crate) challenge: String,
    #[serde(default)]
    pub(crate) token: String,
}

/// Only the fields that decide how a body is handled; the rest is decoded later.
#[derive(Debug, Deserialize)]
pub(crate) struct Probe<'a> {
    #[serde(default, borrow)]
    pub(crate) encrypt: Option<std::borrow::Cow<'a, str>>,
    #[serde(default, rename = "type", borrow)]
    pub(crate) kind: Option<std::borrow::Cow<'a, str>>,
    #[serde(default, borrow)]
    pub(crate) schema: Option<std::borrow::Cow<'a, str>>,
}
