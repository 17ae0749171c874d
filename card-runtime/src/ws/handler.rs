//! What the connection hands to the application and what it sends back: a [`Delivery`] in,
//! an [`Answer`] out, encoded as the documented answer payload (reference A.9).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use base64::Engine as _;
use serde_json::{Value, json};

use crate::callback::{CallbackError, Dispatcher};

/// A boxed, sendable future.
pub(crate) type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// The frame type a delivery came in (`type` header). Both are dispatched alike: some tenants
/// receive clicks as `card` frames, which every official SDK drops (reference A.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FrameKind {
    /// `type=event`: events and `card.action.trigger` callbacks.
    Event,
    /// `type=card`.
    Card,
}

/// One complete (reassembled) data message.
///
/// ```
/// # fn show(delivery: &card_runtime::ws::Delivery) {
/// let json: serde_json::Value = serde_json::from_slice(delivery.payload()).unwrap_or_default();
/// println!("{} {}", delivery.message_id(), json["header"]["event_type"]);
/// # }
/// ```
pub struct Delivery {
    pub(crate) kind: FrameKind,
    pub(crate) message_id: String,
    pub(crate) payload: Vec<u8>,
}

impl fmt::Debug for Delivery {
    // The payload holds user data (operator ids, form input): its size only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Delivery")
            .field("kind", &self.kind)
            .field("message_id", &self.message_id)
            .field("payload_len", &self.payload.len())
            .finish()
    }
}

impl Delivery {
    /// A delivery built by hand, for testing a handler without a connection.
    ///
    /// ```
    /// use card_runtime::ws::{Delivery, FrameKind};
    /// let delivery = Delivery::new(FrameKind::Event, "m1", b"{}".to_vec());
    /// assert_eq!(delivery.payload(), b"{}");
    /// ```
    pub fn new(kind: FrameKind, message_id: impl Into<String>, payload: Vec<u8>) -> Self {
        Self {
            kind,
            message_id: message_id.into(),
            payload,
        }
    }

    /// `event` or `card`.
    ///
    /// ```
    /// # use card_runtime::ws::{Delivery, FrameKind};
    /// assert_eq!(Delivery::new(FrameKind::Card, "m", vec![]).kind(), FrameKind::Card);
    /// ```
    pub fn kind(&self) -> FrameKind {
        self.kind
    }

    /// The frame's `message_id` header (not the IM message id).
    ///
    /// ```
    /// # use card_runtime::ws::{Delivery, FrameKind};
    /// assert_eq!(Delivery::new(FrameKind::Event, "m", vec![]).message_id(), "m");
    /// ```
    pub fn message_id(&self) -> &str {
        &self.message_id
    }

    /// The plaintext JSON body, exactly what webhook mode would post (no `encrypt`, no
    /// signature: the connection itself is authenticated).
    ///
    /// ```
    /// # use card_runtime::ws::{Delivery, FrameKind};
    /// assert_eq!(Delivery::new(FrameKind::Event, "m", b"{}".to_vec()).payload(), b"{}");
    /// ```
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }
}

/// What a handler answers: a success carrying JSON (always at least `{}`), or a failure.
///
/// ```
/// use card_runtime::ws::Answer;
/// let ok = Answer::json(serde_json::json!({"toast": {"type": "info", "content": "hi"}}));
/// let failed = Answer::failed();
/// # let _ = (ok, failed);
/// ```
pub struct Answer {
    pub(crate) ok: bool,
    /// JSON text.
    pub(crate) data: Vec<u8>,
    pub(crate) deferred: Option<BoxFuture<()>>,
}

impl fmt::Debug for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Answer")
            .field("ok", &self.ok)
            .field("deferred", &self.deferred.is_some())
            .finish_non_exhaustive()
    }
}

impl Answer {
    /// Success with `data`: for a card callback the usual `{"toast", "card"}` body.
    ///
    /// ```
    /// # use card_runtime::ws::Answer;
    /// let answer = Answer::json(serde_json::json!({}));
    /// # let _ = answer;
    /// ```
    pub fn json(data: Value) -> Self {
        Self::raw(data.to_string().into_bytes())
    }

    /// Success with JSON already serialized (the dispatcher's answer body).
    fn raw(data: Vec<u8>) -> Self {
        Self {
            ok: true,
            data,
            deferred: None,
        }
    }

