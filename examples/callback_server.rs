//! A card callback server with axum: typed button values, toasts, replacement cards, and slow
//! work finished with a delayed update after the answer has gone out.
//!
//! ```text
//! FEISHU_VERIFICATION_TOKEN=... [FEISHU_ENCRYPT_KEY=...] [CALLBACK_LISTEN=127.0.0.1:3000] \
//! [FEISHU_APP_ID=... FEISHU_APP_SECRET=...] cargo run --example callback_server
//! ```
//!
//! Set the app's card callback URL to `https://<your host>/feishu/callback` (behind a reverse
//! proxy or tunnel). Without credentials the delayed update is skipped and logged. Try it
//! offline with the emulator binary:
//! `cargo run -p card-emulator --bin feishu-emulator -- --callback-url http://127.0.0.1:3000/feishu/callback --verification-token <same token>`,
//! then `POST /_emulator/click`.

use std::net::SocketAddr;
use std::sync::Arc;

use card_runtime::callback::axum::post_handler;
use card_runtime::callback::{
    ActionContext, CallbackConfig, CallbackEndpoint, CallbackResponse, CardValue, Dispatcher,
    Handlers, Route, Toast,
};
use card_runtime::{Card, Client, card};
use serde::Deserialize;

/// What the buttons of a leave-approval card carry: `value={ApprovalAction::Approve { id }}`.
#[derive(Debug, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
enum ApprovalAction {
    Approve {
        id: u64,
    },
    Decline {
        id: u64,
    },
    /// Regenerating the report takes longer than Feishu's 3-second deadline.
    Regenerate {
        id: u64,
    },
}

/// The enum's serde tag is the route: each variant's name is one tag of it.
impl CardValue for ApprovalAction {
    const ROUTE: Route = Route::new("action", &["approve", "decline", "regenerate"]);
}

fn decided(id: u64, verdict: &str, by: &str) -> Card {
    card! {
        <card>
            <header template="green" title="休假申请 #{id}"/>
            <div text="{verdict}（{by}）"/>
        </card>
    }
}

fn router(client: Option<Client>) -> Handlers {
    Handlers::new()
        .on(move |action: ApprovalAction, cx: ActionContext| {
            let client = client.clone();
            async move {
                let by = cx.operator().open_id.clone();
                match action {
                    ApprovalAction::Approve { id } => {
                        CallbackResponse::card(decided(id, "已批准", &by))
                            .with_toast(Toast::success("已批准").i18n("en_us", "Approved"))
                    }
                    ApprovalAction::Decline { id } => {
                        CallbackResponse::card(decided(id, "已拒绝", &by))
                            .with_toast(Toast::warning("已拒绝").i18n("en_us", "Declined"))
                    }
                    ApprovalAction::Regenerate { id } => {
                        let token = cx.token().to_owned();
                        // Runs after the answer below has been sent (a delayed update made
                        // before it would be reverted by Feishu).
                        cx.defer(async move {
                            let card = decided(id, "报告已重新生成", &by);
                            match client {
                                Some(client) => {
                                    let result = client
                                        .messages()
                                        .delay_update(token, &card)
                                        .open_ids([by])
                                        .send()
                                        .await;
                                    println!("delayed update for #{id}: {result:?}");
                                }
                                None => {
                                    println!("no credentials: skipped the delayed update for #{id}")
                                }
                            }
                        });
                        Toast::info("正在生成…")
                            .i18n("en_us", "Working on it…")
                            .into()
                    }
                }
            }
        })
        .fallback(|cx: ActionContext| async move {
            println!(
                "unhandled {} action: {}",
                cx.action().action.tag,
                cx.value()
            );
            Toast::error("不支持的操作")
        })
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let token = env("FEISHU_VERIFICATION_TOKEN").ok_or("set FEISHU_VERIFICATION_TOKEN")?;
    let mut config = CallbackConfig::new(token);
    if let Some(key) = env("FEISHU_ENCRYPT_KEY") {
        config = config.encrypt_key(key);
    }
    let client = match (env("FEISHU_APP_ID"), env("FEISHU_APP_SECRET")) {
        (Some(id), Some(secret)) => Some(Client::builder(id, secret).build()?),
        _ => None,
    };
    let endpoint = Arc::new(CallbackEndpoint::new(
        config,
        Dispatcher::new(router(client)).unwrap(),
    ));
    let app = axum::Router::new().route("/feishu/callback", post_handler(endpoint));
    let listen: SocketAddr = env("CALLBACK_LISTEN")
        .unwrap_or_else(|| "127.0.0.1:3000".into())
        .parse()?;
    let listener = tokio::net::TcpListener::bind(listen).await?;
    println!(
        "card callbacks: POST http://{}/feishu/callback",
        listener.local_addr()?
    );
    // Not `axum::serve`: this one cuts slow headers, idle connections and stalled bodies.
    card_runtime::callback::axum::serve(listener, app).await?;
    Ok(())
}
