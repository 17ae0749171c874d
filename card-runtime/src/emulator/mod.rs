//! An in-process Feishu Open API on 127.0.0.1, for testing bots offline (feature `emulator`).
//!
//! It speaks the real paths, envelopes and error codes (reference §3–§5):
//!
//! | Route | Behaviour |
//! |---|---|
//! | `POST /open-apis/auth/v3/tenant_access_token/internal` | issues `t-…` tokens with `expire` on the emulator's [`Clock`]; the same token while ≥ 30 min remain |
//! | `POST /open-apis/im/v1/messages?receive_id_type=…` | send; `content` must be a JSON string (230001), card ≤ 30 000 bytes (230025), schema-valid (230099 with the failing path in `msg`), `uuid` deduped for an hour |
//! | `POST /open-apis/im/v1/messages/:id/reply` | reply, optionally in a thread |
//! | `PATCH /open-apis/im/v1/messages/:id` | update a shared card |
//! | `POST /open-apis/interactive/v1/card/update` | delayed update with a callback token (`c-…`, 30 min, two uses; `open_ids` required for exclusive cards, refused for shared ones) |
//! | `POST /open-apis/bot/v2/hook/:token` | custom-bot webhook, signature checked when the hook has a secret (19021), body ≤ 20 000 bytes |
//!
//! Bad or expired tokens get 99991663. Rate limits ([`Limits`]) are sliding windows: a
//! request arriving at `t` is admitted iff fewer than `N` requests were admitted in
//! `(t − W, t]`; refused requests do not count. Per-app refusals are HTTP 429 with code
//! 99991400 and `x-ogw-ratelimit-limit` / `x-ogw-ratelimit-reset` (whole seconds until a slot
//! frees, rounded up); per-chat, per-user (their p2p chat) and per-message refusals are code
//! 230020; webhook refusals 11232. Every response carries `X-Tt-Logid`.
//!
//! # Inspection API
//!
//! | Route | Answer |
//! |---|---|
//! | `GET /_emulator/messages` | `{"messages": [RecordedMessage…]}`: every message with `message_id`, `chat_id`, `receive_id_type`, `receive_id`, `msg_type`, `card` (JSON), `uuid`, reply/thread ids, times, `updates` |
//! | `GET /_emulator/messages/:id` | one [`RecordedMessage`], or 404 |
//! | `POST /_emulator/messages/:id/callback_token` | `{"token": "c-…"}` for a delayed update, as a click would give |
//! | `GET /_emulator/stats` | [`Stats`] counters (tokens issued, messages, duplicates suppressed, rate-limited, faults) |
//! | `POST /_emulator/clock/advance` | body `{"seconds": n}`: moves the clock forward |
//! | `POST /_emulator/faults` | body `{"fail_next": n, "status": 503, "drop_next": n, "delay_next": n, "delay_ms": ms}`: fails (without processing), drops (after processing, no response) or delays the next Open API calls |
//! | `POST /_emulator/click` | with [`Clicker::routes`] (the binary's `--callback-url`): body `{"message_id", "button": {"value": ..} \| {"index": n}, "open_id"?, "generation"?: "v2"\|"legacy"}`; plays the user's click against the app and answers the [`ClickOutcome`] (app status and answer, toast, whether the card was replaced, the client error code a user would see) |
//! | `POST /_emulator/url_verification` | with [`Clicker::routes`]: performs the callback URL handshake; `{"ok": bool}` |
//! | `GET /_emulator/toasts` | with [`Clicker::routes`]: `{"toasts": [RecordedToast…]}` |
//!
//! # Example
//!
//! ```
//! use card_runtime::emulator::Emulator;
//! use card_runtime::{Card, Client, ReceiveId};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let emulator = Emulator::start().await?;
//! let client = Client::builder(emulator.app_id(), emulator.app_secret())
//!     .base_url(emulator.url())
//!     .build()?;
//! let card = Card::from_json_unchecked(serde_json::json!({"elements": [{"tag": "hr"}]}));
//! let sent = client.messages().send_card(ReceiveId::chat_id("oc_demo"), &card).send().await?;
//! assert_eq!(emulator.message(&sent.message_id).unwrap().card, *card);
//! # Ok(()) }
//! ```

