//! A user's own `reqwest::Client::new()` next to this library. The crate builds reqwest with
//! `rustls-no-provider`, so without a process-wide rustls provider that call panics; building
//! a `Client` installs ring as the default. Alone in its test binary: the provider is
//! process-wide state.

#[test]
fn a_users_own_reqwest_client_works_after_building_ours() {
    let _ours = card_runtime::Client::builder("cli_a", "secret")
        .build()
        .unwrap();
    let theirs = std::panic::catch_unwind(reqwest::Client::new);
    assert!(
        theirs.is_ok(),
        "reqwest::Client::new() panicked: no TLS provider"
    );
    assert!(rustls::crypto::CryptoProvider::get_default().is_some());
}
