//! Injected faults: what a real gateway, proxy or network does to a call that a client must
//! survive, from the plain 5xx to an answer cut off after the message was stored.

use std::collections::VecDeque;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http_body::Frame;
use serde::Serialize;
use tokio::time::Sleep;

/// One fault to inject into an Open API call (the `/_emulator` routes are never affected).
///
/// The first five answer without processing the call; the others process it (a send stores
/// its message) and then spoil the answer, which is the "maybe delivered" case.
///
/// ```
/// # async fn run() -> std::io::Result<()> {
/// use card_emulator::{Emulator, Fault};
///
/// let emulator = Emulator::start().await?;
/// emulator.inject(Fault::RateLimited { reset_secs: 2 }, 1);
/// emulator.inject(Fault::TruncatedAfter, 3);
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// HTTP `status` (a 5xx) with Feishu's JSON error envelope; not processed.
    Fail {
        /// The 5xx status.
        status: u16,
    },
    /// HTTP 429, code 99991400, `x-ogw-ratelimit-limit` and `x-ogw-ratelimit-reset`; not
    /// processed.
    RateLimited {
        /// Seconds in `x-ogw-ratelimit-reset`.
        reset_secs: u64,
    },
    /// HTTP 200 with a non-zero `code` (e.g. 230020 rate limited, 99991400, 99991663 token
    /// invalid); not processed.
    Code {
        /// The Feishu error code.
        code: i64,
    },
    /// `status` with an HTML page, as a proxy or load balancer in front of Feishu answers;
    /// not processed.
    HtmlPage {
        /// The HTTP status (e.g. 502).
        status: u16,
    },
    /// HTTP 200 whose `Content-Length` promises more than is sent: half the body, then the
    /// connection is cut; not processed.
    TruncatedBefore,
    /// Processed (a message is stored), then the real answer is cut off halfway the same way.
    TruncatedAfter,
    /// Processed, then the connection is cut before any answer.
    Drop,
    /// Processed, then answered after this long.
    Delay(Duration),
    /// Processed, then the answer drips out in small pieces spread over this long.
    Slow(Duration),
}

impl Fault {
    /// The slot of this kind: pending faults are taken in this order, processed kinds last.
    fn rank(self) -> usize {
        match self {
            Self::Fail { .. } => 0,
            Self::RateLimited { .. } => 1,
            Self::Code { .. } => 2,
            Self::HtmlPage { .. } => 3,
            Self::TruncatedBefore => 4,
            Self::TruncatedAfter => 5,
            Self::Drop => 6,
            Self::Delay(_) => 7,
            Self::Slow(_) => 8,
        }
    }

    /// Whether the call is answered without being processed.
    pub(crate) fn skips_processing(self) -> bool {
        self.rank() <= 4
    }
}

const KINDS: usize = 9;

/// How many calls each fault kind still spoils. Setting a kind replaces its count (as
/// `fail_next(0, …)` clears it), so tests can reset one kind without touching the others.
#[derive(Debug, Default)]
pub(crate) struct Pending {
    slots: [Option<(Fault, u32)>; KINDS],
}

impl Pending {
    pub(crate) fn set(&mut self, fault: Fault, calls: u32) {
        self.slots[fault.rank()] = (calls > 0).then_some((fault, calls));
    }

    /// The fault for the call now arriving, if any, consuming one.
    pub(crate) fn take(&mut self) -> Option<Fault> {
        let slot = self.slots.iter_mut().find(|slot| slot.is_some())?;
        let (fault, calls) = slot.as_mut()?;
        let fault = *fault;
        *calls -= 1;
        if *calls == 0 {
            *slot = None;
        }
        Some(fault)
    }
}

/// How many calls each kind of fault has spoiled (in [`Stats::faults`](crate::Stats::faults)).
///
/// ```
/// # async fn run() -> std::io::Result<()> {
/// let emulator = card_emulator::Emulator::start().await?;
/// assert_eq!(emulator.stats().faults.truncated_after, 0);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FaultCounts {
    /// [`Fault::Fail`].
    pub failed: u64,
    /// [`Fault::RateLimited`].
    pub rate_limited: u64,
    /// [`Fault::Code`].
    pub code: u64,
    /// [`Fault::HtmlPage`].
    pub html_page: u64,
    /// [`Fault::TruncatedBefore`].
    pub truncated_before: u64,
    /// [`Fault::TruncatedAfter`].
    pub truncated_after: u64,
    /// [`Fault::Drop`].
    pub dropped: u64,
    /// [`Fault::Delay`].
    pub delayed: u64,
    /// [`Fault::Slow`].
    pub slow: u64,
}

