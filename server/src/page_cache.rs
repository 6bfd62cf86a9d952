//! Rendered pages kept in memory until the data changes, so a page asked for again is served
//! without loading and rendering it again.
//!
//! A team heatmap of a 12-person team on a 150-skill framework takes some 50 ms to load, analyse
//! and render; leads and senior viewers open the same pages again and again while the data
//! changes a few times a day. This cache answers a repeat in well under a millisecond.
//!
//! - **What is kept**: successful HTML pages (GET, 200, no `Set-Cookie`), whole, with their
//!   headers. Never the JSON API, server functions or static files.
//! - **Per caller**: the key is the address and the caller's credentials (the `Cookie` and
//!   `Authorization` headers as sent), so a page is only ever served again to whoever presented
//!   the same session or token. A page of a session that has since ended is served for at most
//!   [`PageCache::TTL`], and only to that same browser.
//! - **Until what pages show changes**: counters moved by triggers whenever any connection (this
//!   server's pool, the CLI, another process) changes what pages show, read on a connection of
//!   the cache's own. A team's own pages (`/teams/{id}`, its heatmap, coverage and dynamics) are
//!   current while nothing but assessments has changed and no assessment of that team's people
//!   has (migration 0012), so recording levels in one team leaves every other team's pages kept;
//!   every other page is current while nothing at all has changed (`content_changes`, migration
//!   0011). Sessions, a token's last use and the audit log move no counter, so signing in, a
//!   session renewal, an API call or an export's audit record leave the cache alone; the pages
//!   that show those (`/admin/audit`, `/account`) are never kept. A page is stored under the
//!   counters read *before* it was rendered, so a page rendered while a change commits is never
//!   served as current.
//! - **A fresh nonce each time**: pages carry a per-response Content-Security-Policy nonce; a
//!   cached page's nonce is replaced by a new one in the policy and the body on every answer.
//! - **Bounded**: at most the configured bytes (oldest pages dropped first) and [`PageCache::TTL`]
//!   old, which also bounds how long "today" can be yesterday's after midnight.

use crate::error::{Error, Result};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The layer's state: `None` when caching is off (an in-memory database, or a budget of 0).
pub type SharedPageCache = Option<Arc<PageCache>>;

pub struct PageCache {
    /// A read-only connection of the cache's own, asked for the change counters.
    watcher: Mutex<rusqlite::Connection>,
    pages: Mutex<Pages>,
    budget_bytes: usize,
    ttl: Duration,
}

#[derive(Default)]
struct Pages {
    by_key: HashMap<PageKey, Arc<CachedPage>>,
    bytes: usize,
}

/// What a page was rendered from: the counters that must not have moved for it to be current.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ContentVersion {
    /// Every change to what pages show (pages that read across teams).
    All(i64),
    /// Changes other than assessments, and the assessments of one team's people.
    Team { shared: i64, team: i64 },
}

/// What a page reads: one team's data, or anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    All,
    Team(i64),
}

impl Scope {
    /// A team's own pages read that team, its people and the framework only; everything else
    /// (training needs finds holders across the organisation) may read anything.
    fn of(path: &str) -> Scope {
        let Some(rest) = path.strip_prefix("/teams/") else { return Scope::All };
        let (id, page) = rest.split_once('/').unwrap_or((rest, ""));
        match (id.parse::<i64>(), page) {
            (Ok(id), "" | "heatmap" | "coverage" | "dynamics") => Scope::Team(id),
            _ => Scope::All,
        }
    }
}

/// The address and the caller's credentials, exactly as sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct PageKey {
    uri: String,
    cookie: Option<Vec<u8>>,
    authorization: Option<Vec<u8>>,
}

struct CachedPage {
    stored: Instant,
    headers: HeaderMap,
    body: Bytes,
    /// The counters read before it was rendered.
    version: ContentVersion,
    /// The nonce rendered into the body and the policy, replaced on every answer.
    nonce: String,
}

impl PageCache {
    /// How long a page is kept at most, even when nothing changes.
    pub const TTL: Duration = Duration::from_secs(60);
    /// The largest page kept; bigger pages are served but not kept.
    const LARGEST_PAGE_BYTES: usize = 8 * 1024 * 1024;

    /// A cache for the database file at `path` (`None` for an in-memory database, or when the
    /// budget is 0: nothing is cached).
    pub fn for_database(path: Option<&Path>, budget_bytes: usize) -> Result<SharedPageCache> {
        match path {
            Some(path) if budget_bytes > 0 => Ok(Some(Arc::new(PageCache::open(path, budget_bytes, Self::TTL)?))),
            _ => Ok(None),
        }
    }

