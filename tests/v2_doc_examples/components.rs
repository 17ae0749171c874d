//! `v2-07` to `v2-12` of the official card JSON 2.0 examples written with `card!`, with the same
//! rules as the rest of `expand_v2_doc_examples.rs` (the quirks are named in each test's doc).

use card_runtime::card;
use serde_json::json;

use super::fixture;
use super::support::{assert_card, unchecked, without};

/// Refused by `card!`, so written without it and compared with the file without it:
/// `weight` beside `width: "auto"` has no effect (`weight` needs `width: "weighted"`), so `card!` refuses it;
/// the `img` without `alt` is spliced as an unchecked fragment, since `card!` requires `alt` (without it Feishu shows no hover text).
#[test]
fn v2_07_interactive_container() {
    let card = card! {
        <card schema="2.0">
            <header
                title="交互容器示例"
                icon={ "tag": "standard_icon", "token": "chat_outlined", "color": "orange" }
            />
            <markdown>"在「内容创作」话题下，我可以帮助你进行产品方案、营销文案、工作报告等内容的创作。"</markdown>
            <column_set flex_mode="none" background_style="default">
                <column width="weighted" weight=1 vertical_align="top" vertical_spacing="8px">
                    <markdown text_size="notation">"你可以对我说："</markdown>
                    <interactive_container
                        width="fill"
                        height="auto"
                        horizontal_align="left"
                        background_style="default"
                        has_border
                        border_color="grey"
                        corner_radius="8px"
                        padding="4px 12px 4px 12px"
                        behaviors=[{ "type": "callback", "value": { "key": "value" } }]
                    >
                        <markdown
                            icon={
                                "tag": "standard_icon",
                                "token": "frame-selection_outlined",
                                "color": "orange"
                            }
                        >"帮我生成一篇产品方案的框架"</markdown>
                    </interactive_container>
                    <interactive_container
                        width="fill"
                        height="auto"
                        horizontal_align="left"
                        background_style="default"
                        has_border
                        border_color="grey"
                        corner_radius="8px"
                        padding="4px 12px 4px 12px"
                        behaviors=[{ "type": "callback", "value": { "key": "value" } }]
                        disabled=false
                    >
                        <markdown
                            icon={
                                "tag": "standard_icon",
                                "token": "file-link-docx_outlined",
                                "color": "orange"
                            }
                        >"帮我生成一篇产品文案"</markdown>
                    </interactive_container>
                    <interactive_container
                        width="fill"
                        height="auto"
                        horizontal_align="left"
                        background_style="default"
                        has_border
                        border_color="grey"
                        corner_radius="8px"
                        padding="4px 12px 4px 12px"
                        behaviors=[{ "type": "callback", "value": { "key": "value" } }]
                        disabled=false
                    >
                        <markdown
                            icon={
                                "tag": "standard_icon",
                                "token": "pa-calibration-report_outlined",
                                "color": "orange"
                            }
                        >"帮我写一篇周报"</markdown>
                    </interactive_container>
                </column>
            </column_set>
            <column_set flex_mode="none" background_style="default">
                <column width="weighted" weight=1 vertical_align="top" vertical_spacing="8px">
                    <markdown text_size="notation">"或者继续之前的话题"</markdown>
                    <interactive_container
                        width="fill"
                        height="auto"
                        horizontal_align="left"
                        background_style="default"
                        has_border
                        border_color="grey"
                        corner_radius="8px"
                        padding="4px 12px 4px 12px"
                        behaviors=[{ "type": "callback", "value": { "key": "value" } }]
                        disabled=false
                    >
                        <column_set flex_mode="none" background_style="default">
                            <column width="weighted" weight=1 vertical_align="center">
                                <markdown icon={ "tag": "standard_icon", "token": "chat-history_outlined" }>"内容创作:创作暑假营销活动文案"</markdown>
                            </column>
                            <column width="auto" vertical_align="center">
                                <markdown text_size="notation">"昨天"</markdown>
                            </column>
                        </column_set>
                    </interactive_container>
                    <interactive_container
                        width="fill"
                        height="auto"
                        horizontal_align="left"
                        background_style="default"
                        has_border
                        border_color="grey"
                        corner_radius="8px"
                        padding="4px 12px 4px 12px"
                        behaviors=[{ "type": "callback", "value": { "key": "value" } }]
                        disabled=false
                    >
                        <column_set flex_mode="none" background_style="default">
                            <column width="weighted" weight=1 vertical_align="center">
                                <markdown icon={ "tag": "standard_icon", "token": "chat-history_outlined" }>"内容创作:生成了季度工作报告"</markdown>
                            </column>
                            <column width="auto" vertical_align="center">
                                <markdown text_size="notation">"上周"</markdown>
                            </column>
                        </column_set>
                    </interactive_container>
                    <interactive_container
                        width="fill"
                        height="auto"
                        horizontal_align="left"
                        background_style="default"
                        has_border
                        border_color="grey"
                        corner_radius="8px"
                        padding="4px 12px 4px 12px"
                        behaviors=[{ "type": "callback", "value": { "key": "value" } }]
                        disabled=false
                    >
                        <markdown icon={ "tag": "standard_icon", "token": "chat-history_outlined" }>"更多历史话题"</markdown>
                    </interactive_container>
                </column>
            </column_set>
            <column_set flex_mode="none" background_style="default">
                <column width="weighted" weight=1 vertical_align="top" vertical_spacing="8px">
                    <div
                        text={
                            "tag": "plain_text",
                            "text_size": "notation",
                            "content": "本话题中已选择以下插件",
                            "text_color": "grey"
                        }
                    />
                    <interactive_container
                        width="auto"
                        height="auto"
                        horizontal_align="left"
                        background_style="grey"
                        has_border=false
                        border_color="grey"
                        corner_radius="40px"
                        padding="2px 8px 2px 4px"
                        behaviors=[{ "type": "callback", "value": { "key": "value" } }]
                        disabled=false
                    >
                        <column_set flex_mode="none" background_style="default" horizontal_spacing="4px">
                            <column width="auto" vertical_align="center" vertical_spacing="8px">
                                {unchecked(json!({
                                    "tag": "img",
                                    "img_key": "img_v2_58e37110-6878-44ee-bce4-7a571c1bb70g",
                                    "transparent": true,
                                    "scale_type": "crop_center",
                                    "size": "18px 18px",
                                    "preview": false
                                }))}
                            </column>
                            <column width="weighted" weight=1 vertical_align="center" vertical_spacing="8px">
                                <markdown>"妙记插件"</markdown>
                            </column>
                        </column_set>
                    </interactive_container>
                </column>
            </column_set>
        </card>
    };
    assert_card(
        &card,
        &without(
            fixture(include_str!(
                "../fixtures/doc-examples/v2-07-interactive-container.json"
            )),
            &[
                "/body/elements/2/columns/0/elements/1/elements/0/columns/1/weight",
                "/body/elements/2/columns/0/elements/2/elements/0/columns/1/weight",
                "/body/elements/3/columns/0/elements/1/elements/0/columns/0/weight",
            ],
        ),
    );
}

