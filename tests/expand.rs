//! `card!` expansions, basic syntax: elements, attributes, literals, text children, JSON-like
//! values, interpolation and the sugar of the mapping table. (Splices and control flow:
//! `expand_splices.rs`; every component: `expand_components.rs`; official examples:
//! `expand_doc_examples.rs`.)

mod support;

use card_runtime::card;
use serde_json::json;
use support::assert_card;

#[test]
fn seed_card() {
    let button_id = "162695861xxxx";
    let card = card! {
        <card>
            <i18n lang="zh_cn">
                <div text="发布审核："/>
                <action>
                    <button type="primary" value={ "button_type": "public_publish", "button_id": button_id }>
                        "完成「全量发布」"
                    </button>
                </action>
            </i18n>
        </card>
    };
    let expected: serde_json::Value = serde_json::from_str(
        r#"{"i18n_elements":{"zh_cn":[{"tag":"div","text":{"content":"发布审核：","tag":"plain_text"}},{"tag":"action","actions":[{"tag":"button","text":{"tag":"plain_text","content":"完成「全量发布」"},"value":{"button_type":"public_publish","button_id":"162695861xxxx"},"type":"primary"}]}]}}"#,
    )
    .unwrap();
    assert_card(&card, &expected);
}

#[test]
fn empty_card_and_self_closing() {
    assert_card(&card! { <card></card> }, &json!({}));
    assert_card(&card! { <card/> }, &json!({}));
    assert_card(
        &card! { <card><hr/></card> },
        &json!({"elements": [{"tag": "hr"}]}),
    );
}

#[test]
fn string_child_is_the_primary_text() {
    assert_card(
        &card! { <card><div>"hello"</div><markdown>"**b**"</markdown></card> },
        &json!({"elements": [
            {"tag": "div", "text": {"tag": "plain_text", "content": "hello"}},
            {"tag": "markdown", "content": "**b**"},
        ]}),
    );
}

#[test]
fn text_attribute_equals_text_child() {
    assert_eq!(
        card! { <card><div text="a"/></card> },
        card! { <card><div>"a"</div></card> }
    );
}

#[test]
fn explicit_text_objects() {
    assert_card(
        &card! {
            <card>
                <div><lark_md>"**bold**"</lark_md></div>
                <div><plain_text lines=2 text_align="center">"two lines"</plain_text></div>
                <note><plain_text>"a"</plain_text><lark_md>"*b*"</lark_md>"c"</note>
            </card>
        },
        &json!({"elements": [
            {"tag": "div", "text": {"tag": "lark_md", "content": "**bold**"}},
            {"tag": "div", "text": {"tag": "plain_text", "content": "two lines", "lines": 2, "text_align": "center"}},
            {"tag": "note", "elements": [
                {"tag": "plain_text", "content": "a"},
                {"tag": "lark_md", "content": "*b*"},
                {"tag": "plain_text", "content": "c"},
            ]},
        ]}),
    );
}

#[test]
fn literals_and_bare_flags() {
    assert_card(
        &card! {
            <card>
                <form name="f">
                    <input name="i" required max_length=10 rows=3 disabled=false/>
                    <button name="b" action_type="form_submit">"Go"</button>
                </form>
                <collapsible_panel expanded><header icon_expanded_angle=-90>"T"</header><hr/></collapsible_panel>
            </card>
        },
        &json!({"elements": [
            {"tag": "form", "name": "f", "elements": [
                {"tag": "input", "name": "i", "required": true, "max_length": 10, "rows": 3, "disabled": false},
                {"tag": "button", "name": "b", "action_type": "form_submit", "text": {"tag": "plain_text", "content": "Go"}},
            ]},
            {"tag": "collapsible_panel", "expanded": true,
             "header": {"title": {"tag": "plain_text", "content": "T"}, "icon_expanded_angle": -90},
             "elements": [{"tag": "hr"}]},
        ]}),
    );
}

#[test]
fn floats_and_keyword_attribute_names() {
    assert_card(
        &card! {
            <card>
                <checker checked_style={ "show_strikethrough": true, "opacity": 0.5 }>"done"</checker>
                <action><button r#type="danger">"x"</button></action>
            </card>
        },
        &json!({"elements": [
            {"tag": "checker", "text": {"tag": "plain_text", "content": "done"},
             "checked_style": {"show_strikethrough": true, "opacity": 0.5}},
            {"tag": "action", "actions": [{"tag": "button", "type": "danger", "text": {"tag": "plain_text", "content": "x"}}]},
        ]}),
    );
}

#[test]
fn json_like_values() {
    let id = 42;
    let owner = "ou_1";
    assert_card(
        &card! {
            <card>
                <action>
                    <button value={ "id": id, "owner": owner, "tags": ["a", 1, -2, 3.5, true, null], "nested": { "k": { "deep": [id] } }, "call": id.to_string(), "block": {id + 1}, }>
                        "ok"
                    </button>
                </action>
                <person_list persons=[{ "id": owner }, { "id": "ou_2" }]/>
            </card>
        },
        &json!({"elements": [
            {"tag": "action", "actions": [{"tag": "button", "text": {"tag": "plain_text", "content": "ok"},
                "value": {"id": 42, "owner": "ou_1", "tags": ["a", 1, -2, 3.5, true, null],
                          "nested": {"k": {"deep": [42]}}, "call": "42", "block": 43}}]},
            {"tag": "person_list", "persons": [{"id": "ou_1"}, {"id": "ou_2"}]},
        ]}),
    );
}

