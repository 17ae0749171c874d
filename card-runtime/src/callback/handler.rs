//! What a handler may be and return, as two traits whose compile errors say so.
//!
//! The `on…` methods of [`Handlers`](super::Handlers) keep a plain `Fn(..) -> Fut` bound, so
//! closure arguments are inferred as usual; the future and its answer are checked through these
//! traits, whose `on_unimplemented` notes name what works instead of rustc's generic "trait
//! bound not satisfied".

use std::future::Future;
use std::pin::Pin;

use super::{CallbackResponse, Toast};
use crate::{Card, TemplateCard};

pub(crate) type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// What a card action handler may answer: `()`, a [`Toast`], a [`Card`] (1.0 or 2.0), a
/// [`TemplateCard`] or a [`CallbackResponse`].
///
/// ```
/// use card_runtime::callback::{CallbackResponse, IntoCallbackResponse, Toast};
/// let answer = Toast::success("done").into_callback_response();
/// assert_eq!(answer, CallbackResponse::toast(Toast::success("done")));
/// ```
#[diagnostic::on_unimplemented(
    message = "a card callback handler cannot answer with `{Self}`",
    label = "the handler's future resolves to `{Self}`",
    note = "a handler answers `()`, `Toast`, `Card`, `TemplateCard` or `CallbackResponse` (`CallbackResponse::card(card).with_toast(toast)` for both)",
    note = "to show text to the user, answer `Toast::info(text)`"
)]
pub trait IntoCallbackResponse {
    /// The answer.
    fn into_callback_response(self) -> CallbackResponse;
}

impl IntoCallbackResponse for CallbackResponse {
    fn into_callback_response(self) -> CallbackResponse {
        self
    }
}

impl IntoCallbackResponse for () {
    fn into_callback_response(self) -> CallbackResponse {
        CallbackResponse::empty()
    }
}

impl IntoCallbackResponse for Toast {
    fn into_callback_response(self) -> CallbackResponse {
        CallbackResponse::toast(self)
    }
}

impl IntoCallbackResponse for Card {
    fn into_callback_response(self) -> CallbackResponse {
        CallbackResponse::card(self)
    }
}

impl IntoCallbackResponse for TemplateCard {
    fn into_callback_response(self) -> CallbackResponse {
        CallbackResponse::template(self)
    }
}

/// What a card action handler returns: a future (the handler is `async`) that answers an
/// [`IntoCallbackResponse`] type.
///
/// ```
/// use card_runtime::callback::{HandlerFuture, Toast};
/// fn check<F: HandlerFuture>(_: F) {}
/// check(async { Toast::info("ok") });
/// ```
#[diagnostic::on_unimplemented(
    message = "a card callback handler must be `async`: it returns `{Self}`, not a future",
    label = "this handler is not `async`",
    note = "write it as `|value: T, cx: ActionContext| async move {{ .. }}` (or an `async fn`) answering `()`, `Toast`, `Card`, `TemplateCard` or `CallbackResponse`",
    note = "an answer needs no `await`: `async move {{ Toast::success(\"done\") }}`"
)]
pub trait HandlerFuture: Send + 'static {
    /// The answer, once the handler is done.
    fn into_answer(self) -> impl Future<Output = CallbackResponse> + Send + 'static;
}

impl<F> HandlerFuture for F
where
    F: Future + Send + 'static,
    F::Output: IntoCallbackResponse,
{
    async fn into_answer(self) -> CallbackResponse {
        self.await.into_callback_response()
    }
}
