use card_runtime::card;

fn main() {
    // `initial_option` must be the value of one of the options.
    let _ = card! {
        <card><action>
            <select_static initial_option="c"><option value="a">"A"</option><option value="b">"B"</option></select_static>
        </action></card>
    };
    // Option values are unique within one menu.
    let _ = card! {
        <card><action>
            <select_static><option value="a">"A"</option><option value="a">"Again"</option></select_static>
        </action></card>
    };
    // `selected_values` of a multi-select name its options.
    let _ = card! {
        <card><form name="f">
            <multi_select_static name="m" selected_values=["a", "z"]><option value="a">"A"</option></multi_select_static>
            <button name="go" action_type="form_submit">"Go"</button>
        </form></card>
    };
    // A key field holds a key from the upload API, not a link.
    let _ = card! { <card><img img_key="https://example.com/cat.png" alt=""/></card> };
    // The initial text of an input fits its own `max_length`.
    let _ = card! {
        <card><form name="f">
            <input name="i" max_length=3 default_value="four"/>
            <button name="go" action_type="form_submit">"Go"</button>
        </form></card>
    };
    // A field that another field's value makes useless.
    let _ = card! {
        <card><column_set><column weight=2><markdown>"x"</markdown></column></column_set></card>
    };
    // Options built in a loop are checked at run time, so this compiles.
    let values = ["a", "b"];
    let _ = card! {
        <card><action>
            <select_static initial_option="z">for v in values { <option value={v}>{v}</option> }</select_static>
        </action></card>
    };
}
