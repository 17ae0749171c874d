//! Messages other than cards: text (with mentions), post (rich text) and uploaded images, sent
//! or replied with the same uuid, pacing and error rules as cards.
//!
//! Content forms from <https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/im-v1/message/create_json>;
//! the request body is at most 150 KB for text and 30 KB for post
//! (<https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/reference/im-v1/message/create>).

use reqwest::Method;
use serde::Serialize;
use serde_json::{Value, json};

use crate::api::images::ImageKey;
use crate::api::message::{MessagesHandler, check_size, required, segment, uuid_or_new, with_uuid};
use crate::api::types::{ReceiveId, SentMessage};
use crate::client::{Call, Client};
use crate::error::{Error, Result};
use crate::reliability::pacing::PaceKey;
use crate::reliability::retry::Idempotency;

/// The largest text message body Feishu takes.
pub const MAX_TEXT_BYTES: usize = 150 * 1024;
/// The largest post (rich text) message body Feishu takes: "30 KB", read as 30 000 bytes as
/// for cards (the safe reading; UNCONFIRMED whether Feishu means 30 720).
pub const MAX_POST_BYTES: usize = 30_000;

/// A text message, with mentions.
///
/// ```
/// use card_runtime::TextMessage;
///
/// let text = TextMessage::new("Approved by ").mention("ou_7d8a6e", "Ada").push(", thanks!");
/// assert_eq!(text.as_str(), "Approved by <at user_id=\"ou_7d8a6e\">Ada</at>, thanks!");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextMessage {
    text: String,
}

impl TextMessage {
    /// A message with this text. `<at …>` written in it is sent as written; mention with
    /// [`mention`](Self::mention).
    ///
    /// ```
    /// assert_eq!(card_runtime::TextMessage::new("hi").as_str(), "hi");
    /// ```
    pub fn new(text: impl Into<String>) -> Self {
        Self { text: text.into() }
    }

    /// Appends text.
    ///
    /// ```
    /// assert_eq!(card_runtime::TextMessage::new("a").push("b").as_str(), "ab");
    /// ```
    pub fn push(mut self, text: &str) -> Self {
        self.text.push_str(text);
        self
    }

    /// Appends a mention of a user by open id; `name` is shown if the id cannot be resolved.
    ///
    /// ```
    /// let text = card_runtime::TextMessage::new("").mention("ou_1", "Ada");
    /// assert_eq!(text.as_str(), "<at user_id=\"ou_1\">Ada</at>");
    /// ```
    pub fn mention(mut self, open_id: &str, name: &str) -> Self {
        // Quotes and angle brackets would end the tag early; ids and names never need them.
        let clean = |s: &str| s.replace(['"', '<', '>'], "");
        self.text.push_str(&format!(
            "<at user_id=\"{}\">{}</at>",
            clean(open_id),
            clean(name)
        ));
        self
    }

    /// Appends a mention of everyone in the chat.
    ///
    /// ```
    /// let text = card_runtime::TextMessage::new("").mention_all();
    /// assert_eq!(text.as_str(), "<at user_id=\"all\"></at>");
    /// ```
    pub fn mention_all(mut self) -> Self {
        self.text.push_str("<at user_id=\"all\"></at>");
        self
    }

    /// The text as sent.
    ///
    /// ```
    /// assert_eq!(card_runtime::TextMessage::new("x").as_str(), "x");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.text
    }

    fn content(&self) -> Value {
        json!({ "text": self.text })
    }
}

/// One element of a [`PostMessage`] line.
///
/// ```
/// use card_runtime::{ImageKey, PostElement};
/// let line = vec![
///     PostElement::text("Report: "),
///     PostElement::link("dashboard", "https://example.com/d"),
///     PostElement::at("ou_1"),
///     PostElement::image(&ImageKey::new("img_v3_1")),
/// ];
/// # let _ = line;
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "tag", rename_all = "lowercase")]
#[non_exhaustive]
pub enum PostElement {
    /// Plain text.
    Text {
        /// The text.
        text: String,
    },
    /// A link.
    A {
        /// The shown text.
        text: String,
        /// The URL.
        href: String,
    },
    /// A mention by open id (`all` for everyone).
    At {
        /// The open id.
        user_id: String,
    },
    /// An uploaded image.
    Img {
        /// The image's key.
        image_key: String,
    },
}

impl PostElement {
    /// Plain text.
    ///
    /// ```
    /// let el = card_runtime::PostElement::text("hi");
    /// # let _ = el;
    /// ```
    pub fn text(text: impl Into<String>) -> Self {
        Self::Text { text: text.into() }
    }

    /// A link.
    ///
    /// ```
    /// let el = card_runtime::PostElement::link("docs", "https://example.com");
    /// # let _ = el;
    /// ```
    pub fn link(text: impl Into<String>, href: impl Into<String>) -> Self {
        Self::A {
            text: text.into(),
            href: href.into(),
        }
    }

