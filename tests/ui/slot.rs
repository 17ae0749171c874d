use card_runtime::card;

fn main() {
    let _ = card! { <card><div text="x"><extra type="a"><button>"b"</button></extra></div></card> };
    let _ = card! { <card><div text="x"><extra><button>"a"</button><button>"b"</button></extra></div></card> };
    let _ = card! { <card><div text="x"><extra></extra></div></card> };
}
