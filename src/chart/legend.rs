//! The legend: swatches drawn like cells (fill and the same marker text), each followed by its
//! meaning, flowing onto as many lines as the width needs.

use super::scene::{Align, Scene};
use super::theme::{Metrics, INK, MIN_EM, RULE};
use super::{text, HeatmapChart, Rgb};

/// One positioned legend item.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// Offset from the legend's left edge.
    pub x: f64,
    pub line: usize,
    pub marker: String,
    pub label: String,
    pub fill: Rgb,
    pub text_colour: Rgb,
}

/// The legend's items placed on lines.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LegendPlan {
    pub title: Option<String>,
    pub slots: Vec<Slot>,
    pub lines: usize,
    pub em: f64,
    pub marker_em: f64,
    pub swatch: f64,
    pub line_h: f64,
}

impl LegendPlan {
    pub fn is_empty(&self) -> bool {
        self.lines == 0
    }

    pub fn height(&self) -> f64 {
        if self.lines == 0 {
            return 0.0;
        }
        self.lines as f64 * self.line_h - (self.line_h - self.swatch)
    }

    fn label_gap(&self) -> f64 {
        (self.em * 0.5).round()
    }
}

/// Flows the legend of `chart` into lines no wider than `max_w`.
pub fn plan(chart: &HeatmapChart, m: &Metrics, max_w: f64) -> LegendPlan {
    if chart.legend.is_empty() {
        return LegendPlan::default();
    }
    let em = m.legend_em;
    let swatch = (em * 1.8).round();
    let mut plan = LegendPlan { em, swatch, line_h: swatch + (em * 0.7).round(), ..LegendPlan::default() };
    let item_gap = (em * 1.6).round();
    let mut x = 0.0;
    if let Some(title) = &chart.legend_title {
        let title = text::fit(title, em, max_w);
        x = text::width(&title, em) + item_gap;
        plan.title = Some(title);
    }
    let mut line = 0;
    for entry in &chart.legend {
        let label = text::fit(&entry.label, em, max_w - swatch - plan.label_gap());
        let w = swatch + plan.label_gap() + text::width(&label, em);
        if x > 0.0 && x + w > max_w {
            line += 1;
            x = 0.0;
        }
        let marker = text::sanitize(&entry.marker);
        plan.slots.push(Slot { x, line, marker, label, fill: entry.fill, text_colour: entry.text_colour });
        x += w + item_gap;
    }
    plan.lines = line + 1;
    plan.marker_em = marker_em(&plan, m);
    plan
}

/// The marker type size: the cell type size, shrunk to fit the widest marker in a swatch.
fn marker_em(plan: &LegendPlan, m: &Metrics) -> f64 {
    let widest = plan.slots.iter().map(|s| text::width(&s.marker, 1.0)).fold(0.0, f64::max);
    let by_width = if widest > 0.0 { (plan.swatch - 4.0) / widest } else { f64::MAX };
    m.cell_em.min(plan.swatch * 0.55).min(by_width).max(MIN_EM)
}

/// Adds the legend with its top left corner at `(x, y)`; returns its bottom edge.
pub fn draw(scene: &mut Scene, plan: &LegendPlan, (x, y): (f64, f64), m: &Metrics) -> f64 {
    if plan.is_empty() {
        return y - m.gap;
    }
    let middle =
        |line: usize, em: f64| y + line as f64 * plan.line_h + plan.swatch / 2.0 + Metrics::centre_baseline(em);
    if let Some(title) = &plan.title {
        scene.text(title.clone(), (x, middle(0, plan.em)), plan.em, INK, Align::Start);
    }
    for slot in &plan.slots {
        let (sx, sy) = (x + slot.x, y + slot.line as f64 * plan.line_h);
        scene.rect(sx, sy, sx + plan.swatch, sy + plan.swatch, RULE);
        scene.rect(sx + 1.0, sy + 1.0, sx + plan.swatch - 1.0, sy + plan.swatch - 1.0, slot.fill);
        let centre = (sx + plan.swatch / 2.0, middle(slot.line, plan.marker_em));
        scene.text(slot.marker.clone(), centre, plan.marker_em, slot.text_colour, Align::Middle);
        let label_x = sx + plan.swatch + plan.label_gap();
        scene.text(slot.label.clone(), (label_x, middle(slot.line, plan.em)), plan.em, INK, Align::Start);
    }
    y + plan.height()
}
