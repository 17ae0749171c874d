//! The emulator's routes beyond card messages: image upload, batch sends and their progress,
//! urgents, ephemeral cards and reactions; with `directory_routes` (contacts, chat members,
//! the `/_emulator/...` seeding and listing routes) registered in one router.
//!
//! Every Open API route checks the token and the per-app limits first and honours injected
//! faults, as the message routes do. Sources are cited at each operation.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::conn::Conn;
use crate::directory::{RecordedBatch, RecordedEphemeral, RecordedReaction, RecordedUrgent};
use crate::directory_routes::{
    batch_get_id, list_batches, list_ephemerals, list_images, list_reactions, list_urgents,
    members, seed_chat, seed_department, seed_user, serve_image, user,
};
use crate::images::MAX_UPLOAD_BODY;
use crate::ops::{MAX_CARD_BYTES, Reject, check_card, parse};
use crate::routes::{AppState, message_api, with_faults};
use crate::state::EmulatorState;

/// The most ids of one kind in a batch (reference §3.8), and users per app per day (11247).
const MAX_BATCH_IDS: usize = 200;
const BATCH_DAILY_QUOTA: u64 = 500_000;
/// Unread urgents one user may hold (230023).
const MAX_URGENTS_PER_USER: usize = 200;
/// Codes the documentation we could read does not pin down (UNCONFIRMED): a user id that
/// names nobody, a batch without receivers, an ephemeral card to a non-member. The emulator
/// answers them as the legacy APIs' "invalid parameter".
const CODE_INVALID_LEGACY: i64 = 10_002;

/// Every route of this module and of `directory_routes`.
pub(crate) fn router() -> Router<Arc<EmulatorState>> {
    Router::new()
        .route(
            "/open-apis/im/v1/images",
            post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY)),
        )
        .route(
            "/open-apis/contact/v3/users/batch_get_id",
            post(batch_get_id),
        )
        .route("/open-apis/contact/v3/users/{user_id}", get(user))
        .route("/open-apis/im/v1/chats/{chat_id}/members", get(members))
        .route("/open-apis/message/v4/batch_send/", post(batch_send))
        .route(
            "/open-apis/im/v1/batch_messages/{id}/get_progress",
            get(batch_progress),
        )
        .route(
            "/open-apis/im/v1/messages/{message_id}/{kind}",
            patch(urgent),
        )
        .route("/open-apis/ephemeral/v1/send", post(ephemeral_send))
        .route("/open-apis/ephemeral/v1/delete", post(ephemeral_delete))
        .route(
            "/open-apis/im/v1/messages/{message_id}/reactions",
            post(add_reaction),
        )
        .route(
            "/open-apis/im/v1/messages/{message_id}/reactions/{reaction_id}",
            axum::routing::delete(remove_reaction),
        )
        .route("/_emulator/users", post(seed_user))
        .route("/_emulator/departments", post(seed_department))
        .route("/_emulator/chats", post(seed_chat))
        .route("/_emulator/images", get(list_images))
        .route("/_emulator/images/{image_key}", get(serve_image))
        .route("/_emulator/batches", get(list_batches))
        .route("/_emulator/ephemeral", get(list_ephemerals))
        .route("/_emulator/urgents", get(list_urgents))
        .route("/_emulator/reactions", get(list_reactions))
}

/// Runs `op` as an Open API call: faults, token, per-app limits, then the operation.
pub(crate) async fn api(
    state: &EmulatorState,
    conn: &Conn,
    headers: &HeaderMap,
    op: impl FnOnce() -> Result<Value, Reject>,
) -> Response {
    with_faults(state, conn, || message_api(state, headers, op)).await
}

async fn upload(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    api(&state, &conn, &headers, || {
        state.upload_image(&content_type, &body)
    })
    .await
}

#[derive(Deserialize)]
struct BatchBody {
    msg_type: Option<String>,
    card: Option<Value>,
    #[serde(default)]
    open_ids: Vec<String>,
    #[serde(default)]
    user_ids: Vec<String>,
    #[serde(default)]
    union_ids: Vec<String>,
    #[serde(default)]
    department_ids: Vec<String>,
}

