//! `GET /api/v1/teams/{id}/heatmap.{svg,png,json,csv}?mode=level|gap|calibration&source=...`:
//! the team heatmap for slides (SVG, PNG drawn with plotters), integrations (JSON: rows, columns
//! and cells) and spreadsheets (RFC 4180 CSV with formula cells neutralised).

use super::{ApiCaller, ApiError, ApiResult, AppStateRef};
use app::api::analysis::HeatmapQuery;
use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use skillmix::access::{Action, Resource};
use skillmix::analysis::matrix::{matrix, Matrix, TeamIndex};
use skillmix::chart::{self, ChartFormat, ChartSize};
use skillmix::Id;

/// The query of an export: the same settings as the page.
#[derive(Debug, Default, Deserialize)]
pub struct ExportQuery {
    #[serde(default)]
    mode: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    sort_people: String,
    #[serde(default)]
    sort_skills: String,
    /// Comma-separated kind codes (the page sends `kind` repeatedly; both work).
    #[serde(default)]
    kinds: String,
    role_level: Option<Id>,
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
    let options = app::api::analysis::ssr::matrix_options(&settings, data.team.review_cadence_months)?;
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

pub async fn json(
    state: AppStateRef,
    caller: ApiCaller,
    Path(id): Path<Id>,
    uri: axum::http::Uri,
    Query(query): Query<ExportQuery>,
) -> ApiResult<Json<Matrix>> {
    let query = with_repeated_kinds(query, uri.query());
    let (_, result) = build(&state, &caller, id, query, "json").await?;
    Ok(Json(result))
}

pub async fn csv(
    state: AppStateRef,
    caller: ApiCaller,
    Path(id): Path<Id>,
    uri: axum::http::Uri,
    Query(query): Query<ExportQuery>,
) -> ApiResult<Response> {
    let query = with_repeated_kinds(query, uri.query());
    let (name, result) = build(&state, &caller, id, query, "csv").await?;
    let body = matrix_csv(&result);
    Ok(download(body.into_bytes(), "text/csv; charset=utf-8", &file_name(&name, "csv")))
}

pub async fn svg(
    state: AppStateRef,
    caller: ApiCaller,
    path: Path<Id>,
    uri: axum::http::Uri,
    query: Query<ExportQuery>,
) -> ApiResult<Response> {
    image(state, caller, path, uri, query, ChartFormat::Svg).await
}

pub async fn png(
    state: AppStateRef,
    caller: ApiCaller,
    path: Path<Id>,
    uri: axum::http::Uri,
    query: Query<ExportQuery>,
) -> ApiResult<Response> {
    image(state, caller, path, uri, query, ChartFormat::Png).await
}

async fn image(
    state: AppStateRef,
    caller: ApiCaller,
    Path(id): Path<Id>,
    uri: axum::http::Uri,
    Query(query): Query<ExportQuery>,
    format: ChartFormat,
) -> ApiResult<Response> {
    let query = with_repeated_kinds(query, uri.query());
    let extension = if format == ChartFormat::Png { "png" } else { "svg" };
    let (name, result) = build(&state, &caller, id, query, extension).await?;
    let subtitle = format!("{} · {} assessments", result.mode.title(), source_title(result.source));
    let heatmap = chart::matrix_chart(&result, &format!("{name}: skill mix"), &subtitle);
    let bytes = tokio::task::spawn_blocking(move || chart::render(&heatmap, ChartSize::SLIDE, format))
        .await
        .map_err(|e| ApiError(app::error::AppError::internal(&e)))?
        .map_err(|e| ApiError(app::error::AppError::internal(&e)))?;
    Ok(download(bytes, format.content_type(), &file_name(&name, extension)))
}

fn source_title(source: skillmix::assessment::SourceFilter) -> &'static str {
    match source {
        skillmix::assessment::SourceFilter::Latest => "latest",
        skillmix::assessment::SourceFilter::Only(s) => s.title(),
    }
}

/// The heatmap as RFC 4180 CSV: a header of skill names, one row per person, the cell text as the
/// page shows it ("" where there is nothing). Every cell is neutralised for spreadsheets.
pub fn matrix_csv(result: &Matrix) -> String {
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(result.rows.len() + 1);
    let mut header = vec!["Person".to_string()];
    header.extend(result.columns.iter().map(|c| c.name.clone()));
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
