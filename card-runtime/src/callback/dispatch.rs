//! The router: each click goes to the handler registered for its action value's type.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::{CallbackError, CallbackResponse, CardAction, Generation, Operator};

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;
/// A registered handler: the running answer, or why the value is not its type (for the log).
type Route =
    Box<dyn Fn(&Value, ActionContext) -> Result<BoxFuture<CallbackResponse>, String> + Send + Sync>;

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
    deferred: Arc<Mutex<Vec<BoxFuture<()>>>>,
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
            deferred: Arc::default(),
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

    /// The generation that delivered the click.
    ///
    /// ```
    /// # use card_runtime::callback::{ActionContext, CardAction, Generation};
    /// # let cx = ActionContext::new(CardAction::from_legacy_slice(br#"{}"#).unwrap());
    /// assert_eq!(cx.generation(), Generation::Legacy);
    /// ```
    pub fn generation(&self) -> Generation {
        self.action.generation
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
        self.deferred
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(Box::pin(task));
    }

    fn take_deferred(&self) -> Deferred {
        Deferred(std::mem::take(
            &mut *self.deferred.lock().unwrap_or_else(PoisonError::into_inner),
        ))
    }
}

/// Says why a click was refused `404`: which component, and serde's reason for each registered
/// type. Never the delayed-update token or what the user typed; the component `value` is the
/// app's own, so serde quoting part of it reveals nothing the app did not write.
fn no_handler(action: &CardAction, reasons: &[String]) {
    tracing::warn!(
        generation = ?action.generation,
        tag = %action.action.tag,
        name = action.action.name.as_deref().unwrap_or(""),
        open_message_id = %action.open_message_id,
        handlers = reasons.len(),
        reasons = %reasons.join("; "),
        "no callback handler accepts the clicked action's value"
    );
}

/// Sends each click to the first handler whose value type its `action.value` deserializes into.
///
/// Register the most specific types first, and make types that could overlap tell themselves
/// apart (a tagged enum, a discriminating field, or `#[serde(deny_unknown_fields)]`), because a
/// struct with only optional fields accepts almost any object.
///
/// ```
/// use card_runtime::callback::{ActionContext, CardAction, Router, Toast};
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// #[serde(tag = "action", rename_all = "snake_case")]
/// enum Approval { Approve { id: u64 }, Decline { id: u64 } }
///
/// let router = Router::new().on(|value: Approval, _cx: ActionContext| async move {
///     match value {
///         Approval::Approve { id } => Toast::success(format!("approved #{id}")),
///         Approval::Decline { id } => Toast::warning(format!("declined #{id}")),
///     }
/// });
/// let click = CardAction::from_legacy_slice(
///     br#"{"open_id":"ou_1","action":{"tag":"button","value":{"action":"approve","id":7}}}"#,
/// ).unwrap();
/// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
/// # rt.block_on(async {
/// let (answer, _deferred) = router.route(click).await.unwrap();
/// assert_eq!(answer.toast_ref().unwrap().content(), "approved #7");
/// # });
/// ```
#[derive(Default)]
pub struct Router {
    routes: Vec<Route>,
    fallback: Option<Route>,
}

impl fmt::Debug for Router {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Router")
            .field("routes", &self.routes.len())
            .field("fallback", &self.fallback.is_some())
            .finish()
    }
}

impl Router {
    /// A router with no handlers (every click is answered `404`, [`CallbackError::NoHandler`]).
    ///
    /// ```
    /// # use card_runtime::callback::Router;
    /// let router = Router::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a handler for clicks whose `action.value` deserializes as `T`.
    ///
    /// The handler answers anything that converts into [`CallbackResponse`]: `()`, a
    /// [`Toast`](super::Toast), a [`Card`](crate::Card), a [`TemplateCard`](super::TemplateCard)
    /// or a [`CallbackResponse`].
    ///
    /// ```
    /// use card_runtime::callback::{ActionContext, Router};
    ///
    /// let router = Router::new().on(|id: String, _cx: ActionContext| async move {
    ///     let _ = id; // a button whose value is a plain string
    /// });
    /// ```
    #[must_use]
    pub fn on<T, F, Fut, R>(mut self, handler: F) -> Self
    where
        T: DeserializeOwned + Send + 'static,
        F: Fn(T, ActionContext) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: Into<CallbackResponse>,
    {
        self.routes.push(Box::new(move |value, cx| {
            let typed = T::deserialize(value)
                .map_err(|err| format!("{}: {err}", std::any::type_name::<T>()))?;
            let answer = handler(typed, cx);
            Ok(Box::pin(async move { answer.await.into() }) as BoxFuture<_>)
        }));
        self
    }

    /// Registers the handler for clicks no typed handler accepts (including components
    /// without a `value`, such as a standalone input).
    ///
    /// ```
    /// use card_runtime::callback::{ActionContext, Router, Toast};
    ///
    /// let router = Router::new().fallback(|cx: ActionContext| async move {
    ///     Toast::info(format!("got {}", cx.action().action.tag))
    /// });
    /// ```
    #[must_use]
    pub fn fallback<F, Fut, R>(mut self, handler: F) -> Self
    where
        F: Fn(ActionContext) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: Into<CallbackResponse>,
    {
        self.fallback = Some(Box::new(move |_, cx| {
            let answer = handler(cx);
            Ok(Box::pin(async move { answer.await.into() }) as BoxFuture<_>)
        }));
        self
    }

    /// Routes one click and runs its handler; returns the answer and the work deferred until
    /// after the answer is sent.
    ///
    /// # Errors
    ///
    /// [`CallbackError::NoHandler`] when no handler accepts the value and there is no fallback;
    /// it is also logged (`tracing`, level `warn`) with serde's reason for each registered type.
    ///
    /// ```
    /// # use card_runtime::callback::{CallbackError, CardAction, Router};
    /// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let click = CardAction::from_legacy_slice(br#"{"action":{"tag":"button","value":1}}"#).unwrap();
    /// let err = Router::new().route(click).await.unwrap_err();
    /// assert!(matches!(err, CallbackError::NoHandler));
    /// # });
    /// ```
    pub async fn route(
        &self,
        action: CardAction,
    ) -> Result<(CallbackResponse, Deferred), CallbackError> {
        let cx = ActionContext::new(action);
        let value = &cx.action.action.value;
        let mut reasons = Vec::new();
        let mut routes = self.routes.iter().chain(self.fallback.iter());
        let future = loop {
            let Some(route) = routes.next() else {
                no_handler(&cx.action, &reasons);
                return Err(CallbackError::NoHandler);
            };
            match route(value, cx.clone()) {
                Ok(future) => break future,
                Err(reason) => reasons.push(reason),
            }
        };
        let answer = future.await;
        Ok((answer, cx.take_deferred()))
    }
}
