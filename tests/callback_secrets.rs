//! What the callback side lets out and how it reads its input: no delayed-update token or typed
//! input in `Debug`, no decrypted input echoed in error answers, one rule for repeated and
//! non-UTF-8 headers over axum and the core, no bytes after a signed body, and a logged reason
//! for a click no handler takes.

mod callback_support;

use std::fmt::Debug;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use callback_support::*;
use card_runtime::callback::axum::respond;
use card_runtime::callback::{
    ActionContext, Algorithm, CallbackEndpoint, CallbackError, CallbackRequest, CardAction,
    CardValue, Dispatcher, Handlers, Route, Secret, SignatureHeaders, encrypt, sign, verify,
};
use serde::Deserialize;
use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

#[test]
fn debug_redacts_the_update_token_and_typed_input() {
    let body = json!({
        "open_id": "ou_1", "open_message_id": "om_1", "token": "c-delayed-update-credential",
        "action": {"tag": "button", "value": {"k": "v"}, "input_value": "typed-by-user",
                   "form_value": {"salary": "form-secret-123"}}
    });
    let action = CardAction::from_legacy_slice(body.to_string().as_bytes()).unwrap();
    let cx = ActionContext::new(action.clone());
    for text in [
        format!("{action:?}"),
        format!("{action:#?}"),
        format!("{cx:?}"),
    ] {
        for secret in [
            "c-delayed-update-credential",
            "typed-by-user",
            "form-secret-123",
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        // What helps debugging stays: ids, the app's own value, the form's field names.
        for kept in ["om_1", "ou_1", "salary", "\"k\""] {
            assert!(text.contains(kept), "{kept} missing from {text}");
        }
    }
}

#[test]
fn a_request_debug_shows_no_body() {
    let body = br#"{"token":"c-delayed-update-credential","action":{"input_value":"typed"}}"#;
    let request = CallbackRequest::new(body).header("X-Refresh-Token", "refresh-secret");
    let text = format!("{request:?}");
    for secret in ["c-delayed-update-credential", "typed", "refresh-secret"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    assert!(text.contains(&body.len().to_string()), "{text}");
}

#[test]
fn error_answers_do_not_echo_decrypted_input() {
    let (endpoint, _runs) = endpoint(config());
    let mut event = v2_fixture();
    event["header"]["event_type"] = json!("decrypted-marker-event");
    let unsupported = Signed::v2_encrypted(&event, "n1");
    let mut event = v2_fixture();
    event["header"]["event_id"] = json!({"decrypted-marker-key": 1});
    let undecodable = Signed::v2_encrypted(&event, "n2");
    for signed in [unsupported, undecodable] {
        let reply = run(&endpoint, &signed.request());
        assert_eq!(reply.status(), 400);
        let text = String::from_utf8_lossy(reply.body()).into_owned();
        assert!(!text.contains("decrypted-marker"), "{text}");
        assert!(!text.contains("event_id"), "{text}");
    }
}

/// Header lines in the order sent, values as raw bytes.
type Headers<'a> = Vec<(&'a str, &'a [u8])>;

/// One signed legacy click sent with a header repeated or not UTF-8, through the core and
/// through axum: both must refuse it the same way, naming the header as malformed.
#[tokio::test(flavor = "current_thread")]
async fn repeated_and_non_utf8_headers_are_malformed_everywhere() {
    let (endpoint, runs) = endpoint(config());
    let signed = Signed::legacy(&legacy_click(), "n-dup");
    let good = [
        ("x-lark-request-timestamp", signed.ts.as_bytes()),
        ("x-lark-request-nonce", signed.nonce.as_bytes()),
        ("x-lark-signature", signed.signature.as_bytes()),
    ];
    let forged = "0".repeat(40);
    let cases: Vec<(&str, Headers<'_>)> = vec![
        ("valid copy first", {
            let mut headers = good.to_vec();
            headers.push(("X-Lark-Signature", forged.as_bytes()));
            headers
        }),
        ("valid copy last", {
            let mut headers = good.to_vec();
            headers.insert(0, ("X-Lark-Signature", forged.as_bytes()));
            headers
        }),
        ("repeated refresh token", {
            let mut headers = good.to_vec();
            headers.push(("X-Refresh-Token", b"r1"));
            headers.push(("X-Refresh-Token", b"r2"));
            headers
        }),
        ("non-UTF-8 nonce", {
            let mut headers = good.to_vec();
            headers[1].1 = b"n-\xff";
            headers
        }),
    ];
    for (name, headers) in cases {
        let core = headers
            .iter()
            .fold(CallbackRequest::new(&signed.body), |request, (n, v)| {
                request.header_bytes(n, v)
            });
        let core_reply = endpoint.handle_at(&core, now()).await;

        let mut map = HeaderMap::new();
        for (n, v) in &headers {
            map.append(
                HeaderName::from_bytes(n.as_bytes()).unwrap(),
                HeaderValue::from_bytes(v).unwrap(),
            );
        }
        let over_axum = respond(&endpoint, &map, Body::from(signed.body.clone())).await;
        let axum_status = over_axum.status().as_u16();
        let axum_body = axum::body::to_bytes(over_axum.into_body(), 1 << 16)
            .await
            .unwrap();

        assert_eq!(core_reply.status(), 401, "{name}");
        assert_eq!(axum_status, 401, "{name}");
        assert_eq!(core_reply.body(), &axum_body[..], "{name}");
        let text = String::from_utf8_lossy(&axum_body);
        assert!(text.contains("malformed request header"), "{name}: {text}");
    }
    assert_eq!(runs.load(std::sync::atomic::Ordering::SeqCst), 0);
    let core = CallbackRequest::new(&signed.body).header_bytes("X-Lark-Request-Nonce", b"\xff");
    assert!(matches!(
        endpoint.open(&core, now()),
        Err(CallbackError::MalformedHeader("X-Lark-Request-Nonce"))
    ));
}

/// SHA-1 and SHA-256 let whoever saw a signed body sign that body with bytes appended (the
/// secret is hashed before the body). Whatever follows the JSON document must be refused.
#[test]
fn verify_refuses_bytes_after_the_signed_document() {
    let body = br#"{"open_id":"ou_x"}"#;
    // What a length extension appends: padding glue (0x80, zeros, the length), then anything.
    let mut extended = body.to_vec();
    extended.extend_from_slice(b"\x80\0\0\0\0\0\0\x01\x30,\"admin\":true}");
    for (algorithm, secret) in [
        (Algorithm::Sha1, Secret::new(TOKEN)),
        (Algorithm::Sha256, Secret::new(KEY)),
    ] {
        for tail in [&extended[..], b"{\"open_id\":\"ou_x\"} {}", b"{} x"] {
            // The attacker's forged signature: valid for the whole byte string.
            let signature = sign(algorithm, "1700000000", "n", &secret, tail);
            let headers = SignatureHeaders {
                timestamp: "1700000000",
                nonce: "n",
                signature: &signature,
            };
            assert!(
                verify(algorithm, &headers, tail, &secret).is_err(),
                "{algorithm:?} {:?}",
                String::from_utf8_lossy(tail)
            );
        }
        let signature = sign(algorithm, "1700000000", "n", &secret, b" {} \n");
        let headers = SignatureHeaders {
            timestamp: "1700000000",
            nonce: "n",
            signature: &signature,
        };
        assert!(verify(algorithm, &headers, b" {} \n", &secret).is_ok());
    }
}

/// Feishu does not sign the URL verification handshake, so an unsigned ciphertext is decrypted
/// to find one; one far larger than any handshake is refused without being decrypted.
#[test]
fn a_large_unsigned_ciphertext_is_not_decrypted() {
    let (endpoint, _runs) = endpoint(config());
    let handshake = |challenge: &str| {
        let plain = json!({"challenge": challenge, "token": TOKEN, "type": "url_verification"});
        json!({"encrypt": encrypt(&plain.to_string(), &Secret::new(KEY), [4; 16])})
            .to_string()
            .into_bytes()
    };
    let small = handshake("c-36-chars-0000-0000-000000000000");
    assert_eq!(run(&endpoint, &CallbackRequest::new(&small)).status(), 200);
    let large = handshake(&"x".repeat(100_000));
    let reply = run(&endpoint, &CallbackRequest::new(&large));
    assert_eq!(reply.status(), 401);
}

#[derive(Deserialize)]
#[allow(dead_code)] // only its shape matters: it must refuse the click
struct Approve {
    approve_id: u64,
}

impl CardValue for Approve {
    const ROUTE: Route = Route::tag("approve");
}

#[test]
fn a_click_its_routed_type_refuses_is_logged_with_serdes_reason() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let router = Handlers::new().on(|_: Approve, _cx: ActionContext| async {});
    let endpoint = CallbackEndpoint::new(config(), Dispatcher::new(router).unwrap());
    let mut event = v2_fixture();
    event["event"]["token"] = json!("c-update-token-never-logged");
    event["event"]["action"] = json!({
        "tag": "button", "name": "approve_btn", "value": {"route": "approve", "approve_id": "not-a-number"},
        "form_value": {"password": "form-value-never-logged"}
    });
    let signed = Signed::v2_encrypted(&event, "n-log");
    let reply = run(&endpoint, &signed.request());
    assert_eq!(reply.status(), 404);

    let events = capture.events.lock().unwrap();
    let warnings: Vec<&String> = events
        .iter()
        .filter(|(level, _)| *level == Level::WARN)
        .map(|(_, text)| text)
        .collect();
    assert_eq!(warnings.len(), 1, "{events:?}");
    let text = warnings[0];
    assert!(text.contains("no callback handler"), "{text}");
    assert!(text.contains("approve_btn"), "{text}");
    // The routed type, named, and serde's reason.
    assert!(
        text.contains("Approve") && text.contains("invalid type"),
        "{text}"
    );
    for secret in [
        "c-update-token-never-logged",
        "form-value-never-logged",
        TOKEN,
        KEY,
    ] {
        assert!(!text.contains(secret), "{secret} logged: {text}");
    }
}

/// Every event at every level, as `level` and `message field=value ...` text.
#[derive(Clone, Default)]
struct Capture {
    events: Arc<Mutex<Vec<(Level, String)>>>,
}

struct Line<'a>(&'a mut String);

impl Visit for Line<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.push_str(&format!(" {}={value:?}", field.name()));
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut text = String::new();
        event.record(&mut Line(&mut text));
        let level = *event.metadata().level();
        self.events.lock().unwrap().push((level, text));
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}
