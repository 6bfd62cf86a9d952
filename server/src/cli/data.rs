//! Whole-database commands: the demo organisation, JSON export and import. Exports hold
//! personal data: they are written readable by their owner only, and audited.

use crate::error::{Error, Result};
use skillmix::store::{self, seed, snapshot, Pool};
use std::path::Path;

/// Loads the starter catalogue and the demo organisation into an empty database, with one
/// sign-in per role, and prints the sign-ins. A database that already holds people is left as it is.
pub async fn load_demo(pool: &Pool, password: Option<String>) -> Result<()> {
    let version = seed::ensure_starter_catalogue(pool).await?;
    if !store::is_empty(pool).await? {
        println!("The database already holds people or teams: the demo organisation was not loaded.");
        return Ok(());
    }
    let today = chrono::Utc::now().date_naive();
    let org = skillmix::demo::demo_org(today);
    let loaded = seed::load_org(pool, version, &org).await?;
    println!(
        "Loaded the demo organisation: {} teams, {} people, {} assessments.",
        loaded.team_ids.len(),
        loaded.person_ids.len(),
        loaded.assessments
    );
    skillmix::store::workshops::demo::load_demo_workshop(pool, &skillmix::demo::demo_workshop(today), today).await?;
    let sign_ins = crate::demo_users::create(pool, &org, password).await?;
    println!("Demo sign-ins (change or remove them before real use):");
    for (role, email, password) in sign_ins {
        println!("  {role:<14} {email:<40} {password}");
    }
    Ok(())
}

/// Writes every table (no credentials: see `snapshot`) to `out`, readable by its owner only
/// (mode 0600), and records the export in the audit log.
pub async fn export(pool: &Pool, out: &Path) -> Result<()> {
    let snapshot = snapshot::export(pool).await?;
    let json = serde_json::to_string_pretty(&snapshot).expect("a snapshot is plain data and always serialises");
    write_private(out, (json + "\n").as_bytes()).map_err(Error::file("write", out))?;
    let rows: usize = snapshot.tables.iter().map(|t| t.rows.len()).sum();
    command_line_audit(pool, "export.all", Some(&format!("{rows} rows"))).await?;
    println!("Exported {rows} rows from {} tables to {}.", snapshot.tables.len(), out.display());
    Ok(())
}

/// Writes `bytes` to `path` with mode 0600 (owner read and write only), whether the file is new
/// or replaced: the permissions are set on the open file before anything is written.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    file.write_all(bytes)?;
    file.sync_all()
}

/// Records what a command-line command did, as the "command line" actor.
pub async fn command_line_audit(pool: &Pool, action: &str, detail: Option<&str>) -> Result<()> {
    use skillmix::store::audit::{self, Actor, Outcome};
    let actor = Actor { user_id: None, email: Some(audit::COMMAND_LINE.into()) };
    audit::record(pool, &actor, action, None, Outcome::Ok, detail).await?;
    Ok(())
}

pub async fn import_json(pool: &Pool, file: &Path) -> Result<()> {
    let text = std::fs::read_to_string(file).map_err(Error::file("read", file))?;
    let snapshot: snapshot::Snapshot = serde_json::from_str(&text)
        .map_err(|e| Error::Invalid(format!("{} is not a Skillmix export: {e}", file.display())))?;
    let rows = snapshot::import(pool, &snapshot).await?;
    println!("Imported {rows} rows from {}.", file.display());
    Ok(())
}
