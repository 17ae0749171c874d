//! A command bot: a user sends "/approve-demo" (a message event), the bot replies with an
//! approval card, the user clicks "批准", and the bot answers the click with a toast and a
//! replaced card. One set of handlers, either transport:
//!
//! ```text
//! cargo run --example command_bot                 # long connection (WebSocket), the default
//! cargo run --example command_bot -- --http       # HTTP callback URL
//! ```
//!
//! The embedded emulator plays Feishu and the user; the run ends by itself, with exit code 0
//! when every step checked out.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use card_emulator::{Button, CallbackApp, Click, Clicker, Emulator, UserMessage};
use card_runtime::callback::axum::post_handler;
use card_runtime::callback::{
    ActionContext, CallbackConfig, CallbackEndpoint, CallbackResponse, CardValue, Dispatcher,
    EventContext, Handlers, MessageReceived, Route, Toast,
};
use card_runtime::ws::LongConnection;
use card_runtime::{Card, Client, card};
use serde::Deserialize;
use tokio::net::TcpListener;
use tokio::sync::mpsc;

const TOKEN: &str = "command-bot-verification-token";
const KEY: &str = "command-bot-encrypt-key";

/// The card's buttons: `{"route": "decide", "decision": "approve" | "decline", "request": ..}`.
#[derive(Debug, Deserialize)]
struct Decide {
    decision: String,
    request: String,
}

impl CardValue for Decide {
    const ROUTE: Route = Route::tag("decide");
}

fn request_card(request: &str, by: &str) -> Card {
    card! {
        <card>
            <div text="{by} 请求审批：{request}"/>
            <action>
                <button type="primary" value={ "route": "decide", "decision": "approve", "request": request }>"批准"</button>
                <button type="danger" value={ "route": "decide", "decision": "decline", "request": request }>"拒绝"</button>
            </action>
        </card>
    }
}

fn decided_card(request: &str, decision: &str, by: &str) -> Card {
    card! {
        <card>
            <div text="{request}：{decision}（{by}）"/>
        </card>
    }
}

/// The bot: answers "/approve-demo" with a card (the reply is deferred, so the event is
/// acknowledged at once) and a click with a toast and the decided card. `replies` reports each
/// reply's message id.
fn handlers(client: Client, replies: mpsc::UnboundedSender<String>) -> Handlers {
    Handlers::new()
        .on_message(move |message: MessageReceived, cx: EventContext| {
            let (client, replies) = (client.clone(), replies.clone());
            async move {
                say(&format!(
                    "message from {}: {:?}",
                    message.sender_open_id(),
                    message.text()
                ));
                if message.command().as_deref() != Some("/approve-demo") {
                    return;
                }
                cx.defer(async move {
                    let card = request_card("demo-42", message.sender_open_id());
                    match message.reply_card(&client, &card).send().await {
                        Ok(sent) => {
                            say(&format!("bot replied with a card: {}", sent.message_id));
                            let _ = replies.send(sent.message_id);
                        }
                        Err(err) => say(&format!("reply failed: {err}")),
                    }
                });
            }
        })
        .on(|value: Decide, cx: ActionContext| async move {
            let by = cx.operator().open_id.clone();
            say(&format!(
                "click from {by}: {} {}",
                value.decision, value.request
            ));
            let (label, toast) = match value.decision.as_str() {
                "approve" => ("已批准", Toast::success("已批准")),
                _ => ("已拒绝", Toast::warning("已拒绝")),
            };
            CallbackResponse::card(decided_card(&value.request, label, &by)).with_toast(toast)
        })
}

fn say(line: &str) {
    println!("[command_bot] {line}");
}

async fn run(http: bool) -> Result<(), String> {
    let emulator = Emulator::start().await.map_err(|err| err.to_string())?;
    let client = Client::builder(emulator.app_id(), emulator.app_secret())
        .base_url(emulator.url())
        .build()
        .map_err(|err| err.to_string())?;
    let (replies_tx, mut replies) = mpsc::unbounded_channel();
    let dispatcher =
        Dispatcher::new(handlers(client, replies_tx)).map_err(|err| err.to_string())?;
    // The one line that differs between the transports: where the dispatcher is mounted.
    let (clicker, connection) = if http {
        let endpoint =
            CallbackEndpoint::new(CallbackConfig::new(TOKEN).encrypt_key(KEY), dispatcher);
        let app = axum::Router::new().route("/feishu/callback", post_handler(Arc::new(endpoint)));
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .map_err(|err| err.to_string())?;
        let url = format!(
            "http://{}/feishu/callback",
            listener.local_addr().map_err(|e| e.to_string())?
        );
        tokio::spawn(async move { axum::serve(listener, app).await });
        say(&format!("transport: HTTP callback URL {url}"));
        let clicker = Clicker::new(CallbackApp::new(&url, TOKEN).encrypt_key(KEY))
            .map_err(|err| err.to_string())?;
        if !clicker.verify_url().await.map_err(|err| err.to_string())? {
            return Err("URL verification failed".into());
        }
        (clicker, None)
    } else {
        let connection = LongConnection::new(emulator.app_id(), emulator.app_secret())
            .base_url(emulator.url())
            .start(dispatcher)
            .await
            .map_err(|err| err.to_string())?;
        say("transport: long connection (WebSocket)");
        let clicker =
            Clicker::new(CallbackApp::long_connection(TOKEN)).map_err(|err| err.to_string())?;
        (clicker, Some(connection))
    };

    say("emulator: ou_alice sends \"/approve-demo\"");
    let sent = clicker
        .send_message(&emulator, &UserMessage::new("ou_alice", "/approve-demo"))
        .await;
    match &sent.delivered {
        Some(delivered) if delivered.status == Some(200) => {}
        other => return Err(format!("the message event was not acknowledged: {other:?}")),
    }
    let reply = tokio::time::timeout(Duration::from_secs(10), replies.recv())
        .await
        .map_err(|_| "no reply within 10 s".to_owned())?
        .ok_or("the bot stopped")?;
    let stored = emulator.message(&reply).ok_or("the reply is not stored")?;
    if stored.parent_id.as_deref() != Some(sent.message_id.as_str()) {
        return Err(format!(
            "the card does not reply to the command: {stored:?}"
        ));
    }

    say("emulator: ou_alice clicks 「批准」");
    let outcome = clicker
        .click(
            &emulator,
            &Click::new(&reply, Button::Index(0)).operator("ou_alice"),
        )
        .await
        .map_err(|err| err.to_string())?;
    let toast = outcome.toast.as_ref().map(|t| t["content"].clone());
    say(&format!(
        "emulator: toast {toast:?}, card replaced: {}",
        outcome.card_replaced
    ));
    if outcome.client_error.is_some() || !outcome.card_replaced {
        return Err(format!("the click was not answered properly: {outcome:?}"));
    }
    let shown =
        emulator.message(&reply).ok_or("the card vanished")?.card["elements"][0]["text"]["content"]
            .clone();
    if shown != "demo-42：已批准（ou_alice）" {
        return Err(format!("the card shows {shown}"));
    }
    say(&format!("emulator: ou_alice now sees {shown}"));
    if let Some(connection) = connection {
        connection.close().await.map_err(|err| err.to_string())?;
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let http = std::env::args().skip(1).any(|arg| arg == "--http");
    match run(http).await {
        Ok(()) => {
            say("done");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("[command_bot] failed: {err}");
            ExitCode::FAILURE
        }
    }
}
