//! The CardKit client against the emulator: every endpoint, the documented error codes, the
//! sequence recovery, the ten-minute close and the refusal during a click.

use std::time::Duration;

use card_runtime::cardkit::{CardAction, CardKitCode, Position};
use card_runtime::{Card, Error, Method, ReceiveId, StreamingCard, TemplateCard};
use serde_json::{Value, json};

mod cardkit_support;
use cardkit_support::{setup, streaming_card};

fn code(result: Result<impl std::fmt::Debug, Error>) -> i64 {
    let err = result.unwrap_err();
    err.api()
        .unwrap_or_else(|| panic!("not an API error: {err}"))
        .code()
}

#[tokio::test]
async fn every_endpoint_changes_the_entity_with_one_increasing_sequence() {
    let (emulator, client, _) = setup().await;
    let entity = client.cardkit().create(&streaming_card()).await.unwrap();
    let sent = entity.send(ReceiveId::chat_id("oc_1")).await.unwrap();
    entity.stream_text("answer", "Hello").await.unwrap();
    entity.stream_text("answer", "Hello, world").await.unwrap();
    let hr = json!({"tag": "hr", "element_id": "rule"});
    entity
        .add_elements(Position::After("answer".into()), &[hr])
        .await
        .unwrap();
    let extra = json!({"tag": "markdown", "element_id": "extra", "content": "in the column"});
    entity
        .add_elements(Position::Append(Some("col".into())), &[extra])
        .await
        .unwrap();
    entity
        .patch_element("note", &json!({"content": "patched"}))
        .await
        .unwrap();
    entity
        .update_element(
            "extra",
            &json!({"tag": "markdown", "element_id": "extra", "content": "replaced"}),
        )
        .await
        .unwrap();
    entity.delete_element("rule").await.unwrap();
    entity
        .batch_update(&[
            CardAction::PatchElement("note".into(), json!({"content": "batched"})),
            CardAction::Settings(json!({"config": {"width_mode": "fill"}})),
        ])
        .await
        .unwrap();
    entity.finish_streaming(Some("Hello, world")).await.unwrap();
    assert_eq!(entity.sequence(), 9);

    let stored = emulator.card_entity(entity.card_id()).unwrap();
    assert_eq!((stored.sequence, stored.writes), (9, 9));
    assert!(!stored.streaming);
    assert_eq!(stored.message_id.as_deref(), Some(sent.message_id.as_str()));
    let body = &stored.card["body"]["elements"];
    assert_eq!(body[0]["content"], "Hello, world");
    assert_eq!(body[1]["element_id"], "row", "the rule was deleted");
    let column = &body[1]["columns"][0]["elements"];
    assert_eq!(column[0]["content"], "batched");
    assert_eq!(column[1]["content"], "replaced");
    assert_eq!(stored.card["config"]["width_mode"], "fill");
    assert_eq!(stored.card["config"]["summary"]["content"], "Hello, world");
    let texts: Vec<&str> = stored.history.iter().map(|t| t.content.as_str()).collect();
    assert_eq!(texts, ["Hello", "Hello, world"]);
    // The message shows the entity's current JSON, and maps back to it.
    let message = emulator.message(&sent.message_id).unwrap();
    assert_eq!(
        message.card["body"]["elements"][0]["content"],
        "Hello, world"
    );
    assert_eq!(
        client.cardkit().id_convert(&sent.message_id).await.unwrap(),
        entity.card_id()
    );

    // A full update replaces the card; a reply sends another entity.
    let done = Card::from_json_unchecked(json!({"schema": "2.0",
        "header": {"title": {"tag": "plain_text", "content": "Done"}, "template": "green"},
        "body": {"elements": [{"tag": "markdown", "element_id": "answer", "content": "Hello, world"}]}}));
    entity.update(&done).await.unwrap();
    assert_eq!(
        emulator.card_entity(entity.card_id()).unwrap().card["header"]["template"],
        "green"
    );
    let second = client.cardkit().create(&done).await.unwrap();
    let reply = second.reply(&sent.message_id, true).await.unwrap();
    assert_eq!(reply.parent_id.as_deref(), Some(sent.message_id.as_str()));
}

