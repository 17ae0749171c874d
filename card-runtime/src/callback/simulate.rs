//! The Feishu side of a callback: building the request Feishu would send for a click or for
//! the URL verification handshake, signed and optionally encrypted. Users' unit tests use it to
//! play Feishu against their endpoint (the `card-emulator` crate has its own, independent one).

use serde_json::{Value, json};

use super::{Action, Algorithm, Envelope, Secret, encrypt, sign};

/// A callback request ready to be posted: headers and the exact body bytes.
///
/// ```
/// use card_runtime::callback::{CallbackSigner, Envelope};
///
/// let signer = CallbackSigner::new("v-token");
/// let request = signer.url_verification("challenge-1", None);
/// assert!(request.headers.is_empty());
/// assert_eq!(request.body_json()["challenge"], "challenge-1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedRequest {
    /// Header names and values (the signature headers; empty for the handshake).
    pub headers: Vec<(&'static str, String)>,
    /// The body bytes, exactly as signed.
    pub body: Vec<u8>,
}

impl SignedRequest {
    /// The body as JSON (`Null` if it is not JSON, which the signer never produces).
    ///
    /// ```
    /// # use card_runtime::callback::CallbackSigner;
    /// let request = CallbackSigner::new("t").url_verification("c", None);
    /// assert_eq!(request.body_json()["type"], "url_verification");
    /// ```
    pub fn body_json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}

/// One click as Feishu reports it: who, on which message, and the component's action.
///
/// ```
/// use card_runtime::callback::ClickEvent;
/// use serde_json::json;
///
/// let click = ClickEvent::button("ou_1", "om_1", json!({"button_id": "b1"}));
/// assert_eq!(click.action.tag, "button");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ClickEvent {
    /// The clicking user's `open_id`.
    pub open_id: String,
    /// The user's `union_id` (v2 only).
    pub union_id: Option<String>,
    /// The user's `user_id`, when the app has the scope.
    pub user_id: Option<String>,
    /// The tenant.
    pub tenant_key: String,
    /// The app (v2 `header.app_id`).
    pub app_id: String,
    /// The card's message id.
    pub open_message_id: String,
    /// The card's chat id.
    pub open_chat_id: Option<String>,
    /// The delayed-update token handed to the app (`c-…`).
    pub token: String,
    /// The v2 event id (the app's de-duplication key).
    pub event_id: String,
    /// What the user did.
    pub action: Action,
}

impl ClickEvent {
    /// A button click with this `value` (the other ids get placeholder values: set the fields
    /// to change them).
    ///
    /// ```
    /// # use card_runtime::callback::ClickEvent;
    /// let mut click = ClickEvent::button("ou_1", "om_1", serde_json::json!("v"));
    /// click.token = "c-123".into();
    /// ```
    pub fn button(
        open_id: impl Into<String>,
        open_message_id: impl Into<String>,
        value: Value,
    ) -> Self {
        let open_message_id = open_message_id.into();
        Self {
            open_id: open_id.into(),
            union_id: None,
            user_id: None,
            tenant_key: "tenant_emulator".into(),
            app_id: "cli_emulator".into(),
            token: format!("c-{open_message_id}"),
            event_id: format!("ev-{open_message_id}"),
            open_message_id,
            open_chat_id: None,
            action: Action {
                value,
                tag: "button".into(),
                ..Action::default()
            },
        }
    }

    /// A form submit: the submit button `name`d, its callback `value` (`None` for a submit
    /// button without one), and the fields by component name, as reference v2 §8 describes
    /// (a multi-select's field is an array).
    ///
    /// ```
    /// use card_runtime::callback::ClickEvent;
    /// use serde_json::json;
    ///
    /// let form = json!({"reason": "hotfix", "envs": ["prod"]});
    /// let click = ClickEvent::form_submit("ou_1", "om_1", "submit", Some(json!({"route": "deploy"})), form);
    /// assert_eq!(click.action.form_value.as_ref().unwrap()["reason"], "hotfix");
    /// assert_eq!(click.action.name.as_deref(), Some("submit"));
    /// ```
    pub fn form_submit(
        open_id: impl Into<String>,
        open_message_id: impl Into<String>,
        name: impl Into<String>,
        value: Option<Value>,
        form_value: Value,
    ) -> Self {
        let mut click = Self::button(open_id, open_message_id, value.unwrap_or(Value::Null));
        click.action.name = Some(name.into());
        click.action.form_value = match form_value {
            Value::Object(fields) => Some(fields),
            _ => Some(serde_json::Map::new()),
        };
        click
    }

