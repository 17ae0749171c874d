//! The long connection, served (reference A.14): `POST /callback/ws/endpoint` hands out a
//! single-use WebSocket URL, `GET /ws/v2` upgrades it, and deliveries (clicks, user messages)
//! go to one connected client of the app, chosen at random, whose answer frame is awaited for
//! at most 3 s. Faults cover what a client must survive.

mod deliver;
mod socket;

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::{mpsc, oneshot};

pub use deliver::Delivered;
pub(crate) use socket::routes;

/// The `service_id` the URL carries and every frame echoes (the value seen in the wild).
const SERVICE_ID: i32 = 33_554_678;

/// The timing the gateway hands to clients (`ClientConfig`, seconds) and its own limits.
///
/// ```
/// use card_emulator::LongConnectionConfig;
/// let config = LongConnectionConfig { ping_interval: 2, ..LongConnectionConfig::default() };
/// assert_eq!(config.connection_limit, 50);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LongConnectionConfig {
    /// `PingInterval`, seconds. Default 120.
    pub ping_interval: i64,
    /// `ReconnectInterval`, seconds. Default 120.
    pub reconnect_interval: i64,
    /// `ReconnectNonce`, seconds. Default 30.
    pub reconnect_nonce: i64,
    /// `ReconnectCount`; -1 is forever. Default -1.
    pub reconnect_count: i64,
    /// Connections per app; one more is refused with 514/1000040350. Default 50 (the docs).
    pub connection_limit: usize,
    /// Seed of the choice of connection per delivery, for reproducible runs.
    pub seed: u64,
}

impl Default for LongConnectionConfig {
    fn default() -> Self {
        Self {
            ping_interval: 120,
            reconnect_interval: 120,
            reconnect_nonce: 30,
            reconnect_count: -1,
            connection_limit: 50,
            seed: 0x9e37_79b9_7f4a_7c15,
        }
    }
}

impl LongConnectionConfig {
    /// All four fields, always: the Python SDK crashes its ping loop on a missing one.
    pub(crate) fn client_config(&self) -> serde_json::Value {
        serde_json::json!({
            "ReconnectCount": self.reconnect_count,
            "ReconnectInterval": self.reconnect_interval.max(1),
            "ReconnectNonce": self.reconnect_nonce.max(0),
            "PingInterval": self.ping_interval.max(1),
        })
    }
}

/// A long-connection fault. [`DropConnections`](Self::DropConnections) and
/// [`Mute`](Self::Mute) act at once on every open connection; the others apply to the next
/// bootstrap, handshake or delivery.
///
/// ```
/// # async fn run() -> std::io::Result<()> {
/// use card_emulator::{Emulator, WsFault};
/// let emulator = Emulator::start().await?;
/// emulator.inject_ws(WsFault::Split { parts: 3 });
/// emulator.inject_ws(WsFault::DropConnections);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "fault", rename_all = "snake_case")]
#[non_exhaustive]
pub enum WsFault {
    /// Close every open connection abruptly (no close frame).
    DropConnections,
    /// Every open connection goes silent: no pongs, no frames, nothing read. Only a client
    /// watchdog notices.
    Mute,
    /// The next bootstrap answers code 1 (system busy, retryable).
    BootstrapBusy,
    /// The next handshake is refused with these `Handshake-*` headers (HTTP 403).
    RejectHandshake {
        /// `Handshake-Status` (514 auth failed, 403 forbidden).
        status: i64,
        /// `Handshake-Autherrcode` (1000040350: connection limit).
        code: i64,
        /// `Handshake-Msg`.
        msg: String,
    },
    /// The next delivery's payload goes out in this many parts, last part first.
    Split {
        /// Number of parts (at least 1).
        parts: usize,
    },
    /// The next delivery is a `type=card` frame instead of `type=event`.
    CardFrame,
    /// The next delivery's answer is held this long before it counts (past 3 s: a timeout).
    DelayAnswer {
        /// Milliseconds.
        ms: u64,
    },
    /// The next delivery's answer is ignored: the delivery times out.
    SkipAnswer,
}

/// What a connection's task is told to do.
#[derive(Debug)]
pub(crate) enum Out {
    Frame(Vec<u8>),
    Drop,
    Mute,
}

#[derive(Debug)]
struct Client {
    app_id: String,
    tx: mpsc::UnboundedSender<Out>,
}

#[derive(Debug, Default)]
pub(crate) struct Inner {
    config: LongConnectionConfig,
    /// Unused tickets and the app they were issued to; oldest first, bounded.
    tickets: VecDeque<(String, String)>,
    clients: HashMap<u64, Client>,
    answers: HashMap<String, oneshot::Sender<Vec<u8>>>,
    faults: VecDeque<WsFault>,
    next_id: u64,
    rng: u64,
}

/// The gateway's state, one per emulator.
#[derive(Debug, Default)]
pub(crate) struct Gateway {
    inner: Mutex<Inner>,
}

/// How many unused tickets are remembered: a client that bootstraps and never connects
/// costs bounded memory.
const MAX_TICKETS: usize = 1024;

