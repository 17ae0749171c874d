//! The client's error type.

use std::fmt;
use std::sync::Arc;
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
///     // Feishu may have created it: resending with the same uuid cannot duplicate it.
///     Err(err) if err.is_maybe_delivered() => eprintln!("retry later with uuid {:?}", err.uuid()),
///     Err(err) => match err.api() {
///         Some(api) => eprintln!("Feishu said {}: {} (log id {:?})", api.code(), api.msg(), api.log_id()),
///         None => eprintln!("{}", err.cause()),
///     },
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The HTTP request failed (connection, timeout, TLS) after every retry. The URL is
    /// stripped from the inner error: a webhook URL carries the hook's token.
    #[error("HTTP request failed")]
    Http(#[source] reqwest::Error),
    /// The answer was cut off while its body was read (the server may have acted).
    #[error("the answer was cut off")]
    Truncated(#[source] reqwest::Error),
    /// The answer's body is larger than the client reads; the server may have acted.
    #[error("the answer is over the {limit}-byte limit")]
    AnswerTooLarge {
        /// The limit in bytes.
        limit: usize,
        /// The HTTP status of the answer.
        status: u16,
    },
    /// The server answered with a redirect. Redirects are refused: following one turns a POST
    /// into a GET that "succeeds" without sending anything.
    #[error("the server answered with a redirect (HTTP {status}), which is refused")]
    Redirected {
        /// The HTTP status (3xx), or 0 when a caller-supplied HTTP client followed it.
        status: u16,
    },
    /// No tenant access token: the fetch failed (the cause is shared by every call that was
    /// waiting for it, and by calls during the backoff before the next fetch).
    #[error("no tenant access token")]
    Token(#[source] Arc<Self>),
    /// The call's deadline ([`ClientBuilder::deadline`](crate::ClientBuilder::deadline))
    /// passed; `last` is the failure of the last attempt, if one was made.
    #[error("the call's deadline passed")]
    Deadline {
        /// Whether an attempt may have reached the server and been applied.
        maybe_delivered: bool,
        /// The last attempt's error.
        #[source]
        last: Option<Box<Self>>,
    },
    /// The pacer's queue is full ([`PacingLimits::max_queued`](crate::PacingLimits::max_queued));
    /// nothing was sent.
    #[error("the pacing queue is full ({limit} waiting)")]
    QueueFull {
        /// The queue's bound.
        limit: usize,
    },
    /// A send or reply failed; `uuid` is the idempotency key it went out with (the caller's,
    /// or the generated one). Resend with the same `uuid` within an hour and Feishu creates the
    /// message at most once.
    #[error("sending the message failed (uuid {uuid})")]
    Send {
        /// The idempotency key every attempt carried.
        uuid: String,
        /// Whether any attempt may have been applied (see [`Error::is_maybe_delivered`]).
        maybe_delivered: bool,
        /// What failed.
        #[source]
        source: Box<Self>,
    },
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
    /// PATCH was asked to update a message this client sent as card JSON 2.0 with a 1.0 card;
    /// Feishu updates a 2.0 card only with a 2.0 card. Nothing was sent.
    #[error(
        "message `{message_id}` was sent as card JSON 2.0: it can only be updated with a 2.0 card"
    )]
    Downgrade {
        /// The message whose card is 2.0.
        message_id: String,
    },
    /// A delayed update of an exclusive (1.0, not `update_multi`) card needs `open_ids`.
    #[error("delayed update of an exclusive card requires `open_ids`")]
    OpenIdsRequired,
    /// The request body could not be encoded (a template variable failed to serialize).
    #[error("failed to encode request body")]
    Encode(#[source] serde_json::Error),
    /// The TLS configuration for the default HTTP client could not be built.
    #[error("TLS setup failed")]
    Tls(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The image breaks a documented limit of the upload API (size, format, resolution);
    /// nothing was sent.
    #[error("image refused: {0}")]
    Image(crate::api::images::ImageProblem),
    /// Reading an image from a file or a reader failed; nothing was sent.
    #[error("reading the image failed")]
    Io(#[source] std::io::Error),
    /// The request breaks a documented rule (no receivers, too many ids, a path outside
    /// `/open-apis/`, ...); nothing was sent.
    #[error("invalid request: {reason}")]
    InvalidRequest {
        /// Which rule, in words.
        reason: String,
    },
    /// Feishu knows no user with this email (the id lookup answered without an id).
    #[error("no user found for `{query}`")]
    NotFound {
        /// What was looked up.
        query: String,
    },
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

impl From<reqwest::Error> for Error {
    /// Strips the URL: a webhook URL carries the hook's token, and `reqwest::Error` prints
    /// its URL in `Debug` and `Display`.
    fn from(err: reqwest::Error) -> Self {
        Self::Http(err.without_url())
    }
}

impl Error {
    /// What failed, looking through [`Error::Send`] (which only adds the `uuid`).
    ///
    /// ```
    /// # use card_runtime::Error;
    /// let err = Error::Send { uuid: "u-1".into(), maybe_delivered: false, source: Box::new(Error::NotShared) };
    /// assert!(matches!(err.cause(), Error::NotShared));
    /// ```
    pub fn cause(&self) -> &Self {
        match self {
            Self::Send { source, .. } => source.cause(),
            other => other,
        }
    }

    /// The Feishu error, when Feishu answered with a non-zero code (also when it refused the
    /// tenant token request).
    ///
    /// ```
    /// # use card_runtime::Error;
    /// let err = Error::NotShared;
    /// assert!(err.api().is_none());
    /// ```
    pub fn api(&self) -> Option<&ApiError> {
        match self.cause() {
            Self::Api(err) => Some(err),
            Self::Token(cause) => cause.api(),
            _ => None,
        }
    }

    /// The idempotency `uuid` a failed send or reply carried (see [`Error::Send`]).
    ///
    /// ```
    /// # use card_runtime::Error;
    /// let err = Error::Send { uuid: "u-1".into(), maybe_delivered: true, source: Box::new(Error::NotShared) };
    /// assert_eq!(err.uuid(), Some("u-1"));
    /// assert_eq!(Error::NotShared.uuid(), None);
    /// ```
    pub fn uuid(&self) -> Option<&str> {
        match self {
            Self::Send { uuid, .. } => Some(uuid),
            _ => None,
        }
    }

    /// Whether the request timed out (an attempt, the token fetch, or the call's deadline).
    ///
    /// ```
    /// assert!(!card_runtime::Error::NotShared.is_timeout());
    /// ```
    pub fn is_timeout(&self) -> bool {
        match self.cause() {
            Self::Http(err) | Self::Truncated(err) => err.is_timeout(),
            Self::Token(cause) => cause.is_timeout(),
            Self::Deadline { .. } => true,
            _ => false,
        }
    }

    /// Whether the server may have applied the request although an error came back: a
    /// timeout or a connection cut after the request was written, a truncated or oversized
    /// answer, a 5xx, a 2xx whose body did not decode, a deadline passing mid-attempt. Resend
    /// a send with the same [`uuid`](Self::uuid) so that Feishu dedupes it.
    ///
    /// Exactly one of this and [`is_refused`](Self::is_refused) holds.
    ///
    /// ```
    /// # use card_runtime::Error;
    /// assert!(!Error::NotShared.is_maybe_delivered());
    /// ```
    pub fn is_maybe_delivered(&self) -> bool {
        match self {
            Self::Send {
                maybe_delivered, ..
            }
            | Self::Deadline {
                maybe_delivered, ..
            } => *maybe_delivered,
            // A failed connect or a request that could not be built never reached the server.
            Self::Http(err) => !err.is_connect() && !err.is_builder(),
            Self::Truncated(_) | Self::AnswerTooLarge { .. } | Self::Decode { .. } => true,
            Self::Api(api) => api.status >= 500,
            _ => false,
        }
    }

    /// Whether the request was certainly not applied: Feishu answered with an error code or a
    /// 4xx, a local check failed before any request, the connection could not be made, or no
    /// token could be had. Such a send can be fixed and sent again with a new `uuid`.
    ///
    /// ```
    /// # use card_runtime::Error;
    /// assert!(Error::NotShared.is_refused());
    /// ```
    pub fn is_refused(&self) -> bool {
        !self.is_maybe_delivered()
    }
}

/// A failure reported by Feishu: the envelope's `code` and `msg`, the HTTP status and the log id
/// to quote to Feishu support.
///
/// ```no_run
/// # async fn run(client: card_runtime::Client, card: card_runtime::Card) {
/// # use card_runtime::ReceiveId;
/// let result = client.messages().send_card(ReceiveId::chat_id("oc_1"), &card).send().await;
/// if let Some(err) = result.as_ref().err().and_then(|err| err.api()) {
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
