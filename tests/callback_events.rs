//! Events through the same dispatcher as card clicks: `im.message.receive_v1` parsed and
//! answered with a card through the client, any other event typed, HTTP event subscription
//! checked like card callbacks (Encrypt Key, signature, Verification Token), and one
//! duplicate-delivery memory whichever transport delivers.

mod callback_support;

use std::sync::{Arc, Mutex};

use callback_support::*;
use card_emulator::{Emulator, Limits};
use card_runtime::callback::{
    CallbackConfig, CallbackEndpoint, CallbackError, Dispatcher, Event, EventContext, Handlers,
    MessageContent, MessageReceived, PostElement,
};
use card_runtime::{Card, Client, ReceiveId};
use serde::Deserialize;
use serde_json::{Value, json};

/// An `im.message.receive_v1` delivery as the event reference shows it.
fn message_event(event_id: &str, message_id: &str, message_type: &str, content: &Value) -> Value {
    json!({
        "schema": "2.0",
        "header": {
            "event_id": event_id, "event_type": "im.message.receive_v1",
            "create_time": "1700000000000", "token": TOKEN, "app_id": "cli_test", "tenant_key": "t_1"
        },
        "event": {
            "sender": {
                "sender_id": {"union_id": "on_1", "user_id": "u_1", "open_id": "ou_sender"},
                "sender_type": "user", "tenant_key": "t_1"
            },
            "message": {
                "message_id": message_id, "root_id": "", "parent_id": "",
                "create_time": "1700000000000", "chat_id": "oc_chat", "chat_type": "group",
                "message_type": message_type, "content": content.to_string(),
                "mentions": [{
                    "key": "@_user_1", "id": {"open_id": "ou_bot", "union_id": "on_bot"},
                    "name": "Demo Bot", "tenant_key": "t_1"
                }]
            }
        }
    })
}

type Seen = Arc<Mutex<Vec<MessageReceived>>>;

fn recording(seen: &Seen) -> Handlers {
    let seen = Arc::clone(seen);
    Handlers::new().on_message(move |message: MessageReceived, cx: EventContext| {
        assert_eq!(cx.header().event_type, "im.message.receive_v1");
        seen.lock().unwrap().push(message);
        async {}
    })
}

#[tokio::test]
async fn a_message_is_parsed_and_answered_with_a_card_after_the_acknowledgement() {
    let emulator = Emulator::builder()
        .limits(Limits::unlimited())
        .start()
        .await
        .unwrap();
    let client = Client::builder(emulator.app_id(), emulator.app_secret())
        .base_url(emulator.url())
        .build()
        .unwrap();
    // The emulator stores only what the bot sends: a sent card stands in for the user's message.
    let hello = Card::from_json_unchecked(json!({"elements": [{"tag": "hr"}]}));
    let user_message = client
        .messages()
        .send_card(ReceiveId::chat_id("oc_chat"), &hello)
        .send()
        .await
        .unwrap();

    let seen = Seen::default();
    let log = Arc::clone(&seen);
    let handlers = Handlers::new().on_message(move |message: MessageReceived, cx: EventContext| {
        log.lock().unwrap().push(message.clone());
        let client = client.clone();
        if message.command().as_deref() == Some("/approve-demo") {
            cx.defer(async move {
                let card = Card::from_json_unchecked(json!({"elements": [
                    {"tag": "div", "text": {"tag": "plain_text", "content": "approve?"}}
                ]}));
                message.reply_card(&client, &card).send().await.unwrap();
            });
        }
        async {}
    });
    let endpoint = CallbackEndpoint::new(config(), Dispatcher::new(handlers).unwrap());
    let event = message_event(
        "ev-msg-1",
        &user_message.message_id,
        "text",
        &json!({"text": "@_user_1 /approve-demo  for  release"}),
    );
    let signed = Signed::v2_encrypted(&event, "n-msg-1");
    let reply = endpoint.handle_at(&signed.request(), now()).await;
    assert_eq!((reply.status(), reply.body()), (200, &b"{}"[..]));
    // Acknowledged before the reply: it is deferred work, run once the answer is out.
    assert_eq!(emulator.state().messages().len(), 1);
    reply.deferred.run().await;

    let replies: Vec<_> = emulator
        .state()
        .messages()
        .into_iter()
        .filter(|m| m.parent_id.as_deref() == Some(user_message.message_id.as_str()))
        .collect();
    assert_eq!(replies.len(), 1);
    assert_eq!(
        replies[0].card["elements"][0]["text"]["content"],
        "approve?"
    );

    let message = seen.lock().unwrap()[0].clone();
    assert_eq!(message.chat_id(), "oc_chat");
    assert_eq!(message.sender_open_id(), "ou_sender");
    assert_eq!(message.sender.sender_id.union_id.as_deref(), Some("on_1"));
    assert_eq!(message.message.chat_type, "group");
    assert!(message.mentions("ou_bot"));
    assert_eq!(
        message.text().as_deref(),
        Some("@Demo Bot /approve-demo  for  release")
    );
    assert_eq!(
        message.text_without_mentions().as_deref(),
        Some("/approve-demo for release")
    );
    assert_eq!(message.arguments().as_deref(), Some("for release"));
}

