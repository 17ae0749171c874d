//! Explicit routing: a click goes to the one handler its value's tag names, never to whichever
//! type's `Deserialize` accepts it first, and a handler set in which one click could reach two
//! handlers is refused when the dispatcher is built.

mod callback_support;

use std::sync::{Arc, Mutex};

use callback_support::*;
use card_runtime::callback::{
    ActionContext, CallbackEndpoint, CardValue, Dispatcher, Event, EventContext, Handlers,
    MessageReceived, Route, RouteError, Toast,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// Two value types whose fields overlap: `Note` has only optional fields and would accept any
/// object, which under first-`Deserialize`-wins routing took `Approve`'s clicks.
#[derive(Debug, Deserialize, Serialize)]
#[serde(tag = "route", rename = "approve")]
struct Approve {
    id: u64,
}

impl CardValue for Approve {
    const ROUTE: Route = Route::tag("approve");
}

#[derive(Debug, Deserialize)]
#[serde(tag = "route", rename = "note")]
#[allow(dead_code)]
struct Note {
    id: Option<u64>,
    text: Option<String>,
}

impl CardValue for Note {
    const ROUTE: Route = Route::tag("note");
}

/// The same tag as `Approve`: could take the same click.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct ApproveToo {
    id: Option<u64>,
}

impl CardValue for ApproveToo {
    const ROUTE: Route = Route::tag("approve");
}

/// An enum whose variants are tags on another field.
#[derive(Debug, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
#[allow(dead_code)]
enum Decision {
    Approve { id: u64 },
    Decline { id: u64 },
}

impl CardValue for Decision {
    const ROUTE: Route = Route::new("action", &["approve", "decline"]);
}

#[test]
fn two_handlers_for_one_tag_are_refused_at_build_naming_both_types() {
    let handlers = Handlers::new()
        .on(|_: Approve, _cx: ActionContext| async {})
        .on(|_: Note, _cx: ActionContext| async {})
        .on(|_: ApproveToo, _cx: ActionContext| async {});
    let err = Dispatcher::new(handlers).unwrap_err();
    assert_eq!(
        err,
        RouteError::Overlap {
            key: "route",
            tag: "approve",
            first: std::any::type_name::<Approve>(),
            second: std::any::type_name::<ApproveToo>(),
        }
    );
    let text = err.to_string();
    assert!(
        text.contains("callback_routing::ApproveToo")
            && text.contains("callback_routing::Approve`")
            && text.contains("\"approve\""),
        "{text}"
    );
}

