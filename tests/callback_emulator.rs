//! The emulator plays the user: a card sent with the client is clicked, the app's answer
//! replaces it and its toast is recorded; slow work follows with a delayed update.

use std::sync::Arc;

use card_emulator::{Button, CallbackApp, Click, Clicker, Emulator, Limits};
use card_runtime::callback::axum::post_handler;
use card_runtime::callback::{
    ActionContext, CallbackConfig, CallbackEndpoint, CallbackResponse, CardValue, Dispatcher,
    Envelope, Handlers, Route, Toast,
};
use card_runtime::{Card, Client, ReceiveId};
use serde::Deserialize;
use serde_json::json;
use tokio::net::TcpListener;

const TOKEN: &str = "emu-verification-token";
const KEY: &str = "emu-encrypt-key";

#[derive(Deserialize)]
struct Publish {
    button_id: String,
}

impl CardValue for Publish {
    const ROUTE: Route = Route::new("button_type", &["public_publish"]);
}

fn seed_card(button_id: &str) -> Card {
    Card::from_json_unchecked(json!({"i18n_elements": {"zh_cn": [
        {"tag": "div", "text": {"content": "发布审核：", "tag": "plain_text"}},
        {"tag": "action", "actions": [{"tag": "button",
            "text": {"tag": "plain_text", "content": "完成「全量发布」"},
            "value": {"button_type": "public_publish", "button_id": button_id},
            "type": "primary"}]}
    ]}}))
}

fn done_card(button_id: &str) -> Card {
    Card::from_json_unchecked(json!({"elements": [
        {"tag": "div", "text": {"tag": "plain_text", "content": format!("{button_id} 已完成")}}
    ]}))
}

