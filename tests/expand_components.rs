//! `card!` expansions of every card JSON 1.0 component, each in a place that admits it.

mod support;

use card_runtime::card;
use serde_json::json;
use support::assert_card;

#[test]
fn display_components() {
    assert_card(
        &card! {
            <card>
                <div icon={ "tag": "standard_icon", "token": "chat_outlined" }>"d"</div>
                <markdown text_align="center" href={ "u": { "url": "https://a.example" } }>"[x]($u)"</markdown>
                <hr/>
                <img img_key="img_v2_1" alt="" title="cat" scale_type="crop_top" size="medium" corner_radius="8px" preview=false/>
                <img_combination combination_mode="double" img_list=[{ "img_key": "a" }, { "img_key": "b" }]/>
                <note><img img_key="k" alt="i"/><standard_icon token="info_outlined"/>"n"</note>
                <person user_id="ou_1" size="small" show_name style="capsule"/>
                <person_list persons=[{ "id": "ou_1" }] show_avatar lines=2/>
                <chart chart_spec={ "type": "line", "data": { "values": [1, 2] } } aspect_ratio="16:9" color_theme="rainbow" height="auto"/>
                <table page_size=5 row_height="low" freeze_first_column
                    columns=[{ "name": "a", "display_name": "A", "data_type": "number", "format": { "precision": 2 } }]
                    rows=[{ "a": 1.5 }] header_style={ "bold": true, "background_style": "grey" }/>
            </card>
        },
        &json!({"elements": [
            {"tag": "div", "text": {"tag": "plain_text", "content": "d"}, "icon": {"tag": "standard_icon", "token": "chat_outlined"}},
            {"tag": "markdown", "content": "[x]($u)", "text_align": "center", "href": {"u": {"url": "https://a.example"}}},
            {"tag": "hr"},
            {"tag": "img", "img_key": "img_v2_1", "alt": {"tag": "plain_text", "content": ""},
             "title": {"tag": "plain_text", "content": "cat"}, "scale_type": "crop_top", "size": "medium",
             "corner_radius": "8px", "preview": false},
            {"tag": "img_combination", "combination_mode": "double", "img_list": [{"img_key": "a"}, {"img_key": "b"}]},
            {"tag": "note", "elements": [
                {"tag": "img", "img_key": "k", "alt": {"tag": "plain_text", "content": "i"}},
                {"tag": "standard_icon", "token": "info_outlined"},
                {"tag": "plain_text", "content": "n"},
            ]},
            {"tag": "person", "user_id": "ou_1", "size": "small", "show_name": true, "style": "capsule"},
            {"tag": "person_list", "persons": [{"id": "ou_1"}], "show_avatar": true, "lines": 2},
            {"tag": "chart", "chart_spec": {"type": "line", "data": {"values": [1, 2]}}, "aspect_ratio": "16:9",
             "color_theme": "rainbow", "height": "auto"},
            {"tag": "table", "page_size": 5, "row_height": "low", "freeze_first_column": true,
             "columns": [{"name": "a", "display_name": "A", "data_type": "number", "format": {"precision": 2}}],
             "rows": [{"a": 1.5}], "header_style": {"bold": true, "background_style": "grey"}},
        ]}),
    );
}

#[test]
fn interactive_components_in_action() {
    assert_card(
        &card! {
            <card>
                <action layout="flow">
                    <button size="small" hover_tips="tip" multi_url={ "url": "https://a.example", "pc_url": "", "ios_url": "", "android_url": "" }>"b"</button>
                    <select_person placeholder="who"><option value="ou_1"/></select_person>
                    <date_picker initial_date="2024-01-31" value={ "k": "d" }/>
                    <picker_time initial_time="09:30" value={ "k": "t" }/>
                    <picker_datetime placeholder="when" value={ "k": "dt" }/>
                    <input placeholder="type" input_type="multiline_text" label="L" label_position="top"/>
                </action>
            </card>
        },
        &json!({"elements": [{"tag": "action", "layout": "flow", "actions": [
            {"tag": "button", "size": "small", "hover_tips": {"tag": "plain_text", "content": "tip"},
             "multi_url": {"url": "https://a.example", "pc_url": "", "ios_url": "", "android_url": ""},
             "text": {"tag": "plain_text", "content": "b"}},
            {"tag": "select_person", "placeholder": {"tag": "plain_text", "content": "who"}, "options": [{"value": "ou_1"}]},
            {"tag": "date_picker", "initial_date": "2024-01-31", "value": {"k": "d"}},
            {"tag": "picker_time", "initial_time": "09:30", "value": {"k": "t"}},
            {"tag": "picker_datetime", "placeholder": {"tag": "plain_text", "content": "when"}, "value": {"k": "dt"}},
            {"tag": "input", "placeholder": {"tag": "plain_text", "content": "type"}, "input_type": "multiline_text",
             "label": {"tag": "plain_text", "content": "L"}, "label_position": "top"},
        ]}]}),
    );
}

