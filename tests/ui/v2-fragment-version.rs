use card_runtime::card;

fn main() {
    // A 1.0 fragment is refused by a 2.0 card.
    let hr = card! { <hr/> };
    let _ = card! { <card schema="2.0">{hr}</card> };
    let rows = vec![card! { <hr/> }];
    let _ = card! { <card schema="2.0"><column_set><column>{rows}</column></column_set></card> };
}
