//! The framework-free core: a request (headers + raw body) in, a reply (status + body) out.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};
use subtle::ConstantTimeEq;

use super::dedupe::Dedupe;
use super::envelope::{
    self, CardAction, EventEnvelope, LegacyBody, Probe, UrlVerification, V2Envelope,
};
use super::verify::{self, Algorithm, SignatureHeaders};
use super::{
    CallbackConfig, CallbackError, CallbackRequest, Deferred, Dispatcher, EventHeader, Secret,
    decrypt,
};

/// A verified, decrypted and decoded callback.
///
/// ```
/// use card_runtime::callback::Callback;
/// let callback = Callback::UrlVerification { challenge: "c".into() };
/// assert!(matches!(callback, Callback::UrlVerification { .. }));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Callback {
    /// The URL verification handshake; answered with its challenge.
    UrlVerification {
        /// The challenge to echo.
        challenge: String,
    },
    /// A click.
    Action(Box<CardAction>),
    /// Another event (schema 2.0 envelope).
    Event {
        /// The envelope's header.
        header: EventHeader,
        /// The `event` object, as sent.
        event: Value,
    },
}

/// The core's answer: an HTTP status and JSON body, plus work to run after sending them.
///
/// ```
/// # use card_runtime::callback::{CallbackConfig, CallbackEndpoint, CallbackRequest, Dispatcher, Handlers};
/// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
/// # rt.block_on(async {
/// let endpoint = CallbackEndpoint::new(CallbackConfig::new("t"), Dispatcher::new(Handlers::new()).unwrap());
/// let body = br#"{"challenge":"c1","token":"t","type":"url_verification"}"#;
/// let reply = endpoint.handle_at(&CallbackRequest::new(body), std::time::SystemTime::now()).await;
/// assert_eq!(reply.status(), 200);
/// assert_eq!(reply.body(), br#"{"challenge":"c1"}"#);
/// # });
/// ```
#[derive(Debug)]
pub struct Reply {
    status: u16,
    body: Vec<u8>,
    /// Work the handler deferred until after the answer is sent: run it once the response has
    /// gone out (the axum integration does).
    pub deferred: Deferred,
}

impl Reply {
    fn json(status: u16, body: Vec<u8>) -> Self {
        Self {
            status,
            body,
            deferred: Deferred::default(),
        }
    }

    fn error(err: &CallbackError) -> Self {
        let body = json!({ "msg": err.public_message() })
            .to_string()
            .into_bytes();
        Self::json(err.status(), body)
    }

    /// The HTTP status.
    ///
    /// ```
    /// # use card_runtime::callback::{CallbackConfig, CallbackEndpoint, CallbackRequest, Dispatcher, Handlers};
    /// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    /// # let endpoint = CallbackEndpoint::new(CallbackConfig::new("t"), Dispatcher::new(Handlers::new()).unwrap());
    /// let reply = rt.block_on(endpoint.handle_at(&CallbackRequest::new(b"nope"), std::time::SystemTime::now()));
    /// assert_eq!(reply.status(), 400);
    /// ```
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The JSON body (`application/json; charset=utf-8`).
    ///
    /// ```
    /// # use card_runtime::callback::{CallbackConfig, CallbackEndpoint, CallbackRequest, Dispatcher, Handlers};
    /// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    /// # let endpoint = CallbackEndpoint::new(CallbackConfig::new("t"), Dispatcher::new(Handlers::new()).unwrap());
    /// let reply = rt.block_on(endpoint.handle_at(&CallbackRequest::new(b"nope"), std::time::SystemTime::now()));
    /// assert!(reply.body().starts_with(b"{\"msg\""));
    /// ```
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Splits into status, body and deferred work.
    ///
    /// ```
    /// # use card_runtime::callback::{CallbackConfig, CallbackEndpoint, CallbackRequest, Dispatcher, Handlers};
    /// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    /// # let endpoint = CallbackEndpoint::new(CallbackConfig::new("t"), Dispatcher::new(Handlers::new()).unwrap());
    /// # let reply = rt.block_on(endpoint.handle_at(&CallbackRequest::new(b"{}"), std::time::SystemTime::now()));
    /// let (status, body, deferred) = reply.into_parts();
    /// ```
    pub fn into_parts(self) -> (u16, Vec<u8>, Deferred) {
        (self.status, self.body, self.deferred)
    }
}

