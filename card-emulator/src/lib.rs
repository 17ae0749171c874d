//! An in-process Feishu Open API on 127.0.0.1, for testing bots offline: take it as a
//! dev-dependency, or run the `feishu-emulator` binary for bots in any language.
//!
//! It shares no code with the client it tests (`card-runtime`): windows, signatures, token
//! rules and size limits are written here from the reference, so a mistake in the client is
//! not mirrored by its test double. It uses the card spec (`card-schema`) to judge cards, and
//! the runtime's [`Clock`] so that one clock can be handed to both sides of a test.
//!
//! It speaks the real paths, envelopes and error codes (reference §3–§5):
//!
//! | Route | Behaviour |
//! |---|---|
//! | `POST /open-apis/auth/v3/tenant_access_token/internal` | issues `t-…` tokens with `expire` on the emulator's [`Clock`]; the same token while ≥ 30 min remain |
//! | `POST /open-apis/im/v1/messages?receive_id_type=…` | send; `content` must be a JSON string (230001), card ≤ 30 000 bytes (230025), schema-valid (230099 with the failing path in `msg`), `uuid` deduped for an hour |
//! | `POST /open-apis/im/v1/messages/:id/reply` | reply, optionally in a thread |
//! | `PATCH /open-apis/im/v1/messages/:id` | update a shared card; a card sent as 2.0 only with a 2.0 card (230099, sub-code 200830; the delayed update answers 11311, a callback answer shows the user 200830) |
//! | `POST /open-apis/interactive/v1/card/update` | delayed update with a callback token (`c-…`, 30 min, two uses; `open_ids` required for exclusive cards, refused for shared ones) |
//! | `POST /open-apis/bot/v2/hook/:token` | custom-bot webhook, signature checked when the hook has a secret (19021), body ≤ 20 000 bytes |
//!
//! What it remembers is bounded ([`Capacity`]): the oldest messages, `uuid`s and tokens are
//! forgotten first. Bad or expired tokens get 99991663. Rate limits ([`Limits`]) are sliding windows: a
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
//! | `POST /_emulator/faults` | body `{"fail_next": n, "status": 503, "rate_limit_next": n, "reset_secs": s, "code_next": n, "code": 230020, "html_next": n, "html_status": 502, "truncate_next": n, "truncate_after_next": n, "drop_next": n, "delay_next": n, "delay_ms": ms, "slow_next": n, "slow_ms": ms}` (all optional; replaces every pending fault): see [`Fault`] |
//! | `POST /_emulator/click` | with [`Clicker::routes`] (the binary's `--callback-url`): body `{"message_id", "button": {"value": ..} \| {"index": n} \| {"element_id": ..} \| {"name": ..}, "open_id"?, "generation"?: "v2"\|"legacy", "timezone"?: {"name", "offset"}}`, or `"action"` instead of `"button"`: an [`Action`] such as `{"submit": {"form"?, "button"?, "fields": {"reason": "hotfix", "env": "prod"}}}`, `{"input": {"target": {"name": "q"}, "text": ".."}}`, `{"select": {"target": {"index": 0}, "option": "prod"}}`, `{"overflow": ..}`, `{"pick": {"target": .., "value": "2026-12-03"}}`, `{"check": {"target": .., "checked": true}}`, `{"container": {"element_id": ..}}`; plays the user against the app and answers the [`ClickOutcome`] (app status and answer, the `action` sent, toast, whether the card was replaced, the client error code a user would see); 404 for a missing message or component, 422 for what the user could not do (disabled, unknown option, empty required field, a field inside a form clicked alone) |
//! | `POST /_emulator/url_verification` | with [`Clicker::routes`]: performs the callback URL handshake; `{"ok": bool}` |
//! | `GET /_emulator/toasts` | with [`Clicker::routes`]: `{"toasts": [RecordedToast…]}` |
//!
//! # Beyond cards
//!
//! It also answers image upload (`POST /open-apis/im/v1/images`: ≤ 10 MB, known formats and
//! resolutions; the bytes are served at `GET /_emulator/images/:key`, listed at
//! `GET /_emulator/images`), text and post messages, reactions, batch sends and their
//! progress (`message/v4/batch_send`, `im/v1/batch_messages/:id/get_progress`), urgents,
//! ephemeral cards (send, delete), users (`contact/v3/users/:id`, `batch_get_id`) and chat
//! members. Users, departments and chats are seeded with [`EmulatorState::seed_user`],
//! [`EmulatorState::seed_department`] and [`EmulatorState::seed_chat`], or by posting JSON to
//! `/_emulator/users` (a [`DirectoryUser`]), `/_emulator/departments`
//! (`{"department_id", "members"}`) and `/_emulator/chats` (`{"chat_id", "members"}`); what was
//! recorded is at `GET /_emulator/batches`, `/_emulator/ephemeral`, `/_emulator/urgents` and
//! `/_emulator/reactions`.
//!
//! # Playing the user
//!
//! A [`Clicker`] posts what Feishu would post when a user acts on a stored card, in either
//! callback envelope: a button ([`Button`]: by value, index, `element_id` or `name`), an
//! `interactive_container`, an input, a select or person select, an overflow menu, a date or
//! time picker (with the user's [`Timezone`]), a checker, or a whole form ([`Submit`]: the
//! values typed and picked by field name, the rest at their initial values). It refuses what the
//! user could not do on that card (a missing component or option, a disabled one, a field
//! clicked alone inside a form, an empty required field) with a [`ClickError`], before anything
//! is posted. Testing a form bot:
//!
//! ```no_run
//! use card_emulator::{CallbackApp, Click, Clicker, Emulator, Submit};
//!
//! # async fn run(message_id: &str) -> Result<(), Box<dyn std::error::Error>> {
//! let emulator = Emulator::start().await?;
//! let clicker = Clicker::new(CallbackApp::new("http://127.0.0.1:3000/callback", "v-token"))?;
//! let form = Submit::new().field("reason", "hotfix").field("env", "prod").field("day", "2026-12-03");
//! let outcome = clicker.click(&emulator, &Click::submit(message_id, form)).await?;
//! assert_eq!(outcome.action["form_value"]["day"], "2026-12-03 +0800");
//! assert!(outcome.card_replaced);
//! # Ok(()) }
//! ```
//!
//! # CardKit
//!
//! Card entities (`/open-apis/cardkit/v1/cards`: create from card JSON 2.0 or a template,
//! full update, `settings`, `batch_update`, element add/replace/patch/delete, streamed
//! `content`, `id_convert`) with the documented codes: every card checked as 2.0 by the spec
//! on every write (200220, 300301–300307, 200860); 14 days on the emulator clock (200750); the
//! creating app only (300311); one strictly increasing `sequence` per card shared by all
//! writes (300317; refused writes do not advance it); `uuid` dedupe (the first answer
//! stands); 10 operations per second per card (230020, code UNCONFIRMED); streaming that
//! closes ten minutes after it was switched on (200850 once, then 300309); 200810 while a
//! click on the card is answered ([`Clicker`]) or held ([`EmulatorState::hold_card_interaction`],
//! `POST /_emulator/cards/:id/interaction {"seconds": n}`). An entity is sent once by
//! `{"type":"card","data":{"card_id"}}` (send or reply), after which the message shows its
//! current JSON. `GET /_emulator/cards/:id` is a [`RecordedCardEntity`] with the history of
//! its streamed texts; [`EmulatorState::cardkit_refusals`] counts refusals by code.
//!
//! # Example
//!
//! ```
//! use card_emulator::Emulator;
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

