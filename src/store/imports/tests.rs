//! Imports through the store: the real DDaT exports, malformed files (each rejected with a
//! message naming the row or line, the database's contents unchanged to the byte), the JSON round
//! trip, role profiles previewed then merged in place, assignments and team moves.

use super::*;
use crate::store::framework::{insert_version, latest_version};
use crate::store::seed::{ensure_starter_catalogue, load_org};
use crate::store::test_support::temp_pool;
use std::hash::{DefaultHasher, Hash, Hasher};

fn fixture_file(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn real_roles() -> Vec<u8> {
    fixture_file("ddat/ddat-roles.csv")
}

fn real_skills() -> Vec<u8> {
    fixture_file("ddat/ddat-skills.csv")
}

fn options(mode: Mode) -> ImportOptions {
    ImportOptions {
        version_name: None,
        mode,
        user_id: None,
        file_names: vec!["roles.csv".into(), "skills.csv".into()],
        today: "2026-11-23".parse().unwrap(),
    }
}

fn named(mode: Mode, name: &str) -> ImportOptions {
    ImportOptions { version_name: Some(name.to_string()), ..options(mode) }
}

/// A digest of every row of every table (the migrations' bookkeeping included), with the row
/// counts: equal digests mean equal contents.
async fn checksum(pool: &Pool) -> String {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut hasher = DefaultHasher::new();
    let mut counts = Vec::new();
    for table in tables {
        let columns: Vec<String> =
            sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"))
                .fetch_all(pool)
                .await
                .unwrap();
        let expr = columns.iter().map(|c| format!("quote(\"{c}\")")).collect::<Vec<_>>().join(" || ',' || ");
        let rows: Vec<String> =
            sqlx::query_scalar(&format!("SELECT {expr} FROM \"{table}\" ORDER BY 1")).fetch_all(pool).await.unwrap();
        counts.push(format!("{table}:{}", rows.len()));
        table.hash(&mut hasher);
        rows.hash(&mut hasher);
    }
    format!("{:016x} {}", hasher.finish(), counts.join(" "))
}

async fn count(pool: &Pool, sql: &str, version_id: Id) -> i64 {
    sqlx::query_scalar(sql).bind(version_id).fetch_one(pool).await.unwrap()
}

/// Role families, roles, role levels and skills stored for a version.
async fn sizes(pool: &Pool, version_id: Id) -> (i64, i64, i64, i64) {
    (
        count(pool, "SELECT COUNT(*) FROM role_families WHERE version_id = ?", version_id).await,
        count(pool, "SELECT COUNT(*) FROM roles r JOIN role_families f ON f.id = r.family_id WHERE f.version_id = ?", version_id)
            .await,
        count(
            pool,
            "SELECT COUNT(*) FROM role_levels rl JOIN roles r ON r.id = rl.role_id JOIN role_families f ON f.id = r.family_id
             WHERE f.version_id = ?",
            version_id,
        )
        .await,
        count(pool, "SELECT COUNT(*) FROM skills WHERE version_id = ?", version_id).await,
    )
}

#[tokio::test]
async fn the_real_ddat_exports_import_as_one_version_compared_with_the_previous_one() {
    let (pool, _dir) = temp_pool().await;
    let starter = ensure_starter_catalogue(&pool).await.unwrap();
    let first = import_ddat(&pool, real_roles(), real_skills(), &options(Mode::Import)).await.unwrap();
    let version = first.version_id.expect("a version was stored");
    assert_eq!(first.version_name, "DDaT 2026-11-23");
    assert_eq!(sizes(&pool, version).await, (8, 52, 205, 188));
    let summary = &first.details.report.summary;
    assert_eq!((summary.role_families, summary.roles, summary.role_levels, summary.skills), (8, 52, 205, 188));
    assert_eq!(summary.errors, 0);

    let record = get_import(&pool, first.import_id.unwrap()).await.unwrap();
    assert_eq!((record.kind, record.status), (ImportKind::Ddat, ImportStatus::Imported));
    assert_eq!(record.version_id, Some(version));
    assert_eq!(record.previous_version_id, Some(starter), "compared with the starter catalogue, the same family");
    assert_eq!(record.file_names, ["roles.csv", "skills.csv"]);
    assert_eq!(record.details.report, first.details.report);
    let diff = record.details.diff.expect("a diff against the starter");
    assert_eq!(diff.from, "Starter catalogue");
    assert!(!diff.role_levels_added.is_empty());
    assert!(record.source_text.is_none());

    // The same files again: a default name that is free, and nothing changed since.
    let second = import_ddat(&pool, real_roles(), real_skills(), &options(Mode::Import)).await.unwrap();
    assert_eq!(second.version_name, "DDaT 2026-11-23 (2)");
    assert_eq!(second.previous.as_ref().map(|v| v.id), Some(version));
    assert!(second.details.diff.as_ref().is_some_and(|d| d.is_empty()), "{:?}", second.details.diff);
    let listed = list_imports(&pool, 10).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].name.as_deref(), Some("DDaT 2026-11-23 (2)"));
    assert_eq!((listed[0].skills, listed[0].role_levels), (188, 205));
}

