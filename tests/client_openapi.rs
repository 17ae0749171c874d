//! The Open API beyond cards against the emulator: text and post messages, reactions, batch
//! sends, urgents, ephemeral cards, users and chat members (cached), and `client.request`.

use std::time::Duration;

use card_emulator::DirectoryUser;
use card_runtime::{
    Error, Method, PostElement, PostMessage, ReceiveId, TextMessage, UrgentKind, User,
};
use serde_json::{Value, json};

mod client_support;
use client_support::{approval_card, send_to_chat, setup};

fn seed(emulator: &card_emulator::Emulator) {
    emulator.seed_user(
        DirectoryUser::new("ou_ada")
            .name("Ada")
            .email("ada@example.com")
            .avatar_url("https://example.com/ada.png"),
    );
    emulator.seed_user(
        DirectoryUser::new("ou_bob")
            .name("Bob")
            .email("bob@example.com"),
    );
    emulator.seed_user(DirectoryUser::new("ou_eve").name("Eve"));
    emulator.seed_department("od-ops", ["ou_bob", "ou_eve"]);
    emulator.seed_chat("oc_ops", ["ou_ada", "ou_bob"]);
}

#[tokio::test]
async fn text_with_mentions_is_sent_and_replied() {
    let (emulator, client, _) = setup().await;
    let text = TextMessage::new("Approved by ").mention("ou_ada", "Ada");
    let sent = client
        .messages()
        .send_text(ReceiveId::chat_id("oc_ops"), &text)
        .send()
        .await
        .unwrap();
    assert_eq!(sent.msg_type, "text");
    let stored = emulator.message(&sent.message_id).unwrap();
    assert_eq!(
        stored.card,
        json!({"text": "Approved by <at user_id=\"ou_ada\">Ada</at>"})
    );
    let reply = client
        .messages()
        .reply_text(&sent.message_id, &TextMessage::new("thanks"))
        .in_thread(true)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.parent_id.as_deref(), Some(sent.message_id.as_str()));
    assert!(reply.thread_id.is_some());
}

#[tokio::test]
async fn post_messages_keep_their_structure() {
    let (emulator, client, _) = setup().await;
    let post = PostMessage::new("Weekly")
        .line([
            PostElement::text("See "),
            PostElement::link("dashboard", "https://example.com/d"),
        ])
        .line([PostElement::at("ou_ada")]);
    let sent = client
        .messages()
        .send_post(ReceiveId::open_id("ou_ada"), &post)
        .send()
        .await
        .unwrap();
    let stored = emulator.message(&sent.message_id).unwrap();
    assert_eq!(stored.msg_type, "post");
    assert_eq!(
        stored.card["zh_cn"]["content"][0][1],
        json!({"tag": "a", "text": "dashboard", "href": "https://example.com/d"})
    );
    let reply = client
        .messages()
        .reply_post(&sent.message_id, &post)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.parent_id.as_deref(), Some(sent.message_id.as_str()));
}

