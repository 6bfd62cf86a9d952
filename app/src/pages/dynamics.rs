//! `/teams/{id}/dynamics`: the behavioural-skills heatmap, the mentoring matrix (who could help
//! whom, with the skills on demand) and work packages ranked by fit.

use crate::components::forms::{options, Choice, ErrorSummary};
use crate::components::heatmap::{HeatCell, HeatmapTable};
use crate::components::layout::Breadcrumbs;
use crate::components::page::{param_id, Loaded, PageTitle};
use crate::error::AppError;
use crate::server_fns::analysis::{load_dynamics, DynamicsData, DynamicsQuery};
use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;
use skillmix::analysis::dynamics::{Candidate, Mentoring, Stretch, WorkPackageFit};
use skillmix::framework::Skill;

/// How many need rows the work-package form offers.
const NEED_ROWS: usize = 5;

#[component]
pub fn DynamicsPage() -> impl IntoView {
    let id = param_id("id");
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let p = params.read();
        let skills = p.get_all("need_skill").unwrap_or_default();
        let levels = p.get_all("need_level").unwrap_or_default();
        let needs = skills
            .iter()
            .zip(levels.iter())
            .filter(|(s, l)| !s.is_empty() || !l.is_empty())
            .map(|(s, l)| format!("{s}:{l}"))
            .collect::<Vec<_>>()
            .join(",");
        DynamicsQuery {
            source: p.get("source").unwrap_or_default(),
            mentor: p.get("mentor").and_then(|v| v.parse().ok()),
            mentee: p.get("mentee").and_then(|v| v.parse().ok()),
            needs,
        }
    });
    let data = Resource::new(move || (id.get(), query.get()), |(id, query)| load_page(id.unwrap_or_default(), query));
    view! {
        <Loaded resource=data render=move |(data, package_error): (DynamicsData, Option<AppError>)| view! { <DynamicsView data package_error/> }/>
    }
}

/// The page's data. A work package the form describes badly (a need without a level, a level
/// off the skill's scale) is shown as an error beside the form, with the rest of the page,
/// rather than in place of the whole page.
async fn load_page(id: skillmix::Id, query: DynamicsQuery) -> Result<(DynamicsData, Option<AppError>), AppError> {
    match load_dynamics(id, query.clone()).await {
        Err(error @ AppError::Validation(_)) if !query.needs.is_empty() => {
            let data = load_dynamics(id, DynamicsQuery { needs: String::new(), ..query }).await?;
            Ok((data, Some(error)))
        }
        other => other.map(|data| (data, None)),
    }
}

#[component]
fn DynamicsView(data: DynamicsData, package_error: Option<AppError>) -> impl IntoView {
    let team = data.team.clone();
    let base = format!("/teams/{}/dynamics", team.id);
    view! {
        <Breadcrumbs trail=vec![("Dashboard".into(), "/".into()), (team.name.clone(), format!("/teams/{}", team.id))]/>
        <PageTitle text=format!("Team dynamics: {}", team.name)/>
        <h2 class="heading-m">"Behavioural skills"</h2>
        <HeatmapTable matrix=data.behavioural.clone() caption="Behavioural skills: current level"/>
        <h2 class="heading-m" id="mentoring">"Who could mentor whom"</h2>
        <p class="body">
            "Each number counts the skills where the person in the row is at Practitioner or above (and at least at the level needed) "
            "and the person in the column is below the level their role asks for. Open a number to see the skills."
        </p>
        {data.mentoring_detail.clone().map(|(mentor, mentee, skills)| view! {
            <section class="panel" id="mentoring-detail" aria-labelledby="mentoring-detail-title">
                <h3 class="heading-s" id="mentoring-detail-title">{format!("{mentor} could help {mentee} with")}</h3>
                <ul class="list list--bullet">
                    {skills.into_iter().map(|s| view! {
                        <li>{format!("{}: {} is at {}, {} is at {} and needs {}", skill_label(&data.skills, s.skill_id, &s.name), mentor, s.mentor_level, mentee, s.mentee_level, s.required)}</li>
                    }).collect_view()}
                </ul>
                <p class="body"><A href=format!("{base}#mentoring")>"Close"</A></p>
            </section>
        })}
        <MentoringTable mentoring=data.mentoring.clone() base=base.clone()/>
        <h2 class="heading-m" id="work-package">"Work packages"</h2>
        <p class="body">"Describe a package of work by the skills and levels it needs to see who fits it best, alone or in pairs, and who would be stretched."</p>
        <ErrorSummary error=Signal::stored(package_error)/>
        <WorkPackageForm skills=data.skills.clone() action=base.clone()/>
        {data.package.clone().map(|fit| view! { <WorkPackageResults fit skills=data.skills.clone()/> })}
    }
}

