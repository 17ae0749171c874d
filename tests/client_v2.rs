//! Card JSON 2.0 through the client and the emulator: sent, replied, updated (only with 2.0),
//! delay-updated and webhook-posted; the emulator answers Feishu's codes for bad 2.0 cards;
//! and a 2.0 form is filled, submitted and answered end to end.

use std::sync::Arc;

use card_emulator::{CallbackApp, Clicker, Emulator, Submit};
use card_runtime::callback::axum::post_handler;
use card_runtime::callback::{
    ActionContext, CallbackConfig, CallbackEndpoint, CallbackResponse, CardValue, Dispatcher,
    Handlers, Route, Toast,
};
use card_runtime::{Card, Error, ReceiveId, Webhook};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::net::TcpListener;

#[path = "client_support/mod.rs"]
mod support;

fn v2(text: &str) -> Card {
    Card::from_json_unchecked(json!({
        "schema": "2.0",
        "header": {"title": {"tag": "plain_text", "content": "Deploy"}},
        "body": {"elements": [{"tag": "markdown", "content": text}]}
    }))
}

fn v1_shared() -> Card {
    Card::from_json_unchecked(json!({
        "config": {"update_multi": true},
        "elements": [{"tag": "markdown", "content": "1.0"}]
    }))
}

fn deploy_form() -> Card {
    Card::from_json_unchecked(json!({"schema": "2.0", "body": {"elements": [
        {"tag": "markdown", "content": "**checkout** wants to deploy"},
        {"tag": "form", "name": "deploy", "elements": [
            {"tag": "input", "name": "reason", "required": true,
             "placeholder": {"tag": "plain_text", "content": "Why?"}},
            {"tag": "select_static", "name": "env", "required": true, "options": [
                {"text": {"tag": "plain_text", "content": "staging"}, "value": "staging"},
                {"text": {"tag": "plain_text", "content": "prod"}, "value": "prod"}]},
            {"tag": "date_picker", "name": "day"},
            {"tag": "button", "name": "submit", "form_action_type": "submit", "type": "primary",
             "text": {"tag": "plain_text", "content": "Submit"},
             "behaviors": [{"type": "callback", "value": {"route": "deploy"}}]}
        ]}
    ]}}))
}

#[tokio::test]
async fn the_client_sends_replies_and_updates_2_0_cards() {
    let (emulator, client, _clock) = support::setup().await;
    let sent = support::send_to_chat(&client, "oc_v2", &v2("sent"))
        .await
        .unwrap();
    assert_eq!(
        emulator.message(&sent.message_id).unwrap().card,
        *v2("sent")
    );
    let reply = client
        .messages()
        .reply_card(&sent.message_id, &v2("reply"))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.parent_id.as_deref(), Some(sent.message_id.as_str()));
    assert_eq!(
        emulator.message(&reply.message_id).unwrap().card,
        *v2("reply")
    );

    client
        .messages()
        .update_card(&sent.message_id, &v2("updated"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        emulator.message(&sent.message_id).unwrap().card,
        *v2("updated")
    );
}