/// The largest unsigned `encrypt` value decrypted to look for the URL verification handshake,
/// in base64 characters: room for a handshake with a challenge and token ten times their usual
/// length.
const MAX_UNSIGNED_CIPHERTEXT: usize = 2048;

/// What a verified request holds: the handshake's challenge, or the plaintext payload for the
/// dispatcher.
enum Content<'a> {
    Handshake(String),
    Payload(Cow<'a, [u8]>),
}

/// A verified request plus the signature that identifies it for replay detection.
struct Opened<'a> {
    content: Content<'a>,
    signature: Option<String>,
}

/// A callback endpoint: the HTTP-only checks (URL verification, signatures, timestamp window,
/// decryption, body limit, replay memory) in front of a [`Dispatcher`]. Share it (`Arc`)
/// across requests.
///
/// Card callbacks and events (the "Events" subscription's request URL) may share one endpoint:
/// both arrive signed and encrypted the same way.
///
/// Subscribe the app to one callback envelope only. With both `card.action.trigger` and
/// `card.action.trigger_v1` configured, Feishu sends two requests per click (reference §6).
/// The two carry different delivery ids (`event_id`, `X-Refresh-Token`) and nothing documented
/// ties them together, so both requests run the handler.
///
/// ```
/// use std::time::SystemTime;
/// use card_runtime::callback::{sign, Algorithm, CallbackConfig, CallbackEndpoint, CallbackRequest, Dispatcher, Handlers, Secret, Toast};
///
/// let handlers = Handlers::new().fallback(|cx| async move { Toast::success(format!("got {}", cx.value())) });
/// let endpoint = CallbackEndpoint::new(CallbackConfig::new("v-token"), Dispatcher::new(handlers).unwrap());
///
/// let body = br#"{"open_id":"ou_1","token":"c-1","action":{"tag":"button","value":"flow-1"}}"#;
/// let now = SystemTime::now();
/// let ts = now.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs().to_string();
/// let sig = sign(Algorithm::Sha1, &ts, "n1", &Secret::new("v-token"), body);
/// let request = CallbackRequest::new(body)
///     .header("X-Lark-Request-Timestamp", &ts)
///     .header("X-Lark-Request-Nonce", "n1")
///     .header("X-Lark-Signature", &sig);
/// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
/// let reply = rt.block_on(endpoint.handle(&request));
/// assert_eq!(reply.status(), 200);
/// let answer: serde_json::Value = serde_json::from_slice(reply.body()).unwrap();
/// assert_eq!(answer, serde_json::json!({"toast": {"type": "success", "content": "got \"flow-1\""}}));
/// ```
#[derive(Debug)]
pub struct CallbackEndpoint {
    config: CallbackConfig,
    dispatcher: Arc<Dispatcher>,
    signatures: Dedupe,
}

impl CallbackEndpoint {
    /// An endpoint answering with `dispatcher`'s handlers (a [`Dispatcher`], or an
    /// `Arc<Dispatcher>` shared with the long connection).
    ///
    /// ```
    /// # use card_runtime::callback::{CallbackConfig, CallbackEndpoint, Dispatcher, Handlers};
    /// let endpoint = CallbackEndpoint::new(CallbackConfig::new("v-token"), Dispatcher::new(Handlers::new()).unwrap());
    /// ```
    pub fn new(config: CallbackConfig, dispatcher: impl Into<Arc<Dispatcher>>) -> Self {
        let signatures = Dedupe::new(config.dedupe_bounds());
        Self {
            config,
            dispatcher: dispatcher.into(),
            signatures,
        }
    }

    /// The dispatcher behind the endpoint.
    ///
    /// ```
    /// # use card_runtime::callback::{CallbackConfig, CallbackEndpoint, Dispatcher, Handlers};
    /// # let endpoint = CallbackEndpoint::new(CallbackConfig::new("t"), Dispatcher::new(Handlers::new()).unwrap());
    /// let dispatcher = std::sync::Arc::clone(endpoint.dispatcher());
    /// ```
    pub fn dispatcher(&self) -> &Arc<Dispatcher> {
        &self.dispatcher
    }

