//! `card!` for card JSON 2.0 (`<card schema="2.0">`): every component and card-level feature
//! against the JSON the reference (`feishu-reference-v2.md`) documents, the 2.0 sugar of the
//! mapping table, and a typed callback value that comes back as its type from a click.

mod callback_support;
mod support;

use std::sync::{Arc, Mutex};

use callback_support::{TOKEN, now, run};
use card_runtime::callback::{
    ActionContext, CallbackConfig, CallbackEndpoint, CallbackRequest, CallbackSigner, ClickEvent,
    Generation, Router, Toast,
};
use card_runtime::{ElementV2, card};
use serde::{Deserialize, Serialize};
use serde_json::json;
use support::assert_card;

#[test]
fn card_level_schema_config_link_header_and_body_layout() {
    let card = card! {
        <card schema="2.0"
            config={
                "streaming_mode": false,
                "summary": { "content": "审批" },
                "locales": ["zh_cn", "en_us"],
                "width_mode": "fill",
                "style": { "color": { "c0": { "light_mode": "rgba(0,0,0,1)", "dark_mode": "rgba(255,255,255,1)" } } }
            }
            card_link={ "url": "https://open.feishu.cn" }>
            <header template="green" padding="12px 8px" icon={ "tag": "standard_icon", "token": "approve_outlined" }
                    subtitle="副标题">
                "标题"
                <text_tag color="green">"已通过"</text_tag>
            </header>
            <body direction="vertical" padding="12px 12px 12px 12px" vertical_spacing="8px"
                  horizontal_align="left">
                <hr/>
            </body>
        </card>
    };
    assert_card(
        &card,
        &json!({
            "schema": "2.0",
            "config": {
                "streaming_mode": false,
                "summary": {"content": "审批"},
                "locales": ["zh_cn", "en_us"],
                "width_mode": "fill",
                "style": {"color": {"c0": {"light_mode": "rgba(0,0,0,1)", "dark_mode": "rgba(255,255,255,1)"}}}
            },
            "card_link": {"url": "https://open.feishu.cn"},
            "header": {
                "template": "green",
                "padding": "12px 8px",
                "icon": {"tag": "standard_icon", "token": "approve_outlined"},
                "title": {"tag": "plain_text", "content": "标题"},
                "subtitle": {"tag": "plain_text", "content": "副标题"},
                "text_tag_list": [
                    {"tag": "text_tag", "color": "green", "text": {"tag": "plain_text", "content": "已通过"}}
                ]
            },
            "body": {
                "direction": "vertical",
                "padding": "12px 12px 12px 12px",
                "vertical_spacing": "8px",
                "horizontal_align": "left",
                "elements": [{"tag": "hr"}]
            }
        }),
    );
}

#[test]
fn components_of_the_card_go_to_body_elements() {
    let card = card! { <card schema="2.0"><markdown>"hi"</markdown><hr/></card> };
    assert_card(
        &card,
        &json!({"schema": "2.0", "body": {"elements": [
            {"tag": "markdown", "content": "hi"},
            {"tag": "hr"}
        ]}}),
    );
}

