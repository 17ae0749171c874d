//! The message API: send, reply, update and delayed-update cards, and send template cards.

use card_schema::Version;
use reqwest::Method;
use serde_json::Value;

use crate::api::body::{self, MAX_CARD_BYTES, SendCardBody};
use crate::api::types::{ReceiveId, SentMessage, TemplateCard};
use crate::api::versions::version_of;
use crate::card::Card;
use crate::client::{Call, Client};
use crate::error::{Error, Result};
use crate::reliability::pacing::PaceKey;
use crate::reliability::retry::Idempotency;

/// The message API, from [`Client::messages`].
///
/// ```no_run
/// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
/// let messages = client.messages();
/// let sent = messages.send_card(card_runtime::ReceiveId::open_id("ou_1"), &card).send().await?;
/// messages.reply_card(&sent.message_id, &card).in_thread(true).send().await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct MessagesHandler<'c> {
    pub(crate) client: &'c Client,
}

impl<'c> MessagesHandler<'c> {
    pub(crate) fn new(client: &'c Client) -> Self {
        Self { client }
    }

    /// Sends a card (`POST /open-apis/im/v1/messages`).
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// use card_runtime::ReceiveId;
    /// let sent = client.messages().send_card(ReceiveId::email("a@example.com"), &card)
    ///     .uuid("approval-42")
    ///     .send()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn send_card(&self, to: ReceiveId, card: &'c Card) -> SendCard<'c> {
        SendCard {
            client: self.client,
            to,
            content: Content::Card(card),
            uuid: None,
        }
    }

    /// Sends a card-builder template (`POST /open-apis/im/v1/messages`, template content).
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// use card_runtime::{ReceiveId, TemplateCard};
    /// let template = TemplateCard::new("AAqk1Dcxxxxxx").variable("name", "张三");
    /// client.messages().send_template(ReceiveId::chat_id("oc_1"), template).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn send_template(&self, to: ReceiveId, template: TemplateCard) -> SendCard<'c> {
        SendCard {
            client: self.client,
            to,
            content: Content::Template(template),
            uuid: None,
        }
    }

    /// Replies to a message with a card (`POST /open-apis/im/v1/messages/:id/reply`).
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// let reply = client.messages().reply_card("om_dc13264520392913993dd051dba21dcf", &card)
    ///     .in_thread(true)
    ///     .send()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn reply_card(&self, message_id: impl Into<String>, card: &'c Card) -> ReplyCard<'c> {
        ReplyCard {
            client: self.client,
            message_id: message_id.into(),
            card,
            in_thread: false,
            uuid: None,
        }
    }

    /// Replaces a sent card (`PATCH /open-apis/im/v1/messages/:id`). Only shared cards
    /// (`config.update_multi: true`, or any 2.0 card) can be updated this way.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// client.messages().update_card("om_dc13264520392913993dd051dba21dcf", &card).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn update_card(&self, message_id: impl Into<String>, card: &'c Card) -> UpdateCard<'c> {
        UpdateCard {
            client: self.client,
            message_id: message_id.into(),
            card,
        }
    }

    /// Replaces a card after a click, with the callback's token (`c-…`, valid 30 minutes, two
    /// uses): `POST /open-apis/interactive/v1/card/update`. Call it only after the callback's
    /// HTTP response went out.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// client.messages().delay_update("c-295ee57216a5dc9de90fefd0aadb4b1d7d337046", &card)
    ///     .open_ids(["ou_1"])
    ///     .send()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn delay_update(&self, token: impl Into<String>, card: &'c Card) -> DelayUpdate<'c> {
        DelayUpdate {
            client: self.client,
            token: token.into(),
            card,
            open_ids: Vec::new(),
        }
    }
}

impl Client {
    /// The message API: send, reply, update.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// client.messages().send_card(card_runtime::ReceiveId::chat_id("oc_1"), &card).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn messages(&self) -> MessagesHandler<'_> {
        MessagesHandler::new(self)
    }
}

#[derive(Debug)]
enum Content<'c> {
    Card(&'c Card),
    Template(TemplateCard),
}

