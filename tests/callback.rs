//! The sans-IO callback core: the reference's vectors, the official examples, duplicates,
//! deferred work and secrets. The clock is injected; nothing sleeps.

mod callback_support;

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use callback_support::*;
use card_runtime::Card;
use card_runtime::callback::{
    ActionContext, Algorithm, CallbackConfig, CallbackEndpoint, CallbackError, CallbackRequest,
    CallbackResponse, Dispatcher, Envelope, Handlers, Secret, TemplateCard, Toast, decrypt,
    encrypt, sign,
};
use serde_json::json;

#[test]
fn reference_vectors() {
    assert_eq!(
        decrypt(
            "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=",
            &Secret::new("test key")
        )
        .unwrap(),
        "hello world"
    );
    assert_eq!(
        sign(
            Algorithm::Sha256,
            "1700000000",
            "abc123",
            &Secret::new("my_encrypt_key"),
            br#"{"encrypt":"xyz"}"#
        ),
        "8c2f97712da8d9a83f643cd7454bd0a6b6c1ce63cca1784dc6db8d085ebabc54"
    );
    assert_eq!(
        sign(
            Algorithm::Sha1,
            "1700000000",
            "abc123",
            &Secret::new("my_verification_token"),
            br#"{"open_id":"ou_x"}"#
        ),
        "0aebf387a76b9f2476a4eff15f3526de4b92185a"
    );
}

#[test]
fn url_verification_plain_and_encrypted() {
    let (endpoint, _) = endpoint(config());
    let plain = json!({"challenge": "ch-1", "token": TOKEN, "type": "url_verification"});
    let body = plain.to_string();
    let reply = run(&endpoint, &CallbackRequest::new(body.as_bytes()));
    assert_eq!(
        (reply.status(), body_json(&reply)),
        (200, json!({"challenge": "ch-1"}))
    );

    let encrypted = json!({"encrypt": encrypt(&plain.to_string(), &Secret::new(KEY), [1; 16])});
    let body = encrypted.to_string();
    let reply = run(&endpoint, &CallbackRequest::new(body.as_bytes()));
    assert_eq!(
        (reply.status(), body_json(&reply)),
        (200, json!({"challenge": "ch-1"}))
    );
}

#[test]
fn v2_encrypted_click_is_routed_and_answered_in_v2_shape() {
    let (endpoint, runs) = endpoint(config());
    let signed = Signed::v2_encrypted(&v2_fixture(), "n1");
    let reply = run(&endpoint, &signed.request());
    assert_eq!(reply.status(), 200);
    assert_eq!(
        body_json(&reply),
        json!({
            "toast": {"type": "success", "content": "ou_3c14f3a59eaf2825dbe25359f15*****"},
            "card": {"type": "raw", "data": {"elements": [
                {"tag": "div", "text": {"tag": "plain_text", "content": "value"}}
            ]}}
        })
    );
    assert_eq!(runs.load(Ordering::SeqCst), 1);
}

#[test]
fn v2_plain_click_without_encrypt_key_checks_the_token() {
    let (endpoint, _) = endpoint(CallbackConfig::new(TOKEN));
    let body = v2_fixture().to_string();
    let reply = run(&endpoint, &CallbackRequest::new(body.as_bytes()));
    assert_eq!(reply.status(), 200);
    let mut wrong = v2_fixture();
    wrong["header"]["token"] = json!("forged");
    let body = wrong.to_string();
    let reply = run(&endpoint, &CallbackRequest::new(body.as_bytes()));
    assert_eq!(reply.status(), 401);
}

#[test]
fn legacy_click_is_answered_with_card_fields_at_top_level() {
    let (endpoint, _) = endpoint(config());
    let signed = Signed::legacy(&fixture("cb-03-legacy-request.json"), "n1");
    let reply = run(&endpoint, &signed.request());
    assert_eq!(reply.status(), 200);
    assert_eq!(
        body_json(&reply),
        json!({
            "toast": {"type": "success", "content": "ou_sdfimx9948345"},
            "elements": [{"tag": "div", "text": {"tag": "plain_text", "content": "value"}}]
        })
    );
}

