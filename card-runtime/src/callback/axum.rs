//! Callbacks over axum: a handler to mount at the callback path (feature `axum`).
//!
//! The handler only moves bytes between axum and [`CallbackEndpoint::handle`]; every decision
//! stays in the sans-IO core. Serve it with [`serve`], which bounds what each client may hold
//! (`axum::serve` has no timeouts: a client sending headers slowly, or keeping an idle
//! connection, holds it forever).

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes, HttpBody};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, post};

use super::{CallbackEndpoint, CallbackError, CallbackRequest, Deferred};

mod serve;

pub use serve::{DEFAULT_HEADER_READ_TIMEOUT, DEFAULT_MAX_CONNECTIONS, Serve, serve};

/// A `POST` route answering Feishu's callbacks with `endpoint`; mount it at your callback path.
///
/// Deferred work ([`ActionContext::defer`](super::ActionContext::defer)) is spawned on the Tokio
/// runtime once the response body has been handed to the connection, so a delayed card update
/// never races the answer it follows (reference §3.6).
///
/// ```no_run
/// use std::sync::Arc;
/// use card_runtime::callback::{axum::post_handler, CallbackConfig, CallbackEndpoint, Dispatcher, Handlers, Toast};
///
/// # async fn run() -> std::io::Result<()> {
/// let handlers = Handlers::new().fallback(|cx| async move { Toast::success(format!("got {}", cx.value())) });
/// let dispatcher = Dispatcher::new(handlers).expect("no two handlers take one click");
/// let endpoint = Arc::new(CallbackEndpoint::new(CallbackConfig::new("v-token").encrypt_key("e-key"), dispatcher));
/// let app = axum::Router::new().route("/feishu/callback", post_handler(endpoint));
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
/// card_runtime::callback::axum::serve(listener, app).await
/// # }
/// ```
pub fn post_handler<S>(endpoint: Arc<CallbackEndpoint>) -> MethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    post(move |headers: HeaderMap, body: Body| {
        let endpoint = Arc::clone(&endpoint);
        async move { respond(&endpoint, &headers, body).await }
    })
}

/// Answers one request with `endpoint` at the time of its config's
/// [clock](super::CallbackConfig::clock): the building block of [`post_handler`], for
/// handlers that do more around it.
///
/// The body must arrive within the endpoint's body deadline
/// ([`CallbackConfig::body_timeout`](super::CallbackConfig::body_timeout)), else the answer is
/// `408` with `Connection: close`; the deadline runs on Tokio's timer, which every runtime
/// built with `enable_all` (as `#[tokio::main]` does) has.
///
/// ```
/// use std::sync::Arc;
/// use axum::body::Body;
/// use axum::http::HeaderMap;
/// use card_runtime::callback::{axum::respond, CallbackConfig, CallbackEndpoint, Dispatcher, Handlers};
///
/// # let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
/// # rt.block_on(async {
/// let endpoint = CallbackEndpoint::new(CallbackConfig::new("t"), Dispatcher::new(Handlers::new()).unwrap());
/// let body = Body::from(r#"{"challenge":"c","token":"t","type":"url_verification"}"#);
/// let response = respond(&endpoint, &HeaderMap::new(), body).await;
/// assert_eq!(response.status(), 200);
/// # });
/// ```
pub async fn respond(endpoint: &CallbackEndpoint, headers: &HeaderMap, body: Body) -> Response {
    let limit = endpoint.max_body_bytes();
    // Reading one byte past the limit tells "too large" apart from "exactly the limit"
    // without buffering an unbounded body. The other way to fail is a broken connection,
    // whose answer nobody reads, so every failure is reported as the limit. The deadline
    // bounds how long a stalled body holds what it sent so far.
    let read = axum::body::to_bytes(body, limit.saturating_add(1));
    let bytes = match tokio::time::timeout(endpoint.body_timeout(), read).await {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(_)) => {
            return error_response(&CallbackError::TooLarge {
                size: limit.saturating_add(1),
                limit,
            });
        }
        Err(_) => {
            let mut response = error_response(&CallbackError::BodyTimeout);
            // The rest of the body may still come: the connection cannot carry another request.
            response.headers_mut().insert(
                header::CONNECTION,
                header::HeaderValue::from_static("close"),
            );
            return response;
        }
    };
    // Every header line goes to the core, which owns the rule for repeated and non-UTF-8
    // values; it ignores the headers it does not read.
    let request = headers
        .iter()
        .fold(CallbackRequest::new(&bytes), |request, (name, value)| {
            request.header_bytes(name.as_str(), value.as_bytes())
        });
    let (status, body, deferred) = endpoint.handle(&request).await.into_parts();
    json_response(status, Bytes::from(body), deferred)
}

fn error_response(err: &CallbackError) -> Response {
    let body = serde_json::json!({ "msg": err.public_message() }).to_string();
    json_response(err.status(), Bytes::from(body), Deferred::default())
}

fn json_response(status: u16, body: Bytes, deferred: Deferred) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = Body::new(ThenRun {
        data: Some(body),
        deferred: Some(deferred),
    });
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

/// A one-chunk body that spawns the deferred work when the server drops it, which hyper does
/// once the body has been written out (or the connection is gone).
struct ThenRun {
    data: Option<Bytes>,
    deferred: Option<Deferred>,
}

impl HttpBody for ThenRun {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Infallible>>> {
        Poll::Ready(
            self.data
                .take()
                .map(|data| Ok(http_body::Frame::data(data))),
        )
    }

    fn is_end_stream(&self) -> bool {
        self.data.is_none()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        let len = self.data.as_ref().map_or(0, |data| data.len() as u64);
        http_body::SizeHint::with_exact(len)
    }
}

impl Drop for ThenRun {
    fn drop(&mut self) {
        let Some(deferred) = self.deferred.take().filter(|d| !d.is_empty()) else {
            return;
        };
        // Without a runtime (the body dropped outside Tokio) there is nothing to run the work
        // on; the handler asked for it to run after the answer, so it is dropped with the
        // answer rather than run before it.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(deferred.run());
        }
    }
}
