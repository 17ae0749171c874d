//! Request bodies, encoded in one pass: the card is serialized straight into the escaped
//! `content` string of the im/v1 body instead of `to_string` followed by a second escape.

use std::io;

use serde::Serialize;

use crate::api::types::ReceiveId;
use crate::card::Card;
use crate::error::{Error, Result};

// "30 KB" / "20 KB" are undefined in the docs (UNCONFIRMED whether 30 720 passes); the schema
// crate's byte limits are the safe reading, shared with `card_schema::validate`.
pub(crate) use card_schema::{MAX_CARD_BYTES, MAX_WEBHOOK_BYTES};

/// The im/v1 "send message" body for a card: `receive_id`, `msg_type: "interactive"`, the card
/// as a JSON **string** in `content`, and the optional idempotency `uuid`.
///
/// This is exactly what [`SendCard::send`](crate::api::message::SendCard::send) puts on the
/// wire; it is public so benchmarks and tools can measure or reuse the encoding.
///
/// ```
/// use card_runtime::{Card, ReceiveId, SendCardBody};
///
/// let card = Card::from_json_unchecked(serde_json::json!({"elements": [{"tag": "hr"}]}));
/// let to = ReceiveId::chat_id("oc_1");
/// let body = SendCardBody::new(&to, &card).uuid("u-1").to_json();
/// assert_eq!(
///     body,
///     r#"{"receive_id":"oc_1","msg_type":"interactive","content":"{\"elements\":[{\"tag\":\"hr\"}]}","uuid":"u-1"}"#
/// );
/// ```
#[derive(Debug)]
pub struct SendCardBody<'a> {
    receive_id: &'a ReceiveId,
    card: &'a Card,
    uuid: Option<&'a str>,
}

impl<'a> SendCardBody<'a> {
    /// The body for sending `card` to `receive_id`.
    ///
    /// ```
    /// # use card_runtime::{Card, ReceiveId, SendCardBody};
    /// # let card = Card::from_json_unchecked(serde_json::json!({}));
    /// let to = ReceiveId::open_id("ou_1");
    /// let body = SendCardBody::new(&to, &card);
    /// # let _ = body;
    /// ```
    pub fn new(receive_id: &'a ReceiveId, card: &'a Card) -> Self {
        Self {
            receive_id,
            card,
            uuid: None,
        }
    }

    /// Sets the idempotency key (≤ 50 characters; Feishu dedupes it for one hour).
    ///
    /// ```
    /// # use card_runtime::{Card, ReceiveId, SendCardBody};
    /// # let card = Card::from_json_unchecked(serde_json::json!({}));
    /// # let to = ReceiveId::open_id("ou_1");
    /// assert!(SendCardBody::new(&to, &card).uuid("abc").to_json().ends_with(r#""uuid":"abc"}"#));
    /// ```
    pub fn uuid(mut self, uuid: &'a str) -> Self {
        self.uuid = Some(uuid);
        self
    }

    /// The body as a JSON string.
    ///
    /// ```
    /// # use card_runtime::{Card, ReceiveId, SendCardBody};
    /// # let card = Card::from_json_unchecked(serde_json::json!({"elements": []}));
    /// # let to = ReceiveId::email("a@example.com");
    /// let json: serde_json::Value = serde_json::from_str(&SendCardBody::new(&to, &card).to_json()).unwrap();
    /// assert_eq!(json["content"], r#"{"elements":[]}"#);
    /// ```
    pub fn to_json(&self) -> String {
        let (bytes, _) = self.encode();
        // The encoder writes only serde_json output and ASCII, which is valid UTF-8.
        String::from_utf8(bytes)
            .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
    }

    /// The body bytes and the size of the serialized card alone (for the 30 KB check).
    pub(crate) fn encode(&self) -> (Vec<u8>, usize) {
        let mut out = Vec::with_capacity(256);
        out.extend_from_slice(b"{\"receive_id\":");
        write_json(&mut out, self.receive_id.id());
        out.extend_from_slice(b",\"msg_type\":\"interactive\",\"content\":");
        // A `Card` wraps a `serde_json::Value`, whose serialization cannot fail.
        let card_len = write_json_string(&mut out, self.card).unwrap_or_default();
        if let Some(uuid) = self.uuid {
            out.extend_from_slice(b",\"uuid\":");
            write_json(&mut out, uuid);
        }
        out.push(b'}');
        (out, card_len)
    }
}

/// Appends a string as a JSON string literal.
pub(crate) fn write_json(out: &mut Vec<u8>, value: &str) {
    out.push(b'"');
    escape_into(out, value.as_bytes());
    out.push(b'"');
}

/// Appends `value`'s JSON as a JSON string literal (the im/v1 `content` form) and returns the
/// length of the unescaped JSON.
pub(crate) fn write_json_string(
    out: &mut Vec<u8>,
    value: &impl Serialize,
) -> std::result::Result<usize, serde_json::Error> {
    out.push(b'"');
    let mut writer = EscapingWriter { out, raw_len: 0 };
    serde_json::to_writer(&mut writer, value)?;
    let raw_len = writer.raw_len;
    out.push(b'"');
    Ok(raw_len)
}

/// Serializes `value` as JSON (object form).
pub(crate) fn to_vec(value: &impl Serialize) -> Result<Vec<u8>> {
    serde_json::to_vec(value).map_err(Error::Encode)
}

/// Escapes JSON text as the inside of a JSON string literal while it is being written.
///
/// Works on bytes: `"` and `\` never occur inside a multi-byte UTF-8 sequence, and serde_json
/// has already escaped every control character, so only those two need escaping here; the
/// control-character arm keeps the writer correct for any input.
struct EscapingWriter<'a> {
    out: &'a mut Vec<u8>,
    raw_len: usize,
}

impl io::Write for EscapingWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.raw_len += buf.len();
        escape_into(self.out, buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn escape_into(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let escape: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x00..=0x1f => &[],
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        if escape.is_empty() {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ]);
        } else {
            out.extend_from_slice(escape);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

#[cfg(test)]
mod tests {
    use super::{escape_into, write_json_string};
    use serde_json::{Value, json};

    #[test]
    fn content_string_round_trips_through_a_json_parser() {
        let card = json!({"elements": [{"tag": "div", "text": {"content": "引号 \" 反斜杠 \\ 换行\n\u{1}"}}]});
        let mut out = Vec::new();
        let raw_len = write_json_string(&mut out, &card).unwrap();
        let content: Value = serde_json::from_slice(&out).unwrap();
        let inner = content.as_str().unwrap();
        assert_eq!(inner.len(), raw_len);
        assert_eq!(inner, card.to_string());
        assert_eq!(serde_json::from_str::<Value>(inner).unwrap(), card);
    }

    #[test]
    fn escapes_raw_control_characters() {
        let mut out = Vec::new();
        escape_into(&mut out, b"a\x01b\x1f");
        assert_eq!(out, b"a\\u0001b\\u001f");
    }
}
