//! A secret string that never shows up in `Debug` output or logs.

use std::fmt;

/// A secret such as the Verification Token or the Encrypt Key.
///
/// It has no `Display`, and its `Debug` shows only the length, so a `{:?}` of a config or an
/// error cannot leak it into a log line.
///
/// ```
/// use card_runtime::callback::Secret;
///
/// let key = Secret::new("my_encrypt_key");
/// assert_eq!(format!("{key:?}"), "Secret(len:14)");
/// assert_eq!(key.expose(), "my_encrypt_key");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    ///
    /// ```
    /// # use card_runtime::callback::Secret;
    /// let token = Secret::new(String::from("v-token"));
    /// assert!(!token.is_empty());
    /// ```
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself, for the code that must use it (signing, key derivation).
    ///
    /// ```
    /// # use card_runtime::callback::Secret;
    /// assert_eq!(Secret::new("k").expose(), "k");
    /// ```
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the secret is the empty string (Feishu's console leaves the Encrypt Key empty
    /// until one is set).
    ///
    /// ```
    /// # use card_runtime::callback::Secret;
    /// assert!(Secret::new("").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret(len:{})", self.0.len())
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}
