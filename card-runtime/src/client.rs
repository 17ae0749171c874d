//! The Feishu Open API client: configuration, the tenant token, and the one `call` every API uses.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::api::exchange::{decode_path, send};
use crate::error::{Error, Result};
use crate::reliability::clock::Clock;
use crate::reliability::pacing::{PaceKey, Pacer};
use crate::reliability::retry::{Idempotency, RetryPolicy};
use crate::token::{Secret, TokenCache};

mod builder;

pub use builder::ClientBuilder;

/// Which Feishu cloud the app lives in.
///
/// ```
/// use card_runtime::{Client, Domain};
/// let client = Client::builder("cli_a", "secret").domain(Domain::Lark).build()?;
/// # Ok::<(), card_runtime::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Domain {
    /// `https://open.feishu.cn` (China).
    Feishu,
    /// `https://open.larksuite.com` (international).
    Lark,
}

impl Domain {
    /// The Open API base URL.
    ///
    /// ```
    /// assert_eq!(card_runtime::Domain::Feishu.base_url(), "https://open.feishu.cn");
    /// ```
    pub fn base_url(self) -> &'static str {
        match self {
            Self::Feishu => "https://open.feishu.cn",
            Self::Lark => "https://open.larksuite.com",
        }
    }
}

/// Parses `feishu` or `lark`, e.g. from configuration.
///
/// ```
/// use card_runtime::Domain;
/// assert_eq!("lark".parse::<Domain>().unwrap(), Domain::Lark);
/// assert!("larksuite".parse::<Domain>().is_err());
/// ```
impl std::str::FromStr for Domain {
    type Err = crate::ParseEnumError;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "feishu" => Ok(Self::Feishu),
            "lark" => Ok(Self::Lark),
            _ => Err(crate::ParseEnumError::new("Domain", s, &["feishu", "lark"])),
        }
    }
}

/// A Feishu app's connection to the Open API. Create one per app and clone it freely: clones
/// share the HTTP connection pool, the tenant access token and the pacer.
///
/// ```no_run
/// use card_runtime::{card, Client, ReceiveId};
///
/// # async fn run() -> card_runtime::Result<()> {
/// let client = Client::builder("cli_a1b2", "app-secret").build()?;
/// let card = card! { <card><div text="Deployed"/></card> };
/// let sent = client.messages().send_card(ReceiveId::chat_id("oc_84983ff6"), &card).send().await?;
/// println!("{}", sent.message_id);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    http: reqwest::Client,
    base_url: String,
    app_id: String,
    app_secret: Secret,
    timeout: Option<Duration>,
    deadline: Option<Duration>,
    token: TokenCache,
    pub(crate) pacer: Pacer,
    retry: RetryPolicy,
    pub(crate) clock: Clock,
    /// Uploaded images and looked-up users and chats (`api::cache`).
    pub(crate) caches: crate::api::cache::Caches,
    /// The 2.0 messages this client sent, so a 1.0 update of one fails before any request.
    pub(crate) versions: crate::api::versions::SentVersions,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The secret and the token are left out on purpose (style guide §4).
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("app_id", &self.inner.app_id)
            .field("timeout", &self.inner.timeout)
            .field("deadline", &self.inner.deadline)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// The app id this client acts as.
    ///
    /// ```
    /// let client = card_runtime::Client::builder("cli_a1b2", "s").build()?;
    /// assert_eq!(client.app_id(), "cli_a1b2");
    /// # Ok::<(), card_runtime::Error>(())
    /// ```
    pub fn app_id(&self) -> &str {
        &self.inner.app_id
    }

    /// The Open API base URL requests go to.
    ///
    /// ```
    /// let client = card_runtime::Client::builder("cli_a1b2", "s").build()?;
    /// assert_eq!(client.base_url(), "https://open.feishu.cn");
    /// # Ok::<(), card_runtime::Error>(())
    /// ```
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }
}

