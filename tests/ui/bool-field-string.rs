use card_runtime::card;

fn main() {
    let update = String::from("true");
    let _ = card! { <card update_multi={update}><hr/></card> };
}
