//! Signature checks for both callback generations, in constant time, with an injected clock.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Deserialize as _;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::{CallbackError, Secret};

/// Header carrying the request timestamp.
///
/// ```
/// assert_eq!(card_runtime::callback::TIMESTAMP_HEADER, "X-Lark-Request-Timestamp");
/// ```
pub const TIMESTAMP_HEADER: &str = "X-Lark-Request-Timestamp";
/// Header carrying the request nonce.
///
/// ```
/// assert_eq!(card_runtime::callback::NONCE_HEADER, "X-Lark-Request-Nonce");
/// ```
pub const NONCE_HEADER: &str = "X-Lark-Request-Nonce";
/// Header carrying the hex signature.
///
/// ```
/// assert_eq!(card_runtime::callback::SIGNATURE_HEADER, "X-Lark-Signature");
/// ```
pub const SIGNATURE_HEADER: &str = "X-Lark-Signature";
/// Legacy callbacks' de-duplication header: it changes only after a click was answered.
///
/// ```
/// assert_eq!(card_runtime::callback::REFRESH_TOKEN_HEADER, "X-Refresh-Token");
/// ```
pub const REFRESH_TOKEN_HEADER: &str = "X-Refresh-Token";

/// Which signature a callback carries.
///
/// ```
/// use card_runtime::callback::Algorithm;
/// assert_ne!(Algorithm::Sha256, Algorithm::Sha1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// `card.action.trigger` and every v2 event: SHA-256 keyed with the Encrypt Key.
    Sha256,
    /// The legacy card callback (`card.action.trigger_v1`): SHA-1 keyed with the Verification
    /// Token.
    Sha1,
}

/// The three signature headers of one request, borrowed.
///
/// ```
/// use card_runtime::callback::SignatureHeaders;
///
/// let headers = SignatureHeaders { timestamp: "1700000000", nonce: "abc123", signature: "00" };
/// assert_eq!(headers.nonce, "abc123");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct SignatureHeaders<'a> {
    /// `X-Lark-Request-Timestamp`.
    pub timestamp: &'a str,
    /// `X-Lark-Request-Nonce`.
    pub nonce: &'a str,
    /// `X-Lark-Signature` (lowercase hex).
    pub signature: &'a str,
}

/// Computes the signature Feishu sends: `hex(H(timestamp ‖ nonce ‖ secret ‖ body))`.
///
/// The secret is the Encrypt Key for [`Algorithm::Sha256`] and the Verification Token for
/// [`Algorithm::Sha1`]. `body` is the exact request bytes (the `{"encrypt":..}` document when
/// encrypted): re-serializing the JSON would change them.
///
/// ```
/// use card_runtime::callback::{sign, Algorithm, Secret};
///
/// let sig = sign(Algorithm::Sha256, "1700000000", "abc123", &Secret::new("my_encrypt_key"), br#"{"encrypt":"xyz"}"#);
/// assert_eq!(sig, "8c2f97712da8d9a83f643cd7454bd0a6b6c1ce63cca1784dc6db8d085ebabc54");
/// ```
pub fn sign(
    algorithm: Algorithm,
    timestamp: &str,
    nonce: &str,
    secret: &Secret,
    body: &[u8],
) -> String {
    match algorithm {
        Algorithm::Sha256 => hex(&digest::<Sha256>(timestamp, nonce, secret, body)),
        Algorithm::Sha1 => hex(&digest::<Sha1>(timestamp, nonce, secret, body)),
    }
}

/// Checks a request's signature in constant time.
///
/// The timestamp window is checked separately ([`check_timestamp`]) because only the caller
/// knows the clock.
///
/// The secret sits between the headers and the body in the hashed message, so anyone who saw
/// one signed request can compute the signature of that body with bytes appended (a length
/// extension of SHA-1 and SHA-256). Feishu only ever signs one JSON document, so a body with
/// anything but whitespace after its document's end is refused here, before it is hashed.
///
/// # Errors
///
/// [`CallbackError::BadSignature`] when the signature is not the one the secret gives for this
/// body (including a signature that is not 40/64 lowercase hex characters, and a body that is
/// not exactly one JSON document).
///
/// ```
/// use card_runtime::callback::{verify, Algorithm, Secret, SignatureHeaders};
///
/// let headers = SignatureHeaders {
///     timestamp: "1700000000",
///     nonce: "abc123",
///     signature: "0aebf387a76b9f2476a4eff15f3526de4b92185a",
/// };
/// let token = Secret::new("my_verification_token");
/// assert!(verify(Algorithm::Sha1, &headers, br#"{"open_id":"ou_x"}"#, &token).is_ok());
/// assert!(verify(Algorithm::Sha1, &headers, br#"{"open_id":"ou_y"}"#, &token).is_err());
/// ```
pub fn verify(
    algorithm: Algorithm,
    headers: &SignatureHeaders<'_>,
    body: &[u8],
    secret: &Secret,
) -> Result<(), CallbackError> {
    if !is_one_json_document(body) {
        return Err(CallbackError::BadSignature);
    }
    verify_decoded(algorithm, headers, body, secret)
}

