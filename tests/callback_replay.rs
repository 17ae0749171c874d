//! Replays of captured callbacks: the timestamp and nonce are hashed as one concatenation, so
//! characters moved between the two headers keep the signature valid. Every such split must be
//! refused once the request is older than the window, for both callback generations, however
//! long the replay memory has been gone (a restart, another replica).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use card_runtime::callback::{
    ActionContext, CallbackConfig, CallbackEndpoint, CallbackRequest, CallbackSigner, ClickEvent,
    Dispatcher, Envelope, Handlers, SignedRequest, Toast,
};
use serde_json::json;

const TOKEN: &str = "replay-verification-token";
const KEY: &str = "replay-encrypt-key";
const YEAR: Duration = Duration::from_secs(365 * 24 * 3600);

fn captured_at() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

/// A fresh endpoint (as after a restart) counting its handler runs.
fn fresh_endpoint() -> (CallbackEndpoint, Arc<AtomicUsize>) {
    let runs = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&runs);
    // A plain-string value carries no route: the fallback takes it.
    let router = Handlers::new().fallback(move |cx: ActionContext| {
        counter.fetch_add(1, Ordering::SeqCst);
        let id = cx.value().as_str().unwrap_or_default().to_owned();
        async move { Toast::success(format!("ran {id}")) }
    });
    let config = CallbackConfig::new(TOKEN).encrypt_key(KEY);
    (
        CallbackEndpoint::new(config, Dispatcher::new(router).unwrap()),
        runs,
    )
}

fn captured(generation: Envelope) -> SignedRequest {
    let signer = CallbackSigner::new(TOKEN).encrypt_key(KEY);
    let click = ClickEvent::button("ou_victim", "om_1", json!("transfer-42"));
    // Feishu's nonces mix digits and letters; digits at the front are what an attacker can
    // move into the timestamp, letters what they can move out of the nonce.
    signer.click(
        generation,
        &click,
        generation == Envelope::Schema2,
        captured_at(),
        "7302ab9f",
        [5; 16],
    )
}

fn header<'a>(signed: &'a SignedRequest, name: &str) -> &'a str {
    signed
        .headers
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.as_str())
        .unwrap()
}

fn send(
    endpoint: &CallbackEndpoint,
    signed: &SignedRequest,
    timestamp: &str,
    nonce: &str,
    now: SystemTime,
) -> u16 {
    let request = CallbackRequest::new(&signed.body)
        .header("X-Lark-Request-Timestamp", timestamp)
        .header("X-Lark-Request-Nonce", nonce)
        .header("X-Lark-Signature", header(signed, "X-Lark-Signature"));
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(endpoint.handle_at(&request, now))
        .status()
}

/// Every way of cutting `timestamp ‖ nonce` in two, the original cut excepted.
fn shifted_splits(timestamp: &str, nonce: &str) -> Vec<(String, String)> {
    let joined = format!("{timestamp}{nonce}");
    (0..=joined.len())
        .filter(|&cut| cut != timestamp.len())
        .map(|cut| (joined[..cut].to_owned(), joined[cut..].to_owned()))
        .collect()
}

#[test]
fn a_year_old_request_is_refused_however_its_headers_are_cut() {
    for generation in [Envelope::Schema2, Envelope::Legacy] {
        let signed = captured(generation);
        let timestamp = header(&signed, "X-Lark-Request-Timestamp").to_owned();
        let nonce = header(&signed, "X-Lark-Request-Nonce").to_owned();
        let later = captured_at() + YEAR;

        // Fresh when captured: accepted once, so the signature is genuinely valid.
        let (endpoint, runs) = fresh_endpoint();
        assert_eq!(
            send(&endpoint, &signed, &timestamp, &nonce, captured_at()),
            200
        );
        assert_eq!(runs.load(Ordering::SeqCst), 1);

        // A year later, on a server that forgot it (new endpoint: restart or another replica).
        let (endpoint, runs) = fresh_endpoint();
        assert_eq!(
            send(&endpoint, &signed, &timestamp, &nonce, later),
            401,
            "{generation:?}: the original cut is stale"
        );
        let splits = shifted_splits(&timestamp, &nonce);
        assert_eq!(splits.len(), timestamp.len() + nonce.len());
        for (shifted_ts, shifted_nonce) in &splits {
            let status = send(&endpoint, &signed, shifted_ts, shifted_nonce, later);
            assert_eq!(
                status, 401,
                "{generation:?}: timestamp {shifted_ts:?} nonce {shifted_nonce:?} got {status}"
            );
        }
        assert_eq!(
            runs.load(Ordering::SeqCst),
            0,
            "{generation:?}: no replay ran the handler"
        );
    }
}

#[test]
fn the_same_request_later_in_the_same_memory_is_refused_too() {
    for generation in [Envelope::Schema2, Envelope::Legacy] {
        let signed = captured(generation);
        let timestamp = header(&signed, "X-Lark-Request-Timestamp").to_owned();
        let nonce = header(&signed, "X-Lark-Request-Nonce").to_owned();
        let (endpoint, runs) = fresh_endpoint();
        assert_eq!(
            send(&endpoint, &signed, &timestamp, &nonce, captured_at()),
            200
        );
        // Inside the window, the replay memory refuses the copy ...
        let soon = captured_at() + Duration::from_secs(60);
        assert_eq!(send(&endpoint, &signed, &timestamp, &nonce, soon), 409);
        // ... and past the memory's retention the timestamp does, whichever cut is sent.
        let later = captured_at() + YEAR;
        assert_eq!(send(&endpoint, &signed, &timestamp, &nonce, later), 401);
        for (shifted_ts, shifted_nonce) in shifted_splits(&timestamp, &nonce) {
            assert_eq!(
                send(&endpoint, &signed, &shifted_ts, &shifted_nonce, later),
                401,
                "{generation:?}: {shifted_ts:?} / {shifted_nonce:?}"
            );
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1, "{generation:?}");
    }
}
