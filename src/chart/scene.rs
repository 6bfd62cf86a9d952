//! A chart as a flat list of rectangles and texts in pixel coordinates, built once from the data
//! and the layout, then drawn by either backend. Keeping this step pure makes the picture the same
//! in SVG and PNG and lets tests look at geometry without decoding images.

use super::layout::{self, Plan};
use super::theme::{Metrics, BACKGROUND, EMPTY, INK, SECONDARY};
use super::{grid, legend, size, text};
use super::{ChartError, ChartSize, HeatmapChart, Rgb};

/// How a text sits on its anchor point, along the direction of reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Start,
    Middle,
    End,
}

/// A single line of text. `(x, y)` is a point on the baseline; `upright == false` means rotated
/// a quarter turn to read bottom to top, the baseline then being the vertical line through `x`.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    pub x: i32,
    pub y: i32,
    pub em: f64,
    pub colour: Rgb,
    pub align: Align,
    pub upright: bool,
}

/// What gets drawn, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A filled rectangle, `x0..x1` × `y0..y1` (right and bottom edges excluded).
    Rect {
        x0: i32,
        y0: i32,
        x1: i32,
        y1: i32,
        fill: Rgb,
    },
    Text(Label),
}

/// A complete picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: u32,
    pub height: u32,
    /// The accessible name of the picture (the SVG `<title>`).
    pub title: String,
    pub shapes: Vec<Shape>,
}

impl Scene {
    fn new(width: u32, height: u32, title: &str) -> Scene {
        let mut scene = Scene { width, height, title: text::sanitize(title), shapes: Vec::new() };
        scene.rect(0.0, 0.0, f64::from(width), f64::from(height), BACKGROUND);
        scene
    }

    /// Adds a rectangle, rounding its edges to whole pixels; empty rectangles are skipped.
    pub fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, fill: Rgb) {
        let (x0, y0, x1, y1) = (x0.round() as i32, y0.round() as i32, x1.round() as i32, y1.round() as i32);
        if x1 > x0 && y1 > y0 {
            self.shapes.push(Shape::Rect { x0, y0, x1, y1, fill });
        }
    }

    /// Adds an upright text with its baseline at `(x, y)`; empty texts are skipped.
    pub fn text(&mut self, text: String, (x, y): (f64, f64), em: f64, colour: Rgb, align: Align) {
        self.label(text, (x, y), em, colour, align, true);
    }

    /// Adds a text reading bottom to top, its baseline the vertical line through `x`.
    pub fn text_up(&mut self, text: String, (x, y): (f64, f64), em: f64, colour: Rgb) {
        self.label(text, (x, y), em, colour, Align::Start, false);
    }

    fn label(&mut self, text: String, (x, y): (f64, f64), em: f64, colour: Rgb, align: Align, upright: bool) {
        if text.is_empty() {
            return;
        }
        self.shapes.push(Shape::Text(Label {
            text,
            x: x.round() as i32,
            y: y.round() as i32,
            em: (em * 4.0).round() / 4.0,
            colour,
            align,
            upright,
        }));
    }

    /// The texts, in drawing order (for tests and for checking coverage).
    pub fn labels(&self) -> impl Iterator<Item = &Label> {
        self.shapes.iter().filter_map(|shape| match shape {
            Shape::Text(label) => Some(label),
            Shape::Rect { .. } => None,
        })
    }
}

/// Builds the scene of a chart at the requested size, after validating the data.
pub fn build(chart: &HeatmapChart, size: ChartSize) -> Result<Scene, ChartError> {
    chart.validate()?;
    if chart.is_empty() {
        return no_data(chart, size);
    }
    let plan = layout::plan(chart, size)?;
    let mut scene = Scene::new(plan.width, plan.height, &chart.title);
    header(&mut scene, chart, &plan.metrics);
    grid::draw(&mut scene, chart, &plan);
    let below = plan.grid_bottom(chart.row_labels.len()) + plan.metrics.gap;
    let below = legend::draw(&mut scene, &plan.legend, (plan.body_x, below), &plan.metrics);
    footnote(&mut scene, &plan, below);
    Ok(scene)
}

/// Title and subtitle, top left, truncated to the width.
fn header(scene: &mut Scene, chart: &HeatmapChart, m: &Metrics) {
    let room = f64::from(scene.width) - 2.0 * m.margin;
    let title = text::fit(&chart.title, m.title_em, room);
    scene.text(title, (m.margin, m.margin + m.title_em * 0.95), m.title_em, INK, Align::Start);
    if let Some(subtitle) = &chart.subtitle {
        let line = text::fit(subtitle, m.subtitle_em, room);
        let baseline = m.margin + m.title_em * 1.3 + m.subtitle_em * 1.05;
        scene.text(line, (m.margin, baseline), m.subtitle_em, SECONDARY, Align::Start);
    }
}

/// Footnote lines below the legend (`top` is where the legend ended).
fn footnote(scene: &mut Scene, plan: &Plan, top: f64) {
    let m = &plan.metrics;
    let line = layout::footnote_line(m);
    for (index, text) in plan.footnote.iter().enumerate() {
        let baseline = top + m.gap * 0.75 + index as f64 * line + m.footnote_em;
        scene.text(text.clone(), (plan.body_x, baseline), m.footnote_em, SECONDARY, Align::Start);
    }
}

/// A chart without rows or columns: the title, a panel saying "No data", and the footnote.
fn no_data(chart: &HeatmapChart, requested: ChartSize) -> Result<Scene, ChartError> {
    let requested = requested.with_aspect_applied();
    let m = Metrics::at(Metrics::scale_for(requested.width, requested.height));
    let (width, height) = match (requested.width, requested.height) {
        (Some(w), Some(h)) => (w, h),
        (Some(w), None) => (w, (u64::from(w) * 9 / 16) as u32),
        (None, Some(h)) => ((u64::from(h) * 16 / 9).min(u64::from(u32::MAX)) as u32, h),
        (None, None) => ((960.0 * m.scale) as u32, (540.0 * m.scale) as u32),
    };
    let (min_width, min_height) = (320, 180);
    if width < min_width || height < min_height {
        let (rows, columns) = (chart.row_labels.len(), chart.column_labels.len());
        return Err(ChartError::TooSmall { width, height, rows, columns, min_width, min_height });
    }
    size::check_limits(width, height)?;
    let mut scene = Scene::new(width, height, &chart.title);
    header(&mut scene, chart, &m);
    let room = f64::from(width) - 2.0 * m.margin;
    let notes = chart.footnote.as_deref().map_or_else(Vec::new, |f| text::wrap(f, m.footnote_em, room, 3));
    let top = m.margin + layout::header_height(chart, &m);
    let bottom = f64::from(height) - m.margin - notes.len() as f64 * layout::footnote_line(&m);
    scene.rect(m.margin, top, f64::from(width) - m.margin, bottom - m.gap * 0.75, EMPTY);
    let centre = (f64::from(width) / 2.0, (top + bottom) / 2.0 + Metrics::centre_baseline(m.no_data_em));
    scene.text("No data".into(), centre, m.no_data_em, SECONDARY, Align::Middle);
    for (index, line) in notes.into_iter().enumerate() {
        let baseline = bottom + index as f64 * layout::footnote_line(&m) + m.footnote_em;
        scene.text(line, (m.margin, baseline), m.footnote_em, SECONDARY, Align::Start);
    }
    Ok(scene)
}
