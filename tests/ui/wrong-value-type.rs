use card_runtime::card;

fn main() {
    let _ = card! { <card update_multi="yes"><hr/></card> };
    let _ = card! { <card><img img_key=12 alt="a"/></card> };
    let _ = card! { <card><div text=true/></card> };
    let _ = card! { <card><form name="f"><input name="i" max_length=1.5/><button name="b" action_type="form_submit">"go"</button></form></card> };
    let _ = card! { <card><img img_key alt="a"/></card> };
    let n = 3;
    let _ = card! { <card><table columns=[] rows=[] page_size="{n}"/></card> };
    let _ = card! { <card><action><button url="ftp://example.com">"x"</button></action></card> };
    let _ = card! { <card><action><button multi_url={ "url": 5 }>"x"</button></action></card> };
    let _ = card! { <card><action><button value={ "big": 123456789012345678901234567890 }>"x"</button></action></card> };
}
