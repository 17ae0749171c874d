//! The handler set: a typed handler per route and per event type, checked for overlaps when
//! the [`Dispatcher`](super::Dispatcher) is built.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::handler::{BoxFuture, HandlerFuture};
use super::route::tag_of;
use super::{
    ActionContext, CallbackError, CallbackResponse, CardAction, CardValue, Deferred, Event,
    EventContext, EventHeader, MessageReceived, Route, RouteError,
};

/// A registered action handler: the running answer, or why the click does not fit it.
type ActionRun = Box<
    dyn Fn(&Value, ActionContext) -> Result<BoxFuture<CallbackResponse>, Refusal> + Send + Sync,
>;
/// A registered event handler: the running handler, or where the event does not fit its type.
type EventRun = Box<dyn Fn(&Value, EventContext) -> Result<BoxFuture<()>, String> + Send + Sync>;

/// Why a routed handler did not run.
enum Refusal {
    /// The value took the route but is not the route's type: the app's card and its handler
    /// disagree (serde's reason, about the app's own value, for the log).
    Value(String),
    /// The form does not fit the handler's form type.
    Form(CallbackError),
}

struct Typed {
    route: Route,
    type_name: &'static str,
    run: ActionRun,
}

struct EventRoute {
    event_type: &'static str,
    run: EventRun,
}

/// The handlers of one bot: card actions by route, a fallback, and events by type. Build a
/// [`Dispatcher`](super::Dispatcher) from it; the same set then serves the HTTP endpoint and
/// the long connection.
///
/// ```
/// use card_runtime::callback::{ActionContext, CardValue, Dispatcher, EventContext, Handlers, MessageReceived, Route, Toast};
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// #[serde(tag = "action", rename_all = "snake_case")]
/// enum Approval { Approve { id: u64 }, Decline { id: u64 } }
/// impl CardValue for Approval {
///     const ROUTE: Route = Route::new("action", &["approve", "decline"]);
/// }
///
/// let handlers = Handlers::new()
///     .on(|value: Approval, _cx: ActionContext| async move {
///         match value {
///             Approval::Approve { id } => Toast::success(format!("approved #{id}")),
///             Approval::Decline { id } => Toast::warning(format!("declined #{id}")),
///         }
///     })
///     .on_message(|message: MessageReceived, _cx: EventContext| async move {
///         let _ = message.text();
///     });
/// let dispatcher = Dispatcher::new(handlers).unwrap();
/// ```
#[derive(Default)]
#[must_use]
pub struct Handlers {
    typed: Vec<Typed>,
    fallback: Option<ActionRun>,
    fallbacks: usize,
    events: Vec<EventRoute>,
}

impl fmt::Debug for Handlers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let routes: Vec<_> = self
            .typed
            .iter()
            .map(|typed| (typed.type_name, typed.route))
            .collect();
        let events: Vec<_> = self.events.iter().map(|event| event.event_type).collect();
        f.debug_struct("Handlers")
            .field("routes", &routes)
            .field("fallback", &self.fallback.is_some())
            .field("events", &events)
            .finish()
    }
}

impl Handlers {
    /// No handlers (every click is answered `404`, [`CallbackError::NoHandler`]).
    ///
    /// ```
    /// let handlers = card_runtime::callback::Handlers::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers the handler of the clicks on `T`'s [route](CardValue::ROUTE): the click's
    /// `value` (a 1.0 component's `value`, a 2.0 `callback` behavior's `value`, a form submit
    /// button's value) deserialized as `T`.
    ///
    /// The handler is `async` and answers `()`, a [`Toast`](super::Toast), a
    /// [`Card`](crate::Card), a [`TemplateCard`](super::TemplateCard) or a
    /// [`CallbackResponse`] (see [`IntoCallbackResponse`](super::IntoCallbackResponse)).
    ///
    /// ```
    /// use card_runtime::callback::{ActionContext, CardValue, Handlers, Route, Toast};
    /// use serde::Deserialize;
    ///
    /// #[derive(Deserialize)]
    /// struct Publish { button_id: String }
    /// impl CardValue for Publish {
    ///     const ROUTE: Route = Route::new("button_type", &["public_publish"]);
    /// }
    ///
    /// let handlers = Handlers::new().on(|value: Publish, _cx: ActionContext| async move {
    ///     Toast::success(format!("published {}", value.button_id))
    /// });
    /// ```
    pub fn on<T, F, Fut>(mut self, handler: F) -> Self
    where
        T: CardValue,
        F: Fn(T, ActionContext) -> Fut + Send + Sync + 'static,
        Fut: HandlerFuture,
    {
        self.typed.push(Typed {
            route: T::ROUTE,
            type_name: std::any::type_name::<T>(),
            run: Box::new(move |value, cx| {
                let typed = T::deserialize(value).map_err(|err| Refusal::Value(err.to_string()))?;
                Ok(Box::pin(handler(typed, cx).into_answer()) as BoxFuture<_>)
            }),
        });
        self
    }