#[test]
fn form_with_multi_selects_and_select_img() {
    assert_card(
        &card! {
            <card>
                <form name="f">
                    <multi_select_static name="m" placeholder="p" selected_values=["1"]>
                        <option value="1">"one"</option>
                        <option value="2">"two"</option>
                    </multi_select_static>
                    <multi_select_person name="mp" required=false/>
                    <select_img name="si" multi_select options=[{ "img_key": "k", "value": "v" }]/>
                    <checker name="c" checked>"agree"</checker>
                    <button name="reset" action_type="form_reset">"Reset"</button>
                    <button name="go" type="primary" action_type="form_submit">"Submit"</button>
                </form>
            </card>
        },
        &json!({"elements": [{"tag": "form", "name": "f", "elements": [
            {"tag": "multi_select_static", "name": "m", "placeholder": {"tag": "plain_text", "content": "p"},
             "selected_values": ["1"], "options": [
                {"value": "1", "text": {"tag": "plain_text", "content": "one"}},
                {"value": "2", "text": {"tag": "plain_text", "content": "two"}},
             ]},
            {"tag": "multi_select_person", "name": "mp", "required": false},
            {"tag": "select_img", "name": "si", "multi_select": true, "options": [{"img_key": "k", "value": "v"}]},
            {"tag": "checker", "name": "c", "checked": true, "text": {"tag": "plain_text", "content": "agree"}},
            {"tag": "button", "name": "reset", "action_type": "form_reset", "text": {"tag": "plain_text", "content": "Reset"}},
            {"tag": "button", "name": "go", "type": "primary", "action_type": "form_submit",
             "text": {"tag": "plain_text", "content": "Submit"}},
        ]}]}),
    );
}

/// Every spelling of a submit button that the runtime validator accepts also compiles: the form
/// rule is one function of `card_schema` for both.
#[test]
fn form_submit_spellings() {
    assert_card(
        &card! {
            <card>
                <form name="f">
                    <input name="i"/>
                    <button name="go" form_action_type="submit">"Submit"</button>
                </form>
            </card>
        },
        &json!({"elements": [{"tag": "form", "name": "f", "elements": [
            {"tag": "input", "name": "i"},
            {"tag": "button", "name": "go", "form_action_type": "submit", "text": {"tag": "plain_text", "content": "Submit"}},
        ]}]}),
    );
    assert_card(
        &card! {
            <card>
                <form name="f">
                    <button name="go" behaviors=[{ "type": "form_action", "behavior": "submit" }]>"Submit"</button>
                </form>
            </card>
        },
        &json!({"elements": [{"tag": "form", "name": "f", "elements": [
            {"tag": "button", "name": "go", "behaviors": [{"type": "form_action", "behavior": "submit"}],
             "text": {"tag": "plain_text", "content": "Submit"}},
        ]}]}),
    );
}

/// Names are unique per element tree: the same form in two locales keeps its names, as the
/// runtime validator allows.
#[test]
fn form_repeated_per_locale() {
    let form = json!({"tag": "form", "name": "f", "elements": [
        {"tag": "button", "name": "go", "action_type": "form_submit", "text": {"tag": "plain_text", "content": "Go"}},
    ]});
    assert_card(
        &card! {
            <card>
                <i18n lang="zh_cn">
                    <form name="f"><button name="go" action_type="form_submit">"Go"</button></form>
                </i18n>
                <i18n lang="en_us">
                    <form name="f"><button name="go" action_type="form_submit">"Go"</button></form>
                </i18n>
            </card>
        },
        &json!({"i18n_elements": {"zh_cn": [form], "en_us": [form]}}),
    );
}

#[test]
fn layout_containers() {
    assert_card(
        &card! {
            <card>
                <column_set flex_mode="bisect" background_style="grey" horizontal_spacing="8px" action={ "multi_url": { "url": "https://a.example" } }>
                    <column width="weighted" weight=2 vertical_align="center">
                        <markdown>"left"</markdown>
                        <button>"in column"</button>
                    </column>
                    <column width="120px"><column_set><column><hr/></column></column_set></column>
                </column_set>
                <interactive_container width="fill" has_border behaviors=[{ "type": "open_url", "default_url": "https://a.example" }]>
                    <markdown>"click me"</markdown>
                    <confirm title="t" text="x"/>
                </interactive_container>
                <collapsible_panel expanded=false border={ "color": "grey" }>
                    <header icon_position="right">"more"</header>
                    <markdown>"hidden"</markdown>
                </collapsible_panel>
            </card>
        },
        &json!({"elements": [
            {"tag": "column_set", "flex_mode": "bisect", "background_style": "grey", "horizontal_spacing": "8px",
             "action": {"multi_url": {"url": "https://a.example"}},
             "columns": [
                {"tag": "column", "width": "weighted", "weight": 2, "vertical_align": "center", "elements": [
                    {"tag": "markdown", "content": "left"},
                    {"tag": "button", "text": {"tag": "plain_text", "content": "in column"}},
                ]},
                {"tag": "column", "width": "120px", "elements": [
                    {"tag": "column_set", "columns": [{"tag": "column", "elements": [{"tag": "hr"}]}]},
                ]},
             ]},
            {"tag": "interactive_container", "width": "fill", "has_border": true,
             "behaviors": [{"type": "open_url", "default_url": "https://a.example"}],
             "elements": [{"tag": "markdown", "content": "click me"}],
             "confirm": {"title": {"tag": "plain_text", "content": "t"}, "text": {"tag": "plain_text", "content": "x"}}},
            {"tag": "collapsible_panel", "expanded": false, "border": {"color": "grey"},
             "header": {"icon_position": "right", "title": {"tag": "plain_text", "content": "more"}},
             "elements": [{"tag": "markdown", "content": "hidden"}]},
        ]}),
    );
}
