//! PNG text: glyphs rasterised with ab_glyph, cached for the length of one render, and blended
//! into the RGB buffer.
//!
//! plotters' own bitmap text places each glyph at the truncated pen position without its side
//! bearing (uneven letter spacing: "skil l") and rasterises every glyph again; a heatmap prints
//! the same few digits a thousand times. Here glyphs sit at quarter-pixel positions with kerning,
//! and each (glyph, size, quarter-pixel offset) is rasterised once.

use std::collections::HashMap;

use ab_glyph::{point, Font, FontRef, GlyphId, PxScale, ScaleFont};

use super::scene::{Align, Label};
use super::Rgb;

/// Subpixel steps per pixel along the line of text.
const SUBPIXELS: f32 = 4.0;

/// A packed 8-bit RGB image being drawn on.
pub struct Canvas<'a> {
    pub pixels: &'a mut [u8],
    pub width: u32,
    pub height: u32,
}

impl Canvas<'_> {
    /// Mixes `colour` into the pixel at `(x, y)` with coverage `alpha`; outside is ignored.
    fn blend(&mut self, x: i32, y: i32, colour: Rgb, alpha: u8) {
        if x < 0 || y < 0 || x as u32 >= self.width || y as u32 >= self.height || alpha == 0 {
            return;
        }
        let at = (y as usize * self.width as usize + x as usize) * 3;
        let (a, keep) = (u32::from(alpha), 255 - u32::from(alpha));
        for (dst, src) in self.pixels[at..at + 3].iter_mut().zip([colour.0, colour.1, colour.2]) {
            *dst = ((u32::from(*dst) * keep + u32::from(src) * a + 127) / 255) as u8;
        }
    }
}

/// A rasterised glyph: coverage values and their offset from the glyph origin on the baseline.
struct Mask {
    left: i32,
    top: i32,
    width: usize,
    alpha: Vec<u8>,
}

/// Draws labels with one font, remembering every glyph it has rasterised.
pub struct Painter<'f> {
    font: &'f FontRef<'static>,
    /// ab_glyph scales so that ascent − descent = the scale; this converts from em.
    scale_per_em: f32,
    cache: HashMap<(GlyphId, u32, u8), Mask>,
}

impl<'f> Painter<'f> {
    pub fn new(font: &'f FontRef<'static>) -> Painter<'f> {
        let units_per_em = font.units_per_em().unwrap_or(2048.0);
        Painter { font, scale_per_em: font.height_unscaled() / units_per_em, cache: HashMap::new() }
    }

    /// Draws one label: upright, or reading bottom to top.
    pub fn draw(&mut self, canvas: &mut Canvas<'_>, label: &Label) {
        let scale = PxScale::from(label.em as f32 * self.scale_per_em);
        let (glyphs, advance) = self.layout(&label.text, scale);
        let start = match label.align {
            Align::Start => 0.0,
            Align::Middle => -advance / 2.0,
            Align::End => -advance,
        };
        for (id, offset) in glyphs {
            let along = start + offset;
            let whole = along.floor();
            let step = ((along - whole) * SUBPIXELS).round() as u8;
            let key = (id, scale.x.to_bits(), step);
            if !self.cache.contains_key(&key) {
                let mask = self.rasterise(id, scale, f32::from(step) / SUBPIXELS);
                self.cache.insert(key, mask);
            }
            let origin = (label.x, label.y, whole as i32);
            blit(canvas, &self.cache[&key], origin, label.upright, label.colour);
        }
    }

    /// Glyph ids with their pen offsets along the line (kerned), and the total advance.
    fn layout(&self, text: &str, scale: PxScale) -> (Vec<(GlyphId, f32)>, f32) {
        let font = self.font.as_scaled(scale);
        let mut pen = 0.0;
        let mut previous = None;
        let mut glyphs = Vec::with_capacity(text.len());
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(previous) = previous {
                pen += font.kern(previous, id);
            }
            glyphs.push((id, pen));
            pen += font.h_advance(id);
            previous = Some(id);
        }
        (glyphs, pen)
    }

    fn rasterise(&self, id: GlyphId, scale: PxScale, offset: f32) -> Mask {
        let glyph = id.with_scale_and_position(scale, point(offset, 0.0));
        let Some(outline) = self.font.outline_glyph(glyph) else {
            return Mask { left: 0, top: 0, width: 0, alpha: Vec::new() };
        };
        let bounds = outline.px_bounds();
        let width = bounds.width() as usize;
        let mut alpha = vec![0u8; width * bounds.height() as usize];
        outline.draw(|x, y, coverage| {
            alpha[y as usize * width + x as usize] = (coverage * 255.0).round().min(255.0) as u8;
        });
        Mask { left: bounds.min.x as i32, top: bounds.min.y as i32, width, alpha }
    }
}

