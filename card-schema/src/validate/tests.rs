//! Unit tests of `check_value` and of `validate` on hostile input.

use serde_json::{Value, json};

use crate::{Admits, Ty, Version, check_value, node, nodes, validate};

fn ty(tag: &str, field: &str) -> &'static Ty {
    &node(Version::V1, tag).unwrap().field(field).unwrap().ty
}

#[test]
fn scalars() {
    assert_eq!(check_value(&Ty::Bool, &json!(true)), Ok(()));
    assert_eq!(
        check_value(&Ty::Bool, &json!("yes")).unwrap_err(),
        "expected a boolean; found `\"yes\"`"
    );
    let weight = ty("column", "weight");
    assert_eq!(check_value(weight, &json!(5)), Ok(()));
    assert_eq!(
        check_value(weight, &json!(6)).unwrap_err(),
        "expected an integer between 1 and 5; found `6`"
    );
    assert_eq!(
        check_value(weight, &json!(1.5)).unwrap_err(),
        "expected an integer between 1 and 5; found `1.5`"
    );
    assert_eq!(
        check_value(&Ty::Number, &json!(null)).unwrap_err(),
        "expected a number; found `null`"
    );
    let max = Ty::Str { max_chars: Some(2) };
    assert_eq!(check_value(&max, &json!("说明")), Ok(()));
    assert_eq!(
        check_value(&max, &json!("abc")).unwrap_err(),
        "text is 3 characters long; at most 2 allowed"
    );
    assert_eq!(
        check_value(&Ty::Json, &json!({"any": [1, "thing"]})),
        Ok(())
    );
}

#[test]
fn enums_and_patterns() {
    let width = ty("button", "width");
    assert_eq!(check_value(width, &json!("fill")), Ok(()));
    assert_eq!(check_value(width, &json!("120px")), Ok(()));
    assert_eq!(
        check_value(width, &json!("99px")).unwrap_err(),
        "expected one of `default`, `fill` or `\"<n>px\"` with n >= 100; found `99px`"
    );
    assert_eq!(
        check_value(ty("date_picker", "initial_date"), &json!("2024/01/01")).unwrap_err(),
        "expected a date `yyyy-MM-dd`; found `2024/01/01`"
    );
    assert_eq!(
        check_value(ty("header", "template"), &json!(3)).unwrap_err(),
        "expected one of `blue`, `wathet`, `turquoise`, `green`, `yellow`, `orange`, `red`, \
         `carmine`, `violet`, `purple`, `indigo`, `grey`, `default`; found `3`"
    );
}

#[test]
fn text_objects() {
    let text = ty("button", "text");
    assert_eq!(
        check_value(text, &json!({"tag": "plain_text", "content": "OK"})),
        Ok(())
    );
    assert_eq!(
        check_value(text, &json!("OK")).unwrap_err(),
        "expected a text object with `tag` `plain_text`, `lark_md`; found `\"OK\"`"
    );
    let long = "长".repeat(101);
    assert_eq!(
        check_value(text, &json!({"tag": "plain_text", "content": long})).unwrap_err(),
        "at `content`: text is 101 characters long; at most 100 allowed"
    );
    let alt = ty("img", "alt");
    assert_eq!(
        check_value(alt, &json!({"tag": "lark_md", "content": ""})).unwrap_err(),
        "at `tag`: expected one of `plain_text`; found `lark_md`"
    );
    assert_eq!(
        check_value(alt, &json!({"content": ""})).unwrap_err(),
        "text object requires field `tag`; expected one of `plain_text`"
    );
    assert_eq!(
        check_value(alt, &json!({"tag": "plain_text"})).unwrap_err(),
        "`plain_text` requires one of `content` or `i18n`"
    );
    let title = ty("header", "title");
    assert_eq!(
        check_value(
            title,
            &json!({"tag": "plain_text", "i18n": {"zh_cn": "标题"}})
        ),
        Ok(())
    );
}

