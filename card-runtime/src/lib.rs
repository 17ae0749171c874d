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
#![deny(missing_docs, missing_debug_implementations)]

mod api;
mod card;
mod client;
mod element;
#[cfg(feature = "emulator")]
pub mod emulator;
pub mod enums;
mod error;
mod reliability;
mod text;
mod token;

pub use api::body::SendCardBody;
pub use api::message::{
    DelayUpdate, MessagesHandler, ReceiveId, ReceiveIdType, ReplyCard, SendCard, SentMessage,
    TemplateCard, UpdateCard,
};
pub use api::webhook::{Webhook, webhook_sign};
pub use card::Card;
pub use client::{Client, ClientBuilder, Domain};
pub use element::Element;
pub use enums::*;
pub use error::{ApiError, Error, Result};
pub use reliability::clock::Clock;
pub use reliability::pacing::PacingLimits;
pub use reliability::retry::RetryPolicy;
pub use text::Text;
pub use token::Secret;

#[doc = include_str!("card_macro.md")]
pub use card_macros::card;
pub use card_schema;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
