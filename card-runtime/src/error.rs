//! The client's error type.

use std::fmt;
use std::time::Duration;

/// Everything that can go wrong when sending or updating a card.
///
/// Checks that need no network (validation, size, `update_multi`) fail before any request is
/// made, so those variants never cost a round trip.
///
/// ```no_run
/// # async fn run(client: card_runtime::Client, card: card_runtime::Card) {
/// use card_runtime::{Error, ReceiveId};
///
/// match client.messages().send_card(ReceiveId::chat_id("oc_123"), &card).send().await {
///     Ok(sent) => println!("sent {}", sent.message_id),
///     Err(Error::Api(err)) => eprintln!("Feishu said {}: {} (log id {:?})", err.code(), err.msg(), err.log_id()),
///     Err(other) => eprintln!("{other}"),
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The HTTP request failed (connection, timeout, TLS) after every retry.
    #[error("HTTP request failed")]
    Http(#[from] reqwest::Error),
    /// Feishu answered with a non-zero `code`.
    #[error("Feishu API error {}: {}", .0.code, .0.msg)]
    Api(#[from] ApiError),
    /// The response did not have the documented shape; `path` names the JSON path that failed.
    #[error("failed to decode response at `{path}`")]
    Decode {
        /// JSON path of the value that could not be decoded, e.g. `data.message_id`.
        path: String,
        /// What serde reported.
        #[source]
        source: serde_json::Error,
    },
    /// The card breaks a schema rule; nothing was sent.
    #[error("card is invalid: {}", first_error(.report))]
    CardInvalid {
        /// Every error and warning `card_schema::validate` found.
        report: card_schema::Report,
    },
    /// The encoded card (or webhook body) is larger than the API accepts; nothing was sent.
    #[error("card is {size} bytes, over the {limit}-byte limit")]
    TooLarge {
        /// Size in bytes of the serialized card (or webhook body).
        size: usize,
        /// The limit it exceeds (30 000 for the message APIs, 20 000 for the webhook).
        limit: usize,
    },
    /// PATCH was asked to update with a card lacking `config.update_multi: true`; Feishu only
    /// updates shared cards this way. Nothing was sent.
    #[error("card is not shared (`config.update_multi: true`), so it cannot be updated with PATCH")]
    NotShared,
    /// A delayed update of an exclusive (1.0, not `update_multi`) card needs `open_ids`.
    #[error("delayed update of an exclusive card requires `open_ids`")]
    OpenIdsRequired,
    /// The request body could not be encoded (a template variable failed to serialize).
    #[error("failed to encode request body")]
    Encode(#[source] serde_json::Error),
    /// The TLS configuration for the default HTTP client could not be built.
    #[error("TLS setup failed")]
    Tls(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The client or webhook was configured with a URL that does not parse.
    #[error("invalid URL `{url}`")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// Why it does not parse.
        #[source]
        source: url::ParseError,
    },
}

fn first_error(report: &card_schema::Report) -> String {
    match report.errors.first() {
        Some(first) if report.errors.len() > 1 => {
            format!("{first} (and {} more)", report.errors.len() - 1)
        }
        Some(first) => first.to_string(),
        None => "no errors".to_owned(),
    }
}

impl Error {
    /// The Feishu error, when Feishu answered with a non-zero code.
    ///
    /// ```
    /// # use card_runtime::Error;
    /// let err = Error::NotShared;
    /// assert!(err.api().is_none());
    /// ```
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Self::Api(err) => Some(err),
            _ => None,
        }
    }

    /// Whether the request timed out.
    ///
    /// ```
    /// assert!(!card_runtime::Error::NotShared.is_timeout());
    /// ```
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Http(err) if err.is_timeout())
    }
}

/// A failure reported by Feishu: the envelope's `code` and `msg`, the HTTP status and the log id
/// to quote to Feishu support.
///
/// ```no_run
/// # async fn run(client: card_runtime::Client, card: card_runtime::Card) {
/// # use card_runtime::ReceiveId;
/// if let Err(card_runtime::Error::Api(err)) =
///     client.messages().send_card(ReceiveId::chat_id("oc_1"), &card).send().await
/// {
///     assert_ne!(err.code(), 0);
///     println!("{} ({}), log id {:?}", err.msg(), err.status(), err.log_id());
/// }
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    pub(crate) code: i64,
    pub(crate) msg: String,
    pub(crate) log_id: Option<String>,
    pub(crate) status: u16,
    pub(crate) retry_after: Option<Duration>,
}

impl ApiError {
    /// Feishu's error code, e.g. `230099` (card content) or `99991400` (rate limited).
    ///
    /// ```no_run
    /// # fn f(err: &card_runtime::ApiError) {
    /// if err.code() == 230002 { println!("the bot is not in that chat"); }
    /// # }
    /// ```
    pub fn code(&self) -> i64 {
        self.code
    }

    /// Feishu's error message. For card errors (230099) it names the failing path.
    ///
    /// ```no_run
    /// # fn f(err: &card_runtime::ApiError) {
    /// println!("{}", err.msg());
    /// # }
    /// ```
    pub fn msg(&self) -> &str {
        &self.msg
    }

    /// The request's log id (`X-Tt-Logid` header, or `error.log_id` in the body).
    ///
    /// ```no_run
    /// # fn f(err: &card_runtime::ApiError) {
    /// if let Some(id) = err.log_id() { println!("quote {id} to support"); }
    /// # }
    /// ```
    pub fn log_id(&self) -> Option<&str> {
        self.log_id.as_deref()
    }

    /// The HTTP status code of the response.
    ///
    /// ```no_run
    /// # fn f(err: &card_runtime::ApiError) {
    /// if err.status() == 429 { println!("rate limited"); }
    /// # }
    /// ```
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Whether the tenant access token was rejected (99991663, 99991664, 99991665).
    ///
    /// ```no_run
    /// # fn f(err: &card_runtime::ApiError) {
    /// assert!(!err.is_token_invalid() || err.code() >= 99991663);
    /// # }
    /// ```
    pub fn is_token_invalid(&self) -> bool {
        matches!(self.code, 99_991_663..=99_991_665)
    }

    /// Whether the call was rate limited (HTTP 429, 99991400, per-chat 230020, webhook 11232).
    ///
    /// ```no_run
    /// # fn f(err: &card_runtime::ApiError) {
    /// if err.is_rate_limited() { println!("slow down"); }
    /// # }
    /// ```
    pub fn is_rate_limited(&self) -> bool {
        self.status == 429 || matches!(self.code, 99_991_400 | 230_020 | 11_232 | 11_233)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "code {}: {}", self.code, self.msg)
    }
}

impl std::error::Error for ApiError {}

/// `Result` with this crate's [`Error`].
///
/// ```
/// fn check() -> card_runtime::Result<()> { Ok(()) }
/// assert!(check().is_ok());
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;
