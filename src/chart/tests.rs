//! End-to-end tests of the chart exports: what the SVG contains, that the PNG decodes at the
//! stated size, escaping, determinism, and the full 20 × 60 team heatmap.

use super::fixture::{sample, LEVELS};
use super::scene::{self, Shape};
use super::*;

fn font() {
    register_embedded_font().expect("the embedded DejaVu Sans");
}

/// XML-escapes like the SVG writer, to look for labels in the output.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

/// A small well-formedness check: tags nest and close, attribute quotes pair up, every `&` starts
/// an entity, and there are no characters XML 1.0 forbids.
fn assert_well_formed(xml: &str) {
    assert!(!xml.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "control character in XML");
    let mut open: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        assert_entities(&rest[..start]);
        let end = start + rest[start..].find('>').expect("unclosed tag");
        let tag = &rest[start + 1..end];
        assert!(!tag.contains('<') && tag.matches('"').count().is_multiple_of(2), "malformed tag <{tag}>");
        assert_entities(tag);
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(open.pop(), Some(name), "mismatched </{name}>");
        } else if !tag.ends_with('/') {
            open.push(tag.split_whitespace().next().expect("tag name"));
        }
        rest = &rest[end + 1..];
    }
    assert_entities(rest);
    assert!(open.is_empty(), "unclosed elements {open:?}");
}

fn assert_entities(text: &str) {
    for (index, _) in text.match_indices('&') {
        let after = &text[index..];
        let known = ["&lt;", "&gt;", "&amp;", "&quot;", "&apos;"].iter().any(|e| after.starts_with(e));
        assert!(known, "bare & at {:?}", &after[..after.len().min(20)]);
    }
}

/// Width and height of a PNG, after decoding every pixel.
fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = ::png::Decoder::new(bytes);
    let mut reader = decoder.read_info().expect("PNG header");
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).expect("PNG data");
    assert_eq!(info.color_type, ::png::ColorType::Rgb);
    (info.width, info.height, pixels)
}

fn svg_size(svg: &str) -> (u32, u32) {
    let attr = |name: &str| -> u32 {
        let start = svg.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        svg[start..].split('"').next().unwrap().parse().unwrap()
    };
    (attr("width"), attr("height"))
}

#[test]
fn chart_svg_contains_every_label_of_the_team_heatmap() {
    let chart = sample(20, 60);
    let svg = render_svg(&chart, ChartSize::SLIDE).unwrap();
    assert_well_formed(&svg);
    let texts = chart.row_labels.iter().chain(&chart.column_labels).chain(chart.legend.iter().map(|l| &l.label));
    for label in texts.chain(chart.column_groups.iter().map(|g| &g.title)) {
        assert!(svg.contains(&format!(">\n{}\n</text>", escaped(label))), "missing label {label:?}");
    }
    assert!(svg.contains("<title>Platform team: skill levels</title>"));
    assert!(svg.contains(">\nSkill level\n</text>"));
    assert!(svg.contains(">\n20 people × 60 skills, latest assessments\n</text>"));
    assert!(svg.contains("transform=\"rotate(270, "), "column labels are rotated");
}

#[test]
fn chart_svg_prints_every_cell_value() {
    let chart = sample(20, 60);
    let scene = scene::build(&chart, ChartSize::SLIDE).unwrap();
    let values: usize = chart.cells.iter().flatten().flatten().count();
    let light = LEVELS[0].2;
    let printed = scene.labels().filter(|l| ["1", "2", "3", "4"].contains(&l.text.as_str())).count();
    // The legend markers print 1-4 once each as well.
    assert_eq!(printed, values + 4);
    assert!(values > 1000 && values < 1200, "about one in seven cells is blank, got {values}");
    let fills = scene.shapes.iter().filter(|s| matches!(s, Shape::Rect { fill, .. } if *fill == light)).count();
    assert!(fills > 100);
}

