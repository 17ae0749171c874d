use card_runtime::card;

fn main() {
    let _ = card! { <card><action><buton type="primary">"OK"</buton></action></card> };
    let _ = card! { <card><zzzzzz/></card> };
    let _ = card! { <card><div><extra><buttn>"x"</buttn></extra></div></card> };
    let _ = card! { <dvi text="fragment root"/> };
}
