use card_runtime::card;

fn main() {
    let _ = card! { <card><form name="f"><input name="i"/></form></card> };
    let _ = card! {
        <card>
            <form name="f">
                <input name="same"/>
                <input name="same"/>
                <select_static><option value="1">"one"</option></select_static>
                <button name="go" action_type="form_submit">"Go"</button>
            </form>
        </card>
    };
    let _ = card! { <card><action><input required placeholder="outside a form"/></action></card> };
    let _ = card! { <card><action><button action_type="form_submit">"outside"</button></action></card> };
    let _ = card! {
        <card>
            <form name="roles">
                <button name="idle">"no role"</button>
                <button name="go" action_type="form_submit">"Go"</button>
            </form>
            <i18n lang="en_us">
                <form name="f"><button name="go" action_type="form_submit">"Go"</button></form>
                <form name="f"><button name="go2" action_type="form_submit">"Go"</button></form>
            </i18n>
        </card>
    };
    let on = true;
    let _ = card! {
        <card>
            <form name="arms">
                if on { <input name="a"/> } else { <input name="b"/> }
                <input name="a"/>
                if on { <input name="b"/> }
                <button name="go" action_type="form_submit">"Go"</button>
            </form>
        </card>
    };
}
