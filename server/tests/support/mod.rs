//! Shared by the resilience tests (`crash`, `bad_input`, `backup`): a throw-away database in a
//! temporary folder, the `skillmix` binary run against it (command line and server), a small
//! HTTP client, database checks (integrity, foreign keys, a content checksum) and a seeded
//! random number generator.
//!
//! Everything listens on and talks to 127.0.0.1 only, and every server started here is killed
//! when its handle is dropped.

#![allow(dead_code)]

pub mod db;
pub mod http;

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The demo organisation's administrator (see `server/src/demo_users.rs`).
pub const ADMIN_EMAIL: &str = "admin@example.gov.uk";

/// The server binary cargo built for these tests.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_skillmix")
}

/// A temporary folder with a database file and an empty Leptos site root.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
    pub db_path: PathBuf,
    site_root: PathBuf,
}

impl Sandbox {
    pub fn new(name: &str) -> Sandbox {
        let dir = tempfile::Builder::new().prefix(&format!("skillmix-{name}-")).tempdir().expect("temporary folder");
        let db_path = dir.path().join(format!("{name}.db"));
        let site_root = dir.path().join("site");
        std::fs::create_dir_all(site_root.join("pkg")).expect("site folder");
        Sandbox { dir, db_path, site_root }
    }

    pub fn url(&self) -> String {
        format!("sqlite://{}", self.db_path.display())
    }

    /// The binary with the environment a server needs when cargo-leptos did not build it.
    fn command(&self) -> Command {
        let mut command = Command::new(binary());
        command
            .env("DATABASE_URL", self.url())
            .env("LEPTOS_OUTPUT_NAME", "skillmix")
            .env("LEPTOS_SITE_ROOT", &self.site_root)
            .env("LEPTOS_SITE_PKG_DIR", "pkg")
            .env("RUST_LOG", std::env::var("SKILLMIX_TEST_LOG").unwrap_or_else(|_| "warn".into()))
            .env_remove("SKILLMIX_ADDR")
            .env_remove("SKILLMIX_DEMO")
            .current_dir(self.dir.path());
        command
    }

    /// Runs a command-line command to the end.
    pub fn cli(&self, args: &[&str]) -> Output {
        self.command().args(args).stdin(Stdio::null()).output().expect("run the skillmix binary")
    }

    /// Runs a command-line command that must succeed, and returns its standard output.
    pub fn cli_ok(&self, args: &[&str]) -> String {
        let output = self.cli(args);
        assert!(
            output.status.success(),
            "skillmix {args:?} failed ({}):\n{}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Loads the demo organisation (with its sign-ins) into the empty database.
    pub fn load_demo(&self) {
        self.cli_ok(&["demo"]);
    }

    /// A new API token for the demo administrator.
    pub fn admin_token(&self) -> String {
        self.token_for(ADMIN_EMAIL)
    }

    pub fn token_for(&self, email: &str) -> String {
        let out = self.cli_ok(&["token", "create", "--email", email, "--label", "resilience tests"]);
        out.lines().last().expect("the token is printed").trim().to_string()
    }

    /// Starts `skillmix serve` on a free port of 127.0.0.1 and waits until it answers.
    pub fn start_server(&self) -> Server {
        let port = free_port();
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("address");
        let log_path = self.dir.path().join(format!("server-{port}.log"));
        let log = std::fs::File::create(&log_path).expect("server log");
        let child = self
            .command()
            .args(["serve", "--addr", &addr.to_string()])
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log handle"))
            .stderr(log)
            .spawn()
            .expect("start the server");
        let mut server = Server { child: Some(child), addr, log_path };
        server.wait_until_ready(Duration::from_secs(60));
        server
    }
}

/// A port nobody listens on right now (the kernel's choice).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind a free port").local_addr().expect("address").port()
}

/// A running `skillmix serve`; killed (SIGKILL) when dropped.
pub struct Server {
    child: Option<Child>,
    pub addr: SocketAddr,
    pub log_path: PathBuf,
}

impl Server {
    fn wait_until_ready(&mut self, limit: Duration) {
        let started = Instant::now();
        loop {
            if let Ok(response) = http::Request::get("/healthz").send(self.addr, Duration::from_secs(2)) {
                if response.status == 200 {
                    return;
                }
            }
            if let Some(child) = self.child.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    panic!("the server exited ({status}) before it answered:\n{}", self.log());
                }
            }
            assert!(started.elapsed() < limit, "the server did not answer within {limit:?}:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Sends a request with a generous time-out.
    pub fn send(&self, request: &http::Request) -> http::Response {
        request
            .send(self.addr, Duration::from_secs(120))
            .unwrap_or_else(|e| panic!("{} {}: {e}", request.method, request.path))
    }

    /// SIGKILL, as a crash or the out-of-memory killer would, and reaps the process.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    pub fn is_running(&mut self) -> bool {
        self.child.as_mut().is_some_and(|c| matches!(c.try_wait(), Ok(None)))
    }

    pub fn log(&self) -> String {
        let text = std::fs::read_to_string(&self.log_path).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// xorshift64*: a small seeded generator, so a failing run can be repeated with its seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    /// A seed from the environment variable `name`, or from the clock; printed either way.
    pub fn from_env(name: &str) -> (Rng, u64) {
        let seed = std::env::var(name).ok().and_then(|s| s.trim().parse().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1)
        });
        println!("seed: {seed} (set {name}={seed} to repeat this run)");
        (Rng::new(seed), seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `low..=high`.
    pub fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next_u64() % (high - low + 1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next_u64() as usize % items.len()]
    }
}

/// The repository root (the workspace), for fixtures.
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("server/ is inside the workspace")
}