#[tokio::test]
async fn oversized_text_is_refused_with_its_uuid_before_any_request() {
    let (emulator, client, _) = setup().await;
    let text = TextMessage::new("x".repeat(card_runtime::MAX_TEXT_BYTES));
    let err = client
        .messages()
        .send_text(ReceiveId::chat_id("oc_1"), &text)
        .uuid("big-1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.uuid(), Some("big-1"));
    assert!(matches!(err.cause(), Error::TooLarge { .. }), "{err:?}");
    assert!(!err.is_maybe_delivered());
    assert_eq!(emulator.stats().token_requests, 0);
}

#[tokio::test]
async fn reactions_are_added_and_removed() {
    let (emulator, client, _) = setup().await;
    let sent = send_to_chat(&client, "oc_ops", &approval_card())
        .await
        .unwrap();
    let reaction = client
        .messages()
        .add_reaction(&sent.message_id, "THUMBSUP")
        .await
        .unwrap();
    assert_eq!(reaction.emoji_type, "THUMBSUP");
    assert_eq!(emulator.reactions().len(), 1);
    client
        .messages()
        .remove_reaction(&sent.message_id, &reaction.reaction_id)
        .await
        .unwrap();
    assert!(emulator.reactions().is_empty());
    let err = client
        .messages()
        .add_reaction("om_missing", "OK")
        .await
        .unwrap_err();
    assert_eq!(err.api().map(|api| api.code()), Some(231_003));
    assert!(matches!(
        client.messages().add_reaction(&sent.message_id, "").await,
        Err(Error::InvalidRequest { .. })
    ));
}

#[tokio::test]
async fn a_batch_reaches_users_and_departments_and_names_the_rest() {
    let (emulator, client, _) = setup().await;
    seed(&emulator);
    let card = approval_card();
    let sent = client
        .batch()
        .send_card(&card)
        .open_ids(["ou_ada", "ou_ghost"])
        .department_ids(["od-ops", "od-gone"])
        .union_ids(["on_bob"])
        .send()
        .await
        .unwrap();
    assert!(sent.message_id.starts_with("bm-"));
    assert_eq!(sent.invalid_open_ids, ["ou_ghost"]);
    assert_eq!(sent.invalid_department_ids, ["od-gone"]);
    assert!(sent.invalid_union_ids.is_empty());
    let batch = &emulator.batches()[0];
    assert_eq!(batch.recipients, ["ou_ada", "ou_bob", "ou_eve"]);
    assert_eq!(batch.card, *card);
    let progress = client.batch().progress(&sent.message_id).await.unwrap();
    assert_eq!(
        (
            progress.valid_user_ids_count,
            progress.success_user_ids_count
        ),
        (3, 3)
    );
}

#[tokio::test]
async fn a_batch_to_nobody_or_too_many_is_refused_locally() {
    let (emulator, client, _) = setup().await;
    let card = approval_card();
    let err = client.batch().send_card(&card).send().await.unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
    let many: Vec<String> = (0..201).map(|i| format!("ou_{i}")).collect();
    let err = client
        .batch()
        .send_card(&card)
        .open_ids(many)
        .send()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("201 open_ids"), "{err}");
    assert_eq!(emulator.stats().token_requests, 0);
    // The emulator refuses an empty batch too, for bots in other languages.
    let err: Error = client
        .request(Method::POST, "/open-apis/message/v4/batch_send/")
        .json(&json!({"msg_type": "interactive", "card": *card}))
        .send::<Value>()
        .await
        .unwrap_err();
    assert_eq!(err.api().map(|api| api.code()), Some(10_002));
}

#[tokio::test]
async fn urgent_buzzes_known_users_and_reports_the_rest() {
    let (emulator, client, _) = setup().await;
    seed(&emulator);
    let sent = send_to_chat(&client, "oc_ops", &approval_card())
        .await
        .unwrap();
    let missed = client
        .messages()
        .urgent(&sent.message_id, UrgentKind::App, ["ou_ada", "ou_ghost"])
        .await
        .unwrap();
    assert_eq!(missed, ["ou_ghost"]);
    let urgents = emulator.urgents();
    assert_eq!(
        (urgents[0].kind.as_str(), urgents[0].open_ids.as_slice()),
        ("urgent_app", ["ou_ada".to_owned()].as_slice())
    );
    let none: [&str; 0] = [];
    assert!(matches!(
        client
            .messages()
            .urgent(&sent.message_id, UrgentKind::Sms, none)
            .await,
        Err(Error::InvalidRequest { .. })
    ));
    assert!(matches!(
        client
            .messages()
            .urgent("bm-1", UrgentKind::Phone, ["ou_ada"])
            .await,
        Err(Error::InvalidRequest { .. })
    ));
}

#[tokio::test]
async fn ephemeral_cards_go_to_members_only_and_delete_once() {
    let (emulator, client, _) = setup().await;
    seed(&emulator);
    let card = approval_card();
    let id = client
        .ephemeral()
        .send_card("oc_ops", ReceiveId::email("bob@example.com"), &card)
        .await
        .unwrap();
    let recorded = &emulator.ephemerals()[0];
    assert_eq!(
        (recorded.open_id.as_str(), recorded.chat_id.as_str()),
        ("ou_bob", "oc_ops")
    );
    // Eve is not in the chat.
    let err = client
        .ephemeral()
        .send_card("oc_ops", ReceiveId::open_id("ou_eve"), &card)
        .await
        .unwrap_err();
    assert_eq!(
        err.api().map(|api| (api.code(), api.status())),
        Some((10_002, 400))
    );
    // Nor is the bot in an unknown chat.
    let err = client
        .ephemeral()
        .send_card("oc_other", ReceiveId::open_id("ou_ada"), &card)
        .await
        .unwrap_err();
    assert_eq!(err.api().map(|api| api.code()), Some(230_002));
    // A chat id is no user: refused before any request.
    let before = emulator.stats().api_requests;
    let err = client
        .ephemeral()
        .send_card("oc_ops", ReceiveId::chat_id("oc_ops"), &card)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { .. }));
    assert_eq!(emulator.stats().api_requests, before);
    client.ephemeral().delete(&id).await.unwrap();
    assert!(emulator.ephemerals()[0].deleted);
    let err = client.ephemeral().delete(&id).await.unwrap_err();
    assert_eq!(err.api().map(|api| api.code()), Some(18_051));
}