#[tokio::test]
async fn a_dry_run_writes_nothing_and_a_check_writes_only_its_report() {
    let (pool, _dir) = temp_pool().await;
    ensure_starter_catalogue(&pool).await.unwrap();
    let before = checksum(&pool).await;
    let dry = import_ddat(&pool, real_roles(), real_skills(), &options(Mode::DryRun)).await.unwrap();
    assert_eq!((dry.import_id, dry.version_id), (None, None));
    assert_eq!(dry.details.report.summary.role_levels, 205);
    assert!(dry.details.diff.is_some());
    assert_eq!(checksum(&pool).await, before, "a dry run writes nothing at all");

    let checked = import_ddat(&pool, real_roles(), real_skills(), &options(Mode::Check)).await.unwrap();
    assert_eq!(checked.version_id, None);
    let record = get_import(&pool, checked.import_id.unwrap()).await.unwrap();
    assert_eq!(record.status, ImportStatus::Checked);
    assert_eq!(record.version_name.as_deref(), Some("DDaT 2026-11-23"));
    assert_eq!(record.version_id, None);
    let versions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM framework_versions").fetch_one(&pool).await.unwrap();
    assert_eq!(versions, 1, "only the starter catalogue");
}

/// A small roles CSV in the DDaT shape with one row per (level, skill level) given.
fn roles_csv(rows: &[(&str, &str)]) -> Vec<u8> {
    let mut text = String::from(
        "Role Family,Role,Role Description,Role Level,Role Level Description,Skill Name,Skill Description,Skill Level,Skill Level Description,Role Type\n",
    );
    for (level, skill_level) in rows {
        text.push_str(&format!(
            "Test engineering,Widget engineer,Looks after widgets.,{level},The {level}.,Widget calibration,Calibrating widgets.,{skill_level},You can calibrate.,\n"
        ));
    }
    text.into_bytes()
}

fn utf16le_without_bom(bytes: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(bytes).encode_utf16().flat_map(u16::to_le_bytes).collect()
}

