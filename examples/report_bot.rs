//! A reporting bot: draws a bar chart to PNG, uploads it, sends a card with it to a chat and
//! to several users in one batch, looks up who it reports to, and replies in text.
//!
//! ```text
//! cargo run --example report_bot
//! ```
//!
//! Without credentials the embedded emulator plays Feishu (seeded with a chat, users and a
//! department) and the run ends by printing what it recorded. With `FEISHU_APP_ID`,
//! `FEISHU_APP_SECRET`, `REPORT_CHAT_ID` (`oc_…`) and `REPORT_OPEN_IDS` (comma-separated
//! `ou_…`) it reports to real Feishu (`FEISHU_DOMAIN=lark` for Lark); the app needs the
//! `im:resource`, `im:message:send_as_bot` and `im:message:send_multi_users` scopes.
//! `REPORT_CHART_PATH` also writes the chart to that file.

use std::process::ExitCode;

use card_emulator::{DirectoryUser, Emulator};
use card_runtime::{Client, Domain, ReceiveId, TextMessage, card};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("[report_bot] error: {err}");
            let mut source = std::error::Error::source(err.as_ref());
            while let Some(cause) = source {
                eprintln!("[report_bot]   caused by: {cause}");
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    // Kept alive until the end of `run`: dropping it stops the emulator.
    let mut emulator = None;
    let (client, chat_id, open_ids) = match std::env::var("FEISHU_APP_ID") {
        Ok(app_id) => {
            let secret = std::env::var("FEISHU_APP_SECRET")?;
            let domain: Domain = std::env::var("FEISHU_DOMAIN")
                .unwrap_or_else(|_| "feishu".into())
                .parse()?;
            let chat_id = std::env::var("REPORT_CHAT_ID")?;
            let open_ids: Vec<String> = std::env::var("REPORT_OPEN_IDS")?
                .split(',')
                .map(|id| id.trim().to_owned())
                .filter(|id| !id.is_empty())
                .collect();
            let client = Client::builder(app_id, secret).domain(domain).build()?;
            (client, chat_id, open_ids)
        }
        Err(_) => {
            let started = Emulator::start().await?;
            println!(
                "[report_bot] no FEISHU_APP_ID: reporting to the emulator at {}",
                started.url()
            );
            started.seed_user(
                DirectoryUser::new("ou_ada")
                    .name("Ada")
                    .email("ada@example.com"),
            );
            started.seed_user(DirectoryUser::new("ou_bob").name("Bob"));
            started.seed_user(DirectoryUser::new("ou_cai").name("Cai"));
            started.seed_chat("oc_weekly", ["ou_ada", "ou_bob", "ou_cai"]);
            let client = Client::builder(started.app_id(), started.app_secret())
                .base_url(started.url())
                .build()?;
            emulator = Some(started);
            (
                client,
                "oc_weekly".to_owned(),
                vec!["ou_ada".to_owned(), "ou_bob".to_owned()],
            )
        }
    };

    // 1. The chart: deploys per weekday.
    let deploys = [3u32, 7, 5, 9, 4];
    let png = chart::bar_chart(&deploys, 200, 120);
    if let Ok(path) = std::env::var("REPORT_CHART_PATH") {
        std::fs::write(&path, &png)?;
    }
    let image = client.images().upload(png).dedupe(true).send().await?;
    println!("[report_bot] chart uploaded as {}", image.as_str());

    // 2. One card, to the chat and to each reader in one batch.
    let total: u32 = deploys.iter().sum();
    let card = card! {
        <card>
            <header template="blue" title="Weekly deploys"/>
            <markdown>"**{total}** deploys this week"</markdown>
            <img img_key={image} alt="deploys per weekday"/>
        </card>
    };
    let sent = client
        .messages()
        .send_card(ReceiveId::chat_id(&chat_id), &card)
        .send()
        .await?;
    let batch = client
        .batch()
        .send_card(&card)
        .open_ids(&open_ids)
        .send()
        .await?;
    if !batch.invalid_open_ids.is_empty() {
        println!("[report_bot] not delivered to {:?}", batch.invalid_open_ids);
    }
    let progress = client.batch().progress(&batch.message_id).await?;
    println!(
        "[report_bot] batch {}: {}/{} delivered",
        batch.message_id, progress.success_user_ids_count, progress.valid_user_ids_count
    );

    // 3. A text reply in the chat naming the first reader.
    let reader = client
        .contacts()
        .user(ReceiveId::open_id(&open_ids[0]))
        .await?;
    let reply = TextMessage::new("Details are in the batch sent to ")
        .mention(&reader.open_id, &reader.name)
        .push(" and the others.");
    client
        .messages()
        .reply_text(&sent.message_id, &reply)
        .send()
        .await?;

    if let Some(emulator) = &emulator {
        let stored = emulator
            .message(&sent.message_id)
            .ok_or("the card was not recorded")?;
        let served = emulator
            .image_bytes(image.as_str())
            .ok_or("the chart was not stored")?;
        println!(
            "[report_bot] emulator holds {} messages, {} batch(es), a {}-byte chart; card img_key {}",
            emulator.messages().len(),
            emulator.batches().len(),
            served.len(),
            stored.card["elements"][1]["img_key"],
        );
    }
    Ok(())
}