#[tokio::test]
async fn users_are_found_by_every_id_and_cached_for_a_bounded_time() {
    let (emulator, client, clock) = setup().await;
    seed(&emulator);
    let contacts = client.contacts();
    let ada: User = contacts.user(ReceiveId::open_id("ou_ada")).await.unwrap();
    assert_eq!(
        (ada.name.as_str(), ada.avatar.avatar_72.as_str()),
        ("Ada", "https://example.com/ada.png")
    );
    assert_eq!(
        contacts.user(ReceiveId::union_id("on_ada")).await.unwrap(),
        ada
    );
    assert_eq!(contacts.user(ReceiveId::user_id("ada")).await.unwrap(), ada);
    assert_eq!(
        contacts
            .user(ReceiveId::email("ada@example.com"))
            .await
            .unwrap(),
        ada
    );
    let calls = emulator.stats().api_requests;
    // Cached: no request within five minutes.
    for _ in 0..3 {
        contacts.user(ReceiveId::open_id("ou_ada")).await.unwrap();
        contacts
            .user(ReceiveId::email("ada@example.com"))
            .await
            .unwrap();
    }
    assert_eq!(emulator.stats().api_requests, calls);
    // A rename shows after the cache's five minutes.
    emulator.seed_user(DirectoryUser::new("ou_ada").name("Ada L."));
    clock.advance(Duration::from_secs(301));
    assert_eq!(
        contacts
            .user(ReceiveId::open_id("ou_ada"))
            .await
            .unwrap()
            .name,
        "Ada L."
    );
    let err = contacts
        .user(ReceiveId::email("nobody@example.com"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    assert!(
        contacts
            .user(ReceiveId::open_id("ou_ghost"))
            .await
            .unwrap_err()
            .api()
            .is_some()
    );
    assert!(matches!(
        contacts.user(ReceiveId::chat_id("oc_ops")).await,
        Err(Error::InvalidRequest { .. })
    ));
}

#[tokio::test]
async fn chat_members_are_read_across_pages_and_cached() {
    let (emulator, client, _) = setup().await;
    let members: Vec<String> = (0..250).map(|i| format!("ou_m{i}")).collect();
    emulator.seed_chat("oc_big", members.clone());
    let listed = client.contacts().chat_members("oc_big").await.unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|m| m.member_id.clone())
            .collect::<Vec<_>>(),
        members
    );
    let calls = emulator.stats().api_requests;
    client.contacts().chat_members("oc_big").await.unwrap();
    assert_eq!(emulator.stats().api_requests, calls);
    client.contacts().forget();
    client.contacts().chat_members("oc_big").await.unwrap();
    assert_eq!(
        emulator.stats().api_requests,
        calls + 3,
        "three pages of 100"
    );
    let err = client
        .contacts()
        .chat_members("oc_unknown")
        .await
        .unwrap_err();
    assert_eq!(err.api().map(|api| api.code()), Some(232_011));
}

#[tokio::test]
async fn any_open_api_is_reachable_typed_or_raw() {
    let (emulator, client, _) = setup().await;
    seed(&emulator);
    #[derive(serde::Deserialize)]
    struct Answer {
        user: Named,
    }
    #[derive(serde::Deserialize)]
    struct Named {
        name: String,
    }
    let typed: Answer = client
        .request(Method::GET, "/open-apis/contact/v3/users/on_bob")
        .query("user_id_type", "union_id")
        .send()
        .await
        .unwrap();
    assert_eq!(typed.user.name, "Bob");
    let raw: Value = client
        .request(Method::POST, "/open-apis/contact/v3/users/batch_get_id")
        .json(&json!({"emails": ["bob@example.com"]}))
        .idempotent(true)
        .send()
        .await
        .unwrap();
    assert_eq!(raw["user_list"][0]["user_id"], "ou_bob");
    // A shape that does not match is a decode error naming the path.
    #[derive(Debug, serde::Deserialize)]
    struct Wrong {
        #[allow(dead_code)]
        user: Vec<u8>,
    }
    let err = client
        .request(Method::GET, "/open-apis/contact/v3/users/ou_bob")
        .send::<Wrong>()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Decode { path, .. } if path == "data.user"),
        "{err:?}"
    );
    // Paths outside the Open API never leave the client.
    let before = emulator.stats().api_requests;
    for path in [
        "/_emulator/stats",
        "/open-apis/../_emulator/stats",
        "http://example.com/open-apis/x",
    ] {
        let err = client
            .request(Method::GET, path)
            .send::<Value>()
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidRequest { .. }),
            "{path}: {err:?}"
        );
    }
    assert_eq!(emulator.stats().api_requests, before);
    // Retries and typed API errors apply as for every call.
    emulator.fail_next(1, 503);
    let again: Value = client
        .request(Method::GET, "/open-apis/contact/v3/users/ou_eve")
        .send()
        .await
        .unwrap();
    assert_eq!(again["user"]["name"], "Eve");
    let err = client
        .request(Method::GET, "/open-apis/contact/v3/users/ou_ghost")
        .send::<Value>()
        .await
        .unwrap_err();
    assert_eq!(err.api().map(|api| api.code()), Some(41_050));
}