    fn open(path: &Path, budget_bytes: usize, ttl: Duration) -> Result<PageCache> {
        use rusqlite::OpenFlags;
        let watcher = rusqlite::Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::Startup(format!("the page cache cannot open {}: {e}", path.display())))?;
        Ok(PageCache { watcher: Mutex::new(watcher), pages: Mutex::default(), budget_bytes, ttl })
    }

    /// The counters `scope` depends on now, or `None` when they cannot be read (nothing is
    /// cached then).
    fn content_version(&self, scope: Scope) -> Option<ContentVersion> {
        let watcher = self.watcher.lock().ok()?;
        match scope {
            Scope::All => watcher
                .query_row("SELECT n FROM content_changes WHERE id = 1", [], |row| row.get(0))
                .map(ContentVersion::All),
            Scope::Team(team) => watcher.query_row(
                "SELECT n - team_scoped, (SELECT n FROM team_content_changes WHERE team_id = ?1) \
                 FROM content_changes WHERE id = 1",
                [team],
                |row| {
                    Ok(ContentVersion::Team { shared: row.get(0)?, team: row.get::<_, Option<i64>>(1)?.unwrap_or(0) })
                },
            ),
        }
        .ok()
    }

    fn get(&self, key: &PageKey, now: ContentVersion) -> Option<Arc<CachedPage>> {
        let mut pages = self.pages.lock().ok()?;
        let page = pages.by_key.get(key)?.clone();
        if page.version != now || page.stored.elapsed() >= self.ttl {
            pages.remove(key);
            return None;
        }
        Some(page)
    }

    fn put(&self, key: PageKey, page: CachedPage) {
        let size = page.body.len() + key.uri.len();
        if size > self.budget_bytes.min(Self::LARGEST_PAGE_BYTES) {
            return;
        }
        let Ok(mut pages) = self.pages.lock() else { return };
        pages.remove(&key);
        while pages.bytes + size > self.budget_bytes {
            let Some(oldest) = pages.by_key.iter().min_by_key(|(_, p)| p.stored).map(|(k, _)| k.clone()) else { break };
            pages.remove(&oldest);
        }
        pages.bytes += size;
        pages.by_key.insert(key, Arc::new(page));
    }
}

impl Pages {
    fn remove(&mut self, key: &PageKey) {
        if let Some(page) = self.by_key.remove(key) {
            self.bytes -= page.body.len() + key.uri.len();
        }
    }
}

impl PageKey {
    fn of(request: &Request) -> PageKey {
        let header = |name| request.headers().get(name).map(|v: &HeaderValue| v.as_bytes().to_vec());
        PageKey {
            uri: request.uri().to_string(),
            cookie: header(header::COOKIE),
            authorization: header(header::AUTHORIZATION),
        }
    }
}

/// Pages that show what does not move the content version (the audit log; your account's
/// tokens with their last use), so they are rendered every time.
const NEVER_KEPT: [&str; 2] = ["/admin/audit", "/account"];

/// Only page requests: GET, not the JSON API or server functions (`/api/`), the site's files
/// (`/pkg/`), the health check or the pages never kept.
fn is_page_request(request: &Request) -> bool {
    let path = request.uri().path();
    request.method() == Method::GET
        && !path.starts_with("/api/")
        && !path.starts_with("/pkg/")
        && path != "/healthz"
        && !NEVER_KEPT.contains(&path)
        && !request.headers().contains_key(header::RANGE)
}

/// The nonce in a page's Content-Security-Policy, when the response is a page worth keeping.
fn keepable_nonce(response: &Response) -> Option<String> {
    let headers = response.headers();
    let is_html =
        headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    if response.status() != StatusCode::OK || !is_html || headers.contains_key(header::SET_COOKIE) {
        return None;
    }
    let policy = headers.get(header::CONTENT_SECURITY_POLICY)?.to_str().ok()?;
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let length = policy[start..].find('\'')?;
    Some(policy[start..start + length].to_string()).filter(|n| n.len() >= 16)
}

/// The middleware: answers from the cache when it can, keeps what it renders when it should.
pub async fn serve(State(cache): State<SharedPageCache>, request: Request, next: Next) -> Response {
    let Some(cache) = cache.filter(|_| is_page_request(&request)) else {
        return next.run(request).await;
    };
    let Some(version) = cache.content_version(Scope::of(request.uri().path())) else {
        return next.run(request).await;
    };
    let key = PageKey::of(&request);
    if let Some(page) = cache.get(&key, version) {
        return page.answer();
    }
    let response = next.run(request).await;
    let Some(nonce) = keepable_nonce(&response) else {
        return response;
    };
    let (mut parts, body) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = match axum::body::to_bytes(body, PageCache::LARGEST_PAGE_BYTES).await {
        Ok(body) => body,
        Err(e) => {
            tracing::error!("rendering {} failed part way: {e}", key.uri);
            return (StatusCode::INTERNAL_SERVER_ERROR, "The page could not be rendered.").into_response();
        }
    };
    cache.put(
        key,
        CachedPage { stored: Instant::now(), headers: parts.headers.clone(), body: body.clone(), version, nonce },
    );
    Response::from_parts(parts, Body::from(body))
}

impl CachedPage {
    /// The page again, with a fresh nonce in its policy and body.
    fn answer(&self) -> Response {
        let fresh = leptos::nonce::Nonce::new().to_string();
        let mut headers = self.headers.clone();
        if let Some(policy) = headers.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()) {
            let renewed = policy.replace(&self.nonce, &fresh);
            if let Ok(value) = HeaderValue::from_str(&renewed) {
                headers.insert(header::CONTENT_SECURITY_POLICY, value);
            }
        }
        let body = replace_all(&self.body, self.nonce.as_bytes(), fresh.as_bytes());
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = headers;
        response
    }
}

/// `haystack` with every `from` replaced by `to`.
fn replace_all(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len() + 64);
    let mut rest = haystack;
    while let Some(at) = memchr::memmem::find(rest, from) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(to);
        rest = &rest[at + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

#[cfg(test)]
mod tests;
