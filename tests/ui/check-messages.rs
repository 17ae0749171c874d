use card_runtime::card;

fn main() {
    // A component written inside a `div`: the fix is the div's `<extra>`, or a sibling.
    let _ = card! { <card><div>"Deploy?"<button>"Go"</button></div></card> };
    let _ = card! { <card><div>"Notes"<markdown>"**m**"</markdown></div></card> };
    // `<action>` inside a form: buttons go directly in a form.
    let _ = card! {
        <card><form name="f">
            <action><button name="go" action_type="form_submit">"Go"</button></action>
        </form></card>
    };
    // A BCP 47 locale gets its card JSON spelling and the list, and the mistakes inside the
    // locale and elsewhere are still reported.
    let _ = card! {
        <card>
            <i18n lang="zh-CN"><hr colour="red"/></i18n>
            <markdown text_algin="left">"x"</markdown>
        </card>
    };
    // Fields Feishu refuses outside a form say so in the words `Card::validate` uses.
    let _ = card! { <card><select_img multi_select options=[{ "img_key": "img_v2_1", "value": "a" }]/></card> };
    let _ = card! { <card><action><input required/></action></card> };
}
