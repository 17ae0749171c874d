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
    /// A signature header is absent (or not valid UTF-8).
    #[error("missing request header `{0}`")]
    MissingHeader(&'static str),
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
    /// No handler is registered for the clicked action's value.
    #[error("no handler accepts the action value")]
    NoHandler,
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
    /// `401` for authentication failures (signature, token, timestamp, missing headers), `409`
    /// for replays and duplicates, `413` for an oversized body, `404` when no handler accepts
    /// the action, `500` for a missing Encrypt Key (a server configuration problem) and `400`
    /// for everything malformed.
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
            | Self::BadSignature
            | Self::StaleTimestamp { .. }
            | Self::BadToken => 401,
            Self::Replay | Self::Duplicate(_) => 409,
            Self::NoEncryptKey => 500,
            Self::NoHandler => 404,
            Self::Decrypt(_) | Self::Decode { .. } | Self::UnsupportedEvent(_) => 400,
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
