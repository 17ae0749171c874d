//! One request as the core reads it, and the one rule for reading its headers.

use super::CallbackError;
use super::verify::{self, SignatureHeaders};

/// One HTTP request as the core sees it: the headers it needs and the raw body bytes.
///
/// ```
/// use card_runtime::callback::CallbackRequest;
///
/// let body = br#"{"challenge":"c","token":"t","type":"url_verification"}"#;
/// let request = CallbackRequest::new(body).header("x-lark-request-nonce", "n1");
/// assert_eq!(request.nonce, Some("n1"));
/// ```
#[derive(Clone, Copy)]
pub struct CallbackRequest<'a> {
    /// `X-Lark-Request-Timestamp`.
    pub timestamp: Option<&'a str>,
    /// `X-Lark-Request-Nonce`.
    pub nonce: Option<&'a str>,
    /// `X-Lark-Signature`.
    pub signature: Option<&'a str>,
    /// `X-Refresh-Token` (legacy callbacks).
    pub refresh_token: Option<&'a str>,
    /// The exact body bytes.
    pub body: &'a [u8],
    /// The first header the core reads that came twice or was not UTF-8.
    malformed: Option<&'static str>,
}

impl<'a> CallbackRequest<'a> {
    /// A request with this body and no headers.
    ///
    /// ```
    /// # use card_runtime::callback::CallbackRequest;
    /// let request = CallbackRequest::new(b"{}");
    /// ```
    pub fn new(body: &'a [u8]) -> Self {
        Self {
            timestamp: None,
            nonce: None,
            signature: None,
            refresh_token: None,
            body,
            malformed: None,
        }
    }

    /// Records a header if it is one the core reads (names compare case-insensitively); other
    /// headers are ignored.
    ///
    /// Every integration reads headers by this one rule: call it once per header line, in the
    /// order received. A header the core reads that arrives twice makes the request malformed
    /// (`401`), because two readers could otherwise pick different copies.
    ///
    /// ```
    /// # use card_runtime::callback::CallbackRequest;
    /// let request = CallbackRequest::new(b"{}").header("X-Lark-Signature", "ab").header("Host", "x");
    /// assert_eq!(request.signature, Some("ab"));
    /// ```
    #[must_use]
    pub fn header(mut self, name: &str, value: &'a str) -> Self {
        let Some((canonical, slot)) = self.slot(name) else {
            return self;
        };
        if slot.is_some() {
            self.malformed.get_or_insert(canonical);
        } else {
            *slot = Some(value);
        }
        self
    }

    /// Records a header given as raw bytes, as HTTP allows: a header the core reads whose value
    /// is not UTF-8 makes the request malformed (`401`), rather than looking absent.
    ///
    /// ```
    /// # use card_runtime::callback::CallbackRequest;
    /// let request = CallbackRequest::new(b"{}").header_bytes("X-Lark-Request-Nonce", b"n\xff");
    /// assert_eq!(request.nonce, None);
    /// ```
    #[must_use]
    pub fn header_bytes(mut self, name: &str, value: &'a [u8]) -> Self {
        match std::str::from_utf8(value) {
            Ok(value) => self.header(name, value),
            Err(_) => {
                if let Some((canonical, _)) = self.slot(name) {
                    self.malformed.get_or_insert(canonical);
                }
                self
            }
        }
    }

    fn slot(&mut self, name: &str) -> Option<(&'static str, &mut Option<&'a str>)> {
        if name.eq_ignore_ascii_case(verify::TIMESTAMP_HEADER) {
            Some((verify::TIMESTAMP_HEADER, &mut self.timestamp))
        } else if name.eq_ignore_ascii_case(verify::NONCE_HEADER) {
            Some((verify::NONCE_HEADER, &mut self.nonce))
        } else if name.eq_ignore_ascii_case(verify::SIGNATURE_HEADER) {
            Some((verify::SIGNATURE_HEADER, &mut self.signature))
        } else if name.eq_ignore_ascii_case(verify::REFRESH_TOKEN_HEADER) {
            Some((verify::REFRESH_TOKEN_HEADER, &mut self.refresh_token))
        } else {
            None
        }
    }

    pub(super) fn signature_headers(&self) -> Result<Option<SignatureHeaders<'a>>, CallbackError> {
        if let Some(name) = self.malformed {
            return Err(CallbackError::MalformedHeader(name));
        }
        match (self.timestamp, self.nonce, self.signature) {
            (None, None, None) => Ok(None),
            (Some(timestamp), Some(nonce), Some(signature)) => Ok(Some(SignatureHeaders {
                timestamp,
                nonce,
                signature,
            })),
            (None, _, _) => Err(CallbackError::MissingHeader(verify::TIMESTAMP_HEADER)),
            (_, None, _) => Err(CallbackError::MissingHeader(verify::NONCE_HEADER)),
            (_, _, None) => Err(CallbackError::MissingHeader(verify::SIGNATURE_HEADER)),
        }
    }
}

/// The body is shown by its length only: a plaintext callback carries the delayed-update token
/// and what the user typed (see [`CardAction`](super::CardAction)'s `Debug`).
impl std::fmt::Debug for CallbackRequest<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallbackRequest")
            .field("timestamp", &self.timestamp)
            .field("nonce", &self.nonce)
            .field("signature", &self.signature)
            .field("refresh_token", &self.refresh_token.map(|_| "<redacted>"))
            .field("body_len", &self.body.len())
            .field("malformed", &self.malformed)
            .finish()
    }
}
