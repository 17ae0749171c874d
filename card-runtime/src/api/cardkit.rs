//! CardKit card entities (`/open-apis/cardkit/v1`): create from a `Card` or a template, send
//! or reply by `card_id`, and every write (full update, settings, batch update, element
//! add/replace/patch/delete, streamed text), with the per-card `sequence` owned by the client.
//!
//! Every write to one card goes through one [`CardEntity`] (clones share it): writes are
//! serialized, each takes the next number of one counter, carries a `uuid` of its own (so a
//! transport retry is applied once), and is paced at CardKit's 10 per second per card. After
//! a 300317 (someone else used higher numbers) the write is repeated with numbers further
//! ahead, instead of the same one.

use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::api::types::{ReceiveId, SentMessage, TemplateCard};
use crate::card::Card;
use crate::client::{Call, Client};
use crate::error::{Error, Result};
use crate::reliability::pacing::PaceKey;
use crate::reliability::retry::Idempotency;

pub(crate) use crate::api::cardkit_actions::{CardAction, Position};
use crate::api::cardkit_checks::{TextElements, check_card, check_element_id};
pub(crate) use crate::api::cardkit_codes::CardKitCode;

const BASE: &str = "/open-apis/cardkit/v1/cards";
/// The most characters one streamed text may have (content API, B.2 #9).
pub(crate) const MAX_CONTENT_CHARS: usize = 100_000;
/// Attempts of one write after 300317s, each further ahead.
const SEQUENCE_ATTEMPTS: u32 = 8;

impl Client {
    /// CardKit: card entities that are sent by `card_id` and then changed element by element,
    /// or streamed into.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// use card_runtime::{Card, ReceiveId};
    /// let card = Card::from_json_unchecked(serde_json::json!({"schema": "2.0",
    ///     "config": {"streaming_mode": true},
    ///     "body": {"elements": [{"tag": "markdown", "element_id": "answer", "content": "…"}]}}));
    /// let entity = client.cardkit().create(&card).await?;
    /// entity.send(ReceiveId::chat_id("oc_1")).await?;
    /// entity.stream_text("answer", "Hello").await?;
    /// entity.finish_streaming(Some("Hello")).await?;
    /// # Ok(()) }
    /// ```
    pub fn cardkit(&self) -> CardKit<'_> {
        CardKit { client: self }
    }
}

/// The CardKit API of a [`Client`]; see [`Client::cardkit`].
#[derive(Debug, Clone, Copy)]
pub struct CardKit<'c> {
    client: &'c Client,
}

