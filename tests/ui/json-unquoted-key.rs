use card_runtime::card;

fn main() {
    let _ = card! { <card><action><button value={ op: "deploy" }>"go"</button></action></card> };
    let _ = card! { <card><action><button value={ "op": "deploy", r#type: 1 }>"go"</button></action></card> };
    let _ = card! { <card><action><button value={ "args": { env: "prod" } }>"go"</button></action></card> };
}