/// [`verify`] for a body the caller has already decoded as exactly one JSON document.
pub(super) fn verify_decoded(
    algorithm: Algorithm,
    headers: &SignatureHeaders<'_>,
    body: &[u8],
    secret: &Secret,
) -> Result<(), CallbackError> {
    let expected = sign(algorithm, headers.timestamp, headers.nonce, secret, body);
    // `ct_eq` on slices of different lengths is false without looking at the bytes; the
    // lengths (40 or 64) are public, so that leaks nothing.
    if bool::from(expected.as_bytes().ct_eq(headers.signature.as_bytes())) {
        Ok(())
    } else {
        Err(CallbackError::BadSignature)
    }
}

/// The algorithm a signature's length names: 64 hex digits are SHA-256, 40 are SHA-1.
///
/// Lets a verifier hash an unauthenticated body once, with the one algorithm the signature can
/// be, instead of trying both.
pub(super) fn algorithm_of(signature: &str) -> Option<Algorithm> {
    match signature.len() {
        64 => Some(Algorithm::Sha256),
        40 => Some(Algorithm::Sha1),
        _ => None,
    }
}

/// Whether `body` is one JSON value with nothing but whitespace after it. Skims without
/// building anything (nesting is bounded by serde_json's recursion limit).
fn is_one_json_document(body: &[u8]) -> bool {
    let mut de = serde_json::Deserializer::from_slice(body);
    serde::de::IgnoredAny::deserialize(&mut de).is_ok() && de.end().is_ok()
}

/// Checks that a timestamp header lies within `window` of `now`.
///
/// Feishu does not document the timestamp's format (reference §6.3, UNCONFIRMED); its SDKs and
/// examples send unix seconds. The signature covers timestamp and nonce as one concatenation,
/// so whoever holds a signed request can move characters between the two headers and keep the
/// signature valid: every value the window cannot judge must therefore be refused, or an old
/// request would pass as one without a timestamp. Accepted are exactly 10 ASCII digits (unix
/// seconds, 2001 to 2286) and, in case Feishu switches to milliseconds, exactly 13 digits
/// (UNCONFIRMED; shifting digits cannot forge a fresh value in either form, because the
/// leading digits stay those Feishu signed). Anything else (empty, signs, spaces, other
/// lengths) is refused.
///
/// # Errors
///
/// [`CallbackError::MalformedHeader`] for a timestamp of another form, and
/// [`CallbackError::StaleTimestamp`] when the timestamp is further than `window` from `now`,
/// in either direction.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use card_runtime::callback::check_timestamp;
///
/// let now = UNIX_EPOCH + Duration::from_secs(1_700_000_100);
/// let window = Duration::from_secs(300);
/// assert!(check_timestamp("1700000000", now, window).is_ok());
/// assert!(check_timestamp("1699999000", now, window).is_err());
/// assert!(check_timestamp("", now, window).is_err());
/// ```
pub fn check_timestamp(
    timestamp: &str,
    now: SystemTime,
    window: Duration,
) -> Result<(), CallbackError> {
    let seconds =
        parse_unix_seconds(timestamp).ok_or(CallbackError::MalformedHeader(TIMESTAMP_HEADER))?;
    let now = now
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    if now.abs_diff(seconds) > window.as_secs() {
        return Err(CallbackError::StaleTimestamp {
            timestamp: seconds,
            window_secs: window.as_secs(),
        });
    }
    Ok(())
}

/// Unix seconds from 10 digits (seconds) or 13 digits (milliseconds); `None` for anything else.
pub(super) fn parse_unix_seconds(timestamp: &str) -> Option<u64> {
    if !timestamp.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // At most 13 digits: the parse cannot overflow.
    let value: u64 = timestamp.parse().ok()?;
    match timestamp.len() {
        10 => Some(value),
        13 => Some(value / 1000),
        _ => None,
    }
}

fn digest<D: Digest>(timestamp: &str, nonce: &str, secret: &Secret, body: &[u8]) -> Vec<u8> {
    let mut hasher = D::new();
    hasher.update(timestamp.as_bytes());
    hasher.update(nonce.as_bytes());
    hasher.update(secret.expose().as_bytes());
    hasher.update(body);
    hasher.finalize().to_vec()
}

pub(super) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_vectors() {
        let key = Secret::new("my_encrypt_key");
        let sig = sign(
            Algorithm::Sha256,
            "1700000000",
            "abc123",
            &key,
            br#"{"encrypt":"xyz"}"#,
        );
        assert_eq!(
            sig,
            "8c2f97712da8d9a83f643cd7454bd0a6b6c1ce63cca1784dc6db8d085ebabc54"
        );
        let token = Secret::new("my_verification_token");
        let sig = sign(
            Algorithm::Sha1,
            "1700000000",
            "abc123",
            &token,
            br#"{"open_id":"ou_x"}"#,
        );
        assert_eq!(sig, "0aebf387a76b9f2476a4eff15f3526de4b92185a");
    }

    #[test]
    fn timestamp_formats() {
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let window = Duration::from_secs(60);
        assert!(check_timestamp("1700000000000", now, window).is_ok());
        assert!(check_timestamp("1700000061", now, window).is_err());
        assert!(check_timestamp("1700000000", now, window).is_ok());
        for malformed in [
            "",
            "not-a-number",
            "+700000000",
            " 1700000000",
            "170000000",
            "17000000000",
            "170000000000",
            "17000000000000",
            "99999999999999999999999",
        ] {
            assert!(
                matches!(
                    check_timestamp(malformed, now, window),
                    Err(CallbackError::MalformedHeader(TIMESTAMP_HEADER))
                ),
                "{malformed:?}"
            );
        }
    }
}
