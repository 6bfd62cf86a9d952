//! Roll-up tables for senior staff: each cell the share of people meeting their required level
//! (with the count and the trend in words and arrows), or a suppression marker for a group too
//! small to show. Shared by the organisation page and the presentation slides.

use crate::components::heatmap::HeatCell;
use leptos::prelude::*;
use skillmix::analysis::matrix::Tone;
use skillmix::analysis::rollup::{Column, SkillCell};
use skillmix::analysis::suppression::Published;

/// What a suppressed cell shows.
pub const SUPPRESSED: &str = "[c]";

/// The text, tone and spoken label of one roll-up cell.
pub fn describe(cell: &Published<SkillCell>, row: &str, skill: &str, k: u32) -> (String, Tone, String) {
    match cell {
        Published::Suppressed => (
            SUPPRESSED.to_string(),
            Tone::Empty,
            format!("{row}, {skill}: hidden, because the group has fewer than {k} people or showing it would let a smaller group be worked out"),
        ),
        Published::Shown(cell) if cell.now.requiring == 0 => {
            ("–".to_string(), Tone::Empty, format!("{row}, {skill}: nobody's role requires it"))
        }
        Published::Shown(cell) => {
            let now = cell.now;
            let trend =
                cell.change.map(|c| format!(" {}{:+}", c.direction.arrow(), c.meeting_points)).unwrap_or_default();
            let spoken_trend = cell
                .change
                .map(|c| {
                    format!(", {} {} points since the previous round", c.direction.title(), c.meeting_points.abs())
                })
                .unwrap_or_default();
            let step = (u32::from(now.meeting_percent) * 6 / 100) as u8;
            (
                format!("{}%{trend}", now.meeting_percent),
                Tone::Level(step),
                format!(
                    "{row}, {skill}: {} of {} meet the required level ({}%), {} at the strong level{spoken_trend}",
                    now.meeting, now.requiring, now.meeting_percent, now.strong
                ),
            )
        }
    }
}

/// A table of rows (teams or role families) by skills, with the organisation's totals last.
#[component]
pub fn RollupTable(
    #[prop(into)] caption: String,
    #[prop(into)] row_header: String,
    columns: Vec<Column>,
    /// Row label and its cells.
    rows: Vec<(String, Vec<Published<SkillCell>>)>,
    totals: Vec<Published<SkillCell>>,
    min_group: u32,
) -> impl IntoView {
    if columns.is_empty() || rows.is_empty() {
        return view! { <p class="body">"No one in scope has a required skill to show."</p> }.into_any();
    }
    let region = caption.clone();
    let header_columns = columns.clone();
    let body = rows.into_iter().chain(std::iter::once(("Organisation".to_string(), totals))).collect::<Vec<_>>();
    view! {
        <div class="heatmap-scroll" tabindex="0" role="region" aria-label=region>
            <table class="heatmap rollup">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr class="heatmap__skills heatmap__skills--first">
                        <th scope="col" class="heatmap__corner">{row_header}</th>
                        {header_columns.into_iter().map(|c| view! { <th scope="col" class="heatmap__skill"><span>{c.name}</span></th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {body.into_iter().map(|(label, cells)| {
                        let is_total = label == "Organisation";
                        view! {
                            <tr class:rollup__total=is_total>
                                <th scope="row" class="heatmap__person">{label.clone()}</th>
                                {cells.iter().zip(columns.iter()).map(|(cell, column)| {
                                    let (text, tone, spoken) = describe(cell, &label, &column.name, min_group);
                                    view! { <HeatCell tone text sentence=spoken/> }
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// What the roll-up's cells mean.
#[component]
pub fn RollupKey(min_group: u32, trend: bool) -> impl IntoView {
    view! {
        <div class="legend">
            <h2 class="heading-s">"Key"</h2>
            <ul class="legend__list">
                <li class="legend__item"><span class="legend__swatch tone-level-0">"20%"</span>"Share of the people whose role requires the skill who meet the level (darker is higher)"</li>
                {trend.then(|| view! { <li class="legend__item"><span class="legend__swatch tone-empty">"↑+10"</span>"Change in percentage points since the previous assessment round (↑ up, ↓ down, → no change)"</li> })}
                <li class="legend__item"><span class="legend__swatch tone-empty">{SUPPRESSED}</span>{format!("Hidden: the group has fewer than {min_group} people, or showing it would let a hidden group be worked out")}</li>
                <li class="legend__item"><span class="legend__swatch tone-empty">"–"</span>"Nobody's role in the group requires the skill"</li>
            </ul>
        </div>
    }
}
