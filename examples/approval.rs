//! The seed scenario: an approval service sends the approver a card whose button carries a
//! value unique to the flow; the click comes back to the callback URL, is matched to its flow,
//! and the flow is marked done with a toast and a replaced card.
//!
//! ```text
//! cargo run --example approval
//! ```
//!
//! By default the embedded emulator plays Feishu and the approver, and the run ends by itself
//! (exit code 0 when every step checked out). With `FEISHU_APP_ID` and `FEISHU_APP_SECRET` set
//! it runs against real Feishu and waits for the real click:
//!
//! | variable | meaning |
//! |---|---|
//! | `FEISHU_APP_ID`, `FEISHU_APP_SECRET` | the self-built app's credentials |
//! | `FEISHU_RECEIVE_ID` | the approver (required with credentials) |
//! | `FEISHU_RECEIVE_ID_TYPE` | `open_id` (default), `union_id`, `user_id`, `email` or `chat_id` |
//! | `FEISHU_VERIFICATION_TOKEN` | the app's Verification Token (required with credentials) |
//! | `FEISHU_ENCRYPT_KEY` | the app's Encrypt Key, if one is set in the console |
//! | `FEISHU_DOMAIN` | `feishu` (default) or `lark` |
//! | `CALLBACK_LISTEN` | where the callback server listens (default `127.0.0.1:3000`); expose it as the app's card callback URL, path `/feishu/callback`, through your reverse proxy or tunnel |

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use card_emulator::{Button, CallbackApp, Click, Clicker, Emulator};
use card_runtime::callback::axum::post_handler;
use card_runtime::callback::{
    ActionContext, CallbackConfig, CallbackEndpoint, CallbackResponse, CardValue, Dispatcher,
    Envelope, Handlers, Route, Toast,
};
use card_runtime::{Card, Client, Domain, ReceiveId, ReceiveIdType, card};
use serde::Deserialize;
use serde_json::json;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// The value every seed button carries.
#[derive(Debug, Deserialize)]
struct PublishButton {
    button_type: String,
    button_id: String,
}

/// The seed card's buttons route on the `button_type` they already carry, so the card stays
/// the seed document's byte for byte.
impl CardValue for PublishButton {
    const ROUTE: Route = Route::new("button_type", &["public_publish"]);
}

#[derive(Debug, Clone, PartialEq)]
enum Status {
    Pending,
    Done { by: String },
}

#[derive(Debug, Clone)]
struct Flow {
    title: String,
    approver: String,
    status: Status,
}

/// What a click did to its flow.
enum Completion {
    /// No flow has this button id.
    Unknown,
    /// The flow was done before (an earlier click); nothing changed.
    AlreadyDone(Flow),
    /// This click completed the flow.
    Completed(Flow),
}

/// The approval system: flows by button id, and a signal for each flow completed.
#[derive(Debug, Default)]
struct Approvals {
    flows: Mutex<HashMap<String, Flow>>,
    sequence: AtomicU32,
    done: Notify,
}

impl Approvals {
    /// Creates a flow; its button id is unique per flow (milliseconds + a sequence number,
    /// in the seed's 13-digit style).
    fn create(&self, title: &str, approver: &str) -> String {
        let millis = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        let n = self.sequence.fetch_add(1, Ordering::Relaxed);
        let button_id = format!("{}", millis + u128::from(n));
        let flow = Flow {
            title: title.to_owned(),
            approver: approver.to_owned(),
            status: Status::Pending,
        };
        self.flows.lock().unwrap().insert(button_id.clone(), flow);
        say(&format!(
            "flow {button_id} created: 「{title}」, approver {approver}"
        ));
        button_id
    }

    /// Marks the flow of a clicked button done by `by`, unless it already was.
    fn complete(&self, button_id: &str, by: &str) -> Completion {
        let mut flows = self.flows.lock().unwrap();
        let Some(flow) = flows.get_mut(button_id) else {
            return Completion::Unknown;
        };
        if flow.status != Status::Pending {
            return Completion::AlreadyDone(flow.clone());
        }
        flow.status = Status::Done { by: by.to_owned() };
        Completion::Completed(flow.clone())
    }

    fn status(&self, button_id: &str) -> Option<Status> {
        self.flows
            .lock()
            .unwrap()
            .get(button_id)
            .map(|f| f.status.clone())
    }
}

/// The seed's card, exactly.
fn seed_card(button_id: &str) -> Card {
    card! {
        <card>
            <i18n lang="zh_cn">
                <div text="发布审核："/>
                <action>
                    <button type="primary" value={ "button_type": "public_publish", "button_id": button_id }>
                        "完成「全量发布」"
                    </button>
                </action>
            </i18n>
        </card>
    }
}

/// The card that replaces the seed card once its flow is done (same 1.0 schema, same locale).
fn done_card(flow: &Flow, button_id: &str, by: &str) -> Card {
    let title = &flow.title;
    card! {
        <card>
            <i18n lang="zh_cn">
                <div text="发布审核：「{title}」已完成"/>
                <div text="流程 {button_id}，操作人 {by}"/>
            </i18n>
        </card>
    }
}

