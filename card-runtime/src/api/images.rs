//! Image upload (`POST /open-apis/im/v1/images`): the documented limits checked locally, a
//! typed [`ImageKey`] that `card!` takes wherever an `img_key` goes, optional dedupe.
//!
//! Limits from <https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/reference/im-v1/image/create>:
//! at most 10 MB and not empty; JPG, JPEG, PNG, WEBP, GIF, BMP, ICO, TIFF, HEIC; a GIF at
//! most 2000 × 2000 pixels, any other image at most 12 000 × 12 000, an avatar at most
//! 4096 × 4096. Error codes 234001 (parameter), 234006 (too large), 234010 (empty), 234011
//! (format not recognised; UNCONFIRMED: the code table we could read was cut off there).

use std::fmt;
use std::path::PathBuf;

use reqwest::Method;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncRead, AsyncReadExt};

use crate::api::image_format::{ImageFormat, dimensions};
use crate::client::{Call, Client};
use crate::error::{Error, Result};
use crate::reliability::retry::Idempotency;

/// The largest image the upload API takes: 10 MB.
pub const MAX_IMAGE_BYTES: usize = 10 * 1024 * 1024;

/// The key of an uploaded image (`img_v3_…`), for cards' `img_key` and image messages.
///
/// `card!` takes it wherever an `img_key` goes: as an attribute, inside JSON, and in markdown
/// images, where it is written unescaped (an escaped `_` would break the key):
///
/// ```
/// use card_runtime::{card, ImageKey};
///
/// let chart = ImageKey::new("img_v3_0abc");
/// let card = card! {
///     <card>
///         <img img_key={chart} alt="chart"/>
///         <markdown>"![chart]({chart})"</markdown>
///     </card>
/// };
/// assert_eq!(card["elements"][0]["img_key"], "img_v3_0abc");
/// assert_eq!(card["elements"][1]["content"], "![chart](img_v3_0abc)");
/// ```
///
/// It has no `Display` (that would escape it in markdown): print it with
/// [`as_str`](Self::as_str).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ImageKey(String);

impl ImageKey {
    /// Wraps a key obtained elsewhere (an earlier upload, configuration).
    ///
    /// ```
    /// assert_eq!(card_runtime::ImageKey::new("img_v3_1").as_str(), "img_v3_1");
    /// ```
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// The key as Feishu wrote it.
    ///
    /// ```
    /// assert_eq!(card_runtime::ImageKey::new("img_v3_1").as_str(), "img_v3_1");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl ImageKey {
    /// Whether the key is made only of the characters Feishu's keys use (letters, digits, `_`
    /// and `-`), so that markdown can carry it unescaped.
    pub(crate) fn is_plain(&self) -> bool {
        !self.0.is_empty()
            && self
                .0
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    }
}

impl From<ImageKey> for String {
    fn from(key: ImageKey) -> Self {
        key.0
    }
}

impl AsRef<str> for ImageKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// What an image is uploaded for (`image_type`).
///
/// ```
/// assert_eq!(card_runtime::ImageType::Avatar.as_str(), "avatar");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ImageType {
    /// For messages and cards (the default).
    #[default]
    Message,
    /// For user avatars (at most 4096 × 4096).
    Avatar,
}

impl ImageType {
    /// The form value.
    ///
    /// ```
    /// assert_eq!(card_runtime::ImageType::Message.as_str(), "message");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Message => "message",
            Self::Avatar => "avatar",
        }
    }
}

/// Why an image was refused before upload ([`Error::Image`]).
///
/// ```
/// use card_runtime::{ImageProblem, ImageType, check_image};
/// assert_eq!(check_image(b"", ImageType::Message), Err(ImageProblem::Empty));
/// assert_eq!(check_image(b"hello", ImageType::Message), Err(ImageProblem::UnknownFormat));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImageProblem {
    /// Zero bytes.
    Empty,
    /// Over [`MAX_IMAGE_BYTES`].
    TooLarge {
        /// The image's size in bytes (for a reader: at least this many).
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Not one of the formats the API takes (by its leading bytes).
    UnknownFormat,
    /// Wider or taller than the API takes for this format and use.
    TooManyPixels {
        /// The image's width.
        width: u32,
        /// The image's height.
        height: u32,
        /// The largest side allowed.
        max: u32,
    },
}

impl fmt::Display for ImageProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the image is empty"),
            Self::TooLarge { size, limit } => {
                write!(f, "the image is {size} bytes, over the {limit}-byte limit")
            }
            Self::UnknownFormat => {
                f.write_str("not a JPEG, PNG, WEBP, GIF, BMP, ICO, TIFF or HEIC image")
            }
            Self::TooManyPixels { width, height, max } => {
                write!(
                    f,
                    "the image is {width} x {height} pixels, over {max} x {max}"
                )
            }
        }
    }
}

impl std::error::Error for ImageProblem {}

