//! Card JSON 2.0 rules of [`crate::validate`] on the card's structure and card-wide state:
//! placement, depth, counts, forms, card-level rules, styles, tables and charts.

use serde_json::{Value, json};

use super::tests_v2::{body, card, clean, finds, submit, text};
use crate::{Rule, Severity, validate};

#[test]
fn placement_matrix() {
    let form = json!({"tag": "form", "name": "f", "elements": [submit()]});
    let table = json!({"tag": "table", "columns": [], "rows": []});
    let in_column = |component: Value| {
        body(
            json!([{"tag": "column_set", "columns": [{"tag": "column", "elements": [component]}]}]),
        )
    };
    finds(
        &in_column(form),
        Rule::Placement,
        Severity::Error,
        "$.body.elements[0].columns[0].elements[0]",
        "`form` can only be placed at the body root (`body.elements`)",
    );
    finds(
        &in_column(table.clone()),
        Rule::Placement,
        Severity::Error,
        "$.body.elements[0].columns[0].elements[0]",
        "`table` can only be placed at the body root (`body.elements`)",
    );
    let panel = body(
        json!([{"tag": "collapsible_panel", "header": {"title": text("p")}, "elements": [table]}]),
    );
    finds(
        &panel,
        Rule::Placement,
        Severity::Error,
        "$.body.elements[0].elements[0]",
        "not inside `<collapsible_panel>`",
    );
    finds(
        &body(json!([{"tag": "multi_select_person", "name": "m"}])),
        Rule::Placement,
        Severity::Error,
        "$.body.elements[0]",
        "`multi_select_person` can only be placed inside a `<form>`",
    );
    finds(
        &body(json!([{"tag": "column", "elements": []}])),
        Rule::Placement,
        Severity::Error,
        "$.body.elements[0]",
        "`column` cannot be placed at the body root",
    );
    // 2.0 lifts 1.0's lists: buttons at the root and in every container, a div in a form.
    clean(&body(json!([
        {"tag": "button", "text": text("b")},
        {"tag": "interactive_container", "behaviors": [{"type": "callback", "value": {}}], "elements": [{"tag": "button", "text": text("b")}]},
        {"tag": "form", "name": "f", "elements": [{"tag": "div", "text": text("d")}, submit()]},
        in_column(json!({"tag": "overflow", "options": [{"text": text("o"), "value": "o"}]}))["body"]["elements"][0].clone()
    ])));
}

#[test]
fn depth_counts_a_column_pair_as_one_level() {
    let nest = |depth: usize| {
        (0..depth).fold(json!({"tag": "markdown", "content": "deep"}), |inner, _| {
            json!({"tag": "column_set", "columns": [{"tag": "column", "elements": [inner]}]})
        })
    };
    clean(&body(json!([nest(5)])));
    let report = validate(&body(json!([nest(6)])));
    assert_eq!(report.errors.len(), 1, "{report:#?}");
    assert!(
        report.errors[0]
            .message
            .contains("would be nested 6 containers deep")
    );
}

#[test]
fn at_most_200_tagged_objects() {
    let many = |n: usize| body(Value::Array(vec![json!({"tag": "hr"}); n]));
    clean(&many(200));
    finds(
        &many(201),
        Rule::TooManyTagged,
        Severity::Error,
        "$.body.elements[200]",
        "at most 200 components and elements",
    );
    // Text objects count too: 100 divs with a text are 200 objects.
    let divs = |n: usize| {
        body(Value::Array(vec![
            json!({"tag": "div", "text": text("x")});
            n
        ]))
    };
    clean(&divs(100));
    finds(
        &divs(101),
        Rule::TooManyTagged,
        Severity::Error,
        "$.body.elements[100]",
        "this is number 201",
    );
}

#[test]
fn at_most_five_tables() {
    let table = json!({"tag": "table", "columns": [], "rows": []});
    finds(
        &body(Value::Array(vec![table; 6])),
        Rule::Tables,
        Severity::Error,
        "$.body.elements[5]",
        "a card holds at most 5 tables; this is table 6",
    );
}

