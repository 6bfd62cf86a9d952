//! Release-mode timings of the chart exports on the 20 people × 60 skills team heatmap.
//!
//! Run with `cargo bench -p skillmix --features charts --bench charts`. Targets on a 2-core
//! machine: SVG under 5 ms, PNG under 30 ms. Prints the median and the fastest of many runs.

use std::hint::black_box;
use std::time::{Duration, Instant};

// `fixture` imports the chart types through `super::`, so they are imported here.
use skillmix::chart::{self, ChartCell, ChartSize, ColumnGroup, HeatmapChart, LegendEntry, Rgb};

/// The same sample data the unit tests use.
#[path = "../src/chart/fixture.rs"]
#[allow(dead_code)]
mod fixture;

/// Runs `work` once to warm up, then `runs` times; returns (median, fastest).
fn time(runs: usize, mut work: impl FnMut()) -> (Duration, Duration) {
    work();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[runs / 2], times[0])
}

fn report(name: &str, runs: usize, bytes: usize, work: impl FnMut()) {
    let (median, fastest) = time(runs, work);
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("{name:<34} median {:>7.2} ms   fastest {:>7.2} ms   {:>8} bytes", ms(median), ms(fastest), bytes);
}

fn main() {
    chart::register_embedded_font().expect("the embedded DejaVu Sans");
    let team: HeatmapChart = fixture::sample(20, 60);
    for (name, size) in [("slide (natural size, 16:9)", ChartSize::SLIDE), ("1920 × 1080", ChartSize::FULL_HD)] {
        let svg = chart::render_svg(&team, size).unwrap().len();
        report(&format!("SVG 20 × 60, {name}"), 201, svg, || {
            black_box(chart::render_svg(black_box(&team), size).unwrap());
        });
        let png = chart::render_png(&team, size).unwrap().len();
        report(&format!("PNG 20 × 60, {name}"), 51, png, || {
            black_box(chart::render_png(black_box(&team), size).unwrap());
        });
    }
}