#[tokio::test]
async fn templates_create_entities_and_unknown_ones_are_refused() {
    let (emulator, client, _) = setup().await;
    let template = TemplateCard::new("AAqk1").variable("title", "Deployed");
    let entity = client
        .cardkit()
        .create_from_template(&template)
        .await
        .unwrap();
    let stored = emulator.card_entity(entity.card_id()).unwrap();
    assert_eq!(stored.card["data"]["template_id"], "AAqk1");
    // The template's elements are unknown: element writes find nothing.
    assert_eq!(code(entity.stream_text("answer", "x").await), 300_313);
    let empty = TemplateCard::new("");
    assert_eq!(
        code(client.cardkit().create_from_template(&empty).await),
        200_220
    );
}

#[tokio::test]
async fn cards_cardkit_refuses_never_leave_the_client() {
    let (emulator, client, _) = setup().await;
    let old = Card::from_json_unchecked(json!({"elements": []}));
    let err = client.cardkit().create(&old).await.unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err}");
    let entity = client.cardkit().entity("7000000000000000001", 0);
    assert!(matches!(
        entity.stream_text("1bad", "x").await,
        Err(Error::InvalidRequest { .. })
    ));
    assert!(matches!(
        entity.stream_text("answer", "").await,
        Err(Error::InvalidRequest { .. })
    ));
    let huge = "x".repeat(100_001);
    assert!(matches!(
        entity.stream_text("answer", &huge).await,
        Err(Error::InvalidRequest { .. })
    ));
    assert!(matches!(
        entity.settings(&json!({"other": 1})).await,
        Err(Error::InvalidRequest { .. })
    ));
    assert_eq!(emulator.stats().api_requests, 0);
}

/// Posts raw JSON, bypassing the client's own checks, and returns the error code.
async fn raw(client: &card_runtime::Client, method: Method, path: &str, body: Value) -> i64 {
    let result: Result<Value, Error> = client.request(method, path).json(&body).send().await;
    match result {
        Ok(_) => 0,
        Err(err) => err.api().map_or(-1, |api| api.code()),
    }
}

