//! `/import/reports/{id}`: what an import read and did.
//!
//! * DDaT and SFIA imports (and checks): the figures, what changed since the previous version of
//!   the framework (the role levels people in the organisation hold first), a form per team to
//!   move it to the new version, and every report entry with where it is and what was done.
//! * Role profiles: a preview of everything understood, and clearly apart what was not, with
//!   which skills are new to the version and which it already has; "Save this role level"; then
//!   "Assign this role level to people".

use crate::components::forms::{action_error, field_message, ErrorSummary};
use crate::components::layout::Breadcrumbs;
use crate::components::levels::level_text;
use crate::components::page::{param_id, Loaded, PageTitle};
use crate::pages::import::when;
use crate::server_fns::import::{
    kind_title, load_import_report, status_title, AssignPersonData, AssignRoleLevel, ImportReportData, MergeData,
    MergedSkillData, MoveTeamToVersion, SaveRoleProfile, TeamMoveData,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use skillmix::framework::SkillKind;
use skillmix::import::diff::{RequirementChange, RoleLevelChange, RoleLevelRef, SkillChange};
use skillmix::import::role_profile::ParsedRoleProfile;
use skillmix::import::{FrameworkDiff, ReportEntry, Severity, ValidationReport};
use skillmix::scale::Scale;
use std::collections::HashMap;

#[component]
pub fn ImportReportPage() -> impl IntoView {
    let id = param_id("id");
    let save = ServerAction::<SaveRoleProfile>::new();
    let assign = ServerAction::<AssignRoleLevel>::new();
    let move_team = ServerAction::<MoveTeamToVersion>::new();
    let data = Resource::new(
        move || (id.get(), save.version().get(), assign.version().get(), move_team.version().get()),
        |(id, _, _, _)| load_import_report(id.unwrap_or_default()),
    );
    view! {
        <Loaded resource=data render=move |page: ImportReportData| view! { <ReportView page save assign move_team/> }/>
    }
}

/// What the address says just happened: `?saved=1`, `?assigned=N`, `?moved=TEAM`.
fn notice(page: &ImportReportData, query: &leptos_router::params::ParamsMap) -> Option<(String, String)> {
    if query.get("saved").is_some() && page.status == "saved" {
        let level = page.merge.as_ref().map(|m| m.level.clone()).unwrap_or_default();
        return Some(("Role level saved".into(), format!("\"{level}\" is now part of the framework version.")));
    }
    if let Some(count) = query.get("assigned") {
        return Some((
            "Role level assigned".into(),
            format!(
                "Assigned to {}.",
                match count.as_str() {
                    "1" => "1 person".to_string(),
                    n => format!("{n} people"),
                }
            ),
        ));
    }
    if let Some(team) = query.get("moved").and_then(|t| t.parse::<skillmix::Id>().ok()) {
        let name = page
            .teams_on_version
            .iter()
            .find(|t| t.team_id == team)
            .map(|t| t.team_name.clone())
            .unwrap_or_else(|| "The team".into());
        return Some(("Team moved".into(), format!("{name} now uses this version.")));
    }
    None
}

#[component]
fn ReportView(
    page: ImportReportData,
    save: ServerAction<SaveRoleProfile>,
    assign: ServerAction<AssignRoleLevel>,
    move_team: ServerAction<MoveTeamToVersion>,
) -> impl IntoView {
    let save_error = action_error(save);
    let assign_error = action_error(assign);
    let move_error = action_error(move_team);
    let error = Signal::derive(move || save_error.get().or_else(|| assign_error.get()).or_else(|| move_error.get()));
    let query = use_query_map();
    let notice_page = page.clone();
    let notice = move || notice(&notice_page, &query.read());
    let is_profile = page.kind == "role-profile";
    let (caption, title) = heading(&page);
    view! {
        <Breadcrumbs trail=vec![("Framework".into(), "/framework".into()), ("Import".into(), "/import".into())]/>
        <ErrorSummary error/>
        {move || notice().map(|(title, text)| view! {
            <div class="notification" role="status" id="notice">
                <h2 class="notification__title">{title}</h2>
                <p class="body">{text}</p>
            </div>
        })}
        <PageTitle text=title caption=caption/>
        <StatusMessage page=page.clone()/>
        <ImportSummary page=page.clone()/>
        {if is_profile {
            view! { <ProfileReport page save assign error/> }.into_any()
        } else {
            view! { <FrameworkReport page move_team/> }.into_any()
        }}
    }
}

fn heading(page: &ImportReportData) -> (String, String) {
    let level = page.merge.as_ref().map(|m| m.level.clone()).unwrap_or_else(|| "Role profile".into());
    let version = page.version_name.clone().unwrap_or_else(|| format!("Import {}", page.id));
    match page.status.as_str() {
        "checked" => (format!("{}: checked, nothing saved", kind_title(&page.kind)), version),
        "imported" => (format!("{} imported", kind_title(&page.kind)), version),
        "preview" => ("Role profile: check it before saving".into(), level),
        _ => ("Role profile saved".into(), level),
    }
}

#[component]
fn StatusMessage(page: ImportReportData) -> impl IntoView {
    match page.status.as_str() {
        "checked" => view! {
            <div class="inset">
                <p class="body">"These files were checked and nothing was saved. To import them, upload them again and choose Import as a new version."</p>
                <p class="body"><A href=format!("/import#{}", page.kind)>"Go to the import page"</A></p>
            </div>
        }
        .into_any(),
        "preview" => view! {
            <div class="panel panel--warning">
                <p class="body"><strong>"Nothing has been saved yet."</strong>" Check what was read from the role profile, and what was not, then save the role level at the end of this page."</p>
            </div>
        }
        .into_any(),
        _ => ().into_any(),
    }
}

#[component]
fn ImportSummary(page: ImportReportData) -> impl IntoView {
    let files = if page.file_names.is_empty() { "Pasted text".to_string() } else { page.file_names.join(", ") };
    // The importer's email reaches administrators and the importer only.
    let by = match (&page.by, page.by_user) {
        (Some(email), _) => format!("by {email}"),
        (None, true) => "through Skillmix".to_string(),
        (None, false) => "on the command line".to_string(),
    };
    let version_label = if page.kind == "role-profile" { "Framework version" } else { "Version" };
    view! {
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt class="summary-list__key">"What"</dt>
                <dd class="summary-list__value">{kind_title(&page.kind)}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">"Status"</dt>
                <dd class="summary-list__value">{status_title(&page.status)}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">"Files"</dt>
                <dd class="summary-list__value">{files}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">"Imported"</dt>
                <dd class="summary-list__value">{format!("{} {by}", when(&page.created_at))}</dd>
            </div>
            {page.version.clone().map(|v| view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">{version_label}</dt>
                    <dd class="summary-list__value"><A href=format!("/framework/versions/{}", v.id)>{v.name.clone()}</A></dd>
                </div>
            })}
            {page.previous.clone().map(|v| view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">"Compared with"</dt>
                    <dd class="summary-list__value"><A href=format!("/framework/versions/{}", v.id)>{v.name.clone()}</A>" (the newest earlier version)"</dd>
                </div>
            })}
        </dl>
    }
}

