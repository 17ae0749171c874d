// A handler that is a plain closure, not `async`: the message says to write `async move`.
use card_runtime::callback::{ActionContext, CardValue, Handlers, Route, Toast};
use serde::Deserialize;

#[derive(Deserialize)]
struct Approve {
    id: u64,
}

impl CardValue for Approve {
    const ROUTE: Route = Route::tag("approve");
}

fn main() {
    let _ = Handlers::new().on(|value: Approve, _cx: ActionContext| {
        Toast::success(format!("approved #{}", value.id))
    });
}
