//! The emulator as the user: clicking a button of a recorded card posts the callback Feishu
//! would send to the app, and applies the app's answer to the stored card.

use std::collections::VecDeque;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

use crate::callback::{
    AppSecrets, ClickFacts, Generation, Signed, click_request, url_verification, v2_body,
};
use crate::interact::Click;
use crate::play::play;
use crate::post;
use crate::secret::Secret;
use crate::state::EmulatorState;

/// Feishu's client error for a callback answered with a non-200 status (reference §6.6).
const ERR_NOT_200: i64 = 200_671;
/// ... for a malformed answer body.
const ERR_BAD_BODY: i64 = 200_672;
/// ... for an answer whose card is invalid.
const ERR_BAD_CARD: i64 = 200_673;
/// ... for an answer that would turn a 2.0 card into a 1.0 one.
const ERR_DOWNGRADE: i64 = crate::ops::ERR_DOWNGRADE;
/// ... for an unreachable callback URL or a timeout.
const ERR_UNREACHABLE: i64 = 200_341;
/// How many toasts a clicker remembers.
const MAX_TOASTS: usize = 10_000;
/// Feishu waits 3 s for the answer.
const ANSWER_DEADLINE: Duration = Duration::from_secs(3);

/// Where and how the emulator calls the app back.
///
/// ```
/// use card_emulator::{CallbackApp, Generation};
///
/// let app = CallbackApp::new("http://127.0.0.1:3000/callback", "v-token")
///     .encrypt_key("e-key")
///     .generation(Generation::V2)
///     .encrypted(true);
/// assert!(!format!("{app:?}").contains("v-token"));
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct CallbackApp {
    url: String,
    pub(crate) secrets: AppSecrets,
    generation: Generation,
    pub(crate) encrypted: bool,
}

impl CallbackApp {
    /// The app's callback URL and Verification Token. Default: new-style callbacks
    /// (`card.action.trigger`), encrypted once an Encrypt Key is set.
    ///
    /// ```
    /// # use card_emulator::CallbackApp;
    /// let app = CallbackApp::new("http://127.0.0.1:3000/callback", "v-token");
    /// ```
    pub fn new(url: impl Into<String>, verification_token: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            secrets: AppSecrets {
                verification_token: Secret::new(verification_token),
                encrypt_key: None,
            },
            generation: Generation::V2,
            encrypted: true,
        }
    }

    /// An app that receives clicks only over the long connection (no callback URL): clicks
    /// are delivered to its connected client, and fail as unreachable (200341) while none is.
    ///
    /// ```
    /// # use card_emulator::CallbackApp;
    /// let app = CallbackApp::long_connection("v-token");
    /// ```
    pub fn long_connection(verification_token: impl Into<String>) -> Self {
        Self::new(String::new(), verification_token)
    }

    /// The app's Encrypt Key (signs new-style callbacks and encrypts bodies). Default: none.
    ///
    /// ```
    /// # use card_emulator::CallbackApp;
    /// let app = CallbackApp::new("http://127.0.0.1:3000/cb", "t").encrypt_key("k");
    /// ```
    pub fn encrypt_key(mut self, key: impl Into<String>) -> Self {
        let key = key.into();
        // The console treats an empty key as none: plaintext bodies, v2 unsigned.
        self.secrets.encrypt_key = (!key.is_empty()).then(|| Secret::new(key));
        self
    }

    /// Which generation to call with (the console's choice). Default: [`Generation::V2`].
    ///
    /// ```
    /// # use card_emulator::{CallbackApp, Generation};
    /// let app = CallbackApp::new("http://127.0.0.1:3000/cb", "t").generation(Generation::Legacy);
    /// ```
    pub fn generation(mut self, generation: impl Into<Generation>) -> Self {
        self.generation = generation.into();
        self
    }

    /// Whether to encrypt bodies when an Encrypt Key is set. Default: `true`.
    ///
    /// ```
    /// # use card_emulator::CallbackApp;
    /// let app = CallbackApp::new("http://127.0.0.1:3000/cb", "t").encrypt_key("k").encrypted(false);
    /// ```
    pub fn encrypted(mut self, encrypted: bool) -> Self {
        self.encrypted = encrypted;
        self
    }
}

