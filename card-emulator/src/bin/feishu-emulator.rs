//! The Feishu Open API emulator as a standalone program, for testing bots in any language.
//!
//! ```text
//! cargo run -p card-emulator --bin feishu-emulator -- --listen 127.0.0.1:8099
//! ```
//!
//! It prints its base URL, the app credentials it accepts and its webhook URLs, then serves
//! until killed. The inspection API (`GET /_emulator/messages`, ...) is documented in
//! `card_emulator`.

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use card_emulator::{
    CallbackApp, Capacity, Clicker, DEFAULT_APP_ID, DEFAULT_APP_SECRET, Emulator, EmulatorBuilder,
    Generation, Limits,
};

const USAGE: &str = "\
usage: feishu-emulator [options]
  --listen ADDR           address to bind (default 127.0.0.1:0, a free port)
  --app-id ID             app id to accept (default cli_emulator)
  --app-secret SECRET     app secret to accept (default emulator-app-secret)
  --token-ttl SECONDS     lifetime of issued tenant tokens (default 7200)
  --limits feishu|unlimited|xN
                          rate limits: documented, none, or documented times N (default feishu)
  --max-messages N        messages (and uuids) remembered; the oldest are forgotten first
                          (default 100000)
  --webhook TOKEN[:SECRET]
                          register a custom-bot webhook, signed if SECRET is given
                          (repeatable; default: `emulator-hook`, unsigned)
  --callback-url URL      the app's card callback URL: enables POST /_emulator/click
                          (buttons, containers, inputs, selects, overflow menus, pickers,
                          checkers and form submits), POST /_emulator/url_verification
                          and GET /_emulator/toasts
  --verification-token T  the app's Verification Token (default emulator-verification-token)
  --encrypt-key KEY       the app's Encrypt Key (default none: plaintext, v2 unsigned)
  --callback-generation v2|legacy
                          card.action.trigger or the legacy card callback (default v2)
  --callback-plain        do not encrypt callback bodies even with an Encrypt Key
  --long-connection       the app receives clicks over the long connection only (no
                          callback URL): enables POST /_emulator/click and the toasts.
                          The gateway (POST /callback/ws/endpoint, GET /ws/v2) and
                          POST /_emulator/messages/send are always on; clicks go over a
                          connected long connection whenever there is one
  -h, --help              print this help";

/// The command line, parsed. New flags add a field here and an arm in `parse`.
#[derive(Debug)]
struct Args {
    listen: SocketAddr,
    app_id: String,
    app_secret: String,
    token_ttl: Duration,
    limits: Limits,
    capacity: Capacity,
    webhooks: Vec<(String, Option<String>)>,
    callback: CallbackFlags,
}

/// The app-side callback settings (the emulator plays the user against this app).
#[derive(Debug, Default)]
struct CallbackFlags {
    url: Option<String>,
    verification_token: Option<String>,
    encrypt_key: Option<String>,
    legacy: bool,
    plain: bool,
    long_connection: bool,
}

impl CallbackFlags {
    fn app(&self) -> Option<CallbackApp> {
        let token = self
            .verification_token
            .clone()
            .unwrap_or_else(|| "emulator-verification-token".to_owned());
        let Some(url) = &self.url else {
            return self
                .long_connection
                .then(|| CallbackApp::long_connection(token));
        };
        let mut app = CallbackApp::new(url, token)
            .generation(if self.legacy {
                Generation::Legacy
            } else {
                Generation::V2
            })
            .encrypted(!self.plain);
        if let Some(key) = &self.encrypt_key {
            app = app.encrypt_key(key.as_str());
        }
        Some(app)
    }
}

impl Args {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<Self>, String> {
        let mut parsed = Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            app_id: DEFAULT_APP_ID.to_owned(),
            app_secret: DEFAULT_APP_SECRET.to_owned(),
            token_ttl: Duration::from_secs(7200),
            limits: Limits::feishu(),
            capacity: Capacity::default(),
            webhooks: Vec::new(),
            callback: CallbackFlags::default(),
        };
        while let Some(flag) = args.next() {
            if flag == "-h" || flag == "--help" {
                return Ok(None);
            }
            let mut value = || args.next().ok_or_else(|| format!("`{flag}` needs a value"));
            match flag.as_str() {
                "--listen" => {
                    let addr = value()?;
                    parsed.listen = addr
                        .parse()
                        .map_err(|err| format!("--listen `{addr}`: {err}"))?;
                }
                "--app-id" => parsed.app_id = value()?,
                "--app-secret" => parsed.app_secret = value()?,
                "--token-ttl" => {
                    let secs = value()?;
                    let secs: u64 = secs
                        .parse()
                        .map_err(|err| format!("--token-ttl `{secs}`: {err}"))?;
                    parsed.token_ttl = Duration::from_secs(secs);
                }
                "--limits" => parsed.limits = parse_limits(&value()?)?,
                "--max-messages" => {
                    let count = value()?;
                    let count: usize =
                        count.parse().ok().filter(|&n| n > 0).ok_or_else(|| {
                            format!("--max-messages `{count}`: expected a count > 0")
                        })?;
                    parsed.capacity.messages = count;
                    parsed.capacity.uuids = count;
                }
                "--webhook" => {
                    let spec = value()?;
                    let (token, secret) = match spec.split_once(':') {
                        Some((token, secret)) => (token.to_owned(), Some(secret.to_owned())),
                        None => (spec, None),
                    };
                    parsed.webhooks.push((token, secret));
                }
                "--callback-url" => parsed.callback.url = Some(value()?),
                "--verification-token" => parsed.callback.verification_token = Some(value()?),
                "--encrypt-key" => parsed.callback.encrypt_key = Some(value()?),
                "--callback-generation" => {
                    parsed.callback.legacy = match value()?.as_str() {
                        "v2" => false,
                        "legacy" => true,
                        other => {
                            return Err(format!(
                                "--callback-generation `{other}`: expected v2 or legacy"
                            ));
                        }
                    };
                }
                "--callback-plain" => parsed.callback.plain = true,
                "--long-connection" => parsed.callback.long_connection = true,
                other => return Err(format!("unknown option `{other}`")),
            }
        }
        if parsed.webhooks.is_empty() {
            parsed.webhooks.push(("emulator-hook".to_owned(), None));
        }
        Ok(Some(parsed))
    }

    fn builder(&self) -> Result<EmulatorBuilder, String> {
        let mut builder = Emulator::builder()
            .listen(self.listen)
            .app(&self.app_id, &self.app_secret)
            .token_ttl(self.token_ttl)
            .limits(self.limits.clone())
            .capacity(self.capacity.clone());
        for (token, secret) in &self.webhooks {
            builder = builder.webhook(token, secret.as_deref());
        }
        if let Some(app) = self.callback.app() {
            let clicker = Clicker::new(app).map_err(|err| err.to_string())?;
            for (path, route) in Clicker::routes(&clicker) {
                builder = builder.route(path, route);
            }
        }
        Ok(builder)
    }
}

