//! What each emulated Open API operation does to the state, independent of HTTP.
//!
//! Checks run in this order: token, per-app limits, body shape, content, size, schema, `uuid`
//! dedupe, per-target limit, then the effect. Error codes follow reference §3.11 / §3.6 / §5;
//! where the reference documents no code for a case the emulator uses 230001 (invalid
//! parameter) and says so in the message.

use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::state::{EmulatorState, Inner};
use crate::store::{FirstAnswer, Head, Stored};
use crate::window::admit;

/// Cards in im/v1 content and delayed updates: 30 KB (reference §3.2, §3.5), counted in bytes
/// of the JSON text as sent.
pub(crate) const MAX_CARD_BYTES: usize = 30_000;
/// The largest text message content (im-v1/message/create).
pub(crate) const MAX_TEXT_BYTES: usize = 150 * 1024;
/// `uuid`: at most 50 characters (§3.2).
const MAX_UUID_CHARS: usize = 50;
/// PATCH only within 14 days of sending (§3.5, 230031).
const UPDATE_WINDOW: Duration = Duration::from_secs(14 * 24 * 3600);

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

    pub(crate) fn bad(code: i64, msg: impl Into<String>) -> Self {
        Self::new(400, code, msg)
    }
}

type OpResult = Result<Value, Reject>;

pub(crate) fn parse<T: for<'de> Deserialize<'de>>(body: &[u8], code: i64) -> Result<T, Reject> {
    serde_json::from_slice(body)
        .map_err(|err| Reject::bad(code, format!("invalid request body: {err}")))
}

fn is_shared(card: &Value) -> bool {
    card["schema"] == "2.0" || card["config"]["update_multi"] == Value::Bool(true)
}

/// Sub-code of a 1.0 card over a 2.0 one (reference §2.4 rule 10, §6.6).
pub(crate) const ERR_DOWNGRADE: i64 = 200_830;

/// Whether replacing `sent` with `update` would turn a 2.0 card into a 1.0 one, which Feishu
/// refuses (a template's version is the template's business, not the request's).
pub(crate) fn is_downgrade(sent: &Value, update: &Value) -> bool {
    sent["schema"] == "2.0" && update["schema"] != "2.0" && update["type"] != "template"
}

/// Refuses a 1.0 update of a 2.0 card with the update API's card-content `code`. Only the
/// callback answer's code (200830) is documented; the update APIs' is UNCONFIRMED, so the
/// message carries 200830 as the sub-code the way the send API reports card findings.
fn no_downgrade(sent: &Value, update: &Value, code: i64) -> Result<(), Reject> {
    if is_downgrade(sent, update) {
        return Err(Reject::bad(
            code,
            format!(
                "Failed to update card content, ext=ErrCode: {ERR_DOWNGRADE}; ErrMsg: the card was sent as card JSON 2.0 and can only be updated with a 2.0 card (\"schema\": \"2.0\")"
            ),
        ));
    }
    Ok(())
}

/// Checks a card the way the send API does, returning Feishu's 230099 message on failure.
///
/// `card_schema::validate` is the card specification itself (the reference's component
/// tables as data), not client code: the client's `card!` macro and `Card` are built on it,
/// but the emulator asks the spec directly, as Feishu checks against its own schema.
pub(crate) fn check_card(card: &Value, code: i64) -> Result<(), Reject> {
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
    // Text may be 150 KB, cards and posts 30 KB (im-v1/message/create, code 230025).
    let limit = match msg_type {
        "text" => MAX_TEXT_BYTES,
        _ => MAX_CARD_BYTES,
    };
    if content.len() > limit && matches!(msg_type, "interactive" | "text" | "post") {
        return Err(Reject::bad(
            230025,
            format!(
                "message content too long: {} bytes > {limit}",
                content.len()
            ),
        ));
    }
    let card: Value = serde_json::from_str(content).map_err(|err| {
        Reject::bad(230099, format!("Failed to create card content, ext=ErrCode: 200621; ErrMsg: card JSON parse error: {err}"))
    })?;
    // A CardKit entity (`{"type":"card","data":{"card_id"}}`) was checked when it was
    // created; sending binds it (`bind_card_entity`).
    if msg_type == "interactive" && card["type"] != "card" {
        check_card(&card, 230099)?;
    }
    // Text content is `{"text": "..."}`, post content one object per language.
    let shape_ok = match msg_type {
        "text" => card.get("text").is_some_and(Value::is_string),
        "image" => card.get("image_key").is_some_and(Value::is_string),
        "post" => card.as_object().is_some_and(|langs| {
            !langs.is_empty()
                && langs
                    .values()
                    .all(|post| post.get("content").is_some_and(Value::is_array))
        }),
        _ => true,
    };
    if !shape_ok {
        return Err(Reject::bad(
            230001,
            format!("invalid parameter: content is not a {msg_type} message"),
        ));
    }
    Ok(card)
}

