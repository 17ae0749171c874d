//! `StreamingCard`: text pushed as it is generated, written into one element of a CardKit
//! entity as fast as the card allows, one write in flight at a time.
//!
//! The writer keeps only the full text so far (bounded by the content API's 100,000
//! characters), never a queue of deltas: however fast pushes arrive, each write carries the
//! latest text, so pushes coalesce into as many writes as the per-card pace admits. When
//! streaming was closed by the server (the ten-minute limit: 200850, then 300309) it switches
//! streaming back on and writes the text again; during a click (200810) it waits and writes
//! the latest text. `finish` delivers the exact final text, then closes streaming with a
//! summary.
//!
//! One card holds at most 30 KB of JSON (200860), whatever the content API's 100,000
//! characters allow: a longer answer needs a second card, which the caller starts (the writer
//! reports [`CardKitCode::TooLarge`] from `finish`; it does not roll over by itself).

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::task::JoinHandle;

use crate::api::cardkit::{CardEntity, CardKitCode, MAX_CONTENT_CHARS};
use crate::error::{Error, Result};

/// Waits for a click to be handled: doubling from the first, at most this many times.
const CLICK_WAIT_FIRST: Duration = Duration::from_millis(100);
const CLICK_WAITS: u32 = 12;
const CLICK_WAIT_MAX: Duration = Duration::from_secs(2);
/// Re-openings of streaming per write before giving up.
const REOPENS: u32 = 3;

/// Streams generated text into a `markdown` or `plain_text` element of a card entity.
///
/// ```no_run
/// # async fn run(entity: card_runtime::CardEntity) -> card_runtime::Result<()> {
/// use card_runtime::StreamingCard;
/// let writer = StreamingCard::new(entity, "answer")?;
/// for word in ["The ", "answer ", "is ", "42."] {
///     writer.push(word)?;
/// }
/// let stats = writer.finish(Some("The answer is 42.")).await?;
/// println!("{} writes", stats.writes);
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct StreamingCard {
    shared: Arc<Shared>,
    task: Option<JoinHandle<Result<()>>>,
    entity: CardEntity,
}

#[derive(Debug, Default)]
struct Shared {
    state: Mutex<State>,
    wake: Notify,
}

#[derive(Debug, Default)]
struct State {
    text: String,
    chars: usize,
    /// Bumped by every push; the writer compares it with what it wrote.
    version: u64,
    /// No more pushes: write what is left and stop.
    closing: bool,
    writes: u64,
    pushes: u64,
    reopened: u64,
    failed: bool,
}

/// What a finished stream cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StreamStats {
    /// Content writes sent.
    pub writes: u64,
    /// Pushes received.
    pub pushes: u64,
    /// Times streaming was switched on again after the server closed it.
    pub reopened: u64,
}

impl StreamingCard {
    /// Starts a writer for `element_id` of `entity`, whose card has `streaming_mode` on.
    /// Needs a tokio runtime (the writes run on a task of their own).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for an `element_id` CardKit cannot address, or one the card
    /// this entity was created (or last replaced) with has not as `markdown` or `plain_text`.
    ///
    /// ```no_run
    /// # async fn run(entity: card_runtime::CardEntity) -> card_runtime::Result<()> {
    /// let writer = card_runtime::StreamingCard::new(entity, "answer")?;
    /// # Ok(()) }
    /// ```
    pub fn new(entity: CardEntity, element_id: impl Into<String>) -> Result<Self> {
        let element_id = element_id.into();
        entity.check_text_element(&element_id)?;
        let shared = Arc::new(Shared::default());
        let task = tokio::spawn(run(entity.clone(), element_id, Arc::clone(&shared)));
        Ok(Self {
            shared,
            task: Some(task),
            entity,
        })
    }

    /// Appends a piece of text.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] when the text would pass 100,000 characters (nothing is
    /// added), or once a write has failed for good (see [`finish`](Self::finish)).
    ///
    /// ```no_run
    /// # fn run(writer: &card_runtime::StreamingCard) -> card_runtime::Result<()> {
    /// writer.push("more text")?;
    /// # Ok(()) }
    /// ```
    pub fn push(&self, delta: &str) -> Result<()> {
        self.update(
            |text| {
                text.push_str(delta);
            },
            delta.chars().count(),
            false,
        )
    }

    /// Replaces the text so far (for sources that give the whole text each time).
    ///
    /// # Errors
    ///
    /// As [`push`](Self::push).
    ///
    /// ```no_run
    /// # fn run(writer: &card_runtime::StreamingCard) -> card_runtime::Result<()> {
    /// writer.set_text("The whole answer so far")?;
    /// # Ok(()) }
    /// ```
    pub fn set_text(&self, text: &str) -> Result<()> {
        self.update(
            |current| {
                current.clear();
                current.push_str(text);
            },
            text.chars().count(),
            true,
        )
    }

