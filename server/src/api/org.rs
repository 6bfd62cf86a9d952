//! `GET /api/v1/org/rollup.{json,csv,svg,png}`: the organisation roll-up with the same small-group
//! suppression as the page (suppressed cells carry no figures in any format). Images are
//! 1920 × 1080 by default (`?width=&height=` to change, each at most
//! [`super::heatmap::MAX_REQUESTED_SIDE`] pixels), legible when projected; at most
//! [`super::heatmap::RENDER_PERMITS`] charts are drawn at a time.

use super::heatmap::download;
use super::{ApiCaller, ApiError, ApiQuery, ApiResult, AppStateRef, ErrorBody};
use app::components::rollup::describe;
use app::error::AppError;
use app::server_fns::org::OrgQuery;
use axum::response::Response;
use axum::Json;
use serde::Deserialize;
use skillmix::access::{Action, Resource};
use skillmix::analysis::suppression::SeniorRollup;
use skillmix::chart::{self, ChartCell, ChartFormat, ChartSize, HeatmapChart, LegendEntry};
use skillmix::Id;
use utoipa::IntoParams;

/// The roll-up's settings: the same as the page's.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RollupQuery {
    /// The framework version (default: the newest).
    version: Option<Id>,
    /// Only the role levels of this role family.
    family: Option<Id>,
    /// The last day of a listed assessment round (YYYY-MM-DD): compare with it instead of the
    /// previous round.
    #[serde(default)]
    #[param(value_type = Option<String>)]
    compare: String,
    /// The picture's width in pixels, 1 to 3840 (images only; default 1920 × 1080).
    width: Option<u32>,
    /// The picture's height in pixels, 1 to 3840 (images only).
    height: Option<u32>,
}

async fn build(
    state: &app::ssr::AppState,
    caller: &ApiCaller,
    query: &RollupQuery,
    what: &str,
) -> ApiResult<Option<(SeniorRollup, u32)>> {
    caller.require(state, Action::Export, Resource::Organisation).await?;
    let org_query = OrgQuery { version: query.version, family: query.family, compare: query.compare.clone() };
    let data = app::server_fns::org::ssr::org_data(state, &org_query).await?;
    let _ = skillmix::store::audit::record(
        &state.pool,
        &caller.0.actor(),
        &format!("export.rollup.{what}"),
        Some("organisation"),
        skillmix::store::audit::Outcome::Ok,
        None,
    )
    .await;
    Ok(data.rollup.map(|r| (r, data.min_group)))
}

fn no_data() -> ApiError {
    ApiError(AppError::NotFound("A framework version".into()))
}

/// The organisation roll-up: per team, per role family and in total, the share of people meeting
/// their required level of each skill, stale evidence and risks. Groups smaller than the
/// minimum group size are suppressed (`{"status": "suppressed"}`, no figures). Needs Export on
/// the organisation (administrators and senior viewers).
#[utoipa::path(get, path = "/org/rollup.json", params(RollupQuery),
    responses((status = 200, description = "The roll-up", body = SeniorRollup), (status = 404, description = "No framework version (or not the one asked for)", body = ErrorBody)))]
pub async fn json(
    state: AppStateRef,
    caller: ApiCaller,
    ApiQuery(query): ApiQuery<RollupQuery>,
) -> ApiResult<Json<SeniorRollup>> {
    let (rollup, _) = build(&state, &caller, &query, "json").await?.ok_or_else(no_data)?;
    Ok(Json(rollup))
}

/// The roll-up as RFC 4180 CSV, suppressed cells without figures. A file download.
#[utoipa::path(get, path = "/org/rollup.csv", params(RollupQuery),
    responses((status = 200, description = "The roll-up as CSV", content_type = "text/csv; charset=utf-8", body = String), (status = 404, description = "No framework version (or not the one asked for)", body = ErrorBody)))]
pub async fn csv(state: AppStateRef, caller: ApiCaller, ApiQuery(query): ApiQuery<RollupQuery>) -> ApiResult<Response> {
    let (rollup, _) = build(&state, &caller, &query, "csv").await?.ok_or_else(no_data)?;
    Ok(download(
        skillmix::analysis::rollup::to_csv(&rollup).into_bytes(),
        "text/csv; charset=utf-8",
        "organisation-rollup.csv",
    ))
}

/// The roll-up as an SVG picture for slides, suppressed cells printed "[c]".
#[utoipa::path(get, path = "/org/rollup.svg", params(RollupQuery),
    responses((status = 200, description = "The roll-up as SVG", content_type = "image/svg+xml", body = String), (status = 404, description = "No framework version (or not the one asked for)", body = ErrorBody),
        (status = 422, description = "A side is over 3840 pixels or too small for the data", body = ErrorBody),
        (status = 503, description = "Every drawing slot stayed busy for 30 seconds: try again", body = ErrorBody,
            headers(("retry-after" = u32, description = "Seconds to wait"))),))]
