//! What the emulator knows beyond messages: seeded users, departments and chats; uploaded
//! images; batch sends, urgents, ephemeral cards and reactions. Tests seed and inspect it
//! through [`EmulatorState`] or the `/_emulator/...` routes; every table is bounded.

use std::collections::{HashMap, VecDeque};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::state::EmulatorState;
use crate::store::Fifo;

/// The most uploaded images kept, and their total size; the oldest go first.
pub(crate) const MAX_IMAGES: usize = 1_000;
pub(crate) const MAX_IMAGE_STORE_BYTES: usize = 256 * 1024 * 1024;
/// The most batches, urgents, ephemeral cards and reactions kept each.
const MAX_RECORDS: usize = 10_000;

/// A user the emulator's contact API knows. Seed with [`EmulatorState::seed_user`] or
/// `POST /_emulator/users` (the same fields as JSON).
///
/// ```
/// let ada = card_emulator::DirectoryUser::new("ou_ada")
///     .name("Ada")
///     .email("ada@example.com")
///     .user_id("ada")
///     .union_id("on_ada");
/// assert_eq!(ada.open_id, "ou_ada");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DirectoryUser {
    /// `ou_…`
    pub open_id: String,
    /// `on_…`; default `on_` + the open id's tail.
    #[serde(default)]
    pub union_id: String,
    /// The tenant user id; default the open id's tail.
    #[serde(default)]
    pub user_id: String,
    /// The display name.
    #[serde(default)]
    pub name: String,
    /// The email.
    #[serde(default)]
    pub email: String,
    /// The avatar URL (every size answers with it).
    #[serde(default)]
    pub avatar_url: String,
}

impl DirectoryUser {
    /// A user with this open id and derived union and user ids.
    ///
    /// ```
    /// let user = card_emulator::DirectoryUser::new("ou_1");
    /// assert_eq!(user.union_id, "on_1");
    /// assert_eq!(user.user_id, "1");
    /// ```
    pub fn new(open_id: impl Into<String>) -> Self {
        let open_id = open_id.into();
        let tail = open_id.strip_prefix("ou_").unwrap_or(&open_id).to_owned();
        Self {
            union_id: format!("on_{tail}"),
            user_id: tail,
            open_id,
            ..Self::default()
        }
    }

    /// Sets the name.
    ///
    /// ```
    /// let user = card_emulator::DirectoryUser::new("ou_1").name("Ada");
    /// # let _ = user;
    /// ```
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// Sets the email.
    ///
    /// ```
    /// let user = card_emulator::DirectoryUser::new("ou_1").email("a@example.com");
    /// # let _ = user;
    /// ```
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = email.into();
        self
    }

    /// Sets the tenant user id.
    ///
    /// ```
    /// let user = card_emulator::DirectoryUser::new("ou_1").user_id("ada");
    /// # let _ = user;
    /// ```
    pub fn user_id(mut self, user_id: impl Into<String>) -> Self {
        self.user_id = user_id.into();
        self
    }

    /// Sets the union id.
    ///
    /// ```
    /// let user = card_emulator::DirectoryUser::new("ou_1").union_id("on_x");
    /// # let _ = user;
    /// ```
    pub fn union_id(mut self, union_id: impl Into<String>) -> Self {
        self.union_id = union_id.into();
        self
    }

    /// Sets the avatar URL.
    ///
    /// ```
    /// let user = card_emulator::DirectoryUser::new("ou_1").avatar_url("https://example.com/a.png");
    /// # let _ = user;
    /// ```
    pub fn avatar_url(mut self, url: impl Into<String>) -> Self {
        self.avatar_url = url.into();
        self
    }

    /// The contact API's `user` object.
    pub(crate) fn to_json(&self) -> Value {
        let url = &self.avatar_url;
        serde_json::json!({
            "open_id": self.open_id, "union_id": self.union_id, "user_id": self.user_id,
            "name": self.name, "en_name": self.name, "email": self.email,
            "avatar": {"avatar_72": url, "avatar_240": url, "avatar_640": url, "avatar_origin": url},
        })
    }
}

