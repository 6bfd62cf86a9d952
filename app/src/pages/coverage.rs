//! `/teams/{id}/coverage`: per skill, how many meet the required level and how many are at
//! Practitioner or above; single holders (bus factor 1) and skills nobody holds are flagged; the
//! "what if this person leaves" choice recomputes everything without them.

use crate::components::forms::{options, Choice};
use crate::components::layout::Breadcrumbs;
use crate::components::page::{param_id, Loaded, PageTitle};
use crate::server_fns::analysis::{load_coverage, CoverageData};
use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;
use skillmix::analysis::coverage::SkillCoverage;

#[component]
pub fn CoveragePage() -> impl IntoView {
    let id = param_id("id");
    let params = use_query_map();
    let leaver = Memo::new(move |_| params.read().get("leaver").and_then(|v| v.parse::<skillmix::Id>().ok()));
    let source = Memo::new(move |_| params.read().get("source").unwrap_or_default());
    let data = Resource::new(
        move || (id.get(), leaver.get(), source.get()),
        |(id, leaver, source)| load_coverage(id.unwrap_or_default(), leaver, source),
    );
    view! { <Loaded resource=data render=|data: CoverageData| view! { <CoverageView data/> }/> }
}

#[component]
fn CoverageView(data: CoverageData) -> impl IntoView {
    let team = data.team.clone();
    let headline = data.coverage.headline;
    let leaver_id = data.coverage.leaver.as_ref().map(|l| l.person_id);
    let members: Vec<Choice> = data.members.iter().map(|(id, name)| Choice::new(id, name.clone())).collect();
    let (single, nobody): (Vec<&SkillCoverage>, Vec<&SkillCoverage>) = (
        data.coverage.skills.iter().filter(|s| s.single_holder).collect(),
        data.coverage.skills.iter().filter(|s| s.uncovered).collect(),
    );
    let skills = &data.coverage.skills;
    let single_names: Vec<String> = single.iter().map(|s| skill_label(skills, s.skill_id, &s.name)).collect();
    let nobody_names: Vec<String> = nobody.iter().map(|s| skill_label(skills, s.skill_id, &s.name)).collect();
    let label = |s: &skillmix::analysis::coverage::SkillRef| skill_label(skills, s.skill_id, &s.name);
    view! {
        <Breadcrumbs trail=vec![("Dashboard".into(), "/".into()), (team.name.clone(), format!("/teams/{}", team.id))]/>
        <PageTitle text=format!("Coverage: {}", team.name)/>
        <Form method="GET" action=format!("/teams/{}/coverage", team.id) attr:class="controls">
            <div class="controls__row">
                <div class="form-group">
                    <label class="label" for="leaver">"What if this person leaves?"</label>
                    <select class="select" id="leaver" name="leaver">
                        <option value="">"Nobody leaves"</option>
                        {options(members, leaver_id.map(|i| i.to_string()).unwrap_or_default())}
                    </select>
                </div>
            </div>
            <button type="submit" class="button button--secondary">"Recalculate"</button>
        </Form>
        {data.coverage.leaver.clone().map(|impact| view! {
            <div class="panel panel--warning" role="status">
                <h2 class="heading-m">{format!("Without {}", impact.name)}</h2>
                {if impact.newly_single_holder.is_empty() && impact.newly_uncovered.is_empty() {
                    view! { <p class="body">"No skill would become single-holder or uncovered."</p> }.into_any()
                } else {
                    view! {
                        <ul class="list list--bullet">
                            {impact.newly_uncovered.iter().map(|s| view! { <li><strong>{label(s)}</strong>": nobody would hold it"</li> }).collect_view()}
                            {impact.newly_single_holder.iter().map(|s| view! { <li><strong>{label(s)}</strong>": one holder would be left"</li> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <p class="hint">"The figures below are without them."</p>
            </div>
        })}
        <div class="figures">
            <Figure value=headline.people.to_string() label="people"/>
            <Figure value=format!("{} of {}", headline.required_met.met, headline.required_met.of) label="required levels met"/>
            <Figure value=headline.single_holder.to_string() label="skills with a single holder"/>
            <Figure value=headline.uncovered.to_string() label="needed skills nobody holds"/>
        </div>
        <h2 class="heading-m">"Single points of failure"</h2>
        <p class="body">
            {if single_names.is_empty() { "No needed skill depends on one person.".to_string() } else { format!("One holder only: {}.", single_names.join(", ")) }}
        </p>
        <p class="body">
            {if nobody_names.is_empty() { "Every needed skill has a holder.".to_string() } else { format!("Nobody holds: {}.", nobody_names.join(", ")) }}
        </p>
        <CoverageTable skills=data.coverage.skills.clone()/>
    }
}

/// A skill's name, with its kind when another skill in the list has the same name (a framework
/// may hold a DDaT skill and an SFIA skill both called "Systems design").
fn skill_label(skills: &[SkillCoverage], id: skillmix::Id, name: &str) -> String {
    let kind = skills.iter().find(|s| s.skill_id == id).map(|s| s.kind);
    match kind {
        Some(kind) if skills.iter().any(|s| s.skill_id != id && s.name == name) => format!("{name} ({})", kind.title()),
        _ => name.to_string(),
    }
}

/// The "Meet the required level" cell: the share when someone's role level requires a level;
/// otherwise why the skill is still on the list.
fn required_text(s: &SkillCoverage) -> String {
    if s.required.of > 0 {
        format!("{} of {}", s.required.met, s.required.of)
    } else if s.listed_by > 0 {
        "Listed without a level".to_string()
    } else if s.needed {
        // Only the leaver's role level lists it: their post stays, so it is still needed.
        "Needed by the leaver's post".to_string()
    } else {
        "Not required".to_string()
    }
}

#[component]
fn Figure(#[prop(into)] value: String, label: &'static str) -> impl IntoView {
    view! {
        <div class="figure">
            <span class="figure__value">{value}</span>
            <span class="figure__label">{label}</span>
        </div>
    }
}

#[component]
fn CoverageTable(skills: Vec<SkillCoverage>) -> impl IntoView {
    view! {
        <table class="table">
            <caption class="table__caption">"Every skill the team's role levels list or anyone is assessed on"</caption>
            <thead>
                <tr>
                    <th scope="col">"Skill"</th>
                    <th scope="col">"Kind"</th>
                    <th scope="col" class="numeric">"Meet the required level"</th>
                    <th scope="col" class="numeric">"Strong holders"</th>
                    <th scope="col">"Holders"</th>
                    <th scope="col">"Risk"</th>
                </tr>
            </thead>
            <tbody>
                {skills.into_iter().map(|s| {
                    let risk = if s.uncovered {
                        view! { <strong class="tag tag--red">"Nobody holds it"</strong> }.into_any()
                    } else if s.single_holder {
                        view! { <strong class="tag tag--warning">"Single holder"</strong> }.into_any()
                    } else {
                        view! { <span>""</span> }.into_any()
                    };
                    let strong = s.scale.label(s.strong_level);
                    let required = required_text(&s);
                    view! {
                        <tr>
                            <th scope="row"><A href=format!("/framework/skills/{}", s.skill_id)>{s.name.clone()}</A></th>
                            <td>{s.kind.title()}</td>
                            <td class="numeric">{required}</td>
                            <td class="numeric" title=format!("At {strong} or above")>{s.holders.len()}</td>
                            <td>{s.holders.iter().map(|h| format!("{} ({})", h.name, h.level)).collect::<Vec<_>>().join(", ")}</td>
                            <td>{risk}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
