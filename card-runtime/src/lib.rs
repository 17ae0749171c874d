//! Feishu/Lark interactive cards written in Rust and checked at compile time.
//!
//! # Example
//!
//! ```
//! use card_runtime::card;
//!
//! let button_id = "162695861xxxx";
//! let card = card! {
//!     <card>
//!         <i18n lang="zh_cn">
//!             <div text="发布审核："/>
//!             <action>
//!                 <button type="primary" value={ "button_type": "public_publish", "button_id": button_id }>
//!                     "完成「全量发布」"
//!                 </button>
//!             </action>
//!         </i18n>
//!     </card>
//! };
//! assert_eq!(card["i18n_elements"]["zh_cn"][1]["actions"][0]["type"], "primary");
//! ```
//!
//! # Sending cards
//!
//! A [`Client`] (one per app, cheap to clone) sends, replies, updates and delayed-updates
//! cards through the Feishu messaging API; a [`Webhook`] posts to a group's custom bot.
//!
//! ```no_run
//! use card_runtime::{card, Client, ReceiveId, Webhook};
//!
//! # async fn run() -> card_runtime::Result<()> {
//! let client = Client::builder("cli_a1b2c3", "app-secret").build()?;
//! let card = card! { <card update_multi><div text="部署完成"/></card> };
//! let sent = client.messages().send_card(ReceiveId::chat_id("oc_84983ff6"), &card).send().await?;
//! client.messages().update_card(&sent.message_id, &card).send().await?;
//!
//! Webhook::new("https://open.feishu.cn/open-apis/bot/v2/hook/xxxxxxxx")
//!     .secret("signing-secret")
//!     .send_card(&card)
//!     .await?;
//! # Ok(()) }
//! ```
//!
//! - The tenant access token is fetched on first use, cached, refreshed five minutes before the
//!   `expire` the server gave (one fetch in flight at a time, whatever the concurrency; its
//!   failure is shared with every waiting call and the next fetch waits for a backoff), and
//!   refreshed once more when Feishu rejects it (99991663/4/5).
//! - Every card is checked with [`card_schema::validate`] and against the size limits (30 000
//!   bytes, 20 000 for the webhook) before any network call; violations are typed [`Error`]s.
//! - Requests are paced within Feishu's limits ([`PacingLimits`]: 50/s and 1000/min per app,
//!   5/s per receiver, 5/s per PATCHed message, 10/s per CardKit card), so a burst is queued, not rejected, up to a
//!   bound (10 000 waiting by default, then [`Error::QueueFull`]).
//! - Rate limits, 5xx, timeouts, connection errors and answers cut off mid-body are retried
//!   with exponential backoff and jitter ([`RetryPolicy`]); every retry of one send carries the
//!   same idempotency `uuid`, and a send's error carries it too ([`Error::uuid`]), saying
//!   whether Feishu may have created the message ([`Error::is_maybe_delivered`]).
//! - Failures from Feishu are [`Error::Api`] with the `code`, `msg` and log id.
//! - [`CardUpdater`] applies updates of one shared card in order, the latest state winning.
//! - Around the cards: [`Client::images`] uploads images (limits checked first, optional
//!   dedupe) to an [`ImageKey`] that `card!` takes as an `img_key`; [`Client::messages`] also
//!   sends and replies with [`TextMessage`] (mentions) and [`PostMessage`] (rich text), adds
//!   reactions and makes messages urgent; [`Client::batch`] sends one card to many users and
//!   departments; [`Client::ephemeral`] shows a card to one user in a group;
//!   [`Client::contacts`] looks up users and chat members (cached for five minutes); and
//!   [`Client::request`] reaches any other Open API with the same token, pacing and retries.
//! - CardKit ([`Client::cardkit`]): card entities created from a 2.0 [`Card`] or a template,
//!   sent by `card_id`, then changed element by element through a [`CardEntity`] that owns the
//!   card's `sequence` (one counter for every write, caught up after a 300317) and paces writes
//!   at 10/s per card; [`StreamingCard`] streams generated text into a card (coalesced to that
//!   rate, one write in flight, the exact final text, streaming reopened after Feishu's
//!   ten-minute close, clicks waited out), and [`cardkit_card!`] gives typed handles on a card's
//!   text elements.
//! - The separate `card-emulator` crate runs Feishu's Open API on 127.0.0.1 for tests (a
//!   dev-dependency), and its `feishu-emulator` binary serves it to bots in any language.
#![deny(missing_docs, missing_debug_implementations)]

