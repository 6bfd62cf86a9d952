//! Framework imports: the DDaT exports and the SFIA skills CSV (uploads), role profiles (pasted
//! or uploaded, previewed, then saved), the report of each import with the version diff, moving
//! teams to a new version, and assigning an imported role level to people.
//!
//! Uploads are multipart server functions. The import page's forms post to them directly, so
//! they work without JavaScript (success redirects to the report, an error goes back to the form
//! in the URL); with JavaScript the page sends the same form data and shows progress.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};
use serde::{Deserialize, Serialize};
use skillmix::framework::browse::RoleLevelRef;
use skillmix::framework::{FrameworkVersion, SkillKind};
use skillmix::import::{FrameworkDiff, ParsedRoleProfile, ValidationReport};
use skillmix::scale::{Level, Scale};
use skillmix::Id;
use std::collections::HashMap;

/// The import page: versions to add a role profile to, and the latest imports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportPageData {
    /// Newest first: the first is the default target for role profiles.
    pub versions: Vec<FrameworkVersion>,
    pub recent: Vec<RecentImportData>,
    /// Today's date, for the default version names ("DDaT 2026-11-23").
    pub today: String,
    /// The largest file accepted, in MiB.
    pub limit_mib: usize,
}

/// A line of the import history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentImportData {
    pub id: Id,
    pub kind: String,
    pub status: String,
    pub created_at: String,
    pub by: Option<String>,
    pub name: Option<String>,
    pub files: Vec<String>,
    pub skills: i64,
    pub role_levels: i64,
    pub warnings: i64,
}

/// Import kinds as the pages name them.
pub fn kind_title(kind: &str) -> &'static str {
    match kind {
        "ddat" => "DDaT exports",
        "sfia" => "SFIA skills",
        "role-profile" => "Role profile",
        _ => "Import",
    }
}

/// Import statuses as the pages name them.
pub fn status_title(status: &str) -> &'static str {
    match status {
        "checked" => "Checked, nothing saved",
        "imported" => "Imported",
        "preview" => "Waiting to be saved",
        "saved" => "Saved",
        _ => "Unknown",
    }
}

#[server(endpoint = "import/page", input = GetUrl)]
pub async fn load_import_page() -> Result<ImportPageData, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::{framework, imports};

    let caller = crate::ssr::require(Action::Import, Resource::Framework).await?;
    let is_admin = caller.viewer.is(skillmix::access::UserRole::Admin);
    let own_email = caller.user.as_ref().map(|u| u.email.clone());
    let pool = crate::ssr::pool();
    let recent = imports::list_imports(&pool, 20)
        .await?
        .into_iter()
        .map(|i| RecentImportData {
            id: i.id,
            kind: i.kind.code().to_string(),
            status: i.status.code().to_string(),
            created_at: i.created_at,
            // Other importers' emails are for administrators only.
            by: i.user_email.map(|email| {
                if is_admin || Some(&email) == own_email.as_ref() {
                    email
                } else {
                    "Another user".to_string()
                }
            }),
            name: i.name,
            files: i.file_names,
            skills: i.skills,
            role_levels: i.role_levels,
            warnings: i.warnings,
        })
        .collect();
    Ok(ImportPageData {
        versions: framework::list_versions(&pool).await?.into_iter().rev().collect(),
        recent,
        today: crate::ssr::today().to_string(),
        limit_mib: skillmix::import::MAX_IMPORT_BYTES / (1024 * 1024),
    })
}

/// Imports the two DDaT exports. Form fields: `roles` and `skills` (files), `version_name`,
/// and `mode`: `check` (report only) or `import`.
#[server(endpoint = "import/ddat", input = MultipartFormData)]
pub async fn import_ddat(data: MultipartData) -> Result<Id, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::imports;

    let caller = crate::ssr::require(Action::Import, Resource::Framework).await?;
    let mut upload = ssr::read_upload(data).await?;
    let roles = upload.file("roles", "Choose the roles CSV (the DDaT roles export)")?;
    let skills = upload.file("skills", "Choose the skills CSV (the DDaT skills export)")?;
    let options = upload.options(&caller, "ddat_mode", "ddat_version_name", vec![roles.0, skills.0]);
    let fields = [("roles CSV", "roles"), ("skills CSV", "skills")];
    let imported = imports::import_ddat(&crate::ssr::pool(), roles.1, skills.1, &options)
        .await
        .map_err(|f| ssr::failure(f, &fields, "roles", "ddat_version_name"))?;
    ssr::finish_framework(&caller, "import.ddat", imported).await
}