#[test]
fn chart_svg_is_sized_for_a_slide_and_labels_stay_readable() {
    let chart = sample(20, 60);
    let svg = render_svg(&chart, ChartSize::SLIDE).unwrap();
    let (width, height) = svg_size(&svg);
    assert!((1600..=2000).contains(&width), "width {width}");
    assert!((i64::from(width) * 9 - i64::from(height) * 16).abs() <= 16, "{width}×{height} is not 16:9");
    let scene = scene::build(&chart, ChartSize::SLIDE).unwrap();
    let smallest = scene.labels().map(|l| l.em).fold(f64::MAX, f64::min);
    assert!(smallest >= 12.0, "smallest text is {smallest}px");
    for label in scene.labels() {
        assert!(label.x >= 0 && label.y >= 0 && label.x <= width as i32 && label.y <= height as i32);
    }
}

#[test]
fn chart_full_hd_rollup_is_exactly_1920_by_1080_with_large_text() {
    let chart = sample(20, 60);
    let svg = render_svg(&chart, ChartSize::FULL_HD).unwrap();
    assert_eq!(svg_size(&svg), (1920, 1080));
    assert!(svg.contains("viewBox=\"0 0 1920 1080\""));
    let scene = scene::build(&chart, ChartSize::FULL_HD).unwrap();
    let smallest = |names: bool| {
        let texts = scene.labels().filter(|l| !names || (l.text.len() > 1 && l.colour == theme::INK));
        texts.map(|l| l.em).fold(f64::MAX, f64::min)
    };
    assert!(smallest(true) >= 18.0, "names are {}px at 1920 × 1080", smallest(true));
    assert!(smallest(false) >= 16.0, "some text is {}px at 1920 × 1080", smallest(false));
    for shape in &scene.shapes {
        if let Shape::Rect { x0, y0, x1, y1, .. } = shape {
            assert!(*x0 >= 0 && *y0 >= 0 && *x1 <= 1920 && *y1 <= 1080, "{shape:?} leaves the canvas");
        }
    }
}

#[test]
fn chart_png_decodes_at_the_stated_size() {
    font();
    let chart = sample(20, 60);
    let (width, height, pixels) = decode_png(&render_png(&chart, ChartSize::FULL_HD).unwrap());
    assert_eq!((width, height), (1920, 1080));
    assert_eq!(&pixels[..3], &[255, 255, 255], "white background");
    let dark = LEVELS[3].2;
    let dark_pixels = pixels.chunks(3).filter(|p| *p == [dark.0, dark.1, dark.2]).count();
    assert!(dark_pixels > 20_000, "expert cells are drawn ({dark_pixels} pixels)");
    let ink_pixels = pixels.chunks(3).filter(|p| p[0] < 60 && p[1] < 60 && p[2] < 60).count();
    assert!(ink_pixels > 5_000, "text is drawn ({ink_pixels} dark pixels)");

    let size = ChartSize { width: Some(1280), height: None, slide_aspect: true };
    let (width, height, _) = decode_png(&render_png(&chart, size).unwrap());
    assert_eq!((width, height), (1280, 720));
}

#[test]
fn chart_svg_and_png_are_deterministic() {
    font();
    let chart = sample(20, 60);
    assert_eq!(render_svg(&chart, ChartSize::SLIDE).unwrap(), render_svg(&chart, ChartSize::SLIDE).unwrap());
    let first = render_png(&chart, ChartSize::SLIDE).unwrap();
    assert_eq!(first, render_png(&chart, ChartSize::SLIDE).unwrap());
    assert_eq!(&first[..8], b"\x89PNG\r\n\x1a\n");
}

