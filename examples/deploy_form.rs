//! A deploy request as a card JSON 2.0 form: the approver gets a card with a reason input, an
//! environment select, a date picker and a submit button. The submit comes back as a typed
//! struct; an empty reason is answered with an error toast (the card stays, so the approver can
//! fill it in), a good one schedules the deploy and replaces the card.
//!
//! ```text
//! cargo run --example deploy_form
//! ```
//!
//! By default the embedded emulator plays Feishu and the approver, who first submits without a
//! reason, then with one; the run ends by itself (exit code 0 when every step checked out).
//! With `FEISHU_APP_ID` and `FEISHU_APP_SECRET` set it runs against real Feishu and waits for
//! the real submit:
//!
//! | variable | meaning |
//! |---|---|
//! | `FEISHU_APP_ID`, `FEISHU_APP_SECRET` | the self-built app's credentials |
//! | `FEISHU_RECEIVE_ID` | the approver's `open_id` (required with credentials) |
//! | `FEISHU_VERIFICATION_TOKEN` | the app's Verification Token (required with credentials) |
//! | `FEISHU_ENCRYPT_KEY` | the app's Encrypt Key, if one is set in the console |
//! | `FEISHU_DOMAIN` | `feishu` (default) or `lark` |
//! | `CALLBACK_LISTEN` | where the callback server listens (default `127.0.0.1:3000`); expose it as the app's card callback URL, path `/feishu/callback` |

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use card_emulator::{CallbackApp, Click, Clicker, Emulator, Submit};
use card_runtime::callback::axum::post_handler;
use card_runtime::callback::{
    ActionContext, CallbackConfig, CallbackEndpoint, CallbackResponse, CardValue, Dispatcher,
    Handlers, Route, Toast,
};
use card_runtime::markdown::Mention;
use card_runtime::{Card, Client, Domain, ReceiveId, card};
use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// What the submit button carries: which request the form belongs to.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "route", rename = "deploy")]
struct SubmitDeploy {
    request: u32,
}

impl CardValue for SubmitDeploy {
    const ROUTE: Route = Route::tag("deploy");
}

/// The form as the approver filled it; the field names are the components' `name`s. An input
/// left empty is not in `form_value`, hence the `Option`.
#[derive(Debug, Deserialize)]
struct DeployForm {
    reason: Option<String>,
    env: String,
    /// `yyyy-MM-dd ±HHMM`, the approver's offset after the date.
    day: String,
}

/// A deploy waiting for approval, or scheduled.
#[derive(Debug, Clone)]
struct Request {
    service: String,
    scheduled: Option<Scheduled>,
}

#[derive(Debug, Clone, PartialEq)]
struct Scheduled {
    env: String,
    day: String,
    reason: String,
    by: String,
}

/// The deploy requests by id, and a signal for each one scheduled.
#[derive(Debug, Default)]
struct Deploys {
    requests: Mutex<HashMap<u32, Request>>,
    scheduled: Notify,
}

impl Deploys {
    fn create(&self, service: &str) -> u32 {
        let mut requests = self.requests.lock().unwrap();
        let id = u32::try_from(requests.len()).unwrap_or(u32::MAX) + 1;
        let request = Request {
            service: service.to_owned(),
            scheduled: None,
        };
        requests.insert(id, request);
        id
    }

    fn get(&self, id: u32) -> Option<Request> {
        self.requests.lock().unwrap().get(&id).cloned()
    }

    fn schedule(&self, id: u32, scheduled: Scheduled) -> Option<Request> {
        let mut requests = self.requests.lock().unwrap();
        let request = requests.get_mut(&id)?;
        request.scheduled = Some(scheduled);
        self.scheduled.notify_one();
        Some(request.clone())
    }
}