fn router(approvals: Arc<Approvals>) -> Handlers {
    Handlers::new().on(move |value: PublishButton, cx: ActionContext| {
        let approvals = Arc::clone(&approvals);
        async move {
            let by = cx.operator().open_id.clone();
            say(&format!(
                "callback ({:?}) from {by}: {} {} on message {}",
                cx.envelope(),
                value.button_type,
                value.button_id,
                cx.open_message_id()
            ));
            match approvals.complete(&value.button_id, &by) {
                Completion::Unknown => {
                    say(&format!("  no flow has button {}", value.button_id));
                    Toast::error("未知的审批流程")
                        .i18n("en_us", "unknown approval flow")
                        .into()
                }
                Completion::AlreadyDone(flow) => {
                    say(&format!(
                        "  flow 「{}」 was already done; toast only",
                        flow.title
                    ));
                    Toast::info("该流程已完成")
                        .i18n("en_us", "already done")
                        .into()
                }
                Completion::Completed(flow) => {
                    say(&format!(
                        "  flow {} (approver {}) marked done by {by}",
                        value.button_id, flow.approver
                    ));
                    approvals.done.notify_one();
                    CallbackResponse::card(done_card(&flow, &value.button_id, &by)).with_toast(
                        Toast::success(format!("「{}」已完成", flow.title)).i18n("en_us", "done"),
                    )
                }
            }
        }
    })
}

/// Serves the callback endpoint at `listen` until `shutdown` completes; requests in flight then
/// still get their answers before the server task ends.
async fn serve(
    endpoint: CallbackEndpoint,
    listen: SocketAddr,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<(SocketAddr, JoinHandle<std::io::Result<()>>)> {
    let app = axum::Router::new().route("/feishu/callback", post_handler(Arc::new(endpoint)));
    let listener = TcpListener::bind(listen).await?;
    let addr = listener.local_addr()?;
    let server = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
    });
    Ok((addr, server))
}

/// The seed document's card, byte for byte apart from the button id.
fn check_seed(card: &Card, button_id: &str) -> Result<(), String> {
    let seed = r#"{"i18n_elements":{"zh_cn":[{"tag":"div","text":{"content":"发布审核：","tag":"plain_text"}},{"tag":"action","actions":[{"tag":"button","text":{"tag":"plain_text","content":"完成「全量发布」"},"value":{"button_type":"public_publish","button_id":"162695861xxxx"},"type":"primary"}]}]}}"#;
    let mut expected: serde_json::Value =
        serde_json::from_str(seed).map_err(|err| err.to_string())?;
    expected["i18n_elements"]["zh_cn"][1]["actions"][0]["value"]["button_id"] = json!(button_id);
    if *card != expected {
        return Err(format!("the card differs from the seed: {card}"));
    }
    say("card JSON is the seed's, with this flow's button_id");
    Ok(())
}

fn say(line: &str) {
    println!("[approval] {line}");
}

/// One flow end to end on the emulator, with the given callback generation.
async fn emulated_flow(
    emulator: &Emulator,
    client: &Client,
    clicker: &Clicker,
    approvals: &Approvals,
    title: &str,
    generation: Envelope,
) -> Result<(), String> {
    let approver = "ou_approver_demo";
    let button_id = approvals.create(title, approver);
    let card = seed_card(&button_id);
    check_seed(&card, &button_id)?;
    let sent = client
        .messages()
        .send_card(ReceiveId::open_id(approver), &card)
        .send()
        .await
        .map_err(|err| format!("send failed: {err}"))?;
    say(&format!(
        "card sent to {approver} as message {}",
        sent.message_id
    ));
    let value = json!({"button_type": "public_publish", "button_id": button_id});
    say(&format!(
        "emulator: {approver} clicks 「完成「全量发布」」 ({generation:?} callback)"
    ));
    let click = Click::new(&sent.message_id, Button::Value(value)).generation(generation);
    let outcome = clicker
        .click(emulator, &click)
        .await
        .map_err(|err| err.to_string())?;
    say(&format!(
        "emulator: app answered {:?}; toast {}; card replaced: {}",
        outcome.status,
        outcome
            .toast
            .as_ref()
            .map_or("none".into(), |t| t["content"].to_string()),
        outcome.card_replaced
    ));
    let stored = emulator
        .message(&sent.message_id)
        .ok_or("message vanished")?;
    let shown = stored.card["i18n_elements"]["zh_cn"][0]["text"]["content"].clone();
    say(&format!("emulator: the approver now sees {shown}"));
    if approvals.status(&button_id)
        != Some(Status::Done {
            by: approver.into(),
        })
    {
        return Err(format!("flow {button_id} is not done"));
    }
    if !outcome.card_replaced || outcome.client_error.is_some() {
        return Err(format!("the click was not answered properly: {outcome:?}"));
    }
    Ok(())
}

