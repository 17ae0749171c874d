//! The clicker plays every interactive component of both card versions and posts the `action`
//! object Feishu sends for it (reference §6.4, v2 §8, §11), in both callback envelopes; what a
//! user could not do on the stored card is refused before anything is posted. The cards are
//! the ones printed in the official docs wherever one exists.

mod support;

use card_emulator::{Button, Click, ClickError, Submit, Target, Timezone};
use serde_json::{Value, json};
use support::recorder::{Recorder, doc_example};

/// Plays `click` in both generations and returns the one `action` object, after checking
/// that both envelopes carried the same.
async fn action(recorder: &Recorder, click: &Click) -> Value {
    let outcome = recorder
        .clicker
        .click(&recorder.emulator, click)
        .await
        .unwrap();
    assert_eq!(outcome.status, Some(200));
    recorder
        .legacy
        .click(&recorder.emulator, click)
        .await
        .unwrap();
    let bodies = recorder.take();
    assert_eq!(bodies.len(), 2, "one callback per click");
    assert_eq!(bodies[0]["header"]["event_type"], "card.action.trigger");
    let action = bodies[0]["event"]["action"].clone();
    assert_eq!(
        bodies[1]["action"], action,
        "both envelopes carry one action"
    );
    assert_eq!(outcome.action, action, "the outcome shows what was sent");
    action
}

/// Plays `click` and returns its refusal; nothing reaches the app.
async fn refusal(recorder: &Recorder, click: &Click) -> ClickError {
    let err = recorder
        .clicker
        .click(&recorder.emulator, click)
        .await
        .unwrap_err();
    assert!(recorder.take().is_empty(), "a refused click posts nothing");
    err
}

#[tokio::test]
async fn buttons_by_value_index_element_id_and_name() {
    let r = Recorder::start().await;
    let v1 = r.store(&doc_example("v1-05-alarm-select-static")).await;
    let pressed = action(
        &r,
        &Click::new(&v1, Button::Value(json!({"key1": "value1"}))),
    )
    .await;
    assert_eq!(
        pressed,
        json!({"tag": "button", "value": {"key1": "value1"}})
    );

    let v2 = r
        .store(&json!({"schema": "2.0", "body": {"elements": [
            {"tag": "button", "element_id": "ok_btn", "name": "ok",
             "text": {"tag": "plain_text", "content": "OK"},
             "behaviors": [{"type": "callback", "value": {"choice": "ok"}}]},
            {"tag": "button", "element_id": "off_btn", "disabled": true,
             "behaviors": [{"type": "callback", "value": {"choice": "off"}}]}
        ]}}))
        .await;
    let expected = json!({"tag": "button", "name": "ok", "value": {"choice": "ok"}});
    for button in [
        Button::ElementId("ok_btn".into()),
        Button::Name("ok".into()),
        Button::Index(0),
        Button::Value(json!({"choice": "ok"})),
    ] {
        assert_eq!(action(&r, &Click::new(&v2, button)).await, expected);
    }
    // The docs' checker card has a button that only opens a link.
    let links = r.store(&doc_example("v1-18-checker")).await;
    let err = refusal(&r, &Click::new(&links, Button::Index(1))).await;
    assert!(err.to_string().contains("only opens its link"), "{err}");
    let pressed = action(&r, &Click::new(&links, Button::Index(0))).await;
    assert_eq!(pressed, json!({"tag": "button", "value": {"key": "btn1"}}));
    let err = refusal(&r, &Click::new(&v2, Button::ElementId("off_btn".into()))).await;
    assert!(err.to_string().contains("disabled"), "{err}");
    assert!(matches!(
        refusal(&r, &Click::new(&v2, Button::ElementId("nope".into()))).await,
        ClickError::NoSuchButton(_)
    ));
}

#[tokio::test]
async fn containers_call_back_with_their_callback_value_only() {
    let r = Recorder::start().await;
    let id = r.store(&doc_example("v2-07-interactive-container")).await;
    let clicked = action(&r, &Click::container(&id, Target::index(3))).await;
    assert_eq!(
        clicked,
        json!({"tag": "interactive_container", "value": {"key": "value"}})
    );
    let links_only = r
        .store(&json!({"schema": "2.0", "body": {"elements": [
            {"tag": "interactive_container", "element_id": "link_box", "elements": [],
             "behaviors": [{"type": "open_url", "default_url": "https://example.com"}]}
        ]}}))
        .await;
    let err = refusal(
        &r,
        &Click::container(&links_only, Target::element_id("link_box")),
    )
    .await;
    assert!(err.to_string().contains("no callback behavior"), "{err}");
}

