//! The emulator's CardKit beyond the client: the inspection routes over HTTP, and a real
//! click (through the clicker and the app's callback endpoint) holding the entity, so writes
//! during the click get 200810 and writes after it succeed.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use card_emulator::{Button, CallbackApp, Click, Clicker};
use card_runtime::callback::axum::post_handler;
use card_runtime::callback::{
    ActionContext, CallbackConfig, CallbackEndpoint, Dispatcher, Handlers, Toast,
};
use card_runtime::cardkit::CardKitCode;
use card_runtime::{Card, ReceiveId};
use serde_json::{Value, json};
use tokio::net::TcpListener;

mod cardkit_support;
use cardkit_support::{setup, streaming_card};

fn http() -> reqwest::Client {
    // card-runtime builds reqwest with `rustls-no-provider`; a bare reqwest client needs a
    // process-wide provider (a second install is refused, harmlessly).
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

#[tokio::test]
async fn the_inspection_routes_show_the_entity_and_hold_it() {
    let (emulator, client, _) = setup().await;
    let entity = client.cardkit().create(&streaming_card()).await.unwrap();
    entity.stream_text("answer", "Hel").await.unwrap();
    entity.stream_text("answer", "Hello").await.unwrap();
    let http = http();
    let url = format!("{}/_emulator/cards/{}", emulator.url(), entity.card_id());
    let bytes = http.get(&url).send().await.unwrap().bytes().await.unwrap();
    let shown: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(shown["sequence"], 2);
    assert_eq!(shown["streaming"], true);
    assert_eq!(shown["history"][1]["content"], "Hello");
    assert_eq!(
        shown["card"]["config"]["summary"]["content"],
        "[Generating...]"
    );
    let missing = http
        .get(format!("{}/_emulator/cards/7999", emulator.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);

    let hold = http
        .post(format!("{url}/interaction"))
        .body(r#"{"seconds": 30}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(hold.status(), 200);
    let err = entity.stream_text("answer", "Hello!").await.unwrap_err();
    assert_eq!(CardKitCode::of(&err), Some(CardKitCode::InInteraction));
    let bad = http
        .post(format!("{url}/interaction"))
        .body(r#"{"seconds": -1}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
}

#[tokio::test]
async fn a_click_being_answered_holds_the_entity_until_its_answer() {
    let (emulator, client, _) = setup().await;
    let card = Card::from_json_unchecked(json!({"schema": "2.0", "body": {"elements": [
        {"tag": "markdown", "element_id": "status", "content": "waiting"},
        {"tag": "button", "element_id": "go", "text": {"tag": "plain_text", "content": "Go"},
         "behaviors": [{"type": "callback", "value": {"go": true}}]}
    ]}}));
    let entity = client.cardkit().create(&card).await.unwrap();
    let sent = entity.send(ReceiveId::chat_id("oc_1")).await.unwrap();

    // The handler tries to change the card while its click is being answered.
    let during = Arc::new(Mutex::new(None));
    let (seen, writer) = (Arc::clone(&during), entity.clone());
    let handlers = Handlers::new().fallback(move |_: ActionContext| {
        let (seen, writer) = (Arc::clone(&seen), writer.clone());
        async move {
            let result = writer
                .patch_element("status", &json!({"content": "clicked"}))
                .await;
            *seen.lock().unwrap() = Some(result.err().and_then(|err| CardKitCode::of(&err)));
            Toast::info("working on it")
        }
    });
    let token = "cardkit-click-token";
    let endpoint = Arc::new(CallbackEndpoint::new(
        CallbackConfig::new(token),
        Dispatcher::new(handlers).unwrap(),
    ));
    let app = axum::Router::new().route("/callback", post_handler(endpoint));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/callback", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let clicker = Clicker::new(CallbackApp::new(&url, token)).unwrap();
    let click = Click::new(&sent.message_id, Button::Value(json!({"go": true})));
    let outcome = tokio::time::timeout(Duration::from_secs(20), clicker.click(&emulator, &click))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(outcome.status, Some(200));
    assert_eq!(
        *during.lock().unwrap(),
        Some(Some(CardKitCode::InInteraction))
    );
    // Once answered, the entity takes writes again.
    entity
        .patch_element("status", &json!({"content": "clicked"}))
        .await
        .unwrap();
    let stored = emulator.card_entity(entity.card_id()).unwrap();
    assert_eq!(stored.card["body"]["elements"][0]["content"], "clicked");
}

#[tokio::test]
async fn an_unpaced_client_meets_the_ten_per_second_card_limit() {
    let (emulator, _, clock) = setup().await;
    // No pacing and no retries: what a naive bot sees.
    let naive = card_runtime::Client::builder(emulator.app_id(), emulator.app_secret())
        .base_url(emulator.url())
        .clock(clock.clone())
        .pacing(card_runtime::PacingLimits::unlimited())
        .retry(card_runtime::RetryPolicy::none())
        .build()
        .unwrap();
    let entity = naive.cardkit().create(&streaming_card()).await.unwrap();
    let mut refused = None;
    // Eleven writes well inside one second (the system clock moves by milliseconds here).
    for i in 0..11 {
        if let Err(err) = entity.stream_text("answer", &"x".repeat(i + 1)).await {
            refused = Some((i, err.api().map(card_runtime::ApiError::code)));
            break;
        }
    }
    assert_eq!(refused, Some((10, Some(230_020))));
    // A second later the card takes writes again.
    clock.advance(Duration::from_secs(1));
    entity.stream_text("answer", "later").await.unwrap();
}