/// `POST /open-apis/message/v4/batch_send/` (reference §3.8): resolves every id against the
/// seeded users and departments; unknown ones are answered in `invalid_*`.
async fn batch_send(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    api(&state, &conn, &headers, || {
        let request: BatchBody = parse(&body, CODE_INVALID_LEGACY)?;
        if request.msg_type.as_deref() != Some("interactive") {
            return Err(Reject::bad(
                CODE_INVALID_LEGACY,
                "msg_type must be interactive",
            ));
        }
        let card = request
            .card
            .filter(Value::is_object)
            .ok_or_else(|| Reject::bad(CODE_INVALID_LEGACY, "card must be an object"))?;
        let size = serde_json::to_vec(&card).map_or(0, |bytes| bytes.len());
        if size > MAX_CARD_BYTES {
            return Err(Reject::bad(230_025, format!("card too long: {size} bytes")));
        }
        check_card(&card, 230_099)?;
        let lists = [
            ("open_ids", "open_id", &request.open_ids),
            ("user_ids", "user_id", &request.user_ids),
            ("union_ids", "union_id", &request.union_ids),
            ("department_ids", "", &request.department_ids),
        ];
        if lists.iter().all(|(_, _, ids)| ids.is_empty()) {
            return Err(Reject::bad(
                CODE_INVALID_LEGACY,
                "no receivers: open_ids, user_ids, union_ids and department_ids are all empty",
            ));
        }
        if let Some((name, _, _)) = lists.iter().find(|(_, _, ids)| ids.len() > MAX_BATCH_IDS) {
            return Err(Reject::bad(
                CODE_INVALID_LEGACY,
                format!("{name}: more than {MAX_BATCH_IDS}"),
            ));
        }
        let mut dir = state.directory();
        let mut recipients = Vec::new();
        let mut seen = HashSet::new();
        let mut invalid: HashMap<String, Vec<String>> = HashMap::new();
        for (name, kind, ids) in lists {
            for id in ids {
                let resolved: Option<Vec<String>> = if kind.is_empty() {
                    dir.departments.get(id).cloned()
                } else {
                    dir.user(kind, id).map(|user| vec![user.open_id.clone()])
                };
                match resolved {
                    Some(open_ids) => {
                        for open_id in open_ids {
                            if seen.insert(open_id.clone()) {
                                recipients.push(open_id);
                            }
                        }
                    }
                    None => invalid.entry(name.to_owned()).or_default().push(id.clone()),
                }
            }
        }
        let today = state.now_ms() / 86_400_000;
        if dir.batch_day.0 != today {
            dir.batch_day = (today, 0);
        }
        if dir.batch_day.1 + recipients.len() as u64 > BATCH_DAILY_QUOTA {
            return Err(Reject::bad(11_247, "batch send daily quota exceeded"));
        }
        dir.batch_day.1 += recipients.len() as u64;
        let message_id = format!("bm-{}", state.lock().next_hex());
        let mut data = json!({ "message_id": message_id });
        for (name, ids) in &invalid {
            data[format!("invalid_{name}")] = json!(ids);
        }
        dir.batches.insert(
            message_id.clone(),
            RecordedBatch {
                message_id,
                card,
                recipients,
                invalid,
            },
        );
        Ok(data)
    })
    .await
}

/// `GET /open-apis/im/v1/batch_messages/:id/get_progress`: the emulator delivers at once.
async fn batch_progress(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    api(&state, &conn, &headers, || {
        let dir = state.directory();
        let batch = dir
            .batches
            .get(&id)
            .ok_or_else(|| Reject::bad(230_001, format!("no batch message `{id}`")))?;
        let count = batch.recipients.len();
        Ok(json!({
            "batch_message_send_progress": {
                "valid_user_ids_count": count, "success_user_ids_count": count, "read_user_ids_count": 0,
            },
            "batch_message_recall_progress": {"recall": false, "recall_count": 0},
        }))
    })
    .await
}

