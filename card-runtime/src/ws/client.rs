//! The public face of the long connection: the configured client ([`LongConnection`]), the
//! running connection ([`Connection`]) and its states.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::config::{Limits, ServerConfig};
use super::error::WsError;
use super::handler::Handler;
use super::session::{Shared, run};
use crate::{Domain, Secret};

/// Where the connection is in its life, as reported to [`LongConnection::on_state`].
///
/// ```
/// use card_runtime::ws::ConnectionState;
/// assert_ne!(ConnectionState::Connected, ConnectionState::Closed);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConnectionState {
    /// The first bootstrap and dial are under way.
    Connecting,
    /// The WebSocket is open.
    Connected,
    /// The connection was lost (error, server close, silent for too long).
    Disconnected,
    /// Reconnect attempt `attempt` (1-based; 0 while waiting out the initial jitter).
    Reconnecting {
        /// The attempt about to be made.
        attempt: u64,
    },
    /// Closed for good: by [`Connection::close`], a fatal error, or after the last attempt.
    Closed,
}

pub(super) type Hook = Arc<dyn Fn(ConnectionState) + Send + Sync>;

/// A long-connection client, configured; [`start`](Self::start) connects it.
///
/// ```no_run
/// use std::time::Duration;
/// use card_runtime::ws::{Answer, Delivery, Limits, LongConnection};
///
/// # async fn run() -> Result<(), card_runtime::ws::WsError> {
/// let connection = LongConnection::new("cli_xxx", "secret")
///     .base_url("http://127.0.0.1:8080")
///     .limits(Limits::default().watchdog_grace(Duration::from_secs(10)))
///     .on_state(|state| eprintln!("long connection: {state:?}"))
///     .start(|delivery: Delivery| async move { Answer::empty() })
///     .await?;
/// connection.close().await?;
/// # Ok(()) }
/// ```
#[must_use]
pub struct LongConnection {
    pub(super) app_id: String,
    pub(super) app_secret: Secret,
    pub(super) base_url: String,
    pub(super) limits: Limits,
    pub(super) connect_timeout: Duration,
    pub(super) hook: Option<Hook>,
    pub(super) server_defaults: ServerConfig,
}

impl fmt::Debug for LongConnection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LongConnection")
            .field("app_id", &self.app_id)
            .field("app_secret", &self.app_secret)
            .field("base_url", &self.base_url)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl LongConnection {
    /// A client for the app, on `https://open.feishu.cn` (the same domain as the Open API).
    ///
    /// ```
    /// # use card_runtime::ws::LongConnection;
    /// let client = LongConnection::new("cli_xxx", "secret");
    /// assert!(!format!("{client:?}").contains("\"secret\""));
    /// ```
    pub fn new(app_id: impl Into<String>, app_secret: impl Into<String>) -> Self {
        Self {
            app_id: app_id.into(),
            app_secret: Secret::new(app_secret),
            base_url: Domain::Feishu.base_url().to_owned(),
            limits: Limits::default(),
            connect_timeout: Duration::from_secs(10),
            hook: None,
            server_defaults: ServerConfig::default(),
        }
    }

    /// Feishu or Lark (Lark's long connection is recent and UNCONFIRMED: keep webhook mode as
    /// the fallback there).
    ///
    /// ```
    /// # use card_runtime::{Domain, ws::LongConnection};
    /// let client = LongConnection::new("cli_xxx", "secret").domain(Domain::Lark);
    /// ```
    pub fn domain(self, domain: Domain) -> Self {
        self.base_url(domain.base_url())
    }

    /// Any base URL (an emulator, a proxy); the bootstrap goes to `{base}/callback/ws/endpoint`.
    ///
    /// ```
    /// # use card_runtime::ws::LongConnection;
    /// let client = LongConnection::new("cli_xxx", "secret").base_url("http://127.0.0.1:8080/");
    /// ```
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into().trim_end_matches('/').to_owned();
        self
    }

    /// Memory and time bounds. Default: [`Limits::default`].
    ///
    /// ```
    /// # use card_runtime::ws::{Limits, LongConnection};
    /// let client = LongConnection::new("cli_xxx", "secret").limits(Limits::default());
    /// ```
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// How long the TCP connect, TLS and WebSocket upgrade may take, each. Default 10 s.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use card_runtime::ws::LongConnection;
    /// let client = LongConnection::new("cli_xxx", "secret").connect_timeout(Duration::from_secs(3));
    /// ```
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The timing to use until the server sends its own (the bootstrap answer and every pong
    /// carry it). Matters only when the very first bootstrap fails. Default: the SDKs'
    /// [`ServerConfig::default`].
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use card_runtime::ws::{LongConnection, ServerConfig};
    /// let defaults = ServerConfig { reconnect_nonce: Duration::ZERO, ..ServerConfig::default() };
    /// let client = LongConnection::new("cli_xxx", "secret").server_defaults(defaults);
    /// ```
    pub fn server_defaults(mut self, config: ServerConfig) -> Self {
        self.server_defaults = config;
        self
    }

    /// Called on every state change, from the connection's task: keep it quick.
    ///
    /// ```
    /// # use card_runtime::ws::LongConnection;
    /// let client = LongConnection::new("cli_xxx", "secret").on_state(|state| println!("{state:?}"));
    /// ```
    pub fn on_state(mut self, hook: impl Fn(ConnectionState) + Send + Sync + 'static) -> Self {
        self.hook = Some(Arc::new(hook));
        self
    }

    /// Connects and serves `handler` in a background task until [`Connection::close`].
    ///
    /// # Errors
    ///
    /// A fatal [`WsError`] on the first connect (bad credentials, banned app, connection limit,
    /// unusable configuration). A retryable first failure is not an error: the connection
    /// keeps trying in the background, as after a drop.
    ///
    /// ```no_run
    /// # use card_runtime::ws::{Answer, Delivery, LongConnection};
    /// # async fn run() -> Result<(), card_runtime::ws::WsError> {
    /// let connection = LongConnection::new("cli_xxx", "secret")
    ///     .start(|_: Delivery| async { Answer::empty() })
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn start<H: Handler>(self, handler: H) -> Result<Connection, WsError> {
        if self.app_id.is_empty() || self.app_secret.expose().is_empty() {
            return Err(WsError::Config(
                "app id and app secret must not be empty".into(),
            ));
        }
        let base = url::Url::parse(&self.base_url)
            .map_err(|err| WsError::Config(format!("base URL: {err}")))?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(WsError::Config("base URL must be http(s)".into()));
        }
        let tls = crate::api::exchange::tls_config()
            .map_err(|err| WsError::Config(format!("TLS setup: {err}")))?;
        let http = crate::api::exchange::http_client(self.connect_timeout)
            .map_err(|err| WsError::Config(format!("HTTP client: {err}")))?;
        let (state_tx, state_rx) = watch::channel(ConnectionState::Connecting);
        let (close_tx, close_rx) = watch::channel(false);
        let shared = Arc::new(Shared {
            http,
            tls: Arc::new(tls),
            server: Mutex::new(self.server_defaults),
            state: state_tx,
            conf: self,
        });
        shared.set_state(ConnectionState::Connecting);
        let first = match shared.dial().await {
            Ok(socket) => Some(socket),
            Err(err) if err.is_fatal() => {
                shared.set_state(ConnectionState::Closed);
                return Err(err);
            }
            Err(err) => {
                tracing::warn!(error = %err, "long connection: first connect failed, retrying");
                None
            }
        };
        if first.is_some() {
            shared.set_state(ConnectionState::Connected);
        }
        let task = tokio::spawn(run(Arc::clone(&shared), Arc::new(handler), first, close_rx));
        Ok(Connection {
            state: state_rx,
            close: close_tx,
            task,
        })
    }
}

