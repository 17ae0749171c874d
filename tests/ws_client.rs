//! The long-connection client against the emulator's gateway: clicks and messages answered
//! over WebSocket, split messages, `card` frames, a slow handler, reconnection after a drop,
//! the watchdog on a silent connection, and fatal handshakes.

mod ws_support;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use card_emulator::{Button, CallbackApp, Click, Clicker, UserMessage, WsFault};
use card_runtime::Card;
use card_runtime::callback::{
    ActionContext, CallbackResponse, CardValue, Dispatcher, Handlers, Route, Toast,
};
use card_runtime::ws::{
    AUTH_CONNECTION_LIMIT, Answer, ConnectionState, Delivery, FrameKind, Limits, WsError,
};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::sync::Notify;
use ws_support::*;

#[derive(Deserialize)]
struct Approve {
    request: String,
}

impl CardValue for Approve {
    const ROUTE: Route = Route::tag("approve");
}

fn approved(request: &str) -> Card {
    Card::from_json_unchecked(json!({"elements": [
        {"tag": "div", "text": {"tag": "plain_text", "content": format!("{request} 已批准")}}
    ]}))
}

/// The same dispatcher type the HTTP endpoint takes.
fn router() -> Dispatcher {
    Dispatcher::new(
        Handlers::new().on(|value: Approve, cx: ActionContext| async move {
            CallbackResponse::card(approved(&value.request)).with_toast(Toast::success(format!(
                "approved by {}",
                cx.operator().open_id
            )))
        }),
    )
    .unwrap()
}

fn clicker() -> Arc<Clicker> {
    Clicker::new(CallbackApp::long_connection(TOKEN)).unwrap()
}

#[tokio::test]
async fn a_click_over_the_long_connection_replaces_the_card() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let states = States::default();
    let connection = connection(&emulator)
        .on_state(states.hook())
        .start(router())
        .await
        .unwrap();
    assert_eq!(connection.state(), ConnectionState::Connected);
    assert_eq!(emulator.long_connections(), 1);
    let clicker = clicker();
    for (request, fault) in [
        ("R-1", None),
        ("R-2", Some(WsFault::Split { parts: 3 })),
        ("R-3", Some(WsFault::CardFrame)),
    ] {
        if let Some(fault) = fault.clone() {
            emulator.inject_ws(fault);
        }
        let message_id = send_card(&client, request).await;
        let outcome = clicker
            .click(&emulator, &Click::new(&message_id, Button::Index(0)))
            .await
            .unwrap();
        let case = format!("{request} {fault:?}: {outcome:?}");
        assert_eq!(outcome.status, Some(200), "{case}");
        assert_eq!(outcome.client_error, None, "{case}");
        assert!(outcome.card_replaced, "{case}");
        assert_eq!(
            emulator.message(&message_id).unwrap().card,
            *approved(request)
        );
        assert_eq!(outcome.toast.unwrap()["content"], "approved by ou_approver");
    }
    connection.close().await.unwrap();
    assert_eq!(
        states.seen(),
        [
            ConnectionState::Connecting,
            ConnectionState::Connected,
            ConnectionState::Closed
        ]
    );
    within(5, "the gateway forgets the closed connection", async {
        while emulator.long_connections() != 0 {
            tokio::task::yield_now().await;
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
}

#[tokio::test]
async fn a_user_message_arrives_as_a_typed_event_and_is_answered() {
    let emulator = emulator().await;
    let seen = Arc::new(std::sync::Mutex::new(Vec::<(FrameKind, Value)>::new()));
    let recorded = Arc::clone(&seen);
    let connection = connection(&emulator)
        .start(move |delivery: Delivery| {
            let recorded = Arc::clone(&recorded);
            async move {
                let event: Value = serde_json::from_slice(delivery.payload()).unwrap();
                recorded.lock().unwrap().push((delivery.kind(), event));
                Answer::empty()
            }
        })
        .await
        .unwrap();
    let sent = emulator
        .send_user_message(UserMessage::new("ou_alice", "/approve-demo"))
        .await;
    let delivered = sent.delivered.expect("a client is connected");
    assert_eq!(delivered.status, Some(200));
    assert_eq!(delivered.answer, json!({}));
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 1);
    let (kind, event) = &seen[0];
    assert_eq!(*kind, FrameKind::Event);
    assert_eq!(event["header"]["event_type"], "im.message.receive_v1");
    assert_eq!(
        event["event"]["message"]["message_id"],
        sent.message_id.as_str()
    );
    assert_eq!(event["event"]["sender"]["sender_id"]["open_id"], "ou_alice");
    let content: Value =
        serde_json::from_str(event["event"]["message"]["content"].as_str().unwrap()).unwrap();
    assert_eq!(content["text"], "/approve-demo");
    // The user's message is stored, so the bot can reply to it.
    assert!(emulator.message(&sent.message_id).is_some());
    connection.close().await.unwrap();
}

#[tokio::test]
async fn a_slow_handler_is_answered_in_time_and_still_finishes() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let finished = Arc::new(Notify::new());
    let done = Arc::new(AtomicBool::new(false));
    let (finished_tx, done_tx) = (Arc::clone(&finished), Arc::clone(&done));
    let connection = connection(&emulator)
        .limits(Limits::default().answer_within(Duration::from_millis(200)))
        .start(move |_: Delivery| {
            let (finished, done) = (Arc::clone(&finished_tx), Arc::clone(&done_tx));
            async move {
                tokio::time::sleep(Duration::from_millis(1500)).await;
                Answer::json(json!({"toast": {"type": "info", "content": "too late"}})).then(
                    async move {
                        done.store(true, Ordering::SeqCst);
                        finished.notify_one();
                    },
                )
            }
        })
        .await
        .unwrap();
    let message_id = send_card(&client, "R-slow").await;
    let started = Instant::now();
    let outcome = clicker()
        .click(&emulator, &Click::new(&message_id, Button::Index(0)))
        .await
        .unwrap();
    // Answered `{}` at the deadline: no toast, no error, well before Feishu's 3 s.
    assert_eq!(outcome.status, Some(200), "{outcome:?}");
    assert_eq!(outcome.client_error, None);
    assert_eq!(outcome.toast, None);
    // Before the handler finished: the answer did not wait for it.
    assert!(
        started.elapsed() < Duration::from_millis(1400),
        "{:?}",
        started.elapsed()
    );
    assert!(!done.load(Ordering::SeqCst));
    within(5, "the slow handler's deferred work", finished.notified()).await;
    assert!(done.load(Ordering::SeqCst));
    connection.close().await.unwrap();
}