    /// The configured body limit, for integrations that read the body.
    ///
    /// ```
    /// # use card_runtime::callback::{CallbackConfig, CallbackEndpoint, Dispatcher, Handlers};
    /// let endpoint = CallbackEndpoint::new(CallbackConfig::new("t").max_body_bytes(10), Dispatcher::new(Handlers::new()).unwrap());
    /// assert_eq!(endpoint.max_body_bytes(), 10);
    /// ```
    pub fn max_body_bytes(&self) -> usize {
        self.config.max_body
    }

    /// The configured body deadline, for integrations that read the body.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use card_runtime::callback::{CallbackConfig, CallbackEndpoint, Dispatcher, Handlers};
    /// let config = CallbackConfig::new("t").body_timeout(Duration::from_secs(1));
    /// let endpoint = CallbackEndpoint::new(config, Dispatcher::new(Handlers::new()).unwrap());
    /// assert_eq!(endpoint.body_timeout(), Duration::from_secs(1));
    /// ```
    pub fn body_timeout(&self) -> std::time::Duration {
        self.config.body_timeout
    }

    /// Handles one request at the time of the config's [clock](CallbackConfig::clock). Never
    /// panics: every bad input becomes an error status with a `{"msg": ..}` body naming the
    /// failure (never a secret).
    ///
    /// ```
    /// # use card_runtime::callback::{CallbackConfig, CallbackEndpoint, CallbackRequest, Dispatcher, Handlers};
    /// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    /// let endpoint = CallbackEndpoint::new(CallbackConfig::new("t").max_body_bytes(8), Dispatcher::new(Handlers::new()).unwrap());
    /// let reply = rt.block_on(endpoint.handle(&CallbackRequest::new(&[b' '; 9])));
    /// assert_eq!(reply.status(), 413);
    /// ```
    pub async fn handle(&self, request: &CallbackRequest<'_>) -> Reply {
        let now = UNIX_EPOCH + self.config.clock.now();
        self.handle_at(request, now).await
    }

    /// Handles one request as if at time `now`: for replaying a captured request at the
    /// moment it was signed (tests, benchmarks). Servers call [`handle`](Self::handle).
    ///
    /// ```
    /// # use card_runtime::callback::{CallbackConfig, CallbackEndpoint, CallbackRequest, Dispatcher, Handlers};
    /// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    /// let endpoint = CallbackEndpoint::new(CallbackConfig::new("t"), Dispatcher::new(Handlers::new()).unwrap());
    /// let reply = rt.block_on(endpoint.handle_at(&CallbackRequest::new(b"{}"), std::time::SystemTime::UNIX_EPOCH));
    /// assert_eq!(reply.status(), 401);
    /// ```
    pub async fn handle_at(&self, request: &CallbackRequest<'_>, now: SystemTime) -> Reply {
        match self.handle_inner(request, now).await {
            Ok(reply) => reply,
            Err(err) => Reply::error(&err),
        }
    }

    async fn handle_inner(
        &self,
        request: &CallbackRequest<'_>,
        now: SystemTime,
    ) -> Result<Reply, CallbackError> {
        let opened = self.open_inner(request, now)?;
        if let Some(signature) = &opened.signature {
            match self.signatures.first_signature(signature, now) {
                Ok(true) => {}
                Ok(false) => return Err(CallbackError::Replay),
                Err(_) => return Err(CallbackError::MemoryFull),
            }
        }
        let payload = match opened.content {
            Content::Handshake(challenge) => {
                let body = json!({ "challenge": challenge }).to_string().into_bytes();
                return Ok(Reply::json(200, body));
            }
            Content::Payload(payload) => payload,
        };
        let answer = self
            .dispatcher
            .dispatch_at(&payload, request.refresh_token, now)
            .await?;
        let (body, deferred) = answer.into_parts();
        Ok(Reply {
            status: 200,
            body,
            deferred,
        })
    }