#[test]
fn chart_svg_escapes_names_with_xml_characters() {
    let mut chart = sample(3, 4);
    chart.title = "Team <Ops> & \"Friends\"".into();
    chart.row_labels[0] = "<script>&\"x\"".into();
    chart.row_labels[1] = "Tab\tand\u{7}bell".into();
    chart.column_labels[0] = "a<b>&c'd".into();
    chart.column_groups[0].title = "R&D <core>".into();
    chart.legend[0].label = "<1 & \"low\"".into();
    chart.cells[0][1] = Some(ChartCell::new("<5", Rgb(200, 200, 200), Rgb::BLACK));
    let svg = render_svg(&chart, ChartSize::SLIDE).unwrap();
    assert_well_formed(&svg);
    assert!(svg.contains(">\n&lt;script&gt;&amp;&quot;x&quot;\n</text>"));
    assert!(svg.contains(">\nTab and bell\n</text>"));
    assert!(svg.contains(">\na&lt;b&gt;&amp;c&apos;d\n</text>"));
    assert!(svg.contains(">\n&lt;5\n</text>"));
    assert!(svg.contains("<title>Team &lt;Ops&gt; &amp; &quot;Friends&quot;</title>"));
    assert!(!svg.contains("<script"));
}

#[test]
fn chart_long_labels_are_drawn_whole() {
    let mut chart = sample(2, 3);
    let long = "Availability and capacity management across hybrid cloud estates";
    chart.column_labels[1] = long.into();
    chart.row_labels[0] = format!("{long} (acting head of profession)");
    for size in [ChartSize::SLIDE, ChartSize::FULL_HD] {
        let svg = render_svg(&chart, size).unwrap();
        assert!(svg.contains(&format!(">\n{long}\n</text>")), "the column label whole");
        assert!(svg.contains(&format!(">\n{long} (acting head of profession)\n</text>")), "the row label whole");
        assert!(!svg.contains('…'), "nothing cut");
    }
}

#[test]
fn chart_cell_text_too_wide_for_a_narrow_column_goes_on_two_lines_whole() {
    font();
    // As the organisation roll-up: few rows, many columns, a figure with its trend per cell.
    let mut chart = sample(3, 60);
    for row in &mut chart.cells {
        for cell in row.iter_mut().flatten() {
            cell.text = "40% ↑12".into();
        }
    }
    let svg = render_svg(&chart, ChartSize::FULL_HD).unwrap();
    assert!(!svg.contains("40% ↑12"), "the columns are too narrow for one line");
    let filled = chart.cells.iter().flatten().flatten().count();
    assert!(filled > 150, "{filled} filled cells");
    assert_eq!(svg.matches(">\n40%\n</text>").count(), filled, "every figure is drawn whole");
    assert_eq!(svg.matches(">\n↑12\n</text>").count(), filled, "with its trend beneath");
    assert!(!svg.contains("40…") && !svg.contains("4…"), "no figure is cut short");
}

#[test]
fn chart_without_rows_says_no_data() {
    font();
    let mut chart = HeatmapChart::new("New team");
    chart.footnote = Some("Nobody in this team has been assessed yet.".into());
    let svg = render_svg(&chart, ChartSize::SLIDE).unwrap();
    assert_well_formed(&svg);
    assert!(svg.contains(">\nNo data\n</text>"));
    assert!(svg.contains(">\nNobody in this team has been assessed yet.\n</text>"));
    assert_eq!(svg_size(&svg), (960, 540));
    let (width, height, _) = decode_png(&render_png(&chart, ChartSize::FULL_HD).unwrap());
    assert_eq!((width, height), (1920, 1080));

    let error = render_png(&chart, ChartSize::exact(0, 0)).unwrap_err();
    assert!(matches!(error, ChartError::TooSmall { min_width: 320, min_height: 180, .. }), "{error}");

    let mut columns_only = sample(0, 5);
    columns_only.row_labels.clear();
    assert!(render_svg(&columns_only, ChartSize::AUTO).unwrap().contains(">\nNo data\n</text>"));
}

