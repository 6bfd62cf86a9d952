//! The capability picture for senior staff: teams × skills and role families × skills with the
//! organisation's totals, the trend against the previous assessment round, the risks, and the
//! development under way. Small groups are always suppressed here, whoever is looking: this is
//! the view that is shown to senior staff.
//!
//! Suppression is planned once per index, across every view (each role-family filter, each
//! comparison date): see [`skillmix::analysis::suppression::plan_disclosure`]. So comparisons
//! are only with the end of an assessment round in which at least `k` people were assessed
//! (a day-by-day comparison would single out one person's change), and only those rounds are
//! listed.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use skillmix::analysis::rounds::Round;
use skillmix::analysis::suppression::SeniorRollup;
use skillmix::framework::FrameworkVersion;
use skillmix::Id;

/// The roll-up's settings, as they travel in the page address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgQuery {
    pub version: Option<Id>,
    pub family: Option<Id>,
    /// "YYYY-MM-DD", the last day of a listed assessment round: compare with it instead of the
    /// previous round.
    pub compare: String,
}

impl OrgQuery {
    pub fn from_params(params: &leptos_router::params::ParamsMap) -> OrgQuery {
        OrgQuery {
            version: params.get("version").and_then(|v| v.parse().ok()),
            family: params.get("family").and_then(|v| v.parse().ok()),
            compare: params.get("compare").unwrap_or_default(),
        }
    }

    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(v) = self.version {
            parts.push(format!("version={v}"));
        }
        if let Some(f) = self.family {
            parts.push(format!("family={f}"));
        }
        if !self.compare.is_empty() {
            parts.push(format!("compare={}", self.compare));
        }
        parts.join("&")
    }
}

/// Skill names for the risk lists (the roll-up refers to skills by id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgData {
    pub versions: Vec<FrameworkVersion>,
    pub version_id: Option<Id>,
    pub families: Vec<(Id, String)>,
    pub rounds: Vec<Round>,
    pub rollup: Option<SeniorRollup>,
    pub skill_names: Vec<(Id, String)>,
    pub min_group: u32,
}

impl OrgData {
    pub fn skill_name(&self, id: Id) -> String {
        self.skill_names.iter().find(|(s, _)| *s == id).map(|(_, n)| n.clone()).unwrap_or_else(|| format!("Skill {id}"))
    }
}

