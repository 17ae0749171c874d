//! Official card JSON examples against `card_schema::validate`.
//!
//! The examples are copied into `tests/fixtures/doc-examples/` so the test is self-contained;
//! `shared_copy_is_unchanged` keeps the copy honest wherever the shared originals are found
//! above the repository (beside it, or beside the directory of worktrees).

use std::fs;
use std::path::{Path, PathBuf};

use card_schema::{Finding, Report, validate};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/doc-examples");

fn examples(prefix: &str) -> Vec<(String, Value)> {
    let mut files: Vec<PathBuf> = fs::read_dir(FIXTURES)
        .expect("fixtures directory")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            name.starts_with(prefix) && name.ends_with(".json")
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&path).expect("readable fixture");
            (name, serde_json::from_str(&text).expect("fixture is JSON"))
        })
        .collect()
}

fn show(findings: &[Finding]) -> String {
    findings.iter().map(|f| format!("\n  {f}")).collect()
}

#[test]
fn every_v1_example_passes() {
    let cards = examples("v1-");
    assert!(
        cards.len() >= 16,
        "expected the 16 shared 1.0 examples, found {}",
        cards.len()
    );
    for (name, card) in &cards {
        let report = validate(card);
        assert!(report.is_ok(), "{name} has errors:{}", show(&report.errors));
    }
}

#[test]
fn v1_examples_warn_only_where_feishu_ignores_something() {
    for (name, card) in examples("v1-") {
        let Report { warnings, .. } = validate(&card);
        if name.starts_with("v1-07-") {
            // v1-07 puts `initial_date` on a `picker_datetime`: unknown in 1.0, so ignored.
            assert_eq!(warnings.len(), 2, "{name}:{}", show(&warnings));
            for (i, warning) in warnings.iter().enumerate() {
                assert_eq!(warning.path, format!("$.elements[{i}].extra.initial_date"));
                assert!(
                    warning
                        .message
                        .starts_with("unknown field `initial_date` on `picker_datetime`"),
                    "{}",
                    warning.message
                );
            }
        } else if name.starts_with("v1-21-") {
            // v1-21 gives `weight` to columns of `width` `auto`, where it has no effect
            // (reference §1.7 `column`: weight is for weighted columns).
            assert_eq!(warnings.len(), 6, "{name}:{}", show(&warnings));
            assert!(
                warnings
                    .iter()
                    .all(|w| w.rule == card_schema::Rule::NoEffect && w.path.ends_with(".weight")),
                "{name}:{}",
                show(&warnings)
            );
        } else if name.starts_with("v1-25-") {
            // v1-25 sets `initial_option` to an option's text, not its value (reference §1.8:
            // "an option value"); Feishu accepts the card, whether it preselects is UNCONFIRMED.
            assert_eq!(warnings.len(), 1, "{name}:{}", show(&warnings));
            assert_eq!(warnings[0].rule, card_schema::Rule::InitialChoice);
        } else {
            // v1-06 repeats the overflow option value `document`: accepted, overflow options
            // carry their own links, so their values are not tied.
            assert!(
                warnings.is_empty(),
                "{name} has warnings:{}",
                show(&warnings)
            );
        }
    }
}

#[test]
fn every_v2_example_passes_but_the_placeholder() {
    let cards = examples("v2-");
    assert!(
        cards.len() >= 45,
        "expected the 45 shared 2.0 examples, found {}",
        cards.len()
    );
    for (name, card) in &cards {
        let report = validate(card);
        if name.starts_with("v2-13-") {
            // The structure page's skeleton: `{"tag": "xxx"}` stands for "a component here".
            assert_eq!(report.errors.len(), 1, "{name}:{}", show(&report.errors));
            assert_eq!(report.errors[0].path, "$.body.elements[0].tag");
            assert_eq!(report.errors[0].message, "unknown component `xxx`");
        } else {
            assert!(report.is_ok(), "{name} has errors:{}", show(&report.errors));
        }
    }
}

#[test]
fn v2_examples_warn_where_they_break_a_documented_rule() {
    for (name, card) in examples("v2-") {
        let Report { warnings, .. } = validate(&card);
        let rules: Vec<card_schema::Rule> = warnings.iter().map(|w| w.rule).collect();
        println!("{name}:{}", show(&warnings));
        println!("ERR {name}:{}", show(&validate(&card).errors));
        let _ = rules;
    }
}