#[tokio::test]
async fn a_dropped_connection_is_reestablished_and_serves_again() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let states = States::default();
    let connection = connection(&emulator)
        .on_state(states.hook())
        .start(router())
        .await
        .unwrap();
    emulator.inject_ws(WsFault::DropConnections);
    let lost = states.reach(0, ConnectionState::Disconnected, 5).await;
    let attempt = states
        .reach(lost, ConnectionState::Reconnecting { attempt: 1 }, 5)
        .await;
    states.reach(attempt, ConnectionState::Connected, 5).await;
    let message_id = send_card(&client, "R-after-drop").await;
    let outcome = clicker()
        .click(&emulator, &Click::new(&message_id, Button::Index(0)))
        .await
        .unwrap();
    assert!(outcome.card_replaced, "{outcome:?}");
    connection.close().await.unwrap();
}

#[tokio::test]
async fn a_silent_connection_is_caught_by_the_watchdog() {
    let emulator = emulator().await;
    let states = States::default();
    // Ping every 1 s (the emulator's config), declared dead 300 ms after a missed pong.
    let connection = connection(&emulator)
        .limits(Limits::default().watchdog_grace(Duration::from_millis(300)))
        .on_state(states.hook())
        .start(|_: Delivery| async { Answer::empty() })
        .await
        .unwrap();
    emulator.inject_ws(WsFault::Mute);
    let started = Instant::now();
    let lost = states.reach(0, ConnectionState::Disconnected, 8).await;
    // The last inbound frame was the pong at connect, so the watchdog fires about 1.3 s later
    // (the default grace alone would be 30 s).
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    states.reach(lost, ConnectionState::Connected, 5).await;
    connection.close().await.unwrap();
}

