//! The Open API areas: messages (send, reply, update, delayed update, templates), ordered
//! card updates and the custom-bot webhook.

pub(crate) mod body;
pub(crate) mod exchange;
pub(crate) mod message;
pub(crate) mod types;
pub(crate) mod updater;
pub(crate) mod versions;
pub(crate) mod webhook;