#[test]
fn form_rules() {
    let form = |elements: Value| body(json!([{"tag": "form", "name": "f", "elements": elements}]));
    clean(&form(json!([{"tag": "input", "name": "i"}, submit()])));
    finds(
        &form(json!([{"tag": "input", "name": "i"}])),
        Rule::FormSubmit,
        Severity::Error,
        "$.body.elements[0]",
        "`form` has no submit button",
    );
    finds(
        &form(json!([{"tag": "input"}, submit()])),
        Rule::FormMember,
        Severity::Error,
        "$.body.elements[0].elements[0]",
        "`input` inside a `form` requires field `name`",
    );
    finds(
        &form(json!([{"tag": "button", "text": text("x"), "name": "x"}, submit()])),
        Rule::FormMember,
        Severity::Error,
        "$.body.elements[0].elements[0]",
        "`button` inside a `form` requires field `form_action_type`",
    );
    finds(
        &form(json!([{"tag": "input", "name": "submit"}, submit()])),
        Rule::DuplicateName,
        Severity::Error,
        "$.body.elements[0].elements[1].name",
        "duplicate `name` `submit`",
    );
    // The legacy `action_type` still submits (§12 C13).
    clean(&form(
        json!([{"tag": "button", "text": text("go"), "name": "go", "action_type": "form_submit"}]),
    ));
    finds(
        &body(json!([{"tag": "input", "required": true}])),
        Rule::FormOnly,
        Severity::Warning,
        "$.body.elements[0].required",
        "`required` only has an effect inside a `<form>`",
    );
    finds(
        &body(json!([{"tag": "select_img", "multi_select": true, "options": [{"img_key": "k"}]}])),
        Rule::MultiSelectOutsideForm,
        Severity::Error,
        "$.body.elements[0].multi_select",
        "`multi_select` on `select_img` is only allowed inside a `<form>`",
    );
}

#[test]
fn card_level_rules() {
    finds(
        &card(json!([]), json!({"update_multi": false})),
        Rule::FixedValue,
        Severity::Error,
        "$.config.update_multi",
        "`update_multi` can only be `true`",
    );
    let audio = json!([{"tag": "audio", "file_key": "file_v3_x"}]);
    finds(
        &body(audio.clone()),
        Rule::CardNeed,
        Severity::Error,
        "$",
        "a card with `audio` must set `config.enable_forward` to `false`",
    );
    clean(&card(audio, json!({"enable_forward": false})));
    let big = body(json!([{"tag": "markdown", "content": "x".repeat(30_000)}]));
    finds(
        &big,
        Rule::CardSize,
        Severity::Error,
        "$",
        "Feishu accepts at most 30000",
    );
}

#[test]
fn text_sizes_are_presets_or_defined_in_the_config() {
    let sized = |size: &str| {
        card(
            json!([{"tag": "markdown", "content": "x", "text_size": size}]),
            json!({"style": {"text_size": {"title_big": {"default": "heading-1"}}}}),
        )
    };
    clean(&sized("heading-1"));
    clean(&sized("title_big"));
    finds(
        &sized("title_bg"),
        Rule::StyleName,
        Severity::Warning,
        "$.body.elements[0].text_size",
        "`title_bg` is neither a preset nor a name defined in `config.style.text_size`; Feishu shows the default; did you mean `title_big`?",
    );
    // A literal value alone cannot know the card's names: `check_value_in` accepts any.
    let ty = &crate::node(crate::Version::V2, "markdown")
        .unwrap()
        .field("text_size")
        .unwrap()
        .ty;
    assert_eq!(
        crate::check_value_in(crate::Version::V2, ty, &json!("title_bg")),
        Ok(())
    );
}

