//! The clicker's HTTP routes: `/_emulator/click`, `/_emulator/url_verification` and
//! `/_emulator/toasts`, for bots written in any language.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{MethodRouter, get, post};
use serde_json::json;

use crate::click::{ClickError, Clicker};
use crate::interact::Click;
use crate::state::EmulatorState;

impl Clicker {
    /// The inspection routes, to add with [`EmulatorBuilder::route`](super::EmulatorBuilder::route):
    /// `POST /_emulator/click` (body `{"message_id", "button": {"value": ..} | {"index": n} |
    /// {"element_id": ..} | {"name": ..}` or `"action": {..}` (an [`Action`](crate::Action) as JSON, e.g.
    /// `{"submit": {"fields": {"reason": "hotfix"}}}`), `"open_id"?`, `"generation"?:
    /// "v2"|"legacy"`, `"timezone"?: {"name", "offset"}}`; answer a [`ClickOutcome`](crate::ClickOutcome), or 404
    /// for a missing message or component and 422 for an action the user cannot do),
    /// `POST /_emulator/url_verification` (answer `{"ok": bool}`) and `GET /_emulator/toasts`.
    ///
    /// ```no_run
    /// # use card_emulator::{Clicker, Emulator};
    /// # async fn run(clicker: std::sync::Arc<Clicker>) -> std::io::Result<()> {
    /// let mut builder = Emulator::builder();
    /// for (path, route) in Clicker::routes(&clicker) {
    ///     builder = builder.route(path, route);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn routes(this: &Arc<Self>) -> Vec<(&'static str, MethodRouter<Arc<EmulatorState>>)> {
        let click = Arc::clone(this);
        let verify = Arc::clone(this);
        let toasts = Arc::clone(this);
        vec![
            (
                "/_emulator/click",
                post(
                    move |State(state): State<Arc<EmulatorState>>, Json(request): Json<Click>| {
                        let clicker = Arc::clone(&click);
                        async move {
                            match clicker.click(&state, &request).await {
                                Ok(outcome) => (StatusCode::OK, Json(json!(outcome))),
                                Err(err) => {
                                    let status = match err {
                                        ClickError::NoSuchMessage(_)
                                        | ClickError::NoSuchButton(_)
                                        | ClickError::NoSuchComponent { .. } => {
                                            StatusCode::NOT_FOUND
                                        }
                                        _ => StatusCode::UNPROCESSABLE_ENTITY,
                                    };
                                    (status, Json(json!({"msg": err.to_string()})))
                                }
                            }
                        }
                    },
                ),
            ),
            (
                "/_emulator/url_verification",
                post(move || {
                    let clicker = Arc::clone(&verify);
                    async move { Json(json!({"ok": clicker.verify_url().await.unwrap_or(false)})) }
                }),
            ),
            (
                "/_emulator/toasts",
                get(move || {
                    let clicker = Arc::clone(&toasts);
                    async move { Json(json!({"toasts": clicker.toasts()})) }
                }),
            ),
        ]
    }
}