/// A PNG bar chart drawn pixel by pixel: an RGB image in stored (uncompressed) deflate blocks,
/// so that the example needs no image or compression crate.
mod chart {
    /// Bars of `values` scaled to the tallest, on white, `width` × `height` pixels.
    pub(crate) fn bar_chart(values: &[u32], width: u32, height: u32) -> Vec<u8> {
        let max = values.iter().copied().max().unwrap_or(1).max(1);
        let slot = width / u32::try_from(values.len().max(1)).unwrap_or(1);
        let mut rows = Vec::with_capacity((height * (width * 3 + 1)) as usize);
        for y in 0..height {
            rows.push(0); // filter: none
            for x in 0..width {
                let bar = usize::try_from(x / slot.max(1)).unwrap_or(usize::MAX);
                let inside = x % slot.max(1) >= slot / 5;
                let filled = values.get(bar).is_some_and(|value| {
                    let top = height - height * value / max;
                    inside && y >= top
                });
                rows.extend_from_slice(if filled {
                    &[0x33, 0x70, 0xff]
                } else {
                    &[0xff; 3]
                });
            }
        }
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut header = Vec::new();
        header.extend_from_slice(&width.to_be_bytes());
        header.extend_from_slice(&height.to_be_bytes());
        header.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB
        chunk(&mut png, b"IHDR", &header);
        chunk(&mut png, b"IDAT", &zlib_stored(&rows));
        chunk(&mut png, b"IEND", &[]);
        png
    }

    fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        png.extend_from_slice(&u32::try_from(data.len()).unwrap_or(u32::MAX).to_be_bytes());
        let start = png.len();
        png.extend_from_slice(kind);
        png.extend_from_slice(data);
        let crc = crc32(&png[start..]);
        png.extend_from_slice(&crc.to_be_bytes());
    }

    /// A zlib stream of stored blocks (RFC 1950/1951), at most 65 535 bytes each.
    fn zlib_stored(data: &[u8]) -> Vec<u8> {
        let mut out = vec![0x78, 0x01];
        let blocks: Vec<&[u8]> = data.chunks(65_535).collect();
        for (i, block) in blocks.iter().enumerate() {
            out.push(u8::from(i + 1 == blocks.len()));
            let len = u16::try_from(block.len()).unwrap_or(u16::MAX);
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(&(!len).to_le_bytes());
            out.extend_from_slice(block);
        }
        let (mut a, mut b) = (1u32, 0u32);
        for &byte in data {
            a = (a + u32::from(byte)) % 65_521;
            b = (b + a) % 65_521;
        }
        out.extend_from_slice(&((b << 16) | a).to_be_bytes());
        out
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
}