// ---------------------------------------------------------------------------------------------
// DDaT and SFIA

#[component]
fn FrameworkReport(page: ImportReportData, move_team: ServerAction<MoveTeamToVersion>) -> impl IntoView {
    let s = page.report.summary.clone();
    let scales: HashMap<String, Scale> = page.skill_scales.iter().cloned().collect();
    let default_scale = if page.kind == "sfia" { Scale::Sfia } else { Scale::Ddat };
    let imported = page.status == "imported";
    view! {
        <h2 class="heading-m">"What was read"</h2>
        <div class="figures">
            <Figure value=s.role_families label="role families"/>
            <Figure value=s.roles label="roles"/>
            <Figure value=s.role_levels label="role levels"/>
            <Figure value=s.skills label="skills"/>
            <Figure value=s.requirements label="required levels"/>
        </div>
        <p class="body">{format!(
            "{} rows read. The report below has {} notes, {} warnings and {} errors.",
            s.records, s.info, s.warnings, s.errors
        )}</p>
        {match (page.diff.clone(), page.previous.clone()) {
            (Some(diff), Some(_)) => view! { <DiffView diff scales default_scale/> }.into_any(),
            _ => view! {
                <h2 class="heading-m">"What changed"</h2>
                <p class="body">"This is the first version of this framework here, so there is nothing to compare it with."</p>
            }.into_any(),
        }}
        {imported.then(|| view! { <TeamsSection page=page.clone() move_team/> })}
        <ReportTable report=page.report.clone() title="Validation report" id="report"/>
    }
}

#[component]
fn Figure(value: usize, label: &'static str) -> impl IntoView {
    view! {
        <div class="figure">
            <span class="figure__value">{value}</span>
            <span class="figure__label">{label}</span>
        </div>
    }
}

fn level_label(scales: &HashMap<String, Scale>, default: Scale, code: &str, level: Option<u8>) -> String {
    level_text(scales.get(code).copied().unwrap_or(default), level, "No level")
}

/// "1 member", "3 members".
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn role_level_name(r: &RoleLevelRef) -> String {
    format!("{} – {}", r.role, r.level)
}

