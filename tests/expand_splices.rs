//! `card!` expansions with run-time values: `{expr}` attributes and children, typed enums,
//! `Serialize` values, fragments, and `for` / `if` / `if let` / `match` among children.

mod support;

use card_runtime::{ButtonType, Card, Element, HeaderTemplate, Text, card};
use serde::{Deserialize, Serialize};
use serde_json::json;
use support::assert_card;

#[test]
fn expr_attributes_by_field_type() {
    let title = String::from("Report");
    let flag = true;
    let max = 20_u16;
    let url = "https://a.example/x";
    assert_card(
        &card! {
            <card update_multi={flag}>
                <header title={title} template={HeaderTemplate::Red}/>
                <form name={"f"}>
                    <input name="i" max_length={max} placeholder={format!("{max} chars")} default_value={title}/>
                    <button name="b" action_type="form_submit" disabled={!flag}>"Go"</button>
                </form>
                <action><button url={url} width={"120px"}>"open"</button></action>
            </card>
        },
        &json!({
            "config": {"update_multi": true},
            "header": {"title": {"tag": "plain_text", "content": "Report"}, "template": "red"},
            "elements": [
                {"tag": "form", "name": "f", "elements": [
                    {"tag": "input", "name": "i", "max_length": 20,
                     "placeholder": {"tag": "plain_text", "content": "20 chars"}, "default_value": "Report"},
                    {"tag": "button", "name": "b", "action_type": "form_submit", "disabled": false,
                     "text": {"tag": "plain_text", "content": "Go"}},
                ]},
                {"tag": "action", "actions": [{"tag": "button", "url": "https://a.example/x", "width": "120px",
                    "text": {"tag": "plain_text", "content": "open"}}]},
            ],
        }),
    );
}

#[test]
fn typed_enums() {
    for (kind, expected) in [
        (ButtonType::Primary, "primary"),
        (ButtonType::DangerFilled, "danger_filled"),
    ] {
        let card = card! { <card><action><button type={kind}>"x"</button></action></card> };
        assert_eq!(card["elements"][0]["actions"][0]["type"], expected);
        assert!(card.validate().is_ok());
    }
    // Typed enums are `Copy`: a reference is dereferenced in place.
    let by_ref = &ButtonType::Danger;
    let card = card! { <card><action><button type={*by_ref}>"x"</button></action></card> };
    assert_eq!(card["elements"][0]["actions"][0]["type"], "danger");
    assert_eq!("laser".parse::<ButtonType>(), Ok(ButtonType::Laser));
    assert_eq!(ButtonType::PrimaryText.to_string(), "primary_text");
    assert_eq!(
        serde_json::to_value(ButtonType::Default).unwrap(),
        json!("default")
    );
    assert_eq!(
        serde_json::from_value::<ButtonType>(json!("danger")).unwrap(),
        ButtonType::Danger
    );
    assert_eq!(card_runtime::enums::ButtonType::ALL.len(), 9);
}