#[test]
fn colours_are_palette_names_custom_names_or_rgba() {
    let coloured = |colour: &str| {
        card(
            json!([{"tag": "div", "text": {"tag": "plain_text", "content": "x", "text_color": colour}}]),
            json!({"style": {"color": {"brand": {"light_mode": "rgba(1,2,3,1)", "dark_mode": "rgba(3,2,1,1)"}}}}),
        )
    };
    for ok in [
        "red-500",
        "grey-1000",
        "default",
        "brand",
        "rgba(20, 30, 40, 0.5)",
        "",
    ] {
        clean(&coloured(ok));
    }
    finds(
        &coloured("bleu"),
        Rule::StyleName,
        Severity::Warning,
        "$.body.elements[0].text.text_color",
        "`bleu` is neither a preset nor a name defined in `config.style.color`; Feishu shows the default; did you mean `blue`?",
    );
    finds(
        &coloured("rgba(300,0,0,1)"),
        Rule::StyleName,
        Severity::Warning,
        "$.body.elements[0].text.text_color",
        "`rgba(300,0,0,1)`",
    );
    // `laser` is a background of interactive containers only.
    let container = |background: &str| {
        body(
            json!([{"tag": "interactive_container", "background_style": background, "behaviors": [{"type": "callback", "value": {}}], "elements": []}]),
        )
    };
    clean(&container("laser"));
    finds(
        &body(json!([{"tag": "column_set", "background_style": "laser", "columns": []}])),
        Rule::StyleName,
        Severity::Warning,
        "$.body.elements[0].background_style",
        "`laser` is neither a preset",
    );
}

#[test]
fn contested_placements_warn() {
    let chart = json!({"tag": "chart", "chart_spec": {"type": "pie"}});
    finds(
        &body(json!([{"tag": "form", "name": "f", "elements": [chart, submit()]}])),
        Rule::ContestedPlacement,
        Severity::Warning,
        "$.body.elements[0].elements[0]",
        "`chart` inside a `<form>`: the form page's field table says a form embeds no chart",
    );
    clean(&body(
        json!([{"tag": "column_set", "columns": [{"tag": "column", "elements": [chart]}]}]),
    ));
}

#[test]
fn table_rows_are_keyed_by_column_names() {
    let table = |rows: Value| {
        body(
            json!([{"tag": "table", "columns": [{"name": "a", "data_type": "number"}], "rows": rows}]),
        )
    };
    clean(&table(json!([{"a": 1}, {"a": 2}])));
    finds(
        &table(json!([{"a": 1}, {"a": 2, "b": 3}, {"b": 4}])),
        Rule::RowKey,
        Severity::Warning,
        "$.body.elements[0].rows[1].b",
        "row key `b` names no column; its value is not shown (columns: `a`)",
    );
}

#[test]
fn chart_specs_hold_data_only() {
    let chart = |spec: Value| body(json!([{"tag": "chart", "chart_spec": spec}]));
    clean(&chart(
        json!({"type": "bar", "data": {"values": [{"x": "a => b", "y": 1}]}}),
    ));
    finds(
        &chart(
            json!({"type": "bar", "label": {"formatMethod": "function(v) { return v + '%'; }"}}),
        ),
        Rule::ChartCode,
        Severity::Error,
        "$.body.elements[0].chart_spec.label.formatMethod",
        "Feishu runs no JavaScript",
    );
    finds(
        &chart(json!({"tooltip": {"formatter": "(v) => v"}})),
        Rule::ChartCode,
        Severity::Error,
        "$.body.elements[0].chart_spec.tooltip.formatter",
        "write the computed value",
    );
    finds(
        &chart(json!({"__proto__": {}})),
        Rule::ChartCode,
        Severity::Error,
        "$.body.elements[0].chart_spec.__proto__",
        "`__proto__` is not chart data",
    );
}

#[test]
fn empty_objects_are_warnings_in_2_0() {
    finds(
        &body(json!([{"tag": "button", "text": text("b"), "confirm": {}}])),
        Rule::EmptyObject,
        Severity::Warning,
        "$.body.elements[0].confirm",
        "an empty object has no effect here",
    );
    let v1 = validate(
        &json!({"elements": [{"tag": "action", "actions": [{"tag": "button", "text": text("b"), "confirm": {}}]}]}),
    );
    assert_eq!(v1.errors.len(), 2, "{v1:#?}");
    assert!(v1.errors.iter().all(|e| e.rule == Rule::Required));
}