/// Imports the SFIA skills CSV. Form fields: `sfia_file`, `sfia_version_name`, `sfia_mode`.
#[server(endpoint = "import/sfia", input = MultipartFormData)]
pub async fn import_sfia(data: MultipartData) -> Result<Id, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::imports;

    let caller = crate::ssr::require(Action::Import, Resource::Framework).await?;
    let mut upload = ssr::read_upload(data).await?;
    let file = upload.file("sfia_file", "Choose the SFIA skills CSV")?;
    let options = upload.options(&caller, "sfia_mode", "sfia_version_name", vec![file.0]);
    let fields = [("SFIA CSV", "sfia_file")];
    let imported = imports::import_sfia(&crate::ssr::pool(), file.1, &options)
        .await
        .map_err(|f| ssr::failure(f, &fields, "sfia_file", "sfia_version_name"))?;
    ssr::finish_framework(&caller, "import.sfia", imported).await
}

/// Reads a pasted or uploaded role profile and stores a preview of it. Form fields:
/// `profile_text` or `profile_file`, and `version_id` (the version to add it to).
#[server(endpoint = "import/role-profile", input = MultipartFormData)]
pub async fn preview_role_profile(data: MultipartData) -> Result<Id, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::imports::{self, Mode, ProfileSource};

    let caller = crate::ssr::require(Action::Import, Resource::Framework).await?;
    let mut upload = ssr::read_upload(data).await?;
    let file = upload.optional_file("profile_file");
    let text = upload.text("profile_text");
    let (source, field, names) = match (file, text.trim().is_empty()) {
        (Some(_), false) => {
            return Err(AppError::field("profile_text", "Either paste the role profile or choose a file, not both"));
        }
        (Some((name, bytes)), true) => (ProfileSource::Bytes(bytes), "profile_file", vec![name]),
        (None, false) => (ProfileSource::Text(text), "profile_text", Vec::new()),
        (None, true) => return Err(AppError::field("profile_text", "Paste the role profile or choose a file")),
    };
    let version_id = crate::ssr::parse_optional_id("version_id", "the framework version", &upload.text("version_id"))?;
    let mut options = upload.options(&caller, "", "", names);
    options.mode = Mode::Import;
    let fields = [("role profile", field)];
    let preview = imports::preview_role_profile(&crate::ssr::pool(), source, version_id, &options)
        .await
        .map_err(|f| ssr::failure(f, &fields, field, "version_id"))?;
    let id = preview.import_id.unwrap_or_default();
    crate::ssr::redirect(&format!("/import/reports/{id}"));
    Ok(id)
}

/// What merging a role profile does: where the level goes and which skills are new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeData {
    pub family: String,
    pub role: String,
    pub level: String,
    pub replaces: bool,
    pub new_skills: Vec<MergedSkillData>,
    pub reused_skills: Vec<MergedSkillData>,
    pub activities: usize,
    pub report: ValidationReport,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergedSkillData {
    pub name: String,
    pub kind: SkillKind,
    pub scale: Scale,
    pub level: Option<Level>,
}

/// A team that can move to the imported version, or that uses it, with what moving does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMoveData {
    pub team_id: Id,
    pub team_name: String,
    /// The version the team uses now.
    pub version_name: String,
    pub members: usize,
    /// Role levels (current and target) that map to the new version by name.
    pub mapped: usize,
    pub already: usize,
    /// Role levels with no match in the new version: left as they are.
    pub unmatched: Vec<UnmatchedData>,
    /// Members also in teams on other versions.
    pub shared_with: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmatchedData {
    pub person_id: Id,
    pub person_name: String,
    pub role: String,
    pub level: String,
    pub version_name: String,
    pub target: bool,
}