/// Schema-validates a card before any network call. Runs after the size check, so an
/// oversized card is reported as [`Error::TooLarge`] rather than as a schema finding.
pub(crate) fn validate(card: &Card) -> Result<()> {
    let report = card.validate();
    if report.is_ok() {
        Ok(())
    } else {
        Err(Error::CardInvalid { report })
    }
}

pub(crate) fn check_size(size: usize, limit: usize) -> Result<()> {
    if size > limit {
        Err(Error::TooLarge { size, limit })
    } else {
        Ok(())
    }
}

/// The local checks of a card whose JSON is `card_len` bytes: size, then schema.
fn check_card(card: &Card, card_len: usize) -> Result<()> {
    check_size(card_len, MAX_CARD_BYTES)?;
    validate(card)
}

/// The caller's idempotency key, or a fresh one that every retry of this call reuses.
pub(crate) fn uuid_or_new(uuid: Option<String>) -> String {
    uuid.unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string())
}

/// A message id as one path segment: anything outside the unreserved set is percent-encoded so
/// an id can never change the path.
pub(crate) fn segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Encodes `{..fields, "content": "<card json>"}` with the card escaped in one pass.
fn content_body(fields: &[(&str, Value)], content: &Content<'_>) -> Result<(Vec<u8>, usize)> {
    let mut out = Vec::with_capacity(256);
    out.push(b'{');
    for (name, value) in fields {
        body::write_json(&mut out, name);
        out.push(b':');
        out.extend_from_slice(&body::to_vec(value)?);
        out.push(b',');
    }
    out.extend_from_slice(b"\"msg_type\":\"interactive\",\"content\":");
    let len = match content {
        Content::Card(card) => body::write_json_string(&mut out, card),
        Content::Template(template) => body::write_json_string(&mut out, &template.content()),
    }
    .map_err(Error::Encode)?;
    out.push(b'}');
    Ok((out, len))
}

/// A send in preparation; finish with [`send`](Self::send).
#[derive(Debug)]
#[must_use = "nothing is sent until `.send().await`"]
pub struct SendCard<'c> {
    client: &'c Client,
    to: ReceiveId,
    content: Content<'c>,
    uuid: Option<String>,
}

impl SendCard<'_> {
    /// The idempotency key (≤ 50 characters): Feishu creates at most one message per key
    /// within an hour. Default is a fresh UUID per `send`, reused by every retry of it.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// # use card_runtime::ReceiveId;
    /// client.messages().send_card(ReceiveId::chat_id("oc_1"), &card).uuid("order-7-approval").send().await?;
    /// # Ok(()) }
    /// ```
    pub fn uuid(mut self, uuid: impl Into<String>) -> Self {
        self.uuid = Some(uuid.into());
        self
    }

    /// Validates the card, then sends it, retrying transient failures with the same `uuid`.
    ///
    /// # Errors
    ///
    /// Every error is an [`Error::Send`] carrying the `uuid` (the one set here, or the one
    /// generated), whose [`cause`](Error::cause) is [`Error::CardInvalid`] or
    /// [`Error::TooLarge`] before any request, or [`Error::Api`], [`Error::Http`],
    /// [`Error::Decode`], ... from the call. [`Error::is_maybe_delivered`] says whether to
    /// resend it with the same uuid.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// # use card_runtime::ReceiveId;
    /// let sent = client.messages().send_card(ReceiveId::chat_id("oc_1"), &card).send().await?;
    /// # Ok(()) }
    /// ```
    pub async fn send(self) -> Result<SentMessage> {
        let uuid = uuid_or_new(self.uuid.clone());
        self.send_with(&uuid)
            .await
            .map_err(|err| with_uuid(err, &uuid))
    }

    async fn send_with(self, uuid: &str) -> Result<SentMessage> {
        let (body, card_len) = match &self.content {
            Content::Card(card) => SendCardBody::new(&self.to, card).uuid(uuid).encode(),
            Content::Template(_) => content_body(
                &[
                    ("receive_id", Value::from(self.to.id())),
                    ("uuid", Value::from(uuid)),
                ],
                &self.content,
            )?,
        };
        match &self.content {
            Content::Card(card) => check_card(card, card_len)?,
            Content::Template(_) => check_size(card_len, MAX_CARD_BYTES)?,
        }
        let path = format!(
            "/open-apis/im/v1/messages?receive_id_type={}",
            self.to.kind().as_str()
        );
        let call = Call {
            method: Method::POST,
            path: &path,
            body,
            pace: Some(PaceKey::Receiver(self.to.id().to_owned())),
            idempotency: Idempotency::Safe,
        };
        let sent: SentMessage = required(self.client.call_send(call, uuid).await?)?;
        if let Content::Card(card) = &self.content {
            self.client.inner.versions.record(&sent.message_id, card);
        }
        Ok(sent)
    }
}

