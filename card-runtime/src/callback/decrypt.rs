//! AES-256-CBC decryption of `{"encrypt": ..}` bodies (and the matching encryption, for
//! tests that play Feishu).

use aes::Aes256;
use aes::cipher::block_padding::Pkcs7;
use aes::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

use super::{DecryptError, Secret};

const BLOCK: usize = 16;

/// Decrypts the `encrypt` field of a callback body.
///
/// Feishu's scheme (reference §6.2): the AES-256 key is `SHA-256(encrypt_key)`, the base64
/// decodes to a 16-byte IV followed by the CBC ciphertext, and the plaintext is PKCS#7 padded.
/// Unlike the Go SDK, which trims to the outermost `{`..`}`, the padding is checked, so a wrong
/// key or a tampered ciphertext is an error rather than garbage.
///
/// # Errors
///
/// [`DecryptError`] for bad base64, a bad length, bad padding or non-UTF-8 plaintext.
///
/// ```
/// use card_runtime::callback::{decrypt, Secret};
///
/// // The official example (reference §6.2).
/// let plain = decrypt("P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=", &Secret::new("test key"))?;
/// assert_eq!(plain, "hello world");
/// # Ok::<(), card_runtime::callback::DecryptError>(())
/// ```
pub fn decrypt(encrypted: &str, key: &Secret) -> Result<String, DecryptError> {
    let raw = STANDARD
        .decode(encrypted.as_bytes())
        .map_err(|_| DecryptError::Base64)?;
    if raw.len() < 2 * BLOCK || raw.len() % BLOCK != 0 {
        return Err(DecryptError::Length);
    }
    let (iv, ciphertext) = raw.split_at(BLOCK);
    let key = derive_key(key);
    let plain = cbc::Decryptor::<Aes256>::new_from_slices(&key, iv)
        .map_err(|_| DecryptError::Length)?
        .decrypt_padded_vec::<Pkcs7>(ciphertext)
        .map_err(|_| DecryptError::Padding)?;
    String::from_utf8(plain).map_err(|_| DecryptError::Utf8)
}

/// Encrypts a plaintext the way Feishu does, with the given IV; the inverse of [`decrypt`].
///
/// The IV must be unpredictable for real secrecy; tests pass their own.
///
/// ```
/// use card_runtime::callback::{decrypt, encrypt, Secret};
///
/// let key = Secret::new("test key");
/// let encrypted = encrypt(r#"{"challenge":"c"}"#, &key, [7; 16]);
/// assert_eq!(decrypt(&encrypted, &key).unwrap(), r#"{"challenge":"c"}"#);
/// ```
pub fn encrypt(plaintext: &str, key: &Secret, iv: [u8; BLOCK]) -> String {
    let key = derive_key(key);
    let ciphertext = cbc::Encryptor::<Aes256>::new(&key.into(), &iv.into())
        .encrypt_padded_vec::<Pkcs7>(plaintext.as_bytes());
    let mut raw = Vec::with_capacity(BLOCK + ciphertext.len());
    raw.extend_from_slice(&iv);
    raw.extend_from_slice(&ciphertext);
    STANDARD.encode(raw)
}

fn derive_key(key: &Secret) -> [u8; 32] {
    Sha256::digest(key.expose().as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_vector_and_failures() {
        let key = Secret::new("test key");
        let good = "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=";
        assert_eq!(decrypt(good, &key).unwrap(), "hello world");
        assert_eq!(
            decrypt(good, &Secret::new("other key")),
            Err(DecryptError::Padding)
        );
        assert_eq!(decrypt("%%%", &key), Err(DecryptError::Base64));
        assert_eq!(decrypt("AAAA", &key), Err(DecryptError::Length));
    }
}