/// A toast the app showed the user.
///
/// ```
/// # use card_emulator::Clicker;
/// # fn show(clicker: &Clicker) {
/// for seen in clicker.toasts() {
///     println!("{} saw {} on {}", seen.open_id, seen.toast["content"], seen.message_id);
/// }
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RecordedToast {
    /// The card's message.
    pub message_id: String,
    /// Who saw it.
    pub open_id: String,
    /// The toast JSON as the app answered it (`type`, `content`, `i18n`).
    pub toast: Value,
}

/// What happened when the emulator clicked.
///
/// ```
/// # use card_emulator::ClickOutcome;
/// # fn show(outcome: &ClickOutcome) {
/// if let Some(code) = outcome.client_error { eprintln!("the user sees error {code}"); }
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ClickOutcome {
    /// The app's HTTP status (`None` when it could not be reached in time).
    pub status: Option<u16>,
    /// The app's answer body (JSON, or a string when it was not JSON).
    pub answer: Value,
    /// The toast shown, if any.
    pub toast: Option<Value>,
    /// Whether the answer replaced the card.
    pub card_replaced: bool,
    /// The error code Feishu's client would show (200671 non-200, 200672 bad body, 200673 bad
    /// card, or a 2.0 card answered for a 1.0 one; 200830 a 1.0 card answered for a 2.0 one;
    /// 200341 unreachable), if any.
    pub client_error: Option<i64>,
    /// The delayed-update token handed to the app.
    pub token: String,
    /// The `action` object the callback carried (`tag`, `value`, `name`, `form_value`,
    /// `input_value`, `option`, `checked`, `timezone`, as the component reports them).
    pub action: Value,
}

/// Why a click could not be played.
///
/// ```
/// use card_emulator::ClickError;
/// assert_eq!(ClickError::NoSuchMessage("om_x".into()).to_string(), "no recorded message `om_x`");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClickError {
    /// The message is not recorded.
    #[error("no recorded message `{0}`")]
    NoSuchMessage(String),
    /// The card has no such button.
    #[error("the card of `{0}` has no such button")]
    NoSuchButton(String),
    /// The card has no such component.
    #[error("the card of `{message_id}` has no {wanted}")]
    NoSuchComponent {
        /// The message clicked.
        message_id: String,
        /// What was looked for (`input named `reason``).
        wanted: String,
    },
    /// The component offers no such option.
    #[error("{component} has no option `{option}`")]
    NoSuchOption {
        /// The component.
        component: String,
        /// The option asked for.
        option: String,
    },
    /// A required form field is empty: Feishu's client shows "有必填项未填写" and sends no
    /// callback.
    #[error("form `{form}`: the required field `{field}` is empty, so the client sends nothing")]
    RequiredMissing {
        /// The form's name.
        form: String,
        /// The empty field's name.
        field: String,
    },
    /// The user cannot do this on the card as it is (disabled, inside a form, no callback,
    /// a value the component does not take).
    #[error("{component}: {reason}")]
    Refused {
        /// The component.
        component: String,
        /// Why.
        reason: String,
    },
    /// The callback URL is not an absolute `http://` URL (the clicker posts to an app on
    /// this machine, without TLS).
    #[error("the callback URL `{0}` is not an http:// URL")]
    Url(String),
}