    /// Success with `{}`: the safe answer for any event (a callback answered with no data at
    /// all is reported to fail with 108002; reference A.9, UNCONFIRMED, so never omitted).
    ///
    /// ```
    /// # use card_runtime::ws::Answer;
    /// let answer = Answer::empty();
    /// # let _ = answer;
    /// ```
    pub fn empty() -> Self {
        Self::json(json!({}))
    }

    /// Failure (`code` 500): Feishu redelivers an event, the user sees an error for a click.
    ///
    /// ```
    /// # use card_runtime::ws::Answer;
    /// let answer = Answer::failed();
    /// # let _ = answer;
    /// ```
    pub fn failed() -> Self {
        Self {
            ok: false,
            data: Vec::new(),
            deferred: None,
        }
    }

    /// Work to run after the answer is sent (a slow follow-up such as updating other cards).
    ///
    /// ```
    /// # use card_runtime::ws::Answer;
    /// let answer = Answer::empty().then(async { /* slow work */ });
    /// # let _ = answer;
    /// ```
    #[must_use]
    pub fn then(mut self, work: impl Future<Output = ()> + Send + 'static) -> Self {
        self.deferred = Some(Box::pin(work));
        self
    }

    /// The answer frame's payload: `{"code":200,"data":"<base64 of the JSON>"}` or
    /// `{"code":500}`.
    pub(crate) fn payload(&self) -> Vec<u8> {
        let body = if self.ok {
            let data = base64::engine::general_purpose::STANDARD.encode(&self.data);
            json!({"code": 200, "data": data})
        } else {
            json!({"code": 500})
        };
        body.to_string().into_bytes()
    }
}

/// Handles each complete data message. Implemented for closures
/// `Fn(Delivery) -> impl Future<Output = Answer>` and for the callback [`Dispatcher`].
///
/// ```
/// use card_runtime::ws::{Answer, Delivery, Handler};
///
/// fn takes(_: impl Handler) {}
/// takes(|delivery: Delivery| async move {
///     println!("{} bytes", delivery.payload().len());
///     Answer::empty()
/// });
/// ```
pub trait Handler: Send + Sync + 'static {
    /// Answers one delivery. The connection sends `{}` by itself if this takes longer than
    /// [`Limits::answer_within`](super::Limits::answer_within), and lets it finish detached.
    fn handle(self: Arc<Self>, delivery: Delivery)
    -> impl Future<Output = Answer> + Send + 'static;
}

impl<F, Fut> Handler for F
where
    F: Fn(Delivery) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Answer> + Send + 'static,
{
    fn handle(
        self: Arc<Self>,
        delivery: Delivery,
    ) -> impl Future<Output = Answer> + Send + 'static {
        self(delivery)
    }
}

/// The bot's [`Dispatcher`]: the same handlers (and duplicate-delivery memory) as the HTTP
/// endpoint, so a bot changes transport with one line. An event type with no handler is
/// answered `{}` (accepted, so Feishu does not redeliver it for hours); any other dispatch error
/// is a failure (`code` 500: the user sees an error for a click, an event is redelivered).
impl Handler for Dispatcher {
    async fn handle(self: Arc<Self>, delivery: Delivery) -> Answer {
        match self.dispatch(&delivery.payload).await {
            Ok(answer) => {
                let (body, deferred) = answer.into_parts();
                let answer = Answer::raw(body);
                if deferred.is_empty() {
                    answer
                } else {
                    answer.then(deferred.run())
                }
            }
            Err(CallbackError::UnsupportedEvent(event_type)) => {
                tracing::debug!(%event_type, "long connection: no handler for this event type, answered {{}}");
                Answer::empty()
            }
            Err(err) => {
                tracing::warn!(error = %err, "long connection: delivery not handled");
                Answer::failed()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_payloads_have_the_documented_shape() {
        let ok: Value = serde_json::from_slice(&Answer::empty().payload()).unwrap();
        assert_eq!(ok, json!({"code": 200, "data": "e30="})); // base64("{}")
        let toast = Answer::json(json!({"toast": {"type": "info", "content": "x"}}));
        let body: Value = serde_json::from_slice(&toast.payload()).unwrap();
        let data = base64::engine::general_purpose::STANDARD
            .decode(body["data"].as_str().unwrap())
            .unwrap();
        assert_eq!(
            serde_json::from_slice::<Value>(&data).unwrap()["toast"]["content"],
            "x"
        );
        let failed: Value = serde_json::from_slice(&Answer::failed().payload()).unwrap();
        assert_eq!(failed, json!({"code": 500}));
    }
}
