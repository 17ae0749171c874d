//! The long connection's wire unit: one `pbbp2.Frame` (proto2) per binary WebSocket message.
//!
//! Hand-written rather than `prost`: the schema is two tiny messages that have not changed
//! across the four official SDKs, proto2 `required` fields must be on the wire even when zero
//! (Node throws, Python refuses to re-serialize otherwise), and a 150-line codec pinned to the
//! reference's byte vectors costs less build time and fewer dependencies than `prost` and its
//! derive macros.

use std::fmt;

/// The header keys Feishu puts on frames (reference A.5).
pub mod keys {
    /// `event` / `card` on data frames, `ping` / `pong` on control frames.
    pub const TYPE: &str = "type";
    /// Shared by every part of one message.
    pub const MESSAGE_ID: &str = "message_id";
    /// The number of parts (decimal; `1` when not split).
    pub const SUM: &str = "sum";
    /// This part's index (decimal, 0-based).
    pub const SEQ: &str = "seq";
    /// The trace id.
    pub const TRACE_ID: &str = "trace_id";
    /// Message time in milliseconds.
    pub const TIMESTAMP: &str = "timestamp";
    /// Added by the client to an answer: handler time in milliseconds.
    pub const BIZ_RT: &str = "biz_rt";
}

/// `method` of a control frame (ping/pong).
pub const METHOD_CONTROL: i32 = 0;
/// `method` of a data frame (event, callback, answer).
pub const METHOD_DATA: i32 = 1;

/// One `pbbp2.Frame`. Fields 1–4 are proto2 `required` and always encoded.
///
/// ```
/// use card_runtime::ws::Frame;
///
/// let ping = Frame::control(33554678, "ping");
/// let bytes = ping.encode();
/// assert_eq!(Frame::decode(&bytes).unwrap(), ping);
/// assert_eq!(ping.header("type"), Some("ping"));
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Frame {
    /// `SeqID` (field 1).
    pub seq_id: u64,
    /// `LogID` (field 2).
    pub log_id: u64,
    /// `service` (field 3): the `service_id` of the connection URL.
    pub service: i32,
    /// `method` (field 4): [`METHOD_CONTROL`] or [`METHOD_DATA`].
    pub method: i32,
    /// `headers` (field 5), in wire order.
    pub headers: Vec<(String, String)>,
    /// `payload_encoding` (field 6); no SDK reads it.
    pub payload_encoding: Option<String>,
    /// `payload_type` (field 7); no SDK reads it.
    pub payload_type: Option<String>,
    /// `payload` (field 8): JSON bytes.
    pub payload: Option<Vec<u8>>,
    /// `LogIDNew` (field 9).
    pub log_id_new: Option<String>,
}

impl fmt::Debug for Frame {
    // Payloads are callback bodies (operator ids, form input): show their size only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Frame")
            .field("seq_id", &self.seq_id)
            .field("log_id", &self.log_id)
            .field("service", &self.service)
            .field("method", &self.method)
            .field("headers", &self.headers)
            .field("payload_len", &self.payload.as_ref().map(Vec::len))
            .finish_non_exhaustive()
    }
}

/// Why bytes are not a `pbbp2.Frame`.
///
/// ```
/// use card_runtime::ws::{Frame, FrameError};
/// assert_eq!(Frame::decode(&[0x08]), Err(FrameError::Truncated));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FrameError {
    /// The bytes end inside a field.
    #[error("frame truncated")]
    Truncated,
    /// A varint longer than 10 bytes.
    #[error("varint overflow")]
    VarintOverflow,
    /// A wire type this schema never uses (groups, 32-bit) or a known field with the wrong one.
    #[error("unsupported wire type {wire_type} for field {field}")]
    WireType {
        /// The field number.
        field: u64,
        /// The wire type found.
        wire_type: u8,
    },
    /// A string field (header key/value, encodings) that is not UTF-8.
    #[error("field {0} is not UTF-8")]
    Utf8(u64),
}