    fn legacy_body(&self) -> Value {
        let mut body = json!({
            "open_id": self.open_id,
            "tenant_key": self.tenant_key,
            "open_message_id": self.open_message_id,
            "token": self.token,
            "action": self.action,
        });
        if let Some(user_id) = &self.user_id {
            body["user_id"] = json!(user_id);
        }
        if let Some(chat) = &self.open_chat_id {
            body["open_chat_id"] = json!(chat);
        }
        body
    }

    fn v2_body(&self, verification_token: &Secret, create_time_us: u128) -> Value {
        let mut operator = json!({"tenant_key": self.tenant_key, "open_id": self.open_id});
        if let Some(union_id) = &self.union_id {
            operator["union_id"] = json!(union_id);
        }
        if let Some(user_id) = &self.user_id {
            operator["user_id"] = json!(user_id);
        }
        let mut context = json!({"open_message_id": self.open_message_id});
        if let Some(chat) = &self.open_chat_id {
            context["open_chat_id"] = json!(chat);
        }
        json!({
            "schema": "2.0",
            "header": {
                "event_id": self.event_id,
                "token": verification_token.expose(),
                "create_time": create_time_us.to_string(),
                "event_type": "card.action.trigger",
                "tenant_key": self.tenant_key,
                "app_id": self.app_id,
            },
            "event": {
                "operator": operator,
                "token": self.token,
                "action": self.action,
                "host": "im_message",
                "context": context,
            }
        })
    }
}

/// Signs (and optionally encrypts) callbacks with an app's secrets, as Feishu does.
///
/// ```
/// use std::time::SystemTime;
/// use card_runtime::callback::{CallbackConfig, CallbackEndpoint, CallbackRequest, CallbackSigner, ClickEvent, Envelope, Dispatcher, Handlers};
///
/// let signer = CallbackSigner::new("v-token").encrypt_key("e-key");
/// let click = ClickEvent::button("ou_1", "om_1", serde_json::json!("flow-1"));
/// let now = SystemTime::now();
/// let signed = signer.click(Envelope::Schema2, &click, true, now, "nonce-1", [0; 16]);
///
/// let endpoint = CallbackEndpoint::new(CallbackConfig::new("v-token").encrypt_key("e-key"), Dispatcher::new(Handlers::new()).unwrap());
/// let mut request = CallbackRequest::new(&signed.body);
/// for (name, value) in &signed.headers {
///     request = request.header(name, value);
/// }
/// assert!(endpoint.open(&request, now).is_ok());
/// ```
#[derive(Debug, Clone)]
pub struct CallbackSigner {
    verification_token: Secret,
    encrypt_key: Option<Secret>,
}

impl CallbackSigner {
    /// A signer for an app with this Verification Token and no Encrypt Key.
    ///
    /// ```
    /// # use card_runtime::callback::CallbackSigner;
    /// let signer = CallbackSigner::new("v-token");
    /// ```
    pub fn new(verification_token: impl Into<Secret>) -> Self {
        Self {
            verification_token: verification_token.into(),
            encrypt_key: None,
        }
    }

    /// Sets the Encrypt Key (an empty key means none).
    ///
    /// ```
    /// # use card_runtime::callback::CallbackSigner;
    /// let signer = CallbackSigner::new("v-token").encrypt_key("e-key");
    /// assert!(signer.has_encrypt_key());
    /// ```
    #[must_use]
    pub fn encrypt_key(mut self, key: impl Into<Secret>) -> Self {
        self.encrypt_key = super::config::configured_key(key.into());
        self
    }

    /// Whether an Encrypt Key is set.
    ///
    /// ```
    /// # use card_runtime::callback::CallbackSigner;
    /// assert!(!CallbackSigner::new("t").has_encrypt_key());
    /// ```
    pub fn has_encrypt_key(&self) -> bool {
        self.encrypt_key.is_some()
    }

    /// The URL verification handshake: `{"challenge","token","type"}`, encrypted when an
    /// Encrypt Key is set and an IV is given, never signed (Feishu does not sign it).
    ///
    /// ```
    /// # use card_runtime::callback::CallbackSigner;
    /// let request = CallbackSigner::new("t").encrypt_key("k").url_verification("c", Some([1; 16]));
    /// assert!(request.body_json()["encrypt"].is_string());
    /// ```
    pub fn url_verification(&self, challenge: &str, iv: Option<[u8; 16]>) -> SignedRequest {
        let plain = json!({
            "challenge": challenge,
            "token": self.verification_token.expose(),
            "type": "url_verification",
        });
        let body = match (&self.encrypt_key, iv) {
            (Some(key), Some(iv)) => json!({"encrypt": encrypt(&plain.to_string(), key, iv)}),
            _ => plain,
        };
        SignedRequest {
            headers: Vec::new(),
            body: body.to_string().into_bytes(),
        }
    }