    fn update(&self, change: impl FnOnce(&mut String), chars: usize, replace: bool) -> Result<()> {
        {
            let mut state = self
                .shared
                .state
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if state.failed {
                return Err(Error::InvalidRequest {
                    reason: "the stream failed; `finish` returns the cause".into(),
                });
            }
            let total = if replace { chars } else { state.chars + chars };
            if total > MAX_CONTENT_CHARS {
                return Err(Error::InvalidRequest {
                    reason: format!(
                        "the streamed text would have {total} characters, over {MAX_CONTENT_CHARS}"
                    ),
                });
            }
            change(&mut state.text);
            state.chars = total;
            state.version += 1;
            state.pushes += 1;
        }
        self.shared.wake.notify_one();
        Ok(())
    }

    /// The entity written into.
    ///
    /// ```no_run
    /// # fn run(writer: &card_runtime::StreamingCard) {
    /// println!("{}", writer.entity().card_id());
    /// # }
    /// ```
    pub fn entity(&self) -> &CardEntity {
        &self.entity
    }

    /// Writes the final text exactly, then turns streaming off with `summary` as the chat
    /// list's preview.
    ///
    /// # Errors
    ///
    /// The first write that failed for good, or the closing settings call's error.
    ///
    /// ```no_run
    /// # async fn run(writer: card_runtime::StreamingCard) -> card_runtime::Result<()> {
    /// let stats = writer.finish(Some("Answered")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn finish(mut self, summary: Option<&str>) -> Result<StreamStats> {
        self.close();
        if let Some(task) = self.task.take() {
            task.await.map_err(|err| Error::InvalidRequest {
                reason: format!("the stream's writer stopped: {err}"),
            })??;
        }
        self.entity.finish_streaming(summary).await?;
        let state = self
            .shared
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        Ok(StreamStats {
            writes: state.writes,
            pushes: state.pushes,
            reopened: state.reopened,
        })
    }

    fn close(&self) {
        self.shared
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .closing = true;
        self.shared.wake.notify_one();
    }
}

impl Drop for StreamingCard {
    fn drop(&mut self) {
        // Dropped without `finish`: the task still writes the last text, then ends.
        self.close();
    }
}

/// The writer task: one write at a time, each with the latest text.
async fn run(entity: CardEntity, element_id: String, shared: Arc<Shared>) -> Result<()> {
    let (interval, clock) = entity.pace();
    let mut written = 0;
    let mut last_write: Option<Duration> = None;
    loop {
        // Wait for the card's next slot before reading the text, so the write carries what
        // arrived meanwhile instead of waiting in the pacer with an older text.
        if let Some(last) = last_write {
            let due = last.saturating_add(interval);
            let now = clock.now();
            if due > now {
                tokio::time::sleep(due - now).await;
            }
        }
        let next = {
            let state = shared.state.lock().unwrap_or_else(PoisonError::into_inner);
            if state.version != written && !state.text.is_empty() {
                Some((state.version, state.text.clone()))
            } else if state.closing {
                return Ok(());
            } else {
                None
            }
        };
        let Some((version, text)) = next else {
            shared.wake.notified().await;
            continue;
        };
        last_write = Some(clock.now());
        match write(&entity, &element_id, &text, &shared).await {
            Ok(()) => written = version,
            Err(err) => {
                shared
                    .state
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .failed = true;
                return Err(err);
            }
        }
    }
}

/// One write with the recoveries of the reference: reopen streaming after 200850/300309,
/// wait out a click (200810).
async fn write(entity: &CardEntity, element_id: &str, text: &str, shared: &Shared) -> Result<()> {
    let mut reopens = 0;
    let mut waits = 0;
    let mut wait = CLICK_WAIT_FIRST;
    loop {
        let result = entity.stream_text(element_id, text).await;
        let code = result.as_ref().err().and_then(CardKitCode::of);
        shared
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .writes += 1;
        match (result, code) {
            (Ok(()), _) => return Ok(()),
            (Err(_), Some(code)) if code.is_streaming_closed() && reopens < REOPENS => {
                tracing::info!(
                    card_id = entity.card_id(),
                    "streaming closed by the server; reopening"
                );
                reopens += 1;
                entity.set_streaming(true).await?;
                shared
                    .state
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .reopened += 1;
            }
            (Err(_), Some(CardKitCode::InInteraction)) if waits < CLICK_WAITS => {
                waits += 1;
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(CLICK_WAIT_MAX);
            }
            (Err(err), _) => return Err(err),
        }
    }
}
