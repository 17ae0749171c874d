//! The emulator's HTTP surface: Feishu's Open API paths and the `/_emulator` inspection API.

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::conn::Conn;
use crate::faults::{self, Fault};
use crate::ops::Reject;
use crate::state::EmulatorState;

pub(crate) type AppState = State<Arc<EmulatorState>>;

/// Every built-in route.
pub(crate) fn router() -> Router<Arc<EmulatorState>> {
    Router::new()
        .route(
            "/open-apis/auth/v3/tenant_access_token/internal",
            post(tenant_token),
        )
        .route("/open-apis/im/v1/messages", post(send))
        .route("/open-apis/im/v1/messages/{message_id}", patch(update))
        .route("/open-apis/im/v1/messages/{message_id}/reply", post(reply))
        .route("/open-apis/interactive/v1/card/update", post(delay_update))
        .route("/open-apis/bot/v2/hook/{token}", post(webhook))
        .route("/_emulator/messages", get(list_messages))
        .route("/_emulator/messages/{message_id}", get(get_message))
        .route(
            "/_emulator/messages/{message_id}/callback_token",
            post(callback_token),
        )
        .route("/_emulator/stats", get(stats))
        .route("/_emulator/clock/advance", post(advance_clock))
        .route("/_emulator/faults", post(faults))
        .merge(crate::openapi::router())
        .merge(crate::gateway::routes())
        .merge(crate::cardkit_routes::router())
}

pub(crate) fn log_id() -> String {
    format!("emu{}", uuid::Uuid::new_v4().simple())
}

pub(crate) fn with_log_id(mut response: Response, log_id: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(log_id) {
        response.headers_mut().insert("x-tt-logid", value);
    }
    response
}

/// `{"code":0,"msg":"success","data":{..}}`.
pub(crate) fn ok(data: Value) -> Response {
    with_log_id(
        Json(json!({"code": 0, "msg": "success", "data": data})).into_response(),
        &log_id(),
    )
}

pub(crate) fn reject(reject: Reject) -> Response {
    let log_id = log_id();
    let status = StatusCode::from_u16(reject.status).unwrap_or(StatusCode::BAD_REQUEST);
    let body = json!({
        "code": reject.code,
        "msg": reject.msg,
        "error": {"log_id": log_id, "troubleshooter": format!("https://open.feishu.cn/search?log_id={log_id}")},
    });
    let mut response = (status, Json(body)).into_response();
    if let Some(limit) = reject.limit {
        response
            .headers_mut()
            .insert("x-ogw-ratelimit-limit", HeaderValue::from(limit));
    }
    if let Some(reset) = reject.reset_secs {
        response
            .headers_mut()
            .insert("x-ogw-ratelimit-reset", HeaderValue::from(reset));
    }
    with_log_id(response, &log_id)
}

/// Applies the pending fault (if any) around one Open API operation.
pub(crate) async fn with_faults(
    state: &EmulatorState,
    conn: &Conn,
    op: impl FnOnce() -> Response,
) -> Response {
    let fault = state.take_fault();
    if let Some(fault) = fault.filter(|fault| fault.skips_processing()) {
        return unprocessed(state, fault).await;
    }
    let response = op();
    match fault {
        Some(Fault::Drop) => {
            conn.cut();
            response
        }
        Some(Fault::Delay(delay)) => {
            tokio::time::sleep(delay).await;
            response
        }
        Some(Fault::TruncatedAfter) => faults::truncated(response).await,
        Some(Fault::Slow(over)) => faults::slow(response, over).await,
        _ => response,
    }
}