#[test]
fn objects_arrays_and_maps() {
    let confirm = ty("button", "confirm");
    assert_eq!(
        check_value(
            confirm,
            &json!({"title": {"tag": "plain_text", "content": "?"}, "text": 1})
        )
        .unwrap_err(),
        "at `text`: expected a text object with `tag` `plain_text`; found `1`"
    );
    let options = ty("select_static", "options");
    assert_eq!(
        check_value(options, &json!([{"value": 3}])).unwrap_err(),
        "at `[0].value`: expected a string; found `3`"
    );
    // Which menus need `value` and `text` is decided by `validate`, which sees the menu.
    assert_eq!(check_value(options, &json!([{}])), Ok(()));
    let images = ty("img_combination", "img_list");
    let ten: Vec<Value> = (0..10)
        .map(|i| json!({"img_key": format!("k{i}")}))
        .collect();
    // Strict out of context: only `validate` knows Feishu merely hides the extra images.
    assert_eq!(
        check_value(images, &Value::from(ten)).unwrap_err(),
        "expected at most 9 items; found 10"
    );
    let area = ty("checker", "button_area");
    let button = json!({"tag": "button", "text": {"tag": "plain_text", "content": "b"}});
    assert_eq!(
        check_value(area, &json!({"buttons": vec![button; 4]})).unwrap_err(),
        "at `buttons`: expected at most 3 items; found 4"
    );
    let href = ty("markdown", "href");
    assert_eq!(
        check_value(href, &json!({"a": {"url": 3}})).unwrap_err(),
        "at `a.url`: expected a string; found `3`"
    );
    assert_eq!(
        check_value(href, &json!({"a": {"pc_url": "x"}})).unwrap_err(),
        "at `a`: a URL object requires `url`, or all of `pc_url`, `ios_url` and `android_url`"
    );
    let tags = ty("header", "i18n_text_tag_list");
    assert_eq!(
        check_value(tags, &json!({"xx_yy": []})),
        Ok(()),
        "unknown locale is a warning"
    );
    assert_eq!(
        check_value(tags, &json!([])).unwrap_err(),
        "expected an object keyed by locale; found an array"
    );
}

#[test]
fn components() {
    let extra = ty("div", "extra");
    assert_eq!(
        check_value(
            extra,
            &json!({"tag": "img", "img_key": "k", "alt": {"tag": "plain_text", "content": ""}})
        ),
        Ok(())
    );
    assert_eq!(
        check_value(extra, &json!({"tag": "markdown", "content": "x"})).unwrap_err(),
        "`markdown` is not allowed here; expected one of `img`, `button`, `select_static`, \
         `select_person`, `overflow`, `date_picker`, `picker_time`, `picker_datetime`"
    );
    assert_eq!(
        check_value(extra, &json!({"tag": "buton"})).unwrap_err(),
        "at `tag`: unknown component `buton`; did you mean `button`?"
    );
    let icon = ty("button", "icon");
    assert_eq!(
        check_value(icon, &json!({"tag": "standard_icn", "token": "t"})).unwrap_err(),
        "at `tag`: unknown icon `standard_icn`; did you mean `standard_icon`?"
    );
    assert_eq!(
        check_value(icon, &json!({"token": "t"})).unwrap_err(),
        "icon requires field `tag`"
    );
    let actions = ty("action", "actions");
    assert_eq!(
        check_value(actions, &json!([{"tag": "hr"}])).unwrap_err(),
        "at `[0]`: `hr` is not allowed here; expected one of `button`, `select_static`, \
         `select_person`, `overflow`, `date_picker`, `picker_time`, `picker_datetime`, `input`"
    );
    assert_eq!(
        check_value(actions, &json!([{}])).unwrap_err(),
        "at `[0]`: component requires field `tag`"
    );
}

/// Every table reference resolves, and every tag is unique.
#[test]
fn tables_are_consistent() {
    for version in Version::ALL {
        tables_of_version_are_consistent(version);
    }
}

