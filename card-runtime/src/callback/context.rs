//! What a handler gets besides its typed value: the click or event, typed extractors, and a
//! place to defer work until after the answer.

use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::handler::BoxFuture;
use super::{CallbackError, CardAction, Envelope, Operator};

/// Work a handler asked to run after its answer has been sent (see [`ActionContext::defer`]).
///
/// ```
/// use card_runtime::callback::Deferred;
/// assert!(Deferred::default().is_empty());
/// ```
#[derive(Default)]
pub struct Deferred(Vec<BoxFuture<()>>);

impl Deferred {
    /// Whether nothing was deferred.
    ///
    /// ```
    /// # use card_runtime::callback::Deferred;
    /// assert_eq!(Deferred::default().len(), 0);
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many tasks were deferred.
    ///
    /// ```
    /// # use card_runtime::callback::Deferred;
    /// assert!(Deferred::default().is_empty());
    /// ```
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Runs the deferred tasks one after the other, in the order they were deferred. Call it
    /// only once the answer has gone out: Feishu reverts a delayed update made before
    /// (reference §3.6).
    ///
    /// ```
    /// # use card_runtime::callback::Deferred;
    /// let done = Deferred::default().run(); // a future; spawn it after responding
    /// ```
    pub async fn run(self) {
        for task in self.0 {
            task.await;
        }
    }
}

impl fmt::Debug for Deferred {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Deferred")
            .field("tasks", &self.0.len())
            .finish()
    }
}

/// What a handler knows about the click besides its typed value.
///
/// ```
/// use card_runtime::callback::{ActionContext, CardAction};
///
/// let action = CardAction::from_legacy_slice(
///     br#"{"open_id":"ou_1","open_message_id":"om_1","token":"c-1","action":{"tag":"select_static","option":"james"}}"#,
/// ).unwrap();
/// let cx = ActionContext::new(action);
/// assert_eq!(cx.operator().open_id, "ou_1");
/// assert_eq!(cx.option(), Some("james"));
/// assert_eq!(cx.token(), "c-1");
/// ```
#[derive(Clone)]
pub struct ActionContext {
    action: Arc<CardAction>,
    deferred: Deferrals,
}

/// The tasks handlers defer, shared by the context clones of one delivery.
#[derive(Clone, Default)]
pub(crate) struct Deferrals(Arc<Mutex<Vec<BoxFuture<()>>>>);

impl Deferrals {
    fn push(&self, task: impl Future<Output = ()> + Send + 'static) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(Box::pin(task));
    }

    pub(crate) fn take(&self) -> Deferred {
        Deferred(std::mem::take(
            &mut *self.0.lock().unwrap_or_else(PoisonError::into_inner),
        ))
    }
}

impl fmt::Debug for ActionContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ActionContext")
            .field("action", &self.action)
            .finish_non_exhaustive()
    }
}

impl ActionContext {
    /// A context for one click (the router makes these; tests may too).
    ///
    /// ```
    /// # use card_runtime::callback::{ActionContext, CardAction};
    /// let action = CardAction::from_legacy_slice(br#"{"action":{"tag":"button"}}"#).unwrap();
    /// let cx = ActionContext::new(action);
    /// ```
    pub fn new(action: CardAction) -> Self {
        Self {
            action: Arc::new(action),
            deferred: Deferrals::default(),
        }
    }

    /// The whole decoded click.
    ///
    /// ```
    /// # use card_runtime::callback::{ActionContext, CardAction};
    /// # let cx = ActionContext::new(CardAction::from_legacy_slice(br#"{"action":{"tag":"button"}}"#).unwrap());
    /// assert_eq!(cx.action().action.tag, "button");
    /// ```
    pub fn action(&self) -> &CardAction {
        &self.action
    }

    /// The callback envelope that delivered the click.
    ///
    /// ```
    /// # use card_runtime::callback::{ActionContext, CardAction, Envelope};
    /// # let cx = ActionContext::new(CardAction::from_legacy_slice(br#"{}"#).unwrap());
    /// assert_eq!(cx.envelope(), Envelope::Legacy);
    /// ```
    pub fn envelope(&self) -> Envelope {
        self.action.envelope
    }

    /// Who clicked.
    ///
    /// ```
    /// # use card_runtime::callback::{ActionContext, CardAction};
    /// # let cx = ActionContext::new(CardAction::from_legacy_slice(br#"{"open_id":"ou_1"}"#).unwrap());
    /// assert_eq!(cx.operator().open_id, "ou_1");
    /// ```
    pub fn operator(&self) -> &Operator {
        &self.action.operator
    }

    /// The card's message id (`om_…`).
    ///
    /// ```
    /// # use card_runtime::callback::{ActionContext, CardAction};
    /// # let cx = ActionContext::new(CardAction::from_legacy_slice(br#"{"open_message_id":"om_1"}"#).unwrap());
    /// assert_eq!(cx.open_message_id(), "om_1");
    /// ```
    pub fn open_message_id(&self) -> &str {
        &self.action.open_message_id
    }

