//! `validate`'s severities against what Feishu does: the real-world card shapes Feishu accepts
//! pass with a warning that names the fix (and `card!` still refuses them), and every error-level
//! rule has a card that breaks it, with the documentation its row cites.

use card_runtime::card;
use card_schema::{RULES, Rule, Severity, Version, check_value, node, validate};
use serde_json::{Value, json};

/// A card whose only element is `element`.
fn one(element: Value) -> Value {
    json!({ "elements": [element] })
}

fn plain(content: &str) -> Value {
    json!({"tag": "plain_text", "content": content})
}

/// Asserts that `card` passes `validate` with exactly one warning, at `path`, for `rule`, whose
/// message contains `fix`.
fn warns(card: &Value, path: &str, rule: Rule, fix: &str) {
    let report = validate(card);
    assert!(report.is_ok(), "{card}: {:?}", report.errors);
    assert_eq!(report.warnings.len(), 1, "{card}: {:?}", report.warnings);
    let warning = &report.warnings[0];
    assert_eq!((warning.path.as_str(), warning.rule), (path, rule));
    assert!(warning.message.contains(fix), "{}", warning.message);
}

/// Asserts that what `card!` asks of a literal value (`check_value`) refuses `value` in `field`.
fn macro_refuses(tag: &str, field: &str, value: Value) {
    let ty = &node(Version::V1, tag).unwrap().field(field).unwrap().ty;
    assert!(check_value(ty, &value).is_err(), "{tag}.{field} = {value}");
}

#[test]
fn img_alt_with_an_empty_text_tag_is_a_warning() {
    let alt = json!({"tag": "", "content": ""});
    let card = one(json!({"tag": "img", "img_key": "img_v2_1", "alt": alt}));
    warns(
        &card,
        "$.elements[0].alt.tag",
        Rule::EmptyTextTag,
        "expected one of `plain_text`",
    );
    macro_refuses("img", "alt", alt);
}

#[test]
fn table_column_without_data_type_is_a_warning() {
    let card = one(json!({"tag": "table", "rows": [], "columns": [{"name": "a"}]}));
    warns(
        &card,
        "$.elements[0].columns[0]",
        Rule::RequiredWithDefault,
        "add `data_type`",
    );
    // `card!` requires it: the column node's field is still required.
    assert!(
        node(Version::V1, "table.column")
            .unwrap()
            .field("data_type")
            .unwrap()
            .required
    );
}

#[test]
fn out_of_set_style_values_are_warnings() {
    let button = json!({"tag": "button", "type": "plain_text", "text": plain("OK")});
    warns(
        &one(json!({"tag": "action", "actions": [button]})),
        "$.elements[0].actions[0].type",
        Rule::StyleValue,
        "found `plain_text`; Feishu 1.0 ignores it and shows `default`",
    );
    macro_refuses("button", "type", json!("plain_text"));

    warns(
        &one(json!({"tag": "markdown", "content": "x", "text_align": "left,"})),
        "$.elements[0].text_align",
        Rule::StyleValue,
        "found `left,`; did you mean `left`?; Feishu 1.0 ignores it and shows `left`",
    );
    macro_refuses("markdown", "text_align", json!("left,"));

    warns(
        &json!({"header": {"title": plain("T"), "template": "Blue"}}),
        "$.header.template",
        Rule::StyleValue,
        "found `Blue`; did you mean `blue`?; Feishu 1.0 ignores it and shows `default`",
    );
    macro_refuses("header", "template", json!("Blue"));
}

/// A `table` that passes.
fn table() -> Value {
    json!({"tag": "table", "rows": [], "columns": [{"name": "a", "data_type": "text"}]})
}

/// A form submit button named `name`.
fn submit(name: &str) -> Value {
    json!({"tag": "button", "name": name, "action_type": "form_submit", "text": plain("Go")})
}

