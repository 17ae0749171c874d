//! The Open API areas: messages (send, reply, update, delayed update, templates) and the
//! custom-bot webhook.

pub(crate) mod body;
pub(crate) mod message;
pub(crate) mod types;
pub(crate) mod webhook;
