//! The client against the emulator: tokens, every operation's request shape, typed errors.

use std::time::Duration;

use axum::routing::post;
use card_emulator::Emulator;
use card_runtime::{Card, Client, Error, ReceiveId, SendCardBody, TemplateCard, Webhook};
use serde_json::{Value, json};

mod client_support;
use client_support::{approval_card, send_to_chat, setup, setup_with};

fn exclusive_card() -> Card {
    Card::from_json_unchecked(
        json!({"elements": [{"tag": "div", "text": {"tag": "plain_text", "content": "only you"}}]}),
    )
}

#[tokio::test]
async fn token_is_fetched_once_and_reused() {
    let (emulator, client, _) = setup().await;
    let card = approval_card();
    for _ in 0..3 {
        send_to_chat(&client, "oc_1", &card).await.unwrap();
    }
    let stats = emulator.stats();
    assert_eq!((stats.token_requests, stats.tokens_issued), (1, 1));
    assert_eq!(stats.messages_created, 3);
}

#[tokio::test]
async fn token_is_refreshed_ahead_of_expiry_without_a_rejection() {
    let (emulator, client, clock) = setup().await;
    let card = approval_card();
    send_to_chat(&client, "oc_1", &card).await.unwrap();
    // 200 s left: inside the client's 5-minute margin, still valid on the server.
    clock.advance(Duration::from_secs(7000));
    send_to_chat(&client, "oc_1", &card).await.unwrap();
    let stats = emulator.stats();
    assert_eq!(stats.tokens_issued, 2);
    assert_eq!(stats.token_rejected, 0);
}