/// Plays the user against one app: clicks, URL verification, and the toasts seen so far.
///
/// ```no_run
/// use card_emulator::{Button, CallbackApp, Click, Clicker, Emulator};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let emulator = Emulator::start().await?;
/// let clicker = Clicker::new(CallbackApp::new("http://127.0.0.1:3000/cb", "v-token"))?;
/// clicker.verify_url().await?;
/// let outcome = clicker.click(&emulator, &Click::new("om_1", Button::Index(0))).await?;
/// println!("{:?}", outcome.toast);
/// # Ok(()) }
/// ```
pub struct Clicker {
    pub(crate) app: CallbackApp,
    /// `None` for a long-connection-only app.
    target: Option<post::Target>,
    /// The newest [`MAX_TOASTS`], so a long-running clicker holds bounded memory.
    toasts: Mutex<VecDeque<RecordedToast>>,
    pub(crate) sequence: AtomicU64,
}

impl fmt::Debug for Clicker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Clicker")
            .field("app", &self.app)
            .finish_non_exhaustive()
    }
}

impl Clicker {
    /// A clicker for the app at `app`.
    ///
    /// # Errors
    ///
    /// [`ClickError::Url`] when the callback URL is not an absolute `http://` URL.
    ///
    /// ```no_run
    /// # use card_emulator::{CallbackApp, Clicker};
    /// # fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let clicker = Clicker::new(CallbackApp::new("http://127.0.0.1:3000/cb", "t"))?;
    /// # Ok(()) }
    /// ```
    pub fn new(app: CallbackApp) -> Result<Arc<Self>, ClickError> {
        let target = if app.url.is_empty() {
            None
        } else {
            Some(post::Target::parse(&app.url).ok_or_else(|| ClickError::Url(app.url.clone()))?)
        };
        Ok(Arc::new(Self {
            app,
            target,
            toasts: Mutex::new(VecDeque::new()),
            sequence: AtomicU64::new(0),
        }))
    }

    /// Performs the URL verification handshake, as the console does when the callback URL is
    /// saved. Returns whether the app echoed the challenge.
    ///
    /// # Errors
    ///
    /// None today; the `Result` leaves room for transport errors to be reported separately.
    ///
    /// ```no_run
    /// # async fn run(clicker: &card_emulator::Clicker) -> Result<(), card_emulator::ClickError> {
    /// assert!(clicker.verify_url().await?);
    /// # Ok(()) }
    /// ```
    pub async fn verify_url(&self) -> Result<bool, ClickError> {
        let n = self.sequence.fetch_add(1, Ordering::Relaxed);
        let challenge = format!("challenge-{}", uuid::Uuid::new_v4().simple());
        let request = url_verification(&self.app.secrets, &challenge, iv(n));
        let Some((status, answer)) = self.post(request).await else {
            return Ok(false);
        };
        Ok(status == 200 && answer["challenge"] == challenge.as_str())
    }

