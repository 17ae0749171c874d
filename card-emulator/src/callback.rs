//! What Feishu posts to an app's callback URL (reference §6): the URL verification handshake
//! and a click in either generation, signed and optionally encrypted, built by the emulator
//! itself so that it checks the app's callback endpoint instead of agreeing with it.

use std::time::Duration;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::crypto::{Hash, callback_signature, encrypt};
use crate::secret::Secret;

/// Which callback generation the emulator posts (the app's console setting, reference §6).
///
/// The runtime's `card_runtime::callback::Envelope` converts into it, so one value can
/// configure both the app's endpoint and the emulator.
///
/// ```
/// use card_emulator::Generation;
/// assert_eq!(Generation::from(card_runtime::callback::Envelope::Legacy), Generation::Legacy);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Generation {
    /// `card.action.trigger`: schema 2.0 envelope, SHA-256 signature with the Encrypt Key.
    V2,
    /// The legacy card callback: flat body, SHA-1 signature with the Verification Token, and
    /// an `X-Refresh-Token` header.
    Legacy,
}

impl From<card_runtime::callback::Envelope> for Generation {
    fn from(generation: card_runtime::callback::Envelope) -> Self {
        match generation {
            card_runtime::callback::Envelope::Schema2 => Self::V2,
            card_runtime::callback::Envelope::Legacy => Self::Legacy,
        }
    }
}

/// The app's secrets, as entered in its console.
#[derive(Debug, Clone)]
pub(crate) struct AppSecrets {
    pub(crate) verification_token: Secret,
    /// `None` when no Encrypt Key is configured (an empty key is none).
    pub(crate) encrypt_key: Option<Secret>,
}

/// A request ready to post: header pairs and the exact body bytes that were signed.
#[derive(Debug)]
pub(crate) struct Signed {
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Vec<u8>,
}

/// One click as Feishu reports it.
#[derive(Debug)]
pub(crate) struct ClickFacts<'a> {
    pub(crate) app_id: &'a str,
    pub(crate) open_id: &'a str,
    pub(crate) message_id: &'a str,
    pub(crate) chat_id: &'a str,
    /// The `action` object, as [`crate::play`] built it.
    pub(crate) action: &'a Value,
    /// The delayed-update token (`c-…`).
    pub(crate) token: &'a str,
    /// The v2 `header.event_id`: new for every click, so a second click is a new delivery.
    pub(crate) event_id: &'a str,
    /// The legacy `X-Refresh-Token`.
    pub(crate) refresh_token: &'a str,
}

const TENANT_KEY: &str = "tenant_emulator";

/// The v2 body (§6.4).
pub(crate) fn v2_body(app: &AppSecrets, click: &ClickFacts<'_>, now: Duration) -> Value {
    json!({
        "schema": "2.0",
        "header": {
            "event_id": click.event_id,
            "token": app.verification_token.expose(),
            "create_time": now.as_micros().to_string(),
            "event_type": "card.action.trigger",
            "tenant_key": TENANT_KEY,
            "app_id": click.app_id,
        },
        "event": {
            "operator": {"tenant_key": TENANT_KEY, "open_id": click.open_id},
            "token": click.token,
            "action": click.action,
            "host": "im_message",
            "context": {"open_message_id": click.message_id, "open_chat_id": click.chat_id},
        }
    })
}

/// The legacy flat body (§6.5; `open_chat_id` as the SDK models carry it).
fn legacy_body(click: &ClickFacts<'_>) -> Value {
    json!({
        "open_id": click.open_id,
        "tenant_key": TENANT_KEY,
        "open_message_id": click.message_id,
        "open_chat_id": click.chat_id,
        "token": click.token,
        "action": click.action,
    })
}

fn seal(app: &AppSecrets, plain: &Value, encrypted: bool, iv: [u8; 16]) -> Vec<u8> {
    match (&app.encrypt_key, encrypted) {
        (Some(key), true) => {
            json!({"encrypt": encrypt(plain.to_string().as_bytes(), key.expose(), iv)})
                .to_string()
                .into_bytes()
        }
        _ => plain.to_string().into_bytes(),
    }
}

