//! Typed interactions in both card versions, with signed requests: a form submit's
//! `form_value` as a user struct, standalone inputs, checkers and selects, 2.0 callback
//! behaviors routed like 1.0 values, and answers (toast, replacement 1.0 or 2.0 card) in the
//! shape of the envelope that called.

mod callback_support;

use std::sync::{Arc, Mutex};

use callback_support::*;
use card_runtime::Card;
use card_runtime::callback::{
    ActionContext, CallbackEndpoint, CallbackError, CallbackRequest, CallbackResponse,
    CallbackSigner, CardValue, ClickEvent, Dispatcher, Envelope, Handlers, Route, Toast,
};
use serde::Deserialize;
use serde_json::{Value, json};

/// The submit button's callback value.
#[derive(Debug, Deserialize)]
#[serde(tag = "route", rename = "deploy")]
struct SubmitDeploy {
    service: String,
}

impl CardValue for SubmitDeploy {
    const ROUTE: Route = Route::tag("deploy");
}

/// The form: one field per interactive component's `name`.
#[derive(Debug, Deserialize, PartialEq)]
struct DeployForm {
    reason: String,
    env: String,
    regions: Vec<String>,
    date: Option<String>,
    confirm: Option<bool>,
}

/// A standalone component whose 2.0 `callback` behavior (or 1.0 `value`) names what it edits.
#[derive(Debug, Deserialize)]
#[serde(tag = "route", rename = "edit")]
struct Edit {
    field: String,
}

impl CardValue for Edit {
    const ROUTE: Route = Route::tag("edit");
}

fn deployed_card() -> Card {
    Card::from_json_unchecked(json!({
        "schema": "2.0",
        "header": {"title": {"tag": "plain_text", "content": "Deploying"}},
        "body": {"elements": [{"tag": "markdown", "content": "**api** to prod"}]}
    }))
}

fn endpoint(seen: &Arc<Mutex<Vec<String>>>) -> CallbackEndpoint {
    let (forms, edits, loose) = (Arc::clone(seen), Arc::clone(seen), Arc::clone(seen));
    let handlers = Handlers::new()
        .on_form(
            move |value: SubmitDeploy, form: DeployForm, _cx: ActionContext| {
                forms
                    .lock()
                    .unwrap()
                    .push(format!("{} {form:?}", value.service));
                async move {
                    if form.reason.trim().is_empty() {
                        return CallbackResponse::toast(Toast::error("a reason is required"));
                    }
                    CallbackResponse::card(deployed_card()).with_toast(Toast::success("deploying"))
                }
            },
        )
        .on(move |value: Edit, cx: ActionContext| {
            let what = format!(
                "{} input={:?} checked={:?} option={:?} options={:?}",
                value.field,
                cx.input_value(),
                cx.checked(),
                cx.option(),
                cx.options()
            );
            edits.lock().unwrap().push(what);
            async { Toast::info("saved") }
        })
        // A form whose submit button has no callback value reaches the fallback, which reads
        // the same struct through the extractor.
        .fallback(move |cx: ActionContext| {
            let form = cx.form::<DeployForm>();
            loose.lock().unwrap().push(format!("fallback {form:?}"));
            async { Toast::info("fallback") }
        });
    CallbackEndpoint::new(config(), Dispatcher::new(handlers).unwrap())
}

/// A `card.action.trigger` (schema 2.0 envelope) with this `event.action`.
fn v2(action: Value, id: &str) -> Signed {
    let mut event = v2_fixture();
    event["header"]["event_id"] = json!(id);
    event["event"]["action"] = action;
    Signed::v2_encrypted(&event, id)
}

/// A legacy (`card.action.trigger_v1`) callback with this `action`.
fn legacy(action: Value, nonce: &str) -> Signed {
    let mut click = legacy_click();
    click["action"] = action;
    Signed::legacy(&click, nonce)
}

