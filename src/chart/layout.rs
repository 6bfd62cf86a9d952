//! Where everything goes: fits the title, labels, grid, legend and footnote into the canvas.
//!
//! Sizes are decided in this order: type sizes from the canvas scale; label areas from the
//! longest labels (capped, longer labels are truncated); cell width from the canvas width (or the
//! default cell width); legend and footnote wrapped to that width; cell height from what is left of
//! the canvas height (or the default). The body is centred in any space left over.

use super::legend::{self, LegendPlan};
use super::size::{self, pad_to_slide};
use super::text;
use super::theme::{Metrics, CELL_LINE_SPACING, MIN_CELL, MIN_EM};
use super::{ChartError, ChartSize, HeatmapChart};

/// The geometry of a heatmap with at least one row and one column.
#[derive(Debug, Clone)]
pub struct Plan {
    pub width: u32,
    pub height: u32,
    pub metrics: Metrics,
    /// Left edge of the row labels and the legend; top of the group headers.
    pub body_x: f64,
    pub body_y: f64,
    pub row_label_w: f64,
    pub column_label_h: f64,
    pub grid_x: f64,
    pub grid_y: f64,
    pub cell_w: f64,
    pub cell_h: f64,
    pub row_em: f64,
    pub column_em: f64,
    pub cell_em: f64,
    pub legend: LegendPlan,
    pub footnote: Vec<String>,
}

impl Plan {
    /// Left edge of column `column`, which is in group `group`.
    pub fn column_x(&self, column: usize, group: usize) -> f64 {
        self.grid_x + column as f64 * self.cell_w + group as f64 * self.metrics.group_gap
    }

    pub fn row_y(&self, row: usize) -> f64 {
        self.grid_y + row as f64 * self.cell_h
    }

    /// Bottom edge of the grid.
    pub fn grid_bottom(&self, rows: usize) -> f64 {
        self.row_y(rows)
    }
}

/// Sizes that do not depend on the cell size.
struct Frame {
    header_h: f64,
    row_label_w: f64,
    group_band_h: f64,
    column_label_h: f64,
    group_gaps: f64,
    /// Widest cell text, in em.
    widest_cell: f64,
    /// Widest cell text when each is drawn on two lines (split at its first space), in em.
    widest_cell_line: f64,
}

impl Frame {
    fn measure(chart: &HeatmapChart, m: &Metrics) -> Frame {
        // Labels are never cut: an area holds its longest label at the label size up to its cap,
        // and in type down to MIN_EM beyond it (grid::label_em); it grows only past that.
        let longest = |labels: &[String], cap: f64| {
            let widest = labels.iter().map(|l| text::width(&text::sanitize(l), m.label_em)).fold(0.0, f64::max);
            widest.min(cap).max(widest * MIN_EM / m.label_em)
        };
        let widest_cell = chart
            .cells
            .iter()
            .flatten()
            .flatten()
            .map(|cell| text::width(&text::sanitize(&cell.text), 1.0))
            .fold(0.0, f64::max);
        let widest_cell_line = chart
            .cells
            .iter()
            .flatten()
            .flatten()
            .map(|cell| {
                let clean = text::sanitize(&cell.text);
                match text::split_cell(&clean) {
                    Some((first, second)) => text::width(first, 1.0).max(text::width(second, 1.0)),
                    None => text::width(&clean, 1.0),
                }
            })
            .fold(0.0, f64::max);
        Frame {
            header_h: header_height(chart, m),
            row_label_w: longest(&chart.row_labels, m.max_row_label).ceil(),
            group_band_h: if chart.column_groups.is_empty() { 0.0 } else { (m.group_em * 2.0).round() },
            column_label_h: (longest(&chart.column_labels, m.max_column_label) + m.label_pad).ceil(),
            group_gaps: chart.column_groups.len().saturating_sub(1) as f64 * m.group_gap,
            widest_cell,
            widest_cell_line,
        }
    }