#[component]
fn DiffView(diff: FrameworkDiff, scales: HashMap<String, Scale>, default_scale: Scale) -> impl IntoView {
    let held_changed: Vec<RoleLevelChange> =
        diff.role_levels_changed.iter().filter(|c| c.role_level.held).cloned().collect();
    let other_changed: Vec<RoleLevelChange> =
        diff.role_levels_changed.iter().filter(|c| !c.role_level.held).cloned().collect();
    let held_removed: Vec<RoleLevelRef> = diff.role_levels_removed.iter().filter(|r| r.held).cloned().collect();
    let other_removed: Vec<RoleLevelRef> = diff.role_levels_removed.iter().filter(|r| !r.held).cloned().collect();
    let counts = format!(
        "{} skills added, {} removed and {} changed; {} role levels added, {} removed and {} changed.",
        diff.skills_added.len(),
        diff.skills_removed.len(),
        diff.skills_changed.len(),
        diff.role_levels_added.len(),
        diff.role_levels_removed.len(),
        diff.role_levels_changed.len()
    );
    let nothing_held = held_changed.is_empty() && held_removed.is_empty();
    view! {
        <section aria-labelledby="changes-title">
            <h2 class="heading-m" id="changes-title">{format!("What changed since {}", diff.from)}</h2>
            {if diff.is_empty() {
                view! { <p class="body">"Nothing changed: this version has the same skills, descriptors and required levels."</p> }.into_any()
            } else {
                view! { <p class="body">{counts}</p> }.into_any()
            }}
            <h3 class="heading-s">"Role levels people in your organisation hold"</h3>
            {nothing_held.then(|| view! { <p class="body">"None of the role levels people hold has changed."</p> })}
            {(!held_removed.is_empty()).then(|| view! {
                <p class="warning-text">"These role levels people hold are not in the new version. People who hold them keep them, and stay on the older version's role level if their team moves:"</p>
                <ul class="list list--bullet">
                    {held_removed.iter().map(|r| view! { <li>{role_level_name(r)}" (held)"</li> }).collect_view()}
                </ul>
            })}
            {held_changed.into_iter().map(|change| view! { <RoleLevelChangeTable change scales=scales.clone() default_scale/> }).collect_view()}

            <h3 class="heading-s">"Skills"</h3>
            <SkillList title="added" skills=diff.skills_added.iter().map(|s| s.name.clone()).collect()/>
            <SkillList title="removed" skills=diff.skills_removed.iter().map(|s| s.name.clone()).collect()/>
            {(!diff.skills_changed.is_empty()).then(|| view! { <SkillChanges changes=diff.skills_changed.clone() scales=scales.clone() default_scale/> })}
            {(diff.skills_added.is_empty() && diff.skills_removed.is_empty() && diff.skills_changed.is_empty())
                .then(|| view! { <p class="body">"No skill was added, removed or changed."</p> })}

            <h3 class="heading-s">"Other role levels"</h3>
            {(!other_changed.is_empty()).then(|| {
                let count = other_changed.len();
                view! {
                    <details class="details">
                        <summary class="details__summary">{format!("{count} role levels with changed requirements")}</summary>
                        {other_changed.into_iter().map(|change| view! { <RoleLevelChangeTable change scales=scales.clone() default_scale/> }).collect_view()}
                    </details>
                }
            })}
            <RoleLevelList title="added" levels=diff.role_levels_added.clone()/>
            <RoleLevelList title="removed" levels=other_removed/>
        </section>
    }
}

