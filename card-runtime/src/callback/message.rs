//! Typed events: the [`Event`] trait for any event type, and `im.message.receive_v1` parsed
//! (text, post, mentions, chat and sender) with a helper that replies with a card.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::api::message::ReplyCard;
use crate::{Card, Client};

/// An event type and the `event` object it arrives with (schema 2.0 envelope, over HTTP or the
/// long connection). Implement it for any event to handle it with
/// [`Handlers::on_event`](super::Handlers::on_event).
///
/// ```
/// use card_runtime::callback::Event;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct BotAdded { chat_id: String, name: Option<String> }
/// impl Event for BotAdded { const TYPE: &'static str = "im.chat.member.bot.added_v1"; }
/// assert_eq!(BotAdded::TYPE, "im.chat.member.bot.added_v1");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a Feishu event type",
    label = "an event handler takes an `Event` type",
    note = "implement `card_runtime::callback::Event` for it: `impl Event for {Self} {{ const TYPE: &'static str = \"im.chat.disbanded_v1\"; }}`"
)]
pub trait Event: DeserializeOwned + Send + 'static {
    /// The `header.event_type` it arrives with.
    const TYPE: &'static str;
}

/// The ids of a user, as many as the app's scopes reveal.
///
/// ```
/// use card_runtime::callback::UserIds;
/// let ids: UserIds = serde_json::from_str(r#"{"open_id":"ou_1"}"#).unwrap();
/// assert_eq!((ids.open_id.as_str(), ids.user_id), ("ou_1", None));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct UserIds {
    /// `ou_…`.
    #[serde(default)]
    pub open_id: String,
    /// The tenant's user id (with the `contact:user.employee_id:readonly` scope).
    #[serde(default)]
    pub user_id: Option<String>,
    /// `on_…`.
    #[serde(default)]
    pub union_id: Option<String>,
}

/// Who sent a message.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Sender {
    /// The sender's ids.
    #[serde(default)]
    pub sender_id: UserIds,
    /// `user` (or `app` for another bot).
    #[serde(default)]
    pub sender_type: String,
    /// The sender's tenant.
    #[serde(default)]
    pub tenant_key: String,
}

/// One `@` in a message: the placeholder in its text (`@_user_1`) and who it names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Mention {
    /// The placeholder in the text, `@_user_1`.
    #[serde(default)]
    pub key: String,
    /// Who is mentioned.
    #[serde(default)]
    pub id: UserIds,
    /// The display name.
    #[serde(default)]
    pub name: String,
    /// Their tenant.
    #[serde(default)]
    pub tenant_key: String,
}

/// The message of an `im.message.receive_v1` event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Message {
    /// `om_…`: what [`MessageReceived::reply_card`] answers.
    #[serde(default)]
    pub message_id: String,
    /// The thread's root message, for a reply.
    #[serde(default)]
    pub root_id: Option<String>,
    /// The message replied to.
    #[serde(default)]
    pub parent_id: Option<String>,
    /// Milliseconds since the epoch, as Feishu writes it.
    #[serde(default)]
    pub create_time: String,
    /// `oc_…`.
    #[serde(default)]
    pub chat_id: String,
    /// `p2p` or `group`.
    #[serde(default)]
    pub chat_type: String,
    /// `text`, `post`, `image`, `interactive`, ...
    #[serde(default)]
    pub message_type: String,
    /// The content as sent: a JSON document in a string; [`MessageReceived::content`] parses it.
    #[serde(default)]
    pub content: String,
    /// The `@`s in the message.
    #[serde(default)]
    pub mentions: Vec<Mention>,
}

/// `im.message.receive_v1`: a user sent the bot a message (in a 1:1 chat, or `@`-ing it in a
/// group).
///
/// ```
/// use card_runtime::callback::{MessageContent, MessageReceived};
///
/// let event: MessageReceived = serde_json::from_value(serde_json::json!({
///     "sender": {"sender_id": {"open_id": "ou_1"}, "sender_type": "user"},
///     "message": {
///         "message_id": "om_1", "chat_id": "oc_1", "chat_type": "group", "message_type": "text",
///         "content": "{\"text\":\"@_user_1 /deploy api\"}",
///         "mentions": [{"key": "@_user_1", "id": {"open_id": "ou_bot"}, "name": "Deploy Bot"}]
///     }
/// })).unwrap();
/// assert_eq!(event.text().as_deref(), Some("@Deploy Bot /deploy api"));
/// assert_eq!(event.command().as_deref(), Some("/deploy"));
/// assert_eq!(event.arguments().as_deref(), Some("api"));
/// assert!(event.mentions("ou_bot"));
/// assert_eq!((event.chat_id(), event.sender_open_id()), ("oc_1", "ou_1"));
/// assert!(matches!(event.content(), MessageContent::Text(_)));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct MessageReceived {
    /// Who sent it.
    #[serde(default)]
    pub sender: Sender,
    /// What was sent.
    #[serde(default)]
    pub message: Message,
}

