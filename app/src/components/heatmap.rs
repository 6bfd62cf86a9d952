//! The heatmap as a real table: a row header per person, column headers per skill grouped by
//! kind, the value printed in every cell (colour only supports it), a sentence for assistive
//! technology on each cell, and a legend. Headers stay in view while the table scrolls.

use leptos::prelude::*;
use leptos_router::components::A;
use skillmix::analysis::matrix::{LegendGroup, Matrix, Tone};
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
                                    let text = format!("{}{}", cell.text, if cell.stale { "*" } else { "" });
                                    let href = cell_link.as_ref().map(|link| link(person_id, column.skill_id));
                                    view! { <HeatCell tone=cell.tone text sentence=cell.label stale=cell.stale href/> }
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

/// One cell of a heatmap, the same in every table (skills, mentoring, roll-up): its colour, the
/// text it shows, and its sentence for assistive technology, written once: the accessible name
/// of its link when the cell opens something, else hidden text beside the shown text (which is
/// hidden from screen readers then). The colour is a class on the cell and nothing else is, so a
/// 12 x 150 table stays light.
#[component]
pub fn HeatCell(
    tone: Tone,
    #[prop(into)] text: String,
    #[prop(into)] sentence: String,
    #[prop(optional)] stale: bool,
    #[prop(optional_no_strip)] href: Option<String>,
) -> impl IntoView {
    let class = if stale { format!("{} stale", tone.class()) } else { tone.class().to_string() };
    match href {
        Some(href) => view! { <td class=class><a href=href aria-label=sentence>{text}</a></td> }.into_any(),
        None => view! {
            <td class=class><span aria-hidden="true">{text}</span><span class="visually-hidden">{sentence}</span></td>
        }
        .into_any(),
    }
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
