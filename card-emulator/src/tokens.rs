//! Token logic from the reference: tenant access tokens (§4.1) and the delayed-update tokens
//! a click hands to the app (§3.6).

use std::time::Duration;

use crate::ops::Reject;
use crate::state::{CallbackToken, EmulatorState};

/// Feishu hands out a new token only when the current one has less than this left (§4.1).
const TOKEN_REUSE_THRESHOLD: Duration = Duration::from_secs(30 * 60);
/// Callback (delayed-update) tokens: valid 30 minutes, two uses (§3.6).
pub(crate) const CALLBACK_TOKEN_LIFETIME: Duration = Duration::from_secs(30 * 60);
const CALLBACK_TOKEN_USES: u32 = 2;

impl EmulatorState {
    /// Issues or reuses a tenant token; returns it with its remaining lifetime in seconds.
    pub(crate) fn tenant_token(&self) -> (String, u64) {
        let now = self.clock.now();
        let mut inner = self.lock();
        inner.stats.token_requests += 1;
        // Issued with one lifetime, tokens expire in issue order.
        inner.tokens.expire_while(|&expires_at| expires_at <= now);
        if let Some(current) = inner.current_token.clone() {
            if let Some(&expires_at) = inner.tokens.get(&current) {
                let left = expires_at.saturating_sub(now);
                if left >= TOKEN_REUSE_THRESHOLD {
                    return (current, left.as_secs());
                }
            }
        }
        let token = format!("t-{}", uuid::Uuid::new_v4().simple());
        // Saturating: `--token-ttl` takes any number of seconds.
        inner
            .tokens
            .insert(token.clone(), now.saturating_add(self.token_ttl));
        inner.current_token = Some(token.clone());
        inner.stats.tokens_issued += 1;
        (token, self.token_ttl.as_secs())
    }

    /// Validates `Authorization: Bearer t-…`. The HTTP status of token failures is not
    /// documented (UNCONFIRMED); 400, like the other envelope failures, is the safe reading
    /// because clients must branch on `code`, never on the status.
    pub(crate) fn check_token(&self, authorization: Option<&str>) -> Result<(), Reject> {
        let now = self.clock.now();
        let mut inner = self.lock();
        inner.stats.api_requests += 1;
        let Some(token) = authorization.and_then(|value| value.strip_prefix("Bearer ")) else {
            inner.stats.token_rejected += 1;
            return Err(Reject::bad(
                99_991_661,
                "Missing access token for authorization",
            ));
        };
        match inner.tokens.get(token.trim()) {
            Some(&expires_at) if expires_at > now => Ok(()),
            _ => {
                inner.stats.token_rejected += 1;
                Err(Reject::bad(
                    99_991_663,
                    "Invalid access token for authorization. Please make a request with token attached.",
                ))
            }
        }
    }

    /// Issues a delayed-update token (`c-…`, 30 minutes, two uses) for a message, as Feishu
    /// does in a card callback. Returns `None` when no such message exists.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// assert!(emulator.issue_callback_token("om_missing").is_none());
    /// # Ok(()) }
    /// ```
    pub fn issue_callback_token(&self, message_id: &str) -> Option<String> {
        let now = self.clock.now();
        let mut inner = self.lock();
        inner.messages.get(message_id)?;
        // Expired tokens answer 300030 like unknown ones, so they need not be kept; with one
        // lifetime for all, the oldest expire first.
        inner
            .callback_tokens
            .expire_while(|token| token.expires_at <= now);
        let token = format!("c-{}", uuid::Uuid::new_v4().simple());
        inner.callback_tokens.insert(
            token.clone(),
            CallbackToken {
                message_id: message_id.to_owned(),
                expires_at: now.saturating_add(CALLBACK_TOKEN_LIFETIME),
                uses_left: CALLBACK_TOKEN_USES,
            },
        );
        Some(token)
    }
}