/// Someone the imported role level can be assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignPersonData {
    pub id: Id,
    pub name: String,
    /// "Role – level (version)".
    pub role_level: Option<String>,
    /// Already holds the imported role level.
    pub holds: bool,
}

/// Everything the report page shows about one import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportReportData {
    pub id: Id,
    /// "ddat", "sfia" or "role-profile".
    pub kind: String,
    /// "checked", "imported", "preview" or "saved".
    pub status: String,
    pub created_at: String,
    pub by: Option<String>,
    pub file_names: Vec<String>,
    /// The version's name (the name it would have had, for a check).
    pub version_name: Option<String>,
    /// The version created, or the role profile's target.
    pub version: Option<FrameworkVersion>,
    pub previous: Option<FrameworkVersion>,
    pub report: ValidationReport,
    /// Role levels people hold first, marked.
    pub diff: Option<FrameworkDiff>,
    /// The scale of each skill the diff names, by code (from both versions).
    pub skill_scales: Vec<(String, Scale)>,
    pub profile: Option<ParsedRoleProfile>,
    pub merge: Option<MergeData>,
    /// The saved role level.
    pub role_level: Option<RoleLevelRef>,
    /// Teams on earlier versions of the family that the viewer may move.
    pub teams_to_move: Vec<TeamMoveData>,
    /// Teams on this version that the viewer may change, with members left on other versions.
    pub teams_on_version: Vec<TeamMoveData>,
    /// People the viewer may assign the saved role level to.
    pub people: Vec<AssignPersonData>,
    /// Whether the viewer may save this preview and assign its role level: its author or an
    /// administrator.
    pub may_import: bool,
    /// Made by a user of the web app or API (`by` names them to administrators and to the
    /// author only); otherwise made on the command line.
    pub by_user: bool,
}

#[server(endpoint = "import/report", input = GetUrl)]
pub async fn load_import_report(id: Id) -> Result<ImportReportData, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::imports::{self, ImportKind, ImportStatus};
    use skillmix::store::{framework, people};

    let caller = crate::ssr::require(Action::Read, Resource::Framework).await?;
    let pool = crate::ssr::pool();
    let record = imports::get_import(&pool, id).await?;
    let version = ssr::optional_version(&pool, record.version_id).await?;
    let previous = ssr::optional_version(&pool, record.previous_version_id).await?;
    let held = imports::held_role_levels(&pool).await?;
    let diff = record.details.diff.as_ref().map(|d| skillmix::import::focus_on_held(d, &held, false));
    let mut skill_scales = Vec::new();
    if diff.is_some() {
        for v in [&previous, &version].into_iter().flatten() {
            for skill in framework::skills_of_version(&pool, v.id).await? {
                skill_scales.push((skill.code, skill.scale));
            }
        }
    }
    let mut teams_to_move = Vec::new();
    let mut teams_on_version = Vec::new();
    if let (Some(version), ImportStatus::Imported) = (&version, record.status) {
        let versions: HashMap<Id, FrameworkVersion> =
            framework::list_versions(&pool).await?.into_iter().map(|v| (v.id, v)).collect();
        for team in people::list_teams(&pool).await? {
            if !caller.may(Action::Update, &Resource::Team { id: team.id }) {
                continue;
            }
            let Some(team_version) = versions.get(&team.framework_version_id) else {
                continue;
            };
            if team_version.family != version.family {
                continue;
            }
            if team.framework_version_id == version.id {
                teams_on_version.push(ssr::team_move(&pool, &team, team_version, version.id).await?);
            } else if team.framework_version_id < version.id {
                teams_to_move.push(ssr::team_move(&pool, &team, team_version, version.id).await?);
            }
        }
    }
    let role_level = match record.role_level_id {
        Some(level) => framework::role_level_ref(&pool, level).await.ok(),
        None => None,
    };
    let may_import = skillmix::access::may_change_import(&caller.viewer, record.user_id);
    // The importer's email is shown to administrators and to the importer, nobody else.
    let by_user = record.user_id.is_some();
    let by = if caller.viewer.is(skillmix::access::UserRole::Admin)
        || (by_user && record.user_id == caller.viewer.user_id)
    {
        record.user_email.clone()
    } else {
        None
    };
    let mut assignable = Vec::new();
    if let (Some(level), true, ImportKind::RoleProfile) = (&role_level, may_import, record.kind) {
        for person in people::list_people(&pool).await? {
            let resource = crate::ssr::person_resource(person.id).await?;
            if !caller.may(Action::Update, &resource) {
                continue;
            }
            let current = match person.role_level_id {
                Some(current) => Some(ssr::role_level_label(&pool, current).await?),
                None => None,
            };
            assignable.push(AssignPersonData {
                id: person.id,
                name: person.name,
                role_level: current,
                holds: person.role_level_id == Some(level.id),
            });
        }
    }
    let merge = record.details.merge.map(|m| {
        let skill =
            |s: imports::MergedSkill| MergedSkillData { name: s.name, kind: s.kind, scale: s.scale, level: s.level };
        MergeData {
            family: m.family,
            role: m.role,
            level: m.level,
            replaces: m.replaces,
            new_skills: m.new_skills.into_iter().map(skill).collect(),
            reused_skills: m.reused_skills.into_iter().map(skill).collect(),
            activities: m.activities,
            report: m.report,
        }
    });
    Ok(ImportReportData {
        id,
        kind: record.kind.code().to_string(),
        status: record.status.code().to_string(),
        created_at: record.created_at,
        by,
        by_user,
        file_names: record.file_names,
        version_name: record.version_name,
        version,
        previous,
        report: record.details.report,
        diff,
        skill_scales,
        profile: record.details.profile,
        merge,
        role_level,
        teams_to_move,
        teams_on_version,
        people: assignable,
        may_import,
    })
}

