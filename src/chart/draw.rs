//! Draws a [`Scene`] on a plotters backend: every rectangle, and for SVG every text.
//!
//! The scene places text by its baseline and its size in em. plotters' SVG backend writes
//! `font-size = size / 1.24` and, for top-anchored text, `dy = 0.76em`; the conversion below puts
//! the baseline where the scene says. PNG text is drawn by [`super::glyphs`] instead.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend, Rectangle};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontDesc, FontFamily, FontStyle, FontTransform, RGBColor, TextStyle};

use super::scene::{Align, Label, Scene, Shape};
use super::{ChartError, Rgb};

/// The family every chart text uses (the PNG font is registered under this name).
pub const FAMILY: FontFamily<'static> = FontFamily::SansSerif;

/// plotters' SVG font size for a 1 px em.
const SVG_SIZE_PER_EM: f64 = 1.24;
/// The SVG backend's `dy` for top-anchored text, in em.
const SVG_TOP_TO_BASELINE: f64 = 0.76;

/// Whether the backend draws the texts too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Texts {
    Draw,
    Skip,
}

/// Draws the shapes of `scene` in order, then presents the area.
pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, scene: &Scene, texts: Texts) -> Result<(), ChartError> {
    let mut fonts = FontCache::default();
    for shape in &scene.shapes {
        let drawn = match shape {
            Shape::Rect { x0, y0, x1, y1, fill } => {
                area.draw(&Rectangle::new([(*x0, *y0), (*x1, *y1)], colour(*fill).filled()))
            }
            Shape::Text(label) if texts == Texts::Draw => draw_label(area, label, fonts.get(label)),
            Shape::Text(_) => Ok(()),
        };
        drawn.map_err(|e| ChartError::Drawing(e.to_string()))?;
    }
    area.present().map_err(|e| ChartError::Drawing(e.to_string()))
}

/// Font descriptions by size and direction: creating one looks the family up in plotters'
/// locked font table, and a chart uses only a handful of sizes.
#[derive(Default)]
struct FontCache {
    fonts: Vec<(u64, bool, FontDesc<'static>)>,
}

impl FontCache {
    fn get(&mut self, label: &Label) -> FontDesc<'static> {
        let key = (label.em.to_bits(), label.upright);
        if let Some((_, _, font)) = self.fonts.iter().find(|(em, upright, _)| (*em, *upright) == key) {
            return font.clone();
        }
        let mut font = FontDesc::new(FAMILY, label.em * SVG_SIZE_PER_EM, FontStyle::Normal);
        if !label.upright {
            font = font.transform(FontTransform::Rotate270);
        }
        self.fonts.push((key.0, key.1, font.clone()));
        font
    }
}

type DrawResult<DB> = Result<(), plotters::drawing::DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

fn draw_label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    label: &Label,
    font: FontDesc<'static>,
) -> DrawResult<DB> {
    let to_baseline = (label.em * SVG_TOP_TO_BASELINE).round() as i32;
    let h_pos = match label.align {
        Align::Start => HPos::Left,
        Align::Middle => HPos::Center,
        Align::End => HPos::Right,
    };
    // Rotated a quarter turn anticlockwise, "down" in the text is "right" on the page.
    let position = if label.upright { (label.x, label.y - to_baseline) } else { (label.x - to_baseline, label.y) };
    let style = TextStyle { font, color: colour(label.colour).to_backend_color(), pos: Pos::new(h_pos, VPos::Top) };
    area.draw_text(&label.text, &style, position)
}

fn colour(rgb: Rgb) -> RGBColor {
    RGBColor(rgb.0, rgb.1, rgb.2)
}