fn target_limited(inner: &mut Inner, key: &str, limit: u32, now: Duration) -> Result<(), Reject> {
    inner.targets.admit(key, limit, now).map_err(|_| {
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

/// The send API's `data`: the message as created (an idempotent repeat gets the same).
fn message_json(head: &Head, card: &str, app_id: &str) -> Value {
    json!({
        "message_id": head.message_id,
        "root_id": head.root_id,
        "parent_id": head.parent_id,
        "thread_id": head.thread_id,
        "msg_type": head.msg_type,
        "create_time": head.create_time.to_string(),
        "update_time": head.create_time.to_string(),
        "deleted": false,
        "updated": false,
        "chat_id": head.chat_id,
        "sender": {"id": app_id, "id_type": "app_id", "sender_type": "app", "tenant_key": "emulator"},
        "body": {"content": card},
    })
}

impl EmulatorState {
    /// The per-app windows every message API call counts against.
    pub(crate) fn admit_app(&self) -> Result<(), Reject> {
        let now = self.clock.now();
        let mut inner = self.lock();
        let inner = &mut *inner;
        let mut windows = [&mut inner.app_second, &mut inner.app_minute];
        let Err(full) = admit(&mut windows, now) else {
            return Ok(());
        };
        let limit = windows[full.index].limit();
        inner.stats.app_rate_limited += 1;
        let wait = full.frees_at.saturating_sub(now);
        // Whole seconds, rounded up, as the header is documented in seconds.
        let reset = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        Err(Reject {
            limit: Some(limit),
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
            // Entries are inserted in time order (the clock is read under this lock's
            // neighbour, so out of order by microseconds at most): the oldest expire first.
            inner
                .uuids
                .expire_while(|first| first.at.saturating_add(uuid_window) <= now);
            if let Some(first) = inner.uuids.get(uuid) {
                if first.at.saturating_add(uuid_window) > now {
                    let data = message_json(&first.head, &first.card, &self.app_id);
                    inner.stats.duplicates_suppressed += 1;
                    return Ok(data);
                }
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
                let Some(parent) = inner.messages.get(parent_id) else {
                    return Err(Reject::bad(
                        230001,
                        format!("invalid parameter: message `{parent_id}` not found"),
                    ));
                };
                let (chat, root, thread) = (
                    parent.head.chat_id.clone(),
                    parent.head.root_id.clone(),
                    parent.head.thread_id.clone(),
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
            &format!("chat:{chat_id}"),
            self.limits.per_chat_per_second,
            now,
        )?;
        let head = Head {
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
            uuid: request.uuid.clone(),
            parent_id,
            root_id,
            thread_id,
            create_time: now_ms,
        };
        if head.msg_type == "interactive" && card["type"] == "card" {
            let card_id = card["data"]["card_id"].as_str().unwrap_or_default();
            self.bind_card_entity(card_id, &head.message_id)?;
        }
        let card: Arc<str> = card.to_string().into();
        let data = message_json(&head, &card, &self.app_id);
        let stored = Stored::new(head, card);
        if let Some(uuid) = request.uuid {
            let first = FirstAnswer {
                at: now,
                head: Arc::clone(&stored.head),
                card: Arc::clone(&stored.card),
            };
            inner.stats.uuids_evicted += inner.uuids.insert(uuid, first);
        }
        inner.record(stored);
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
        let Some(message) = inner.messages.get(message_id) else {
            return Err(Reject::bad(
                230001,
                format!("invalid parameter: message `{message_id}` not found"),
            ));
        };
        // Only the identity that sent a card may PATCH it (§3.5), and a custom bot's cards
        // cannot be updated at all (§5); no code is documented for either (UNCONFIRMED).
        if message.head.receive_id_type == "webhook" {
            return Err(Reject::bad(
                230001,
                "invalid parameter: the message was sent by a custom bot, not by this app; UNCONFIRMED code",
            ));
        }
        let sent = crate::state::card_value(&message.card);
        if !is_shared(&sent) {
            return Err(Reject::bad(
                230001,
                "invalid parameter: the sent card is not shared (config.update_multi); UNCONFIRMED code",
            ));
        }
        no_downgrade(&sent, &card, 230_099)?;
        if Duration::from_millis(now_ms.saturating_sub(message.head.create_time)) > UPDATE_WINDOW {
            return Err(Reject::bad(
                230031,
                "The message can only be updated within 14 days",
            ));
        }
        target_limited(
            inner,
            &format!("msg:{message_id}"),
            self.limits.per_message_per_second,
            now,
        )?;
        let Some(message) = inner.messages.get_mut(message_id) else {
            return Err(Reject::bad(230_011, "message recalled"));
        };
        message.card = card.to_string().into();
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
        let Some(message) = inner.messages.get(&message_id) else {
            return Err(Reject::bad(200_000, "message recalled"));
        };
        let sent = crate::state::card_value(&message.card);
        no_downgrade(&sent, &card, 11_311)?;
        let exclusive = !is_shared(&sent);
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
        let Some(message) = inner.messages.get_mut(&message_id) else {
            return Err(Reject::bad(200_000, "message recalled"));
        };
        let card: Arc<str> = card.to_string().into();
        if open_ids.is_empty() {
            message.card = card;
        } else {
            for open_id in open_ids {
                message.personal_cards.insert(open_id, Arc::clone(&card));
            }
        }
        message.updates += 1;
        message.update_time = now_ms;
        inner.stats.cards_updated += 1;
        Ok(json!({}))
    }
}
