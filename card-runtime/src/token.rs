//! The tenant access token cache and the `Secret` wrapper that keeps credentials out of logs.

use std::fmt;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::watch;

use crate::error::{Error, Result};

/// A credential (app secret, webhook signing secret, access token).
///
/// Its `Debug` shows only the length and it has no `Display`, so it cannot leak through
/// `{:?}` of a client, an error or a log line.
///
/// ```
/// use card_runtime::Secret;
///
/// let secret = Secret::new("s3cr3t");
/// assert_eq!(format!("{secret:?}"), "Secret(len:6)");
/// assert_eq!(secret.expose(), "s3cr3t");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    ///
    /// ```
    /// let secret = card_runtime::Secret::new(String::from("x"));
    /// # let _ = secret;
    /// ```
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The credential itself, for the one place that must send or hash it.
    ///
    /// ```
    /// assert_eq!(card_runtime::Secret::new("k").expose(), "k");
    /// ```
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret(len:{})", self.0.len())
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

/// Refresh this long before the server's expiry. Between the Go SDK's 3 min and the Python
/// SDK's 10 min; well under the 30 min within which Feishu starts handing out a new token.
pub(crate) const DEFAULT_MARGIN: Duration = Duration::from_secs(5 * 60);

/// The wait after a failed fetch before the next one, doubling per consecutive failure up to
/// [`MAX_BACKOFF`]. Calls in between get the failure at once instead of a request each.
const BASE_BACKOFF: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(30);

#[derive(Debug)]
struct Cached {
    token: Secret,
    expires_at: Duration,
    margin: Duration,
}

impl Cached {
    /// The token is used while more than `margin` of its life remains.
    fn is_fresh(&self, now: Duration) -> bool {
        self.expires_at.saturating_sub(now) > self.margin
    }
}

/// What a fetch ended with, shared by every caller that waited for it.
type Outcome = std::result::Result<Secret, Arc<Error>>;

#[derive(Debug, Default)]
struct State {
    cached: Option<Cached>,
    /// The fetch in flight; callers wait on its channel instead of fetching again.
    inflight: Option<watch::Receiver<Option<Outcome>>>,
    /// The last fetch's failure and the instant the next fetch may start.
    failure: Option<(Arc<Error>, Duration)>,
    consecutive_failures: u32,
}

/// The tenant access token, fetched once and shared by every clone of a client.
///
/// One fetch at a time (a single flight), run as its own task so that a caller giving up at
/// its deadline does not cancel it for the others. Its failure is handed to every waiter, and
/// the next fetch waits for a backoff: a hung or failing token endpoint costs each caller one
/// fetch's time at most and the endpoint a bounded number of requests.
#[derive(Debug)]
pub(crate) struct TokenCache {
    margin: Duration,
    state: Arc<Mutex<State>>,
    refreshes: Arc<AtomicU64>,
}

impl TokenCache {
    pub(crate) fn new(margin: Duration) -> Self {
        Self {
            margin,
            state: Arc::default(),
            refreshes: Arc::default(),
        }
    }

    /// The cached token, or the outcome of the fetch `fetch` starts (it returns the token and
    /// the `expire` seconds the server granted). `now` reads the client's clock.
    ///
    /// # Errors
    ///
    /// [`Error::Token`] with the fetch's failure, also during the backoff after it.
    pub(crate) async fn get<N, F, Fut>(&self, now: N, fetch: F) -> Result<Secret>
    where
        N: Fn() -> Duration + Clone + Send + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(Secret, u64)>> + Send + 'static,
    {
        // A fetch task that vanished without an outcome (its runtime shut down) is replaced by
        // this caller's fetch; the bound only matters if that one vanishes too.
        let mut fetch = Some(fetch);
        for _ in 0..3 {
            let mut receiver = {
                let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
                let at = now();
                if let Some(current) = state.cached.as_ref().filter(|c| c.is_fresh(at)) {
                    return Ok(current.token.clone());
                }
                // A fetch whose task was dropped with its runtime never answers: forget it, or
                // a client used from another runtime would wait on it forever.
                if state
                    .inflight
                    .as_ref()
                    .is_some_and(|inflight| inflight.has_changed().is_err())
                {
                    state.inflight = None;
                }
                if let Some(inflight) = &state.inflight {
                    inflight.clone()
                } else if let Some((error, _)) = state
                    .failure
                    .as_ref()
                    .filter(|(_, retry_at)| at < *retry_at)
                {
                    return Err(Error::Token(error.clone()));
                } else {
                    let Some(fetch) = fetch.take() else { break };
                    self.start(&mut state, at, fetch(), now.clone())
                }
            };
            // `wait_for` sees a value sent before it was called, so no outcome is missed.
            let outcome = match receiver.wait_for(Option::is_some).await {
                Ok(outcome) => outcome.clone(),
                Err(_) => continue,
            };
            match outcome {
                Some(Ok(token)) => return Ok(token),
                Some(Err(error)) => return Err(Error::Token(error)),
                None => continue,
            }
        }
        Err(Error::Deadline {
            maybe_delivered: false,
            last: None,
        })
    }