#[test]
fn v2_08_table() {
    let card = card! {
        <card schema="2.0">
            <header template="blue" title="表格组件示例"/>
            <table
                page_size=5
                row_height="auto"
                header_style={
                    "text_align": "left",
                    "text_size": "normal",
                    "background_style": "none",
                    "text_color": "grey",
                    "bold": true,
                    "lines": 1
                }
                columns=[
                    {
                        "name": "customer_name",
                        "display_name": "客户名称",
                        "data_type": "text",
                        "horizontal_align": "left",
                        "vertical_align": "top",
                        "width": "auto"
                    },
                    {
                        "name": "customer_scale",
                        "display_name": "客户规模",
                        "data_type": "options",
                        "horizontal_align": "left",
                        "vertical_align": "top",
                        "width": "auto"
                    },
                    {
                        "name": "customer_arr",
                        "display_name": "ARR(万元)",
                        "data_type": "number",
                        "format": { "symbol": "¥", "precision": 2, "separator": true },
                        "width": "auto"
                    },
                    {
                        "name": "customer_poc",
                        "display_name": "跟进人",
                        "data_type": "persons",
                        "horizontal_align": "left",
                        "vertical_align": "top",
                        "width": "auto"
                    },
                    {
                        "name": "customer_date",
                        "display_name": "签约日期",
                        "data_type": "date",
                        "date_format": "YYYY/MM/DD",
                        "width": "auto"
                    },
                    {
                        "name": "customer_link",
                        "display_name": "相关链接",
                        "data_type": "lark_md",
                        "width": "auto"
                    },
                    { "name": "company_image", "display_name": "企业图片", "data_type": "markdown" }
                ]
                rows=[
                    {
                        "customer_name": "飞书科技",
                        "customer_date": 1699341315000,
                        "customer_scale": [{ "text": "S2", "color": "blue" }],
                        "customer_arr": 168,
                        "customer_poc": ["ou_14a32f1a02e64944cf19207aa43abcef", "ou_e393cf9c22e6e617a4332210d2aabcef"],
                        "customer_link": "[飞书科技](/document-mod/index?fullPath=/uAjLw4CM/ukTMukTMukTM/reference/im-v1/message-reaction/emojis-introduce)",
                        "company_image": "![image.png](img_v3_02cc_bf88cdee-6650-4b39-987c-f8e87c3227fg)"
                    },
                    {
                        "customer_name": "飞书科技_01",
                        "customer_date": 1606101072000,
                        "customer_scale": [{ "text": "S1", "color": "red" }],
                        "customer_arr": 168.23,
                        "customer_poc": "ou_14a32f1a02e64944cf19207aa43abcef",
                        "customer_link": "[飞书科技_01](/document-mod/index?fullPath=/uAjLw4CM/ukTMukTMukTM/reference/im-v1/message-reaction/emojis-introduce)",
                        "company_image": "![image.png](img_v3_02cc_bf88cdee-6650-4b39-987c-f8e87c3227fg)"
                    },
                    {
                        "customer_name": "飞书科技_02",
                        "customer_date": 1606101072000,
                        "customer_scale": [{ "text": "S3", "color": "orange" }],
                        "customer_arr": 168.23,
                        "customer_poc": "ou_14a32f1a02e64944cf19207aa43abcef",
                        "customer_link": "[飞书科技_02](/document-mod/index?fullPath=/uAjLw4CM/ukTMukTMukTM/reference/im-v1/message-reaction/emojis-introduce)",
                        "company_image": "![image.png](img_v3_02cc_bf88cdee-6650-4b39-987c-f8e87c3227fg)"
                    },
                    {
                        "customer_name": "飞书科技_03",
                        "customer_date": 1606101072000,
                        "customer_scale": [{ "text": "S2", "color": "blue" }],
                        "customer_arr": 168.23,
                        "customer_poc": "ou_14a32f1a02e64944cf19207aa43abcef",
                        "customer_link": "[飞书科技_03](/document-mod/index?fullPath=/uAjLw4CM/ukTMukTMukTM/reference/im-v1/message-reaction/emojis-introduce)",
                        "company_image": "![image.png](img_v3_02cc_bf88cdee-6650-4b39-987c-f8e87c3227fg)"
                    }
                ]
            />
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!("../fixtures/doc-examples/v2-08-table.json")),
    );
}