fn parse_limits(value: &str) -> Result<Limits, String> {
    match value {
        "feishu" => Ok(Limits::feishu()),
        "unlimited" => Ok(Limits::unlimited()),
        scaled => scaled
            .strip_prefix('x')
            .and_then(|factor| factor.parse::<u32>().ok())
            .map(|factor| Limits::feishu().scaled(factor))
            .ok_or_else(|| format!("--limits `{value}`: expected feishu, unlimited or xN")),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(err) => {
            eprintln!("feishu-emulator: {err}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let builder = match args.builder() {
        Ok(builder) => builder,
        Err(err) => {
            eprintln!("feishu-emulator: {err}");
            return ExitCode::FAILURE;
        }
    };
    let emulator = match builder.start().await {
        Ok(emulator) => emulator,
        Err(err) => {
            eprintln!("feishu-emulator: cannot listen on {}: {err}", args.listen);
            return ExitCode::FAILURE;
        }
    };
    // Line-oriented so scripts can read the URL from stdout.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "feishu-emulator listening on {}", emulator.url());
    let _ = writeln!(out, "base_url={}", emulator.url());
    let _ = writeln!(out, "app_id={}", emulator.app_id());
    let _ = writeln!(out, "app_secret={}", emulator.app_secret());
    for (token, secret) in &args.webhooks {
        let signed = secret
            .as_deref()
            .map_or(String::new(), |s| format!(" (signing secret {s})"));
        let _ = writeln!(out, "webhook={}{signed}", emulator.webhook_url(token));
    }
    let _ = writeln!(out, "inspect=GET {}/_emulator/messages", emulator.url());
    if let Some(url) = &args.callback.url {
        let _ = writeln!(out, "callback={url}");
    }
    if args.callback.url.is_some() || args.callback.long_connection {
        let _ = writeln!(out, "click=POST {}/_emulator/click", emulator.url());
    }
    let _ = writeln!(
        out,
        "long_connection=POST {}/callback/ws/endpoint",
        emulator.url()
    );
    let _ = out.flush();
    drop(out);
    // Serve until the process is killed.
    std::future::pending::<()>().await;
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::{Args, Limits};

    fn parse(args: &[&str]) -> Result<Option<Args>, String> {
        Args::parse(args.iter().map(|arg| (*arg).to_owned()))
    }

    #[test]
    fn flags_are_parsed_and_webhooks_default() {
        let args = parse(&[
            "--listen",
            "127.0.0.1:8099",
            "--limits",
            "x10",
            "--token-ttl",
            "60",
            "--max-messages",
            "500",
        ])
        .unwrap()
        .unwrap();
        assert_eq!((args.capacity.messages, args.capacity.uuids), (500, 500));
        assert_eq!(args.listen.port(), 8099);
        assert_eq!(args.limits, Limits::feishu().scaled(10));
        assert_eq!(args.token_ttl.as_secs(), 60);
        assert_eq!(args.webhooks, [("emulator-hook".to_owned(), None)]);
        let args = parse(&["--webhook", "h:sec", "--webhook", "plain"])
            .unwrap()
            .unwrap();
        assert_eq!(
            args.webhooks,
            [
                ("h".to_owned(), Some("sec".to_owned())),
                ("plain".to_owned(), None)
            ]
        );
    }

    #[test]
    fn bad_input_is_an_error_and_help_is_not() {
        assert!(parse(&["--help"]).unwrap().is_none());
        let ws = parse(&["--long-connection"]).unwrap().unwrap();
        assert!(ws.callback.app().is_some());
        assert!(parse(&[]).unwrap().unwrap().callback.app().is_none());
        assert!(parse(&["--listen"]).unwrap_err().contains("needs a value"));
        assert!(
            parse(&["--listen", "nowhere"])
                .unwrap_err()
                .contains("--listen")
        );
        assert!(parse(&["--limits", "x"]).unwrap_err().contains("xN"));
        assert!(
            parse(&["--max-messages", "0"])
                .unwrap_err()
                .contains("--max-messages")
        );
        assert!(
            parse(&["--frobnicate"])
                .unwrap_err()
                .contains("unknown option")
        );
    }
}
