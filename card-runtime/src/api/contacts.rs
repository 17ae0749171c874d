//! Users and chat members: a user by open id, union id, user id or email (name, avatar), and
//! a chat's members, each cached within the client for a bounded time (`api::cache`).
//!
//! - `GET /open-apis/contact/v3/users/:user_id?user_id_type=…`
//!   (<https://open.feishu.cn/document/server-docs/contact-v3/user/get>)
//! - `POST /open-apis/contact/v3/users/batch_get_id` with `{"emails": [..]}`, at most 50
//!   (<https://open.feishu.cn/document/server-docs/contact-v3/user/batch_get_id>)
//! - `GET /open-apis/im/v1/chats/:chat_id/members?member_id_type=open_id&page_size=100`
//!   (<https://open.feishu.cn/document/server-docs/group/chat-member/get>)

use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

use crate::api::message::{required, segment};
use crate::api::types::{ReceiveId, ReceiveIdType};
use crate::client::{Call, Client};
use crate::error::{Error, Result};
use crate::reliability::retry::Idempotency;

/// A member list is read at most this many pages of 100: a chat holds at most 50 000 members
/// (UNCONFIRMED for the largest chats; the bound only stops a server that never ends paging).
const MAX_MEMBER_PAGES: usize = 500;

/// A user as the contact API describes them (the fields a bot shows).
///
/// ```no_run
/// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
/// let user = client.contacts().user(card_runtime::ReceiveId::open_id("ou_1")).await?;
/// println!("approved by {} ({})", user.name, user.avatar.avatar_72);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct User {
    /// `ou_…`, this app's id for the user.
    #[serde(default)]
    pub open_id: String,
    /// `on_…`, the developer's id for the user.
    #[serde(default)]
    pub union_id: String,
    /// The tenant's user id (empty without the scope to read it).
    #[serde(default)]
    pub user_id: String,
    /// The display name.
    #[serde(default)]
    pub name: String,
    /// The English name.
    #[serde(default)]
    pub en_name: String,
    /// The email (empty without the scope to read it).
    #[serde(default)]
    pub email: String,
    /// The avatar in several sizes.
    #[serde(default)]
    pub avatar: Avatar,
}

/// Avatar URLs of a [`User`].
///
/// ```
/// let avatar = card_runtime::Avatar::default();
/// assert!(avatar.avatar_72.is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Avatar {
    /// 72 × 72.
    #[serde(default)]
    pub avatar_72: String,
    /// 240 × 240.
    #[serde(default)]
    pub avatar_240: String,
    /// 640 × 640.
    #[serde(default)]
    pub avatar_640: String,
    /// The original.
    #[serde(default)]
    pub avatar_origin: String,
}

/// One member of a chat (by open id).
///
/// ```no_run
/// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
/// for member in client.contacts().chat_members("oc_1").await? {
///     println!("{} {}", member.member_id, member.name);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ChatMember {
    /// The member's `ou_…` open id.
    pub member_id: String,
    /// The name shown in the chat.
    #[serde(default)]
    pub name: String,
    /// The member's tenant.
    #[serde(default)]
    pub tenant_key: String,
}

/// User and chat-member lookups, from [`Client::contacts`]. Answers are reused for five
/// minutes (at most 10 000 users and 1 000 chats), so a burst of clicks costs one lookup.
///
/// ```no_run
/// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
/// let user = client.contacts().user(card_runtime::ReceiveId::email("ada@example.com")).await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ContactsHandler<'c> {
    client: &'c Client,
}

impl Client {
    /// User and chat-member lookups.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// let members = client.contacts().chat_members("oc_1").await?;
    /// # Ok(()) }
    /// ```
    pub fn contacts(&self) -> ContactsHandler<'_> {
        ContactsHandler { client: self }
    }
}

#[derive(Deserialize)]
struct UserData {
    user: User,
}

#[derive(Deserialize)]
struct IdList {
    #[serde(default)]
    user_list: Vec<IdEntry>,
}

#[derive(Deserialize)]
struct IdEntry {
    #[serde(default)]
    user_id: Option<String>,
}

#[derive(Deserialize)]
struct MemberPage {
    #[serde(default)]
    items: Vec<ChatMember>,
    #[serde(default)]
    page_token: Option<String>,
    #[serde(default)]
    has_more: bool,
}