/// A form submit as reference v2 §8 describes it: the button's tag and name, its callback
/// value, every field by name (a multi-select as an array), the time zone.
fn submit(value: Option<Value>, reason: &str) -> Value {
    let mut action = json!({
        "tag": "button",
        "name": "submit_btn",
        "form_value": {
            "reason": reason,
            "env": "prod",
            "regions": ["cn", "sg"],
            "date": "2026-12-03 +0800",
            "confirm": true
        },
        "timezone": "Asia/Shanghai"
    });
    if let Some(value) = value {
        action["value"] = value;
    }
    action
}

#[test]
fn a_form_submit_arrives_as_a_struct_and_is_answered_with_a_2_0_card() {
    let seen = Arc::default();
    let endpoint = endpoint(&seen);
    let value = json!({"route": "deploy", "service": "api"});
    let reply = run(
        &endpoint,
        &v2(submit(Some(value), "hotfix"), "f1").request(),
    );
    assert_eq!(reply.status(), 200);
    // Schema 2.0 envelope: the card wrapped as `raw` data, the toast beside it.
    assert_eq!(
        body_json(&reply),
        json!({
            "toast": {"type": "success", "content": "deploying"},
            "card": {"type": "raw", "data": deployed_card().as_value()}
        })
    );
    assert_eq!(
        *seen.lock().unwrap(),
        [
            "api DeployForm { reason: \"hotfix\", env: \"prod\", regions: [\"cn\", \"sg\"], \
             date: Some(\"2026-12-03 +0800\"), confirm: Some(true) }"
        ]
    );
}

#[test]
fn a_legacy_form_submit_gets_the_legacy_shape() {
    let seen = Arc::default();
    let endpoint = endpoint(&seen);
    let value = json!({"route": "deploy", "service": "web"});
    let reply = run(
        &endpoint,
        &legacy(submit(Some(value), "rollout"), "l1").request(),
    );
    assert_eq!(reply.status(), 200);
    // Legacy envelope: the card's own fields at the top level.
    let mut expected = deployed_card().as_value().clone();
    expected["toast"] = json!({"type": "success", "content": "deploying"});
    assert_eq!(body_json(&reply), expected);
    assert!(seen.lock().unwrap()[0].starts_with("web DeployForm { reason: \"rollout\""));
}

#[test]
fn an_empty_reason_is_answered_with_an_error_toast_and_no_card() {
    let seen = Arc::default();
    let endpoint = endpoint(&seen);
    let value = json!({"route": "deploy", "service": "api"});
    let reply = run(&endpoint, &v2(submit(Some(value), "  "), "f2").request());
    assert_eq!(
        body_json(&reply),
        json!({"toast": {"type": "error", "content": "a reason is required"}})
    );
}

#[test]
fn a_form_that_does_not_fit_is_refused_naming_the_field_not_the_input() {
    let seen = Arc::default();
    let endpoint = endpoint(&seen);
    let mut action = submit(Some(json!({"route": "deploy", "service": "api"})), "x");
    action["form_value"]["regions"] = json!("typed-secret-region");
    let reply = run(&endpoint, &v2(action.clone(), "f3").request());
    assert_eq!(reply.status(), 400);
    assert!(!String::from_utf8_lossy(reply.body()).contains("typed-secret"));
    assert!(seen.lock().unwrap().is_empty(), "the handler did not run");

    // The error names the field and the type, never the value typed.
    let cx = ActionContext::new(
        card_runtime::callback::CardAction::from_legacy_slice(
            json!({"action": action}).to_string().as_bytes(),
        )
        .unwrap(),
    );
    let err = cx.form::<DeployForm>().unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, CallbackError::Form { .. }));
    assert!(
        text.contains("field `regions`") && text.contains("DeployForm"),
        "{text}"
    );
    assert!(!text.contains("typed-secret"), "{text}");

    action["form_value"]["regions"] = json!(["cn"]);
    action["form_value"]
        .as_object_mut()
        .unwrap()
        .remove("reason");
    let cx = ActionContext::new(
        card_runtime::callback::CardAction::from_legacy_slice(
            json!({"action": action}).to_string().as_bytes(),
        )
        .unwrap(),
    );
    let text = cx.form::<DeployForm>().unwrap_err().to_string();
    assert!(text.contains("lacks the field `reason`"), "{text}");
}

