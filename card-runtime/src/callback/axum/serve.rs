//! Serving an axum router with the bounds a public callback URL needs: a deadline for each
//! request's headers (which also ends idle keep-alive connections) and a cap on open
//! connections. The body deadline lives with the body reading, in [`super::respond`].

use std::future::{Future, IntoFuture};
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// Default time a client has to send a request's headers, counted from when the server starts
/// waiting for them: on a new connection, and again after each answer on a kept-alive one, so
/// it is also how long an idle connection stays open. 10 seconds.
///
/// ```
/// use card_runtime::callback::axum::DEFAULT_HEADER_READ_TIMEOUT;
/// assert_eq!(DEFAULT_HEADER_READ_TIMEOUT.as_secs(), 10);
/// ```
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Default cap on connections served at once: 256. With the default 1 MiB body limit a stalled
/// body holds at most that much until its deadline, so the cap bounds that memory too.
///
/// ```
/// use card_runtime::callback::axum::DEFAULT_MAX_CONNECTIONS;
/// assert_eq!(DEFAULT_MAX_CONNECTIONS, 256);
/// ```
pub const DEFAULT_MAX_CONNECTIONS: usize = 256;

/// The largest read buffer per connection; request heads beyond it are refused (`431`). Feishu's
/// headers are well under 8 KiB.
const MAX_READ_BUFFER: usize = 64 * 1024;

/// Serves `router` on `listener` over HTTP/1.1 with deadlines and a connection cap; await it
/// (it runs until the task is dropped). Configure before awaiting:
/// [`header_read_timeout`](Serve::header_read_timeout) and
/// [`max_connections`](Serve::max_connections). The body deadline is the endpoint's
/// ([`CallbackConfig::body_timeout`](crate::callback::CallbackConfig::body_timeout)), applied
/// by [`post_handler`](super::post_handler) and [`respond`](super::respond); other routes on
/// the same router read their bodies without it, so give them their own (a tower-http
/// `TimeoutLayer`, say).
///
/// ```no_run
/// use std::sync::Arc;
/// use std::time::Duration;
/// use card_runtime::callback::axum::{post_handler, serve};
/// use card_runtime::callback::{CallbackConfig, CallbackEndpoint, Dispatcher, Handlers};
///
/// # async fn run() -> std::io::Result<()> {
/// let endpoint = Arc::new(CallbackEndpoint::new(CallbackConfig::new("v-token"), Dispatcher::new(Handlers::new()).unwrap()));
/// let app = axum::Router::new().route("/feishu/callback", post_handler(endpoint));
/// let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await?;
/// serve(listener, app)
///     .header_read_timeout(Duration::from_secs(5))
///     .max_connections(512)
///     .await
/// # }
/// ```
pub fn serve(listener: TcpListener, router: axum::Router) -> Serve {
    Serve {
        listener,
        router,
        header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
        max_connections: DEFAULT_MAX_CONNECTIONS,
    }
}

/// A server being configured; see [`serve`].
///
/// ```no_run
/// # async fn run(listener: tokio::net::TcpListener, app: axum::Router) -> std::io::Result<()> {
/// card_runtime::callback::axum::serve(listener, app).max_connections(64).await
/// # }
/// ```
#[must_use = "a server does nothing until awaited"]
#[derive(Debug)]
pub struct Serve {
    listener: TcpListener,
    router: axum::Router,
    header_read_timeout: Duration,
    max_connections: usize,
}

impl Serve {
    /// Sets how long a client may take to send a request's headers, and so how long a
    /// kept-alive connection may sit idle. Default: [`DEFAULT_HEADER_READ_TIMEOUT`].
    ///
    /// ```no_run
    /// # async fn run(listener: tokio::net::TcpListener, app: axum::Router) -> std::io::Result<()> {
    /// use std::time::Duration;
    /// card_runtime::callback::axum::serve(listener, app)
    ///     .header_read_timeout(Duration::from_secs(3))
    ///     .await
    /// # }
    /// ```
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    /// Sets how many connections are served at once (at least one). Further clients wait in
    /// the listener's backlog until a connection closes. Default: [`DEFAULT_MAX_CONNECTIONS`].
    ///
    /// ```no_run
    /// # async fn run(listener: tokio::net::TcpListener, app: axum::Router) -> std::io::Result<()> {
    /// card_runtime::callback::axum::serve(listener, app).max_connections(32).await
    /// # }
    /// ```
    pub fn max_connections(mut self, max: usize) -> Self {
        self.max_connections = max.max(1);
        self
    }

    async fn run(self) -> io::Result<()> {
        let mut http = http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(self.header_read_timeout)
            .max_buf_size(MAX_READ_BUFFER);
        let http = Arc::new(http);
        let slots = Arc::new(Semaphore::new(self.max_connections));
        loop {
            // Taken before accepting: past the cap, clients wait in the kernel's backlog
            // instead of costing memory here.
            let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
                return Ok(()); // never closed; ends the loop if it ever were
            };
            let stream = match self.listener.accept().await {
                Ok((stream, _)) => stream,
                Err(err) if is_connection_error(&err) => continue,
                Err(err) => {
                    // Out of file descriptors and the like: wait a little instead of
                    // spinning a core on an error that persists for a while.
                    tracing::warn!(error = %err, "accepting a callback connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            };
            // Small answers go out at once rather than waiting for more bytes to coalesce.
            let _ = stream.set_nodelay(true);
            let service = TowerToHyperService::new(self.router.clone());
            let http = Arc::clone(&http);
            tokio::spawn(async move {
                // A connection ends in an error for every timeout and every client that goes
                // away; none of them concerns the server.
                let _ = http.serve_connection(TokioIo::new(stream), service).await;
                drop(slot);
            });
        }
    }
}

impl IntoFuture for Serve {
    type Output = io::Result<()>;
    type IntoFuture = Pin<Box<dyn Future<Output = io::Result<()>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

fn is_connection_error(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}