#[test]
fn routes_on_two_value_fields_are_refused_since_a_value_could_carry_both() {
    let handlers = Handlers::new()
        .on(|_: Approve, _cx: ActionContext| async {})
        .on(|_: Decision, _cx: ActionContext| async {});
    let err = Dispatcher::new(handlers).unwrap_err();
    assert!(
        matches!(
            err,
            RouteError::MixedKeys {
                first_key: "route",
                second_key: "action",
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("same field"), "{err}");
}

#[test]
fn tagless_routes_two_fallbacks_and_two_event_handlers_are_refused() {
    #[derive(Deserialize)]
    struct Nothing {}
    impl CardValue for Nothing {
        const ROUTE: Route = Route::new("route", &[]);
    }
    let err = Dispatcher::new(Handlers::new().on(|_: Nothing, _cx: ActionContext| async {}));
    assert!(matches!(err.unwrap_err(), RouteError::NoTag(_)));

    let err = Dispatcher::new(
        Handlers::new()
            .fallback(|_cx| async {})
            .fallback(|_cx| async {}),
    );
    assert_eq!(err.unwrap_err(), RouteError::TwoFallbacks);

    #[derive(Deserialize)]
    struct Raw {}
    impl Event for Raw {
        const TYPE: &'static str = "im.message.receive_v1";
    }
    let err = Dispatcher::new(
        Handlers::new()
            .on_message(|_: MessageReceived, _cx: EventContext| async {})
            .on_event(|_: Raw, _cx: EventContext| async {}),
    );
    assert_eq!(
        err.unwrap_err(),
        RouteError::DuplicateEvent("im.message.receive_v1")
    );
}

/// Which handler ran, and with what.
type Log = Arc<Mutex<Vec<String>>>;

fn overlapping_endpoint(log: &Log) -> CallbackEndpoint {
    let (approve, note, fallback) = (Arc::clone(log), Arc::clone(log), Arc::clone(log));
    let handlers = Handlers::new()
        // Registered first: under first-match routing it took every click.
        .on(move |value: Note, _cx: ActionContext| {
            note.lock().unwrap().push(format!("note {:?}", value.text));
            async { Toast::info("note") }
        })
        .on(move |value: Approve, _cx: ActionContext| {
            approve
                .lock()
                .unwrap()
                .push(format!("approve {}", value.id));
            async { Toast::success("approved") }
        })
        .fallback(move |cx: ActionContext| {
            fallback
                .lock()
                .unwrap()
                .push(format!("fallback {}", cx.value()));
            async { Toast::warning("unknown") }
        });
    CallbackEndpoint::new(config(), Dispatcher::new(handlers).unwrap())
}

fn v2_click(value: Value, event_id: &str) -> Signed {
    let mut event = v2_fixture();
    event["header"]["event_id"] = json!(event_id);
    event["event"]["action"]["value"] = value;
    Signed::v2_encrypted(&event, event_id)
}

fn legacy_with(value: Value, nonce: &str) -> Signed {
    let mut click = legacy_click();
    click["action"]["value"] = value;
    Signed::legacy(&click, nonce)
}

#[test]
fn each_click_reaches_the_handler_its_tag_names_in_both_envelopes() {
    let log = Log::default();
    let endpoint = overlapping_endpoint(&log);
    let cases = [
        (
            v2_click(json!({"route": "approve", "id": 7}), "e1"),
            "approved",
        ),
        (
            legacy_with(json!({"route": "approve", "id": 8}), "n1"),
            "approved",
        ),
        (
            v2_click(json!({"route": "note", "text": "hi"}), "e2"),
            "note",
        ),
        // No route, an unknown tag, a plain string: the fallback, never a typed handler.
        (v2_click(json!({"id": 9}), "e3"), "unknown"),
        (
            v2_click(json!({"route": "delete", "id": 9}), "e4"),
            "unknown",
        ),
        (legacy_with(json!("approve"), "n2"), "unknown"),
    ];
    for (signed, toast) in &cases {
        let reply = run(&endpoint, &signed.request());
        assert_eq!(reply.status(), 200, "{:?}", body_json(&reply));
        assert_eq!(body_json(&reply)["toast"]["content"], *toast);
    }
    assert_eq!(
        *log.lock().unwrap(),
        [
            "approve 7",
            "approve 8",
            "note Some(\"hi\")",
            "fallback {\"id\":9}",
            "fallback {\"id\":9,\"route\":\"delete\"}",
            "fallback \"approve\"",
        ]
    );
}

#[test]
fn a_value_its_routed_type_refuses_is_not_handed_to_another_handler() {
    let log = Log::default();
    let endpoint = overlapping_endpoint(&log);
    // Tagged `approve` but without its `id`: `Note` (all optional) would accept it, the
    // fallback would too; the route says `Approve`, which refuses it, so nothing runs.
    let reply = run(
        &endpoint,
        &v2_click(json!({"route": "approve", "text": "x"}), "e9").request(),
    );
    assert_eq!(reply.status(), 404);
    assert!(log.lock().unwrap().is_empty());
}

#[test]
fn an_enum_takes_every_tag_it_declares() {
    let seen = Log::default();
    let log = Arc::clone(&seen);
    let handlers = Handlers::new().on(move |value: Decision, _cx: ActionContext| {
        log.lock().unwrap().push(format!("{value:?}"));
        async {}
    });
    let endpoint = CallbackEndpoint::new(config(), Dispatcher::new(handlers).unwrap());
    for (i, action) in ["approve", "decline", "archive"].iter().enumerate() {
        let signed = v2_click(json!({"action": action, "id": i}), &format!("d{i}"));
        let status = run(&endpoint, &signed.request()).status();
        assert_eq!(status, if i < 2 { 200 } else { 404 }, "{action}");
    }
    assert_eq!(
        *seen.lock().unwrap(),
        ["Approve { id: 0 }", "Decline { id: 1 }"]
    );
}

/// The card carries the route: `value={approve}` in `card!` writes the serde tag, and the
/// click on that button reaches `Approve`'s handler.
#[test]
fn a_value_written_by_card_carries_its_route_back_to_its_handler() {
    let approve = Approve { id: 41 };
    let card = card_runtime::card! {
        <card>
            <action><button type="primary" value={approve}>"Approve"</button></action>
        </card>
    };
    let value = card.as_value()["elements"][0]["actions"][0]["value"].clone();
    assert_eq!(value, json!({"route": "approve", "id": 41}));
    assert!(Approve::ROUTE.matches(&value));

    let log = Log::default();
    let endpoint = overlapping_endpoint(&log);
    let reply = run(&endpoint, &v2_click(value.clone(), "card-1").request());
    assert_eq!(body_json(&reply)["toast"]["content"], "approved");
    let reply = run(&endpoint, &legacy_with(value, "card-2").request());
    assert_eq!(body_json(&reply)["toast"]["content"], "approved");
    assert_eq!(*log.lock().unwrap(), ["approve 41", "approve 41"]);
}
