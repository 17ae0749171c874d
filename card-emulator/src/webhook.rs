//! The custom-bot webhook `POST /open-apis/bot/v2/hook/:token` (reference §5), with its own
//! signature check, body limit and per-bot windows.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::crypto::{same_signature, webhook_signature};
use crate::ops::{Reject, check_card};
use crate::state::EmulatorState;
use crate::store::{Head, Stored};
use crate::window::admit;

/// Webhook bodies: at most 20 KB (§5), stricter than the API's 30 KB.
const MAX_WEBHOOK_BYTES: usize = 20_000;
/// The signed `timestamp` must be within one hour of the server's time (§5).
const WEBHOOK_CLOCK_SKEW_SECS: u64 = 3600;

fn invalid_token() -> Reject {
    Reject::new(
        200,
        19001,
        "param invalid: incoming webhook access token invalid",
    )
}

impl EmulatorState {
    /// Errors come back with HTTP 200, as the webhook's documented responses are bodies,
    /// not statuses.
    pub(crate) fn webhook(&self, hook_token: &str, body: &[u8]) -> Result<Value, Reject> {
        if body.len() > MAX_WEBHOOK_BYTES {
            return Err(Reject::new(400, 9499, "Bad Request"));
        }
        let request: Value =
            serde_json::from_slice(body).map_err(|_| Reject::new(400, 9499, "Bad Request"))?;
        let now = self.clock.now();
        {
            let inner = self.lock();
            let hook = inner.hooks.get(hook_token).ok_or_else(invalid_token)?;
            if let Some(secret) = &hook.secret {
                // The timestamp is signed as the text sent; it must also be Unix seconds
                // within the hour, so only plain digits are read as a time.
                let timestamp = request["timestamp"].as_str().unwrap_or_default();
                let fresh = !timestamp.is_empty()
                    && timestamp.bytes().all(|b| b.is_ascii_digit())
                    && timestamp
                        .parse::<u64>()
                        .is_ok_and(|ts| now.as_secs().abs_diff(ts) <= WEBHOOK_CLOCK_SKEW_SECS);
                let sign = request["sign"].as_str().unwrap_or_default();
                if !fresh || !same_signature(&webhook_signature(timestamp, secret.expose()), sign) {
                    return Err(Reject::new(
                        200,
                        19021,
                        "sign match fail or timestamp is not within one hour from current time",
                    ));
                }
            }
        }
        let msg_type = request["msg_type"].as_str().unwrap_or_default().to_owned();
        if msg_type.is_empty() {
            return Err(Reject::new(200, 19002, "params error, msg_type need"));
        }
        let card = if msg_type == "interactive" {
            let card = &request["card"];
            if !card.is_object() {
                return Err(Reject::new(
                    400,
                    9499,
                    "Bad Request: card must be a JSON object",
                ));
            }
            // No code is documented for a bad webhook card (UNCONFIRMED); 9499 with the path.
            check_card(card, 9499)?;
            card
        } else {
            &request["content"]
        };
        let now_ms = self.now_ms();
        let mut inner = self.lock();
        let inner = &mut *inner;
        let hook = inner.hooks.get_mut(hook_token).ok_or_else(invalid_token)?;
        if admit(&mut [&mut hook.per_second, &mut hook.per_minute], now).is_err() {
            inner.stats.target_rate_limited += 1;
            return Err(Reject::new(200, 11232, "frequency limited"));
        }
        let chat_id = hook.chat_id.clone();
        let head = Head {
            message_id: format!("om_{}", inner.next_hex()),
            chat_id,
            receive_id_type: "webhook".into(),
            receive_id: hook_token.to_owned(),
            msg_type,
            uuid: None,
            parent_id: None,
            root_id: None,
            thread_id: None,
            create_time: now_ms,
        };
        let card: Arc<str> = card.to_string().into();
        inner.record(Stored::new(head, card));
        Ok(json!({}))
    }
}
