//! `GET /api/v1/teams/{id}/heatmap.{svg,png,json,csv}?mode=level|gap|calibration&source=...`:
//! the team heatmap for slides (SVG, PNG drawn with plotters), integrations (JSON: rows, columns
//! and cells) and spreadsheets (RFC 4180 CSV with formula cells neutralised).

use super::{ApiCaller, ApiError, ApiPath, ApiQuery, ApiResult, AppStateRef, ErrorBody};
use app::server_fns::analysis::HeatmapQuery;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use skillmix::access::{Action, Resource};
use skillmix::analysis::matrix::{matrix, Matrix, TeamIndex};
use skillmix::chart::{self, ChartFormat, ChartSize};
use skillmix::Id;
use utoipa::{IntoParams, ToSchema};

/// The query of an export: the same settings as the page.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// What the cells show: the level (default), the gap against the role level, or self
    /// against lead.
    #[serde(default)]
    #[param(value_type = Option<skillmix::analysis::matrix::Mode>)]
    mode: String,
    /// Which assessments count (default latest).
    #[serde(default)]
    #[param(value_type = Option<SourceCode>)]
    source: String,
    /// How people are ordered (default by name).
    #[serde(default)]
    #[param(value_type = Option<skillmix::analysis::matrix::SortKey>)]
    sort_people: String,
    /// How skills are ordered within their kind (default by name).
    #[serde(default)]
    #[param(value_type = Option<skillmix::analysis::matrix::SortKey>)]
    sort_skills: String,
    /// Comma-separated kind codes (the page sends `kind` repeatedly; both work): ddat,
    /// technical, behavioural, other, sfia. Every kind when left out.
    #[serde(default)]
    #[param(value_type = Option<String>, pattern = "^((ddat|technical|behavioural|other|sfia)(,(ddat|technical|behavioural|other|sfia))*)?$")]
    kinds: String,
    /// Only the people at this role level.
    role_level: Option<Id>,
    /// The picture's width in pixels, 1 to 3840 (images only; JSON and CSV ignore it); missing
    /// sides follow the data, 16:9.
    width: Option<u32>,
    /// The picture's height in pixels, 1 to 3840 (images only).
    height: Option<u32>,
}

/// The `source` of an export: which assessments count.
#[derive(ToSchema)]
#[schema(rename_all = "kebab-case")]
#[allow(dead_code)]
pub enum SourceCode {
    /// The latest assessment of any source.
    Latest,
    Lead,
    #[schema(rename = "self")]
    SelfAssessment,
    Peer,
}

/// The largest width or height an image export may ask for, in pixels (a 4K screen's width).
/// Larger pictures cost seconds of drawing and a buffer of tens of megabytes, and no screen or
/// slide needs them.
pub const MAX_REQUESTED_SIDE: u32 = 3840;

/// How many charts are drawn at the same time, across every image export: drawing a PNG keeps a
/// core busy, and the machine has few, so one viewer asking for many cannot take them all.
pub const RENDER_PERMITS: usize = 2;

/// How long an image export waits for its turn before it is answered 503.
const RENDER_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

static RENDERS: std::sync::LazyLock<std::sync::Arc<tokio::sync::Semaphore>> =
    std::sync::LazyLock::new(|| std::sync::Arc::new(tokio::sync::Semaphore::new(RENDER_PERMITS)));

/// Refuses a requested width or height over [`MAX_REQUESTED_SIDE`] (or zero) with a 422 that
/// names the parameter and the limit, before any work is done.
pub fn check_requested_size(width: Option<u32>, height: Option<u32>) -> ApiResult<()> {
    for (name, value) in [("width", width), ("height", height)] {
        match value {
            Some(0) => {
                return Err(ApiError(app::error::AppError::field(name, format!("The {name} must be at least 1 pixel"))))
            }
            Some(v) if v > MAX_REQUESTED_SIDE => {
                return Err(ApiError(app::error::AppError::field(
                    name,
                    format!("The {name} must be at most {MAX_REQUESTED_SIDE} pixels (asked for {v})"),
                )))
            }
            _ => {}
        }
    }
    Ok(())
}