/// Bots in other languages seed and inspect the emulator over HTTP.
#[tokio::test]
async fn the_seeding_and_inspection_routes_work_over_http() {
    let (emulator, client, _) = setup().await;
    let http = reqwest::Client::new();
    let post = |path: &str, body: Value| {
        let request = http
            .post(format!("{}{path}", emulator.url()))
            .body(body.to_string());
        async move {
            let answer = request.send().await.unwrap();
            answer.status().as_u16()
        }
    };
    assert_eq!(
        post(
            "/_emulator/users",
            json!({"open_id": "ou_zed", "name": "Zed", "email": "zed@example.com"})
        )
        .await,
        200
    );
    assert_eq!(
        post(
            "/_emulator/chats",
            json!({"chat_id": "oc_z", "members": ["ou_zed"]})
        )
        .await,
        200
    );
    assert_eq!(
        post(
            "/_emulator/departments",
            json!({"department_id": "od-z", "members": ["ou_zed"]})
        )
        .await,
        200
    );
    assert_eq!(
        post("/_emulator/users", json!({"open_id": "zed"})).await,
        400
    );
    assert_eq!(
        post("/_emulator/chats", json!({"members": "nope"})).await,
        400
    );
    let zed = client
        .contacts()
        .user(ReceiveId::email("zed@example.com"))
        .await
        .unwrap();
    assert_eq!(
        (zed.name.as_str(), zed.union_id.as_str()),
        ("Zed", "on_zed")
    );
    let card = approval_card();
    client
        .batch()
        .send_card(&card)
        .department_ids(["od-z"])
        .send()
        .await
        .unwrap();
    client
        .ephemeral()
        .send_card("oc_z", ReceiveId::open_id("ou_zed"), &card)
        .await
        .unwrap();
    for (path, key) in [
        ("/_emulator/batches", "batches"),
        ("/_emulator/ephemeral", "ephemeral"),
    ] {
        let body = http
            .get(format!("{}{path}", emulator.url()))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let listed: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            listed[key].as_array().map(Vec::len),
            Some(1),
            "{path}: {listed}"
        );
    }
}

/// The emulator checks text, post and image content and the size limits itself.
#[tokio::test]
async fn the_emulator_checks_text_and_post_content() {
    let (_emulator, client, _) = setup().await;
    let send = |msg_type: &'static str, content: Value| {
        let client = client.clone();
        async move {
            client
                .request(Method::POST, "/open-apis/im/v1/messages?receive_id_type=chat_id")
                .json(&json!({"receive_id": "oc_1", "msg_type": msg_type, "content": content.to_string()}))
                .send::<Value>()
                .await
                .map_err(|err| err.api().map(|api| api.code()))
        }
    };
    assert!(send("text", json!({"text": "hi"})).await.is_ok());
    assert_eq!(
        send("text", json!({"txt": "hi"})).await.unwrap_err(),
        Some(230_001)
    );
    assert_eq!(
        send("post", json!({"zh_cn": {"title": "t"}}))
            .await
            .unwrap_err(),
        Some(230_001)
    );
    let not_image = send("image", json!({"key": "img_v3_1"})).await;
    assert_eq!(not_image.unwrap_err(), Some(230_001));
    let long = "x".repeat(card_runtime::MAX_TEXT_BYTES);
    assert_eq!(
        send("text", json!({"text": long})).await.unwrap_err(),
        Some(230_025)
    );
    let long_post =
        json!({"zh_cn": {"title": "x".repeat(card_runtime::MAX_POST_BYTES), "content": []}});
    assert_eq!(send("post", long_post).await.unwrap_err(), Some(230_025));
}

#[tokio::test]
async fn a_member_list_past_the_page_bound_is_an_error_not_a_partial_list() {
    let (emulator, client, _) = setup().await;
    emulator.seed_chat("oc_huge", (0..50_001).map(|i| format!("ou_{i}")));
    let err = client.contacts().chat_members("oc_huge").await.unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
    emulator.seed_chat("oc_huge", (0..50_000).map(|i| format!("ou_{i}")));
    assert_eq!(
        client
            .contacts()
            .chat_members("oc_huge")
            .await
            .unwrap()
            .len(),
        50_000
    );
}
