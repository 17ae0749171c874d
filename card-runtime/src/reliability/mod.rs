//! Reliability: the clock, rate-limit windows, client-side pacing and retry policy.

pub(crate) mod clock;
pub(crate) mod pacing;
pub(crate) mod retry;
pub(crate) mod window;