/// The answer to a call a fault keeps from being processed.
async fn unprocessed(state: &EmulatorState, fault: Fault) -> Response {
    match fault {
        Fault::Fail { status } => reject(Reject::new(status, 1, "emulated internal server error")),
        Fault::RateLimited { reset_secs } => reject(Reject {
            limit: Some(state.limits.app_per_second),
            reset_secs: Some(reset_secs),
            ..Reject::new(429, 99_991_400, "request trigger frequency limit")
        }),
        Fault::Code { code } => reject(Reject::new(
            200,
            code,
            format!("emulated fault: error code {code}"),
        )),
        Fault::HtmlPage { status } => with_log_id(faults::html_page(status), &log_id()),
        // A success-shaped answer the client cannot read to its end: it cannot tell this
        // from the processed case, which is the point.
        _ => faults::truncated(ok(json!({}))).await,
    }
}

pub(crate) fn authorization(headers: &HeaderMap) -> Option<&str> {
    headers
        .get("authorization")
        .and_then(|value| value.to_str().ok())
}

pub(crate) fn outcome(result: Result<Value, Reject>) -> Response {
    match result {
        Ok(data) => ok(data),
        Err(err) => reject(err),
    }
}

/// Token, per-app limits, then the operation: the order the real gateway applies them.
pub(crate) fn message_api(
    state: &EmulatorState,
    headers: &HeaderMap,
    op: impl FnOnce() -> Result<Value, Reject>,
) -> Response {
    outcome(
        state
            .check_token(authorization(headers))
            .and_then(|()| state.admit_app())
            .and_then(|()| op()),
    )
}

async fn tenant_token(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    body: Bytes,
) -> Response {
    #[derive(Deserialize)]
    struct TokenBody {
        app_id: Option<String>,
        app_secret: Option<String>,
    }
    with_faults(&state, &conn, || {
        let request: Option<TokenBody> = serde_json::from_slice(&body).ok();
        let Some(TokenBody {
            app_id: Some(app_id),
            app_secret: Some(app_secret),
        }) = request
        else {
            return reject(Reject::new(
                400,
                10003,
                "invalid param: app_id and app_secret are required",
            ));
        };
        if app_id != state.app_id {
            return reject(Reject::new(400, 10003, "invalid param: app_id not found"));
        }
        if app_secret != state.app_secret() {
            return reject(Reject::new(400, 10015, "app secret invalid"));
        }
        let (token, expire) = state.tenant_token();
        // The token endpoint's fields are top-level, without a `data` wrapper (reference §4.1).
        let body = json!({"code": 0, "msg": "ok", "tenant_access_token": token, "expire": expire});
        with_log_id(Json(body).into_response(), &log_id())
    })
    .await
}

pub(crate) fn query_param<'a>(query: &'a Option<String>, name: &str) -> Option<&'a str> {
    query.as_deref()?.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then_some(value)
    })
}

async fn send(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    with_faults(&state, &conn, || {
        message_api(&state, &headers, || {
            state.create_message(query_param(&query, "receive_id_type"), None, &body)
        })
    })
    .await
}

async fn reply(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    Path(message_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    with_faults(&state, &conn, || {
        message_api(&state, &headers, || {
            state.create_message(None, Some(&message_id), &body)
        })
    })
    .await
}

async fn update(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    Path(message_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    with_faults(&state, &conn, || {
        message_api(&state, &headers, || state.patch_message(&message_id, &body))
    })
    .await
}

async fn delay_update(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    with_faults(&state, &conn, || {
        message_api(&state, &headers, || state.delay_update(&body))
    })
    .await
}

async fn webhook(
    State(state): AppState,
    ConnectInfo(conn): ConnectInfo<Conn>,
    Path(token): Path<String>,
    body: Bytes,
) -> Response {
    with_faults(&state, &conn, || match state.webhook(&token, &body) {
        Ok(_) => with_log_id(
            Json(json!({"StatusCode": 0, "StatusMessage": "success", "code": 0, "data": {}, "msg": "success"}))
                .into_response(),
            &log_id(),
        ),
        Err(err) => reject(err),
    })
    .await
}

async fn list_messages(State(state): AppState) -> Response {
    Json(json!({"messages": state.messages()})).into_response()
}

async fn get_message(State(state): AppState, Path(message_id): Path<String>) -> Response {
    match state.message(&message_id) {
        Some(message) => Json(message).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({"error": "no such message"})),
        )
            .into_response(),
    }
}

