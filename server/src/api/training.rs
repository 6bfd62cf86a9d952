//! `GET /api/v1/teams/{id}/training-needs.{json,csv}?source=latest|lead|self|peer&target=yes`:
//! a team's training-needs analysis for integrations (JSON: every need with its priority
//! factors, the groups by skill and level, who is due for review, with person and skill names)
//! and spreadsheets (RFC 4180 CSV, one row per need, formula cells neutralised as in the heatmap
//! export). Both need Export on the team and are written to the audit log.

use super::heatmap::download;
use super::{ApiCaller, ApiPath, ApiQuery, ApiResult, AppStateRef};
use app::server_fns::training::ssr::{analyse, Analysis};
use app::server_fns::training::TnaQuery;
use axum::response::Response;
use axum::Json;
use serde::{Deserialize, Serialize};
use skillmix::access::{Action, Resource};
use skillmix::analysis::training::{Need, NeedBasis, NeedGroup, ReviewDue};
use skillmix::development::weight_text;
use skillmix::scale::Scale;
use skillmix::Id;
use utoipa::{IntoParams, ToSchema};

/// The settings of an export: the same as the page's.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TnaExportQuery {
    /// Which assessments count (default latest).
    #[serde(default)]
    #[param(value_type = Option<super::heatmap::SourceCode>)]
    source: String,
    /// "yes": measure people against their target role level too (career paths).
    #[serde(default)]
    #[param(value_type = Option<String>)]
    target: String,
}

async fn build(
    state: &app::ssr::AppState,
    caller: &ApiCaller,
    id: Id,
    query: TnaExportQuery,
    what: &str,
) -> ApiResult<Analysis> {
    caller.require(state, Action::Export, Resource::Team { id }).await?;
    let settings = TnaQuery { source: query.source, target: query.target, ..TnaQuery::default() };
    let analysis = analyse(&state.pool, id, &settings, app::ssr::today()).await?;
    let _ = skillmix::store::audit::record(
        &state.pool,
        &caller.0.actor(),
        &format!("export.training-needs.{what}"),
        Some(&format!("team:{id}")),
        skillmix::store::audit::Outcome::Ok,
        None,
    )
    .await;
    Ok(analysis)
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = TrainingNeedsTeam)]
pub struct TeamRef {
    pub id: Id,
    pub name: String,
    pub review_cadence_months: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NamedNeed {
    /// 1 for the highest priority.
    pub rank: usize,
    pub person: String,
    pub skill: String,
    pub skill_code: String,
    #[serde(flatten)]
    pub need: Need,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NamedGroup {
    pub skill: String,
    /// The people's names, in the order of `people`.
    pub people_names: Vec<String>,
    #[serde(flatten)]
    pub group: NeedGroup,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NamedReview {
    pub person: String,
    pub stale_skills: Vec<String>,
    pub unassessed_skills: Vec<String>,
    #[serde(flatten)]
    pub review: ReviewDue,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = TrainingNeedsSkill)]
pub struct SkillRef {
    pub id: Id,
    pub code: String,
    pub name: String,
    pub scale: Scale,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = TrainingNeedsPerson)]
pub struct PersonRef {
    pub id: Id,
    pub name: String,
}

/// The JSON export: the analysis with names.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrainingNeedsExport {
    pub team: TeamRef,
    /// The day ages and staleness were measured on.
    pub as_of: chrono::NaiveDate,
    /// Which assessments counted: latest, lead, self or peer.
    pub source: String,
    pub include_target: bool,
    pub formula: String,
    /// The lead's importance weights by skill id; other skills use the default.
    pub weights: std::collections::BTreeMap<Id, f64>,
    /// Highest priority first.
    pub needs: Vec<NamedNeed>,
    pub groups: Vec<NamedGroup>,
    pub due_for_review: Vec<NamedReview>,
    pub skills: Vec<SkillRef>,
    pub people: Vec<PersonRef>,
}

