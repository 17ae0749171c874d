//! `card!` escapes values interpolated into markdown (`markdown` content, `lark_md` text), keeps
//! the literal parts as markdown, leaves plain text alone, and passes the markdown types of
//! `card_runtime::markdown` through as written.

mod support;

use card_runtime::markdown::{Escaped, Link, Mention, Trusted};
use card_runtime::{Text, card};
use serde_json::json;
use support::assert_card;

/// What a hostile display name carries: a mention of everyone, a link, styling, a list.
const HOSTILE: &str =
    "<at id=all></at> [win](https://evil.example) **bold** <font color='red'>x</font>\n- item";
const HOSTILE_ESCAPED: &str = "&#60;at id=all&#62;&#60;/at&#62; &#91;win&#93;&#40;https://evil.example&#41; &#42;&#42;bold&#42;&#42; &#60;font color='red'&#62;x&#60;/font&#62;\n&#45; item";

#[test]
fn interpolated_values_in_markdown_are_escaped_and_the_literal_stays_markdown() {
    let name = HOSTILE;
    let card = card! {
        <card>
            <markdown>"**{name}** asked"</markdown>
            <markdown content="_{name}_"/>
            <div><lark_md>"> {name}"</lark_md></div>
            <note><lark_md>"~~{name}~~"</lark_md></note>
        </card>
    };
    assert_card(
        &card,
        &json!({"elements": [
            {"tag": "markdown", "content": format!("**{HOSTILE_ESCAPED}** asked")},
            {"tag": "markdown", "content": format!("_{HOSTILE_ESCAPED}_")},
            {"tag": "div", "text": {"tag": "lark_md", "content": format!("> {HOSTILE_ESCAPED}")}},
            {"tag": "note", "elements": [{"tag": "lark_md", "content": format!("~~{HOSTILE_ESCAPED}~~")}]},
        ]}),
    );
}

#[test]
fn expression_children_and_attributes_in_markdown_are_escaped() {
    let user = String::from(HOSTILE);
    let card = card! {
        <card>
            <markdown>{user}</markdown>
            <markdown content={&user}/>
            <div><lark_md>{user.as_str()}</lark_md></div>
        </card>
    };
    assert_card(
        &card,
        &json!({"elements": [
            {"tag": "markdown", "content": HOSTILE_ESCAPED},
            {"tag": "markdown", "content": HOSTILE_ESCAPED},
            {"tag": "div", "text": {"tag": "lark_md", "content": HOSTILE_ESCAPED}},
        ]}),
    );
}

#[test]
fn markdown_in_json_like_text_objects_and_i18n_is_escaped() {
    let name = "*x*";
    let card = card! {
        <card>
            <div text={ "tag": "lark_md", "content": "**{name}**" }/>
            <div><lark_md i18n={ "zh_cn": "**{name}**", "en_us": name }/></div>
        </card>
    };
    assert_eq!(
        card.as_value(),
        &json!({"elements": [
            {"tag": "div", "text": {"tag": "lark_md", "content": "**&#42;x&#42;**"}},
            {"tag": "div", "text": {"tag": "lark_md", "i18n": {"zh_cn": "**&#42;x&#42;**", "en_us": "&#42;x&#42;"}}},
        ]}),
    );
}

#[test]
fn plain_text_is_not_escaped() {
    let name = HOSTILE;
    let card = card! {
        <card>
            <header title="{name}"/>
            <div>"{name}"</div>
            <div><plain_text>"{name}"</plain_text></div>
            <action><button>{name}</button></action>
        </card>
    };
    let plain = json!({"tag": "plain_text", "content": HOSTILE});
    assert_card(
        &card,
        &json!({
            "header": {"title": plain},
            "elements": [
                {"tag": "div", "text": plain},
                {"tag": "div", "text": plain},
                {"tag": "action", "actions": [{"tag": "button", "text": plain}]},
            ],
        }),
    );
}

#[test]
fn markdown_types_pass_through_as_written() {
    let owner = Mention::open_id("ou_1a2b").unwrap();
    let all = Mention::all();
    let runbook = Link::new("run*book", "https://example.com/run book").unwrap();
    let status = Trusted("<font color='green'>ok</font>");
    let title = Escaped("[draft]");
    let card = card! {
        <card>
            <markdown>"{owner} {all} {runbook} {status} {title}"</markdown>
            <markdown>{&owner}</markdown>
            <div><lark_md>{Trusted(String::from("**b**"))}</lark_md></div>
        </card>
    };
    assert_card(
        &card,
        &json!({"elements": [
            {"tag": "markdown", "content": "<at id=ou_1a2b></at> <at id=all></at> [run&#42;book](https://example.com/run%20book) <font color='green'>ok</font> &#91;draft&#93;"},
            {"tag": "markdown", "content": "<at id=ou_1a2b></at>"},
            {"tag": "div", "text": {"tag": "lark_md", "content": "**b**"}},
        ]}),
    );
}

#[test]
fn text_objects_in_markdown_keep_their_kind() {
    let md = Text::lark_md("**b**");
    let plain = Text::plain("**b**");
    let card = card! { <card><markdown>{md}</markdown><markdown>{plain}</markdown></card> };
    assert_eq!(card["elements"][0]["content"], "**b**");
    assert_eq!(card["elements"][1]["content"], "&#42;&#42;b&#42;&#42;");
}

#[test]
fn format_specs_format_then_escape() {
    let price = -1.5_f64;
    let tag = "a*b";
    let width = 6;
    let card = card! { <card><markdown>"{price:>7.2} {tag:?} {tag:>width$} {{literal}}"</markdown></card> };
    assert_eq!(
        card["elements"][0]["content"],
        "&#32;&#32;&#45;1.50 \"a&#42;b\"    a&#42;b {literal}",
    );
}

#[test]
fn line_start_constructs_are_escaped_only_where_a_line_can_start() {
    let item = "1. first";
    let card = card! { <card><markdown>"{item} / {item}\n{item}{item}"</markdown></card> };
    assert_eq!(
        card["elements"][0]["content"],
        "1&#46; first / 1. first\n1&#46; first1&#46; first",
    );
}

#[test]
fn values_in_control_flow_are_escaped() {
    let names = ["<a>", "b"];
    let card = card! {
        <card>
            for name in names {
                <markdown>"- {name}"</markdown>
            }
        </card>
    };
    assert_eq!(card["elements"][0]["content"], "- &#60;a&#62;");
    assert_eq!(card["elements"][1]["content"], "- b");
}
