//! Every injected fault, seen from the wire: a raw HTTP/1.1 exchange shows exactly what a
//! client receives (status, headers, how much of the body), and the emulator's store shows
//! whether the call was processed.

mod support;

use std::time::Duration;

use card_emulator::{Emulator, Fault};
use serde_json::{Value, json};
use support::{Raw, SEND, card_body, emulator_and_token, post};

/// Injects `fault` once, sends one card, and returns what came back and whether it was stored.
async fn send_under(fault: Fault) -> (Raw, Emulator) {
    let (emulator, token) = emulator_and_token().await;
    emulator.inject(fault, 1);
    let raw = post(&emulator, SEND, Some(&token), &card_body("u-1")).await;
    assert_eq!(emulator.stats().faults_injected, 1, "{fault:?} counted");
    (raw, emulator)
}

#[tokio::test]
async fn rate_limited_is_a_429_with_the_reset_header_and_nothing_stored() {
    let (raw, emulator) = send_under(Fault::RateLimited { reset_secs: 7 }).await;
    assert_eq!(raw.status, Some(429));
    assert_eq!(raw.header("x-ogw-ratelimit-reset"), Some("7"));
    assert!(raw.header("x-ogw-ratelimit-limit").is_some());
    assert_eq!(raw.json()["code"], 99_991_400);
    assert!(emulator.messages().is_empty());
    assert_eq!(emulator.stats().faults.rate_limited, 1);
}

#[tokio::test]
async fn an_error_code_comes_with_http_200_and_nothing_stored() {
    for code in [230_020, 99_991_400, 99_991_663] {
        let (raw, emulator) = send_under(Fault::Code { code }).await;
        assert_eq!(raw.status, Some(200));
        assert_eq!(raw.json()["code"], code);
        assert!(raw.json()["msg"].is_string());
        assert!(emulator.messages().is_empty());
        assert_eq!(emulator.stats().faults.code, 1);
    }
}

#[tokio::test]
async fn an_html_page_is_not_json_and_nothing_is_stored() {
    let (raw, emulator) = send_under(Fault::HtmlPage { status: 502 }).await;
    assert_eq!(raw.status, Some(502));
    assert!(raw.header("content-type").unwrap().starts_with("text/html"));
    assert!(raw.body.starts_with(b"<html>"));
    assert!(serde_json::from_slice::<Value>(&raw.body).is_err());
    assert!(emulator.messages().is_empty());
    assert_eq!(emulator.stats().faults.html_page, 1);
}

#[tokio::test]
async fn a_truncated_answer_before_processing_promises_more_than_it_sends() {
    let (raw, emulator) = send_under(Fault::TruncatedBefore).await;
    assert_eq!(raw.status, Some(200));
    let promised = raw.content_length().unwrap();
    assert!(
        raw.body.len() < promised,
        "{} of {promised} bytes",
        raw.body.len()
    );
    assert!(emulator.messages().is_empty());
    assert_eq!(emulator.stats().faults.truncated_before, 1);
}

#[tokio::test]
async fn a_truncated_answer_after_processing_leaves_the_message_stored() {
    let (raw, emulator) = send_under(Fault::TruncatedAfter).await;
    assert_eq!(raw.status, Some(200));
    let promised = raw.content_length().unwrap();
    assert!(!raw.body.is_empty() && raw.body.len() < promised);
    assert!(serde_json::from_slice::<Value>(&raw.body).is_err());
    assert_eq!(
        emulator.messages().len(),
        1,
        "maybe delivered: in fact delivered"
    );
    assert_eq!(emulator.stats().faults.truncated_after, 1);
}

#[tokio::test]
async fn a_slow_answer_arrives_whole() {
    let (raw, emulator) = send_under(Fault::Slow(Duration::from_millis(160))).await;
    assert_eq!(raw.status, Some(200));
    assert_eq!(raw.body.len(), raw.content_length().unwrap());
    let answer = raw.json();
    assert_eq!(answer["code"], 0);
    let stored = emulator.messages();
    assert_eq!(stored.len(), 1);
    assert_eq!(answer["data"]["message_id"], stored[0].message_id.as_str());
    assert_eq!(emulator.stats().faults.slow, 1);
}

#[tokio::test]
async fn fail_drop_and_delay_keep_their_meaning() {
    let (raw, emulator) = send_under(Fault::Fail { status: 503 }).await;
    assert_eq!(raw.status, Some(503));
    assert!(emulator.messages().is_empty());
    assert_eq!(emulator.stats().faults.failed, 1);

    let (raw, emulator) = send_under(Fault::Drop).await;
    assert_eq!(raw.status, None, "no answer at all");
    assert_eq!(emulator.messages().len(), 1);
    assert_eq!(emulator.stats().faults.dropped, 1);

    let (raw, emulator) = send_under(Fault::Delay(Duration::from_millis(10))).await;
    assert_eq!(raw.status, Some(200));
    assert_eq!(raw.json()["code"], 0);
    assert_eq!(emulator.messages().len(), 1);
    assert_eq!(emulator.stats().faults.delayed, 1);
}

#[tokio::test]
async fn faults_apply_to_as_many_calls_as_asked_then_stop() {
    let (emulator, token) = emulator_and_token().await;
    emulator.inject(Fault::Code { code: 230_020 }, 2);
    emulator.inject(Fault::TruncatedAfter, 1);
    let codes: Vec<Value> = {
        let mut codes = Vec::new();
        for i in 0..2 {
            let raw = post(&emulator, SEND, Some(&token), &card_body(&format!("u-{i}"))).await;
            codes.push(raw.json()["code"].clone());
        }
        codes
    };
    assert_eq!(codes, [json!(230_020), json!(230_020)]);
    let cut = post(&emulator, SEND, Some(&token), &card_body("u-2")).await;
    assert!(cut.body.len() < cut.content_length().unwrap());
    let fine = post(&emulator, SEND, Some(&token), &card_body("u-3")).await;
    assert_eq!(fine.json()["code"], 0);
    let stats = emulator.stats();
    assert_eq!((stats.faults.code, stats.faults.truncated_after), (2, 1));
    assert_eq!(stats.faults_injected, 3);
    assert_eq!(emulator.messages().len(), 2);
}

#[tokio::test]
async fn the_faults_route_sets_every_kind_and_refuses_nonsense() {
    let (emulator, token) = emulator_and_token().await;
    let set = post(
        &emulator,
        "/_emulator/faults",
        None,
        &json!({"rate_limit_next": 1, "reset_secs": 3, "html_next": 1, "truncate_after_next": 1}),
    )
    .await;
    assert_eq!(set.json(), json!({"ok": true}));
    let first = post(&emulator, SEND, Some(&token), &card_body("a")).await;
    assert_eq!(
        (first.status, first.header("x-ogw-ratelimit-reset")),
        (Some(429), Some("3"))
    );
    let second = post(&emulator, SEND, Some(&token), &card_body("b")).await;
    assert_eq!(second.status, Some(502));
    let third = post(&emulator, SEND, Some(&token), &card_body("c")).await;
    assert!(third.body.len() < third.content_length().unwrap());
    assert_eq!(emulator.messages().len(), 1);

    for bad in [
        json!({"code_next": 1, "code": 0}),
        json!({"html_next": 1, "html_status": 200}),
        json!({"fail_next": 1, "status": 404}),
        json!({"explode_next": 1}),
    ] {
        let refused = post(&emulator, "/_emulator/faults", None, &bad).await;
        assert_eq!(refused.status, Some(400), "{bad}");
    }
}
