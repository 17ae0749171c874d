//! `v2-74` to `v2-82` of the official card JSON 2.0 component examples written with `card!`, with
//! the same rules as the rest of `expand_v2_doc_props_interactive.rs`.

use card_runtime::card;

use super::fixture;
use super::support::{assert_card, without};

/// Refused by `card!`, so written without it and compared with the file without it:
/// `required` outside a form: the docs say it errors or has no effect there, so `card!` refuses it.
#[test]
fn v2_74_date_picker_all_props() {
    let card = card! {
        <card schema="2.0">
            <date_picker
                element_id="custom_id"
                margin="0px 0px 0px 0px"
                name="date_picker1"
                disabled=false
                width="default"
                behaviors=[{ "type": "callback", "value": { "key_1": "value_1" } }]
                initial_date="2024-01-01"
                placeholder="请选择"
                confirm={
                    "title": { "tag": "plain_text", "content": "title" },
                    "text": { "tag": "plain_text", "content": "content" }
                }
            />
        </card>
    };
    assert_card(
        &card,
        &without(
            fixture(include_str!(
                "../fixtures/doc-examples/v2-74-date-picker-all-props.json"
            )),
            &["/body/elements/0/required"],
        ),
    );
}

/// Refused by `card!`, so written without it and compared with the file without it:
/// `required` outside a form: the docs say it errors or has no effect there, so `card!` refuses it.
#[test]
fn v2_76_picker_time_all_props() {
    let card = card! {
        <card schema="2.0">
            <picker_time
                element_id="custom_id"
                margin="0px 0px 0px 0px"
                name="picker_time1"
                disabled=false
                width="default"
                behaviors=[{ "type": "callback", "value": { "key_1": "value_1" } }]
                initial_time="11:30"
                placeholder="请选择"
                value={ "key_1": "value_1" }
                confirm={
                    "title": { "tag": "plain_text", "content": "title" },
                    "text": { "tag": "plain_text", "content": "content" }
                }
            />
        </card>
    };
    assert_card(
        &card,
        &without(
            fixture(include_str!(
                "../fixtures/doc-examples/v2-76-picker-time-all-props.json"
            )),
            &["/body/elements/0/required"],
        ),
    );
}

/// Refused by `card!`, so written without it and compared with the file without it:
/// `required` outside a form: the docs say it errors or has no effect there, so `card!` refuses it.
#[test]
fn v2_78_picker_datetime_all_props() {
    let card = card! {
        <card schema="2.0">
            <picker_datetime
                element_id="custom_id"
                margin="0px 0px 0px 0px"
                name="picker_datetime1"
                disabled=false
                width="default"
                behaviors=[{ "type": "callback", "value": { "key_1": "value_1" } }]
                initial_datetime="2024-01-01 11:30"
                placeholder="请选择"
                confirm={
                    "title": { "tag": "plain_text", "content": "title" },
                    "text": { "tag": "plain_text", "content": "content" }
                }
            />
        </card>
    };
    assert_card(
        &card,
        &without(
            fixture(include_str!(
                "../fixtures/doc-examples/v2-78-picker-datetime-all-props.json"
            )),
            &["/body/elements/0/required"],
        ),
    );
}

/// Refused by `card!`, so written without it and compared with the file without it:
/// `hover_tips: {}` and `disabled_tips: {}`: an empty tip object has no effect, so `card!` refuses it.
#[test]
fn v2_80_checker_all_props() {
    let card = card! {
        <card schema="2.0">
            <checker
                element_id="custom_id"
                name="check_1"
                checked=false
                text={
                    "tag": "plain_text",
                    "content": "",
                    "text_size": "normal",
                    "text_color": "default",
                    "text_align": "left"
                }
                overall_checkable
                button_area={
                    "pc_display_rule": "always",
                    "buttons": [
                        {
                            "tag": "button",
                            "type": "text",
                            "size": "small",
                            "text": { "tag": "plain_text", "content": "text按钮" },
                            "icon": {
                                "tag": "standard_icon",
                                "token": "chat-forbidden_outlined",
                                "color": "orange",
                                "img_key": "img_v2_38811724"
                            },
                            "disabled": false,
                            "behaviors": []
                        }
                    ]
                }
                checked_style={ "show_strikethrough": true, "opacity": 1 }
                margin="0px"
                padding="0px"
                confirm={
                    "title": { "tag": "plain_text", "content": "title" },
                    "text": { "tag": "plain_text", "content": "content" }
                }
                behaviors=[{ "type": "callback", "value": { "key_1": "value_1" } }]
                disabled=false
            />
        </card>
    };
    assert_card(
        &card,
        &without(
            fixture(include_str!(
                "../fixtures/doc-examples/v2-80-checker-all-props.json"
            )),
            &[
                "/body/elements/0/hover_tips",
                "/body/elements/0/disabled_tips",
            ],
        ),
    );
}

/// Refused by `card!`, so written without it and compared with the file without it:
/// `required` outside a form: the docs say it errors or has no effect there, so `card!` refuses it.
#[test]
fn v2_82_select_img_all_props() {
    let card = card! {
        <card schema="2.0">
            <select_img
                element_id="custom_id"
                margin="0px 0px 0px 0px"
                multi_select=false
                layout="bisect"
                name="choice_123"
                can_preview=false
                aspect_ratio="16:9"
                disabled=false
                disabled_tips="用户禁用提示文案"
                value={ "key": "value" }
                options=[
                    {
                        "img_key": "xxxxxxxxxxxxxx",
                        "value": "picture1",
                        "disabled": false,
                        "disabled_tips": { "tag": "plain_text", "content": "用户禁用提示文案" },
                        "hover_tips": { "tag": "plain_text", "content": "第一张图" }
                    }
                ]
                behaviors=[{ "type": "callback", "value": { "key_1": "value_1" } }]
                confirm={
                    "title": { "tag": "plain_text", "content": "title" },
                    "text": { "tag": "plain_text", "content": "content" }
                }
            />
        </card>
    };
    assert_card(
        &card,
        &without(
            fixture(include_str!(
                "../fixtures/doc-examples/v2-82-select-img-all-props.json"
            )),
            &["/body/elements/0/required"],
        ),
    );
}