/// One card per error-level rule, with the path of the finding it gives.
fn error_cases() -> Vec<(Rule, Value, &'static str)> {
    let mut deep = json!({"tag": "markdown", "content": "bottom"});
    for _ in 0..100 {
        deep = json!({"tag": "column_set", "columns": [{"tag": "column", "elements": [deep]}]});
    }
    vec![
        (Rule::NotACard, json!([]), "$"),
        (
            Rule::CardSize,
            one(json!({"tag": "markdown", "content": "x".repeat(30_001)})),
            "$",
        ),
        (Rule::TooDeep, one(deep), ""),
        (Rule::Type, json!({"config": "wide"}), "$.config"),
        (Rule::EnumValue, json!({"schema": "3.0"}), "$.schema"),
        (
            Rule::Pattern,
            one(json!({"tag": "action", "actions": [
                {"tag": "date_picker", "initial_date": "01/02/2024"}
            ]})),
            "$.elements[0].actions[0].initial_date",
        ),
        (
            Rule::Range,
            one(json!({"tag": "column_set", "columns": [
                {"tag": "column", "weight": 6, "elements": []}
            ]})),
            "$.elements[0].columns[0].weight",
        ),
        (
            Rule::Length,
            one(json!({"tag": "action", "actions": [
                {"tag": "button", "text": plain(&"x".repeat(101))}
            ]})),
            "$.elements[0].actions[0].text.content",
        ),
        (
            Rule::ArrayLength,
            one(json!({"tag": "checker", "button_area": {"buttons": vec![
                json!({"tag": "button", "text": plain("b")}); 4
            ]}})),
            "$.elements[0].button_area.buttons",
        ),
        (
            Rule::TextTag,
            one(json!({"tag": "img", "img_key": "img_v2_1",
                       "alt": {"tag": "lark_md", "content": ""}})),
            "$.elements[0].alt.tag",
        ),
        (
            Rule::Exclusive,
            one(
                json!({"tag": "action", "actions": [{"tag": "button", "text": plain("Go"),
                "url": "https://a.cn", "multi_url": {"url": "https://a.cn"}}]}),
            ),
            "$.elements[0].actions[0].multi_url",
        ),
        (
            Rule::Url,
            one(json!({"tag": "action", "actions": [
                {"tag": "button", "text": plain("OK"), "url": "ftp://example.com"}
            ]})),
            "$.elements[0].actions[0].url",
        ),
        (
            Rule::FormOnlyRequired,
            one(json!({"tag": "action", "actions": [{"tag": "input", "required": true}]})),
            "$.elements[0].actions[0].required",
        ),
        (
            Rule::MultiSelectOutsideForm,
            one(json!({"tag": "select_img", "multi_select": true,
                       "options": [{"img_key": "img_v2_1", "value": "a"}]})),
            "$.elements[0].multi_select",
        ),
        (
            Rule::UnknownTag,
            one(json!({"tag": "buton"})),
            "$.elements[0].tag",
        ),
        (
            Rule::Placement,
            one(json!({"tag": "button", "text": plain("OK")})),
            "$.elements[0]",
        ),
        (
            Rule::Required,
            one(json!({"tag": "markdown"})),
            "$.elements[0]",
        ),
        (Rule::OneOf, one(json!({"tag": "div"})), "$.elements[0]"),
        (
            Rule::UrlObject,
            json!({"card_link": {"pc_url": "https://example.com"}}),
            "$.card_link",
        ),
        (
            Rule::Behavior,
            one(json!({"tag": "action", "actions": [
                {"tag": "button", "text": plain("OK"), "behaviors": [{"type": "open_url"}]}
            ]})),
            "$.elements[0].actions[0].behaviors[0]",
        ),
        (
            Rule::PartField,
            one(json!({"tag": "action", "actions": [
                {"tag": "select_static", "options": [{"text": plain("A")}]}
            ]})),
            "$.elements[0].actions[0].options[0]",
        ),
        (
            Rule::FormMember,
            one(json!({"tag": "form", "name": "f", "elements": [{"tag": "input"}, submit("go")]})),
            "$.elements[0].elements[0]",
        ),
        (
            Rule::FormSubmit,
            one(json!({"tag": "form", "name": "f", "elements": [{"tag": "input", "name": "i"}]})),
            "$.elements[0]",
        ),
        (
            Rule::DuplicateName,
            one(json!({"tag": "form", "name": "f", "elements": [
                {"tag": "input", "name": "same"}, submit("same")
            ]})),
            "$.elements[0].elements[1].name",
        ),
        (
            Rule::Tables,
            json!({"elements": vec![table(); 6]}),
            "$.elements[5]",
        ),
        (
            Rule::WrongVersion,
            v2(json!([{"tag": "action", "actions": []}])),
            "$.body.elements[0].tag",
        ),
        (
            Rule::TooManyTagged,
            v2(Value::Array(vec![json!({"tag": "hr"}); 201])),
            "$.body.elements[200]",
        ),
        (
            Rule::CardNeed,
            v2(json!([{"tag": "audio", "file_key": "file_v3_x"}])),
            "$",
        ),
        (
            Rule::FixedValue,
            json!({"schema": "2.0", "config": {"update_multi": false}}),
            "$.config.update_multi",
        ),
        (
            Rule::BehaviorType,
            v2(
                json!([{"tag": "checker", "behaviors": [{"type": "open_url", "default_url": "https://a.cn"}]}]),
            ),
            "$.body.elements[0].behaviors[0].type",
        ),
        (
            Rule::ChartCode,
            v2(
                json!([{"tag": "chart", "chart_spec": {"label": {"formatter": "function(v) { return v; }"}}}]),
            ),
            "$.body.elements[0].chart_spec.label.formatter",
        ),
    ]
}

