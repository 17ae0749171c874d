//! CardKit card entities (reference Part B): creation, the per-card `sequence`, `uuid`
//! dedupe, ten operations per second per card, streaming that closes ten minutes after it was
//! switched on, refusal while a click is being handled, send-once, and the history of every
//! streamed text. The element edits themselves live in `cardkit_edit`.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{MutexGuard, PoisonError};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::cardkit_edit::{self, Edit};
use crate::ops::{Reject, check_card};
use crate::state::EmulatorState;
use crate::window::{Window, admit};

/// An entity lives 14 days from creation (200750 afterwards).
const LIFETIME: Duration = Duration::from_secs(14 * 24 * 3600);
/// Streaming closes itself this long after it was last switched on.
const STREAMING_LIMIT: Duration = Duration::from_secs(600);
/// Operations per second on one entity ("单个卡片实体 ... 10 次/秒").
pub(crate) const PER_CARD_PER_SECOND: u32 = 10;
/// uuids remembered per entity; older ones are forgotten first (the real window is
/// UNCONFIRMED: a bounded memory keeps the emulator's footprint fixed).
const UUIDS_PER_CARD: usize = 256;
/// Streamed snapshots kept per entity, oldest dropped first: at most this many, and at most
/// this many bytes of text (each snapshot is a full text, up to 100,000 characters).
const HISTORY_PER_CARD: usize = 20_000;
const HISTORY_BYTES_PER_CARD: usize = 8 << 20;
/// The summary the chat list shows while streaming, unless the card sets one.
const STREAMING_SUMMARY: &str = "[生成中...]";

/// The error code for more than ten operations per second on one entity is UNCONFIRMED; the
/// reference suggests 230020 (what openclaw-lark skips a frame on).
const CODE_CARD_RATE: i64 = 230_020;

/// One streamed text as the entity received it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[non_exhaustive]
pub struct StreamedText {
    /// The element written.
    pub element_id: String,
    /// The write's sequence.
    pub sequence: i64,
    /// The full text after the write.
    pub content: String,
    /// Milliseconds on the emulator clock when it was stored.
    pub at_ms: u64,
}

/// A card entity as the emulator holds it (`GET /_emulator/cards/{card_id}`).
///
/// ```
/// # async fn run() -> std::io::Result<()> {
/// let emulator = card_emulator::Emulator::start().await?;
/// assert!(emulator.card_entity("7355372766134157313").is_none());
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[non_exhaustive]
pub struct RecordedCardEntity {
    /// The entity's id, a numeric string.
    pub card_id: String,
    /// The app that created it (the only one that may send or change it).
    pub app_id: String,
    /// The current card JSON (for a template entity, its template reference).
    pub card: Value,
    /// The message it was sent as, once sent.
    pub message_id: Option<String>,
    /// The last accepted sequence (0 before the first write).
    pub sequence: i64,
    /// Whether streaming is on now (off once its ten minutes have passed).
    pub streaming: bool,
    /// Milliseconds on the emulator clock at creation.
    pub created_at_ms: u64,
    /// The streamed texts, oldest first (the latest 20,000 and at most 8 MiB of them).
    pub history: Vec<StreamedText>,
    /// Writes accepted (content, settings, updates, element edits).
    pub writes: u64,
}

/// What CardKit refused, by code (`GET /_emulator/cards` and [`EmulatorState::cardkit_refusals`]).
pub type Refusals = BTreeMap<i64, u64>;

struct Entity {
    app_id: String,
    card: Value,
    template: bool,
    created_at: Duration,
    message_id: Option<String>,
    sequence: i64,
    streaming_since: Option<Duration>,
    /// The ten-minute close was already reported once as 200850.
    timeout_reported: bool,
    uuids: VecDeque<(String, Value)>,
    ops: Window,
    interaction_until: Duration,
    history: VecDeque<StreamedText>,
    history_bytes: usize,
    writes: u64,
}

/// Every entity of the emulator.
#[derive(Default)]
pub(crate) struct CardKit {
    entities: HashMap<String, Entity>,
    by_message: HashMap<String, String>,
    next_id: u64,
    refusals: Refusals,
}

