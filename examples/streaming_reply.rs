//! An AI-style answer streamed into a card: the bot creates a CardKit entity with streaming on,
//! replies with it to the user's question, types the answer into it word by word, closes
//! streaming with a summary, then finishes the card with a header colour and two buttons and
//! handles a click on one of them.
//!
//! ```text
//! cargo run --example streaming_reply
//! ```
//!
//! By default the embedded emulator plays Feishu and the user, and the run ends by itself
//! (exit code 0 when every step checked out). The question arrives through the emulator's
//! Open API (as a text message in the chat) until the long connection delivers real ones.
//! The "model" is a deterministic stand-in: the words of a fixed text, a few hundred per
//! second. With `FEISHU_APP_ID` and `FEISHU_APP_SECRET` set it streams into a real chat:
//!
//! | variable | meaning |
//! |---|---|
//! | `FEISHU_APP_ID`, `FEISHU_APP_SECRET` | the self-built app's credentials (scope `cardkit:card:write`) |
//! | `FEISHU_CHAT_ID` | the chat to answer in (required with credentials) |
//! | `FEISHU_DOMAIN` | `feishu` (default) or `lark` |

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use card_emulator::{Button, CallbackApp, Click, Clicker, Emulator};
use card_runtime::callback::axum::post_handler;
use card_runtime::callback::{
    ActionContext, CallbackConfig, CallbackEndpoint, CardValue, Dispatcher, Handlers, Route, Toast,
};
use card_runtime::cardkit::TextElement;
use card_runtime::{
    Card, CardEntity, Client, Domain, ReceiveId, StreamingCard, TextMessage, cardkit_card,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tokio::net::TcpListener;
use tokio::sync::mpsc;

/// The stand-in model's answer.
const ANSWER: &str = "A CardKit entity is a card that lives on Feishu's side for fourteen \
days. The bot creates it with streaming on, sends it once by its card_id, and then writes \
the text generated so far into one markdown element, each write with the next number of the \
card's sequence. Feishu types the difference out on the user's screen. When the text is \
complete the bot switches streaming off, which sets the chat list preview, and may replace \
the whole card with its final form: a coloured header and buttons.";

/// The value of the two feedback buttons.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "route", rename = "feedback")]
struct Feedback {
    helpful: bool,
}

impl CardValue for Feedback {
    const ROUTE: Route = Route::tag("feedback");
}

fn say(line: &str) {
    println!("[streaming_reply] {line}");
}

/// The card while the answer is generated: streaming on, one markdown element to type into,
/// and a typed handle on it (`made.text.answer`: a typo there would not compile).
fn streaming_card(question: &str) -> (Card, TextElement) {
    let made = cardkit_card! {
        <card schema="2.0">
            <config streaming_mode summary={ "content": "[Generating...]" }
                streaming_config={ "print_frequency_ms": { "default": 70 }, "print_step": { "default": 1 }, "print_strategy": "fast" }/>
            <header template="grey" title="{question}"/>
            <markdown element_id="answer">"Thinking..."</markdown>
        </card>
    };
    (made.card, made.text.answer)
}

/// The finished card: the same answer, a blue header and two feedback buttons.
fn finished_card(question: &str, answer: &str) -> Card {
    let button = |id: &str, text: &str, kind: &str, helpful: bool| {
        json!({"tag": "button", "element_id": id, "type": kind,
            "text": {"tag": "plain_text", "content": text},
            "behaviors": [{"type": "callback", "value": Feedback { helpful }}]})
    };
    Card::from_json_unchecked(json!({
        "schema": "2.0",
        "config": {"summary": {"content": answer.chars().take(50).collect::<String>()}},
        "header": {"title": {"tag": "plain_text", "content": question}, "template": "blue"},
        "body": {"elements": [
            {"tag": "markdown", "element_id": "answer", "content": answer},
            {"tag": "column_set", "element_id": "feedback", "columns": [
                {"tag": "column", "width": "auto", "elements": [button("yes", "Helpful", "primary", true)]},
                {"tag": "column", "width": "auto", "elements": [button("no", "Not helpful", "default", false)]}
            ]}
        ]}
    }))
}

/// Streams the stand-in model's words into `entity`, then finishes the card.
async fn answer(
    entity: &CardEntity,
    element: TextElement,
    question: &str,
) -> Result<String, String> {
    let writer = StreamingCard::new(entity.clone(), element).map_err(|e| e.to_string())?;
    let mut text = String::new();
    let mut words = ANSWER.split_inclusive(' ').peekable();
    // A few hundred words per second: four words every 10 ms.
    let mut tick = tokio::time::interval(Duration::from_millis(10));
    while words.peek().is_some() {
        tick.tick().await;
        for word in words.by_ref().take(4) {
            writer.push(word).map_err(|e| e.to_string())?;
            text.push_str(word);
        }
    }
    let stats = writer
        .finish(Some(&text.chars().take(50).collect::<String>()))
        .await
        .map_err(|e| format!("streaming failed: {e}"))?;
    say(&format!(
        "streamed {} words in {} writes (card sequence now {})",
        stats.pushes,
        stats.writes,
        entity.sequence()
    ));
    entity
        .update(&finished_card(question, &text))
        .await
        .map_err(|e| format!("final update failed: {e}"))?;
    say("card finished: blue header, two feedback buttons");
    Ok(text)
}

/// Answers a feedback click with a toast only (a card answer cannot change a CardKit
/// entity), and passes the verdict on, so the bot updates the card after the click.
fn handlers(verdicts: mpsc::UnboundedSender<(bool, String)>) -> Handlers {
    Handlers::new().on(move |feedback: Feedback, cx: ActionContext| {
        let verdicts = verdicts.clone();
        async move {
            let by = cx.operator().open_id.clone();
            say(&format!("click from {by}: helpful = {}", feedback.helpful));
            let _ = verdicts.send((feedback.helpful, by));
            Toast::success("Thanks for the feedback")
        }
    })
}

async fn run_on_emulator() -> Result<(), String> {
    say("no FEISHU_APP_ID: the emulator plays Feishu and the user");
    let emulator = Emulator::start().await.map_err(|e| e.to_string())?;
    let client = Client::builder(emulator.app_id(), emulator.app_secret())
        .base_url(emulator.url())
        .build()
        .map_err(|e| e.to_string())?;
    let token = "streaming-demo-verification-token";
    let (verdicts, mut verdict) = mpsc::unbounded_channel();
    let endpoint = Arc::new(CallbackEndpoint::new(
        CallbackConfig::new(token),
        Dispatcher::new(handlers(verdicts)).map_err(|e| e.to_string())?,
    ));
    let app = axum::Router::new().route("/feishu/callback", post_handler(endpoint));
    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .map_err(|e| e.to_string())?;
    let url = format!(
        "http://{}/feishu/callback",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    tokio::spawn(async move { axum::serve(listener, app).await });

    let question = "What is a CardKit entity?";
    let asked = client
        .messages()
        .send_text(
            ReceiveId::chat_id("oc_streaming_demo"),
            &TextMessage::new(question),
        )
        .send()
        .await
        .map_err(|e| format!("the question: {e}"))?;
    say(&format!(
        "user asks {question:?} (message {})",
        asked.message_id
    ));

    let (streaming, element) = streaming_card(question);
    let entity = client
        .cardkit()
        .create(&streaming)
        .await
        .map_err(|e| format!("create failed: {e}"))?;
    let sent = entity
        .reply(&asked.message_id, false)
        .await
        .map_err(|e| format!("reply failed: {e}"))?;
    say(&format!(
        "card entity {} replied as {}",
        entity.card_id(),
        sent.message_id
    ));
    let text = answer(&entity, element, question).await?;

    let stored = emulator
        .card_entity(entity.card_id())
        .ok_or("the entity vanished")?;
    say(&format!(
        "emulator: {} streamed snapshots, the last {} characters; preview {:?}",
        stored.history.len(),
        stored
            .history
            .last()
            .map_or(0, |t| t.content.chars().count()),
        stored.card["config"]["summary"]["content"]
    ));
    if stored.history.last().map(|t| t.content.as_str()) != Some(text.as_str())
        || stored.card["body"]["elements"][0]["content"] != text.as_str()
        || stored.card["header"]["template"] != "blue"
    {
        return Err("the card does not hold the exact answer".into());
    }

    let clicker = Clicker::new(CallbackApp::new(&url, token)).map_err(|e| e.to_string())?;
    let click = Click::new(&sent.message_id, Button::Value(json!({"helpful": true})));
    let outcome = clicker
        .click(&emulator, &click)
        .await
        .map_err(|e| e.to_string())?;
    say(&format!(
        "emulator: app answered {:?}, toast {:?}",
        outcome.status,
        outcome.toast.map(|t| t["content"].clone())
    ));
    let (helpful, by) = verdict.recv().await.ok_or("no verdict")?;
    // After the click's answer the entity takes writes again (during it: 200810).
    let note = if helpful {
        "Marked helpful"
    } else {
        "Marked not helpful"
    };
    entity
        .update_element("feedback", &json!({"tag": "markdown", "element_id": "feedback", "content": format!("{note} by {by}")}))
        .await
        .map_err(|e| format!("feedback update failed: {e}"))?;
    let shown = emulator
        .message(&sent.message_id)
        .ok_or("the message vanished")?;
    say(&format!(
        "emulator: the user now sees {}",
        shown.card["body"]["elements"][1]["content"]
    ));
    if outcome.status != Some(200) || !helpful {
        return Err("the click was not handled".into());
    }
    say("done");
    Ok(())
}

async fn run_on_feishu(app_id: String, app_secret: String) -> Result<(), String> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let chat_id = env("FEISHU_CHAT_ID").ok_or("FEISHU_CHAT_ID is required")?;
    let domain: Domain = env("FEISHU_DOMAIN")
        .as_deref()
        .unwrap_or("feishu")
        .parse()
        .map_err(|e| format!("FEISHU_DOMAIN: {e}"))?;
    let client = Client::builder(app_id, app_secret)
        .domain(domain)
        .build()
        .map_err(|e| e.to_string())?;
    let question = "What is a CardKit entity?";
    let (streaming, element) = streaming_card(question);
    let entity = client
        .cardkit()
        .create(&streaming)
        .await
        .map_err(|e| format!("create failed: {e}"))?;
    let sent = entity
        .send(ReceiveId::chat_id(&chat_id))
        .await
        .map_err(|e| format!("send failed: {e}"))?;
    say(&format!(
        "card entity {} sent as {}",
        entity.card_id(),
        sent.message_id
    ));
    answer(&entity, element, question).await?;
    say("the feedback buttons call back to your app's callback URL (see examples/approval.rs)");
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let credentials = std::env::var("FEISHU_APP_ID")
        .ok()
        .filter(|v| !v.is_empty())
        .zip(std::env::var("FEISHU_APP_SECRET").ok());
    let result = match credentials {
        Some((app_id, app_secret)) => run_on_feishu(app_id, app_secret).await,
        None => run_on_emulator().await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("[streaming_reply] failed: {err}");
            ExitCode::FAILURE
        }
    }
}
