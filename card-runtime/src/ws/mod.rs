//! The long connection (feature `ws`): events and card callbacks over one outbound WebSocket,
//! with no public callback URL (reference: Feishu's "长连接" mode, read from the four official
//! SDKs).
//!
//! [`LongConnection::start`] asks `POST {base}/callback/ws/endpoint` for a URL, connects, pings
//! at the server's interval, reconnects a connection that went silent or dropped (after the
//! server's jitter, at its interval, up to its count), reassembles split messages in bounded
//! memory, and answers every message within Feishu's 3 s. Handlers see plaintext JSON: the
//! connection itself is authenticated, so there are no signatures to check.
//!
//! Feishu delivers each message to **one** connected client of the app, chosen at random, and
//! allows 50 connections per app: run one process per app and environment, or a forgotten
//! instance silently takes part of the traffic.
//!
//! ```no_run
//! use card_runtime::callback::{ActionContext, CardValue, Dispatcher, Handlers, Route, Toast};
//! use card_runtime::ws::LongConnection;
//! use serde::Deserialize;
//!
//! #[derive(Deserialize)]
//! struct Approve { request: String }
//! impl CardValue for Approve {
//!     const ROUTE: Route = Route::tag("approve"); // the button's value: {"route": "approve", "request": ..}
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let handlers = Handlers::new().on(|value: Approve, _cx: ActionContext| async move {
//!     Toast::success(format!("{} approved", value.request))
//! });
//! let connection = LongConnection::new("cli_xxx", "app-secret")
//!     .start(Dispatcher::new(handlers)?)
//!     .await?;
//! connection.wait().await?;
//! # Ok(()) }
//! ```

mod bootstrap;
mod client;
mod config;
mod error;
mod frame;
mod handler;
mod reassembly;
mod session;

pub use client::{Connection, ConnectionState, LongConnection};
pub use config::{Limits, ServerConfig};
pub use error::{AUTH_CONNECTION_LIMIT, WsError};
pub use frame::{Frame, FrameError, METHOD_CONTROL, METHOD_DATA, keys};
pub use handler::{Answer, Delivery, FrameKind, Handler};