#[test]
fn shared_copy_is_unchanged() {
    // The shared originals sit beside the repository (`../shared`) or beside the directory of
    // worktrees that holds it (`../../shared`); the nearest ancestor holding them wins.
    let shared = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .skip(1)
        .map(|dir| dir.join("shared/doc-examples"))
        .find(|dir| dir.is_dir());
    let Some(shared) = shared else {
        // A checkout without the shared documents anywhere above it: the copy is the only source.
        return;
    };
    for entry in fs::read_dir(&shared).expect("shared examples") {
        let path = entry.expect("directory entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.starts_with("v1-") || name.starts_with("v2-")) {
            continue;
        }
        let copy = Path::new(FIXTURES).join(&name);
        let original: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let copied: Value = serde_json::from_str(&fs::read_to_string(&copy).unwrap_or_default())
            .unwrap_or_else(|_| panic!("{name} is missing from tests/fixtures/doc-examples"));
        assert_eq!(original, copied, "{name} differs from the shared original");
    }
}

/// A plain_text object.
fn text(content: &str) -> Value {
    serde_json::json!({"tag": "plain_text", "content": content})
}

/// A button with `text`, plus `extra` fields.
fn button(label: &str, extra: Value) -> Value {
    let mut button = serde_json::json!({"tag": "button", "text": text(label)});
    if let (Some(button), Some(extra)) = (button.as_object_mut(), extra.as_object()) {
        button.extend(extra.clone());
    }
    button
}

/// A form holding `elements` and a submit button.
fn form(name: &str, mut elements: Vec<Value>) -> Value {
    let submit =
        serde_json::json!({"action_type": "form_submit", "name": format!("{name}_submit")});
    elements.push(button("Submit", submit));
    serde_json::json!({"tag": "form", "name": name, "elements": elements})
}

/// `depth` nested column sets around `inner`.
fn nested_columns(depth: usize, inner: Value) -> Value {
    (0..depth).fold(inner, |inner, _| {
        serde_json::json!({"tag": "column_set", "columns": [{"tag": "column", "elements": [inner]}]})
    })
}

