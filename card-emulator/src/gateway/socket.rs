//! The HTTP side of the gateway: the bootstrap endpoint, the WebSocket upgrade with its
//! `Handshake-*` refusals, each connection's task, and the `/_emulator/ws/*` controls.

use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use card_runtime::ws::{AUTH_CONNECTION_LIMIT, Frame, METHOD_CONTROL, METHOD_DATA, keys};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{LongConnectionConfig, Out, SERVICE_ID, WsFault};
use crate::state::EmulatorState;

type AppState = State<Arc<EmulatorState>>;

/// Bootstrap code for wrong credentials. Which code Feishu answers is UNCONFIRMED (reference
/// A.2); any code other than 1 and 1000040343 is fatal to every SDK, which is what matters.
const CODE_BAD_CREDENTIALS: i64 = 1_000_040_344;
/// Bootstrap code "system busy" (retryable).
const CODE_BUSY: i64 = 1;

pub(crate) fn routes() -> Router<Arc<EmulatorState>> {
    Router::new()
        .route("/callback/ws/endpoint", post(bootstrap))
        .route("/ws/v2", get(upgrade))
        .route("/_emulator/ws/config", post(set_config).get(get_config))
        .route("/_emulator/ws/faults", post(inject))
        .route("/_emulator/ws/connections", get(connections))
        .route("/_emulator/messages/send", post(crate::user_message::send))
}

#[derive(Deserialize)]
struct Credentials {
    #[serde(rename = "AppID", default)]
    app_id: String,
    #[serde(rename = "AppSecret", default)]
    app_secret: String,
}

async fn bootstrap(State(state): AppState, headers: HeaderMap, body: Bytes) -> Response {
    let gateway = &state.gateway;
    let refuse = |code: i64, msg: &str| Json(json!({"code": code, "msg": msg})).into_response();
    if gateway
        .take_fault(|f| (*f == WsFault::BootstrapBusy).then_some(()))
        .is_some()
    {
        return refuse(CODE_BUSY, "system busy");
    }
    let Ok(credentials) = serde_json::from_slice::<Credentials>(&body) else {
        return refuse(CODE_BAD_CREDENTIALS, "invalid request body");
    };
    if credentials.app_id != state.app_id() || credentials.app_secret != state.app_secret() {
        return refuse(CODE_BAD_CREDENTIALS, "app id or app secret invalid");
    }
    // The WebSocket is served on the same address: echo the host the client reached us at.
    let host = headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1")
        .to_owned();
    let ticket = gateway.issue_ticket(&credentials.app_id);
    let device_id = 7_000_000_000_000_000_000u64 + u64::from(rand_u32());
    // `device_id` never first: the Node SDK parses the whole URL and would lose the first key.
    let url = format!(
        "ws://{host}/ws/v2?fpid=493&aid=552564&device_id={device_id}&access_key=emulator&service_id={SERVICE_ID}&ticket={ticket}"
    );
    let config = gateway.config().client_config();
    Json(json!({"code": 0, "msg": "ok", "data": {"URL": url, "ClientConfig": config}}))
        .into_response()
}

fn rand_u32() -> u32 {
    let bytes = uuid::Uuid::new_v4().into_bytes();
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

#[derive(Deserialize)]
struct Ticket {
    #[serde(default)]
    ticket: String,
}

fn refuse_handshake(status: i64, code: i64, msg: &str) -> Response {
    let mut response = StatusCode::FORBIDDEN.into_response();
    let headers = response.headers_mut();
    headers.insert("handshake-status", HeaderValue::from(status));
    headers.insert("handshake-autherrcode", HeaderValue::from(code));
    if let Ok(msg) = HeaderValue::from_str(msg) {
        headers.insert("handshake-msg", msg);
    }
    response
}

async fn upgrade(
    State(state): AppState,
    Query(ticket): Query<Ticket>,
    ws: WebSocketUpgrade,
) -> Response {
    let gateway = &state.gateway;
    let rejected = gateway.take_fault(|f| match f {
        WsFault::RejectHandshake { status, code, msg } => Some((*status, *code, msg.clone())),
        _ => None,
    });
    if let Some((status, code, msg)) = rejected {
        return refuse_handshake(status, code, &msg);
    }
    let Some(app_id) = gateway.redeem(&ticket.ticket) else {
        // An unknown or reused ticket: authentication failed, retryable (a fresh bootstrap
        // gives a fresh ticket).
        return refuse_handshake(514, 1_000_040_351, "invalid ticket");
    };
    let Some((id, rx)) = gateway.register(&app_id) else {
        return refuse_handshake(
            514,
            AUTH_CONNECTION_LIMIT,
            "the number of connections exceeded the limit",
        );
    };
    let state = Arc::clone(&state);
    ws.on_upgrade(move |socket| async move {
        serve(&state, socket, rx).await;
        state.gateway.unregister(id);
    })
}

async fn serve(
    state: &EmulatorState,
    mut socket: WebSocket,
    mut rx: tokio::sync::mpsc::UnboundedReceiver<Out>,
) {
    let mut muted = false;
    loop {
        tokio::select! {
            out = rx.recv() => match out {
                Some(Out::Frame(bytes)) if !muted => {
                    if socket.send(Message::Binary(bytes.into())).await.is_err() {
                        return;
                    }
                }
                Some(Out::Frame(_)) => {}
                Some(Out::Mute) => muted = true,
                // Dropping the socket closes TCP without a close frame.
                Some(Out::Drop) | None => return,
            },
            message = socket.recv() => {
                let bytes = match message {
                    // Muted, the connection still notices the client leaving, so a dead
                    // client is never picked for a delivery.
                    Some(Ok(Message::Binary(bytes))) if !muted => bytes,
                    Some(Ok(Message::Close(_)) | Err(_)) | None => return,
                    Some(Ok(_)) => continue,
                };
                let Ok(frame) = Frame::decode(&bytes) else {
                    tracing::warn!("gateway: undecodable frame from client");
                    continue;
                };
                match (frame.method, frame.header(keys::TYPE)) {
                    (METHOD_CONTROL, Some("ping")) => {
                        let config = state.gateway.config().client_config();
                        let pong = Frame {
                            payload: Some(config.to_string().into_bytes()),
                            ..Frame::control(SERVICE_ID, "pong")
                        };
                        if socket.send(Message::Binary(pong.encode().into())).await.is_err() {
                            return;
                        }
                    }
                    (METHOD_DATA, _) => {
                        if let Some(message_id) = frame.header(keys::MESSAGE_ID) {
                            state.gateway.answered(message_id, frame.payload.clone().unwrap_or_default());
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

async fn set_config(
    State(state): AppState,
    Json(config): Json<LongConnectionConfig>,
) -> Json<Value> {
    state.gateway.configure(config);
    Json(json!({"ok": true}))
}

async fn get_config(State(state): AppState) -> Json<LongConnectionConfig> {
    Json(state.gateway.config())
}

async fn inject(State(state): AppState, body: Bytes) -> Response {
    match serde_json::from_slice::<WsFault>(&body) {
        Ok(fault) => {
            state.gateway.inject(fault);
            Json(json!({"ok": true})).into_response()
        }
        Err(err) => (
            StatusCode::BAD_REQUEST,
            Json(json!({"msg": format!("invalid fault: {err}")})),
        )
            .into_response(),
    }
}

async fn connections(State(state): AppState) -> Json<Value> {
    Json(json!({"connections": state.gateway.connections(state.app_id())}))
}
