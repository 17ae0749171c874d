//! Urgent ("buzz") on a message the bot sent: in app, by SMS, or by phone call.
//!
//! `PATCH /open-apis/im/v1/messages/:message_id/urgent_app|urgent_sms|urgent_phone?user_id_type=open_id`
//! with `{"user_id_list": [...]}`, answering `invalid_user_id_list`
//! (<https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/reference/im-v1/message/urgent_app>).
//! Only the bot's own messages, not batch messages (`bm-…`); at most 200 unread urgents per
//! user (230023).

use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

use crate::api::message::{MessagesHandler, required, segment};
use crate::client::Call;
use crate::error::{Error, Result};
use crate::reliability::pacing::PaceKey;
use crate::reliability::retry::Idempotency;

/// How an urgent reaches the user.
///
/// ```
/// assert_eq!(card_runtime::UrgentKind::Sms.path(), "urgent_sms");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum UrgentKind {
    /// In the Feishu app.
    App,
    /// By text message (costs the tenant's quota).
    Sms,
    /// By phone call (costs the tenant's quota).
    Phone,
}

impl UrgentKind {
    /// The path segment.
    ///
    /// ```
    /// assert_eq!(card_runtime::UrgentKind::App.path(), "urgent_app");
    /// ```
    pub fn path(self) -> &'static str {
        match self {
            Self::App => "urgent_app",
            Self::Sms => "urgent_sms",
            Self::Phone => "urgent_phone",
        }
    }
}

#[derive(Deserialize)]
struct Answer {
    #[serde(default)]
    invalid_user_id_list: Vec<String>,
}

impl MessagesHandler<'_> {
    /// Buzzes these users (open ids) about a message the bot sent; returns the ids that could
    /// not be buzzed.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] before any request for no users or a batch message
    /// (`bm-…`); otherwise the call's errors ([`Error::Api`] 230023 past 200 unread urgents).
    /// A repeat would buzz twice, so only failures where nothing was applied are retried.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// use card_runtime::UrgentKind;
    /// let missed = client.messages().urgent("om_1", UrgentKind::App, ["ou_1", "ou_2"]).await?;
    /// assert!(missed.is_empty());
    /// # Ok(()) }
    /// ```
    pub async fn urgent<I, S>(
        &self,
        message_id: &str,
        kind: UrgentKind,
        open_ids: I,
    ) -> Result<Vec<String>>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let open_ids: Vec<String> = open_ids.into_iter().map(Into::into).collect();
        if open_ids.is_empty() {
            return Err(Error::InvalidRequest {
                reason: "an urgent needs at least one user".to_owned(),
            });
        }
        if message_id.starts_with("bm-") {
            return Err(Error::InvalidRequest {
                reason: "batch messages cannot be made urgent".to_owned(),
            });
        }
        let path = format!(
            "/open-apis/im/v1/messages/{}/{}?user_id_type=open_id",
            segment(message_id),
            kind.path()
        );
        let body =
            serde_json::to_vec(&json!({ "user_id_list": open_ids })).map_err(Error::Encode)?;
        let call = Call {
            method: Method::PATCH,
            path: &path,
            body,
            pace: Some(PaceKey::Message(message_id.to_owned())),
            idempotency: Idempotency::Unsafe,
        };
        let answer: Answer = required(self.client.call(call).await?)?;
        Ok(answer.invalid_user_id_list)
    }
}
