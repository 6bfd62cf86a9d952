//! Text measuring: widths come from the advance widths of the embedded DejaVu Sans (with its
//! kerning left out, so a label's width is the sum of its characters'), so layout is the same for
//! SVG and PNG, needs no font file, and is deterministic.
//!
//! DejaVu Sans is wider than most sans-serif fonts a browser substitutes, so text that fits by this
//! measure also fits in an SVG viewed with Arial or Helvetica.

use ab_glyph::Font;

/// The ellipsis appended to truncated labels.
pub const ELLIPSIS: char = '…';

/// Width of one character in em: the embedded font's advance; a character it has no glyph for
/// counts as a full em (wide scripts) or as the width of an average letter.
fn char_em(c: char) -> f64 {
    let font = super::font::embedded();
    let units_per_em = f64::from(font.units_per_em().unwrap_or(2048.0));
    let glyph = font.glyph_id(c);
    if glyph.0 != 0 {
        return f64::from(font.h_advance_unscaled(glyph)) / units_per_em;
    }
    match c as u32 {
        0x1100..=0x11FF | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFF00..=0xFF60 => 1.0,
        _ => 1300.0 / 2048.0,
    }
}

/// Width of `text` in pixels at a font size of `em` pixels.
pub fn width(text: &str, em: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * em
}

/// Makes caller text safe to draw: control characters (which XML forbids) become spaces, runs of
/// whitespace collapse to one space, and the ends are trimmed.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if c.is_control() || c.is_whitespace() { ' ' } else { c };
        if c != ' ' || !(out.is_empty() || out.ends_with(' ')) {
            out.push(c);
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// Sanitizes `text` and shortens it with an ellipsis to fit `max_px` at `em`. Returns an empty
/// string when not even the ellipsis fits.
pub fn fit(text: &str, em: f64, max_px: f64) -> String {
    let clean = sanitize(text);
    if width(&clean, em) <= max_px {
        return clean;
    }
    let budget = max_px - width(&ELLIPSIS.to_string(), em);
    if budget < 0.0 {
        return String::new();
    }
    let mut used = 0.0;
    let mut end = 0;
    for (index, c) in clean.char_indices() {
        used += char_em(c) * em;
        if used > budget {
            break;
        }
        end = index + c.len_utf8();
    }
    let mut out = clean[..end].trim_end().to_string();
    out.push(ELLIPSIS);
    out
}

/// A cell value's two lines, split at its first space ("40%" and "↑+12"), for a column too narrow
/// for one.
pub fn split_cell(text: &str) -> Option<(&str, &str)> {
    text.split_once(' ')
}

/// Breaks `text` into lines no wider than `max_px` at `em`, at spaces; at most `max_lines`, the
/// last one shortened with an ellipsis when text remains.
pub fn wrap(text: &str, em: f64, max_px: f64, max_lines: usize) -> Vec<String> {
    let clean = sanitize(text);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in clean.split(' ') {
        let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
        if width(&candidate, em) <= max_px || current.is_empty() {
            current = candidate;
            continue;
        }
        lines.push(std::mem::replace(&mut current, word.to_string()));
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        // The joined rest is wider than one line (it wrapped), so `fit` below adds the ellipsis.
        let rest = lines.split_off(max_lines.max(1) - 1).join(" ");
        lines.push(rest);
    }
    lines.into_iter().map(|line| fit(&line, em, max_px)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_text_width_uses_dejavu_advances() {
        // DejaVu Sans: "W" is 2025/2048 em, "i" 569/2048 em, "é" 1260/2048, "’" 651/2048.
        assert!((width("W", 2048.0) - 2025.0).abs() < 1e-9);
        assert!((width("Wi", 20.48) - 25.94).abs() < 1e-9);
        assert!((width("é", 2048.0) - 1260.0).abs() < 1e-9);
        assert!((width("’", 2048.0) - 651.0).abs() < 1e-9);
        // No glyph in the font: a full em for a wide script.
        assert!((width("漢", 10.0) - 10.0).abs() < 1e-9);
    }

    #[test]
    fn chart_text_sanitize_removes_controls_and_collapses_space() {
        assert_eq!(sanitize("  a\u{0}b\n\tc  "), "a b c");
        assert_eq!(sanitize("<script>&\"x\""), "<script>&\"x\"");
    }

    #[test]
    fn chart_text_fit_truncates_with_ellipsis() {
        assert_eq!(fit("Short", 10.0, 1000.0), "Short");
        let long = "Continuous integration and continuous delivery pipelines";
        let fitted = fit(long, 14.0, 120.0);
        assert!(fitted.ends_with(ELLIPSIS), "{fitted}");
        assert!(width(&fitted, 14.0) <= 120.0);
        assert!(fitted.starts_with("Continuous"));
        assert_eq!(fit("Anything", 14.0, 5.0), "");
    }

    #[test]
    fn chart_text_wrap_breaks_at_spaces_and_limits_lines() {
        let lines = wrap("one two three four five six", 10.0, 60.0, 2);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], "one two");
        assert!(lines[1].ends_with(ELLIPSIS));
        assert!(lines.iter().all(|line| width(line, 10.0) <= 60.0));
        assert_eq!(wrap("", 10.0, 60.0, 2), Vec::<String>::new());
    }
}