/// `PATCH /open-apis/im/v1/messages/:id/urgent_app|urgent_sms|urgent_phone` (reference §3.9).
async fn urgent(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    Path((message_id, kind)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    #[derive(Deserialize)]
    struct Body {
        #[serde(default)]
        user_id_list: Vec<String>,
    }
    if !matches!(kind.as_str(), "urgent_app" | "urgent_sms" | "urgent_phone") {
        return StatusCode::NOT_FOUND.into_response();
    }
    api(&state, &conn, &headers, || {
        let request: Body = parse(&body, 230_001)?;
        if request.user_id_list.is_empty() {
            return Err(Reject::bad(230_001, "user_id_list is required"));
        }
        if message_id.starts_with("bm-") || state.message(&message_id).is_none() {
            return Err(Reject::bad(
                230_001,
                format!("`{message_id}` is not a message this bot sent"),
            ));
        }
        let mut dir = state.directory();
        let (valid, invalid): (Vec<String>, Vec<String>) = request
            .user_id_list
            .into_iter()
            .partition(|id| dir.user("open_id", id).is_some());
        for id in &valid {
            let held = dir
                .urgents
                .iter()
                .filter(|u| u.open_ids.contains(id))
                .count();
            if held >= MAX_URGENTS_PER_USER {
                return Err(Reject::bad(
                    230_023,
                    format!("{id} holds {held} unread urgents"),
                ));
            }
        }
        if !valid.is_empty() {
            dir.add_urgent(RecordedUrgent {
                message_id: message_id.clone(),
                kind: kind.clone(),
                open_ids: valid,
            });
        }
        Ok(json!({ "invalid_user_id_list": invalid }))
    })
    .await
}

/// `POST /open-apis/ephemeral/v1/send` (reference §3.7): the chat must be seeded and the user
/// one of its members.
async fn ephemeral_send(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    #[derive(Deserialize)]
    struct Body {
        chat_id: Option<String>,
        open_id: Option<String>,
        user_id: Option<String>,
        email: Option<String>,
        msg_type: Option<String>,
        card: Option<Value>,
    }
    api(&state, &conn, &headers, || {
        let request: Body = parse(&body, CODE_INVALID_LEGACY)?;
        if request.msg_type.as_deref() != Some("interactive") {
            return Err(Reject::bad(
                CODE_INVALID_LEGACY,
                "msg_type must be interactive",
            ));
        }
        let card = request
            .card
            .filter(Value::is_object)
            .ok_or_else(|| Reject::bad(CODE_INVALID_LEGACY, "card must be an object"))?;
        check_card(&card, 230_099)?;
        let chat_id = request.chat_id.unwrap_or_default();
        // Precedence open_id > user_id > email, as documented.
        let (kind, id) = match (request.open_id, request.user_id, request.email) {
            (Some(id), _, _) => ("open_id", id),
            (None, Some(id), _) => ("user_id", id),
            (None, None, Some(id)) => ("email", id),
            _ => {
                return Err(Reject::bad(
                    CODE_INVALID_LEGACY,
                    "one of open_id, user_id, email is required",
                ));
            }
        };
        let mut dir = state.directory();
        let open_id = match kind {
            "open_id" => id,
            _ => dir
                .user(kind, &id)
                .map(|user| user.open_id.clone())
                .ok_or_else(|| {
                    Reject::bad(CODE_INVALID_LEGACY, format!("no user with {kind} `{id}`"))
                })?,
        };
        let chat = dir
            .chats
            .get(&chat_id)
            .ok_or_else(|| Reject::bad(230_002, format!("the bot is not in chat `{chat_id}`")))?;
        if !chat.members.contains(&open_id) {
            return Err(Reject::bad(
                CODE_INVALID_LEGACY,
                format!("user `{open_id}` is not a member of `{chat_id}`"),
            ));
        }
        let message_id = format!("om_eph_{}", state.lock().next_hex());
        dir.ephemerals.insert(
            message_id.clone(),
            RecordedEphemeral {
                message_id: message_id.clone(),
                chat_id,
                open_id,
                card,
                deleted: false,
            },
        );
        Ok(json!({ "message_id": message_id }))
    })
    .await
}

/// `POST /open-apis/ephemeral/v1/delete`: 18051 when already deleted.
async fn ephemeral_delete(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    #[derive(Deserialize)]
    struct Body {
        message_id: String,
    }
    api(&state, &conn, &headers, || {
        let request: Body = parse(&body, CODE_INVALID_LEGACY)?;
        let mut dir = state.directory();
        let card = dir
            .ephemerals
            .get_mut(&request.message_id)
            .ok_or_else(|| Reject::bad(CODE_INVALID_LEGACY, "no such ephemeral card"))?;
        if card.deleted {
            return Err(Reject::bad(
                18_051,
                "the ephemeral card was already deleted",
            ));
        }
        card.deleted = true;
        Ok(json!({}))
    })
    .await
}

/// `POST /open-apis/im/v1/messages/:id/reactions`.
async fn add_reaction(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    Path(message_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    api(&state, &conn, &headers, || {
        let request: Value = parse(&body, 231_001)?;
        let emoji = request["reaction_type"]["emoji_type"]
            .as_str()
            .filter(|emoji| {
                !emoji.is_empty() && emoji.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            })
            .ok_or_else(|| Reject::bad(231_001, "reaction type is invalid"))?
            .to_owned();
        if state.message(&message_id).is_none() {
            return Err(Reject::bad(231_003, "The message is not found"));
        }
        let reaction_id = format!("rc_{}", state.lock().next_hex());
        state.directory().reactions.insert(
            reaction_id.clone(),
            RecordedReaction {
                reaction_id: reaction_id.clone(),
                message_id,
                emoji_type: emoji.clone(),
            },
        );
        Ok(json!({
            "reaction_id": reaction_id,
            "operator": {"operator_id": state.app_id(), "operator_type": "app"},
            "action_time": state.now_ms().to_string(),
            "reaction_type": {"emoji_type": emoji},
        }))
    })
    .await
}

/// `DELETE /open-apis/im/v1/messages/:id/reactions/:reaction_id`.
async fn remove_reaction(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    Path((message_id, reaction_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    api(&state, &conn, &headers, || {
        let mut dir = state.directory();
        match dir.reactions.get(&reaction_id) {
            Some(reaction) if reaction.message_id == message_id => {
                let reaction = dir.reactions.remove(&reaction_id);
                Ok(json!({ "reaction_id": reaction_id, "reaction_type": {"emoji_type": reaction.map(|r| r.emoji_type)} }))
            }
            _ => Err(Reject::bad(231_003, "The reaction is not found")),
        }
    })
    .await
}
