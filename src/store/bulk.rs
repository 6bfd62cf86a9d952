//! Bulk reads of the assessment history through rusqlite.
//!
//! sqlx hands each row from its worker thread to the async caller one at a time; that costs some
//! microseconds a row, which is nothing for a page and most of the time for the 3 million
//! assessments of a 10,000-person department (25 s of a 26 s roll-up, see the README's
//! performance section). Here the history is read on a blocking thread by a second, read-only
//! connection to the same file, in one table scan: no joins, the skill-code mapping and the
//! person filter done in memory. The same SQLite library serves both (rusqlite and sqlx share
//! `libsqlite3-sys`).
//!
//! An in-memory database exists only inside the pool's own connection, so there the history is
//! read through sqlx instead ([`read_through_pool`]); both give the same answer (tested below).

use super::{Pool, StoreError, StoreResult};
use crate::assessment::{Assessment, Source};
use crate::Id;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// Which assessments to read and how to map their skills: every assessment of a person in
/// `people`, with its skill mapped to the skill of the same code in the target version.
pub struct HistoryScope {
    /// Skill id (any version) → the id of the skill with the same code in the target version.
    pub skill_in_version: HashMap<Id, Id>,
    pub people: HashSet<Id>,
    /// Also read who assessed and the evidence note (the team views show them; the roll-up
    /// does not need them for its millions of rows).
    pub with_detail: bool,
}

impl HistoryScope {
    /// Asking SQLite for these people by index beats scanning every row and filtering, up to
    /// about this many people.
    const PEOPLE_BY_INDEX: usize = 500;

    /// The query, and its one parameter (the people as a JSON array) when it filters by index.
    fn sql(&self) -> (String, Option<String>) {
        let detail = if self.with_detail { "assessor_id, evidence" } else { "NULL, NULL" };
        let select = format!("SELECT id, person_id, skill_id, level, source, assessed_on, {detail} FROM assessments");
        if self.people.len() <= Self::PEOPLE_BY_INDEX {
            let ids: Vec<Id> = self.people.iter().copied().collect();
            let json = serde_json::to_string(&ids).expect("ids serialise");
            (format!("{select} WHERE person_id IN (SELECT value FROM json_each(?1))"), Some(json))
        } else {
            (select, None)
        }
    }

    fn assessment(&self, row: RawAssessment<'_>) -> Option<Assessment> {
        if !self.people.contains(&row.person_id) {
            return None;
        }
        let skill_id = *self.skill_in_version.get(&row.skill_id)?;
        Some(Assessment {
            id: row.id,
            person_id: row.person_id,
            skill_id,
            level: row.level as u8,
            source: Source::from_code(row.source).unwrap_or(Source::Lead),
            assessed_on: row.assessed_on.parse::<NaiveDate>().unwrap_or_default(),
            assessor_id: row.assessor_id,
            evidence: row.evidence.map(str::to_string),
        })
    }
}

/// One row of `assessments`, borrowed from the statement.
struct RawAssessment<'r> {
    id: Id,
    person_id: Id,
    skill_id: Id,
    level: i64,
    source: &'r str,
    assessed_on: &'r str,
    assessor_id: Option<Id>,
    evidence: Option<&'r str>,
}

/// Skill id (any version of the same framework family) → the skill of the same code in
/// `version_id`: how an assessment made against one version counts in another.
pub async fn skills_in_version(pool: &Pool, version_id: Id) -> StoreResult<HashMap<Id, Id>> {
    Ok(sqlx::query_as::<_, (Id, Id)>(
        "SELECT made.id, target.id FROM skills made
         JOIN framework_versions mv ON mv.id = made.version_id
         JOIN skills target ON target.code = made.code AND target.version_id = ?
         JOIN framework_versions tv ON tv.id = target.version_id AND tv.family = mv.family",
    )
    .bind(version_id)
    .fetch_all(pool)
    .await?
    .into_iter()
    .collect())
}

/// Every assessment in scope, read in one scan (or one index range for a few people).
pub async fn assessment_history(pool: &Pool, scope: HistoryScope) -> StoreResult<Vec<Assessment>> {
    if scope.people.is_empty() {
        return Ok(Vec::new());
    }
    match database_file(pool) {
        Some(path) => tokio::task::spawn_blocking(move || read_file(&path, &scope))
            .await
            .map_err(|e| StoreError::BulkRead(format!("reading the assessment history stopped: {e}")))?,
        None => read_through_pool(pool, &scope).await,
    }
}

/// The pool's database file, or `None` for an in-memory database (which sqlx names by a
/// `file:` URI, or `:memory:`) or anything else that is not a file on disk.
pub fn database_file(pool: &Pool) -> Option<PathBuf> {
    let path = pool.connect_options().get_filename().to_path_buf();
    let name = path.to_string_lossy();
    let plain_file = !name.starts_with("file:") && !name.contains(":memory:") && path.is_file();
    plain_file.then_some(path)
}