#[tokio::test]
async fn inputs_report_what_was_typed_within_max_length() {
    let r = Recorder::start().await;
    let v2 = r.store(&doc_example("v2-63-input-all-props")).await;
    let typed = action(
        &r,
        &Click::input(&v2, Target::element_id("custom_id"), "a\nb"),
    )
    .await;
    assert_eq!(
        typed,
        json!({"tag": "input", "name": "input1", "value": {"key_1": "value_1"}, "input_value": "a\nb"})
    );
    // The docs' input has max_length 5.
    let err = refusal(&r, &Click::input(&v2, Target::name("input1"), "123456")).await;
    assert!(err.to_string().contains("max_length 5"), "{err}");

    let v1 = r
        .store(&json!({"elements": [{"tag": "action", "actions": [
            {"tag": "input", "name": "note", "value": {"k": "v"}}
        ]}]}))
        .await;
    assert_eq!(
        action(&r, &Click::input(&v1, Target::index(0), "hello")).await,
        json!({"tag": "input", "name": "note", "value": {"k": "v"}, "input_value": "hello"})
    );
    let err = refusal(&r, &Click::input(&v1, Target::index(0), "two\nlines")).await;
    assert!(err.to_string().contains("newline"), "{err}");
}

#[tokio::test]
async fn selects_report_the_option_and_refuse_unknown_ones() {
    let r = Recorder::start().await;
    // The legacy select callback printed in the docs (cb-04): tag, option, value.
    let v1 = r.store(&doc_example("v1-05-alarm-select-static")).await;
    assert_eq!(
        action(&r, &Click::select(&v1, Target::index(0), "2")).await,
        json!({"tag": "select_static", "value": {"key": "value"}, "option": "2"})
    );
    assert!(matches!(
        refusal(&r, &Click::select(&v1, Target::index(0), "9")).await,
        ClickError::NoSuchOption { .. }
    ));

    let v2 = r.store(&doc_example("v2-05-select-static-callback")).await;
    assert_eq!(
        action(&r, &Click::select(&v2, Target::index(0), "3")).await,
        json!({"tag": "select_static", "value": {"select_static": "click"}, "option": "3"})
    );

    // A person select with options offers only those; one without offers the chat's members.
    let people = r.store(&doc_example("v2-70-select-person-all-props")).await;
    let listed = doc_example("v2-70-select-person-all-props")["body"]["elements"][0]["options"][0]
        ["value"]
        .as_str()
        .unwrap()
        .to_owned();
    let picked = action(
        &r,
        &Click::select(&people, Target::element_id("custom_id"), &listed),
    )
    .await;
    assert_eq!(picked["tag"], "select_person");
    assert_eq!(picked["option"], listed.as_str());
    refusal(&r, &Click::select(&people, Target::index(0), "ou_stranger")).await;
    let open = r
        .store(&json!({"schema": "2.0", "body": {"elements": [
            {"tag": "select_person", "options": []}
        ]}}))
        .await;
    assert_eq!(
        action(&r, &Click::select(&open, Target::index(0), "ou_anyone")).await,
        json!({"tag": "select_person", "option": "ou_anyone"})
    );
    refusal(
        &r,
        &Click::select(&open, Target::index(0), "not-an-open-id"),
    )
    .await;

    // A single-choice image select outside a form prints its choice under `options`.
    let images = r.store(&doc_example("v2-82-select-img-all-props")).await;
    let chosen = action(
        &r,
        &Click::select(&images, Target::name("choice_123"), "picture1"),
    )
    .await;
    assert_eq!(chosen["tag"], "select_img");
    assert_eq!(chosen["options"], "picture1");
    assert_eq!(chosen["value"], json!({"key_1": "value_1"}));
    let disabled = r
        .store(
            &json!({"schema": "2.0", "body": {"elements": [{"tag": "select_img", "options": [
                {"img_key": "img_v3_a", "value": "a"},
                {"img_key": "img_v3_b", "value": "b", "disabled": true}
            ]}]}}),
        )
        .await;
    let err = refusal(&r, &Click::select(&disabled, Target::index(0), "b")).await;
    assert!(err.to_string().contains("option `b` is disabled"), "{err}");
    assert_eq!(
        action(&r, &Click::select(&disabled, Target::index(0), "a")).await,
        json!({"tag": "select_img", "options": "a"})
    );
}

