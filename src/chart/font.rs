//! The one font PNG charts are drawn with, loaded once at start-up.
//!
//! The font's bytes must live as long as the process (plotters' font table, built with feature
//! `ab_glyph` and without `ttf`, so no fontconfig, only takes `&'static [u8]`), so the file is
//! read once and its bytes are leaked deliberately. The same bytes back the ab_glyph font the PNG
//! writer draws text with. SVG charts need no font: the viewer draws the text.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use ab_glyph::FontRef;
use plotters::style::FontStyle;

use super::draw::FAMILY;
use super::ChartError;

/// Where Debian's `fonts-dejavu-core` installs DejaVu Sans.
pub const DEFAULT_FONT_PATH: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/// The registered font and where it came from.
pub struct LoadedFont {
    pub path: PathBuf,
    pub font: FontRef<'static>,
}

static FONT: OnceLock<LoadedFont> = OnceLock::new();
/// Serialises registration, so two callers cannot both load a font.
static REGISTERING: Mutex<()> = Mutex::new(());

/// Loads the TrueType/OpenType font at `path` for PNG charts. Call it once at start-up, and fail
/// start-up when it fails: the error names the path. Calling it again with the same path does
/// nothing; with another path it is an error (the first font stays).
pub fn register_font_from_path(path: impl AsRef<Path>) -> Result<(), ChartError> {
    let path = path.as_ref();
    let bytes =
        std::fs::read(path).map_err(|source| ChartError::FontUnreadable { path: path.to_path_buf(), source })?;
    let invalid = || ChartError::FontInvalid { path: path.to_path_buf() };
    FontRef::try_from_slice(&bytes).map_err(|_| invalid())?;

    let _guard = REGISTERING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(existing) = FONT.get() {
        return if existing.path == path {
            Ok(())
        } else {
            Err(ChartError::FontAlreadyRegistered { path: path.to_path_buf(), registered: existing.path.clone() })
        };
    }
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
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
    fn chart_font_registers_once_and_again_with_the_same_path() {
        register_font_from_path(DEFAULT_FONT_PATH).unwrap();
        register_font_from_path(DEFAULT_FONT_PATH).unwrap();
        assert_eq!(registered_font().unwrap(), Path::new(DEFAULT_FONT_PATH));
    }

    #[test]
    fn chart_font_cannot_be_swapped_for_another() {
        register_font_from_path(DEFAULT_FONT_PATH).unwrap();
        let bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
        let error = register_font_from_path(bold).unwrap_err();
        assert!(matches!(error, ChartError::FontAlreadyRegistered { .. }), "{error}");
        assert_eq!(registered_font().unwrap(), Path::new(DEFAULT_FONT_PATH));
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
