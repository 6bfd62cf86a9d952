//! `/org` and `/org/present`: the capability picture for senior staff. Figures are aggregates
//! with small groups suppressed; nobody is named.

use crate::components::forms::{options, Choice};
use crate::components::page::{Loaded, PageTitle};
use crate::components::rollup::{RollupKey, RollupTable};
use crate::server_fns::org::{load_org, OrgData, OrgQuery};
use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;
use skillmix::analysis::rollup::{SkillCell, StaleFigures};
use skillmix::analysis::suppression::{Published, SeniorRollup};

#[component]
pub fn OrgPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| OrgQuery::from_params(&params.read()));
    let data = Resource::new(move || query.get(), load_org);
    view! { <Loaded resource=data render=move |data: OrgData| view! { <OrgView data query=query.get_untracked()/> }/> }
}

#[component]
fn OrgView(data: OrgData, query: OrgQuery) -> impl IntoView {
    let Some(rollup) = data.rollup.clone() else {
        return view! { <PageTitle text="Organisation capability"/><p class="body">"No framework version is loaded yet."</p> }.into_any();
    };
    let settings = query.to_query();
    let export = |ext: &str| format!("/api/v1/org/rollup.{ext}?{settings}");
    let k = data.min_group;
    view! {
        <PageTitle text="Organisation capability"/>
        <p class="lead">"Where capability is strong or thin across the organisation. Figures are for groups; groups smaller than "{k}" people are hidden so nobody can be singled out."</p>
        <OrgControls data=data.clone() query=query.clone()/>
        <p class="body"><A href=format!("/org/present?{settings}") attr:class="button">"Present this picture"</A></p>
        <Headline rollup=rollup.clone() data=data.clone()/>
        <h2 class="heading-m">"Teams"</h2>
        <RollupTable
            caption="Teams by skill: share meeting the required level"
            row_header="Team"
            columns=rollup.columns.clone()
            rows=rollup.teams.iter().map(|r| (r.label.clone(), r.cells.clone())).collect()
            totals=rollup.totals.clone()
            min_group=k
        />
        <h2 class="heading-m">"Role families"</h2>
        <RollupTable
            caption="Role families by skill: share meeting the required level"
            row_header="Role family"
            columns=rollup.columns.clone()
            rows=rollup.families.iter().map(|r| (r.label.clone(), r.cells.clone())).collect()
            totals=rollup.totals.clone()
            min_group=k
        />
        <RollupKey min_group=k trend=rollup.earlier.is_some()/>
        <Risks rollup=rollup.clone() data=data.clone()/>
        <h2 class="heading-s">"Export"</h2>
        <ul class="list list--inline">
            <li><a href=export("svg")>"Slide image (SVG)"</a></li>
            <li><a href=export("png")>"Slide image (PNG)"</a></li>
            <li><a href=export("csv")>"Spreadsheet (CSV)"</a></li>
            <li><a href=export("json")>"Data (JSON)"</a></li>
        </ul>
    }
    .into_any()
}

#[component]
fn OrgControls(data: OrgData, query: OrgQuery) -> impl IntoView {
    let versions: Vec<Choice> = data.versions.iter().rev().map(|v| Choice::new(v.id, v.name.clone())).collect();
    let families: Vec<Choice> = data.families.iter().map(|(id, name)| Choice::new(id, name.clone())).collect();
    let k = data.min_group;
    let rounds = data
        .rounds
        .iter()
        .map(|r| format!("{} to {} ({} assessments)", r.first, r.last, r.assessments))
        .collect::<Vec<_>>()
        .join("; ");
    let ends: Vec<Choice> = data
        .rounds
        .iter()
        .map(|r| Choice::new(r.last, format!("End of the round {} to {}", r.first, r.last)))
        .collect();
    view! {
        <Form method="GET" action="/org" attr:class="controls">
            <div class="controls__row">
                <div class="form-group">
                    <label class="label" for="version">"Framework version"</label>
                    <select class="select" id="version" name="version">{options(versions, data.version_id.map(|v| v.to_string()).unwrap_or_default())}</select>
                </div>
                <div class="form-group">
                    <label class="label" for="family">"Role family"</label>
                    <select class="select" id="family" name="family">
                        <option value="">"All role families"</option>
                        {options(families, query.family.map(|f| f.to_string()).unwrap_or_default())}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="compare">"Compare with"</label>
                    <div class="hint" id="compare-hint">"The end of an assessment round: comparing with any other day could single out one person's change."</div>
                    <select class="select" id="compare" name="compare" aria-describedby="compare-hint">
                        <option value="">"The previous round"</option>
                        {options(ends, query.compare.trim().to_string())}
                    </select>
                </div>
            </div>
            <button type="submit" class="button button--secondary">"Update"</button>
        </Form>
        <p class="hint">
            {if rounds.is_empty() { "No assessment rounds to show yet.".to_string() } else { format!("Assessment rounds found: {rounds}.") }}
            {format!(" Rounds in which fewer than {k} people were assessed are not listed.")}
        </p>
    }
}