#[test]
fn v2_09_markdown_headings() {
    let card = card! {
        <card schema="2.0">
            <markdown margin="0px 0px 0px 0px" text_align="left" text_size="normal">"# 一级标题"</markdown>
            <markdown>"标准emoji 😁😢🌞💼🏆❌✅\n飞书emoji :OK::THUMBSUP:\n*斜体* **粗体** ~~删除线~~ \n<font color='red'>这是红色文本</font>\n<text_tag color=\"blue\">标签</text_tag>\n[文字链接](https://open.feishu.cn/document/server-docs/im-v1/message-reaction/emojis-introduce)\n<link icon='chat_outlined' url='https://open.feishu.cn' pc_url='' ios_url='' android_url=''>带图标的链接</link>\n<at id=all></at>\n- 无序列表1\n    - 无序列表 1.1\n- 无序列表2\n1. 有序列表1\n    1. 有序列表 1.1\n2. 有序列表2\n```JSON\n{{\"This is\": \"JSON demo\"}}\n```"</markdown>
            <markdown>"行内引用`code`"</markdown>
            <markdown>"数字角标，支持 1-99 数字<number_tag background_color='grey' font_color='white' url='https://open.feishu.cn'  pc_url='https://open.feishu.cn' android_url='https://open.feishu.cn' ios_url='https://open.feishu.cn'>1</number_tag>"</markdown>
            <markdown>"默认数字角标展示<number_tag>1</number_tag>"</markdown>
            <markdown>"人员<person id = 'ou_449b53ad6aee526f7ed311b216a8f88f' show_name = true show_avatar = true style = 'normal'></person>"</markdown>
            <markdown>"> 这是一段引用文字\n引用内换行 \n"</markdown>
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!(
            "../fixtures/doc-examples/v2-09-markdown-headings.json"
        )),
    );
}