/// Checks an image against the upload API's documented limits, as an upload does before any
/// request; returns its format.
///
/// # Errors
///
/// The first limit the image breaks.
///
/// ```
/// use card_runtime::{ImageProblem, ImageType, check_image};
/// // A PNG header claiming 5000 × 5000 pixels: fine for a message, too large for an avatar.
/// let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
/// png.extend_from_slice(&5000u32.to_be_bytes());
/// png.extend_from_slice(&5000u32.to_be_bytes());
/// assert!(check_image(&png, ImageType::Message).is_ok());
/// assert_eq!(
///     check_image(&png, ImageType::Avatar),
///     Err(ImageProblem::TooManyPixels { width: 5000, height: 5000, max: 4096 })
/// );
/// ```
pub fn check_image(
    bytes: &[u8],
    image_type: ImageType,
) -> std::result::Result<ImageFormat, ImageProblem> {
    if bytes.is_empty() {
        return Err(ImageProblem::Empty);
    }
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(ImageProblem::TooLarge {
            size: bytes.len(),
            limit: MAX_IMAGE_BYTES,
        });
    }
    let format = ImageFormat::sniff(bytes).ok_or(ImageProblem::UnknownFormat)?;
    let max = match (image_type, format) {
        (ImageType::Avatar, _) => 4096,
        (_, ImageFormat::Gif) => 2000,
        _ => 12_000,
    };
    // Formats whose size we cannot read locally are left to the server.
    if let Some((width, height)) = dimensions(format, bytes) {
        if width > max || height > max {
            return Err(ImageProblem::TooManyPixels { width, height, max });
        }
    }
    Ok(format)
}

/// Image upload, from [`Client::images`].
///
/// ```no_run
/// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
/// let key = client.images().upload_file("chart.png").dedupe(true).send().await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ImagesHandler<'c> {
    client: &'c Client,
}

impl Client {
    /// Image upload.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, png: Vec<u8>) -> card_runtime::Result<()> {
    /// let key = client.images().upload(png).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn images(&self) -> ImagesHandler<'_> {
        ImagesHandler { client: self }
    }
}

impl<'c> ImagesHandler<'c> {
    /// Uploads these bytes.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// let png = std::fs::read("chart.png").unwrap();
    /// let key = client.images().upload(png).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn upload(&self, bytes: impl Into<Vec<u8>>) -> UploadImage<'c> {
        self.with(Source::Bytes(bytes.into()))
    }

    /// Uploads a file, read when the upload is sent.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// let key = client.images().upload_file("/tmp/chart.png").send().await?;
    /// # Ok(()) }
    /// ```
    pub fn upload_file(&self, path: impl Into<PathBuf>) -> UploadImage<'c> {
        self.with(Source::Path(path.into()))
    }

    /// Uploads what a reader yields, read when the upload is sent; reading stops one byte past
    /// [`MAX_IMAGE_BYTES`], so an endless reader cannot fill memory.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// let file = tokio::fs::File::open("chart.png").await.unwrap();
    /// let key = client.images().upload_reader(file).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn upload_reader(&self, reader: impl AsyncRead + Send + Unpin + 'c) -> UploadImage<'c> {
        self.with(Source::Reader(Box::new(reader)))
    }

    fn with(&self, source: Source<'c>) -> UploadImage<'c> {
        UploadImage {
            client: self.client,
            source,
            image_type: ImageType::Message,
            dedupe: false,
        }
    }
}

enum Source<'c> {
    Bytes(Vec<u8>),
    Path(PathBuf),
    Reader(Box<dyn AsyncRead + Send + Unpin + 'c>),
}

impl fmt::Debug for Source<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Bytes(bytes) => write!(f, "Bytes({} bytes)", bytes.len()),
            Self::Path(path) => f.debug_tuple("Path").field(path).finish(),
            Self::Reader(_) => f.write_str("Reader"),
        }
    }
}

/// An upload in preparation; finish with [`send`](Self::send).
#[derive(Debug)]
#[must_use = "nothing is uploaded until `.send().await`"]
pub struct UploadImage<'c> {
    client: &'c Client,
    source: Source<'c>,
    image_type: ImageType,
    dedupe: bool,
}

#[derive(Deserialize)]
struct Uploaded {
    image_key: ImageKey,
}

