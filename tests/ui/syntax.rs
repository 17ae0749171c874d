use card_runtime::card;

fn main() {
    let _ = card! {};
    let _ = card! { div };
    let _ = card! { <card/> <card/> };
    let _ = card! { </card> };
    let _ = card! { <card><div text=hello/></card> };
    let _ = card! { <card><action><button value={ "a": 1, b: 2 }>"x"</button></action></card> };
    let _ = card! { <card><action><button value={ "a": null 1 }>"x"</button></action></card> };
    let _ = card! { <card><div>{}</div></card> };
    let _ = card! { <card><div>{a b}</div></card> };
    let _ = card! { <card>match 1 { _ => <hr/> }</card> };
    let _ = card! { <card>if true { </card> }</card> };
    let _ = card! { <card>while true {}</card> };
    let _ = card! { <card><1/></card> };
    let _ = card! { <card></1></card> };
}
