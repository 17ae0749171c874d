//! The custom-bot webhook: post a card to one group without an app or a token.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use std::fmt;

use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use serde::Serialize;
use sha2::Sha256;

use crate::api::body::{self, MAX_WEBHOOK_BYTES};
use crate::api::exchange;
use crate::api::message::validate;
use crate::api::types::TemplateCard;
use crate::card::Card;
use crate::error::{Error, Result};
use crate::reliability::clock::Clock;
use crate::reliability::pacing::{Pacer, PacingLimits};
use crate::reliability::retry::{Idempotency, RetryPolicy};
use crate::token::Secret;

/// The custom-bot signature: `base64(HMAC-SHA256(key = "<timestamp>\n<secret>", message = ""))`.
///
/// Feishu makes the timestamp-and-secret string the HMAC **key** and signs an empty message
/// (reference §5).
///
/// ```
/// // The vector computed from the documented algorithm (reference §5).
/// assert_eq!(
///     card_runtime::webhook_sign(1599360473, "demo"),
///     "l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8="
/// );
/// ```
pub fn webhook_sign(timestamp: u64, secret: &str) -> String {
    let key = format!("{timestamp}\n{secret}");
    // HMAC accepts keys of any length, so this cannot fail; an empty signature would only
    // be rejected by the server.
    let Ok(mac) = Hmac::<Sha256>::new_from_slice(key.as_bytes()) else {
        return String::new();
    };
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// A group's custom bot ("custom robot"): its webhook URL and, when signing is enabled, its
/// secret. Cards sent this way can only jump to URLs: no callbacks and no updates.
///
/// Requests are paced to the webhook's documented 5/s and 100/min and retried only when the
/// bot was rate limited or the connection failed, because the webhook has no idempotency key.
///
/// ```no_run
/// use card_runtime::{card, Webhook};
///
/// # async fn run() -> card_runtime::Result<()> {
/// let hook = Webhook::new("https://open.feishu.cn/open-apis/bot/v2/hook/xxxxxxxx")
///     .secret("signing-secret");
/// hook.send_card(&card! { <card><div text="Build passed"/></card> }).await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Webhook {
    url: String,
    secret: Option<Secret>,
    timeout: Duration,
    retry: RetryPolicy,
    clock: Clock,
    http: Option<reqwest::Client>,
    lazy_http: Arc<OnceLock<reqwest::Client>>,
    pacer: Arc<Pacer>,
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The hook token in the URL's path lets anyone post to the group, so only the origin
        // is shown; the signing secret is a `Secret`.
        let origin = url::Url::parse(&self.url)
            .map(|url| url.origin().ascii_serialization())
            .unwrap_or_default();
        f.debug_struct("Webhook")
            .field("url", &format_args!("{origin}/…"))
            .field("secret", &self.secret)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// The webhook body: `timestamp` and `sign` only when signing, the card as an object.
#[derive(Serialize)]
struct HookBody<'a, C> {
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sign: Option<String>,
    msg_type: &'static str,
    card: &'a C,
}

impl Webhook {
    /// A webhook at this URL (`https://open.feishu.cn/open-apis/bot/v2/hook/<token>`).
    ///
    /// ```
    /// let hook = card_runtime::Webhook::new("https://open.feishu.cn/open-apis/bot/v2/hook/xxx");
    /// # let _ = hook;
    /// ```
    pub fn new(url: impl Into<String>) -> Self {
        exchange::ensure_crypto_provider();
        let clock = Clock::system();
        Self {
            url: url.into(),
            secret: None,
            timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            pacer: Arc::new(Self::pacer(clock.clone())),
            clock,
            http: None,
            lazy_http: Arc::new(OnceLock::new()),
        }
    }

    fn pacer(clock: Clock) -> Pacer {
        Pacer::new(
            PacingLimits::unlimited()
                .per_app_per_second(5)
                .per_app_per_minute(100),
            clock,
        )
    }

    /// Sign every request with the bot's signing secret. Default is unsigned.
    ///
    /// ```
    /// let hook = card_runtime::Webhook::new("https://open.feishu.cn/open-apis/bot/v2/hook/x-token").secret("s");
    /// let debug = format!("{hook:?}");
    /// assert!(!debug.contains("\"s\"") && !debug.contains("x-token"));
    /// ```
    pub fn secret(mut self, secret: impl Into<String>) -> Self {
        self.secret = Some(Secret::new(secret));
        self
    }

    /// Time limit for each attempt. Default is 30 s.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let hook = card_runtime::Webhook::new("http://x/").timeout(Duration::from_secs(5));
    /// # let _ = hook;
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How rate limits and connection failures are retried. Default is [`RetryPolicy::default`].
    ///
    /// ```
    /// let hook = card_runtime::Webhook::new("http://x/").retry(card_runtime::RetryPolicy::none());
    /// # let _ = hook;
    /// ```
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The clock for signature timestamps and pacing. Default is [`Clock::system`].
    ///
    /// ```
    /// let hook = card_runtime::Webhook::new("http://x/").clock(card_runtime::Clock::system());
    /// # let _ = hook;
    /// ```
    pub fn clock(mut self, clock: Clock) -> Self {
        self.pacer = Arc::new(Self::pacer(clock.clone()));
        self.clock = clock;
        self
    }