    /// Everything down the canvas except the cells.
    fn fixed_height(&self, m: &Metrics, below_grid: f64) -> f64 {
        2.0 * m.margin + self.header_h + self.group_band_h + self.column_label_h + below_grid
    }

    /// Everything across the canvas except the cells.
    fn fixed_width(&self, m: &Metrics) -> f64 {
        2.0 * m.margin + self.row_label_w + m.label_pad + self.group_gaps
    }
}

/// Height of the title and subtitle block, including the gap below it.
pub fn header_height(chart: &HeatmapChart, m: &Metrics) -> f64 {
    let subtitle = if chart.subtitle.is_some() { m.subtitle_em * 1.5 } else { 0.0 };
    (m.title_em * 1.3 + subtitle + m.gap).round()
}

/// The horizontal placement of the body, and the legend and footnote wrapped to it.
struct Body {
    width: u32,
    body_x: f64,
    legend: LegendPlan,
    footnote: Vec<String>,
    /// Height of the legend and footnote blocks, with their gaps.
    below_grid: f64,
}

impl Body {
    /// Centres the row labels and grid in `width` and wraps the legend and footnote to the
    /// space from the row labels to the right margin.
    fn place(chart: &HeatmapChart, m: &Metrics, frame: &Frame, width: u32, cell_w: f64) -> Body {
        let block_w = frame.row_label_w + m.label_pad + frame.group_gaps + chart.column_labels.len() as f64 * cell_w;
        let body_x = ((f64::from(width) - block_w) / 2.0).max(m.margin).round();
        let text_w = (f64::from(width) - m.margin - body_x).max(0.0);
        let legend = legend::plan(chart, m, text_w);
        let footnote = chart.footnote.as_deref().map_or_else(Vec::new, |f| text::wrap(f, m.footnote_em, text_w, 3));
        let below_grid = legend_block(&legend, m) + footnote_block(&footnote, m);
        Body { width, body_x, legend, footnote, below_grid }
    }
}

/// Lays out a non-empty, valid chart at the requested size.
pub fn plan(chart: &HeatmapChart, requested: ChartSize) -> Result<Plan, ChartError> {
    let requested = requested.with_aspect_applied();
    let m = Metrics::at(Metrics::scale_for(requested.width, requested.height));
    let frame = Frame::measure(chart, &m);
    let (width, cell_w) = fit_width(chart, &m, &frame, requested.width);
    let mut body = Body::place(chart, &m, &frame, width, cell_w);
    let fixed_h = frame.fixed_height(&m, body.below_grid);
    let rows = chart.row_labels.len();
    let (height, cell_h) = match requested.height {
        Some(h) => (h, ((f64::from(h) - fixed_h) / rows as f64).min(m.max_cell_h)),
        None => ((fixed_h + rows as f64 * m.cell_h).ceil() as u32, m.cell_h),
    };
    if cell_w < MIN_CELL || cell_h < MIN_CELL {
        return Err(too_small(chart, &m, &frame, (width, height), fixed_h));
    }
    let (width, height) = match (requested.width, requested.height, requested.slide_aspect) {
        (None, None, true) => pad_to_slide(width, height),
        _ => (width, height),
    };
    size::check_limits(width, height)?;
    if width != body.width {
        // Padded to 16:9 sideways: re-centre, and let the legend use the extra width.
        body = Body::place(chart, &m, &frame, width, cell_w);
    }
    Ok(assemble(chart, m, &frame, body, height, (cell_w, cell_h)))
}

/// The canvas width and cell width: fitted to the requested width, or the natural ones.
fn fit_width(chart: &HeatmapChart, m: &Metrics, frame: &Frame, requested: Option<u32>) -> (u32, f64) {
    let columns = chart.column_labels.len() as f64;
    match requested {
        Some(w) => (w, ((f64::from(w) - frame.fixed_width(m)) / columns).min(m.max_cell_w)),
        None => {
            let cell_w = m.cell_w.max(frame.widest_cell * m.cell_em + 8.0 * m.scale);
            (natural_width(chart, m, frame, cell_w), cell_w)
        }
    }
}

