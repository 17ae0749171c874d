//! The tenant access token cache and the `Secret` wrapper that keeps credentials out of logs.

use std::fmt;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::error::Result;

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

/// The tenant access token, fetched once and shared by every clone of a client.
///
/// The lock is held across the refresh (a single flight): under any concurrency one caller
/// fetches and the others wait for its token instead of fetching their own.
#[derive(Debug)]
pub(crate) struct TokenCache {
    margin: Duration,
    cached: tokio::sync::Mutex<Option<Cached>>,
    refreshes: AtomicU64,
}

impl TokenCache {
    pub(crate) fn new(margin: Duration) -> Self {
        Self {
            margin,
            cached: tokio::sync::Mutex::new(None),
            refreshes: AtomicU64::new(0),
        }
    }

    /// The cached token, or a new one from `fetch` (which returns the token and the `expire`
    /// seconds the server granted). `now` reads the client's clock.
    pub(crate) async fn get<F, Fut>(&self, now: impl Fn() -> Duration, fetch: F) -> Result<Secret>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(Secret, u64)>>,
    {
        let mut cached = self.cached.lock().await;
        if let Some(current) = cached.as_ref().filter(|c| c.is_fresh(now())) {
            return Ok(current.token.clone());
        }
        // Expiry counts from before the request: the server's clock started no later.
        let requested_at = now();
        let (token, expire) = fetch().await?;
        let lifetime = Duration::from_secs(expire);
        self.refreshes.fetch_add(1, Ordering::Relaxed);
        *cached = Some(Cached {
            token: token.clone(),
            // Saturating: `expire` is whatever the server sent.
            expires_at: requested_at.saturating_add(lifetime),
            // A server granting less than twice the margin would otherwise make every call
            // refresh; use half the lifetime then.
            margin: self.margin.min(lifetime / 2),
        });
        Ok(token)
    }

    /// Forgets `rejected` if it is still the cached token. Comparing first means a thousand
    /// calls failing with the same stale token cause one refresh, not a thousand.
    pub(crate) async fn invalidate(&self, rejected: &Secret) {
        let mut cached = self.cached.lock().await;
        if cached.as_ref().is_some_and(|c| &c.token == rejected) {
            *cached = None;
        }
    }

    /// How many tokens have been fetched so far.
    pub(crate) fn refreshes(&self) -> u64 {
        self.refreshes.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::{Secret, TokenCache};
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::Duration;

    const S: Duration = Duration::from_secs(1);

    #[tokio::test]
    async fn reuses_until_margin_then_refreshes() {
        let cache = TokenCache::new(300 * S);
        let now = AtomicU64::new(0);
        let clock = || Duration::from_secs(now.load(Ordering::Relaxed));
        let fetch = |name: &'static str| move || async move { Ok((Secret::new(name), 7200)) };
        assert_eq!(
            cache.get(clock, fetch("t-1")).await.unwrap().expose(),
            "t-1"
        );
        now.store(6899, Ordering::Relaxed);
        assert_eq!(
            cache.get(clock, fetch("t-2")).await.unwrap().expose(),
            "t-1"
        );
        now.store(6900, Ordering::Relaxed);
        assert_eq!(
            cache.get(clock, fetch("t-2")).await.unwrap().expose(),
            "t-2"
        );
        assert_eq!(cache.refreshes(), 2);
    }

    #[tokio::test]
    async fn short_lifetimes_use_half_as_margin_and_invalidate_matches_token() {
        let cache = TokenCache::new(300 * S);
        let clock = || Duration::ZERO;
        let fetch = |name: &'static str| move || async move { Ok((Secret::new(name), 60)) };
        cache.get(clock, fetch("t-1")).await.unwrap();
        assert_eq!(
            cache.get(clock, fetch("t-2")).await.unwrap().expose(),
            "t-1"
        );
        cache.invalidate(&Secret::new("t-other")).await;
        assert_eq!(
            cache.get(clock, fetch("t-2")).await.unwrap().expose(),
            "t-1"
        );
        cache.invalidate(&Secret::new("t-1")).await;
        assert_eq!(
            cache.get(clock, fetch("t-2")).await.unwrap().expose(),
            "t-2"
        );
    }

    #[tokio::test]
    async fn an_absurd_expire_is_a_long_life_not_a_panic() {
        let cache = TokenCache::new(300 * S);
        let clock = || Duration::from_secs(1_700_000_000);
        let fetch = |name: &'static str| move || async move { Ok((Secret::new(name), u64::MAX)) };
        cache.get(clock, fetch("t-1")).await.unwrap();
        assert_eq!(
            cache.get(clock, fetch("t-2")).await.unwrap().expose(),
            "t-1"
        );
    }

    #[test]
    fn secret_debug_is_redacted() {
        assert_eq!(format!("{:?}", Secret::new("abc")), "Secret(len:3)");
    }
}