/// A running long connection.
///
/// Dropping it leaves the connection running in the background; [`close`](Self::close) ends it.
#[derive(Debug)]
pub struct Connection {
    state: watch::Receiver<ConnectionState>,
    close: watch::Sender<bool>,
    task: JoinHandle<Result<(), WsError>>,
}

impl Connection {
    /// The current state.
    ///
    /// ```no_run
    /// # use card_runtime::ws::{Connection, ConnectionState};
    /// # fn show(connection: &Connection) {
    /// if connection.state() == ConnectionState::Connected { println!("up"); }
    /// # }
    /// ```
    pub fn state(&self) -> ConnectionState {
        *self.state.borrow()
    }

    /// Waits until the state satisfies `pred` (or the connection ended) and returns it.
    ///
    /// ```no_run
    /// # use card_runtime::ws::{Connection, ConnectionState};
    /// # async fn run(connection: &Connection) {
    /// connection.wait_for(|s| s == ConnectionState::Connected).await;
    /// # }
    /// ```
    pub async fn wait_for(&self, pred: impl Fn(ConnectionState) -> bool) -> ConnectionState {
        let mut state = self.state.clone();
        match state
            .wait_for(|s| pred(*s) || *s == ConnectionState::Closed)
            .await
        {
            Ok(s) => *s,
            Err(_) => ConnectionState::Closed,
        }
    }

    /// Sends the answers of handlers already running (waiting at most
    /// [`Limits::answer_within`]), then a WebSocket close; stops reconnecting and waits for
    /// the task to end. Deferred work keeps running on the runtime.
    ///
    /// # Errors
    ///
    /// The fatal error that had already ended the connection, if any.
    ///
    /// ```no_run
    /// # async fn run(connection: card_runtime::ws::Connection) -> Result<(), card_runtime::ws::WsError> {
    /// connection.close().await?;
    /// # Ok(()) }
    /// ```
    pub async fn close(self) -> Result<(), WsError> {
        let _ = self.close.send(true);
        self.wait().await
    }

    /// Waits until the connection ends by itself: a fatal error or the last reconnect attempt.
    ///
    /// # Errors
    ///
    /// What ended it.
    ///
    /// ```no_run
    /// # async fn run(connection: card_runtime::ws::Connection) {
    /// if let Err(err) = connection.wait().await { eprintln!("long connection ended: {err}"); }
    /// # }
    /// ```
    pub async fn wait(self) -> Result<(), WsError> {
        match self.task.await {
            Ok(result) => result,
            Err(err) => Err(WsError::Transport(format!("connection task: {err}"))),
        }
    }
}
