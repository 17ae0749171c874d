//! Reactions (emoji) on a message: add and remove.
//!
//! - `POST /open-apis/im/v1/messages/:message_id/reactions` with
//!   `{"reaction_type": {"emoji_type": "THUMBSUP"}}`
//!   (<https://open.feishu.cn/document/server-docs/im-v1/message-reaction/create>)
//! - `DELETE /open-apis/im/v1/messages/:message_id/reactions/:reaction_id`
//!   (<https://open.feishu.cn/document/server-docs/im-v1/message-reaction/delete>)
//!
//! The emoji names (`THUMBSUP`, `OK`, `DONE`, ...) are listed at
//! <https://open.feishu.cn/document/server-docs/im-v1/message-reaction/emojis-introduce>.

use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

use crate::api::message::{MessagesHandler, required, segment};
use crate::client::Call;
use crate::error::{Error, Result};
use crate::reliability::pacing::PaceKey;
use crate::reliability::retry::Idempotency;

/// A reaction the bot added.
///
/// ```no_run
/// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
/// let reaction = client.messages().add_reaction("om_1", "THUMBSUP").await?;
/// client.messages().remove_reaction("om_1", &reaction.reaction_id).await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Reaction {
    /// The reaction's id, for removing it.
    pub reaction_id: String,
    /// The emoji, e.g. `THUMBSUP`.
    pub emoji_type: String,
}

#[derive(Deserialize)]
struct Answer {
    reaction_id: String,
    #[serde(default)]
    reaction_type: Option<serde_json::Value>,
}

impl MessagesHandler<'_> {
    /// Adds a reaction to a message.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] before any request for an empty emoji name; otherwise the
    /// call's errors ([`Error::Api`] 231001 for an unknown emoji, ...).
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// client.messages().add_reaction("om_1", "DONE").await?;
    /// # Ok(()) }
    /// ```
    pub async fn add_reaction(&self, message_id: &str, emoji_type: &str) -> Result<Reaction> {
        if emoji_type.is_empty() || message_id.is_empty() {
            return Err(Error::InvalidRequest {
                reason: "a reaction needs a message id and an emoji type".to_owned(),
            });
        }
        let path = format!(
            "/open-apis/im/v1/messages/{}/reactions",
            segment(message_id)
        );
        let body = serde_json::to_vec(&json!({"reaction_type": {"emoji_type": emoji_type}}))
            .map_err(Error::Encode)?;
        let call = Call {
            method: Method::POST,
            path: &path,
            body,
            pace: Some(PaceKey::Message(message_id.to_owned())),
            // UNCONFIRMED whether Feishu merges a repeated reaction: retried only when
            // nothing can have been applied.
            idempotency: Idempotency::Unsafe,
        };
        let answer: Answer = required(self.client.call(call).await?)?;
        let emoji = answer
            .reaction_type
            .as_ref()
            .and_then(|t| t.get("emoji_type"))
            .and_then(|e| e.as_str())
            .unwrap_or(emoji_type)
            .to_owned();
        Ok(Reaction {
            reaction_id: answer.reaction_id,
            emoji_type: emoji,
        })
    }

    /// Removes a reaction the bot added.
    ///
    /// # Errors
    ///
    /// The call's errors.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// client.messages().remove_reaction("om_1", "ZCqPm3kfVMf3").await?;
    /// # Ok(()) }
    /// ```
    pub async fn remove_reaction(&self, message_id: &str, reaction_id: &str) -> Result<()> {
        let path = format!(
            "/open-apis/im/v1/messages/{}/reactions/{}",
            segment(message_id),
            segment(reaction_id)
        );
        let call = Call {
            method: Method::DELETE,
            path: &path,
            body: Vec::new(),
            pace: Some(PaceKey::Message(message_id.to_owned())),
            idempotency: Idempotency::Safe,
        };
        self.client.call::<serde::de::IgnoredAny>(call).await?;
        Ok(())
    }
}
