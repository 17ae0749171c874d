//! The transport-agnostic core: a decoded card callback or event in, the answer JSON and the
//! deferred work out, with the duplicate-delivery memory inside.
//!
//! The HTTP endpoint calls it once a request is verified and decrypted; the long connection
//! calls it with each data frame's payload. One [`Dispatcher`] (shared through an `Arc`) can
//! serve both at once, so a duplicate delivered over either transport runs its handler once.

use std::future::Future;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::dedupe::{Bounds, Dedupe, Seen, delivery_id};
use super::envelope::{self, CardAction, EventEnvelope, LegacyBody, Probe, V2Envelope};
use super::handlers::Table;
use super::{
    CallbackError, DEFAULT_ANSWER_MEMORY, DEFAULT_DEDUPE_CAPACITY, DEFAULT_DELIVERY_RETENTION,
    Deferred, Handlers, RouteError,
};
use crate::Clock;

/// The duplicate-delivery memory's bounds and the clock it reads.
///
/// ```
/// use std::time::Duration;
/// use card_runtime::Clock;
/// use card_runtime::callback::DispatchConfig;
///
/// let config = DispatchConfig::new()
///     .dedupe_capacity(10_000)
///     .delivery_retention(Duration::from_secs(3600))
///     .clock(Clock::system());
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct DispatchConfig {
    capacity: usize,
    delivery_retention: Duration,
    answer_memory: usize,
    clock: Clock,
}

impl Default for DispatchConfig {
    fn default() -> Self {
        Self::new()
    }
}

impl DispatchConfig {
    /// The defaults: [`DEFAULT_DEDUPE_CAPACITY`], [`DEFAULT_DELIVERY_RETENTION`],
    /// [`DEFAULT_ANSWER_MEMORY`] and the system clock.
    ///
    /// ```
    /// let config = card_runtime::callback::DispatchConfig::new();
    /// ```
    pub fn new() -> Self {
        Self {
            capacity: DEFAULT_DEDUPE_CAPACITY,
            delivery_retention: DEFAULT_DELIVERY_RETENTION,
            answer_memory: DEFAULT_ANSWER_MEMORY,
            clock: Clock::system(),
        }
    }

    /// Sets the most delivery ids remembered at once. Entries leave only by time: a memory full
    /// of unexpired ids refuses new deliveries (`503`,
    /// [`CallbackError::MemoryFull`]) instead of forgetting one whose repeat would then run its
    /// handler twice. `0` turns the memory off: repeated deliveries run the handler again.
    ///
    /// ```
    /// let config = card_runtime::callback::DispatchConfig::new().dedupe_capacity(100);
    /// ```
    pub fn dedupe_capacity(mut self, capacity: usize) -> Self {
        self.capacity = capacity;
        self
    }

    /// Sets how long a delivery id is remembered, so that a second delivery of the same click
    /// or event gets the first answer without running the handler again. Default:
    /// [`DEFAULT_DELIVERY_RETENTION`].
    ///
    /// ```
    /// # use std::time::Duration;
    /// let config = card_runtime::callback::DispatchConfig::new().delivery_retention(Duration::from_secs(3600));
    /// ```
    pub fn delivery_retention(mut self, retention: Duration) -> Self {
        self.delivery_retention = retention;
        self
    }

    /// Sets the byte budget for answers kept to repeat to a second delivery. Past it the oldest
    /// answers are dropped, and a repeat of their click is answered `{}` (nothing to change):
    /// the handler still does not run twice. Default: [`DEFAULT_ANSWER_MEMORY`].
    ///
    /// ```
    /// let config = card_runtime::callback::DispatchConfig::new().answer_memory_bytes(1 << 20);
    /// ```
    pub fn answer_memory_bytes(mut self, budget: usize) -> Self {
        self.answer_memory = budget;
        self
    }

    /// Sets the clock the memory's retention reads (share one with the emulator or a test to
    /// expire entries without sleeping). Default: [`Clock::system`].
    ///
    /// ```
    /// let config = card_runtime::callback::DispatchConfig::new().clock(card_runtime::Clock::system());
    /// ```
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }
}

/// What the dispatcher answers one delivery with: the JSON body for Feishu, and the work the
/// handler deferred until that body has been sent.
///
/// ```
/// use card_runtime::callback::{Dispatcher, Handlers};
/// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
/// let dispatcher = Dispatcher::new(Handlers::new().fallback(|_cx| async {})).unwrap();
/// let answer = rt.block_on(dispatcher.dispatch(br#"{"action":{"tag":"button"}}"#)).unwrap();
/// assert_eq!(answer.body(), b"{}");
/// ```
#[derive(Debug)]
pub struct Answer {
    body: Vec<u8>,
    /// Run it once the body has gone out (a delayed card update made before would be reverted,
    /// reference §3.6).
    pub deferred: Deferred,
}