impl Event for MessageReceived {
    const TYPE: &'static str = "im.message.receive_v1";
}

/// One element of a rich-text (`post`) paragraph as received.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "tag", rename_all = "snake_case")]
#[non_exhaustive]
pub enum PostElement {
    /// Plain text.
    Text {
        /// The text.
        #[serde(default)]
        text: String,
    },
    /// A link.
    A {
        /// The text shown.
        #[serde(default)]
        text: String,
        /// The target.
        #[serde(default)]
        href: String,
    },
    /// An `@`: `user_id` is the mention's placeholder (`@_user_1`), see
    /// [`Message::mentions`].
    At {
        /// The placeholder.
        #[serde(default)]
        user_id: String,
        /// The display name, when sent.
        #[serde(default)]
        user_name: Option<String>,
    },
    /// An image.
    Img {
        /// The image key.
        #[serde(default)]
        image_key: String,
    },
    /// An element this version does not read (emotion, code block, ...).
    #[serde(other)]
    Other,
}

/// A rich-text message: a title and paragraphs of elements.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Post {
    /// The title (often empty).
    #[serde(default)]
    pub title: String,
    /// The paragraphs.
    #[serde(default)]
    pub content: Vec<Vec<PostElement>>,
}

/// A message's content, parsed by its type.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MessageContent {
    /// `text`: the text with mention placeholders (`@_user_1`) as sent.
    Text(String),
    /// `post`: rich text.
    Post(Post),
    /// Any other type, or content that is not the JSON its type promises: the raw JSON.
    Other(Value),
}

impl MessageReceived {
    /// The content, parsed by the message type.
    ///
    /// ```
    /// use card_runtime::callback::{MessageContent, MessageReceived, PostElement};
    /// let mut event = MessageReceived::default();
    /// event.message.message_type = "post".into();
    /// event.message.content = r#"{"title":"","content":[[{"tag":"text","text":"hi "},{"tag":"at","user_id":"@_user_1"}]]}"#.into();
    /// let MessageContent::Post(post) = event.content() else { panic!() };
    /// assert_eq!(post.content[0][0], PostElement::Text { text: "hi ".into() });
    /// ```
    pub fn content(&self) -> MessageContent {
        let raw: Value = serde_json::from_str(&self.message.content).unwrap_or(Value::Null);
        match self.message.message_type.as_str() {
            "text" => match raw.get("text").and_then(Value::as_str) {
                Some(text) => MessageContent::Text(text.to_owned()),
                None => MessageContent::Other(raw),
            },
            "post" => match post_of(&raw) {
                Some(post) => MessageContent::Post(post),
                None => MessageContent::Other(raw),
            },
            _ => MessageContent::Other(raw),
        }
    }

    /// The message as text, mentions written `@name`: a `text` message's text, or a post's
    /// title and paragraphs (one line each). `None` for other types.
    ///
    /// ```
    /// # use card_runtime::callback::MessageReceived;
    /// assert_eq!(MessageReceived::default().text(), None);
    /// ```
    pub fn text(&self) -> Option<String> {
        self.render(|mention| format!("@{}", mention.name), true)
    }

    /// The text without its mentions, trimmed: what the user wrote to the bot.
    ///
    /// ```
    /// # use card_runtime::callback::MessageReceived;
    /// let event: MessageReceived = serde_json::from_value(serde_json::json!({"message": {
    ///     "message_type": "text", "content": "{\"text\":\"@_user_1  hello\"}",
    ///     "mentions": [{"key": "@_user_1", "name": "Bot"}],
    /// }})).unwrap();
    /// assert_eq!(event.text_without_mentions().as_deref(), Some("hello"));
    /// ```
    pub fn text_without_mentions(&self) -> Option<String> {
        self.without_mentions(true)
    }