fn read_file(path: &std::path::Path, scope: &HistoryScope) -> StoreResult<Vec<Assessment>> {
    use rusqlite::OpenFlags;
    let failed = |e: rusqlite::Error| StoreError::BulkRead(format!("reading the assessment history: {e}"));
    let identity = file_identity(path);
    let conn = match IDLE_READERS.lock().ok().and_then(|mut idle| idle.take(path)) {
        Some(conn) => conn,
        None => {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = rusqlite::Connection::open_with_flags(path, flags).map_err(failed)?;
            conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(failed)?;
            conn
        }
    };
    let result = read_with(&conn, scope).map_err(failed);
    if let Ok(mut idle) = IDLE_READERS.lock() {
        idle.give_back(identity, conn);
    }
    result
}

/// Read-only connections kept open between reads (opening one costs about 0.8 ms, a team's
/// whole history some 5 ms), a few in all. Each is kept with the identity of the file it opened,
/// so a database file replaced at the same path is never read through an old connection.
static IDLE_READERS: std::sync::Mutex<IdleReaders> = std::sync::Mutex::new(IdleReaders(Vec::new()));

struct IdleReaders(Vec<(FileIdentity, rusqlite::Connection)>);

/// The path, device and inode of a database file.
type FileIdentity = (PathBuf, u64, u64);

fn file_identity(path: &std::path::Path) -> Option<FileIdentity> {
    use std::os::unix::fs::MetadataExt;
    let metadata = std::fs::metadata(path).ok()?;
    Some((path.to_path_buf(), metadata.dev(), metadata.ino()))
}

impl IdleReaders {
    const KEPT: usize = 4;

    fn take(&mut self, path: &std::path::Path) -> Option<rusqlite::Connection> {
        let identity = file_identity(path)?;
        let at = self.0.iter().position(|(kept, _)| *kept == identity)?;
        Some(self.0.swap_remove(at).1)
    }

    fn give_back(&mut self, identity: Option<FileIdentity>, conn: rusqlite::Connection) {
        if let Some(identity) = identity.filter(|_| self.0.len() < Self::KEPT) {
            self.0.push((identity, conn));
        }
    }
}

fn read_with(conn: &rusqlite::Connection, scope: &HistoryScope) -> rusqlite::Result<Vec<Assessment>> {
    let (sql, people) = scope.sql();
    let mut statement = conn.prepare_cached(&sql)?;
    let mut rows = statement.query(rusqlite::params_from_iter(people))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let text = |i| row.get_ref(i).and_then(|v| Ok(v.as_str()?));
        let raw = RawAssessment {
            id: row.get(0)?,
            person_id: row.get(1)?,
            skill_id: row.get(2)?,
            level: row.get(3)?,
            source: text(4)?,
            assessed_on: text(5)?,
            assessor_id: row.get(6)?,
            evidence: row.get_ref(7).and_then(|v| Ok(v.as_str_or_null()?))?,
        };
        out.extend(scope.assessment(raw));
    }
    Ok(out)
}

