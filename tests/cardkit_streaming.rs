//! 10,000 small deltas pushed as fast as possible into 20 streaming cards at once, under
//! Feishu's limits: every card ends with exactly its full text, nothing is refused for rate or
//! sequence, and each card's writes are counted.

use card_runtime::StreamingCard;

mod cardkit_support;
use cardkit_support::{setup, streaming_card};

const CARDS: usize = 20;
const DELTAS: usize = 10_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_deltas_into_twenty_cards_arrive_exactly() {
    let (emulator, client, _) = setup().await;
    let mut writers = Vec::new();
    for _ in 0..CARDS {
        let entity = client.cardkit().create(&streaming_card()).await.unwrap();
        writers.push(StreamingCard::new(entity, "answer").unwrap());
    }
    let mut expected = vec![String::new(); CARDS];
    for i in 0..DELTAS {
        let card = i % CARDS;
        let delta = format!("w{i} ");
        writers[card].push(&delta).unwrap();
        expected[card].push_str(&delta);
        if i % 200 == 199 {
            // Bursts of 200 over about half a second, as a model's tokens arrive: writes
            // are in flight while pushes continue (a pace for the producer, not a wait).
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    }
    let mut finishing = Vec::new();
    for writer in writers {
        let card_id = writer.entity().card_id().to_owned();
        finishing.push(tokio::spawn(async move {
            (card_id, writer.finish(Some("done")).await)
        }));
    }
    let mut writes = Vec::new();
    for (card, task) in finishing.into_iter().enumerate() {
        let (card_id, stats) = task.await.unwrap();
        let stats = stats.unwrap();
        let stored = emulator.card_entity(&card_id).unwrap();
        assert_eq!(
            stored.card["body"]["elements"][0]["content"],
            expected[card].as_str()
        );
        assert_eq!(stored.history.last().unwrap().content, expected[card]);
        // Each stored text extends the one before: the client types on, never restarts.
        for pair in stored.history.windows(2) {
            assert!(pair[1].content.starts_with(&pair[0].content));
        }
        assert!(!stored.streaming);
        assert_eq!(stats.pushes, (DELTAS / CARDS) as u64);
        assert!(stats.writes >= 1 && stats.writes < stats.pushes);
        writes.push(stats.writes);
    }
    assert!(
        emulator.cardkit_refusals().is_empty(),
        "{:?}",
        emulator.cardkit_refusals()
    );
    let stats = emulator.stats();
    assert_eq!(stats.app_rate_limited, 0);
    println!("writes per card: {writes:?}");
}