#[test]
fn empty_json_object_and_array() {
    assert_card(
        &card! { <card><action><button value={}>"a"</button></action><person_list persons=[]/></card> },
        &json!({"elements": [
            {"tag": "action", "actions": [{"tag": "button", "value": {}, "text": {"tag": "plain_text", "content": "a"}}]},
            {"tag": "person_list", "persons": []},
        ]}),
    );
}

#[test]
fn interpolation() {
    let name = "Ann";
    let total = 7.386;
    let n = 7;
    assert_card(
        &card! {
            <card>
                <div>"hi {name}, total {total:.2}"</div>
                <markdown>"{{literal}} {n:>3}"</markdown>
                <div text="braces {{ only }}"/>
                <action><button value={ "who": "{name}!", "k{n}": 1 }>"{n} items"</button></action>
            </card>
        },
        &json!({"elements": [
            {"tag": "div", "text": {"tag": "plain_text", "content": "hi Ann, total 7.39"}},
            {"tag": "markdown", "content": "{literal}   7"},
            {"tag": "div", "text": {"tag": "plain_text", "content": "braces { only }"}},
            {"tag": "action", "actions": [{"tag": "button", "text": {"tag": "plain_text", "content": "7 items"},
                "value": {"who": "Ann!", "k{n}": 1}}]},
        ]}),
    );
}

#[test]
fn card_config_sugar() {
    assert_card(
        &card! { <card update_multi enable_forward=false width_mode="fill" wide_screen_mode><hr/></card> },
        &json!({
            "config": {"update_multi": true, "enable_forward": false, "width_mode": "fill", "wide_screen_mode": true},
            "elements": [{"tag": "hr"}],
        }),
    );
    assert_card(
        &card! { <card config={ "update_multi": true } card_link={ "url": "https://a.example" }/> },
        &json!({"config": {"update_multi": true}, "card_link": {"url": "https://a.example"}}),
    );
}

#[test]
fn header_title_tags_and_subtitle() {
    assert_card(
        &card! {
            <card>
                <header template="green" subtitle="sub">
                    "Title"
                    <text_tag color="red">"urgent"</text_tag>
                    <text_tag>"new"</text_tag>
                </header>
            </card>
        },
        &json!({"header": {
            "template": "green",
            "title": {"tag": "plain_text", "content": "Title"},
            "subtitle": {"tag": "plain_text", "content": "sub"},
            "text_tag_list": [
                {"tag": "text_tag", "color": "red", "text": {"tag": "plain_text", "content": "urgent"}},
                {"tag": "text_tag", "text": {"tag": "plain_text", "content": "new"}},
            ],
        }}),
    );
}

#[test]
fn fields_extra_slot_confirm_and_options() {
    assert_card(
        &card! {
            <card>
                <div>
                    <field is_short>"a"</field>
                    <field is_short=false><lark_md>"**b**"</lark_md></field>
                    <extra><button type="primary"><confirm title="Sure?" text="Really?"/>"Go"</button></extra>
                </div>
                <action>
                    <select_static placeholder="pick" initial_option="2">
                        <option value="1">"one"</option>
                        <option value="2">"two"</option>
                    </select_static>
                    <overflow><option value="a" url="https://a.example">"A"</option></overflow>
                </action>
            </card>
        },
        &json!({"elements": [
            {"tag": "div",
             "fields": [
                {"is_short": true, "text": {"tag": "plain_text", "content": "a"}},
                {"is_short": false, "text": {"tag": "lark_md", "content": "**b**"}},
             ],
             "extra": {"tag": "button", "type": "primary",
                       "confirm": {"title": {"tag": "plain_text", "content": "Sure?"}, "text": {"tag": "plain_text", "content": "Really?"}},
                       "text": {"tag": "plain_text", "content": "Go"}}},
            {"tag": "action", "actions": [
                {"tag": "select_static", "placeholder": {"tag": "plain_text", "content": "pick"}, "initial_option": "2",
                 "options": [
                    {"value": "1", "text": {"tag": "plain_text", "content": "one"}},
                    {"value": "2", "text": {"tag": "plain_text", "content": "two"}},
                 ]},
                {"tag": "overflow", "options": [{"value": "a", "url": "https://a.example", "text": {"tag": "plain_text", "content": "A"}}]},
            ]},
        ]}),
    );
}

#[test]
fn i18n_blocks_and_headers() {
    assert_card(
        &card! {
            <card>
                <i18n lang="zh_cn"><header title="标题"/><markdown>"中文"</markdown></i18n>
                <i18n lang="en_us"><header title="Title"/><markdown>"English"</markdown></i18n>
            </card>
        },
        &json!({
            "i18n_header": {
                "zh_cn": {"title": {"tag": "plain_text", "content": "标题"}},
                "en_us": {"title": {"tag": "plain_text", "content": "Title"}},
            },
            "i18n_elements": {
                "zh_cn": [{"tag": "markdown", "content": "中文"}],
                "en_us": [{"tag": "markdown", "content": "English"}],
            },
        }),
    );
}

#[test]
fn both_syntaxes_give_the_same_value() {
    let long = card! { <card><div><plain_text>"x"</plain_text></div></card> };
    let short = card! { <card><div text="x"/></card> };
    let json = card! { <card><div text={ "tag": "plain_text", "content": "x" }/></card> };
    assert_eq!(long, short);
    assert_eq!(short, json);
}
