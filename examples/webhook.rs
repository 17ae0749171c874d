//! Posts a card to a group through a custom bot's webhook, signed when the bot has a secret.
//!
//! ```text
//! cargo run --example webhook
//! ```
//!
//! Without `FEISHU_WEBHOOK_URL` the embedded emulator serves a signed webhook and the run ends by
//! printing what it recorded. With `FEISHU_WEBHOOK_URL` (and `FEISHU_WEBHOOK_SECRET` if signing is
//! enabled on the bot) it posts to the real group.

use std::process::ExitCode;

use card_emulator::Emulator;
use card_runtime::{Webhook, card};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("[webhook] error: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    // Kept alive until the end of `run`: dropping it stops the emulator.
    let mut emulator = None;
    let webhook = match std::env::var("FEISHU_WEBHOOK_URL") {
        Ok(url) => match std::env::var("FEISHU_WEBHOOK_SECRET") {
            Ok(secret) => Webhook::new(url).secret(secret),
            Err(_) => Webhook::new(url),
        },
        Err(_) => {
            let started = Emulator::builder()
                .webhook("release-bot", Some("demo-signing-secret"))
                .start()
                .await?;
            let url = started.webhook_url("release-bot");
            println!("[webhook] no FEISHU_WEBHOOK_URL: posting to the emulator at {url}");
            emulator = Some(started);
            Webhook::new(url).secret("demo-signing-secret")
        }
    };

    let version = "v2.4.0";
    let changes = ["发布审核流程接入飞书卡片", "修复回调重复投递"];
    // Webhook cards can only open links: no callbacks, no updates.
    let card = card! {
        <card>
            <header template="green" title="{version} 已发布"/>
            <div>
                for change in &changes {
                    <field is_short=false><lark_md>"- {change}"</lark_md></field>
                }
            </div>
            <action>
                <button type="primary" url="https://example.com/releases/v2.4.0">"查看发布说明"</button>
            </action>
        </card>
    };
    webhook.send_card(&card).await?;
    println!("[webhook] card posted");

    if let Some(emulator) = &emulator {
        let recorded = emulator.messages();
        let message = recorded.first().ok_or("the emulator recorded nothing")?;
        println!(
            "[webhook] emulator recorded {} via {}: {}",
            message.message_id, message.receive_id_type, message.card
        );
    }
    Ok(())
}
