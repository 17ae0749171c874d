//! What can stop or interrupt the long connection, split into fatal and retryable.

/// Bootstrap code: system busy (retryable, reference A.2).
pub(crate) const CODE_SYSTEM_BUSY: i64 = 1;
/// Bootstrap code: internal error (retryable).
pub(crate) const CODE_INTERNAL: i64 = 1_000_040_343;
/// `Handshake-Status` of an authentication failure.
pub(crate) const HANDSHAKE_AUTH_FAILED: i64 = 514;
/// `Handshake-Status` of a banned app.
pub(crate) const HANDSHAKE_FORBIDDEN: i64 = 403;
/// `Handshake-Autherrcode`: more than the app's connection limit (50).
pub const AUTH_CONNECTION_LIMIT: i64 = 1_000_040_350;

/// A long-connection failure. [`is_fatal`](Self::is_fatal) says whether reconnecting can help.
///
/// ```
/// use card_runtime::ws::WsError;
/// let err = WsError::Handshake { status: Some(514), code: Some(1000040350), msg: "exceed limit".into() };
/// assert!(err.is_fatal());
/// assert!(!WsError::Bootstrap { code: 1, msg: "system busy".into() }.is_fatal());
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WsError {
    /// The configuration is unusable (empty app id or secret, bad base URL); nothing was sent.
    #[error("invalid long-connection configuration: {0}")]
    Config(String),
    /// `POST /callback/ws/endpoint` answered a non-zero business code. Codes 1 and 1000040343
    /// are retryable; any other (bad credentials, app not allowed) is fatal.
    #[error("long-connection bootstrap refused: code {code}: {msg}")]
    Bootstrap {
        /// The business code.
        code: i64,
        /// The server's message.
        msg: String,
    },
    /// The bootstrap answered an HTTP status other than 200 (retryable).
    #[error("long-connection bootstrap answered HTTP {status}")]
    BootstrapStatus {
        /// The HTTP status.
        status: u16,
    },
    /// The bootstrap answer was not the documented JSON, or its URL is unusable (retryable:
    /// the next attempt asks again).
    #[error("long-connection bootstrap answer malformed: {0}")]
    BadEndpoint(String),
    /// The WebSocket upgrade was refused. Fatal for `Handshake-Status` 403 (app banned) and
    /// 514 with `Handshake-Autherrcode` 1000040350 (connection limit); retryable otherwise.
    #[error("long-connection handshake refused: status {status:?}, code {code:?}: {msg}")]
    Handshake {
        /// `Handshake-Status`, when present.
        status: Option<i64>,
        /// `Handshake-Autherrcode`, when present.
        code: Option<i64>,
        /// `Handshake-Msg`, or the HTTP status line when the headers are absent.
        msg: String,
    },
    /// Network, TLS or WebSocket failure (retryable).
    #[error("long-connection transport error: {0}")]
    Transport(String),
    /// Reconnection gave up after `ReconnectCount` attempts; the last failure is the source.
    #[error("long connection gave up after {attempts} reconnect attempts")]
    GaveUp {
        /// How many attempts were made.
        attempts: u64,
        /// The last failure.
        #[source]
        last: Box<Self>,
    },
}

impl WsError {
    /// Whether retrying cannot help: the client stops instead of reconnecting.
    ///
    /// ```
    /// # use card_runtime::ws::WsError;
    /// assert!(WsError::Bootstrap { code: 1000040344, msg: "no credential".into() }.is_fatal());
    /// assert!(!WsError::Transport("reset".into()).is_fatal());
    /// ```
    pub fn is_fatal(&self) -> bool {
        match self {
            Self::Config(_) | Self::GaveUp { .. } => true,
            Self::Bootstrap { code, .. } => !matches!(*code, CODE_SYSTEM_BUSY | CODE_INTERNAL),
            Self::Handshake { status, code, .. } => match status {
                Some(HANDSHAKE_FORBIDDEN) => true,
                Some(HANDSHAKE_AUTH_FAILED) => *code == Some(AUTH_CONNECTION_LIMIT),
                _ => false,
            },
            Self::BootstrapStatus { .. } | Self::BadEndpoint(_) | Self::Transport(_) => false,
        }
    }
}
