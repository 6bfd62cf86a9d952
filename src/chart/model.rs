//! What a heatmap chart shows: labels, cells and legend, with colours already chosen.
//!
//! These types are independent of the analysis code on purpose: the caller decides the palette
//! (sequential for levels, diverging for gaps and calibration) and the text printed in each cell,
//! so the chart module only lays out and draws.

use super::ChartError;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const WHITE: Rgb = Rgb(255, 255, 255);
    pub const BLACK: Rgb = Rgb(0, 0, 0);
}

/// One filled cell. The text is always printed: colour is never the only signal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartCell {
    /// Printed centred in the cell, e.g. "3", "+2", "<5" or "–" for a suppressed value.
    pub text: String,
    pub fill: Rgb,
    pub text_colour: Rgb,
}

impl ChartCell {
    pub fn new(text: impl Into<String>, fill: Rgb, text_colour: Rgb) -> Self {
        Self { text: text.into(), fill, text_colour }
    }
}

/// One legend item: a swatch drawn like a cell (fill and marker text), then its meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegendEntry {
    /// Printed inside the swatch, the same text the cells use (e.g. "3"); may be empty.
    pub marker: String,
    /// What the swatch means, e.g. "Practitioner".
    pub label: String,
    pub fill: Rgb,
    pub text_colour: Rgb,
}

impl LegendEntry {
    pub fn new(marker: impl Into<String>, label: impl Into<String>, fill: Rgb, text_colour: Rgb) -> Self {
        Self { marker: marker.into(), label: label.into(), fill, text_colour }
    }
}

/// A header spanning consecutive columns (e.g. a skill category).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnGroup {
    pub title: String,
    /// How many columns, from where the previous group ended.
    pub columns: usize,
}

impl ColumnGroup {
    pub fn new(title: impl Into<String>, columns: usize) -> Self {
        Self { title: title.into(), columns }
    }
}

/// A labelled grid of coloured, annotated cells: the team skill-mix heatmap (people × skills) and
/// the organisation roll-up (teams × skills) both use it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HeatmapChart {
    pub title: String,
    pub subtitle: Option<String>,
    /// One per row, top to bottom (people, or teams in the roll-up).
    pub row_labels: Vec<String>,
    /// Optional; when present the groups must cover every column, in order.
    pub column_groups: Vec<ColumnGroup>,
    /// One per column, left to right (skills). Drawn rotated, truncated with "…" when very long.
    pub column_labels: Vec<String>,
    /// Row-major, `cells[row][column]`; `None` is an empty cell (nothing to show).
    pub cells: Vec<Vec<Option<ChartCell>>>,
    /// Heading printed before the legend items, e.g. "Skill level".
    pub legend_title: Option<String>,
    pub legend: Vec<LegendEntry>,
    /// Small print under the chart, e.g. how small groups are suppressed. Wrapped to the width.
    pub footnote: Option<String>,
}

impl HeatmapChart {
    /// An empty chart with a title; fill in the fields directly.
    pub fn new(title: impl Into<String>) -> Self {
        Self { title: title.into(), ..Self::default() }
    }

    /// True when there is no grid to draw: the chart then says "No data".
    pub fn is_empty(&self) -> bool {
        self.row_labels.is_empty() || self.column_labels.is_empty()
    }

    /// Checks that the rows, columns, cells and groups agree, naming the first mismatch.
    pub fn validate(&self) -> Result<(), ChartError> {
        self.validate_rows()?;
        self.validate_groups()
    }

    fn validate_rows(&self) -> Result<(), ChartError> {
        if self.cells.len() != self.row_labels.len() {
            return Err(ChartError::InvalidInput(format!(
                "cells has {} rows but row_labels has {}",
                self.cells.len(),
                self.row_labels.len()
            )));
        }
        let columns = self.column_labels.len();
        for (index, (row, label)) in self.cells.iter().zip(&self.row_labels).enumerate() {
            if row.len() != columns {
                return Err(ChartError::InvalidInput(format!(
                    "row {} ({label:?}) has {} cells, expected {columns} (one per column label)",
                    index + 1,
                    row.len()
                )));
            }
        }
        Ok(())
    }

    fn validate_groups(&self) -> Result<(), ChartError> {
        if self.column_groups.is_empty() {
            return Ok(());
        }
        if let Some((index, group)) = self.column_groups.iter().enumerate().find(|(_, g)| g.columns == 0) {
            return Err(ChartError::InvalidInput(format!(
                "column group {} ({:?}) has no columns",
                index + 1,
                group.title
            )));
        }
        let covered: usize = self.column_groups.iter().map(|g| g.columns).sum();
        if covered != self.column_labels.len() {
            return Err(ChartError::InvalidInput(format!(
                "column groups cover {covered} columns, expected {} (one per column label)",
                self.column_labels.len()
            )));
        }
        Ok(())
    }

    /// The group index of every column (all zero when there are no groups).
    pub(crate) fn group_of_columns(&self) -> Vec<usize> {
        if self.column_groups.is_empty() {
            return vec![0; self.column_labels.len()];
        }
        self.column_groups
            .iter()
            .enumerate()
            .flat_map(|(index, group)| std::iter::repeat_n(index, group.columns))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_by_three() -> HeatmapChart {
        let cell = Some(ChartCell::new("3", Rgb(1, 2, 3), Rgb::WHITE));
        HeatmapChart {
            row_labels: vec!["Ann".into(), "Bob".into()],
            column_labels: vec!["A".into(), "B".into(), "C".into()],
            cells: vec![vec![cell.clone(), None, cell.clone()], vec![None, None, cell]],
            ..HeatmapChart::new("t")
        }
    }

    #[test]
    fn chart_validation_accepts_consistent_data() {
        let mut chart = two_by_three();
        chart.validate().unwrap();
        chart.column_groups = vec![ColumnGroup::new("x", 1), ColumnGroup::new("y", 2)];
        chart.validate().unwrap();
        assert_eq!(chart.group_of_columns(), vec![0, 1, 1]);
    }

    #[test]
    fn chart_validation_names_the_short_row() {
        let mut chart = two_by_three();
        chart.cells[1].pop();
        let message = chart.validate().unwrap_err().to_string();
        assert_eq!(message, "invalid chart data: row 2 (\"Bob\") has 2 cells, expected 3 (one per column label)");
    }

    #[test]
    fn chart_validation_checks_row_count_and_groups() {
        let mut chart = two_by_three();
        chart.cells.pop();
        assert!(chart.validate().unwrap_err().to_string().contains("cells has 1 rows but row_labels has 2"));

        let mut chart = two_by_three();
        chart.column_groups = vec![ColumnGroup::new("x", 2)];
        assert!(chart.validate().unwrap_err().to_string().contains("cover 2 columns, expected 3"));
        chart.column_groups = vec![ColumnGroup::new("x", 3), ColumnGroup::new("empty", 0)];
        assert!(chart.validate().unwrap_err().to_string().contains("group 2 (\"empty\") has no columns"));
    }

    #[test]
    fn chart_without_rows_or_columns_is_empty() {
        assert!(HeatmapChart::new("t").is_empty());
        assert!(!two_by_three().is_empty());
    }
}