/// One broken card per rule: (what, card, path of the single expected error, message part).
fn broken_cards() -> Vec<(&'static str, Value, &'static str, String)> {
    use serde_json::json;
    let long = "长".repeat(101);
    let option = |t: &str, v: &str| json!({"text": text(t), "value": v});
    vec![
        ("card is not an object", json!([]), "$", "expected a card object; found an array".into()),
        ("unknown schema", json!({"schema": "3.0"}), "$.schema", "expected one of `1.0`, `2.0`; found `3.0`".into()),
        ("missing required field", json!({"elements": [{"tag": "img", "alt": text("")}]}), "$.elements[0]", "`img` requires field `img_key`".into()),
        ("wrong type", json!({"elements": [{"tag": "div", "text": "hello"}]}), "$.elements[0].text", "expected a text object with `tag` `plain_text`, `lark_md`; found `\"hello\"`".into()),
        ("bad enum", json!({"elements": [{"tag": "action", "actions": [{"tag": "input", "input_type": "pasword"}]}]}), "$.elements[0].actions[0].input_type", "found `pasword`; did you mean `password`?".into()),
        ("bad text kind", json!({"elements": [{"tag": "img", "img_key": "k", "alt": {"tag": "lark_md", "content": ""}}]}), "$.elements[0].alt.tag", "expected one of `plain_text`".into()),
        ("int out of range", json!({"elements": [{"tag": "column_set", "columns": [{"tag": "column", "weight": 6, "elements": []}]}]}), "$.elements[0].columns[0].weight", "expected an integer between 1 and 5; found `6`".into()),
        ("bad date", json!({"elements": [{"tag": "action", "actions": [{"tag": "date_picker", "initial_date": "01/02/2024"}]}]}), "$.elements[0].actions[0].initial_date", "expected a date `yyyy-MM-dd`; found `01/02/2024`".into()),
        ("bad link scheme", json!({"elements": [{"tag": "action", "actions": [button("Go", json!({"url": "ftp://x"}))]}]}), "$.elements[0].actions[0].url", "expected an `http://` or `https://` link".into()),
        ("unknown component", json!({"elements": [{"tag": "buton"}]}), "$.elements[0].tag", "unknown component `buton`; did you mean `button`?".into()),
        ("component without tag", json!({"elements": [{"text": text("x")}]}), "$.elements[0]", "component requires field `tag`".into()),
        ("interactive at root", json!({"elements": [button("OK", json!({}))]}), "$.elements[0]", "`button` cannot be placed at the card root; wrap it in `<action>`".into()),
        ("column outside column_set", json!({"elements": [{"tag": "column", "elements": []}]}), "$.elements[0]", "`column` cannot be placed at the card root".into()),
        ("multi select outside form", json!({"elements": [nested_columns(1, json!({"tag": "multi_select_static", "name": "m", "options": []}))]}), "$.elements[0].columns[0].elements[0]", "`multi_select_static` can only be placed inside a `<form>`".into()),
        ("form not at root", json!({"elements": [nested_columns(1, form("f", vec![]))]}), "$.elements[0].columns[0].elements[0]", "`form` can only be placed at the card root".into()),
        ("table in a panel", json!({"elements": [{"tag": "collapsible_panel", "header": {"title": text("t")}, "elements": [{"tag": "table", "columns": [], "rows": []}]}]}), "$.elements[0].elements[0]", "`table` can only be placed at the card root".into()),
        ("overflow in column", json!({"elements": [nested_columns(1, json!({"tag": "overflow", "options": [option("a", "a")]}))]}), "$.elements[0].columns[0].elements[0]", "`overflow` cannot be placed inside a `<column>`".into()),
        ("button in interactive_container", json!({"elements": [{"tag": "interactive_container", "behaviors": [{"type": "callback", "value": {}}], "elements": [button("OK", json!({}))]}]}), "$.elements[0].elements[0]", "`button` cannot be placed inside `<interactive_container>`".into()),
        ("too deep", json!({"elements": [nested_columns(3, json!({"tag": "markdown", "content": "deep"}))]}), "$.elements[0].columns[0].elements[0].columns[0].elements[0].columns[0]", "`column` would be nested 6 containers deep; card JSON allows at most 5".into()),
        ("div extra not admitted", json!({"elements": [{"tag": "div", "text": text("x"), "extra": {"tag": "markdown", "content": "m"}}]}), "$.elements[0].extra", "`markdown` is not allowed here; expected one of `img`, `button`".into()),
        ("button text over 100", json!({"elements": [{"tag": "action", "actions": [button(&long, json!({}))]}]}), "$.elements[0].actions[0].text.content", "text is 101 characters long; at most 100 allowed".into()),
        ("placeholder over 100", json!({"elements": [{"tag": "action", "actions": [{"tag": "select_person", "placeholder": text(&long)}]}]}), "$.elements[0].actions[0].placeholder.content", "at most 100 allowed".into()),
        ("option text over 100", json!({"elements": [{"tag": "action", "actions": [{"tag": "select_static", "options": [option(&long, "v")]}]}]}), "$.elements[0].actions[0].options[0].text.content", "at most 100 allowed".into()),
        ("option without value", json!({"elements": [{"tag": "action", "actions": [{"tag": "select_static", "options": [{"text": text("a")}]}]}]}), "$.elements[0].actions[0].options[0]", "`option` in `select_static` requires field `value`".into()),
        ("option without text", json!({"elements": [{"tag": "action", "actions": [{"tag": "overflow", "options": [{"value": "v"}]}]}]}), "$.elements[0].actions[0].options[0]", "`option` in `overflow` requires field `text`".into()),
        ("url and multi_url", json!({"elements": [{"tag": "action", "actions": [button("Go", json!({"url": "https://a.cn", "multi_url": {"url": "https://a.cn"}}))]}]}), "$.elements[0].actions[0].multi_url", "`url` and `multi_url` of `button` exclude each other; give only one".into()),
        ("div needs text or fields", json!({"elements": [{"tag": "div"}]}), "$.elements[0]", "`div` requires one of `text` or `fields`".into()),
        ("picker needs placeholder or initial value", json!({"elements": [{"tag": "action", "actions": [{"tag": "picker_time"}]}]}), "$.elements[0].actions[0]", "`picker_time` requires one of `placeholder` or `initial_time`".into()),
        ("confirm needs text", json!({"elements": [{"tag": "action", "actions": [button("OK", json!({"confirm": {"title": text("Sure?")}}))]}]}), "$.elements[0].actions[0].confirm", "`confirm` requires field `text`".into()),
        ("header needs title", json!({"header": {"template": "blue"}}), "$.header", "`header` requires field `title`".into()),
        ("URL object incomplete", json!({"card_link": {"pc_url": "https://a.cn"}}), "$.card_link", "a URL object requires `url`, or all of `pc_url`, `ios_url` and `android_url`".into()),
        ("behavior incomplete", json!({"elements": [{"tag": "interactive_container", "behaviors": [{"type": "open_url"}], "elements": []}]}), "$.elements[0].behaviors[0]", "a `open_url` behavior requires field `default_url`".into()),
        ("form without submit", json!({"elements": [{"tag": "form", "name": "f", "elements": [{"tag": "input", "name": "i"}]}]}), "$.elements[0]", "`form` has no submit button".into()),
        ("form field without name", json!({"elements": [form("f", vec![json!({"tag": "input"})])]}), "$.elements[0].elements[0]", "`input` inside a `form` requires field `name`".into()),
        ("form button without role", json!({"elements": [form("f", vec![button("Other", json!({"name": "other"}))])]}), "$.elements[0].elements[0]", "`button` inside a `form` requires field `action_type`".into()),
        ("duplicate names", json!({"elements": [form("f", vec![json!({"tag": "input", "name": "x"}), json!({"tag": "input", "name": "x"})])]}), "$.elements[0].elements[1].name", "duplicate `name` `x`; names must be unique within the card (first used at `$.elements[0].elements[0].name`)".into()),
        ("input required outside form", json!({"elements": [{"tag": "action", "actions": [{"tag": "input", "required": true}]}]}), "$.elements[0].actions[0].required", "`required` on `input` is only allowed inside a `<form>`".into()),
        ("select_img multi outside form", json!({"elements": [{"tag": "select_img", "multi_select": true, "options": [{"img_key": "k"}]}]}), "$.elements[0].multi_select", "`multi_select` on `select_img` is only allowed inside a `<form>`".into()),
        ("select_img required outside form", json!({"elements": [{"tag": "select_img", "required": true, "options": [{"img_key": "k"}]}]}), "$.elements[0].required", "`required` on `select_img` is only allowed inside a `<form>`".into()),
        ("six tables", json!({"elements": vec![json!({"tag": "table", "columns": [], "rows": []}); 6]}), "$.elements[5]", "a card holds at most 5 tables; this is table 6".into()),
        ("unknown locale is fine but bad i18n element is not", json!({"i18n_elements": {"zh_cn": [{"tag": "hr"}], "en_us": [{"tag": "nope"}]}}), "$.i18n_elements.en_us[0].tag", "unknown component `nope`".into()),
        ("over 30 000 bytes", json!({"elements": [{"tag": "markdown", "content": "x".repeat(30_000)}]}), "$", "card is 30046 bytes as JSON; Feishu accepts at most 30000".into()),
    ]
}

