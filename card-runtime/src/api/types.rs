//! The values the message API takes and returns: receivers, sent messages, template cards.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The kind of id a message is addressed with (`receive_id_type`).
///
/// ```
/// assert_eq!(card_runtime::ReceiveIdType::ChatId.as_str(), "chat_id");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReceiveIdType {
    /// A user's `ou_…` id within this app.
    OpenId,
    /// A user's `on_…` id across the developer's apps.
    UnionId,
    /// A user's tenant-wide user id.
    UserId,
    /// A user's email address.
    Email,
    /// A chat's `oc_…` id.
    ChatId,
}

impl ReceiveIdType {
    /// The query-parameter value.
    ///
    /// ```
    /// assert_eq!(card_runtime::ReceiveIdType::OpenId.as_str(), "open_id");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OpenId => "open_id",
            Self::UnionId => "union_id",
            Self::UserId => "user_id",
            Self::Email => "email",
            Self::ChatId => "chat_id",
        }
    }
}

/// Parses the query-parameter value, e.g. from configuration.
///
/// ```
/// use card_runtime::ReceiveIdType;
/// assert_eq!("email".parse::<ReceiveIdType>().unwrap(), ReceiveIdType::Email);
/// assert!("phone".parse::<ReceiveIdType>().is_err());
/// ```
impl std::str::FromStr for ReceiveIdType {
    type Err = crate::ParseEnumError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        const ALL: [ReceiveIdType; 5] = [
            ReceiveIdType::OpenId,
            ReceiveIdType::UnionId,
            ReceiveIdType::UserId,
            ReceiveIdType::Email,
            ReceiveIdType::ChatId,
        ];
        ALL.into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| {
                crate::ParseEnumError::new(
                    "ReceiveIdType",
                    s,
                    &["open_id", "union_id", "user_id", "email", "chat_id"],
                )
            })
    }
}

/// Who receives a message: an id together with its kind.
///
/// ```
/// use card_runtime::{ReceiveId, ReceiveIdType};
///
/// let to = ReceiveId::chat_id("oc_a0553eda9014c201e6969b478895c230");
/// assert_eq!(to.kind(), ReceiveIdType::ChatId);
/// assert_eq!(to.id(), "oc_a0553eda9014c201e6969b478895c230");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReceiveId {
    kind: ReceiveIdType,
    id: String,
}

impl ReceiveId {
    /// Any kind of id.
    ///
    /// ```
    /// use card_runtime::{ReceiveId, ReceiveIdType};
    /// assert_eq!(ReceiveId::new(ReceiveIdType::Email, "a@b.c"), ReceiveId::email("a@b.c"));
    /// ```
    pub fn new(kind: ReceiveIdType, id: impl Into<String>) -> Self {
        Self {
            kind,
            id: id.into(),
        }
    }

    /// A user by `open_id` (`ou_…`).
    ///
    /// ```
    /// let to = card_runtime::ReceiveId::open_id("ou_7d8a6e6df7621556ce0d21922b676706ccs");
    /// # let _ = to;
    /// ```
    pub fn open_id(id: impl Into<String>) -> Self {
        Self::new(ReceiveIdType::OpenId, id)
    }

    /// A user by `union_id` (`on_…`).
    ///
    /// ```
    /// let to = card_runtime::ReceiveId::union_id("on_cad4860e7af114fb4ff6c5d496d1dd76");
    /// # let _ = to;
    /// ```
    pub fn union_id(id: impl Into<String>) -> Self {
        Self::new(ReceiveIdType::UnionId, id)
    }

    /// A user by tenant `user_id`.
    ///
    /// ```
    /// let to = card_runtime::ReceiveId::user_id("7be5fg9a");
    /// # let _ = to;
    /// ```
    pub fn user_id(id: impl Into<String>) -> Self {
        Self::new(ReceiveIdType::UserId, id)
    }

    /// A user by email.
    ///
    /// ```
    /// let to = card_runtime::ReceiveId::email("zhangsan@example.com");
    /// # let _ = to;
    /// ```
    pub fn email(id: impl Into<String>) -> Self {
        Self::new(ReceiveIdType::Email, id)
    }

    /// A chat by `chat_id` (`oc_…`).
    ///
    /// ```
    /// let to = card_runtime::ReceiveId::chat_id("oc_a0553eda9014c201e6969b478895c230");
    /// # let _ = to;
    /// ```
    pub fn chat_id(id: impl Into<String>) -> Self {
        Self::new(ReceiveIdType::ChatId, id)
    }

