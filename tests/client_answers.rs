//! What the client makes of answers: no hook token in errors, no success without an integer
//! `code`, no redirects, no answer buffered past the cap.

use std::error::Error as _;
use std::time::Duration;

use card_runtime::{Card, Client, Error, PacingLimits, RetryPolicy, Webhook};
use serde_json::json;

#[path = "client_support/raw.rs"]
mod raw;
use raw::{Reply, response};

const HOOK_TOKEN: &str = "hook-token-3f9a";

fn shared_card() -> Card {
    Card::from_json_unchecked(
        json!({"config": {"update_multi": true}, "elements": [{"tag": "hr"}]}),
    )
}

fn client(url: &str) -> Client {
    Client::builder("cli_raw", "secret")
        .base_url(url)
        .pacing(PacingLimits::unlimited())
        .retry(RetryPolicy::none())
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap()
}

/// Every `Debug` and `Display` along the error's source chain.
fn chain_text(err: &Error) -> String {
    let mut text = format!("{err:?} {err}");
    let mut source = err.source();
    while let Some(next) = source {
        text.push_str(&format!(" | {next:?} {next}"));
        source = next.source();
    }
    text
}

#[tokio::test]
async fn webhook_errors_never_show_the_hook_token() {
    // A port nothing listens on (bound, then released): the connect fails.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let card = shared_card();
    let refused = Webhook::new(format!(
        "http://127.0.0.1:{port}/open-apis/bot/v2/hook/{HOOK_TOKEN}"
    ))
    .retry(RetryPolicy::none())
    .send_card(&card)
    .await
    .unwrap_err();
    let hung = raw::serve(|_| Reply::Hang).await;
    let timed_out = Webhook::new(format!("{}/open-apis/bot/v2/hook/{HOOK_TOKEN}", hung.url))
        .retry(RetryPolicy::none())
        .timeout(Duration::from_millis(200))
        .send_card(&card)
        .await
        .unwrap_err();
    assert!(timed_out.is_timeout(), "{timed_out:?}");
    let unparsable = Webhook::new(format!("http//bad/{HOOK_TOKEN}"))
        .send_card(&card)
        .await
        .unwrap_err();
    for err in [refused, timed_out, unparsable] {
        let text = chain_text(&err);
        assert!(!text.contains(HOOK_TOKEN), "{text}");
    }
}

#[tokio::test]
async fn a_2xx_whose_code_is_not_an_integer_is_a_decode_error() {
    for body in [
        r#"{"code":"0","msg":"success","data":{}}"#,
        r#"{"code":0.5,"msg":"success","data":{}}"#,
        "<html>ok</html>",
    ] {
        let server = raw::serve(move |r| {
            if r.path.contains("tenant_access_token") {
                return raw::token_ok();
            }
            Reply::Bytes(response(200, body, &[]))
        })
        .await;
        let card = shared_card();
        let err = client(&server.url)
            .messages()
            .update_card("om_1", &card)
            .send()
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{body}: {err:?}");
        assert!(err.is_maybe_delivered(), "{err:?}");
    }
}

#[tokio::test]
async fn redirects_are_refused_not_followed() {
    let server = raw::serve(|r| {
        if r.path.contains("tenant_access_token") {
            return raw::token_ok();
        }
        if r.path.starts_with("/elsewhere") {
            // What a GET after the redirect would have "succeeded" with.
            return raw::ok("{}");
        }
        Reply::Bytes(response(302, "", &[("location", "/elsewhere")]))
    })
    .await;
    let card = shared_card();
    let err = client(&server.url)
        .messages()
        .update_card("om_1", &card)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Redirected { status: 302 }), "{err:?}");
    assert!(err.is_refused());

    // A caller's own reqwest client that follows redirects is caught too.
    let following = Client::builder("cli_raw", "secret")
        .base_url(&server.url)
        .retry(RetryPolicy::none())
        .http_client(reqwest::Client::new())
        .build()
        .unwrap();
    let err = following
        .messages()
        .update_card("om_1", &card)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Redirected { status: 0 }), "{err:?}");
    assert_eq!(server.hits("/elsewhere").len(), 1, "followed, then refused");
}

#[tokio::test]
async fn answers_past_the_cap_are_refused_while_streaming() {
    // One announces its length, one streams until the connection closes.
    let big = format!(r#"{{"code":0,"data":"{}"}}"#, "x".repeat(2 << 20));
    let announced = response(200, &big, &[]);
    let mut streamed = b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n".to_vec();
    streamed.extend_from_slice(big.as_bytes());
    for answer in [announced, streamed] {
        let server = raw::serve(move |r| {
            if r.path.contains("tenant_access_token") {
                return raw::token_ok();
            }
            Reply::Bytes(answer.clone())
        })
        .await;
        let card = shared_card();
        let err = client(&server.url)
            .messages()
            .update_card("om_1", &card)
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::AnswerTooLarge { limit, status: 200 } if limit == 1 << 20),
            "{err:?}"
        );
    }
}