/// The form the approver fills. `reason` is not `required`: Feishu would then block an empty
/// submit on the client, and this bot shows its own answer instead.
fn request_card(id: u32, service: &str) -> Card {
    let submit = SubmitDeploy { request: id };
    card! {
        <card schema="2.0">
            <header template="blue">"Deploy request #{id}"</header>
            <markdown>"**{service}** is ready to deploy. Pick where and when."</markdown>
            <form name="deploy">
                <input name="reason" placeholder="Why deploy now?" max_length=200/>
                <select_static name="env" required placeholder="Environment" initial_option="staging">
                    <option value="staging">"staging"</option>
                    <option value="prod">"production"</option>
                </select_static>
                <date_picker name="day" required placeholder="Day"/>
                <button name="submit" type="primary" form_action_type="submit"
                        behaviors=[{ "type": "callback", "value": {submit} }]>
                    "Schedule"
                </button>
            </form>
        </card>
    }
}

/// What replaces the form once the deploy is scheduled (2.0 over 2.0, as Feishu requires).
fn scheduled_card(id: u32, service: &str, scheduled: &Scheduled) -> Card {
    let Scheduled {
        env,
        day,
        reason,
        by,
    } = scheduled;
    // A mention, not `<at id={by}>` in the text: interpolated values are escaped as text, so the
    // id would not reach Feishu intact. An id that is not a plain open id is shown as text.
    let approver = Mention::open_id(by.clone());
    card! {
        <card schema="2.0">
            <header template="green">"Deploy #{id} scheduled"</header>
            <markdown>"**{service}** goes to **{env}** on {day}."</markdown>
            match approver {
                Ok(mention) => { <markdown>"Reason: {reason}. Approved by {mention}."</markdown> }
                Err(_) => { <markdown>"Reason: {reason}. Approved by {by}."</markdown> }
            }
        </card>
    }
}

