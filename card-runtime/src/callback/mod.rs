//! Card callbacks: verification, decryption, typed actions and answers.
//!
//! The core is sans-IO: [`CallbackEndpoint::handle`] takes a [`CallbackRequest`] (the headers it
//! needs and the raw body bytes) and the current time, and returns a [`Reply`] (status, JSON
//! body, deferred work). Framework integrations only move bytes: see the `axum` module (feature
//! `axum`).
//!
//! ```
//! use std::time::SystemTime;
//! use card_runtime::Card;
//! use card_runtime::callback::{ActionContext, CallbackConfig, CallbackEndpoint, CallbackRequest, CallbackResponse, Router, Toast};
//! use serde::Deserialize;
//!
//! #[derive(Deserialize)]
//! struct Publish { button_type: String, button_id: String }
//!
//! let router = Router::new().on(|value: Publish, cx: ActionContext| async move {
//!     let done = Card::from_json_unchecked(serde_json::json!({"elements": [
//!         {"tag": "div", "text": {"tag": "plain_text", "content": format!("{} done", value.button_id)}}
//!     ]}));
//!     CallbackResponse::card(done).with_toast(Toast::success(format!("{} by {}", value.button_type, cx.operator().open_id)))
//! });
//! let endpoint = CallbackEndpoint::new(CallbackConfig::new("v-token").encrypt_key("e-key"), router);
//! # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
//! let reply = rt.block_on(endpoint.handle(&CallbackRequest::new(b"{}"), SystemTime::now()));
//! assert_eq!(reply.status(), 401); // no signature headers
//! ```

#[cfg(feature = "axum")]
pub mod axum;
mod config;
mod decrypt;
mod dedupe;
mod dispatch;
mod endpoint;
mod error;
mod event;
mod request;
mod response;
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
pub use decrypt::{decrypt, encrypt};
pub use dispatch::{ActionContext, Deferred, Router};
pub use endpoint::{Callback, CallbackEndpoint, Reply};
pub use error::{CallbackError, DecryptError};
pub use event::{Action, CardAction, Generation, Operator};
pub use request::CallbackRequest;
pub use response::{CallbackResponse, Toast, ToastKind};
pub use simulate::{CallbackSigner, ClickEvent, SignedRequest};
pub use verify::{
    Algorithm, NONCE_HEADER, REFRESH_TOKEN_HEADER, SIGNATURE_HEADER, SignatureHeaders,
    TIMESTAMP_HEADER, check_timestamp, sign, verify,
};