#[test]
fn a_post_with_mentions_and_links_is_parsed() {
    let seen = Seen::default();
    let endpoint = CallbackEndpoint::new(config(), Dispatcher::new(recording(&seen)).unwrap());
    let post = json!({"title": "Release", "content": [
        [{"tag": "at", "user_id": "@_user_1", "user_name": "Demo Bot"}, {"tag": "text", "text": " /deploy api"}],
        [{"tag": "a", "text": "notes", "href": "https://example.com"}, {"tag": "img", "image_key": "img_1"},
         {"tag": "emotion", "emoji_type": "SMILE"}]
    ]});
    let event = message_event("ev-post", "om_post", "post", &post);
    let reply = run(&endpoint, &Signed::v2_encrypted(&event, "n-post").request());
    assert_eq!(reply.status(), 200);
    let message = seen.lock().unwrap()[0].clone();
    let MessageContent::Post(parsed) = message.content() else {
        panic!("not a post: {:?}", message.content());
    };
    assert_eq!(parsed.title, "Release");
    assert_eq!(
        parsed.content[1],
        [
            PostElement::A {
                text: "notes".into(),
                href: "https://example.com".into()
            },
            PostElement::Img {
                image_key: "img_1".into()
            },
            PostElement::Other,
        ]
    );
    assert_eq!(
        message.text().as_deref(),
        Some("Release\n@Demo Bot /deploy api\nnotes")
    );
    assert_eq!(message.command().as_deref(), Some("/deploy"));
}

#[derive(Debug, Deserialize, PartialEq)]
struct ChatDisbanded {
    chat_id: String,
    operator_id: OperatorId,
}

#[derive(Debug, Deserialize, PartialEq)]
struct OperatorId {
    open_id: String,
}

impl Event for ChatDisbanded {
    const TYPE: &'static str = "im.chat.disbanded_v1";
}

#[test]
fn any_event_type_is_handled_typed_and_unhandled_types_are_refused() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let handlers = Handlers::new().on_event(move |event: ChatDisbanded, cx: EventContext| {
        log.lock()
            .unwrap()
            .push((event, cx.header().tenant_key.clone()));
        async {}
    });
    let endpoint = CallbackEndpoint::new(config(), Dispatcher::new(handlers).unwrap());
    let event = json!({
        "schema": "2.0",
        "header": {"event_id": "ev-d", "event_type": "im.chat.disbanded_v1", "token": TOKEN, "tenant_key": "t_9"},
        "event": {"chat_id": "oc_gone", "operator_id": {"open_id": "ou_admin"}}
    });
    let reply = run(&endpoint, &Signed::v2_encrypted(&event, "n-d").request());
    assert_eq!((reply.status(), reply.body()), (200, &b"{}"[..]));
    assert_eq!(
        *seen.lock().unwrap(),
        [(
            ChatDisbanded {
                chat_id: "oc_gone".into(),
                operator_id: OperatorId {
                    open_id: "ou_admin".into()
                }
            },
            "t_9".to_owned()
        )]
    );

    // No handler for messages: refused, and the message text never reaches the answer.
    let message = message_event("ev-m", "om_m", "text", &json!({"text": "secret words"}));
    let reply = run(&endpoint, &Signed::v2_encrypted(&message, "n-m").request());
    assert_eq!(reply.status(), 400);
    assert!(!String::from_utf8_lossy(reply.body()).contains("secret"));
}