/// Every error of a send carries its uuid: a local check's (nothing was sent) as well as the
/// call's, which [`Client::call_send`] has already wrapped with what the attempts went through.
pub(crate) fn with_uuid(err: Error, uuid: &str) -> Error {
    match err {
        Error::Send { .. } => err,
        other => Error::Send {
            uuid: uuid.to_owned(),
            maybe_delivered: other.is_maybe_delivered(),
            source: Box::new(other),
        },
    }
}

pub(crate) fn required<T>(data: Option<T>) -> Result<T> {
    data.ok_or_else(|| Error::Decode {
        path: "data".to_owned(),
        source: serde::de::Error::missing_field("data"),
    })
}

/// A reply in preparation; finish with [`send`](Self::send).
#[derive(Debug)]
#[must_use = "nothing is sent until `.send().await`"]
pub struct ReplyCard<'c> {
    client: &'c Client,
    message_id: String,
    card: &'c Card,
    in_thread: bool,
    uuid: Option<String>,
}

impl ReplyCard<'_> {
    /// Reply in a thread under the message. Default is `false` (a reply to a thread message
    /// stays in the thread anyway).
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// client.messages().reply_card("om_1", &card).in_thread(true).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn in_thread(mut self, in_thread: bool) -> Self {
        self.in_thread = in_thread;
        self
    }

    /// The idempotency key; as for [`SendCard::uuid`].
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// client.messages().reply_card("om_1", &card).uuid("reply-1").send().await?;
    /// # Ok(()) }
    /// ```
    pub fn uuid(mut self, uuid: impl Into<String>) -> Self {
        self.uuid = Some(uuid.into());
        self
    }

    /// Validates the card, then sends the reply.
    ///
    /// # Errors
    ///
    /// As for [`SendCard::send`].
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// let reply = client.messages().reply_card("om_1", &card).send().await?;
    /// assert_eq!(reply.parent_id.as_deref(), Some("om_1"));
    /// # Ok(()) }
    /// ```
    pub async fn send(self) -> Result<SentMessage> {
        let uuid = uuid_or_new(self.uuid.clone());
        self.send_with(&uuid)
            .await
            .map_err(|err| with_uuid(err, &uuid))
    }

    async fn send_with(self, uuid: &str) -> Result<SentMessage> {
        let (body, card_len) = content_body(
            &[
                ("reply_in_thread", Value::Bool(self.in_thread)),
                ("uuid", Value::from(uuid)),
            ],
            &Content::Card(self.card),
        )?;
        check_card(self.card, card_len)?;
        let path = format!(
            "/open-apis/im/v1/messages/{}/reply",
            segment(&self.message_id)
        );
        let call = Call {
            method: Method::POST,
            path: &path,
            body,
            // The per-chat limit applies to the parent's chat, which only the server knows;
            // pacing per parent message is the closest key the client has.
            pace: Some(PaceKey::Receiver(format!("reply:{}", self.message_id))),
            idempotency: Idempotency::Safe,
        };
        let sent: SentMessage = required(self.client.call_send(call, uuid).await?)?;
        self.client
            .inner
            .versions
            .record(&sent.message_id, self.card);
        Ok(sent)
    }
}