impl FaultCounts {
    pub(crate) fn count(&mut self, fault: Fault) {
        let counter = match fault {
            Fault::Fail { .. } => &mut self.failed,
            Fault::RateLimited { .. } => &mut self.rate_limited,
            Fault::Code { .. } => &mut self.code,
            Fault::HtmlPage { .. } => &mut self.html_page,
            Fault::TruncatedBefore => &mut self.truncated_before,
            Fault::TruncatedAfter => &mut self.truncated_after,
            Fault::Drop => &mut self.dropped,
            Fault::Delay(_) => &mut self.delayed,
            Fault::Slow(_) => &mut self.slow,
        };
        *counter += 1;
    }
}

/// A body sent in pieces with a pause before each but the first, optionally ending with a
/// cut connection instead of its end.
struct Drip {
    pieces: VecDeque<Bytes>,
    gap: Duration,
    pause: Option<Pin<Box<Sleep>>>,
    cut: bool,
}

impl http_body::Body for Drip {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        if let Some(pause) = self.pause.as_mut() {
            ready!(pause.as_mut().poll(cx));
            self.pause = None;
        }
        match self.pieces.pop_front() {
            Some(piece) => {
                // The pause also lets the server flush this piece before a cut.
                if !self.pieces.is_empty() || self.cut {
                    self.pause = Some(Box::pin(tokio::time::sleep(self.gap)));
                }
                Poll::Ready(Some(Ok(Frame::data(piece))))
            }
            // An error from the body makes the server close the connection mid-body.
            None if self.cut => Poll::Ready(Some(Err(io::Error::new(
                io::ErrorKind::ConnectionAborted,
                "emulated truncated answer",
            )))),
            None => Poll::Ready(None),
        }
    }
}

async fn body_bytes(response: Response) -> (axum::http::response::Parts, Bytes) {
    let (parts, body) = response.into_parts();
    // Answers are small JSON built in memory: collecting them cannot fail or be large.
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    (parts, bytes)
}

/// `response` with only the first half of its body sent, then the connection cut; its
/// `Content-Length` still promises the whole.
pub(crate) async fn truncated(response: Response) -> Response {
    let (mut parts, bytes) = body_bytes(response).await;
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let drip = Drip {
        pieces: VecDeque::from([bytes.slice(..bytes.len() / 2)]),
        gap: Duration::from_millis(20),
        pause: None,
        cut: true,
    };
    Response::from_parts(parts, Body::new(drip))
}

/// `response` sent in 16 pieces spread over `over`.
pub(crate) async fn slow(response: Response, over: Duration) -> Response {
    const PIECES: usize = 16;
    let (mut parts, bytes) = body_bytes(response).await;
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let size = bytes.len().div_ceil(PIECES).max(1);
    let pieces: VecDeque<Bytes> = (0..bytes.len())
        .step_by(size)
        .map(|start| bytes.slice(start..(start + size).min(bytes.len())))
        .collect();
    let gap = over / u32::try_from(pieces.len().max(1)).unwrap_or(1);
    let drip = Drip {
        pieces,
        gap,
        pause: None,
        cut: false,
    };
    Response::from_parts(parts, Body::new(drip))
}

/// The page a reverse proxy shows when Feishu behind it is unreachable.
pub(crate) fn html_page(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
    let reason = status.canonical_reason().unwrap_or("Error");
    let page = format!(
        "<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
        code = status.as_u16()
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_taken_in_order_and_counts_replace() {
        let mut pending = Pending::default();
        pending.set(Fault::Drop, 1);
        pending.set(Fault::Fail { status: 503 }, 5);
        pending.set(Fault::Fail { status: 502 }, 1);
        assert_eq!(pending.take(), Some(Fault::Fail { status: 502 }));
        assert_eq!(pending.take(), Some(Fault::Drop));
        assert_eq!(pending.take(), None);
        pending.set(Fault::Slow(Duration::ZERO), 2);
        pending.set(Fault::Slow(Duration::ZERO), 0);
        assert_eq!(pending.take(), None);
    }
}