/// A write's common fields.
#[derive(Deserialize)]
pub(crate) struct Common {
    pub(crate) sequence: Option<i64>,
    pub(crate) uuid: Option<String>,
}

fn bad(code: i64, msg: impl Into<String>) -> Reject {
    Reject::bad(code, msg)
}

/// Parses a JSON value carried as a string (`data`, `settings`, `elements`, ...).
pub(crate) fn json_string(field: Option<&Value>, name: &str) -> Result<Value, Reject> {
    match field {
        Some(Value::String(text)) if !text.is_empty() => {
            serde_json::from_str(text).map_err(|err| {
                bad(
                    10_002,
                    format!("invalid parameter: `{name}` is not JSON: {err}"),
                )
            })
        }
        Some(Value::String(_)) => Err(bad(300_307, format!("`{name}` is empty"))),
        Some(_) => Err(bad(
            10_002,
            format!("invalid parameter: `{name}` must be a string containing JSON"),
        )),
        None => Err(bad(
            10_002,
            format!("invalid parameter: `{name}` is required"),
        )),
    }
}

/// Every check a whole 2.0 card passes on create and full update.
pub(crate) fn check_entity_card(card: &Value) -> Result<(), Reject> {
    if card.as_object().is_none_or(serde_json::Map::is_empty) {
        return Err(bad(300_307, "card DSL is empty"));
    }
    if card["schema"] != "2.0" {
        return Err(bad(
            300_303,
            "only card JSON 2.0 (\"schema\":\"2.0\") is supported",
        ));
    }
    if card["config"]["update_multi"] == Value::Bool(false) {
        return Err(bad(300_302, "update_multi must be true"));
    }
    let size = card.to_string().len();
    if size > crate::ops::MAX_CARD_BYTES {
        return Err(bad(
            200_860,
            format!("card content exceeds limit: {size} bytes"),
        ));
    }
    let nodes = cardkit_edit::count_nodes(card);
    if nodes > 200 {
        return Err(bad(
            300_305,
            format!("{nodes} components and elements > 200"),
        ));
    }
    if let Some(id) = cardkit_edit::duplicate_id(card) {
        return Err(bad(300_301, format!("duplicate element_id `{id}`")));
    }
    check_card(card, 200_220)
}

impl CardKit {
    fn refuse(&mut self, reject: Reject) -> Reject {
        *self.refusals.entry(reject.code).or_default() += 1;
        reject
    }
}

impl Entity {
    /// Streaming is on and its ten minutes have not passed.
    fn streaming(&self, now: Duration) -> bool {
        self.streaming_since
            .is_some_and(|since| now < since.saturating_add(STREAMING_LIMIT))
    }

    fn record(&self, card_id: &str, now: Duration) -> RecordedCardEntity {
        let mut card = self.card.clone();
        let streaming = self.streaming(now);
        if streaming && card["config"]["summary"]["content"].is_null() && !self.template {
            card["config"]["summary"] = json!({"content": STREAMING_SUMMARY});
        }
        RecordedCardEntity {
            card_id: card_id.to_owned(),
            app_id: self.app_id.clone(),
            card,
            message_id: self.message_id.clone(),
            sequence: self.sequence,
            streaming,
            created_at_ms: millis(self.created_at),
            history: self.history.iter().cloned().collect(),
            writes: self.writes,
        }
    }

    /// Applies the streaming switch of a new `config`, restarting the ten minutes when on.
    fn follow_streaming(&mut self, now: Duration) {
        match self.card["config"]["streaming_mode"].as_bool() {
            Some(true) => {
                self.streaming_since = Some(now);
                self.timeout_reported = false;
            }
            _ => self.streaming_since = None,
        }
    }
}

fn millis(at: Duration) -> u64 {
    u64::try_from(at.as_millis()).unwrap_or(u64::MAX)
}