/// An image uploaded to the emulator, as `GET /_emulator/images` lists it; the bytes are at
/// `GET /_emulator/images/:image_key`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct UploadedImage {
    /// The key it was given (`img_v3_emu_…`).
    pub image_key: String,
    /// `message` or `avatar`.
    pub image_type: String,
    /// The media type, from the image's leading bytes.
    pub mime: String,
    /// The size in bytes.
    pub size: usize,
}

/// A batch send the emulator accepted.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RecordedBatch {
    /// `bm-…`
    pub message_id: String,
    /// The card.
    pub card: Value,
    /// The open ids it reached (departments expanded, duplicates removed), in order.
    pub recipients: Vec<String>,
    /// Every id it could not resolve, by field (`open_ids`, `department_ids`, ...).
    pub invalid: HashMap<String, Vec<String>>,
}

/// An urgent the emulator accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RecordedUrgent {
    /// The message buzzed about.
    pub message_id: String,
    /// `urgent_app`, `urgent_sms` or `urgent_phone`.
    pub kind: String,
    /// The open ids buzzed.
    pub open_ids: Vec<String>,
}

/// An ephemeral card the emulator accepted.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RecordedEphemeral {
    /// Its message id.
    pub message_id: String,
    /// The group chat.
    pub chat_id: String,
    /// The one user who sees it.
    pub open_id: String,
    /// The card.
    pub card: Value,
    /// Whether it was deleted.
    pub deleted: bool,
}

/// A reaction the emulator accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RecordedReaction {
    /// Its id.
    pub reaction_id: String,
    /// The message reacted to.
    pub message_id: String,
    /// The emoji, e.g. `THUMBSUP`.
    pub emoji_type: String,
}

#[derive(Debug, Default)]
pub(crate) struct Chat {
    pub(crate) members: Vec<String>,
}

#[derive(Debug)]
pub(crate) struct Directory {
    pub(crate) users: Vec<DirectoryUser>,
    pub(crate) departments: HashMap<String, Vec<String>>,
    pub(crate) chats: HashMap<String, Chat>,
    pub(crate) images: VecDeque<(UploadedImage, bytes::Bytes)>,
    pub(crate) image_bytes: usize,
    pub(crate) batches: Fifo<RecordedBatch>,
    pub(crate) urgents: VecDeque<RecordedUrgent>,
    pub(crate) ephemerals: Fifo<RecordedEphemeral>,
    pub(crate) reactions: Fifo<RecordedReaction>,
    /// Users reached by batches today, for the daily quota (11247).
    pub(crate) batch_day: (u64, u64),
}

impl Default for Directory {
    fn default() -> Self {
        Self {
            users: Vec::new(),
            departments: HashMap::new(),
            chats: HashMap::new(),
            images: VecDeque::new(),
            image_bytes: 0,
            batches: Fifo::new(MAX_RECORDS),
            urgents: VecDeque::new(),
            ephemerals: Fifo::new(MAX_RECORDS),
            reactions: Fifo::new(MAX_RECORDS),
            batch_day: (0, 0),
        }
    }
}

impl Directory {
    /// The user whose id of this kind (`open_id`, `union_id`, `user_id`, `email`) is `id`.
    pub(crate) fn user(&self, kind: &str, id: &str) -> Option<&DirectoryUser> {
        self.users.iter().find(|user| match kind {
            "open_id" => user.open_id == id,
            "union_id" => user.union_id == id,
            "user_id" => user.user_id == id,
            "email" => !user.email.is_empty() && user.email == id,
            _ => false,
        })
    }

    pub(crate) fn add_image(&mut self, info: UploadedImage, bytes: bytes::Bytes) {
        self.image_bytes += bytes.len();
        self.images.push_back((info, bytes));
        while self.images.len() > MAX_IMAGES || self.image_bytes > MAX_IMAGE_STORE_BYTES {
            match self.images.pop_front() {
                Some((_, old)) => self.image_bytes -= old.len(),
                None => break,
            }
        }
    }

