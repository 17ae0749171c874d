//! One card to many users: the batch message API, its progress, and what it could not reach.
//!
//! - `POST /open-apis/message/v4/batch_send/` with `msg_type: interactive`, `card` as an
//!   object, and `open_ids`, `user_ids`, `union_ids`, `department_ids` (each at most 200);
//!   answers `message_id` (`bm-…`) and the `invalid_*` ids it could not reach
//!   (<https://open.feishu.cn/document/ukTMukTMukTM/ucDO1EjL3gTNx4yN4UTM>). Users only, no
//!   chats; sent asynchronously; batch cards can neither be updated nor clicked back.
//! - `GET /open-apis/im/v1/batch_messages/:id/get_progress`
//!   (<https://open.feishu.cn/document/server-docs/im-v1/batch_message/get_progress>)

use reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::api::body::MAX_CARD_BYTES;
use crate::api::message::{check_size, required, segment, validate};
use crate::card::Card;
use crate::client::{Call, Client};
use crate::error::{Error, Result};
use crate::reliability::retry::Idempotency;

/// The most ids of one kind a batch takes.
pub const MAX_BATCH_IDS: usize = 200;

/// The batch message API, from [`Client::batch`].
///
/// ```no_run
/// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
/// let sent = client.batch().send_card(&card).open_ids(["ou_1", "ou_2"]).department_ids(["od-1"]).send().await?;
/// let progress = client.batch().progress(&sent.message_id).await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct BatchHandler<'c> {
    client: &'c Client,
}

impl Client {
    /// The batch message API: one card to many users and departments.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// client.batch().send_card(&card).user_ids(["7be5fg9a"]).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn batch(&self) -> BatchHandler<'_> {
        BatchHandler { client: self }
    }
}

/// What a batch send answered: its `bm-…` id and every id it could not reach.
///
/// ```no_run
/// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
/// let sent = client.batch().send_card(&card).open_ids(["ou_1"]).send().await?;
/// for id in &sent.invalid_open_ids { eprintln!("not sent to {id}"); }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct BatchSent {
    /// The batch's id (`bm-…`), for [`BatchHandler::progress`].
    pub message_id: String,
    /// Open ids that were not sent to (unknown, outside the app's availability).
    #[serde(default)]
    pub invalid_open_ids: Vec<String>,
    /// User ids that were not sent to.
    #[serde(default)]
    pub invalid_user_ids: Vec<String>,
    /// Union ids that were not sent to.
    #[serde(default)]
    pub invalid_union_ids: Vec<String>,
    /// Departments that were not sent to.
    #[serde(default)]
    pub invalid_department_ids: Vec<String>,
}

/// How far a batch got.
///
/// ```no_run
/// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
/// let p = client.batch().progress("bm-1").await?;
/// println!("{}/{} delivered, {} read", p.success_user_ids_count, p.valid_user_ids_count, p.read_user_ids_count);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct BatchProgress {
    /// Users the batch resolved to (after expanding departments, minus invalid ids).
    #[serde(default)]
    pub valid_user_ids_count: u64,
    /// Users it was delivered to so far.
    #[serde(default)]
    pub success_user_ids_count: u64,
    /// Users who read it.
    #[serde(default)]
    pub read_user_ids_count: u64,
}

#[derive(Deserialize)]
struct ProgressData {
    #[serde(default)]
    batch_message_send_progress: BatchProgress,
}

impl<'c> BatchHandler<'c> {
    /// Starts a batch send of a card.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// client.batch().send_card(&card).union_ids(["on_1"]).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn send_card(&self, card: &'c Card) -> BatchSend<'c> {
        BatchSend {
            client: self.client,
            card,
            open_ids: Vec::new(),
            user_ids: Vec::new(),
            union_ids: Vec::new(),
            department_ids: Vec::new(),
        }
    }

    /// The progress of a batch.
    ///
    /// # Errors
    ///
    /// The call's errors.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// let progress = client.batch().progress("bm-1").await?;
    /// # Ok(()) }
    /// ```
    pub async fn progress(&self, batch_message_id: &str) -> Result<BatchProgress> {
        let path = format!(
            "/open-apis/im/v1/batch_messages/{}/get_progress",
            segment(batch_message_id)
        );
        let call = Call {
            method: Method::GET,
            path: &path,
            body: Vec::new(),
            pace: None,
            idempotency: Idempotency::Safe,
        };
        let data: ProgressData = required(self.client.call(call).await?)?;
        Ok(data.batch_message_send_progress)
    }
}