    /// Registers the handler of a form submit whose submit button's value takes `T`'s route:
    /// the value as `T`, and the form's `form_value` as `Form`, a struct whose field names
    /// are the form components' `name`s (see [`ActionContext::form`]).
    ///
    /// A form whose values do not fit `Form` is refused `400` ([`CallbackError::Form`]) without
    /// running the handler: make fields the user may leave empty `Option`s.
    ///
    /// ```
    /// use card_runtime::callback::{ActionContext, CardValue, Handlers, Route, Toast};
    /// use serde::Deserialize;
    ///
    /// #[derive(Deserialize)]
    /// #[serde(tag = "route", rename = "deploy")]
    /// struct SubmitDeploy {}
    /// impl CardValue for SubmitDeploy { const ROUTE: Route = Route::tag("deploy"); }
    ///
    /// #[derive(Deserialize)]
    /// struct DeployForm { reason: String, env: String }
    ///
    /// let handlers = Handlers::new().on_form(|_: SubmitDeploy, form: DeployForm, _cx: ActionContext| async move {
    ///     if form.reason.trim().is_empty() {
    ///         return Toast::error("a reason is required");
    ///     }
    ///     Toast::success(format!("deploying to {}", form.env))
    /// });
    /// ```
    pub fn on_form<T, Form, F, Fut>(mut self, handler: F) -> Self
    where
        T: CardValue,
        Form: DeserializeOwned + Send + 'static,
        F: Fn(T, Form, ActionContext) -> Fut + Send + Sync + 'static,
        Fut: HandlerFuture,
    {
        self.typed.push(Typed {
            route: T::ROUTE,
            type_name: std::any::type_name::<T>(),
            run: Box::new(move |value, cx| {
                let typed = T::deserialize(value).map_err(|err| Refusal::Value(err.to_string()))?;
                let form = cx.form::<Form>().map_err(Refusal::Form)?;
                Ok(Box::pin(handler(typed, form, cx).into_answer()) as BoxFuture<_>)
            }),
        });
        self
    }

    /// Registers the handler of the clicks no route takes: components without a routed value
    /// (a standalone input or select, a value-less button or form submit), or a tag no handler
    /// declares. Its context has the raw value and typed extractors
    /// ([`ActionContext::form`], [`input_value`](ActionContext::input_value),
    /// [`checked`](ActionContext::checked), [`option`](ActionContext::option),
    /// [`options`](ActionContext::options)).
    ///
    /// ```
    /// use card_runtime::callback::{ActionContext, Handlers, Toast};
    ///
    /// let handlers = Handlers::new().fallback(|cx: ActionContext| async move {
    ///     Toast::info(format!("got {}", cx.action().action.tag))
    /// });
    /// ```
    pub fn fallback<F, Fut>(mut self, handler: F) -> Self
    where
        F: Fn(ActionContext) -> Fut + Send + Sync + 'static,
        Fut: HandlerFuture,
    {
        self.fallbacks += 1;
        self.fallback = Some(Box::new(move |_, cx| {
            Ok(Box::pin(handler(cx).into_answer()) as BoxFuture<_>)
        }));
        self
    }

    /// Registers the handler of events of type [`E::TYPE`](Event::TYPE). Feishu needs only an
    /// acknowledgement, so the handler answers nothing; defer slow work
    /// ([`EventContext::defer`]), since an event not acknowledged in 3 seconds is redelivered.
    ///
    /// ```
    /// use card_runtime::callback::{Event, EventContext, Handlers};
    /// use serde::Deserialize;
    ///
    /// #[derive(Deserialize)]
    /// struct ChatDisbanded { chat_id: String }
    /// impl Event for ChatDisbanded { const TYPE: &'static str = "im.chat.disbanded_v1"; }
    ///
    /// let handlers = Handlers::new().on_event(|event: ChatDisbanded, _cx: EventContext| async move {
    ///     let _ = event.chat_id;
    /// });
    /// ```
    pub fn on_event<E, F, Fut>(mut self, handler: F) -> Self
    where
        E: Event,
        F: Fn(E, EventContext) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        self.events.push(EventRoute {
            event_type: E::TYPE,
            run: Box::new(move |event, cx| {
                // Only the path: serde's text may quote the event's user content.
                let typed = serde_path_to_error::deserialize(event)
                    .map_err(|err| format!("at `{}`", err.path()))?;
                Ok(Box::pin(handler(typed, cx)) as BoxFuture<()>)
            }),
        });
        self
    }

    /// Registers the handler of messages sent to the bot (`im.message.receive_v1`), with the
    /// text, post and mentions parsed ([`MessageReceived`]).
    ///
    /// ```
    /// use card_runtime::callback::{EventContext, Handlers, MessageReceived};
    ///
    /// let handlers = Handlers::new().on_message(|message: MessageReceived, cx: EventContext| async move {
    ///     if message.command().as_deref() == Some("/deploy") {
    ///         cx.defer(async move { /* message.reply_card(&client, &card).send().await */ });
    ///     }
    /// });
    /// ```
    pub fn on_message<F, Fut>(self, handler: F) -> Self
    where
        F: Fn(MessageReceived, EventContext) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        self.on_event::<MessageReceived, _, _>(handler)
    }

    /// Checks that no click and no event could reach two handlers.
    pub(crate) fn build(self) -> Result<Table, RouteError> {
        if self.fallbacks > 1 {
            return Err(RouteError::TwoFallbacks);
        }
        let mut by_tag: HashMap<&'static str, usize> = HashMap::new();
        let mut key: Option<(&'static str, &'static str)> = None;
        for (index, typed) in self.typed.iter().enumerate() {
            let route_key = typed.route.key();
            match key {
                Some((first_key, first)) if first_key != route_key => {
                    return Err(RouteError::MixedKeys {
                        first,
                        first_key,
                        second: typed.type_name,
                        second_key: route_key,
                    });
                }
                Some(_) => {}
                None => key = Some((route_key, typed.type_name)),
            }
            if typed.route.tags().next().is_none() {
                return Err(RouteError::NoTag(typed.type_name));
            }
            for tag in typed.route.tags() {
                if let Some(&first) = by_tag.get(tag) {
                    return Err(RouteError::Overlap {
                        key: route_key,
                        tag,
                        first: self.typed[first].type_name,
                        second: typed.type_name,
                    });
                }
                by_tag.insert(tag, index);
            }
        }
        let mut events = HashMap::new();
        for event in self.events {
            if events.insert(event.event_type, event.run).is_some() {
                return Err(RouteError::DuplicateEvent(event.event_type));
            }
        }
        Ok(Table {
            key: key.map(|(key, _)| key),
            by_tag,
            typed: self.typed,
            fallback: self.fallback,
            events,
        })
    }
}