/// Confirms a role-profile preview: merges it into its version.
#[server(endpoint = "import/save-role-profile")]
pub async fn save_role_profile(import_id: Id) -> Result<Id, AppError> {
    use skillmix::access::{Action, Resource};

    let caller = crate::ssr::require(Action::Import, Resource::Framework).await?;
    let record = skillmix::store::imports::get_import(&crate::ssr::pool(), import_id).await?;
    ssr::check_author(&caller, &record, "import.role-profile", "save this role profile").await?;
    let saved = skillmix::store::imports::save_role_profile(&crate::ssr::pool(), import_id)
        .await
        .map_err(|f| ssr::failure(f, &[], "import_id", "import_id"))?;
    crate::ssr::audit_ok(
        &caller,
        "import.role-profile",
        Some(format!("import:{import_id} version:{} role-level:{}", saved.version_id, saved.role_level_id)),
    )
    .await;
    crate::ssr::redirect(&format!("/import/reports/{import_id}?saved=1#assign"));
    Ok(saved.role_level_id)
}

/// Sets the saved role level as the current role level of the people ticked (`people[ID]`).
#[server(endpoint = "import/assign-role-level")]
pub async fn assign_role_level(import_id: Id, people: Option<HashMap<String, String>>) -> Result<usize, AppError> {
    use skillmix::access::{Action, Resource};

    let caller = crate::ssr::require(Action::Import, Resource::Framework).await?;
    let pool = crate::ssr::pool();
    let record = skillmix::store::imports::get_import(&pool, import_id).await?;
    ssr::check_author(&caller, &record, "import.assign-role-level", "assign this role level").await?;
    // Every person named is checked before anything else is said about the import.
    let mut ids = Vec::new();
    for key in people.unwrap_or_default().keys() {
        let id: Id = key.parse().map_err(|_| AppError::field("people", "Select people from the list"))?;
        crate::ssr::check(&caller, Action::Update, &crate::ssr::person_resource(id).await?).await?;
        ids.push(id);
    }
    let Some(role_level_id) = record.role_level_id else {
        return Err(AppError::Conflict("Save the role level before assigning it to people".into()));
    };
    if ids.is_empty() {
        return Err(AppError::field("people", "Select at least one person to give this role level"));
    }
    ids.sort_unstable();
    let changed = skillmix::store::imports::assign_role_level(&pool, role_level_id, &ids).await?;
    let targets: Vec<String> = ids.iter().map(|id| format!("person:{id}")).collect();
    crate::ssr::audit_ok(
        &caller,
        "import.assign-role-level",
        Some(format!("role-level:{role_level_id} {}", targets.join(" "))),
    )
    .await;
    crate::ssr::redirect(&format!("/import/reports/{import_id}?assigned={changed}#assign"));
    Ok(changed)
}