/// The organisation's totals in a few numbers.
#[component]
pub fn Headline(rollup: SeniorRollup, data: OrgData) -> impl IntoView {
    let (met, required) = rollup.totals.iter().fold((0u32, 0u32), |(m, r), cell| match cell {
        Published::Shown(SkillCell { now, .. }) => (m + now.meeting, r + now.requiring),
        Published::Suppressed => (m, r),
    });
    let share = if required == 0 {
        "–".to_string()
    } else {
        format!("{}%", (f64::from(met) * 100.0 / f64::from(required)).round())
    };
    let (people, people_label) = match rollup.people_in_scope {
        Some(n) => (n.to_string(), "people in scope".to_string()),
        None => (
            "[c]".to_string(),
            format!("people in scope: hidden, as fewer than {} or to protect a smaller group", data.min_group),
        ),
    };
    let thin = match &rollup.risks {
        Published::Shown(risks) => risks.few_holders.len().to_string(),
        Published::Suppressed => "[c]".to_string(),
    };
    view! {
        <div class="figures">
            <div class="figure"><span class="figure__value">{people}</span><span class="figure__label">{people_label}</span></div>
            <div class="figure"><span class="figure__value">{share}</span><span class="figure__label">"of required levels met"</span></div>
            <div class="figure"><span class="figure__value">{rollup.columns.len()}</span><span class="figure__label">"skills required"</span></div>
            <div class="figure"><span class="figure__value">{thin}</span><span class="figure__label">"skills with one holder or none"</span></div>
        </div>
        {rollup.earlier.map(|d| view! { <p class="hint">{format!("Trends compare with {d}.")}</p> })}
    }
}

/// Single holders, the largest gaps and stale evidence.
#[component]
pub fn Risks(rollup: SeniorRollup, data: OrgData) -> impl IntoView {
    let risks = match &rollup.risks {
        Published::Shown(risks) => risks.clone(),
        Published::Suppressed => {
            return view! { <p class="body">"Risks are hidden: fewer than "{data.min_group}" people are in scope, or showing how many would let a smaller group be worked out."</p> }.into_any();
        }
    };
    view! {
        <h2 class="heading-m">"Risks"</h2>
        <div class="grid-row">
            <div class="column-one-third">
                <h3 class="heading-s">"Held by one person or nobody"</h3>
                <ul class="list list--bullet">
                    {risks.few_holders.iter().map(|r| view! {
                        <li>{data.skill_name(r.skill_id)}": "{if r.holders == 0 { "nobody".to_string() } else { "one holder".to_string() }}</li>
                    }).collect_view()}
                </ul>
            </div>
            <div class="column-one-third">
                <h3 class="heading-s">"Largest gaps"</h3>
                <ul class="list list--bullet">
                    {risks.largest_gaps.iter().map(|g| view! {
                        <li>{data.skill_name(g.skill_id)}": "{format!("{} of {} below the required level, {} not assessed", g.below, g.requiring, g.unassessed)}</li>
                    }).collect_view()}
                </ul>
            </div>
            <div class="column-one-third">
                <h3 class="heading-s">"Stale evidence"</h3>
                <StaleList rollup=rollup.clone()/>
            </div>
        </div>
    }
    .into_any()
}

#[component]
fn StaleList(rollup: SeniorRollup) -> impl IntoView {
    let line = |label: String, figures: &Published<StaleFigures>| match figures {
        Published::Shown(f) => {
            format!("{label}: {} of {} people have stale evidence, {} never assessed", f.stale, f.people, f.unassessed)
        }
        Published::Suppressed => format!("{label}: [c] hidden to protect a small group"),
    };
    view! {
        <ul class="list list--bullet">
            <li><strong>{line("Organisation".into(), &rollup.stale_total)}</strong></li>
            {rollup.stale_by_team.iter().map(|row| view! { <li>{line(row.label.clone(), &row.figures)}</li> }).collect_view()}
        </ul>
    }
}
