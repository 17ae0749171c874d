use card_runtime::card;

fn main() {
    let _ = card! { <card schema="2.0"><markdown>"hi"</markdown></card> };
}