#[tokio::test]
async fn malformed_files_are_rejected_with_where_and_change_nothing() {
    let (pool, _dir) = temp_pool().await;
    ensure_starter_catalogue(&pool).await.unwrap();
    // Something to lose: a DDaT version and an organisation on the starter.
    import_ddat(&pool, fixture("ddat-roles-sample.csv"), fixture("ddat-skills-sample.csv"), &options(Mode::Import))
        .await
        .unwrap();
    let starter = crate::store::framework::list_versions(&pool).await.unwrap()[0].id;
    load_org(&pool, starter, &crate::demo::demo_org("2026-11-23".parse().unwrap())).await.unwrap();
    let before = checksum(&pool).await;

    let roles = real_roles();
    let skills = real_skills();
    // Cut inside the 40th record: a row that ends early.
    let cut = roles.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(400).map(|(i, _)| i).unwrap() + 30;
    let mut binary: Vec<u8> = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    binary.extend((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let mut ten_mb = roles.clone();
    while ten_mb.len() < 10 * 1024 * 1024 {
        ten_mb.extend_from_slice(&roles[roles.iter().position(|b| *b == b'\n').unwrap() + 1..]);
    }
    // (case, roles CSV, skills CSV, what the message must say)
    type Case<'a> = (&'a str, Vec<u8>, Vec<u8>, &'a [&'a str]);
    let cases: Vec<Case> = vec![
        ("truncated file", roles[..cut].to_vec(), skills.clone(), &["The roles CSV", "row ", "line "]),
        (
            "wrong header",
            skills.clone(),
            roles.clone(),
            &["does not have the columns of the DDaT roles export", "swapped"],
        ),
        (
            "wrong encoding",
            utf16le_without_bom(&roles),
            skills.clone(),
            &["The roles CSV is not a text file", "NUL character"],
        ),
        (
            "a level outside the scale",
            roles_csv(&[("Widget engineer", "Working"), ("Senior widget engineer", "Grand master")]),
            skills.clone(),
            &["Nothing was imported", "roles CSV, row 3", "column \"Skill Level\"", "Grand master"],
        ),
        ("binary junk", binary, skills.clone(), &["The roles CSV is not a text file"]),
        ("an empty file", Vec::new(), skills.clone(), &["The roles CSV is empty"]),
        ("an empty skills file", roles.clone(), b"\r\n".to_vec(), &["The skills CSV is empty"]),
        (
            "a 10 MB file",
            ten_mb,
            skills.clone(),
            &["The roles CSV is ", "over the import limit of 8 MiB (8388608 bytes)"],
        ),
    ];
    for (case, roles, skills, wanted) in cases {
        for mode in [Mode::Import, Mode::Check] {
            let failure = import_ddat(&pool, roles.clone(), skills.clone(), &options(mode)).await.unwrap_err();
            let message = failure.to_string();
            for part in wanted {
                assert!(message.contains(part), "{case}: {message:?} should contain {part:?}");
            }
            assert!(!matches!(failure, ImportFailure::Store(_)), "{case}: {failure:?}");
            assert_eq!(checksum(&pool).await, before, "{case}: the database changed");
        }
    }

    // SFIA and role profiles too.
    let sfia_cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "The SFIA CSV is empty"),
        ("DDaT file", fixture("ddat-skills-sample.csv"), "does not have the columns of the SFIA skills spreadsheet"),
        ("binary", vec![0u8, 159, 146, 150, 0, 1, 2, 3], "The SFIA CSV is not a text file"),
    ];
    for (case, bytes, wanted) in sfia_cases {
        let message = import_sfia(&pool, bytes, &options(Mode::Import)).await.unwrap_err().to_string();
        assert!(message.contains(wanted), "{case}: {message}");
        assert_eq!(checksum(&pool).await, before, "SFIA {case}: the database changed");
    }
    let profile_cases: Vec<(&str, ProfileSource, &str)> = vec![
        ("empty", ProfileSource::Text("  \n ".into()), "The role profile is empty"),
        ("binary", ProfileSource::Bytes(vec![0, 1, 2, 3, 4, 5, 0, 0]), "The role profile is not a text file"),
        (
            "prose",
            ProfileSource::Text("Hello,\nsee you on Tuesday.".into()),
            "No role profile was found in the role profile",
        ),
        ("10 MB", ProfileSource::Bytes(vec![b'a'; 10 * 1024 * 1024]), "over the import limit of 8 MiB"),
    ];
    for (case, source, wanted) in profile_cases {
        let message =
            preview_role_profile(&pool, source.clone(), None, &options(Mode::Import)).await.unwrap_err().to_string();
        assert!(message.contains(wanted), "{case}: {message}");
        let message = import_role_profile(&pool, source, None, &options(Mode::Import)).await.unwrap_err().to_string();
        assert!(message.contains(wanted), "{case}: {message}");
        assert_eq!(checksum(&pool).await, before, "role profile {case}: the database changed");
    }

    // A name that is taken is refused before anything is written, for every mode.
    for mode in [Mode::Import, Mode::Check, Mode::DryRun] {
        let failure =
            import_ddat(&pool, real_roles(), real_skills(), &named(mode, "Starter catalogue")).await.unwrap_err();
        assert!(matches!(failure, ImportFailure::VersionName { .. }), "{failure:?}");
        assert!(failure.to_string().contains("\"Starter catalogue\" already exists"));
    }
    assert_eq!(checksum(&pool).await, before);
}