/// The same read through the pool, for in-memory databases.
pub async fn read_through_pool(pool: &Pool, scope: &HistoryScope) -> StoreResult<Vec<Assessment>> {
    type Row = (Id, Id, Id, i64, String, String, Option<Id>, Option<String>);
    let (sql, people) = scope.sql();
    let mut query = sqlx::query_as(&sql);
    if let Some(people) = people {
        query = query.bind(people);
    }
    let rows: Vec<Row> = query.fetch_all(pool).await?;
    Ok(rows
        .iter()
        .filter_map(|(id, person_id, skill_id, level, source, assessed_on, assessor_id, evidence)| {
            scope.assessment(RawAssessment {
                id: *id,
                person_id: *person_id,
                skill_id: *skill_id,
                level: *level,
                source,
                assessed_on,
                assessor_id: *assessor_id,
                evidence: evidence.as_deref(),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::temp_pool;

    /// The demo organisation's history, read from the file and through the pool.
    #[tokio::test]
    async fn the_file_and_the_pool_give_the_same_history() {
        let (pool, _dir) = temp_pool().await;
        let version = crate::store::seed::ensure_starter_catalogue(&pool).await.unwrap();
        let seed = crate::demo::demo_org("2026-11-23".parse().unwrap());
        crate::store::seed::load_org(&pool, version, &seed).await.unwrap();
        let skill_rows: Vec<(Id,)> = sqlx::query_as("SELECT id FROM skills").fetch_all(&pool).await.unwrap();
        let people: Vec<(Id,)> = sqlx::query_as("SELECT id FROM people").fetch_all(&pool).await.unwrap();
        let scope = || HistoryScope {
            skill_in_version: skill_rows.iter().map(|&(id,)| (id, id)).collect(),
            people: people.iter().map(|&(id,)| id).collect(),
            with_detail: true,
        };
        assert!(database_file(&pool).is_some(), "a temporary pool is a file");
        let mut from_file = assessment_history(&pool, scope()).await.unwrap();
        let mut from_pool = read_through_pool(&pool, &scope()).await.unwrap();
        from_file.sort_by_key(|a| a.id);
        from_pool.sort_by_key(|a| a.id);
        assert_eq!(from_file.len(), seed.assessments.len());
        assert_eq!(from_file, from_pool);
        let first = &from_file[0];
        let stored: (i64, String, String) =
            sqlx::query_as("SELECT level, source, assessed_on FROM assessments WHERE id = ?")
                .bind(first.id)
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!((first.level as i64, first.source.code().to_string(), first.assessed_on.to_string()), stored);
        assert!(from_file.iter().any(|a| a.evidence.is_some()), "evidence is read with the detail");

        // A scope of more people than the index serves scans the table: the same answer.
        let mut many = scope();
        many.people.extend(1_000_000..1_000_000 + HistoryScope::PEOPLE_BY_INDEX as Id);
        assert!(many.sql().1.is_none(), "a scan");
        let mut scanned = assessment_history(&pool, many).await.unwrap();
        scanned.sort_by_key(|a| a.id);
        assert_eq!(scanned, from_file);

        let lean = assessment_history(&pool, HistoryScope { with_detail: false, ..scope() }).await.unwrap();
        assert!(lean.iter().all(|a| a.evidence.is_none() && a.assessor_id.is_none()));
        assert_eq!(lean.len(), from_file.len());
    }

    /// People outside the scope and skills with no counterpart in the version are left out.
    #[tokio::test]
    async fn the_scope_filters_people_and_maps_skills() {
        let (pool, _dir) = temp_pool().await;
        let version = crate::store::seed::ensure_starter_catalogue(&pool).await.unwrap();
        let seed = crate::demo::demo_org("2026-11-23".parse().unwrap());
        crate::store::seed::load_org(&pool, version, &seed).await.unwrap();
        let (person, skill): (Id, Id) =
            sqlx::query_as("SELECT person_id, skill_id FROM assessments ORDER BY id LIMIT 1")
                .fetch_one(&pool)
                .await
                .unwrap();
        let expected: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM assessments WHERE person_id = ? AND skill_id = ?")
            .bind(person)
            .bind(skill)
            .fetch_one(&pool)
            .await
            .unwrap();
        let scope = HistoryScope {
            skill_in_version: HashMap::from([(skill, 999_999)]),
            people: HashSet::from([person]),
            with_detail: false,
        };
        let read = assessment_history(&pool, scope).await.unwrap();
        assert_eq!(read.len() as i64, expected);
        assert!(read.iter().all(|a| a.person_id == person && a.skill_id == 999_999));
    }

    #[tokio::test]
    async fn an_in_memory_database_is_read_through_the_pool() {
        let pool = crate::store::open("sqlite::memory:").await.unwrap();
        assert_eq!(database_file(&pool), None);
        let scope = HistoryScope { skill_in_version: HashMap::new(), people: HashSet::from([1]), with_detail: true };
        assert!(assessment_history(&pool, scope).await.unwrap().is_empty());
    }

    /// A kept connection is never used for another file put at the same path (a restore).
    #[tokio::test]
    async fn a_file_replaced_at_the_same_path_is_read_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let (live, other) = (dir.path().join("live.db"), dir.path().join("other.db"));
        let pool = crate::store::open(&format!("sqlite://{}", live.display())).await.unwrap();
        let version = crate::store::seed::ensure_starter_catalogue(&pool).await.unwrap();
        let seed = crate::demo::demo_org("2026-11-23".parse().unwrap());
        crate::store::seed::load_org(&pool, version, &seed).await.unwrap();
        let people: Vec<Id> = sqlx::query_scalar("SELECT id FROM people").fetch_all(&pool).await.unwrap();
        let skills: Vec<Id> = sqlx::query_scalar("SELECT id FROM skills").fetch_all(&pool).await.unwrap();
        pool.close().await;
        let empty = crate::store::open(&format!("sqlite://{}", other.display())).await.unwrap();
        empty.close().await;
        let scope = HistoryScope {
            skill_in_version: skills.iter().map(|&id| (id, id)).collect(),
            people: people.into_iter().collect(),
            with_detail: false,
        };
        assert_eq!(read_file(&live, &scope).unwrap().len(), seed.assessments.len());
        assert_eq!(
            read_file(&live, &scope).unwrap().len(),
            seed.assessments.len(),
            "again, through the kept connection"
        );
        // A restore: the old file and its write-ahead log go, the other file takes the name.
        for old in ["live.db", "live.db-wal", "live.db-shm"] {
            let _ = std::fs::remove_file(dir.path().join(old));
        }
        std::fs::rename(&other, &live).unwrap();
        assert!(read_file(&live, &scope).unwrap().is_empty(), "the new file has no assessments");
    }
}
