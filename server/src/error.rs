//! The one error type of start-up and the command line. Each variant says what kind of thing
//! went wrong; its message names the flag, file or record concerned, and is what `skillmix`
//! prints before exiting with a failure.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// What the user gave (a flag, an argument, a file's content) is wrong: the message names it.
    #[error("{0}")]
    Invalid(String),
    /// A file or folder could not be read or written.
    #[error("cannot {action} {}: {source}", path.display())]
    File {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The database could not be opened at this address.
    #[error("cannot open the database {url}: {source}")]
    Open {
        url: String,
        #[source]
        source: skillmix::store::StoreError,
    },
    /// The store refused or failed (a record not found, a conflict, the database itself).
    #[error(transparent)]
    Store(#[from] skillmix::store::StoreError),
    /// A query of the command line's own failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// An operation of the app (hashing a password, ...) failed.
    #[error(transparent)]
    App(#[from] app::error::AppError),
    /// The server could not start: the site settings, the address, the session table, the
    /// page cache or single sign-on.
    #[error("{0}")]
    Startup(String),
}

impl Error {
    /// A file error, for `map_err`: `fs::read(p).map_err(Error::file("read", p))`.
    pub fn file(action: &'static str, path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::File { action, path, source }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