impl ContactsHandler<'_> {
    /// The user with this id (open id, union id, user id or email), from the cache when it was
    /// looked up in the last five minutes.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for a chat id; [`Error::NotFound`] when no user has the
    /// email; otherwise the call's errors ([`Error::Api`], ...).
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// let user = client.contacts().user(card_runtime::ReceiveId::union_id("on_1")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn user(&self, id: ReceiveId) -> Result<User> {
        let client = self.client;
        let cache_key = format!("{}:{}", id.kind().as_str(), id.id());
        if let Some(user) = client
            .inner
            .caches
            .users
            .get(&cache_key, client.inner.clock.now())
        {
            return Ok(user);
        }
        let user = match id.kind() {
            ReceiveIdType::ChatId => {
                return Err(Error::InvalidRequest {
                    reason: "a chat id does not name a user".to_owned(),
                });
            }
            ReceiveIdType::Email => {
                let open_id = self.open_id_for_email(id.id()).await?;
                self.fetch_user("open_id", &open_id).await?
            }
            kind => self.fetch_user(kind.as_str(), id.id()).await?,
        };
        let now = client.inner.clock.now();
        if !user.open_id.is_empty() {
            client.inner.caches.users.insert(
                format!("open_id:{}", user.open_id),
                user.clone(),
                now,
            );
        }
        client
            .inner
            .caches
            .users
            .insert(cache_key, user.clone(), now);
        Ok(user)
    }

    async fn fetch_user(&self, id_type: &str, id: &str) -> Result<User> {
        let path = format!(
            "/open-apis/contact/v3/users/{}?user_id_type={id_type}",
            segment(id)
        );
        let call = Call {
            method: Method::GET,
            path: &path,
            body: Vec::new(),
            pace: None,
            idempotency: Idempotency::Safe,
        };
        let data: UserData = required(self.client.call(call).await?)?;
        Ok(data.user)
    }

    async fn open_id_for_email(&self, email: &str) -> Result<String> {
        let body = serde_json::to_vec(&json!({ "emails": [email] })).map_err(Error::Encode)?;
        let call = Call {
            method: Method::POST,
            path: "/open-apis/contact/v3/users/batch_get_id?user_id_type=open_id",
            body,
            pace: None,
            // A lookup changes nothing.
            idempotency: Idempotency::Safe,
        };
        let list: IdList = required(self.client.call(call).await?)?;
        list.user_list
            .into_iter()
            .find_map(|entry| entry.user_id.filter(|id| !id.is_empty()))
            .ok_or_else(|| Error::NotFound {
                query: email.to_owned(),
            })
    }

    /// Every member of a chat (by open id), read page by page, from the cache when read in
    /// the last five minutes.
    ///
    /// # Errors
    ///
    /// The call's errors, e.g. [`Error::Api`] with 232011 when the bot is not in the chat;
    /// [`Error::InvalidRequest`] for a chat of more than 50 000 members (the pages stop
    /// there, and a partial list is not returned as if it were whole).
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// let members = client.contacts().chat_members("oc_1").await?;
    /// println!("{} members", members.len());
    /// # Ok(()) }
    /// ```
    pub async fn chat_members(&self, chat_id: &str) -> Result<Vec<ChatMember>> {
        let client = self.client;
        if let Some(members) = client
            .inner
            .caches
            .members
            .get(&chat_id.to_owned(), client.inner.clock.now())
        {
            return Ok(members);
        }
        let mut members = Vec::new();
        let mut token: Option<String> = None;
        for _ in 0..MAX_MEMBER_PAGES {
            let mut path = format!(
                "/open-apis/im/v1/chats/{}/members?member_id_type=open_id&page_size=100",
                segment(chat_id)
            );
            if let Some(token) = &token {
                path.push_str("&page_token=");
                path.push_str(&segment(token));
            }
            let call = Call {
                method: Method::GET,
                path: &path,
                body: Vec::new(),
                pace: None,
                idempotency: Idempotency::Safe,
            };
            let page: MemberPage = required(client.call(call).await?)?;
            members.extend(page.items);
            token = page.page_token.filter(|t| page.has_more && !t.is_empty());
            if token.is_none() {
                break;
            }
        }
        // A partial list would look complete to the caller: refuse it instead.
        if token.is_some() {
            return Err(Error::InvalidRequest {
                reason: format!(
                    "the chat has more than {} members, the most this call reads",
                    MAX_MEMBER_PAGES * 100
                ),
            });
        }
        client.inner.caches.members.insert(
            chat_id.to_owned(),
            members.clone(),
            client.inner.clock.now(),
        );
        Ok(members)
    }

    /// Forgets every cached user and member list (after a rename the bot must show at once).
    ///
    /// ```
    /// let client = card_runtime::Client::builder("cli_a", "s").build()?;
    /// client.contacts().forget();
    /// # Ok::<(), card_runtime::Error>(())
    /// ```
    pub fn forget(&self) {
        self.client.inner.caches.users.clear();
        self.client.inner.caches.members.clear();
    }
}