#[tokio::test]
async fn a_1_0_update_of_a_2_0_message_fails_before_any_request() {
    let (emulator, client, _clock) = support::setup().await;
    let sent = support::send_to_chat(&client, "oc_v2", &v2("sent"))
        .await
        .unwrap();
    let before = emulator.stats().api_requests;
    let err = client
        .messages()
        .update_card(&sent.message_id, &v1_shared())
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Downgrade { message_id } if *message_id == sent.message_id),
        "{err:?}"
    );
    assert!(err.to_string().contains("2.0"), "{err}");
    assert!(err.is_refused());
    assert_eq!(emulator.stats().api_requests, before, "nothing was sent");
    assert_eq!(
        emulator.message(&sent.message_id).unwrap().card,
        *v2("sent")
    );
    // A 1.0 message can still be updated with 1.0.
    let old = support::send_to_chat(&client, "oc_v1", &v1_shared())
        .await
        .unwrap();
    client
        .messages()
        .update_card(&old.message_id, &v1_shared())
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn delayed_updates_and_webhooks_carry_2_0_cards() {
    let (emulator, client, _clock) = support::setup().await;
    let sent = support::send_to_chat(&client, "oc_v2", &v2("sent"))
        .await
        .unwrap();
    let token = emulator.issue_callback_token(&sent.message_id).unwrap();
    // 2.0 cards are shared: no open_ids.
    client
        .messages()
        .delay_update(&token, &v2("later"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        emulator.message(&sent.message_id).unwrap().card,
        *v2("later")
    );

    Webhook::new(emulator.webhook_url("plain-hook"))
        .send_card(&v2("from a custom bot"))
        .await
        .unwrap();
    let posted = emulator
        .messages()
        .into_iter()
        .find(|m| m.receive_id_type == "webhook")
        .expect("the webhook post is recorded");
    assert_eq!(posted.card, *v2("from a custom bot"));
}

/// POSTs JSON and reads the JSON answer.
async fn post_json(url: String, bearer: Option<&str>, body: &Value) -> Value {
    let mut request = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(bearer) = bearer {
        request = request.bearer_auth(bearer);
    }
    let bytes = request.send().await.unwrap().bytes().await.unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

/// Sends `card` past the client's own checks, as a bot in another language would.
async fn raw_send(emulator: &Emulator, card: &Value) -> Value {
    let token = post_json(
        format!(
            "{}/open-apis/auth/v3/tenant_access_token/internal",
            emulator.url()
        ),
        None,
        &json!({"app_id": emulator.app_id(), "app_secret": emulator.app_secret()}),
    )
    .await;
    post_json(
        format!(
            "{}/open-apis/im/v1/messages?receive_id_type=chat_id",
            emulator.url()
        ),
        token["tenant_access_token"].as_str(),
        &json!({"receive_id": "oc_raw", "msg_type": "interactive", "content": card.to_string()}),
    )
    .await
}

#[tokio::test]
async fn the_emulator_answers_230099_for_bad_2_0_cards() {
    let (emulator, _client, _clock) = support::setup().await;
    // `action` does not exist in 2.0.
    let answer = raw_send(
        &emulator,
        &json!({"schema": "2.0", "body": {"elements": [
            {"tag": "markdown", "content": "ok"},
            {"tag": "action", "actions": []}
        ]}}),
    )
    .await;
    assert_eq!(answer["code"], 230_099);
    let msg = answer["msg"].as_str().unwrap();
    assert!(msg.contains("ErrPath: $.body.elements[1].tag"), "{msg}");
    assert!(msg.contains("column_set"), "the migration is named: {msg}");

    // At most 200 components.
    let many: Vec<Value> = (0..201).map(|_| json!({"tag": "hr"})).collect();
    let answer = raw_send(
        &emulator,
        &json!({"schema": "2.0", "body": {"elements": many}}),
    )
    .await;
    assert_eq!(answer["code"], 230_099, "{answer}");
    let msg = answer["msg"].as_str().unwrap();
    assert!(msg.contains("ErrPath: $.body.elements[200]"), "{msg}");
    assert!(msg.contains("at most 200 components"), "{msg}");
    assert!(emulator.messages().is_empty());
}

/// The submit button's callback value.
#[derive(Debug, Deserialize)]
#[serde(tag = "route", rename = "deploy")]
struct SubmitDeploy {}

impl CardValue for SubmitDeploy {
    const ROUTE: Route = Route::tag("deploy");
}

/// The form as the handler reads it: field names are the components' `name`s.
#[derive(Debug, Deserialize)]
struct DeployForm {
    reason: String,
    env: String,
    day: Option<String>,
}

async fn form_app() -> String {
    let handlers = Handlers::new().on_form(
        |_: SubmitDeploy, form: DeployForm, _cx: ActionContext| async move {
            if form.reason.trim().len() < 3 {
                return CallbackResponse::toast(Toast::error("say why"));
            }
            let day = form.day.unwrap_or_default();
            let done = format!("{} to {} on {day}", form.reason, form.env);
            CallbackResponse::card(v2(&done)).with_toast(Toast::success("requested"))
        },
    );
    let endpoint = Arc::new(CallbackEndpoint::new(
        CallbackConfig::new("v-token"),
        Dispatcher::new(handlers).unwrap(),
    ));
    let app = axum::Router::new().route("/callback", post_handler(endpoint));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/callback", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

#[tokio::test]
async fn a_2_0_form_round_trip_with_a_typed_struct() {
    let (emulator, client, _clock) = support::setup().await;
    let clicker = Clicker::new(CallbackApp::new(form_app().await, "v-token")).unwrap();
    let sent = client
        .messages()
        .send_card(ReceiveId::open_id("ou_approver"), &deploy_form())
        .send()
        .await
        .unwrap();

    let short = Submit::new().field("reason", "no").field("env", "prod");
    let outcome = clicker
        .click(
            &emulator,
            &card_emulator::Click::submit(&sent.message_id, short),
        )
        .await
        .unwrap();
    assert_eq!(outcome.toast.as_ref().unwrap()["content"], "say why");
    assert!(!outcome.card_replaced);

    let good = Submit::new()
        .field("reason", "login fix")
        .field("env", "prod")
        .field("day", "2026-12-03");
    let outcome = clicker
        .click(
            &emulator,
            &card_emulator::Click::submit(&sent.message_id, good),
        )
        .await
        .unwrap();
    assert_eq!(outcome.client_error, None, "{outcome:?}");
    assert!(outcome.card_replaced);
    assert_eq!(
        emulator.message(&sent.message_id).unwrap().card,
        *v2("login fix to prod on 2026-12-03 +0800")
    );
    assert_eq!(clicker.toasts().len(), 2);
}