/// A checked handler set: at most one handler per tag, one routing field, one per event type.
pub(crate) struct Table {
    key: Option<&'static str>,
    by_tag: HashMap<&'static str, usize>,
    typed: Vec<Typed>,
    fallback: Option<ActionRun>,
    events: HashMap<&'static str, EventRun>,
}

impl fmt::Debug for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Table")
            .field("key", &self.key)
            .field("routes", &self.by_tag.len())
            .field("fallback", &self.fallback.is_some())
            .field("events", &self.events.len())
            .finish()
    }
}

impl Table {
    /// Whether a handler takes events of this type.
    pub(crate) fn handles_event(&self, event_type: &str) -> bool {
        self.events.contains_key(event_type)
    }

    /// Runs the one handler the click's route names (or the fallback); returns its answer and
    /// the work it deferred.
    pub(crate) async fn action(
        &self,
        action: CardAction,
    ) -> Result<(CallbackResponse, Deferred), CallbackError> {
        let cx = ActionContext::new(action);
        let value = &cx.action().action.value;
        let routed = self
            .key
            .and_then(|key| tag_of(value, key))
            .and_then(|tag| self.by_tag.get(tag))
            .map(|&index| &self.typed[index]);
        let future = match (routed, &self.fallback) {
            (Some(typed), _) => match (typed.run)(value, cx.clone()) {
                Ok(future) => future,
                Err(Refusal::Value(reason)) => {
                    no_handler(cx.action(), typed.type_name, &reason);
                    return Err(CallbackError::NoHandler);
                }
                Err(Refusal::Form(err)) => {
                    tracing::warn!(handler = typed.type_name, error = %err, "form submit refused");
                    return Err(err);
                }
            },
            (None, Some(fallback)) => match fallback(value, cx.clone()) {
                Ok(future) => future,
                Err(_) => return Err(CallbackError::NoHandler),
            },
            (None, None) => {
                no_handler(
                    cx.action(),
                    "",
                    "no route takes the value and there is no fallback",
                );
                return Err(CallbackError::NoHandler);
            }
        };
        let answer = future.await;
        Ok((answer, cx.take_deferred()))
    }

    /// Runs the handler of the event's type; returns the work it deferred.
    pub(crate) async fn event(
        &self,
        header: EventHeader,
        event: &Value,
    ) -> Result<Deferred, CallbackError> {
        let Some(run) = self.events.get(header.event_type.as_str()) else {
            return Err(CallbackError::UnsupportedEvent(header.event_type));
        };
        let event_type = header.event_type.clone();
        let cx = EventContext::new(header);
        match run(event, cx.clone()) {
            Ok(future) => future.await,
            Err(reason) => {
                tracing::warn!(%event_type, %reason, "event does not fit its handler's type");
                return Err(CallbackError::UnsupportedEvent(event_type));
            }
        }
        Ok(cx.take_deferred())
    }
}

/// Says why a click was refused `404`: which component, and why the routed type refused it.
/// Never the delayed-update token or what the user typed; the component `value` is the app's
/// own, so serde quoting part of it reveals nothing the app did not write.
fn no_handler(action: &CardAction, handler: &str, reason: &str) {
    tracing::warn!(
        envelope = ?action.envelope,
        tag = %action.action.tag,
        name = action.action.name.as_deref().unwrap_or(""),
        open_message_id = %action.open_message_id,
        handler,
        reason,
        "no callback handler takes the clicked action"
    );
}