/// A card JSON 2.0 card whose body holds `elements`.
fn v2(elements: Value) -> Value {
    json!({"schema": "2.0", "body": {"elements": elements}})
}

/// Rules that are errors in card JSON 2.0 only: a 2.0 card breaking each, with its 2.0 source.
#[test]
fn every_v2_error_rule_refuses_a_2_0_card_and_cites_its_source() {
    let cases = [
        (
            Rule::UnknownField,
            v2(json!([{"tag": "hr", "colour": "red"}])),
            "$.body.elements[0].colour",
        ),
        (
            Rule::StyleValue,
            v2(json!([{"tag": "button", "text": plain("b"), "type": "Primary"}])),
            "$.body.elements[0].type",
        ),
    ];
    for (rule, card, path) in &cases {
        let report = validate(card);
        assert!(
            report
                .errors
                .iter()
                .any(|e| e.rule == *rule && e.path == *path),
            "{rule:?}: {:?}",
            report.errors
        );
        assert!(
            rule.source_in(Version::V2).contains("reference-v2 §"),
            "{rule:?}"
        );
        // The same mistake in a 1.0 card is what 1.0 ignores.
        assert_eq!(rule.severity_in(Version::V1), Severity::Warning);
    }
    for row in RULES.iter().filter(|row| {
        row.rule.severity_in(Version::V2) == Severity::Error && row.severity == Severity::Warning
    }) {
        assert!(
            cases.iter().any(|(rule, ..)| *rule == row.rule),
            "2.0 error rule {:?} has no case",
            row.rule
        );
    }
}

/// What official 2.0 examples do although a page says otherwise stays a warning in 2.0.
#[test]
fn v2_quirks_of_official_examples_are_warnings() {
    for (rule, card, path) in [
        (
            Rule::UrlObject,
            json!({"schema": "2.0", "card_link": {}}),
            "$.card_link",
        ),
        (
            Rule::Legacy,
            json!({"schema": "2.0", "fallback": {}}),
            "$.fallback",
        ),
        (
            Rule::DuplicateElementId,
            v2(json!([{"tag": "hr", "element_id": "a"}, {"tag": "hr", "element_id": "a"}])),
            "$.body.elements[1].element_id",
        ),
        (
            Rule::EmptyObject,
            v2(json!([{"tag": "button", "text": plain("b"), "hover_tips": {}}])),
            "$.body.elements[0].hover_tips",
        ),
    ] {
        warns(&card, path, rule, "");
    }
}