    /// The kind of id.
    ///
    /// ```
    /// assert_eq!(card_runtime::ReceiveId::email("a@b.c").kind().as_str(), "email");
    /// ```
    pub fn kind(&self) -> ReceiveIdType {
        self.kind
    }

    /// The id itself.
    ///
    /// ```
    /// assert_eq!(card_runtime::ReceiveId::chat_id("oc_1").id(), "oc_1");
    /// ```
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// A message Feishu created (the `data` of send and reply).
///
/// ```no_run
/// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
/// # use card_runtime::ReceiveId;
/// let sent = client.messages().send_card(ReceiveId::chat_id("oc_1"), &card).send().await?;
/// println!("{} in {} at {}", sent.message_id, sent.chat_id, sent.create_time);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SentMessage {
    /// The message id (`om_…`), for replies and updates.
    pub message_id: String,
    /// The chat the message landed in (`oc_…`; a p2p chat for messages to users).
    #[serde(default)]
    pub chat_id: String,
    /// `interactive` for cards.
    #[serde(default)]
    pub msg_type: String,
    /// Creation time, milliseconds since the epoch, as Feishu sends it (a string).
    #[serde(default)]
    pub create_time: String,
    /// Last update time, milliseconds since the epoch.
    #[serde(default)]
    pub update_time: Option<String>,
    /// The thread root, for replies.
    #[serde(default)]
    pub root_id: Option<String>,
    /// The message replied to.
    #[serde(default)]
    pub parent_id: Option<String>,
    /// The thread (`omt_…`), for replies in a thread.
    #[serde(default)]
    pub thread_id: Option<String>,
}

/// A card built in the card builder (the "template" content form): template id, optional
/// version, and variables.
///
/// ```
/// use card_runtime::TemplateCard;
///
/// let template = TemplateCard::new("AAqk1Dcxxxxxx")
///     .version("1.0.2")
///     .variable("name", "张三")
///     .variable("days", 3);
/// assert_eq!(
///     template.to_value(),
///     serde_json::json!({"type": "template", "data": {
///         "template_id": "AAqk1Dcxxxxxx", "template_version_name": "1.0.2",
///         "template_variable": {"name": "张三", "days": 3}}})
/// );
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateCard {
    template_id: String,
    version: Option<String>,
    variables: Map<String, Value>,
}

#[derive(Serialize)]
pub(crate) struct TemplateContent<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    data: TemplateData<'a>,
}

#[derive(Serialize)]
struct TemplateData<'a> {
    template_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    template_version_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Map::is_empty")]
    template_variable: &'a Map<String, Value>,
}

impl TemplateCard {
    /// The template with this id (latest published version unless [`version`](Self::version)).
    ///
    /// ```
    /// let template = card_runtime::TemplateCard::new("AAqk1Dcxxxxxx");
    /// # let _ = template;
    /// ```
    pub fn new(template_id: impl Into<String>) -> Self {
        Self {
            template_id: template_id.into(),
            version: None,
            variables: Map::new(),
        }
    }

    /// Pins a version name (e.g. `"1.0.2"`). Default is the latest published version.
    ///
    /// ```
    /// let template = card_runtime::TemplateCard::new("AAq").version("1.0.0");
    /// # let _ = template;
    /// ```
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }

    /// Sets all variables at once, replacing earlier ones.
    ///
    /// ```
    /// let mut vars = serde_json::Map::new();
    /// vars.insert("name".into(), "张三".into());
    /// let template = card_runtime::TemplateCard::new("AAq").variables(vars);
    /// # let _ = template;
    /// ```
    pub fn variables(mut self, variables: Map<String, Value>) -> Self {
        self.variables = variables;
        self
    }

    /// Sets one variable.
    ///
    /// ```
    /// let template = card_runtime::TemplateCard::new("AAq").variable("count", 3);
    /// # let _ = template;
    /// ```
    pub fn variable(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.variables.insert(name.into(), value.into());
        self
    }

    pub(crate) fn content(&self) -> TemplateContent<'_> {
        TemplateContent {
            kind: "template",
            data: TemplateData {
                template_id: &self.template_id,
                template_version_name: self.version.as_deref(),
                template_variable: &self.variables,
            },
        }
    }

    /// The `{"type": "template", "data": {...}}` JSON that stands where a card would.
    ///
    /// ```
    /// let value = card_runtime::TemplateCard::new("AAq").to_value();
    /// assert_eq!(value["data"]["template_id"], "AAq");
    /// ```
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self.content()).unwrap_or(Value::Null)
    }
}
