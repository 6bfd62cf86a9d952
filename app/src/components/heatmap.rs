//! The heatmap as a real table: a row header per person, column headers per skill grouped by
//! kind, the value printed in every cell (colour only supports it), a sentence for assistive
//! technology on each cell, and a legend. Headers stay in view while the table scrolls.

use leptos::prelude::*;
use leptos_router::components::A;
use skillmix::analysis::matrix::{LegendGroup, Matrix};
use skillmix::Id;

/// Builds the link a cell opens (person, skill), when cells can be opened.
pub type CellLink = std::sync::Arc<dyn Fn(Id, Id) -> String + Send + Sync>;

#[component]
pub fn HeatmapTable(
    matrix: Matrix,
    #[prop(into)] caption: String,
    #[prop(optional)] cell_link: Option<CellLink>,
) -> impl IntoView {
    if matrix.rows.is_empty() || matrix.columns.is_empty() {
        return view! { <p class="body">"Nothing to show: no one in view has a skill to show here."</p> }.into_any();
    }
    let columns = matrix.columns.clone();
    let region_label = caption.clone();
    let rows: Vec<_> = matrix.rows.clone().into_iter().zip(matrix.cells.clone()).collect();
    let groups = matrix.groups.clone();
    view! {
        <div class="heatmap-scroll" tabindex="0" role="region" aria-label=region_label>
            <table class="heatmap">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr class="heatmap__groups">
                        <td class="heatmap__corner"></td>
                        {groups.into_iter().map(|g| view! {
                            <th scope="colgroup" colspan=g.len class="heatmap__group">{g.title}</th>
                        }).collect_view()}
                    </tr>
                    <tr class="heatmap__skills">
                        <th scope="col" class="heatmap__corner">"Person"</th>
                        {columns.iter().map(|c| view! {
                            <th scope="col" class="heatmap__skill"><span>{c.name.clone()}</span></th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(row, cells)| {
                        let person_id = row.person_id;
                        view! {
                            <tr>
                                <th scope="row" class="heatmap__person">
                                    <A href=format!("/people/{person_id}")>{row.name.clone()}</A>
                                </th>
                                {cells.into_iter().zip(columns.iter()).map(|(cell, column)| {
                                    let class = format!("heatmap__cell {}{}", cell.tone.class(), if cell.stale { " heatmap__cell--stale" } else { "" });
                                    let text = format!("{}{}", cell.text, if cell.stale { "*" } else { "" });
                                    match &cell_link {
                                        Some(link) => {
                                            let href = link(person_id, column.skill_id);
                                            view! { <td class=class><a href=href title=cell.label.clone() aria-label=cell.label.clone()>{text}</a></td> }.into_any()
                                        }
                                        None => view! { <td class=class title=cell.label.clone()><span aria-hidden="true">{text}</span><span class="visually-hidden">{cell.label.clone()}</span></td> }.into_any(),
                                    }
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Legend groups=matrix.legend.clone()/>
    }
    .into_any()
}

/// What each colour and symbol means. The swatches repeat the text a cell shows.
#[component]
pub fn Legend(groups: Vec<LegendGroup>) -> impl IntoView {
    view! {
        <div class="legend">
            <h2 class="heading-s">"Key"</h2>
            {groups.into_iter().map(|g| view! {
                <div class="legend__group">
                    <h3 class="legend__title">{g.title}</h3>
                    <ul class="legend__list">
                        {g.entries.into_iter().map(|e| view! {
                            <li class="legend__item">
                                <span class=format!("legend__swatch {}", e.tone.class()) aria-hidden="true">{e.text}</span>
                                {e.label}
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            }).collect_view()}
            <p class="hint">"* The evidence is older than the team's review cadence."</p>
        </div>
    }
}
