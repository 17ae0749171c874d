//! The long-connection gateway on the wire, seen by a raw WebSocket client: the bootstrap
//! answer's shape, single-use tickets, pongs carrying the whole ClientConfig, data frames with
//! every header the official SDKs require, answers decoded, the per-app limit, and deliveries
//! spread over the connected clients.

mod support;

use std::time::Duration;

use base64::Engine as _;
use card_emulator::{Emulator, LongConnectionConfig};
use card_runtime::ws::{Frame, keys};
use futures_util::{SinkExt as _, StreamExt as _};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{WebSocketStream, client_async};

type Socket = WebSocketStream<TcpStream>;

async fn bootstrap(emulator: &Emulator) -> Value {
    let body = json!({"AppID": emulator.app_id(), "AppSecret": emulator.app_secret()});
    support::post(emulator, "/callback/ws/endpoint", None, &body)
        .await
        .json()
}

async fn dial(url: &str) -> Result<Socket, tungstenite::Error> {
    let addr = url
        .trim_start_matches("ws://")
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let tcp = TcpStream::connect(addr).await.unwrap();
    client_async(url, tcp).await.map(|(socket, _)| socket)
}

async fn connect(emulator: &Emulator) -> Socket {
    let answer = bootstrap(emulator).await;
    dial(answer["data"]["URL"].as_str().unwrap()).await.unwrap()
}

async fn next_frame(socket: &mut Socket) -> Frame {
    loop {
        let message = timeout(Duration::from_secs(5), socket.next())
            .await
            .expect("a frame within 5 s")
            .expect("open")
            .expect("readable");
        if let Message::Binary(bytes) = message {
            return Frame::decode(&bytes).unwrap();
        }
    }
}

#[tokio::test]
async fn bootstrap_answers_the_shape_every_sdk_reads() {
    let emulator = Emulator::start().await.unwrap();
    let answer = bootstrap(&emulator).await;
    assert_eq!(answer["code"], 0, "{answer}");
    let url = answer["data"]["URL"].as_str().unwrap();
    let query = url.split_once("/ws/v2?").expect("ws://host/ws/v2?...").1;
    let keys: Vec<&str> = query
        .split('&')
        .map(|kv| kv.split('=').next().unwrap())
        .collect();
    // Node parses the whole URL: `device_id` first would be lost.
    assert_ne!(keys[0], "device_id");
    for key in ["device_id", "service_id", "ticket"] {
        assert!(keys.contains(&key), "{url}");
    }
    assert!(query.contains("service_id=33554678"));
    let config = &answer["data"]["ClientConfig"];
    for key in [
        "PingInterval",
        "ReconnectCount",
        "ReconnectInterval",
        "ReconnectNonce",
    ] {
        assert!(config[key].is_i64(), "{key} missing in {config}");
    }
    let wrong = json!({"AppID": emulator.app_id(), "AppSecret": "nope"});
    let refused = support::post(&emulator, "/callback/ws/endpoint", None, &wrong)
        .await
        .json();
    assert_ne!(refused["code"], 0);
    assert!(!refused.to_string().contains("nope"));
}

#[tokio::test]
async fn tickets_are_single_use_and_pongs_carry_the_config() {
    let emulator = Emulator::start().await.unwrap();
    emulator.configure_long_connection(LongConnectionConfig {
        ping_interval: 7,
        ..Default::default()
    });
    let answer = bootstrap(&emulator).await;
    let url = answer["data"]["URL"].as_str().unwrap();
    let mut socket = dial(url).await.unwrap();
    let Err(tungstenite::Error::Http(refused)) = dial(url).await else {
        panic!("a reused ticket must be refused");
    };
    assert_eq!(refused.headers()["handshake-status"], "514");

    socket
        .send(Message::binary(Frame::control(33_554_678, "ping").encode()))
        .await
        .unwrap();
    let pong = next_frame(&mut socket).await;
    assert_eq!((pong.method, pong.header(keys::TYPE)), (0, Some("pong")));
    let config: Value = serde_json::from_slice(pong.payload.as_deref().unwrap()).unwrap();
    assert_eq!(
        config,
        json!({"PingInterval": 7, "ReconnectCount": -1, "ReconnectInterval": 120, "ReconnectNonce": 30})
    );
    assert_eq!(emulator.long_connections(), 1);
}

#[tokio::test]
async fn data_frames_carry_every_header_and_answers_are_decoded() {
    let emulator = Emulator::start().await.unwrap();
    let mut socket = connect(&emulator).await;
    let state = std::sync::Arc::clone(emulator.state());
    let delivery = tokio::spawn(async move { state.deliver_ws(br#"{"schema":"2.0"}"#).await });
    let frame = next_frame(&mut socket).await;
    assert_eq!(frame.method, 1);
    assert_eq!(frame.payload.as_deref(), Some(&br#"{"schema":"2.0"}"#[..]));
    for key in ["type", "message_id", "sum", "seq", "trace_id", "timestamp"] {
        assert!(frame.header(key).is_some(), "{key} missing: {frame:?}");
    }
    assert_eq!(
        (frame.header("sum"), frame.header("seq")),
        (Some("1"), Some("0"))
    );
    // Required proto2 fields are on the wire even when zero (Node throws otherwise).
    assert!(frame.encode().starts_with(&[0x08]));
    let mut ack = frame.clone();
    ack.headers.push(("biz_rt".into(), "1".into()));
    let data = base64::engine::general_purpose::STANDARD
        .encode(br#"{"toast":{"type":"info","content":"hi"}}"#);
    ack.payload = Some(json!({"code": 200, "data": data}).to_string().into_bytes());
    socket.send(Message::binary(ack.encode())).await.unwrap();
    let delivered = delivery.await.unwrap().expect("connected");
    assert_eq!(delivered.status, Some(200));
    assert_eq!(delivered.answer["toast"]["content"], "hi");
}

#[tokio::test]
async fn the_connection_limit_holds_and_deliveries_spread_over_clients() {
    let emulator = Emulator::start().await.unwrap();
    emulator.configure_long_connection(LongConnectionConfig {
        connection_limit: 2,
        ..Default::default()
    });
    let (mut first, mut second) = (connect(&emulator).await, connect(&emulator).await);
    let answer = bootstrap(&emulator).await;
    let Err(tungstenite::Error::Http(refused)) =
        dial(answer["data"]["URL"].as_str().unwrap()).await
    else {
        panic!("a third connection must be refused");
    };
    assert_eq!(refused.headers()["handshake-autherrcode"], "1000040350");
    let mut received = [0usize; 2];
    for _ in 0..20 {
        let state = std::sync::Arc::clone(emulator.state());
        let delivery = tokio::spawn(async move { state.deliver_ws(b"{}").await });
        // Whichever socket got it answers.
        let (index, frame) = tokio::select! {
            frame = next_frame(&mut first) => (0, frame),
            frame = next_frame(&mut second) => (1, frame),
        };
        received[index] += 1;
        let mut ack = frame;
        ack.payload = Some(br#"{"code":200}"#.to_vec());
        let socket = if index == 0 { &mut first } else { &mut second };
        socket.send(Message::binary(ack.encode())).await.unwrap();
        assert_eq!(delivery.await.unwrap().unwrap().answer, json!({}));
    }
    assert!(
        received[0] > 0 && received[1] > 0,
        "one client got everything: {received:?}"
    );
}
