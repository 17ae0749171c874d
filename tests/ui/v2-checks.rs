use card_runtime::card;

fn main() {
    // Unknown fields are errors in 2.0, with "did you mean".
    let _ = card! { <card schema="2.0"><markdown text_sise="normal">"x"</markdown></card> };
    // Enums, checked against the 2.0 sets.
    let _ = card! { <card schema="2.0"><hr/><column_set flex_mode="half"><column/></column_set></card> };
    // element_id: pattern and uniqueness per card.
    let _ = card! { <card schema="2.0"><hr element_id="1st"/></card> };
    let _ = card! { <card schema="2.0"><hr element_id="a"/><hr element_id="a"/></card> };
    let _ = card! {
        <card schema="2.0">
            <header text_tag_list=[{ "tag": "text_tag", "element_id": "t", "text": { "tag": "plain_text", "content": "x" } }]/>
            <hr element_id="t"/>
        </card>
    };
    // Placement: forms and tables at the body root only, multi-selects only in forms.
    let _ = card! {
        <card schema="2.0">
            <column_set><column><table columns=[] rows=[]/></column></column_set>
            <multi_select_static placeholder="p"><option value="a">"A"</option></multi_select_static>
        </card>
    };
    // Nesting deeper than the documented depth.
    let _ = card! {
        <card schema="2.0">
            <interactive_container behaviors=[{ "type": "open_url", "default_url": "https://a.b" }]>
            <interactive_container behaviors=[{ "type": "open_url", "default_url": "https://a.b" }]>
            <interactive_container behaviors=[{ "type": "open_url", "default_url": "https://a.b" }]>
            <interactive_container behaviors=[{ "type": "open_url", "default_url": "https://a.b" }]>
            <interactive_container behaviors=[{ "type": "open_url", "default_url": "https://a.b" }]>
            <interactive_container behaviors=[{ "type": "open_url", "default_url": "https://a.b" }]>
                <hr/>
            </interactive_container>
            </interactive_container>
            </interactive_container>
            </interactive_container>
            </interactive_container>
            </interactive_container>
        </card>
    };
    // Forms: a submit button, and `required` only inside a form.
    let _ = card! { <card schema="2.0"><form name="f"><input name="i"/></form></card> };
    // The components of a 2.0 card go in it or in `<body>`, not both.
    let _ = card! { <card schema="2.0"><hr/><body padding="4px"><hr/></body></card> };
    // Form-only fields stay in forms; form names are unique.
    let _ = card! { <card schema="2.0"><input name="i" required/></card> };
    let _ = card! {
        <card schema="2.0">
            <form name="f">
                <input name="x"/>
                <input name="x"/>
                <button name="go" form_action_type="submit">"Go"</button>
            </form>
        </card>
    };
    // A card with `audio` must not be forwarded.
    let _ = card! { <card schema="2.0"><audio file_key="file_v3_x"/></card> };
    // At most 200 components and elements.
    let _ = card! { <card schema="2.0"><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/><hr/></card> };
    // `<i18n>` gives an element's text in one locale, once.
    let _ = card! { <card schema="2.0"><markdown>"x"<i18n lang="en_us">"a"</i18n><i18n lang="en_us">"b"</i18n></markdown></card> };
    let _ = card! { <card schema="2.0"><hr><i18n lang="en_us">"a"</i18n></hr></card> };
}
