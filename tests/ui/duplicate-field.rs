use card_runtime::card;

fn main() {
    let _ = card! { <card><div text="a" text="b"/></card> };
    let _ = card! { <card><div text="a">"b"</div></card> };
    let _ = card! { <card><header title="a"/><header title="b"/></card> };
    let _ = card! { <card><action><button><confirm title="a" text="b"/><confirm title="c" text="d"/>"x"</button></action></card> };
    let _ = card! { <card update_multi config={ "enable_forward": false }><hr/></card> };
}
