//! The emulator's shared state: credentials, tokens, recorded messages, limits, faults.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use card_runtime::Clock;
use serde::Serialize;
use serde_json::Value;

use crate::faults::{Fault, FaultCounts, Pending};
use crate::limits::{Capacity, Limits};
use crate::secret::Secret;
use crate::store::{Fifo, FirstAnswer, Stored};
use crate::window::{Window, WindowsByKey};

/// One message the emulator accepted, as the inspection API shows it.
///
/// ```
/// # async fn run() -> std::io::Result<()> {
/// let emulator = card_emulator::Emulator::start().await?;
/// for message in emulator.messages() {
///     println!("{} to {} ({}): {}", message.message_id, message.receive_id, message.msg_type, message.card);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RecordedMessage {
    /// `om_…`
    pub message_id: String,
    /// The chat it landed in (`oc_…`; one p2p chat per user id).
    pub chat_id: String,
    /// `open_id`, `union_id`, `user_id`, `email`, `chat_id`, or `webhook`.
    pub receive_id_type: String,
    /// The id it was addressed to (the hook token for webhook messages).
    pub receive_id: String,
    /// `interactive` for cards.
    pub msg_type: String,
    /// The current card (after updates), as JSON; for other message types, the content.
    pub card: Value,
    /// Per-user views set by delayed updates of exclusive cards, by open_id.
    pub personal_cards: BTreeMap<String, Value>,
    /// The idempotency key the sender gave.
    pub uuid: Option<String>,
    /// The message replied to.
    pub parent_id: Option<String>,
    /// The thread root for replies.
    pub root_id: Option<String>,
    /// The thread (`omt_…`) for replies in a thread.
    pub thread_id: Option<String>,
    /// Milliseconds since the epoch, on the emulator's clock.
    pub create_time: u64,
    /// Milliseconds since the epoch of the last update.
    pub update_time: u64,
    /// How many times the card was replaced (PATCH, delayed update, [`EmulatorState::replace_card`]).
    pub updates: u32,
}

/// The stored text is JSON the emulator wrote itself, so it always parses back.
pub(crate) fn card_value(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

impl From<&Stored> for RecordedMessage {
    fn from(stored: &Stored) -> Self {
        let head = &stored.head;
        Self {
            message_id: head.message_id.clone(),
            chat_id: head.chat_id.clone(),
            receive_id_type: head.receive_id_type.clone(),
            receive_id: head.receive_id.clone(),
            msg_type: head.msg_type.clone(),
            card: card_value(&stored.card),
            personal_cards: stored
                .personal_cards
                .iter()
                .map(|(user, card)| (user.clone(), card_value(card)))
                .collect(),
            uuid: head.uuid.clone(),
            parent_id: head.parent_id.clone(),
            root_id: head.root_id.clone(),
            thread_id: head.thread_id.clone(),
            create_time: head.create_time,
            update_time: stored.update_time,
            updates: stored.updates,
        }
    }
}

/// Counters for what the emulator did, for tests and benchmarks.
///
/// ```
/// # async fn run() -> std::io::Result<()> {
/// let emulator = card_emulator::Emulator::start().await?;
/// assert_eq!(emulator.stats().messages_created, 0);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Stats {
    /// Distinct tenant access tokens issued.
    pub tokens_issued: u64,
    /// Token requests answered (including reuse of the current token).
    pub token_requests: u64,
    /// Open API calls received with any token (send, reply, PATCH, delayed update, and the
    /// image, contact, batch, urgent, ephemeral and reaction calls), whatever their outcome.
    pub api_requests: u64,
    /// Messages created (sends, replies, webhook posts).
    pub messages_created: u64,
    /// Sends or replies answered from the `uuid` dedupe table instead of creating a message.
    pub duplicates_suppressed: u64,
    /// Requests refused by the per-app limits (429 / 99991400).
    pub app_rate_limited: u64,
    /// Requests refused by a per-chat, per-user, per-message or webhook limit.
    pub target_rate_limited: u64,
    /// Requests refused for a bad or expired token.
    pub token_rejected: u64,
    /// Calls spoiled by injected faults, all kinds together.
    pub faults_injected: u64,
    /// Calls spoiled by injected faults, by kind.
    pub faults: FaultCounts,
    /// Cards replaced by PATCH or delayed update.
    pub cards_updated: u64,
    /// Recorded messages forgotten to stay within [`Capacity::messages`].
    pub messages_evicted: u64,
    /// `uuid`s forgotten to stay within [`Capacity::uuids`].
    pub uuids_evicted: u64,
}

