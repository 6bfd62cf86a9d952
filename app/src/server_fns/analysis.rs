//! Team analyses: the skill-mix heatmap, coverage with single points of failure, and team
//! dynamics (behavioural heatmap, mentoring matrix, work packages).

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use skillmix::analysis::coverage::Coverage;
use skillmix::analysis::dynamics::{Mentoring, MentoringSkill, WorkPackageFit};
use skillmix::analysis::matrix::Matrix;
use skillmix::framework::{Skill, SkillKind};
use skillmix::people::Team;
use skillmix::Id;

/// The heatmap's settings, as they travel in the page address (`?mode=gap&source=lead...`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeatmapQuery {
    pub mode: String,
    pub source: String,
    pub sort_people: String,
    pub sort_skills: String,
    /// Comma-separated skill kind codes; empty shows every kind.
    pub kinds: String,
    pub role_level: Option<Id>,
    /// The cell opened for its history: person and skill.
    pub person: Option<Id>,
    pub skill: Option<Id>,
}

impl HeatmapQuery {
    /// Reads the settings from the page's query parameters.
    pub fn from_params(params: &leptos_router::params::ParamsMap) -> HeatmapQuery {
        let text = |key: &str| params.get(key).unwrap_or_default();
        let id = |key: &str| params.get(key).and_then(|v| v.parse().ok());
        HeatmapQuery {
            mode: text("mode"),
            source: text("source"),
            sort_people: text("sort_people"),
            sort_skills: text("sort_skills"),
            kinds: params.get_all("kind").unwrap_or_default().join(","),
            role_level: id("role_level"),
            person: id("person"),
            skill: id("skill"),
        }
    }

    /// The query string for these settings, without the opened cell unless asked.
    pub fn to_query(&self, with_cell: Option<(Id, Id)>) -> String {
        let mut parts: Vec<String> = Vec::new();
        for (key, value) in [
            ("mode", &self.mode),
            ("source", &self.source),
            ("sort_people", &self.sort_people),
            ("sort_skills", &self.sort_skills),
        ] {
            if !value.is_empty() {
                parts.push(format!("{key}={value}"));
            }
        }
        for kind in self.kinds.split(',').filter(|k| !k.is_empty()) {
            parts.push(format!("kind={kind}"));
        }
        if let Some(rl) = self.role_level {
            parts.push(format!("role_level={rl}"));
        }
        if let Some((person, skill)) = with_cell {
            parts.push(format!("person={person}&skill={skill}"));
        }
        parts.join("&")
    }

    pub fn kind_codes(&self) -> Vec<&str> {
        self.kinds.split(',').filter(|k| !k.is_empty()).collect()
    }
}

/// One assessment in the history shown for an opened cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellHistory {
    pub level: u8,
    pub source: String,
    pub assessed_on: String,
    pub assessor: Option<String>,
    pub evidence: Option<String>,
}

/// An opened cell: the person's history for the skill, and whether the viewer may record a level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellDetail {
    pub person_id: Id,
    pub person_name: String,
    pub skill: Skill,
    pub required: Option<u8>,
    pub history: Vec<CellHistory>,
    /// Sources the viewer may record ("lead", "peer", "self"), empty when they may not.
    pub sources: Vec<String>,
    pub today: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeatmapData {
    pub team: Team,
    pub matrix: Matrix,
    pub role_levels: Vec<(Id, String)>,
    pub kinds: Vec<SkillKind>,
    pub detail: Option<CellDetail>,
}

