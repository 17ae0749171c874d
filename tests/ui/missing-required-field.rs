use card_runtime::card;

fn main() {
    let _ = card! { <card><action><button type="primary"/></action></card> };
    let _ = card! { <card><img img_key="k"/></card> };
    let _ = card! { <card><action></action></card> };
    let _ = card! { <card><div/></card> };
    let _ = card! { <card><header template="blue"/></card> };
    let _ = card! { <card><column_set flex_mode="none"/></card> };
    let _ = card! { <card><action><select_static placeholder="p"><option value="1"/></select_static></action></card> };
}
