//! Feishu's signatures and encryption as the server computes them, written from the reference
//! for the emulator alone: the custom-bot webhook signature it checks (§5), and the callback
//! signatures and AES-256-CBC bodies it produces when it plays a click (§6.2, §6.3).

use aes::Aes256;
use aes::cipher::block_padding::Pkcs7;
use aes::cipher::{BlockModeEncrypt, KeyIvInit};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// The signature a webhook body must carry for `timestamp`: the HMAC-SHA256 of an empty
/// message keyed with `"<timestamp>\n<secret>"`, base64 (reference §5).
pub(crate) fn webhook_signature(timestamp: &str, secret: &str) -> String {
    let key = format!("{timestamp}\n{secret}");
    let Ok(mac) = Hmac::<Sha256>::new_from_slice(key.as_bytes()) else {
        // HMAC takes keys of any length; this arm is unreachable in practice.
        return String::new();
    };
    STANDARD.encode(mac.finalize().into_bytes())
}

/// Compares two signatures in time independent of where they differ, as a server must.
pub(crate) fn same_signature(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Which hash a callback signature uses (reference §6.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hash {
    /// `card.action.trigger`, keyed with the Encrypt Key.
    Sha256,
    /// The legacy card callback, keyed with the Verification Token.
    Sha1,
}

/// `hex(hash(timestamp ‖ nonce ‖ secret ‖ body))`, the body being the exact bytes sent.
pub(crate) fn callback_signature(
    hash: Hash,
    timestamp: &str,
    nonce: &str,
    secret: &str,
    body: &[u8],
) -> String {
    let parts = [
        timestamp.as_bytes(),
        nonce.as_bytes(),
        secret.as_bytes(),
        body,
    ];
    match hash {
        Hash::Sha256 => hex(&parts
            .iter()
            .fold(Sha256::new(), |h, p| h.chain_update(p))
            .finalize()),
        Hash::Sha1 => hex(&parts
            .iter()
            .fold(Sha1::new(), |h, p| h.chain_update(p))
            .finalize()),
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// Encrypts a callback body as Feishu does: AES-256-CBC with the key `SHA-256(encrypt_key)`,
/// PKCS#7 padding, and base64 of `iv ‖ ciphertext` (reference §6.2).
pub(crate) fn encrypt(plaintext: &[u8], encrypt_key: &str, iv: [u8; 16]) -> String {
    let key: [u8; 32] = Sha256::digest(encrypt_key.as_bytes()).into();
    let ciphertext = cbc::Encryptor::<Aes256>::new(&key.into(), &iv.into())
        .encrypt_padded_vec::<Pkcs7>(plaintext);
    let mut raw = Vec::with_capacity(iv.len() + ciphertext.len());
    raw.extend_from_slice(&iv);
    raw.extend_from_slice(&ciphertext);
    STANDARD.encode(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_vector() {
        // Reference §5: secret `demo`, timestamp 1599360473.
        assert_eq!(
            webhook_signature("1599360473", "demo"),
            "l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8="
        );
    }

    #[test]
    fn callback_vectors() {
        // Reference §6.3.
        assert_eq!(
            callback_signature(
                Hash::Sha256,
                "1700000000",
                "abc123",
                "my_encrypt_key",
                br#"{"encrypt":"xyz"}"#
            ),
            "8c2f97712da8d9a83f643cd7454bd0a6b6c1ce63cca1784dc6db8d085ebabc54"
        );
        assert_eq!(
            callback_signature(
                Hash::Sha1,
                "1700000000",
                "abc123",
                "my_verification_token",
                br#"{"open_id":"ou_x"}"#
            ),
            "0aebf387a76b9f2476a4eff15f3526de4b92185a"
        );
    }

    #[test]
    fn encryption_vector() {
        // Reference §6.2: key `test key`, plaintext `hello world`; the IV is the vector's first
        // 16 bytes, so encrypting again must give the same text.
        let vector = "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=";
        let raw = STANDARD.decode(vector).unwrap();
        let iv: [u8; 16] = raw[..16].try_into().unwrap();
        assert_eq!(encrypt(b"hello world", "test key", iv), vector);
    }

    #[test]
    fn comparison() {
        assert!(same_signature("abc", "abc"));
        assert!(!same_signature("abc", "abd"));
        assert!(!same_signature("abc", "ab"));
    }
}
