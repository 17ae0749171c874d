use card_runtime::card;

struct NotDisplay;

fn main() {
    let _ = card! { <card><markdown>{NotDisplay}</markdown></card> };
}
