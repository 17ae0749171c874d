//! Ephemeral cards: shown to one user in a group chat, with their own send and delete calls.
//!
//! - `POST /open-apis/ephemeral/v1/send` with `{chat_id, open_id | user_id | email,
//!   msg_type: "interactive", card: {…}}` (the card an object), answering `message_id`
//!   (<https://open.feishu.cn/document/ukTMukTMukTM/uETOyYjLxkjM24SM5IjN>)
//! - `POST /open-apis/ephemeral/v1/delete` with `{message_id}`
//!   (<https://open.feishu.cn/document/ukTMukTMukTM/uITOyYjLykjM24iM5IjN>)
//!
//! Group chats only, the bot and the user must be members; 40 per second per chat; no
//! notification; cannot be forwarded nor PATCHed.

use reqwest::Method;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::api::body::MAX_CARD_BYTES;
use crate::api::message::{check_size, required, validate};
use crate::api::types::{ReceiveId, ReceiveIdType};
use crate::card::Card;
use crate::client::{Call, Client};
use crate::error::{Error, Result};
use crate::reliability::retry::Idempotency;

/// Ephemeral cards, from [`Client::ephemeral`].
///
/// ```no_run
/// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
/// use card_runtime::ReceiveId;
/// let id = client.ephemeral().send_card("oc_1", ReceiveId::open_id("ou_1"), &card).await?;
/// client.ephemeral().delete(&id).await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct EphemeralHandler<'c> {
    client: &'c Client,
}

impl Client {
    /// Ephemeral cards: visible to one user in a group chat.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// client.ephemeral().send_card("oc_1", card_runtime::ReceiveId::email("a@example.com"), &card).await?;
    /// # Ok(()) }
    /// ```
    pub fn ephemeral(&self) -> EphemeralHandler<'_> {
        EphemeralHandler { client: self }
    }
}

#[derive(Deserialize)]
struct Sent {
    message_id: String,
}

impl EphemeralHandler<'_> {
    /// Sends a card only `user` sees in the group chat `chat_id`; returns its message id.
    ///
    /// # Errors
    ///
    /// Before any request: [`Error::InvalidRequest`] when `user` is not an open id, user id or
    /// email; [`Error::TooLarge`] / [`Error::CardInvalid`] for the card. Then the call's errors
    /// (a user or bot outside the chat is refused by Feishu). Without an idempotency key,
    /// only failures where nothing was applied are retried.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// let id = client.ephemeral().send_card("oc_1", card_runtime::ReceiveId::open_id("ou_1"), &card).await?;
    /// # Ok(()) }
    /// ```
    pub async fn send_card(&self, chat_id: &str, user: ReceiveId, card: &Card) -> Result<String> {
        let field = match user.kind() {
            ReceiveIdType::OpenId => "open_id",
            ReceiveIdType::UserId => "user_id",
            ReceiveIdType::Email => "email",
            other => {
                return Err(Error::InvalidRequest {
                    reason: format!(
                        "an ephemeral card goes to an open id, user id or email, not a {}",
                        other.as_str()
                    ),
                });
            }
        };
        if chat_id.is_empty() {
            return Err(Error::InvalidRequest {
                reason: "an ephemeral card needs a chat id".to_owned(),
            });
        }
        let card_len = serde_json::to_vec(card).map_err(Error::Encode)?.len();
        check_size(card_len, MAX_CARD_BYTES)?;
        validate(card)?;
        let mut body = json!({ "chat_id": chat_id, "msg_type": "interactive", "card": card });
        if let Value::Object(map) = &mut body {
            map.insert(field.to_owned(), Value::from(user.id()));
        }
        let call = Call {
            method: Method::POST,
            path: "/open-apis/ephemeral/v1/send",
            body: serde_json::to_vec(&body).map_err(Error::Encode)?,
            // The per-chat limit is 40/s, above the pacer's 5/s per receiver: app-wide only.
            pace: None,
            idempotency: Idempotency::Unsafe,
        };
        let sent: Sent = required(self.client.call(call).await?)?;
        Ok(sent.message_id)
    }

    /// Deletes an ephemeral card.
    ///
    /// # Errors
    ///
    /// The call's errors ([`Error::Api`] 18051 when it was already deleted).
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// client.ephemeral().delete("om_1").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, message_id: &str) -> Result<()> {
        let body =
            serde_json::to_vec(&json!({ "message_id": message_id })).map_err(Error::Encode)?;
        let call = Call {
            method: Method::POST,
            path: "/open-apis/ephemeral/v1/delete",
            body,
            pace: None,
            // Deleting twice leaves it deleted (the second answers 18051).
            idempotency: Idempotency::Safe,
        };
        self.client.call::<serde::de::IgnoredAny>(call).await?;
        Ok(())
    }
}
