//! Whole-database commands: the demo organisation, JSON export and import.

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

pub async fn export(pool: &Pool, out: &Path) -> Result<(), String> {
    let snapshot = snapshot::export(pool).await.map_err(|e| e.to_string())?;
    let json = serde_json::to_string_pretty(&snapshot).map_err(|e| e.to_string())?;
    std::fs::write(out, json + "\n").map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let rows: usize = snapshot.tables.iter().map(|t| t.rows.len()).sum();
    println!("Exported {rows} rows from {} tables to {}.", snapshot.tables.len(), out.display());
    Ok(())
}

pub async fn import_json(pool: &Pool, file: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let snapshot: snapshot::Snapshot =
        serde_json::from_str(&text).map_err(|e| format!("{} is not a Skillmix export: {e}", file.display()))?;
    let rows = snapshot::import(pool, &snapshot).await.map_err(|e| e.to_string())?;
    println!("Imported {rows} rows from {}.", file.display());
    Ok(())
}