#[test]
fn display_components() {
    let title = "周报";
    let card = card! {
        <card schema="2.0">
            <div element_id="intro" margin="0px 0px 8px 0px"
                 icon={ "tag": "standard_icon", "token": "chat_outlined", "color": "orange" }>
                <plain_text text_size="heading" text_color="grey" text_align="center" lines=2>"{title}"</plain_text>
            </div>
            <markdown text_align="left" text_size="normal_v2">"**{title}**"</markdown>
            <img img_key="img_v2_041b28e3-5680-48c2-9af2-497ace79333g" alt="图片" scale_type="crop_center"
                 size="large" corner_radius="8px" preview=false/>
            <img_combination combination_mode="double" corner_radius="4px"
                 img_list=[{ "img_key": "img_a" }, { "img_key": "img_b" }]/>
            <person user_id="ou_449b53ad6aee526f7ed311b216aabcef" size="medium" show_avatar show_name style="normal"/>
            <person_list persons=[{ "id": "ou_449b53ad6aee526f7ed311b216aabcef" }] size="small" lines=1/>
            <chart aspect_ratio="16:9" chart_spec={ "type": "bar", "data": { "values": [{ "x": "a", "y": 1 }] }, "xField": "x", "yField": "y" }/>
            <table page_size=5 row_height="low" freeze_first_column
                   columns=[{ "name": "name", "display_name": "姓名", "data_type": "text" }]
                   rows=[{ "name": "张三" }]/>
            <hr margin="4px 0px"/>
        </card>
    };
    assert_card(
        &card,
        &json!({"schema": "2.0", "body": {"elements": [
            {"tag": "div", "element_id": "intro", "margin": "0px 0px 8px 0px",
             "icon": {"tag": "standard_icon", "token": "chat_outlined", "color": "orange"},
             "text": {"tag": "plain_text", "content": "周报", "text_size": "heading",
                      "text_color": "grey", "text_align": "center", "lines": 2}},
            {"tag": "markdown", "content": "**周报**", "text_align": "left", "text_size": "normal_v2"},
            {"tag": "img", "img_key": "img_v2_041b28e3-5680-48c2-9af2-497ace79333g", "alt": {"tag": "plain_text", "content": "图片"},
             "scale_type": "crop_center", "size": "large", "corner_radius": "8px", "preview": false},
            {"tag": "img_combination", "combination_mode": "double", "corner_radius": "4px",
             "img_list": [{"img_key": "img_a"}, {"img_key": "img_b"}]},
            {"tag": "person", "user_id": "ou_449b53ad6aee526f7ed311b216aabcef", "size": "medium",
             "show_avatar": true, "show_name": true, "style": "normal"},
            {"tag": "person_list", "persons": [{"id": "ou_449b53ad6aee526f7ed311b216aabcef"}], "size": "small", "lines": 1},
            {"tag": "chart", "aspect_ratio": "16:9", "chart_spec": {"type": "bar", "data": {"values": [{"x": "a", "y": 1}]}, "xField": "x", "yField": "y"}},
            {"tag": "table", "page_size": 5, "row_height": "low", "freeze_first_column": true,
             "columns": [{"name": "name", "display_name": "姓名", "data_type": "text"}],
             "rows": [{"name": "张三"}]},
            {"tag": "hr", "margin": "4px 0px"}
        ]}}),
    );
}

#[test]
fn audio_needs_forwarding_off() {
    let card = card! {
        <card schema="2.0" config={ "enable_forward": false }>
            <audio file_key="file_v3_00ab" audio_id="a1" show_time style="speak" width="fill"/>
        </card>
    };
    assert_card(
        &card,
        &json!({"schema": "2.0", "config": {"enable_forward": false}, "body": {"elements": [
            {"tag": "audio", "file_key": "file_v3_00ab", "audio_id": "a1", "show_time": true,
             "style": "speak", "width": "fill"}
        ]}}),
    );
}

#[test]
fn containers() {
    let card = card! {
        <card schema="2.0">
            <column_set flex_mode="bisect" horizontal_spacing="8px" background_style="grey"
                        action={ "multi_url": { "url": "https://open.feishu.cn" } }>
                <column width="weighted" weight=2 vertical_align="center" padding="4px" direction="vertical">
                    <markdown>"左"</markdown>
                </column>
                <column width="auto"><markdown>"右"</markdown></column>
            </column_set>
            <interactive_container width="fill" has_border border_color="grey" corner_radius="8px"
                    behaviors=[{ "type": "open_url", "default_url": "https://open.feishu.cn" }]>
                <markdown>"打开"</markdown>
            </interactive_container>
            <collapsible_panel expanded border={ "color": "grey", "corner_radius": "5px" }>
                <header icon_position="right" icon_expanded_angle=-180><markdown>"**详情**"</markdown></header>
                <markdown>"内容"</markdown>
            </collapsible_panel>
            <form name="f" direction="vertical" vertical_spacing="12px">
                <input name="reason" required placeholder="原因" max_length=100/>
                <button name="submit" type="primary" form_action_type="submit">"提交"</button>
            </form>
        </card>
    };
    assert_card(
        &card,
        &json!({"schema": "2.0", "body": {"elements": [
            {"tag": "column_set", "flex_mode": "bisect", "horizontal_spacing": "8px", "background_style": "grey",
             "action": {"multi_url": {"url": "https://open.feishu.cn"}},
             "columns": [
                {"tag": "column", "width": "weighted", "weight": 2, "vertical_align": "center", "padding": "4px",
                 "direction": "vertical", "elements": [{"tag": "markdown", "content": "左"}]},
                {"tag": "column", "width": "auto", "elements": [{"tag": "markdown", "content": "右"}]}
             ]},
            {"tag": "interactive_container", "width": "fill", "has_border": true, "border_color": "grey",
             "corner_radius": "8px",
             "behaviors": [{"type": "open_url", "default_url": "https://open.feishu.cn"}],
             "elements": [{"tag": "markdown", "content": "打开"}]},
            {"tag": "collapsible_panel", "expanded": true, "border": {"color": "grey", "corner_radius": "5px"},
             "header": {"icon_position": "right", "icon_expanded_angle": -180,
                        "title": {"tag": "markdown", "content": "**详情**"}},
             "elements": [{"tag": "markdown", "content": "内容"}]},
            {"tag": "form", "name": "f", "direction": "vertical", "vertical_spacing": "12px", "elements": [
                {"tag": "input", "name": "reason", "required": true,
                 "placeholder": {"tag": "plain_text", "content": "原因"}, "max_length": 100},
                {"tag": "button", "name": "submit", "type": "primary", "form_action_type": "submit",
                 "text": {"tag": "plain_text", "content": "提交"}}
            ]}
        ]}}),
    );
}