impl Frame {
    /// A control frame (`SeqID` and `LogID` 0, `method` 0) with one `type` header.
    ///
    /// ```
    /// # use card_runtime::ws::Frame;
    /// assert_eq!(Frame::control(1, "pong").method, 0);
    /// ```
    pub fn control(service: i32, kind: &str) -> Self {
        Self {
            service,
            method: METHOD_CONTROL,
            headers: vec![(keys::TYPE.to_owned(), kind.to_owned())],
            ..Self::default()
        }
    }

    /// The first header named `key`.
    ///
    /// ```
    /// # use card_runtime::ws::Frame;
    /// assert_eq!(Frame::control(1, "ping").header("type"), Some("ping"));
    /// ```
    pub fn header(&self, key: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The protobuf bytes, identical to the official SDKs' (fields in number order).
    ///
    /// ```
    /// # use card_runtime::ws::Frame;
    /// assert_eq!(Frame::default().encode(), [0x08, 0, 0x10, 0, 0x18, 0, 0x20, 0]);
    /// ```
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(32 + self.payload.as_ref().map_or(0, Vec::len));
        put_varint_field(&mut out, 1, self.seq_id);
        put_varint_field(&mut out, 2, self.log_id);
        // proto int32: negative values are sign-extended to 64 bits (10 bytes).
        put_varint_field(&mut out, 3, i64::from(self.service) as u64);
        put_varint_field(&mut out, 4, i64::from(self.method) as u64);
        for (key, value) in &self.headers {
            let mut header = Vec::with_capacity(key.len() + value.len() + 4);
            put_bytes_field(&mut header, 1, key.as_bytes());
            put_bytes_field(&mut header, 2, value.as_bytes());
            put_bytes_field(&mut out, 5, &header);
        }
        let optional: [(u64, Option<&[u8]>); 4] = [
            (6, self.payload_encoding.as_deref().map(str::as_bytes)),
            (7, self.payload_type.as_deref().map(str::as_bytes)),
            (8, self.payload.as_deref()),
            (9, self.log_id_new.as_deref().map(str::as_bytes)),
        ];
        for (field, bytes) in optional {
            if let Some(bytes) = bytes {
                put_bytes_field(&mut out, field, bytes);
            }
        }
        out
    }

    /// Parses one frame. Lenient like the Python and Go SDKs: missing required fields read as
    /// 0 and unknown fields are skipped.
    ///
    /// # Errors
    ///
    /// [`FrameError`] for truncated or malformed bytes.
    ///
    /// ```
    /// # use card_runtime::ws::Frame;
    /// let frame = Frame::decode(&[0x08, 0x0b, 0x20, 0x01]).unwrap();
    /// assert_eq!((frame.seq_id, frame.method), (11, 1));
    /// ```
    pub fn decode(mut bytes: &[u8]) -> Result<Self, FrameError> {
        let mut frame = Self::default();
        while !bytes.is_empty() {
            let (field, value) = next_field(&mut bytes)?;
            match (field, value) {
                (1, Value::Varint(v)) => frame.seq_id = v,
                (2, Value::Varint(v)) => frame.log_id = v,
                // int32 on the wire is the low 32 bits of a sign-extended varint.
                (3, Value::Varint(v)) => frame.service = v as i32,
                (4, Value::Varint(v)) => frame.method = v as i32,
                (5, Value::Bytes(mut header)) => {
                    let (mut key, mut value) = (String::new(), String::new());
                    while !header.is_empty() {
                        match next_field(&mut header)? {
                            (1, Value::Bytes(b)) => key = utf8(b, 1)?,
                            (2, Value::Bytes(b)) => value = utf8(b, 2)?,
                            (1 | 2, _) => return Err(wire_type(field, 0)),
                            _ => {}
                        }
                    }
                    frame.headers.push((key, value));
                }
                (6, Value::Bytes(b)) => frame.payload_encoding = Some(utf8(b, 6)?),
                (7, Value::Bytes(b)) => frame.payload_type = Some(utf8(b, 7)?),
                (8, Value::Bytes(b)) => frame.payload = Some(b.to_vec()),
                (9, Value::Bytes(b)) => frame.log_id_new = Some(utf8(b, 9)?),
                (1..=4, Value::Bytes(_)) => return Err(wire_type(field, 2)),
                (5..=9, Value::Varint(_)) => return Err(wire_type(field, 0)),
                _ => {}
            }
        }
        Ok(frame)
    }
}