impl Gateway {
    pub(crate) fn new() -> Self {
        let gateway = Self::default();
        gateway.configure(LongConnectionConfig::default());
        gateway
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn configure(&self, config: LongConnectionConfig) {
        let mut inner = self.lock();
        inner.config = config;
        inner.rng = config.seed | 1;
    }

    pub(crate) fn config(&self) -> LongConnectionConfig {
        self.lock().config
    }

    pub(crate) fn inject(&self, fault: WsFault) {
        let mut inner = self.lock();
        match fault {
            WsFault::DropConnections | WsFault::Mute => {
                for client in inner.clients.values() {
                    let out = if fault == WsFault::Mute {
                        Out::Mute
                    } else {
                        Out::Drop
                    };
                    let _ = client.tx.send(out);
                }
            }
            other => inner.faults.push_back(other),
        }
    }

    /// Removes and returns the first queued fault `pick` accepts.
    fn take_fault<T>(&self, pick: impl Fn(&WsFault) -> Option<T>) -> Option<T> {
        let mut inner = self.lock();
        let index = inner.faults.iter().position(|f| pick(f).is_some())?;
        inner.faults.remove(index).and_then(|f| pick(&f))
    }

    fn issue_ticket(&self, app_id: &str) -> String {
        let ticket = uuid::Uuid::new_v4().simple().to_string();
        let mut inner = self.lock();
        if inner.tickets.len() == MAX_TICKETS {
            inner.tickets.pop_front();
        }
        inner.tickets.push_back((ticket.clone(), app_id.to_owned()));
        ticket
    }

    /// Consumes a ticket: the app it was issued to.
    fn redeem(&self, ticket: &str) -> Option<String> {
        let mut inner = self.lock();
        let index = inner.tickets.iter().position(|(t, _)| t == ticket)?;
        inner.tickets.remove(index).map(|(_, app)| app)
    }

    /// Registers a connection unless the app is at its limit.
    fn register(&self, app_id: &str) -> Option<(u64, mpsc::UnboundedReceiver<Out>)> {
        let mut inner = self.lock();
        let open = inner
            .clients
            .values()
            .filter(|c| c.app_id == app_id)
            .count();
        if open >= inner.config.connection_limit {
            return None;
        }
        inner.next_id += 1;
        let id = inner.next_id;
        let (tx, rx) = mpsc::unbounded_channel();
        inner.clients.insert(
            id,
            Client {
                app_id: app_id.to_owned(),
                tx,
            },
        );
        Some((id, rx))
    }

    fn unregister(&self, id: u64) {
        self.lock().clients.remove(&id);
    }

    /// How many clients of `app_id` are connected.
    pub(crate) fn connections(&self, app_id: &str) -> usize {
        self.lock()
            .clients
            .values()
            .filter(|c| c.app_id == app_id)
            .count()
    }

    /// One connected client of the app, at random (xorshift on the configured seed), like
    /// Feishu's cluster mode.
    fn pick(&self, app_id: &str) -> Option<mpsc::UnboundedSender<Out>> {
        let mut inner = self.lock();
        let mut ids: Vec<u64> = inner
            .clients
            .iter()
            .filter(|(_, c)| c.app_id == app_id && !c.tx.is_closed())
            .map(|(id, _)| *id)
            .collect();
        if ids.is_empty() {
            return None;
        }
        ids.sort_unstable();
        let mut x = inner.rng;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        inner.rng = x;
        let id = ids[(x % ids.len() as u64) as usize];
        inner.clients.get(&id).map(|c| c.tx.clone())
    }

    fn expect_answer(&self, message_id: &str) -> oneshot::Receiver<Vec<u8>> {
        let (tx, rx) = oneshot::channel();
        self.lock().answers.insert(message_id.to_owned(), tx);
        rx
    }

    fn forget_answer(&self, message_id: &str) {
        self.lock().answers.remove(message_id);
    }

    /// An answer frame arrived; a late or unknown one is ignored.
    fn answered(&self, message_id: &str, payload: Vec<u8>) {
        if let Some(tx) = self.lock().answers.remove(message_id) {
            let _ = tx.send(payload);
        }
    }
}

/// The deadline Feishu gives a long-connection answer (reference A.9).
pub(crate) const ANSWER_DEADLINE: Duration = Duration::from_secs(3);

impl crate::EmulatorState {
    /// Sets the long-connection timing and limits; new bootstraps and pongs carry it.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// use card_emulator::{Emulator, LongConnectionConfig};
    /// let emulator = Emulator::start().await?;
    /// emulator.configure_long_connection(LongConnectionConfig { ping_interval: 1, ..Default::default() });
    /// # Ok(()) }
    /// ```
    pub fn configure_long_connection(&self, config: LongConnectionConfig) {
        self.gateway.configure(config);
    }

    /// Injects a long-connection fault (see [`WsFault`]).
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// use card_emulator::{Emulator, WsFault};
    /// let emulator = Emulator::start().await?;
    /// emulator.inject_ws(WsFault::SkipAnswer);
    /// # Ok(()) }
    /// ```
    pub fn inject_ws(&self, fault: WsFault) {
        self.gateway.inject(fault);
    }

    /// How many long connections the app has open.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// assert_eq!(emulator.long_connections(), 0);
    /// # Ok(()) }
    /// ```
    pub fn long_connections(&self) -> usize {
        self.gateway.connections(&self.app_id)
    }

    /// Delivers a raw event or callback payload over the app's long connection and waits for
    /// the answer (at most 3 s). `None` when no client is connected.
    ///
    /// ```no_run
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// let delivered = emulator.deliver_ws(br#"{"schema":"2.0"}"#).await;
    /// # Ok(()) }
    /// ```
    pub async fn deliver_ws(&self, payload: &[u8]) -> Option<Delivered> {
        self.gateway
            .deliver(&self.app_id, payload, self.now_ms())
            .await
    }
}