#[test]
fn interactive_components() {
    let card = card! {
        <card schema="2.0">
            <form name="pick">
                <select_static name="env" placeholder="环境" initial_option="prod">
                    <option value="prod">"生产"</option>
                    <option value="test">"测试"</option>
                </select_static>
                <multi_select_static name="tags" placeholder="标签" selected_values=["a"]>
                    <option value="a">"A"</option>
                    <option value="b">"B"</option>
                </multi_select_static>
                <select_person name="owner" placeholder="负责人"/>
                <multi_select_person name="watchers" placeholder="关注人"/>
                <date_picker name="day" placeholder="日期" initial_date="2024-01-01"/>
                <picker_time name="time" placeholder="时间" initial_time="10:00"/>
                <picker_datetime name="at" placeholder="时刻" initial_datetime="2024-01-01 10:00"/>
                <select_img name="cover" multi_select=false options=[{ "img_key": "img_a", "value": "a" }]/>
                <button name="go" form_action_type="submit">"提交"</button>
            </form>
            <overflow width="fill" options=[{ "text": { "tag": "plain_text", "content": "更多" }, "value": "more" }]/>
            <checker checked=false text={ "tag": "plain_text", "content": "完成" }
                     behaviors=[{ "type": "callback", "value": { "task": 1 } }]/>
            <button type="primary_filled" size="medium" width="default"
                    icon={ "tag": "standard_icon", "token": "done_outlined" }
                    hover_tips="点击完成" disabled=false
                    behaviors=[
                        { "type": "open_url", "default_url": "https://open.feishu.cn" },
                        { "type": "callback", "value": { "done": true } }
                    ]>
                "完成"
                <confirm title="确认" text="确定完成吗？"/>
            </button>
        </card>
    };
    let value = card.as_value();
    let form = &value["body"]["elements"][0]["elements"];
    assert_eq!(
        form[0]["options"][1],
        json!({"text": {"tag": "plain_text", "content": "测试"}, "value": "test"})
    );
    assert_eq!(form[0]["initial_option"], "prod");
    assert_eq!(form[1]["selected_values"], json!(["a"]));
    assert_eq!(
        form[2],
        json!({"tag": "select_person", "name": "owner", "placeholder": {"tag": "plain_text", "content": "负责人"}})
    );
    assert_eq!(form[4]["initial_date"], "2024-01-01");
    assert_eq!(
        form[7],
        json!({"tag": "select_img", "name": "cover", "multi_select": false, "options": [{"img_key": "img_a", "value": "a"}]})
    );
    let elements = &value["body"]["elements"];
    assert_eq!(elements[1]["options"][0]["value"], "more");
    assert_eq!(
        elements[2]["behaviors"],
        json!([{"type": "callback", "value": {"task": 1}}])
    );
    assert_eq!(
        elements[3],
        json!({
            "tag": "button", "type": "primary_filled", "size": "medium", "width": "default",
            "icon": {"tag": "standard_icon", "token": "done_outlined"},
            "hover_tips": {"tag": "plain_text", "content": "点击完成"}, "disabled": false,
            "behaviors": [
                {"type": "open_url", "default_url": "https://open.feishu.cn"},
                {"type": "callback", "value": {"done": true}}
            ],
            "text": {"tag": "plain_text", "content": "完成"},
            "confirm": {"title": {"tag": "plain_text", "content": "确认"}, "text": {"tag": "plain_text", "content": "确定完成吗？"}}
        })
    );
    assert!(card.validate().is_ok(), "{:#?}", card.validate());
}

