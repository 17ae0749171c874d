//! No input makes the macro panic: random and mutated token streams through the whole pipeline.

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use proptest::prelude::*;

/// Valid cards covering every syntax form; mutations of them reach deep into the checker.
const SEEDS: &[&str] = &[
    r#"<card><i18n lang="zh_cn"><div text="发布审核："/><action><button type="primary" value={ "button_type": "public_publish", "button_id": button_id }>"完成「全量发布」"</button></action></i18n></card>"#,
    r#"<card update_multi><header template="blue" title="t"/><div>for (a, b) in &rows { <field is_short><lark_md>"**{a}**\n{b}"</lark_md></field> }</div>if let Some(n) = &note { <note>{n}</note> }</card>"#,
    r#"<card><form name="f"><input name="i" required placeholder="p" max_length=10/><button name="b" action_type="form_submit">"Go"</button></form></card>"#,
    r#"<card><action><select_static placeholder="x"><option value="1">"one"</option></select_static><overflow><option value="a" url="https://a.b">"a"</option></overflow></action></card>"#,
    r#"<div text="x"><extra><button type={kind}>"b"</button></extra></div>"#,
    r#"<card><column_set flex_mode="bisect"><column width="weighted" weight=1>match x { Some(y) if y > 1 => { <markdown>"{y:.2}"</markdown> }, _ => { <hr/> } }</column></column_set><img img_key="k" alt="a"/></card>"#,
    r#"<card><table page_size=5 columns=[{"name": "a", "data_type": "text"}] rows=[{"a": x}]/><img_combination combination_mode="double" img_list=[{"img_key": "k"}, {"img_key": "k2"}]/></card>"#,
    r#"<card schema="2.0" config={ "streaming_mode": true, "summary": { "content": "..." } }><header template="blue" subtitle="s">"t"<i18n lang="en_us">"T"</i18n><text_tag color="green">"ok"</text_tag></header><body padding="12px" direction="vertical"><markdown element_id="m1">"**{who}**"<i18n lang="en_us">"{who}"</i18n></markdown><column_set flex_mode="bisect"><column width="weighted" weight=2>for x in &xs { <div text="{x}"/> }</column><column><button type="primary" behaviors=[{ "type": "callback", "value": {action} }]>"go"</button></column></column_set></body></card>"#,
    r#"<card schema="2.0"><form name="f"><input name="i" required placeholder="p"/><select_static name="s" initial_option="a"><option value="a">"A"</option></select_static><button name="b" form_action_type="submit">"Go"</button></form><interactive_container behaviors=[{ "type": "open_url", "default_url": "https://a.b" }]>if ok { <hr/> } else { {frag} }</interactive_container><collapsible_panel expanded><header>"h"</header><hr/></collapsible_panel><table columns=[{ "name": "n", "data_type": "text" }] rows=[]/></card>"#,
    r#"schema = "2.0"; <button type="primary" element_id="b1" behaviors=[{ "type": "callback", "value": { "id": id } }]>"{label}"<i18n lang="ja_jp">"押す"</i18n></button>"#,
    r#"<card><buton/><div txt="a" text=-1.5 text="b"/></card>"#,
];

/// One event of a flattened token stream; groups become open/close pairs so that mutations can
/// unbalance them.
#[derive(Clone, Debug)]
enum Event {
    Open(Delimiter),
    Close,
    Token(TokenTree),
}

fn flatten(stream: TokenStream, out: &mut Vec<Event>) {
    for tt in stream {
        match tt {
            TokenTree::Group(group) => {
                out.push(Event::Open(group.delimiter()));
                flatten(group.stream(), out);
                out.push(Event::Close);
            }
            tt => out.push(Event::Token(tt)),
        }
    }
}

/// Rebuilds a stream: stray closes are dropped, unclosed groups closed at the end.
fn rebuild(events: &[Event]) -> TokenStream {
    let mut stack: Vec<(Delimiter, Vec<TokenTree>)> = vec![(Delimiter::None, Vec::new())];
    for event in events {
        match event {
            Event::Open(delimiter) => stack.push((*delimiter, Vec::new())),
            Event::Close if stack.len() > 1 => {
                if let Some((delimiter, tokens)) = stack.pop() {
                    let group = Group::new(delimiter, tokens.into_iter().collect());
                    if let Some(top) = stack.last_mut() {
                        top.1.push(TokenTree::Group(group));
                    }
                }
            }
            Event::Close => {}
            Event::Token(tt) => {
                if let Some(top) = stack.last_mut() {
                    top.1.push(tt.clone());
                }
            }
        }
    }
    while stack.len() > 1 {
        if let Some((delimiter, tokens)) = stack.pop() {
            let group = Group::new(delimiter, tokens.into_iter().collect());
            if let Some(top) = stack.last_mut() {
                top.1.push(TokenTree::Group(group));
            }
        }
    }
    stack
        .pop()
        .map(|(_, tokens)| tokens.into_iter().collect())
        .unwrap_or_default()
}

