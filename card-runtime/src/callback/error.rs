//! Why a callback request was refused, and the HTTP status that says so.

/// A callback request that was refused.
///
/// Each variant maps to the HTTP status the endpoint answers with ([`CallbackError::status`]).
/// No variant carries a secret, a signature or a decrypted body, so the error can be logged as is.
///
/// ```
/// use card_runtime::callback::CallbackError;
///
/// let err = CallbackError::MissingHeader("X-Lark-Signature");
/// assert_eq!(err.status(), 401);
/// assert_eq!(err.to_string(), "missing request header `X-Lark-Signature`");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CallbackError {
    /// The body is larger than the configured limit.
    #[error("request body of {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// The body's size in bytes.
        size: usize,
        /// The configured limit in bytes.
        limit: usize,
    },
    /// A signature header is absent.
    #[error("missing request header `{0}`")]
    MissingHeader(&'static str),
    /// A signature header is present but unusable: sent more than once, not UTF-8, or (the
    /// timestamp) not in a form the timestamp window can judge.
    #[error("malformed request header `{0}`")]
    MalformedHeader(&'static str),
    /// The signature does not match the body.
    #[error("request signature does not match")]
    BadSignature,
    /// The timestamp header is outside the configured window around now.
    #[error("request timestamp {timestamp} is outside the accepted window of {window_secs} s")]
    StaleTimestamp {
        /// The timestamp as sent, in unix seconds.
        timestamp: u64,
        /// The accepted window, in seconds either side of now.
        window_secs: u64,
    },
    /// The verification token in the body does not match the configured one.
    #[error("verification token does not match")]
    BadToken,
    /// The exact same signed request was seen before.
    #[error("request was already received (replay)")]
    Replay,
    /// Another delivery of the same callback (event id or `X-Refresh-Token`) is still being
    /// handled.
    #[error("callback `{0}` is already being handled")]
    Duplicate(String),
    /// The body is encrypted but no Encrypt Key is configured.
    #[error("request body is encrypted but no encrypt key is configured")]
    NoEncryptKey,
    /// The `encrypt` field could not be decrypted.
    #[error("cannot decrypt request body")]
    Decrypt(#[from] DecryptError),
    /// The (decrypted) body is not the JSON of a known callback.
    #[error("cannot decode request body at `{path}`")]
    Decode {
        /// The JSON path where decoding failed (`.` for the document itself).
        path: String,
        /// The decoder's error.
        #[source]
        source: serde_json::Error,
    },
    /// A v2 event that is not `card.action.trigger` arrived at the card callback endpoint.
    #[error("unsupported event type `{0}`")]
    UnsupportedEvent(String),
    /// A form submit's values do not fit the handler's form type
    /// ([`ActionContext::form`](super::ActionContext::form)), or the click is not a form
    /// submit (`path` empty). Names the field, never the value the user typed.
    #[error("{}", form_message(path, expected, missing.as_deref()))]
    Form {
        /// The path of the field in `form_value` (`.` for the form itself).
        path: String,
        /// The form type's name.
        expected: &'static str,
        /// The field the form lacks, when that is the reason.
        missing: Option<String>,
    },
    /// No handler is registered for the clicked action's value.
    #[error("no handler accepts the action value")]
    NoHandler,
    /// The replay memory is full of entries still inside their retention; the callback is
    /// refused rather than handled unremembered, since a replay of it could then run its handler
    /// again. Raise [`CallbackConfig::dedupe_capacity`](super::CallbackConfig::dedupe_capacity).
    #[error("replay memory is full")]
    MemoryFull,
    /// Reading the request body took longer than the configured deadline.
    #[error("request body was not received in time")]
    BodyTimeout,
}

/// Why the `encrypt` field could not be decrypted.
///
/// ```
/// use card_runtime::callback::{decrypt, DecryptError, Secret};
///
/// let err = decrypt("not base64!", &Secret::new("k")).unwrap_err();
/// assert!(matches!(err, DecryptError::Base64));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecryptError {
    /// Not standard base64.
    #[error("invalid base64")]
    Base64,
    /// Shorter than one IV plus one block, or not a whole number of AES blocks.
    #[error("invalid ciphertext length")]
    Length,
    /// The PKCS#7 padding is wrong: the key is wrong or the ciphertext was tampered with.
    #[error("invalid padding (wrong key or tampered ciphertext)")]
    Padding,
    /// The plaintext is not UTF-8.
    #[error("plaintext is not UTF-8")]
    Utf8,
}

impl CallbackError {
    /// The HTTP status the endpoint answers this error with.
    ///
    /// `401` for authentication failures (signature, token, timestamp, missing or malformed
    /// signature headers), `409` for replays and duplicates, `413` for an oversized body, `408`
    /// for a body that arrived too slowly, `404` when no handler accepts the action, `500` for a
    /// missing Encrypt Key (a server configuration problem), `503` when the replay memory is
    /// full, and `400` for everything malformed.
    ///
    /// ```
    /// use card_runtime::callback::CallbackError;
    /// assert_eq!(CallbackError::BadSignature.status(), 401);
    /// assert_eq!(CallbackError::TooLarge { size: 2, limit: 1 }.status(), 413);
    /// ```
    pub fn status(&self) -> u16 {
        match self {
            Self::TooLarge { .. } => 413,
            Self::MissingHeader(_)
            | Self::MalformedHeader(_)
            | Self::BadSignature
            | Self::StaleTimestamp { .. }
            | Self::BadToken => 401,
            Self::Replay | Self::Duplicate(_) => 409,
            Self::NoEncryptKey => 500,
            Self::NoHandler => 404,
            Self::Decrypt(_)
            | Self::Decode { .. }
            | Self::UnsupportedEvent(_)
            | Self::Form { .. } => 400,
            Self::MemoryFull => 503,
            Self::BodyTimeout => 408,
        }
    }

    /// The text of the `{"msg": ..}` body answering this error: fixed per kind, so an answer
    /// never echoes what the request carried (a decrypted event type, an event id, the JSON
    /// path into a decrypted body). The [`Display`](std::fmt::Display) text, with those
    /// details, is for the server's own logs.
    pub(crate) fn public_message(&self) -> String {
        match self {
            Self::Duplicate(_) => "callback is already being handled".to_owned(),
            Self::UnsupportedEvent(_) => "unsupported event type".to_owned(),
            Self::Decode { .. } => "cannot decode request body".to_owned(),
            Self::StaleTimestamp { window_secs, .. } => {
                format!("request timestamp is outside the accepted window of {window_secs} s")
            }
            // The rest carry nothing from the request (header names are ours).
            _ => self.to_string(),
        }
    }

    /// A form error from serde's: keeps the path, and the field name of a missing field (the
    /// app's own name), but never serde's text otherwise, which quotes the value the user typed.
    pub(crate) fn form(
        err: &serde_path_to_error::Error<serde_json::Error>,
        expected: &'static str,
    ) -> Self {
        let message = err.inner().to_string();
        let missing = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next())
            .map(str::to_owned);
        Self::Form {
            path: err.path().to_string(),
            expected,
            missing,
        }
    }

    pub(crate) fn decode(source: serde_path_to_error::Error<serde_json::Error>) -> Self {
        let path = source.path().to_string();
        Self::Decode {
            path,
            source: source.into_inner(),
        }
    }
}

fn form_message(path: &str, expected: &str, missing: Option<&str>) -> String {
    match (path, missing) {
        ("", _) => format!("the click is not a form submit, so it has no `{expected}` form"),
        (_, Some(field)) => format!("the form lacks the field `{field}` that `{expected}` needs"),
        (path, None) => format!("the form field `{path}` does not fit `{expected}`"),
    }
}
