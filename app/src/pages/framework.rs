//! `/framework/...`: versions -> role families -> roles -> levels -> required skills with level
//! descriptors, and a skill -> which role levels need it at which level.

use crate::components::layout::Breadcrumbs;
use crate::components::levels::level_text;
use crate::components::page::{param_id, Loaded, PageTitle};
use crate::server_fns::framework::{
    framework_versions, role_level_page, skill_page, version_page, SkillData, VersionData, VersionSummary,
};
use leptos::prelude::*;
use leptos_router::components::A;
use skillmix::framework::browse::RoleLevelDetail;
use skillmix::framework::{ActivityKind, FrameworkVersion, SkillKind};

#[component]
pub fn VersionsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| framework_versions());
    view! {
        <Loaded resource=data render={|versions: Vec<VersionSummary>| view! {
            <PageTitle text="Capability framework"/>
            <p class="lead">"Framework versions loaded into Skillmix. Each import is kept as its own version; teams choose the one they are assessed against."</p>
            <table class="table">
                <caption class="visually-hidden">"Framework versions"</caption>
                <thead><tr>
                    <th scope="col">"Version"</th><th scope="col">"Family"</th><th scope="col">"Source"</th>
                    <th scope="col" class="numeric">"Skills"</th><th scope="col" class="numeric">"Role levels"</th><th scope="col">"Imported"</th>
                </tr></thead>
                <tbody>
                    {versions.into_iter().map(|v| view! {
                        <tr>
                            <th scope="row"><A href=format!("/framework/versions/{}", v.version.id)>{v.version.name.clone()}</A></th>
                            <td>{v.version.family.clone()}</td>
                            <td>{v.version.source.clone()}</td>
                            <td class="numeric">{v.skills}</td>
                            <td class="numeric">{v.role_levels}</td>
                            <td>{v.version.imported_at.chars().take(10).collect::<String>()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }}/>
    }
}

fn version_trail(version: &FrameworkVersion) -> Vec<(String, String)> {
    vec![
        ("Framework".into(), "/framework".into()),
        (version.name.clone(), format!("/framework/versions/{}", version.id)),
    ]
}

#[component]
pub fn VersionPage() -> impl IntoView {
    let id = param_id("id");
    let data = Resource::new(move || id.get(), |id| version_page(id.unwrap_or_default()));
    view! { <Loaded resource=data render=|page: VersionData| view! { <VersionView page/> }/> }
}

#[component]
fn VersionView(page: VersionData) -> impl IntoView {
    let skills_by_kind: Vec<(SkillKind, Vec<skillmix::Skill>)> = SkillKind::ALL
        .into_iter()
        .map(|k| (k, page.skills.iter().filter(|s| s.kind == k).cloned().collect::<Vec<_>>()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    view! {
        <Breadcrumbs trail=vec![("Framework".into(), "/framework".into())]/>
        <PageTitle text=page.version.name.clone() caption="Framework version"/>
        <h2 class="heading-m">"Roles"</h2>
        {page.families.into_iter().map(|tree| view! {
            <h3 class="heading-s">{tree.family.name.clone()}</h3>
            <ul class="list">
                {tree.roles.into_iter().map(|(role, levels)| view! {
                    <li>
                        <strong>{role.name.clone()}</strong>": "
                        {levels.into_iter().map(|l| view! {
                            <span class="comma-list"><A href=format!("/framework/role-levels/{}", l.id)>{l.name.clone()}</A></span>
                        }).collect_view()}
                    </li>
                }).collect_view()}
            </ul>
        }).collect_view()}
        <h2 class="heading-m">"Skills"</h2>
        {skills_by_kind.into_iter().map(|(kind, skills)| view! {
            <details class="details">
                <summary class="details__summary">{format!("{} ({})", kind.title(), skills.len())}</summary>
                <ul class="list">
                    {skills.into_iter().map(|s| view! {
                        <li><A href=format!("/framework/skills/{}", s.id)>{s.name.clone()}</A></li>
                    }).collect_view()}
                </ul>
            </details>
        }).collect_view()}
    }
}

#[component]
pub fn RoleLevelPage() -> impl IntoView {
    let id = param_id("id");
    let data = Resource::new(move || id.get(), |id| role_level_page(id.unwrap_or_default()));
    view! {
        <Loaded resource=data render={|(version, detail): (FrameworkVersion, RoleLevelDetail)| view! { <RoleLevelView version detail/> }}/>
    }
}

#[component]
fn RoleLevelView(version: FrameworkVersion, detail: RoleLevelDetail) -> impl IntoView {
    let current = detail.level.id;
    let groups: Vec<(SkillKind, Vec<skillmix::framework::browse::RequiredSkill>)> = SkillKind::ALL
        .into_iter()
        .map(|k| (k, detail.required.iter().filter(|r| r.skill.kind == k).cloned().collect::<Vec<_>>()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    view! {
        <Breadcrumbs trail=version_trail(&version)/>
        <PageTitle text=detail.level.name.clone() caption=format!("{} · {}", detail.reference.family_name, detail.reference.role_name)/>
        {(!detail.level.description.is_empty()).then(|| view! { <p class="lead pre-line">{detail.level.description.clone()}</p> })}
        <nav aria-label="Career path" class="career-path">
            <h2 class="heading-s">"Career path"</h2>
            <ol class="career-path__list">
                {detail.ladder.clone().into_iter().map(|l| {
                    let here = l.id == current;
                    view! {
                        <li class:career-path__current=here>
                            {if here {
                                view! { <span aria-current="page">{l.name.clone()}" (this level)"</span> }.into_any()
                            } else {
                                view! { <A href=format!("/framework/role-levels/{}", l.id)>{l.name.clone()}</A> }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </nav>
        {groups.into_iter().map(|(kind, list)| view! {
            <h2 class="heading-m">{kind.title()}</h2>
            <table class="table">
                <caption class="visually-hidden">{format!("{} required at this level", kind.title())}</caption>
                <thead><tr><th scope="col">"Skill"</th><th scope="col">"Required level"</th><th scope="col">"What it means here"</th></tr></thead>
                <tbody>
                    {list.into_iter().map(|r| {
                        let meaning = if r.requirement.description.is_empty() { r.descriptor.clone().unwrap_or_default() } else { r.requirement.description.clone() };
                        view! {
                            <tr>
                                <th scope="row"><A href=format!("/framework/skills/{}", r.skill.id)>{r.skill.name.clone()}</A></th>
                                <td>{match r.requirement.level { Some(l) => r.skill.scale.label(l), None => "Expected".into() }}</td>
                                <td class="pre-line">{meaning}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }).collect_view()}
        {ActivityKind::ALL.into_iter().map(|kind| {
            let list: Vec<_> = detail.activities.iter().filter(|a| a.kind == kind).cloned().collect();
            (!list.is_empty()).then(|| view! {
                <h2 class="heading-m">{format!("{}s", kind.title())}</h2>
                <ul class="list list--bullet">
                    {list.into_iter().map(|a| view! {
                        <li>
                            <strong>{a.title.clone()}</strong>
                            {a.awarding_body.clone().map(|b| format!(" ({b})"))}
                            {(!a.details.is_empty()).then(|| format!(": {}", a.details))}
                        </li>
                    }).collect_view()}
                </ul>
            })
        }).collect_view()}
    }
}

#[component]
pub fn SkillPage() -> impl IntoView {
    let id = param_id("id");
    let data = Resource::new(move || id.get(), |id| skill_page(id.unwrap_or_default()));
    view! { <Loaded resource=data render=|page: SkillData| view! { <SkillView page/> }/> }
}

#[component]
fn SkillView(page: SkillData) -> impl IntoView {
    let scale = page.skill.scale;
    view! {
        <Breadcrumbs trail=version_trail(&page.version)/>
        <PageTitle text=page.skill.name.clone() caption=format!("{} · {}", page.skill.kind.title(), scale.title())/>
        {(!page.skill.description.is_empty()).then(|| view! { <p class="lead pre-line">{page.skill.description.clone()}</p> })}
        {(!page.descriptors.is_empty()).then(|| view! {
            <h2 class="heading-m">"Levels"</h2>
            <dl class="summary-list">
                {page.descriptors.clone().into_iter().map(|d| view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{scale.label(d.level)}</dt>
                        <dd class="summary-list__value pre-line">{d.description}</dd>
                    </div>
                }).collect_view()}
            </dl>
        })}
        <h2 class="heading-m">"Role levels that need this skill"</h2>
        {if page.uses.is_empty() {
            view! { <p class="body">"No role level in this version requires it."</p> }.into_any()
        } else {
            view! {
                <table class="table">
                    <caption class="visually-hidden">"Role levels and the level they require"</caption>
                    <thead><tr><th scope="col">"Role level"</th><th scope="col">"Role"</th><th scope="col">"Required level"</th></tr></thead>
                    <tbody>
                        {page.uses.into_iter().map(|u| view! {
                            <tr>
                                <th scope="row"><A href=format!("/framework/role-levels/{}", u.role_level.id)>{u.role_level.name.clone()}</A></th>
                                <td>{u.role_level.role_name.clone()}</td>
                                <td>{level_text(scale, u.level, "Expected")}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}
