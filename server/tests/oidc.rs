//! Single sign-on (OpenID Connect) through the front door: the `skillmix serve` binary with the
//! `--oidc-*` flags, spoken to over HTTP. The whole flow against a real provider runs in the
//! browser tests (end2end/tests/oidc.spec.ts); these cover what a browser cannot show:
//!
//! - discovery is lazy, retried while the provider is down, and kept once it succeeds;
//! - the redirect to the provider carries PKCE (S256), state and nonce;
//! - the state check, and one use of a sign-in under way;
//! - the relay page for a callback that arrives without the `SameSite=Strict` session cookie;
//! - `--no-password-sign-in`, and the flags refused at start-up.
//!
//! Every test here fails on f6591a6 (the main commit before this work): the flags did not
//! exist and /auth/oidc/* answered 404.

mod support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::http::{form_encode, Request, Response};
use support::Sandbox;

/// `skillmix serve` with extra flags and environment; killed when dropped.
struct Serve {
    child: Child,
    addr: SocketAddr,
    log: std::path::PathBuf,
}

impl Serve {
    fn start(sandbox: &Sandbox, flags: &[&str], env: &[(&str, &str)]) -> Serve {
        let addr: SocketAddr = format!("127.0.0.1:{}", support::free_port()).parse().unwrap();
        let log = sandbox.dir.path().join(format!("server-{}.log", addr.port()));
        let file = std::fs::File::create(&log).unwrap();
        let mut command = base_command(sandbox);
        command.args(["serve", "--addr", &addr.to_string()]).args(flags);
        for (name, value) in env {
            command.env(name, value);
        }
        let child = command.stdout(file.try_clone().unwrap()).stderr(file).spawn().expect("start the server");
        let mut serve = Serve { child, addr, log };
        let started = Instant::now();
        loop {
            if let Ok(response) = Request::get("/healthz").send(serve.addr, Duration::from_secs(2)) {
                if response.status == 200 {
                    return serve;
                }
            }
            if let Ok(Some(status)) = serve.child.try_wait() {
                panic!("the server exited ({status}):\n{}", serve.log());
            }
            assert!(started.elapsed() < Duration::from_secs(60), "the server did not answer:\n{}", serve.log());
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    fn send(&self, request: &Request) -> Response {
        request
            .send(self.addr, Duration::from_secs(60))
            .unwrap_or_else(|e| panic!("{} {}: {e}", request.method, request.path))
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The binary with the environment a server needs (as `support::Sandbox` gives it).
fn base_command(sandbox: &Sandbox) -> Command {
    let mut command = Command::new(support::binary());
    command
        .env("DATABASE_URL", sandbox.url())
        .env("LEPTOS_OUTPUT_NAME", "skillmix")
        .env("LEPTOS_SITE_ROOT", sandbox.dir.path().join("site"))
        .env("LEPTOS_SITE_PKG_DIR", "pkg")
        .env("RUST_LOG", std::env::var("SKILLMIX_TEST_LOG").unwrap_or_else(|_| "warn".into()))
        .env_remove("SKILLMIX_ADDR")
        .env_remove("SKILLMIX_DEMO")
        .env_remove("SKILLMIX_OIDC_CLIENT_SECRET")
        .stdin(Stdio::null())
        .current_dir(sandbox.dir.path());
    command
}

/// A stand-in for a provider's discovery: its metadata and an empty key set, on `port`, until
/// dropped. Counts the discovery requests it answers.
struct Discovery {
    stop: Arc<AtomicBool>,
    requests: Arc<std::sync::atomic::AtomicUsize>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Discovery {
    fn start(port: u16) -> Discovery {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind the provider's port");
        listener.set_nonblocking(true).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let issuer = format!("http://127.0.0.1:{port}");
        let metadata = serde_json::json!({
            "issuer": issuer,
            "authorization_endpoint": format!("{issuer}/authorize"),
            "token_endpoint": format!("{issuer}/token"),
            "jwks_uri": format!("{issuer}/jwks"),
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        })
        .to_string();
        let thread = {
            let stop = stop.clone();
            let requests = requests.clone();
            std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    let Ok((mut stream, _)) = listener.accept() else {
                        std::thread::sleep(Duration::from_millis(10));
                        continue;
                    };
                    stream.set_nonblocking(false).unwrap();
                    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                    let mut head = Vec::new();
                    let mut byte = [0u8; 1];
                    while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).is_ok_and(|n| n == 1) {
                        head.push(byte[0]);
                    }
                    let head = String::from_utf8_lossy(&head);
                    let body = if head.starts_with("GET /.well-known/openid-configuration ") {
                        requests.fetch_add(1, Ordering::SeqCst);
                        metadata.clone()
                    } else {
                        r#"{"keys":[]}"#.to_string()
                    };
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                }
            })
        };
        Discovery { stop, requests, thread: Some(thread) }
    }

    fn discoveries(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for Discovery {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn location(response: &Response) -> String {
    response.header("location").unwrap_or_default().to_string()
}

/// The session cookie a response set, as a `Cookie` header value.
fn session_cookie(response: &Response) -> String {
    response.session_cookie().unwrap_or_else(|| panic!("no session cookie in {:?}", response.headers))
}

/// A query parameter of a URL, still percent-encoded.
fn parameter<'a>(url: &'a str, name: &str) -> Option<&'a str> {
    url.split_once('?')?.1.split('&').find_map(|pair| pair.strip_prefix(&format!("{name}=")))
}

fn sso_flags(port: u16) -> Vec<String> {
    vec!["--oidc-issuer".into(), format!("http://127.0.0.1:{port}"), "--oidc-client-id".into(), "skillmix-test".into()]
}

#[test]
fn discovery_waits_for_the_provider_retries_and_is_kept_once_read() {
    let sandbox = Sandbox::new("oidc-discovery");
    let provider_port = support::free_port();
    let flags = sso_flags(provider_port);
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    // The provider is not up: Skillmix starts all the same.
    let server = Serve::start(&sandbox, &flags, &[("SKILLMIX_OIDC_CLIENT_SECRET", "test-secret-not-logged")]);

    let down = server.send(&Request::get("/auth/oidc/start"));
    assert_eq!(down.status, 303, "{}", down.text());
    assert_eq!(location(&down), "/sign-in?error=sso-unavailable");

    let discovery = Discovery::start(provider_port);
    let up = server.send(&Request::get("/auth/oidc/start?next=%2Fframework"));
    assert_eq!(up.status, 303, "{}", up.text());
    let to = location(&up);
    assert!(to.starts_with(&format!("http://127.0.0.1:{provider_port}/authorize?")), "{to}");
    assert_eq!(parameter(&to, "response_type"), Some("code"));
    assert_eq!(parameter(&to, "client_id"), Some("skillmix-test"));
    assert_eq!(parameter(&to, "code_challenge_method"), Some("S256"));
    assert_eq!(parameter(&to, "code_challenge").map(str::len), Some(43), "a SHA-256 PKCE challenge: {to}");
    assert!(parameter(&to, "state").is_some_and(|s| s.len() >= 16), "{to}");
    assert!(parameter(&to, "nonce").is_some_and(|s| s.len() >= 16), "{to}");
    let scope = parameter(&to, "scope").unwrap_or_default();
    assert!(scope.contains("openid") && scope.contains("email"), "{to}");
    let redirect = format!("http%3A%2F%2F{}%2Fauth%2Foidc%2Fcallback", server.addr).replace(':', "%3A");
    assert_eq!(parameter(&to, "redirect_uri"), Some(redirect.as_str()), "derived from --addr");
    assert_eq!(discovery.discoveries(), 1);

    // Kept: the provider going away again changes nothing for sign-ins that start now.
    drop(discovery);
    let again = server.send(&Request::get("/auth/oidc/start"));
    assert_eq!(again.status, 303);
    assert!(location(&again).starts_with(&format!("http://127.0.0.1:{provider_port}/authorize?")));
    assert!(!server.log().contains("test-secret-not-logged"), "the client secret is never logged");
}

#[test]
fn the_state_is_checked_and_a_sign_in_is_used_once() {
    let sandbox = Sandbox::new("oidc-state");
    let provider_port = support::free_port();
    let _discovery = Discovery::start(provider_port);
    let flags = sso_flags(provider_port);
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let server = Serve::start(&sandbox, &flags, &[]);

    let start = server.send(&Request::get("/auth/oidc/start"));
    assert_eq!(start.status, 303);
    let cookie = session_cookie(&start);
    let state = parameter(&location(&start), "state").unwrap().to_string();

    let forged =
        server.send(&Request::get("/auth/oidc/callback?code=forged&state=not-the-state").header("cookie", &cookie));
    assert_eq!(forged.status, 303, "{}", forged.text());
    assert_eq!(location(&forged), "/sign-in?error=sso-state");

    // The refused answer used the sign-in up: its real state no longer finds one either.
    let late = server
        .send(&Request::get(&format!("/auth/oidc/callback?code=c&state={state}&relay=1")).header("cookie", &cookie));
    assert_eq!(late.status, 303);
    assert_eq!(location(&late), "/sign-in?error=sso-state");

    let audit = sandbox_audit(&sandbox);
    assert!(audit.iter().any(|d| d == "denied|single sign-on: state does not match"), "{audit:?}");
    assert!(audit.iter().any(|d| d == "denied|single sign-on: no sign-in under way in this browser"), "{audit:?}");

    // The sign-in page says what went wrong.
    let page = server.send(&Request::get("/sign-in?error=sso-state"));
    assert_eq!(page.status, 200);
    assert!(page.text().contains("did not match a sign-in started in this browser"), "{}", page.text());
}

/// The audit log's sign-in rows, as `outcome|detail`.
fn sandbox_audit(sandbox: &Sandbox) -> Vec<String> {
    let db = support::db::Db::open(&sandbox.db_path);
    let text = db
        .scalar_text(
            "SELECT group_concat(outcome || '|' || COALESCE(detail, ''), char(10)) FROM audit_events WHERE action = 'sign-in'",
        )
        .unwrap_or_default();
    text.lines().map(str::to_string).collect()
}

#[test]
fn a_callback_without_the_session_cookie_is_relayed_from_this_site() {
    let sandbox = Sandbox::new("oidc-relay");
    let provider_port = support::free_port();
    let flags = sso_flags(provider_port);
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let server = Serve::start(&sandbox, &flags, &[]);

    // A provider's redirect from another site arrives without the SameSite=Strict cookie.
    let arrived = server.send(&Request::get("/auth/oidc/callback?code=a%26b&state=s1&iss=http%3A%2F%2Fx"));
    assert_eq!(arrived.status, 200, "{}", arrived.text());
    let body = arrived.text();
    let next = "/auth/oidc/callback?code=a%26b&amp;state=s1&amp;iss=http%3A%2F%2Fx&amp;relay=1";
    assert!(body.contains(&format!("<meta http-equiv=\"refresh\" content=\"0;url={next}\">")), "{body}");
    assert!(body.contains(&format!("<a href=\"{next}\">Continue signing in</a>")), "{body}");
    assert_eq!(arrived.header("cache-control"), Some("no-store"));

    // Followed from this site and still without a sign-in under way: refused, no loop.
    let followed = server.send(&Request::get("/auth/oidc/callback?code=a%26b&state=s1&relay=1"));
    assert_eq!(followed.status, 303);
    assert_eq!(location(&followed), "/sign-in?error=sso-state");
}

#[test]
fn password_sign_in_can_be_turned_off_and_the_page_follows_the_settings() {
    let sandbox = Sandbox::new("oidc-password-off");
    sandbox.load_demo();
    let provider_port = support::free_port();
    let mut flags = sso_flags(provider_port);
    flags.push("--no-password-sign-in".into());
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let sso_only = Serve::start(&sandbox, &flags, &[]);

    let page = sso_only.send(&Request::get("/sign-in")).text();
    assert!(page.contains("Sign in with single sign-on"), "{page}");
    assert!(page.contains("href=\"/auth/oidc/start\""), "{page}");
    assert!(!page.contains("type=\"password\""), "no password form: {page}");

    let body = format!("email={}&password={}", form_encode(support::ADMIN_EMAIL), form_encode("whatever it is"));
    let refused = sso_only.send(
        &Request::post("/api/session/sign-in")
            .header("accept", "application/json")
            .body("application/x-www-form-urlencoded", body.clone()),
    );
    assert!(
        refused.text().contains("Signing in with an email address and password is turned off here"),
        "{} {}",
        refused.status,
        refused.text()
    );
    assert!(session_cookie_absent(&refused), "no session: {:?}", refused.headers);
    drop(sso_only);

    // Without the flags: no link, the password form, and no single sign-on routes.
    let plain = Serve::start(&sandbox, &[], &[]);
    let page = plain.send(&Request::get("/sign-in")).text();
    assert!(!page.contains("Sign in with single sign-on"), "{page}");
    assert!(page.contains("type=\"password\""), "{page}");
    assert_eq!(plain.send(&Request::get("/auth/oidc/start")).status, 404);
    assert_eq!(plain.send(&Request::get("/auth/oidc/callback?code=x&state=y")).status, 404);
}

fn session_cookie_absent(response: &Response) -> bool {
    !response
        .headers
        .iter()
        .any(|(name, value)| name == "set-cookie" && value.starts_with("skillmix=") && !value.contains("Max-Age=0"))
}

#[test]
fn bad_single_sign_on_flags_stop_the_server_with_a_message_naming_them() {
    let sandbox = Sandbox::new("oidc-flags");
    let run = |args: &[&str]| {
        let output = base_command(&sandbox).args(args).output().expect("run the binary");
        assert!(!output.status.success(), "{args:?} was accepted");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let port = support::free_port().to_string();
    let addr = format!("127.0.0.1:{port}");
    assert!(run(&["serve", "--addr", &addr, "--no-password-sign-in"]).contains("--oidc-issuer"));
    assert!(run(&["serve", "--addr", &addr, "--oidc-issuer", "https://login.example.com"]).contains("--oidc-client-id"));
    let http = run(&["serve", "--addr", &addr, "--oidc-issuer", "http://login.example.com", "--oidc-client-id", "x"]);
    assert!(http.contains("--oidc-issuer must be an https:// address"), "{http}");
    let secret_flag = run(&["serve", "--addr", &addr, "--oidc-client-secret", "x"]);
    assert!(secret_flag.contains("--oidc-client-secret"), "the secret is never a flag: {secret_flag}");
}
