//! CardKit's HTTP surface: the `/open-apis/cardkit/v1` paths (reference B.2) and the
//! `/_emulator/cards` inspection routes.

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post, put};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::cardkit_edit::Edit;
use crate::conn::Conn;
use crate::openapi::api;
use crate::ops::Reject;
use crate::routes::{AppState, bad_request};
use crate::state::EmulatorState;

const BASE: &str = "/open-apis/cardkit/v1/cards";

/// Every CardKit route.
pub(crate) fn router() -> Router<Arc<EmulatorState>> {
    Router::new()
        .route(BASE, post(create))
        .route(&format!("{BASE}/id_convert"), post(id_convert))
        .route(&format!("{BASE}/{{card_id}}"), put(update))
        .route(&format!("{BASE}/{{card_id}}/settings"), patch(settings))
        .route(
            &format!("{BASE}/{{card_id}}/batch_update"),
            post(batch_update),
        )
        .route(&format!("{BASE}/{{card_id}}/elements"), post(add_elements))
        .route(
            &format!("{BASE}/{{card_id}}/elements/{{element_id}}"),
            put(update_element)
                .patch(patch_element)
                .delete(delete_element),
        )
        .route(
            &format!("{BASE}/{{card_id}}/elements/{{element_id}}/content"),
            put(content),
        )
        .route("/_emulator/cards/{card_id}", get(inspect))
        .route("/_emulator/cards/{card_id}/interaction", post(interaction))
}

/// The write's body as JSON, or a 10002 before the entity is looked at.
fn body_json(body: &[u8]) -> Result<Value, Reject> {
    crate::ops::parse(body, 10_002)
}

/// Runs a write with the edit `make` parses from the body.
async fn write(
    state: &EmulatorState,
    conn: &Conn,
    headers: &HeaderMap,
    card_id: &str,
    body: &[u8],
    make: impl FnOnce(&Value) -> Result<Edit, Reject>,
) -> Response {
    api(state, conn, headers, || {
        body_json(body)?;
        // Tokens are per app and the emulator serves one app: the caller is that app.
        state.card_write(&state.app_id, card_id, body, make)
    })
    .await
}

async fn create(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    api(&state, &conn, &headers, || {
        state.create_card_entity(&state.app_id, &body)
    })
    .await
}

async fn id_convert(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    api(&state, &conn, &headers, || state.convert_card_id(&body)).await
}

async fn update(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    Path(card_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    write(&state, &conn, &headers, &card_id, &body, Edit::replace).await
}

async fn settings(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    Path(card_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    write(&state, &conn, &headers, &card_id, &body, Edit::settings).await
}

async fn batch_update(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    Path(card_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    write(&state, &conn, &headers, &card_id, &body, Edit::batch).await
}

async fn add_elements(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    Path(card_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    write(&state, &conn, &headers, &card_id, &body, Edit::add).await
}

async fn update_element(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    Path((card_id, element_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    write(&state, &conn, &headers, &card_id, &body, |body| {
        Edit::update_element(&element_id, body)
    })
    .await
}

async fn patch_element(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    Path((card_id, element_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    write(&state, &conn, &headers, &card_id, &body, |body| {
        Edit::patch_element(&element_id, body)
    })
    .await
}

async fn delete_element(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    Path((card_id, element_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    // DELETE carries a JSON body with the sequence (reference B.6 point 9).
    write(&state, &conn, &headers, &card_id, &body, |_| {
        Ok(Edit::Delete(vec![element_id.clone()]))
    })
    .await
}

async fn content(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    Path((card_id, element_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    write(&state, &conn, &headers, &card_id, &body, |body| {
        Edit::content(&element_id, body)
    })
    .await
}

async fn inspect(State(state): AppState, Path(card_id): Path<String>) -> Response {
    match state.card_entity(&card_id) {
        Some(entity) => Json(entity).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({"error": "no such card entity"})),
        )
            .into_response(),
    }
}

/// `POST /_emulator/cards/{card_id}/interaction {"seconds": n}`: a click being handled.
async fn interaction(State(state): AppState, Path(card_id): Path<String>, body: Bytes) -> Response {
    #[derive(Deserialize)]
    struct Hold {
        seconds: f64,
    }
    match serde_json::from_slice::<Hold>(&body)
        .map(|hold| Duration::try_from_secs_f64(hold.seconds))
    {
        Ok(Ok(duration)) if state.hold_card_interaction(&card_id, duration) => {
            Json(json!({"ok": true})).into_response()
        }
        Ok(Ok(_)) => (
            StatusCode::NOT_FOUND,
            Json(json!({"error": "no such card entity"})),
        )
            .into_response(),
        Ok(Err(_)) => bad_request("`seconds` must be a finite, non-negative number".into()),
        Err(err) => bad_request(format!("expected {{\"seconds\": n}}: {err}")),
    }
}