fn export(a: &Analysis) -> TrainingNeedsExport {
    let person = |id: Id| a.person_name(id);
    let skill = |id: Id| a.skill_name(id);
    let mut skill_ids: Vec<Id> = a.tna.needs.iter().map(|n| n.skill_id).collect();
    for review in &a.tna.due_for_review {
        skill_ids.extend(review.stale_skill_ids.iter().chain(&review.unassessed_skill_ids));
    }
    skill_ids.sort_unstable();
    skill_ids.dedup();
    TrainingNeedsExport {
        team: TeamRef {
            id: a.data.team.id,
            name: a.data.team.name.clone(),
            review_cadence_months: a.data.team.review_cadence_months,
        },
        as_of: a.today,
        source: a.options.filter.code().to_string(),
        include_target: a.options.include_target,
        formula: a.tna.formula.clone(),
        weights: a.weights.clone(),
        needs: a
            .tna
            .needs
            .iter()
            .enumerate()
            .map(|(i, n)| NamedNeed {
                rank: i + 1,
                person: person(n.person_id),
                skill: skill(n.skill_id),
                skill_code: a.skill(n.skill_id).map(|s| s.code.clone()).unwrap_or_default(),
                need: n.clone(),
            })
            .collect(),
        groups: a
            .tna
            .groups
            .iter()
            .map(|g| NamedGroup {
                skill: skill(g.skill_id),
                people_names: g.people.iter().map(|&p| person(p)).collect(),
                group: g.clone(),
            })
            .collect(),
        due_for_review: a
            .tna
            .due_for_review
            .iter()
            .map(|r| NamedReview {
                person: person(r.person_id),
                stale_skills: r.stale_skill_ids.iter().map(|&s| skill(s)).collect(),
                unassessed_skills: r.unassessed_skill_ids.iter().map(|&s| skill(s)).collect(),
                review: r.clone(),
            })
            .collect(),
        skills: skill_ids
            .into_iter()
            .filter_map(|id| a.skill(id))
            .map(|s| SkillRef { id: s.id, code: s.code.clone(), name: s.name.clone(), scale: s.scale })
            .collect(),
        people: a.data.people.iter().map(|p| PersonRef { id: p.id, name: p.name.clone() }).collect(),
    }
}

/// The team's training-needs analysis: every need with its priority and factors, needs grouped
/// by skill and level, who is due for review, with names. Needs Export on the team.
#[utoipa::path(get, path = "/teams/{id}/training-needs.json", params(("id" = Id, Path, example = 1, description = "The team's id"), TnaExportQuery),
    responses((status = 200, description = "The analysis", body = TrainingNeedsExport)))]
pub async fn json(
    state: AppStateRef,
    caller: ApiCaller,
    ApiPath(id): ApiPath<Id>,
    ApiQuery(query): ApiQuery<TnaExportQuery>,
) -> ApiResult<Json<TrainingNeedsExport>> {
    let analysis = build(&state, &caller, id, query, "json").await?;
    Ok(Json(export(&analysis)))
}

/// The training needs as RFC 4180 CSV: one row per need with person, skill, levels, gap,
/// priority, each factor, evidence date and staleness; formula cells neutralised. A file
/// download.
#[utoipa::path(get, path = "/teams/{id}/training-needs.csv", params(("id" = Id, Path, example = 1, description = "The team's id"), TnaExportQuery),
    responses((status = 200, description = "The needs as CSV", content_type = "text/csv; charset=utf-8", body = String)))]
pub async fn csv(
    state: AppStateRef,
    caller: ApiCaller,
    ApiPath(id): ApiPath<Id>,
    ApiQuery(query): ApiQuery<TnaExportQuery>,
) -> ApiResult<Response> {
    let analysis = build(&state, &caller, id, query, "csv").await?;
    let body = needs_csv(
        &analysis.tna.needs,
        analysis.options.cadence_months,
        |p| analysis.person_name(p),
        // The skill as the JSON and the page name it: SFIA skills with their code, so that a DDaT
        // and an SFIA skill of the same name stay apart in the spreadsheet.
        |s| (analysis.skill_name(s), analysis.skill(s).map(|s| s.scale).unwrap_or(Scale::Ddat)),
    );
    Ok(download(body.into_bytes(), "text/csv; charset=utf-8", &file_name(&analysis.data.team.name, "csv")))
}

