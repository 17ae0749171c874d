//! The "all properties" card JSON 2.0 example of each interactive component page
//! (`tests/fixtures/doc-examples/v2-62` to `v2-82`) written with `card!`: each
//! expansion equals the printed JSON and passes validation.
//!
//! Where an example carries something `card!` deliberately refuses (the quirks listed in
//! `tests/fixtures/doc-examples/README.md`: empty objects, fields without effect, form-only
//! fields outside a form, a placeholder tag), the test's doc comment names it and why; the card
//! is written without it and compared with the file without it, or the one component that needs
//! it is spliced through the explicit escape hatch, `ElementV2::from_json_unchecked`.

mod support;

use card_runtime::card;
use serde_json::{Value, json};
use support::{assert_card, unchecked, without};

/// `v2-74` to `v2-82`: the pickers, the checker and the image select.
#[path = "v2_doc_props/pickers.rs"]
mod pickers;

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).expect("fixture is JSON")
}

/// Refused by `card!`, so written without it and compared with the file without it:
/// `weight` beside `width: "auto"` has no effect, so `card!` refuses it;
/// the button with the 1.0 `url` field (2.0 keeps it only for old cards; `behaviors` is the 2.0 way) is spliced as an unchecked fragment.
#[test]
fn v2_62_button_showcase() {
    let card = card! {
        <card schema="2.0">
            <header template="blue" title="Buttons"/>
            <column_set flex_mode="flow" background_style="default">
                <column width="auto" vertical_align="top">
                    <button
                        text="镭射按钮"
                        behaviors=[
                            {
                                "type": "open_url",
                                "default_url": "https://open.feishu.cn/document",
                                "android_url": "https://developer.android.com/",
                                "ios_url": "lark://msgcard/unsupported_action",
                                "pc_url": "https://www.windows.com"
                            }
                        ]
                        type="laser"
                        hover_tips="hover提示"
                        value={ "key": "value" }
                    />
                </column>
                <column width="auto" vertical_align="top">
                    <button
                        type="laser"
                        text="镭射禁用按钮"
                        disabled
                        disabled_tips="禁用 hover 提示"
                        behaviors=[
                            {
                                "type": "open_url",
                                "default_url": "https://open.feishu.cn/document",
                                "android_url": "https://developer.android.com/",
                                "ios_url": "lark://msgcard/unsupported_action",
                                "pc_url": "https://www.windows.com"
                            }
                        ]
                    />
                </column>
            </column_set>
            <column_set flex_mode="flow" background_style="default">
                <column width="auto" vertical_align="top">
                    {unchecked(json!({
                        "tag": "button",
                        "text": {
                            "tag": "plain_text",
                            "content": "primary"
                        },
                        "url": "https://open.feishu.cn/document",
                        "type": "primary",
                        "hover_tips": {
                            "tag": "plain_text",
                            "content": "我是 primary button"
                        },
                        "value": {
                            "key": "value"
                        }
                    }))}
                </column>
                <column width="auto" vertical_align="top">
                    <button
                        type="default"
                        text="default"
                        hover_tips="我是 default 按钮"
                        behaviors=[
                            {
                                "type": "open_url",
                                "default_url": "https://open.feishu.cn/document",
                                "android_url": "https://developer.android.com/",
                                "ios_url": "lark://msgcard/unsupported_action",
                                "pc_url": "https://www.windows.com"
                            }
                        ]
                    />
                </column>
                <column width="auto" vertical_align="top">
                    <button
                        type="danger"
                        text="我是 danger 按钮"
                        hover_tips="我是 danger 按钮"
                        behaviors=[
                            {
                                "type": "open_url",
                                "default_url": "https://open.feishu.cn/document",
                                "android_url": "https://developer.android.com/",
                                "ios_url": "lark://msgcard/unsupported_action",
                                "pc_url": "https://www.windows.com"
                            }
                        ]
                    />
                </column>
                <column width="auto" vertical_align="top">
                    <button
                        type="danger"
                        text="我是 disabled 按钮"
                        disabled
                        disabled_tips="我是 disabled 按钮，我被禁用了"
                        behaviors=[
                            {
                                "type": "open_url",
                                "default_url": "https://open.feishu.cn/document",
                                "android_url": "https://developer.android.com/",
                                "ios_url": "lark://msgcard/unsupported_action",
                                "pc_url": "https://www.windows.com"
                            }
                        ]
                    />
                </column>
            </column_set>
        </card>
    };
    assert_card(
        &card,
        &without(
            fixture(include_str!(
                "fixtures/doc-examples/v2-62-button-showcase.json"
            )),
            &[
                "/body/elements/0/columns/0/weight",
                "/body/elements/0/columns/1/weight",
                "/body/elements/1/columns/0/weight",
                "/body/elements/1/columns/1/weight",
                "/body/elements/1/columns/2/weight",
                "/body/elements/1/columns/3/weight",
            ],
        ),
    );
}