#[test]
fn duplicate_deliveries_get_the_first_answer_without_running_the_handler_again() {
    let (endpoint, runs) = endpoint(config());
    let first = run(
        &endpoint,
        &Signed::v2_encrypted(&v2_fixture(), "n1").request(),
    );
    // Same event id, new nonce: another delivery of the same click.
    let second = run(
        &endpoint,
        &Signed::v2_encrypted(&v2_fixture(), "n2").request(),
    );
    assert_eq!((second.status(), second.body()), (200, first.body()));
    assert_eq!(runs.load(Ordering::SeqCst), 1);

    let legacy = fixture("cb-03-legacy-request.json");
    for nonce in ["a", "b"] {
        let signed = Signed::legacy(&legacy, nonce);
        let request = signed.request().header("X-Refresh-Token", "refresh-1");
        assert_eq!(run(&endpoint, &request).status(), 200);
    }
    assert_eq!(runs.load(Ordering::SeqCst), 2);

    // Same refresh token, another button: a new action, handled.
    let mut other = legacy;
    other["action"]["value"] = json!({"key": "other"});
    let signed = Signed::legacy(&other, "c");
    let request = signed.request().header("X-Refresh-Token", "refresh-1");
    let reply = run(&endpoint, &request);
    assert_eq!(reply.status(), 200);
    assert_eq!(body_json(&reply)["elements"][0]["text"]["content"], "other");
    assert_eq!(runs.load(Ordering::SeqCst), 3);
}

#[test]
fn a_delivery_whose_handling_was_cancelled_is_handled_afresh() {
    // The first run never finishes: its future is dropped mid-handler, as hyper does when
    // Feishu gives up after 3 s and closes the connection. The legacy refresh token stays the
    // same (no click was answered), so the user's next click is the same delivery id; it must
    // run the handler again, not be refused as "already being handled" forever.
    let runs = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&runs);
    let router = Handlers::new().on(move |_: KeyValue, _cx: ActionContext| {
        let first = counter.fetch_add(1, Ordering::SeqCst) == 0;
        async move {
            if first {
                std::future::pending::<()>().await;
            }
            Toast::success("done")
        }
    });
    let endpoint = CallbackEndpoint::new(config(), Dispatcher::new(router).unwrap());
    let legacy = legacy_click();

    let signed = Signed::legacy(&legacy, "a");
    let request = signed.request().header("X-Refresh-Token", "refresh-1");
    let mut cancelled = Box::pin(endpoint.handle_at(&request, now()));
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    assert!(cancelled.as_mut().poll(&mut cx).is_pending());
    drop(cancelled);

    let signed = Signed::legacy(&legacy, "b");
    let request = signed.request().header("X-Refresh-Token", "refresh-1");
    let reply = run(&endpoint, &request);
    assert_eq!(
        reply.status(),
        200,
        "{:?}",
        String::from_utf8_lossy(reply.body())
    );
    assert_eq!(body_json(&reply)["toast"]["content"], "done");
    assert_eq!(runs.load(Ordering::SeqCst), 2);
}

#[test]
fn context_carries_every_documented_field() {
    let seen = Arc::new(std::sync::Mutex::new(None));
    let slot = Arc::clone(&seen);
    let router = Handlers::new().fallback(move |cx: ActionContext| {
        *slot.lock().unwrap() = Some(cx);
        async {}
    });
    let endpoint = CallbackEndpoint::new(config(), Dispatcher::new(router).unwrap());
    let reply = run(
        &endpoint,
        &Signed::v2_encrypted(&v2_fixture(), "n1").request(),
    );
    assert_eq!((reply.status(), reply.body()), (200, &b"{}"[..]));
    let cx = seen.lock().unwrap().take().unwrap();
    assert_eq!(cx.envelope(), Envelope::Schema2);
    assert_eq!(
        cx.operator().union_id.as_deref(),
        Some("on_cad4860e7af114fb4ff6c5d496d*****")
    );
    assert_eq!(cx.open_message_id(), "om_574d639e4a44e4dd646eaf628e2*****");
    assert_eq!(
        cx.open_chat_id(),
        Some("oc_e4d2605ca917e695f54f11aaf56*****")
    );
    assert_eq!(cx.token(), "c-295ee57216a5dc9de90fefd0aadb4b1d7d******");
    assert_eq!(cx.timezone(), Some("Asia/Shanghai"));
    assert_eq!(cx.form_value().unwrap()["Input_lf4fmxwfrd9"], "1234");
    assert_eq!(cx.action().delivery_type.as_deref(), Some("url_preview"));

    let mut select = fixture("cb-04-legacy-select-static-request.json");
    select["action"]["value"] = json!(null);
    let card_action =
        card_runtime::callback::CardAction::from_legacy_slice(select.to_string().as_bytes())
            .unwrap();
    assert_eq!(ActionContext::new(card_action).option(), Some("james"));
}

#[test]
fn deferred_work_is_handed_back_not_run() {
    let ran = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&ran);
    let router = Handlers::new().on(move |_: KeyValue, cx: ActionContext| {
        let counter = Arc::clone(&counter);
        let token = cx.token().to_owned();
        cx.defer(async move {
            assert!(token.starts_with("c-"));
            counter.fetch_add(1, Ordering::SeqCst);
        });
        async { Toast::info("working on it") }
    });
    let endpoint = CallbackEndpoint::new(config(), Dispatcher::new(router).unwrap());
    let signed = Signed::v2_encrypted(&v2_fixture(), "n1");
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let reply = rt.block_on(endpoint.handle_at(&signed.request(), now()));
    assert_eq!(
        ran.load(Ordering::SeqCst),
        0,
        "nothing runs before the answer is out"
    );
    let (status, _, deferred) = reply.into_parts();
    assert_eq!((status, deferred.len()), (200, 1));
    rt.block_on(deferred.run());
    assert_eq!(ran.load(Ordering::SeqCst), 1);
}

