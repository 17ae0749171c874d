// A handler whose value type declares no route: the message says how to give it one.
use card_runtime::callback::{ActionContext, Handlers};
use serde::Deserialize;

#[derive(Deserialize)]
struct Approve {
    id: u64,
}

fn main() {
    let _ = Handlers::new().on(|value: Approve, _cx: ActionContext| async move {
        let _ = value.id;
    });
}
