//! What each emulated Open API operation does to the state, independent of HTTP.
//!
//! Checks run in this order: token, per-app limits, body shape, content, size, schema, `uuid`
//! dedupe, per-target limit, then the effect. Error codes follow reference §3.11 / §3.6 / §5;
//! where the reference documents no code for a case the emulator uses 230001 (invalid
//! parameter) and says so in the message.

use std::time::Duration;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::api::webhook::webhook_sign;
use crate::emulator::state::{EmulatorState, Inner, RecordedMessage};
use crate::reliability::window::{SlidingWindow, admit_all};

use card_schema::{MAX_CARD_BYTES, MAX_WEBHOOK_BYTES};

const MAX_UUID_CHARS: usize = 50;
const UPDATE_WINDOW: Duration = Duration::from_secs(14 * 24 * 3600);
const WEBHOOK_CLOCK_SKEW: u64 = 3600;

/// A refusal: HTTP status, Feishu code and message, plus rate-limit headers.
#[derive(Debug)]
pub(crate) struct Reject {
    pub(crate) status: u16,
    pub(crate) code: i64,
    pub(crate) msg: String,
    pub(crate) limit: Option<u32>,
    pub(crate) reset_secs: Option<u64>,
}

impl Reject {
    pub(crate) fn new(status: u16, code: i64, msg: impl Into<String>) -> Self {
        Self {
            status,
            code,
            msg: msg.into(),
            limit: None,
            reset_secs: None,
        }
    }

    fn bad(code: i64, msg: impl Into<String>) -> Self {
        Self::new(400, code, msg)
    }
}

type OpResult = Result<Value, Reject>;

fn parse<T: for<'de> Deserialize<'de>>(body: &[u8], code: i64) -> Result<T, Reject> {
    serde_json::from_slice(body)
        .map_err(|err| Reject::bad(code, format!("invalid request body: {err}")))
}

fn is_shared(card: &Value) -> bool {
    card["schema"] == "2.0" || card["config"]["update_multi"] == Value::Bool(true)
}

/// Checks a card the way the send API does, returning Feishu's 230099 message on failure.
fn check_card(card: &Value, code: i64) -> Result<(), Reject> {
    if card["type"] == "template" {
        return match card["data"]["template_id"].as_str() {
            Some(id) if !id.is_empty() => Ok(()),
            _ => Err(Reject::bad(
                code,
                "Failed to create card content, ext=ErrCode: 200380; ErrMsg: template not found",
            )),
        };
    }
    let report = card_schema::validate(card);
    match report.errors.first() {
        None => Ok(()),
        // The real service's sub-code for schema findings varies by rule (UNCONFIRMED which);
        // 11310 is its generic "card content" sub-code. The path is what tests rely on.
        Some(first) => Err(Reject::bad(
            code,
            format!(
                "Failed to create card content, ext=ErrCode: 11310; ErrPath: {}; ErrMsg: {}; ({} error(s))",
                first.path,
                first.message,
                report.errors.len()
            ),
        )),
    }
}

/// Parses an im/v1 `content` string into the card JSON.
fn parse_content(content: Option<&Value>, msg_type: &str) -> Result<Value, Reject> {
    let Some(Value::String(content)) = content else {
        return Err(Reject::bad(
            230001,
            "invalid parameter: content must be a JSON string",
        ));
    };
    if content.len() > MAX_CARD_BYTES && msg_type == "interactive" {
        return Err(Reject::bad(
            230025,
            format!(
                "message content too long: {} bytes > {MAX_CARD_BYTES}",
                content.len()
            ),
        ));
    }
    let card: Value = serde_json::from_str(content).map_err(|err| {
        Reject::bad(230099, format!("Failed to create card content, ext=ErrCode: 200621; ErrMsg: card JSON parse error: {err}"))
    })?;
    if msg_type == "interactive" {
        check_card(&card, 230099)?;
    }
    Ok(card)
}

fn target_limited(inner: &mut Inner, key: String, limit: u32, now: Duration) -> Result<(), Reject> {
    let window = inner.targets.get(&key, now, || {
        SlidingWindow::new(limit, Duration::from_secs(1))
    });
    admit_all(&mut [window], now).map_err(|_| {
        inner.stats.target_rate_limited += 1;
        Reject::bad(230020, "The request you send is rate limited")
    })
}

#[derive(Deserialize)]
struct SendBody {
    receive_id: Option<String>,
    msg_type: Option<String>,
    content: Option<Value>,
    uuid: Option<String>,
    reply_in_thread: Option<bool>,
}