async fn callback_token(State(state): AppState, Path(message_id): Path<String>) -> Response {
    match state.issue_callback_token(&message_id) {
        Some(token) => Json(json!({"token": token})).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({"error": "no such message"})),
        )
            .into_response(),
    }
}

async fn stats(State(state): AppState) -> Response {
    Json(state.stats()).into_response()
}

pub(crate) fn bad_request(message: String) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({"error": message}))).into_response()
}

async fn advance_clock(State(state): AppState, body: Bytes) -> Response {
    #[derive(Deserialize)]
    struct Advance {
        seconds: f64,
    }
    // `try_from_secs_f64` refuses negative, infinite and too-large values alike, where
    // `from_secs_f64` would panic on them.
    match serde_json::from_slice::<Advance>(&body)
        .map(|Advance { seconds }| Duration::try_from_secs_f64(seconds))
    {
        Ok(Ok(by)) => {
            state.clock().advance(by);
            Json(json!({"now_ms": state.now_ms()})).into_response()
        }
        Ok(Err(_)) => bad_request("`seconds` must be a finite, non-negative number".into()),
        Err(err) => bad_request(format!("expected {{\"seconds\": n}}: {err}")),
    }
}

/// `POST /_emulator/faults`: the body replaces every pending fault (absent counts are 0).
async fn faults(State(state): AppState, body: Bytes) -> Response {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields, default)]
    struct Faults {
        fail_next: u32,
        status: u16,
        drop_next: u32,
        delay_next: u32,
        delay_ms: u64,
        rate_limit_next: u32,
        reset_secs: u64,
        code_next: u32,
        code: i64,
        html_next: u32,
        html_status: u16,
        truncate_next: u32,
        truncate_after_next: u32,
        slow_next: u32,
        slow_ms: u64,
    }
    impl Default for Faults {
        fn default() -> Self {
            Self {
                fail_next: 0,
                status: 503,
                drop_next: 0,
                delay_next: 0,
                delay_ms: 0,
                rate_limit_next: 0,
                reset_secs: 1,
                code_next: 0,
                code: 230_020,
                html_next: 0,
                html_status: 502,
                truncate_next: 0,
                truncate_after_next: 0,
                slow_next: 0,
                slow_ms: 1000,
            }
        }
    }
    let f = match serde_json::from_slice::<Faults>(&body) {
        Ok(f) => f,
        Err(err) => return bad_request(format!("invalid faults: {err}")),
    };
    if !(500..600).contains(&f.status) {
        return bad_request(format!("status {} is not a 5xx", f.status));
    }
    if !(400..600).contains(&f.html_status) {
        return bad_request(format!("html_status {} is not a 4xx or 5xx", f.html_status));
    }
    if f.code == 0 {
        return bad_request("code 0 is success, not a fault".into());
    }
    let ms = Duration::from_millis;
    let pending = [
        (Fault::Fail { status: f.status }, f.fail_next),
        (
            Fault::RateLimited {
                reset_secs: f.reset_secs,
            },
            f.rate_limit_next,
        ),
        (Fault::Code { code: f.code }, f.code_next),
        (
            Fault::HtmlPage {
                status: f.html_status,
            },
            f.html_next,
        ),
        (Fault::TruncatedBefore, f.truncate_next),
        (Fault::TruncatedAfter, f.truncate_after_next),
        (Fault::Drop, f.drop_next),
        (Fault::Delay(ms(f.delay_ms)), f.delay_next),
        (Fault::Slow(ms(f.slow_ms)), f.slow_next),
    ];
    for (fault, calls) in pending {
        state.inject(fault, calls);
    }
    Json(json!({"ok": true})).into_response()
}