/// Refused by `card!`, so written without it and compared with the file without it:
/// `required` outside a form: the docs say it errors or has no effect there, so `card!` refuses it.
#[test]
fn v2_63_input_all_props() {
    let card = card! {
        <card schema="2.0">
            <input
                element_id="custom_id"
                margin="0px 0px 0px 0px"
                name="input1"
                placeholder="请输入"
                default_value="demo"
                disabled=false
                disabled_tips="用户禁用提示文案"
                width="default"
                behaviors=[{ "type": "callback", "value": { "key_1": "value_1" } }]
                max_length=5
                input_type="multiline_text"
                rows=1
                auto_resize
                max_rows=5
                show_icon=false
                label="请输入文本："
                label_position="left"
                value={ "k": "v" }
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
                "fixtures/doc-examples/v2-63-input-all-props.json"
            )),
            &["/body/elements/0/required"],
        ),
    );
}

#[test]
fn v2_65_overflow_all_props() {
    let card = card! {
        <card schema="2.0">
            <overflow
                element_id="custom_id"
                margin="0px 0px 0px 0px"
                width="fill"
                options=[
                    {
                        "text": { "tag": "plain_text", "content": "这是一个链接跳转" },
                        "multi_url": {
                            "url": "https://open.feishu.cn/document/home/index",
                            "pc_url": "",
                            "ios_url": "",
                            "android_url": ""
                        },
                        "value": "document"
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
        &fixture(include_str!(
            "fixtures/doc-examples/v2-65-overflow-all-props.json"
        )),
    );
}

/// Refused by `card!`, so written without it and compared with the file without it:
/// `required` outside a form: the docs say it errors or has no effect there, so `card!` refuses it.
/// `initial_option: "选项1"` names no option and `initial_index: 2` is past its only option; `card!` refuses both.
#[test]
fn v2_67_select_static_all_props() {
    let card = card! {
        <card schema="2.0">
            <select_static
                element_id="custom_id"
                margin="0px 0px 0px 0px"
                type="text"
                name="select_static1"
                disabled=false
                placeholder="默认提示文本"
                width="default"
                behaviors=[{ "type": "callback", "value": { "key": "value" } }]
                options=[
                    {
                        "text": { "tag": "plain_text", "content": "我是交互组件" },
                        "icon": {
                            "tag": "standard_icon",
                            "token": "chat-forbidden_outlined",
                            "color": "orange",
                            "img_key": "img_v2_38811724"
                        },
                        "value": "selectDemo1"
                    }
                ]
                confirm={
                    "title": { "tag": "plain_text", "content": "弹窗标题" },
                    "text": { "tag": "plain_text", "content": "弹窗正文文案" }
                }
            />
        </card>
    };
    assert_card(
        &card,
        &without(
            fixture(include_str!(
                "fixtures/doc-examples/v2-67-select-static-all-props.json"
            )),
            &[
                "/body/elements/0/required",
                "/body/elements/0/initial_option",
                "/body/elements/0/initial_index",
            ],
        ),
    );
}

#[test]
fn v2_68_multi_select_static_all_props() {
    let card = card! {
        <card schema="2.0">
            <form padding="4px 0px 4px 0px" margin="0px 0px 0px 0px" name="Form_m8gyoz80">
                <multi_select_static
                    element_id="custom_id"
                    margin="0px 0px 0px 0px"
                    type="default"
                    name="multi_select_departments"
                    required
                    disabled=false
                    placeholder="默认提示文本"
                    width="default"
                    behaviors=[{ "type": "callback", "value": { "key_1": "value_1" } }]
                    selected_values=[]
                    options=[
                        {
                            "text": { "tag": "plain_text", "content": "我是交互组件" },
                            "icon": {
                                "tag": "standard_icon",
                                "token": "chat-forbidden_outlined",
                                "color": "orange",
                                "img_key": "img_v2_38811724"
                            },
                            "value": "selectDemo1"
                        }
                    ]
                    confirm={
                        "title": { "tag": "plain_text", "content": "弹窗标题" },
                        "text": { "tag": "plain_text", "content": "弹窗正文文案" }
                    }
                />
                <column_set>
                    <column width="auto" vertical_align="top">
                        <button
                            text="提交"
                            type="primary"
                            width="default"
                            form_action_type="submit"
                            name="Button_m8gyoz81"
                        />
                    </column>
                    <column width="auto" vertical_align="top">
                        <button
                            text="取消"
                            type="default"
                            width="default"
                            form_action_type="reset"
                            name="Button_m8gyoz82"
                        />
                    </column>
                </column_set>
            </form>
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!(
            "fixtures/doc-examples/v2-68-multi-select-static-all-props.json"
        )),
    );
}

/// Refused by `card!`, so written without it and compared with the file without it:
/// `required` outside a form: the docs say it errors or has no effect there, so `card!` refuses it.
#[test]
fn v2_70_select_person_all_props() {
    let card = card! {
        <card schema="2.0">
            <select_person
                element_id="custom_id"
                margin="0px 0px 0px 0px"
                type="text"
                disabled=false
                initial_option="ou_48d0958ee4b2ab3eaf0b5f6c968xxxxx"
                placeholder="默认提示文本"
                width="default"
                behaviors=[{ "type": "callback", "value": { "key_1": "value_1" } }]
                options=[
                    { "value": "ou_48d0958ee4b2ab3eaf0b5f6c968xxxxx" },
                    { "value": "ou_f9d24af786a14340721288cda6axxxxx" }
                ]
                confirm={
                    "title": { "tag": "plain_text", "content": "弹窗标题" },
                    "text": { "tag": "plain_text", "content": "弹窗正文文案" }
                }
            />
        </card>
    };
    assert_card(
        &card,
        &without(
            fixture(include_str!(
                "fixtures/doc-examples/v2-70-select-person-all-props.json"
            )),
            &["/body/elements/0/required"],
        ),
    );
}

#[test]
fn v2_72_multi_select_person_all_props() {
    let card = card! {
        <card schema="2.0">
            <form padding="4px 0px 4px 0px" margin="0px 0px 0px 0px" name="Form_m8gyoz80">
                <multi_select_person
                    element_id="custom_id"
                    margin="0px 0px 0px 0px"
                    type="text"
                    name="multi_select_users"
                    placeholder="默认提示文本"
                    width="default"
                    behaviors=[{ "type": "callback", "value": { "key_1": "value_1" } }]
                    required
                    disabled=false
                    selected_values=["ou_48d0958ee4b2ab3eaf0b5f6c968xxxxx"]
                    options=[
                        { "value": "ou_48d0958ee4b2ab3eaf0b5f6c968xxxxx" },
                        { "value": "ou_f9d24af786a14340721288cda6axxxxx" }
                    ]
                    confirm={
                        "title": { "tag": "plain_text", "content": "弹窗标题" },
                        "text": { "tag": "plain_text", "content": "弹窗正文文案" }
                    }
                />
                <column_set>
                    <column width="auto" vertical_align="top">
                        <button
                            text="提交"
                            type="primary"
                            width="default"
                            form_action_type="submit"
                            name="Button_m8gyoz81"
                        />
                    </column>
                    <column width="auto" vertical_align="top">
                        <button
                            text="取消"
                            type="default"
                            width="default"
                            form_action_type="reset"
                            name="Button_m8gyoz82"
                        />
                    </column>
                </column_set>
            </form>
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!(
            "fixtures/doc-examples/v2-72-multi-select-person-all-props.json"
        )),
    );
}