#[test]
fn events_are_checked_like_card_callbacks() {
    let seen = Seen::default();
    let event = message_event("ev-auth", "om_a", "text", &json!({"text": "hi"}));

    // With an Encrypt Key: a plaintext event must carry the SHA-256 signature.
    let endpoint = CallbackEndpoint::new(config(), Dispatcher::new(recording(&seen)).unwrap());
    let unsigned = event.to_string();
    let reply = run(
        &endpoint,
        &card_runtime::callback::CallbackRequest::new(unsigned.as_bytes()),
    );
    assert_eq!(reply.status(), 401);
    let mut forged = event;
    forged["header"]["token"] = json!("not-the-token");
    let reply = run(&endpoint, &Signed::v2_encrypted(&forged, "n-f").request());
    assert_eq!(reply.status(), 401);

    // Without one: the Verification Token in the header is the check.
    let endpoint = CallbackEndpoint::new(
        CallbackConfig::new(TOKEN),
        Dispatcher::new(recording(&seen)).unwrap(),
    );
    let body = forged.to_string();
    let reply = run(
        &endpoint,
        &card_runtime::callback::CallbackRequest::new(body.as_bytes()),
    );
    assert_eq!(reply.status(), 401);
    let reply = run(
        &endpoint,
        &card_runtime::callback::CallbackRequest::new(unsigned.as_bytes()),
    );
    assert_eq!(reply.status(), 200);
    assert_eq!(seen.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn one_memory_catches_a_redelivery_whichever_transport_brings_it() {
    let seen = Seen::default();
    let dispatcher = Arc::new(Dispatcher::new(recording(&seen)).unwrap());
    // Both transports read the real clock here: the fixtures' signing time is long past, so
    // the window is off for this test.
    let endpoint = CallbackEndpoint::new(config().timestamp_window(None), Arc::clone(&dispatcher));
    let event = message_event("ev-dup", "om_d", "text", &json!({"text": "once"}));

    let first = endpoint
        .handle(&Signed::v2_encrypted(&event, "n-1").request())
        .await;
    assert_eq!(first.status(), 200);
    // Feishu redelivers with a new signature: same event id, handled once.
    let again = endpoint
        .handle(&Signed::v2_encrypted(&event, "n-2").request())
        .await;
    assert_eq!((again.status(), again.body()), (200, &b"{}"[..]));
    // The long connection hands the dispatcher the plaintext payload itself.
    let over_ws = dispatcher
        .dispatch(event.to_string().as_bytes())
        .await
        .unwrap();
    assert_eq!(over_ws.body(), b"{}");
    assert_eq!(seen.lock().unwrap().len(), 1);

    // A card click over the long connection: the same answer shape as over HTTP.
    let click = json!({"schema": "2.0",
        "header": {"event_id": "ev-click", "event_type": "card.action.trigger"},
        "event": {"action": {"tag": "button", "value": {"route": "x"}}}});
    let err = dispatcher
        .dispatch(click.to_string().as_bytes())
        .await
        .unwrap_err();
    assert!(matches!(err, CallbackError::NoHandler), "{err}");
    let err = dispatcher.dispatch(b"not json").await.unwrap_err();
    assert_eq!(err.status(), 400);
}

#[test]
fn the_signer_builds_event_deliveries() {
    let seen = Seen::default();
    let endpoint = CallbackEndpoint::new(config(), Dispatcher::new(recording(&seen)).unwrap());
    let signer = card_runtime::callback::CallbackSigner::new(TOKEN).encrypt_key(KEY);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let event = message_event("unused", "om_s", "text", &json!({"text": "/ping"}))["event"].clone();
    for (nonce, iv) in [("plain", None), ("sealed", Some([5; 16]))] {
        // Each delivery its own message: one message is answered once, whatever its event id.
        let mut event = event.clone();
        event["message"]["message_id"] = json!(format!("om_{nonce}"));
        let signed = signer.event(
            "im.message.receive_v1",
            &format!("ev-{nonce}"),
            event,
            std::time::SystemTime::now(),
            nonce,
            iv,
        );
        let request = signed.headers.iter().fold(
            card_runtime::callback::CallbackRequest::new(&signed.body),
            |request, (name, value)| request.header(name, value),
        );
        assert_eq!(
            runtime.block_on(endpoint.handle(&request)).status(),
            200,
            "{nonce}"
        );
    }
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].command().as_deref(), Some("/ping"));
}