#[component]
fn MentoringTable(mentoring: Mentoring, base: String) -> impl IntoView {
    if mentoring.people.len() < 2 {
        return view! { <p class="body">"The team needs at least two people for a mentoring matrix."</p> }.into_any();
    }
    let people = mentoring.people.clone();
    view! {
        <div class="heatmap-scroll" tabindex="0" role="region" aria-label="Mentoring matrix">
            <table class="heatmap mentoring">
                <caption class="visually-hidden">"Mentoring matrix: rows could mentor columns"</caption>
                <thead>
                    // The only header row: it sticks at the very top (a second row's offset
                    // would push it over the first row of people and their links).
                    <tr class="heatmap__skills heatmap__skills--first">
                        <th scope="col" class="heatmap__corner">"Mentor ↓ · Mentee →"</th>
                        {people.iter().map(|p| view! { <th scope="col" class="heatmap__skill"><span>{p.name.clone()}</span></th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {mentoring.people.iter().zip(mentoring.cells.iter()).map(|(mentor, cells)| view! {
                        <tr>
                            <th scope="row" class="heatmap__person">{mentor.name.clone()}</th>
                            {cells.iter().zip(people.iter()).map(|(cell, mentee)| {
                                let href = (cell.count.unwrap_or(0) > 0).then(|| {
                                    format!("{base}?mentor={}&mentee={}#mentoring-detail", mentor.person_id, mentee.person_id)
                                });
                                view! { <HeatCell tone=cell.tone text=cell.text.clone() sentence=cell.label.clone() href/> }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn WorkPackageForm(skills: Vec<Skill>, action: String) -> impl IntoView {
    let skill_choices: Vec<Choice> =
        skills.iter().map(|s| Choice::new(s.id, s.name.clone()).in_group(s.kind.title())).collect();
    let level_choices: Vec<Choice> = (1..=7).map(|l| Choice::new(l, format!("Level {l}"))).collect();
    // The needs asked for last, so the form shows them again beside their results (or error).
    let (chosen_skills, chosen_levels) = use_query_map()
        .with_untracked(|p| (p.get_all("need_skill").unwrap_or_default(), p.get_all("need_level").unwrap_or_default()));
    let chosen = |values: &Vec<String>, row: usize| values.get(row - 1).cloned().unwrap_or_default();
    view! {
        // No "#work-package" on the action: the hydrated form appends the query to the action as
        // it is, which would put the needs inside the fragment, and nothing would be ranked.
        <Form method="GET" action=action attr:class="panel">
            // The error summary links a bad need here.
            <table class="table" id="need_skill">
                <caption class="visually-hidden">"Skills the package needs"</caption>
                <thead><tr><th scope="col">"Need"</th><th scope="col">"Skill"</th><th scope="col">"Level"</th></tr></thead>
                <tbody>
                    {(1..=NEED_ROWS).map(|row| view! {
                        <tr>
                            <th scope="row">{row}</th>
                            <td>
                                <label class="visually-hidden" for=format!("need_skill_{row}")>{format!("Skill for need {row}")}</label>
                                <select class="select" id=format!("need_skill_{row}") name="need_skill">
                                    <option value="">"None"</option>
                                    {options(skill_choices.clone(), chosen(&chosen_skills, row))}
                                </select>
                            </td>
                            <td>
                                <label class="visually-hidden" for=format!("need_level_{row}")>{format!("Level for need {row}")}</label>
                                <select class="select" id=format!("need_level_{row}") name="need_level">
                                    <option value="">"None"</option>
                                    {options(level_choices.clone(), chosen(&chosen_levels, row))}
                                </select>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <button type="submit" class="button">"Rank the team"</button>
        </Form>
    }
}

#[component]
fn WorkPackageResults(fit: WorkPackageFit, skills: Vec<Skill>) -> impl IntoView {
    let needs = fit
        .needs
        .iter()
        .map(|n| format!("{} at {}", skill_label(&skills, n.skill_id, &n.name), n.scale.label(n.level)))
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <section aria-labelledby="fit-title">
            <h3 class="heading-s" id="fit-title">{format!("Best fits for: {needs}")}</h3>
            <CandidateTable title="Individuals" candidates=fit.individuals.clone() skills=skills.clone()/>
            <CandidateTable title="Pairs that cover more together" candidates=fit.pairs.clone() skills=skills.clone()/>
        </section>
    }
}

#[component]
fn CandidateTable(title: &'static str, candidates: Vec<Candidate>, skills: Vec<Skill>) -> impl IntoView {
    if candidates.is_empty() {
        return view! { <p class="body">{format!("{title}: none.")}</p> }.into_any();
    }
    view! {
        <table class="table">
            <caption class="table__caption">{title}</caption>
            <thead><tr><th scope="col">"Who"</th><th scope="col" class="numeric">"Needs met"</th><th scope="col" class="numeric">"Levels short"</th><th scope="col">"Would be stretched on"</th></tr></thead>
            <tbody>
                {candidates.into_iter().map(|c| view! {
                    <tr>
                        <th scope="row">{c.people.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join(" and ")}</th>
                        <td class="numeric">{format!("{} of {}", c.fit.met, c.fit.needs)}</td>
                        <td class="numeric">{c.fit.shortfall}</td>
                        <td>{if c.stretches.is_empty() { "Nothing".to_string() } else {
                            c.stretches.iter().map(|s| stretch_text(s, &skills)).collect::<Vec<_>>().join("; ")
                        }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// A skill's name, with its kind when the framework has another skill of the same name (a DDaT
/// skill and an SFIA skill both called "Systems design").
fn skill_label(skills: &[Skill], id: skillmix::Id, name: &str) -> String {
    match skills.iter().find(|s| s.id == id) {
        Some(skill) if skills.iter().any(|s| s.id != id && s.name == name) => {
            format!("{name} ({})", skill.kind.title())
        }
        _ => name.to_string(),
    }
}

/// "Tomasz Nowak on Systems design, 1 level short (at 4, needs 5)".
fn stretch_text(s: &Stretch, skills: &[Skill]) -> String {
    let levels = if s.by == 1 { "level" } else { "levels" };
    let at = s.level.map(|l| format!("at {l}")).unwrap_or_else(|| "not assessed".into());
    format!(
        "{} on {}, {} {levels} short ({at}, needs {})",
        s.name,
        skill_label(skills, s.skill_id, &s.skill_name),
        s.by,
        s.needed
    )
}
