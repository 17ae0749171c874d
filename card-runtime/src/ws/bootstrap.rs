//! `POST {base}/callback/ws/endpoint`: a fresh WebSocket URL and the server's timing, asked for
//! before every (re)connect because a URL's ticket is single-use (reference A.2, A.3).

use serde::Deserialize;
use serde_json::json;

use super::config::WireConfig;
use super::error::WsError;
use crate::Secret;

/// What the bootstrap yields.
pub(crate) struct Endpoint {
    pub(crate) url: url::Url,
    /// `service_id` from the URL's query: copied into every ping.
    pub(crate) service_id: i32,
    pub(crate) config: Option<WireConfig>,
}

#[derive(Deserialize)]
struct Answer {
    #[serde(default)]
    code: i64,
    #[serde(default)]
    msg: String,
    data: Option<Data>,
}

#[derive(Deserialize)]
struct Data {
    #[serde(rename = "URL")]
    url: Option<String>,
    #[serde(rename = "ClientConfig")]
    client_config: Option<WireConfig>,
}

pub(crate) async fn fetch(
    http: &reqwest::Client,
    base_url: &str,
    app_id: &str,
    app_secret: &Secret,
) -> Result<Endpoint, WsError> {
    let response = http
        .post(format!("{base_url}/callback/ws/endpoint"))
        // Every SDK sends it; the Node SDK notes the gateway reads it.
        .header("locale", "zh")
        .header("content-type", "application/json")
        .body(json!({"AppID": app_id, "AppSecret": app_secret.expose()}).to_string())
        .send()
        .await
        .map_err(|err| WsError::Transport(format!("bootstrap: {}", err.without_url())))?;
    let status = response.status().as_u16();
    if status != 200 {
        return Err(WsError::BootstrapStatus { status });
    }
    let bytes = response
        .bytes()
        .await
        .map_err(|err| WsError::Transport(format!("bootstrap body: {}", err.without_url())))?;
    parse(&bytes)
}

fn parse(bytes: &[u8]) -> Result<Endpoint, WsError> {
    let answer: Answer = serde_json::from_slice(bytes)
        .map_err(|err| WsError::BadEndpoint(format!("not the documented JSON: {err}")))?;
    if answer.code != 0 {
        return Err(WsError::Bootstrap {
            code: answer.code,
            msg: answer.msg,
        });
    }
    let data = answer
        .data
        .ok_or_else(|| WsError::BadEndpoint("no data".into()))?;
    let raw = data
        .url
        .ok_or_else(|| WsError::BadEndpoint("no URL".into()))?;
    let url = url::Url::parse(&raw)
        // The URL carries the connection ticket: never echo it.
        .map_err(|err| WsError::BadEndpoint(format!("URL unparsable: {err}")))?;
    if !matches!(url.scheme(), "ws" | "wss") {
        return Err(WsError::BadEndpoint(format!(
            "URL scheme {} is not ws/wss",
            url.scheme()
        )));
    }
    let service_id = url
        .query_pairs()
        .find(|(key, _)| key == "service_id")
        .and_then(|(_, value)| value.parse::<i32>().ok())
        // Go parses it as int32 and Python fails without it; we only lose ping routing, so
        // 0 (what proto2 would read) keeps the connection usable.
        .unwrap_or(0);
    Ok(Endpoint {
        url,
        service_id,
        config: data.client_config,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_url_service_id_and_config() {
        let body = br#"{"code":0,"msg":"ok","data":{"URL":"wss://msg-frontier.feishu.cn/ws/v2?fpid=493&device_id=7&service_id=33554678&ticket=t","ClientConfig":{"ReconnectCount":-1,"ReconnectInterval":120,"ReconnectNonce":30,"PingInterval":90}}}"#;
        let endpoint = parse(body).unwrap();
        assert_eq!(endpoint.service_id, 33_554_678);
        assert_eq!(endpoint.url.host_str(), Some("msg-frontier.feishu.cn"));
        let mut config = super::super::ServerConfig::default();
        config.apply(endpoint.config.as_ref().unwrap());
        assert_eq!(config.ping_interval.as_secs(), 90);
        assert_eq!(config.reconnect_count, None);
    }

    #[test]
    fn codes_and_shapes_are_typed() {
        let busy = parse(br#"{"code":1,"msg":"system busy"}"#).err().unwrap();
        assert!(matches!(busy, WsError::Bootstrap { code: 1, .. }) && !busy.is_fatal());
        let denied = parse(br#"{"code":1000040344,"msg":"no credential"}"#)
            .err()
            .unwrap();
        assert!(denied.is_fatal());
        let http = parse(br#"{"code":0,"data":{"URL":"https://x/ws"}}"#)
            .err()
            .unwrap();
        assert!(matches!(http, WsError::BadEndpoint(_)));
        assert!(matches!(
            parse(b"<html>").err().unwrap(),
            WsError::BadEndpoint(_)
        ));
        let secret = parse(br#"{"code":0,"data":{"URL":"ws://h:99999/?ticket=SECRET"}}"#)
            .err()
            .unwrap();
        assert!(!secret.to_string().contains("SECRET"));
    }
}