#[tokio::test]
async fn overflow_menus_report_the_option_value() {
    let r = Recorder::start().await;
    let v1 = r.store(&doc_example("v1-06-workbench-overflow")).await;
    assert_eq!(
        action(&r, &Click::overflow(&v1, Target::index(1), "appStore")).await,
        json!({"tag": "overflow", "option": "appStore"})
    );
    let v2 = r.store(&doc_example("v2-65-overflow-all-props")).await;
    assert_eq!(
        action(
            &r,
            &Click::overflow(&v2, Target::element_id("custom_id"), "document")
        )
        .await,
        json!({"tag": "overflow", "value": {"key_1": "value_1"}, "option": "document"})
    );
    refusal(&r, &Click::overflow(&v2, Target::index(0), "appStore")).await;
}

#[tokio::test]
async fn pickers_report_the_value_with_the_users_offset_and_zone() {
    let r = Recorder::start().await;
    let v1 = r.store(&doc_example("v1-10-date-pickers-confirm")).await;
    assert_eq!(
        action(&r, &Click::pick(&v1, Target::index(0), "2024-04-01")).await,
        json!({"tag": "date_picker", "option": "2024-04-01 +0800", "timezone": "Asia/Shanghai"})
    );
    let berlin = Timezone::new("Europe/Berlin", "+0100");
    let time = Click::pick(&v1, Target::index(2), "07:07").timezone(berlin.clone());
    assert_eq!(
        action(&r, &time).await,
        json!({"tag": "picker_time", "option": "07:07 +0100", "timezone": "Europe/Berlin"})
    );
    let both = Click::pick(&v1, Target::index(4), "2024-04-29 07:07");
    assert_eq!(action(&r, &both).await["option"], "2024-04-29 07:07 +0800");

    for (card, tag, value) in [
        ("v2-74-date-picker-all-props", "date_picker", "2025-06-10"),
        ("v2-76-picker-time-all-props", "picker_time", "05:05"),
        (
            "v2-78-picker-datetime-all-props",
            "picker_datetime",
            "2025-06-10 19:19",
        ),
    ] {
        let id = r.store(&doc_example(card)).await;
        let picked = action(
            &r,
            &Click::pick(&id, Target::element_id("custom_id"), value),
        )
        .await;
        assert_eq!(picked["tag"], tag);
        assert_eq!(picked["option"], format!("{value} +0800"));
        assert_eq!(picked["value"], json!({"key_1": "value_1"}));
    }
    let err = refusal(&r, &Click::pick(&v1, Target::index(0), "2024-02-30")).await;
    assert!(err.to_string().contains("yyyy-MM-dd"), "{err}");
    refusal(&r, &Click::pick(&v1, Target::index(2), "24:00")).await;
    let bad_zone =
        Click::pick(&v1, Target::index(0), "2024-04-01").timezone(Timezone::new("x", "+8"));
    refusal(&r, &bad_zone).await;
}

#[tokio::test]
async fn checkers_call_back_only_with_a_callback_behavior() {
    let r = Recorder::start().await;
    let v2 = r.store(&doc_example("v2-80-checker-all-props")).await;
    assert_eq!(
        action(
            &r,
            &Click::check(&v2, Target::element_id("custom_id"), true)
        )
        .await,
        json!({"tag": "checker", "name": "check_1", "value": {"key_1": "value_1"}, "checked": true})
    );
    let v1 = r.store(&doc_example("v1-18-checker")).await;
    assert_eq!(
        action(&r, &Click::check(&v1, Target::name("check_2"), false)).await,
        json!({"tag": "checker", "name": "check_2", "value": {"key": "todo2"}, "checked": false})
    );
    let local = r
        .store(&json!({"schema": "2.0", "body": {"elements": [
            {"tag": "checker", "text": {"tag": "plain_text", "content": "local"}}
        ]}}))
        .await;
    let err = refusal(&r, &Click::check(&local, Target::index(0), true)).await;
    assert!(err.to_string().contains("local"), "{err}");
}

