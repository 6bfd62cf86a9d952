//! Whole-database commands: the demo organisation, JSON export and import. Exports hold
//! personal data: they are written readable by their owner only, and audited.

use skillmix::store::{self, seed, snapshot, Pool};
use std::path::Path;

/// Loads the starter catalogue and the demo organisation into an empty database, with one
/// sign-in per role, and prints the sign-ins. A database that already holds people is left as it is.
pub async fn load_demo(pool: &Pool, password: Option<String>) -> Result<(), String> {
    let version = seed::ensure_starter_catalogue(pool).await.map_err(|e| e.to_string())?;
    if !store::is_empty(pool).await.map_err(|e| e.to_string())? {
        println!("The database already holds people or teams: the demo organisation was not loaded.");
        return Ok(());
    }
    let today = chrono::Utc::now().date_naive();
    let org = skillmix::demo::demo_org(today);
    let loaded = seed::load_org(pool, version, &org).await.map_err(|e| e.to_string())?;
    println!(
        "Loaded the demo organisation: {} teams, {} people, {} assessments.",
        loaded.team_ids.len(),
        loaded.person_ids.len(),
        loaded.assessments
    );
    skillmix::store::workshops::demo::load_demo_workshop(pool, &skillmix::demo::demo_workshop(today), today)
        .await
        .map_err(|e| format!("the demo workshop programme: {e}"))?;
    let sign_ins = crate::demo_users::create(pool, &org, password).await?;
    println!("Demo sign-ins (change or remove them before real use):");
    for (role, email, password) in sign_ins {
        println!("  {role:<14} {email:<40} {password}");
    }
    Ok(())
}

/// Writes every table (no credentials: see `snapshot`) to `out`, readable by its owner only
/// (mode 0600), and records the export in the audit log.
pub async fn export(pool: &Pool, out: &Path) -> Result<(), String> {
    let snapshot = snapshot::export(pool).await.map_err(|e| e.to_string())?;
    let json = serde_json::to_string_pretty(&snapshot).map_err(|e| e.to_string())?;
    write_private(out, (json + "\n").as_bytes()).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
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
pub async fn command_line_audit(pool: &Pool, action: &str, detail: Option<&str>) -> Result<(), String> {
    use skillmix::store::audit::{self, Actor, Outcome};
    let actor = Actor { user_id: None, email: Some(audit::COMMAND_LINE.into()) };
    audit::record(pool, &actor, action, None, Outcome::Ok, detail)
        .await
        .map_err(|e| format!("could not write the audit log: {e}"))
}

pub async fn import_json(pool: &Pool, file: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let snapshot: snapshot::Snapshot =
        serde_json::from_str(&text).map_err(|e| format!("{} is not a Skillmix export: {e}", file.display()))?;
    let rows = snapshot::import(pool, &snapshot).await.map_err(|e| e.to_string())?;
    println!("Imported {rows} rows from {}.", file.display());
    Ok(())
}