#[test]
fn v2_10_person() {
    let card = card! {
        <card schema="2.0">
            <header template="blue" title="人员示例"/>
            <markdown>"**extra_small 尺寸，默认样式**"</markdown>
            <person
                size="extra_small"
                user_id="ou_48d0958ee4b2ab3eaf0b5f6c968abcef"
                show_avatar
                show_name
                style="normal"
            />
            <markdown>"**small 尺寸，胶囊样式**"</markdown>
            <person
                size="small"
                user_id="ou_48d0958ee4b2ab3eaf0b5f6c968abcef"
                show_avatar
                show_name
                style="capsule"
            />
            <markdown>"**medium 尺寸，默认样式**"</markdown>
            <person
                size="medium"
                user_id="ou_48d0958ee4b2ab3eaf0b5f6c968abcef"
                show_avatar
                show_name
                style="normal"
            />
            <markdown>"**large 尺寸，胶囊样式**"</markdown>
            <person
                size="large"
                user_id="ou_48d0958ee4b2ab3eaf0b5f6c968abcef"
                show_avatar
                show_name
                style="capsule"
            />
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!("../fixtures/doc-examples/v2-10-person.json")),
    );
}

#[test]
fn v2_11_header_subtitle_tags_icon() {
    let card = card! {
        <card schema="2.0">
            <header
                title={ "tag": "lark_md", "content": ":Partying:卡片主标题 " }
                subtitle="卡片副标题"
                text_tag_list=[
                    {
                        "tag": "text_tag",
                        "text": { "tag": "plain_text", "content": "标签 1" },
                        "color": "blue"
                    },
                    {
                        "tag": "text_tag",
                        "text": { "tag": "plain_text", "content": "标签 2" },
                        "color": "turquoise"
                    },
                    {
                        "tag": "text_tag",
                        "text": { "tag": "plain_text", "content": "标签 3" },
                        "color": "orange"
                    }
                ]
                template="blue"
                icon={ "tag": "standard_icon", "token": "larkcommunity_colorful" }
                padding="12px"
            />
            <div text="示例文本"/>
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!(
            "../fixtures/doc-examples/v2-11-header-subtitle-tags-icon.json"
        )),
    );
}

#[test]
fn v2_12_image() {
    let card = card! {
        <card schema="2.0">
            <body direction="vertical" padding="12px 12px 12px 12px">
                <img
                    img_key="img_v2_9dd98485-2900-4d65-ada9-e31d1408dcfg"
                    preview
                    transparent=false
                    scale_type="crop_center"
                    size="stretch"
                    alt="示例图片"
                    corner_radius="5%"
                    margin="0px 0px 0px 0px"
                    element_id="demoimg01"
                />
            </body>
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!("../fixtures/doc-examples/v2-12-image.json")),
    );
}