mod api;
pub mod callback;
mod card;
mod client;
mod element;
pub mod enums;
mod error;
pub mod markdown;
mod reliability;
mod text;
mod token;
#[cfg(feature = "ws")]
pub mod ws;

pub use api::batch::{BatchHandler, BatchProgress, BatchSend, BatchSent, MAX_BATCH_IDS};
pub use api::body::SendCardBody;
pub use api::cardkit::CardEntity;
pub use api::contacts::{Avatar, ChatMember, ContactsHandler, User};
pub use api::ephemeral::EphemeralHandler;
pub use api::image_format::ImageFormat;
pub use api::images::{
    ImageKey, ImageProblem, ImageType, ImagesHandler, MAX_IMAGE_BYTES, UploadImage, check_image,
};
pub use api::message::{DelayUpdate, MessagesHandler, ReplyCard, SendCard, UpdateCard};
pub use api::raw::Request;
pub use api::reactions::Reaction;
pub use api::streaming::{StreamStats, StreamingCard};
pub use api::text_message::{
    MAX_POST_BYTES, MAX_TEXT_BYTES, PostElement, PostMessage, SendMessage, TextMessage,
};
pub use api::types::{ReceiveId, ReceiveIdType, SentMessage, TemplateCard};
pub use api::updater::CardUpdater;
pub use api::urgent::UrgentKind;
pub use api::webhook::{Webhook, webhook_sign};
pub use card::Card;
pub use element::{Element, ElementV2};
pub use enums::*;
pub use text::Text;

#[doc = include_str!("card_macro.md")]
pub use card_macros::card;

/// [`card!`] for CardKit: the same card, plus a typed handle for each `markdown` or
/// `plain_text` element with a literal `element_id` (outside `for`/`if`/`match` bodies, where
/// the element might be absent). The result is a [`cardkit::StreamableCard`]: `.card` is the
/// [`Card`], `.text.<element_id>` a [`cardkit::TextElement`], so that streaming into an
/// element the card does not have fails to compile.
///
/// ```no_run
/// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
/// use card_runtime::{cardkit_card, StreamingCard};
/// let made = cardkit_card! {
///     <card schema="2.0">
///         <config streaming_mode/>
///         <markdown element_id="answer">"Thinking..."</markdown>
///     </card>
/// };
/// let entity = client.cardkit().create(&made.card).await?;
/// let writer = StreamingCard::new(entity, made.text.answer)?;
/// // `made.text.anwser` would not compile: no such field.
/// # Ok(()) }
/// ```
pub use card_macros::cardkit_card;
pub use card_schema;
pub use client::{Client, ClientBuilder, Domain};
pub use error::{ApiError, Error, Result};
pub use reliability::clock::Clock;
pub use reliability::pacing::PacingLimits;
pub use reliability::retry::RetryPolicy;
/// The HTTP method of a [`Client::request`] (re-exported from `reqwest`).
pub use reqwest::Method;

/// CardKit card entities: the API ([`Client::cardkit`]), its batch actions, insert positions
/// and documented error codes; [`CardEntity`] and [`StreamingCard`] are at the crate root.
pub mod cardkit {
    pub use crate::api::cardkit::CardKit;
    pub use crate::api::cardkit_actions::{CardAction, Position};
    pub use crate::api::cardkit_codes::CardKitCode;
    pub use crate::api::cardkit_handles::{StreamableCard, TextElement};
}
pub use token::Secret;

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;