/// A click posted as `generation`: v2 signed with SHA-256 and the Encrypt Key (unsigned
/// without one, as Feishu does), legacy with SHA-1 and the Verification Token; the body is
/// `{"encrypt": …}` when `encrypted` and a key is set. `now` is time since the Unix epoch.
pub(crate) fn click_request(
    app: &AppSecrets,
    generation: Generation,
    click: &ClickFacts<'_>,
    encrypted: bool,
    now: Duration,
    nonce: &str,
    iv: [u8; 16],
) -> Signed {
    let plain = match generation {
        Generation::V2 => {
            return schema2_request(app, &v2_body(app, click, now), encrypted, now, nonce, iv);
        }
        Generation::Legacy => legacy_body(click),
    };
    let body = seal(app, &plain, encrypted, iv);
    let secret = &app.verification_token;
    let timestamp = now.as_secs().to_string();
    let signature = callback_signature(Hash::Sha1, &timestamp, nonce, secret.expose(), &body);
    let headers = vec![
        ("X-Lark-Request-Timestamp", timestamp),
        ("X-Lark-Request-Nonce", nonce.to_owned()),
        ("X-Lark-Signature", signature),
        ("X-Refresh-Token", click.refresh_token.to_owned()),
    ];
    Signed { headers, body }
}

/// A schema-2.0 body (a `card.action.trigger` click or any event) as posted: signed with
/// SHA-256 and the Encrypt Key (unsigned without one, as Feishu does), sealed as
/// `{"encrypt": …}` when `encrypted` and a key is set.
pub(crate) fn schema2_request(
    app: &AppSecrets,
    plain: &Value,
    encrypted: bool,
    now: Duration,
    nonce: &str,
    iv: [u8; 16],
) -> Signed {
    let body = seal(app, plain, encrypted, iv);
    let Some(key) = &app.encrypt_key else {
        return Signed {
            headers: Vec::new(),
            body,
        };
    };
    let timestamp = now.as_secs().to_string();
    let signature = callback_signature(Hash::Sha256, &timestamp, nonce, key.expose(), &body);
    Signed {
        headers: vec![
            ("X-Lark-Request-Timestamp", timestamp),
            ("X-Lark-Request-Nonce", nonce.to_owned()),
            ("X-Lark-Signature", signature),
        ],
        body,
    }
}

/// The URL verification handshake (§6.1): never signed, encrypted when a key is set.
pub(crate) fn url_verification(app: &AppSecrets, challenge: &str, iv: [u8; 16]) -> Signed {
    let plain = json!({
        "challenge": challenge,
        "token": app.verification_token.expose(),
        "type": "url_verification",
    });
    Signed {
        headers: Vec::new(),
        body: seal(app, &plain, true, iv),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(action: &'a Value) -> ClickFacts<'a> {
        ClickFacts {
            app_id: "cli_1",
            open_id: "ou_1",
            message_id: "om_1",
            chat_id: "oc_1",
            action,
            token: "c-1",
            event_id: "ev-1",
            refresh_token: "rt-1",
        }
    }

    #[test]
    fn legacy_clicks_are_signed_with_sha1_of_the_exact_body() {
        let app = AppSecrets {
            verification_token: Secret::new("v-token"),
            encrypt_key: None,
        };
        let value = json!({"tag": "button", "value": {"k": "v"}});
        let now = Duration::from_secs(1_700_000_000);
        let signed = click_request(
            &app,
            Generation::Legacy,
            &facts(&value),
            true,
            now,
            "n1",
            [0; 16],
        );
        let expected = callback_signature(Hash::Sha1, "1700000000", "n1", "v-token", &signed.body);
        assert!(signed.headers.contains(&("X-Lark-Signature", expected)));
        assert!(
            signed
                .headers
                .contains(&("X-Refresh-Token", "rt-1".to_owned()))
        );
        let body: Value = serde_json::from_slice(&signed.body).unwrap();
        assert_eq!(
            body["action"],
            json!({"tag": "button", "value": {"k": "v"}})
        );
    }

    #[test]
    fn v2_without_a_key_is_plain_and_unsigned() {
        let app = AppSecrets {
            verification_token: Secret::new("v-token"),
            encrypt_key: None,
        };
        let signed = click_request(
            &app,
            Generation::V2,
            &facts(&json!({"tag": "button"})),
            true,
            Duration::from_secs(1),
            "n",
            [0; 16],
        );
        assert!(signed.headers.is_empty());
        let body: Value = serde_json::from_slice(&signed.body).unwrap();
        assert_eq!(body["header"]["event_id"], "ev-1");
        assert_eq!(body["header"]["token"], "v-token");
        assert!(body["event"]["action"].get("value").is_none());
    }
}