#[test]
fn per_field_i18n() {
    let who = "*Ann*";
    let card = card! {
        <card schema="2.0" config={ "locales": ["zh_cn", "en_us"] }>
            <header>"审批" <i18n lang="en_us">"Approval"</i18n></header>
            <markdown>"**{who}** 已提交"<i18n lang="en_us">"**{who}** submitted"</i18n></markdown>
            <div><i18n lang="zh_cn">"中文"</i18n><i18n lang="en_us">"English"</i18n></div>
            <button type="primary" behaviors=[{ "type": "callback", "value": { "ok": 1 } }]>
                "同意"<i18n lang="en_us">{who}</i18n>
            </button>
        </card>
    };
    assert_card(
        &card,
        &json!({
            "schema": "2.0",
            "config": {"locales": ["zh_cn", "en_us"]},
            "header": {"title": {"tag": "plain_text", "content": "审批", "i18n_content": {"en_us": "Approval"}}},
            "body": {"elements": [
                // Markdown: interpolated values are escaped in every locale.
                {"tag": "markdown", "content": "**&#42;Ann&#42;** 已提交",
                 "i18n_content": {"en_us": "**&#42;Ann&#42;** submitted"}},
                {"tag": "div", "text": {"tag": "plain_text", "i18n_content": {"zh_cn": "中文", "en_us": "English"}}},
                // Plain text: never escaped.
                {"tag": "button", "type": "primary", "behaviors": [{"type": "callback", "value": {"ok": 1}}],
                 "text": {"tag": "plain_text", "content": "同意", "i18n_content": {"en_us": "*Ann*"}}}
            ]}
        }),
    );
}

/// What the approval buttons carry: the handler gets it back as this type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
enum Approval {
    Approve { id: u64 },
    Decline { id: u64, reason: String },
}

fn decision(label: &str, action: Approval) -> ElementV2 {
    card! { schema = "2.0";
        <button type="primary" behaviors=[{ "type": "callback", "value": {action} }]>"{label}"</button>
    }
}

#[test]
fn a_typed_callback_value_comes_back_as_its_type() {
    let decline = Approval::Decline {
        id: 7,
        reason: "预算不足".into(),
    };
    let card = card! {
        <card schema="2.0">
            <column_set>
                <column>{decision("批准", Approval::Approve { id: 7 })}</column>
                <column>{decision("拒绝", decline.clone())}</column>
            </column_set>
        </card>
    };
    let button = &card["body"]["elements"][0]["columns"][1]["elements"][0];
    assert_eq!(
        button["behaviors"],
        json!([{"type": "callback", "value": {"action": "decline", "id": 7, "reason": "预算不足"}}])
    );
    assert!(card.validate().is_ok());

    // Feishu echoes a callback behavior's `value` as `event.action.value` (reference-v2 §2.13):
    // the click a user makes on that button reaches the handler as an `Approval`.
    let got = Arc::new(Mutex::new(None));
    let seen = Arc::clone(&got);
    let router = Router::new().on(move |approval: Approval, _cx: ActionContext| {
        *seen.lock().unwrap() = Some(approval);
        async { Toast::success("ok") }
    });
    let endpoint = CallbackEndpoint::new(CallbackConfig::new(TOKEN), router);
    let click = ClickEvent::button("ou_1", "om_1", button["behaviors"][0]["value"].clone());
    let signed =
        CallbackSigner::new(TOKEN).click(Generation::V2, &click, false, now(), "n", [0; 16]);
    let mut request = CallbackRequest::new(&signed.body);
    for (name, value) in &signed.headers {
        request = request.header(name, value);
    }
    assert_eq!(run(&endpoint, &request).status(), 200);
    assert_eq!(got.lock().unwrap().take(), Some(decline));
}

