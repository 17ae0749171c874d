use card_runtime::card;

fn main() {
    let _ = card! { <card><div txt="hello"/></card> };
    let _ = card! { <card><hr color="red"/></card> };
    let _ = card! { <card updte_multi><hr/></card> };
}
