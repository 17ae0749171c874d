//! When and how long to wait before retrying a failed call.

use std::time::Duration;

use crate::error::Error;

/// The longest wait a rate-limit answer's `x-ogw-ratelimit-reset` can impose on one retry:
/// Feishu's longest window is a minute. A reset of an hour is waited for a minute at a time,
/// so the retries stay far inside the hour for which Feishu dedupes a `uuid`.
pub(crate) const MAX_RESET_WAIT: Duration = Duration::from_secs(60);

/// Whether repeating a request can apply it twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Idempotency {
    /// Repeats are harmless (a `uuid` dedupes sends; PATCH sets the same content): retry any
    /// transient failure, including timeouts after which the server may have acted.
    Safe,
    /// Repeats may act twice (the webhook has no idempotency key; a delayed-update token has
    /// two uses): retry only failures where the server surely did nothing (rate limits,
    /// connection refused).
    Unsafe,
}

/// Exponential backoff with jitter for transient failures.
///
/// A call is retried on rate limits (HTTP 429 / code 99991400, honouring
/// `x-ogw-ratelimit-reset` up to a minute per wait; per-chat code 230020), HTTP 5xx,
/// connection errors, timeouts, answers cut off mid-body and failed token fetches,
/// and never on errors a retry cannot fix (a bad card, a missing permission). Retry `n` (from
/// 0) waits a random duration in `[d/2, d]` with `d = min(base_delay * 2^n, max_delay)`.
/// Defaults: 5 retries, 200 ms base, 10 s cap.
///
/// ```
/// use std::time::Duration;
/// use card_runtime::RetryPolicy;
///
/// let policy = RetryPolicy::default()
///     .max_retries(3)
///     .base_delay(Duration::from_millis(50))
///     .max_delay(Duration::from_secs(2));
/// # let _ = policy;
/// ```
#[derive(Clone, Debug)]
pub struct RetryPolicy {
    pub(crate) max_retries: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 5,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// No retries at all (the token-invalid refresh-and-retry-once still happens).
    ///
    /// ```
    /// let policy = card_runtime::RetryPolicy::none();
    /// # let _ = policy;
    /// ```
    pub fn none() -> Self {
        Self::default().max_retries(0)
    }

    /// How many times one logical call is retried after its first attempt. Default is 5.
    ///
    /// ```
    /// let policy = card_runtime::RetryPolicy::default().max_retries(10);
    /// # let _ = policy;
    /// ```
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The first retry's nominal delay. Default is 200 ms.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let policy = card_runtime::RetryPolicy::default().base_delay(Duration::from_millis(10));
    /// # let _ = policy;
    /// ```
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest nominal delay between two attempts. Default is 10 s.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let policy = card_runtime::RetryPolicy::default().max_delay(Duration::from_secs(1));
    /// # let _ = policy;
    /// ```
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The wait before retry number `retry` for `err`, or `None` when it must not be retried.
    pub(crate) fn delay(
        &self,
        err: &Error,
        retry: u32,
        idempotency: Idempotency,
    ) -> Option<Duration> {
        if retry >= self.max_retries {
            return None;
        }
        let safe = idempotency == Idempotency::Safe;
        match err {
            Error::Api(api) if api.is_rate_limited() => Some(
                api.retry_after
                    .map_or_else(|| self.backoff(retry), |reset| reset.min(MAX_RESET_WAIT)),
            ),
            Error::Api(api) if safe && (500..600).contains(&api.status) => {
                Some(self.backoff(retry))
            }
            Error::Http(http) if http.is_connect() => Some(self.backoff(retry)),
            Error::Http(http)
                if safe && (http.is_timeout() || http.is_request() || http.is_body()) =>
            {
                Some(self.backoff(retry))
            }
            // An answer cut off mid-body: with a uuid the server dedupes the repeat.
            Error::Truncated(_) if safe => Some(self.backoff(retry)),
            // No token means nothing was sent, so any call may retry a transient cause; the
            // token cache's own backoff keeps the endpoint from being hammered meanwhile.
            Error::Token(cause) => self.delay(cause, retry, Idempotency::Safe),
            _ => None,
        }
    }

    /// The wait before retry number `retry` (0-based).
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let nominal = self
            .base_delay
            .saturating_mul(1u32.checked_shl(retry.min(31)).unwrap_or(u32::MAX))
            .min(self.max_delay);
        // "Equal jitter": never less than half the nominal delay (so backoff still grows),
        // randomised above that so many clients hit by one 5xx burst do not retry in lockstep.
        let half = nominal / 2;
        half + half.mul_f64(rand::random::<f64>())
    }
}

#[cfg(test)]
mod tests {
    use super::{Idempotency, MAX_RESET_WAIT, RetryPolicy};
    use crate::error::{ApiError, Error};
    use std::time::Duration;

    #[test]
    fn an_hour_long_reset_is_waited_a_minute_at_most() {
        let err = Error::Api(ApiError {
            code: 99_991_400,
            msg: String::new(),
            log_id: None,
            status: 429,
            retry_after: Some(Duration::from_secs(3600)),
        });
        let delay = RetryPolicy::default().delay(&err, 0, Idempotency::Safe);
        assert_eq!(delay, Some(MAX_RESET_WAIT));
    }

    #[test]
    fn backoff_grows_within_jitter_bounds_and_caps() {
        let policy = RetryPolicy::default()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(1000));
        for retry in 0..40 {
            let nominal = (Duration::from_millis(100) * 2u32.saturating_pow(retry.min(20)))
                .min(Duration::from_millis(1000));
            let delay = policy.backoff(retry);
            assert!(
                delay >= nominal / 2 && delay <= nominal,
                "{retry}: {delay:?}"
            );
        }
    }
}