impl UploadImage<'_> {
    /// What the image is for. Default is [`ImageType::Message`].
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, png: Vec<u8>) -> card_runtime::Result<()> {
    /// let key = client.images().upload(png).image_type(card_runtime::ImageType::Avatar).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn image_type(mut self, image_type: ImageType) -> Self {
        self.image_type = image_type;
        self
    }

    /// Reuse the key of an identical image (same SHA-256, same type) this client uploaded
    /// before instead of uploading it again. Default is `false`. The client remembers the
    /// last 10 000 images.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, png: Vec<u8>) -> card_runtime::Result<()> {
    /// let first = client.images().upload(png.clone()).dedupe(true).send().await?;
    /// let again = client.images().upload(png).dedupe(true).send().await?; // no request
    /// assert_eq!(first, again);
    /// # Ok(()) }
    /// ```
    pub fn dedupe(mut self, dedupe: bool) -> Self {
        self.dedupe = dedupe;
        self
    }

    /// Reads the image, checks it against the documented limits, then uploads it.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when the file or reader fails, [`Error::Image`] when the image breaks a
    /// limit (both before any request); otherwise the call's errors ([`Error::Api`], ...).
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// let key = client.images().upload_file("chart.png").send().await?;
    /// println!("uploaded as {}", key.as_str());
    /// # Ok(()) }
    /// ```
    pub async fn send(self) -> Result<ImageKey> {
        let bytes = match self.source {
            Source::Bytes(bytes) => bytes,
            Source::Path(path) => {
                let file = tokio::fs::File::open(&path).await.map_err(Error::Io)?;
                read_capped(file).await?
            }
            Source::Reader(reader) => read_capped(reader).await?,
        };
        let format = check_image(&bytes, self.image_type).map_err(Error::Image)?;
        let client = self.client;
        let hash = self.dedupe.then(|| {
            let digest: [u8; 32] = Sha256::digest(&bytes).into();
            (digest, self.image_type.as_str())
        });
        let now = client.inner.clock.now();
        if let Some(hit) = hash.and_then(|hash| client.inner.caches.images.get(&hash, now)) {
            return Ok(hit);
        }
        let boundary = format!("card-runtime-{}", uuid::Uuid::new_v4().simple());
        let body = multipart(&boundary, self.image_type, format, &bytes);
        let call = Call {
            method: Method::POST,
            path: "/open-apis/im/v1/images",
            body,
            pace: None,
            // A repeated upload only yields a second key for the same picture.
            idempotency: Idempotency::Safe,
        };
        let content_type = format!("multipart/form-data; boundary={boundary}");
        let uploaded: Uploaded =
            super::message::required(client.call_as(call, &content_type).await?)?;
        if let Some(hash) = hash {
            client.inner.caches.images.insert(
                hash,
                uploaded.image_key.clone(),
                client.inner.clock.now(),
            );
        }
        Ok(uploaded.image_key)
    }
}

/// Reads at most one byte past the limit, enough to tell that an image is too large.
async fn read_capped(reader: impl AsyncRead + Unpin) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_IMAGE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .await
        .map_err(Error::Io)?;
    Ok(bytes)
}

/// The `multipart/form-data` body: `image_type`, then `image` (RFC 7578).
fn multipart(boundary: &str, image_type: ImageType, format: ImageFormat, bytes: &[u8]) -> Vec<u8> {
    let mut body = Vec::with_capacity(bytes.len() + 512);
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"image_type\"\r\n\r\n{}\r\n",
            image_type.as_str()
        )
        .as_bytes(),
    );
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"image.{}\"\r\nContent-Type: {}\r\n\r\n",
            format.extension(),
            format.mime()
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&width.to_be_bytes());
        png.extend_from_slice(&height.to_be_bytes());
        png
    }

    #[test]
    fn limits_follow_the_documented_table() {
        assert_eq!(
            check_image(&png(12_000, 1), ImageType::Message),
            Ok(ImageFormat::Png)
        );
        assert!(matches!(
            check_image(&png(12_001, 1), ImageType::Message),
            Err(ImageProblem::TooManyPixels { max: 12_000, .. })
        ));
        let mut gif = b"GIF89a".to_vec();
        gif.extend_from_slice(&2001u16.to_le_bytes());
        gif.extend_from_slice(&10u16.to_le_bytes());
        assert!(matches!(
            check_image(&gif, ImageType::Message),
            Err(ImageProblem::TooManyPixels { max: 2000, .. })
        ));
        let mut big = png(10, 10);
        big.resize(MAX_IMAGE_BYTES + 1, 0);
        assert_eq!(
            check_image(&big, ImageType::Message),
            Err(ImageProblem::TooLarge {
                size: MAX_IMAGE_BYTES + 1,
                limit: MAX_IMAGE_BYTES
            })
        );
        big.truncate(MAX_IMAGE_BYTES);
        assert!(check_image(&big, ImageType::Message).is_ok());
    }

    #[test]
    fn the_multipart_body_has_both_fields() {
        let body = multipart("B", ImageType::Avatar, ImageFormat::Png, b"DATA");
        let text = String::from_utf8_lossy(&body);
        assert!(text.starts_with(
            "--B\r\nContent-Disposition: form-data; name=\"image_type\"\r\n\r\navatar\r\n"
        ));
        assert!(text.contains("name=\"image\"; filename=\"image.png\"\r\nContent-Type: image/png\r\n\r\nDATA\r\n--B--\r\n"));
    }

    #[tokio::test]
    async fn a_reader_is_read_one_byte_past_the_limit() {
        let endless = tokio::io::repeat(7);
        let bytes = read_capped(endless).await.unwrap();
        assert_eq!(bytes.len(), MAX_IMAGE_BYTES + 1);
    }
}
