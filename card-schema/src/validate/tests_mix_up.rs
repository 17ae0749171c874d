//! Mix-ups between card JSON 1.0 and 2.0 in [`crate::validate`], both ways, each naming what
//! to write instead (issue 9 point 3).

use serde_json::json;

use super::tests_v2::{body, finds, text};
use crate::{Rule, Severity, Version};

/// Mix-ups between the versions, both ways, each naming what to write instead.
#[test]
fn mix_ups_name_the_migration() {
    let cases = [
        (
            body(json!([{"tag": "action", "actions": []}])),
            Rule::WrongVersion,
            Severity::Error,
            "$.body.elements[0].tag",
            "`action` does not exist in card JSON 2.0: put the buttons in the body, in a `column_set` for a row",
        ),
        (
            body(json!([{"tag": "note", "elements": []}])),
            Rule::WrongVersion,
            Severity::Error,
            "$.body.elements[0].tag",
            "`note` does not exist in card JSON 2.0: write a `div` with `text_size` `notation`, `text_color` `grey` and an `icon`",
        ),
        (
            json!({"schema": "2.0", "elements": []}),
            Rule::WrongVersion,
            Severity::Error,
            "$.elements",
            "`elements` on `card` does not exist in card JSON 2.0: put the components in `body.elements`",
        ),
        (
            json!({"schema": "2.0", "i18n_elements": {}}),
            Rule::WrongVersion,
            Severity::Error,
            "$.i18n_elements",
            "give each text its own `i18n_content`",
        ),
        (
            json!({"schema": "2.0", "i18n_header": {}}),
            Rule::WrongVersion,
            Severity::Error,
            "$.i18n_header",
            "give the header title and subtitle their own `i18n_content`",
        ),
        (
            json!({"schema": "2.0", "fallback": {}}),
            Rule::Legacy,
            Severity::Warning,
            "$.fallback",
            "`fallback` on `card` is a card JSON 1.0 field that card JSON 2.0 only keeps for old cards",
        ),
        (
            body(json!([{"tag": "button", "text": text("b"), "url": "https://a.cn"}])),
            Rule::Legacy,
            Severity::Warning,
            "$.body.elements[0].url",
            "write `behaviors: [{\"type\": \"open_url\"",
        ),
        (
            body(
                json!([{"tag": "button", "text": text("b"), "multi_url": {"url": "https://a.cn"}}]),
            ),
            Rule::Legacy,
            Severity::Warning,
            "$.body.elements[0].multi_url",
            "`multi_url` on `button`",
        ),
        (
            body(
                json!([{"tag": "markdown", "content": "[a]($u)", "href": {"u": {"url": "https://a.cn"}}}]),
            ),
            Rule::WrongVersion,
            Severity::Error,
            "$.body.elements[0].href",
            "`href` on `markdown` does not exist in card JSON 2.0: write the link in the content as `<link url='...'",
        ),
        (
            body(
                json!([{"tag": "div", "text": {"tag": "plain_text", "content": "x", "i18n": {"en_us": "x"}}}]),
            ),
            Rule::WrongVersion,
            Severity::Error,
            "$.body.elements[0].text.i18n",
            "write `i18n_content`",
        ),
        (
            json!({"elements": [{"tag": "hr", "element_id": "x"}]}),
            Rule::UnknownField,
            Severity::Warning,
            "$.elements[0].element_id",
            "`element_id` on `hr` exists only in card JSON 2.0; add `\"schema\": \"2.0\"` to the card to use it",
        ),
        (
            json!({"elements": [{"tag": "audio", "file_key": "k"}]}),
            Rule::WrongVersion,
            Severity::Error,
            "$.elements[0].tag",
            "`audio` exists only in card JSON 2.0",
        ),
        (
            json!({"body": {"elements": []}}),
            Rule::OtherVersion,
            Severity::Warning,
            "$.body",
            "`body` on `card` does not exist in card JSON 1.0: put the components in top-level `elements`, or add `\"schema\": \"2.0\"`",
        ),
    ];
    for (card, rule, severity, path, part) in cases {
        finds(&card, rule, severity, path, part);
    }
    assert_eq!(Rule::WrongVersion.severity_in(Version::V2), Severity::Error);
}