    /// Clicks a button of a card recorded by `emulator`: posts the signed (and, if configured, encrypted)
    /// callback, records the toast, and replaces the stored card with the answer's card.
    ///
    /// # Errors
    ///
    /// [`ClickError::NoSuchMessage`] / [`ClickError::NoSuchButton`]; what the app answers
    /// (errors included) is in the [`ClickOutcome`].
    ///
    /// ```no_run
    /// # use card_emulator::{Button, Click};
    /// # async fn run(clicker: &card_emulator::Clicker, emulator: &card_emulator::Emulator) -> Result<(), card_emulator::ClickError> {
    /// let outcome = clicker.click(emulator, &Click::new("om_1", Button::Index(0))).await?;
    /// assert_eq!(outcome.status, Some(200));
    /// # Ok(()) }
    /// ```
    pub async fn click(
        &self,
        emulator: &EmulatorState,
        click: &Click,
    ) -> Result<ClickOutcome, ClickError> {
        let message = emulator
            .message(&click.message_id)
            .ok_or_else(|| ClickError::NoSuchMessage(click.message_id.clone()))?;
        let open_id = click.open_id.clone().unwrap_or_else(|| {
            if message.receive_id_type == "open_id" {
                message.receive_id.clone()
            } else {
                "ou_emulator_user".to_owned()
            }
        });
        // "Not delivered for cards sent by a custom bot" (reference v2 §2.13): its buttons
        // can open links, but no app is called back.
        if message.receive_id_type == "webhook" {
            return Err(ClickError::Refused {
                component: format!("message `{}`", message.message_id),
                reason: "a custom bot's card calls no app back".to_owned(),
            });
        }
        // The user acts on the card they see: their own view after a per-user delayed update.
        let card = message
            .personal_cards
            .get(&open_id)
            .unwrap_or(&message.card);
        let action = play(&message.message_id, card, &click.action, &click.timezone)?;
        let token = emulator
            .issue_callback_token(&message.message_id)
            .ok_or_else(|| ClickError::NoSuchMessage(click.message_id.clone()))?;

        let refresh_token = emulator
            .refresh_token(&message.message_id)
            .ok_or_else(|| ClickError::NoSuchMessage(click.message_id.clone()))?;
        let n = self.sequence.fetch_add(1, Ordering::Relaxed);
        // A fresh event id per click: a second click on the same card is a new delivery,
        // which an app de-duplicating by event id must still handle.
        let event_id = uuid::Uuid::new_v4().simple().to_string();
        let facts = ClickFacts {
            app_id: emulator.app_id(),
            open_id: &open_id,
            message_id: &message.message_id,
            chat_id: &message.chat_id,
            action: &action,
            token: &token,
            event_id: &event_id,
            refresh_token: &refresh_token,
        };
        // Over the long connection: plaintext, new-style only (legacy callbacks cannot use
        // it), answered in a frame; the answer is applied exactly as over HTTP.
        if emulator.long_connections() > 0 {
            let body = v2_body(&self.app.secrets, &facts, emulator.clock().now());
            // A CardKit entity refuses writes (200810) while its click is being answered.
            let held = emulator.hold_entity_of(&message.message_id);
            let delivered = emulator.deliver_ws(body.to_string().as_bytes()).await;
            drop(held);
            if let Some(delivered) = delivered {
                let answered = Answered {
                    message_id: &message.message_id,
                    shown: card,
                    open_id: &open_id,
                    generation: Generation::V2,
                    token,
                    action: action.clone(),
                };
                return Ok(match delivered.status {
                    Some(status) => self.apply(emulator, answered, status, delivered.answer),
                    None => unreachable_outcome(answered.token, answered.action),
                });
            }
        }
        let generation = click.generation.unwrap_or(self.app.generation);
        let nonce = uuid::Uuid::new_v4().simple().to_string();
        let request = click_request(
            &self.app.secrets,
            generation,
            &facts,
            self.app.encrypted,
            emulator.clock().now(),
            &nonce,
            iv(n),
        );
        // A CardKit entity refuses writes (200810) while its click is being answered.
        let held = emulator.hold_entity_of(&message.message_id);
        let posted = self.post(request).await;
        drop(held);
        let Some((status, answer)) = posted else {
            return Ok(unreachable_outcome(token, action));
        };
        let answered = Answered {
            message_id: &message.message_id,
            shown: card,
            open_id: &open_id,
            generation,
            token,
            action,
        };
        Ok(self.apply(emulator, answered, status, answer))
    }

    /// The toasts the app has shown so far (the newest 10,000), oldest first.
    ///
    /// ```no_run
    /// # fn run(clicker: &card_emulator::Clicker) {
    /// for toast in clicker.toasts() { println!("{}: {}", toast.open_id, toast.toast["content"]); }
    /// # }
    /// ```
    pub fn toasts(&self) -> Vec<RecordedToast> {
        self.toasts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .cloned()
            .collect()
    }

    pub(crate) async fn post(&self, request: Signed) -> Option<(u16, Value)> {
        let (status, bytes) = post::post(
            self.target.as_ref()?,
            &request.headers,
            request.body,
            ANSWER_DEADLINE,
        )
        .await?;
        let answer = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
        Some((status, answer))
    }