/// Moves a team to the version an import created.
#[server(endpoint = "import/move-team")]
pub async fn move_team_to_version(import_id: Id, team_id: Id) -> Result<(), AppError> {
    use skillmix::access::{Action, Resource};

    let caller = crate::ssr::require(Action::Update, Resource::Team { id: team_id }).await?;
    let pool = crate::ssr::pool();
    let record = skillmix::store::imports::get_import(&pool, import_id).await?;
    let Some(version_id) =
        record.version_id.filter(|_| record.status == skillmix::store::imports::ImportStatus::Imported)
    else {
        return Err(AppError::Conflict("This import did not create a framework version to move to".into()));
    };
    let moved = skillmix::store::imports::move_team(&pool, team_id, version_id).await?;
    crate::ssr::audit_ok(
        &caller,
        "framework.move-team",
        Some(format!(
            "team:{team_id} version:{version_id} mapped:{} unmatched:{}",
            moved.mapped,
            moved.unmatched.len()
        )),
    )
    .await;
    crate::ssr::redirect(&format!("/import/reports/{import_id}?moved={team_id}#teams"));
    Ok(())
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! Reading uploads and mapping import failures to form errors.

    use super::*;
    use crate::ssr::Caller;
    use skillmix::store::imports::{FrameworkImport, ImportFailure, ImportOptions, ImportRecord, Mode};
    use skillmix::store::Pool;

    /// Only the import's author (or an administrator) saves its preview into a shared framework
    /// version or assigns its role level; anyone else is refused (and the refusal audited).
    pub async fn check_author(caller: &Caller, record: &ImportRecord, what: &str, doing: &str) -> Result<(), AppError> {
        if skillmix::access::may_change_import(&caller.viewer, record.user_id) {
            return Ok(());
        }
        crate::ssr::audit_denied(caller, what, Some(format!("import:{}", record.id))).await;
        Err(AppError::Refused(format!("Only the person who made this import, or an administrator, can {doing}")))
    }

    /// Longest error message put in a redirect URL (a wrong header lists every column found).
    const MESSAGE_MAX: usize = 900;

    /// The fields of a multipart form: texts, and files with their names.
    #[derive(Debug, Default)]
    pub struct Upload {
        texts: HashMap<String, String>,
        files: HashMap<String, (String, Vec<u8>)>,
    }

    /// Reads every part of the form into memory. The request body is limited to
    /// `BODY_LIMIT_BYTES` by the server; each file is checked against the import limit by the
    /// parser, which says the limit.
    pub async fn read_upload(data: MultipartData) -> Result<Upload, AppError> {
        let mut multipart =
            data.into_inner().ok_or_else(|| AppError::Request("The upload was not sent as a form".into()))?;
        let mut upload = Upload::default();
        loop {
            let field = multipart.next_field().await.map_err(read_error)?;
            let Some(mut field) = field else { break };
            let name = field.name().unwrap_or_default().to_string();
            let file_name = field.file_name().map(str::to_string);
            let mut bytes = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(read_error)? {
                bytes.extend_from_slice(&chunk);
            }
            match file_name {
                Some(file_name) => {
                    upload.files.insert(name, (file_name, bytes));
                }
                None => {
                    upload.texts.insert(name, String::from_utf8_lossy(&bytes).into_owned());
                }
            }
        }
        Ok(upload)
    }

    fn read_error(error: impl std::fmt::Display) -> AppError {
        AppError::Request(format!("the upload could not be read ({error})"))
    }

    impl Upload {
        /// A file the form must have: (file name, bytes). A file input left empty sends a part
        /// with an empty name and no bytes.
        pub fn file(&mut self, field: &str, missing: &str) -> Result<(String, Vec<u8>), AppError> {
            self.optional_file(field).ok_or_else(|| AppError::field(field, missing))
        }

        pub fn optional_file(&mut self, field: &str) -> Option<(String, Vec<u8>)> {
            self.files.remove(field).filter(|(name, bytes)| !name.is_empty() || !bytes.is_empty())
        }

        pub fn text(&self, field: &str) -> String {
            self.texts.get(field).cloned().unwrap_or_default()
        }

        /// Import options from the form's mode and version name fields.
        pub fn options(
            &self,
            caller: &Caller,
            mode_field: &str,
            name_field: &str,
            file_names: Vec<String>,
        ) -> ImportOptions {
            let mode = match self.text(mode_field).as_str() {
                "check" => Mode::Check,
                _ => Mode::Import,
            };
            let name = self.text(name_field);
            ImportOptions {
                version_name: (!name.trim().is_empty()).then_some(name),
                mode,
                user_id: caller.user.as_ref().map(|u| u.id),
                file_names,
                today: crate::ssr::today(),
            }
        }
    }

    /// A failed import as a form error on the field of the file it is about.
    pub fn failure(failure: ImportFailure, files: &[(&str, &str)], default_field: &str, name_field: &str) -> AppError {
        match failure {
            ImportFailure::Store(error) => error.into(),
            ImportFailure::VersionName { message } => AppError::field(name_field, message),
            other => {
                let field = other
                    .file()
                    .and_then(|file| files.iter().find(|(label, _)| *label == file))
                    .map_or(default_field, |(_, field)| field);
                AppError::field(field, shorten(&other.to_string()))
            }
        }
    }

    fn shorten(message: &str) -> String {
        if message.chars().count() <= MESSAGE_MAX {
            return message.to_string();
        }
        let cut: String = message.chars().take(MESSAGE_MAX).collect();
        format!("{cut}…")
    }

    /// Audits an import and sends the browser to its report.
    pub async fn finish_framework(caller: &Caller, action: &str, imported: FrameworkImport) -> Result<Id, AppError> {
        let id = imported.import_id.unwrap_or_default();
        let target = match imported.version_id {
            Some(version) => format!("import:{id} version:{version}"),
            None => format!("import:{id} checked"),
        };
        crate::ssr::audit_ok(caller, action, Some(target)).await;
        crate::ssr::redirect(&format!("/import/reports/{id}"));
        Ok(id)
    }

    pub async fn optional_version(pool: &Pool, id: Option<Id>) -> Result<Option<FrameworkVersion>, AppError> {
        match id {
            Some(id) => match skillmix::store::framework::get_version(pool, id).await {
                Ok(version) => Ok(Some(version)),
                Err(skillmix::store::StoreError::NotFound(_)) => Ok(None),
                Err(other) => Err(other.into()),
            },
            None => Ok(None),
        }
    }

    /// "Role – level (version)".
    pub async fn role_level_label(pool: &Pool, id: Id) -> Result<String, AppError> {
        let level = skillmix::store::framework::role_level_ref(pool, id).await?;
        let version = skillmix::store::framework::get_version(pool, level.version_id).await?;
        Ok(format!("{} – {} ({})", level.role_name, level.name, version.name))
    }

    pub async fn team_move(
        pool: &Pool,
        team: &skillmix::people::Team,
        team_version: &FrameworkVersion,
        version_id: Id,
    ) -> Result<TeamMoveData, AppError> {
        let plan = skillmix::store::imports::plan_team_move(pool, team.id, version_id).await?;
        Ok(TeamMoveData {
            team_id: team.id,
            team_name: team.name.clone(),
            version_name: team_version.name.clone(),
            members: plan.members,
            mapped: plan.mapped,
            already: plan.already,
            unmatched: plan
                .unmatched
                .into_iter()
                .map(|u| UnmatchedData {
                    person_id: u.person_id,
                    person_name: u.person_name,
                    role: u.role,
                    level: u.level,
                    version_name: u.version_name,
                    target: u.target,
                })
                .collect(),
            shared_with: plan.shared_with.into_iter().map(|(_, text)| text).collect(),
        })
    }
}
