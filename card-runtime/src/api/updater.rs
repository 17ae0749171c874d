//! Ordered updates of shared cards: one PATCH at a time per message, the latest card winning.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use crate::card::Card;
use crate::client::Client;
use crate::error::Result;

/// Applies updates to shared cards in the order they were submitted, the latest state winning.
///
/// Two PATCHes of one message sent at once can arrive in either order, so the card can end up
/// showing an older state (a poll whose counts went back). A `CardUpdater` sends one PATCH at
/// a time per message and, when several updates queue up behind one in flight, sends only the
/// newest of them: every waiting caller is answered by the PATCH that carried its card or a
/// newer one.
///
/// The order is the order of the calls to [`update`](Self::update), which registers the card
/// before returning its future. Call it where the state changes (under the same lock, or from
/// one task), then await outside the lock. Clone the updater into every handler: clones share
/// the queues.
///
/// ```no_run
/// use std::sync::Mutex;
/// use card_runtime::{card, CardUpdater, Client};
///
/// # async fn run(client: Client, votes: &Mutex<u32>) -> card_runtime::Result<()> {
/// let updater = CardUpdater::new(&client);
/// let applied = {
///     let mut votes = votes.lock().unwrap();
///     *votes += 1;
///     let count = votes.to_string();
///     let card = card! { <card update_multi><div text={ count }/></card> };
///     updater.update("om_dc13264520392913993dd051dba21dcf", card)
/// };
/// applied.await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct CardUpdater {
    client: Client,
    slots: Arc<Mutex<HashMap<String, Arc<Slot>>>>,
}

impl fmt::Debug for CardUpdater {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pending = self.lock().len();
        f.debug_struct("CardUpdater")
            .field("messages_in_progress", &pending)
            .finish_non_exhaustive()
    }
}

/// One message's newest card and the lock its PATCHes take turns on.
#[derive(Default)]
struct Slot {
    latest: Mutex<Latest>,
    /// Held while a PATCH is in flight; guards the generation last applied.
    patch: tokio::sync::Mutex<u64>,
}

#[derive(Default)]
struct Latest {
    generation: u64,
    card: Option<Card>,
}

impl CardUpdater {
    /// An updater sending through `client`.
    ///
    /// ```
    /// let client = card_runtime::Client::builder("cli_a", "s").build()?;
    /// let updater = card_runtime::CardUpdater::new(&client);
    /// # let _ = updater;
    /// # Ok::<(), card_runtime::Error>(())
    /// ```
    pub fn new(client: &Client) -> Self {
        Self {
            client: client.clone(),
            slots: Arc::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Slot>>> {
        self.slots.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Makes `card` the newest state of `message_id` now, and returns a future that completes
    /// when this card or a newer one has been applied with
    /// [`update_card`](crate::MessagesHandler::update_card).
    ///
    /// # Errors
    ///
    /// The error of the PATCH that carried this card (or a newer one), as for
    /// [`UpdateCard::send`](crate::UpdateCard::send). After a failure the next queued update
    /// sends the newest card again.
    ///
    /// ```no_run
    /// # async fn run(updater: card_runtime::CardUpdater, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// updater.update("om_1", card).await?;
    /// # Ok(()) }
    /// ```
    pub fn update(
        &self,
        message_id: impl Into<String>,
        card: Card,
    ) -> impl Future<Output = Result<()>> + Send + 'static {
        let message_id = message_id.into();
        let slot = self.lock().entry(message_id.clone()).or_default().clone();
        let generation = {
            let mut latest = slot.latest.lock().unwrap_or_else(PoisonError::into_inner);
            latest.generation += 1;
            latest.card = Some(card);
            latest.generation
        };
        let updater = self.clone();
        async move {
            let result = updater.apply(&slot, &message_id, generation).await;
            updater.release(&message_id, slot);
            result
        }
    }

    async fn apply(&self, slot: &Slot, message_id: &str, generation: u64) -> Result<()> {
        let mut applied = slot.patch.lock().await;
        if *applied >= generation {
            // A PATCH carrying a newer card went out while this one waited.
            return Ok(());
        }
        let (newest, card) = {
            let latest = slot.latest.lock().unwrap_or_else(PoisonError::into_inner);
            (latest.generation, latest.card.clone())
        };
        // Registered before this future existed, so present; kept for the next in line.
        let Some(card) = card else { return Ok(()) };
        self.client
            .messages()
            .update_card(message_id, &card)
            .send()
            .await?;
        *applied = newest;
        Ok(())
    }

    /// Forgets the message once nothing is queued for it, so the map does not grow with every
    /// message ever updated.
    fn release(&self, message_id: &str, slot: Arc<Slot>) {
        let mut slots = self.lock();
        // Under the map lock no new update can pick the slot up: the map's reference and this
        // one are the only ones left when nobody else waits.
        if Arc::strong_count(&slot) == 2 {
            slots.remove(message_id);
        }
    }
}