    /// A mention by open id.
    ///
    /// ```
    /// let el = card_runtime::PostElement::at("ou_1");
    /// # let _ = el;
    /// ```
    pub fn at(open_id: impl Into<String>) -> Self {
        Self::At {
            user_id: open_id.into(),
        }
    }

    /// An uploaded image.
    ///
    /// ```
    /// let el = card_runtime::PostElement::image(&card_runtime::ImageKey::new("img_v3_1"));
    /// # let _ = el;
    /// ```
    pub fn image(key: &ImageKey) -> Self {
        Self::Img {
            image_key: key.as_str().to_owned(),
        }
    }
}

/// A post (rich text) message: a title and lines of [`PostElement`]s, in one language.
///
/// ```
/// use card_runtime::{PostElement, PostMessage};
/// let post = PostMessage::new("Weekly report")
///     .line([PostElement::text("All green "), PostElement::at("ou_1")]);
/// assert_eq!(post.to_value()["zh_cn"]["content"][0][1]["tag"], "at");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostMessage {
    locale: String,
    title: String,
    lines: Vec<Vec<PostElement>>,
}

impl PostMessage {
    /// A post with this title, in `zh_cn`.
    ///
    /// ```
    /// let post = card_runtime::PostMessage::new("Title");
    /// # let _ = post;
    /// ```
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            locale: "zh_cn".to_owned(),
            title: title.into(),
            lines: Vec::new(),
        }
    }

    /// The language key (`zh_cn`, `en_us`, `ja_jp`). Default is `zh_cn`.
    ///
    /// ```
    /// let post = card_runtime::PostMessage::new("Title").locale("en_us");
    /// assert!(post.to_value().get("en_us").is_some());
    /// ```
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = locale.into();
        self
    }

    /// Appends a line (a paragraph).
    ///
    /// ```
    /// let post = card_runtime::PostMessage::new("T").line([card_runtime::PostElement::text("x")]);
    /// # let _ = post;
    /// ```
    pub fn line(mut self, elements: impl IntoIterator<Item = PostElement>) -> Self {
        self.lines.push(elements.into_iter().collect());
        self
    }

    /// The content JSON, `{"<locale>": {"title", "content": [[…]]}}`.
    ///
    /// ```
    /// let value = card_runtime::PostMessage::new("T").to_value();
    /// assert_eq!(value["zh_cn"]["title"], "T");
    /// ```
    pub fn to_value(&self) -> Value {
        let mut map = serde_json::Map::new();
        map.insert(
            self.locale.clone(),
            json!({ "title": self.title, "content": self.lines }),
        );
        Value::Object(map)
    }
}

impl<'c> MessagesHandler<'c> {
    /// Sends a text message (`POST /open-apis/im/v1/messages`, `msg_type: text`).
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// use card_runtime::{ReceiveId, TextMessage};
    /// client.messages().send_text(ReceiveId::chat_id("oc_1"), &TextMessage::new("Deployed")).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn send_text(&self, to: ReceiveId, text: &TextMessage) -> SendMessage<'c> {
        SendMessage::new(
            self.client,
            Target::To(to),
            "text",
            text.content(),
            MAX_TEXT_BYTES,
        )
    }

    /// Replies with a text message (`POST /open-apis/im/v1/messages/:id/reply`).
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// let text = card_runtime::TextMessage::new("On it");
    /// client.messages().reply_text("om_1", &text).in_thread(true).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn reply_text(&self, message_id: impl Into<String>, text: &TextMessage) -> SendMessage<'c> {
        let target = Target::Reply {
            message_id: message_id.into(),
            in_thread: false,
        };
        SendMessage::new(self.client, target, "text", text.content(), MAX_TEXT_BYTES)
    }

    /// Sends a post (rich text) message (`msg_type: post`).
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// use card_runtime::{PostElement, PostMessage, ReceiveId};
    /// let post = PostMessage::new("Report").line([PostElement::text("All green")]);
    /// client.messages().send_post(ReceiveId::open_id("ou_1"), &post).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn send_post(&self, to: ReceiveId, post: &PostMessage) -> SendMessage<'c> {
        SendMessage::new(
            self.client,
            Target::To(to),
            "post",
            post.to_value(),
            MAX_POST_BYTES,
        )
    }

    /// Replies with a post (rich text) message.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// use card_runtime::{PostElement, PostMessage};
    /// let post = PostMessage::new("Details").line([PostElement::text("…")]);
    /// client.messages().reply_post("om_1", &post).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn reply_post(&self, message_id: impl Into<String>, post: &PostMessage) -> SendMessage<'c> {
        let target = Target::Reply {
            message_id: message_id.into(),
            in_thread: false,
        };
        SendMessage::new(self.client, target, "post", post.to_value(), MAX_POST_BYTES)
    }
}

