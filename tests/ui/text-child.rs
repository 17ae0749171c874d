use card_runtime::card;

fn main() {
    let _ = card! { <card><hr>"text"</hr></card> };
    let _ = card! { <card><markdown><lark_md>"x"</lark_md></markdown></card> };
    let _ = card! { <card><action><button><lark_md>"ok"</lark_md></button></action><img img_key="k"><lark_md>"alt"</lark_md></img></card> };
    let _ = card! { <card><action><select_static><option value="1"><lark_md>"*x*"</lark_md></option></select_static></action></card> };
}