fn message_json(message: &RecordedMessage, app_id: &str) -> Value {
    json!({
        "message_id": message.message_id,
        "root_id": message.root_id,
        "parent_id": message.parent_id,
        "thread_id": message.thread_id,
        "msg_type": message.msg_type,
        "create_time": message.create_time.to_string(),
        "update_time": message.update_time.to_string(),
        "deleted": false,
        "updated": message.updates > 0,
        "chat_id": message.chat_id,
        "sender": {"id": app_id, "id_type": "app_id", "sender_type": "app", "tenant_key": "emulator"},
        "body": {"content": message.card.to_string()},
    })
}

impl EmulatorState {
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

    /// The per-app windows every message API call counts against.
    pub(crate) fn admit_app(&self) -> Result<(), Reject> {
        let now = self.clock.now();
        let mut inner = self.lock();
        let inner = &mut *inner;
        let mut windows = [&mut inner.app_second, &mut inner.app_minute];
        let Err((index, free_at)) = admit_all(&mut windows, now) else {
            return Ok(());
        };
        inner.stats.app_rate_limited += 1;
        let wait = free_at.saturating_sub(now);
        // Whole seconds, rounded up, as the header is documented in seconds.
        let reset = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        Err(Reject {
            limit: Some(windows[index].limit()),
            reset_secs: Some(reset.max(1)),
            ..Reject::new(429, 99_991_400, "request trigger frequency limit")
        })
    }

    /// `POST /open-apis/im/v1/messages` and `.../:message_id/reply`.
    pub(crate) fn create_message(
        &self,
        receive_id_type: Option<&str>,
        parent: Option<&str>,
        body: &[u8],
    ) -> OpResult {
        let request: SendBody = parse(body, 230001)?;
        let msg_type = request.msg_type.unwrap_or_default();
        if msg_type.is_empty() {
            return Err(Reject::bad(
                230001,
                "invalid parameter: msg_type is required",
            ));
        }
        let (receive_id_type, receive_id) = match parent {
            Some(_) => (String::new(), String::new()),
            None => {
                let kind = receive_id_type.unwrap_or_default();
                let id = request.receive_id.unwrap_or_default();
                let prefix_ok = match kind {
                    "chat_id" => id.starts_with("oc_"),
                    "open_id" => id.starts_with("ou_"),
                    "union_id" => id.starts_with("on_"),
                    "email" => id.contains('@'),
                    "user_id" => !id.is_empty(),
                    _ => {
                        return Err(Reject::bad(
                            230001,
                            format!("invalid parameter: receive_id_type `{kind}`"),
                        ));
                    }
                };
                if !prefix_ok {
                    return Err(Reject::bad(
                        230034,
                        format!("The receive_id `{id}` is invalid for receive_id_type {kind}"),
                    ));
                }
                (kind.to_owned(), id)
            }
        };
        if request
            .uuid
            .as_ref()
            .is_some_and(|uuid| uuid.chars().count() > MAX_UUID_CHARS)
        {
            return Err(Reject::bad(
                230001,
                "invalid parameter: uuid longer than 50 characters",
            ));
        }
        let card = parse_content(request.content.as_ref(), &msg_type)?;

        let now = self.clock.now();
        let now_ms = self.now_ms();
        let mut inner = self.lock();
        let inner = &mut *inner;
        let uuid_window = self.limits.uuid_window;
        if let Some(uuid) = &request.uuid {
            if let Some(data) = inner.uuids.get(uuid, now, uuid_window) {
                let data = data.clone();
                inner.stats.duplicates_suppressed += 1;
                return Ok(data);
            }
        }
        let (chat_id, root_id, parent_id, thread_id) = match parent {
            None => (
                inner.chat_for(&receive_id_type, &receive_id),
                None,
                None,
                None,
            ),
            Some(parent_id) => {
                let Some(&index) = inner.by_id.get(parent_id) else {
                    return Err(Reject::bad(
                        230001,
                        format!("invalid parameter: message `{parent_id}` not found"),
                    ));
                };
                let parent = &inner.messages[index];
                let (chat, root, thread) = (
                    parent.chat_id.clone(),
                    parent.root_id.clone(),
                    parent.thread_id.clone(),
                );
                let thread = match (thread, request.reply_in_thread.unwrap_or(false)) {
                    (Some(thread), _) => Some(thread),
                    (None, true) => Some(format!("omt_{}", inner.next_hex())),
                    (None, false) => None,
                };
                (
                    chat,
                    Some(root.unwrap_or_else(|| parent_id.to_owned())),
                    Some(parent_id.to_owned()),
                    thread,
                )
            }
        };
        target_limited(
            inner,
            format!("chat:{chat_id}"),
            self.limits.per_chat_per_second,
            now,
        )?;
        let message = RecordedMessage {
            message_id: format!("om_{}", inner.next_hex()),
            chat_id,
            receive_id_type: if parent.is_some() {
                "reply".into()
            } else {
                receive_id_type
            },
            receive_id: if parent.is_some() {
                parent_id.clone().unwrap_or_default()
            } else {
                receive_id
            },
            msg_type,
            card,
            personal_cards: Default::default(),
            uuid: request.uuid.clone(),
            parent_id,
            root_id,
            thread_id,
            create_time: now_ms,
            update_time: now_ms,
            updates: 0,
        };
        let data = message_json(&message, &self.app_id);
        inner
            .by_id
            .insert(message.message_id.clone(), inner.messages.len());
        inner.messages.push(message);
        inner.stats.messages_created += 1;
        if let Some(uuid) = request.uuid {
            inner.uuids.insert(uuid, now, data.clone());
        }
        Ok(data)
    }

