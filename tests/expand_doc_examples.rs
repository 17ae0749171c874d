//! Official card JSON 1.0 examples (`tests/fixtures/doc-examples/`) written with `card!`: each
//! expansion equals the printed JSON and passes validation.

mod support;

use card_runtime::card;
use card_runtime::markdown::Trusted;
use serde_json::Value;
use support::assert_card;

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).expect("fixture is JSON")
}

#[test]
fn v1_01_leave_approval() {
    let rows = [
        (true, "**申请人**\n王晓磊"),
        (true, "**休假类型：**\n年假"),
        (false, ""),
        (false, "**时间：**\n2020-4-8 至 2020-4-10（共3天）"),
        (false, ""),
        (true, "**备注**\n因家中有急事，需往返老家，故请假"),
    ];
    let card = card! {
        <card wide_screen_mode>
            <header>"你有一个休假申请待审批"</header>
            <div>
                // The rows are markdown written here, not user text: `Trusted` keeps it as written.
                for (short, text) in rows {
                    <field is_short={short}><lark_md>{Trusted(text)}</lark_md></field>
                }
            </div>
            <hr/>
            <action layout="bisected">
                <button type="primary" value={ "chosen": "approve" }>"批准"</button>
                <button type="primary" value={ "chosen": "decline" }>"拒绝"</button>
            </action>
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!(
            "fixtures/doc-examples/v1-01-leave-approval.json"
        )),
    );
}

#[test]
fn v1_02_vote() {
    let card = card! {
        <card wide_screen_mode>
            <header title="🥤 下午的奶茶发车了，你要上车么"/>
            <hr/>
            <action>
                <button type="default" value={ "chosen": "option1" }>"😍 带我！带我！！"</button>
                <button type="default" value={ "chosen": "option2" }>"🤐 告辞…"</button>
            </action>
            <note>"创建者：王大明 🔐本投票为匿名投票"</note>
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!("fixtures/doc-examples/v1-02-vote.json")),
    );
}

#[test]
fn v1_04_eye_catching_notice() {
    let card = card! {
        <card wide_screen_mode>
            <header template="turquoise">"📚晒挚爱好书，赢读书礼金"</header>
            <img img_key="img_7ea74629-9191-4176-998c-2e603c9c5e8g" alt="图片"/>
            <div>
                <lark_md>"你是否曾因为一本书而产生心灵共振，开始感悟人生？\n你有哪些想极力推荐给他人的珍藏书单？\n\n加入 **4·23 飞书读书节**，分享你的**挚爱书单**及**读书笔记**，**赢取千元读书礼**！\n\n📬 填写问卷，晒出你的珍藏好书\n😍 想知道其他人都推荐了哪些好书？马上[入群围观](https://feishu.cn)\n📝 用[读书笔记模板](https://feishu.cn)（桌面端打开），记录你的心得体会\n🙌 更有惊喜特邀嘉宾 4月12日起带你共读"</lark_md>
            </div>
            <action>
                <button type="primary" url="https://feishu.cn">"立即推荐好书"</button>
                <button type="default" url="https://feishu.cn">"查看活动指南"</button>
            </action>
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!(
            "fixtures/doc-examples/v1-04-eye-catching-notice.json"
        )),
    );
}

#[test]
fn v1_08_buttons_confirm_url() {
    let card = card! {
        <card>
            <div>
                <lark_md>"Button element"</lark_md>
                <extra>
                    <button type="default">
                        <lark_md>"Secondary confirmation"</lark_md>
                        <confirm title="Confirmation" text="Content"/>
                    </button>
                </extra>
            </div>
            <hr/>
            <action>
                <button type="default" value={ "key": "value" }><lark_md>"default style"</lark_md></button>
                <button type="primary"><lark_md lines=1>"primary style"</lark_md></button>
                <button type="danger"><lark_md>"danger style"</lark_md></button>
                <button url="https://www.baidu.com" type="default"><lark_md>"target url"</lark_md></button>
                <button
                    type="primary"
                    multi_url={
                        "url": "https://www.baidu.com",
                        "android_url": "https://developer.android.com/",
                        "ios_url": "https://developer.apple.com/",
                        "pc_url": "https://www.windows.com",
                    }
                >
                    <lark_md>"multi url"</lark_md>
                </button>
            </action>
            <note>"hello World"</note>
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!(
            "fixtures/doc-examples/v1-08-buttons-confirm-url.json"
        )),
    );
}