impl CardKit<'_> {
    /// Creates an entity from a card JSON 2.0 `card`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] before any request for a card that is not 2.0, turns
    /// `update_multi` off, is over 30 KB or breaks a rule of the 2.0 spec; then the API's.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// let entity = client.cardkit().create(&card).await?;
    /// println!("{}", entity.card_id());
    /// # Ok(()) }
    /// ```
    pub async fn create(&self, card: &Card) -> Result<CardEntity> {
        check_card(card)?;
        let entity = self.create_raw("card_json", card.to_string()).await?;
        entity.text.set(card);
        Ok(entity)
    }

    /// Creates an entity from a template of the card builder.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// let template = card_runtime::TemplateCard::new("AAqk").variable("title", "Deployed");
    /// let entity = client.cardkit().create_from_template(&template).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// The API's (200220 for an unknown template).
    pub async fn create_from_template(&self, template: &TemplateCard) -> Result<CardEntity> {
        let data = template.to_value()["data"].to_string();
        self.create_raw("template", data).await
    }

    async fn create_raw(&self, kind: &str, data: String) -> Result<CardEntity> {
        #[derive(serde::Deserialize)]
        struct Created {
            card_id: String,
        }
        let body = encode(&json!({"type": kind, "data": data}))?;
        // Create takes no uuid: a repeat would make a second entity, so it is not retried
        // after an ambiguous failure.
        let created: Option<Created> = self
            .client
            .call(Call {
                method: Method::POST,
                path: BASE,
                body,
                pace: None,
                idempotency: Idempotency::Unsafe,
            })
            .await?;
        let created = created.ok_or_else(|| missing("card_id"))?;
        Ok(CardEntity::new(self.client.clone(), created.card_id, 0))
    }

    /// A handle on an entity created elsewhere, whose last used sequence was
    /// `last_sequence` (0 for a fresh entity). Keep one handle per card and clone it: two
    /// independent handles on one card would compete for the numbers.
    ///
    /// ```
    /// let client = card_runtime::Client::builder("cli_a", "s").build()?;
    /// let entity = client.cardkit().entity("7355372766134157313", 4);
    /// assert_eq!(entity.sequence(), 4);
    /// # Ok::<(), card_runtime::Error>(())
    /// ```
    pub fn entity(&self, card_id: impl Into<String>, last_sequence: u32) -> CardEntity {
        CardEntity::new(
            self.client.clone(),
            card_id.into(),
            i64::from(last_sequence),
        )
    }

    /// The `card_id` of an interactive message (`id_convert`, marked deprecated by Feishu;
    /// needs the `cardkit:card:read` scope).
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// let card_id = client.cardkit().id_convert("om_123").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// The API's.
    pub async fn id_convert(&self, message_id: &str) -> Result<String> {
        let data: Option<Value> = self
            .client
            .call(Call {
                method: Method::POST,
                path: &format!("{BASE}/id_convert"),
                body: encode(&json!({"message_id": message_id}))?,
                pace: None,
                idempotency: Idempotency::Safe,
            })
            .await?;
        data.and_then(|data| data["card_id"].as_str().map(str::to_owned))
            .ok_or_else(|| missing("card_id"))
    }
}

/// A CardKit card entity and its write sequence. Cheap to clone; clones share the sequence,
/// and their writes are applied one at a time in call order.
///
/// ```no_run
/// # async fn run(client: card_runtime::Client, card: card_runtime::Card) -> card_runtime::Result<()> {
/// let entity = client.cardkit().create(&card).await?;
/// entity.patch_element("answer", &serde_json::json!({"text_size": "heading"})).await?;
/// assert_eq!(entity.sequence(), 1);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct CardEntity {
    client: Client,
    card_id: Arc<str>,
    /// The last sequence used; held for the whole of a write, so writes never overlap.
    sequence: Arc<tokio::sync::Mutex<i64>>,
    /// A copy for [`sequence`](Self::sequence) that needs no await.
    last: Arc<std::sync::atomic::AtomicI64>,
    /// Starts every uuid of this handle (and its clones): a retry of one attempt repeats its
    /// uuid, while another handle's write with the same number never matches it and is
    /// refused (300317) instead of being taken for a duplicate and dropped.
    nonce: Arc<str>,
    /// The card's text elements while known, to refuse a stream into a missing one locally.
    text: TextElements,
}

impl CardEntity {
    fn new(client: Client, card_id: String, last: i64) -> Self {
        Self {
            client,
            card_id: card_id.into(),
            sequence: Arc::new(tokio::sync::Mutex::new(last)),
            last: Arc::new(std::sync::atomic::AtomicI64::new(last)),
            nonce: uuid::Uuid::new_v4().simple().to_string()[..16].into(),
            text: TextElements::default(),
        }
    }

    /// The spacing the client's pacing keeps between two writes to this card, and the
    /// clock it counts on (for the streaming writer, which reads its text at the last moment).
    pub(crate) fn pace(&self) -> (Duration, crate::reliability::clock::Clock) {
        let inner = &self.client.inner;
        (inner.pacer.card_interval(), inner.clock.clone())
    }

    /// Refuses an element id that is malformed, or that the card this handle created or
    /// last replaced has not as `markdown` or `plain_text`.
    pub(crate) fn check_text_element(&self, element_id: &str) -> Result<()> {
        check_element_id(element_id)?;
        self.text.check(element_id)
    }

    /// The entity's id.
    ///
    /// ```
    /// let client = card_runtime::Client::builder("cli_a", "s").build()?;
    /// assert_eq!(client.cardkit().entity("7001", 0).card_id(), "7001");
    /// # Ok::<(), card_runtime::Error>(())
    /// ```
    pub fn card_id(&self) -> &str {
        &self.card_id
    }

