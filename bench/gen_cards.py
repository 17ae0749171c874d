#!/usr/bin/env python3
"""Generates the compile-time benchmark workspace under bench/out/.

Five crates, all members of one generated workspace (so dependencies are built once per profile
and shared):

- `cards_macro`: N approval-style card JSON 1.0 cards written with `card_runtime::card!`.
- `cards_json`:  the same N cards written with `serde_json::json!`, producing the same JSON.
- `cards_macro_v2`, `cards_json_v2`: the same pair for card JSON 2.0 (`<card schema="2.0">`).
- `cards_check`: a binary that calls every pair with awkward runtime values (quotes, newlines,
  non-ASCII, markdown characters, a large id) and fails unless each pair is equal (the `json!`
  twin is given the values escaped, as `card!` escapes them in markdown). It is built once and
  never timed.

Every card is its own function taking the runtime values, as an application would write it.
1.0: header (template + title), a div with 4 lark_md fields interpolating runtime values, hr, an
action with a primary and a danger button carrying `value`s, and a note. 2.0 (which has no
`action`, `note` or div `fields`): header, 4 markdown components interpolating the same values,
hr, a column_set whose two columns hold the buttons (each with a `callback` behavior carrying the
value), and a grey notation-size div in place of the note.

Usage: gen_cards.py [--cards N] [--out DIR]
"""

import argparse
import pathlib
import shutil

REPO = pathlib.Path(__file__).resolve().parent.parent

TEMPLATES = ["blue", "wathet", "turquoise", "green", "yellow", "orange", "red", "carmine",
             "violet", "purple", "indigo", "grey"]
SUBJECTS = ["休假申请", "报销申请", "采购申请", "出差申请", "加班申请", "用印申请", "合同审批",
            "招聘需求", "预算调整", "权限申请"]
# (label, parameter) pairs of the four fields; the labels rotate so no two cards are identical.
LABELS = [["申请人", "类型", "时间", "事由"], ["提交人", "类别", "期间", "说明"],
          ["发起人", "种类", "日期", "备注"]]
PARAMS = ["applicant", "kind", "period", "reason"]
SIGNATURE = "applicant: &str, kind: &str, period: &str, reason: &str, id: u64"


def card_spec(i):
    """The data of card i, shared by both writers so that their outputs match by construction."""
    labels = LABELS[i % len(LABELS)]
    return {
        "template": TEMPLATES[i % len(TEMPLATES)],
        "title": f"{SUBJECTS[i % len(SUBJECTS)]} #{i}：请审批",
        "fields": [(f"**{label}**\\n{{{param}}}", param) for label, param in zip(labels, PARAMS)],
        "approve": f"approve_{i}",
        "decline": f"decline_{i}",
        "note": f"审批流 {i} · 由审批系统自动发送",
    }


def macro_card(i):
    s = card_spec(i)
    fields = "\n".join(
        f'                <field is_short><lark_md>"{content}"</lark_md></field>'
        for content, _ in s["fields"])
    return f'''
/// Approval card {i}, written with `card!`.
pub fn card_{i:03}({SIGNATURE}) -> Card {{
    card! {{
        <card>
            <header template="{s["template"]}" title="{s["title"]}"/>
            <div>
{fields}
            </div>
            <hr/>
            <action>
                <button type="primary" value={{ "action": "{s["approve"]}", "id": id }}>"批准"</button>
                <button type="danger" value={{ "action": "{s["decline"]}", "id": id }}>"拒绝"</button>
            </action>
            <note>"{s["note"]}"</note>
        </card>
    }}
}}
'''


def macro_card_v2(i):
    s = card_spec(i)
    fields = "\n".join(
        f'            <markdown>"{content}"</markdown>' for content, _ in s["fields"])
    return f'''
/// Approval card {i}, card JSON 2.0, written with `card!`.
pub fn card_{i:03}({SIGNATURE}) -> Card {{
    card! {{
        <card schema="2.0">
            <header template="{s["template"]}" title="{s["title"]}"/>
{fields}
            <hr/>
            <column_set>
                <column>
                    <button type="primary" behaviors=[{{ "type": "callback", "value": {{ "action": "{s["approve"]}", "id": id }} }}]>"批准"</button>
                </column>
                <column>
                    <button type="danger" behaviors=[{{ "type": "callback", "value": {{ "action": "{s["decline"]}", "id": id }} }}]>"拒绝"</button>
                </column>
            </column_set>
            <div><plain_text text_size="notation" text_color="grey">"{s["note"]}"</plain_text></div>
        </card>
    }}
}}
'''


def json_card_v2(i):
    s = card_spec(i)
    fields = ",\n".join(
        f'                {{"tag": "markdown", "content": format!("{content}")}}'
        for content, _ in s["fields"])
    button = ('{{"tag": "column", "elements": [{{"tag": "button", '
              '"text": {{"tag": "plain_text", "content": "{text}"}}, "type": "{kind}", '
              '"behaviors": [{{"type": "callback", "value": {{"action": "{action}", "id": id}}}}]}}]}}')
    return f'''
/// Approval card {i}, card JSON 2.0, written with `json!`.
pub fn card_{i:03}({SIGNATURE}) -> Value {{
    json!({{
        "schema": "2.0",
        "header": {{
            "template": "{s["template"]}",
            "title": {{"tag": "plain_text", "content": "{s["title"]}"}}
        }},
        "body": {{
            "elements": [
{fields},
                {{"tag": "hr"}},
                {{
                    "tag": "column_set",
                    "columns": [
                        {button.format(text="批准", kind="primary", action=s["approve"])},
                        {button.format(text="拒绝", kind="danger", action=s["decline"])}
                    ]
                }},
                {{"tag": "div", "text": {{"tag": "plain_text", "content": "{s["note"]}", "text_size": "notation", "text_color": "grey"}}}}
            ]
        }}
    }})
}}
'''


