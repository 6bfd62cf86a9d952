//! The framework browser: versions -> role families -> roles -> levels -> required skills with
//! level descriptors, and a skill -> which role levels need it at which level.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use skillmix::framework::browse::{FamilyTree, RoleLevelDetail, SkillUse};
use skillmix::framework::doc::DescriptorDoc;
use skillmix::framework::{FrameworkVersion, Skill};
use skillmix::Id;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionSummary {
    pub version: FrameworkVersion,
    pub skills: usize,
    pub role_levels: usize,
}

#[server(endpoint = "framework/versions", input = leptos::server_fn::codec::GetUrl)]
pub async fn framework_versions() -> Result<Vec<VersionSummary>, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::framework;

    crate::ssr::require(Action::Read, Resource::Framework).await?;
    let pool = crate::ssr::pool();
    let mut out = Vec::new();
    for version in framework::list_versions(&pool).await?.into_iter().rev() {
        out.push(VersionSummary {
            skills: framework::skills_of_version(&pool, version.id).await?.len(),
            role_levels: framework::role_levels_of_version(&pool, version.id).await?.len(),
            version,
        });
    }
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionData {
    pub version: FrameworkVersion,
    pub families: Vec<FamilyTree>,
    pub skills: Vec<Skill>,
}

#[server(endpoint = "framework/version", input = leptos::server_fn::codec::GetUrl)]
pub async fn version_page(id: Id) -> Result<VersionData, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::framework;

    crate::ssr::require(Action::Read, Resource::Framework).await?;
    let pool = crate::ssr::pool();
    Ok(VersionData {
        version: framework::get_version(&pool, id).await?,
        families: framework::family_trees(&pool, id).await?,
        skills: framework::skills_of_version(&pool, id).await?,
    })
}

#[server(endpoint = "framework/role-level", input = leptos::server_fn::codec::GetUrl)]
pub async fn role_level_page(id: Id) -> Result<(FrameworkVersion, RoleLevelDetail), AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::framework;

    crate::ssr::require(Action::Read, Resource::Framework).await?;
    let pool = crate::ssr::pool();
    let detail = framework::role_level_detail(&pool, id).await?;
    Ok((framework::get_version(&pool, detail.reference.version_id).await?, detail))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillData {
    pub version: FrameworkVersion,
    pub skill: Skill,
    pub descriptors: Vec<DescriptorDoc>,
    pub uses: Vec<SkillUse>,
}

#[server(endpoint = "framework/skill", input = leptos::server_fn::codec::GetUrl)]
pub async fn skill_page(id: Id) -> Result<SkillData, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::framework;

    crate::ssr::require(Action::Read, Resource::Framework).await?;
    let pool = crate::ssr::pool();
    let skill = framework::get_skill(&pool, id).await?;
    Ok(SkillData {
        version: framework::get_version(&pool, skill.version_id).await?,
        descriptors: framework::descriptors(&pool, id).await?,
        uses: framework::skill_uses(&pool, id).await?,
        skill,
    })
}