async fn app(handlers: Handlers, config: CallbackConfig) -> String {
    let endpoint = Arc::new(CallbackEndpoint::new(
        config,
        Dispatcher::new(handlers).unwrap(),
    ));
    let app = axum::Router::new().route("/callback", post_handler(endpoint));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/callback", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

/// An emulator without rate limits, and a client pointed at it.
async fn emulator_and_client() -> (Emulator, Client) {
    let emulator = Emulator::builder()
        .limits(Limits::unlimited())
        .start()
        .await
        .unwrap();
    let client = Client::builder(emulator.app_id(), emulator.app_secret())
        .base_url(emulator.url())
        .build()
        .unwrap();
    (emulator, client)
}

fn publish_router() -> Handlers {
    Handlers::new().on(|value: Publish, _cx: ActionContext| async move {
        CallbackResponse::card(done_card(&value.button_id))
            .with_toast(Toast::success("已完成").i18n("en_us", "done"))
    })
}

#[tokio::test]
async fn clicks_in_every_generation_replace_the_card_and_record_the_toast() {
    let (emulator, client) = emulator_and_client().await;
    let url = app(
        publish_router(),
        CallbackConfig::new(TOKEN).encrypt_key(KEY),
    )
    .await;
    for (generation, encrypted) in [
        (Envelope::Schema2, true),
        (Envelope::Schema2, false),
        (Envelope::Legacy, false),
        (Envelope::Legacy, true),
    ] {
        let clicker = Clicker::new(
            CallbackApp::new(&url, TOKEN)
                .encrypt_key(KEY)
                .generation(generation)
                .encrypted(encrypted),
        )
        .unwrap();
        assert!(clicker.verify_url().await.unwrap(), "{generation:?}");
        let card = seed_card("162695861xxxx");
        let sent = client
            .messages()
            .send_card(ReceiveId::open_id("ou_approver"), &card)
            .send()
            .await
            .unwrap();
        let value = json!({"button_type": "public_publish", "button_id": "162695861xxxx"});
        let outcome = clicker
            .click(
                &emulator,
                &Click::new(&sent.message_id, Button::Value(value)),
            )
            .await
            .unwrap();
        let case = format!("{generation:?} encrypted={encrypted}: {outcome:?}");
        assert_eq!(outcome.status, Some(200), "{case}");
        assert_eq!(outcome.client_error, None, "{case}");
        assert!(outcome.card_replaced, "{case}");
        assert_eq!(
            emulator.message(&sent.message_id).unwrap().card,
            *done_card("162695861xxxx")
        );
        let toasts = clicker.toasts();
        assert_eq!(toasts.len(), 1, "{case}");
        assert_eq!(toasts[0].open_id, "ou_approver");
        assert_eq!(toasts[0].toast["content"], "已完成");
    }
}

#[tokio::test]
async fn refused_or_missing_clicks_are_reported_not_applied() {
    let (emulator, client) = emulator_and_client().await;
    let url = app(
        publish_router(),
        CallbackConfig::new(TOKEN).encrypt_key(KEY),
    )
    .await;
    let card = seed_card("b-1");
    let sent = client
        .messages()
        .send_card(ReceiveId::chat_id("oc_team"), &card)
        .send()
        .await
        .unwrap();

    // The app's secrets differ from what the emulator signs with: 401, Feishu shows 200671.
    let stranger =
        Clicker::new(CallbackApp::new(&url, "other-token").encrypt_key("other-key")).unwrap();
    assert!(!stranger.verify_url().await.unwrap());
    let outcome = stranger
        .click(&emulator, &Click::new(&sent.message_id, Button::Index(0)))
        .await
        .unwrap();
    assert_eq!(
        (outcome.status, outcome.client_error),
        (Some(401), Some(200_671))
    );
    assert_eq!(emulator.message(&sent.message_id).unwrap().card, *card);

    let clicker = Clicker::new(CallbackApp::new(&url, TOKEN).encrypt_key(KEY)).unwrap();
    let missing = clicker
        .click(&emulator, &Click::new(&sent.message_id, Button::Index(3)))
        .await;
    assert!(missing.is_err());
    let unknown = clicker
        .click(&emulator, &Click::new("om_nope", Button::Index(0)))
        .await;
    assert!(unknown.is_err());
}

#[tokio::test]
async fn slow_work_answers_first_then_updates_with_the_callback_token() {
    let (emulator, client) = emulator_and_client().await;
    let (done_tx, mut done_rx) = tokio::sync::mpsc::unbounded_channel();
    let updater = client.clone();
    let router = Handlers::new().on(move |value: Publish, cx: ActionContext| {
        let client = updater.clone();
        let done_tx = done_tx.clone();
        let token = cx.token().to_owned();
        let operator = cx.operator().open_id.clone();
        cx.defer(async move {
            let card = done_card(&value.button_id);
            let result = client
                .messages()
                .delay_update(token, &card)
                .open_ids([operator])
                .send()
                .await;
            done_tx.send(result.map_err(|err| err.to_string())).unwrap();
        });
        async { Toast::info("处理中") }
    });
    let url = app(router, CallbackConfig::new(TOKEN).encrypt_key(KEY)).await;
    let clicker = Clicker::new(CallbackApp::new(&url, TOKEN).encrypt_key(KEY)).unwrap();
    let card = seed_card("slow-1");
    let sent = client
        .messages()
        .send_card(ReceiveId::open_id("ou_approver"), &card)
        .send()
        .await
        .unwrap();
    let outcome = clicker
        .click(&emulator, &Click::new(&sent.message_id, Button::Index(0)))
        .await
        .unwrap();
    assert_eq!(outcome.toast.unwrap()["content"], "处理中");
    assert!(!outcome.card_replaced);
    done_rx.recv().await.unwrap().unwrap();
    let message = emulator.message(&sent.message_id).unwrap();
    assert_eq!(message.personal_cards["ou_approver"], *done_card("slow-1"));
}

/// Each click is a new delivery (a fresh v2 `event_id`; a legacy `X-Refresh-Token` that
/// changed once the first click was answered), so an app that de-duplicates deliveries still
/// runs its handler for the second click on the same card.
#[tokio::test]
async fn two_clicks_on_one_card_both_reach_the_handler() {
    use std::sync::atomic::{AtomicUsize, Ordering};

    let (emulator, client) = emulator_and_client().await;
    for generation in [Envelope::Schema2, Envelope::Legacy] {
        let runs = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&runs);
        let router = Handlers::new().on(move |_value: Publish, _cx: ActionContext| {
            counter.fetch_add(1, Ordering::SeqCst);
            async { Toast::info("收到") }
        });
        let url = app(router, CallbackConfig::new(TOKEN).encrypt_key(KEY)).await;
        let clicker = Clicker::new(
            CallbackApp::new(&url, TOKEN)
                .encrypt_key(KEY)
                .generation(generation),
        )
        .unwrap();
        let sent = client
            .messages()
            .send_card(ReceiveId::chat_id("oc_poll"), &seed_card("twice"))
            .send()
            .await
            .unwrap();
        let click = Click::new(&sent.message_id, Button::Index(0));
        let first = clicker.click(&emulator, &click).await.unwrap();
        let second = clicker.click(&emulator, &click).await.unwrap();
        assert_eq!(runs.load(Ordering::SeqCst), 2, "{generation:?}");
        assert_eq!((first.status, second.status), (Some(200), Some(200)));
        assert_ne!(
            first.token, second.token,
            "each click hands out its own token"
        );
        assert_eq!(clicker.toasts().len(), 2);
    }
}