#[test]
fn every_error_rule_refuses_a_card_and_cites_its_source() {
    let cases = error_cases();
    for (rule, card, path) in &cases {
        let report = validate(card);
        let found = report
            .errors
            .iter()
            .find(|finding| finding.rule == *rule)
            .unwrap_or_else(|| panic!("{rule:?} not reported: {:?}", report.errors));
        if !path.is_empty() {
            assert_eq!(found.path, *path, "{rule:?}");
        }
        let source = rule.source();
        assert!(
            source.contains("reference §")
                || source.contains("reference-v2 §")
                || source.contains("error ")
                || source.contains("page")
                || source.starts_with("not a Feishu"),
            "{rule:?} cites no page or error code: {source}"
        );
    }
    // A value that does not serialize is found by the runtime's `Card::validate`.
    let bad: std::collections::HashMap<Vec<u8>, u8> = [(vec![1], 1)].into();
    let report =
        card! { <card><action><button value={bad}>"x"</button></action></card> }.validate();
    assert_eq!(report.errors[0].rule, Rule::Serialize);

    let covered: Vec<Rule> = cases
        .iter()
        .map(|(rule, ..)| *rule)
        .chain([Rule::Serialize])
        .collect();
    for row in RULES.iter().filter(|row| row.severity == Severity::Error) {
        assert!(
            covered.contains(&row.rule),
            "error rule {:?} has no case",
            row.rule
        );
    }
}

#[test]
fn broken_cards_stay_errors() {
    // The cards the client and emulator tests refuse before sending.
    assert!(!validate(&one(json!({"tag": "buton"}))).is_ok());
    let report = validate(&one(json!({"tag": "button", "text": plain("OK")})));
    assert_eq!(report.errors[0].rule, Rule::Placement);
}

#[test]
fn rules_between_fields_are_warnings_naming_the_fix() {
    let option = |value: &str| json!({"text": plain(value), "value": value});
    let in_action = |component: Value| one(json!({"tag": "action", "actions": [component]}));
    warns(
        &in_action(json!({"tag": "select_static", "initial_option": "c",
                          "options": [option("a"), option("b")]})),
        "$.elements[0].actions[0].initial_option",
        Rule::InitialChoice,
        "`initial_option` `c` is not the `value` of any option; expected one of `a`, `b`",
    );
    warns(
        &in_action(json!({"tag": "select_static", "options": [option("a"), option("a")]})),
        "$.elements[0].actions[0].options[1].value",
        Rule::DuplicateOption,
        "values must be unique within one `select_static`",
    );
    let form = |member: Value| {
        one(json!({"tag": "form", "name": "f", "elements": [member, {
            "tag": "button", "name": "go", "action_type": "form_submit", "text": plain("Go")
        }]}))
    };
    warns(
        &form(json!({"tag": "multi_select_static", "name": "m",
                     "selected_values": ["a", "z"], "options": [option("a")]})),
        "$.elements[0].elements[0].selected_values[1]",
        Rule::InitialChoice,
        "`selected_values` `z` is not the `value` of any option",
    );
    warns(
        &form(json!({"tag": "input", "name": "i", "max_length": 3, "default_value": "four"})),
        "$.elements[0].elements[0].default_value",
        Rule::TiedLength,
        "shorten it or raise `max_length`",
    );
    warns(
        &one(json!({"tag": "img", "img_key": "https://example.com/a.png", "alt": plain("")})),
        "$.elements[0].img_key",
        Rule::KeyIsUrl,
        "upload the image (im/v1/images) and give the `img_key` it returns",
    );
    warns(
        &one(json!({"tag": "column_set", "columns": [
            {"tag": "column", "weight": 2, "elements": []}
        ]})),
        "$.elements[0].columns[0].weight",
        Rule::NoEffect,
        "`weight` only has an effect when `width` is `weighted`; set `width` or drop `weight`",
    );
    warns(
        &one(
            json!({"tag": "img", "img_key": "img_v2_1", "alt": plain(""),
                    "scale_type": "fit_horizontal", "size": "large"}),
        ),
        "$.elements[0].size",
        Rule::NoEffect,
        "`size` only has an effect when `scale_type` is `crop_center` or `crop_top`",
    );
    // A person menu without options offers the chat's members: nothing to compare with.
    assert!(
        validate(&form(json!({"tag": "multi_select_person", "name": "p",
                              "selected_values": ["ou_1"]})))
        .warnings
        .is_empty()
    );
}