/// One request as the API modules describe it to [`Client::call`].
#[derive(Debug)]
pub(crate) struct Call<'a> {
    pub(crate) method: Method,
    /// Path and query, starting with `/open-apis/`.
    pub(crate) path: &'a str,
    pub(crate) body: Vec<u8>,
    pub(crate) pace: Option<PaceKey>,
    pub(crate) idempotency: Idempotency,
}

#[derive(Deserialize)]
struct Envelope<T> {
    data: Option<T>,
}

#[derive(Deserialize)]
struct TokenResponse {
    tenant_access_token: String,
    expire: u64,
}

#[derive(serde::Serialize)]
struct TokenRequest<'a> {
    app_id: &'a str,
    app_secret: &'a str,
}

impl Client {
    /// Sends `call`, handling the token, pacing, the envelope and retries, and decodes `data`.
    pub(crate) async fn call<T: DeserializeOwned>(&self, call: Call<'_>) -> Result<Option<T>> {
        self.call_as(call, JSON).await
    }

    /// As [`call`](Self::call), with a body of another media type (a multipart upload).
    pub(crate) async fn call_as<T: DeserializeOwned>(
        &self,
        call: Call<'_>,
        content_type: &str,
    ) -> Result<Option<T>> {
        self.call_tracked(call, content_type)
            .await
            .map_err(|failure| failure.error)
    }

    /// As [`call`](Self::call), for a send carrying `uuid`: every error is an [`Error::Send`]
    /// with the uuid, maybe-delivered when any attempt may have been applied.
    pub(crate) async fn call_send<T: DeserializeOwned>(
        &self,
        call: Call<'_>,
        uuid: &str,
    ) -> Result<Option<T>> {
        self.call_tracked(call, JSON).await.map_err(|failure| {
            let maybe_delivered = failure.ambiguous || failure.error.is_maybe_delivered();
            Error::Send {
                uuid: uuid.to_owned(),
                maybe_delivered,
                source: Box::new(failure.error),
            }
        })
    }

    async fn call_tracked<T: DeserializeOwned>(
        &self,
        call: Call<'_>,
        content_type: &str,
    ) -> std::result::Result<Option<T>, Failure> {
        let span = tracing::debug_span!("feishu_call", method = %call.method, path = call.path);
        let deadline = self
            .inner
            .deadline
            .map(|limit| tokio::time::Instant::now() + limit);
        let mut progress = Progress::default();
        let result = match deadline {
            Some(deadline) => {
                tokio::time::timeout_at(
                    deadline,
                    self.call_inner(&call, content_type, &mut progress, Some(deadline)),
                )
                .instrument(span)
                .await
            }
            None => Ok(self
                .call_inner(&call, content_type, &mut progress, None)
                .instrument(span)
                .await),
        };
        let result = result.unwrap_or_else(|_| {
            // The deadline cut an attempt short (it may have arrived) or a wait for the token,
            // the pacer or a retry (nothing more went out).
            Err(Error::Deadline {
                maybe_delivered: progress.on_the_wire,
                last: progress.last.take().map(Box::new),
            })
        });
        result.map_err(|error| Failure {
            ambiguous: progress.ambiguous,
            error,
        })
    }

