//! The directory's routes: users and chat members as the contact and chat APIs answer them,
//! and the `/_emulator/...` routes that seed users, departments and chats and list what the
//! Open API routes recorded.
//!
//! - `GET /open-apis/contact/v3/users/:user_id`
//!   (<https://open.feishu.cn/document/server-docs/contact-v3/user/get>)
//! - `POST /open-apis/contact/v3/users/batch_get_id`
//!   (<https://open.feishu.cn/document/server-docs/contact-v3/user/batch_get_id>)
//! - `GET /open-apis/im/v1/chats/:chat_id/members`
//!   (<https://open.feishu.cn/document/server-docs/group/chat-member/get>)

use axum::Json;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::conn::Conn;
use crate::directory::DirectoryUser;
use crate::openapi::api;
use crate::ops::{Reject, parse};
use crate::routes::{AppState, bad_request, query_param};

/// A user the contact API does not know (UNCONFIRMED: the contact API's "not found").
const CODE_NO_USER: i64 = 41_050;
/// The bot is not in the chat (chat-member API).
const CODE_NOT_IN_CHAT: i64 = 232_011;

/// `GET /open-apis/contact/v3/users/:user_id?user_id_type=…` (default `open_id`).
pub(crate) async fn user(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    Path(user_id): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    api(&state, &conn, &headers, || {
        let kind = query_param(&query, "user_id_type").unwrap_or("open_id");
        if !matches!(kind, "open_id" | "union_id" | "user_id") {
            return Err(Reject::bad(
                40_001,
                format!("invalid user_id_type `{kind}`"),
            ));
        }
        let dir = state.directory();
        let user = dir
            .user(kind, &user_id)
            .ok_or_else(|| Reject::bad(CODE_NO_USER, format!("no user with {kind} `{user_id}`")))?;
        Ok(json!({ "user": user.to_json() }))
    })
    .await
}

/// `POST /open-apis/contact/v3/users/batch_get_id`: at most 50 emails; unknown ones come back
/// without a `user_id`.
pub(crate) async fn batch_get_id(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    #[derive(Deserialize)]
    struct Lookup {
        #[serde(default)]
        emails: Vec<String>,
    }
    api(&state, &conn, &headers, || {
        let kind = query_param(&query, "user_id_type").unwrap_or("open_id");
        let lookup: Lookup = parse(&body, 40_001)?;
        if lookup.emails.len() > 50 {
            return Err(Reject::bad(40_001, "at most 50 emails"));
        }
        let dir = state.directory();
        let list: Vec<Value> = lookup
            .emails
            .iter()
            .map(|email| match dir.user("email", email) {
                Some(user) => {
                    let id = match kind {
                        "union_id" => &user.union_id,
                        "user_id" => &user.user_id,
                        _ => &user.open_id,
                    };
                    json!({ "email": email, "user_id": id })
                }
                None => json!({ "email": email }),
            })
            .collect();
        Ok(json!({ "user_list": list }))
    })
    .await
}

/// `GET /open-apis/im/v1/chats/:chat_id/members`, paged by `page_size` (≤ 100) and an
/// offset `page_token`.
pub(crate) async fn members(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    Path(chat_id): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    api(&state, &conn, &headers, || {
        let size: usize = query_param(&query, "page_size")
            .and_then(|s| s.parse().ok())
            .unwrap_or(20)
            .clamp(1, 100);
        let start: usize = match query_param(&query, "page_token") {
            None => 0,
            Some(token) => token
                .parse()
                .map_err(|_| Reject::bad(232_001, "invalid page_token"))?,
        };
        let dir = state.directory();
        let chat = dir
            .chats
            .get(&chat_id)
            .ok_or_else(|| Reject::bad(CODE_NOT_IN_CHAT, "The operator is NOT in the chat"))?;
        let page: Vec<Value> = chat
            .members
            .iter()
            .skip(start)
            .take(size)
            .map(|open_id| {
                let name = dir.user("open_id", open_id).map(|u| u.name.clone()).unwrap_or_default();
                json!({"member_id_type": "open_id", "member_id": open_id, "name": name, "tenant_key": "emulator"})
            })
            .collect();
        let end = start + page.len();
        let has_more = end < chat.members.len();
        Ok(json!({
            "items": page,
            "page_token": if has_more { end.to_string() } else { String::new() },
            "has_more": has_more,
            "member_total": chat.members.len(),
        }))
    })
    .await
}

pub(crate) async fn seed_user(State(state): AppState, body: Bytes) -> Response {
    match serde_json::from_slice::<DirectoryUser>(&body) {
        Ok(user) if user.open_id.starts_with("ou_") => {
            let defaults = DirectoryUser::new(user.open_id.clone());
            let user = DirectoryUser {
                union_id: if user.union_id.is_empty() {
                    defaults.union_id
                } else {
                    user.union_id
                },
                user_id: if user.user_id.is_empty() {
                    defaults.user_id
                } else {
                    user.user_id
                },
                ..user
            };
            state.seed_user(user);
            Json(json!({"ok": true})).into_response()
        }
        Ok(_) => bad_request("open_id must start with `ou_`".into()),
        Err(err) => bad_request(format!("expected a user: {err}")),
    }
}

#[derive(Deserialize)]
struct Group {
    #[serde(alias = "department_id", alias = "chat_id")]
    id: String,
    members: Vec<String>,
}

pub(crate) async fn seed_department(State(state): AppState, body: Bytes) -> Response {
    match serde_json::from_slice::<Group>(&body) {
        Ok(group) => {
            state.seed_department(&group.id, group.members);
            Json(json!({"ok": true})).into_response()
        }
        Err(err) => bad_request(format!(
            "expected {{\"department_id\", \"members\"}}: {err}"
        )),
    }
}

pub(crate) async fn seed_chat(State(state): AppState, body: Bytes) -> Response {
    match serde_json::from_slice::<Group>(&body) {
        Ok(group) => {
            state.seed_chat(&group.id, group.members);
            Json(json!({"ok": true})).into_response()
        }
        Err(err) => bad_request(format!("expected {{\"chat_id\", \"members\"}}: {err}")),
    }
}

pub(crate) async fn list_images(State(state): AppState) -> Response {
    Json(json!({ "images": state.images() })).into_response()
}

/// The stored bytes with their media type, for previews and tests.
pub(crate) async fn serve_image(State(state): AppState, Path(image_key): Path<String>) -> Response {
    match state.image(&image_key) {
        Some((mime, bytes)) => ([(header::CONTENT_TYPE, mime)], bytes).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({"error": "no such image"})),
        )
            .into_response(),
    }
}

pub(crate) async fn list_batches(State(state): AppState) -> Response {
    Json(json!({ "batches": state.batches() })).into_response()
}

pub(crate) async fn list_ephemerals(State(state): AppState) -> Response {
    Json(json!({ "ephemeral": state.ephemerals() })).into_response()
}

pub(crate) async fn list_urgents(State(state): AppState) -> Response {
    Json(json!({ "urgents": state.urgents() })).into_response()
}

pub(crate) async fn list_reactions(State(state): AppState) -> Response {
    Json(json!({ "reactions": state.reactions() })).into_response()
}
