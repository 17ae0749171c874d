//! The Open API areas: messages (send, reply, update, delayed update, templates; text and
//! post; reactions; urgent), ordered card updates, the custom-bot webhook, images, batch and
//! ephemeral cards, users and chats, and any other call (`raw`).

pub(crate) mod batch;
pub(crate) mod body;
pub(crate) mod cache;
pub(crate) mod cardkit;
pub(crate) mod cardkit_actions;
pub(crate) mod cardkit_checks;
pub(crate) mod cardkit_codes;
pub(crate) mod cardkit_handles;
pub(crate) mod contacts;
pub(crate) mod ephemeral;
pub(crate) mod exchange;
pub(crate) mod image_format;
pub(crate) mod images;
pub(crate) mod message;
pub(crate) mod raw;
pub(crate) mod reactions;
pub(crate) mod streaming;
pub(crate) mod text_message;
pub(crate) mod types;
pub(crate) mod updater;
pub(crate) mod urgent;
pub(crate) mod versions;
pub(crate) mod webhook;