def json_card(i):
    s = card_spec(i)
    fields = ",\n".join(
        f'                    {{"is_short": true, "text": {{"tag": "lark_md", '
        f'"content": format!("{content}")}}}}'
        for content, _ in s["fields"])
    return f'''
/// Approval card {i}, written with `json!`.
pub fn card_{i:03}({SIGNATURE}) -> Value {{
    json!({{
        "header": {{
            "template": "{s["template"]}",
            "title": {{"tag": "plain_text", "content": "{s["title"]}"}}
        }},
        "elements": [
            {{
                "tag": "div",
                "fields": [
{fields}
                ]
            }},
            {{"tag": "hr"}},
            {{
                "tag": "action",
                "actions": [
                    {{
                        "tag": "button",
                        "text": {{"tag": "plain_text", "content": "批准"}},
                        "type": "primary",
                        "value": {{"action": "{s["approve"]}", "id": id}}
                    }},
                    {{
                        "tag": "button",
                        "text": {{"tag": "plain_text", "content": "拒绝"}},
                        "type": "danger",
                        "value": {{"action": "{s["decline"]}", "id": id}}
                    }}
                ]
            }},
            {{"tag": "note", "elements": [{{"tag": "plain_text", "content": "{s["note"]}"}}]}}
        ]
    }})
}}
'''


def check_main(n):
    calls = "\n".join(
        f"    check({i}, cards_macro{v}::card_{i:03}(a, k, p, r, id).into_value(), "
        f"cards_json{v}::card_{i:03}(&ea, &ek, &ep, &er, id));"
        for v in ("", "_v2") for i in range(n))
    return f'''//! Fails unless every `card!` card equals its `json!` twin for awkward runtime values.

use serde_json::Value;

fn check(i: usize, from_macro: Value, from_json: Value) {{
    if from_macro != from_json {{
        eprintln!("card {{i}} differs\\n card!: {{from_macro}}\\n json!: {{from_json}}");
        std::process::exit(1);
    }}
}}

fn main() {{
    let (a, k, p, r) = ("王\\"晓\\"磊", "年假\\n(带薪)", "2020-4-8 至 2020-4-10", "{{家中}} <急事> \\\\ ok");
    let id = u64::MAX - 7;
    // `card!` escapes values interpolated into markdown; the `json!` twin gets them escaped.
    let [ea, ek, ep, er] = [a, k, p, r].map(card_runtime::markdown::escape);
{calls}
    println!("{n} card!/json! pairs per card JSON version (1.0, 2.0) produce equal JSON");
}}
'''


CRATE_TOML = '''[package]
name = "{name}"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
{deps}
'''


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    # Rewriting identical content would bump the mtime and force needless rebuilds.
    if path.exists() and path.read_text() == text:
        return
    path.write_text(text)


def generate(out, n):
    runtime = REPO / "card-runtime"
    write(out / "Cargo.toml",
          '# Generated by bench/gen_cards.py; not part of the card-suite workspace.\n'
          '[workspace]\nmembers = ["cards_macro", "cards_json", "cards_macro_v2", "cards_json_v2", "cards_check"]\nresolver = "3"\n')
    # Start from the project's lock file so the benchmark uses the same dependency versions.
    if not (out / "Cargo.lock").exists():
        shutil.copy(REPO / "Cargo.lock", out / "Cargo.lock")

    header = "//! Generated by bench/gen_cards.py: {n} approval cards written with {how}.\n\n"
    for suffix, version, macro, json in (("", "1.0", macro_card, json_card),
                                         ("_v2", "2.0", macro_card_v2, json_card_v2)):
        name = f"cards_macro{suffix}"
        write(out / name / "Cargo.toml", CRATE_TOML.format(
            name=name, deps=f'card-runtime = {{ path = "{runtime}" }}'))
        write(out / name / "src/lib.rs",
              header.format(n=n, how=f"`card!` (card JSON {version})")
              + "use card_runtime::{Card, card};\n" + "".join(macro(i) for i in range(n)))
        name = f"cards_json{suffix}"
        write(out / name / "Cargo.toml", CRATE_TOML.format(name=name, deps='serde_json = "1"'))
        write(out / name / "src/lib.rs",
              header.format(n=n, how=f"`serde_json::json!` (card JSON {version})")
              + "use serde_json::{Value, json};\n" + "".join(json(i) for i in range(n)))

    write(out / "cards_check/Cargo.toml", CRATE_TOML.format(
        name="cards_check",
        deps='cards_macro = { path = "../cards_macro" }\n'
             'cards_json = { path = "../cards_json" }\n'
             'cards_macro_v2 = { path = "../cards_macro_v2" }\n'
             'cards_json_v2 = { path = "../cards_json_v2" }\nserde_json = "1"\n'
             f'card-runtime = {{ path = "{runtime}" }}'))
    write(out / "cards_check/src/main.rs", check_main(n))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=200)
    parser.add_argument("--out", type=pathlib.Path, default=REPO / "bench" / "out")
    args = parser.parse_args()
    generate(args.out, args.cards)
    print(f"generated {args.cards} cards per crate in {args.out}")


if __name__ == "__main__":
    main()
