//! SVG output: plotters' SVG backend writing into a String. No font is needed; text stays text.

use plotters::prelude::{IntoDrawingArea, SVGBackend};

use super::draw::{self, Texts};
use super::scene::Scene;
use super::ChartError;

/// Writes `scene` as a standalone SVG document with the chart title as its accessible name.
pub fn write(scene: &Scene) -> Result<String, ChartError> {
    // About 150 bytes per shape.
    let mut out = String::with_capacity(scene.shapes.len() * 150 + 256);
    {
        let area = SVGBackend::with_string(&mut out, (scene.width, scene.height)).into_drawing_area();
        draw::draw(&area, scene, Texts::Draw)?;
    }
    Ok(with_title(&out, &scene.title))
}

/// Adds `role="img"` and a `<title>` as the first child of the root element, so screen readers
/// announce the chart by its title. plotters writes the root tag alone on the first line.
fn with_title(svg: &str, title: &str) -> String {
    let Some(end) = svg.find(">\n") else {
        return svg.to_string();
    };
    let mut out = String::with_capacity(svg.len() + title.len() + 48);
    out.push_str(&svg[..end]);
    out.push_str(" role=\"img\">\n<title>");
    escape_into(&mut out, title);
    out.push_str("</title>\n");
    out.push_str(&svg[end + 2..]);
    out
}

/// XML-escapes text (the same five entities plotters uses for its own text and attributes).
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_svg_title_is_escaped_and_first() {
        let svg = "<svg width=\"10\" height=\"10\">\n<rect/>\n</svg>\n";
        let out = with_title(svg, "<Team & \"Ops\">");
        assert_eq!(
            out,
            "<svg width=\"10\" height=\"10\" role=\"img\">\n<title>&lt;Team &amp; &quot;Ops&quot;&gt;</title>\n<rect/>\n</svg>\n"
        );
    }
}
