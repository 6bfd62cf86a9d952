//! `/teams/{id}/heatmap`: the skill-mix heatmap with its modes, source, sorting and filters (a
//! GET form, so every setting is in the address), the opened cell's history with a form to
//! record a new level in place, and links to the SVG, PNG, JSON and CSV exports.

use crate::components::forms::{action_error, options, Choice, ErrorSummary};
use crate::components::heatmap::{CellLink, HeatmapTable};
use crate::components::layout::Breadcrumbs;
use crate::components::page::{param_id, Loaded, PageTitle};
use crate::server_fns::analysis::{load_heatmap, CellDetail, HeatmapData, HeatmapQuery};
use crate::server_fns::assess::RecordAssessments;
use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;
use skillmix::analysis::matrix::{Matrix, Mode, SortKey};
use std::sync::Arc;

#[component]
pub fn HeatmapPage() -> impl IntoView {
    let id = param_id("id");
    let params = use_query_map();
    let query = Memo::new(move |_| HeatmapQuery::from_params(&params.read()));
    let record = ServerAction::<RecordAssessments>::new();
    let data = Resource::new(
        move || (id.get(), query.get(), record.version().get()),
        |(id, query, _)| load_heatmap(id.unwrap_or_default(), query),
    );
    view! {
        <Loaded resource=data render=move |data: HeatmapData| view! { <HeatmapView data query=query.get_untracked() record/> }/>
    }
}

#[component]
fn HeatmapView(data: HeatmapData, query: HeatmapQuery, record: ServerAction<RecordAssessments>) -> impl IntoView {
    let team = data.team.clone();
    let team_id = team.id;
    let base = format!("/teams/{team_id}/heatmap");
    let settings = query.to_query(None);
    let link_query = query.clone();
    // Relative to the page, so 1,800 cells do not repeat its path.
    let cell_link: CellLink =
        Arc::new(move |person, skill| format!("?{}#cell-detail", link_query.to_query(Some((person, skill)))));
    let mode = Mode::from_code(&query.mode).unwrap_or_default();
    let export = |ext: &str| format!("/api/v1/teams/{team_id}/heatmap.{ext}?{settings}");
    view! {
        <Breadcrumbs trail=vec![("Dashboard".into(), "/".into()), (team.name.clone(), format!("/teams/{team_id}"))]/>
        <PageTitle text=format!("Skill mix: {}", team.name) caption=mode.title()/>
        <HeatmapControls data=data.clone() query=query.clone() action=base.clone()/>
        {data.detail.clone().map(|detail| view! { <CellPanel detail back=format!("{base}?{settings}") record/> })}
        <HeatmapTable matrix=value_in_labels(data.matrix.clone(), mode) caption=format!("{}: {}", team.name, mode.title()) cell_link/>
        <h2 class="heading-s">"Export"</h2>
        <ul class="list list--inline">
            <li><a href=export("svg")>"Slide image (SVG)"</a></li>
            <li><a href=export("png")>"Slide image (PNG)"</a></li>
            <li><a href=export("csv")>"Spreadsheet (CSV)"</a></li>
            <li><a href=export("json")>"Data (JSON)"</a></li>
        </ul>
    }
}

/// Label in name (WCAG 2.5.3): a cell link's sentence is its accessible name, so it must hold the
/// value the cell shows. A 0 reads "meets it" (gap) or "self and lead agree" (calibration), with
/// no 0 in it, so the sentence says the 0 too, outside brackets (checkers drop bracketed text).
/// Other values are in their sentences: "3 Practitioner", "below by 1", "rates themselves 1 higher".
fn value_in_labels(mut matrix: Matrix, mode: Mode) -> Matrix {
    let (said, with_value) = match mode {
        Mode::Level => return matrix,
        Mode::Gap => (", meets it", ", meets it, a gap of 0"),
        Mode::Calibration => (", self and lead agree", ", self and lead agree, a difference of 0"),
    };
    for cell in matrix.cells.iter_mut().flatten().filter(|c| c.value == Some(0)) {
        cell.label = cell.label.replacen(said, with_value, 1);
    }
    matrix
}