/// Orders a document the way the store reads one back, so stored and parsed compare equal.
fn normalised(mut doc: FrameworkDoc) -> FrameworkDoc {
    doc.skills.sort_by(|a, b| a.code.cmp(&b.code));
    for skill in &mut doc.skills {
        skill.descriptors.sort_by_key(|d| d.level);
    }
    doc.role_families.sort_by(|a, b| a.name.cmp(&b.name));
    for family in &mut doc.role_families {
        family.roles.sort_by(|a, b| a.name.cmp(&b.name));
        for role in &mut family.roles {
            for level in &mut role.levels {
                level.requirements.sort_by(|a, b| a.skill_code.cmp(&b.skill_code));
            }
        }
    }
    doc
}

#[tokio::test]
async fn export_to_json_and_import_again_gives_the_same_framework() {
    let (pool, _dir) = temp_pool().await;
    let imported = import_ddat(&pool, real_roles(), real_skills(), &options(Mode::Import)).await.unwrap();
    let stored = load_doc(&pool, imported.version_id.unwrap()).await.unwrap();
    assert_eq!(stored, normalised(imported.doc.clone()), "the store keeps everything the importer read");

    let json = serde_json::to_string_pretty(&stored).unwrap();
    let mut again: FrameworkDoc = serde_json::from_str(&json).unwrap();
    again.name = "DDaT 2026-11-23 from JSON".into();
    let copy = insert_version(&pool, &again).await.unwrap();
    let reloaded = load_doc(&pool, copy).await.unwrap();
    assert_eq!(FrameworkDoc { name: stored.name.clone(), ..reloaded.clone() }, stored);
    assert_eq!(serde_json::to_string_pretty(&FrameworkDoc { name: stored.name.clone(), ..reloaded }).unwrap(), json);
}

#[tokio::test]
async fn a_later_release_shows_what_changed_first_for_held_role_levels() {
    let (pool, _dir) = temp_pool().await;
    let first = import_ddat(
        &pool,
        fixture("ddat-roles-sample.csv"),
        fixture("ddat-skills-sample.csv"),
        &named(Mode::Import, "Sample v1"),
    )
    .await
    .unwrap();
    let v1 = first.version_id.unwrap();
    assert_eq!(sizes(&pool, v1).await, (1, 2, 4, 3));
    let second = import_ddat(
        &pool,
        fixture("ddat-roles-sample-v2.csv"),
        fixture("ddat-skills-sample-v2.csv"),
        &named(Mode::Import, "Sample v2"),
    )
    .await
    .unwrap();
    let diff = second.details.diff.clone().unwrap();
    let codes = |list: &[crate::import::diff::SkillRef]| list.iter().map(|s| s.code.clone()).collect::<Vec<_>>();
    assert_eq!(codes(&diff.skills_added), ["widget-telemetry"]);
    assert_eq!(codes(&diff.skills_removed), ["gadget-assembly"]);
    let calibration = diff.skills_changed.iter().find(|s| s.code == "widget-calibration").unwrap();
    assert_eq!(calibration.descriptors.iter().map(|d| d.level).collect::<Vec<_>>(), [2]);
    let changed: Vec<&str> = diff.role_levels_changed.iter().map(|c| c.role_level.level.as_str()).collect();
    assert_eq!(changed, ["Widget engineer", "Senior widget engineer", "Lead sprocket inspector"]);

    // Someone holds "Lead sprocket inspector": it comes first, marked.
    let level = crate::store::framework::find_role_level(&pool, v1, "Sprocket inspector", "Lead sprocket inspector")
        .await
        .unwrap();
    let form =
        crate::store::people::PersonForm { name: "Sam Sprocket".into(), role_level_id: level, ..Default::default() };
    crate::store::people::create_person(&pool, &form, None).await.unwrap();
    let held = held_role_levels(&pool).await.unwrap();
    assert!(held.contains(&("Sprocket inspector".to_string(), "Lead sprocket inspector".to_string())));
    let focused = crate::import::focus_on_held(&diff, &held, false);
    assert_eq!(focused.role_levels_changed[0].role_level.level, "Lead sprocket inspector");
    assert!(focused.role_levels_changed[0].role_level.held);
}