#[derive(Debug)]
pub(crate) struct CallbackToken {
    pub(crate) message_id: String,
    pub(crate) expires_at: Duration,
    pub(crate) uses_left: u32,
}

#[derive(Debug)]
pub(crate) struct Hook {
    pub(crate) secret: Option<Secret>,
    pub(crate) chat_id: String,
    pub(crate) per_second: Window,
    pub(crate) per_minute: Window,
}

#[derive(Debug)]
pub(crate) struct Inner {
    /// Live tenant tokens and their expiry, oldest first.
    pub(crate) tokens: Fifo<Duration>,
    pub(crate) current_token: Option<String>,
    pub(crate) messages: Fifo<Stored>,
    pub(crate) uuids: Fifo<FirstAnswer>,
    pub(crate) app_second: Window,
    pub(crate) app_minute: Window,
    pub(crate) targets: WindowsByKey,
    pub(crate) callback_tokens: Fifo<CallbackToken>,
    pub(crate) hooks: HashMap<String, Hook>,
    /// One p2p chat per user id, bounded like the messages: a user whose mapping was
    /// forgotten gets a new chat id, which only matters past that many distinct users.
    pub(crate) p2p_chats: Fifo<String>,
    pub(crate) faults: Pending,
    pub(crate) stats: Stats,
    pub(crate) next_id: u64,
}

/// Everything the emulator knows, shared by its routes and its owner.
///
/// Routes added with [`EmulatorBuilder::route`](crate::EmulatorBuilder::route) get it as
/// axum `State<Arc<EmulatorState>>`; tests reach it through the [`Emulator`](crate::Emulator)
/// handle.
///
/// ```
/// # async fn run() -> std::io::Result<()> {
/// let emulator = card_emulator::Emulator::start().await?;
/// let state: &card_emulator::EmulatorState = &emulator;
/// assert!(state.messages().is_empty());
/// # Ok(()) }
/// ```
pub struct EmulatorState {
    pub(crate) app_id: String,
    pub(crate) app_secret: Secret,
    pub(crate) token_ttl: Duration,
    pub(crate) limits: Limits,
    pub(crate) clock: Clock,
    pub(crate) inner: Mutex<Inner>,
    /// Users, chats, images and the other Open API records (`directory`).
    pub(crate) directory: Mutex<crate::directory::Directory>,
    pub(crate) gateway: crate::gateway::Gateway,
    /// CardKit card entities (`cardkit`); never locked while `inner` is wanted.
    pub(crate) cardkit: Mutex<crate::cardkit::CardKit>,
}

impl fmt::Debug for EmulatorState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The recorded state holds the tokens it issued and the hooks' secrets: left out.
        f.debug_struct("EmulatorState")
            .field("app_id", &self.app_id)
            .field("app_secret", &self.app_secret)
            .field("token_ttl", &self.token_ttl)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

/// What [`EmulatorState::new`] needs, as the builder collected it.
pub(crate) struct Config {
    pub(crate) app_id: String,
    pub(crate) app_secret: Secret,
    pub(crate) token_ttl: Duration,
    pub(crate) limits: Limits,
    pub(crate) capacity: Capacity,
    pub(crate) clock: Clock,
    pub(crate) hooks: Vec<(String, Option<Secret>)>,
}