#[tokio::test]
async fn a_v2_form_submits_what_the_user_typed_and_picked() {
    let r = Recorder::start().await;
    // The docs' task-assignment form: person and priority are required, the note is not.
    let id = r.store(&doc_example("v2-04-form-task-assign")).await;
    let filled = Submit::new()
        .field("PersonSelect_rg0ml5mh", "ou_assignee")
        .field("Select_01taxkgaqc6c", "P1")
        .field("Input_0bqcy75cxklr", "before Friday");
    assert_eq!(
        action(&r, &Click::submit(&id, filled)).await,
        json!({"tag": "button", "name": "Button_lq544v6r", "timezone": "Asia/Shanghai",
               "form_value": {"PersonSelect_rg0ml5mh": "ou_assignee",
                              "Select_01taxkgaqc6c": "P1",
                              "Input_0bqcy75cxklr": "before Friday"}})
    );

    let missing = Submit::new().field("Select_01taxkgaqc6c", "P1");
    assert!(matches!(
        refusal(&r, &Click::submit(&id, missing)).await,
        ClickError::RequiredMissing { field, .. } if field == "PersonSelect_rg0ml5mh"
    ));
    let typo = Submit::new().field("Select_01taxkgaqc6", "P1");
    let err = refusal(&r, &Click::submit(&id, typo)).await;
    assert!(
        err.to_string()
            .contains("no field named `Select_01taxkgaqc6`"),
        "{err}"
    );
    let bad_option = Submit::new()
        .field("PersonSelect_rg0ml5mh", "ou_assignee")
        .field("Select_01taxkgaqc6c", "P7");
    assert!(matches!(
        refusal(&r, &Click::submit(&id, bad_option)).await,
        ClickError::NoSuchOption { .. }
    ));
    // In a form the fields do not call back on their own, and reset stays on the client.
    let err = refusal(&r, &Click::select(&id, Target::index(0), "P1")).await;
    assert!(err.to_string().contains("submit the form"), "{err}");
    let err = refusal(&r, &Click::new(&id, Button::Name("Button_lq544v6s".into()))).await;
    assert!(err.to_string().contains("reset"), "{err}");
}

#[tokio::test]
async fn multi_selects_and_initial_values_fill_the_form_value() {
    let r = Recorder::start().await;
    let id = r
        .store(&json!({"schema": "2.0", "body": {"elements": [{"tag": "form", "name": "deploy", "elements": [
            {"tag": "input", "name": "reason", "required": true},
            {"tag": "select_static", "name": "env", "initial_index": 2, "options": [
                {"text": {"tag": "plain_text", "content": "staging"}, "value": "staging"},
                {"text": {"tag": "plain_text", "content": "prod"}, "value": "prod"}]},
            {"tag": "multi_select_static", "name": "regions", "selected_values": ["eu"], "options": [
                {"text": {"tag": "plain_text", "content": "EU"}, "value": "eu"},
                {"text": {"tag": "plain_text", "content": "US"}, "value": "us"}]},
            {"tag": "multi_select_person", "name": "watchers"},
            {"tag": "date_picker", "name": "day", "initial_date": "2026-12-03"},
            {"tag": "picker_time", "name": "at", "placeholder": {"tag": "plain_text", "content": "time"}},
            {"tag": "checker", "name": "agree", "text": {"tag": "plain_text", "content": "ok"}},
            {"tag": "button", "name": "go", "form_action_type": "submit",
             "behaviors": [{"type": "callback", "value": {"form": "deploy"}}]}
        ]}]}}))
        .await;
    let submit = Submit::new()
        .form("deploy")
        .field("reason", "hotfix")
        .field("regions", ["eu", "us"].as_slice())
        .field("at", "09:30")
        .field("watchers", ["ou_a", "ou_b"].as_slice())
        .field("agree", true);
    let sent = action(&r, &Click::submit(&id, submit)).await;
    assert_eq!(sent["value"], json!({"form": "deploy"}));
    assert_eq!(
        sent["form_value"],
        json!({"reason": "hotfix", "env": "prod", "regions": ["eu", "us"],
               "watchers": ["ou_a", "ou_b"], "day": "2026-12-03 +0800", "at": "09:30 +0800",
               "agree": true})
    );
    // Clicking the submit button itself submits the initial values: `reason` is required.
    assert!(matches!(
        refusal(&r, &Click::new(&id, Button::Name("go".into()))).await,
        ClickError::RequiredMissing { field, .. } if field == "reason"
    ));
    // `multi_select_static` is required by default: emptying it blocks the submit.
    let emptied = Submit::new()
        .field("reason", "x")
        .field("regions", Vec::<String>::new());
    assert!(matches!(
        refusal(&r, &Click::submit(&id, emptied)).await,
        ClickError::RequiredMissing { field, .. } if field == "regions"
    ));
    // In 2.0 a person multi-select is optional by default.
    let no_watchers = Submit::new().field("reason", "x");
    let sent = action(&r, &Click::submit(&id, no_watchers)).await;
    assert!(sent["form_value"].get("watchers").is_none());
    let wrong_type = Submit::new().field("reason", "x").field("agree", "yes");
    refusal(&r, &Click::submit(&id, wrong_type)).await;
    assert!(matches!(
        refusal(&r, &Click::submit(&id, Submit::new().form("other"))).await,
        ClickError::NoSuchComponent { .. }
    ));
}