#[test]
fn chart_too_small_or_too_large_is_a_clear_error() {
    let chart = sample(20, 60);
    let error = render_svg(&chart, ChartSize::exact(600, 300)).unwrap_err();
    let ChartError::TooSmall { min_width, min_height, .. } = error else { panic!("{error}") };
    assert!(error.to_string().starts_with("a 600×300 chart is too small for 20 rows × 60 columns"));
    render_svg(&chart, ChartSize::exact(min_width, min_height)).unwrap();
    let error = render_svg(&chart, ChartSize::exact(9000, 5000)).unwrap_err();
    assert!(matches!(error, ChartError::TooLarge { .. }), "{error}");
}

#[test]
fn chart_one_side_given_the_other_follows_the_data() {
    let chart = sample(20, 60);
    let wide = ChartSize { width: Some(2400), height: None, slide_aspect: false };
    let (width, height) = svg_size(&render_svg(&chart, wide).unwrap());
    assert_eq!(width, 2400);
    assert!((1200..1800).contains(&height), "height {height} follows the 20 rows");
    let tall = ChartSize { width: None, height: Some(1600), slide_aspect: false };
    let (width, height) = svg_size(&render_svg(&chart, tall).unwrap());
    assert_eq!(height, 1600);
    assert!((3000..4000).contains(&width), "width {width} follows the 60 columns at scale 1600 / 810");
}

#[test]
fn chart_inconsistent_data_is_refused() {
    let mut chart = sample(3, 4);
    chart.cells[2].push(None);
    let error = render_svg(&chart, ChartSize::AUTO).unwrap_err();
    assert!(error.to_string().contains("row 3 (\"Carys Jones\") has 5 cells, expected 4"), "{error}");
}

#[test]
fn chart_few_cells_on_a_big_canvas_are_capped_and_centred() {
    let chart = sample(3, 4);
    let scene = scene::build(&chart, ChartSize::FULL_HD).unwrap();
    let cells: Vec<_> = scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Rect { x0, x1, y0, y1, .. } if (x1 - x0) < 400 && (y1 - y0) > 20 => Some((*x0, *x1)),
            _ => None,
        })
        .collect();
    let (left, right) = (cells.iter().map(|c| c.0).min().unwrap(), cells.iter().map(|c| c.1).max().unwrap());
    assert!(right - left < 1000, "grid is {left}..{right}");
    assert!(left > 700, "the grid block is centred, starts at {left}");
}

#[test]
fn chart_format_from_extension() {
    assert_eq!(ChartFormat::from_extension("SVG"), Some(ChartFormat::Svg));
    assert_eq!(ChartFormat::from_extension("png"), Some(ChartFormat::Png));
    assert_eq!(ChartFormat::from_extension("gif"), None);
    assert_eq!(ChartFormat::Png.content_type(), "image/png");
    let bytes = render(&sample(2, 2), ChartSize::AUTO, ChartFormat::Svg).unwrap();
    assert!(bytes.starts_with(b"<svg "));
}

/// The PNG writer fills every rectangle before drawing any text; that is only the same picture
/// if no rectangle covers a text drawn before it.
#[test]
fn chart_no_rectangle_covers_an_earlier_text() {
    let mut chart = sample(20, 60);
    chart.footnote = Some("A long footnote that wraps. ".repeat(12));
    for size in [ChartSize::SLIDE, ChartSize::FULL_HD, ChartSize::exact(1000, 1400)] {
        let scene = scene::build(&chart, size).unwrap();
        let mut texts = Vec::new();
        for shape in &scene.shapes {
            match shape {
                Shape::Text(label) => texts.push((label.x, label.y)),
                Shape::Rect { x0, y0, x1, y1, .. } => {
                    let covered = texts.iter().find(|(x, y)| (x0..x1).contains(&x) && (y0..y1).contains(&y));
                    assert!(covered.is_none(), "{shape:?} covers the text at {covered:?}");
                }
            }
        }
    }
}