#[test]
fn each_broken_card_gives_its_error_at_its_path() {
    for (what, card, path, message) in broken_cards() {
        let report = validate(&card);
        assert_eq!(report.errors.len(), 1, "{what}:{}", show(&report.errors));
        let error = &report.errors[0];
        assert_eq!(error.path, path, "{what}: {error}");
        assert!(
            error.message.contains(&message),
            "{what}: {error}\n  expected to contain: {message}"
        );
        assert!(!error.message.ends_with('.'), "{what}: trailing period");
    }
}

#[test]
fn every_finding_is_reported_not_only_the_first() {
    let card = serde_json::json!({
        "header": {"template": "bleu", "text_tag_list": [{"tag": "text_tag", "text": text("t"), "color": "rde"}]},
        "elements": [
            {"tag": "img"},
            button("OK", serde_json::json!({"colour": "red"})),
            {"tag": "div", "text": text("x"), "fields": [{"is_short": "yes"}]},
        ],
    });
    let report = validate(&card);
    // Sorted: object key order depends on serde_json's `preserve_order` feature.
    let mut paths: Vec<&str> = report.errors.iter().map(|f| f.path.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "$.elements[0]",
            "$.elements[0]",
            "$.elements[1]",
            "$.elements[2].fields[0]",
            "$.elements[2].fields[0].is_short",
            "$.header",
        ],
        "{}",
        show(&report.errors)
    );
    // Out-of-set looks are shown as the default: warnings, not errors.
    let mut paths: Vec<&str> = report.warnings.iter().map(|f| f.path.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "$.elements[1].colour",
            "$.header.template",
            "$.header.text_tag_list[0].color"
        ],
        "{}",
        show(&report.warnings)
    );
}