mod buttons;
mod click;
mod conn;
mod ops;
mod routes;
mod state;

use std::net::SocketAddr;
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::MethodRouter;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub use click::{Button, CallbackApp, Click, ClickError, ClickOutcome, Clicker, RecordedToast};
pub use state::{EmulatorState, RecordedMessage, Stats};

use crate::reliability::clock::Clock;
use crate::token::Secret;
use conn::{Conn, CuttableListener};

/// The app id an emulator accepts unless told otherwise.
///
/// ```
/// assert_eq!(card_runtime::emulator::DEFAULT_APP_ID, "cli_emulator");
/// ```
pub const DEFAULT_APP_ID: &str = "cli_emulator";
/// The app secret an emulator accepts unless told otherwise.
///
/// ```
/// assert_eq!(card_runtime::emulator::DEFAULT_APP_SECRET, "emulator-app-secret");
/// ```
pub const DEFAULT_APP_SECRET: &str = "emulator-app-secret";

/// The emulator's rate limits. [`Limits::feishu`] are the documented ones; 0 disables a limit.
///
/// ```
/// use card_runtime::emulator::Limits;
///
/// let tenfold = Limits::feishu().scaled(10);
/// assert_eq!(tenfold.app_per_second, 500);
/// assert_eq!(tenfold.app_per_minute, 10_000);
/// assert_eq!(tenfold.per_chat_per_second, 50);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Message API requests per second per app (Feishu: 50).
    pub app_per_second: u32,
    /// Message API requests per minute per app (Feishu: 1000).
    pub app_per_minute: u32,
    /// Messages per second to one chat or user (Feishu: 5).
    pub per_chat_per_second: u32,
    /// PATCHes per second to one message (Feishu: 5).
    pub per_message_per_second: u32,
    /// Webhook posts per second per bot (Feishu: 5).
    pub webhook_per_second: u32,
    /// Webhook posts per minute per bot (Feishu: 100).
    pub webhook_per_minute: u32,
    /// How long a `uuid` suppresses duplicates (Feishu: one hour).
    pub uuid_window: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self::feishu()
    }
}

impl Limits {
    /// Feishu's documented limits (reference §4.3, §5).
    ///
    /// ```
    /// assert_eq!(card_runtime::emulator::Limits::feishu().app_per_second, 50);
    /// ```
    pub fn feishu() -> Self {
        Self {
            app_per_second: 50,
            app_per_minute: 1000,
            per_chat_per_second: 5,
            per_message_per_second: 5,
            webhook_per_second: 5,
            webhook_per_minute: 100,
            uuid_window: Duration::from_secs(3600),
        }
    }

    /// No rate limits (the `uuid` window stays one hour).
    ///
    /// ```
    /// assert_eq!(card_runtime::emulator::Limits::unlimited().app_per_second, 0);
    /// ```
    pub fn unlimited() -> Self {
        Self {
            app_per_second: 0,
            app_per_minute: 0,
            per_chat_per_second: 0,
            per_message_per_second: 0,
            webhook_per_second: 0,
            webhook_per_minute: 0,
            uuid_window: Duration::from_secs(3600),
        }
    }

    /// Every rate limit multiplied by `factor`.
    ///
    /// ```
    /// assert_eq!(card_runtime::emulator::Limits::feishu().scaled(2).webhook_per_minute, 200);
    /// ```
    pub fn scaled(self, factor: u32) -> Self {
        Self {
            app_per_second: self.app_per_second.saturating_mul(factor),
            app_per_minute: self.app_per_minute.saturating_mul(factor),
            per_chat_per_second: self.per_chat_per_second.saturating_mul(factor),
            per_message_per_second: self.per_message_per_second.saturating_mul(factor),
            webhook_per_second: self.webhook_per_second.saturating_mul(factor),
            webhook_per_minute: self.webhook_per_minute.saturating_mul(factor),
            uuid_window: self.uuid_window,
        }
    }
}

