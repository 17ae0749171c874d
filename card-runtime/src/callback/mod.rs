//! Card callbacks and events: one dispatcher for every transport, the HTTP endpoint in front
//! of it, typed actions, forms and messages, and answers.
//!
//! - [`Handlers`] holds the bot's handlers: card actions by explicit [`Route`] (a tag the
//!   card's value carries and the value type declares through [`CardValue`]), a fallback,
//!   and events by type ([`Event`], [`MessageReceived`]).
//! - [`Dispatcher`] is the transport-agnostic core: a decoded payload in, the answer JSON and
//!   deferred work out ([`Answer`]), with the duplicate-delivery memory. Building it refuses a
//!   handler set in which one click could reach two handlers ([`RouteError`]).
//! - [`CallbackEndpoint`] is the HTTP part (URL verification, signatures, timestamp window,
//!   decryption, body limit, replay memory), sans-IO: a [`CallbackRequest`] in, a [`Reply`]
//!   out. Framework integrations only move bytes: see the `axum` module (feature `axum`).
//!
//! ```
//! use card_runtime::Card;
//! use card_runtime::callback::{ActionContext, CallbackConfig, CallbackEndpoint, CallbackRequest, CallbackResponse, CardValue, Dispatcher, Handlers, Route, Toast};
//! use serde::Deserialize;
//!
//! #[derive(Deserialize)]
//! struct Publish { button_type: String, button_id: String }
//! impl CardValue for Publish {
//!     const ROUTE: Route = Route::new("button_type", &["public_publish"]);
//! }
//!
//! let handlers = Handlers::new().on(|value: Publish, cx: ActionContext| async move {
//!     let done = Card::from_json_unchecked(serde_json::json!({"elements": [
//!         {"tag": "div", "text": {"tag": "plain_text", "content": format!("{} done", value.button_id)}}
//!     ]}));
//!     CallbackResponse::card(done).with_toast(Toast::success(format!("{} by {}", value.button_type, cx.operator().open_id)))
//! });
//! let dispatcher = Dispatcher::new(handlers).unwrap();
//! let endpoint = CallbackEndpoint::new(CallbackConfig::new("v-token").encrypt_key("e-key"), dispatcher);
//! # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
//! let reply = rt.block_on(endpoint.handle(&CallbackRequest::new(b"{}")));
//! assert_eq!(reply.status(), 401); // no signature headers
//! ```

#[cfg(feature = "axum")]
pub mod axum;
mod config;
mod context;
mod decrypt;
mod dedupe;
mod dispatch;
mod endpoint;
mod envelope;
mod error;
mod handler;
mod handlers;
mod message;
mod request;
mod response;
mod route;
mod simulate;
mod verify;

/// The credential wrapper, re-exported here because every callback secret is one.
pub use crate::Secret;
/// The card-builder template, re-exported here because a callback may answer with one.
pub use crate::TemplateCard;
pub use config::{
    CallbackConfig, DEFAULT_ANSWER_MEMORY, DEFAULT_BODY_TIMEOUT, DEFAULT_DEDUPE_CAPACITY,
    DEFAULT_DELIVERY_RETENTION, DEFAULT_MAX_BODY, DEFAULT_TIMESTAMP_WINDOW,
};
pub use context::{ActionContext, Deferred, EventContext, EventHeader};
pub use decrypt::{decrypt, encrypt};
pub use dispatch::{Answer, DispatchConfig, Dispatcher};
pub use endpoint::{Callback, CallbackEndpoint, Reply};
pub use envelope::{Action, CardAction, Envelope, Operator};
pub use error::{CallbackError, DecryptError};
pub use handler::{HandlerFuture, IntoCallbackResponse};
pub use handlers::Handlers;
pub use message::{
    Event, Mention, Message, MessageContent, MessageReceived, Post, PostElement, Sender, UserIds,
};
pub use request::CallbackRequest;
pub use response::{CallbackResponse, Toast, ToastKind};
pub use route::{CardValue, ROUTE_KEY, Route, RouteError};
pub use simulate::{CallbackSigner, ClickEvent, SignedRequest};
pub use verify::{
    Algorithm, NONCE_HEADER, REFRESH_TOKEN_HEADER, SIGNATURE_HEADER, SignatureHeaders,
    TIMESTAMP_HEADER, check_timestamp, sign, verify,
};
