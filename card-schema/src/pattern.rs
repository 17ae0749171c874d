//! Matching strings against [`Pattern`]s.

use crate::Pattern;

impl Pattern {
    /// Whether `value` has this shape.
    ///
    /// Dates and times accept one-digit months, days and hours: official 1.0 examples write
    /// `"2002-2-22"` and Feishu renders them.
    ///
    /// ```
    /// use card_schema::Pattern;
    /// assert!(Pattern::Px { min: 16, max: 600 }.matches("120px"));
    /// assert!(!Pattern::Px { min: 16, max: 600 }.matches("8px"));
    /// assert!(Pattern::Date.matches("2024-04-01"));
    /// assert!(Pattern::Url.matches("https://open.feishu.cn"));
    /// assert!(!Pattern::Url.matches("ftp://example.com"));
    /// ```
    pub fn matches(&self, value: &str) -> bool {
        match *self {
            Self::Px { min, max } => px(value)
                .and_then(|n| u32::try_from(n).ok())
                .is_some_and(|n| (min..=max).contains(&n)),
            Self::Spacing { min, max } => {
                let parts: Vec<&str> = value.split(' ').collect();
                (1..=4).contains(&parts.len())
                    && parts.iter().all(|part| {
                        px(part).is_some_and(|n| (i64::from(min)..=i64::from(max)).contains(&n))
                    })
            }
            Self::Box { min, max } => {
                let parts: Vec<&str> = value.split(' ').collect();
                matches!(parts.len(), 1 | 2 | 4)
                    && parts.iter().all(|part| {
                        let n = if *part == "0" { Some(0) } else { px(part) };
                        n.is_some_and(|n| (i64::from(min)..=i64::from(max)).contains(&n))
                    })
            }
            Self::PxOrPercent => {
                let number = value.strip_suffix("px").or_else(|| value.strip_suffix('%'));
                number.is_some_and(|n| {
                    !n.is_empty()
                        && n.parse::<f64>().is_ok_and(|n| n.is_finite() && n >= 0.0)
                        && n.chars().all(|c| c.is_ascii_digit() || c == '.')
                })
            }
            Self::ImgSize => img_size(value),
            Self::Date => date(value),
            Self::Time => time(value),
            Self::DateTime => value
                .split_once(' ')
                .is_some_and(|(d, t)| date(d) && time(t)),
            Self::Url => {
                value == "lark://msgcard/unsupported_action"
                    || ["http://", "https://"].iter().any(|scheme| {
                        value.len() > scheme.len()
                            && value
                                .get(..scheme.len())
                                .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
                    })
            }
            // Colours may name a custom `config.style.color` entry, so any string is accepted.
            Self::Color => true,
            Self::ElementId => {
                let mut chars = value.chars();
                chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                    && value.len() <= 20
                    && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
            }
        }
    }

    /// What the pattern accepts, for messages.
    ///
    /// ```
    /// assert_eq!(card_schema::Pattern::Time.describe(), "a time `HH:mm`");
    /// ```
    pub fn describe(&self) -> String {
        match *self {
            Self::Px { min, max: u32::MAX } => format!("`\"<n>px\"` with n >= {min}"),
            Self::Px { min, max } => format!("`\"<n>px\"` with {min} <= n <= {max}"),
            Self::Spacing { min, max } => {
                format!("1 to 4 space-separated `\"<n>px\"` values with {min} <= n <= {max}")
            }
            Self::Box { min, max } => format!(
                "1, 2 or 4 space-separated `\"<n>px\"` values (`0` may drop `px`) with {min} <= n <= {max}"
            ),
            Self::PxOrPercent => "`\"<n>px\"` or `\"<n>%\"`".to_owned(),
            Self::ImgSize => "a custom size `\"<w>x<h> px\"` with 1 <= w, h <= 1000".to_owned(),
            Self::Date => "a date `yyyy-MM-dd`".to_owned(),
            Self::Time => "a time `HH:mm`".to_owned(),
            Self::DateTime => "a date and time `yyyy-MM-dd HH:mm`".to_owned(),
            Self::Url => "an `http://` or `https://` link".to_owned(),
            Self::Color => "a colour".to_owned(),
            Self::ElementId => "an id matching `^[A-Za-z][A-Za-z0-9_]{0,19}$`".to_owned(),
        }
    }
}