async fn run_on_emulator() -> Result<(), String> {
    say("no FEISHU_APP_ID: the emulator plays Feishu and the approver");
    let token = "approval-demo-verification-token";
    let key = "approval-demo-encrypt-key";
    let emulator = Emulator::start().await.map_err(|err| err.to_string())?;
    say(&format!("emulator at {}", emulator.url()));
    let client = Client::builder(emulator.app_id(), emulator.app_secret())
        .base_url(emulator.url())
        .build()
        .map_err(|err| err.to_string())?;
    let approvals = Arc::new(Approvals::default());
    let endpoint = CallbackEndpoint::new(
        CallbackConfig::new(token).encrypt_key(key),
        Dispatcher::new(router(Arc::clone(&approvals))).unwrap(),
    );
    // The server lives as long as the process: the run ends when every flow checked out.
    let (addr, _server) = serve(
        endpoint,
        SocketAddr::from(([127, 0, 0, 1], 0)),
        std::future::pending(),
    )
    .await
    .map_err(|err| err.to_string())?;
    let url = format!("http://{addr}/feishu/callback");
    say(&format!("callback server at {url}"));
    let clicker = Clicker::new(CallbackApp::new(&url, token).encrypt_key(key))
        .map_err(|err| err.to_string())?;
    if !clicker.verify_url().await.map_err(|err| err.to_string())? {
        return Err("URL verification failed".into());
    }
    say("emulator: callback URL verified (encrypted challenge echoed)");
    emulated_flow(
        &emulator,
        &client,
        &clicker,
        &approvals,
        "全量发布",
        Envelope::Schema2,
    )
    .await?;
    emulated_flow(
        &emulator,
        &client,
        &clicker,
        &approvals,
        "灰度发布",
        Envelope::Legacy,
    )
    .await?;
    say(&format!(
        "toasts the approver saw: {}",
        clicker.toasts().len()
    ));
    say("all flows done");
    Ok(())
}

async fn run_on_feishu(app_id: String, app_secret: String) -> Result<(), String> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let receive_id = env("FEISHU_RECEIVE_ID").ok_or("FEISHU_RECEIVE_ID is required")?;
    let kind: ReceiveIdType = env("FEISHU_RECEIVE_ID_TYPE")
        .as_deref()
        .unwrap_or("open_id")
        .parse()
        .map_err(|err| format!("FEISHU_RECEIVE_ID_TYPE: {err}"))?;
    let token = env("FEISHU_VERIFICATION_TOKEN").ok_or("FEISHU_VERIFICATION_TOKEN is required")?;
    let listen: SocketAddr = env("CALLBACK_LISTEN")
        .unwrap_or_else(|| "127.0.0.1:3000".into())
        .parse()
        .map_err(|err| format!("CALLBACK_LISTEN: {err}"))?;
    let domain: Domain = env("FEISHU_DOMAIN")
        .as_deref()
        .unwrap_or("feishu")
        .parse()
        .map_err(|err| format!("FEISHU_DOMAIN: {err}"))?;
    let mut config = CallbackConfig::new(token);
    if let Some(key) = env("FEISHU_ENCRYPT_KEY") {
        config = config.encrypt_key(key);
    }
    let client = Client::builder(app_id, app_secret)
        .domain(domain)
        .build()
        .map_err(|err| err.to_string())?;
    let approvals = Arc::new(Approvals::default());
    // The server stops once a flow is completed, after answering that click.
    let completed = Arc::clone(&approvals);
    let (addr, server) = serve(
        CallbackEndpoint::new(
            config,
            Dispatcher::new(router(Arc::clone(&approvals))).unwrap(),
        ),
        listen,
        async move { completed.done.notified().await },
    )
    .await
    .map_err(|err| format!("cannot listen on {listen}: {err}"))?;
    say(&format!(
        "callback server listening on http://{addr}/feishu/callback"
    ));
    let button_id = approvals.create("全量发布", &receive_id);
    let card = seed_card(&button_id);
    check_seed(&card, &button_id)?;
    let sent = client
        .messages()
        .send_card(ReceiveId::new(kind, &receive_id), &card)
        .send()
        .await
        .map_err(|err| format!("send failed: {err}"))?;
    say(&format!(
        "card sent as message {}; waiting for the approver's click",
        sent.message_id
    ));
    // Feishu keeps a card interactive for 30 days; an hour is plenty for a demo.
    tokio::time::timeout(Duration::from_secs(3600), server)
        .await
        .map_err(|_| "no click within an hour".to_owned())?
        .map_err(|err| format!("callback server task: {err}"))?
        .map_err(|err| format!("callback server: {err}"))?;
    say(&format!(
        "flow {button_id}: {:?}",
        approvals.status(&button_id)
    ));
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
            eprintln!("[approval] failed: {err}");
            ExitCode::FAILURE
        }
    }
}
