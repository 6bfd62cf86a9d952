//! `skillmix`: the web server, its JSON API and the command line for set-up, import and export.
//!
//! Run `skillmix --help` for the commands. Configuration comes from flags and the environment
//! (`DATABASE_URL`, `SKILLMIX_ADDR`, ...), with defaults that run out of the box.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    init_tracing();
    let args = server::cli::Cli::parse();
    match server::cli::run(args).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("skillmix: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
}