#[component]
fn SkillList(title: &'static str, skills: Vec<String>) -> impl IntoView {
    (!skills.is_empty()).then(|| {
        let count = skills.len();
        view! {
            <details class="details">
                <summary class="details__summary">{format!("{count} skills {title}")}</summary>
                <ul class="list list--bullet">{skills.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
            </details>
        }
    })
}

#[component]
fn RoleLevelList(title: &'static str, levels: Vec<RoleLevelRef>) -> impl IntoView {
    (!levels.is_empty()).then(|| {
        let count = levels.len();
        view! {
            <details class="details">
                <summary class="details__summary">{format!("{count} role levels {title}")}</summary>
                <ul class="list list--bullet">
                    {levels.into_iter().map(|r| view! { <li>{format!("{} ({})", role_level_name(&r), r.family)}</li> }).collect_view()}
                </ul>
            </details>
        }
    })
}

#[component]
fn RoleLevelChangeTable(
    change: RoleLevelChange,
    scales: HashMap<String, Scale>,
    default_scale: Scale,
) -> impl IntoView {
    let r = change.role_level.clone();
    let label = |code: &str, level: Option<u8>| level_label(&scales, default_scale, code, level);
    let (mut changed, mut added, mut removed, mut reworded) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for requirement in change.requirements {
        match requirement {
            RequirementChange::LevelChanged { skill_code, skill_name, from, to } => {
                changed.push(format!("{skill_name}: {} → {}", label(&skill_code, from), label(&skill_code, to)))
            }
            RequirementChange::Added { skill_code, skill_name, level } => {
                added.push(format!("{skill_name} ({})", label(&skill_code, level)))
            }
            RequirementChange::Removed { skill_code, skill_name, level } => {
                removed.push(format!("{skill_name} (was {})", label(&skill_code, level)))
            }
            RequirementChange::DescriptionChanged { skill_name, .. } => reworded.push(skill_name),
        }
    }
    let rows: Vec<(&'static str, Vec<String>, bool)> = vec![
        ("Required level changed", changed, true),
        ("Now required", added, true),
        ("No longer required", removed, false),
        ("Same level, what it means reworded", reworded, false),
    ];
    view! {
        <div class="role-level-change">
            <h4 class="heading-s">
                {role_level_name(&r)}
                {r.held.then(|| view! { <strong class="tag tag--blue">"Held by people here"</strong> })}
            </h4>
            {change.description_changed.then(|| view! { <p class="body">"The role level's description was reworded."</p> })}
            <dl class="summary-list">
                {rows.into_iter().filter(|(_, items, _)| !items.is_empty()).map(|(key, items, as_list)| view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{format!("{key} ({})", items.len())}</dt>
                        <dd class="summary-list__value">
                            {if as_list {
                                view! { <ul class="list">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any()
                            } else {
                                view! { <span>{items.join("; ")}</span> }.into_any()
                            }}
                        </dd>
                    </div>
                }).collect_view()}
            </dl>
        </div>
    }
}

#[component]
fn SkillChanges(changes: Vec<SkillChange>, scales: HashMap<String, Scale>, default_scale: Scale) -> impl IntoView {
    let count = changes.len();
    view! {
        <details class="details">
            <summary class="details__summary">{format!("{count} skills changed")}</summary>
            <table class="table">
                <caption class="visually-hidden">"Skills whose name, description, scale or level descriptors changed"</caption>
                <thead><tr><th scope="col">"Skill"</th><th scope="col">"What changed"</th></tr></thead>
                <tbody>
                    {changes.into_iter().map(|c| {
                        let scale = scales.get(&c.code).copied().unwrap_or(default_scale);
                        let mut what: Vec<String> = Vec::new();
                        if let Some(name) = &c.name_change {
                            what.push(format!("Renamed from \"{}\"", name.before));
                        }
                        if c.description_change.is_some() {
                            what.push("Description reworded".into());
                        }
                        if let Some((before, after)) = c.scale_change {
                            what.push(format!("Scale changed from {} to {}", before.title(), after.title()));
                        }
                        if let Some((before, after)) = &c.defined_levels_change {
                            let list = |l: &[u8]| if l.is_empty() { "every level".to_string() } else { l.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", ") };
                            what.push(format!("Defined at {} (was {})", list(after), list(before)));
                        }
                        if !c.descriptors.is_empty() {
                            let levels: Vec<String> = c.descriptors.iter().map(|d| scale.label(d.level)).collect();
                            what.push(format!("What the level means changed at {}", levels.join(", ")));
                        }
                        let descriptors = c.descriptors.clone();
                        view! {
                            <tr>
                                <th scope="row">{c.name.clone()}</th>
                                <td>
                                    {what.join("; ")}
                                    {(!descriptors.is_empty()).then(|| view! {
                                        <details class="details">
                                            <summary class="details__summary">"Show the wording"</summary>
                                            <dl class="summary-list">
                                                {descriptors.into_iter().map(|d| view! {
                                                    <div class="summary-list__row">
                                                        <dt class="summary-list__key">{scale.label(d.level)}</dt>
                                                        <dd class="summary-list__value pre-line">
                                                            <strong>"Before: "</strong>{d.before.unwrap_or_else(|| "(no text)".into())}"\n"
                                                            <strong>"Now: "</strong>{d.after.unwrap_or_else(|| "(no text)".into())}
                                                        </dd>
                                                    </div>
                                                }).collect_view()}
                                            </dl>
                                        </details>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}

#[component]
fn TeamsSection(page: ImportReportData, move_team: ServerAction<MoveTeamToVersion>) -> impl IntoView {
    let import_id = page.id;
    let version = page.version.as_ref().map(|v| v.name.clone()).unwrap_or_default();
    let nothing = page.teams_to_move.is_empty() && page.teams_on_version.is_empty();
    view! {
        <section aria-labelledby="teams-title" id="teams">
            <h2 class="heading-m" id="teams-title">"Move teams to this version"</h2>
            <p class="body">
                "Teams stay on their version until you move them. Moving a team gives each member the role level (and "
                "target role level) with the same role and level name in this version. Assessments stay attached to the "
                "skills they were made against, and count for the same skills in this version."
            </p>
            {nothing.then(|| view! { <p class="body">"There are no teams on an earlier version of this framework that you can move."</p> })}
            {page.teams_to_move.into_iter().map(|team| {
                let team_id = team.team_id;
                let name = team.team_name.clone();
                let version = version.clone();
                view! {
                    <div class="panel">
                        <h3 class="heading-s">{format!("{} (on {})", team.team_name, team.version_name)}</h3>
                        <MoveSummary team=team.clone()/>
                        <ActionForm action=move_team>
                            <input type="hidden" name="import_id" value=import_id/>
                            <input type="hidden" name="team_id" value=team_id/>
                            <button type="submit" class="button">{format!("Move {name} to {version}")}</button>
                        </ActionForm>
                    </div>
                }
            }).collect_view()}
            {(!page.teams_on_version.is_empty()).then(|| view! {
                <h3 class="heading-s">"Teams on this version"</h3>
                <ul class="list list--bullet">
                    {page.teams_on_version.into_iter().map(|team| {
                        let (team_id, team_name) = (team.team_id, team.team_name.clone());
                        view! {
                        <li>
                            <A href=format!("/teams/{team_id}")>{team_name}</A>
                            {if team.unmatched.is_empty() {
                                view! { <span>": every member's role level is in this version."</span> }.into_any()
                            } else {
                                view! {
                                    <span>": these role levels have no match in this version and were left as they were:"</span>
                                    <UnmatchedList team=team.clone()/>
                                }.into_any()
                            }}
                        </li>
                    }}).collect_view()}
                </ul>
            })}
        </section>
    }
}

#[component]
fn MoveSummary(team: TeamMoveData) -> impl IntoView {
    let unmatched = !team.unmatched.is_empty();
    view! {
        <p class="body">{format!(
            "{}. {} (current and target) will move to this version{}.",
            count(team.members, "member", "members"),
            count(team.mapped, "role level", "role levels"),
            match team.already {
                0 => String::new(),
                1 => "; 1 is in it already".to_string(),
                n => format!("; {n} are in it already"),
            }
        )}</p>
        {unmatched.then(|| view! {
            <p class="warning-text">"These role levels have no match in this version and will be left as they are:"</p>
            <UnmatchedList team=team.clone()/>
        })}
        {(!team.shared_with.is_empty()).then(|| view! {
            <p class="body">"Also in teams on other versions (their role levels move with this team):"</p>
            <ul class="list list--bullet">{team.shared_with.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul>
        })}
    }
}

#[component]
fn UnmatchedList(team: TeamMoveData) -> impl IntoView {
    view! {
        <ul class="list list--bullet">
            {team.unmatched.into_iter().map(|u| view! {
                <li>{format!(
                    "{}: {}{} – {} ({})",
                    u.person_name,
                    if u.target { "target " } else { "" },
                    u.role,
                    u.level,
                    u.version_name
                )}</li>
            }).collect_view()}
        </ul>
    }
}

// ---------------------------------------------------------------------------------------------
// Every report entry

fn severity_tag(severity: Severity) -> (&'static str, &'static str) {
    match severity {
        Severity::Info => ("Note", "tag tag--grey"),
        Severity::Warning => ("Warning", "tag tag--warning"),
        Severity::Error => ("Error", "tag tag--red"),
    }
}

fn entry_place(entry: &ReportEntry) -> String {
    let place = entry.location();
    let place = if place.is_empty() { "Whole import".to_string() } else { place };
    match &entry.field {
        Some(field) => format!("{place}, \"{field}\""),
        None => place,
    }
}

#[component]
fn ReportTable(
    report: ValidationReport,
    title: &'static str,
    id: &'static str,
    /// Shown folded, behind a summary line.
    #[prop(optional)]
    folded: bool,
) -> impl IntoView {
    let count = report.entries.len();
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <section aria-labelledby=labelled_by id=id>
            <h2 class="heading-m" id=title_id>{title}</h2>
            {if count == 0 {
                view! { <p class="body">"Nothing to report: every part was read as it is."</p> }.into_any()
            } else {
                let table = view! {
                    <table class="table report-table">
                        <caption class="visually-hidden">{format!("{title}: where, severity, what, and what was done")}</caption>
                        <thead><tr>
                            <th scope="col">"Where"</th>
                            <th scope="col">"Severity"</th>
                            <th scope="col">"What"</th>
                            <th scope="col">"What was done"</th>
                        </tr></thead>
                        <tbody>
                            {report.entries.into_iter().map(|e| {
                                let (label, class) = severity_tag(e.severity);
                                view! {
                                    <tr>
                                        <td>{entry_place(&e)}</td>
                                        <td><span class=class>{label}</span></td>
                                        <td class="pre-line">{e.message.clone()}</td>
                                        <td>{e.action.clone()}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                };
                view! {
                    <p class="body">{format!(
                        "{count} entries: {} notes, {} warnings, {} errors. Notes are known quirks handled as documented; warnings are worth checking.",
                        report.summary.info, report.summary.warnings, report.summary.errors
                    )}</p>
                    {if folded {
                        view! {
                            <details class="details">
                                <summary class="details__summary">{format!("Show the {count} entries")}</summary>
                                {table}
                            </details>
                        }.into_any()
                    } else {
                        table.into_any()
                    }}
                }.into_any()
            }}
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// Role profiles

#[component]
fn ProfileReport(
    page: ImportReportData,
    save: ServerAction<SaveRoleProfile>,
    assign: ServerAction<AssignRoleLevel>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let profile = page.profile.clone().unwrap_or_default();
    let saved = page.status == "saved";
    let preview = page.status == "preview";
    let version = page.version.as_ref().map(|v| v.name.clone()).unwrap_or_else(|| "the framework version".into());
    view! {
        {(saved && page.role_level.is_some()).then(|| view! { <AssignSection page=page.clone() assign error/> })}
        {page.merge.clone().map(|merge| view! { <MergeSection merge version=version.clone() saved/> })}
        <ProfileView profile/>
        <ReportTable report=page.report.clone() title="What the reading noted" id="reading"/>
        {page.merge.clone().map(|merge| view! { <ReportTable report=merge.report title="What saving does, step by step" id="merge-steps" folded=true/> })}
        {(preview && page.may_import).then(|| view! {
            <h2 class="heading-m">"Save the role level"</h2>
            <p class="body">{format!("Saving adds what is listed above to {version}. You can then assign the role level to people.")}</p>
            <ActionForm action=save>
                <input type="hidden" name="import_id" value=page.id/>
                <div class="button-group">
                    <button type="submit" class="button">"Save this role level"</button>
                    <A href="/import#role-profile" attr:class="link">"Start again with another profile"</A>
                </div>
            </ActionForm>
        })}
    }
}

#[component]
fn MergeSection(merge: MergeData, version: String, saved: bool) -> impl IntoView {
    let verb = if saved { "was" } else { "will be" };
    let what = if merge.replaces {
        format!(
            "The role level \"{}\" of role \"{}\" ({}) in {version} {verb} updated: its requirements and activities {verb} replaced by the profile's.",
            merge.level, merge.role, merge.family
        )
    } else {
        format!("\"{}\" {verb} added to role \"{}\" ({}) in {version}.", merge.level, merge.role, merge.family)
    };
    view! {
        <section aria-labelledby="merge-title">
            <h2 class="heading-m" id="merge-title">{if saved { "What was saved" } else { "What saving does" }}</h2>
            <p class="body">{what}</p>
            <div class="grid-row">
                <div class="column-one-third">
                    <MergedSkills title=format!("Skills new to the version ({})", merge.new_skills.len()) skills=merge.new_skills.clone()/>
                </div>
                <div class="column-one-third">
                    <MergedSkills title=format!("Skills the version already has ({})", merge.reused_skills.len()) skills=merge.reused_skills.clone()/>
                </div>
            </div>
            <p class="body">{format!("{} training activities, development activities and qualifications.", merge.activities)}</p>
        </section>
    }
}

#[component]
fn MergedSkills(title: String, skills: Vec<MergedSkillData>) -> impl IntoView {
    view! {
        <h3 class="heading-s">{title}</h3>
        {if skills.is_empty() {
            view! { <p class="body">"None."</p> }.into_any()
        } else {
            view! {
                <ul class="list list--bullet">
                    {skills.into_iter().map(|s| view! {
                        <li>{format!("{} ({}): {}", s.name, s.kind.title(), level_text(s.scale, s.level, "expected, no level"))}</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn ProfileView(profile: ParsedRoleProfile) -> impl IntoView {
    let row = |key: &'static str, value: String| {
        view! {
            <div class="summary-list__row">
                <dt class="summary-list__key">{key}</dt>
                <dd class="summary-list__value pre-line">{if value.is_empty() { "Not given".to_string() } else { value }}</dd>
            </div>
        }
    };
    let knowledge: Vec<_> = profile.knowledge.iter().filter(|k| k.kind != SkillKind::Behavioural).cloned().collect();
    let behavioural: Vec<_> = profile.knowledge.iter().filter(|k| k.kind == SkillKind::Behavioural).cloned().collect();
    let unrecognised = profile.unrecognised.clone();
    view! {
        <section aria-labelledby="understood-title">
            <h2 class="heading-m" id="understood-title">"What was understood"</h2>
            <dl class="summary-list">
                {row("Role family", profile.family.clone().unwrap_or_default())}
                {row("Role", profile.role.clone().unwrap_or_default())}
                {row("Role level", profile.level.clone().unwrap_or_default())}
                {row("Role type", profile.role_type.clone().unwrap_or_default())}
                {row("Summary", profile.summary.clone())}
            </dl>

            <h3 class="heading-s">{format!("DDaT skills ({})", profile.ddat_skills.len())}</h3>
            {if profile.ddat_skills.is_empty() {
                view! { <p class="body">"None."</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <caption class="visually-hidden">"DDaT skills and the level the role level requires"</caption>
                        <thead><tr><th scope="col">"Skill"</th><th scope="col">"Level"</th><th scope="col">"What it means here"</th></tr></thead>
                        <tbody>
                            {profile.ddat_skills.iter().map(|s| view! {
                                <tr>
                                    <th scope="row">{s.name.clone()}{s.group.clone().map(|g| view! { <span class="hint">{format!(" ({g})")}</span> })}</th>
                                    <td class="import-level">{level_text(Scale::Ddat, s.level, "No level stated")}</td>
                                    <td class="pre-line">{s.level_description.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}

            <h3 class="heading-s">{format!("Knowledge ({})", knowledge.len())}</h3>
            {if knowledge.is_empty() {
                view! { <p class="body">"None."</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <caption class="visually-hidden">"Knowledge areas with their depth and type"</caption>
                        <thead><tr><th scope="col">"Knowledge"</th><th scope="col">"Depth"</th><th scope="col">"Type"</th><th scope="col">"Details"</th></tr></thead>
                        <tbody>
                            {knowledge.into_iter().map(|k| view! {
                                <tr>
                                    <th scope="row">{k.name.clone()}</th>
                                    <td class="import-level">{level_text(Scale::Depth, k.depth, "No depth stated")}</td>
                                    <td>{k.type_label.clone()}</td>
                                    <td>{k.details.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}

            <h3 class="heading-s">{format!("Behavioural skills ({})", behavioural.len())}</h3>
            {if behavioural.is_empty() {
                view! { <p class="body">"None."</p> }.into_any()
            } else {
                view! {
                    <ul class="list list--bullet">
                        {behavioural.into_iter().map(|k| view! { <li><strong>{k.name.clone()}</strong>{(!k.details.is_empty()).then(|| format!(": {}", k.details))}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}

            <h3 class="heading-s">{format!("SFIA skills ({})", profile.sfia_skills.len())}</h3>
            {if profile.sfia_skills.is_empty() {
                view! { <p class="body">"None."</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <caption class="visually-hidden">"SFIA skills with their code and level"</caption>
                        <thead><tr><th scope="col">"Code"</th><th scope="col">"Skill"</th><th scope="col">"Level"</th><th scope="col">"Note"</th></tr></thead>
                        <tbody>
                            {profile.sfia_skills.iter().map(|s| {
                                let mut note: Vec<String> = Vec::new();
                                if s.desirable { note.push("desirable".into()); }
                                if let Some(n) = &s.note { note.push(n.clone()); }
                                view! {
                                    <tr>
                                        <th scope="row">{s.code.clone()}</th>
                                        <td>{s.name.clone()}</td>
                                        <td class="import-level">{level_text(Scale::Sfia, s.level, "No level stated")}</td>
                                        <td>{note.join("; ")}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}

            <TitledList title="Training activities" items=profile.training.iter().map(|t| (t.title.clone(), t.details.clone())).collect()/>
            <TitledList title="Professional development activities (PDAs)" items=profile.pdas.iter().map(|t| (t.title.clone(), t.details.clone())).collect()/>

            <h3 class="heading-s">{format!("Qualifications ({})", profile.qualifications.len())}</h3>
            {if profile.qualifications.is_empty() {
                view! { <p class="body">"None."</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <caption class="visually-hidden">"Qualifications and their awarding bodies"</caption>
                        <thead><tr><th scope="col">"Qualification"</th><th scope="col">"Awarding body"</th></tr></thead>
                        <tbody>
                            {profile.qualifications.iter().map(|q| view! {
                                <tr><th scope="row">{q.title.clone()}</th><td>{q.awarding_body.clone().unwrap_or_else(|| "Not given".into())}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}

            {(!profile.background.is_empty() || !profile.work_activities.is_empty()).then(|| view! {
                <details class="details">
                    <summary class="details__summary">"Background and work activities (shown for reference, not stored)"</summary>
                    <ul class="list list--bullet">
                        {profile.background.iter().chain(profile.work_activities.iter()).map(|t| view! {
                            <li><strong>{t.title.clone()}</strong>{(!t.details.is_empty()).then(|| format!(": {}", t.details))}</li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
        </section>

        <section class="panel panel--warning not-understood" aria-labelledby="not-understood-title">
            <h2 class="heading-m" id="not-understood-title">{format!("Not understood ({} lines)", unrecognised.len())}</h2>
            {if unrecognised.is_empty() {
                view! { <p class="body">"Every line of the profile was understood."</p> }.into_any()
            } else {
                view! {
                    <p class="body">"These lines were not understood and will not be imported. Check that nothing important is among them."</p>
                    <table class="table">
                        <caption class="visually-hidden">"Lines not understood, with their line number and section"</caption>
                        <thead><tr><th scope="col" class="numeric">"Line"</th><th scope="col">"Section"</th><th scope="col">"Text"</th></tr></thead>
                        <tbody>
                            {unrecognised.into_iter().map(|l| view! {
                                <tr>
                                    <td class="numeric">{l.line}</td>
                                    <td>{l.section.unwrap_or_else(|| "Outside any section".into())}</td>
                                    <td>{l.text}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn TitledList(title: &'static str, items: Vec<(String, String)>) -> impl IntoView {
    view! {
        <h3 class="heading-s">{format!("{title} ({})", items.len())}</h3>
        {if items.is_empty() {
            view! { <p class="body">"None."</p> }.into_any()
        } else {
            view! {
                <ul class="list list--bullet">
                    {items.into_iter().map(|(t, d)| view! { <li><strong>{t}</strong>{(!d.is_empty()).then(|| format!(": {d}"))}</li> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn AssignSection(
    page: ImportReportData,
    assign: ServerAction<AssignRoleLevel>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let level = page.role_level.clone().expect("a saved role level");
    let message = field_message(error, "people".into());
    let (holders, others): (Vec<AssignPersonData>, Vec<AssignPersonData>) =
        page.people.iter().cloned().partition(|p| p.holds);
    let group_class = move || {
        if message.get().is_some() {
            "form-group form-group--error"
        } else {
            "form-group"
        }
    };
    view! {
        <section aria-labelledby="assign-title" id="assign">
            <h2 class="heading-m" id="assign-title">"Assign this role level to people"</h2>
            <p class="body">
                "The role level "<A href=format!("/framework/role-levels/{}", level.id)>{format!("{} – {}", level.role_name, level.name)}</A>
                " is saved. Choose who holds it now: it replaces their current role level. Their assessments are kept."
            </p>
            {(!holders.is_empty()).then(|| view! {
                <p class="body">{format!("Already hold it: {}.", holders.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join(", "))}</p>
            })}
            {if others.is_empty() {
                view! { <p class="body">"There is nobody else you can assign it to."</p> }.into_any()
            } else {
                view! {
                    <ActionForm action=assign>
                        <input type="hidden" name="import_id" value=page.id/>
                        <div class=group_class>
                            <fieldset class="fieldset" aria-describedby=move || message.get().map(|_| "people-error")>
                                <legend class="fieldset__legend">"Who holds this role level?"</legend>
                                {move || message.get().map(|m| view! {
                                    <p class="error-message" id="people-error"><span class="visually-hidden">"Error: "</span>{m}</p>
                                })}
                                {others.iter().enumerate().map(|(i, p)| {
                                    let id = if i == 0 { "people".to_string() } else { format!("person-{}", p.id) };
                                    let hint_id = format!("{id}-hint");
                                    let current = p.role_level.clone().map(|r| format!("Now: {r}")).unwrap_or_else(|| "No role level yet".into());
                                    view! {
                                        <div class="checkboxes__item checkboxes__item--hinted">
                                            <input class="checkboxes__input" type="checkbox" id=id.clone() name=format!("people[{}]", p.id) value="on" aria-describedby=hint_id.clone()/>
                                            <label class="label checkboxes__label" for=id>
                                                {p.name.clone()}
                                                <span class="hint checkboxes__hint" id=hint_id>{current}</span>
                                            </label>
                                        </div>
                                    }
                                }).collect_view()}
                            </fieldset>
                        </div>
                        <button type="submit" class="button">"Assign role level"</button>
                    </ActionForm>
                }.into_any()
            }}
        </section>
    }
}