    fn apply(
        &self,
        emulator: &EmulatorState,
        answered: Answered<'_>,
        status: u16,
        answer: Value,
    ) -> ClickOutcome {
        let Answered {
            message_id,
            shown,
            open_id,
            generation,
            token,
            action,
        } = answered;
        let mut outcome = ClickOutcome {
            status: Some(status),
            answer: answer.clone(),
            toast: None,
            card_replaced: false,
            client_error: None,
            token,
            action,
        };
        if status != 200 {
            outcome.client_error = Some(ERR_NOT_200);
            return outcome;
        }
        let Value::Object(mut body) = answer else {
            outcome.client_error = Some(ERR_BAD_BODY);
            return outcome;
        };
        // The Python SDK answers `{"msg":"success"}` when the handler returns nothing; Feishu
        // treats any 200 JSON object without toast/card as "nothing".
        body.remove("msg");
        let toast = body.remove("toast");
        let card = match generation {
            Generation::V2 => match body.remove("card") {
                Some(card) if card["type"] == "raw" => Some(card["data"].clone()),
                Some(card) if card["type"] == "template" => Some(card),
                Some(_) => {
                    outcome.client_error = Some(ERR_BAD_CARD);
                    return outcome;
                }
                None => None,
            },
            // Legacy answers put the card's own fields at the top level.
            Generation::Legacy => (!body.is_empty()).then_some(Value::Object(body)),
        };
        if let Some(card) = card {
            // "The replacement must use the same schema version as the sent card" (§6.6). A
            // downgrade has its own code; for an upgrade none is documented, so the bad-card
            // code (UNCONFIRMED which one Feishu shows; refusing is the safe reading).
            if crate::ops::is_downgrade(shown, &card) {
                outcome.client_error = Some(ERR_DOWNGRADE);
                return outcome;
            }
            if crate::ops::is_downgrade(&card, shown) {
                outcome.client_error = Some(ERR_BAD_CARD);
                return outcome;
            }
            if card["type"] != "template" && !card_schema::validate(&card).errors.is_empty() {
                outcome.client_error = Some(ERR_BAD_CARD);
                return outcome;
            }
            outcome.card_replaced = emulator.replace_card(message_id, card);
        }
        if let Some(toast) = toast {
            let mut toasts = self.toasts.lock().unwrap_or_else(PoisonError::into_inner);
            if toasts.len() == MAX_TOASTS {
                toasts.pop_front();
            }
            toasts.push_back(RecordedToast {
                message_id: message_id.to_owned(),
                open_id: open_id.to_owned(),
                toast: toast.clone(),
            });
            outcome.toast = Some(toast);
        }
        // The legacy refresh token changes once a click was answered successfully (§6.3).
        emulator.rotate_refresh_token(message_id);
        outcome
    }
}

/// No answer: the URL unreachable, no client connected, or no answer within 3 s.
fn unreachable_outcome(token: String, action: Value) -> ClickOutcome {
    ClickOutcome {
        status: None,
        answer: Value::Null,
        toast: None,
        card_replaced: false,
        client_error: Some(ERR_UNREACHABLE),
        token,
        action,
    }
}

/// The click an answer belongs to.
struct Answered<'a> {
    message_id: &'a str,
    /// The card the user clicked on.
    shown: &'a Value,
    open_id: &'a str,
    generation: Generation,
    token: String,
    action: Value,
}

/// A per-request IV: unpredictability does not matter for an offline emulator, uniqueness
/// keeps two bodies with the same plaintext apart.
pub(crate) fn iv(n: u64) -> [u8; 16] {
    let mut iv = [0; 16];
    iv[..8].copy_from_slice(&n.to_le_bytes());
    iv[8..].copy_from_slice(&uuid::Uuid::new_v4().as_bytes()[..8]);
    iv
}