#![deny(missing_docs, missing_debug_implementations)]

mod callback;
mod cardkit;
mod cardkit_edit;
mod cardkit_routes;
mod click;
mod click_routes;
mod conn;
mod crypto;
mod directory;
mod directory_routes;
mod faults;
mod fields;
mod gateway;
mod images;
mod interact;
mod limits;
mod openapi;
mod ops;
mod play;
mod post;
mod routes;
mod secret;
mod state;
mod store;
mod tokens;
mod user_message;
mod walk;
mod webhook;
mod window;

use std::net::SocketAddr;
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::MethodRouter;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub use callback::Generation;
pub use card_runtime::Clock;
pub use cardkit::{RecordedCardEntity, Refusals, StreamedText};
pub use click::{CallbackApp, ClickError, ClickOutcome, Clicker, RecordedToast};
pub use directory::{
    DirectoryUser, RecordedBatch, RecordedEphemeral, RecordedReaction, RecordedUrgent,
    UploadedImage,
};
pub use faults::{Fault, FaultCounts};
pub use gateway::{Delivered, LongConnectionConfig, WsFault};
pub use interact::{Action, Button, Click, Submit, Target, Timezone};
pub use limits::{Capacity, Limits};
pub use state::{EmulatorState, RecordedMessage, Stats};
pub use user_message::{SentUserMessage, UserMessage};