#[test]
fn enum_or_pattern_fields_take_the_enum_or_a_string() {
    let width = card_runtime::ComponentWidth::Fill;
    let px = String::from("200px");
    let card = card! { <card><action><button width={width}>"a"</button><button width={&px}>"b"</button></action></card> };
    assert_eq!(card["elements"][0]["actions"][0]["width"], "fill");
    assert_eq!(card["elements"][0]["actions"][1]["width"], "200px");
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
#[serde(tag = "action", rename_all = "snake_case")]
enum Approval {
    Approve { id: u64 },
    Decline { id: u64, reason: Option<String> },
}

#[test]
fn serialize_values_round_trip() {
    let id = 9;
    let card = card! {
        <card>
            <action>
                <button type="primary" value={Approval::Approve { id }}>"批准"</button>
                <button type="danger" value={Approval::Decline { id, reason: None }}>"拒绝"</button>
            </action>
        </card>
    };
    assert_card(
        &card,
        &json!({"elements": [{"tag": "action", "actions": [
            {"tag": "button", "type": "primary", "text": {"tag": "plain_text", "content": "批准"},
             "value": {"action": "approve", "id": 9}},
            {"tag": "button", "type": "danger", "text": {"tag": "plain_text", "content": "拒绝"},
             "value": {"action": "decline", "id": 9, "reason": null}},
        ]}]}),
    );
    let value = card["elements"][0]["actions"][1]["value"].clone();
    assert_eq!(
        serde_json::from_value::<Approval>(value).unwrap(),
        Approval::Decline { id, reason: None }
    );
}

#[test]
fn failing_serialize_is_reported_not_panicked() {
    let bad: std::collections::HashMap<Vec<u8>, u8> = [(vec![1], 1)].into();
    let card = card! { <card><action><button value={bad}>"x"</button></action></card> };
    let report = card.validate();
    assert_eq!(report.errors.len(), 1, "{report:?}");
    assert_eq!(report.errors[0].path, "$.elements[0].actions[0].value");
    assert!(
        report.errors[0]
            .message
            .starts_with("the value could not be serialized")
    );
}

#[test]
fn text_children_from_display_and_text() {
    let count = 3;
    let md = Text::lark_md("**x**");
    assert_card(
        &card! {
            <card>
                <div>{count}</div>
                <div>{md}</div>
                <markdown>{format!("n = {count}")}</markdown>
                <note>{count}" items"</note>
            </card>
        },
        &json!({"elements": [
            {"tag": "div", "text": {"tag": "plain_text", "content": "3"}},
            {"tag": "div", "text": {"tag": "lark_md", "content": "**x**"}},
            {"tag": "markdown", "content": "n = 3"},
            {"tag": "note", "elements": [
                {"tag": "plain_text", "content": "3"},
                {"tag": "plain_text", "content": " items"},
            ]},
        ]}),
    );
}

fn approve_button(id: u64) -> Element {
    card! { <button type="primary" value={ "approve": id }>"Approve"</button> }
}

fn section(title: &str) -> Element {
    card! { <div><lark_md>"**{title}**"</lark_md></div> }
}

#[test]
fn fragments_compose() {
    assert_eq!(
        approve_button(1),
        json!({"tag": "button", "type": "primary", "value": {"approve": 1},
               "text": {"tag": "plain_text", "content": "Approve"}}),
    );
    let maybe: Option<Element> = None;
    let many = vec![section("a"), section("b")];
    let card: Card = card! {
        <card>
            {section("top")}
            {maybe}
            {many}
            {(1..=2).map(|i| card! { <markdown>"#{i}"</markdown> })}
            <action>{approve_button(7)}{Some(approve_button(8))}</action>
        </card>
    };
    assert_card(
        &card,
        &json!({"elements": [
            {"tag": "div", "text": {"tag": "lark_md", "content": "**top**"}},
            {"tag": "div", "text": {"tag": "lark_md", "content": "**a**"}},
            {"tag": "div", "text": {"tag": "lark_md", "content": "**b**"}},
            {"tag": "markdown", "content": "#1"},
            {"tag": "markdown", "content": "#2"},
            {"tag": "action", "actions": [
                {"tag": "button", "type": "primary", "value": {"approve": 7}, "text": {"tag": "plain_text", "content": "Approve"}},
                {"tag": "button", "type": "primary", "value": {"approve": 8}, "text": {"tag": "plain_text", "content": "Approve"}},
            ]},
        ]}),
    );
}

#[test]
fn for_loops() {
    let rows = [("申请人", "王晓磊"), ("类型", "年假")];
    assert_card(
        &card! {
            <card>
                <div>
                    for (label, value) in &rows {
                        <field is_short><lark_md>"**{label}**\n{value}"</lark_md></field>
                    }
                </div>
                <action>
                    for (i, label) in ["a", "b"].iter().enumerate() {
                        <button value={ "i": i }>{label}</button>
                    }
                </action>
            </card>
        },
        &json!({"elements": [
            {"tag": "div", "fields": [
                {"is_short": true, "text": {"tag": "lark_md", "content": "**申请人**\n王晓磊"}},
                {"is_short": true, "text": {"tag": "lark_md", "content": "**类型**\n年假"}},
            ]},
            {"tag": "action", "actions": [
                {"tag": "button", "value": {"i": 0}, "text": {"tag": "plain_text", "content": "a"}},
                {"tag": "button", "value": {"i": 1}, "text": {"tag": "plain_text", "content": "b"}},
            ]},
        ]}),
    );
}

#[test]
fn if_else_and_if_let() {
    let build = |urgent: bool, note: Option<&str>, n: i32| {
        card! {
            <card>
                if urgent { <markdown>"urgent"</markdown> } else if n > 1 { <markdown>"many"</markdown> } else { <hr/> }
                if let Some(note) = note { <note>{note}</note> }
            </card>
        }
    };
    assert_card(
        &build(true, Some("n"), 0),
        &json!({"elements": [{"tag": "markdown", "content": "urgent"},
                             {"tag": "note", "elements": [{"tag": "plain_text", "content": "n"}]}]}),
    );
    assert_card(
        &build(false, None, 2),
        &json!({"elements": [{"tag": "markdown", "content": "many"}]}),
    );
    assert_card(
        &build(false, None, 0),
        &json!({"elements": [{"tag": "hr"}]}),
    );
}

#[test]
fn match_arms() {
    let build = |state: Option<u32>| {
        card! {
            <card>
                match state {
                    Some(0) => { <markdown>"zero"</markdown> },
                    Some(n) if n > 10 => { <markdown>"big {n}"</markdown> }
                    Some(n) => { <markdown>"{n}"</markdown> <hr/> }
                    None => {}
                }
            </card>
        }
    };
    assert_card(
        &build(Some(0)),
        &json!({"elements": [{"tag": "markdown", "content": "zero"}]}),
    );
    assert_card(
        &build(Some(11)),
        &json!({"elements": [{"tag": "markdown", "content": "big 11"}]}),
    );
    assert_card(
        &build(Some(2)),
        &json!({"elements": [{"tag": "markdown", "content": "2"}, {"tag": "hr"}]}),
    );
    assert_eq!(build(None), json!({"elements": []}));
}

#[test]
fn control_flow_in_i18n_and_header() {
    let langs = [("zh_cn", "你好"), ("en_us", "hello")];
    let tags = ["a", "b"];
    let card = card! {
        <card>
            <header title="t">for tag in tags { <text_tag>{tag}</text_tag> }</header>
            <i18n lang="zh_cn">for (_, text) in &langs[..1] { <markdown>{text}</markdown> }</i18n>
            <i18n lang="en_us"><markdown>{langs[1].1}</markdown></i18n>
        </card>
    };
    assert_card(
        &card,
        &json!({
            "header": {"title": {"tag": "plain_text", "content": "t"}, "text_tag_list": [
                {"tag": "text_tag", "text": {"tag": "plain_text", "content": "a"}},
                {"tag": "text_tag", "text": {"tag": "plain_text", "content": "b"}},
            ]},
            "i18n_elements": {
                "zh_cn": [{"tag": "markdown", "content": "你好"}],
                "en_us": [{"tag": "markdown", "content": "hello"}],
            },
        }),
    );
}

#[test]
fn user_names_do_not_clash_with_the_expansion() {
    // Temporaries are hygienic: user variables with the expansion's names are untouched.
    let __card_map = "user map";
    let __card_array0 = "user array";
    let card = card! { <card>for _ in 0..1 { <markdown>"{__card_map} {__card_array0}"</markdown> }</card> };
    assert_eq!(card["elements"][0]["content"], "user map user array");
}

#[test]
fn fragment_placement_is_checked_at_run_time() {
    // A fragment's own placement is unknown to the macro; `Card::validate` (run by the client
    // before sending) reports it.
    let card = card! { <card>{approve_button(1)}</card> };
    let report = card.validate();
    assert_eq!(report.errors.len(), 1, "{report:?}");
    assert_eq!(report.errors[0].path, "$.elements[0]");
}

fn submit_button(name: &str) -> Element {
    card! { <button name={name} action_type="form_submit">"Submit"</button> }
}

#[test]
fn form_members_as_fragments() {
    // A fragment may carry form-only fields (it may be spliced into a form), and a form whose
    // submit button is spliced in compiles; `Card::validate` judges both where they land.
    let card = card! {
        <card>
            <form name="f">
                <input name="i"/>
                <column_set><column>{submit_button("go")}</column></column_set>
            </form>
        </card>
    };
    assert_card(
        &card,
        &json!({"elements": [{"tag": "form", "name": "f", "elements": [
            {"tag": "input", "name": "i"},
            {"tag": "column_set", "columns": [{"tag": "column", "elements": [
                {"tag": "button", "name": "go", "action_type": "form_submit",
                 "text": {"tag": "plain_text", "content": "Submit"}},
            ]}]},
        ]}]}),
    );
    let outside = card! { <card><action>{submit_button("go")}</action></card> };
    assert_eq!(
        outside.validate().warnings[0].message,
        "`action_type` only has an effect inside a `<form>`"
    );
}

#[test]
fn names_may_repeat_across_arms() {
    // Only one arm of an `if` or `match` is built, so each may use the same form field name.
    let (editable, level) = (false, 2);
    let card = card! {
        <card>
            <form name="f">
                if editable { <input name="comment"/> } else { <input name="comment" disabled/> }
                match level {
                    1 => { <button name="go" action_type="form_submit">"Go"</button> }
                    _ => { <button name="go" type="danger" action_type="form_submit">"Go!"</button> }
                }
            </form>
        </card>
    };
    assert_card(
        &card,
        &json!({"elements": [{"tag": "form", "name": "f", "elements": [
            {"tag": "input", "name": "comment", "disabled": true},
            {"tag": "button", "name": "go", "type": "danger", "action_type": "form_submit",
             "text": {"tag": "plain_text", "content": "Go!"}},
        ]}]}),
    );
}