    /// Spawns `fetch`; its outcome goes into the cache and to every waiter.
    fn start<N, Fut>(
        &self,
        state: &mut State,
        requested_at: Duration,
        fetch: Fut,
        now: N,
    ) -> watch::Receiver<Option<Outcome>>
    where
        N: Fn() -> Duration + Send + 'static,
        Fut: Future<Output = Result<(Secret, u64)>> + Send + 'static,
    {
        let (sender, receiver) = watch::channel(None);
        state.inflight = Some(receiver.clone());
        let shared = self.state.clone();
        let refreshes = self.refreshes.clone();
        let margin = self.margin;
        tokio::spawn(async move {
            let result = fetch.await;
            let mut state = shared.lock().unwrap_or_else(PoisonError::into_inner);
            state.inflight = None;
            let outcome = match result {
                Ok((token, expire)) => {
                    let lifetime = Duration::from_secs(expire);
                    refreshes.fetch_add(1, Ordering::Relaxed);
                    state.cached = Some(Cached {
                        token: token.clone(),
                        // Expiry counts from before the request: the server's clock started no
                        // later. Saturating: `expire` is whatever the server sent.
                        expires_at: requested_at.saturating_add(lifetime),
                        // A server granting less than twice the margin would otherwise make
                        // every call refresh; use half the lifetime then.
                        margin: margin.min(lifetime / 2),
                    });
                    state.failure = None;
                    state.consecutive_failures = 0;
                    Ok(token)
                }
                Err(error) => {
                    let error = Arc::new(error);
                    let backoff = BASE_BACKOFF
                        .saturating_mul(1u32 << state.consecutive_failures.min(16))
                        .min(MAX_BACKOFF);
                    state.consecutive_failures = state.consecutive_failures.saturating_add(1);
                    // The backoff runs from when the failure was known, read from the same
                    // clock the callers use, so tests can advance it instead of sleeping.
                    state.failure = Some((error.clone(), now().saturating_add(backoff)));
                    Err(error)
                }
            };
            drop(state);
            // No receiver left is fine: the outcome is in the cache.
            let _ = sender.send(Some(outcome));
        });
        receiver
    }

