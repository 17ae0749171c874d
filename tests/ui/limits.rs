use card_runtime::card;

fn main() {
    let _ = card! { <card><action><button>"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789X"</button></action></card> };
    let _ = card! { <card><action><select_static placeholder="0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789X"><option value="1">"one"</option></select_static></action></card> };
    let _ = card! { <card><action><overflow><option value="1">"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789X"</option></overflow></action></card> };
    let _ = card! {
        <card>
            <header title="t">
                <text_tag>"1"</text_tag><text_tag>"2"</text_tag><text_tag>"3"</text_tag><text_tag>"4"</text_tag>
            </header>
        </card>
    };
    let _ = card! { <card><form name="f"><input name="a" max_length=0/><input name="b" max_length=1001/><button name="g" action_type="form_submit">"go"</button></form></card> };
    let _ = card! { <card><table columns=[] rows=[] page_size=11/></card> };
    let _ = card! {
        <card>
            <table columns=[] rows=[]/><table columns=[] rows=[]/><table columns=[] rows=[]/>
            <table columns=[] rows=[]/><table columns=[] rows=[]/><table columns=[] rows=[]/>
        </card>
    };
    let _ = card! { <card><img_combination combination_mode="double" img_list=[{ "img_key": "a" }, { "img_key": "b" }, { "img_key": "c" }]/></card> };
}