fn tables_of_version_are_consistent(version: Version) {
    fn check(version: Version, ty: &Ty, owner: &str) {
        match ty {
            Ty::Object(tag) => assert!(node(version, tag).is_some(), "{owner}: {tag}"),
            Ty::Component(admits) | Ty::Components(admits) => {
                let (Admits::Only(tags) | Admits::AllExcept(tags)) = admits;
                for tag in *tags {
                    assert!(node(version, tag).is_some(), "{owner}: {tag}");
                }
            }
            Ty::Text { kinds, .. } => {
                for kind in *kinds {
                    assert!(node(version, kind).is_some(), "{owner}: {kind}");
                }
            }
            Ty::Array(inner, _) | Ty::I18n(inner) | Ty::Map(inner) => check(version, inner, owner),
            _ => {}
        }
    }
    let all = nodes(version);
    for n in all {
        assert!(
            n.versions.contains(&version),
            "{} is not tagged {version:?}",
            n.tag
        );
        for field in n.all_fields() {
            assert!(
                field.versions.contains(&version),
                "{}.{}",
                n.tag,
                field.name
            );
        }
    }
    for (i, n) in all.iter().enumerate() {
        assert!(
            all[..i].iter().all(|m| m.tag != n.tag),
            "duplicate tag {}",
            n.tag
        );
        for (j, field) in n.all_fields().enumerate() {
            check(version, &field.ty, n.tag);
            assert!(!field.doc.is_empty(), "{}.{} has no doc", n.tag, field.name);
            assert!(
                n.all_fields().take(j).all(|other| other.name != field.name),
                "{}.{} is declared twice",
                n.tag,
                field.name
            );
        }
        for rule in n.children {
            match rule {
                crate::ChildRule::Components { field } => {
                    assert!(
                        matches!(n.field(field).unwrap().ty, Ty::Components(_)),
                        "{}",
                        n.tag
                    )
                }
                crate::ChildRule::Part {
                    node: part, field, ..
                } => {
                    assert!(node(version, part).is_some(), "{}: {part}", n.tag);
                    assert!(n.field(field).is_some(), "{}: {field}", n.tag);
                }
                crate::ChildRule::Slot { field, .. } => {
                    assert!(
                        matches!(n.field(field).unwrap().ty, Ty::Component(_)),
                        "{}",
                        n.tag
                    )
                }
            }
        }
        if let Some(text) = &n.text_child {
            assert!(n.field(text.field).is_some(), "{}: {}", n.tag, text.field);
        }
        for group in n.one_of {
            assert!(group.iter().all(|f| n.field(f).is_some()), "{}", n.tag);
        }
        for (a, b) in n.exclusive {
            assert!(n.field(a).is_some() && n.field(b).is_some(), "{}", n.tag);
        }
    }
}

/// A small deterministic generator (xorshift), so the fuzz cases are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const KEYS: &[&str] = &[
    "tag",
    "elements",
    "i18n_elements",
    "header",
    "title",
    "content",
    "text",
    "actions",
    "columns",
    "extra",
    "fields",
    "options",
    "value",
    "name",
    "action_type",
    "img_list",
    "combination_mode",
    "multi_url",
    "url",
    "schema",
    "config",
    "confirm",
    "i18n",
    "behaviors",
    "type",
    "required",
    "zh_cn",
    "href",
    "is_short",
    "img_key",
    "alt",
    "rows",
    "body",
    "element_id",
    "margin",
    "i18n_content",
    "file_key",
    "chart_spec",
    "form_action_type",
];
const STRINGS: &[&str] = &[
    "div",
    "button",
    "form",
    "table",
    "column",
    "column_set",
    "action",
    "note",
    "plain_text",
    "lark_md",
    "input",
    "img_combination",
    "trisect",
    "form_submit",
    "2.0",
    "1.0",
    "",
    "x",
    "multi_select_static",
    "interactive_container",
    "collapsible_panel",
    "standard_icon",
    "audio",
    "checker",
    "select_img",
    "4px -12px",
    "function(x) { return x; }",
    "submit",
];

fn random_value(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(if depth > 6 { 5 } else { 8 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => json!(rng.next() as i64),
        3 => json!(f64::from(rng.below(1000) as u32) / 7.0),
        4 => Value::from(STRINGS[rng.below(STRINGS.len())]),
        5 => Value::Array(
            (0..rng.below(4))
                .map(|_| random_value(rng, depth + 1))
                .collect(),
        ),
        _ => {
            let mut map = serde_json::Map::new();
            for _ in 0..rng.below(6) {
                map.insert(
                    KEYS[rng.below(KEYS.len())].to_owned(),
                    random_value(rng, depth + 1),
                );
            }
            Value::Object(map)
        }
    }
}

/// Replaces one random node of `value` by a random value.
fn mutate(value: &mut Value, rng: &mut Rng) {
    match value {
        Value::Object(map) if !map.is_empty() && rng.below(3) != 0 => {
            let key = map.keys().nth(rng.below(map.len())).unwrap().clone();
            mutate(map.get_mut(&key).unwrap(), rng);
        }
        Value::Array(items) if !items.is_empty() && rng.below(3) != 0 => {
            let i = rng.below(items.len());
            mutate(&mut items[i], rng);
        }
        other => *other = random_value(rng, 3),
    }
}

#[test]
fn never_panics_on_random_or_mutated_json() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let seed = json!({
        "config": {"update_multi": true},
        "header": {"title": {"tag": "plain_text", "content": "t"}, "text_tag_list": []},
        "elements": [
            {"tag": "div", "text": {"tag": "lark_md", "content": "x"},
             "extra": {"tag": "button", "text": {"tag": "plain_text", "content": "b"}}},
            {"tag": "form", "name": "f", "elements": [
                {"tag": "column_set", "columns": [{"tag": "column", "elements": [
                    {"tag": "input", "name": "i"}]}]},
                {"tag": "button", "name": "s", "action_type": "form_submit",
                 "text": {"tag": "plain_text", "content": "go"}}]},
            {"tag": "img_combination", "combination_mode": "double", "img_list": [{"img_key": "k"}]},
            {"tag": "note", "elements": [{"tag": "plain_text", "content": "n"}]}
        ]
    });
    assert!(validate(&seed).is_ok(), "{:?}", validate(&seed).errors);
    for _ in 0..2000 {
        let _ = validate(&random_value(&mut rng, 0));
        let mut card = seed.clone();
        for _ in 0..1 + rng.below(3) {
            mutate(&mut card, &mut rng);
        }
        let report = validate(&card);
        assert!(
            report
                .errors
                .iter()
                .chain(&report.warnings)
                .all(|f| f.path.starts_with('$'))
        );
    }
    for version in Version::ALL {
        for n in nodes(version) {
            for field in n.all_fields() {
                for _ in 0..5 {
                    let _ = super::check_value_in(version, &field.ty, &random_value(&mut rng, 0));
                }
            }
        }
    }
}

