//! The app's callback secrets and limits.

use std::time::Duration;

use super::Secret;

/// Default body limit: 1 MiB. Card callbacks are a few KiB (a form's values at most tens of
/// KiB); the limit only has to stop a client from making the server buffer without bound.
///
/// ```
/// assert_eq!(card_runtime::callback::DEFAULT_MAX_BODY, 1024 * 1024);
/// ```
pub const DEFAULT_MAX_BODY: usize = 1 << 20;
/// Default timestamp window: 5 minutes either side of now (the choice Slack documents for the
/// same scheme; Feishu documents none, reference §6.3).
///
/// ```
/// assert_eq!(card_runtime::callback::DEFAULT_TIMESTAMP_WINDOW.as_secs(), 300);
/// ```
pub const DEFAULT_TIMESTAMP_WINDOW: Duration = Duration::from_secs(300);
/// Default number of recent signatures and delivery ids remembered for replay and duplicate
/// detection.
///
/// ```
/// assert_eq!(card_runtime::callback::DEFAULT_DEDUPE_CAPACITY, 4096);
/// ```
pub const DEFAULT_DEDUPE_CAPACITY: usize = 4096;

/// The app's callback secrets and limits.
///
/// ```
/// use std::time::Duration;
/// use card_runtime::callback::CallbackConfig;
///
/// let config = CallbackConfig::new("v-token")
///     .encrypt_key("e-key")
///     .max_body_bytes(64 * 1024)
///     .timestamp_window(Some(Duration::from_secs(60)));
/// assert!(!format!("{config:?}").contains("v-token"));
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct CallbackConfig {
    pub(crate) verification_token: Secret,
    pub(crate) encrypt_key: Option<Secret>,
    pub(crate) max_body: usize,
    pub(crate) window: Option<Duration>,
    pub(crate) dedupe_capacity: usize,
}

impl CallbackConfig {
    /// A config with the app's Verification Token and no Encrypt Key.
    ///
    /// ```
    /// # use card_runtime::callback::CallbackConfig;
    /// let config = CallbackConfig::new("v-token");
    /// ```
    pub fn new(verification_token: impl Into<Secret>) -> Self {
        Self {
            verification_token: verification_token.into(),
            encrypt_key: None,
            max_body: DEFAULT_MAX_BODY,
            window: Some(DEFAULT_TIMESTAMP_WINDOW),
            dedupe_capacity: DEFAULT_DEDUPE_CAPACITY,
        }
    }

    /// Sets the Encrypt Key. With it, encrypted bodies are decrypted and `card.action.trigger`
    /// signatures are required. An empty key means none (the console's default). Default: none.
    ///
    /// ```
    /// # use card_runtime::callback::CallbackConfig;
    /// let config = CallbackConfig::new("v-token").encrypt_key("e-key");
    /// ```
    pub fn encrypt_key(mut self, key: impl Into<Secret>) -> Self {
        self.encrypt_key = configured_key(key.into());
        self
    }

    /// Sets the largest accepted body. Default: [`DEFAULT_MAX_BODY`] (1 MiB).
    ///
    /// ```
    /// # use card_runtime::callback::CallbackConfig;
    /// let config = CallbackConfig::new("v-token").max_body_bytes(4096);
    /// ```
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body = limit;
        self
    }

    /// Sets how far the timestamp header may be from now; `None` disables the check. Default:
    /// [`DEFAULT_TIMESTAMP_WINDOW`] (5 minutes). See [`super::check_timestamp`] for how the
    /// undocumented format is read.
    ///
    /// ```
    /// # use card_runtime::callback::CallbackConfig;
    /// let config = CallbackConfig::new("v-token").timestamp_window(None);
    /// ```
    pub fn timestamp_window(mut self, window: Option<Duration>) -> Self {
        self.window = window;
        self
    }

    /// Sets how many recent signatures and delivery ids are remembered. Default:
    /// [`DEFAULT_DEDUPE_CAPACITY`].
    ///
    /// ```
    /// # use card_runtime::callback::CallbackConfig;
    /// let config = CallbackConfig::new("v-token").dedupe_capacity(100);
    /// ```
    pub fn dedupe_capacity(mut self, capacity: usize) -> Self {
        self.dedupe_capacity = capacity;
        self
    }
}

/// The Encrypt Key as configured: the console's default, an empty key, means none. Shared by
/// the endpoint and the signer that plays Feishu, so both read a setting the same way.
pub(super) fn configured_key(key: Secret) -> Option<Secret> {
    (!key.expose().is_empty()).then_some(key)
}
