use card_runtime::card;

fn main() {
    let _ = card! { <card><action><button type={"primary"}>"OK"</button></action></card> };
    let kind = String::from("danger");
    let _ = card! { <card><action><button type={kind}>"OK"</button></action></card> };
    let _ = card! { <card><header title="t" template={card_runtime::ButtonType::Primary}/></card> };
}
