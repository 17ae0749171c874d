//! Configuring a [`Client`]: credentials, domain, timeouts, retries, pacing, clock.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::{Client, Domain, Inner};
use crate::api::exchange::{ensure_crypto_provider, http_client};
use crate::error::{Error, Result};
use crate::reliability::clock::Clock;
use crate::reliability::pacing::{Pacer, PacingLimits};
use crate::reliability::retry::RetryPolicy;
use crate::token::{DEFAULT_MARGIN, Secret, TokenCache};

/// Configures a [`Client`]. Start with [`Client::builder`].
///
/// ```
/// use std::time::Duration;
/// use card_runtime::{Client, PacingLimits, RetryPolicy};
///
/// let client = Client::builder("cli_a1b2", "app-secret")
///     .base_url("http://127.0.0.1:8080")
///     .timeout(Duration::from_secs(10))
///     .retry(RetryPolicy::default().max_retries(3))
///     .pacing(PacingLimits::feishu())
///     .build()?;
/// # Ok::<(), card_runtime::Error>(())
/// ```
#[must_use]
pub struct ClientBuilder {
    app_id: String,
    app_secret: Secret,
    base_url: String,
    timeout: Option<Duration>,
    deadline: Option<Duration>,
    connect_timeout: Duration,
    http: Option<reqwest::Client>,
    retry: RetryPolicy,
    pacing: PacingLimits,
    clock: Option<Clock>,
    token_margin: Duration,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("app_id", &self.app_id)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts configuring a client for the app with these credentials (from the developer
    /// console's "Credentials & Basic Info").
    ///
    /// ```
    /// let client = card_runtime::Client::builder("cli_a1b2", "app-secret").build()?;
    /// # Ok::<(), card_runtime::Error>(())
    /// ```
    pub fn builder(app_id: impl Into<String>, app_secret: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            app_id: app_id.into(),
            app_secret: Secret::new(app_secret),
            base_url: Domain::Feishu.base_url().to_owned(),
            timeout: Some(Duration::from_secs(30)),
            deadline: None,
            connect_timeout: Duration::from_secs(10),
            http: None,
            retry: RetryPolicy::default(),
            pacing: PacingLimits::feishu(),
            clock: None,
            token_margin: DEFAULT_MARGIN,
        }
    }
}

impl ClientBuilder {
    /// Talk to Feishu or Lark. Default is [`Domain::Feishu`].
    ///
    /// ```
    /// # use card_runtime::{Client, Domain};
    /// let builder = Client::builder("cli_a", "s").domain(Domain::Lark);
    /// # let _ = builder;
    /// ```
    pub fn domain(mut self, domain: Domain) -> Self {
        self.base_url = domain.base_url().to_owned();
        self
    }

    /// Talk to any base URL (a proxy, or the emulator in tests). Paths such as
    /// `/open-apis/im/v1/messages` are appended to it.
    ///
    /// ```
    /// let builder = card_runtime::Client::builder("cli_a", "s").base_url("http://127.0.0.1:9000");
    /// # let _ = builder;
    /// ```
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// Time limit for each HTTP attempt (connect, send, receive). Default is 30 s.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let builder = card_runtime::Client::builder("cli_a", "s").timeout(Duration::from_secs(5));
    /// # let _ = builder;
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Time limit for one whole call: waiting for the token and the pacer, every attempt and
    /// every wait between retries. When it passes the call ends with [`Error::Deadline`], which
    /// says whether an attempt may have been applied. Default is none: each attempt is bounded
    /// by [`timeout`](Self::timeout) and the retries by the [`RetryPolicy`].
    ///
    /// ```
    /// # use std::time::Duration;
    /// let builder = card_runtime::Client::builder("cli_a", "s").deadline(Duration::from_secs(20));
    /// # let _ = builder;
    /// ```
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Time limit for establishing a connection. Default is 10 s. Ignored with
    /// [`http_client`](Self::http_client), whose own settings apply.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let builder = card_runtime::Client::builder("cli_a", "s").connect_timeout(Duration::from_secs(2));
    /// # let _ = builder;
    /// ```
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Use this `reqwest::Client` (for a proxy, custom TLS roots, shared pools). Default is a
    /// rustls client on the ring provider with the platform's certificate roots.
    ///
    /// This crate builds reqwest with rustls and no built-in crypto provider; building a
    /// [`Client`] or a [`Webhook`](crate::Webhook) installs rustls' ring provider as the process
    /// default when none is installed, so a `reqwest::Client` built after that works. One built
    /// before needs a provider of its own (a reqwest provider feature, or
    /// `rustls::crypto::ring::default_provider().install_default()`).
    ///
    /// Give the client no redirect policy (`redirect(reqwest::redirect::Policy::none())`):
    /// answers that were redirected are refused as [`Error::Redirected`] either way.
    ///
    /// ```
    /// let _ = card_runtime::Client::builder("cli_a", "s").build()?; // installs the provider
    /// let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build()?;
    /// let builder = card_runtime::Client::builder("cli_a", "s").http_client(http);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// How transient failures are retried. Default is [`RetryPolicy::default`].
    ///
    /// ```
    /// let builder = card_runtime::Client::builder("cli_a", "s").retry(card_runtime::RetryPolicy::none());
    /// # let _ = builder;
    /// ```
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The rate limits to pace requests within. Default is [`PacingLimits::feishu`].
    ///
    /// ```
    /// let builder = card_runtime::Client::builder("cli_a", "s").pacing(card_runtime::PacingLimits::unlimited());
    /// # let _ = builder;
    /// ```
    pub fn pacing(mut self, limits: PacingLimits) -> Self {
        self.pacing = limits;
        self
    }

    /// The clock for token expiry and pacing. Default is [`Clock::system`]; tests share one
    /// with the emulator to expire tokens without waiting.
    ///
    /// ```
    /// let builder = card_runtime::Client::builder("cli_a", "s").clock(card_runtime::Clock::system());
    /// # let _ = builder;
    /// ```
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Refresh the tenant token this long before it expires (capped at half the lifetime the
    /// server grants). Default is 5 minutes.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let builder = card_runtime::Client::builder("cli_a", "s").token_refresh_margin(Duration::from_secs(600));
    /// # let _ = builder;
    /// ```
    pub fn token_refresh_margin(mut self, margin: Duration) -> Self {
        self.token_margin = margin;
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidUrl`] when the base URL does not parse; [`Error::Http`] when the HTTP
    /// client cannot be set up (TLS configuration).
    ///
    /// ```
    /// let err = card_runtime::Client::builder("cli_a", "s").base_url("not a url").build().unwrap_err();
    /// assert!(matches!(err, card_runtime::Error::InvalidUrl { .. }));
    /// ```
    pub fn build(self) -> Result<Client> {
        let base_url = self.base_url.trim_end_matches('/').to_owned();
        url::Url::parse(&base_url).map_err(|source| Error::InvalidUrl {
            url: self.base_url.clone(),
            source,
        })?;
        ensure_crypto_provider();
        let http = match self.http {
            Some(http) => http,
            None => http_client(self.connect_timeout)?,
        };
        let clock = self.clock.unwrap_or_default();
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                app_id: self.app_id,
                app_secret: self.app_secret,
                timeout: self.timeout,
                deadline: self.deadline,
                token: TokenCache::new(self.token_margin),
                pacer: Pacer::new(self.pacing, clock.clone()),
                retry: self.retry,
                caches: crate::api::cache::Caches::default(),
                clock,
                versions: Default::default(),
            }),
        })
    }
}