#[test]
fn a_submit_button_without_a_value_reaches_the_fallback_whose_extractor_reads_the_form() {
    let seen = Arc::default();
    let endpoint = endpoint(&seen);
    let reply = run(&endpoint, &v2(submit(None, "later"), "f4").request());
    assert_eq!(body_json(&reply)["toast"]["content"], "fallback");
    let log = seen.lock().unwrap();
    assert!(
        log[0].starts_with("fallback Ok(DeployForm { reason: \"later\""),
        "{log:?}"
    );
}

#[test]
fn standalone_components_route_by_their_callback_value_in_both_versions() {
    let seen = Arc::default();
    let endpoint = endpoint(&seen);
    let edit = |field: &str| json!({"route": "edit", "field": field});
    let cases = [
        // 2.0 input with `behaviors: [{type: callback, value}]`: the behavior's value.
        v2(
            json!({"tag": "input", "name": "title", "value": edit("title"), "input_value": "New title"}),
            "s1",
        ),
        // 2.0 checker (callback behavior only).
        v2(
            json!({"tag": "checker", "name": "done", "value": edit("done"), "checked": true}),
            "s2",
        ),
        // 1.0 select_static with a `value`.
        legacy(
            json!({"tag": "select_static", "value": edit("owner"), "option": "ou_2"}),
            "s3",
        ),
        // 2.0 multi-select.
        v2(
            json!({"tag": "multi_select_static", "value": edit("tags"), "options": ["a", "b"]}),
            "s4",
        ),
        // 2.0 interactive_container: only the callback value.
        v2(
            json!({"tag": "interactive_container", "value": edit("row")}),
            "s5",
        ),
    ];
    for signed in &cases {
        let reply = run(&endpoint, &signed.request());
        assert_eq!(
            body_json(&reply),
            json!({"toast": {"type": "info", "content": "saved"}})
        );
    }
    assert_eq!(
        *seen.lock().unwrap(),
        [
            "title input=Some(\"New title\") checked=None option=None options=None",
            "done input=None checked=Some(true) option=None options=None",
            "owner input=None checked=None option=Some(\"ou_2\") options=None",
            "tags input=None checked=None option=None options=Some([\"a\", \"b\"])",
            "row input=None checked=None option=None options=None",
        ]
    );
}

/// What a bot's own tests write: the signer plays Feishu, with the real clock on both sides.
#[test]
fn the_signer_builds_form_submits_for_both_envelopes() {
    let seen = Arc::default();
    let endpoint = endpoint(&seen);
    let signer = CallbackSigner::new(TOKEN).encrypt_key(KEY);
    let form = json!({"reason": "r", "env": "staging", "regions": ["cn"]});
    let click = ClickEvent::form_submit(
        "ou_1",
        "om_1",
        "submit_btn",
        Some(json!({"route": "deploy", "service": "jobs"})),
        form,
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    for (i, envelope) in [Envelope::Schema2, Envelope::Legacy]
        .into_iter()
        .enumerate()
    {
        let signed = signer.click(
            envelope,
            &click,
            true,
            std::time::SystemTime::now(),
            &format!("n{i}"),
            [4; 16],
        );
        let request = signed.headers.iter().fold(
            CallbackRequest::new(&signed.body),
            |request, (name, value)| request.header(name, value),
        );
        let reply = runtime.block_on(endpoint.handle(&request));
        assert_eq!(reply.status(), 200, "{envelope:?}");
    }
    assert_eq!(seen.lock().unwrap().len(), 2);
    assert!(
        seen.lock().unwrap()[1].starts_with("jobs DeployForm { reason: \"r\", env: \"staging\"")
    );
}
