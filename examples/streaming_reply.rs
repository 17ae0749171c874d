//! An AI-style answer streamed into a card: a user sends the bot a question, the bot replies
//! with a CardKit entity with streaming on, types the answer into it word by word, closes
//! streaming with a summary, then finishes the card with a header colour and two buttons and
//! handles a click on one of them. Question and click both arrive over the long connection
//! (WebSocket), so the bot needs no public URL.
//!
//! ```text
//! cargo run --all-features --example streaming_reply
//! ```
//!
//! By default the embedded emulator plays Feishu and the user, and the run ends by itself
//! (exit code 0 when every step checked out). The "model" is a deterministic stand-in: the
//! words of a fixed text, a few hundred per second. With `FEISHU_APP_ID` and
//! `FEISHU_APP_SECRET` set it connects to real Feishu, answers the first text message the bot
//! receives, and ends after the first feedback click (or after ten minutes without one):
//!
//! | variable | meaning |
//! |---|---|
//! | `FEISHU_APP_ID`, `FEISHU_APP_SECRET` | the self-built app's credentials (scopes `cardkit:card:write`, `im:message`; events `im.message.receive_v1` and `card.action.trigger` subscribed in long-connection mode) |
//! | `FEISHU_DOMAIN` | `feishu` (default) or `lark` |

use std::process::ExitCode;
use std::time::Duration;

use card_emulator::{Button, CallbackApp, Click, Clicker, Emulator, UserMessage};
use card_runtime::callback::{
    ActionContext, CardValue, Dispatcher, EventContext, Handlers, MessageReceived, Route, Toast,
};
use card_runtime::cardkit::TextElement;
use card_runtime::markdown::Trusted;
use card_runtime::ws::{Connection, LongConnection};
use card_runtime::{Card, CardEntity, Client, Domain, StreamingCard, card, cardkit_card};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tokio::sync::mpsc;

/// The verification token the emulator signs its events with.
const TOKEN: &str = "streaming-demo-verification-token";

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