fn random_event() -> impl Strategy<Value = Event> {
    let idents = prop::sample::select(vec![
        "card",
        "div",
        "button",
        "action",
        "form",
        "i18n",
        "lang",
        "type",
        "text",
        "value",
        "for",
        "in",
        "if",
        "else",
        "let",
        "match",
        "null",
        "true",
        "x",
        "plain_text",
        "lark_md",
        "extra",
        "field",
        "option",
        "header",
        "column",
        "table",
        "note",
        "name",
    ]);
    let puncts = prop::sample::select(vec![
        '<', '>', '/', '=', '-', ':', ',', ';', '.', '#', '!', '&',
    ]);
    let literals = prop::sample::select(vec![
        "\"s\"",
        "\"{x}\"",
        "\"{{\"",
        "\"zh_cn\"",
        "\"2.0\"",
        "1",
        "0",
        "-1",
        "1.5",
        "100000",
        "'c'",
    ]);
    prop_oneof![
        idents.prop_map(|name| Event::Token(TokenTree::Ident(Ident::new(name, Span::call_site())))),
        puncts.prop_map(|c| Event::Token(TokenTree::Punct(Punct::new(c, Spacing::Alone)))),
        literals.prop_map(|lit| {
            let lit: Literal = lit.parse().unwrap_or_else(|_| Literal::u8_unsuffixed(0));
            Event::Token(TokenTree::Literal(lit))
        }),
        prop::sample::select(vec![
            Delimiter::Brace,
            Delimiter::Bracket,
            Delimiter::Parenthesis
        ])
        .prop_map(Event::Open),
        Just(Event::Close),
    ]
}

#[derive(Clone, Debug)]
enum Mutation {
    Drop(usize),
    Duplicate(usize),
    Swap(usize),
    Insert(usize, Event),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Drop),
        any::<usize>().prop_map(Mutation::Duplicate),
        any::<usize>().prop_map(Mutation::Swap),
        (any::<usize>(), random_event()).prop_map(|(i, e)| Mutation::Insert(i, e)),
    ]
}

fn apply(events: &mut Vec<Event>, mutation: &Mutation) {
    let len = events.len().max(1);
    match mutation {
        Mutation::Drop(i) if !events.is_empty() => {
            events.remove(i % len);
        }
        Mutation::Duplicate(i) if !events.is_empty() => {
            let event = events[i % len].clone();
            events.insert(i % len, event);
        }
        Mutation::Swap(i) if events.len() > 1 => events.swap(i % (len - 1), i % (len - 1) + 1),
        Mutation::Insert(i, event) => events.insert(i % (events.len() + 1), event.clone()),
        _ => {}
    }
}

fn seed(index: usize) -> Vec<Event> {
    let stream: TokenStream = SEEDS[index % SEEDS.len()].parse().unwrap_or_default();
    let mut events = Vec::new();
    flatten(stream, &mut events);
    events
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_cards_never_panic(index in any::<usize>(), mutations in prop::collection::vec(mutation(), 1..4)) {
        let mut events = seed(index);
        for mutation in &mutations {
            apply(&mut events, mutation);
        }
        let output = crate::expand::card(rebuild(&events));
        prop_assert!(!output.is_empty());
    }

    #[test]
    fn random_streams_never_panic(events in prop::collection::vec(random_event(), 0..40)) {
        let output = crate::expand::card(rebuild(&events));
        prop_assert!(!output.is_empty());
    }
}

#[test]
fn seeds_expand_without_errors() {
    for (i, source) in SEEDS.iter().enumerate().take(SEEDS.len() - 1) {
        let output = crate::expand::card(source.parse().unwrap_or_default()).to_string();
        assert!(!output.contains("compile_error"), "seed {i}: {output}");
    }
    let broken =
        crate::expand::card(SEEDS[SEEDS.len() - 1].parse().unwrap_or_default()).to_string();
    assert_eq!(broken.matches("compile_error").count(), 4, "{broken}");
}

#[test]
fn braces_are_json_objects_only_with_string_keys() {
    use crate::ast::{AttrValue, Json};
    let parse = |tokens: &str| syn::parse_str::<AttrValue>(tokens).map_err(|e| e.to_string());
    assert!(matches!(
        parse(r#"{ "a": 1, "b": x }"#),
        Ok(AttrValue::Json(Json::Object(_)))
    ));
    assert!(matches!(parse("{}"), Ok(AttrValue::Json(Json::Object(_)))));
    assert!(matches!(parse("{ x }"), Ok(AttrValue::Expr(_))));
    assert!(matches!(parse(r#"{ "a".len() }"#), Ok(AttrValue::Expr(_))));
    assert!(
        matches!(parse("[1, -2, null]"), Ok(AttrValue::Json(Json::Array(a))) if a.items.len() == 3)
    );
    let Ok(AttrValue::Json(Json::Array(items))) = parse(r#"["a".to_string(), "b", {x}]"#) else {
        panic!("not an array");
    };
    assert!(matches!(items.items[0], Json::Expr(_)));
    assert!(matches!(items.items[1], Json::Lit(_)));
    assert!(matches!(items.items[2], Json::Expr(_)));
}