    pub(crate) fn add_urgent(&mut self, urgent: RecordedUrgent) {
        self.urgents.push_back(urgent);
        if self.urgents.len() > MAX_RECORDS {
            self.urgents.pop_front();
        }
    }
}

/// Seeding and inspection of users, departments, chats, images and the other Open API records.
impl EmulatorState {
    /// Adds a user (or replaces the one with the same open id).
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// use card_emulator::DirectoryUser;
    /// let emulator = card_emulator::Emulator::start().await?;
    /// emulator.seed_user(DirectoryUser::new("ou_ada").name("Ada").email("ada@example.com"));
    /// # Ok(()) }
    /// ```
    pub fn seed_user(&self, user: DirectoryUser) {
        let mut dir = self.directory();
        dir.users.retain(|known| known.open_id != user.open_id);
        dir.users.push(user);
    }

    /// Sets a department's members (open ids), for batch sends.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// emulator.seed_department("od-ops", ["ou_ada", "ou_bob"]);
    /// # Ok(()) }
    /// ```
    pub fn seed_department<I: IntoIterator<Item = S>, S: Into<String>>(
        &self,
        department_id: &str,
        members: I,
    ) {
        let members = members.into_iter().map(Into::into).collect();
        self.directory()
            .departments
            .insert(department_id.to_owned(), members);
    }

    /// Sets a group chat's members (open ids): the chat-members API lists them and ephemeral
    /// cards go only to them.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// emulator.seed_chat("oc_ops", ["ou_ada", "ou_bob"]);
    /// # Ok(()) }
    /// ```
    pub fn seed_chat<I: IntoIterator<Item = S>, S: Into<String>>(&self, chat_id: &str, members: I) {
        let members = members.into_iter().map(Into::into).collect();
        self.directory()
            .chats
            .insert(chat_id.to_owned(), Chat { members });
    }

    /// The uploaded images still kept (the last 1 000, at most 256 MiB), oldest first.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// assert!(emulator.images().is_empty());
    /// # Ok(()) }
    /// ```
    pub fn images(&self) -> Vec<UploadedImage> {
        self.directory()
            .images
            .iter()
            .map(|(info, _)| info.clone())
            .collect()
    }

    /// The bytes of an uploaded image.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// assert!(emulator.image_bytes("img_v3_none").is_none());
    /// # Ok(()) }
    /// ```
    pub fn image_bytes(&self, image_key: &str) -> Option<bytes::Bytes> {
        self.directory()
            .images
            .iter()
            .find(|(info, _)| info.image_key == image_key)
            .map(|(_, bytes)| bytes.clone())
    }

    /// The batch sends accepted, oldest first.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// assert!(emulator.batches().is_empty());
    /// # Ok(()) }
    /// ```
    pub fn batches(&self) -> Vec<RecordedBatch> {
        self.directory().batches.values().cloned().collect()
    }

    /// The urgents accepted, oldest first.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// assert!(emulator.urgents().is_empty());
    /// # Ok(()) }
    /// ```
    pub fn urgents(&self) -> Vec<RecordedUrgent> {
        self.directory().urgents.iter().cloned().collect()
    }

    /// The ephemeral cards accepted (deleted ones flagged), oldest first.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// assert!(emulator.ephemerals().is_empty());
    /// # Ok(()) }
    /// ```
    pub fn ephemerals(&self) -> Vec<RecordedEphemeral> {
        self.directory().ephemerals.values().cloned().collect()
    }

    /// The reactions present, oldest first.
    ///
    /// ```
    /// # async fn run() -> std::io::Result<()> {
    /// let emulator = card_emulator::Emulator::start().await?;
    /// assert!(emulator.reactions().is_empty());
    /// # Ok(()) }
    /// ```
    pub fn reactions(&self) -> Vec<RecordedReaction> {
        self.directory().reactions.values().cloned().collect()
    }

    pub(crate) fn directory(&self) -> std::sync::MutexGuard<'_, Directory> {
        self.directory
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