/// The finished card: the same answer, a blue header and two feedback buttons. The answer is
/// the model's markdown, shown as streamed (`Trusted`: a real bot decides how far it trusts
/// its model's output; interpolated text is escaped otherwise).
fn finished_card(question: &str, answer: &str) -> Card {
    let summary: String = answer.chars().take(50).collect();
    card! {
        <card schema="2.0">
            <config summary={ "content": summary }/>
            <header template="blue" title="{question}"/>
            <markdown element_id="answer">{Trusted(answer)}</markdown>
            <column_set element_id="feedback">
                <column width="auto">
                    <button element_id="yes" type="primary"
                            behaviors=[{ "type": "callback", "value": {Feedback { helpful: true }} }]>"Helpful"</button>
                </column>
                <column width="auto">
                    <button element_id="no" type="default"
                            behaviors=[{ "type": "callback", "value": {Feedback { helpful: false }} }]>"Not helpful"</button>
                </column>
            </column_set>
        </card>
    }
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

/// A question the bot answered: the entity, the reply's message id and the streamed text.
struct Answered {
    entity: CardEntity,
    message_id: String,
    text: String,
}

/// Replies to `message` with a streaming entity and types the answer into it.
async fn answer_message(client: &Client, message: &MessageReceived) -> Result<Answered, String> {
    let question = message.text_without_mentions().unwrap_or_default();
    let (streaming, element) = streaming_card(&question);
    let entity = client
        .cardkit()
        .create(&streaming)
        .await
        .map_err(|e| format!("create failed: {e}"))?;
    let sent = entity
        .reply(&message.message.message_id, false)
        .await
        .map_err(|e| format!("reply failed: {e}"))?;
    say(&format!(
        "card entity {} replied as {}",
        entity.card_id(),
        sent.message_id
    ));
    let text = answer(&entity, element, &question).await?;
    Ok(Answered {
        entity,
        message_id: sent.message_id,
        text,
    })
}

/// The bot. A text message is answered after the event is acknowledged (`defer`): streaming
/// takes longer than the few seconds Feishu waits for the acknowledgement. A feedback click is
/// answered with a toast only (a card answer cannot change a CardKit entity), and the verdict
/// is passed on, so the card is updated once the click is answered (during it: 200810).
fn handlers(
    client: Client,
    answered: mpsc::UnboundedSender<Answered>,
    verdicts: mpsc::UnboundedSender<(bool, String)>,
) -> Handlers {
    Handlers::new()
        .on_message(move |message: MessageReceived, cx: EventContext| {
            let (client, answered) = (client.clone(), answered.clone());
            async move {
                let Some(question) = message
                    .text_without_mentions()
                    .filter(|t| !t.trim().is_empty())
                else {
                    return;
                };
                say(&format!(
                    "question from {}: {question:?}",
                    message.sender_open_id()
                ));
                cx.defer(async move {
                    match answer_message(&client, &message).await {
                        Ok(done) => {
                            let _ = answered.send(done);
                        }
                        Err(err) => say(&format!("answering failed: {err}")),
                    }
                });
            }
        })
        .on(move |feedback: Feedback, cx: ActionContext| {
            let verdicts = verdicts.clone();
            async move {
                let by = cx.operator().open_id.clone();
                say(&format!("click from {by}: helpful = {}", feedback.helpful));
                let _ = verdicts.send((feedback.helpful, by));
                Toast::success("Thanks for the feedback")
            }
        })
}

/// The bot's side, on either Feishu: connects, and returns the connection with the channels
/// its handlers report on.
struct Bot {
    connection: Connection,
    answered: mpsc::UnboundedReceiver<Answered>,
    verdicts: mpsc::UnboundedReceiver<(bool, String)>,
}

impl Bot {
    async fn start(client: Client, connect: LongConnection) -> Result<Self, String> {
        let (answered_tx, answered) = mpsc::unbounded_channel();
        let (verdicts_tx, verdicts) = mpsc::unbounded_channel();
        let dispatcher = Dispatcher::new(handlers(client, answered_tx, verdicts_tx))
            .map_err(|e| e.to_string())?;
        let connection = connect.start(dispatcher).await.map_err(|e| e.to_string())?;
        say("long connection up");
        Ok(Self {
            connection,
            answered,
            verdicts,
        })
    }

    /// Waits at most `within` for the next answered question.
    async fn answered(&mut self, within: Duration) -> Result<Answered, String> {
        tokio::time::timeout(within, self.answered.recv())
            .await
            .map_err(|_| format!("no question answered within {within:?}"))?
            .ok_or_else(|| "the bot stopped".to_owned())
    }

    /// Waits at most `within` for a feedback click, then writes the verdict into the card in
    /// place of the buttons.
    async fn record_feedback(&mut self, done: &Answered, within: Duration) -> Result<bool, String> {
        let (helpful, by) = tokio::time::timeout(within, self.verdicts.recv())
            .await
            .map_err(|_| format!("no feedback click within {within:?}"))?
            .ok_or("the bot stopped")?;
        let note = if helpful {
            "Marked helpful"
        } else {
            "Marked not helpful"
        };
        let element = json!({"tag": "markdown", "element_id": "feedback",
            "content": format!("{note} by {by}")});
        done.entity
            .update_element("feedback", &element)
            .await
            .map_err(|e| format!("feedback update failed: {e}"))?;
        Ok(helpful)
    }

    async fn close(self) -> Result<(), String> {
        self.connection.close().await.map_err(|e| e.to_string())
    }
}

async fn run_on_emulator() -> Result<(), String> {
    say("no FEISHU_APP_ID: the emulator plays Feishu and the user");
    let emulator = Emulator::start().await.map_err(|e| e.to_string())?;
    let client = Client::builder(emulator.app_id(), emulator.app_secret())
        .base_url(emulator.url())
        .build()
        .map_err(|e| e.to_string())?;
    let connect =
        LongConnection::new(emulator.app_id(), emulator.app_secret()).base_url(emulator.url());
    let mut bot = Bot::start(client, connect).await?;
    let user = Clicker::new(CallbackApp::long_connection(TOKEN)).map_err(|e| e.to_string())?;

    let question = "What is a CardKit entity?";
    say(&format!("emulator: ou_alice asks {question:?}"));
    let asked = user
        .send_message(&emulator, &UserMessage::new("ou_alice", question))
        .await;
    match &asked.delivered {
        Some(delivered) if delivered.status == Some(200) => {}
        other => return Err(format!("the message event was not acknowledged: {other:?}")),
    }
    let done = bot.answered(Duration::from_secs(30)).await?;
    let reply = emulator
        .message(&done.message_id)
        .ok_or("the reply is not stored")?;
    if reply.parent_id.as_deref() != Some(asked.message_id.as_str()) {
        return Err(format!(
            "the card does not reply to the question: {reply:?}"
        ));
    }

    let stored = emulator
        .card_entity(done.entity.card_id())
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
    if stored.history.last().map(|t| t.content.as_str()) != Some(done.text.as_str())
        || done.text != ANSWER
        || stored.card["body"]["elements"][0]["content"] != ANSWER
        || stored.card["header"]["template"] != "blue"
    {
        return Err("the card does not hold the exact answer".into());
    }

    say("emulator: ou_alice clicks \"Helpful\"");
    // By element id: a button's value is the whole `Feedback`, with its `route` tag.
    let click = Click::new(&done.message_id, Button::ElementId("yes".into())).operator("ou_alice");
    let outcome = user
        .click(&emulator, &click)
        .await
        .map_err(|e| e.to_string())?;
    say(&format!(
        "emulator: app answered {:?}, toast {:?}",
        outcome.status,
        outcome.toast.map(|t| t["content"].clone())
    ));
    if outcome.status != Some(200) || outcome.client_error.is_some() {
        return Err("the click was not handled".into());
    }
    if !bot.record_feedback(&done, Duration::from_secs(10)).await? {
        return Err("the click's verdict was lost".into());
    }
    let shown = emulator
        .message(&done.message_id)
        .ok_or("the message vanished")?
        .card["body"]["elements"][1]["content"]
        .clone();
    say(&format!("emulator: ou_alice now sees {shown}"));
    if shown != "Marked helpful by ou_alice" {
        return Err(format!("the card shows {shown}"));
    }
    bot.close().await
}

async fn run_on_feishu(app_id: String, app_secret: String) -> Result<(), String> {
    let domain: Domain = std::env::var("FEISHU_DOMAIN")
        .ok()
        .filter(|v| !v.is_empty())
        .as_deref()
        .unwrap_or("feishu")
        .parse()
        .map_err(|e| format!("FEISHU_DOMAIN: {e}"))?;
    let client = Client::builder(app_id.clone(), app_secret.clone())
        .domain(domain)
        .build()
        .map_err(|e| e.to_string())?;
    let connect = LongConnection::new(app_id, app_secret).domain(domain);
    let mut bot = Bot::start(client, connect).await?;
    say("send the bot a question (in a direct chat, or @ it in a group); waiting 10 minutes");
    let done = bot.answered(Duration::from_secs(600)).await?;
    say("click one of the feedback buttons; waiting 10 minutes");
    let helpful = bot.record_feedback(&done, Duration::from_secs(600)).await?;
    say(&format!("feedback recorded: helpful = {helpful}"));
    bot.close().await
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
        Ok(()) => {
            say("done");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("[streaming_reply] failed: {err}");
            ExitCode::FAILURE
        }
    }
}
