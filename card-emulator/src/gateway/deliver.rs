//! Pushing one message to a connected client and waiting for its answer frame: the part of
//! the gateway the clicker and the "user sends a message" API share.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use base64::Engine as _;
use card_runtime::ws::{Frame, METHOD_DATA, keys};
use serde::Serialize;
use serde_json::Value;
use tokio::time::{Instant, sleep, timeout};

use super::{ANSWER_DEADLINE, Gateway, Out, SERVICE_ID, WsFault};

/// The app's answer to one delivery (over the long connection or HTTP), as Feishu reads it.
///
/// ```
/// # fn show(delivered: &card_emulator::Delivered) {
/// if delivered.status == Some(200) { println!("answer: {}", delivered.answer); }
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Delivered {
    /// The answer frame's `code` (200 or 500) or the HTTP status; `None` when no answer came
    /// within 3 s.
    pub status: Option<u16>,
    /// The decoded `data`: the handler's JSON (`{}` when the answer carried none).
    pub answer: Value,
    /// How many frames the payload went out in (1 over HTTP).
    pub parts: usize,
}

impl Delivered {
    pub(crate) fn new(status: Option<u16>, answer: Value) -> Self {
        Self {
            status,
            answer,
            parts: 1,
        }
    }
}

static SEQ_ID: AtomicU64 = AtomicU64::new(1);

impl Gateway {
    /// Delivers `payload` to one connected client of `app_id`; `None` when none is connected.
    pub(crate) async fn deliver(
        &self,
        app_id: &str,
        payload: &[u8],
        now_ms: u64,
    ) -> Option<Delivered> {
        let tx = self.pick(app_id)?;
        let parts = self
            .take_fault(|f| match f {
                WsFault::Split { parts } => Some((*parts).max(1)),
                _ => None,
            })
            .unwrap_or(1);
        let kind = if self
            .take_fault(|f| (*f == WsFault::CardFrame).then_some(()))
            .is_some()
        {
            "card"
        } else {
            "event"
        };
        let skip = self
            .take_fault(|f| (*f == WsFault::SkipAnswer).then_some(()))
            .is_some();
        let delay = self.take_fault(|f| match f {
            WsFault::DelayAnswer { ms } => Some(Duration::from_millis(*ms)),
            _ => None,
        });
        let message_id = format!("emu_msg_{}", uuid::Uuid::new_v4().simple());
        let trace_id = uuid::Uuid::new_v4().simple().to_string();
        let answer = self.expect_answer(&message_id);
        let started = Instant::now();
        let chunk = payload.len().div_ceil(parts).max(1);
        let chunks: Vec<&[u8]> = payload.chunks(chunk).collect();
        let sum = chunks.len();
        // Last part first: a client must order parts by `seq`, not by arrival.
        for (seq, part) in chunks.iter().enumerate().rev() {
            let headers = [
                (keys::TYPE, kind.to_owned()),
                (keys::MESSAGE_ID, message_id.clone()),
                (keys::SUM, sum.to_string()),
                (keys::SEQ, seq.to_string()),
                (keys::TRACE_ID, trace_id.clone()),
                (keys::TIMESTAMP, now_ms.to_string()),
            ];
            let frame = Frame {
                seq_id: SEQ_ID.fetch_add(1, Ordering::Relaxed),
                service: SERVICE_ID,
                method: METHOD_DATA,
                headers: headers
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v))
                    .collect(),
                payload: Some(part.to_vec()),
                ..Frame::default()
            };
            if tx.send(Out::Frame(frame.encode())).is_err() {
                self.forget_answer(&message_id);
                return Some(timed_out(sum));
            }
        }
        let received = timeout(ANSWER_DEADLINE, answer).await;
        self.forget_answer(&message_id);
        let Ok(Ok(bytes)) = received else {
            return Some(timed_out(sum));
        };
        if skip {
            sleep(ANSWER_DEADLINE.saturating_sub(started.elapsed())).await;
            return Some(timed_out(sum));
        }
        if let Some(delay) = delay {
            sleep(delay).await;
            if started.elapsed() > ANSWER_DEADLINE {
                return Some(timed_out(sum));
            }
        }
        Some(decode(&bytes, sum))
    }
}

fn timed_out(parts: usize) -> Delivered {
    Delivered {
        status: None,
        answer: Value::Null,
        parts,
    }
}

/// Reads `{"code", "headers"?, "data"?}`: `data` absent, null or base64 of JSON, as the four
/// SDKs send it (reference A.9).
fn decode(bytes: &[u8], parts: usize) -> Delivered {
    let Ok(body) = serde_json::from_slice::<Value>(bytes) else {
        return Delivered {
            status: Some(500),
            answer: Value::String(String::from_utf8_lossy(bytes).into_owned()),
            parts,
        };
    };
    let status = body["code"]
        .as_u64()
        .and_then(|c| u16::try_from(c).ok())
        .unwrap_or(500);
    let answer = match &body["data"] {
        Value::String(data) => base64::engine::general_purpose::STANDARD
            .decode(data)
            .ok()
            .and_then(|raw| serde_json::from_slice(&raw).ok())
            // Undecodable data is a malformed answer body, as over HTTP.
            .unwrap_or_else(|| Value::String(data.clone())),
        _ => Value::Object(serde_json::Map::new()),
    };
    Delivered {
        status: Some(status),
        answer,
        parts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn answers_decode_like_the_sdks_send_them() {
        let python = br#"{"code": 200, "data": "eyJ0b2FzdCI6IHsidHlwZSI6ICJpbmZvIn19"}"#;
        let delivered = decode(python, 1);
        assert_eq!(delivered.status, Some(200));
        assert_eq!(delivered.answer, json!({"toast": {"type": "info"}}));
        let go = br#"{"code":200,"headers":null,"data":null}"#;
        assert_eq!(decode(go, 1).answer, json!({}));
        assert_eq!(decode(br#"{"code":500}"#, 1).status, Some(500));
        assert_eq!(
            decode(br#"{"code":200,"data":"!!"}"#, 1).answer,
            json!("!!")
        );
        assert_eq!(decode(b"nope", 1).status, Some(500));
    }
}