    /// Forgets `rejected` if it is still the cached token. Comparing first means a thousand
    /// calls failing with the same stale token cause one refresh, not a thousand.
    pub(crate) fn invalidate(&self, rejected: &Secret) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if state.cached.as_ref().is_some_and(|c| &c.token == rejected) {
            state.cached = None;
        }
    }

    /// How many tokens have been fetched so far.
    pub(crate) fn refreshes(&self) -> u64 {
        self.refreshes.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::{BASE_BACKOFF, Secret, TokenCache};
    use crate::error::Error;
    use crate::reliability::clock::Clock;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::time::Duration;

    const S: Duration = Duration::from_secs(1);

    fn now_of(clock: &Clock) -> impl Fn() -> Duration + Clone + Send + 'static {
        let clock = clock.clone();
        move || clock.now()
    }

    fn fetch(
        name: &'static str,
        expire: u64,
    ) -> impl FnOnce() -> std::future::Ready<crate::Result<(Secret, u64)>> {
        move || std::future::ready(Ok((Secret::new(name), expire)))
    }

    #[tokio::test]
    async fn reuses_until_margin_then_refreshes() {
        let cache = TokenCache::new(300 * S);
        let clock = Clock::system();
        let get = |f| cache.get(now_of(&clock), f);
        assert_eq!(get(fetch("t-1", 7200)).await.unwrap().expose(), "t-1");
        clock.advance(6899 * S);
        assert_eq!(get(fetch("t-2", 7200)).await.unwrap().expose(), "t-1");
        clock.advance(S);
        assert_eq!(get(fetch("t-2", 7200)).await.unwrap().expose(), "t-2");
        assert_eq!(cache.refreshes(), 2);
    }

    #[tokio::test]
    async fn short_lifetimes_use_half_as_margin_and_invalidate_matches_token() {
        let cache = TokenCache::new(300 * S);
        let clock = Clock::system();
        let get = |f| cache.get(now_of(&clock), f);
        get(fetch("t-1", 60)).await.unwrap();
        assert_eq!(get(fetch("t-2", 60)).await.unwrap().expose(), "t-1");
        cache.invalidate(&Secret::new("t-other"));
        assert_eq!(get(fetch("t-2", 60)).await.unwrap().expose(), "t-1");
        cache.invalidate(&Secret::new("t-1"));
        assert_eq!(get(fetch("t-2", 60)).await.unwrap().expose(), "t-2");
    }

    #[tokio::test]
    async fn an_absurd_expire_is_a_long_life_not_a_panic() {
        let cache = TokenCache::new(300 * S);
        let clock = Clock::system();
        cache
            .get(now_of(&clock), fetch("t-1", u64::MAX))
            .await
            .unwrap();
        let again = cache.get(now_of(&clock), fetch("t-2", 7200)).await;
        assert_eq!(again.unwrap().expose(), "t-1");
    }

    #[tokio::test]
    async fn a_failure_is_shared_and_the_next_fetch_waits_for_the_backoff() {
        let cache = TokenCache::new(300 * S);
        let clock = Clock::system();
        let fetches = Arc::new(AtomicU32::new(0));
        let failing = || {
            let fetches = fetches.clone();
            move || async move {
                fetches.fetch_add(1, Ordering::Relaxed);
                Err(Error::NotShared)
            }
        };
        for _ in 0..50 {
            let err = cache.get(now_of(&clock), failing()).await.unwrap_err();
            assert!(matches!(&err, Error::Token(cause) if matches!(**cause, Error::NotShared)));
        }
        assert_eq!(
            fetches.load(Ordering::Relaxed),
            1,
            "one fetch, then the backoff"
        );
        clock.advance(BASE_BACKOFF);
        cache.get(now_of(&clock), failing()).await.unwrap_err();
        assert_eq!(fetches.load(Ordering::Relaxed), 2);
        // The second consecutive failure doubles the backoff.
        clock.advance(BASE_BACKOFF);
        cache.get(now_of(&clock), failing()).await.unwrap_err();
        assert_eq!(fetches.load(Ordering::Relaxed), 2);
        clock.advance(BASE_BACKOFF);
        let token = cache.get(now_of(&clock), fetch("t-1", 7200)).await.unwrap();
        assert_eq!(token.expose(), "t-1");
    }

    #[test]
    fn a_fetch_dropped_with_its_runtime_does_not_block_the_next_runtime() {
        let cache = TokenCache::new(300 * S);
        let clock = Clock::system();
        let first = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let hung = || std::future::pending::<crate::Result<(Secret, u64)>>();
        first.block_on(async {
            let waiting = cache.get(now_of(&clock), hung);
            // The fetch task is spawned and the caller gives up.
            let _ = tokio::time::timeout(Duration::from_millis(10), waiting).await;
        });
        drop(first);
        let second = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let token = second.block_on(cache.get(now_of(&clock), fetch("t-2", 7200)));
        assert_eq!(token.unwrap().expose(), "t-2");
    }

    #[test]
    fn secret_debug_is_redacted() {
        assert_eq!(format!("{:?}", Secret::new("abc")), "Secret(len:3)");
    }
}
