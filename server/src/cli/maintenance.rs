//! `skillmix generate` (a synthetic organisation for benchmarks and scale tests) and
//! `skillmix backup` (a consistent copy of the live database).

use crate::error::{Error, Result};
use skillmix::store::{self, framework, seed, Pool};
use std::path::Path;
use std::time::Instant;

/// Loads a deterministic synthetic organisation into an empty database, on the newest framework
/// version (the starter catalogue on a fresh database), or with `skills` on a new synthetic
/// framework version of that many skills.
pub async fn generate(
    pool: &Pool,
    people: usize,
    teams: usize,
    rounds: usize,
    seed_value: u64,
    skills: Option<usize>,
) -> Result<()> {
    if people == 0 || teams == 0 || rounds == 0 {
        return Err(Error::Invalid("--people, --teams and --rounds must each be at least 1".into()));
    }
    if teams > people {
        return Err(Error::Invalid(format!("--teams ({teams}) cannot be more than --people ({people})")));
    }
    if skills.is_some_and(|n| !(1..=10_000).contains(&n)) {
        return Err(Error::Invalid("--skills must be between 1 and 10000".into()));
    }
    if !store::is_empty(pool).await? {
        return Err(Error::Invalid(
            "the database already holds people or teams: generate into an empty database".into(),
        ));
    }
    let starter = seed::ensure_starter_catalogue(pool).await?;
    let version = match skills {
        None => starter,
        Some(n) => framework::insert_version(pool, &synthetic_framework(n)).await?,
    };
    let doc = framework::load_doc(pool, version).await?;
    let started = Instant::now();
    let today = chrono::Utc::now().date_naive();
    let org = skillmix::demo::generate(&doc, people, teams, rounds, seed_value, today);
    let generated = started.elapsed();
    let loaded = seed::load_org(pool, version, &org).await?;
    println!(
        "Generated {} people in {} teams with {} assessments over {rounds} rounds on \"{}\" ({} skills) in {:.1} s, stored in {:.1} s.",
        loaded.person_ids.len(),
        loaded.team_ids.len(),
        loaded.assessments,
        doc.name,
        doc.skills.len(),
        generated.as_secs_f64(),
        (started.elapsed() - generated).as_secs_f64()
    );
    Ok(())
}

/// Role families, roles per family and levels per role of a synthetic framework.
const SYNTHETIC_SHAPE: (usize, usize, usize) = (8, 5, 5);
/// Skills each synthetic role level requires (fewer when the framework has fewer skills).
const SYNTHETIC_REQUIRED: usize = 30;

/// A framework of `skills` skills for scale tests, in the shape of the DDaT framework: one skill
/// in five on the SFIA scale (defined at levels 2 to 6), the rest on the DDaT scale; 8 role
/// families of 5 roles of 5 levels; each role level requires 30 different skills spread over the
/// whole framework, at a level that rises with seniority.
fn synthetic_framework(skills: usize) -> skillmix::framework::FrameworkDoc {
    use skillmix::framework::doc::{RequirementDoc, RoleDoc, RoleFamilyDoc, RoleLevelDoc, SkillDoc};
    use skillmix::{Scale, SkillKind};

    let sfia = |i: usize| i % 5 == 4;
    let skill_docs: Vec<SkillDoc> = (0..skills)
        .map(|i| SkillDoc {
            code: format!("synthetic-{:04}", i + 1),
            name: format!("Synthetic skill {}", i + 1),
            kind: if sfia(i) { SkillKind::Sfia } else { SkillKind::Ddat },
            scale: if sfia(i) { Scale::Sfia } else { Scale::Ddat },
            description: String::new(),
            category: Some(format!("Category {}", i % 10 + 1)),
            subcategory: None,
            defined_levels: if sfia(i) { vec![2, 3, 4, 5, 6] } else { Vec::new() },
            descriptors: Vec::new(),
        })
        .collect();
    let (families, roles, levels) = SYNTHETIC_SHAPE;
    let required = SYNTHETIC_REQUIRED.min(skills);
    let stride = skills.div_ceil(required);
    let mut role_families = Vec::new();
    for f in 1..=families {
        let mut family = RoleFamilyDoc { name: format!("Synthetic family {f}"), roles: Vec::new() };
        for r in 1..=roles {
            let mut role =
                RoleDoc { name: format!("Synthetic role {f}.{r}"), description: String::new(), levels: Vec::new() };
            for rank in 0..levels {
                let start = (((f - 1) * roles + r - 1) * levels + rank) * 7 % skills;
                let mut chosen = std::collections::BTreeSet::new();
                let mut requirements = Vec::new();
                for k in 0..required {
                    let mut i = (start + k * stride) % skills;
                    while !chosen.insert(i) {
                        i = (i + 1) % skills;
                    }
                    let level = if sfia(i) { 2 + rank as u8 } else { 1 + (rank as u8 * 3).div_ceil(4) };
                    requirements.push(RequirementDoc {
                        skill_code: skill_docs[i].code.clone(),
                        level: Some(level),
                        description: String::new(),
                    });
                }
                role.levels.push(RoleLevelDoc {
                    name: format!("Level {} of role {f}.{r}", rank + 1),
                    description: String::new(),
                    role_type: None,
                    requirements,
                    activities: Vec::new(),
                });
            }
            family.roles.push(role);
        }
        role_families.push(family);
    }
    skillmix::framework::FrameworkDoc {
        family: "synthetic".into(),
        name: format!("Synthetic {skills} skills"),
        source: "synthetic".into(),
        skills: skill_docs,
        role_families,
    }
}

/// Copies the live database to `out` with `VACUUM INTO` (a consistent snapshot, safe while the
/// server is writing), then checks the copy's integrity.
pub async fn backup(pool: &Pool, out: &Path) -> Result<()> {
    if out.exists() {
        return Err(Error::Invalid(format!("{} already exists: choose a new file", out.display())));
    }
    let target = out.to_str().ok_or_else(|| Error::Invalid(format!("{} is not a usable path", out.display())))?;
    let started = Instant::now();
    // The copy holds everything, credentials included: it is created empty, readable by its
    // owner only (mode 0600), before SQLite fills it (VACUUM INTO accepts an empty file).
    create_private(out).map_err(Error::file("create", out))?;
    if let Err(e) = sqlx::query("VACUUM INTO ?").bind(target).execute(pool).await {
        let _ = std::fs::remove_file(out);
        return Err(Error::Database(e));
    }
    let copy = store::connect(&format!("sqlite://{target}")).await?;
    let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&copy).await?;
    copy.close().await;
    if check != "ok" {
        return Err(Error::Invalid(format!("the copy at {target} failed its integrity check: {check}")));
    }
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    super::data::command_line_audit(pool, "backup", None).await?;
    println!(
        "Backed up to {target} ({:.1} MB) in {:.2} s; integrity check: ok.",
        size as f64 / 1_048_576.0,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Creates `path` as a new, empty file with mode 0600; refuses one that exists.
fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}

#[cfg(test)]
mod tests {
    #[test]
    fn synthetic_frameworks_are_consistent() {
        for skills in [1, 7, 150, 400] {
            let doc = super::synthetic_framework(skills);
            assert_eq!(doc.skills.len(), skills);
            assert!(doc.check().is_empty(), "{skills} skills: {:?}", doc.check());
            let levels: Vec<_> = doc.role_levels().collect();
            assert_eq!(levels.len(), 200);
            assert!(levels.iter().all(|(_, _, l)| l.requirements.len() == skills.min(30)));
        }
    }
}