impl<'c> MessagesHandler<'c> {
    /// Sends an uploaded image as a message (`msg_type: image`).
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, png: Vec<u8>) -> card_runtime::Result<()> {
    /// use card_runtime::ReceiveId;
    /// let key = client.images().upload(png).send().await?;
    /// client.messages().send_image(ReceiveId::chat_id("oc_1"), &key).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn send_image(&self, to: ReceiveId, key: &ImageKey) -> SendMessage<'c> {
        let content = json!({ "image_key": key.as_str() });
        SendMessage::new(
            self.client,
            Target::To(to),
            "image",
            content,
            MAX_TEXT_BYTES,
        )
    }

    /// Replies with an uploaded image.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, key: card_runtime::ImageKey) -> card_runtime::Result<()> {
    /// client.messages().reply_image("om_1", &key).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn reply_image(&self, message_id: impl Into<String>, key: &ImageKey) -> SendMessage<'c> {
        let target = Target::Reply {
            message_id: message_id.into(),
            in_thread: false,
        };
        let content = json!({ "image_key": key.as_str() });
        SendMessage::new(self.client, target, "image", content, MAX_TEXT_BYTES)
    }
}

#[derive(Debug)]
enum Target {
    To(ReceiveId),
    Reply { message_id: String, in_thread: bool },
}

/// A text, post or image send or reply in preparation; finish with [`send`](Self::send).
#[derive(Debug)]
#[must_use = "nothing is sent until `.send().await`"]
pub struct SendMessage<'c> {
    client: &'c Client,
    target: Target,
    msg_type: &'static str,
    content: Value,
    limit: usize,
    uuid: Option<String>,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    receive_id: Option<&'a str>,
    msg_type: &'a str,
    content: String,
    uuid: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reply_in_thread: Option<bool>,
}

impl<'c> SendMessage<'c> {
    fn new(
        client: &'c Client,
        target: Target,
        msg_type: &'static str,
        content: Value,
        limit: usize,
    ) -> Self {
        Self {
            client,
            target,
            msg_type,
            content,
            limit,
            uuid: None,
        }
    }

    /// The idempotency key; as for [`SendCard::uuid`](crate::SendCard::uuid).
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// let text = card_runtime::TextMessage::new("hi");
    /// client.messages().send_text(card_runtime::ReceiveId::chat_id("oc_1"), &text).uuid("greeting-1").send().await?;
    /// # Ok(()) }
    /// ```
    pub fn uuid(mut self, uuid: impl Into<String>) -> Self {
        self.uuid = Some(uuid.into());
        self
    }

    /// For replies: reply in a thread under the message. Ignored for sends.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// let text = card_runtime::TextMessage::new("hi");
    /// client.messages().reply_text("om_1", &text).in_thread(true).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn in_thread(mut self, in_thread: bool) -> Self {
        if let Target::Reply {
            in_thread: flag, ..
        } = &mut self.target
        {
            *flag = in_thread;
        }
        self
    }

    /// Checks the size, then sends, retrying transient failures with the same `uuid`.
    ///
    /// # Errors
    ///
    /// As for [`SendCard::send`](crate::SendCard::send): every error is an [`Error::Send`]
    /// with the uuid; [`Error::TooLarge`] before any request when the body is over the limit.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// let text = card_runtime::TextMessage::new("hi");
    /// let sent = client.messages().send_text(card_runtime::ReceiveId::chat_id("oc_1"), &text).send().await?;
    /// # Ok(()) }
    /// ```
    pub async fn send(self) -> Result<SentMessage> {
        let uuid = uuid_or_new(self.uuid.clone());
        self.send_with(&uuid)
            .await
            .map_err(|err| with_uuid(err, &uuid))
    }

    async fn send_with(self, uuid: &str) -> Result<SentMessage> {
        let (receive_id, reply_in_thread) = match &self.target {
            Target::To(to) => (Some(to.id()), None),
            Target::Reply { in_thread, .. } => (None, Some(*in_thread)),
        };
        let body = serde_json::to_vec(&Body {
            receive_id,
            msg_type: self.msg_type,
            content: self.content.to_string(),
            uuid,
            reply_in_thread,
        })
        .map_err(Error::Encode)?;
        check_size(body.len(), self.limit)?;
        let (path, pace) = match &self.target {
            Target::To(to) => (
                format!(
                    "/open-apis/im/v1/messages?receive_id_type={}",
                    to.kind().as_str()
                ),
                PaceKey::Receiver(to.id().to_owned()),
            ),
            Target::Reply { message_id, .. } => (
                format!("/open-apis/im/v1/messages/{}/reply", segment(message_id)),
                PaceKey::Receiver(format!("reply:{message_id}")),
            ),
        };
        let call = Call {
            method: Method::POST,
            path: &path,
            body,
            pace: Some(pace),
            idempotency: Idempotency::Safe,
        };
        required(self.client.call_send(call, uuid).await?)
    }
}
