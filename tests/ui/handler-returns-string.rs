// A handler answering a `String`: the message lists what a handler may answer.
use card_runtime::callback::{ActionContext, CardValue, Handlers, Route};
use serde::Deserialize;

#[derive(Deserialize)]
struct Approve {
    id: u64,
}

impl CardValue for Approve {
    const ROUTE: Route = Route::tag("approve");
}

fn main() {
    let _ = Handlers::new().on(|value: Approve, _cx: ActionContext| async move {
        format!("approved #{}", value.id)
    });
}