/// Draws a chart off the async runtime, at most [`RENDER_PERMITS`] at a time. A chart that
/// cannot be drawn at its size is a 422 naming the limit; a server busy for longer than
/// [`RENDER_WAIT`] answers 503 with `Retry-After`.
pub async fn render_chart(
    chart: chart::HeatmapChart,
    size: ChartSize,
    format: ChartFormat,
) -> Result<Vec<u8>, Response> {
    render_with(&RENDERS, RENDER_WAIT, chart, size, format).await
}

async fn render_with(
    permits: &std::sync::Arc<tokio::sync::Semaphore>,
    wait: std::time::Duration,
    chart: chart::HeatmapChart,
    size: ChartSize,
    format: ChartFormat,
) -> Result<Vec<u8>, Response> {
    let internal = |e: &dyn std::fmt::Display| ApiError(app::error::AppError::internal(&e)).into_response();
    let permit = match tokio::time::timeout(wait, permits.clone().acquire_owned()).await {
        Ok(Ok(permit)) => permit,
        Ok(Err(closed)) => return Err(internal(&closed)),
        Err(_) => {
            tracing::warn!("image export refused: every drawing slot stayed busy for {wait:?}");
            let status = axum::http::StatusCode::SERVICE_UNAVAILABLE;
            let body =
                ErrorBody::new(status, "The server is busy drawing other charts. Try again in a minute.", Vec::new());
            return Err((status, [(header::RETRY_AFTER, "30")], Json(body)).into_response());
        }
    };
    let drawn = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        chart::render(&chart, size, format)
    })
    .await
    .map_err(|e| internal(&e))?;
    drawn.map_err(|e| match e {
        chart::ChartError::TooSmall { .. } | chart::ChartError::TooLarge { .. } => {
            ApiError(app::error::AppError::field("width", e.to_string())).into_response()
        }
        other => internal(&other),
    })
}

async fn build(
    state: &app::ssr::AppState,
    caller: &ApiCaller,
    id: Id,
    query: ExportQuery,
    what: &str,
) -> ApiResult<(String, Matrix)> {
    caller.require(state, Action::Export, Resource::Team { id }).await?;
    let data = skillmix::store::team_data::load(&state.pool, id).await?;
    let settings = HeatmapQuery {
        mode: query.mode,
        source: query.source,
        sort_people: query.sort_people,
        sort_skills: query.sort_skills,
        kinds: query.kinds,
        role_level: query.role_level,
        person: None,
        skill: None,
    };
    let options = app::server_fns::analysis::ssr::matrix_options(&settings, data.team.review_cadence_months)?;
    let index = TeamIndex::new(data.input(app::ssr::today()));
    let result = matrix(&index, &options);
    let _ = skillmix::store::audit::record(
        &state.pool,
        &caller.0.actor(),
        &format!("export.heatmap.{what}"),
        Some(&format!("team:{id}")),
        skillmix::store::audit::Outcome::Ok,
        None,
    )
    .await;
    Ok((data.team.name, result))
}

/// `?kind=ddat&kind=sfia` as well as `?kinds=ddat,sfia`.
fn with_repeated_kinds(mut query: ExportQuery, raw: Option<&str>) -> ExportQuery {
    let repeated: Vec<String> =
        raw.unwrap_or_default().split('&').filter_map(|pair| pair.strip_prefix("kind=")).map(str::to_string).collect();
    if !repeated.is_empty() {
        query.kinds = repeated.join(",");
    }
    query
}

/// The team's skill-mix heatmap as data: rows (people), columns (skills), cells and legend.
/// Needs Export on the team.
#[utoipa::path(get, path = "/teams/{id}/heatmap.json", params(("id" = Id, Path, example = 1, description = "The team's id"), ExportQuery, ("kind" = Option<Vec<skillmix::framework::SkillKind>>, Query, explode, description = "A kind of skill to show, repeated (instead of `kinds`)")),
    responses((status = 200, description = "The heatmap", body = Matrix)))]
pub async fn json(
    state: AppStateRef,
    caller: ApiCaller,
    ApiPath(id): ApiPath<Id>,
    uri: axum::http::Uri,
    ApiQuery(query): ApiQuery<ExportQuery>,
) -> ApiResult<Json<Matrix>> {
    let query = with_repeated_kinds(query, uri.query());
    let (_, result) = build(&state, &caller, id, query, "json").await?;
    Ok(Json(result))
}