    /// The last sequence number a write used (0 before the first).
    ///
    /// ```
    /// let client = card_runtime::Client::builder("cli_a", "s").build()?;
    /// assert_eq!(client.cardkit().entity("7001", 0).sequence(), 0);
    /// # Ok::<(), card_runtime::Error>(())
    /// ```
    pub fn sequence(&self) -> u32 {
        let last = self.last.load(std::sync::atomic::Ordering::Relaxed);
        u32::try_from(last).unwrap_or(u32::MAX)
    }

    /// Sends the entity as a message (an entity can be sent once).
    ///
    /// ```no_run
    /// # async fn run(entity: card_runtime::CardEntity) -> card_runtime::Result<()> {
    /// let sent = entity.send(card_runtime::ReceiveId::open_id("ou_1")).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Send`] with the message's uuid.
    pub async fn send(&self, to: ReceiveId) -> Result<SentMessage> {
        let path = format!(
            "/open-apis/im/v1/messages?receive_id_type={}",
            to.kind().as_str()
        );
        self.post_message(
            &path,
            Some(to.id()),
            PaceKey::Receiver(to.id().to_owned()),
            false,
        )
        .await
    }

    /// Sends the entity as a reply to `message_id` (in its thread with `in_thread`).
    ///
    /// ```no_run
    /// # async fn run(entity: card_runtime::CardEntity) -> card_runtime::Result<()> {
    /// let sent = entity.reply("om_question", false).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Send`] with the message's uuid.
    pub async fn reply(&self, message_id: &str, in_thread: bool) -> Result<SentMessage> {
        let path = format!("/open-apis/im/v1/messages/{message_id}/reply");
        let key = PaceKey::Receiver(format!("reply:{message_id}"));
        self.post_message(&path, None, key, in_thread).await
    }

    async fn post_message(
        &self,
        path: &str,
        receive_id: Option<&str>,
        pace: PaceKey,
        in_thread: bool,
    ) -> Result<SentMessage> {
        let content = json!({"type": "card", "data": {"card_id": &*self.card_id}}).to_string();
        let uuid = crate::api::message::uuid_or_new(None);
        let mut body = json!({"msg_type": "interactive", "content": content, "uuid": uuid});
        if let Some(receive_id) = receive_id {
            body["receive_id"] = json!(receive_id);
        }
        if in_thread {
            body["reply_in_thread"] = json!(true);
        }
        let call = Call {
            method: Method::POST,
            path,
            body: encode(&body)?,
            pace: Some(pace),
            idempotency: Idempotency::Safe,
        };
        let sent: Option<SentMessage> = self.client.call_send(call, &uuid).await?;
        sent.ok_or_else(|| missing("message_id"))
    }

    /// Replaces the whole card (`PUT /cards/:card_id`).
    ///
    /// ```no_run
    /// # async fn run(entity: card_runtime::CardEntity, card: card_runtime::Card) -> card_runtime::Result<()> {
    /// entity.update(&card).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] before any request for a card [`CardKit::create`] refuses;
    /// then the API's.
    pub async fn update(&self, card: &Card) -> Result<()> {
        check_card(card)?;
        let fields = json!({"card": {"type": "card_json", "data": card.to_string()}});
        self.write(Method::PUT, String::new(), fields).await?;
        self.text.set(card);
        Ok(())
    }

    /// Merges `{"config": {...}, "card_link": {...}}` into the card (`PATCH .../settings`).
    ///
    /// ```no_run
    /// # async fn run(entity: card_runtime::CardEntity) -> card_runtime::Result<()> {
    /// entity.settings(&serde_json::json!({"config": {"width_mode": "fill"}})).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for keys other than `config` and `card_link`; the API's.
    pub async fn settings(&self, settings: &Value) -> Result<()> {
        let keys_ok = settings
            .as_object()
            .is_some_and(|map| map.keys().all(|key| key == "config" || key == "card_link"));
        if !keys_ok {
            return Err(invalid(
                "settings must be an object of `config` and `card_link`",
            ));
        }
        let fields = json!({"settings": settings.to_string()});
        self.write(Method::PATCH, "/settings".into(), fields).await
    }