/// The column headings of the CSV export.
pub const CSV_HEADER: [&str; 17] = [
    "Person",
    "Skill",
    "Current level",
    "Required level",
    "Gap",
    "Standing",
    "Measured against",
    "Priority",
    "Gap factor",
    "Importance",
    "People at the level",
    "Scarcity",
    "Evidence age (days)",
    "Evidence factor",
    "Evidence date",
    "Stale",
    "Scale",
];

/// One row per need, highest priority first: levels as numbers ("" when not assessed), the
/// priority and every factor, the evidence date and whether it is older than the cadence. Every
/// cell is neutralised for spreadsheets.
pub fn needs_csv(
    needs: &[Need],
    cadence_months: u32,
    person: impl Fn(Id) -> String,
    skill: impl Fn(Id) -> (String, Scale),
) -> String {
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(needs.len() + 1);
    rows.push(CSV_HEADER.iter().map(|h| h.to_string()).collect());
    let number = |v: f64| format!("{v:.2}");
    for n in needs {
        let (skill_name, scale) = skill(n.skill_id);
        let f = &n.factors;
        rows.push(vec![
            person(n.person_id),
            skill_name,
            n.current.map(|l| l.to_string()).unwrap_or_default(),
            n.required.to_string(),
            n.gap.map(|g| g.to_string()).unwrap_or_default(),
            n.band.title().to_string(),
            match n.basis {
                NeedBasis::CurrentRole => "Current role level".to_string(),
                NeedBasis::TargetRole => "Target role level".to_string(),
            },
            number(n.priority),
            weight_text(f.gap),
            weight_text(f.importance),
            f.holders.to_string(),
            number(f.scarcity),
            f.evidence_age_days.map(|d| d.to_string()).unwrap_or_default(),
            number(f.evidence),
            n.assessed_on.map(|d| d.to_string()).unwrap_or_default(),
            if n.stale { format!("Yes (over {cadence_months} months)") } else { "No".to_string() },
            scale.title().to_string(),
        ]);
    }
    skillmix::csv_safe::write_csv(rows)
}

pub fn file_name(team: &str, extension: &str) -> String {
    let slug = skillmix::framework::slug(team);
    format!("{}-training-needs.{extension}", if slug.is_empty() { "team".into() } else { slug })
}

#[cfg(test)]
mod tests {
    use super::*;
    use skillmix::analysis::training::PriorityFactors;
    use skillmix::analysis::GapBand;

    fn need(person_id: Id, current: Option<u8>, stale: bool) -> Need {
        Need {
            person_id,
            skill_id: 10,
            basis: NeedBasis::CurrentRole,
            role_level_id: 1,
            current,
            required: 3,
            gap: current.map(|c| 3 - i16::from(c)),
            band: if current.is_some() { GapBand::BelowOne } else { GapBand::NotAssessed },
            assessed_on: current.map(|_| "2025-10-01".parse().unwrap()),
            stale,
            factors: PriorityFactors {
                gap: 1.0,
                importance: 2.0,
                holders: 1,
                scarcity: 1.5,
                evidence_age_days: current.map(|_| 272),
                evidence: 2.49,
            },
            priority: 7.47,
        }
    }

    #[test]
    fn csv_has_one_row_per_need_with_factors_and_neutralised_cells() {
        let names = |id: Id| {
            if id == 1 {
                "=HYPERLINK(\"x\")".to_string()
            } else {
                "Bo Lind".to_string()
            }
        };
        let csv = needs_csv(&[need(1, Some(2), true), need(2, None, false)], 6, names, |_| {
            ("Systems design".into(), Scale::Ddat)
        });
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("Person,Skill,Current level,Required level,Gap,Standing"));
        assert_eq!(
            lines[1],
            "\"'=HYPERLINK(\"\"x\"\")\",Systems design,2,3,1,Below by 1,Current role level,7.47,1,2,1,1.50,272,2.49,2025-10-01,Yes (over 6 months),DDaT skill level"
        );
        assert_eq!(
            lines[2],
            "Bo Lind,Systems design,,3,,Not assessed,Current role level,7.47,1,2,1,1.50,,2.49,,No,DDaT skill level"
        );
        assert_eq!(file_name("Platform engineering", "csv"), "platform-engineering-training-needs.csv");
    }
}