#[component]
fn HeatmapControls(data: HeatmapData, query: HeatmapQuery, action: String) -> impl IntoView {
    let mode_choices: Vec<Choice> = Mode::ALL.into_iter().map(|m| Choice::new(m.code(), m.title())).collect();
    let source_choices = vec![
        Choice::new("latest", "Latest of any source"),
        Choice::new("lead", "Lead assessments"),
        Choice::new("self", "Self-assessments"),
        Choice::new("peer", "Peer assessments"),
    ];
    let sort_choices = |what: &str| -> Vec<Choice> {
        SortKey::ALL
            .into_iter()
            .map(|k| {
                let label = match k {
                    SortKey::Name => "Name".to_string(),
                    SortKey::TotalGap => format!("Largest total gap first ({what})"),
                    SortKey::Coverage => format!("Lowest coverage first ({what})"),
                };
                Choice::new(k.code(), label)
            })
            .collect()
    };
    let role_levels: Vec<Choice> = data.role_levels.iter().map(|(id, name)| Choice::new(id, name.clone())).collect();
    let chosen_kinds = query.kind_codes().into_iter().map(str::to_string).collect::<Vec<_>>();
    let or_default =
        |value: &str, default: &str| if value.is_empty() { default.to_string() } else { value.to_string() };
    view! {
        <Form method="GET" action=action attr:class="controls">
            <div class="controls__row">
                <div class="form-group">
                    <label class="label" for="mode">"Show"</label>
                    <select class="select" id="mode" name="mode">{options(mode_choices, or_default(&query.mode, "level"))}</select>
                </div>
                <div class="form-group">
                    <label class="label" for="source">"Assessments"</label>
                    <select class="select" id="source" name="source">{options(source_choices, or_default(&query.source, "latest"))}</select>
                </div>
                <div class="form-group">
                    <label class="label" for="sort_people">"Sort people"</label>
                    <select class="select" id="sort_people" name="sort_people">{options(sort_choices("people"), or_default(&query.sort_people, "name"))}</select>
                </div>
                <div class="form-group">
                    <label class="label" for="sort_skills">"Sort skills"</label>
                    <select class="select" id="sort_skills" name="sort_skills">{options(sort_choices("skills"), or_default(&query.sort_skills, "name"))}</select>
                </div>
                <div class="form-group">
                    <label class="label" for="role_level">"Role level"</label>
                    <select class="select" id="role_level" name="role_level">
                        <option value="">"All role levels"</option>
                        {options(role_levels, query.role_level.map(|r| r.to_string()).unwrap_or_default())}
                    </select>
                </div>
            </div>
            <fieldset class="fieldset controls__kinds">
                <legend class="fieldset__legend">"Kinds of skill (none ticked shows all)"</legend>
                <div class="checkboxes--inline">
                    {data.kinds.iter().map(|k| {
                        let id = format!("kind-{}", k.code());
                        let checked = chosen_kinds.iter().any(|c| c == k.code());
                        view! {
                            <div class="checkboxes__item">
                                <input class="checkboxes__input" type="checkbox" id=id.clone() name="kind" value=k.code() checked=checked/>
                                <label class="label checkboxes__label" for=id>{k.title()}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <button type="submit" class="button button--secondary">"Update heatmap"</button>
        </Form>
    }
}

/// The opened cell: the person's history for the skill, and a form to record a level in place.
#[component]
fn CellPanel(detail: CellDetail, back: String, record: ServerAction<RecordAssessments>) -> impl IntoView {
    let error = action_error(record);
    let scale = detail.skill.scale;
    let choices: Vec<Choice> =
        detail.skill.allowed_levels().into_iter().map(|l| Choice::new(l, scale.label(l))).collect();
    let return_to = format!("{back}&person={}&skill={}#cell-detail", detail.person_id, detail.skill.id);
    let field = format!("level_{}", detail.skill.id);
    view! {
        <section class="panel cell-panel" id="cell-detail" aria-labelledby="cell-detail-title">
            <h2 class="heading-m" id="cell-detail-title">{format!("{}: {}", detail.person_name, detail.skill.name)}</h2>
            <p class="body">
                "Required by their role level: "
                <strong>{detail.required.map(|l| scale.label(l)).unwrap_or_else(|| "not required".into())}</strong>
            </p>
            {if detail.history.is_empty() {
                view! { <p class="body">"Not assessed yet."</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <caption class="visually-hidden">"Assessment history, newest first"</caption>
                        <thead><tr><th scope="col">"Date"</th><th scope="col">"Level"</th><th scope="col">"Source"</th><th scope="col">"By"</th><th scope="col">"Evidence"</th></tr></thead>
                        <tbody>
                            {detail.history.clone().into_iter().map(|h| view! {
                                <tr>
                                    <td>{h.assessed_on}</td>
                                    <td>{scale.label(h.level)}</td>
                                    <td>{h.source}</td>
                                    <td>{h.assessor.unwrap_or_default()}</td>
                                    <td>{h.evidence.unwrap_or_default()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            {(!detail.sources.is_empty()).then(|| view! {
                <ErrorSummary error/>
                <ActionForm action=record attr:class="inline-record">
                    <input type="hidden" name="person_id" value=detail.person_id/>
                    <input type="hidden" name="source" value=detail.sources.first().cloned().unwrap_or_default()/>
                    <input type="hidden" name="assessed_on" value=detail.today.clone()/>
                    <input type="hidden" name="evidence" value=""/>
                    <input type="hidden" name="return_to" value=return_to.clone()/>
                    <div class="form-group">
                        <label class="label" for=field.clone()>{format!("Record a new level ({} assessment, today)", detail.sources.first().cloned().unwrap_or_default())}</label>
                        <select class="select" id=field name=format!("levels[{}]", detail.skill.id)>
                            {options(choices, String::new())}
                        </select>
                    </div>
                    <button type="submit" class="button">"Save level"</button>
                </ActionForm>
            })}
            <p class="body"><A href=back>"Close"</A></p>
        </section>
    }
}
