//! The emulator's shared state: credentials, tokens, recorded messages, limits, faults.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

use crate::emulator::Limits;
use crate::reliability::clock::Clock;
use crate::reliability::window::{KeyedWindows, SlidingWindow};
use crate::token::Secret;

/// Feishu hands out a new token only when the current one has less than this left.
const TOKEN_REUSE_THRESHOLD: Duration = Duration::from_secs(30 * 60);
/// Callback (delayed-update) tokens: valid 30 minutes, two uses (reference §3.6).
const CALLBACK_TOKEN_LIFETIME: Duration = Duration::from_secs(30 * 60);
const CALLBACK_TOKEN_USES: u32 = 2;

/// One message the emulator accepted, as the inspection API shows it.
///
/// ```
/// # async fn run() -> std::io::Result<()> {
/// let emulator = card_runtime::emulator::Emulator::start().await?;
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

/// Counters for what the emulator did, for tests and benchmarks.
///
/// ```
/// # async fn run() -> std::io::Result<()> {
/// let emulator = card_runtime::emulator::Emulator::start().await?;
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
    /// Message API calls received with any token (send, reply, PATCH, delayed update),
    /// whatever their outcome.
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
    /// Requests failed or dropped by injected faults.
    pub faults_injected: u64,
    /// Cards replaced by PATCH or delayed update.
    pub cards_updated: u64,
}

/// Faults to inject into the next Open API calls (inspection routes are never affected).
#[derive(Clone, Debug, Default)]
pub(crate) struct Faults {
    pub(crate) fail_next: u32,
    pub(crate) fail_status: u16,
    pub(crate) drop_next: u32,
    pub(crate) delay_next: u32,
    pub(crate) delay: Duration,
}

/// What to do with one incoming call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Answer with this 5xx status without processing.
    Fail(u16),
    /// Process, then cut the connection before the response.
    Drop,
    /// Process, then wait before answering.
    Delay(Duration),
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
    pub(crate) per_second: SlidingWindow,
    pub(crate) per_minute: SlidingWindow,
}

/// The `uuid` dedupe table: each key's first answer, forgotten once its window has passed.
#[derive(Debug, Default)]
pub(crate) struct Uuids {
    answers: HashMap<String, (Duration, Value)>,
    /// Keys by insertion time, so expiry looks only at the oldest instead of the whole table
    /// on every send (which at 50 sends/s is 180 000 entries per hour-long window).
    by_time: VecDeque<(Duration, String)>,
}

impl Uuids {
    /// The answer recorded for `uuid` within `window` before `now`.
    pub(crate) fn get(&mut self, uuid: &str, now: Duration, window: Duration) -> Option<&Value> {
        while let Some((at, _)) = self.by_time.front() {
            if at.saturating_add(window) > now {
                break;
            }
            if let Some((at, key)) = self.by_time.pop_front() {
                // The key may have been recorded again since (a later answer): keep that one.
                if self
                    .answers
                    .get(&key)
                    .is_some_and(|(first, _)| *first == at)
                {
                    self.answers.remove(&key);
                }
            }
        }
        // Times are read before the state lock, so the queue can be out of order by a few
        // microseconds: the window is checked on the entry itself.
        match self.answers.get(uuid) {
            Some((at, answer)) if at.saturating_add(window) > now => Some(answer),
            _ => None,
        }
    }

    pub(crate) fn insert(&mut self, uuid: String, now: Duration, answer: Value) {
        self.by_time.push_back((now, uuid.clone()));
        self.answers.insert(uuid, (now, answer));
    }
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) tokens: HashMap<String, Duration>,
    pub(crate) current_token: Option<String>,
    pub(crate) messages: Vec<RecordedMessage>,
    pub(crate) by_id: HashMap<String, usize>,
    pub(crate) uuids: Uuids,
    pub(crate) app_second: SlidingWindow,
    pub(crate) app_minute: SlidingWindow,
    pub(crate) targets: KeyedWindows<String>,
    pub(crate) callback_tokens: HashMap<String, CallbackToken>,
    pub(crate) hooks: HashMap<String, Hook>,
    pub(crate) p2p_chats: HashMap<String, String>,
    pub(crate) faults: Faults,
    pub(crate) stats: Stats,
    pub(crate) next_id: u64,
}