#[tokio::test]
async fn fatal_handshakes_and_credentials_are_typed_errors() {
    let emulator = emulator().await;
    emulator.inject_ws(WsFault::RejectHandshake {
        status: 514,
        code: AUTH_CONNECTION_LIMIT,
        msg: "exceed limit".into(),
    });
    let err = connection(&emulator)
        .start(|_: Delivery| async { Answer::empty() })
        .await
        .unwrap_err();
    assert!(
        matches!(&err, WsError::Handshake { status: Some(514), code: Some(AUTH_CONNECTION_LIMIT), msg } if msg == "exceed limit"),
        "{err:?}"
    );
    assert!(err.is_fatal());

    let wrong = card_runtime::ws::LongConnection::new(emulator.app_id(), "wrong-secret")
        .base_url(emulator.url())
        .start(|_: Delivery| async { Answer::empty() })
        .await
        .unwrap_err();
    assert!(
        matches!(wrong, WsError::Bootstrap { .. }) && wrong.is_fatal(),
        "{wrong:?}"
    );
    assert!(!format!("{wrong:?} {wrong}").contains("wrong-secret"));

    let empty = card_runtime::ws::LongConnection::new("", "")
        .start(|_: Delivery| async { Answer::empty() })
        .await
        .unwrap_err();
    assert!(matches!(empty, WsError::Config(_)));

    // The per-app limit: one more connection than allowed is refused for good.
    emulator.configure_long_connection(card_emulator::LongConnectionConfig {
        connection_limit: 1,
        ..quick()
    });
    let first = connection(&emulator)
        .start(|_: Delivery| async { Answer::empty() })
        .await
        .unwrap();
    let second = connection(&emulator)
        .start(|_: Delivery| async { Answer::empty() })
        .await
        .unwrap_err();
    assert!(
        matches!(
            second,
            WsError::Handshake {
                code: Some(AUTH_CONNECTION_LIMIT),
                ..
            }
        ),
        "{second:?}"
    );
    first.close().await.unwrap();
}

#[tokio::test]
async fn a_busy_bootstrap_is_retried_in_the_background() {
    let emulator = emulator().await;
    emulator.inject_ws(WsFault::BootstrapBusy);
    // The busy answer carries no timing: the client's own defaults apply until one does.
    let defaults = card_runtime::ws::ServerConfig {
        reconnect_nonce: Duration::ZERO,
        ..card_runtime::ws::ServerConfig::default()
    };
    let connection = connection(&emulator)
        .server_defaults(defaults)
        .start(|_: Delivery| async { Answer::empty() })
        .await
        .unwrap();
    within(
        5,
        "connected after the busy answer",
        connection.wait_for(|s| s == ConnectionState::Connected),
    )
    .await;
    connection.close().await.unwrap();
}

#[tokio::test]
async fn unanswered_and_late_answers_are_reported_as_timeouts() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let connection = connection(&emulator).start(router()).await.unwrap();
    let clicker = clicker();
    emulator.inject_ws(WsFault::SkipAnswer);
    let message_id = send_card(&client, "R-skip").await;
    let outcome = clicker
        .click(&emulator, &Click::new(&message_id, Button::Index(0)))
        .await
        .unwrap();
    assert_eq!(
        (outcome.status, outcome.client_error),
        (None, Some(200_341))
    );
    assert!(!outcome.card_replaced);
    connection.close().await.unwrap();
    // Nobody connected: the long-connection-only app is unreachable.
    let outcome = clicker
        .click(&emulator, &Click::new(&message_id, Button::Index(0)))
        .await
        .unwrap();
    assert_eq!(outcome.client_error, Some(200_341));
}

#[tokio::test]
async fn a_graceful_close_still_sends_the_answer_of_a_running_handler() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let started = Arc::new(Notify::new());
    let signal = Arc::clone(&started);
    let connection = connection(&emulator)
        .start(move |_: Delivery| {
            let signal = Arc::clone(&signal);
            async move {
                signal.notify_one();
                tokio::time::sleep(Duration::from_millis(200)).await;
                Answer::json(
                    json!({"toast": {"type": "success", "content": "answered while closing"}}),
                )
            }
        })
        .await
        .unwrap();
    let message_id = send_card(&client, "R-close").await;
    let state = Arc::clone(emulator.state());
    let click = tokio::spawn(async move {
        clicker()
            .click(&state, &Click::new(&message_id, Button::Index(0)))
            .await
            .unwrap()
    });
    within(5, "the handler starts", started.notified()).await;
    connection.close().await.unwrap();
    let outcome = within(5, "the click's outcome", click).await.unwrap();
    assert_eq!(outcome.status, Some(200), "{outcome:?}");
    assert_eq!(outcome.toast.unwrap()["content"], "answered while closing");
}

