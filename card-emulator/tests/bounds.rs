//! What the emulator remembers is bounded: the oldest messages and `uuid`s are forgotten
//! first, each card is held once, and a remembered `uuid` still answers after its message
//! was forgotten.

mod support;

use card_emulator::{Capacity, Emulator, Limits};
use support::{SEND, card_body, post, token};

async fn emulator(messages: usize, uuids: usize) -> (Emulator, String) {
    let mut capacity = Capacity::default();
    capacity.messages = messages;
    capacity.uuids = uuids;
    let emulator = Emulator::builder()
        .limits(Limits::unlimited())
        .capacity(capacity)
        .start()
        .await
        .unwrap();
    let token = token(&emulator).await;
    (emulator, token)
}

async fn send(emulator: &Emulator, token: &str, uuid: &str) -> String {
    let answer = post(emulator, SEND, Some(token), &card_body(uuid))
        .await
        .json();
    assert_eq!(answer["code"], 0, "{answer}");
    answer["data"]["message_id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_oldest_messages_and_uuids_are_forgotten_beyond_capacity() {
    let (emulator, token) = emulator(10, 5).await;
    let mut ids = Vec::new();
    for i in 0..25 {
        ids.push(send(&emulator, &token, &format!("u-{i}")).await);
    }
    let kept: Vec<String> = emulator
        .messages()
        .into_iter()
        .map(|m| m.message_id)
        .collect();
    assert_eq!(kept, ids[15..], "the newest 10, oldest first");
    assert!(emulator.message(&ids[14]).is_none());
    let stats = emulator.stats();
    assert_eq!(stats.messages_created, 25);
    assert_eq!(stats.messages_evicted, 15);
    assert_eq!(stats.uuids_evicted, 20);

    // A forgotten uuid no longer suppresses a resend (documented on `Capacity::uuids`); a
    // remembered one does.
    assert_ne!(send(&emulator, &token, "u-0").await, ids[0]);
    assert_eq!(send(&emulator, &token, "u-24").await, ids[24]);
}

#[tokio::test]
async fn a_remembered_uuid_answers_with_its_message_after_the_message_was_forgotten() {
    let (emulator, token) = emulator(1, 10).await;
    let first = send(&emulator, &token, "keep-me").await;
    send(&emulator, &token, "other").await;
    assert!(emulator.message(&first).is_none());
    assert_eq!(send(&emulator, &token, "keep-me").await, first);
    let stats = emulator.stats();
    assert_eq!(
        (stats.messages_created, stats.duplicates_suppressed),
        (2, 1)
    );
}

#[tokio::test]
async fn stored_bytes_stop_growing_at_capacity_and_hold_each_card_once() {
    let (emulator, token) = emulator(20, 20).await;
    let card_len = card_body("x")["content"].as_str().unwrap().len();
    for i in 0..20 {
        send(&emulator, &token, &format!("u-{i}")).await;
    }
    let full = emulator.stored_bytes();
    // A message and its uuid entry share the card text: far below two copies per message.
    assert!(
        full < 20 * (2 * card_len + 600),
        "{full} bytes for 20 small cards"
    );
    for i in 20..200 {
        send(&emulator, &token, &format!("u-{i}")).await;
    }
    let later = emulator.stored_bytes();
    // Same count of same-shaped messages; ids grow by at most a few digits.
    assert!(
        later <= full + 20 * 8,
        "{later} bytes after 200 sends vs {full} after 20"
    );
    assert_eq!(emulator.messages().len(), 20);
}