#[test]
fn v1_10_date_pickers_confirm() {
    let card = card! {
        <card>
            <action>
                <date_picker placeholder="Please select date(with confirm)"><confirm title="Ensure" text="Content"/></date_picker>
                <date_picker initial_date="2002-2-22"/>
                <picker_time placeholder="Please select time(with confirm)"><confirm title="Ensure" text="Content"/></picker_time>
                <picker_time initial_time="10:00"/>
                <picker_datetime placeholder="Please select datetime(with confirm)"><confirm title="Ensure" text="Content"/></picker_datetime>
                <picker_datetime initial_datetime="2002-2-22 22:22"/>
            </action>
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!(
            "fixtures/doc-examples/v1-10-date-pickers-confirm.json"
        )),
    );
}

#[test]
fn v1_11_card_link_config() {
    let card = card! {
        <card
            enable_forward
            card_link={
                "url": "https://www.baidu.com",
                "android_url": "https://developer.android.com/",
                "ios_url": "https://developer.apple.com/",
                "pc_url": "https://www.windows.com",
            }
        >
            <header template="blue">"Title"</header>
            <div>"This is a text."</div>
            <note>
                <img img_key="img_v2_041b28e3-5680-48c2-9af2-497ac1234" alt=""/>
                "Click on the card to jump"
            </note>
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!(
            "fixtures/doc-examples/v1-11-card-link-config.json"
        )),
    );
}

#[test]
fn v1_12_header_tags_i18n() {
    let card = card! {
        <card>
            <header
                template="red"
                title={ "tag": "plain_text", "i18n": { "zh_cn": "主标题", "en_us": "title" } }
                subtitle={ "tag": "plain_text", "i18n": { "zh_cn": "副标题", "en_us": "subtitle" } }
                i18n_text_tag_list={
                    "zh_cn": [{ "tag": "text_tag", "text": { "tag": "plain_text", "content": "标题标签" }, "color": "carmine" }],
                    "en_us": [{ "tag": "text_tag", "text": { "tag": "plain_text", "content": "tagDemo" }, "color": "carmine" }],
                }
            />
            <i18n lang="zh_cn"><div>"正文内容"</div></i18n>
            <i18n lang="en_us"><div>"textDemo"</div></i18n>
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!(
            "fixtures/doc-examples/v1-12-header-tags-i18n.json"
        )),
    );
}

#[test]
fn v1_13_i18n_global() {
    let templates = [
        ("en_us", "English template"),
        ("ja_jp", "日本語テンプレート"),
        ("zh_hk", "繁體中文（中國香港）"),
        ("zh_tw", "繁體中文（中國臺灣）"),
        ("zh_cn", "中文模板"),
    ];
    let i18n: serde_json::Map<String, Value> = templates
        .iter()
        .map(|(lang, text)| ((*lang).to_owned(), Value::from(*text)))
        .collect();
    let card = card! {
        <card>
            <header template="blue" title={ "tag": "plain_text", "i18n": i18n }/>
            <i18n lang="en_us"><markdown>"English template"</markdown></i18n>
            <i18n lang="ja_jp"><markdown>"日本語テンプレート"</markdown></i18n>
            <i18n lang="zh_hk"><markdown>"繁體中文（中國香港）"</markdown></i18n>
            <i18n lang="zh_tw"><markdown>"繁體中文（中國臺灣）"</markdown></i18n>
            <i18n lang="zh_cn"><markdown>"中文模板"</markdown></i18n>
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!("fixtures/doc-examples/v1-13-i18n-global.json")),
    );
}