/// Copies a glyph mask to the canvas. `origin` is the label's baseline point and the glyph's
/// whole-pixel offset along the line; rotated text runs upwards with its top to the left.
fn blit(canvas: &mut Canvas<'_>, mask: &Mask, (x, y, along): (i32, i32, i32), upright: bool, colour: Rgb) {
    if mask.width == 0 {
        return;
    }
    for (row, line) in mask.alpha.chunks_exact(mask.width).enumerate() {
        let across = mask.top + row as i32;
        for (column, &alpha) in line.iter().enumerate() {
            let forward = along + mask.left + column as i32;
            if upright {
                canvas.blend(x + forward, y + across, colour, alpha);
            } else {
                canvas.blend(x + across, y - forward - 1, colour, alpha);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{font, register_embedded_font};

    /// The bounding box (x0, y0, x1, y1) of pixels that are no longer white.
    fn ink(pixels: &[u8], width: u32) -> (i32, i32, i32, i32) {
        let mut bounds = (i32::MAX, i32::MAX, i32::MIN, i32::MIN);
        for (index, pixel) in pixels.chunks(3).enumerate() {
            if pixel != [255, 255, 255] {
                let (x, y) = ((index as u32 % width) as i32, (index as u32 / width) as i32);
                bounds = (bounds.0.min(x), bounds.1.min(y), bounds.2.max(x), bounds.3.max(y));
            }
        }
        bounds
    }

    fn paint(text: &str, upright: bool, align: Align) -> (i32, i32, i32, i32) {
        register_embedded_font().unwrap();
        let mut pixels = vec![255u8; 200 * 200 * 3];
        let mut canvas = Canvas { pixels: &mut pixels, width: 200, height: 200 };
        let label = Label { text: text.into(), x: 100, y: 100, em: 20.0, colour: Rgb::BLACK, align, upright };
        Painter::new(&font::loaded().unwrap().font).draw(&mut canvas, &label);
        ink(&pixels, 200)
    }

    #[test]
    fn chart_glyphs_upright_text_sits_on_its_baseline() {
        // "HH" at 20 px: capitals 0.73 em tall, each H 1540/2048 em wide.
        let (x0, y0, x1, y1) = paint("HH", true, Align::Start);
        assert!((100..=103).contains(&x0), "starts at the anchor: {x0}");
        assert!((126..=130).contains(&x1), "two H are about 30 px wide: {x1}");
        assert_eq!(y1, 99, "sits on the baseline");
        assert!((84..=86).contains(&y0), "caps are about 14.6 px tall: {y0}");
        let (x0, _, x1, _) = paint("HH", true, Align::End);
        assert!((96..=100).contains(&x1) && x0 >= 70, "ends at the anchor: {x0}..{x1}");
    }

    #[test]
    fn chart_glyphs_rotated_text_reads_upwards() {
        let (x0, y0, x1, y1) = paint("HH", false, Align::Start);
        assert_eq!(x1, 99, "the baseline is the vertical line at x = 100");
        assert!((84..=86).contains(&x0), "tops of the letters face left: {x0}");
        assert!((97..=100).contains(&y1), "starts at the anchor and runs up: {y1}");
        assert!((69..=74).contains(&y0), "about 30 px long: {y0}");
    }
}