/// The integer in `"<n>px"` (optionally negative).
fn px(value: &str) -> Option<i64> {
    let number = value.strip_suffix("px")?;
    let digits = number.strip_prefix('-').unwrap_or(number);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 9 {
        return None;
    }
    number.parse().ok()
}

/// `"<w>x<h> px"`; `"<w>px <h>px"` is also accepted (the newer docs' spelling).
fn img_size(value: &str) -> bool {
    let in_range =
        |n: &str| n.len() <= 4 && n.parse::<u32>().is_ok_and(|n| (1..=1000).contains(&n));
    let all_digits = |n: &str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
    let times = value
        .strip_suffix(" px")
        .or_else(|| value.strip_suffix("px"))
        .and_then(|size| size.split_once('x'));
    if times.is_some_and(|(w, h)| all_digits(w) && all_digits(h) && in_range(w) && in_range(h)) {
        return true;
    }
    value.split_once(' ').is_some_and(|(w, h)| {
        [w, h].iter().all(|part| {
            part.strip_suffix("px")
                .is_some_and(|n| all_digits(n) && in_range(n))
        })
    })
}

/// Parses 1 to `max_digits` ASCII digits.
fn number(part: &str, max_digits: usize) -> Option<u32> {
    if part.is_empty() || part.len() > max_digits || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

fn date(value: &str) -> bool {
    let mut parts = value.split('-');
    let (Some(year), Some(month), Some(day), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    year.len() == 4
        && number(year, 4).is_some()
        && number(month, 2).is_some_and(|m| (1..=12).contains(&m))
        && number(day, 2).is_some_and(|d| (1..=31).contains(&d))
}

fn time(value: &str) -> bool {
    value.split_once(':').is_some_and(|(hour, minute)| {
        number(hour, 2).is_some_and(|h| h <= 23)
            && minute.len() == 2
            && number(minute, 2).is_some_and(|m| m <= 59)
    })
}

#[cfg(test)]
mod tests {
    use crate::Pattern;

    #[test]
    fn pixel_values() {
        let p = Pattern::Px { min: 0, max: 28 };
        assert!(p.matches("0px") && p.matches("28px"));
        assert!(!p.matches("29px") && !p.matches("-1px") && !p.matches("px") && !p.matches("3"));
        assert!(!p.matches("99999999999999999999px"));
        let s = Pattern::Spacing { min: -99, max: 99 };
        assert!(s.matches("4px 12px 4px 12px") && s.matches("-8px"));
        assert!(!s.matches("1px 2px 3px 4px 5px") && !s.matches("") && !s.matches("100px"));
        assert!(Pattern::PxOrPercent.matches("50%") && Pattern::PxOrPercent.matches("8px"));
        assert!(!Pattern::PxOrPercent.matches("%") && !Pattern::PxOrPercent.matches("-1%"));
    }

    #[test]
    fn image_sizes() {
        assert!(Pattern::ImgSize.matches("100x200 px"));
        assert!(Pattern::ImgSize.matches("100px 200px"));
        assert!(!Pattern::ImgSize.matches("0x200 px") && !Pattern::ImgSize.matches("1001x2 px"));
        assert!(!Pattern::ImgSize.matches("large"));
    }

    #[test]
    fn dates_and_times() {
        assert!(Pattern::Date.matches("2002-2-22") && Pattern::Date.matches("2024-12-31"));
        assert!(!Pattern::Date.matches("2024-13-01") && !Pattern::Date.matches("24-1-1"));
        assert!(!Pattern::Date.matches("2024-01-01-01") && !Pattern::Date.matches(""));
        assert!(Pattern::Time.matches("10:00") && Pattern::Time.matches("9:05"));
        assert!(!Pattern::Time.matches("24:00") && !Pattern::Time.matches("10:0"));
        assert!(Pattern::DateTime.matches("2002-2-22 22:22"));
        assert!(!Pattern::DateTime.matches("2002-2-22T22:22"));
    }

    #[test]
    fn urls_and_ids() {
        assert!(
            Pattern::Url.matches("http://a")
                && Pattern::Url.matches("lark://msgcard/unsupported_action")
        );
        assert!(!Pattern::Url.matches("https://") && !Pattern::Url.matches("javascript:alert(1)"));
        assert!(Pattern::ElementId.matches("a_1") && !Pattern::ElementId.matches("1a"));
        assert!(!Pattern::ElementId.matches("a23456789012345678901"));
        assert!(Pattern::Color.matches("rgba(0,0,0,1)"));
    }
}