    async fn call_inner<T: DeserializeOwned>(
        &self,
        call: &Call<'_>,
        content_type: &str,
        progress: &mut Progress,
        deadline: Option<tokio::time::Instant>,
    ) -> Result<Option<T>> {
        let inner = &self.inner;
        let started = tokio::time::Instant::now();
        let mut retries = 0;
        let mut token_retried = false;
        loop {
            let mut used_token = None;
            let result = async {
                // Token first, then the pacer: a slot must be spent on the wire at once, not
                // while waiting for a token refresh, or the server sees the burst bunch up.
                let token = self.tenant_token().await?;
                used_token = Some(token.clone());
                inner.pacer.acquire(call.pace.clone()).await?;
                let url = format!("{}{}", inner.base_url, call.path);
                let request = inner
                    .http
                    .request(call.method.clone(), url)
                    .bearer_auth(token.expose())
                    .header(reqwest::header::CONTENT_TYPE, content_type)
                    .body(call.body.clone());
                progress.on_the_wire = true;
                // Boxed: reqwest's future is kilobytes, and inline it would size every call's
                // state, also the thousands of calls that only wait in the pacer.
                let answer = Box::pin(send(request, inner.timeout)).await;
                progress.on_the_wire = false;
                answer
            }
            .await;
            let err = match result {
                Ok(bytes) => return decode_data(&bytes),
                Err(err) => err,
            };
            progress.ambiguous |= err.is_maybe_delivered();
            // A rejected token is refreshed and the call retried once, outside the retry
            // budget: it is not a transient failure but a stale cache.
            if let (Some(api), Some(token)) = (err.api(), &used_token) {
                if api.is_token_invalid() && !token_retried {
                    tracing::info!(code = api.code, "tenant token rejected; refreshing");
                    inner.token.invalidate(token);
                    token_retried = true;
                    continue;
                }
            }
            let Some(delay) = inner.retry.delay(&err, retries, call.idempotency) else {
                return Err(err);
            };
            // A retry after Feishu forgot the uuid (one hour) could create a second message;
            // a retry after the caller's deadline would only be cut short.
            let resume = tokio::time::Instant::now() + delay;
            if resume.duration_since(started) >= RETRY_HORIZON
                || deadline.is_some_and(|deadline| resume >= deadline)
            {
                return Err(err);
            }
            tracing::warn!(retry = retries + 1, ?delay, error = %err, "retrying");
            progress.last = Some(err);
            tokio::time::sleep(delay).await;
            retries += 1;
        }
    }

    /// The cached tenant access token, fetched when missing or near expiry.
    async fn tenant_token(&self) -> Result<Secret> {
        let clock = self.inner.clock.clone();
        // The fetch runs as its own task (see `TokenCache`), so it owns a clone of the client.
        let client = self.clone();
        self.inner
            .token
            .get(
                move || clock.now(),
                move || async move { client.fetch_token().await },
            )
            .await
    }

    async fn fetch_token(&self) -> Result<(Secret, u64)> {
        let inner = &self.inner;
        tracing::debug!(
            refreshes = inner.token.refreshes(),
            "fetching tenant access token"
        );
        let body = serde_json::to_vec(&TokenRequest {
            app_id: &inner.app_id,
            app_secret: inner.app_secret.expose(),
        })
        .map_err(Error::Encode)?;
        let url = format!(
            "{}/open-apis/auth/v3/tenant_access_token/internal",
            inner.base_url
        );
        let request = inner
            .http
            .post(url)
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/json; charset=utf-8",
            )
            .body(body);
        let bytes = send(request, inner.timeout).await?;
        // The token endpoint puts its fields at the top level, without `data`.
        let token: TokenResponse = decode_path(&bytes)?;
        Ok((Secret::new(token.tenant_access_token), token.expire))
    }
}

/// The media type of every JSON body.
const JSON: &str = "application/json; charset=utf-8";

/// Retries stop this long after a call's first attempt: well inside the hour for which Feishu
/// dedupes a `uuid`, so that no retry can create a second message.
const RETRY_HORIZON: Duration = Duration::from_secs(50 * 60);

/// What a call went through, kept across attempts for the final error's classification.
#[derive(Debug, Default)]
struct Progress {
    /// An attempt is on the wire now (the deadline may cut it after the server acted).
    on_the_wire: bool,
    /// An earlier attempt failed in a way that may have been applied.
    ambiguous: bool,
    /// The last failed attempt, reported if the deadline passes during the backoff.
    last: Option<Error>,
}

/// A call's final error and whether any attempt may have been applied.
#[derive(Debug)]
struct Failure {
    error: Error,
    ambiguous: bool,
}

fn decode_data<T: DeserializeOwned>(bytes: &[u8]) -> Result<Option<T>> {
    let envelope: Envelope<T> = decode_path(bytes)?;
    Ok(envelope.data)
}