#[tokio::test]
async fn v1_forms_submit_through_their_form_submit_button() {
    let r = Recorder::start().await;
    let id = r.store(&doc_example("v1-15-form-select-input")).await;
    let sent = action(&r, &Click::new(&id, Button::Index(0))).await;
    assert_eq!(
        sent,
        json!({"tag": "button", "name": "Button_e4d9u982x5k", "timezone": "Asia/Shanghai",
               "form_value": {}})
    );
    let filled = Submit::new()
        .field("Select_pj6kw7cxyl", "2")
        .field("Input_fhaty9jktke", "why");
    assert_eq!(
        action(&r, &Click::submit(&id, filled)).await["form_value"],
        json!({"Select_pj6kw7cxyl": "2", "Input_fhaty9jktke": "why"})
    );
    // The docs' image-select form: a single choice submits as a string.
    let images = r.store(&doc_example("v1-19-select-img-form")).await;
    let chosen = action(
        &r,
        &Click::submit(&images, Submit::new().field("select_img-1", "picture3")),
    )
    .await;
    assert_eq!(chosen["value"], "form_callback");
    assert_eq!(chosen["form_value"], json!({"select_img-1": "picture3"}));
}

#[tokio::test]
async fn the_http_route_plays_actions_and_answers_404_or_422() {
    let r = Recorder::start().await;
    let id = r.store(&doc_example("v2-03-form-input-callback")).await;
    let submit = json!({"message_id": id, "action": {"submit": {"fields": {"reason": "disk full"}}},
                        "timezone": {"name": "UTC", "offset": "+0000"}});
    let answer = support::post(&r.emulator, "/_emulator/click", None, &submit).await;
    assert_eq!(answer.status, Some(200));
    assert_eq!(
        answer.json()["action"],
        json!({"tag": "button", "name": "Button_m8pn9lbf", "value": {"key": "value"},
               "timezone": "UTC", "form_value": {"reason": "disk full"}})
    );
    assert_eq!(
        r.take()[0]["event"]["action"]["form_value"]["reason"],
        "disk full"
    );

    let empty = json!({"message_id": id, "action": {"submit": {}}});
    let answer = support::post(&r.emulator, "/_emulator/click", None, &empty).await;
    assert_eq!(answer.status, Some(422));
    assert!(
        answer.json()["msg"]
            .as_str()
            .unwrap()
            .contains("`reason` is empty")
    );
    let typed =
        json!({"message_id": id, "action": {"input": {"target": {"name": "nope"}, "text": "x"}}});
    let answer = support::post(&r.emulator, "/_emulator/click", None, &typed).await;
    assert_eq!(answer.status, Some(404));
    let both = json!({"message_id": id, "button": {"index": 0}, "action": {"submit": {}}});
    let answer = support::post(&r.emulator, "/_emulator/click", None, &both).await;
    assert_eq!(answer.status.map(|s| s / 100), Some(4));
    assert!(r.take().is_empty());
}