#[test]
fn what_feishu_ignores_is_a_warning() {
    use serde_json::json;
    let tag = json!({"tag": "text_tag", "text": text("t"), "color": "red"});
    let cases = [
        (
            json!({"header": {"title": text("t"), "text_tag_list": vec![tag.clone(); 4]}}),
            "$.header.text_tag_list",
            "Feishu shows at most 3 items; the other 1 are ignored",
        ),
        (
            json!({"header": {"title": text("t"), "i18n_text_tag_list": {"en_us": vec![tag; 5]}}}),
            "$.header.i18n_text_tag_list.en_us",
            "the other 2 are ignored",
        ),
        (
            json!({"elements": [{"tag": "hr", "colour": "red"}]}),
            "$.elements[0].colour",
            "unknown field `colour` on `hr` (ignored by Feishu)",
        ),
        (
            json!({"elements": [{"tag": "markdown", "content": "x", "text_algin": "left"}]}),
            "$.elements[0].text_algin",
            "did you mean `text_align`?",
        ),
        (
            json!({"elements": [{"tag": "action", "actions": [button("OK", json!({"action_type": "request"}))]}]}),
            "$.elements[0].actions[0].action_type",
            "`action_type` only has an effect inside a `<form>`",
        ),
        (
            json!({"elements": [{"tag": "action", "actions": [button("OK", json!({"type": "primay"}))]}]}),
            "$.elements[0].actions[0].type",
            "found `primay`; did you mean `primary`?; Feishu 1.0 ignores it and shows `default`",
        ),
        (
            json!({"elements": [{"tag": "img", "img_key": "k", "alt": {"tag": "", "content": ""}}]}),
            "$.elements[0].alt.tag",
            "expected one of `plain_text`; found ``",
        ),
        (
            json!({"elements": [{"tag": "table", "rows": [], "columns": [{"name": "a"}]}]}),
            "$.elements[0].columns[0]",
            "`table.column` requires field `data_type`; without it Feishu uses `text`, so add `data_type`",
        ),
        (
            json!({"elements": [{"tag": "action", "actions": [{"tag": "select_static", "options": [
                {"text": text("a"), "value": "a", "url": "https://a.cn"}
            ]}]}]}),
            "$.elements[0].actions[0].options[0].url",
            "`url` on `option` only has an effect in `overflow`",
        ),
        (
            json!({"i18n_elements": {"zh_ch": []}}),
            "$.i18n_elements.zh_ch",
            "unknown locale `zh_ch` (ignored by Feishu); did you mean `zh_cn`?",
        ),
        (
            json!({"elements": vec![json!({"tag": "chart", "chart_spec": {}}); 6]}),
            "$.elements[5]",
            "more than 5 charts in a card are not recommended",
        ),
        (
            json!({"elements": [{"tag": "img_combination", "combination_mode": "double", "img_list": [{"img_key": "a"}, {"img_key": "b"}, {"img_key": "c"}]}]}),
            "$.elements[0].img_list",
            "`double` mode shows at most 2 of `img_list`; the other 1 are ignored",
        ),
        (
            json!({"elements": [{"tag": "img_combination", "combination_mode": "trisect", "img_list": vec![json!({"img_key": "a"}); 10]}]}),
            "$.elements[0].img_list",
            "Feishu shows at most 9 items; the other 1 are ignored",
        ),
    ];
    for (card, path, message) in cases {
        let report = validate(&card);
        assert!(report.is_ok(), "{card}:{}", show(&report.errors));
        assert_eq!(
            report.warnings.len(),
            1,
            "{card}:{}",
            show(&report.warnings)
        );
        assert_eq!(report.warnings[0].path, path);
        assert!(
            report.warnings[0].message.contains(message),
            "{}",
            report.warnings[0]
        );
    }
}

#[test]
fn names_and_tables_count_per_locale() {
    let table = serde_json::json!({"tag": "table", "columns": [], "rows": []});
    let tree = vec![
        form(
            "same",
            vec![serde_json::json!({"tag": "input", "name": "n"})],
        ),
        table.clone(),
        table.clone(),
        table.clone(),
        table.clone(),
        table,
    ];
    let card =
        serde_json::json!({"elements": tree, "i18n_elements": {"zh_cn": tree, "en_us": tree}});
    let report = validate(&card);
    assert!(report.is_ok(), "{}", show(&report.errors));
}