    /// Use this `reqwest::Client`. Default is the same rustls client as [`Client`](crate::Client)
    /// (see [`ClientBuilder::http_client`](crate::ClientBuilder::http_client) on TLS providers).
    ///
    /// ```
    /// let _ = rustls::crypto::ring::default_provider().install_default();
    /// let hook = card_runtime::Webhook::new("http://x/").http_client(reqwest::Client::new());
    /// # let _ = hook;
    /// ```
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Validates the card, then posts it (`msg_type: "interactive"`, the card as an object).
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] when the whole body exceeds 20 000 bytes (checked first, as for the
    /// message API), or [`Error::CardInvalid`], before any request; [`Error::Api`] with Feishu's code (19021 bad signature, 11232 rate
    /// limited, ...), [`Error::Http`], [`Error::InvalidUrl`].
    ///
    /// ```no_run
    /// # async fn run(hook: card_runtime::Webhook, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// hook.send_card(&card).await?;
    /// # Ok(()) }
    /// ```
    pub async fn send_card(&self, card: &Card) -> Result<()> {
        // Size before schema, as the message API does: one problem, one error.
        self.body(card)?;
        validate(card)?;
        self.post(card).await
    }

    /// Posts a card-builder template card.
    ///
    /// # Errors
    ///
    /// As for [`send_card`](Self::send_card), without the schema check.
    ///
    /// ```no_run
    /// # async fn run(hook: card_runtime::Webhook) -> card_runtime::Result<()> {
    /// hook.send_template(&card_runtime::TemplateCard::new("AAq").variable("n", 1)).await?;
    /// # Ok(()) }
    /// ```
    pub async fn send_template(&self, template: &TemplateCard) -> Result<()> {
        self.post(&template.content()).await
    }

    fn http(&self) -> Result<&reqwest::Client> {
        if let Some(http) = &self.http {
            return Ok(http);
        }
        if let Some(http) = self.lazy_http.get() {
            return Ok(http);
        }
        let http = exchange::http_client(Duration::from_secs(10))?;
        Ok(self.lazy_http.get_or_init(|| http))
    }

    /// The body of one attempt, signed now (the timestamp must be within an hour of the
    /// server's time), or [`Error::TooLarge`].
    fn body(&self, card: &impl Serialize) -> Result<Vec<u8>> {
        let (timestamp, sign) = match &self.secret {
            Some(secret) => {
                let timestamp = self.clock.unix_seconds();
                (
                    Some(timestamp.to_string()),
                    Some(webhook_sign(timestamp, secret.expose())),
                )
            }
            None => (None, None),
        };
        let bytes = body::to_vec(&HookBody {
            timestamp,
            sign,
            msg_type: "interactive",
            card,
        })?;
        if bytes.len() > MAX_WEBHOOK_BYTES {
            return Err(Error::TooLarge {
                size: bytes.len(),
                limit: MAX_WEBHOOK_BYTES,
            });
        }
        Ok(bytes)
    }

    async fn post(&self, card: &impl Serialize) -> Result<()> {
        url::Url::parse(&self.url).map_err(|source| Error::InvalidUrl {
            // The hook URL carries the token that lets anyone post to the group.
            url: "<webhook URL, not shown>".to_owned(),
            source,
        })?;
        let http = self.http()?;
        let mut retries = 0;
        loop {
            // Built before pacing: a body that is refused locally must not spend a slot.
            let bytes = self.body(card)?;
            self.pacer.acquire(None).await?;
            let request = http
                .post(&self.url)
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/json; charset=utf-8",
                )
                .body(bytes);
            let Err(err) = exchange::send(request, Some(self.timeout)).await else {
                return Ok(());
            };
            match self.retry.delay(&err, retries, Idempotency::Unsafe) {
                Some(delay) => {
                    tracing::warn!(retry = retries + 1, ?delay, error = %err, "retrying webhook");
                    tokio::time::sleep(delay).await;
                    retries += 1;
                }
                None => return Err(err),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Webhook;
    use crate::api::types::TemplateCard;
    use crate::error::Error;

    #[tokio::test]
    async fn a_body_refused_locally_spends_no_pacing_slot() {
        let hook = Webhook::new("http://127.0.0.1:9/open-apis/bot/v2/hook/h");
        let big = TemplateCard::new("AAq").variable("x", "y".repeat(25_000));
        for _ in 0..6 {
            let err = hook.send_template(&big).await.unwrap_err();
            assert!(matches!(err, Error::TooLarge { .. }), "{err:?}");
        }
        // Nothing went out, so the next 100 ms slot (5/s spread over tenths) is still free.
        assert!(hook.pacer.try_admit(None, hook.clock.now()).is_ok());
    }
}
