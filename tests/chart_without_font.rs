//! A PNG chart asked for before any font is registered is an error that says what to do, and an
//! SVG needs no font. Its own test binary, so its own process: fonts are registered once per
//! process, and every other chart test registers the embedded one.

use skillmix::chart::{self, ChartError, ChartSize};
// The sample chart of the chart module's own tests, which names these through `super::`.
#[allow(unused_imports)]
use skillmix::chart::{ChartCell, ColumnGroup, HeatmapChart, LegendEntry, Rgb};

#[path = "../src/chart/fixture.rs"]
#[allow(dead_code)]
mod fixture;

#[test]
fn a_png_without_a_registered_font_is_an_error_and_svg_needs_none() {
    assert!(chart::registered_font().is_none());
    let chart = fixture::sample(2, 2);
    let error = chart::render_png(&chart, ChartSize::AUTO).unwrap_err();
    assert!(matches!(error, ChartError::FontNotRegistered), "{error}");
    assert!(error.to_string().contains("chart::register_embedded_font"), "{error}");
    chart::render_svg(&chart, ChartSize::AUTO).unwrap();
}
