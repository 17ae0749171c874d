use card_runtime::card;

fn main() {
    let _ = card! { <card><div text="x"></card> };
}