    /// The pure part of [`handle`](Self::handle): checks the size, signature, timestamp and
    /// token, decrypts and decodes, without touching the replay memory or running a handler.
    ///
    /// Which checks apply (reference §6.1–6.5):
    /// - URL verification: the body's `token` must be the Verification Token; no signature.
    /// - `card.action.trigger`: with an Encrypt Key, a SHA-256 signature keyed with it; always,
    ///   `header.token` must be the Verification Token.
    /// - Legacy card callback: a SHA-1 signature keyed with the Verification Token (an
    ///   encrypted legacy body, which the docs say never happens, may carry either signature,
    ///   since the SDKs disagree).
    /// - An encrypted body's signature is checked before it is decrypted, hashing the body once
    ///   with the one algorithm the signature's length names, so an unsigned ciphertext can
    ///   only be a URL verification (only a handshake-sized one is decrypted) and every failure
    ///   on that path looks the same: no padding oracle.
    /// - The timestamp must be 10 digits (seconds) or 13 (milliseconds) and within the window;
    ///   see [`check_timestamp`](super::check_timestamp).
    ///
    /// # Errors
    ///
    /// Any [`CallbackError`] but `Replay`, `Duplicate`, `MemoryFull`, `NoHandler`, `Form` and
    /// `BodyTimeout`.
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use card_runtime::callback::{Callback, CallbackConfig, CallbackEndpoint, CallbackRequest, Dispatcher, Handlers};
    ///
    /// let endpoint = CallbackEndpoint::new(CallbackConfig::new("t"), Dispatcher::new(Handlers::new()).unwrap());
    /// let body = br#"{"challenge":"c","token":"t","type":"url_verification"}"#;
    /// let callback = endpoint.open(&CallbackRequest::new(body), SystemTime::now()).unwrap();
    /// assert_eq!(callback, Callback::UrlVerification { challenge: "c".into() });
    /// ```
    pub fn open(
        &self,
        request: &CallbackRequest<'_>,
        now: SystemTime,
    ) -> Result<Callback, CallbackError> {
        let payload = match self.open_inner(request, now)?.content {
            Content::Handshake(challenge) => return Ok(Callback::UrlVerification { challenge }),
            Content::Payload(payload) => payload,
        };
        let probe: Probe<'_> = envelope::decode(&payload)?;
        if probe.schema.as_deref() != Some("2.0") {
            let legacy: LegacyBody = envelope::decode(&payload)?;
            return Ok(Callback::Action(Box::new(legacy.into())));
        }
        if envelope::decode_header(&payload)?.event_type == "card.action.trigger" {
            let v2: V2Envelope = envelope::decode(&payload)?;
            return Ok(Callback::Action(Box::new(CardAction::from_v2(v2)?)));
        }
        let event: EventEnvelope = envelope::decode(&payload)?;
        Ok(Callback::Event {
            header: event.header,
            event: event.event,
        })
    }