    /// `PATCH /open-apis/im/v1/messages/:message_id`.
    pub(crate) fn patch_message(&self, message_id: &str, body: &[u8]) -> OpResult {
        #[derive(Deserialize)]
        struct PatchBody {
            content: Option<Value>,
        }
        let request: PatchBody = parse(body, 230001)?;
        let card = parse_content(request.content.as_ref(), "interactive")?;
        if !is_shared(&card) {
            return Err(Reject::bad(
                230001,
                "invalid parameter: the new card must set config.update_multi=true (no documented code; UNCONFIRMED)",
            ));
        }
        let now = self.clock.now();
        let now_ms = self.now_ms();
        let mut inner = self.lock();
        let inner = &mut *inner;
        let Some(&index) = inner.by_id.get(message_id) else {
            return Err(Reject::bad(
                230001,
                format!("invalid parameter: message `{message_id}` not found"),
            ));
        };
        let message = &inner.messages[index];
        // Only the identity that sent a card may PATCH it (§3.5), and a custom bot's cards
        // cannot be updated at all (§5); no code is documented for either (UNCONFIRMED).
        if message.receive_id_type == "webhook" {
            return Err(Reject::bad(
                230001,
                "invalid parameter: the message was sent by a custom bot, not by this app; UNCONFIRMED code",
            ));
        }
        if !is_shared(&message.card) {
            return Err(Reject::bad(
                230001,
                "invalid parameter: the sent card is not shared (config.update_multi); UNCONFIRMED code",
            ));
        }
        if Duration::from_millis(now_ms.saturating_sub(message.create_time)) > UPDATE_WINDOW {
            return Err(Reject::bad(
                230031,
                "The message can only be updated within 14 days",
            ));
        }
        target_limited(
            inner,
            format!("msg:{message_id}"),
            self.limits.per_message_per_second,
            now,
        )?;
        let message = &mut inner.messages[index];
        message.card = card;
        message.updates += 1;
        message.update_time = now_ms;
        inner.stats.cards_updated += 1;
        Ok(json!({}))
    }

    /// `POST /open-apis/interactive/v1/card/update` (delayed update with a callback token).
    pub(crate) fn delay_update(&self, body: &[u8]) -> OpResult {
        #[derive(Deserialize)]
        struct DelayBody {
            token: Option<String>,
            card: Option<Value>,
        }
        let request: DelayBody = parse(body, 100_030)?;
        let token = request.token.unwrap_or_default();
        if !token.starts_with("c-") {
            return Err(Reject::bad(300_020, "token format is invalid"));
        }
        let Some(Value::Object(mut card)) = request.card else {
            return Err(Reject::bad(100_030, "card must be a JSON object"));
        };
        let open_ids: Vec<String> = match card.remove("open_ids") {
            None => Vec::new(),
            Some(Value::Array(ids)) => ids
                .into_iter()
                .filter_map(|id| id.as_str().map(str::to_owned))
                .collect(),
            Some(_) => {
                return Err(Reject::bad(
                    200_320,
                    "open_ids must be an array of open_id strings",
                ));
            }
        };
        let card = Value::Object(card);
        let size = card.to_string().len();
        if size > MAX_CARD_BYTES {
            return Err(Reject::bad(
                230_025,
                format!("card too long: {size} bytes > {MAX_CARD_BYTES}"),
            ));
        }
        check_card(&card, 11_311)?;
        let now = self.clock.now();
        let now_ms = self.now_ms();
        let mut inner = self.lock();
        let inner = &mut *inner;
        let message_id = match inner.callback_tokens.get(&token) {
            Some(entry) if entry.expires_at <= now => {
                return Err(Reject::bad(300_030, "token expired"));
            }
            Some(entry) if entry.uses_left == 0 => {
                return Err(Reject::bad(300_040, "token has been used up"));
            }
            Some(entry) => entry.message_id.clone(),
            None => return Err(Reject::bad(300_030, "token expired or unknown")),
        };
        let Some(&index) = inner.by_id.get(&message_id) else {
            return Err(Reject::bad(200_000, "message recalled"));
        };
        let exclusive = !is_shared(&inner.messages[index].card);
        if exclusive && open_ids.is_empty() {
            return Err(Reject::bad(
                300_090,
                "open_ids is required to update an exclusive card",
            ));
        }
        // "Must not be used for shared cards" (reference §3.6) names no code; 200320 (bad
        // open_ids) is the closest documented one (UNCONFIRMED). Refusing is the safe reading:
        // a bot tested here must not rely on per-user views of a shared card.
        if !exclusive && !open_ids.is_empty() {
            return Err(Reject::bad(
                200_320,
                "open_ids must not be used to update a shared card",
            ));
        }
        if let Some(entry) = inner.callback_tokens.get_mut(&token) {
            entry.uses_left -= 1;
        }
        let message = &mut inner.messages[index];
        if open_ids.is_empty() {
            message.card = card;
        } else {
            for open_id in open_ids {
                message.personal_cards.insert(open_id, card.clone());
            }
        }
        message.updates += 1;
        message.update_time = now_ms;
        inner.stats.cards_updated += 1;
        Ok(json!({}))
    }