/// A batch send in preparation; finish with [`send`](Self::send).
#[derive(Debug)]
#[must_use = "nothing is sent until `.send().await`"]
pub struct BatchSend<'c> {
    client: &'c Client,
    card: &'c Card,
    open_ids: Vec<String>,
    user_ids: Vec<String>,
    union_ids: Vec<String>,
    department_ids: Vec<String>,
}

#[derive(Serialize)]
struct Body<'a> {
    msg_type: &'static str,
    card: &'a Card,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    open_ids: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    user_ids: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    union_ids: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    department_ids: &'a [String],
}

fn collect<I: IntoIterator<Item = S>, S: Into<String>>(ids: I) -> Vec<String> {
    ids.into_iter().map(Into::into).collect()
}

impl BatchSend<'_> {
    /// Users by open id (`ou_…`), at most 200.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// client.batch().send_card(&card).open_ids(["ou_1"]).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn open_ids<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Self {
        self.open_ids = collect(ids);
        self
    }

    /// Users by tenant user id, at most 200.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// client.batch().send_card(&card).user_ids(["7be5fg9a"]).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn user_ids<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Self {
        self.user_ids = collect(ids);
        self
    }

    /// Users by union id (`on_…`), at most 200.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// client.batch().send_card(&card).union_ids(["on_1"]).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn union_ids<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Self {
        self.union_ids = collect(ids);
        self
    }

    /// Every member of these departments, at most 200.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// client.batch().send_card(&card).department_ids(["od-1"]).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn department_ids<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Self {
        self.department_ids = collect(ids);
        self
    }

    /// Checks the receivers and the card, then sends.
    ///
    /// # Errors
    ///
    /// Before any request: [`Error::InvalidRequest`] for no receivers at all or more than 200
    /// of a kind, [`Error::TooLarge`] / [`Error::CardInvalid`] for the card. Then the call's
    /// errors ([`Error::Api`] 11247 when the daily quota is spent, ...). A batch has no
    /// idempotency key, so only failures where nothing was applied are retried.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// let sent = client.batch().send_card(&card).open_ids(["ou_1", "ou_2"]).send().await?;
    /// # Ok(()) }
    /// ```
    pub async fn send(self) -> Result<BatchSent> {
        let lists = [
            ("open_ids", &self.open_ids),
            ("user_ids", &self.user_ids),
            ("union_ids", &self.union_ids),
            ("department_ids", &self.department_ids),
        ];
        if lists.iter().all(|(_, ids)| ids.is_empty()) {
            return Err(Error::InvalidRequest {
                reason: "a batch needs at least one open id, user id, union id or department"
                    .to_owned(),
            });
        }
        if let Some((name, ids)) = lists.iter().find(|(_, ids)| ids.len() > MAX_BATCH_IDS) {
            return Err(Error::InvalidRequest {
                reason: format!("{} {name} is over the limit of {MAX_BATCH_IDS}", ids.len()),
            });
        }
        let card_len = serde_json::to_vec(self.card).map_err(Error::Encode)?.len();
        check_size(card_len, MAX_CARD_BYTES)?;
        validate(self.card)?;
        let body = serde_json::to_vec(&Body {
            msg_type: "interactive",
            card: self.card,
            open_ids: &self.open_ids,
            user_ids: &self.user_ids,
            union_ids: &self.union_ids,
            department_ids: &self.department_ids,
        })
        .map_err(Error::Encode)?;
        let call = Call {
            method: Method::POST,
            path: "/open-apis/message/v4/batch_send/",
            body,
            pace: None,
            idempotency: Idempotency::Unsafe,
        };
        required(self.client.call(call).await?)
    }
}