impl EmulatorState {
    pub(crate) fn cardkit(&self) -> MutexGuard<'_, CardKit> {
        self.cardkit.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// `POST /open-apis/cardkit/v1/cards`.
    pub(crate) fn create_card_entity(&self, app_id: &str, body: &[u8]) -> Result<Value, Reject> {
        let result = self.create_entity(app_id, body);
        let mut kit = self.cardkit();
        result.map_err(|reject| kit.refuse(reject))
    }

    fn create_entity(&self, app_id: &str, body: &[u8]) -> Result<Value, Reject> {
        let body: Value = crate::ops::parse(body, 10_002)?;
        let data = json_string(body.get("data"), "data")?;
        let (card, template) = match body["type"].as_str() {
            Some("card_json") => {
                check_entity_card(&data)?;
                (data, false)
            }
            Some("template") => {
                check_card(&json!({"type": "template", "data": data}), 200_220)?;
                (json!({"type": "template", "data": data}), true)
            }
            _ => {
                return Err(bad(
                    10_002,
                    "invalid parameter: `type` must be card_json or template",
                ));
            }
        };
        let now = self.clock.now();
        let mut kit = self.cardkit();
        kit.next_id += 1;
        // 19 digits, as real ids ("7355372766134157313").
        let card_id = format!("7{:018}", kit.next_id);
        let mut entity = Entity {
            app_id: app_id.to_owned(),
            card,
            template,
            created_at: now,
            message_id: None,
            sequence: 0,
            streaming_since: None,
            timeout_reported: false,
            uuids: VecDeque::new(),
            ops: Window::new(PER_CARD_PER_SECOND, Duration::from_secs(1)),
            interaction_until: Duration::ZERO,
            history: VecDeque::new(),
            history_bytes: 0,
            writes: 0,
        };
        entity.follow_streaming(now);
        kit.entities.insert(card_id.clone(), entity);
        Ok(json!({"card_id": card_id}))
    }

    /// Runs one write on an entity: exists, same app, not expired, not in a click, uuid
    /// dedupe, sequence, the per-card rate; then `edit`, committed only when it succeeds.
    pub(crate) fn card_write(
        &self,
        app_id: &str,
        card_id: &str,
        body: &[u8],
        edit: impl FnOnce(&Value) -> Result<Edit, Reject>,
    ) -> Result<Value, Reject> {
        let now = self.clock.now();
        let mut kit = self.cardkit();
        let result = write(&mut kit, app_id, card_id, body, now, edit);
        result.map_err(|reject| kit.refuse(reject))
    }

    /// Binds an entity to the message that sends it (`{"type":"card","data":{"card_id"}}`).
    /// Called with the message store locked: it takes only the CardKit lock.
    pub(crate) fn bind_card_entity(&self, card_id: &str, message_id: &str) -> Result<(), Reject> {
        let now = self.clock.now();
        let mut kit = self.cardkit();
        let app_id = self.app_id.clone();
        let result = match kit.entities.get_mut(card_id) {
            None => Err(bad(
                230_099,
                format!(
                    "Failed to create card content, ext=ErrCode: 200740; ErrMsg: card entity `{card_id}` not found"
                ),
            )),
            Some(entity) if entity.app_id != app_id => Err(bad(
                230_099,
                "Failed to create card content, ext=ErrCode: 300311; ErrMsg: the card entity belongs to another app",
            )),
            Some(entity) if now >= entity.created_at + LIFETIME => Err(bad(
                230_099,
                "Failed to create card content, ext=ErrCode: 200750; ErrMsg: card entity expired",
            )),
            // The code for a second send is UNCONFIRMED (reference B.3): the generic card error.
            Some(entity) if entity.message_id.is_some() => Err(bad(
                230_099,
                "Failed to create card content, ext=ErrCode: 11310; ErrMsg: card entity was already sent",
            )),
            Some(entity) => {
                entity.message_id = Some(message_id.to_owned());
                Ok(())
            }
        };
        match result {
            Ok(()) => {
                kit.by_message
                    .insert(message_id.to_owned(), card_id.to_owned());
                Ok(())
            }
            Err(reject) => Err(kit.refuse(reject)),
        }
    }

