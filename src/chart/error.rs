//! The one error type of the chart exports.

use std::path::PathBuf;

/// Why a chart could not be rendered, or the chart font could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The chart data is inconsistent (the message names the row, column or group).
    #[error("invalid chart data: {0}")]
    InvalidInput(String),

    /// An exact size was asked for that cannot hold the grid legibly.
    #[error(
        "a {width}×{height} chart is too small for {rows} rows × {columns} columns: \
         it needs at least {min_width}×{min_height} pixels"
    )]
    TooSmall { width: u32, height: u32, rows: usize, columns: usize, min_width: u32, min_height: u32 },

    /// The asked or computed size is beyond what the server is willing to draw.
    #[error("a {width}×{height} chart is too large: at most {max_side} pixels a side and {max_pixels} pixels in all")]
    TooLarge { width: u32, height: u32, max_side: u32, max_pixels: u64 },

    /// A PNG was asked for before a font was registered.
    #[error(
        "no font is registered for PNG charts: call chart::register_embedded_font (or \
         chart::register_font_from_path) at start-up"
    )]
    FontNotRegistered,

    /// The font file could not be read.
    #[error("cannot read the chart font {}: {source}", path.display())]
    FontUnreadable { path: PathBuf, source: std::io::Error },

    /// The font file was read but is not a TrueType/OpenType font.
    #[error("the chart font {} is not a TrueType or OpenType font", path.display())]
    FontInvalid { path: PathBuf },

    /// A font was already loaded from another path: fonts are loaded once, at start-up.
    #[error(
        "cannot register the chart font {}: {} is already registered (fonts load once, at start-up)",
        path.display(),
        registered.display()
    )]
    FontAlreadyRegistered { path: PathBuf, registered: PathBuf },

    /// The drawing backend failed (plotters' message).
    #[error("drawing the chart failed: {0}")]
    Drawing(String),

    /// The PNG encoder failed.
    #[error("encoding the chart as PNG failed: {0}")]
    Encoding(#[from] png::EncodingError),
}