#[tokio::test]
async fn the_emulator_answers_each_documented_code() {
    let (emulator, client, clock) = setup().await;
    let base = "/open-apis/cardkit/v1/cards";
    let create = |card: Value| json!({"type": "card_json", "data": card.to_string()});
    let v2 = |elements: Value| json!({"schema": "2.0", "body": {"elements": elements}});
    let md = |id: &str| json!({"tag": "markdown", "element_id": id, "content": "x"});
    assert_eq!(
        raw(&client, Method::POST, base, create(json!({"elements": []}))).await,
        300_303
    );
    let exclusive =
        json!({"schema": "2.0", "config": {"update_multi": false}, "body": {"elements": []}});
    assert_eq!(
        raw(&client, Method::POST, base, create(exclusive)).await,
        300_302
    );
    assert_eq!(
        raw(
            &client,
            Method::POST,
            base,
            create(v2(json!([md("a"), md("a")])))
        )
        .await,
        300_301
    );
    let many: Vec<Value> = (0..201).map(|_| json!({"tag": "hr"})).collect();
    assert_eq!(
        raw(&client, Method::POST, base, create(v2(Value::Array(many)))).await,
        300_305
    );
    assert_eq!(
        raw(
            &client,
            Method::POST,
            base,
            json!({"type": "card_json", "data": ""})
        )
        .await,
        300_307
    );
    let big = json!({"tag": "markdown", "content": "x".repeat(31_000)});
    assert_eq!(
        raw(&client, Method::POST, base, create(v2(json!([big])))).await,
        200_860
    );

    let card = Card::from_json_unchecked(v2(json!([md("answer"),
        {"tag": "button", "element_id": "go", "text": {"tag": "plain_text", "content": "Go"}}])));
    let entity = client.cardkit().create(&card).await.unwrap();
    let id = entity.card_id().to_owned();
    // Streaming is off in this card.
    assert_eq!(code(entity.stream_text("answer", "x").await), 300_309);
    // A batch makes the client forget the card's elements, so the server's codes show.
    let on = json!({"config": {"streaming_mode": true}});
    entity
        .batch_update(&[CardAction::Settings(on)])
        .await
        .unwrap();
    assert_eq!(code(entity.stream_text("go", "x").await), 300_310);
    assert_eq!(code(entity.stream_text("nothing", "x").await), 300_313);
    assert_eq!(
        code(
            entity
                .patch_element("go", &json!({"tag": "markdown"}))
                .await
        ),
        300_312
    );
    assert_eq!(code(entity.delete_element("nothing").await), 300_314);
    let hr = json!({"tag": "hr"});
    assert_eq!(
        code(
            entity
                .add_elements(Position::Before("nothing".into()), &[hr])
                .await
        ),
        300_315
    );
    // The same sequence twice, and 0.
    let content = format!("{base}/{id}/elements/answer/content");
    // Refused writes spent numbers on the client, not on the server.
    let last = emulator.card_entity(&id).unwrap().sequence;
    assert_eq!(
        raw(
            &client,
            Method::PUT,
            &content,
            json!({"content": "y", "sequence": last})
        )
        .await,
        300_317
    );
    assert_eq!(
        raw(
            &client,
            Method::PUT,
            &content,
            json!({"content": "y", "sequence": 0})
        )
        .await,
        300_317
    );
    // A uuid seen before answers as the first time, without applying again.
    let body = json!({"content": "once", "sequence": last + 1, "uuid": "u-1"});
    assert_eq!(raw(&client, Method::PUT, &content, body.clone()).await, 0);
    assert_eq!(raw(&client, Method::PUT, &content, body).await, 0);
    assert_eq!(emulator.card_entity(&id).unwrap().history.len(), 1);
    let missing = client.cardkit().entity("7999999999999999999", 0);
    assert_eq!(code(missing.set_streaming(true).await), 200_740);
    // Another app's entity.
    let foreign = emulator
        .seed_card_entity("cli_other", &v2(json!([md("a")])))
        .unwrap();
    let foreign = client.cardkit().entity(foreign, 0);
    assert_eq!(code(foreign.set_streaming(true).await), 300_311);
    assert!(foreign.send(ReceiveId::chat_id("oc_1")).await.is_err());
    // Sent once only.
    let entity2 = client.cardkit().create(&card).await.unwrap();
    entity2.send(ReceiveId::chat_id("oc_1")).await.unwrap();
    assert_eq!(
        code(entity2.send(ReceiveId::chat_id("oc_2")).await),
        230_099
    );
    // A click in progress.
    assert!(emulator.hold_card_interaction(&id, Duration::from_secs(5)));
    assert_eq!(code(entity.stream_text("answer", "z").await), 200_810);
    // Fourteen days.
    clock.advance(Duration::from_secs(14 * 24 * 3600));
    assert_eq!(code(entity.stream_text("answer", "z").await), 200_750);
    let refusals = emulator.cardkit_refusals();
    assert_eq!(refusals.get(&300_317), Some(&2));
    assert_eq!(CardKitCode::from_code(200_750), Some(CardKitCode::Expired));
}

#[tokio::test]
async fn a_writer_elsewhere_is_caught_up_with_instead_of_repeating_the_number() {
    let (emulator, client, _) = setup().await;
    let entity = client.cardkit().create(&streaming_card()).await.unwrap();
    for text in ["a", "ab", "abc"] {
        entity.stream_text("answer", text).await.unwrap();
    }
    // A second handle that believes the card is fresh.
    let stale = client.cardkit().entity(entity.card_id(), 0);
    stale.stream_text("answer", "abcd").await.unwrap();
    assert!(stale.sequence() > 3);
    let stored = emulator.card_entity(entity.card_id()).unwrap();
    assert_eq!(stored.card["body"]["elements"][0]["content"], "abcd");
    assert_eq!(emulator.cardkit_refusals().get(&300_317), Some(&2));
}