impl Answer {
    fn new(body: Vec<u8>) -> Self {
        Self {
            body,
            deferred: Deferred::default(),
        }
    }

    /// The answer's JSON: `{}` for an event or an answer that changes nothing, else the toast
    /// and card in the envelope's shape. The long connection sends it base64-encoded as the
    /// acknowledgement's `data`.
    ///
    /// ```
    /// # use card_runtime::callback::{Dispatcher, Handlers};
    /// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    /// # let dispatcher = Dispatcher::new(Handlers::new().fallback(|_cx| async {})).unwrap();
    /// let answer = rt.block_on(dispatcher.dispatch(br#"{"action":{}}"#)).unwrap();
    /// assert!(answer.body().starts_with(b"{"));
    /// ```
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Splits into the body and the deferred work.
    ///
    /// ```
    /// # use card_runtime::callback::{Dispatcher, Handlers};
    /// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    /// # let dispatcher = Dispatcher::new(Handlers::new().fallback(|_cx| async {})).unwrap();
    /// let (body, deferred) = rt.block_on(dispatcher.dispatch(br#"{"action":{}}"#)).unwrap().into_parts();
    /// assert!(deferred.is_empty());
    /// ```
    pub fn into_parts(self) -> (Vec<u8>, Deferred) {
        (self.body, self.deferred)
    }
}

/// Routes card callbacks and events to their handlers, whatever transport delivered them, and
/// answers a repeated delivery with the first answer instead of running the handler twice.
///
/// Build it once from the bot's [`Handlers`], share it in an `Arc`, and hand it to the HTTP
/// endpoint ([`CallbackEndpoint::new`](super::CallbackEndpoint::new)) or the long connection:
/// switching transport changes one line.
///
/// ```
/// use std::sync::Arc;
/// use card_runtime::callback::{ActionContext, CallbackConfig, CallbackEndpoint, CardValue, Dispatcher, Handlers, Route, Toast};
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// #[serde(tag = "route", rename = "approve")]
/// struct Approve { id: u64 }
/// impl CardValue for Approve { const ROUTE: Route = Route::tag("approve"); }
///
/// let handlers = Handlers::new().on(|value: Approve, _cx: ActionContext| async move {
///     Toast::success(format!("approved #{}", value.id))
/// });
/// let dispatcher = Arc::new(Dispatcher::new(handlers).unwrap());
///
/// // A long-connection frame's payload: plaintext, already authenticated by the connection.
/// let payload = br#"{"schema":"2.0","header":{"event_id":"e1","event_type":"card.action.trigger"},
///     "event":{"operator":{"open_id":"ou_1"},"action":{"tag":"button","value":{"route":"approve","id":7}}}}"#;
/// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
/// let answer = rt.block_on(dispatcher.dispatch(payload)).unwrap();
/// assert_eq!(answer.body(), br#"{"toast":{"content":"approved #7","type":"success"}}"#);
///
/// // The same handlers behind the HTTP callback URL.
/// let endpoint = CallbackEndpoint::new(CallbackConfig::new("v-token"), Arc::clone(&dispatcher));
/// ```
#[derive(Debug)]
pub struct Dispatcher {
    table: Table,
    deliveries: Dedupe,
    clock: Clock,
}

impl Dispatcher {
    /// A dispatcher with the default [`DispatchConfig`].
    ///
    /// # Errors
    ///
    /// [`RouteError`] when one click or event could reach two handlers.
    ///
    /// ```
    /// let dispatcher = card_runtime::callback::Dispatcher::new(card_runtime::callback::Handlers::new()).unwrap();
    /// ```
    pub fn new(handlers: Handlers) -> Result<Self, RouteError> {
        Self::with_config(handlers, DispatchConfig::new())
    }

    /// A dispatcher with this memory and clock.
    ///
    /// # Errors
    ///
    /// As for [`new`](Self::new).
    ///
    /// ```
    /// use card_runtime::callback::{DispatchConfig, Dispatcher, Handlers};
    /// let dispatcher = Dispatcher::with_config(Handlers::new(), DispatchConfig::new().dedupe_capacity(0)).unwrap();
    /// ```
    pub fn with_config(handlers: Handlers, config: DispatchConfig) -> Result<Self, RouteError> {
        let table = handlers.build()?;
        let deliveries = Dedupe::new(Bounds {
            capacity: config.capacity,
            // Signatures are the HTTP endpoint's memory; this one remembers deliveries only.
            signature_retention: Duration::ZERO,
            delivery_retention: config.delivery_retention,
            answer_bytes: config.answer_memory,
        });
        Ok(Self {
            table,
            deliveries,
            clock: config.clock,
        })
    }