#[tokio::test]
async fn the_sfia_fixture_imports_as_an_sfia_version() {
    let (pool, _dir) = temp_pool().await;
    ensure_starter_catalogue(&pool).await.unwrap();
    let imported = import_sfia(&pool, fixture("sfia-sample-windows-1252.csv"), &options(Mode::Import)).await.unwrap();
    let version = get_version(&pool, imported.version_id.unwrap()).await.unwrap();
    assert_eq!(
        (version.family.as_str(), version.name.as_str(), version.source.as_str()),
        ("sfia", "SFIA 2026-11-23", "sfia-csv")
    );
    assert_eq!(sizes(&pool, version.id).await, (0, 0, 0, 4));
    assert!(imported.previous.is_none(), "the starter is another family");
    assert!(imported.details.diff.is_none());
    let desn = crate::store::framework::skills_of_version(&pool, version.id)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.code == "DESN")
        .unwrap();
    assert_eq!(desn.defined_levels, [2, 3, 4, 5, 6]);
    assert!(desn.description.contains("system’s parts"), "decoded from Windows-1252: {}", desn.description);
}

const SEEDS: [&str; 4] = [
    "lead-devops-engineer-ddat-summary.txt",
    "lead-devops-engineer-management.txt",
    "lead-devops-role-definition.md",
    "lead-infrastructure-operations-engineer.txt",
];

#[tokio::test]
async fn each_seed_profile_previews_then_merges_into_its_version_in_place() {
    for seed in SEEDS {
        let (pool, _dir) = temp_pool().await;
        let version = ensure_starter_catalogue(&pool).await.unwrap();
        let base = load_doc(&pool, version).await.unwrap();
        let text = String::from_utf8(fixture_file(&format!("role-profiles/{seed}"))).unwrap();
        let frameworks_before = load_doc(&pool, version).await.unwrap();

        let preview =
            preview_role_profile(&pool, ProfileSource::Bytes(text.clone().into_bytes()), None, &options(Mode::Import))
                .await
                .unwrap();
        assert_eq!(preview.version.id, version, "{seed}: the newest version by default");
        assert_eq!(
            load_doc(&pool, version).await.unwrap(),
            frameworks_before,
            "{seed}: a preview changes no framework"
        );
        let record = get_import(&pool, preview.import_id.unwrap()).await.unwrap();
        assert_eq!((record.kind, record.status), (ImportKind::RoleProfile, ImportStatus::Preview));
        assert_eq!(record.source_text.as_deref(), Some(text.as_str()));
        assert_eq!(record.details.profile.as_ref(), Some(&preview.profile));
        assert!(record.details.report.entries.iter().any(|e| e.kind == crate::import::EntryKind::Encoding));

        let saved = save_role_profile(&pool, record.id).await.unwrap();
        // The version now holds exactly what the merge says.
        let (expected, _) = merge_role_profile(&base, &preview.profile);
        assert_eq!(load_doc(&pool, version).await.unwrap(), normalised(expected), "{seed}");
        let level = crate::store::framework::role_level_ref(&pool, saved.role_level_id).await.unwrap();
        assert_eq!(
            (level.role_name.as_str(), level.name.as_str()),
            (saved.merge.role.as_str(), saved.merge.level.as_str())
        );
        let record = get_import(&pool, record.id).await.unwrap();
        assert_eq!(record.status, ImportStatus::Saved);
        assert_eq!(record.role_level_id, Some(saved.role_level_id));
        assert!(record.saved_at.is_some());

        let again = save_role_profile(&pool, record.id).await.unwrap_err();
        assert!(again.to_string().contains("already been saved"), "{again}");
    }
}

