//! The heatmap proper: group headers, rotated column labels, row labels and the cells.

use super::layout::Plan;
use super::scene::{Align, Scene};
use super::theme::{Metrics, CELL_LINE_SPACING as LINE_SPACING, EMPTY, INK, RULE};
use super::{text, HeatmapChart};

/// Adds the grid and its labels to the scene.
pub fn draw(scene: &mut Scene, chart: &HeatmapChart, plan: &Plan) {
    let groups = chart.group_of_columns();
    group_headers(scene, chart, plan);
    column_labels(scene, chart, plan, &groups);
    row_labels(scene, chart, plan);
    cells(scene, chart, plan, &groups);
}

/// Width of a cell without the white gap to its neighbour.
fn inner_w(plan: &Plan) -> f64 {
    plan.cell_w - f64::from(plan.metrics.cell_gap)
}

fn inner_h(plan: &Plan) -> f64 {
    plan.cell_h - f64::from(plan.metrics.cell_gap)
}

/// Each group title centred over its columns, with a rule under it spanning them.
fn group_headers(scene: &mut Scene, chart: &HeatmapChart, plan: &Plan) {
    let m = &plan.metrics;
    let rule = (1.5 * m.scale).round().max(1.0);
    let mut first = 0;
    for (index, group) in chart.column_groups.iter().enumerate() {
        let x0 = plan.column_x(first, index);
        let x1 = plan.column_x(first + group.columns - 1, index) + inner_w(plan);
        let title = text::fit(&group.title, m.group_em, x1 - x0);
        let baseline = plan.body_y + m.group_em;
        scene.text(title, ((x0 + x1) / 2.0, baseline), m.group_em, INK, Align::Middle);
        let rule_y = plan.body_y + (m.group_em * 1.45).round();
        scene.rect(x0, rule_y, x1, rule_y + rule, RULE);
        first += group.columns;
    }
}

/// Column labels reading bottom to top, starting just above the grid.
fn column_labels(scene: &mut Scene, chart: &HeatmapChart, plan: &Plan, groups: &[usize]) {
    let m = &plan.metrics;
    let em = plan.column_em;
    let room = plan.column_label_h - m.label_pad;
    for (column, label) in chart.column_labels.iter().enumerate() {
        let em = label_em(label, em, room);
        let centre = plan.column_x(column, groups[column]) + inner_w(plan) / 2.0;
        let baseline_x = centre + Metrics::centre_baseline(em);
        scene.text_up(text::fit(label, em, room), (baseline_x, plan.grid_y - m.label_pad), em, INK);
    }
}

/// Row labels right-aligned against the grid, centred on their row.
fn row_labels(scene: &mut Scene, chart: &HeatmapChart, plan: &Plan) {
    let em = plan.row_em;
    let x = plan.grid_x - plan.metrics.label_pad;
    for (row, label) in chart.row_labels.iter().enumerate() {
        let em = label_em(label, em, plan.row_label_w);
        let baseline = plan.row_y(row) + inner_h(plan) / 2.0 + Metrics::centre_baseline(em);
        scene.text(text::fit(label, em, plan.row_label_w), (x, baseline), em, INK, Align::End);
    }
}

/// The type size that fits `label` whole in `room`: `em`, or smaller down to `MIN_EM` (the
/// layout makes the room for that; `text::fit` only guards against rounding).
fn label_em(label: &str, em: f64, room: f64) -> f64 {
    let width = text::width(&text::sanitize(label), em);
    if width > room && width > 0.0 {
        (em * room / width).max(super::theme::MIN_EM)
    } else {
        em
    }
}

/// Filled cells with their value centred; empty cells in a pale neutral without text.
fn cells(scene: &mut Scene, chart: &HeatmapChart, plan: &Plan, groups: &[usize]) {
    let (w, h) = (inner_w(plan), inner_h(plan));
    let em = plan.cell_em;
    for (row, cells) in chart.cells.iter().enumerate() {
        let y0 = plan.row_y(row);
        for (column, cell) in cells.iter().enumerate() {
            let x0 = plan.column_x(column, groups[column]);
            let Some(cell) = cell else {
                scene.rect(x0, y0, x0 + w, y0 + h, EMPTY);
                continue;
            };
            scene.rect(x0, y0, x0 + w, y0 + h, cell.fill);
            let (x, middle) = (x0 + w / 2.0, y0 + h / 2.0 + Metrics::centre_baseline(em));
            match two_lines(&cell.text, em, w - 2.0, h) {
                Some((first, second)) => {
                    let half = LINE_SPACING * em / 2.0;
                    scene.text(first, (x, middle - half), em, cell.text_colour, Align::Middle);
                    scene.text(second, (x, middle + half), em, cell.text_colour, Align::Middle);
                }
                None => {
                    scene.text(text::fit(&cell.text, em, w - 2.0), (x, middle), em, cell.text_colour, Align::Middle)
                }
            }
        }
    }
}

/// A cell's text that does not fit its width on one line ("40% ↑+12" in a narrow column) but does
/// on two, split at its first space, when the cell is tall enough: so that figures are drawn
/// whole rather than cut short. `None` when one line fits or two do not.
fn two_lines(text: &str, em: f64, max_w: f64, cell_h: f64) -> Option<(String, String)> {
    let clean = text::sanitize(text);
    if text::width(&clean, em) <= max_w || cell_h < (LINE_SPACING + 1.0) * em {
        return None;
    }
    let (first, second) = text::split_cell(&clean)?;
    (text::width(first, em) <= max_w && text::width(second, em) <= max_w)
        .then(|| (first.to_string(), second.to_string()))
}