    /// Handles one decoded delivery: a schema 2.0 envelope (`card.action.trigger` or any
    /// event) or a legacy card callback body, as plaintext JSON bytes, after the transport has
    /// authenticated it (HTTP: signature, token, decryption; long connection: the connection
    /// itself).
    ///
    /// A delivery seen before (same `event_id`) gets the first answer again without running
    /// its handler; one still being handled is refused ([`CallbackError::Duplicate`]).
    ///
    /// # Errors
    ///
    /// [`CallbackError::Decode`] for a payload that is not one of those, `UnsupportedEvent`
    /// for an event type no handler takes, `NoHandler` for a click no handler takes, `Form`,
    /// `Duplicate` and `MemoryFull`; [`CallbackError::status`] maps each to an HTTP status.
    ///
    /// ```
    /// use card_runtime::callback::{CallbackError, Dispatcher, Handlers};
    /// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    /// let dispatcher = Dispatcher::new(Handlers::new()).unwrap();
    /// let err = rt.block_on(dispatcher.dispatch(b"[]")).unwrap_err();
    /// assert_eq!(err.status(), 400);
    /// ```
    pub async fn dispatch(&self, payload: &[u8]) -> Result<Answer, CallbackError> {
        self.dispatch_at(payload, None, self.now()).await
    }

    /// The clock's time as a `SystemTime`.
    fn now(&self) -> SystemTime {
        UNIX_EPOCH + self.clock.now()
    }

    /// [`dispatch`](Self::dispatch) at time `now`, with the legacy `X-Refresh-Token` an HTTP
    /// request carries (the legacy envelope's only delivery id).
    pub(crate) async fn dispatch_at(
        &self,
        payload: &[u8],
        refresh_token: Option<&str>,
        now: SystemTime,
    ) -> Result<Answer, CallbackError> {
        let probe: Probe<'_> = envelope::decode(payload)?;
        if probe.schema.as_deref() != Some("2.0") {
            if probe.kind.is_some() {
                // A 1.0 event (`"type":"event_callback"`) or a handshake that reached the
                // dispatcher: neither is a card callback.
                let kind = probe.kind.as_deref().unwrap_or_default().to_owned();
                return Err(CallbackError::UnsupportedEvent(kind));
            }
            let legacy: LegacyBody = envelope::decode(payload)?;
            let action = CardAction::from(legacy);
            let delivery = delivery_id(&action, refresh_token);
            return self.once(delivery, now, self.action(action)).await;
        }
        let header: super::envelope::V2Header = envelope::decode_header(payload)?;
        if header.event_type == "card.action.trigger" {
            let envelope: V2Envelope = envelope::decode(payload)?;
            let action = CardAction::from_v2(envelope)?;
            let delivery = delivery_id(&action, None);
            return self.once(delivery, now, self.action(action)).await;
        }
        // Checked before the memory is touched: an event type nobody handles is refused the
        // same way on every delivery.
        if !self.table.handles_event(&header.event_type) {
            return Err(CallbackError::UnsupportedEvent(header.event_type));
        }
        let envelope: EventEnvelope = envelope::decode(payload)?;
        let delivery = (!envelope.header.event_id.is_empty())
            .then(|| format!("event:{}", envelope.header.event_id));
        let run = async move {
            let deferred = self.table.event(envelope.header, &envelope.event).await?;
            Ok(Answer {
                body: b"{}".to_vec(),
                deferred,
            })
        };
        self.once(delivery, now, run).await
    }

    async fn action(&self, action: CardAction) -> Result<Answer, CallbackError> {
        let envelope = action.envelope;
        let (answer, deferred) = self.table.action(action).await?;
        Ok(Answer {
            body: answer.to_json(envelope).to_string().into_bytes(),
            deferred,
        })
    }

    /// Runs `handle` unless `delivery` was seen: a repeat gets the first answer.
    async fn once(
        &self,
        delivery: Option<String>,
        now: SystemTime,
        handle: impl Future<Output = Result<Answer, CallbackError>>,
    ) -> Result<Answer, CallbackError> {
        // Held across the handler: dropped without an answer (error, panic, cancelled
        // request), it releases the id.
        let claim = match &delivery {
            Some(id) => match self.deliveries.claim(id, now) {
                Ok(claim) => Some(claim),
                Err(Seen::Pending) => return Err(CallbackError::Duplicate(id.clone())),
                Err(Seen::Answered(Some(body))) => return Ok(Answer::new(body)),
                // The answer itself was dropped for memory; the delivery was handled, so the
                // repeat changes nothing rather than running the handler again.
                Err(Seen::Answered(None)) => return Ok(Answer::new(b"{}".to_vec())),
                Err(Seen::Full) => return Err(CallbackError::MemoryFull),
            },
            None => None,
        };
        let answer = handle.await?;
        if let Some(claim) = claim {
            claim.answered(&answer.body);
        }
        Ok(answer)
    }
}
