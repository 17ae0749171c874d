//! A card sent as 2.0 is updated only with a 2.0 card (reference §2.4 rule 10): PATCH,
//! delayed updates and callback answers that would turn it into 1.0 are refused, and the
//! stored card stays as it was. A callback answer keeps the sent card's version either way
//! (§6.6).

mod support;

use card_emulator::{Button, Click};
use card_runtime::{Card, Client};
use serde_json::{Value, json};
use support::recorder::Recorder;

fn v2_card(text: &str) -> Value {
    json!({"schema": "2.0", "body": {"elements": [
        {"tag": "markdown", "content": text},
        {"tag": "button", "text": {"tag": "plain_text", "content": "go"},
         "behaviors": [{"type": "callback", "value": {"go": true}}]}
    ]}})
}

fn v1_shared() -> Value {
    json!({"config": {"update_multi": true}, "elements": [{"tag": "markdown", "content": "1.0"}]})
}

#[tokio::test]
async fn patch_and_delayed_update_refuse_a_1_0_card_over_a_2_0_one() {
    let r = Recorder::start().await;
    let id = r.store(&v2_card("sent as 2.0")).await;
    let v1 = Card::from_json_unchecked(v1_shared());
    // A client that did not send this 2.0 card (another process) cannot know its version:
    // the server is the one to refuse.
    let other = Client::builder(r.emulator.app_id(), r.emulator.app_secret())
        .base_url(r.emulator.url())
        .build()
        .unwrap();
    let err = other
        .messages()
        .update_card(&id, &v1)
        .send()
        .await
        .unwrap_err();
    let api = err.api().expect("an API error");
    assert_eq!(api.code(), 230_099);
    assert!(api.msg().contains("200830"), "{}", api.msg());

    let token = r.emulator.issue_callback_token(&id).unwrap();
    let err = other
        .messages()
        .delay_update(&token, &v1)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.api().map(|api| api.code()), Some(11_311));
    assert_eq!(
        r.emulator.message(&id).unwrap().card,
        v2_card("sent as 2.0")
    );
}

#[tokio::test]
async fn a_callback_answer_cannot_turn_a_2_0_card_into_1_0() {
    let r = Recorder::start().await;
    let id = r.store(&v2_card("sent as 2.0")).await;
    r.answer(json!({"card": {"type": "raw", "data": v1_shared()}}));
    let outcome = r
        .clicker
        .click(&r.emulator, &Click::new(&id, Button::Index(0)))
        .await
        .unwrap();
    assert_eq!(outcome.client_error, Some(200_830));
    assert!(!outcome.card_replaced);
    assert_eq!(
        r.emulator.message(&id).unwrap().card,
        v2_card("sent as 2.0")
    );
}

#[tokio::test]
async fn a_callback_answer_keeps_the_sent_cards_version() {
    let r = Recorder::start().await;
    r.answer(json!({"card": {"type": "raw", "data": v2_card("now 2.0")}}));
    let with_button = json!({"config": {"update_multi": true}, "elements": [
        {"tag": "action", "actions": [{"tag": "button",
            "text": {"tag": "plain_text", "content": "go"}, "value": {"go": true}}]}
    ]});
    let id = r.store(&with_button).await;
    let outcome = r
        .clicker
        .click(&r.emulator, &Click::new(&id, Button::Index(0)))
        .await
        .unwrap();
    assert_eq!(outcome.client_error, Some(200_673));
    assert!(!outcome.card_replaced);
    assert_eq!(r.emulator.message(&id).unwrap().card, with_button);

    // Same version: replaced.
    r.answer(json!({"card": {"type": "raw", "data": v1_shared()}}));
    let outcome = r
        .clicker
        .click(&r.emulator, &Click::new(&id, Button::Index(0)))
        .await
        .unwrap();
    assert!(outcome.card_replaced, "{outcome:?}");
}