#[tokio::test]
async fn refresh_follows_the_servers_expire_not_7200() {
    let (emulator, client, clock) = setup_with(Duration::from_secs(1000)).await;
    let card = approval_card();
    send_to_chat(&client, "oc_1", &card).await.unwrap();
    clock.advance(Duration::from_secs(800));
    send_to_chat(&client, "oc_1", &card).await.unwrap();
    assert_eq!(emulator.stats().tokens_issued, 2);
    assert_eq!(emulator.stats().token_rejected, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_refresh_under_1000_concurrent_sends() {
    let (emulator, client, clock) = setup().await;
    let card = approval_card();
    for round in 1..=2u64 {
        let tasks: Vec<_> = (0..1000)
            .map(|i| {
                let (client, card) = (client.clone(), card.clone());
                tokio::spawn(async move {
                    let to = ReceiveId::chat_id(format!("oc_{}", i % 50));
                    client
                        .messages()
                        .send_card(to, &card)
                        .send()
                        .await
                        .map(|sent| sent.message_id)
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        let stats = emulator.stats();
        assert_eq!(stats.tokens_issued, round, "one token per expiry");
        assert_eq!(stats.token_requests, round, "one request per expiry");
        assert_eq!(stats.messages_created, 1000 * round);
        clock.advance(Duration::from_secs(7200));
    }
}

#[tokio::test]
async fn a_rejected_token_is_refreshed_and_the_call_retried_once() {
    let (emulator, client, _) = setup().await;
    let card = approval_card();
    send_to_chat(&client, "oc_1", &card).await.unwrap();
    emulator.revoke_tokens();
    send_to_chat(&client, "oc_1", &card).await.unwrap();
    let stats = emulator.stats();
    assert_eq!(stats.token_rejected, 1);
    assert_eq!(stats.tokens_issued, 2);
    assert_eq!(stats.messages_created, 2);
}

#[tokio::test]
async fn wrong_secret_is_an_api_error_and_never_printed() {
    let (emulator, _, _) = setup().await;
    let client = Client::builder(emulator.app_id(), "super-secret-value")
        .base_url(emulator.url())
        .build()
        .unwrap();
    let err = send_to_chat(&client, "oc_1", &approval_card())
        .await
        .unwrap_err();
    let api = err.api().expect("an API error");
    assert_eq!(api.code(), 10015);
    assert!(api.log_id().is_some_and(|id| id.starts_with("emu")));
    for text in [format!("{client:?}"), format!("{err:?}"), err.to_string()] {
        assert!(!text.contains("super-secret-value"), "{text}");
    }
    assert!(format!("{client:?}").contains(emulator.app_id()));
}

#[tokio::test]
async fn send_with_every_receive_id_type() {
    let (emulator, client, _) = setup().await;
    let card = approval_card();
    let targets = [
        (ReceiveId::open_id("ou_1"), "open_id"),
        (ReceiveId::union_id("on_1"), "union_id"),
        (ReceiveId::user_id("7be5fg9a"), "user_id"),
        (ReceiveId::email("zhangsan@example.com"), "email"),
        (ReceiveId::chat_id("oc_1"), "chat_id"),
    ];
    for (to, kind) in targets {
        let id = to.id().to_owned();
        let sent = client.messages().send_card(to, &card).send().await.unwrap();
        let recorded = emulator.message(&sent.message_id).unwrap();
        assert_eq!(
            (
                recorded.receive_id_type.as_str(),
                recorded.receive_id.as_str()
            ),
            (kind, id.as_str())
        );
        assert_eq!(recorded.msg_type, "interactive");
        assert_eq!(recorded.card, *card);
        assert_eq!(sent.chat_id, recorded.chat_id);
        assert_eq!(sent.msg_type, "interactive");
        assert!(!sent.create_time.is_empty());
        // A fresh idempotency key per logical send, within Feishu's 50 characters.
        assert!(
            recorded
                .uuid
                .as_ref()
                .is_some_and(|u| !u.is_empty() && u.len() <= 50)
        );
    }
    assert_eq!(emulator.messages()[4].chat_id, "oc_1");
}

#[tokio::test]
async fn caller_uuid_dedupes_a_repeated_send() {
    let (emulator, client, _) = setup().await;
    let card = approval_card();
    let send = || {
        client
            .messages()
            .send_card(ReceiveId::chat_id("oc_1"), &card)
            .uuid("approval-42")
            .send()
    };
    let first = send().await.unwrap();
    let second = send().await.unwrap();
    assert_eq!(first.message_id, second.message_id);
    assert_eq!(emulator.stats().messages_created, 1);
    assert_eq!(emulator.stats().duplicates_suppressed, 1);
}

#[tokio::test]
async fn reply_in_thread_and_plain_reply() {
    let (emulator, client, _) = setup().await;
    let card = approval_card();
    let root = send_to_chat(&client, "oc_9", &card).await.unwrap();
    let threaded = client
        .messages()
        .reply_card(&root.message_id, &card)
        .in_thread(true)
        .send()
        .await
        .unwrap();
    assert_eq!(
        threaded.parent_id.as_deref(),
        Some(root.message_id.as_str())
    );
    assert_eq!(threaded.root_id.as_deref(), Some(root.message_id.as_str()));
    assert!(
        threaded
            .thread_id
            .as_ref()
            .is_some_and(|t| t.starts_with("omt_"))
    );
    assert_eq!(threaded.chat_id, "oc_9");
    let plain = client
        .messages()
        .reply_card(&root.message_id, &card)
        .send()
        .await
        .unwrap();
    assert_eq!(plain.thread_id, None);
    assert_eq!(
        emulator.message(&plain.message_id).unwrap().parent_id,
        Some(root.message_id)
    );
}

#[tokio::test]
async fn update_card_patches_shared_cards_and_refuses_exclusive_ones_locally() {
    let (emulator, client, _) = setup().await;
    let card = approval_card();
    let sent = send_to_chat(&client, "oc_1", &card).await.unwrap();
    let mut approved = card.clone().into_value();
    approved["elements"] =
        json!([{"tag": "div", "text": {"tag": "plain_text", "content": "已批准"}}]);
    let approved = Card::from_json_unchecked(approved);
    client
        .messages()
        .update_card(&sent.message_id, &approved)
        .send()
        .await
        .unwrap();
    let recorded = emulator.message(&sent.message_id).unwrap();
    assert_eq!(recorded.card, *approved);
    assert_eq!(recorded.updates, 1);

    let before = emulator.stats().api_requests;
    let err = client
        .messages()
        .update_card(&sent.message_id, &exclusive_card())
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotShared), "{err:?}");
    assert_eq!(
        emulator.stats().api_requests,
        before,
        "refused before the network"
    );
}

#[tokio::test]
async fn delay_update_with_a_callback_token() {
    let (emulator, client, _) = setup().await;
    let shared = send_to_chat(&client, "oc_1", &approval_card())
        .await
        .unwrap();
    let token = emulator.issue_callback_token(&shared.message_id).unwrap();
    let done = Card::from_json_unchecked(
        json!({"config": {"update_multi": true}, "elements": [{"tag": "hr"}]}),
    );
    client
        .messages()
        .delay_update(&token, &done)
        .send()
        .await
        .unwrap();
    assert_eq!(emulator.message(&shared.message_id).unwrap().card, *done);
    client
        .messages()
        .delay_update(&token, &done)
        .send()
        .await
        .unwrap();
    let err = client
        .messages()
        .delay_update(&token, &done)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.api().map(|e| e.code()),
        Some(300_040),
        "two uses per token"
    );

    let exclusive = client
        .messages()
        .send_card(ReceiveId::open_id("ou_1"), &exclusive_card())
        .send()
        .await
        .unwrap();
    let token = emulator
        .issue_callback_token(&exclusive.message_id)
        .unwrap();
    let mine = exclusive_card();
    let err = client
        .messages()
        .delay_update(&token, &mine)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::OpenIdsRequired), "{err:?}");
    client
        .messages()
        .delay_update(&token, &mine)
        .open_ids(["ou_1"])
        .send()
        .await
        .unwrap();
    let recorded = emulator.message(&exclusive.message_id).unwrap();
    assert_eq!(recorded.personal_cards.get("ou_1"), Some(&*mine));
}

#[tokio::test]
async fn send_template_puts_the_template_form_in_content() {
    let (emulator, client, _) = setup().await;
    let template = TemplateCard::new("AAqk1Dcxxxxxx")
        .version("1.0.2")
        .variable("name", "张三");
    let sent = client
        .messages()
        .send_template(ReceiveId::chat_id("oc_1"), template)
        .send()
        .await
        .unwrap();
    assert_eq!(
        emulator.message(&sent.message_id).unwrap().card,
        json!({"type": "template", "data": {"template_id": "AAqk1Dcxxxxxx", "template_version_name": "1.0.2",
            "template_variable": {"name": "张三"}}})
    );
}

#[tokio::test]
async fn api_errors_carry_code_msg_status_and_log_id() {
    let (_emulator, client, _) = setup().await;
    let err = send_to_chat(&client, "not-a-chat", &approval_card())
        .await
        .unwrap_err();
    let Error::Api(api) = err.cause() else {
        panic!("expected Error::Api, got {err:?}")
    };
    assert_eq!(api.code(), 230_034);
    assert!(api.msg().contains("not-a-chat"));
    assert_eq!(api.status(), 400);
    assert!(api.log_id().is_some());
    assert_eq!(
        err.cause().to_string(),
        format!("Feishu API error 230034: {}", api.msg())
    );
    assert!(err.uuid().is_some() && err.is_refused(), "{err:?}");
}

#[tokio::test]
async fn decode_errors_name_the_json_path() {
    let bad = include_str!("fixtures/client-decode-bad-message-id.json");
    let emulator = Emulator::builder()
        .route(
            "/broken/open-apis/auth/v3/tenant_access_token/internal",
            post(|| async {
                axum::Json(
                    json!({"code": 0, "msg": "ok", "tenant_access_token": "t-x", "expire": 7200}),
                )
            }),
        )
        .route(
            "/broken/open-apis/im/v1/messages",
            post(move || async move { bad }),
        )
        .start()
        .await
        .unwrap();
    let client = Client::builder("cli", "s")
        .base_url(format!("{}/broken", emulator.url()))
        .build()
        .unwrap();
    let err = send_to_chat(&client, "oc_1", &approval_card())
        .await
        .unwrap_err();
    let Error::Decode { path, .. } = err.cause() else {
        panic!("expected Error::Decode, got {err:?}")
    };
    assert_eq!(path, "data.message_id");
    assert_eq!(
        err.cause().to_string(),
        "failed to decode response at `data.message_id`"
    );
}

#[test]
fn send_body_encodes_the_card_as_a_json_string() {
    let card = approval_card();
    let to = ReceiveId::chat_id("oc_1");
    let body: Value =
        serde_json::from_str(&SendCardBody::new(&to, &card).uuid("u-1").to_json()).unwrap();
    assert_eq!(body["receive_id"], "oc_1");
    assert_eq!(body["msg_type"], "interactive");
    assert_eq!(body["uuid"], "u-1");
    let content = body["content"].as_str().expect("content is a string");
    assert_eq!(serde_json::from_str::<Value>(content).unwrap(), *card);
}

#[test]
fn client_and_error_are_send_sync_and_cheap_to_clone() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<Client>();
    assert_send_sync::<Error>();
    assert_send_sync::<Webhook>();
    let client = Client::builder("cli_a", "never-shown").build().unwrap();
    let clone = client.clone();
    assert_eq!(clone.app_id(), client.app_id());
    let debug = format!("{client:?}");
    assert!(
        debug.contains("cli_a") && !debug.contains("never-shown"),
        "{debug}"
    );
    let hook = Webhook::new("http://127.0.0.1:1/hook").secret("hook-never-shown");
    assert!(!format!("{hook:?}").contains("hook-never-shown"));
}
