//! Card JSON 2.0 rules of [`crate::validate`] on fields, one family per test: a valid card and
//! broken ones, each broken card giving its finding at its path. The card-wide and structural
//! rules are in `tests_v2_card`, with the helpers from here.

use serde_json::{Value, json};

use crate::{Report, Rule, Severity, validate};

/// A 2.0 card with `elements` in its body and `config` merged in.
pub(super) fn card(elements: Value, config: Value) -> Value {
    json!({"schema": "2.0", "config": config, "body": {"elements": elements}})
}

pub(super) fn body(elements: Value) -> Value {
    card(elements, json!({}))
}

pub(super) fn text(content: &str) -> Value {
    json!({"tag": "plain_text", "content": content})
}

pub(super) fn submit() -> Value {
    json!({"tag": "button", "text": text("Submit"), "name": "submit", "form_action_type": "submit"})
}

/// The single finding of `report` (error or warning), asserting there is exactly one.
fn single(report: &Report) -> (&crate::Finding, Severity) {
    let all: Vec<_> = report
        .errors
        .iter()
        .map(|f| (f, Severity::Error))
        .chain(report.warnings.iter().map(|f| (f, Severity::Warning)))
        .collect();
    assert_eq!(all.len(), 1, "{report:#?}");
    all[0]
}

/// `card` gives one finding: `rule` at `path`, with `severity`, its message containing `part`.
pub(super) fn finds(card: &Value, rule: Rule, severity: Severity, path: &str, part: &str) {
    let report = validate(card);
    let (finding, found) = single(&report);
    assert_eq!(
        (finding.rule, found, finding.path.as_str()),
        (rule, severity, path),
        "{finding}"
    );
    assert!(
        finding.message.contains(part),
        "{finding}\n  expected: {part}"
    );
}

pub(super) fn clean(card: &Value) {
    let report = validate(card);
    assert_eq!(report, Report::default(), "{card}");
}

#[test]
fn a_full_card_is_clean() {
    clean(&json!({
        "schema": "2.0",
        "config": {
            "streaming_mode": true,
            "streaming_config": {"print_frequency_ms": {"default": 30, "pc": 20}, "print_step": {"default": 2}, "print_strategy": "delay"},
            "summary": {"content": "preview", "i18n_content": {"en_us": "preview"}},
            "locales": ["zh_cn", "en_us"],
            "width_mode": "fill",
            "update_multi": true,
            "style": {"text_size": {"big": {"default": "large", "mobile": "heading"}}, "color": {"brand": {"light_mode": "rgba(1,2,3,1)", "dark_mode": "rgba(3,2,1,1)"}}}
        },
        "card_link": {"url": "https://open.feishu.cn"},
        "header": {
            "title": {"tag": "plain_text", "content": "t", "i18n_content": {"en_us": "t"}},
            "subtitle": text("s"),
            "text_tag_list": [{"tag": "text_tag", "element_id": "tag1", "text": text("new"), "color": "lime"}],
            "icon": {"tag": "standard_icon", "token": "chat_outlined", "color": "blue"},
            "template": "wathet",
            "padding": "12px 8px"
        },
        "body": {
            "direction": "vertical", "padding": "12px", "vertical_spacing": "extra_large",
            "horizontal_align": "center",
            "elements": [
                {"tag": "markdown", "element_id": "md", "content": "**hi**", "margin": "0 -12px"},
                {"tag": "column_set", "columns": [{"tag": "column", "width": "weighted", "weight": 2, "elements": [
                    {"tag": "button", "text": text("Go"), "type": "primary_filled", "behaviors": [
                        {"type": "open_url", "default_url": "https://a.cn"},
                        {"type": "callback", "value": {"k": "v"}}
                    ]}
                ]}]},
                {"tag": "form", "name": "f", "elements": [
                    {"tag": "input", "name": "reason", "required": true, "max_length": 200},
                    {"tag": "multi_select_static", "name": "envs", "options": [{"text": text("a"), "value": "a"}], "selected_values": ["a"]},
                    submit()
                ]},
                {"tag": "table", "row_height": "auto", "row_max_height": "200px", "columns": [{"name": "a", "data_type": "text"}], "rows": [{"a": "x"}]},
                {"tag": "audio", "file_key": "file_v3_x", "audio_id": "a1"},
                {"tag": "hr"}
            ]
        }
    }).as_object().map(|card| {
        let mut card = Value::Object(card.clone());
        card["config"]["enable_forward"] = json!(false);
        card
    }).unwrap());
}

