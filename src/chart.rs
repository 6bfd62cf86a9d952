//! Server-side chart exports (feature `charts`): deterministic functions from chart data to an SVG
//! string or PNG bytes, drawn with plotters.
//!
//! They back `GET /api/v1/teams/{id}/heatmap.svg|png?mode=level|gap|calibration` (a team's skill
//! mix, people × skills, sized for a slide) and `GET /api/v1/org/rollup.svg|png` (teams × skills,
//! 1920 × 1080 by default, legible when projected).
//!
//! The caller builds a [`HeatmapChart`]: labels, one [`ChartCell`] per person and skill with the
//! text to print (colour is never the only signal), the colours from its palette, and a legend.
//! This module only lays out and draws:
//!
//! ```no_run
//! use skillmix::chart::{self, ChartCell, ChartSize, HeatmapChart, LegendEntry, Rgb};
//!
//! // At start-up, once: PNG text needs a font (SVG does not).
//! chart::register_embedded_font()?; // or register_font_from_path(PATH) for another font
//!
//! let dark = Rgb(0x08, 0x30, 0x6b);
//! let mut heatmap = HeatmapChart::new("Platform team: skill levels");
//! heatmap.row_labels = vec!["Asha".into()];
//! heatmap.column_labels = vec!["Cloud".into()];
//! heatmap.cells = vec![vec![Some(ChartCell::new("3", dark, Rgb::WHITE))]];
//! heatmap.legend = vec![LegendEntry::new("3", "Practitioner", dark, Rgb::WHITE)];
//! let svg: String = chart::render_svg(&heatmap, ChartSize::SLIDE)?;
//! let png: Vec<u8> = chart::render_png(&heatmap, ChartSize::FULL_HD)?;
//! # Ok::<(), chart::ChartError>(())
//! ```
//!
//! Layout: title and subtitle top left; column group headers over their columns; column labels
//! rotated to read bottom to top; row labels right-aligned; cell values centred; the legend and a
//! wrapped footnote under the grid. Long labels are truncated with "…". A chart without rows or
//! columns says "No data".

mod bitmap;
mod draw;
mod error;
mod font;
mod from_matrix;
mod glyphs;
mod grid;
mod layout;
mod legend;
mod model;
mod scene;
mod size;
mod svg;
mod text;
mod theme;

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod tests;

pub use error::ChartError;
pub use font::{register_embedded_font, register_font_from_path, registered_font, EMBEDDED_FONT_NAME};
pub use from_matrix::{matrix_chart, rgb};
pub use model::{ChartCell, ColumnGroup, HeatmapChart, LegendEntry, Rgb};
pub use size::{ChartSize, MAX_PIXELS, MAX_SIDE};

/// The two output formats, as named by the URL extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartFormat {
    Svg,
    Png,
}

impl ChartFormat {
    /// `"svg"` or `"png"` (any case); anything else is `None`.
    pub fn from_extension(extension: &str) -> Option<ChartFormat> {
        match extension.to_ascii_lowercase().as_str() {
            "svg" => Some(ChartFormat::Svg),
            "png" => Some(ChartFormat::Png),
            _ => None,
        }
    }

    /// The `Content-Type` to serve the rendered bytes with.
    pub fn content_type(self) -> &'static str {
        match self {
            ChartFormat::Svg => "image/svg+xml",
            ChartFormat::Png => "image/png",
        }
    }
}

/// Renders `chart` as a standalone SVG document (UTF-8). Needs no font.
pub fn render_svg(chart: &HeatmapChart, size: ChartSize) -> Result<String, ChartError> {
    svg::write(&scene::build(chart, size)?)
}

/// Renders `chart` as an RGB PNG. Needs [`register_embedded_font`] (or [`register_font_from_path`])
/// to have succeeded first.
pub fn render_png(chart: &HeatmapChart, size: ChartSize) -> Result<Vec<u8>, ChartError> {
    if registered_font().is_none() {
        return Err(ChartError::FontNotRegistered);
    }
    bitmap::write(&scene::build(chart, size)?)
}

/// Renders `chart` in `format`, for handlers that serve both.
pub fn render(chart: &HeatmapChart, size: ChartSize, format: ChartFormat) -> Result<Vec<u8>, ChartError> {
    match format {
        ChartFormat::Svg => render_svg(chart, size).map(String::into_bytes),
        ChartFormat::Png => render_png(chart, size),
    }
}