enum Value<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
}

fn wire_type(field: u64, wire_type: u8) -> FrameError {
    FrameError::WireType { field, wire_type }
}

fn utf8(bytes: &[u8], field: u64) -> Result<String, FrameError> {
    String::from_utf8(bytes.to_vec()).map_err(|_| FrameError::Utf8(field))
}

fn next_field<'a>(bytes: &mut &'a [u8]) -> Result<(u64, Value<'a>), FrameError> {
    let key = varint(bytes)?;
    let field = key >> 3;
    match key & 7 {
        0 => Ok((field, Value::Varint(varint(bytes)?))),
        2 => {
            let len = usize::try_from(varint(bytes)?).map_err(|_| FrameError::Truncated)?;
            if bytes.len() < len {
                return Err(FrameError::Truncated);
            }
            let (value, rest) = bytes.split_at(len);
            *bytes = rest;
            Ok((field, Value::Bytes(value)))
        }
        // A fixed64 field is skippable; nothing in this schema uses it, but a newer server might.
        1 => {
            if bytes.len() < 8 {
                return Err(FrameError::Truncated);
            }
            *bytes = &bytes[8..];
            Ok((field, Value::Varint(0)))
        }
        other => Err(wire_type(field, other as u8)),
    }
}

fn varint(bytes: &mut &[u8]) -> Result<u64, FrameError> {
    let mut value = 0u64;
    for shift in 0..10 {
        let (&byte, rest) = bytes.split_first().ok_or(FrameError::Truncated)?;
        *bytes = rest;
        value |= u64::from(byte & 0x7f) << (shift * 7);
        if byte & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err(FrameError::VarintOverflow)
}

fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn put_varint_field(out: &mut Vec<u8>, field: u64, value: u64) {
    put_varint(out, field << 3);
    put_varint(out, value);
}

fn put_bytes_field(out: &mut Vec<u8>, field: u64, bytes: &[u8]) {
    put_varint(out, (field << 3) | 2);
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVICE: i32 = 33_554_678;

    fn header(key: &str, value: &str) -> Vec<u8> {
        let mut out = vec![
            0x2a,
            (key.len() + value.len() + 4) as u8,
            0x0a,
            key.len() as u8,
        ];
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(&[0x12, value.len() as u8]);
        out.extend_from_slice(value.as_bytes());
        out
    }

    /// Reference A.4: the ping the Python SDK sends.
    #[test]
    fn ping_matches_the_python_sdk_bytes() {
        let mut expected = vec![
            0x08, 0x00, 0x10, 0x00, 0x18, 0xf6, 0x81, 0x80, 0x10, 0x20, 0x00,
        ];
        expected.extend(header("type", "ping"));
        assert_eq!(&expected[11..13], &[0x2a, 0x0c]);
        assert_eq!(Frame::control(SERVICE, "ping").encode(), expected);
        assert_eq!(
            Frame::decode(&expected).unwrap(),
            Frame::control(SERVICE, "ping")
        );
    }

    #[test]
    fn pong_with_client_config_matches() {
        let config = br#"{"PingInterval":120}"#;
        let mut expected = vec![
            0x08, 0x00, 0x10, 0x00, 0x18, 0xf6, 0x81, 0x80, 0x10, 0x20, 0x00,
        ];
        expected.extend(header("type", "pong"));
        expected.extend_from_slice(&[0x42, 0x14]);
        expected.extend_from_slice(config);
        let pong = Frame {
            payload: Some(config.to_vec()),
            ..Frame::control(SERVICE, "pong")
        };
        assert_eq!(pong.encode(), expected);
        assert_eq!(Frame::decode(&expected).unwrap(), pong);
    }

    fn data_frame() -> (Frame, Vec<u8>) {
        let mut bytes = vec![
            0x08, 0x0b, 0x10, 0x00, 0x18, 0xf6, 0x81, 0x80, 0x10, 0x20, 0x01,
        ];
        for (k, v) in [
            ("type", "event"),
            ("message_id", "m1"),
            ("sum", "1"),
            ("seq", "0"),
            ("trace_id", "t1"),
        ] {
            bytes.extend(header(k, v));
        }
        let headers = [
            ("type", "event"),
            ("message_id", "m1"),
            ("sum", "1"),
            ("seq", "0"),
            ("trace_id", "t1"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .to_vec();
        let frame = Frame {
            seq_id: 11,
            service: SERVICE,
            method: METHOD_DATA,
            headers,
            ..Frame::default()
        };
        (frame, bytes)
    }

    /// Reference A.4: a data frame and its answer (one header appended, payload replaced).
    #[test]
    fn data_frame_and_answer_match() {
        let (mut frame, mut bytes) = data_frame();
        // The reference's header lengths, spelled out.
        assert_eq!(&bytes[11..13], &[0x2a, 0x0d]);
        bytes.extend_from_slice(&[0x42, 0x02, b'{', b'}']);
        frame.payload = Some(b"{}".to_vec());
        assert_eq!(frame.encode(), bytes);
        assert_eq!(Frame::decode(&bytes).unwrap(), frame);

        let (mut ack, mut ack_bytes) = data_frame();
        ack_bytes.extend(header("biz_rt", "3"));
        assert_eq!(
            &ack_bytes[ack_bytes.len() - 13..ack_bytes.len() - 11],
            &[0x2a, 0x0b]
        );
        ack_bytes.extend_from_slice(&[0x42, 0x0c]);
        ack_bytes.extend_from_slice(br#"{"code":200}"#);
        ack.headers.push(("biz_rt".into(), "3".into()));
        ack.payload = Some(br#"{"code":200}"#.to_vec());
        assert_eq!(ack.encode(), ack_bytes);
    }

    #[test]
    fn negative_int32_is_sign_extended_and_round_trips() {
        let frame = Frame {
            service: -1,
            ..Frame::default()
        };
        let bytes = frame.encode();
        assert_eq!(
            &bytes[4..16],
            &[
                0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x20
            ]
        );
        assert_eq!(Frame::decode(&bytes).unwrap().service, -1);
    }

    #[test]
    fn unknown_fields_are_skipped_and_bad_bytes_are_errors() {
        let mut bytes = Frame::control(7, "ping").encode();
        bytes.extend_from_slice(&[0x50, 0x05, 0x5a, 0x01, b'x']); // fields 10 (varint), 11 (bytes)
        assert_eq!(Frame::decode(&bytes).unwrap(), Frame::control(7, "ping"));
        assert_eq!(
            Frame::decode(&[0x42, 0x05, b'x']),
            Err(FrameError::Truncated)
        );
        assert_eq!(
            Frame::decode(&[
                0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01
            ]),
            Err(FrameError::VarintOverflow)
        );
        assert_eq!(
            Frame::decode(&[0x0d, 0, 0, 0, 0]),
            Err(FrameError::WireType {
                field: 1,
                wire_type: 5
            })
        );
        assert_eq!(
            Frame::decode(&[0x0a, 0x00]),
            Err(FrameError::WireType {
                field: 1,
                wire_type: 2
            })
        );
        assert_eq!(Frame::decode(&[0x32, 0x01, 0xff]), Err(FrameError::Utf8(6)));
    }
}
