//! One HTTP exchange with the Open API: the default reqwest client, the request, the answer
//! read up to a cap, and the `{code, msg}` envelope that says whether it succeeded.

use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, Error, Result};

/// Installs rustls' ring provider as the process default unless one is installed.
///
/// This crate turns on reqwest's `rustls-no-provider` (ring builds without cmake or NASM), and
/// Cargo unifies features: a user's own `reqwest::Client::new()` in the same build then finds
/// no provider and panics at run time. Installing ring as the default (a no-op when the
/// application installed its own, which keeps priority) makes that client work. Called
/// whenever the library builds a client or a webhook.
pub(crate) fn ensure_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Losing a race to another installer is fine: some provider is then installed.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// The default HTTP client: rustls on the ring provider with the platform's roots, HTTP/1, no
/// redirects (a redirected POST would come back as a GET's 200).
pub(crate) fn http_client(connect_timeout: Duration) -> Result<reqwest::Client> {
    let tls = tls_config()?;
    Ok(reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(connect_timeout)
        .build()?)
}

/// rustls on the ring provider with the platform's roots: the one TLS setup of every
/// connection the library opens (HTTP and the long connection's WebSocket).
pub(crate) fn tls_config() -> Result<rustls::ClientConfig> {
    use rustls_platform_verifier::BuilderVerifierExt;
    ensure_crypto_provider();
    Ok(rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .and_then(|builder| builder.with_platform_verifier())
    .map_err(|err| Error::Tls(Box::new(err)))?
    .with_no_client_auth())
}

/// The `{code, msg, error}` head of every response, decoded before `data`.
#[derive(Deserialize)]
pub(crate) struct Head {
    // Absent means 0 (some answers carry only `data`), but present it must be an integer.
    #[serde(default)]
    pub(crate) code: i64,
    #[serde(default)]
    pub(crate) msg: String,
    #[serde(default)]
    error: Option<ErrorDetail>,
}

#[derive(Deserialize)]
struct ErrorDetail {
    #[serde(default)]
    log_id: Option<String>,
}

/// The most of an answer's body the client reads. Feishu's answers are a few KiB (a sent card
/// comes back in `data.body.content`, at most 30 000 bytes escaped); anything far larger is not
/// Feishu and must not fill memory.
pub(crate) const MAX_ANSWER_BYTES: usize = 1 << 20;

/// Sends one HTTP request and returns the body of a successful (`code == 0`) response.
pub(crate) async fn send(
    request: reqwest::RequestBuilder,
    timeout: Option<Duration>,
) -> Result<Vec<u8>> {
    let request = match timeout {
        Some(timeout) => request.timeout(timeout),
        None => request,
    };
    let (client, request) = request.build_split();
    let request = request?;
    let sent_to = request.url().clone();
    let mut response = client.execute(request).await?;
    let status = response.status();
    // The default client follows no redirect; a caller's client may, and after a 301/302 the
    // POST became a GET whose 200 says nothing about the send.
    if status.is_redirection() {
        return Err(Error::Redirected {
            status: status.as_u16(),
        });
    }
    if response.url() != &sent_to {
        return Err(Error::Redirected { status: 0 });
    }
    let log_id = response
        .headers()
        .get("x-tt-logid")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let retry_after = response
        .headers()
        .get("x-ogw-ratelimit-reset")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<f64>().ok())
        .filter(|secs| secs.is_finite() && *secs >= 0.0)
        // Bounded only to keep `from_secs_f64` in range; the retry policy caps the wait.
        .map(|secs| Duration::from_secs_f64(secs.min(86_400.0)));
    let bytes = read_capped(&mut response, status).await?;
    let (code, msg, body_log_id) = match serde_json::from_slice::<Head>(&bytes) {
        Ok(head) => (head.code, head.msg, head.error.and_then(|e| e.log_id)),
        // No envelope at all (a proxy's HTML error page, an empty 502): report the status.
        Err(_) if !status.is_success() => {
            (-1, format!("HTTP {status} without a Feishu envelope"), None)
        }
        // A 2xx that is not a Feishu envelope (`code` a string, a truncated or HTML body) is
        // not a success: report where it broke.
        Err(_) => {
            return Err(decode_path::<Head>(&bytes).err().unwrap_or(Error::Decode {
                path: String::new(),
                source: serde::de::Error::custom("not a Feishu envelope"),
            }));
        }
    };
    if code != 0 || !status.is_success() {
        tracing::debug!(code, status = status.as_u16(), log_id = ?log_id, "API error");
        return Err(Error::Api(ApiError {
            code,
            msg,
            log_id: log_id.or(body_log_id),
            status: status.as_u16(),
            retry_after,
        }));
    }
    Ok(bytes)
}

/// Reads the body chunk by chunk, refusing it past [`MAX_ANSWER_BYTES`] before buffering more.
async fn read_capped(
    response: &mut reqwest::Response,
    status: reqwest::StatusCode,
) -> Result<Vec<u8>> {
    let too_large = || Error::AnswerTooLarge {
        limit: MAX_ANSWER_BYTES,
        status: status.as_u16(),
    };
    let announced = response.content_length().unwrap_or(0);
    if announced > MAX_ANSWER_BYTES as u64 {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(announced).unwrap_or(0));
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if bytes.len() + chunk.len() > MAX_ANSWER_BYTES {
                    return Err(too_large());
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(bytes),
            // A timeout while reading is still a timeout; anything else cut the answer off.
            Err(err) if err.is_timeout() => return Err(err.into()),
            Err(err) => return Err(Error::Truncated(err.without_url())),
        }
    }
}

/// Decodes with the failing JSON path reported (octocrab's `from_response`).
pub(crate) fn decode_path<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|err| Error::Decode {
        path: err.path().to_string(),
        source: err.into_inner(),
    })
}