#[tokio::test]
async fn the_dispatcher_serves_typed_message_events_and_accepts_unhandled_ones() {
    use card_runtime::callback::{EventContext, MessageReceived};
    let emulator = emulator().await;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let handlers =
        Handlers::new().on_message(move |message: MessageReceived, _cx: EventContext| {
            let tx = tx.clone();
            async move {
                let _ = tx.send((message.command(), message.sender_open_id().to_owned()));
            }
        });
    let connection = connection(&emulator)
        .start(Dispatcher::new(handlers).unwrap())
        .await
        .unwrap();
    let sent = emulator
        .send_user_message(UserMessage::new("ou_bob", "/approve-demo please"))
        .await;
    assert_eq!(sent.delivered.unwrap().status, Some(200));
    let (command, sender) = within(5, "the typed handler", rx.recv()).await.unwrap();
    assert_eq!(command.as_deref(), Some("/approve-demo"));
    assert_eq!(sender, "ou_bob");
    // An event type nobody handles is accepted (`{}`), not failed: Feishu would redeliver a
    // failure for hours.
    let other = json!({"schema": "2.0", "header": {"event_id": "e-1", "event_type": "im.chat.disbanded_v1",
        "token": "", "create_time": "0", "tenant_key": "t", "app_id": emulator.app_id()}, "event": {}});
    let delivered = emulator
        .deliver_ws(other.to_string().as_bytes())
        .await
        .unwrap();
    assert_eq!((delivered.status, delivered.answer), (Some(200), json!({})));
    connection.close().await.unwrap();
}

#[tokio::test]
async fn reconnection_gives_up_after_the_servers_count() {
    let emulator = emulator().await;
    emulator.configure_long_connection(card_emulator::LongConnectionConfig {
        reconnect_count: 2,
        ..quick()
    });
    let states = States::default();
    let connection = connection(&emulator)
        .on_state(states.hook())
        .start(|_: Delivery| async { Answer::empty() })
        .await
        .unwrap();
    // Both attempts meet a retryable refusal (514 without the limit code).
    for _ in 0..2 {
        emulator.inject_ws(WsFault::RejectHandshake {
            status: 514,
            code: 1,
            msg: "try later".into(),
        });
    }
    emulator.inject_ws(WsFault::DropConnections);
    let err = within(10, "the client gives up", connection.wait())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, WsError::GaveUp { attempts: 2, .. }),
        "{err:?}"
    );
    let seen = states.seen();
    assert_eq!(seen.last(), Some(&ConnectionState::Closed), "{seen:?}");
    assert!(
        seen.contains(&ConnectionState::Reconnecting { attempt: 2 }),
        "{seen:?}"
    );
    assert!(
        !seen.contains(&ConnectionState::Reconnecting { attempt: 3 }),
        "{seen:?}"
    );
}

#[tokio::test]
async fn a_redelivered_click_gets_the_first_answer_without_running_the_handler_again() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let runs = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = Arc::clone(&runs);
    let handlers = Handlers::new().on(move |value: Approve, _cx: ActionContext| {
        let counter = Arc::clone(&counter);
        async move {
            counter.fetch_add(1, Ordering::SeqCst);
            Toast::success(format!("{} approved", value.request))
        }
    });
    let connection = connection(&emulator)
        .start(Dispatcher::new(handlers).unwrap())
        .await
        .unwrap();
    let message_id = send_card(&client, "R-dup").await;
    // The same delivery twice (Feishu redelivers when an answer is late or lost).
    let click = json!({"schema": "2.0",
        "header": {"event_id": "ev-dup-1", "token": "", "create_time": "0",
                   "event_type": "card.action.trigger", "tenant_key": "t", "app_id": emulator.app_id()},
        "event": {"operator": {"open_id": "ou_approver"}, "token": "c-1",
                  "action": {"tag": "button", "value": {"route": "approve", "request": "R-dup"}},
                  "context": {"open_message_id": message_id, "open_chat_id": "oc_1"}}});
    let first = emulator
        .deliver_ws(click.to_string().as_bytes())
        .await
        .unwrap();
    let second = emulator
        .deliver_ws(click.to_string().as_bytes())
        .await
        .unwrap();
    assert_eq!(first.status, Some(200));
    assert_eq!(first.answer["toast"]["content"], "R-dup approved");
    assert_eq!(second.answer, first.answer);
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    connection.close().await.unwrap();
}