    fn open_inner<'r>(
        &self,
        request: &CallbackRequest<'r>,
        now: SystemTime,
    ) -> Result<Opened<'r>, CallbackError> {
        let body = request.body;
        if body.len() > self.config.max_body {
            return Err(CallbackError::TooLarge {
                size: body.len(),
                limit: self.config.max_body,
            });
        }
        let headers = request.signature_headers()?;
        let outer: Probe<'_> = envelope::decode(body)?;
        let Some(encrypted) = outer.encrypt.as_deref() else {
            return self.open_plain(body, &outer, headers, now);
        };
        let key = self
            .config
            .encrypt_key
            .as_ref()
            .ok_or(CallbackError::NoEncryptKey)?;
        let Some(headers) = headers else {
            return self.open_unsigned_ciphertext(encrypted, key);
        };
        self.check_window(&headers, now)?;
        // The signature's length names the one algorithm to try, so an unauthenticated body is
        // hashed once. An encrypted legacy body (which the docs say never happens) may carry
        // either signature, since the SDKs disagree.
        let algorithm =
            verify::algorithm_of(headers.signature).ok_or(CallbackError::BadSignature)?;
        let secret = match algorithm {
            Algorithm::Sha256 => key,
            Algorithm::Sha1 => &self.config.verification_token,
        };
        // `envelope::decode` above refused anything after the document's end.
        verify::verify_decoded(algorithm, &headers, body, secret)?;
        let plain = decrypt(encrypted, key)?.into_bytes();
        let inner: Probe<'_> = envelope::decode(&plain)?;
        let content = if is_url_verification(&inner) {
            self.url_verification(&plain)?
        } else if is_v2(&inner) {
            if algorithm != Algorithm::Sha256 {
                return Err(CallbackError::BadSignature);
            }
            self.check_v2(&plain)?;
            Content::Payload(Cow::Owned(plain))
        } else {
            Content::Payload(Cow::Owned(plain))
        };
        Ok(Opened {
            content,
            signature: Some(headers.signature.to_owned()),
        })
    }

    fn open_plain<'r>(
        &self,
        body: &'r [u8],
        probe: &Probe<'_>,
        headers: Option<SignatureHeaders<'_>>,
        now: SystemTime,
    ) -> Result<Opened<'r>, CallbackError> {
        if is_url_verification(probe) {
            return Ok(Opened {
                content: self.url_verification(body)?,
                signature: None,
            });
        }
        let (algorithm, secret) = if is_v2(probe) {
            match &self.config.encrypt_key {
                Some(key) => (Algorithm::Sha256, key),
                // Without an Encrypt Key Feishu's v2 signature has no secret to key it; the
                // body's verification token is the only check (reference §6.3).
                None => {
                    self.check_v2(body)?;
                    return Ok(Opened {
                        content: Content::Payload(Cow::Borrowed(body)),
                        signature: None,
                    });
                }
            }
        } else {
            (Algorithm::Sha1, &self.config.verification_token)
        };
        let headers = headers.ok_or(CallbackError::MissingHeader(verify::SIGNATURE_HEADER))?;
        self.check_window(&headers, now)?;
        // `envelope::decode` refused anything after the document's end.
        verify::verify_decoded(algorithm, &headers, body, secret)?;
        if algorithm == Algorithm::Sha256 {
            self.check_v2(body)?;
        }
        Ok(Opened {
            content: Content::Payload(Cow::Borrowed(body)),
            signature: Some(headers.signature.to_owned()),
        })
    }

    /// An encrypted body without signature headers may only be the URL verification handshake
    /// (which Feishu does not sign). Every failure maps to the same error, so the answer does
    /// not reveal whether the padding was valid.
    fn open_unsigned_ciphertext(
        &self,
        encrypted: &str,
        key: &Secret,
    ) -> Result<Opened<'static>, CallbackError> {
        let refuse = || CallbackError::MissingHeader(verify::SIGNATURE_HEADER);
        // Feishu does not sign the handshake, so this is the one place input is decrypted
        // before it is authenticated (by the token inside). A handshake is ~100 bytes; anything
        // much larger is refused undecrypted, so unsigned input cannot buy bulk decryption.
        if encrypted.len() > MAX_UNSIGNED_CIPHERTEXT {
            return Err(refuse());
        }
        let plain = decrypt(encrypted, key).map_err(|_| refuse())?;
        let probe: Probe<'_> = envelope::decode(plain.as_bytes()).map_err(|_| refuse())?;
        if !is_url_verification(&probe) {
            return Err(refuse());
        }
        Ok(Opened {
            content: self.url_verification(plain.as_bytes())?,
            signature: None,
        })
    }

    fn check_window(
        &self,
        headers: &SignatureHeaders<'_>,
        now: SystemTime,
    ) -> Result<(), CallbackError> {
        match self.config.window {
            Some(window) => verify::check_timestamp(headers.timestamp, now, window),
            None => Ok(()),
        }
    }

    fn check_token(&self, token: &str) -> Result<(), CallbackError> {
        let expected = self.config.verification_token.expose().as_bytes();
        if bool::from(expected.ct_eq(token.as_bytes())) {
            Ok(())
        } else {
            Err(CallbackError::BadToken)
        }
    }

    fn url_verification(&self, body: &[u8]) -> Result<Content<'static>, CallbackError> {
        let verification: UrlVerification = envelope::decode(body)?;
        self.check_token(&verification.token)?;
        Ok(Content::Handshake(verification.challenge))
    }

    /// A schema 2.0 body (card action or event) carries the Verification Token in its header.
    fn check_v2(&self, body: &[u8]) -> Result<(), CallbackError> {
        self.check_token(&envelope::decode_header(body)?.token)
    }
}

fn is_url_verification(probe: &Probe<'_>) -> bool {
    probe.kind.as_deref() == Some("url_verification")
}

fn is_v2(probe: &Probe<'_>) -> bool {
    probe.schema.as_deref() == Some("2.0")
}