/// The heatmap as RFC 4180 CSV: a header of skill names, one row per person, cells as the page
/// shows them; formula cells neutralised. A file download.
#[utoipa::path(get, path = "/teams/{id}/heatmap.csv", params(("id" = Id, Path, example = 1, description = "The team's id"), ExportQuery, ("kind" = Option<Vec<skillmix::framework::SkillKind>>, Query, explode, description = "A kind of skill to show, repeated (instead of `kinds`)")),
    responses((status = 200, description = "The heatmap as CSV", content_type = "text/csv; charset=utf-8", body = String)))]
pub async fn csv(
    state: AppStateRef,
    caller: ApiCaller,
    ApiPath(id): ApiPath<Id>,
    uri: axum::http::Uri,
    ApiQuery(query): ApiQuery<ExportQuery>,
) -> ApiResult<Response> {
    let query = with_repeated_kinds(query, uri.query());
    let (name, result) = build(&state, &caller, id, query, "csv").await?;
    let body = matrix_csv(&result);
    Ok(download(body.into_bytes(), "text/csv; charset=utf-8", &file_name(&name, "csv")))
}

/// The heatmap as an SVG picture for slides (shown inline).
#[utoipa::path(get, path = "/teams/{id}/heatmap.svg", params(("id" = Id, Path, example = 1, description = "The team's id"), ExportQuery, ("kind" = Option<Vec<skillmix::framework::SkillKind>>, Query, explode, description = "A kind of skill to show, repeated (instead of `kinds`)")),
    responses((status = 200, description = "The heatmap as SVG", content_type = "image/svg+xml", body = String),
        (status = 422, description = "A setting is not known, or a side is over 3840 pixels or too small for the data", body = ErrorBody),
        (status = 503, description = "Every drawing slot stayed busy for 30 seconds: try again", body = ErrorBody,
            headers(("retry-after" = u32, description = "Seconds to wait"))),))]
pub async fn svg(
    state: AppStateRef,
    caller: ApiCaller,
    path: ApiPath<Id>,
    uri: axum::http::Uri,
    query: ApiQuery<ExportQuery>,
) -> ApiResult<Response> {
    image(state, caller, path, uri, query, ChartFormat::Svg).await
}

/// The heatmap as a PNG picture for slides (shown inline).
#[utoipa::path(get, path = "/teams/{id}/heatmap.png", params(("id" = Id, Path, example = 1, description = "The team's id"), ExportQuery, ("kind" = Option<Vec<skillmix::framework::SkillKind>>, Query, explode, description = "A kind of skill to show, repeated (instead of `kinds`)")),
    responses((status = 200, description = "The heatmap as PNG", content_type = "image/png", body = super::openapi::Binary),
        (status = 422, description = "A setting is not known, or a side is over 3840 pixels or too small for the data", body = ErrorBody),
        (status = 503, description = "Every drawing slot stayed busy for 30 seconds: try again", body = ErrorBody,
            headers(("retry-after" = u32, description = "Seconds to wait"))),))]
pub async fn png(
    state: AppStateRef,
    caller: ApiCaller,
    path: ApiPath<Id>,
    uri: axum::http::Uri,
    query: ApiQuery<ExportQuery>,
) -> ApiResult<Response> {
    image(state, caller, path, uri, query, ChartFormat::Png).await
}

async fn image(
    state: AppStateRef,
    caller: ApiCaller,
    ApiPath(id): ApiPath<Id>,
    uri: axum::http::Uri,
    ApiQuery(query): ApiQuery<ExportQuery>,
    format: ChartFormat,
) -> ApiResult<Response> {
    let query = with_repeated_kinds(query, uri.query());
    check_requested_size(query.width, query.height)?;
    let size = ChartSize { width: query.width, height: query.height, slide_aspect: true };
    let extension = if format == ChartFormat::Png { "png" } else { "svg" };
    let (name, result) = build(&state, &caller, id, query, extension).await?;
    let subtitle = format!("{} · {} assessments", result.mode.title(), source_title(result.source));
    let heatmap = chart::matrix_chart(&result, &format!("{name}: skill mix"), &subtitle);
    match render_chart(heatmap, size, format).await {
        Ok(bytes) => Ok(download(bytes, format.content_type(), &file_name(&name, extension))),
        Err(refused) => Ok(refused),
    }
}