    /// A click, signed for its generation: v2 with SHA-256 and the Encrypt Key (unsigned when
    /// there is none, as Feishu does), legacy with SHA-1 and the Verification Token. With
    /// `encrypted` and an Encrypt Key the body becomes `{"encrypt": ..}` (for legacy callbacks
    /// the docs say Feishu never encrypts, but SDKs accept it). `iv` should be random per
    /// request outside tests.
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use card_runtime::callback::{CallbackSigner, ClickEvent, Envelope};
    ///
    /// let signer = CallbackSigner::new("v-token");
    /// let click = ClickEvent::button("ou_1", "om_1", serde_json::json!({"k": "v"}));
    /// let signed = signer.click(Envelope::Legacy, &click, false, SystemTime::now(), "n", [0; 16]);
    /// assert_eq!(signed.headers[2].0, "X-Lark-Signature");
    /// assert_eq!(signed.body_json()["action"]["value"]["k"], "v");
    /// ```
    pub fn click(
        &self,
        generation: Envelope,
        click: &ClickEvent,
        encrypted: bool,
        now: std::time::SystemTime,
        nonce: &str,
        iv: [u8; 16],
    ) -> SignedRequest {
        let since_epoch = now
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let plain = match generation {
            Envelope::Schema2 => click.v2_body(&self.verification_token, since_epoch.as_micros()),
            Envelope::Legacy => click.legacy_body(),
        };
        let body = match (&self.encrypt_key, encrypted) {
            (Some(key), true) => json!({"encrypt": encrypt(&plain.to_string(), key, iv)}),
            _ => plain,
        }
        .to_string()
        .into_bytes();
        let (algorithm, secret) = match (generation, &self.encrypt_key) {
            (Envelope::Schema2, Some(key)) => (Algorithm::Sha256, key),
            (Envelope::Schema2, None) => {
                return SignedRequest {
                    headers: Vec::new(),
                    body,
                };
            }
            (Envelope::Legacy, _) => (Algorithm::Sha1, &self.verification_token),
        };
        signed(algorithm, secret, since_epoch.as_secs(), nonce, body)
    }

    /// An event delivery (schema 2.0 envelope, as the "Events" subscription's request URL
    /// receives it): `event` under a header with this type and id, signed with SHA-256 and the
    /// Encrypt Key (unsigned without one, the header's token being the check), and encrypted
    /// when `iv` is given and an Encrypt Key is set.
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use card_runtime::callback::CallbackSigner;
    /// use serde_json::json;
    ///
    /// let signer = CallbackSigner::new("v-token").encrypt_key("e-key");
    /// let event = json!({"message": {"message_type": "text", "content": "{\"text\":\"hi\"}"}});
    /// let signed = signer.event("im.message.receive_v1", "ev-1", event, SystemTime::now(), "n", None);
    /// assert_eq!(signed.body_json()["header"]["event_type"], "im.message.receive_v1");
    /// assert_eq!(signed.headers.len(), 3);
    /// ```
    pub fn event(
        &self,
        event_type: &str,
        event_id: &str,
        event: Value,
        now: std::time::SystemTime,
        nonce: &str,
        iv: Option<[u8; 16]>,
    ) -> SignedRequest {
        let since_epoch = now
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let plain = json!({
            "schema": "2.0",
            "header": {
                "event_id": event_id,
                "token": self.verification_token.expose(),
                "create_time": since_epoch.as_millis().to_string(),
                "event_type": event_type,
                "tenant_key": "tenant_emulator",
                "app_id": "cli_emulator",
            },
            "event": event,
        });
        let Some(key) = &self.encrypt_key else {
            return SignedRequest {
                headers: Vec::new(),
                body: plain.to_string().into_bytes(),
            };
        };
        let body = match iv {
            Some(iv) => json!({"encrypt": encrypt(&plain.to_string(), key, iv)}),
            None => plain,
        }
        .to_string()
        .into_bytes();
        signed(Algorithm::Sha256, key, since_epoch.as_secs(), nonce, body)
    }
}

/// `body` with the three signature headers Feishu sends.
fn signed(
    algorithm: Algorithm,
    secret: &Secret,
    timestamp: u64,
    nonce: &str,
    body: Vec<u8>,
) -> SignedRequest {
    let timestamp = timestamp.to_string();
    let signature = sign(algorithm, &timestamp, nonce, secret, &body);
    SignedRequest {
        headers: vec![
            (super::TIMESTAMP_HEADER, timestamp),
            (super::NONCE_HEADER, nonce.to_owned()),
            (super::SIGNATURE_HEADER, signature),
        ],
        body,
    }
}
