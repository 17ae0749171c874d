use card_runtime::card;

fn main() {
    let _ = card! { <card><action><button type="primay">"OK"</button></action></card> };
    let _ = card! { <card><header template="pink" title="t"/></card> };
    let kind = "primary";
    let _ = card! { <card><action><button type="{kind}">"OK"</button></action></card> };
}