    /// The current JSON of the entity a message was sent as.
    pub(crate) fn entity_card(&self, card_id: &str) -> Option<Value> {
        self.cardkit()
            .entities
            .get(card_id)
            .map(|entity| entity.record(card_id, self.clock.now()).card)
    }

    /// Holds the entity a message was sent as until the guard drops (a click being handled).
    pub(crate) fn hold_entity_of(&self, message_id: &str) -> Option<InteractionHold<'_>> {
        let mut kit = self.cardkit();
        let card_id = kit.by_message.get(message_id)?.clone();
        kit.entities.get_mut(&card_id)?.interaction_until = Duration::MAX;
        Some(InteractionHold {
            state: self,
            card_id,
        })
    }

    /// `POST /open-apis/cardkit/v1/cards/id_convert`.
    pub(crate) fn convert_card_id(&self, body: &[u8]) -> Result<Value, Reject> {
        #[derive(Deserialize)]
        struct Convert {
            message_id: Option<String>,
        }
        let request: Convert = crate::ops::parse(body, 10_002)?;
        let message_id = request.message_id.unwrap_or_default();
        let mut kit = self.cardkit();
        match kit.by_message.get(&message_id) {
            Some(card_id) => Ok(json!({"card_id": card_id})),
            None => Err(kit.refuse(bad(
                200_740,
                format!("no card entity for message `{message_id}`"),
            ))),
        }
    }

    /// One entity with its streamed text history.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// assert!(emulator.card_entity("7000000000000000001").is_none());
    /// # Ok(()) }
    /// ```
    pub fn card_entity(&self, card_id: &str) -> Option<RecordedCardEntity> {
        self.cardkit()
            .entities
            .get(card_id)
            .map(|entity| entity.record(card_id, self.clock.now()))
    }

    /// CardKit refusals so far, by error code.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// assert!(emulator.cardkit_refusals().is_empty());
    /// # Ok(()) }
    /// ```
    pub fn cardkit_refusals(&self) -> Refusals {
        self.cardkit().refusals.clone()
    }

    /// Holds the entity as if a user's click were being handled for `duration` on the
    /// emulator clock: every write meanwhile gets 200810. False when there is no such entity.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// assert!(!emulator.hold_card_interaction("7000000000000000001", std::time::Duration::from_secs(1)));
    /// # Ok(()) }
    /// ```
    pub fn hold_card_interaction(&self, card_id: &str, duration: Duration) -> bool {
        let until = self.clock.now().saturating_add(duration);
        match self.cardkit().entities.get_mut(card_id) {
            Some(entity) => {
                entity.interaction_until = until;
                true
            }
            None => false,
        }
    }

    /// Creates an entity as another app would, to test that only the creator may use it.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// let card = serde_json::json!({"schema": "2.0", "body": {"elements": []}});
    /// let card_id = emulator.seed_card_entity("cli_other", &card).unwrap();
    /// assert_eq!(emulator.card_entity(&card_id).unwrap().app_id, "cli_other");
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// The code and message CardKit's create would answer for that card.
    pub fn seed_card_entity(&self, app_id: &str, card: &Value) -> Result<String, (i64, String)> {
        let body = json!({"type": "card_json", "data": card.to_string()});
        self.create_entity(app_id, body.to_string().as_bytes())
            .map(|data| data["card_id"].as_str().unwrap_or_default().to_owned())
            .map_err(|reject| (reject.code, reject.msg))
    }
}

/// Ends a click's hold on an entity when dropped.
pub(crate) struct InteractionHold<'s> {
    state: &'s EmulatorState,
    card_id: String,
}

impl Drop for InteractionHold<'_> {
    fn drop(&mut self) {
        if let Some(entity) = self.state.cardkit().entities.get_mut(&self.card_id) {
            entity.interaction_until = Duration::ZERO;
        }
    }
}