    /// `POST /open-apis/bot/v2/hook/:token` (custom bot). Errors come back with HTTP 200, as
    /// the webhook's documented responses are bodies, not statuses.
    pub(crate) fn webhook(&self, hook_token: &str, body: &[u8]) -> OpResult {
        if body.len() > MAX_WEBHOOK_BYTES {
            return Err(Reject::new(400, 9499, "Bad Request"));
        }
        let request: Value =
            serde_json::from_slice(body).map_err(|_| Reject::new(400, 9499, "Bad Request"))?;
        let now = self.clock.now();
        {
            let inner = self.lock();
            let Some(hook) = inner.hooks.get(hook_token) else {
                return Err(Reject::new(
                    200,
                    19001,
                    "param invalid: incoming webhook access token invalid",
                ));
            };
            if let Some(secret) = &hook.secret {
                let timestamp = request["timestamp"]
                    .as_str()
                    .and_then(|ts| ts.parse::<u64>().ok());
                let sign = request["sign"].as_str().unwrap_or_default();
                let ok = timestamp.is_some_and(|ts| {
                    now.as_secs().abs_diff(ts) <= WEBHOOK_CLOCK_SKEW
                        && constant_time_eq(&webhook_sign(ts, secret.expose()), sign)
                });
                if !ok {
                    return Err(Reject::new(
                        200,
                        19021,
                        "sign match fail or timestamp is not within one hour from current time",
                    ));
                }
            }
        }
        let msg_type = request["msg_type"].as_str().unwrap_or_default().to_owned();
        if msg_type.is_empty() {
            return Err(Reject::new(200, 19002, "params error, msg_type need"));
        }
        let card = if msg_type == "interactive" {
            let card = request["card"].clone();
            if !card.is_object() {
                return Err(Reject::new(
                    400,
                    9499,
                    "Bad Request: card must be a JSON object",
                ));
            }
            // No code is documented for a bad webhook card (UNCONFIRMED); 9499 with the path.
            check_card(&card, 9499)?;
            card
        } else {
            request["content"].clone()
        };
        let now_ms = self.now_ms();
        let mut inner = self.lock();
        let inner = &mut *inner;
        let Some(hook) = inner.hooks.get_mut(hook_token) else {
            return Err(Reject::new(
                200,
                19001,
                "param invalid: incoming webhook access token invalid",
            ));
        };
        if admit_all(&mut [&mut hook.per_second, &mut hook.per_minute], now).is_err() {
            inner.stats.target_rate_limited += 1;
            return Err(Reject::new(200, 11232, "frequency limited"));
        }
        let chat_id = hook.chat_id.clone();
        let message = RecordedMessage {
            message_id: format!("om_{}", inner.next_hex()),
            chat_id,
            receive_id_type: "webhook".into(),
            receive_id: hook_token.to_owned(),
            msg_type,
            card,
            personal_cards: Default::default(),
            uuid: None,
            parent_id: None,
            root_id: None,
            thread_id: None,
            create_time: now_ms,
            update_time: now_ms,
            updates: 0,
        };
        inner
            .by_id
            .insert(message.message_id.clone(), inner.messages.len());
        inner.messages.push(message);
        inner.stats.messages_created += 1;
        Ok(json!({}))
    }
}

/// Compares signatures without an early exit, as a real server must (style guide §9).
fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