#[test]
fn unknown_fields_are_errors_in_2_0_and_warnings_in_1_0() {
    finds(
        &body(json!([{"tag": "markdown", "content": "x", "text_algin": "left"}])),
        Rule::UnknownField,
        Severity::Error,
        "$.body.elements[0].text_algin",
        "unknown field `text_algin` on `markdown` (Feishu refuses unknown fields in card JSON 2.0); did you mean `text_align`?",
    );
    finds(
        &json!({"elements": [{"tag": "hr", "colour": "red"}]}),
        Rule::UnknownField,
        Severity::Warning,
        "$.elements[0].colour",
        "(ignored by Feishu)",
    );
    // A 2.0 component has the global fields, a sub-object does not.
    clean(&body(
        json!([{"tag": "hr", "element_id": "line", "margin": "8px 0"}]),
    ));
    finds(
        &body(
            json!([{"tag": "markdown", "content": "x", "icon": {"tag": "standard_icon", "token": "t", "margin": "4px"}}]),
        ),
        Rule::UnknownField,
        Severity::Error,
        "$.body.elements[0].icon.margin",
        "unknown field `margin` on `standard_icon`",
    );
}

#[test]
fn required_fields() {
    for (component, field) in [
        (json!({"tag": "markdown"}), "content"),
        (json!({"tag": "img", "alt": text("")}), "img_key"),
        (json!({"tag": "person"}), "user_id"),
        (json!({"tag": "audio"}), "file_key"),
        (json!({"tag": "chart"}), "chart_spec"),
        (json!({"tag": "overflow"}), "options"),
        (
            json!({"tag": "interactive_container", "elements": []}),
            "behaviors",
        ),
        (
            json!({"tag": "collapsible_panel", "elements": []}),
            "header",
        ),
    ] {
        let tag = component["tag"].as_str().unwrap().to_owned();
        let report = validate(&card(json!([component]), json!({"enable_forward": false})));
        assert_eq!(report.errors.len(), 1, "{tag}: {report:#?}");
        assert_eq!(report.errors[0].rule, Rule::Required);
        assert_eq!(
            report.errors[0].message,
            format!("`{tag}` requires field `{field}`")
        );
    }
    finds(
        &body(json!([{"tag": "picker_time"}])),
        Rule::OneOf,
        Severity::Error,
        "$.body.elements[0]",
        "`picker_time` requires one of `placeholder` or `initial_time`",
    );
    clean(&body(json!([{"tag": "date_picker"}])));
    // The table marks img `alt` required, but official examples omit it: a warning.
    finds(
        &body(json!([{"tag": "img", "img_key": "img_v3_x"}])),
        Rule::RequiredWithDefault,
        Severity::Warning,
        "$.body.elements[0]",
        "`img` requires field `alt`",
    );
}

#[test]
fn enums_and_version_tagged_values() {
    finds(
        &body(json!([{"tag": "button", "text": text("b"), "type": "primay"}])),
        Rule::StyleValue,
        Severity::Error,
        "$.body.elements[0].type",
        "found `primay`; did you mean `primary`?",
    );
    let report = validate(&body(
        json!([{"tag": "button", "text": text("b"), "type": "primay"}]),
    ));
    assert!(!report.errors[0].message.contains("Feishu 1.0 ignores it"));
    finds(
        &body(
            json!([{"tag": "img", "img_key": "k", "alt": text(""), "size": "stretch_without_padding"}]),
        ),
        Rule::WrongVersion,
        Severity::Error,
        "$.body.elements[0].size",
        "`stretch_without_padding` exists only in card JSON 1.0; expected one of `large`",
    );
    finds(
        &json!({"elements": [{"tag": "table", "row_height": "auto", "columns": [], "rows": []}]}),
        Rule::WrongVersion,
        Severity::Error,
        "$.elements[0].row_height",
        "`auto` exists only in card JSON 2.0",
    );
    finds(
        &body(
            json!([{"tag": "button", "text": text("b"), "behaviors": [{"type": "form_action"}]}]),
        ),
        Rule::WrongVersion,
        Severity::Error,
        "$.body.elements[0].behaviors[0].type",
        "`form_action` exists only in card JSON 1.0",
    );
}