/// The error for a canvas too small for legible cells, with the smallest size that would do.
fn too_small(
    chart: &HeatmapChart,
    m: &Metrics,
    frame: &Frame,
    (width, height): (u32, u32),
    fixed_h: f64,
) -> ChartError {
    let (rows, columns) = (chart.row_labels.len(), chart.column_labels.len());
    ChartError::TooSmall {
        width,
        height,
        rows,
        columns,
        min_width: (frame.fixed_width(m) + columns as f64 * MIN_CELL).ceil() as u32,
        min_height: (fixed_h + rows as f64 * MIN_CELL).ceil() as u32,
    }
}

/// The final geometry: the body centred vertically in the space under the header.
fn assemble(
    chart: &HeatmapChart,
    m: Metrics,
    frame: &Frame,
    body: Body,
    height: u32,
    (cell_w, cell_h): (f64, f64),
) -> Plan {
    let grid_h = chart.row_labels.len() as f64 * cell_h;
    let body_h = frame.group_band_h + frame.column_label_h + grid_h + body.below_grid;
    let spare = f64::from(height) - 2.0 * m.margin - frame.header_h - body_h;
    let body_y = (m.margin + frame.header_h + (spare / 2.0).max(0.0)).round();
    Plan {
        width: body.width,
        height,
        body_x: body.body_x,
        body_y,
        row_label_w: frame.row_label_w,
        column_label_h: frame.column_label_h,
        grid_x: body.body_x + frame.row_label_w + m.label_pad,
        grid_y: body_y + frame.group_band_h + frame.column_label_h,
        cell_w,
        cell_h,
        row_em: m.label_em.min(cell_h * 0.7).max(MIN_EM),
        column_em: m.label_em.min(cell_w / 1.25).max(MIN_EM),
        cell_em: cell_em(&m, frame, cell_w, cell_h),
        legend: body.legend,
        footnote: body.footnote,
        metrics: m,
    }
}

/// Width when none was asked for: the grid, but never narrower than the title needs.
fn natural_width(chart: &HeatmapChart, m: &Metrics, frame: &Frame, cell_w: f64) -> u32 {
    let grid = frame.fixed_width(m) + chart.column_labels.len() as f64 * cell_w;
    let title = 2.0 * m.margin + text::width(&text::sanitize(&chart.title), m.title_em);
    let subtitle =
        chart.subtitle.as_deref().map_or(0.0, |s| 2.0 * m.margin + text::width(&text::sanitize(s), m.subtitle_em));
    let floor = 640.0 * m.scale;
    grid.max(title.min(2.0 * grid)).max(subtitle.min(grid)).max(floor).ceil() as u32
}

/// Type size of the cell values: as large as the label type, but fitting the widest value, on
/// one line or, in a narrow and tall cell where that gives larger type, on two.
fn cell_em(m: &Metrics, frame: &Frame, cell_w: f64, cell_h: f64) -> f64 {
    let fitting = |widest: f64| if widest > 0.0 { (cell_w - 4.0) / widest } else { f64::MAX };
    let one_line = m.cell_em.min(cell_h * 0.6).min(fitting(frame.widest_cell));
    let two_lines = m.cell_em.min(cell_h / (CELL_LINE_SPACING + 1.0)).min(fitting(frame.widest_cell_line));
    one_line.max(two_lines).max(MIN_EM)
}

fn legend_block(legend: &LegendPlan, m: &Metrics) -> f64 {
    if legend.is_empty() {
        0.0
    } else {
        m.gap + legend.height()
    }
}

fn footnote_block(lines: &[String], m: &Metrics) -> f64 {
    if lines.is_empty() {
        0.0
    } else {
        m.gap * 0.75 + lines.len() as f64 * footnote_line(m)
    }
}

/// Line spacing of the footnote.
pub fn footnote_line(m: &Metrics) -> f64 {
    (m.footnote_em * 1.45).round()
}