    /// Turns streaming on (which restarts Feishu's ten minutes) or off.
    ///
    /// ```no_run
    /// # async fn run(entity: card_runtime::CardEntity) -> card_runtime::Result<()> {
    /// entity.set_streaming(true).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// The API's.
    pub async fn set_streaming(&self, on: bool) -> Result<()> {
        self.settings(&json!({"config": {"streaming_mode": on}}))
            .await
    }

    /// Turns streaming off and sets the chat-list summary (which otherwise stays
    /// "[生成中...]" or the old custom summary).
    ///
    /// ```no_run
    /// # async fn run(entity: card_runtime::CardEntity) -> card_runtime::Result<()> {
    /// entity.finish_streaming(Some("The deploy finished")).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// The API's.
    pub async fn finish_streaming(&self, summary: Option<&str>) -> Result<()> {
        let mut config = json!({"streaming_mode": false});
        if let Some(summary) = summary {
            config["summary"] = json!({"content": summary});
        }
        self.settings(&json!({"config": config})).await
    }

    /// Applies several actions at once (`batch_update`), all or none.
    ///
    /// ```no_run
    /// # async fn run(entity: card_runtime::CardEntity) -> card_runtime::Result<()> {
    /// use card_runtime::cardkit::CardAction;
    /// entity.batch_update(&[CardAction::DeleteElements(vec!["spinner".into()])]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for no actions; the API's.
    pub async fn batch_update(&self, actions: &[CardAction]) -> Result<()> {
        if actions.is_empty() {
            return Err(invalid("a batch update needs at least one action"));
        }
        let actions: Vec<Value> = actions.iter().map(CardAction::to_json).collect();
        let fields = json!({"actions": Value::Array(actions).to_string()});
        self.text.forget();
        self.write(Method::POST, "/batch_update".into(), fields)
            .await
    }

    /// Adds elements (`POST .../elements`).
    ///
    /// ```no_run
    /// # async fn run(entity: card_runtime::CardEntity) -> card_runtime::Result<()> {
    /// use card_runtime::cardkit::Position;
    /// let hr = serde_json::json!({"tag": "hr", "element_id": "rule"});
    /// entity.add_elements(Position::After("answer".into()), &[hr]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for no elements or a bad target id; the API's.
    pub async fn add_elements(&self, position: Position, elements: &[Value]) -> Result<()> {
        if elements.is_empty() {
            return Err(invalid("no elements to add"));
        }
        let (kind, target) = position.fields();
        if let Some(target) = target {
            check_element_id(target)?;
        }
        let fields = json!({"type": kind, "target_element_id": target.unwrap_or_default(),
            "elements": Value::Array(elements.to_vec()).to_string()});
        self.write(Method::POST, "/elements".into(), fields).await?;
        self.text.add(elements);
        Ok(())
    }

    /// Replaces an element (`PUT .../elements/:element_id`).
    ///
    /// ```no_run
    /// # async fn run(entity: card_runtime::CardEntity) -> card_runtime::Result<()> {
    /// let done = serde_json::json!({"tag": "markdown", "element_id": "status", "content": "Done"});
    /// entity.update_element("status", &done).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for a bad element id; the API's.
    pub async fn update_element(&self, element_id: &str, element: &Value) -> Result<()> {
        check_element_id(element_id)?;
        let fields = json!({"element": element.to_string()});
        self.text.forget();
        self.write(Method::PUT, format!("/elements/{element_id}"), fields)
            .await
    }

    /// Changes some fields of an element (`PATCH .../elements/:element_id`); an `element_id`
    /// among them renames it, a `tag` is refused (300312).
    ///
    /// ```no_run
    /// # async fn run(entity: card_runtime::CardEntity) -> card_runtime::Result<()> {
    /// entity.patch_element("status", &serde_json::json!({"content": "Done"})).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for a bad element id; the API's.
    pub async fn patch_element(&self, element_id: &str, partial: &Value) -> Result<()> {
        check_element_id(element_id)?;
        let fields = json!({"partial_element": partial.to_string()});
        self.text.forget();
        self.write(Method::PATCH, format!("/elements/{element_id}"), fields)
            .await
    }

