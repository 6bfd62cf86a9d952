//! The one font PNG charts are drawn with, registered once at start-up: DejaVu Sans, embedded in
//! the binary (`fonts/`, with its licence), unless `--font PATH` names another.
//!
//! The font's bytes must live as long as the process (plotters' font table, built with feature
//! `ab_glyph` and without `ttf`, so no fontconfig, only takes `&'static [u8]`): the embedded
//! font is static already, and a file given by path is read once and its bytes leaked
//! deliberately. The same bytes back the ab_glyph font the PNG writer draws text with. SVG charts
//! need no font to render (the viewer draws the text); every chart's layout measures its labels
//! with the embedded font's advance widths ([`embedded`]), whichever font draws the PNG.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use ab_glyph::FontRef;
use plotters::style::FontStyle;

use super::draw::FAMILY;
use super::ChartError;

/// DejaVu Sans 2.37, as its authors publish it (licence in `fonts/LICENSE`).
const EMBEDDED_BYTES: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");

/// What the registered font is called when it is the embedded one.
pub const EMBEDDED_FONT_NAME: &str = "DejaVu Sans (embedded)";

/// The embedded font, parsed once: the measure of every chart label.
pub fn embedded() -> &'static FontRef<'static> {
    static PARSED: OnceLock<FontRef<'static>> = OnceLock::new();
    PARSED.get_or_init(|| FontRef::try_from_slice(EMBEDDED_BYTES).expect("the embedded DejaVu Sans parses"))
}

/// The registered font and where it came from (a path, or [`EMBEDDED_FONT_NAME`]).
pub struct LoadedFont {
    pub path: PathBuf,
    pub font: FontRef<'static>,
}

static FONT: OnceLock<LoadedFont> = OnceLock::new();
/// Serialises registration, so two callers cannot both load a font.
static REGISTERING: Mutex<()> = Mutex::new(());

/// Registers the embedded DejaVu Sans for PNG charts: what start-up does unless `--font` is given.
/// Calling it again does nothing; after another font was registered it is an error.
pub fn register_embedded_font() -> Result<(), ChartError> {
    register(Path::new(EMBEDDED_FONT_NAME), || Ok(EMBEDDED_BYTES))
}

/// Loads the TrueType/OpenType font at `path` for PNG charts instead of the embedded one. Call it
/// once at start-up, and fail start-up when it fails: the error names the path. Calling it again
/// with the same path does nothing; with another path it is an error (the first font stays).
pub fn register_font_from_path(path: impl AsRef<Path>) -> Result<(), ChartError> {
    let path = path.as_ref();
    let bytes =
        std::fs::read(path).map_err(|source| ChartError::FontUnreadable { path: path.to_path_buf(), source })?;
    FontRef::try_from_slice(&bytes).map_err(|_| ChartError::FontInvalid { path: path.to_path_buf() })?;
    register(path, move || Ok(Box::leak(bytes.into_boxed_slice())))
}

/// Registers `bytes()` under `path` unless a font is registered already (the same: nothing to do).
fn register(path: &Path, bytes: impl FnOnce() -> Result<&'static [u8], ChartError>) -> Result<(), ChartError> {
    let invalid = || ChartError::FontInvalid { path: path.to_path_buf() };
    let _guard = REGISTERING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(existing) = FONT.get() {
        return if existing.path == path {
            Ok(())
        } else {
            Err(ChartError::FontAlreadyRegistered { path: path.to_path_buf(), registered: existing.path.clone() })
        };
    }
    let bytes = bytes()?;
    let font = FontRef::try_from_slice(bytes).map_err(|_| invalid())?;
    plotters::style::register_font(FAMILY.as_str(), FontStyle::Normal, bytes).map_err(|_| invalid())?;
    let _ = FONT.set(LoadedFont { path: path.to_path_buf(), font });
    Ok(())
}

/// The path of the font PNG charts use, if one is registered.
pub fn registered_font() -> Option<PathBuf> {
    FONT.get().map(|loaded| loaded.path.clone())
}

/// The registered font, for drawing.
pub fn loaded() -> Result<&'static LoadedFont, ChartError> {
    FONT.get().ok_or(ChartError::FontNotRegistered)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_font_embedded_registers_once_and_again() {
        register_embedded_font().unwrap();
        register_embedded_font().unwrap();
        assert_eq!(registered_font().unwrap(), Path::new(EMBEDDED_FONT_NAME));
    }

    #[test]
    fn chart_font_cannot_be_swapped_for_another() {
        register_embedded_font().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("Other.ttf");
        std::fs::write(&copy, EMBEDDED_BYTES).unwrap();
        let error = register_font_from_path(&copy).unwrap_err();
        assert!(matches!(error, ChartError::FontAlreadyRegistered { .. }), "{error}");
        assert_eq!(registered_font().unwrap(), Path::new(EMBEDDED_FONT_NAME));
    }

    #[test]
    fn chart_font_embedded_is_dejavu_sans() {
        use ab_glyph::Font;
        let font = embedded();
        assert_eq!(font.units_per_em(), Some(2048.0));
        // DejaVu Sans's own advance of "W" (2025 units) and of "é" (1260).
        assert_eq!(font.h_advance_unscaled(font.glyph_id('W')), 2025.0);
        assert_eq!(font.h_advance_unscaled(font.glyph_id('é')), 1260.0);
    }

    #[test]
    fn chart_font_missing_file_names_the_path() {
        let error = register_font_from_path("/nonexistent/NoSuchFont.ttf").unwrap_err();
        assert!(matches!(error, ChartError::FontUnreadable { .. }));
        let message = error.to_string();
        assert!(message.starts_with("cannot read the chart font /nonexistent/NoSuchFont.ttf: "), "{message}");
    }

    #[test]
    fn chart_font_refuses_a_file_that_is_not_a_font() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fake.ttf");
        std::fs::write(&path, b"<html>not a font at all</html>").unwrap();
        let message = register_font_from_path(&path).unwrap_err().to_string();
        assert_eq!(message, format!("the chart font {} is not a TrueType or OpenType font", path.display()));
    }
}
