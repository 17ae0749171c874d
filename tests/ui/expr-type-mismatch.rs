use card_runtime::card;

struct NotDisplay;
struct NotSerialize;

fn main() {
    let _ = card! { <card><div>{NotDisplay}</div></card> };
    let _ = card! { <card><div text={NotDisplay}/></card> };
    let _ = card! { <card><action><button value={NotSerialize}>"x"</button></action></card> };
    let _ = card! { <card>{"not an element"}</card> };
    let _ = card! { <card><form name="f"><input name="i" max_length={"10"}/><button name="b" action_type="form_submit">"go"</button></form></card> };
    let _ = card! { <card update_multi={1}><hr/></card> };
    let _ = card! { <card><action><button width={5}>"x"</button></action></card> };
}