impl EmulatorState {
    pub(crate) fn new(config: Config) -> Self {
        let Config {
            app_id,
            app_secret,
            token_ttl,
            limits,
            capacity,
            clock,
            hooks,
        } = config;
        let second = Duration::from_secs(1);
        let minute = Duration::from_secs(60);
        let mut inner = Inner {
            tokens: Fifo::new(capacity.tenant_tokens),
            current_token: None,
            messages: Fifo::new(capacity.messages),
            uuids: Fifo::new(capacity.uuids),
            app_second: Window::new(limits.app_per_second, second),
            app_minute: Window::new(limits.app_per_minute, minute),
            targets: WindowsByKey::default(),
            callback_tokens: Fifo::new(capacity.callback_tokens),
            hooks: HashMap::new(),
            p2p_chats: Fifo::new(capacity.messages),
            faults: Pending::default(),
            stats: Stats::default(),
            next_id: 0,
        };
        for (token, secret) in hooks {
            let chat_id = format!("oc_hook_{}", inner.next_hex());
            let hook = Hook {
                secret,
                chat_id,
                per_second: Window::new(limits.webhook_per_second, second),
                per_minute: Window::new(limits.webhook_per_minute, minute),
            };
            inner.hooks.insert(token, hook);
        }
        Self {
            app_id,
            app_secret,
            token_ttl,
            limits,
            clock,
            inner: Mutex::new(inner),
            directory: Mutex::default(),
            gateway: crate::gateway::Gateway::new(),
            cardkit: Mutex::default(),
        }
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panicking test thread must not wedge every later request.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The app id the token endpoint accepts.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// assert_eq!(emulator.app_id(), card_emulator::DEFAULT_APP_ID);
    /// # Ok(()) }
    /// ```
    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// The app secret the token endpoint accepts.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// let client = card_runtime::Client::builder(emulator.app_id(), emulator.app_secret())
    ///     .base_url(emulator.url())
    ///     .build();
    /// # Ok(()) }
    /// ```
    pub fn app_secret(&self) -> &str {
        self.app_secret.expose()
    }

    /// The emulator's clock: advance it to expire tokens, windows and callback tokens.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// emulator.clock().advance(std::time::Duration::from_secs(7200));
    /// # Ok(()) }
    /// ```
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Every message still recorded (see [`Capacity::messages`]), oldest first.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// assert!(emulator.messages().is_empty());
    /// # Ok(()) }
    /// ```
    pub fn messages(&self) -> Vec<RecordedMessage> {
        let messages: Vec<RecordedMessage> = self
            .lock()
            .messages
            .values()
            .map(RecordedMessage::from)
            .collect();
        messages
            .into_iter()
            .map(|m| self.current_entity(m))
            .collect()
    }

    /// One message by id.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// assert!(emulator.message("om_missing").is_none());
    /// # Ok(()) }
    /// ```
    pub fn message(&self, message_id: &str) -> Option<RecordedMessage> {
        let message = self
            .lock()
            .messages
            .get(message_id)
            .map(RecordedMessage::from);
        message.map(|m| self.current_entity(m))
    }

    /// A message sent by `card_id` shows the entity's current JSON.
    fn current_entity(&self, mut message: RecordedMessage) -> RecordedMessage {
        if message.card["type"] == "card" {
            if let Some(card) = message.card["data"]["card_id"]
                .as_str()
                .and_then(|card_id| self.entity_card(card_id))
            {
                message.card = card;
            }
        }
        message
    }

    /// What happened so far.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// assert_eq!(emulator.stats().tokens_issued, 0);
    /// # Ok(()) }
    /// ```
    pub fn stats(&self) -> Stats {
        self.lock().stats.clone()
    }

    /// Approximate heap bytes held by the recorded messages and `uuid` entries (texts and ids;
    /// a card shared by a message and its `uuid` entry counts once): the figure the memory
    /// benchmark prints next to the process's RSS.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// assert_eq!(emulator.stored_bytes(), 0);
    /// # Ok(()) }
    /// ```
    pub fn stored_bytes(&self) -> usize {
        let inner = self.lock();
        let messages: usize = inner.messages.values().map(Stored::heap_bytes).sum();
        let uuids: usize = inner
            .uuids
            .values()
            .map(|answer| {
                let shared = inner
                    .messages
                    .get(&answer.head.message_id)
                    .is_some_and(|m| std::sync::Arc::ptr_eq(&m.card, &answer.card));
                std::mem::size_of::<FirstAnswer>()
                    + answer.head.uuid.as_ref().map_or(0, String::len)
                    + if shared { 0 } else { answer.card.len() }
            })
            .sum();
        messages + uuids
    }

    /// Replaces a recorded message's card, as a user's click answered with a new card would.
    /// Returns `false` when no such message exists.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// assert!(!emulator.replace_card("om_missing", serde_json::json!({})));
    /// # Ok(()) }
    /// ```
    pub fn replace_card(&self, message_id: &str, card: Value) -> bool {
        let now = self.now_ms();
        let mut inner = self.lock();
        let Some(message) = inner.messages.get_mut(message_id) else {
            return false;
        };
        message.card = card.to_string().into();
        message.updates += 1;
        message.update_time = now;
        true
    }

    /// The legacy callback's current `X-Refresh-Token` for a message.
    pub(crate) fn refresh_token(&self, message_id: &str) -> Option<String> {
        let inner = self.lock();
        Some(inner.messages.get(message_id)?.refresh_token.clone())
    }

    /// A click on the message was answered: the next click gets a new refresh token.
    pub(crate) fn rotate_refresh_token(&self, message_id: &str) {
        if let Some(message) = self.lock().messages.get_mut(message_id) {
            message.refresh_token = crate::store::fresh_refresh_token();
        }
    }

    /// Invalidates every tenant access token, as a secret rotation would: the next call with
    /// an old token gets 99991663.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// emulator.revoke_tokens();
    /// # Ok(()) }
    /// ```
    pub fn revoke_tokens(&self) {
        let mut inner = self.lock();
        inner.tokens.clear();
        inner.current_token = None;
    }

    /// Spoils the next `calls` Open API calls with `fault` (replacing what was pending for
    /// that kind; 0 clears it). When several kinds are pending, the ones that skip
    /// processing come first, in the order of [`Fault`]'s variants.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// emulator.inject(card_emulator::Fault::Code { code: 230_020 }, 2);
    /// # Ok(()) }
    /// ```
    pub fn inject(&self, fault: Fault, calls: u32) {
        self.lock().faults.set(fault, calls);
    }

    /// Fails the next `calls` Open API calls with HTTP `status` (a 5xx; anything else becomes
    /// 500) without processing them: [`Fault::Fail`].
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// emulator.fail_next(2, 503);
    /// # Ok(()) }
    /// ```
    pub fn fail_next(&self, calls: u32, status: u16) {
        // Only server errors are faults; anything else would be a different API contract.
        let status = if (500..600).contains(&status) {
            status
        } else {
            500
        };
        self.inject(Fault::Fail { status }, calls);
    }

    /// Processes the next `calls` Open API calls but cuts the connection instead of answering:
    /// the message exists, the client never hears so ([`Fault::Drop`]).
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// emulator.drop_next(1);
    /// # Ok(()) }
    /// ```
    pub fn drop_next(&self, calls: u32) {
        self.inject(Fault::Drop, calls);
    }

    /// Processes the next `calls` Open API calls, then waits `delay` before answering
    /// ([`Fault::Delay`]).
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// emulator.delay_next(1, std::time::Duration::from_millis(300));
    /// # Ok(()) }
    /// ```
    pub fn delay_next(&self, calls: u32, delay: Duration) {
        self.inject(Fault::Delay(delay), calls);
    }

    /// The fault for the call now arriving, consuming one, counted in the stats.
    pub(crate) fn take_fault(&self) -> Option<Fault> {
        let mut inner = self.lock();
        let fault = inner.faults.take()?;
        inner.stats.faults_injected += 1;
        inner.stats.faults.count(fault);
        Some(fault)
    }

    pub(crate) fn now_ms(&self) -> u64 {
        u64::try_from(self.clock.now().as_millis()).unwrap_or(u64::MAX)
    }
}

impl Inner {
    pub(crate) fn next_hex(&mut self) -> String {
        self.next_id += 1;
        format!("{:016x}", self.next_id)
    }

    /// The chat a receiver's messages land in: the chat itself, or one p2p chat per user id.
    pub(crate) fn chat_for(&mut self, receive_id_type: &str, receive_id: &str) -> String {
        if receive_id_type == "chat_id" {
            return receive_id.to_owned();
        }
        let key = format!("{receive_id_type}:{receive_id}");
        if let Some(chat) = self.p2p_chats.get(&key) {
            return chat.clone();
        }
        let chat = format!("oc_p2p_{}", self.next_hex());
        self.p2p_chats.insert(key, chat.clone());
        chat
    }

    /// Records a message, forgetting the oldest beyond capacity.
    pub(crate) fn record(&mut self, stored: Stored) {
        let id = stored.head.message_id.clone();
        self.stats.messages_created += 1;
        self.stats.messages_evicted += self.messages.insert(id, stored);
    }
}
