//! The client's local checks (schema, size, `update_multi`) and the custom-bot webhook.

use card_runtime::{Card, Error, Webhook};
use serde_json::json;

mod client_support;
use client_support::{approval_card, send_to_chat, setup};

#[tokio::test]
async fn webhook_signed_unsigned_and_refused() {
    let (emulator, _, clock) = setup().await;
    let card = approval_card();
    Webhook::new(emulator.webhook_url("plain-hook"))
        .send_card(&card)
        .await
        .unwrap();
    Webhook::new(emulator.webhook_url("signed-hook"))
        .secret("hook-secret")
        .clock(clock.clone())
        .send_card(&card)
        .await
        .unwrap();
    let messages = emulator.messages();
    assert_eq!(messages.len(), 2);
    assert!(
        messages
            .iter()
            .all(|m| m.card == *card && m.receive_id_type == "webhook")
    );

    let err = Webhook::new(emulator.webhook_url("signed-hook"))
        .secret("wrong")
        .send_card(&card)
        .await
        .unwrap_err();
    assert_eq!(err.api().map(|e| e.code()), Some(19021));
    let unsigned = Webhook::new(emulator.webhook_url("signed-hook"))
        .send_card(&card)
        .await
        .unwrap_err();
    assert_eq!(unsigned.api().map(|e| e.code()), Some(19021));
}

#[tokio::test]
async fn oversized_cards_are_refused_before_the_network() {
    let (emulator, client, _) = setup().await;
    let text = "x".repeat(25_000);
    let webhook_card =
        Card::from_json_unchecked(json!({"elements": [{"tag": "markdown", "content": text}]}));
    let err = Webhook::new(emulator.webhook_url("plain-hook"))
        .send_card(&webhook_card)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::TooLarge { limit: 20_000, size } if size > 25_000),
        "{err:?}"
    );

    let big = Card::from_json_unchecked(json!({"config": {"update_multi": true},
        "elements": [{"tag": "markdown", "content": "y".repeat(30_001)}]}));
    let err = send_to_chat(&client, "oc_1", &big).await.unwrap_err();
    assert!(
        matches!(err.cause(), Error::TooLarge { limit: 30_000, .. }),
        "{err:?}"
    );
    let err = client
        .messages()
        .update_card("om_1", &big)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::TooLarge { .. }), "{err:?}");
    assert_eq!(
        emulator.stats().token_requests,
        0,
        "nothing reached the server"
    );
    assert!(emulator.messages().is_empty());
}

#[tokio::test]
async fn invalid_cards_are_refused_before_the_network() {
    let (emulator, client, _) = setup().await;
    let typo = Card::from_json_unchecked(json!({"elements": [{"tag": "buton"}]}));
    let err = send_to_chat(&client, "oc_1", &typo).await.unwrap_err();
    let Error::CardInvalid { report } = err.cause() else {
        panic!("expected Error::CardInvalid, got {err:?}")
    };
    assert_eq!(report.errors[0].path, "$.elements[0].tag");
    assert!(
        err.cause()
            .to_string()
            .starts_with("card is invalid: $.elements[0].tag"),
        "{err}"
    );
    let err = Webhook::new(emulator.webhook_url("plain-hook"))
        .send_card(&typo)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::CardInvalid { .. }), "{err:?}");
    assert_eq!(
        emulator.stats().token_requests,
        0,
        "nothing reached the server"
    );
    assert!(emulator.messages().is_empty());
}

#[tokio::test]
async fn a_card_too_large_is_too_large_from_the_webhook_and_the_client_alike() {
    let (emulator, client, _) = setup().await;
    // Over both limits (30 000 for messages, 20 000 for the webhook body).
    let huge = Card::from_json_unchecked(json!({"config": {"update_multi": true},
        "elements": [{"tag": "markdown", "content": "y".repeat(40_000)}]}));
    let from_hook = Webhook::new(emulator.webhook_url("plain-hook"))
        .send_card(&huge)
        .await
        .unwrap_err();
    let from_client = send_to_chat(&client, "oc_1", &huge).await.unwrap_err();
    assert!(
        matches!(from_hook, Error::TooLarge { limit: 20_000, .. }),
        "{from_hook:?}"
    );
    assert!(
        matches!(from_client.cause(), Error::TooLarge { limit: 30_000, .. }),
        "{from_client:?}"
    );
}