#[test]
fn shared_syntaxes() {
    let hr = |field: &str, value: Value| body(json!([{"tag": "hr", field: value}]));
    clean(&hr("margin", json!("4px -12px 0 0")));
    finds(
        &hr("margin", json!("4px 4px 4px")),
        Rule::Pattern,
        Severity::Error,
        "$.body.elements[0].margin",
        "1, 2 or 4",
    );
    finds(
        &hr("margin", json!("100px")),
        Rule::Pattern,
        Severity::Error,
        "$.body.elements[0].margin",
        "-99 <= n <= 99",
    );
    let padded =
        |padding: &str| json!({"schema": "2.0", "body": {"padding": padding, "elements": []}});
    finds(
        &padded("-4px"),
        Rule::Pattern,
        Severity::Error,
        "$.body.padding",
        "0 <= n <= 99",
    );
    let spaced = |spacing: &str| json!({"schema": "2.0", "body": {"vertical_spacing": spacing, "elements": []}});
    clean(&spaced("extra_large"));
    clean(&spaced("99px"));
    finds(
        &spaced("huge"),
        Rule::EnumValue,
        Severity::Error,
        "$.body.vertical_spacing",
        "found `huge`",
    );
    let width = |w: &str| body(json!([{"tag": "div", "text": text("x"), "width": w}]));
    clean(&width("16px"));
    finds(
        &width("8px"),
        Rule::EnumValue,
        Severity::Error,
        "$.body.elements[0].width",
        "16 <= n <= 999",
    );
}

#[test]
fn text_limits_cover_i18n_content() {
    let long = "长".repeat(101);
    finds(
        &body(
            json!([{"tag": "button", "text": {"tag": "plain_text", "content": "ok", "i18n_content": {"en_us": long}}}]),
        ),
        Rule::Length,
        Severity::Error,
        "$.body.elements[0].text.i18n_content.en_us",
        "text is 101 characters long; at most 100 allowed",
    );
}

#[test]
fn element_ids() {
    let id = |id: &str| body(json!([{"tag": "hr", "element_id": id}]));
    clean(&id("a_1"));
    clean(&id("A2345678901234567890"));
    for bad in ["1a", "_a", "a-b", "A23456789012345678901", ""] {
        finds(
            &id(bad),
            Rule::Pattern,
            Severity::Error,
            "$.body.elements[0].element_id",
            "^[A-Za-z][A-Za-z0-9_]{0,19}$",
        );
    }
    finds(
        &body(json!([
            {"tag": "div", "element_id": "x", "text": {"tag": "plain_text", "content": "t"}},
            {"tag": "markdown", "content": "m", "element_id": "x"}
        ])),
        Rule::DuplicateElementId,
        Severity::Warning,
        "$.body.elements[1].element_id",
        "duplicate `element_id` `x` (first used at `$.body.elements[0].element_id`)",
    );
}

#[test]
fn audio_ids_are_unique_per_card() {
    let audio = json!({"tag": "audio", "file_key": "k", "audio_id": "a1"});
    finds(
        &card(json!([audio, audio]), json!({"enable_forward": false})),
        Rule::DuplicateElementId,
        Severity::Warning,
        "$.body.elements[1].audio_id",
        "duplicate `audio_id` `a1` (first used at `$.body.elements[0].audio_id`)",
    );
}