fn write(
    kit: &mut CardKit,
    app_id: &str,
    card_id: &str,
    body: &[u8],
    now: Duration,
    edit: impl FnOnce(&Value) -> Result<Edit, Reject>,
) -> Result<Value, Reject> {
    let request: Value = crate::ops::parse(body, 10_002)?;
    let common: Common = serde_json::from_value(request.clone())
        .map_err(|err| bad(10_002, format!("invalid parameter: {err}")))?;
    let Some(entity) = kit.entities.get_mut(card_id) else {
        return Err(bad(
            200_740,
            format!("card entity `{card_id}` does not exist"),
        ));
    };
    if entity.app_id != app_id {
        return Err(bad(300_311, "the card entity was created by another app"));
    }
    if now >= entity.created_at + LIFETIME {
        return Err(bad(200_750, "the card entity has expired (14 days)"));
    }
    if let Some(uuid) = &common.uuid {
        if uuid.is_empty() || uuid.chars().count() > 64 {
            return Err(bad(
                10_002,
                "invalid parameter: uuid must be 1-64 characters",
            ));
        }
        // The first answer for a uuid stands (the same batch runs once).
        if let Some((_, answer)) = entity.uuids.iter().find(|(seen, _)| seen == uuid) {
            return Ok(answer.clone());
        }
    }
    if now < entity.interaction_until {
        return Err(bad(
            200_810,
            "card is in an ongoing interaction and cannot be updated",
        ));
    }
    let sequence = common.sequence.unwrap_or(0);
    if !(1..=i64::from(i32::MAX)).contains(&sequence) || sequence <= entity.sequence {
        return Err(bad(
            300_317,
            format!(
                "sequence number compare failed: {sequence} is not greater than {}",
                entity.sequence
            ),
        ));
    }
    if admit(&mut [&mut entity.ops], now).is_err() {
        return Err(bad(
            CODE_CARD_RATE,
            "card entity operation frequency limit (10/s)",
        ));
    }
    let edit = edit(&request)?;
    if entity.template && !matches!(edit, Edit::Settings(_) | Edit::Replace(_)) {
        // A template's elements are not known here: only settings and a full update apply.
        return Err(bad(300_313, "not find elementID in a template card"));
    }
    if edit.is_content() {
        streaming_state(entity, now)?;
    }
    let template = entity.template && !matches!(edit, Edit::Replace(_));
    let applied = edit.apply(&entity.card)?;
    if !template {
        check_entity_card(&applied.card)?;
    }
    entity.template = template;
    entity.sequence = sequence;
    entity.writes += 1;
    entity.card = applied.card;
    if applied.switches_streaming {
        entity.follow_streaming(now);
    }
    if let Some((element_id, content)) = applied.streamed {
        entity.history_bytes += content.len();
        while entity.history.len() >= HISTORY_PER_CARD
            || (entity.history_bytes > HISTORY_BYTES_PER_CARD && !entity.history.is_empty())
        {
            if let Some(old) = entity.history.pop_front() {
                entity.history_bytes -= old.content.len();
            }
        }
        entity.history.push_back(StreamedText {
            element_id,
            sequence,
            content,
            at_ms: millis(now),
        });
    }
    let answer = json!({});
    if let Some(uuid) = common.uuid {
        if entity.uuids.len() == UUIDS_PER_CARD {
            entity.uuids.pop_front();
        }
        entity.uuids.push_back((uuid, answer.clone()));
    }
    Ok(answer)
}

/// Whether streaming is on, closing it (200850 once, then 300309) after ten minutes.
fn streaming_state(entity: &mut Entity, now: Duration) -> Result<(), Reject> {
    match entity.streaming_since {
        None => Err(bad(300_309, "streaming mode is closed")),
        Some(since) if now >= since + STREAMING_LIMIT => {
            entity.streaming_since = None;
            entity.card["config"]["streaming_mode"] = Value::Bool(false);
            if entity.timeout_reported {
                Err(bad(300_309, "streaming mode is closed"))
            } else {
                entity.timeout_reported = true;
                Err(bad(200_850, "card streaming timeout"))
            }
        }
        Some(_) => Ok(()),
    }
}
