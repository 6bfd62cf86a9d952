//! The command line: `serve`, `demo`, `export`, `import-json` and the set-up commands.

use crate::error::{Error, Result};
use app::ssr::Config;
use clap::{Args, Parser, Subcommand};
use skillmix::store::{self, Pool};
use std::path::{Path, PathBuf};

mod accounts;
pub mod data;
mod import;
mod maintenance;

#[derive(Debug, Parser)]
#[command(name = "skillmix", version, about = "Team capability dashboard with a workshop planner")]
pub struct Cli {
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// SQLite database URL; the file and its folder are created when missing.
    #[arg(long = "database", env = "DATABASE_URL", default_value = "sqlite://data/skillmix.db", global = true)]
    pub url: String,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app and the JSON API.
    Serve(ServeArgs),
    /// Load the demo organisation into an empty database.
    Demo,
    /// Write everything in the database to a JSON file.
    Export {
        #[arg(long)]
        out: PathBuf,
    },
    /// Restore a JSON export into an empty database.
    ImportJson { file: PathBuf },
    /// Import a framework: the DDaT CSV exports, the SFIA skills CSV, or a role profile.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Load a deterministic synthetic organisation into an empty database (benchmarks).
    Generate {
        #[arg(long)]
        people: usize,
        #[arg(long)]
        teams: usize,
        #[arg(long)]
        rounds: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Generate on a new synthetic framework version of this many skills (200 role levels
        /// requiring 30 skills each) instead of the newest version.
        #[arg(long)]
        skills: Option<usize>,
    },
    /// Write a consistent copy of the live database (safe while the server runs).
    Backup {
        #[arg(long)]
        out: PathBuf,
    },
    /// Manage sign-ins.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user; the password is read from standard input.
    Add {
        #[arg(long)]
        email: String,
        /// admin, lead, member or viewer (senior viewer).
        #[arg(long)]
        role: String,
        /// A team the user leads (lead) or belongs to (member).
        #[arg(long)]
        team: Option<String>,
        /// Read the password from standard input (required: passwords never go on the command line).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Give a user a one-time temporary password (printed once) that they must replace when they
    /// next sign in; their sessions and API tokens end at once.
    ResetPassword {
        #[arg(long)]
        email: String,
    },
    /// Disable a user: their sessions and API tokens end at once and they cannot sign in.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Enable a disabled user again.
    Enable {
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a bearer token for an API client acting as this user, and print it once.
    Create {
        #[arg(long)]
        email: String,
        /// What the token is for.
        #[arg(long, default_value = "")]
        label: String,
        /// Days until the token stops working (1 to 366).
        #[arg(long, default_value_t = 90)]
        expires_in: i64,
    },
    /// List API tokens (never the tokens themselves): id, user, label, created, expires, last
    /// used, revoked.
    List {
        /// Only this user's tokens.
        #[arg(long)]
        email: Option<String>,
    },
    /// Revoke a token by its id (from `token list`): it stops working at once.
    Revoke { id: skillmix::Id },
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "SKILLMIX_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: String,
    /// Load the demo organisation (and one sign-in per role) when the database is empty.
    #[arg(long, env = "SKILLMIX_DEMO")]
    pub demo: bool,
    /// Aggregates shown to senior viewers hide groups smaller than this (never below 3).
    #[arg(long, env = "SKILLMIX_MIN_GROUP_SIZE", default_value_t = Config::default().min_group_size)]
    pub min_group_size: u32,
    /// Mark cookies Secure with the `__Host-` prefix: set when served over TLS.
    #[arg(long, env = "SKILLMIX_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// A TrueType font for the text of PNG exports instead of the embedded DejaVu Sans.
    #[arg(long, env = "SKILLMIX_FONT")]
    pub font: Option<PathBuf>,
    /// Memory for rendered pages kept until the data changes, in MiB (0 turns the cache off).
    #[arg(long, env = "SKILLMIX_PAGE_CACHE_MB", default_value_t = 64)]
    pub page_cache_mb: usize,
    /// Sign-in with OpenID Connect: the provider's issuer URL (discovery reads
    /// ISSUER/.well-known/openid-configuration). The client secret is read from the environment
    /// variable SKILLMIX_OIDC_CLIENT_SECRET only.
    #[arg(long, env = "SKILLMIX_OIDC_ISSUER", requires = "oidc_client_id")]
    pub oidc_issuer: Option<String>,
    /// The client id Skillmix is registered under at the OpenID provider.
    #[arg(long, env = "SKILLMIX_OIDC_CLIENT_ID", requires = "oidc_issuer")]
    pub oidc_client_id: Option<String>,
    /// The address users reach Skillmix at (e.g. https://skillmix.example.gov.uk); the OpenID
    /// Connect redirect URL is this with /auth/oidc/callback. Default: http:// and --addr.
    #[arg(long, env = "SKILLMIX_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// The OpenID Connect redirect URL registered at the provider, when it is not
    /// --public-url with /auth/oidc/callback.
    #[arg(long, env = "SKILLMIX_OIDC_REDIRECT_URL", requires = "oidc_issuer")]
    pub oidc_redirect_url: Option<String>,
    /// Single sign-on may create an account (role: team member, no password) for a verified
    /// email address that has none yet.
    #[arg(long, env = "SKILLMIX_OIDC_SELF_REGISTER", requires = "oidc_issuer")]
    pub oidc_self_register: bool,
    /// Turn sign-in by email and password off (single sign-on only; needs --oidc-issuer).
    #[arg(long, env = "SKILLMIX_NO_PASSWORD_SIGN_IN", requires = "oidc_issuer")]
    pub no_password_sign_in: bool,
}

impl ServeArgs {
    /// The settings the app runs with: these flags over [`Config::default`], the one set of
    /// defaults (the flags' own defaults are read from it too).
    pub fn app_config(&self) -> Result<Config> {
        Ok(Config {
            min_group_size: self.min_group_size.max(3),
            secure_cookies: self.secure_cookies,
            oidc: crate::oidc::config_from_args(self, std::env::var("SKILLMIX_OIDC_CLIENT_SECRET").ok())
                .map_err(Error::Invalid)?,
            password_sign_in: !self.no_password_sign_in,
            ..Config::default()
        })
    }
}

pub async fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Serve(args) => crate::web::serve(&cli.database.url, args).await,
        Command::Demo => {
            let pool = open(&cli.database.url).await?;
            data::load_demo(&pool, None).await
        }
        Command::Export { out } => {
            let pool = open(&cli.database.url).await?;
            data::export(&pool, &out).await
        }
        Command::ImportJson { file } => {
            let pool = open(&cli.database.url).await?;
            data::import_json(&pool, &file).await
        }
        Command::Import(command) => {
            let pool = open(&cli.database.url).await?;
            import::run(&pool, command).await
        }
        Command::Generate { people, teams, rounds, seed, skills } => {
            let pool = open(&cli.database.url).await?;
            maintenance::generate(&pool, people, teams, rounds, seed, skills).await
        }
        Command::Backup { out } => {
            let pool = open(&cli.database.url).await?;
            maintenance::backup(&pool, &out).await
        }
        Command::User(UserCommand::Add { email, role, team, password_stdin: _ }) => {
            let password = accounts::read_password_stdin()?;
            let pool = open(&cli.database.url).await?;
            accounts::add_user(&pool, &email, &role, team.as_deref(), &password).await
        }
        Command::User(UserCommand::ResetPassword { email }) => {
            let pool = open(&cli.database.url).await?;
            accounts::reset_password(&pool, &email).await
        }
        Command::User(UserCommand::Disable { email }) => {
            let pool = open(&cli.database.url).await?;
            accounts::set_disabled(&pool, &email, true).await
        }
        Command::User(UserCommand::Enable { email }) => {
            let pool = open(&cli.database.url).await?;
            accounts::set_disabled(&pool, &email, false).await
        }
        Command::Token(TokenCommand::Create { email, label, expires_in }) => {
            let pool = open(&cli.database.url).await?;
            accounts::create_token(&pool, &email, &label, expires_in).await
        }
        Command::Token(TokenCommand::List { email }) => {
            let pool = open(&cli.database.url).await?;
            accounts::list_tokens(&pool, email.as_deref()).await
        }
        Command::Token(TokenCommand::Revoke { id }) => {
            let pool = open(&cli.database.url).await?;
            accounts::revoke_token(&pool, id).await
        }
    }
}

/// Opens the database, creating its folder, and runs the migrations (failing loudly).
pub async fn open(url: &str) -> Result<Pool> {
    if let Some(path) = sqlite_file(url) {
        if let Some(parent) = Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(Error::file("create", parent))?;
        }
    }
    store::open(url).await.map_err(|source| Error::Open { url: url.to_string(), source })
}

/// The file path of a `sqlite://` URL, when it names a file.
fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && !path.contains(":memory:")).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::sqlite_file;

    #[test]
    fn file_paths_come_out_of_urls() {
        assert_eq!(sqlite_file("sqlite://data/skillmix.db"), Some("data/skillmix.db"));
        assert_eq!(sqlite_file("sqlite:///tmp/x.db?mode=rwc"), Some("/tmp/x.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
    }
}