fn handlers(deploys: Arc<Deploys>) -> Handlers {
    Handlers::new().on_form(
        move |submit: SubmitDeploy, form: DeployForm, cx: ActionContext| {
            let deploys = Arc::clone(&deploys);
            async move {
                let Some(request) = deploys.get(submit.request) else {
                    return CallbackResponse::toast(Toast::error("Unknown deploy request"));
                };
                let reason = form.reason.unwrap_or_default();
                if reason.trim().is_empty() {
                    say(&format!(
                        "request #{}: no reason given; error toast",
                        submit.request
                    ));
                    return CallbackResponse::toast(Toast::error("Give a reason for the deploy"));
                }
                // The picker sends the day with the approver's offset; the date is what counts.
                let day = form.day.split(' ').next().unwrap_or_default().to_owned();
                let scheduled = Scheduled {
                    env: form.env,
                    day,
                    reason: reason.trim().to_owned(),
                    by: cx.operator().open_id.clone(),
                };
                say(&format!(
                    "request #{}: scheduled {scheduled:?}",
                    submit.request
                ));
                deploys.schedule(submit.request, scheduled.clone());
                let card = scheduled_card(submit.request, &request.service, &scheduled);
                CallbackResponse::card(card).with_toast(Toast::success("Deploy scheduled"))
            }
        },
    )
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

fn say(line: &str) {
    println!("[deploy_form] {line}");
}

async fn run_on_emulator() -> Result<(), String> {
    say("no FEISHU_APP_ID: the emulator plays Feishu and the approver");
    let token = "deploy-demo-verification-token";
    let emulator = Emulator::start().await.map_err(|err| err.to_string())?;
    let client = Client::builder(emulator.app_id(), emulator.app_secret())
        .base_url(emulator.url())
        .build()
        .map_err(|err| err.to_string())?;
    let deploys = Arc::new(Deploys::default());
    let dispatcher = Dispatcher::new(handlers(Arc::clone(&deploys))).map_err(|e| e.to_string())?;
    let endpoint = CallbackEndpoint::new(CallbackConfig::new(token), dispatcher);
    // The server lives as long as the process: the run ends when every step checked out.
    let listen = SocketAddr::from(([127, 0, 0, 1], 0));
    let (addr, _server) = serve(endpoint, listen, std::future::pending())
        .await
        .map_err(|err| err.to_string())?;
    let clicker = Clicker::new(CallbackApp::new(
        format!("http://{addr}/feishu/callback"),
        token,
    ))
    .map_err(|err| err.to_string())?;

    let approver = "ou_approver_demo";
    let id = deploys.create("checkout-service");
    let sent = client
        .messages()
        .send_card(
            ReceiveId::open_id(approver),
            &request_card(id, "checkout-service"),
        )
        .send()
        .await
        .map_err(|err| format!("send failed: {err}"))?;
    say(&format!(
        "form sent to {approver} as message {}",
        sent.message_id
    ));

    // First the approver picks production and a day but gives no reason.
    let empty = Submit::new()
        .field("env", "prod")
        .field("day", "2026-12-24");
    let outcome = clicker
        .click(&emulator, &Click::submit(&sent.message_id, empty))
        .await
        .map_err(|err| err.to_string())?;
    say(&format!(
        "emulator: submit without a reason sent {}",
        outcome.action
    ));
    let toast = outcome.toast.ok_or("no toast for an empty reason")?;
    if toast["type"] != "error" || outcome.card_replaced {
        return Err(format!(
            "an empty reason must get an error toast only: {toast}"
        ));
    }
    say(&format!(
        "emulator: the approver sees the toast {}",
        toast["content"]
    ));

    // Then with a reason: the deploy is scheduled and the card replaced.
    let good = Submit::new()
        .field("reason", "fixes the payment timeout")
        .field("env", "prod")
        .field("day", "2026-12-24");
    let outcome = clicker
        .click(&emulator, &Click::submit(&sent.message_id, good))
        .await
        .map_err(|err| err.to_string())?;
    if !outcome.card_replaced || outcome.client_error.is_some() {
        return Err(format!("the submit was not answered properly: {outcome:?}"));
    }
    let expected = Scheduled {
        env: "prod".into(),
        day: "2026-12-24".into(),
        reason: "fixes the payment timeout".into(),
        by: approver.into(),
    };
    let request = deploys.get(id).ok_or("the request vanished")?;
    if request.scheduled.as_ref() != Some(&expected) {
        return Err(format!(
            "the request was not scheduled as submitted: {request:?}"
        ));
    }
    let shown = emulator
        .message(&sent.message_id)
        .ok_or("message vanished")?
        .card;
    if shown != *scheduled_card(id, &request.service, &expected) {
        return Err(format!(
            "the approver does not see the scheduled card: {shown}"
        ));
    }
    say(&format!(
        "emulator: the approver now sees {}",
        shown["header"]["title"]["content"]
    ));
    say("done");
    Ok(())
}

async fn run_on_feishu(app_id: String, app_secret: String) -> Result<(), String> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let approver = env("FEISHU_RECEIVE_ID").ok_or("FEISHU_RECEIVE_ID is required")?;
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
    let deploys = Arc::new(Deploys::default());
    let dispatcher = Dispatcher::new(handlers(Arc::clone(&deploys))).map_err(|e| e.to_string())?;
    // The server stops once the deploy is scheduled, after answering that submit.
    let scheduled = Arc::clone(&deploys);
    let shutdown = async move { scheduled.scheduled.notified().await };
    let (addr, server) = serve(CallbackEndpoint::new(config, dispatcher), listen, shutdown)
        .await
        .map_err(|err| format!("cannot listen on {listen}: {err}"))?;
    say(&format!(
        "callback server listening on http://{addr}/feishu/callback"
    ));
    let id = deploys.create("checkout-service");
    let sent = client
        .messages()
        .send_card(
            ReceiveId::open_id(&approver),
            &request_card(id, "checkout-service"),
        )
        .send()
        .await
        .map_err(|err| format!("send failed: {err}"))?;
    say(&format!(
        "form sent as message {}; waiting for the submit",
        sent.message_id
    ));
    tokio::time::timeout(Duration::from_secs(3600), server)
        .await
        .map_err(|_| "no submit within an hour".to_owned())?
        .map_err(|err| format!("callback server task: {err}"))?
        .map_err(|err| format!("callback server: {err}"))?;
    say(&format!("request #{id}: {:?}", deploys.get(id)));
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
            eprintln!("[deploy_form] failed: {err}");
            ExitCode::FAILURE
        }
    }
}