fn source_title(source: skillmix::assessment::SourceFilter) -> &'static str {
    match source {
        skillmix::assessment::SourceFilter::Latest => "latest",
        skillmix::assessment::SourceFilter::Only(s) => s.title(),
    }
}

/// The heatmap as RFC 4180 CSV: a header of skill names (SFIA skills with their code, so that
/// each column is named once), one row per person, the cell text as the page shows it ("" where
/// there is nothing). Every cell is neutralised for spreadsheets.
pub fn matrix_csv(result: &Matrix) -> String {
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(result.rows.len() + 1);
    let mut header = vec!["Person".to_string()];
    header.extend(result.columns.iter().map(|c| skillmix::framework::skill_display_name(c.kind, &c.name, &c.code)));
    rows.push(header);
    for (row, cells) in result.rows.iter().zip(&result.cells) {
        let mut line = vec![row.name.clone()];
        line.extend(cells.iter().map(|c| if c.text == "–" { String::new() } else { c.text.clone() }));
        rows.push(line);
    }
    skillmix::csv_safe::write_csv(rows)
}

pub fn file_name(team: &str, extension: &str) -> String {
    let slug = skillmix::framework::slug(team);
    format!("{}-heatmap.{extension}", if slug.is_empty() { "team".into() } else { slug })
}

/// A response the browser saves under `name` (inline for images so slides can link them).
pub fn download(bytes: Vec<u8>, content_type: &str, name: &str) -> Response {
    let disposition = if content_type.starts_with("image/") { "inline" } else { "attachment" };
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, format!("{disposition}; filename=\"{name}\"")),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Duration;

    fn small_chart() -> chart::HeatmapChart {
        let mut heatmap = chart::HeatmapChart::new("Test");
        heatmap.column_labels = vec!["Skill".into()];
        heatmap.row_labels = vec!["Person".into()];
        heatmap.cells = vec![vec![Some(chart::ChartCell::new("3", chart::Rgb(1, 2, 3), chart::Rgb::WHITE))]];
        heatmap
    }

    /// Drawing waits for a free slot: with every slot taken the request is answered 503 once
    /// the wait is over, and draws as soon as a slot is free again.
    #[tokio::test]
    async fn drawing_waits_for_one_of_the_permits() {
        let permits = Arc::new(tokio::sync::Semaphore::new(RENDER_PERMITS));
        let held = permits.clone().acquire_many_owned(RENDER_PERMITS as u32).await.unwrap();
        let refused =
            render_with(&permits, Duration::from_millis(50), small_chart(), ChartSize::AUTO, ChartFormat::Svg)
                .await
                .unwrap_err();
        assert_eq!(refused.status(), axum::http::StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(refused.headers()[header::RETRY_AFTER], "30");
        drop(held);
        let drawn = render_with(&permits, Duration::from_millis(50), small_chart(), ChartSize::AUTO, ChartFormat::Svg)
            .await
            .unwrap();
        assert!(String::from_utf8(drawn).unwrap().contains("<svg"));
        assert_eq!(permits.available_permits(), RENDER_PERMITS, "the permit is given back after drawing");
    }

    #[test]
    fn requested_sizes_are_bounded() {
        assert!(check_requested_size(None, None).is_ok());
        assert!(check_requested_size(Some(MAX_REQUESTED_SIDE), Some(MAX_REQUESTED_SIDE)).is_ok());
        let too_wide = check_requested_size(Some(MAX_REQUESTED_SIDE + 1), None).unwrap_err();
        assert_eq!(too_wide.0.status(), 422);
        let fields = too_wide.0.field_errors().expect("a field error").0.clone();
        assert!(format!("{fields:?}").contains("at most 3840 pixels (asked for 3841)"), "{fields:?}");
        assert_eq!(check_requested_size(None, Some(0)).unwrap_err().0.status(), 422);
    }
}