    /// The card's chat id (`oc_…`), when Feishu sends it.
    ///
    /// ```
    /// # use card_runtime::callback::{ActionContext, CardAction};
    /// # let cx = ActionContext::new(CardAction::from_legacy_slice(br#"{"open_chat_id":"oc_1"}"#).unwrap());
    /// assert_eq!(cx.open_chat_id(), Some("oc_1"));
    /// ```
    pub fn open_chat_id(&self) -> Option<&str> {
        self.action.open_chat_id.as_deref()
    }

    /// The delayed-update token (`c-…`): pass it to the client's delayed update from a
    /// [`defer`](Self::defer)red task.
    ///
    /// ```
    /// # use card_runtime::callback::{ActionContext, CardAction};
    /// # let cx = ActionContext::new(CardAction::from_legacy_slice(br#"{"token":"c-1"}"#).unwrap());
    /// assert_eq!(cx.token(), "c-1");
    /// ```
    pub fn token(&self) -> &str {
        &self.action.token
    }

    /// The component's raw `value`.
    ///
    /// ```
    /// # use card_runtime::callback::{ActionContext, CardAction};
    /// # let cx = ActionContext::new(CardAction::from_legacy_slice(br#"{"action":{"value":"v"}}"#).unwrap());
    /// assert_eq!(cx.value(), "v");
    /// ```
    pub fn value(&self) -> &Value {
        &self.action.action.value
    }

    /// A single-select, overflow or picker result.
    ///
    /// ```
    /// # use card_runtime::callback::{ActionContext, CardAction};
    /// # let cx = ActionContext::new(CardAction::from_legacy_slice(br#"{"action":{"option":"a"}}"#).unwrap());
    /// assert_eq!(cx.option(), Some("a"));
    /// ```
    pub fn option(&self) -> Option<&str> {
        self.action.action.option.as_deref()
    }

    /// A multi-select result.
    ///
    /// ```
    /// # use card_runtime::callback::{ActionContext, CardAction};
    /// # let cx = ActionContext::new(CardAction::from_legacy_slice(br#"{"action":{"options":["a","b"]}}"#).unwrap());
    /// assert_eq!(cx.options().unwrap().len(), 2);
    /// ```
    pub fn options(&self) -> Option<&[String]> {
        self.action.action.options.as_deref()
    }

    /// A standalone input's text.
    ///
    /// ```
    /// # use card_runtime::callback::{ActionContext, CardAction};
    /// # let cx = ActionContext::new(CardAction::from_legacy_slice(br#"{"action":{"input_value":"hi"}}"#).unwrap());
    /// assert_eq!(cx.input_value(), Some("hi"));
    /// ```
    pub fn input_value(&self) -> Option<&str> {
        self.action.action.input_value.as_deref()
    }

    /// A standalone checker's state.
    ///
    /// ```
    /// # use card_runtime::callback::{ActionContext, CardAction};
    /// # let cx = ActionContext::new(CardAction::from_legacy_slice(br#"{"action":{"checked":true}}"#).unwrap());
    /// assert_eq!(cx.checked(), Some(true));
    /// ```
    pub fn checked(&self) -> Option<bool> {
        self.action.action.checked
    }

    /// The form's fields when a form submit button was clicked.
    ///
    /// ```
    /// # use card_runtime::callback::{ActionContext, CardAction};
    /// # let cx = ActionContext::new(CardAction::from_legacy_slice(br#"{"action":{"form_value":{"a":"1"}}}"#).unwrap());
    /// assert_eq!(cx.form_value().unwrap()["a"], "1");
    /// ```
    pub fn form_value(&self) -> Option<&Map<String, Value>> {
        self.action.action.form_value.as_ref()
    }

    /// The form's fields as `F`, a struct whose field names are the form components' `name`s
    /// (a multi-select gives a `Vec<String>`, a checker a `bool`, other components a string).
    ///
    /// # Errors
    ///
    /// [`CallbackError::Form`] when the click is not a form submit, or the values do not fit
    /// `F`; it names the field, never what the user typed.
    ///
    /// ```
    /// use card_runtime::callback::{ActionContext, CardAction};
    /// use serde::Deserialize;
    ///
    /// #[derive(Deserialize)]
    /// struct Deploy { reason: String, envs: Vec<String>, notify: Option<bool> }
    ///
    /// let cx = ActionContext::new(CardAction::from_legacy_slice(
    ///     br#"{"action":{"tag":"button","form_value":{"reason":"hotfix","envs":["prod"]}}}"#,
    /// ).unwrap());
    /// let form: Deploy = cx.form().unwrap();
    /// assert_eq!((form.reason.as_str(), form.envs.len(), form.notify), ("hotfix", 1, None));
    /// ```
    pub fn form<F: DeserializeOwned>(&self) -> Result<F, CallbackError> {
        let expected = std::any::type_name::<F>();
        let Some(fields) = self.form_value() else {
            return Err(CallbackError::Form {
                path: String::new(),
                expected,
                missing: None,
            });
        };
        // Form values are small (a few fields); the copy buys serde's error path.
        let fields = Value::Object(fields.clone());
        serde_path_to_error::deserialize(&fields).map_err(|err| CallbackError::form(&err, expected))
    }

