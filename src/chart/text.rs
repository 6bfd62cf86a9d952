//! Text measuring without a font: widths come from DejaVu Sans advance widths, so layout is the
//! same for SVG and PNG, needs no font for SVG, and is deterministic.
//!
//! DejaVu Sans is wider than most sans-serif fonts a browser substitutes, so text that fits by this
//! measure also fits in an SVG viewed with Arial or Helvetica.

/// Advance widths of DejaVu Sans in 1/2048 em for U+0020..=U+007E, then U+00A0..=U+00FF.
const ADVANCES: [u16; 191] = [
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303, 1303, 1303, 1303,
    1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587,
    1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403,
    799, 690, 799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298,
    1253, 1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716, 651, 821, 1303, 1303,
    1303, 1303, 690, 1024, 1024, 2048, 965, 1253, 1716, 739, 2048, 1024, 1024, 1716, 821, 821, 1024, 1303, 1303, 651,
    1024, 821, 965, 1253, 1985, 1985, 1985, 1087, 1401, 1401, 1401, 1401, 1401, 1401, 1995, 1430, 1294, 1294, 1294,
    1294, 604, 604, 604, 604, 1587, 1532, 1612, 1612, 1612, 1612, 1612, 1716, 1612, 1499, 1499, 1499, 1499, 1251, 1239,
    1290, 1255, 1255, 1255, 1255, 1255, 1255, 2011, 1126, 1260, 1260, 1260, 1260, 569, 569, 569, 569, 1253, 1298, 1253,
    1253, 1253, 1253, 1253, 1716, 1253, 1298, 1298, 1298, 1298, 1212, 1300, 1212,
];

/// The ellipsis appended to truncated labels.
pub const ELLIPSIS: char = '…';

/// Width of one character in em.
fn char_em(c: char) -> f64 {
    let code = c as u32;
    let units = match code {
        0x20..=0x7E => ADVANCES[(code - 0x20) as usize],
        0xA0..=0xFF => ADVANCES[(code - 0xA0 + 95) as usize],
        0x2013 | 0x2019 => 1024,          // en dash, right quote (approximately)
        0x2014 | 0x2026 | 0x2212 => 2048, // em dash, ellipsis, minus
        0x1100..=0x11FF | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFF00..=0xFF60 => 2048,
        _ => 1300,
    };
    f64::from(units) / 2048.0
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
        // "W" is 2025/2048 em, "i" 569/2048 em.
        assert!((width("W", 2048.0) - 2025.0).abs() < 1e-9);
        assert!((width("Wi", 20.48) - 25.94).abs() < 1e-9);
        assert!((width("é", 2048.0) - 1260.0).abs() < 1e-9);
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