#[test]
fn fragments_loops_and_conditions_in_a_2_0_card() {
    let rows = ["a", "b"];
    let extra: Option<ElementV2> = Some(card! { schema = "2.0"; <hr/> });
    let more: Vec<ElementV2> = rows
        .iter()
        .map(|row| card! { schema = "2.0"; <markdown>"{row}"</markdown> })
        .collect();
    let card = card! {
        <card schema="2.0">
            for row in rows { <div text="{row}"/> }
            if rows.len() > 1 { <hr/> } else { <markdown>"one"</markdown> }
            {extra}
            {more}
            <column_set><column>{card! { schema = "2.0"; <hr/> }}</column></column_set>
        </card>
    };
    assert_card(
        &card,
        &json!({"schema": "2.0", "body": {"elements": [
            {"tag": "div", "text": {"tag": "plain_text", "content": "a"}},
            {"tag": "div", "text": {"tag": "plain_text", "content": "b"}},
            {"tag": "hr"},
            {"tag": "hr"},
            {"tag": "markdown", "content": "a"},
            {"tag": "markdown", "content": "b"},
            {"tag": "column_set", "columns": [{"tag": "column", "elements": [{"tag": "hr"}]}]}
        ]}}),
    );
}

#[test]
fn a_1_0_card_is_unchanged_by_the_version_plumbing() {
    let card = card! { <card><div text="x"/></card> };
    assert_eq!(
        card.as_value(),
        &json!({"elements": [{"tag": "div", "text": {"tag": "plain_text", "content": "x"}}]})
    );
}

#[test]
fn config_as_a_part_and_i18n_maps_as_attributes() {
    let card = card! {
        <card schema="2.0">
            <config streaming_mode width_mode="compact" summary={ "content": "生成中", "i18n_content": { "en_us": "Generating" } }/>
            <markdown i18n_content={ "en_us": "Hello" }>"你好"</markdown>
            <img img_key="img_v2_a" alt="a" i18n_img_key={ "en_us": "img_v2_b" }/>
        </card>
    };
    assert_card(
        &card,
        &json!({
            "schema": "2.0",
            "config": {
                "streaming_mode": true,
                "width_mode": "compact",
                "summary": {"content": "生成中", "i18n_content": {"en_us": "Generating"}}
            },
            "body": {"elements": [
                {"tag": "markdown", "content": "你好", "i18n_content": {"en_us": "Hello"}},
                {"tag": "img", "img_key": "img_v2_a", "alt": {"tag": "plain_text", "content": "a"},
                 "i18n_img_key": {"en_us": "img_v2_b"}}
            ]}
        }),
    );
}

#[test]
fn body_layout_beside_run_time_components() {
    let notes = ["一", "二"];
    let card = card! {
        <card schema="2.0">
            <body horizontal_spacing="8px" direction="horizontal">
                for note in notes { <markdown>"{note}"</markdown> }
            </body>
        </card>
    };
    assert_card(
        &card,
        &json!({"schema": "2.0", "body": {
            "horizontal_spacing": "8px",
            "direction": "horizontal",
            "elements": [{"tag": "markdown", "content": "一"}, {"tag": "markdown", "content": "二"}]
        }}),
    );
}

#[test]
fn card_attributes_fill_body_layout_and_config() {
    let card = card! {
        <card schema="2.0" padding="12px" vertical_spacing="8px" update_multi enable_forward=false>
            <audio file_key="file_v3_00ab"/>
        </card>
    };
    assert_card(
        &card,
        &json!({
            "schema": "2.0",
            "config": {"update_multi": true, "enable_forward": false},
            "body": {
                "padding": "12px",
                "vertical_spacing": "8px",
                "elements": [{"tag": "audio", "file_key": "file_v3_00ab"}]
            }
        }),
    );
}

#[test]
fn fragments_by_reference_are_copied() {
    let shared: Vec<ElementV2> = vec![card! { schema = "2.0"; <hr/> }];
    let card = card! {
        <card schema="2.0">
            {&shared}
            <column_set><column>{shared.iter()}</column></column_set>
        </card>
    };
    assert_eq!(shared.len(), 1);
    assert_card(
        &card,
        &json!({"schema": "2.0", "body": {"elements": [
            {"tag": "hr"},
            {"tag": "column_set", "columns": [{"tag": "column", "elements": [{"tag": "hr"}]}]}
        ]}}),
    );
}
