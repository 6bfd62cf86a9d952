//! `skillmix import ddat|sfia|role-profile`: framework imports from the command line.
//!
//! Each prints a readable report (what was read, what changed since the previous version, every
//! report entry) or, with `--json`, the same as JSON on standard output. `--dry-run` reads,
//! checks and reports but saves nothing at all. A rejected file exits non-zero with a message
//! naming the file and the row, line or field.

use crate::error::{Error, Result};
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use skillmix::import::diff::{FrameworkDiff, RequirementChange};
use skillmix::import::{ReportEntry, Severity, ValidationReport};
use skillmix::store::audit::{self, Actor, Outcome};
use skillmix::store::imports::{
    self, FrameworkImport, ImportFailure, ImportKind, ImportOptions, MergeSummary, Mode, ProfileSource,
};
use skillmix::store::Pool;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Appends a line to the output buffer.
macro_rules! say {
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

/// Writes the output at once; a closed pipe (`| head`) is not an error.
fn emit(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import the two DDaT Capability Framework CSV exports as a new framework version.
    Ddat {
        /// The roles export (one row per role level and skill).
        #[arg(long)]
        roles: PathBuf,
        /// The skills export (one row per skill).
        #[arg(long)]
        skills: PathBuf,
        /// The new version's name [default: "DDaT" and today's date].
        #[arg(long = "version", value_name = "NAME")]
        version_name: Option<String>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Import the SFIA Foundation's skills spreadsheet, saved as CSV, as a new framework version.
    Sfia {
        file: PathBuf,
        /// The new version's name [default: "SFIA" and today's date].
        #[arg(long = "version", value_name = "NAME")]
        version_name: Option<String>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Add a role profile (text, Markdown or HTML) to a framework version, or replace the role
    /// level of the same name in it.
    RoleProfile {
        file: PathBuf,
        /// The framework version to add it to [default: the newest].
        #[arg(long, value_name = "ID")]
        version_id: Option<i64>,
        #[command(flatten)]
        output: OutputArgs,
    },
}

#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Read, check and report, but save nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the report as JSON on standard output.
    #[arg(long)]
    pub json: bool,
}

pub async fn run(pool: &Pool, command: ImportCommand) -> Result<()> {
    match command {
        ImportCommand::Ddat { roles, skills, version_name, output } => {
            let options = options(&output, version_name, &[&roles, &skills]);
            let (roles_bytes, skills_bytes) = (read(&roles)?, read(&skills)?);
            let result = imports::import_ddat(pool, roles_bytes, skills_bytes, &options).await;
            finish_framework(pool, result, &output, "import.ddat").await
        }
        ImportCommand::Sfia { file, version_name, output } => {
            let options = options(&output, version_name, &[&file]);
            let bytes = read(&file)?;
            let result = imports::import_sfia(pool, bytes, &options).await;
            finish_framework(pool, result, &output, "import.sfia").await
        }
        ImportCommand::RoleProfile { file, version_id, output } => {
            let options = options(&output, None, &[&file]);
            let source = ProfileSource::Bytes(read(&file)?);
            role_profile(pool, source, version_id, &options, &output).await
        }
    }
}

fn options(output: &OutputArgs, version_name: Option<String>, files: &[&Path]) -> ImportOptions {
    ImportOptions {
        version_name,
        mode: if output.dry_run { Mode::DryRun } else { Mode::Import },
        user_id: None,
        file_names: files
            .iter()
            .map(|f| f.file_name().unwrap_or(f.as_os_str()).to_string_lossy().into_owned())
            .collect(),
        today: chrono::Utc::now().date_naive(),
    }
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(Error::file("read", path))
}

fn command_line() -> Actor {
    Actor { user_id: None, email: Some("command line".into()) }
}

/// Prints a rejection (as JSON too with `--json`) and returns the message for the exit status.
fn rejected(failure: ImportFailure, output: &OutputArgs) -> Error {
    let message = failure.to_string();
    if output.json {
        let detail = match &failure {
            ImportFailure::Rejected(error) => json!(error),
            ImportFailure::Unusable(entries) => {
                json!({ "kind": "unusable-rows", "entries": entries })
            }
            ImportFailure::VersionName { .. } => json!({ "kind": "version-name" }),
            ImportFailure::Store(_) => json!({ "kind": "store" }),
        };
        emit(&format!("{}\n", json!({ "rejected": true, "message": message, "error": detail })));
    }
    Error::Invalid(format!("the import was rejected, nothing was saved: {message}"))
}

async fn finish_framework(
    pool: &Pool,
    result: Result<FrameworkImport, ImportFailure>,
    output: &OutputArgs,
    action: &str,
) -> Result<()> {
    let imported = result.map_err(|f| rejected(f, output))?;
    if let Some(version) = imported.version_id {
        let target = format!("import:{} version:{version}", imported.import_id.unwrap_or_default());
        audit::record(pool, &command_line(), action, Some(&target), Outcome::Ok, None).await?;
    }
    let held = imports::held_role_levels(pool).await?;
    let diff = imported.details.diff.as_ref().map(|d| skillmix::import::focus_on_held(d, &held, false));
    if output.json {
        let value = json!({
            "kind": imported.kind.code(),
            "dry_run": output.dry_run,
            "import_id": imported.import_id,
            "version": { "id": imported.version_id, "name": imported.version_name },
            "previous_version": imported.previous.as_ref().map(|v| json!({ "id": v.id, "name": v.name })),
            "report": imported.details.report,
            "diff": diff,
        });
        emit(&format!("{}\n", pretty(&value)));
        return Ok(());
    }
    let mut out = String::new();
    let s = &imported.details.report.summary;
    let what = match imported.kind {
        ImportKind::Sfia => "the SFIA skills",
        _ => "the DDaT exports",
    };
    say!(
        out,
        "Read {what}: {} role families, {} roles, {} role levels, {} skills, {} required levels ({} rows).",
        s.role_families,
        s.roles,
        s.role_levels,
        s.skills,
        s.requirements,
        s.records
    );
    match (imported.version_id, output.dry_run) {
        (Some(id), _) => say!(
            out,
            "Saved as framework version \"{}\" (id {id}); its report is import {}.",
            imported.version_name,
            imported.import_id.unwrap_or_default()
        ),
        (None, _) => {
            say!(out, "Dry run: nothing was saved (the version would be called \"{}\").", imported.version_name)
        }
    }
    match (&diff, &imported.previous) {
        (Some(diff), Some(previous)) => print_diff(&mut out, diff, &previous.name),
        _ => say!(out, "This is the first version of this framework: there is nothing to compare it with."),
    }
    print_report(&mut out, &imported.details.report);
    emit(&out);
    Ok(())
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

fn print_diff(out: &mut String, diff: &FrameworkDiff, previous: &str) {
    say!(out,
        "Compared with \"{previous}\": {} skills added, {} removed, {} changed; {} role levels added, {} removed, {} changed.",
        diff.skills_added.len(),
        diff.skills_removed.len(),
        diff.skills_changed.len(),
        diff.role_levels_added.len(),
        diff.role_levels_removed.len(),
        diff.role_levels_changed.len()
    );
    let held: Vec<_> = diff.role_levels_changed.iter().filter(|c| c.role_level.held).collect();
    let held_removed: Vec<_> = diff.role_levels_removed.iter().filter(|r| r.held).collect();
    if held.is_empty() && held_removed.is_empty() {
        say!(out, "None of the role levels people hold has changed.");
        return;
    }
    say!(out, "Role levels people hold:");
    for removed in held_removed {
        say!(out, "  {} – {}: not in the new version", removed.role, removed.level);
    }
    for change in held {
        let r = &change.role_level;
        say!(out, "  {} – {}:", r.role, r.level);
        if change.description_changed {
            say!(out, "    description reworded");
        }
        let level = |l: Option<u8>| l.map_or("no level".to_string(), |l| l.to_string());
        let mut reworded = Vec::new();
        for requirement in &change.requirements {
            match requirement {
                RequirementChange::Added { skill_name, level: l, .. } => {
                    say!(out, "    {skill_name}: now required at level {}", level(*l))
                }
                RequirementChange::Removed { skill_name, level: l, .. } => {
                    say!(out, "    {skill_name}: no longer required (was level {})", level(*l))
                }
                RequirementChange::LevelChanged { skill_name, from, to, .. } => {
                    say!(out, "    {skill_name}: required level {} -> {}", level(*from), level(*to))
                }
                RequirementChange::DescriptionChanged { skill_name, .. } => reworded.push(skill_name.as_str()),
            }
        }
        if !reworded.is_empty() {
            say!(out, "    same level, reworded: {}", reworded.join(", "));
        }
    }
}

fn severity(entry: &ReportEntry) -> &'static str {
    match entry.severity {
        Severity::Info => "note",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

fn print_report(out: &mut String, report: &ValidationReport) {
    let s = &report.summary;
    say!(out, "Report: {} notes, {} warnings, {} errors.", s.info, s.warnings, s.errors);
    for entry in &report.entries {
        let place = entry.location();
        let field = entry.field.as_deref().map(|f| format!(" \"{f}\"")).unwrap_or_default();
        let place = if place.is_empty() { "whole import".to_string() } else { place };
        say!(out, "  {:<8} {place}{field}: {} [{}]", severity(entry), entry.message.replace('\n', " "), entry.action);
    }
}

async fn role_profile(
    pool: &Pool,
    source: ProfileSource,
    version_id: Option<i64>,
    options: &ImportOptions,
    output: &OutputArgs,
) -> Result<()> {
    let (profile, report, merge, saved) = if output.dry_run {
        let preview =
            imports::preview_role_profile(pool, source, version_id, options).await.map_err(|f| rejected(f, output))?;
        (preview.profile, preview.report, preview.merge, None)
    } else {
        let saved =
            imports::import_role_profile(pool, source, version_id, options).await.map_err(|f| rejected(f, output))?;
        let target =
            format!("import:{} version:{} role-level:{}", saved.import_id, saved.version_id, saved.role_level_id);
        audit::record(pool, &command_line(), "import.role-profile", Some(&target), Outcome::Ok, None).await?;
        let record = imports::get_import(pool, saved.import_id).await?;
        (saved.profile.clone(), record.details.report, saved.merge.clone(), Some(saved))
    };
    if output.json {
        let value = json!({
            "kind": "role-profile",
            "dry_run": output.dry_run,
            "import_id": saved.as_ref().map(|s| s.import_id),
            "version_id": saved.as_ref().map(|s| s.version_id),
            "role_level_id": saved.as_ref().map(|s| s.role_level_id),
            "profile": profile,
            "report": report,
            "merge": merge,
        });
        emit(&format!("{}\n", pretty(&value)));
        return Ok(());
    }
    let mut out = String::new();
    say!(
        out,
        "Read the role profile: role level \"{}\" of role \"{}\" ({}).",
        profile.level.as_deref().unwrap_or("(no name)"),
        profile.role.as_deref().unwrap_or("(no role)"),
        profile.family.as_deref().unwrap_or("no family given")
    );
    say!(out,
        "  {} DDaT skills, {} knowledge and behavioural skills, {} SFIA skills, {} training activities, {} PDAs, {} qualifications.",
        profile.ddat_skills.len(),
        profile.knowledge.len(),
        profile.sfia_skills.len(),
        profile.training.len(),
        profile.pdas.len(),
        profile.qualifications.len()
    );
    if profile.unrecognised.is_empty() {
        say!(out, "  Every line was understood.");
    } else {
        say!(out, "  Not understood ({} lines, not imported):", profile.unrecognised.len());
        for line in &profile.unrecognised {
            say!(out, "    line {}: {}", line.line, line.text);
        }
    }
    print_merge(&mut out, &merge, saved.is_some());
    match saved {
        Some(saved) => say!(
            out,
            "Saved: role level id {} in framework version {}; its report is import {}.",
            saved.role_level_id,
            saved.version_id,
            saved.import_id
        ),
        None => say!(out, "Dry run: nothing was saved."),
    }
    print_report(&mut out, &report);
    say!(out, "What merging does, step by step:");
    print_report(&mut out, &merge.report);
    emit(&out);
    Ok(())
}

fn print_merge(out: &mut String, merge: &MergeSummary, saved: bool) {
    let verb = if saved { "was" } else { "would be" };
    if merge.replaces {
        say!(out, "The role level \"{}\" of role \"{}\" {verb} replaced.", merge.level, merge.role);
    } else {
        say!(out, "\"{}\" {verb} added to role \"{}\" in family \"{}\".", merge.level, merge.role, merge.family);
    }
    let names = |list: &[imports::MergedSkill]| list.iter().map(|s| s.name.clone()).collect::<Vec<_>>().join(", ");
    say!(out, "  New skills ({}): {}", merge.new_skills.len(), names(&merge.new_skills));
    say!(out, "  Skills the version has ({}): {}", merge.reused_skills.len(), names(&merge.reused_skills));
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn fixture(name: &str) -> PathBuf {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/import")).join(name)
    }

    fn quiet(dry_run: bool) -> OutputArgs {
        OutputArgs { dry_run, json: true }
    }

    async fn count(pool: &Pool, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(pool).await.unwrap()
    }

    #[test]
    fn the_commands_parse_as_documented() {
        let cli = crate::cli::Cli::try_parse_from([
            "skillmix",
            "import",
            "ddat",
            "--roles",
            "r.csv",
            "--skills",
            "s.csv",
            "--version",
            "DDaT spring",
            "--dry-run",
            "--json",
        ])
        .unwrap();
        match cli.command {
            crate::cli::Command::Import(ImportCommand::Ddat { version_name, output, .. }) => {
                assert_eq!(version_name.as_deref(), Some("DDaT spring"));
                assert!(output.dry_run && output.json);
            }
            other => panic!("parsed as {other:?}"),
        }
        assert!(crate::cli::Cli::try_parse_from(["skillmix", "import", "sfia", "skills.csv"]).is_ok());
        assert!(crate::cli::Cli::try_parse_from([
            "skillmix",
            "import",
            "role-profile",
            "p.txt",
            "--version-id",
            "3",
            "--dry-run"
        ])
        .is_ok());
        assert!(
            crate::cli::Cli::try_parse_from(["skillmix", "import", "ddat", "--roles", "r.csv"]).is_err(),
            "--skills is required"
        );
    }

    #[tokio::test]
    async fn dry_runs_save_nothing_rejections_fail_and_imports_are_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let pool = skillmix::store::open(&format!("sqlite://{}", dir.path().join("cli.db").display())).await.unwrap();
        skillmix::store::seed::ensure_starter_catalogue(&pool).await.unwrap();
        let ddat = |roles: &str, skills: &str, dry_run: bool| ImportCommand::Ddat {
            roles: fixture(roles),
            skills: fixture(skills),
            version_name: Some("Sample".into()),
            output: quiet(dry_run),
        };

        run(&pool, ddat("ddat-roles-sample.csv", "ddat-skills-sample.csv", true)).await.unwrap();
        assert_eq!(
            (count(&pool, "framework_versions").await, count(&pool, "imports").await),
            (1, 0),
            "a dry run saves nothing"
        );

        let error = run(&pool, ddat("ddat-skills-sample.csv", "ddat-roles-sample.csv", false)).await.unwrap_err();
        assert!(matches!(error, crate::error::Error::Invalid(_)), "{error:?}");
        let error = error.to_string();
        assert!(error.contains("rejected, nothing was saved: The roles CSV does not have the columns"), "{error}");
        let error = run(&pool, ddat("missing.csv", "ddat-roles-sample.csv", false)).await.unwrap_err();
        assert!(matches!(error, crate::error::Error::File { action: "read", .. }), "{error:?}");
        let error = error.to_string();
        assert!(error.starts_with("cannot read "), "{error}");
        assert_eq!((count(&pool, "framework_versions").await, count(&pool, "imports").await), (1, 0));

        run(&pool, ddat("ddat-roles-sample.csv", "ddat-skills-sample.csv", false)).await.unwrap();
        assert_eq!((count(&pool, "framework_versions").await, count(&pool, "imports").await), (2, 1));
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'import.ddat' AND actor_email = 'command line'",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(audited, 1);
        let error =
            run(&pool, ddat("ddat-roles-sample.csv", "ddat-skills-sample.csv", false)).await.unwrap_err().to_string();
        assert!(error.contains("\"Sample\" already exists"), "{error}");

        let starter = skillmix::store::framework::list_versions(&pool).await.unwrap()[0].id;
        let profile = |dry_run: bool| ImportCommand::RoleProfile {
            file: fixture("role-profile-sample.txt"),
            version_id: Some(starter),
            output: quiet(dry_run),
        };
        run(&pool, profile(true)).await.unwrap();
        assert_eq!(count(&pool, "imports").await, 1, "a dry run saves nothing");
        run(&pool, profile(false)).await.unwrap();
        let level = skillmix::store::framework::find_role_level(
            &pool,
            starter,
            "Widget reliability engineer",
            "Lead widget reliability engineer",
        )
        .await
        .unwrap();
        assert!(level.is_some(), "the role level is in the starter catalogue");

        run(
            &pool,
            ImportCommand::Sfia {
                file: fixture("sfia-sample-windows-1252.csv"),
                version_name: None,
                output: quiet(false),
            },
        )
        .await
        .unwrap();
        assert_eq!(count(&pool, "framework_versions").await, 3);
    }
}
