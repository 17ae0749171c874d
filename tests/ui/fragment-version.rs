use card_runtime::{ElementV2, card};

fn main() {
    // A card JSON 2.0 fragment is refused by a 1.0 card, among components and in a slot.
    let v2 = || ElementV2::from_json_unchecked(serde_json::json!({"tag": "hr"}));
    let _ = card! { <card>{v2()}</card> };
    let _ = card! { <card><div text="t"><extra>{v2()}</extra></div></card> };
    // The version of a fragment is a literal, before its element only.
    let _ = card! { schema = "1.0"; <hr/> };
    let _ = card! { schema = "2.0"; <card></card> };
    let _ = card! { version = "2.0"; <hr/> };
    let version = "2.0";
    let _ = card! { <card schema={version}></card> };
}
