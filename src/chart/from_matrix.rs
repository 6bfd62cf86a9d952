//! A skill-mix [`Matrix`] as a chart: the same cells, text and palette the page shows, drawn for
//! a slide.

use super::{ChartCell, ColumnGroup, HeatmapChart, LegendEntry, Rgb};
use crate::analysis::matrix::{Matrix, Swatch, Tone};

/// Parses "#RRGGBB"; anything else is black (the palettes are constants, so this never happens).
pub fn rgb(hex: &str) -> Rgb {
    let digits = hex.trim_start_matches('#');
    let channel = |i: usize| digits.get(i..i + 2).and_then(|d| u8::from_str_radix(d, 16).ok()).unwrap_or(0);
    Rgb(channel(0), channel(2), channel(4))
}

fn colours(tone: Tone) -> (Rgb, Rgb) {
    let Swatch { fill, text } = tone.swatch();
    (rgb(fill), rgb(text))
}

/// The team heatmap as a chart titled `title`, with `subtitle` under it (the mode and source).
pub fn matrix_chart(matrix: &Matrix, title: &str, subtitle: &str) -> HeatmapChart {
    let mut chart = HeatmapChart::new(title);
    chart.subtitle = Some(subtitle.to_string());
    chart.row_labels = matrix.rows.iter().map(|r| r.name.clone()).collect();
    chart.column_labels = matrix.columns.iter().map(|c| c.name.clone()).collect();
    chart.column_groups = matrix.groups.iter().map(|g| ColumnGroup::new(g.title.clone(), g.len)).collect();
    chart.cells = matrix
        .cells
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| {
                    let (fill, text) = colours(cell.tone);
                    let shown = if cell.stale { format!("{}*", cell.text) } else { cell.text.clone() };
                    Some(ChartCell::new(shown, fill, text))
                })
                .collect()
        })
        .collect();
    chart.legend_title = Some("Key".to_string());
    chart.legend = matrix
        .legend
        .iter()
        .flat_map(|group| group.entries.iter())
        .map(|entry| {
            let (fill, text) = colours(entry.tone);
            LegendEntry::new(entry.text.clone(), entry.label.clone(), fill, text)
        })
        .collect();
    chart.footnote = Some("* The evidence is older than the team's review cadence.".to_string());
    chart
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours_parse() {
        assert_eq!(rgb("#FDE725"), Rgb(0xFD, 0xE7, 0x25));
        assert_eq!(rgb("#0b0c0c"), Rgb(11, 12, 12));
    }
}