    /// Deletes an element, a container with its children.
    ///
    /// ```no_run
    /// # async fn run(entity: card_runtime::CardEntity) -> card_runtime::Result<()> {
    /// entity.delete_element("spinner").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for a bad element id; the API's.
    pub async fn delete_element(&self, element_id: &str) -> Result<()> {
        check_element_id(element_id)?;
        self.text.forget();
        // DELETE carries a JSON body (reference B.6 point 9).
        self.write(Method::DELETE, format!("/elements/{element_id}"), json!({}))
            .await
    }

    /// Sets the full text of a streaming `markdown` or `plain_text` element (the client types
    /// out what was added). For text arriving piece by piece use
    /// [`StreamingCard`](crate::StreamingCard), which paces and coalesces.
    ///
    /// ```no_run
    /// # async fn run(entity: card_runtime::CardEntity) -> card_runtime::Result<()> {
    /// entity.stream_text("answer", "The answer is").await?;
    /// entity.stream_text("answer", "The answer is 42.").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for empty text or more than 100,000 characters, or a bad
    /// element id; the API's ([`CardKitCode::StreamingClosed`] and
    /// [`CardKitCode::StreamingTimeout`] once streaming has closed).
    pub async fn stream_text(&self, element_id: &str, content: &str) -> Result<()> {
        self.check_text_element(element_id)?;
        let chars = content.chars().count();
        if chars == 0 || chars > MAX_CONTENT_CHARS {
            return Err(invalid(&format!(
                "streamed text of {chars} characters is outside 1..={MAX_CONTENT_CHARS}"
            )));
        }
        let fields = json!({"content": content});
        self.write(
            Method::PUT,
            format!("/elements/{element_id}/content"),
            fields,
        )
        .await
    }

    /// One write: the next sequence, a uuid of this handle for it, paced per card; repeated with
    /// numbers further ahead after a 300317.
    async fn write(&self, method: Method, suffix: String, fields: Value) -> Result<()> {
        let path = format!("{BASE}/{}{suffix}", self.card_id);
        let Value::Object(fields) = fields else {
            return Err(invalid("a write's fields form an object"));
        };
        let mut last = self.sequence.lock().await;
        let mut jump = 1;
        let mut attempt = 0;
        loop {
            let sequence = last.saturating_add(jump).min(i64::from(i32::MAX));
            if sequence <= *last {
                return Err(invalid("the card's sequence reached 2147483647"));
            }
            let mut body: Map<String, Value> = fields.clone();
            body.insert("sequence".into(), json!(sequence));
            // One per attempt: a transport retry of it is deduplicated by the server.
            body.insert("uuid".into(), json!(format!("{}_{sequence}", self.nonce)));
            let call = Call {
                method: method.clone(),
                path: &path,
                body: encode(&body)?,
                pace: Some(PaceKey::Card(self.card_id.to_string())),
                idempotency: Idempotency::Safe,
            };
            let result: Result<Option<Value>> = self.client.call(call).await;
            // The number is spent whatever happened: the server may have applied it.
            *last = sequence;
            self.last
                .store(sequence, std::sync::atomic::Ordering::Relaxed);
            match result {
                Ok(_) => return Ok(()),
                Err(err)
                    if CardKitCode::of(&err) == Some(CardKitCode::Sequence)
                        && attempt + 1 < SEQUENCE_ATTEMPTS =>
                {
                    tracing::warn!(card_id = %self.card_id, sequence, "sequence refused; catching up");
                    attempt += 1;
                    jump = jump.saturating_mul(2);
                }
                Err(err) => return Err(err),
            }
        }
    }
}

fn encode(body: &impl Serialize) -> Result<Vec<u8>> {
    serde_json::to_vec(body).map_err(Error::Encode)
}

pub(crate) fn invalid(reason: &str) -> Error {
    Error::InvalidRequest {
        reason: reason.to_owned(),
    }
}

fn missing(field: &str) -> Error {
    invalid(&format!("the answer has no `{field}`"))
}