pub async fn svg(state: AppStateRef, caller: ApiCaller, query: ApiQuery<RollupQuery>) -> ApiResult<Response> {
    image(state, caller, query, ChartFormat::Svg).await
}

/// The roll-up as a PNG picture for slides.
#[utoipa::path(get, path = "/org/rollup.png", params(RollupQuery),
    responses((status = 200, description = "The roll-up as PNG", content_type = "image/png", body = super::openapi::Binary), (status = 404, description = "No framework version (or not the one asked for)", body = ErrorBody),
        (status = 422, description = "A side is over 3840 pixels or too small for the data", body = ErrorBody),
        (status = 503, description = "Every drawing slot stayed busy for 30 seconds: try again", body = ErrorBody,
            headers(("retry-after" = u32, description = "Seconds to wait"))),))]
pub async fn png(state: AppStateRef, caller: ApiCaller, query: ApiQuery<RollupQuery>) -> ApiResult<Response> {
    image(state, caller, query, ChartFormat::Png).await
}

async fn image(
    state: AppStateRef,
    caller: ApiCaller,
    ApiQuery(query): ApiQuery<RollupQuery>,
    format: ChartFormat,
) -> ApiResult<Response> {
    let extension = if format == ChartFormat::Png { "png" } else { "svg" };
    super::heatmap::check_requested_size(query.width, query.height)?;
    let (rollup, k) = build(&state, &caller, &query, extension).await?.ok_or_else(no_data)?;
    let size = match (query.width, query.height) {
        (None, None) => ChartSize::FULL_HD,
        (w, h) => ChartSize { width: w, height: h, slide_aspect: false },
    };
    let heatmap = rollup_chart(&rollup, k);
    match super::heatmap::render_chart(heatmap, size, format).await {
        Ok(bytes) => Ok(download(bytes, format.content_type(), &format!("organisation-rollup.{extension}"))),
        Err(refused) => Ok(refused),
    }
}

/// The roll-up's teams and the organisation's totals as a chart; suppressed cells print "[c]".
/// The picture's cell text: the page's "40% ↑+12" as "40 ↑12" (the subtitle says the figures are
/// percentages, the arrow gives the sign), so that figures fit, on two lines if need be, the
/// narrow columns of a slide with many skills.
fn compact_trend(text: &str) -> String {
    text.replacen('%', "", 1).replacen("↑+", "↑", 1).replacen("↓-", "↓", 1).replacen("→+", "→", 1)
}

pub fn rollup_chart(rollup: &SeniorRollup, k: u32) -> HeatmapChart {
    let mut heatmap = HeatmapChart::new("Capability across the organisation");
    heatmap.subtitle = Some(match rollup.earlier {
        Some(date) => format!("Percentage of people meeting their required level · change since {date}"),
        None => "Percentage of people meeting their required level".to_string(),
    });
    heatmap.column_labels = rollup.columns.iter().map(|c| c.name.clone()).collect();
    let mut rows: Vec<(String, &Vec<_>)> = rollup.teams.iter().map(|r| (r.label.clone(), &r.cells)).collect();
    rows.push(("Organisation".to_string(), &rollup.totals));
    heatmap.row_labels = rows.iter().map(|(label, _)| label.clone()).collect();
    heatmap.cells = rows
        .iter()
        .map(|(label, cells)| {
            cells
                .iter()
                .zip(&rollup.columns)
                .map(|(cell, column)| {
                    let (text, tone, _) = describe(cell, label, &column.name, k);
                    let swatch = tone.swatch();
                    Some(ChartCell::new(compact_trend(&text), chart::rgb(swatch.fill), chart::rgb(swatch.text)))
                })
                .collect()
        })
        .collect();
    let swatch = |tone: skillmix::analysis::matrix::Tone| {
        let s = tone.swatch();
        (chart::rgb(s.fill), chart::rgb(s.text))
    };
    let (low_fill, low_text) = swatch(skillmix::analysis::matrix::Tone::Level(0));
    let (high_fill, high_text) = swatch(skillmix::analysis::matrix::Tone::Level(6));
    let (empty_fill, empty_text) = swatch(skillmix::analysis::matrix::Tone::Empty);
    heatmap.legend_title = Some("Key".into());
    heatmap.legend = vec![
        LegendEntry::new("10", "Few (10%) meet the required level", low_fill, low_text),
        LegendEntry::new("100", "All meet it", high_fill, high_text),
        LegendEntry::new("[c]", format!("Hidden: fewer than {k} people"), empty_fill, empty_text),
        LegendEntry::new("–", "Not required", empty_fill, empty_text),
    ];
    heatmap.footnote = Some(format!("Groups smaller than {k} people are hidden, with further cells hidden where needed so no hidden figure can be worked out. ↑/↓ show the rise or fall in percentage points."));
    heatmap
}
