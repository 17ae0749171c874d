//! Sends the seed card, replies to it in a thread, and updates a shared card in place.
//!
//! ```text
//! cargo run --example send_card
//! ```
//!
//! Without credentials the embedded emulator plays Feishu and the run ends by printing what it
//! recorded. With `FEISHU_APP_ID`, `FEISHU_APP_SECRET` and `FEISHU_RECEIVE_ID` (an `open_id`
//! unless `FEISHU_RECEIVE_ID_TYPE` says `union_id`, `user_id`, `email` or `chat_id`) it sends to
//! real Feishu (`FEISHU_DOMAIN=lark` for Lark).

use std::process::ExitCode;

use card_emulator::Emulator;
use card_runtime::{Client, Domain, ReceiveId, ReceiveIdType, card};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("[send_card] error: {err}");
            let mut source = std::error::Error::source(err.as_ref());
            while let Some(cause) = source {
                eprintln!("[send_card]   caused by: {cause}");
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    // Kept alive until the end of `run`: dropping it stops the emulator.
    let mut emulator = None;
    let (client, to) = match std::env::var("FEISHU_APP_ID") {
        Ok(app_id) => {
            let secret = std::env::var("FEISHU_APP_SECRET")?;
            let kind: ReceiveIdType = std::env::var("FEISHU_RECEIVE_ID_TYPE")
                .unwrap_or_else(|_| "open_id".into())
                .parse()?;
            let domain: Domain = std::env::var("FEISHU_DOMAIN")
                .unwrap_or_else(|_| "feishu".into())
                .parse()?;
            let to = ReceiveId::new(kind, std::env::var("FEISHU_RECEIVE_ID")?);
            (Client::builder(app_id, secret).domain(domain).build()?, to)
        }
        Err(_) => {
            let started = Emulator::start().await?;
            println!(
                "[send_card] no FEISHU_APP_ID: sending to the emulator at {}",
                started.url()
            );
            let client = Client::builder(started.app_id(), started.app_secret())
                .base_url(started.url())
                .build()?;
            emulator = Some(started);
            (client, ReceiveId::open_id("ou_demo_approver"))
        }
    };

    // The seed card: the button's value identifies the approval flow it belongs to.
    let button_id = "162695861xxxx";
    let seed = card! {
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
    };
    let sent = client
        .messages()
        .send_card(to.clone(), &seed)
        .send()
        .await?;
    println!(
        "[send_card] seed card sent: message {} in chat {}",
        sent.message_id, sent.chat_id
    );

    // A reply in a thread under it.
    let note =
        card! { <card><markdown>"发布单 **{button_id}** 已创建，等待审核"</markdown></card> };
    let reply = client
        .messages()
        .reply_card(&sent.message_id, &note)
        .in_thread(true)
        .send()
        .await?;
    println!(
        "[send_card] reply sent in thread: message {}",
        reply.message_id
    );

    // Only a shared card (`update_multi`) can be updated in place for everyone.
    let progress = |done: u32| {
        card! {
            <card update_multi>
                <header template="wathet" title="发布进度"/>
                <div text="已完成 {done}/3 个集群"/>
            </card>
        }
    };
    let board = client.messages().send_card(to, &progress(0)).send().await?;
    for done in 1..=3 {
        client
            .messages()
            .update_card(&board.message_id, &progress(done))
            .send()
            .await?;
    }
    println!(
        "[send_card] progress card {} updated 3 times",
        board.message_id
    );

    if let Some(emulator) = &emulator {
        for message in emulator.messages() {
            println!(
                "[send_card] emulator recorded {} to {} ({} updates): {}",
                message.message_id, message.receive_id, message.updates, message.card
            );
        }
        let current = emulator
            .message(&board.message_id)
            .ok_or("the emulator lost the progress card")?;
        if current.card["elements"][0]["text"]["content"] != "已完成 3/3 个集群" {
            return Err("the progress card was not updated".into());
        }
    }
    Ok(())
}