#[test]
fn v1_15_form_select_input() {
    let card = card! {
        <card>
            <form name="Form_lvxmxsxf">
                <column_set flex_mode="stretch" background_style="default">
                    <column width="weighted" weight=1 vertical_align="top">
                        <markdown>"请选择："</markdown>
                    </column>
                    <column width="weighted" weight=1 vertical_align="top">
                        <select_static name="Select_pj6kw7cxyl" placeholder="这是一个选择菜单" value={ "key": "value" }>
                            for i in 1..=4 {
                                <option value="{i}">"选项{i}"</option>
                            }
                        </select_static>
                    </column>
                </column_set>
                <input
                    name="Input_fhaty9jktke"
                    placeholder="请输入"
                    max_length=5
                    label="请输入文本："
                    label_position="left"
                    value={ "k": "v" }
                />
                <button action_type="form_submit" name="Button_e4d9u982x5k" type="primary">
                    <lark_md>"提交"</lark_md>
                    <confirm title="title" text="确认提交吗"/>
                </button>
            </form>
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!(
            "fixtures/doc-examples/v1-15-form-select-input.json"
        )),
    );
}

#[test]
fn v1_05_alarm_select_static() {
    let card = card! {
        <card>
            <header template="red">"1 级报警 - 数据平台"</header>
            <column_set flex_mode="none" background_style="default">
                <column width="weighted" weight=1 vertical_align="top">
                    <div><lark_md>"**🔴 报警服务：**\nQA 7"</lark_md></div>
                </column>
                <column width="weighted" weight=1 vertical_align="top">
                    <div><lark_md>"**🕐 时间：**\n2023-02-23 20:17:51"</lark_md></div>
                </column>
            </column_set>
            <column_set flex_mode="none" background_style="default">
                <column width="weighted" weight=1 vertical_align="top">
                    <div><lark_md>"**👤 一级值班：**\n[@王冰](https://open.feishu.cn)"</lark_md></div>
                </column>
                <column width="weighted" weight=1 vertical_align="top">
                    <markdown>"**👤 二级值班：**\n[@李天天](https://open.feishu.cn)"</markdown>
                </column>
            </column_set>
            <div>"支付方式 支付成功率低于50%"</div>
            <img alt="" img_key="img_v2_8b2ebeaf-c97c-411d-a4dc-4323e8cba10g"/>
            <note>"🔴 支付失败数  🔵 支付成功数"</note>
            <action>
                <button type="primary" value={ "key1": "value1" }>"跟进处理"</button>
            </action>
            <div>
                <lark_md>"支持暂时屏蔽该报警，从右侧列表中选择屏蔽时长。"</lark_md>
                <extra>
                    <select_static placeholder="暂时屏蔽报警" value={ "key": "value" }>
                        for (value, text) in [("1", "屏蔽10分钟"), ("2", "屏蔽30分钟"), ("3", "屏蔽1小时"), ("4", "屏蔽2小时")] {
                            <option value={value}>{text}</option>
                        }
                    </select_static>
                </extra>
            </div>
            <hr/>
            <div><lark_md>"🙋🏼 [我要反馈误报](https://open.feishu.cn) | 📝 [录入报警处理过程](https://open.feishu.cn)"</lark_md></div>
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!(
            "fixtures/doc-examples/v1-05-alarm-select-static.json"
        )),
    );
}

fn workbench_links() -> card_runtime::Element {
    card! {
        <overflow>
            <option value="appStore" url="https://app.feishu.cn">"打开飞书应用目录"</option>
            <option value="document" url="https://open.feishu.cn">"打开飞书开发文档"</option>
            <option value="document" url="https://www.feishu.cn">"打开飞书官网"</option>
        </overflow>
    }
}

#[test]
fn v1_06_workbench_overflow() {
    let features = [
        "**🌟 千人千面** | 满足企业管理、文化宣传、知识管理、效率提升等各类需求",
        "**📲 多端定制** | 适配桌面端、移动端、iPad端使用习惯，打造最佳使用体验",
        "**🎉 丰富多元** | 灵活的通用组件、全面的开发能力，轻松搭建个性化工作台",
    ];
    let card = card! {
        <card>
            <header template="blue">"🔥 定制工作台，搭建好看又好用的企业门户"</header>
            for feature in features {
                <div><lark_md>{Trusted(feature)}</lark_md><extra>{workbench_links()}</extra></div>
            }
            <img alt="" img_key="img_v2_9b14e850-3757-43ae-96b4-965ed81e7f8g"/>
            <hr/>
            <action>
                <button type="primary" url="https://bytedance.feishu.cn/docx/doxcn8ZCcCeHu4nneLNNncSQEkd">"了解定制工作台详情"</button>
                <button type="default" url="https://www.feishu.cn/admin/appcenter/portal">"立即开启体验"</button>
            </action>
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!(
            "fixtures/doc-examples/v1-06-workbench-overflow.json"
        )),
    );
}

