//! The connection's life: dial (bootstrap, TCP, TLS, upgrade), the session loop (pings,
//! watchdog, frames, answers) and the reconnect policy around it (reference A.3, A.7, A.10).

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures_util::{SinkExt as _, StreamExt as _};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, watch};
use tokio::time::{Instant, sleep, sleep_until, timeout};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{self, Message};

use super::bootstrap;
use super::client::{ConnectionState, LongConnection};
use super::config::ServerConfig;
use super::error::WsError;
use super::frame::{Frame, METHOD_CONTROL, METHOD_DATA, keys};
use super::handler::{Answer, Delivery, FrameKind, Handler};
use super::reassembly::Reassembly;

pub(super) trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

pub(super) type Socket = WebSocketStream<Box<dyn Io>>;

pub(super) struct Shared {
    pub(super) conf: LongConnection,
    pub(super) http: reqwest::Client,
    pub(super) tls: Arc<rustls::ClientConfig>,
    pub(super) server: Mutex<ServerConfig>,
    pub(super) state: watch::Sender<ConnectionState>,
}

impl Shared {
    fn server(&self) -> ServerConfig {
        *self.server.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn set_state(&self, state: ConnectionState) {
        self.state.send_replace(state);
        if let Some(hook) = &self.conf.hook {
            hook(state);
        }
    }

    /// Bootstrap, then TCP, TLS for `wss`, and the upgrade.
    pub(super) async fn dial(&self) -> Result<(Socket, i32), WsError> {
        let conf = &self.conf;
        let endpoint =
            bootstrap::fetch(&self.http, &conf.base_url, &conf.app_id, &conf.app_secret).await?;
        if let Some(wire) = &endpoint.config {
            self.server
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .apply(wire);
        }
        let url = &endpoint.url;
        let host = url
            .host_str()
            .ok_or_else(|| WsError::BadEndpoint("URL has no host".into()))?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let port = url
            .port_or_known_default()
            .ok_or_else(|| WsError::BadEndpoint("URL has no port".into()))?;
        let tcp = timeout(
            conf.connect_timeout,
            TcpStream::connect((host.as_str(), port)),
        )
        .await
        .map_err(|_| WsError::Transport("TCP connect timed out".into()))?
        .map_err(|err| WsError::Transport(format!("TCP connect: {err}")))?;
        // Answers are small and latency-bound.
        let _ = tcp.set_nodelay(true);
        let stream: Box<dyn Io> = if url.scheme() == "wss" {
            let name = rustls::pki_types::ServerName::try_from(host)
                .map_err(|err| WsError::BadEndpoint(format!("TLS server name: {err}")))?;
            let tls = tokio_rustls::TlsConnector::from(Arc::clone(&self.tls));
            let stream = timeout(conf.connect_timeout, tls.connect(name, tcp))
                .await
                .map_err(|_| WsError::Transport("TLS handshake timed out".into()))?
                .map_err(|err| WsError::Transport(format!("TLS: {err}")))?;
            Box::new(stream)
        } else {
            Box::new(tcp)
        };
        // A frame holds at most one part, itself at most one message.
        let max = conf.limits.max_message_bytes.saturating_add(64 << 10);
        let ws_config = WebSocketConfig::default()
            .max_message_size(Some(max))
            .max_frame_size(Some(max));
        let (socket, _) = timeout(
            conf.connect_timeout,
            tokio_tungstenite::client_async_with_config(url.as_str(), stream, Some(ws_config)),
        )
        .await
        .map_err(|_| WsError::Transport("WebSocket upgrade timed out".into()))?
        .map_err(handshake_error)?;
        Ok((socket, endpoint.service_id))
    }
}

/// Reads the `Handshake-*` headers of a refused upgrade (reference A.3).
fn handshake_error(err: tungstenite::Error) -> WsError {
    let tungstenite::Error::Http(response) = err else {
        return WsError::Transport(format!("WebSocket upgrade: {err}"));
    };
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let number = |name: &str| header(name).and_then(|v| v.trim().parse::<i64>().ok());
    WsError::Handshake {
        status: number("handshake-status"),
        code: number("handshake-autherrcode"),
        msg: header("handshake-msg").unwrap_or_else(|| format!("HTTP {}", response.status())),
    }
}

/// Why a session ended.
enum End {
    Closed,
    Lost(String),
}

pub(super) async fn run<H: Handler>(
    shared: Arc<Shared>,
    handler: Arc<H>,
    mut socket: Option<(Socket, i32)>,
    mut close: watch::Receiver<bool>,
) -> Result<(), WsError> {
    // `start` reported the first connection when it made one; the others are reported here.
    let mut reconnected = socket.is_none();
    loop {
        if let Some((ws, service)) = socket.take() {
            if reconnected {
                shared.set_state(ConnectionState::Connected);
            }
            reconnected = true;
            match session(&shared, &handler, ws, service, &mut close).await {
                End::Closed => {
                    shared.set_state(ConnectionState::Closed);
                    return Ok(());
                }
                End::Lost(reason) => {
                    tracing::warn!(%reason, "long connection lost");
                    shared.set_state(ConnectionState::Disconnected);
                }
            }
        }
        match reconnect(&shared, &mut close).await {
            Ok(Some(next)) => socket = Some(next),
            Ok(None) => {
                shared.set_state(ConnectionState::Closed);
                return Ok(());
            }
            Err(err) => {
                shared.set_state(ConnectionState::Closed);
                return Err(err);
            }
        }
    }
}

/// One reconnect sequence: a random wait in `[0, ReconnectNonce)` once, then attempts every
/// `ReconnectInterval`, at most `ReconnectCount` of them. No exponential backoff, like every
/// SDK: the server sets the pace. `Ok(None)` means closed meanwhile.
async fn reconnect(
    shared: &Shared,
    close: &mut watch::Receiver<bool>,
) -> Result<Option<(Socket, i32)>, WsError> {
    let config = shared.server();
    shared.set_state(ConnectionState::Reconnecting { attempt: 0 });
    let jitter = config.reconnect_nonce.mul_f64(rand::random::<f64>());
    if closed_during(close, jitter).await {
        return Ok(None);
    }
    let mut attempt = 0;
    loop {
        attempt += 1;
        shared.set_state(ConnectionState::Reconnecting { attempt });
        let err = tokio::select! {
            biased;
            _ = wait_closed(close) => return Ok(None),
            dialed = shared.dial() => match dialed {
                Ok(socket) => return Ok(Some(socket)),
                Err(err) => err,
            },
        };
        if err.is_fatal() {
            return Err(err);
        }
        tracing::warn!(error = %err, attempt, "long connection: reconnect failed");
        // Re-read: a bootstrap answer may have changed the policy.
        let config = shared.server();
        if config.reconnect_count.is_some_and(|count| attempt >= count) {
            return Err(WsError::GaveUp {
                attempts: attempt,
                last: Box::new(err),
            });
        }
        if closed_during(close, config.reconnect_interval).await {
            return Ok(None);
        }
    }
}

async fn wait_closed(close: &mut watch::Receiver<bool>) {
    // A dropped sender (the Connection dropped) does not mean close: keep serving.
    if close.wait_for(|closed| *closed).await.is_err() {
        std::future::pending::<()>().await;
    }
}

async fn closed_during(close: &mut watch::Receiver<bool>, wait: Duration) -> bool {
    tokio::select! {
        _ = wait_closed(close) => true,
        () = sleep(wait) => false,
    }
}

async fn session<H: Handler>(
    shared: &Shared,
    handler: &Arc<H>,
    ws: Socket,
    service: i32,
    close: &mut watch::Receiver<bool>,
) -> End {
    let limits = shared.conf.limits;
    let (mut sink, mut stream) = ws.split();
    let (answers_tx, mut answers) = mpsc::channel::<Frame>(256);
    let mut reassembly = Reassembly::new(limits);
    // Every SDK pings right after connecting.
    let mut next_ping = Instant::now();
    let mut last_inbound = Instant::now();
    loop {
        let silent_after = shared.server().ping_interval + limits.watchdog_grace;
        tokio::select! {
            biased;
            _ = wait_closed(close) => {
                // Answers of handlers already running still go out (bounded by the answer
                // deadline): a click handled just before the close is not left unanswered.
                drop(answers_tx);
                let deadline = Instant::now() + limits.answer_within + Duration::from_millis(250);
                while let Ok(Some(answer)) = tokio::time::timeout_at(deadline, answers.recv()).await {
                    if sink.send(Message::binary(answer.encode())).await.is_err() {
                        break;
                    }
                }
                let _ = sink.send(Message::Close(None)).await;
                // Give the server a moment to acknowledge; a close need not be lost work.
                let _ = timeout(Duration::from_secs(1), async {
                    while let Some(Ok(message)) = stream.next().await {
                        if message.is_close() { break; }
                    }
                }).await;
                return End::Closed;
            }
            Some(answer) = answers.recv() => {
                if let Err(err) = sink.send(Message::binary(answer.encode())).await {
                    return End::Lost(format!("sending an answer: {err}"));
                }
            }
            () = sleep_until(next_ping) => {
                let ping = Frame::control(service, "ping");
                if let Err(err) = sink.send(Message::binary(ping.encode())).await {
                    return End::Lost(format!("sending a ping: {err}"));
                }
                next_ping = Instant::now() + shared.server().ping_interval;
            }
            () = sleep_until(last_inbound + silent_after) => {
                return End::Lost(format!("nothing received for {silent_after:?}"));
            }
            message = stream.next() => {
                let message = match message {
                    None => return End::Lost("connection closed".into()),
                    Some(Err(err)) => return End::Lost(format!("reading: {err}")),
                    Some(Ok(message)) => message,
                };
                last_inbound = Instant::now();
                match message {
                    Message::Binary(bytes) => {
                        on_frame(shared, handler, &bytes, &mut reassembly, &answers_tx);
                    }
                    Message::Close(_) => return End::Lost("closed by the server".into()),
                    // WebSocket-level pings are answered by tungstenite on the next write.
                    Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => {}
                    Message::Text(_) => tracing::warn!("long connection: text message ignored"),
                }
            }
        }
    }
}

fn on_frame<H: Handler>(
    shared: &Shared,
    handler: &Arc<H>,
    bytes: &[u8],
    reassembly: &mut Reassembly,
    answers: &mpsc::Sender<Frame>,
) {
    let frame = match Frame::decode(bytes) {
        Ok(frame) => frame,
        Err(err) => {
            tracing::warn!(error = %err, "long connection: undecodable frame");
            return;
        }
    };
    match (frame.method, frame.header(keys::TYPE)) {
        (METHOD_CONTROL, Some("pong")) => {
            if let Some(payload) = frame.payload.as_deref().filter(|p| !p.is_empty()) {
                shared
                    .server
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .apply_json(payload);
            }
        }
        (METHOD_DATA, Some(kind @ ("event" | "card"))) => {
            let kind = if kind == "event" {
                FrameKind::Event
            } else {
                FrameKind::Card
            };
            let number = |key| {
                frame
                    .header(key)
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(0)
            };
            let (sum, seq) = (number(keys::SUM), number(keys::SEQ));
            let message_id = frame.header(keys::MESSAGE_ID).unwrap_or("").to_owned();
            let payload = frame.payload.clone().unwrap_or_default();
            let now = std::time::Instant::now();
            match reassembly.add(&message_id, sum, seq, payload, now) {
                Ok(Some(payload)) => {
                    let delivery = Delivery {
                        kind,
                        message_id,
                        payload,
                    };
                    answer(
                        Arc::clone(handler),
                        delivery,
                        frame,
                        shared.conf.limits.answer_within,
                        answers.clone(),
                    );
                }
                Ok(None) => {}
                Err(dropped) => {
                    tracing::warn!(?dropped, %message_id, "long connection: message part dropped");
                }
            }
        }
        // Server pings and unknown control frames need no answer.
        _ => {}
    }
}

/// Runs the handler and sends the answer frame: the handler's within `deadline`, else `{}` at
/// the deadline while the handler finishes detached (its deferred work still runs).
fn answer<H: Handler>(
    handler: Arc<H>,
    delivery: Delivery,
    frame: Frame,
    deadline: Duration,
    answers: mpsc::Sender<Frame>,
) {
    tokio::spawn(async move {
        let started = Instant::now();
        let mut job = tokio::spawn(handler.handle(delivery));
        let (answer, late) = match timeout(deadline, &mut job).await {
            Ok(Ok(answer)) => (answer, None),
            Ok(Err(err)) => {
                tracing::error!(error = %err, "long connection: handler panicked");
                (Answer::failed(), None)
            }
            Err(_) => {
                tracing::warn!(?deadline, "long connection: handler slow, answered {{}}");
                (Answer::empty(), Some(job))
            }
        };
        let mut ack = frame;
        let elapsed = started.elapsed().as_millis();
        ack.headers
            .push((keys::BIZ_RT.to_owned(), elapsed.to_string()));
        ack.payload = Some(answer.payload());
        // A lost connection drops the answer; Feishu then redelivers an event.
        let _ = answers.send(ack).await;
        // Released before the deferred work: a graceful close waits for answers, not for it.
        drop(answers);
        if let Some(work) = answer.deferred {
            work.await;
        }
        if let Some(job) = late {
            if let Ok(Answer {
                deferred: Some(work),
                ..
            }) = job.await
            {
                work.await;
            }
        }
    });
}