use conn::{Conn, CuttableListener};
use secret::Secret;
use state::Config;

/// The app id an emulator accepts unless told otherwise.
///
/// ```
/// assert_eq!(card_emulator::DEFAULT_APP_ID, "cli_emulator");
/// ```
pub const DEFAULT_APP_ID: &str = "cli_emulator";
/// The app secret an emulator accepts unless told otherwise.
///
/// ```
/// assert_eq!(card_emulator::DEFAULT_APP_SECRET, "emulator-app-secret");
/// ```
pub const DEFAULT_APP_SECRET: &str = "emulator-app-secret";

/// Configures an [`Emulator`]: credentials, token lifetime, limits, clock, webhooks, and extra
/// routes (later features, such as playing a user's click, plug in here).
///
/// ```
/// use std::time::Duration;
/// use card_emulator::{Emulator, Limits};
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
    capacity: Capacity,
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
    /// let builder = card_emulator::Emulator::builder().app("cli_x", "secret");
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
    /// let builder = card_emulator::Emulator::builder().token_ttl(Duration::from_secs(600));
    /// # let _ = builder;
    /// ```
    pub fn token_ttl(mut self, ttl: Duration) -> Self {
        self.token_ttl = ttl;
        self
    }

    /// Rate limits. Default is [`Limits::feishu`].
    ///
    /// ```
    /// let builder = card_emulator::Emulator::builder().limits(card_emulator::Limits::feishu().scaled(10));
    /// # let _ = builder;
    /// ```
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// How much the emulator remembers. Default is [`Capacity::default`].
    ///
    /// ```
    /// let builder = card_emulator::Emulator::builder().capacity(card_emulator::Capacity::default());
    /// # let _ = builder;
    /// ```
    pub fn capacity(mut self, capacity: Capacity) -> Self {
        self.capacity = capacity;
        self
    }

    /// The clock for token expiry, windows and signatures. Default is a fresh
    /// [`Clock::system`]; pass a clone of the client's to move both at once.
    ///
    /// ```
    /// let builder = card_emulator::Emulator::builder().clock(card_emulator::Clock::system());
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
    /// let builder = card_emulator::Emulator::builder().webhook("team-hook", None::<String>);
    /// # let _ = builder;
    /// ```
    pub fn webhook(mut self, token: impl Into<String>, secret: Option<impl Into<String>>) -> Self {
        self.hooks.push((token.into(), secret.map(Secret::new)));
        self
    }

    /// The address to listen on. Default is `127.0.0.1:0` (a free port).
    ///
    /// ```
    /// let builder = card_emulator::Emulator::builder().listen(([127, 0, 0, 1], 0).into());
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
    /// let builder = card_emulator::Emulator::builder()
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
    /// let emulator = card_emulator::Emulator::builder().start().await?;
    /// assert!(emulator.url().starts_with("http://127.0.0.1:"));
    /// # Ok(()) }
    /// ```
    pub async fn start(self) -> std::io::Result<Emulator> {
        let state = Arc::new(EmulatorState::new(Config {
            app_id: self.app_id,
            app_secret: self.app_secret,
            token_ttl: self.token_ttl,
            limits: self.limits,
            capacity: self.capacity,
            clock: self.clock.unwrap_or_default(),
            hooks: self.hooks,
        }));
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
/// let emulator = card_emulator::Emulator::start().await?;
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
    /// let emulator = card_emulator::Emulator::start().await?;
    /// # Ok(()) }
    /// ```
    pub async fn start() -> std::io::Result<Self> {
        Self::builder().start().await
    }

    /// Starts configuring an emulator.
    ///
    /// ```
    /// let builder = card_emulator::Emulator::builder();
    /// # let _ = builder;
    /// ```
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder {
            app_id: DEFAULT_APP_ID.to_owned(),
            app_secret: Secret::new(DEFAULT_APP_SECRET),
            token_ttl: Duration::from_secs(7200),
            limits: Limits::feishu(),
            capacity: Capacity::default(),
            clock: None,
            hooks: Vec::new(),
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            router: Router::new(),
        }
    }

    /// The base URL to give a `card_runtime::Client`, e.g. `http://127.0.0.1:41234`.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
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
    /// let emulator = card_emulator::Emulator::start().await?;
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
    /// let emulator = card_emulator::Emulator::builder().webhook("h", None::<String>).start().await?;
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
    /// let emulator = card_emulator::Emulator::start().await?;
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
