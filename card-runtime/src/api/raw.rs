//! Any Open API call: `client.request(method, path)` with a typed or raw JSON body and answer,
//! through the same token, pacing, retries and typed errors as the wrapped APIs. The
//! documented way to reach what the library does not wrap.

use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::client::{Call, Client};
use crate::error::{Error, Result};
use crate::reliability::retry::Idempotency;

impl Client {
    /// Starts a call of any Open API: `path` starts with `/open-apis/` and may carry a query.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// use card_runtime::Method;
    /// // The chat's name, with a typed answer.
    /// #[derive(serde::Deserialize)]
    /// struct Chat { name: String }
    /// let chat: Chat = client.request(Method::GET, "/open-apis/im/v1/chats/oc_1").send().await?;
    /// // Or raw JSON both ways.
    /// let data: serde_json::Value = client
    ///     .request(Method::POST, "/open-apis/im/v1/chats")
    ///     .json(&serde_json::json!({"name": "release", "user_id_list": ["ou_1"]}))
    ///     .query("user_id_type", "open_id")
    ///     .send()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn request(&self, method: Method, path: impl Into<String>) -> Request<'_> {
        Request {
            client: self,
            method,
            path: path.into(),
            query: Vec::new(),
            body: Ok(Vec::new()),
            idempotent: None,
        }
    }
}

/// A call in preparation; finish with [`send`](Self::send).
#[derive(Debug)]
#[must_use = "nothing is sent until `.send().await`"]
pub struct Request<'c> {
    client: &'c Client,
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    body: Result<Vec<u8>>,
    idempotent: Option<bool>,
}

impl Request<'_> {
    /// Adds a query parameter (percent-encoded here).
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// let page: serde_json::Value = client.request(card_runtime::Method::GET, "/open-apis/im/v1/chats")
    ///     .query("page_size", "50")
    ///     .send()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn query(mut self, name: &str, value: &str) -> Self {
        self.query.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The JSON body: any `Serialize` value, or a `serde_json::Value`. An encoding failure is
    /// reported by [`send`](Self::send) before any request.
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// let _: serde_json::Value = client.request(card_runtime::Method::POST, "/open-apis/im/v1/chats")
    ///     .json(&serde_json::json!({"name": "ops"}))
    ///     .send()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn json(mut self, body: &impl Serialize) -> Self {
        self.body = serde_json::to_vec(body).map_err(Error::Encode);
        self
    }

    /// Whether a repeat is harmless, so that timeouts and 5xx may be retried. Default: yes for
    /// GET, HEAD, PUT and DELETE, no for POST and PATCH (rate limits and refused connections
    /// are retried either way).
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// let _: serde_json::Value = client.request(card_runtime::Method::POST, "/open-apis/contact/v3/users/batch_get_id")
    ///     .json(&serde_json::json!({"emails": ["a@example.com"]}))
    ///     .idempotent(true)
    ///     .send()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = Some(idempotent);
        self
    }

    /// Sends the call and decodes the answer's `data` as `T` (`serde_json::Value` for raw
    /// JSON; an absent `data` decodes as `null`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] before any request for a path outside `/open-apis/` (or
    /// with `..`, a fragment, whitespace); [`Error::Encode`] for a body that failed to
    /// encode; then [`Error::Api`], [`Error::Http`], [`Error::Decode`] (with the JSON path),
    /// ...
    ///
    /// ```no_run
    /// # async fn run(client: card_runtime::Client) -> card_runtime::Result<()> {
    /// let data: serde_json::Value = client.request(card_runtime::Method::GET, "/open-apis/im/v1/chats").send().await?;
    /// # Ok(()) }
    /// ```
    pub async fn send<T: DeserializeOwned>(self) -> Result<T> {
        check_path(&self.path)?;
        let body = self.body?;
        let mut path = self.path;
        for (i, (name, value)) in self.query.iter().enumerate() {
            let joiner = if i == 0 && !path.contains('?') {
                '?'
            } else {
                '&'
            };
            path.push(joiner);
            path.push_str(&encode(name));
            path.push('=');
            path.push_str(&encode(value));
        }
        let idempotent = self.idempotent.unwrap_or(matches!(
            self.method,
            Method::GET | Method::HEAD | Method::PUT | Method::DELETE
        ));
        let call = Call {
            method: self.method,
            path: &path,
            body,
            pace: None,
            idempotency: if idempotent {
                Idempotency::Safe
            } else {
                Idempotency::Unsafe
            },
        };
        let data: Option<Value> = self.client.call(call).await?;
        serde_path_to_error::deserialize(data.unwrap_or(Value::Null)).map_err(|err| Error::Decode {
            path: format!("data.{}", err.path()),
            source: err.into_inner(),
        })
    }
}

/// A path the client may append to its base URL: under `/open-apis/`, and unable to climb out
/// of it or smuggle a fragment or a second request line.
fn check_path(path: &str) -> Result<()> {
    let bare = path.split('?').next().unwrap_or_default();
    let refuse = |why: &str| {
        Err(Error::InvalidRequest {
            reason: format!("the path `{path}` {why}"),
        })
    };
    if !bare.starts_with("/open-apis/") {
        return refuse("does not start with `/open-apis/`");
    }
    if bare
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return refuse("has a `.` or `..` segment");
    }
    if path
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '#')
    {
        return refuse("has whitespace, a control character or a fragment");
    }
    Ok(())
}

/// Percent-encodes a query name or value (everything but the unreserved set).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_outside_the_open_api_are_refused() {
        for bad in [
            "open-apis/im/v1/chats",
            "/other/x",
            "/open-apis/../admin",
            "/open-apis/im v1",
            "/open-apis/im#x",
            "https://evil.example/open-apis/x",
        ] {
            assert!(check_path(bad).is_err(), "{bad}");
        }
        assert!(check_path("/open-apis/im/v1/chats?page_size=1").is_ok());
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
    }
}