#[tokio::test]
async fn a_user_clicks_the_card_they_see_after_a_per_user_update() {
    let r = Recorder::start().await;
    let button = |id: &str| {
        json!({"elements": [{"tag": "action", "actions": [{"tag": "button",
            "text": {"tag": "plain_text", "content": id}, "value": {"id": id}}]}]})
    };
    let id = r.store(&button("everyone")).await;
    let token = r.emulator.issue_callback_token(&id).unwrap();
    r.client
        .messages()
        .delay_update(
            &token,
            &card_runtime::Card::from_json_unchecked(button("mine")),
        )
        .open_ids(["ou_approver"])
        .send()
        .await
        .unwrap();
    let mine = Click::new(&id, Button::Value(json!({"id": "mine"})));
    assert_eq!(action(&r, &mine).await["value"], json!({"id": "mine"}));
    let others = mine.clone().operator("ou_other");
    assert!(matches!(
        refusal(&r, &others).await,
        ClickError::NoSuchButton(_)
    ));
    let theirs = Click::new(&id, Button::Value(json!({"id": "everyone"}))).operator("ou_other");
    assert_eq!(
        action(&r, &theirs).await["value"],
        json!({"id": "everyone"})
    );
}

#[tokio::test]
async fn a_custom_bots_card_calls_no_app_back() {
    let r = Recorder::start().await;
    let card = card_runtime::Card::from_json_unchecked(doc_example("v2-02-button-all-props"));
    card_runtime::Webhook::new(r.emulator.webhook_url("team-hook"))
        .send_card(&card)
        .await
        .unwrap();
    let posted = r.emulator.messages().pop().unwrap();
    assert_eq!(posted.receive_id_type, "webhook");
    let err = refusal(&r, &Click::new(&posted.message_id, Button::Index(0))).await;
    assert!(err.to_string().contains("custom bot"), "{err}");
}

#[tokio::test]
async fn v1_person_selects_and_multi_selects() {
    let r = Recorder::start().await;
    let id = r
        .store(&json!({"elements": [
            {"tag": "action", "actions": [{"tag": "select_person", "value": {"k": "owner"},
                "options": [{"value": "ou_a"}, {"value": "ou_b"}]}]},
            {"tag": "form", "name": "team", "elements": [
                {"tag": "multi_select_static", "name": "days", "options": [
                    {"text": {"tag": "plain_text", "content": "Mon"}, "value": "mon"},
                    {"text": {"tag": "plain_text", "content": "Tue"}, "value": "tue"}]},
                // Both multi-selects are required by default in 1.0.
                {"tag": "multi_select_person", "name": "people"},
                {"tag": "button", "name": "save", "action_type": "form_submit",
                 "text": {"tag": "plain_text", "content": "save"}}
            ]}
        ]}))
        .await;
    assert_eq!(
        action(&r, &Click::select(&id, Target::index(0), "ou_b")).await,
        json!({"tag": "select_person", "value": {"k": "owner"}, "option": "ou_b"})
    );
    refusal(&r, &Click::select(&id, Target::index(0), "ou_c")).await;
    let filled = Submit::new()
        .field("days", ["tue"].as_slice())
        .field("people", ["ou_x", "ou_y"].as_slice());
    assert_eq!(
        action(&r, &Click::submit(&id, filled)).await["form_value"],
        json!({"days": ["tue"], "people": ["ou_x", "ou_y"]})
    );
    assert!(matches!(
        refusal(&r, &Click::submit(&id, Submit::new().field("days", ["mon"].as_slice()))).await,
        ClickError::RequiredMissing { field, .. } if field == "people"
    ));
    let unknown_day = Submit::new()
        .field("days", ["sun"].as_slice())
        .field("people", ["ou_x"].as_slice());
    assert!(matches!(
        refusal(&r, &Click::submit(&id, unknown_day)).await,
        ClickError::NoSuchOption { option, .. } if option == "sun"
    ));
}