#[tokio::test]
async fn a_new_profile_adds_its_role_and_skills_and_saving_it_again_changes_nothing() {
    let (pool, _dir) = temp_pool().await;
    let version = ensure_starter_catalogue(&pool).await.unwrap();
    let sample = String::from_utf8(fixture("role-profile-sample.txt")).unwrap();
    let preview =
        preview_role_profile(&pool, ProfileSource::Text(sample.clone()), Some(version), &options(Mode::Import))
            .await
            .unwrap();
    let merge = &preview.merge;
    assert_eq!(
        (merge.role.as_str(), merge.level.as_str(), merge.replaces),
        ("Widget reliability engineer", "Lead widget reliability engineer", false)
    );
    assert_eq!(merge.family, "IT operations", "joins the starter's family of the same name");
    let names = |list: &[MergedSkill]| list.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&merge.reused_skills), ["Change management", "Teamwork"]);
    assert_eq!(names(&merge.new_skills), ["Widget Telemetry", "Reliability Budgets"]);
    assert_eq!(merge.activities, 3);
    assert!(!preview.profile.unrecognised.is_empty(), "the reporting line is listed as not understood");

    let saved = save_role_profile(&pool, preview.import_id.unwrap()).await.unwrap();
    let detail = crate::store::framework::role_level_detail(&pool, saved.role_level_id).await.unwrap();
    assert_eq!(detail.required.len(), 4);
    assert_eq!(detail.activities.len(), 3);
    let change = detail.required.iter().find(|r| r.skill.code == "change-management").unwrap();
    assert_eq!(change.requirement.level, Some(3));

    // Saving the same profile again through the command line's path replaces it with itself.
    let before = load_doc(&pool, version).await.unwrap();
    let again =
        import_role_profile(&pool, ProfileSource::Text(sample), Some(version), &options(Mode::Import)).await.unwrap();
    assert_eq!(again.role_level_id, saved.role_level_id);
    assert!(again.merge.replaces);
    assert!(again.merge.new_skills.is_empty());
    assert_eq!(load_doc(&pool, version).await.unwrap(), before);
    assert_eq!(get_import(&pool, again.import_id).await.unwrap().status, ImportStatus::Saved);

    // A dry run stores nothing.
    let checksum_before = checksum(&pool).await;
    let dry = preview_role_profile(
        &pool,
        ProfileSource::Text("Summary\nA tester tests.\n".into()),
        None,
        &options(Mode::DryRun),
    )
    .await
    .unwrap();
    assert!(dry.import_id.is_none());
    assert_eq!(checksum(&pool).await, checksum_before);
}

#[tokio::test]
async fn a_saved_role_level_is_assigned_to_people() {
    let (pool, _dir) = temp_pool().await;
    let version = ensure_starter_catalogue(&pool).await.unwrap();
    let loaded = load_org(&pool, version, &crate::demo::demo_org("2026-11-23".parse().unwrap())).await.unwrap();
    let preview = preview_role_profile(
        &pool,
        ProfileSource::Bytes(fixture("role-profile-sample.txt")),
        None,
        &options(Mode::Import),
    )
    .await
    .unwrap();
    let saved = save_role_profile(&pool, preview.import_id.unwrap()).await.unwrap();
    let chosen = &loaded.person_ids[..2];
    assert_eq!(assign_role_level(&pool, saved.role_level_id, chosen).await.unwrap(), 2);
    for id in chosen {
        assert_eq!(
            crate::store::people::get_person(&pool, *id).await.unwrap().role_level_id,
            Some(saved.role_level_id)
        );
    }
    let before = checksum(&pool).await;
    assert!(matches!(
        assign_role_level(&pool, saved.role_level_id, &[chosen[0], 999_999]).await,
        Err(StoreError::NotFound("Person"))
    ));
    assert!(matches!(assign_role_level(&pool, 999_999, chosen).await, Err(StoreError::NotFound("Role level"))));
    assert_eq!(checksum(&pool).await, before, "all or nothing");
}

