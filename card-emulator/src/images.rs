//! `POST /open-apis/im/v1/images`: the multipart form read by hand, the documented limits
//! applied, the image stored (bounded) and served at `/_emulator/images/:key`.
//!
//! Limits and codes from
//! <https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/reference/im-v1/image/create>:
//! ≤ 10 MB (234006), not empty (234010), JPEG/PNG/WEBP/GIF/BMP/ICO/TIFF/HEIC (234011,
//! UNCONFIRMED code), GIF ≤ 2000 × 2000 and others ≤ 12 000 × 12 000, avatars ≤ 4096 × 4096
//! (234001, the parameter code: UNCONFIRMED which code Feishu uses for resolution).

use bytes::Bytes;
use serde_json::{Value, json};

use crate::directory::UploadedImage;
use crate::ops::Reject;
use crate::state::EmulatorState;

/// The documented upload limit.
pub(crate) const MAX_IMAGE_BYTES: usize = 10 * 1024 * 1024;
/// The most body the route reads: the limit plus room for the form around the image, so an
/// image just over the limit is answered with 234006 rather than cut off by the server.
pub(crate) const MAX_UPLOAD_BODY: usize = MAX_IMAGE_BYTES + 64 * 1024;

/// One form field: its name and its bytes.
struct Part {
    name: String,
    data: Bytes,
}

fn boundary(content_type: &str) -> Option<&str> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|param| {
        let (name, value) = param.trim().split_once('=')?;
        name.eq_ignore_ascii_case("boundary")
            .then(|| value.trim_matches('"'))
            .filter(|value| !value.is_empty())
    })
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|window| window == needle)
        .map(|at| at + from)
}

/// Splits a `multipart/form-data` body (RFC 7578) into its parts.
fn parse_multipart(content_type: &str, body: &Bytes) -> Option<Vec<Part>> {
    let boundary = boundary(content_type)?;
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut parts = Vec::new();
    let mut at = find(body, delimiter, 0)? + delimiter.len();
    loop {
        if body.get(at..at + 2) == Some(b"--") {
            return Some(parts);
        }
        // Past the delimiter line's CRLF.
        at = find(body, b"\r\n", at)? + 2;
        let head_end = find(body, b"\r\n\r\n", at)?;
        let head = std::str::from_utf8(&body[at..head_end]).ok()?;
        let data_start = head_end + 4;
        let mut next = Vec::with_capacity(delimiter.len() + 2);
        next.extend_from_slice(b"\r\n");
        next.extend_from_slice(delimiter);
        let data_end = find(body, &next, data_start)?;
        let name = head.lines().find_map(|line| {
            let (header, value) = line.split_once(':')?;
            if !header.trim().eq_ignore_ascii_case("content-disposition") {
                return None;
            }
            value.split(';').find_map(|param| {
                let (key, value) = param.trim().split_once('=')?;
                (key == "name").then(|| value.trim_matches('"').to_owned())
            })
        })?;
        parts.push(Part {
            name,
            data: body.slice(data_start..data_end),
        });
        at = data_end + next.len();
    }
}

/// The media type by signature, and the largest side the header states where it is simple
/// to read (PNG, GIF).
fn sniff(bytes: &[u8]) -> Option<(&'static str, Option<(u32, u32)>)> {
    let be = |at: usize| {
        bytes
            .get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let le = |at: usize| {
        bytes
            .get(at..at + 2)
            .map(|b| u32::from(u16::from_le_bytes([b[0], b[1]])))
    };
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(("image/png", be(16).zip(be(20))))
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(("image/gif", le(6).zip(le(8))))
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Some(("image/jpeg", None))
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some(("image/webp", None))
    } else if bytes.starts_with(b"BM") {
        Some(("image/bmp", None))
    } else if bytes.starts_with(b"\0\0\x01\0") {
        Some(("image/x-icon", None))
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        Some(("image/tiff", None))
    } else if bytes.get(4..8) == Some(b"ftyp") {
        Some(("image/heic", None))
    } else {
        None
    }
}

impl EmulatorState {
    /// Checks and stores an upload; answers `{"image_key": …}`.
    pub(crate) fn upload_image(&self, content_type: &str, body: &Bytes) -> Result<Value, Reject> {
        let parts = parse_multipart(content_type, body).ok_or_else(|| {
            Reject::bad(
                234001,
                "Invalid request param: expected a multipart/form-data body",
            )
        })?;
        let field = |name: &str| {
            parts
                .iter()
                .find(|part| part.name == name)
                .map(|part| part.data.clone())
        };
        let image_type = field("image_type").unwrap_or_default();
        let image_type = match &image_type[..] {
            b"message" => "message",
            b"avatar" => "avatar",
            _ => {
                return Err(Reject::bad(
                    234001,
                    "Invalid request param: image_type must be message or avatar",
                ));
            }
        };
        let image = field("image")
            .ok_or_else(|| Reject::bad(234001, "Invalid request param: image is required"))?;
        if image.is_empty() {
            return Err(Reject::bad(234010, "File's size can't be 0."));
        }
        if image.len() > MAX_IMAGE_BYTES {
            return Err(Reject::bad(234006, "The file size exceed the max value."));
        }
        let (mime, size) =
            sniff(&image).ok_or_else(|| Reject::bad(234011, "Can't recognize image format."))?;
        let max = match (image_type, mime) {
            ("avatar", _) => 4096,
            (_, "image/gif") => 2000,
            _ => 12_000,
        };
        if let Some((width, height)) = size.filter(|(w, h)| *w > max || *h > max) {
            return Err(Reject::bad(
                234001,
                format!("Invalid request param: image is {width} x {height}, over {max} x {max}"),
            ));
        }
        let image_key = {
            let mut inner = self.lock();
            format!("img_v3_emu_{}", inner.next_hex())
        };
        let info = UploadedImage {
            image_key: image_key.clone(),
            image_type: image_type.to_owned(),
            mime: mime.to_owned(),
            size: image.len(),
        };
        self.directory().add_image(info, image);
        Ok(json!({ "image_key": image_key }))
    }

    /// The media type and bytes of a stored image.
    pub(crate) fn image(&self, image_key: &str) -> Option<(String, Bytes)> {
        self.directory()
            .images
            .iter()
            .find(|(info, _)| info.image_key == image_key)
            .map(|(info, bytes)| (info.mime.clone(), bytes.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_python_style_form_parses() {
        let body = Bytes::from_static(
            b"--xyz\r\nContent-Disposition: form-data; name=\"image_type\"\r\n\r\nmessage\r\n--xyz\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\r\n--xyz--\r\n",
        );
        let parts = parse_multipart("multipart/form-data; boundary=\"xyz\"", &body).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "image_type");
        assert_eq!(&parts[0].data[..], b"message");
        assert_eq!(&parts[1].data[..], b"\x89PNG\r\n");
    }

    #[test]
    fn broken_forms_are_refused() {
        let body = Bytes::from_static(
            b"--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
        );
        assert!(parse_multipart("multipart/form-data; boundary=xyz", &body).is_none());
        assert!(parse_multipart("application/json", &body).is_none());
    }
}