/// Everything the emulator knows, shared by its routes and its owner.
///
/// Routes added with [`EmulatorBuilder::route`](crate::emulator::EmulatorBuilder::route) get
/// it as axum `State<Arc<EmulatorState>>`; tests reach it through the
/// [`Emulator`](crate::emulator::Emulator) handle.
///
/// ```
/// # async fn run() -> std::io::Result<()> {
/// let emulator = card_runtime::emulator::Emulator::start().await?;
/// let state: &card_runtime::emulator::EmulatorState = &emulator;
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

impl EmulatorState {
    pub(crate) fn new(
        app_id: String,
        app_secret: Secret,
        token_ttl: Duration,
        limits: Limits,
        clock: Clock,
        hooks: Vec<(String, Option<Secret>)>,
    ) -> Self {
        let mut inner = Inner {
            tokens: HashMap::new(),
            current_token: None,
            messages: Vec::new(),
            by_id: HashMap::new(),
            uuids: Uuids::default(),
            app_second: SlidingWindow::new(limits.app_per_second, Duration::from_secs(1)),
            app_minute: SlidingWindow::new(limits.app_per_minute, Duration::from_secs(60)),
            targets: KeyedWindows::default(),
            callback_tokens: HashMap::new(),
            hooks: HashMap::new(),
            p2p_chats: HashMap::new(),
            faults: Faults::default(),
            stats: Stats::default(),
            next_id: 0,
        };
        for (token, secret) in hooks {
            let chat_id = format!("oc_hook_{}", inner.next_hex());
            inner.hooks.insert(
                token,
                Hook {
                    secret,
                    chat_id,
                    per_second: SlidingWindow::new(
                        limits.webhook_per_second,
                        Duration::from_secs(1),
                    ),
                    per_minute: SlidingWindow::new(
                        limits.webhook_per_minute,
                        Duration::from_secs(60),
                    ),
                },
            );
        }
        Self {
            app_id,
            app_secret,
            token_ttl,
            limits,
            clock,
            inner: Mutex::new(inner),
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
    /// let emulator = card_runtime::emulator::Emulator::start().await?;
    /// assert_eq!(emulator.app_id(), card_runtime::emulator::DEFAULT_APP_ID);
    /// # Ok(()) }
    /// ```
    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// The app secret the token endpoint accepts.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_runtime::emulator::Emulator::start().await?;
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
    /// let emulator = card_runtime::emulator::Emulator::start().await?;
    /// emulator.clock().advance(std::time::Duration::from_secs(7200));
    /// # Ok(()) }
    /// ```
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Every message accepted so far, in order.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_runtime::emulator::Emulator::start().await?;
    /// assert!(emulator.messages().is_empty());
    /// # Ok(()) }
    /// ```
    pub fn messages(&self) -> Vec<RecordedMessage> {
        self.lock().messages.clone()
    }

    /// One message by id.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_runtime::emulator::Emulator::start().await?;
    /// assert!(emulator.message("om_missing").is_none());
    /// # Ok(()) }
    /// ```
    pub fn message(&self, message_id: &str) -> Option<RecordedMessage> {
        let inner = self.lock();
        inner
            .by_id
            .get(message_id)
            .map(|&i| inner.messages[i].clone())
    }

    /// What happened so far.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_runtime::emulator::Emulator::start().await?;
    /// assert_eq!(emulator.stats().tokens_issued, 0);
    /// # Ok(()) }
    /// ```
    pub fn stats(&self) -> Stats {
        self.lock().stats.clone()
    }

    /// Replaces a recorded message's card, as a user's click answered with a new card would.
    /// Returns `false` when no such message exists.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_runtime::emulator::Emulator::start().await?;
    /// assert!(!emulator.replace_card("om_missing", serde_json::json!({})));
    /// # Ok(()) }
    /// ```
    pub fn replace_card(&self, message_id: &str, card: Value) -> bool {
        let now = self.now_ms();
        let mut inner = self.lock();
        let Some(&index) = inner.by_id.get(message_id) else {
            return false;
        };
        let message = &mut inner.messages[index];
        message.card = card;
        message.updates += 1;
        message.update_time = now;
        true
    }

    /// Issues a delayed-update token (`c-…`, 30 minutes, two uses) for a message, as Feishu
    /// does in a card callback. Returns `None` when no such message exists.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_runtime::emulator::Emulator::start().await?;
    /// assert!(emulator.issue_callback_token("om_missing").is_none());
    /// # Ok(()) }
    /// ```
    pub fn issue_callback_token(&self, message_id: &str) -> Option<String> {
        let now = self.clock.now();
        let mut inner = self.lock();
        inner.by_id.get(message_id)?;
        // Expired tokens answer 300030 like unknown ones, so they need not be kept.
        inner
            .callback_tokens
            .retain(|_, token| token.expires_at > now);
        let token = format!("c-{}", uuid::Uuid::new_v4().simple());
        inner.callback_tokens.insert(
            token.clone(),
            CallbackToken {
                message_id: message_id.to_owned(),
                expires_at: now + CALLBACK_TOKEN_LIFETIME,
                uses_left: CALLBACK_TOKEN_USES,
            },
        );
        Some(token)
    }

    /// Invalidates every tenant access token, as a secret rotation would: the next call with
    /// an old token gets 99991663.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_runtime::emulator::Emulator::start().await?;
    /// emulator.revoke_tokens();
    /// # Ok(()) }
    /// ```
    pub fn revoke_tokens(&self) {
        let mut inner = self.lock();
        inner.tokens.clear();
        inner.current_token = None;
    }

    /// Fails the next `calls` Open API calls with HTTP `status` (5xx) without processing them.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_runtime::emulator::Emulator::start().await?;
    /// emulator.fail_next(2, 503);
    /// # Ok(()) }
    /// ```
    pub fn fail_next(&self, calls: u32, status: u16) {
        let mut inner = self.lock();
        inner.faults.fail_next = calls;
        // Only server errors are faults; anything else would be a different API contract.
        inner.faults.fail_status = if (500..600).contains(&status) {
            status
        } else {
            500
        };
    }

    /// Processes the next `calls` Open API calls but cuts the connection instead of answering:
    /// the message exists, the client never hears so.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_runtime::emulator::Emulator::start().await?;
    /// emulator.drop_next(1);
    /// # Ok(()) }
    /// ```
    pub fn drop_next(&self, calls: u32) {
        self.lock().faults.drop_next = calls;
    }

    /// Processes the next `calls` Open API calls, then waits `delay` before answering.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_runtime::emulator::Emulator::start().await?;
    /// emulator.delay_next(1, std::time::Duration::from_millis(300));
    /// # Ok(()) }
    /// ```
    pub fn delay_next(&self, calls: u32, delay: Duration) {
        let mut inner = self.lock();
        inner.faults.delay_next = calls;
        inner.faults.delay = delay;
    }

    /// The fault for the call now arriving, consuming one from the pending counts.
    pub(crate) fn take_fault(&self) -> Option<Fault> {
        let mut inner = self.lock();
        let faults = &mut inner.faults;
        let fault = if faults.fail_next > 0 {
            faults.fail_next -= 1;
            Fault::Fail(faults.fail_status)
        } else if faults.drop_next > 0 {
            faults.drop_next -= 1;
            Fault::Drop
        } else if faults.delay_next > 0 {
            faults.delay_next -= 1;
            Fault::Delay(faults.delay)
        } else {
            return None;
        };
        inner.stats.faults_injected += 1;
        Some(fault)
    }

    pub(crate) fn now_ms(&self) -> u64 {
        u64::try_from(self.clock.now().as_millis()).unwrap_or(u64::MAX)
    }

    /// Issues or reuses a tenant token; returns it with its remaining lifetime in seconds.
    pub(crate) fn tenant_token(&self) -> (String, u64) {
        let now = self.clock.now();
        let mut inner = self.lock();
        inner.stats.token_requests += 1;
        inner.tokens.retain(|_, expires_at| *expires_at > now);
        if let Some(current) = inner.current_token.clone() {
            if let Some(&expires_at) = inner.tokens.get(&current) {
                let left = expires_at.saturating_sub(now);
                if left >= TOKEN_REUSE_THRESHOLD {
                    return (current, left.as_secs());
                }
            }
        }
        let token = format!("t-{}", uuid::Uuid::new_v4().simple());
        // Saturating: `--token-ttl` takes any number of seconds.
        inner
            .tokens
            .insert(token.clone(), now.saturating_add(self.token_ttl));
        inner.current_token = Some(token.clone());
        inner.stats.tokens_issued += 1;
        (token, self.token_ttl.as_secs())
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
}
