//! Official card JSON 1.0 examples (`tests/fixtures/doc-examples/`) written with `card!`: each
//! expansion equals the printed JSON and passes validation.

mod support;

use card_runtime::card;
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
                for (short, text) in rows {
                    <field is_short={short}><lark_md>{text}</lark_md></field>
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