#[server(endpoint = "analysis/heatmap", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_heatmap(team_id: Id, query: HeatmapQuery) -> Result<HeatmapData, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::analysis::matrix::{matrix, TeamIndex};

    let caller = crate::ssr::require(Action::Read, Resource::Team { id: team_id }).await?;
    let data = skillmix::store::team_data::load(&crate::ssr::pool(), team_id).await?;
    let options = ssr::matrix_options(&query, data.team.review_cadence_months)?;
    let index = TeamIndex::new(data.input(crate::ssr::today()));
    let matrix = matrix(&index, &options);
    let detail = match (query.person, query.skill) {
        (Some(person), Some(skill)) => ssr::cell_detail(&caller, &data, &index, person, skill).await?,
        _ => None,
    };
    Ok(HeatmapData {
        role_levels: ssr::role_levels_in_team(&data),
        kinds: SkillKind::ALL.into_iter().filter(|k| data.skills.iter().any(|s| s.kind == *k)).collect(),
        team: data.team,
        matrix,
        detail,
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoverageData {
    pub team: Team,
    pub coverage: Coverage,
    pub members: Vec<(Id, String)>,
}

#[server(endpoint = "analysis/coverage", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_coverage(team_id: Id, leaver: Option<Id>, source: String) -> Result<CoverageData, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::analysis::coverage::{coverage, CoverageOptions};
    use skillmix::analysis::matrix::TeamIndex;

    crate::ssr::require(Action::Read, Resource::Team { id: team_id }).await?;
    let data = skillmix::store::team_data::load(&crate::ssr::pool(), team_id).await?;
    let index = TeamIndex::new(data.input(crate::ssr::today()));
    let options = CoverageOptions { source: ssr::source_filter(&source)?, leaver };
    let coverage = coverage(&index, &options).map_err(|e| AppError::field("leaver", e.to_string()))?;
    Ok(CoverageData {
        members: data.people.iter().map(|p| (p.id, p.name.clone())).collect(),
        team: data.team,
        coverage,
    })
}

/// The work package a lead describes: (skill, level) pairs, from the page address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DynamicsQuery {
    pub source: String,
    pub mentor: Option<Id>,
    pub mentee: Option<Id>,
    /// "skill:level" pairs joined by commas; blank rows are left out.
    pub needs: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DynamicsData {
    pub team: Team,
    pub behavioural: Matrix,
    pub mentoring: Mentoring,
    /// Mentor name, mentee name and the skills behind the opened mentoring cell.
    pub mentoring_detail: Option<(String, String, Vec<MentoringSkill>)>,
    pub skills: Vec<Skill>,
    pub package: Option<WorkPackageFit>,
}

#[server(endpoint = "analysis/dynamics", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_dynamics(team_id: Id, query: DynamicsQuery) -> Result<DynamicsData, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::analysis::dynamics::{
        behavioural_heatmap, mentoring, mentoring_detail, rank_work_package, FitOptions,
    };
    use skillmix::analysis::matrix::{MatrixOptions, TeamIndex};

    crate::ssr::require(Action::Read, Resource::Team { id: team_id }).await?;
    let data = skillmix::store::team_data::load(&crate::ssr::pool(), team_id).await?;
    let index = TeamIndex::new(data.input(crate::ssr::today()));
    let source = ssr::source_filter(&query.source)?;
    let options = MatrixOptions {
        source,
        review_cadence_months: Some(data.team.review_cadence_months),
        ..MatrixOptions::default()
    };
    let detail = match (query.mentor, query.mentee) {
        (Some(mentor), Some(mentee)) => {
            let skills = mentoring_detail(&index, source, mentor, mentee)
                .map_err(|e| AppError::field("mentor", e.to_string()))?;
            let name = |id| index.person(id).map(|p| p.name.clone()).unwrap_or_default();
            Some((name(mentor), name(mentee), skills))
        }
        _ => None,
    };
    let needs = ssr::parse_needs(&query.needs)?;
    let package = if needs.is_empty() {
        None
    } else {
        let fit = rank_work_package(&index, &needs, &FitOptions { source, limit: Some(10) })
            .map_err(|e| AppError::field("need_skill", e.to_string()))?;
        Some(fit)
    };
    let mut skills = data.skills.clone();
    skills.sort_by_key(|s| (s.kind, s.name.to_lowercase()));
    Ok(DynamicsData {
        behavioural: behavioural_heatmap(&index, &options),
        mentoring: mentoring(&index, source),
        mentoring_detail: detail,
        skills,
        package,
        team: data.team.clone(),
    })
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::{CellDetail, CellHistory, HeatmapQuery};
    use crate::error::AppError;
    use crate::ssr::Caller;
    use skillmix::analysis::matrix::{MatrixOptions, Mode, SortKey, TeamIndex};
    use skillmix::assessment::SourceFilter;
    use skillmix::framework::SkillKind;
    use skillmix::store::team_data::TeamData;
    use skillmix::Id;

    pub fn source_filter(code: &str) -> Result<SourceFilter, AppError> {
        if code.is_empty() {
            return Ok(SourceFilter::Latest);
        }
        SourceFilter::from_code(code).ok_or_else(|| {
            AppError::field("source", format!("\"{code}\" is not a source: use latest, lead, self or peer"))
        })
    }

    /// The matrix options a query asks for, with a message naming any setting that is not known.
    pub fn matrix_options(query: &HeatmapQuery, cadence: u32) -> Result<MatrixOptions, AppError> {
        let mode = match query.mode.as_str() {
            "" => Mode::Level,
            code => Mode::from_code(code).ok_or_else(|| {
                AppError::field("mode", format!("\"{code}\" is not a mode: use level, gap or calibration"))
            })?,
        };
        let sort = |field: &str, code: &str| -> Result<SortKey, AppError> {
            match code {
                "" => Ok(SortKey::Name),
                code => SortKey::from_code(code).ok_or_else(|| {
                    AppError::field(field, format!("\"{code}\" is not a sort order: use name, total-gap or coverage"))
                }),
            }
        };
        let kinds = query
            .kind_codes()
            .into_iter()
            .map(|code| {
                SkillKind::from_code(code)
                    .ok_or_else(|| AppError::field("kind", format!("\"{code}\" is not a kind of skill")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(MatrixOptions {
            mode,
            source: source_filter(&query.source)?,
            sort_people: sort("sort_people", &query.sort_people)?,
            sort_skills: sort("sort_skills", &query.sort_skills)?,
            kinds,
            role_levels: query.role_level.into_iter().collect(),
            review_cadence_months: Some(cadence),
        })
    }

    pub fn role_levels_in_team(data: &TeamData) -> Vec<(Id, String)> {
        let mut ids: Vec<Id> = data.people.iter().filter_map(|p| p.role_level_id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
            .map(|id| {
                (id, data.role_level(Some(id)).map(|r| r.name.clone()).unwrap_or_else(|| format!("Role level {id}")))
            })
            .collect()
    }

    /// The history of one person for one skill, and whether the caller may record a level there.
    pub async fn cell_detail(
        caller: &Caller,
        data: &TeamData,
        index: &TeamIndex<'_>,
        person_id: Id,
        skill_id: Id,
    ) -> Result<Option<CellDetail>, AppError> {
        let (Some(person), Some(skill)) = (index.person(person_id), index.skill(skill_id)) else {
            return Ok(None);
        };
        let names: std::collections::HashMap<Id, &str> = data.people.iter().map(|p| (p.id, p.name.as_str())).collect();
        let history = index
            .history
            .of(person_id, skill_id)
            .iter()
            .rev()
            .map(|a| CellHistory {
                level: a.level,
                source: a.source.title().to_string(),
                assessed_on: a.assessed_on.to_string(),
                assessor: a.assessor_id.and_then(|id| names.get(&id).map(|n| n.to_string())),
                evidence: a.evidence.clone(),
            })
            .collect();
        let team_ids = skillmix::store::people::team_ids_of_person(&crate::ssr::pool(), person_id).await?;
        let sources = skillmix::access::allowed_sources(&caller.viewer, person_id, &team_ids)
            .into_iter()
            .map(|s| s.code().to_string())
            .collect();
        Ok(Some(CellDetail {
            person_id,
            person_name: person.name.clone(),
            required: index.requirements.for_person(person, skill_id),
            skill: skill.clone(),
            history,
            sources,
            today: crate::ssr::today().to_string(),
        }))
    }

    /// "12:3,15:2" -> [(12, 3), (15, 2)], naming the pair that is not understood.
    pub fn parse_needs(text: &str) -> Result<Vec<(Id, u8)>, AppError> {
        text.split(',')
            .filter(|p| !p.trim().is_empty())
            .enumerate()
            .map(|(i, pair)| {
                let (skill, level) = pair.split_once(':').unwrap_or((pair, ""));
                match (skill.trim().parse(), level.trim().parse()) {
                    (Ok(skill), Ok(level)) => Ok((skill, level)),
                    _ => Err(AppError::field("need_skill", format!("Need {}: choose a skill and a level", i + 1))),
                }
            })
            .collect()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn needs_parse_and_name_bad_rows() {
            assert_eq!(parse_needs("12:3, 15:2").unwrap(), vec![(12, 3), (15, 2)]);
            assert_eq!(parse_needs("").unwrap(), vec![]);
            let err = parse_needs("12:3,x:2").unwrap_err();
            assert_eq!(err.field_errors().unwrap().for_field("need_skill"), Some("Need 2: choose a skill and a level"));
        }

        #[test]
        fn unknown_settings_are_named() {
            let query = HeatmapQuery { mode: "colour".into(), ..Default::default() };
            let err = matrix_options(&query, 6).unwrap_err();
            assert!(err.field_errors().unwrap().for_field("mode").unwrap().contains("\"colour\" is not a mode"));
            let query = HeatmapQuery { mode: "gap".into(), kinds: "ddat,sfia".into(), ..Default::default() };
            let options = matrix_options(&query, 6).unwrap();
            assert_eq!(options.mode, Mode::Gap);
            assert_eq!(options.kinds, vec![SkillKind::Ddat, SkillKind::Sfia]);
        }
    }
}
