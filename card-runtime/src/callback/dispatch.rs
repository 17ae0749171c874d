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
    Deferred, Event, Handlers, MessageReceived, RouteError,
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
            return self
                .once(delivery.as_slice(), now, self.action(action))
                .await;
        }
        let header: super::envelope::V2Header = envelope::decode_header(payload)?;
        if header.event_type == "card.action.trigger" {
            let envelope: V2Envelope = envelope::decode(payload)?;
            let action = CardAction::from_v2(envelope)?;
            let delivery = delivery_id(&action, None);
            return self
                .once(delivery.as_slice(), now, self.action(action))
                .await;
        }
        // Checked before the memory is touched: an event type nobody handles is refused the
        // same way on every delivery.
        if !self.table.handles_event(&header.event_type) {
            return Err(CallbackError::UnsupportedEvent(header.event_type));
        }
        let envelope: EventEnvelope = envelope::decode(payload)?;
        let mut deliveries: Vec<String> = (!envelope.header.event_id.is_empty())
            .then(|| format!("event:{}", envelope.header.event_id))
            .into_iter()
            .collect();
        // Feishu's guidance for message events is to de-duplicate by the message id as well
        // as the event id (long-connection reference §A.9): a message is answered once.
        if envelope.header.event_type == <MessageReceived as Event>::TYPE {
            let message_id = envelope.event["message"]["message_id"].as_str();
            if let Some(id) = message_id.filter(|id| !id.is_empty()) {
                deliveries.push(format!("message:{id}"));
            }
        }
        let run = async move {
            let deferred = self.table.event(envelope.header, &envelope.event).await?;
            Ok(Answer {
                body: b"{}".to_vec(),
                deferred,
            })
        };
        self.once(&deliveries, now, run).await
    }

    async fn action(&self, action: CardAction) -> Result<Answer, CallbackError> {
        let envelope = action.envelope;
        let (answer, deferred) = self.table.action(action).await?;
        Ok(Answer {
            body: answer.to_json(envelope).to_string().into_bytes(),
            deferred,
        })
    }

    /// Runs `handle` unless one of its delivery ids was seen: a repeat gets the first answer.
    async fn once(
        &self,
        deliveries: &[String],
        now: SystemTime,
        handle: impl Future<Output = Result<Answer, CallbackError>>,
    ) -> Result<Answer, CallbackError> {
        // Held across the handler: dropped without an answer (error, panic, cancelled
        // request), they release the ids.
        let mut claims = Vec::with_capacity(deliveries.len());
        for id in deliveries {
            match self.deliveries.claim(id, now) {
                Ok(claim) => claims.push(claim),
                Err(Seen::Pending) => return Err(CallbackError::Duplicate(id.clone())),
                Err(Seen::Answered(Some(body))) => return Ok(Answer::new(body)),
                // The answer itself was dropped for memory; the delivery was handled, so the
                // repeat changes nothing rather than running the handler again.
                Err(Seen::Answered(None)) => return Ok(Answer::new(b"{}".to_vec())),
                Err(Seen::Full) => return Err(CallbackError::MemoryFull),
            }
        }
        let answer = handle.await?;
        for claim in claims {
            claim.answered(&answer.body);
        }
        Ok(answer)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use serde_json::json;

    use super::{DispatchConfig, Dispatcher};
    use crate::Clock;
    use crate::callback::{CallbackError, EventContext, Handlers, MessageReceived};

    fn counting(clock: &Clock, retention: Duration) -> (Dispatcher, Arc<AtomicUsize>) {
        let runs = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&runs);
        let handlers = Handlers::new()
            .on_message(move |_: MessageReceived, _cx: EventContext| {
                counter.fetch_add(1, Ordering::SeqCst);
                async {}
            })
            .fallback(|_cx| async {});
        let config = DispatchConfig::new()
            .clock(clock.clone())
            .delivery_retention(retention);
        (Dispatcher::with_config(handlers, config).unwrap(), runs)
    }

    fn message(event_id: &str) -> Vec<u8> {
        json!({"schema": "2.0",
            "header": {"event_id": event_id, "event_type": "im.message.receive_v1"},
            "event": {"message": {"message_type": "text", "content": "{\"text\":\"hi\"}"}}})
        .to_string()
        .into_bytes()
    }

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(future)
    }

    #[test]
    fn the_configured_clock_expires_delivery_ids() {
        let clock = Clock::system();
        let (dispatcher, runs) = counting(&clock, Duration::from_secs(60));
        block_on(async {
            dispatcher.dispatch(&message("e1")).await.unwrap();
            dispatcher.dispatch(&message("e1")).await.unwrap();
            assert_eq!(runs.load(Ordering::SeqCst), 1, "inside the retention");
            clock.advance(Duration::from_secs(61));
            dispatcher.dispatch(&message("e1")).await.unwrap();
            assert_eq!(runs.load(Ordering::SeqCst), 2, "past the retention");
        });
    }

    #[test]
    fn a_message_redelivered_under_a_new_event_id_is_handled_once() {
        let (dispatcher, runs) = counting(&Clock::system(), Duration::from_secs(60));
        let with_message = |event_id: &str| {
            json!({"schema": "2.0",
                "header": {"event_id": event_id, "event_type": "im.message.receive_v1"},
                "event": {"message": {"message_id": "om_1", "message_type": "text"}}})
            .to_string()
            .into_bytes()
        };
        block_on(async {
            dispatcher.dispatch(&with_message("e1")).await.unwrap();
            dispatcher.dispatch(&with_message("e2")).await.unwrap();
        });
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn an_event_without_an_id_runs_every_time() {
        let (dispatcher, runs) = counting(&Clock::system(), Duration::from_secs(60));
        block_on(async {
            dispatcher.dispatch(&message("")).await.unwrap();
            dispatcher.dispatch(&message("")).await.unwrap();
        });
        assert_eq!(runs.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn what_is_not_a_card_callback_or_a_2_0_event_is_refused_400() {
        let (dispatcher, runs) = counting(&Clock::system(), Duration::from_secs(60));
        let v1_event = br#"{"uuid":"u","token":"t","ts":"1","type":"event_callback","event":{"type":"message"}}"#;
        let handshake = br#"{"challenge":"c","token":"t","type":"url_verification"}"#;
        for payload in [&v1_event[..], &handshake[..], b"[1]", b"{} trailing"] {
            let err = block_on(dispatcher.dispatch(payload)).unwrap_err();
            assert_eq!(err.status(), 400, "{err}");
        }
        assert!(matches!(
            block_on(dispatcher.dispatch(v1_event)).unwrap_err(),
            CallbackError::UnsupportedEvent(kind) if kind == "event_callback"
        ));
        assert_eq!(runs.load(Ordering::SeqCst), 0);
    }
}
