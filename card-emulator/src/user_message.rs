//! The emulator as a user writing to the bot: `POST /_emulator/messages/send` stores the
//! user's text message (so the bot can reply to it) and delivers `im.message.receive_v1` over
//! the app's long connection.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use std::sync::atomic::Ordering;

use serde_json::Value;

use crate::callback::schema2_request;
use crate::click::{Clicker, iv};
use crate::gateway::Delivered;
use crate::state::EmulatorState;
use crate::store::{Head, Stored};

const TENANT_KEY: &str = "tenant_emulator";

/// A message a user sends to the bot.
///
/// ```
/// use card_emulator::UserMessage;
/// let message = UserMessage::new("ou_alice", "/approve-demo");
/// # let _ = message;
/// ```
#[derive(Debug, Clone, Deserialize)]
pub struct UserMessage {
    /// The sender's open id (`ou_…`).
    pub open_id: String,
    /// The text as typed.
    pub text: String,
    /// A group chat to send in (`oc_…`); default: the user's p2p chat with the bot.
    #[serde(default)]
    pub chat_id: Option<String>,
}

impl UserMessage {
    /// A text message in the user's p2p chat with the bot.
    ///
    /// ```
    /// # use card_emulator::UserMessage;
    /// assert_eq!(UserMessage::new("ou_a", "hi").text, "hi");
    /// ```
    pub fn new(open_id: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            open_id: open_id.into(),
            text: text.into(),
            chat_id: None,
        }
    }
}

/// What became of a [`UserMessage`].
#[derive(Debug, Clone, serde::Serialize)]
#[non_exhaustive]
pub struct SentUserMessage {
    /// The stored message's id (`om_…`): the bot replies to it.
    pub message_id: String,
    /// Its chat.
    pub chat_id: String,
    /// The app's answer; `None` when no client was connected.
    pub delivered: Option<Delivered>,
}

impl EmulatorState {
    /// Stores the user's message and delivers `im.message.receive_v1` to the app's connected
    /// long-connection client, waiting for its answer (at most 3 s). To reach an app over its
    /// HTTP callback URL instead, use [`Clicker::send_message`](crate::Clicker::send_message).
    ///
    /// ```no_run
    /// # async fn run() -> std::io::Result<()> {
    /// use card_emulator::{Emulator, UserMessage};
    /// let emulator = Emulator::start().await?;
    /// let sent = emulator.send_user_message(UserMessage::new("ou_alice", "/approve-demo")).await;
    /// assert!(sent.delivered.is_none()); // nobody connected
    /// # Ok(()) }
    /// ```
    pub async fn send_user_message(&self, message: UserMessage) -> SentUserMessage {
        // Over the long connection nothing checks the token (reference A.8).
        let (mut sent, event) = self.record_user_message(&message, "");
        sent.delivered = self.deliver_ws(event.to_string().as_bytes()).await;
        sent
    }

    /// Stores the user's message; returns it (not yet delivered) and its event, whose
    /// `header.token` is `token` (the app's Verification Token over HTTP).
    pub(crate) fn record_user_message(
        &self,
        message: &UserMessage,
        token: &str,
    ) -> (SentUserMessage, serde_json::Value) {
        let content = json!({"text": message.text}).to_string();
        let (message_id, chat_id, now_ms) = {
            let now_ms = self.now_ms();
            let mut inner = self.lock();
            let chat_id = message
                .chat_id
                .clone()
                .unwrap_or_else(|| inner.chat_for("open_id", &message.open_id));
            let message_id = format!("om_{}", inner.next_hex());
            let head = Head {
                message_id: message_id.clone(),
                chat_id: chat_id.clone(),
                // Not sent by the app: recorded as the user's, to be replied to.
                receive_id_type: "from_user".into(),
                receive_id: message.open_id.clone(),
                msg_type: "text".into(),
                uuid: None,
                parent_id: None,
                root_id: None,
                thread_id: None,
                create_time: now_ms,
            };
            // Not counted in `messages_created`, which counts what the app sent.
            let stored = Stored::new(head, content.as_str().into());
            let evicted = inner.messages.insert(message_id.clone(), stored);
            inner.stats.messages_evicted += evicted;
            (message_id, chat_id, now_ms)
        };
        let chat_type = if message.chat_id.is_some() {
            "group"
        } else {
            "p2p"
        };
        let event = json!({
            "schema": "2.0",
            "header": {
                "event_id": uuid::Uuid::new_v4().simple().to_string(),
                "token": token,
                "create_time": now_ms.to_string(),
                "event_type": "im.message.receive_v1",
                "tenant_key": TENANT_KEY,
                "app_id": self.app_id(),
            },
            "event": {
                "sender": {
                    "sender_id": {"open_id": message.open_id, "union_id": "", "user_id": ""},
                    "sender_type": "user",
                    "tenant_key": TENANT_KEY,
                },
                "message": {
                    "message_id": message_id,
                    "create_time": now_ms.to_string(),
                    "update_time": now_ms.to_string(),
                    "chat_id": chat_id,
                    "chat_type": chat_type,
                    "message_type": "text",
                    "content": content,
                    "mentions": [],
                },
            },
        });
        let sent = SentUserMessage {
            message_id,
            chat_id,
            delivered: None,
        };
        (sent, event)
    }
}

/// `POST /_emulator/messages/send`, body a [`UserMessage`]: 200 with a [`SentUserMessage`],
/// 409 when no long-connection client is connected (the message is stored all the same).
pub(crate) async fn send(
    State(state): State<Arc<EmulatorState>>,
    Json(message): Json<UserMessage>,
) -> Response {
    if !message.open_id.starts_with("ou_") || message.text.is_empty() {
        let body = json!({"msg": "open_id must start with ou_ and text must not be empty"});
        return (StatusCode::BAD_REQUEST, Json(body)).into_response();
    }
    let sent = state.send_user_message(message).await;
    let status = if sent.delivered.is_some() {
        StatusCode::OK
    } else {
        StatusCode::CONFLICT
    };
    (status, Json(json!(sent))).into_response()
}

impl Clicker {
    /// A user sends the bot a text message: it is stored (so the bot can reply to it) and
    /// `im.message.receive_v1` goes to the app over its long connection when one is open, else
    /// to its callback URL, signed and sealed like a click.
    ///
    /// ```no_run
    /// # use card_emulator::UserMessage;
    /// # async fn run(clicker: &card_emulator::Clicker, emulator: &card_emulator::Emulator) {
    /// let sent = clicker.send_message(emulator, &UserMessage::new("ou_alice", "/approve-demo")).await;
    /// assert_eq!(sent.delivered.unwrap().status, Some(200));
    /// # }
    /// ```
    pub async fn send_message(
        &self,
        emulator: &EmulatorState,
        message: &UserMessage,
    ) -> SentUserMessage {
        let token = self.app.secrets.verification_token.expose();
        let (mut sent, event) = emulator.record_user_message(message, token);
        if emulator.long_connections() > 0 {
            if let Some(delivered) = emulator.deliver_ws(event.to_string().as_bytes()).await {
                sent.delivered = Some(delivered);
                return sent;
            }
        }
        let n = self.sequence.fetch_add(1, Ordering::Relaxed);
        let nonce = uuid::Uuid::new_v4().simple().to_string();
        let request = schema2_request(
            &self.app.secrets,
            &event,
            self.app.encrypted,
            emulator.clock().now(),
            &nonce,
            iv(n),
        );
        sent.delivered = Some(match self.post(request).await {
            Some((status, answer)) => Delivered::new(Some(status), answer),
            None => Delivered::new(None, Value::Null),
        });
        sent
    }
}