/// Configures an [`Emulator`]: credentials, token lifetime, limits, clock, webhooks, and extra
/// routes (later features, such as playing a user's click, plug in here).
///
/// ```
/// use std::time::Duration;
/// use card_runtime::emulator::{Emulator, Limits};
///
/// # async fn run() -> std::io::Result<()> {
/// let emulator = Emulator::builder()
///     .app("cli_test", "test-secret")
///     .token_ttl(Duration::from_secs(3600))
///     .limits(Limits::unlimited())
///     .webhook("hook-1", Some("sign-secret"))
///     .start()
///     .await?;
/// # Ok(()) }
/// ```
#[must_use]
#[derive(Debug)]
pub struct EmulatorBuilder {
    app_id: String,
    app_secret: Secret,
    token_ttl: Duration,
    limits: Limits,
    clock: Option<Clock>,
    hooks: Vec<(String, Option<Secret>)>,
    listen: SocketAddr,
    router: Router<Arc<EmulatorState>>,
}

impl EmulatorBuilder {
    /// The app credentials the token endpoint accepts. Default is [`DEFAULT_APP_ID`] /
    /// [`DEFAULT_APP_SECRET`].
    ///
    /// ```
    /// let builder = card_runtime::emulator::Emulator::builder().app("cli_x", "secret");
    /// # let _ = builder;
    /// ```
    pub fn app(mut self, app_id: impl Into<String>, app_secret: impl Into<String>) -> Self {
        self.app_id = app_id.into();
        self.app_secret = Secret::new(app_secret);
        self
    }

    /// The `expire` of newly issued tenant tokens. Default is 7200 s, Feishu's maximum.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let builder = card_runtime::emulator::Emulator::builder().token_ttl(Duration::from_secs(600));
    /// # let _ = builder;
    /// ```
    pub fn token_ttl(mut self, ttl: Duration) -> Self {
        self.token_ttl = ttl;
        self
    }

    /// Rate limits. Default is [`Limits::feishu`].
    ///
    /// ```
    /// let builder = card_runtime::emulator::Emulator::builder().limits(card_runtime::emulator::Limits::feishu().scaled(10));
    /// # let _ = builder;
    /// ```
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The clock for token expiry, windows and signatures. Default is a fresh
    /// [`Clock::system`]; pass a clone of the client's to move both at once.
    ///
    /// ```
    /// let builder = card_runtime::emulator::Emulator::builder().clock(card_runtime::Clock::system());
    /// # let _ = builder;
    /// ```
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Registers a custom-bot webhook `/open-apis/bot/v2/hook/<token>`, signed when `secret`
    /// is given. Default is none.
    ///
    /// ```
    /// let builder = card_runtime::emulator::Emulator::builder().webhook("team-hook", None::<String>);
    /// # let _ = builder;
    /// ```
    pub fn webhook(mut self, token: impl Into<String>, secret: Option<impl Into<String>>) -> Self {
        self.hooks.push((token.into(), secret.map(Secret::new)));
        self
    }