    /// The words without mentions, whitespace collapsed; a post's title only `with_title`.
    fn without_mentions(&self, with_title: bool) -> Option<String> {
        self.render(|_| String::new(), with_title)
            .map(|text| text.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// The `/command` the message starts with (after any mentions; a post's first paragraph,
    /// not its title), if it starts with one.
    ///
    /// ```
    /// # use card_runtime::callback::MessageReceived;
    /// let mut event = MessageReceived::default();
    /// event.message.message_type = "text".into();
    /// event.message.content = r#"{"text":"/approve-demo now"}"#.into();
    /// assert_eq!(event.command().as_deref(), Some("/approve-demo"));
    /// ```
    pub fn command(&self) -> Option<String> {
        let text = self.without_mentions(false)?;
        let first = text.split(' ').next()?;
        first.starts_with('/').then(|| first.to_owned())
    }

    /// What follows the [`command`](Self::command), whitespace collapsed (`None` without a
    /// command or without anything after it).
    ///
    /// ```
    /// # use card_runtime::callback::MessageReceived;
    /// let mut event = MessageReceived::default();
    /// event.message.message_type = "text".into();
    /// event.message.content = r#"{"text":"/deploy"}"#.into();
    /// assert_eq!(event.arguments(), None);
    /// ```
    pub fn arguments(&self) -> Option<String> {
        let text = self.without_mentions(false)?;
        let (command, rest) = text.split_once(' ')?;
        (command.starts_with('/') && !rest.is_empty()).then(|| rest.to_owned())
    }

    /// Whether the message mentions the user or bot with this `open_id`.
    ///
    /// ```
    /// # use card_runtime::callback::MessageReceived;
    /// assert!(!MessageReceived::default().mentions("ou_bot"));
    /// ```
    pub fn mentions(&self, open_id: &str) -> bool {
        self.message
            .mentions
            .iter()
            .any(|mention| mention.id.open_id == open_id)
    }

    /// The chat it was sent in (`oc_…`).
    ///
    /// ```
    /// # use card_runtime::callback::MessageReceived;
    /// assert_eq!(MessageReceived::default().chat_id(), "");
    /// ```
    pub fn chat_id(&self) -> &str {
        &self.message.chat_id
    }

    /// The sender's `open_id` (`ou_…`).
    ///
    /// ```
    /// # use card_runtime::callback::MessageReceived;
    /// assert_eq!(MessageReceived::default().sender_open_id(), "");
    /// ```
    pub fn sender_open_id(&self) -> &str {
        &self.sender.sender_id.open_id
    }

    /// A reply to this message with `card` (`POST /open-apis/im/v1/messages/:id/reply`);
    /// finish it with `.send().await`. Call it from a deferred task
    /// ([`EventContext::defer`](super::EventContext::defer)) so the event is acknowledged
    /// within Feishu's 3 seconds whatever the API's latency.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card, event: card_runtime::callback::MessageReceived) -> card_runtime::Result<()> {
    /// event.reply_card(&client, &card).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn reply_card<'c>(&self, client: &'c Client, card: &'c Card) -> ReplyCard<'c> {
        client
            .messages()
            .reply_card(self.message.message_id.clone(), card)
    }

    /// The text or post with each mention placeholder replaced by `mention(m)`; a post's
    /// title as its first line only `with_title`.
    fn render(&self, mention: impl Fn(&Mention) -> String, with_title: bool) -> Option<String> {
        let replace = |text: &str| -> String {
            self.message
                .mentions
                .iter()
                .fold(text.to_owned(), |text, m| text.replace(&m.key, &mention(m)))
        };
        match self.content() {
            MessageContent::Text(text) => Some(replace(&text)),
            MessageContent::Post(post) => {
                let mut lines = Vec::new();
                if with_title && !post.title.is_empty() {
                    lines.push(post.title.clone());
                }
                for paragraph in &post.content {
                    let mut line = String::new();
                    for element in paragraph {
                        match element {
                            PostElement::Text { text } | PostElement::A { text, .. } => {
                                line.push_str(&replace(text));
                            }
                            PostElement::At { user_id, user_name } => {
                                match self.message.mentions.iter().find(|m| &m.key == user_id) {
                                    Some(m) => line.push_str(&mention(m)),
                                    None => {
                                        line.push('@');
                                        line.push_str(user_name.as_deref().unwrap_or(user_id));
                                    }
                                }
                            }
                            PostElement::Img { .. } | PostElement::Other => {}
                        }
                    }
                    lines.push(line);
                }
                Some(lines.join("\n"))
            }
            MessageContent::Other(_) => None,
        }
    }
}

/// A received post is `{title, content}`; a post as sent (and in some SDK fixtures) nests it
/// under a locale (`{"zh_cn": {title, content}}`): take the first locale then.
fn post_of(raw: &Value) -> Option<Post> {
    let object = raw.as_object()?;
    if object.contains_key("content") {
        return Post::deserialize(raw).ok();
    }
    object.values().find_map(|locale| {
        locale
            .get("content")
            .and_then(|_| Post::deserialize(locale).ok())
    })
}