/// A PATCH in preparation; finish with [`send`](Self::send).
#[derive(Debug)]
#[must_use = "nothing is sent until `.send().await`"]
pub struct UpdateCard<'c> {
    client: &'c Client,
    message_id: String,
    card: &'c Card,
}

impl UpdateCard<'_> {
    /// Checks that the card is shared and valid, then replaces the sent card.
    ///
    /// # Errors
    ///
    /// [`Error::NotShared`] before any request when the card lacks `update_multi: true`;
    /// [`Error::Downgrade`] before any request when the message was sent by this client as
    /// card JSON 2.0 and the new card is 1.0 (Feishu updates 2.0 only with 2.0); otherwise as
    /// for [`SendCard::send`].
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// client.messages().update_card("om_1", &card).send().await?;
    /// # Ok(()) }
    /// ```
    pub async fn send(self) -> Result<()> {
        if !self.card.is_shared() {
            return Err(Error::NotShared);
        }
        if version_of(self.card) != Version::V2
            && self.client.inner.versions.is_v2(&self.message_id)
        {
            return Err(Error::Downgrade {
                message_id: self.message_id,
            });
        }
        let mut body = Vec::with_capacity(256);
        body.extend_from_slice(b"{\"content\":");
        let card_len = body::write_json_string(&mut body, self.card).map_err(Error::Encode)?;
        body.push(b'}');
        check_card(self.card, card_len)?;
        let path = format!("/open-apis/im/v1/messages/{}", segment(&self.message_id));
        let call = Call {
            method: Method::PATCH,
            path: &path,
            body,
            pace: Some(PaceKey::Message(self.message_id.clone())),
            // Setting the same content twice leaves the same card.
            idempotency: Idempotency::Safe,
        };
        self.client.call::<serde::de::IgnoredAny>(call).await?;
        self.client
            .inner
            .versions
            .record(&self.message_id, self.card);
        Ok(())
    }
}

/// A delayed update in preparation; finish with [`send`](Self::send).
#[derive(Debug)]
#[must_use = "nothing is sent until `.send().await`"]
pub struct DelayUpdate<'c> {
    client: &'c Client,
    token: String,
    card: &'c Card,
    open_ids: Vec<String>,
}

impl DelayUpdate<'_> {
    /// The users whose view of an exclusive 1.0 card (no `update_multi`) changes; required for
    /// such cards, and not to be used for shared ones.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// client.messages().delay_update("c-1", &card).open_ids(["ou_1", "ou_2"]).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn open_ids<I, S>(mut self, open_ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.open_ids = open_ids.into_iter().map(Into::into).collect();
        self
    }

    /// Validates the card, then replaces it with the callback token.
    ///
    /// # Errors
    ///
    /// [`Error::OpenIdsRequired`] before any request for an exclusive card without
    /// `open_ids`; otherwise as for [`SendCard::send`].
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// client.messages().delay_update("c-1", &card).send().await?;
    /// # Ok(()) }
    /// ```
    pub async fn send(self) -> Result<()> {
        if !self.card.is_shared() && self.open_ids.is_empty() {
            return Err(Error::OpenIdsRequired);
        }
        let card_len = body::to_vec(self.card)?.len();
        check_card(self.card, card_len)?;
        // `open_ids` goes inside the card object (reference §3.6).
        let mut card = self.card.as_value().clone();
        if let (Value::Object(fields), false) = (&mut card, self.open_ids.is_empty()) {
            fields.insert("open_ids".to_owned(), Value::from(self.open_ids.clone()));
        }
        let body = body::to_vec(&serde_json::json!({ "token": self.token, "card": card }))?;
        let call = Call {
            method: Method::POST,
            path: "/open-apis/interactive/v1/card/update",
            body,
            pace: None,
            // A token allows two updates: a retry after an ambiguous failure could spend both.
            idempotency: Idempotency::Unsafe,
        };
        self.client.call::<serde::de::IgnoredAny>(call).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::segment;

    #[test]
    fn path_segments_cannot_escape() {
        assert_eq!(segment("om_abc-1"), "om_abc-1");
        assert_eq!(segment("../x?y=1"), "..%2Fx%3Fy%3D1");
    }
}