    /// The picker's time zone.
    ///
    /// ```
    /// # use card_runtime::callback::{ActionContext, CardAction};
    /// # let cx = ActionContext::new(CardAction::from_legacy_slice(br#"{"action":{"timezone":"Asia/Shanghai"}}"#).unwrap());
    /// assert_eq!(cx.timezone(), Some("Asia/Shanghai"));
    /// ```
    pub fn timezone(&self) -> Option<&str> {
        self.action.action.timezone.as_deref()
    }

    /// Runs `task` after the answer has been sent, e.g. a delayed card update with
    /// [`token`](Self::token) for work slower than Feishu's 3-second deadline. The axum
    /// integration spawns it once the response body has been handed to the connection; with the
    /// sans-IO core, run [`Reply::deferred`](super::Reply) yourself after responding.
    ///
    /// Call it while the handler runs: the tasks are collected when the handler returns, so a
    /// task deferred later (say, from a task the handler spawned) is dropped, never run.
    ///
    /// ```
    /// # use card_runtime::callback::{ActionContext, CardAction};
    /// # let cx = ActionContext::new(CardAction::from_legacy_slice(br#"{"token":"c-1"}"#).unwrap());
    /// let token = cx.token().to_owned();
    /// cx.defer(async move {
    ///     // client.messages().delay_update(&token, &card).await
    ///     let _ = token;
    /// });
    /// ```
    pub fn defer(&self, task: impl Future<Output = ()> + Send + 'static) {
        self.deferred.push(task);
    }

    pub(crate) fn take_deferred(&self) -> Deferred {
        self.deferred.take()
    }
}

/// The schema 2.0 envelope's `header` of an event (reference §6.2).
///
/// ```
/// use card_runtime::callback::EventHeader;
/// let header: EventHeader = serde_json::from_str(r#"{"event_id":"e1","event_type":"im.message.receive_v1"}"#).unwrap();
/// assert_eq!(header.event_type, "im.message.receive_v1");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[non_exhaustive]
pub struct EventHeader {
    /// The delivery id: every redelivery of one event carries the same one.
    #[serde(default)]
    pub event_id: String,
    /// The event type (`im.message.receive_v1`, ...).
    #[serde(default)]
    pub event_type: String,
    /// When the event happened, in milliseconds since the epoch, as Feishu writes it.
    #[serde(default)]
    pub create_time: String,
    /// The app the event is for.
    #[serde(default)]
    pub app_id: String,
    /// The tenant.
    #[serde(default)]
    pub tenant_key: String,
}

/// What an event handler knows besides the typed event: its header, and a place to defer work.
///
/// ```
/// use card_runtime::callback::{EventContext, EventHeader};
/// let cx = EventContext::new(EventHeader::default());
/// cx.defer(async {});
/// assert_eq!(cx.header().event_id, "");
/// ```
#[derive(Clone)]
pub struct EventContext {
    header: Arc<EventHeader>,
    deferred: Deferrals,
}

impl fmt::Debug for EventContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventContext")
            .field("header", &self.header)
            .finish_non_exhaustive()
    }
}

impl EventContext {
    /// A context for one event (the dispatcher makes these; tests may too).
    ///
    /// ```
    /// # use card_runtime::callback::{EventContext, EventHeader};
    /// let cx = EventContext::new(EventHeader::default());
    /// ```
    pub fn new(header: EventHeader) -> Self {
        Self {
            header: Arc::new(header),
            deferred: Deferrals::default(),
        }
    }

    /// The envelope header: event id, type, app and tenant.
    ///
    /// ```
    /// # use card_runtime::callback::{EventContext, EventHeader};
    /// # let cx = EventContext::new(EventHeader::default());
    /// assert!(cx.header().app_id.is_empty());
    /// ```
    pub fn header(&self) -> &EventHeader {
        &self.header
    }

    /// Runs `task` after the event has been acknowledged. Feishu redelivers an event not
    /// acknowledged within 3 seconds, so slow work (replying with a card, calling other
    /// services) belongs here; see [`ActionContext::defer`] for when tasks are collected.
    ///
    /// ```
    /// # use card_runtime::callback::{EventContext, EventHeader};
    /// # let cx = EventContext::new(EventHeader::default());
    /// cx.defer(async { /* client.messages().reply_card(..).send().await */ });
    /// ```
    pub fn defer(&self, task: impl Future<Output = ()> + Send + 'static) {
        self.deferred.push(task);
    }

    pub(crate) fn take_deferred(&self) -> Deferred {
        self.deferred.take()
    }
}
