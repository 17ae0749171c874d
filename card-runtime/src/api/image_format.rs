//! Image formats told apart by their leading bytes, and the pixel size where the header says
//! it plainly (PNG, GIF, BMP, JPEG); the upload checks use both.

/// An image format the upload API takes.
///
/// ```
/// use card_runtime::ImageFormat;
/// assert_eq!(ImageFormat::sniff(b"GIF89a\x01\0\x01\0"), Some(ImageFormat::Gif));
/// assert_eq!(ImageFormat::sniff(b"plain text"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ImageFormat {
    /// JPEG (`.jpg`, `.jpeg`).
    Jpeg,
    /// PNG.
    Png,
    /// WEBP.
    Webp,
    /// GIF.
    Gif,
    /// BMP.
    Bmp,
    /// ICO.
    Ico,
    /// TIFF (Feishu converts it to JPEG).
    Tiff,
    /// HEIC (Feishu converts it to JPEG).
    Heic,
}

impl ImageFormat {
    /// The format of these bytes, by their signature.
    ///
    /// ```
    /// assert_eq!(card_runtime::ImageFormat::sniff(b"\xff\xd8\xff\xe0"), Some(card_runtime::ImageFormat::Jpeg));
    /// ```
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        let starts = |magic: &[u8]| bytes.starts_with(magic);
        if starts(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if starts(b"\xff\xd8\xff") {
            Some(Self::Jpeg)
        } else if starts(b"GIF87a") || starts(b"GIF89a") {
            Some(Self::Gif)
        } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
            Some(Self::Webp)
        } else if starts(b"BM") && bytes.len() >= 26 {
            Some(Self::Bmp)
        } else if starts(b"\0\0\x01\0") {
            Some(Self::Ico)
        } else if starts(b"II*\0") || starts(b"MM\0*") {
            Some(Self::Tiff)
        } else if bytes.get(4..8) == Some(b"ftyp")
            && matches!(
                bytes.get(8..12),
                Some(b"heic" | b"heix" | b"mif1" | b"msf1" | b"heim" | b"heis")
            )
        {
            Some(Self::Heic)
        } else {
            None
        }
    }

    /// The media type, e.g. `image/png`.
    ///
    /// ```
    /// assert_eq!(card_runtime::ImageFormat::Png.mime(), "image/png");
    /// ```
    pub fn mime(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Webp => "image/webp",
            Self::Gif => "image/gif",
            Self::Bmp => "image/bmp",
            Self::Ico => "image/x-icon",
            Self::Tiff => "image/tiff",
            Self::Heic => "image/heic",
        }
    }

    /// The usual file extension, without the dot.
    ///
    /// ```
    /// assert_eq!(card_runtime::ImageFormat::Jpeg.extension(), "jpg");
    /// ```
    pub fn extension(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::Webp => "webp",
            Self::Gif => "gif",
            Self::Bmp => "bmp",
            Self::Ico => "ico",
            Self::Tiff => "tiff",
            Self::Heic => "heic",
        }
    }
}

/// Width and height from the header, where the format keeps them at a fixed place (or, for
/// JPEG, in the first start-of-frame segment).
pub(crate) fn dimensions(format: ImageFormat, bytes: &[u8]) -> Option<(u32, u32)> {
    let be32 = |at: usize| Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    let le16 = |at: usize| {
        Some(u32::from(u16::from_le_bytes(
            bytes.get(at..at + 2)?.try_into().ok()?,
        )))
    };
    let le32 = |at: usize| Some(i32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    match format {
        ImageFormat::Png if bytes.get(12..16) == Some(b"IHDR") => Some((be32(16)?, be32(20)?)),
        ImageFormat::Gif => Some((le16(6)?, le16(8)?)),
        // A BMP's height is negative for top-down rows.
        ImageFormat::Bmp => Some((le32(18)?.unsigned_abs(), le32(22)?.unsigned_abs())),
        ImageFormat::Jpeg => jpeg_dimensions(bytes),
        _ => None,
    }
}

/// Walks the JPEG segments to the first SOFn marker, bounded by the data itself.
fn jpeg_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2;
    loop {
        if *bytes.get(at)? != 0xff {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        // Fill bytes and markers without a length.
        if marker == 0xff {
            at += 1;
            continue;
        }
        if marker == 0x01 || (0xd0..=0xd7).contains(&marker) {
            at += 2;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        let is_sof = matches!(marker, 0xc0..=0xcf) && !matches!(marker, 0xc4 | 0xc8 | 0xcc);
        if is_sof {
            let height = u16::from_be_bytes([*bytes.get(at + 5)?, *bytes.get(at + 6)?]);
            let width = u16::from_be_bytes([*bytes.get(at + 7)?, *bytes.get(at + 8)?]);
            return Some((u32::from(width), u32::from(height)));
        }
        if len < 2 {
            return None;
        }
        at += 2 + len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_size_comes_from_the_first_frame_header() {
        // SOI, an APP0 segment of 16 bytes, then SOF0 with height 300 and width 400.
        let mut jpeg = vec![0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10];
        jpeg.extend_from_slice(&[0; 14]);
        jpeg.extend_from_slice(&[0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0x2c, 0x01, 0x90]);
        assert_eq!(ImageFormat::sniff(&jpeg), Some(ImageFormat::Jpeg));
        assert_eq!(dimensions(ImageFormat::Jpeg, &jpeg), Some((400, 300)));
    }

    #[test]
    fn truncated_headers_give_no_size() {
        assert_eq!(
            dimensions(ImageFormat::Jpeg, &[0xff, 0xd8, 0xff, 0xe0, 0x00]),
            None
        );
        assert_eq!(dimensions(ImageFormat::Gif, b"GIF89a\x01"), None);
    }

    #[test]
    fn every_format_is_recognised() {
        let cases: [(&[u8], ImageFormat); 6] = [
            (b"RIFF\0\0\0\0WEBPVP8 ", ImageFormat::Webp),
            (b"\0\0\x01\0\x01\0", ImageFormat::Ico),
            (b"II*\0\x08\0", ImageFormat::Tiff),
            (b"MM\0*\0\0", ImageFormat::Tiff),
            (b"\0\0\0\x18ftypheic", ImageFormat::Heic),
            (
                b"BM\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x10\0\0\0\x10\0\0\0",
                ImageFormat::Bmp,
            ),
        ];
        for (bytes, format) in cases {
            assert_eq!(ImageFormat::sniff(bytes), Some(format));
        }
        assert_eq!(dimensions(ImageFormat::Bmp, cases[5].0), Some((16, 16)));
    }
}
