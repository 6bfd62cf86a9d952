//! The fixed look of the charts: neutral colours around the caller's palette, and type sizes and
//! spacing at a given scale (1.0 for a 1440 × 810 slide, 1.33 for 1920 × 1080).

use super::Rgb;

/// Main text: near-black, for titles and labels.
pub const INK: Rgb = Rgb(0x0b, 0x0c, 0x0c);
/// Secondary text: subtitle, footnote, "No data".
pub const SECONDARY: Rgb = Rgb(0x50, 0x5a, 0x5f);
/// Rules under group headers and swatch borders.
pub const RULE: Rgb = Rgb(0xb1, 0xb4, 0xb6);
/// Empty cells and the "No data" panel.
pub const EMPTY: Rgb = Rgb(0xf3, 0xf2, 0xf1);
pub const BACKGROUND: Rgb = Rgb::WHITE;

/// Smallest cell side, in pixels, that still holds a rotated label and a value.
pub const MIN_CELL: f64 = 12.0;
/// Smallest type size used anywhere, in pixels.
pub const MIN_EM: f64 = 8.0;

/// Baseline to baseline of a cell's two lines (a figure too wide for its column), in em; a cell
/// holds two lines when it is at least `CELL_LINE_SPACING + 1` em tall.
pub const CELL_LINE_SPACING: f64 = 1.2;

/// Type sizes (em, in pixels) and spacing at one scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    pub scale: f64,
    pub margin: f64,
    pub title_em: f64,
    pub subtitle_em: f64,
    pub group_em: f64,
    pub label_em: f64,
    pub cell_em: f64,
    pub legend_em: f64,
    pub footnote_em: f64,
    pub no_data_em: f64,
    /// Space between blocks (header and body, grid and legend).
    pub gap: f64,
    /// Space between a label and the grid.
    pub label_pad: f64,
    /// Extra white space between column groups.
    pub group_gap: f64,
    /// White line between cells, whole pixels.
    pub cell_gap: i32,
    /// Default cell size when the canvas size is not given.
    pub cell_w: f64,
    pub cell_h: f64,
    /// Largest cell size when few rows or columns are stretched over a fixed canvas.
    pub max_cell_w: f64,
    pub max_cell_h: f64,
    /// The row label area and the column label area at most: a longer label is drawn in
    /// smaller type (down to [`MIN_EM`]), and the area grows only past that, so no label is cut.
    pub max_row_label: f64,
    pub max_column_label: f64,
}

impl Metrics {
    /// Sizes at `scale` (1.0 suits a 1440 × 810 canvas).
    pub fn at(scale: f64) -> Metrics {
        let s = scale;
        Metrics {
            scale: s,
            margin: 32.0 * s,
            title_em: 28.0 * s,
            subtitle_em: 17.0 * s,
            group_em: 14.0 * s,
            label_em: 14.0 * s,
            cell_em: 14.0 * s,
            legend_em: 14.0 * s,
            footnote_em: 12.5 * s,
            no_data_em: 26.0 * s,
            gap: 18.0 * s,
            label_pad: 8.0 * s,
            group_gap: (5.0 * s).round(),
            cell_gap: if s >= 1.25 { 2 } else { 1 },
            cell_w: 26.0 * s,
            cell_h: 28.0 * s,
            max_cell_w: 110.0 * s,
            max_cell_h: 56.0 * s,
            max_row_label: 260.0 * s,
            max_column_label: 200.0 * s,
        }
    }

    /// The scale for a canvas: proportional to a 1440 × 810 slide, within 0.75..=3.
    pub fn scale_for(width: Option<u32>, height: Option<u32>) -> f64 {
        let by_width = width.map(|w| f64::from(w) / 1440.0);
        let by_height = height.map(|h| f64::from(h) / 810.0);
        let scale = match (by_width, by_height) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => 1.0,
        };
        scale.clamp(0.75, 3.0)
    }

    /// Baseline offset that centres capitals and digits vertically on a point.
    pub fn centre_baseline(em: f64) -> f64 {
        0.36 * em
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_theme_scale_follows_the_canvas() {
        assert_eq!(Metrics::scale_for(None, None), 1.0);
        assert_eq!(Metrics::scale_for(Some(1440), Some(810)), 1.0);
        assert!((Metrics::scale_for(Some(1920), Some(1080)) - 4.0 / 3.0).abs() < 1e-9);
        assert_eq!(Metrics::scale_for(Some(400), None), 0.75);
        assert_eq!(Metrics::at(2.0).title_em, 56.0);
    }
}