#[tokio::test]
async fn the_ten_minute_close_is_reported_once_then_closed_and_the_writer_reopens() {
    let (emulator, client, clock) = setup().await;
    let entity = client.cardkit().create(&streaming_card()).await.unwrap();
    entity.stream_text("answer", "one").await.unwrap();
    clock.advance(Duration::from_secs(601));
    assert!(!emulator.card_entity(entity.card_id()).unwrap().streaming);
    assert_eq!(code(entity.stream_text("answer", "two").await), 200_850);
    assert_eq!(code(entity.stream_text("answer", "two").await), 300_309);

    let writer = StreamingCard::new(entity.clone(), "answer").unwrap();
    writer.push("one two").unwrap();
    let stats = writer.finish(Some("one two")).await.unwrap();
    assert_eq!(stats.reopened, 1);
    let stored = emulator.card_entity(entity.card_id()).unwrap();
    assert_eq!(stored.card["body"]["elements"][0]["content"], "one two");
    assert!(!stored.streaming);
}

#[tokio::test]
async fn the_writer_waits_out_a_click_and_keeps_every_word() {
    let (emulator, client, _) = setup().await;
    let entity = client.cardkit().create(&streaming_card()).await.unwrap();
    let writer = StreamingCard::new(entity.clone(), "answer").unwrap();
    writer.push("before ").unwrap();
    assert!(emulator.hold_card_interaction(entity.card_id(), Duration::from_millis(300)));
    writer.push("during ").unwrap();
    writer.push("after").unwrap();
    writer.finish(None).await.unwrap();
    let stored = emulator.card_entity(entity.card_id()).unwrap();
    assert_eq!(
        stored.card["body"]["elements"][0]["content"],
        "before during after"
    );
    assert!(
        emulator
            .cardkit_refusals()
            .get(&200_810)
            .is_some_and(|n| *n >= 1)
    );
}

#[tokio::test]
async fn pushes_past_the_content_limit_are_refused_without_growing_the_text() {
    let (_emulator, client, _) = setup().await;
    let entity = client.cardkit().create(&streaming_card()).await.unwrap();
    let writer = StreamingCard::new(entity.clone(), "answer").unwrap();
    writer.push(&"x".repeat(99_999)).unwrap();
    assert!(matches!(
        writer.push("yz"),
        Err(Error::InvalidRequest { .. })
    ));
    writer.push("y").unwrap();
    // The content API takes 100,000 characters, but the card stays within 30 KB (200860):
    // the writer reports it instead of retrying.
    let err = writer.finish(None).await.unwrap_err();
    assert_eq!(CardKitCode::of(&err), Some(CardKitCode::TooLarge));
}

#[tokio::test]
async fn streaming_into_an_element_the_card_lacks_is_refused_before_any_request() {
    let (emulator, client, _) = setup().await;
    let entity = client.cardkit().create(&streaming_card()).await.unwrap();
    let requests = emulator.stats().api_requests;
    // A typo, and a container that holds no text of its own.
    assert!(matches!(
        entity.stream_text("anwser", "x").await,
        Err(Error::InvalidRequest { .. })
    ));
    assert!(matches!(
        StreamingCard::new(entity.clone(), "row"),
        Err(Error::InvalidRequest { .. })
    ));
    assert_eq!(emulator.stats().api_requests, requests);
    // Added text elements are known too.
    let more = json!({"tag": "markdown", "element_id": "more", "content": "…"});
    entity
        .add_elements(Position::Append(None), &[more])
        .await
        .unwrap();
    entity.stream_text("more", "added").await.unwrap();
}