#[tokio::test]
async fn moving_a_team_maps_role_levels_by_name_and_keeps_assessments() {
    let (pool, _dir) = temp_pool().await;
    let starter = ensure_starter_catalogue(&pool).await.unwrap();
    let loaded = load_org(&pool, starter, &crate::demo::demo_org("2026-11-23".parse().unwrap())).await.unwrap();
    let ddat =
        import_ddat(&pool, real_roles(), real_skills(), &options(Mode::Import)).await.unwrap().version_id.unwrap();
    let team = loaded.team_ids[0];
    let members = crate::store::people::team_members(&pool, team).await.unwrap();
    // One member holds a role level the new version does not have.
    let family: Id = sqlx::query_scalar("SELECT id FROM role_families WHERE version_id = ? LIMIT 1")
        .bind(starter)
        .fetch_one(&pool)
        .await
        .unwrap();
    let role: Id = sqlx::query_scalar("INSERT INTO roles (family_id, name) VALUES (?, 'Retired role') RETURNING id")
        .bind(family)
        .fetch_one(&pool)
        .await
        .unwrap();
    let orphan: Id =
        sqlx::query_scalar("INSERT INTO role_levels (role_id, name, rank) VALUES (?, 'Retired level', 0) RETURNING id")
            .bind(role)
            .fetch_one(&pool)
            .await
            .unwrap();
    let odd = &members[0].person;
    sqlx::query("UPDATE people SET role_level_id = ? WHERE id = ?")
        .bind(orphan)
        .bind(odd.id)
        .execute(&pool)
        .await
        .unwrap();
    let assessments_before: Vec<(Id, Id, i64)> =
        sqlx::query_as("SELECT id, skill_id, level FROM assessments ORDER BY id").fetch_all(&pool).await.unwrap();
    let ids: Vec<Id> = members.iter().map(|m| m.person.id).collect();
    let mapped_before = crate::store::assessments::for_people_in_version(&pool, &ids, ddat).await.unwrap().len();

    let plan = plan_team_move(&pool, team, ddat).await.unwrap();
    let moved = move_team(&pool, team, ddat).await.unwrap();
    assert_eq!(plan, moved, "the preview says what the move does");
    assert_eq!(moved.members, members.len());
    assert_eq!(moved.unmatched.len(), 1);
    assert_eq!((moved.unmatched[0].person_id, moved.unmatched[0].level.as_str()), (odd.id, "Retired level"));
    assert!(moved.mapped > 0);

    assert_eq!(crate::store::people::get_team(&pool, team).await.unwrap().framework_version_id, ddat);
    for member in &members {
        let person = crate::store::people::get_person(&pool, member.person.id).await.unwrap();
        if person.id == odd.id {
            assert_eq!(person.role_level_id, Some(orphan), "left as it was");
            continue;
        }
        for (before, after) in [
            (member.person.role_level_id, person.role_level_id),
            (member.person.target_role_level_id, person.target_role_level_id),
        ] {
            let (Some(before), Some(after)) = (before, after) else {
                assert_eq!(before, after);
                continue;
            };
            let (old, new) = (
                crate::store::framework::role_level_ref(&pool, before).await.unwrap(),
                crate::store::framework::role_level_ref(&pool, after).await.unwrap(),
            );
            assert_eq!(new.version_id, ddat);
            assert_eq!((old.role_name, old.name), (new.role_name, new.name));
        }
    }
    let assessments_after: Vec<(Id, Id, i64)> =
        sqlx::query_as("SELECT id, skill_id, level FROM assessments ORDER BY id").fetch_all(&pool).await.unwrap();
    assert_eq!(assessments_after, assessments_before, "assessments stay attached to the skills they were made against");
    assert_eq!(crate::store::assessments::for_people_in_version(&pool, &ids, ddat).await.unwrap().len(), mapped_before);
    assert!(mapped_before > 0, "and they count for the same skills in the new version");

    // Moving again changes nothing more; moving to another family is refused.
    let again = move_team(&pool, team, ddat).await.unwrap();
    assert_eq!(again.mapped, 0);
    let sfia = import_sfia(&pool, fixture("sfia-sample-windows-1252.csv"), &options(Mode::Import))
        .await
        .unwrap()
        .version_id
        .unwrap();
    let before = checksum(&pool).await;
    let refused = move_team(&pool, team, sfia).await.unwrap_err();
    assert!(refused.to_string().contains("can only move to another version"), "{refused}");
    assert_eq!(checksum(&pool).await, before);
    assert_eq!(latest_version(&pool).await.unwrap().unwrap().id, sfia);
}

#[test]
fn unusable_rows_are_listed_with_where_they_are() {
    let mut report = ValidationReport::new();
    for row in 2..=9 {
        report.error(
            crate::import::report::At::row(row, row + 1).in_file("roles CSV"),
            Some("Skill Level"),
            crate::import::EntryKind::UnknownLevel,
            format!("Skill Level \"{row}\" is not a DDaT level"),
            "skipped",
        );
    }
    let failure = refuse_errors(&report).unwrap_err();
    assert_eq!(failure.file(), Some("roles CSV"));
    let message = failure.to_string();
    assert!(message.starts_with("Nothing was imported: 8 parts of the file cannot be used. roles CSV, row 2 (line 3), column \"Skill Level\": Skill Level \"2\" is not a DDaT level;"), "{message}");
    assert!(message.ends_with("; and 3 more. Correct the file and import it again."), "{message}");
}