    /// The address to listen on. Default is `127.0.0.1:0` (a free port).
    ///
    /// ```
    /// let builder = card_runtime::emulator::Emulator::builder().listen(([127, 0, 0, 1], 0).into());
    /// # let _ = builder;
    /// ```
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.listen = addr;
        self
    }

    /// Adds a route, served next to the built-in ones with the shared [`EmulatorState`].
    ///
    /// ```
    /// use axum::routing::get;
    /// let builder = card_runtime::emulator::Emulator::builder()
    ///     .route("/_emulator/hello", get(|| async { "hello" }));
    /// # let _ = builder;
    /// ```
    pub fn route(mut self, path: &str, handler: MethodRouter<Arc<EmulatorState>>) -> Self {
        self.router = self.router.route(path, handler);
        self
    }

    /// Binds, starts serving on the current tokio runtime, and returns the handle. The
    /// server stops when the handle is dropped.
    ///
    /// # Errors
    ///
    /// When the address cannot be bound.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_runtime::emulator::Emulator::builder().start().await?;
    /// assert!(emulator.url().starts_with("http://127.0.0.1:"));
    /// # Ok(()) }
    /// ```
    pub async fn start(self) -> std::io::Result<Emulator> {
        let state = Arc::new(EmulatorState::new(
            self.app_id,
            self.app_secret,
            self.token_ttl,
            self.limits,
            self.clock.unwrap_or_default(),
            self.hooks,
        ));
        let listener = CuttableListener::new(TcpListener::bind(self.listen).await?);
        let addr = listener.local_addr()?;
        let app = self
            .router
            .merge(routes::router())
            .with_state(state.clone());
        let (shutdown, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let service = app.into_make_service_with_connect_info::<Conn>();
            let server = axum::serve(listener, service).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(err) = server.await {
                tracing::error!(error = %err, "emulator server stopped");
            }
        });
        tracing::info!(%addr, "Feishu emulator listening");
        Ok(Emulator {
            state,
            addr,
            _shutdown: shutdown,
        })
    }
}

/// A running emulator. Dereferences to its [`EmulatorState`] (messages, stats, clock,
/// faults); stops serving when dropped.
///
/// ```
/// # async fn run() -> std::io::Result<()> {
/// let emulator = card_runtime::emulator::Emulator::start().await?;
/// println!("{} accepts {} / {}", emulator.url(), emulator.app_id(), emulator.app_secret());
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Emulator {
    state: Arc<EmulatorState>,
    addr: SocketAddr,
    _shutdown: oneshot::Sender<()>,
}

impl Emulator {
    /// Starts an emulator with the defaults on a free 127.0.0.1 port.
    ///
    /// # Errors
    ///
    /// When no port can be bound.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_runtime::emulator::Emulator::start().await?;
    /// # Ok(()) }
    /// ```
    pub async fn start() -> std::io::Result<Self> {
        Self::builder().start().await
    }

    /// Starts configuring an emulator.
    ///
    /// ```
    /// let builder = card_runtime::emulator::Emulator::builder();
    /// # let _ = builder;
    /// ```
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder {
            app_id: DEFAULT_APP_ID.to_owned(),
            app_secret: Secret::new(DEFAULT_APP_SECRET),
            token_ttl: Duration::from_secs(7200),
            limits: Limits::feishu(),
            clock: None,
            hooks: Vec::new(),
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            router: Router::new(),
        }
    }

    /// The base URL to give a [`Client`](crate::Client), e.g. `http://127.0.0.1:41234`.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_runtime::emulator::Emulator::start().await?;
    /// assert!(emulator.url().starts_with("http://"));
    /// # Ok(()) }
    /// ```
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bound address.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_runtime::emulator::Emulator::start().await?;
    /// assert!(emulator.addr().ip().is_loopback());
    /// # Ok(()) }
    /// ```
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL of a registered webhook.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_runtime::emulator::Emulator::builder().webhook("h", None::<String>).start().await?;
    /// assert!(emulator.webhook_url("h").ends_with("/open-apis/bot/v2/hook/h"));
    /// # Ok(()) }
    /// ```
    pub fn webhook_url(&self, token: &str) -> String {
        format!("{}/open-apis/bot/v2/hook/{token}", self.url())
    }

    /// The shared state, for handing to other tasks.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_runtime::emulator::Emulator::start().await?;
    /// let state = emulator.state().clone();
    /// tokio::spawn(async move { state.messages().len() });
    /// # Ok(()) }
    /// ```
    pub fn state(&self) -> &Arc<EmulatorState> {
        &self.state
    }
}

impl Deref for Emulator {
    type Target = EmulatorState;

    fn deref(&self) -> &EmulatorState {
        &self.state
    }
}