#[test]
fn v1_07_leave_datetime_multi_url_through_an_unchecked_fragment() {
    // The printed example puts `initial_date` on a `picker_datetime`, a field that component does
    // not have (Feishu ignores it). `card!` refuses unknown fields, so the only way to write it
    // is the explicit escape hatch: a fragment built with `Element::from_json_unchecked`.
    let picker = || {
        card_runtime::Element::from_json_unchecked(serde_json::json!({
            "tag": "picker_datetime",
            "placeholder": {"tag": "plain_text", "content": "请选择日期与时间"},
            "initial_date": "2020-9-20",
        }))
    };
    let link = || serde_json::json!({"url": "https://open.feishu.cn/document", "android_url": "", "ios_url": "", "pc_url": ""});
    let card = card! {
        <card>
            <header template="orange">"休假申请"</header>
            <div><lark_md>"选择休假的开始时间"</lark_md><extra>{picker()}</extra></div>
            <div><lark_md>"选择休假的结束时间"</lark_md><extra>{picker()}</extra></div>
            <hr/>
            <action>
                <button type="primary" multi_url={link()}>"提交"</button>
                <button type="default" multi_url={link()}>"取消"</button>
            </action>
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!(
            "fixtures/doc-examples/v1-07-leave-datetime-multi-url.json"
        )),
    );
}

#[test]
fn v1_16_hotel_column_set() {
    let rooms = [
        "**高级双床房**\n双早|40-47㎡|有窗户|双床\n¥699 起",
        "**精品大床房**\n双早|40-47㎡|有窗户|大床\n¥666 起",
    ];
    let card = card! {
        <card>
            <header template="green">"🏨 酒店申请已通过，请选择房型"</header>
            <markdown>"入住酒店：杭州xxxx酒店\n📍 浙江省杭州市西湖区"</markdown>
            for room in rooms {
                <hr/>
                <column_set
                    flex_mode="none"
                    background_style="default"
                    horizontal_spacing="default"
                    action={ "multi_url": {
                        "url": "https://open.feishu.cn",
                        "android_url": "https://developer.android.com/",
                        "ios_url": "https://developer.apple.com/",
                        "pc_url": "https://www.windows.com",
                    } }
                >
                    <column width="weighted" weight=1 vertical_align="center">
                        <img img_key="img_v2_120b03c8-27e3-456f-89c0-90ede1aa59ag" mode="fit_horizontal" alt=""/>
                    </column>
                    <column width="weighted" weight=3>
                        <markdown text_align="left">{Trusted(room)}</markdown>
                    </column>
                </column_set>
            }
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!(
            "fixtures/doc-examples/v1-16-hotel-column-set.json"
        )),
    );
}

#[test]
fn v1_14_markdown_href() {
    let card = card! {
        <card>
            <header template="blue">"这是卡片标题栏"</header>
            <markdown href={ "urlVal": { "url": "xxx1", "pc_url": "xxx2", "ios_url": "xxx3", "android_url": "xxx4" } }>
                "普通文本\n标准emoji😁😢🌞💼🏆❌✅\n*斜体*\n**粗体**\n~~删除线~~\n[文字链接](www.example.com)\n[差异化跳转]($urlVal)\n<at id=all></at>"
            </markdown>
            <hr/>
            <markdown>"上面是一行分割线\n![hover_text](img_v2_16d4ea4f-6cd5-48fa-97fd-25c8d4e79b0g)\n上面是一个图片标签"</markdown>
        </card>
    };
    assert_card(
        &card,
        &fixture(include_str!(
            "fixtures/doc-examples/v1-14-markdown-href.json"
        )),
    );
}