/// The same property over card JSON 2.0: the official all-properties examples mutated.
#[test]
fn never_panics_on_mutated_v2_json() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let seeds: Vec<Value> = [
        include_str!("../../../tests/fixtures/doc-examples/v2-04-form-task-assign.json"),
        include_str!("../../../tests/fixtures/doc-examples/v2-13-structure-full.json"),
        include_str!("../../../tests/fixtures/doc-examples/v2-27-collapsible-panel-all-props.json"),
        include_str!("../../../tests/fixtures/doc-examples/v2-45-table-all-props.json"),
        include_str!("../../../tests/fixtures/doc-examples/v2-80-checker-all-props.json"),
    ]
    .iter()
    .map(|text| serde_json::from_str(text).unwrap())
    .collect();
    for i in 0..2000 {
        let mut card = seeds[i % seeds.len()].clone();
        for _ in 0..1 + rng.below(3) {
            mutate(&mut card, &mut rng);
        }
        let report = validate(&card);
        assert!(
            report
                .errors
                .iter()
                .chain(&report.warnings)
                .all(|f| f.path.starts_with('$'))
        );
    }
}

#[test]
fn hostile_nesting_is_refused_without_exhausting_the_stack() {
    let mut card = json!({"tag": "markdown", "content": "bottom"});
    for _ in 0..100 {
        card = json!({"tag": "column_set", "columns": [{"tag": "column", "elements": [card]}]});
    }
    let report = validate(&json!({ "elements": [card] }));
    let last = report.errors.last().unwrap();
    assert!(
        last.message
            .starts_with("value is nested more than 128 levels deep"),
        "{last}"
    );
    assert!(
        report
            .errors
            .iter()
            .any(|e| e.message.contains("would be nested 6 containers deep"))
    );
}

#[test]
fn json_len_counts_the_compact_json_bytes() {
    for value in [
        json!({}),
        json!({"elements": [{"tag": "div", "text": {"tag": "plain_text", "content": "发布审核：\n\"引号\" \\ \u{1}"}}]}),
        json!([1, 2.5, -3, null, true, "x"]),
    ] {
        assert_eq!(super::json_len(&value), value.to_string().len(), "{value}");
    }
}

#[test]
fn steps_read_back_the_paths_the_walk_writes() {
    use super::path::{index, key, steps};
    use crate::Step;
    let path = index(&key(&key(&index(&key("$", "elements"), 3), "a b"), "c"), 0);
    assert_eq!(path, "$.elements[3][\"a b\"].c[0]");
    assert_eq!(
        steps(&path),
        [
            Step::Key("elements".into()),
            Step::Index(3),
            Step::Key("a b".into()),
            Step::Key("c".into()),
            Step::Index(0),
        ]
    );
    assert_eq!(steps(&key("$", "q\"]x")), [Step::Key("q\"]x".into())]);
    assert!(steps("$").is_empty());
}

#[test]
fn every_default_is_a_value_of_its_field() {
    for version in Version::ALL {
        for node in crate::nodes(version) {
            for field in node.all_fields() {
                let Some(default) = field.default else {
                    continue;
                };
                let value = match field.ty {
                    Ty::Bool | Ty::Int { .. } | Ty::Number | Ty::Text { .. } => {
                        serde_json::from_str(default).unwrap()
                    }
                    _ => Value::from(default),
                };
                assert_eq!(
                    super::check_value_in(version, &field.ty, &value),
                    Ok(()),
                    "{}.{}",
                    node.tag,
                    field.name
                );
            }
        }
    }
}