#[test]
fn responses_match_the_official_examples() {
    let toast = || {
        Toast::info("卡片交互成功")
            .i18n("zh_cn", "卡片交互成功")
            .i18n("en_us", "card action success")
    };
    let raw = fixture("cb-05-response-toast-raw-card.json");
    let card = Card::from_json_unchecked(raw["card"]["data"].clone());
    assert_eq!(
        CallbackResponse::card(card)
            .with_toast(toast())
            .to_json(Envelope::Schema2),
        raw
    );
    let only = Toast::success("成功了！")
        .i18n("zh_cn", "成功了！")
        .i18n("en_us", "success！")
        .i18n("ja_jp", "成功した!");
    assert_eq!(
        CallbackResponse::from(only).to_json(Envelope::Legacy),
        fixture("cb-06-response-toast-only.json")
    );
    let template = TemplateCard::new("AAqi6xJ8rabcd")
        .version("1.0.0")
        .variable("open_id", "ou_d506829e8b6a17607e56bcd6b1aabcef");
    assert_eq!(
        CallbackResponse::template(template.clone())
            .with_toast(toast())
            .to_json(Envelope::Schema2),
        fixture("cb-07-response-toast-template.json")
    );
    let legacy = CallbackResponse::template(template).to_json(Envelope::Legacy);
    assert_eq!(legacy["type"], "template");
    assert_eq!(legacy["data"]["template_id"], "AAqi6xJ8rabcd");
}

#[test]
fn a_partial_set_of_signature_headers_names_the_missing_one() {
    let (endpoint, _) = endpoint(config());
    let signed = Signed::legacy(&legacy_click(), "n");
    let request = CallbackRequest::new(&signed.body)
        .header("X-Lark-Request-Timestamp", &signed.ts)
        .header("X-Lark-Signature", &signed.signature);
    let err = endpoint.open(&request, now()).unwrap_err();
    assert!(
        matches!(err, CallbackError::MissingHeader("X-Lark-Request-Nonce")),
        "{err:?}"
    );
    assert_eq!(err.status(), 401);
}

#[test]
fn secrets_never_show_in_debug_or_display() {
    let (endpoint, _) = endpoint(config());
    let debug = format!("{endpoint:?} {:?} {:?}", config(), Secret::new(KEY));
    assert!(!debug.contains(TOKEN) && !debug.contains(KEY), "{debug}");
    let signed = Signed::v2_encrypted(&v2_fixture(), "n");
    let mut forged = Signed::v2_encrypted(&v2_fixture(), "n");
    forged.signature = "f".repeat(64);
    for request in [
        forged.request(),
        CallbackRequest::new(b"{\"encrypt\":\"x\"}"),
    ] {
        let err = endpoint.open(&request, now()).unwrap_err();
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains(TOKEN) && !shown.contains(KEY), "{shown}");
        assert!(!shown.contains(&signed.signature), "{shown}");
    }
}

#[test]
fn every_signed_shape_the_feishu_side_builds_is_accepted() {
    use card_runtime::callback::{CallbackSigner, ClickEvent};
    for (key, encrypted) in [(Some(KEY), true), (Some(KEY), false), (None, false)] {
        for generation in [Envelope::Schema2, Envelope::Legacy] {
            let mut signer = CallbackSigner::new(TOKEN);
            let mut config = CallbackConfig::new(TOKEN);
            if let Some(key) = key {
                signer = signer.encrypt_key(key);
                config = config.encrypt_key(key);
            }
            let (endpoint, runs) = endpoint(config);
            let click = ClickEvent::button("ou_9", "om_9", json!({"key": "k"}));
            let signed = signer.click(generation, &click, encrypted, now(), "nonce", [8; 16]);
            let mut request = CallbackRequest::new(&signed.body);
            for (name, value) in &signed.headers {
                request = request.header(name, value);
            }
            let reply = run(&endpoint, &request);
            let case = format!("{generation:?} key={key:?} encrypted={encrypted}");
            assert_eq!(
                reply.status(),
                200,
                "{case}: {}",
                String::from_utf8_lossy(reply.body())
            );
            assert_eq!(runs.load(Ordering::SeqCst), 1, "{case}");
            let handshake = signer.url_verification("ch", Some([1; 16]));
            let reply = run(&endpoint, &CallbackRequest::new(&handshake.body));
            assert_eq!(body_json(&reply), json!({"challenge": "ch"}), "{case}");
        }
    }
}