#[server(endpoint = "org/rollup", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_org(query: OrgQuery) -> Result<OrgData, AppError> {
    use skillmix::access::{Action, Resource};

    crate::ssr::require(Action::Read, Resource::Organisation).await?;
    ssr::org_data(&crate::ssr::state(), &query).await
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::{OrgData, OrgQuery};
    use crate::error::AppError;
    use crate::ssr::AppState;
    use skillmix::analysis::rollup::{OrgIndex, RollupOptions};
    use skillmix::analysis::rounds::{previous_round_end, Round};
    use skillmix::analysis::suppression::{
        plan_disclosure, senior_rollup as publish, DisclosurePlan, MinGroup, SeniorRollup,
    };
    use skillmix::store::{framework, org};
    use skillmix::Id;
    use std::sync::Arc;

    /// What a cached index was built from: version, day and the data's fingerprint.
    type CacheKey = (Id, chrono::NaiveDate, (i64, i64));

    /// A roll-up index with the rounds that may be shown (at least `k` people assessed), the
    /// skill names found while building it, and the suppression plan for every view of it.
    pub type BuiltIndex = Arc<(OrgIndex, Vec<Round>, Vec<(Id, String)>, DisclosurePlan)>;

    /// A built roll-up index, reused until the data it was built from changes.
    #[derive(Default)]
    pub struct OrgCache {
        key: Option<CacheKey>,
        index: Option<BuiltIndex>,
    }

    /// The index for a version, from the cache when nothing has changed since it was built.
    pub async fn index_for(state: &AppState, version_id: Id) -> Result<BuiltIndex, AppError> {
        let today = crate::ssr::today();
        let fingerprint = org::fingerprint(&state.pool).await?;
        let key = (version_id, today, fingerprint);
        let mut cache = state.org_cache.lock().await;
        if cache.key == Some(key) {
            if let Some(index) = &cache.index {
                return Ok(index.clone());
            }
        }
        let data = org::load(&state.pool, version_id).await?;
        let k = MinGroup::new(state.config.min_group_size);
        let rounds = data.published_rounds(k.get());
        let names = data.skills.iter().map(|s| (s.id, s.name.clone())).collect();
        let ends: Vec<chrono::NaiveDate> = rounds.iter().map(|r| r.last).collect();
        let (built, plan) = tokio::task::spawn_blocking(move || {
            let index = OrgIndex::new(&data.input(today));
            let plan = plan_disclosure(&index.disclosure_tables(&ends), k);
            (index, plan)
        })
        .await
        .map_err(|e| AppError::internal(&e))?;
        let entry = Arc::new((built, rounds, names, plan));
        cache.key = Some(key);
        cache.index = Some(entry.clone());
        Ok(entry)
    }

    /// The suppressed roll-up the page and the exports show.
    pub async fn senior_rollup(
        state: &AppState,
        version_id: Id,
        query: &OrgQuery,
    ) -> Result<(SeniorRollup, Vec<Round>, Vec<(Id, String)>), AppError> {
        let entry = index_for(state, version_id).await?;
        let (index, rounds, names, plan) = &*entry;
        let earlier = comparison(rounds, &query.compare)?;
        let options = RollupOptions { earlier, families: query.family.map(|f| vec![f]), ..RollupOptions::default() };
        let rollup = index.rollup(&options);
        let senior = publish(&rollup, plan, MinGroup::new(state.config.min_group_size));
        Ok((senior, rounds.clone(), names.clone()))
    }

    /// The day to compare with: blank for the previous round's end, else the end of a listed
    /// round; any other day is refused (day-by-day comparisons would single out one change).
    pub fn comparison(rounds: &[Round], compare: &str) -> Result<Option<chrono::NaiveDate>, AppError> {
        let compare = compare.trim();
        if compare.is_empty() {
            return Ok(previous_round_end(rounds));
        }
        let ends: Vec<String> = rounds.iter().map(|r| r.last.to_string()).collect();
        match compare.parse::<chrono::NaiveDate>() {
            Ok(day) if rounds.iter().any(|r| r.last == day) => Ok(Some(day)),
            _ if ends.is_empty() => Err(AppError::field(
                "compare",
                "There is no assessment round to compare with yet: leave the comparison blank",
            )),
            _ => Err(AppError::field(
                "compare",
                format!("Choose the end of an assessment round to compare with: {}", ends.join(", ")),
            )),
        }
    }

    pub async fn org_data(state: &AppState, query: &OrgQuery) -> Result<OrgData, AppError> {
        let versions = framework::list_versions(&state.pool).await?;
        let team_counts: Vec<(Id, i64)> =
            sqlx::query_as("SELECT framework_version_id, COUNT(*) FROM teams GROUP BY framework_version_id")
                .fetch_all(&state.pool)
                .await
                .map_err(|e| AppError::internal(&e))?;
        let version_id = query.version.or_else(|| busiest_version(&versions, &team_counts));
        let Some(version_id) = version_id else {
            return Ok(OrgData {
                versions,
                version_id: None,
                families: vec![],
                rounds: vec![],
                rollup: None,
                skill_names: vec![],
                min_group: state.config.min_group_size,
            });
        };
        let families: Vec<(Id, String)> =
            sqlx::query_as("SELECT id, name FROM role_families WHERE version_id = ? ORDER BY name")
                .bind(version_id)
                .fetch_all(&state.pool)
                .await
                .map_err(|e| AppError::internal(&e))?;
        let (rollup, rounds, skill_names) = senior_rollup(state, version_id, query).await?;
        Ok(OrgData {
            versions,
            version_id: Some(version_id),
            families,
            rounds,
            rollup: Some(rollup),
            skill_names,
            min_group: MinGroup::new(state.config.min_group_size).get(),
        })
    }

    /// The version most teams use (the newest on a tie): what the organisation is assessed against.
    pub fn busiest_version(
        versions: &[skillmix::framework::FrameworkVersion],
        team_counts: &[(Id, i64)],
    ) -> Option<Id> {
        let count = |id: Id| team_counts.iter().find(|(v, _)| *v == id).map(|(_, n)| *n).unwrap_or(0);
        versions.iter().max_by_key(|v| (count(v.id), v.id)).map(|v| v.id)
    }
}
