//! The OpenAPI 3.1 description of `/api/v1`, generated with `utoipa` from the handlers'
//! `#[utoipa::path]` attributes and the serde types they answer with (`ToSchema`; the domain
//! types behind the `skillmix` crate's `openapi` feature). Public: it describes the API and holds
//! no data.
//!
//! Every route of [`super::ROUTES`] must be listed in [`ApiDoc`]'s `paths`, and nothing else:
//! the test below compares the two in both directions.

use super::ErrorBody;
use axum::Json;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Skillmix API",
        version = "1",
        description = "Team capability data for integrations. Authenticate with `Authorization: Bearer <token>` \
            (create one with `skillmix token create --email EMAIL`). Errors answer with a JSON body \
            (`ErrorBody`): 401 without a valid token, 403 when the user's role does not allow the request, \
            404 for ids that do not exist or that the caller may not reach, 409 when the request clashes \
            with what is stored, 422 naming the parameter or field that is wrong."
    ),
    servers((url = "/api/v1")),
    paths(
        document,
        super::teams::list,
        super::teams::show,
        super::heatmap::json,
        super::heatmap::csv,
        super::heatmap::svg,
        super::heatmap::png,
        super::training::json,
        super::training::csv,
        super::org::json,
        super::org::csv,
        super::org::svg,
        super::org::png,
        super::people::show,
        super::people::record,
        super::people::export,
        super::import::role_profile,
        super::workshops::list,
        super::workshops::show,
        super::workshops::calendar,
    ),
    // The roll-up's published figures are inlined in it (they are generic), and query parameters
    // name their values' schemas: those schemas on their own.
    components(schemas(
        ErrorBody,
        skillmix::analysis::rollup::SkillCell,
        skillmix::analysis::rollup::StaleFigures,
        skillmix::analysis::rollup::Risks,
        skillmix::analysis::matrix::SortKey,
        super::heatmap::SourceCode,
    )),
    modifiers(&Common),
    security(("bearer" = []), ("session" = [])),
)]
pub struct ApiDoc;

/// A file's bytes (PNG pictures).
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct Binary(Vec<u8>);

/// This document.
#[utoipa::path(get, path = "/openapi.json", security(()),
    responses((status = 200, description = "The OpenAPI 3.1 document of the API", body = Object)))]
pub async fn document() -> Json<serde_json::Value> {
    Json(build())
}

/// The document, as JSON.
pub fn build() -> serde_json::Value {
    serde_json::to_value(ApiDoc::openapi()).expect("the OpenAPI document serialises")
}

/// The security schemes, and the error answers every operation can give (unless the operation
/// names its own body for that status): 401, 403, 404 for paths with an id, 422 for operations
/// with parameters, 500. The document itself is public and answers only 200.
struct Common;

impl Modify for Common {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A token from `skillmix token create --email EMAIL`"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "skillmix",
                "The browser's session cookie (`__Host-skillmix` behind TLS)",
            ))),
        );
        for (path, item) in openapi.paths.paths.iter_mut() {
            if path == "/openapi.json" {
                continue;
            }
            let has_id = path.contains('{');
            for operation in [&mut item.get, &mut item.post].into_iter().flatten() {
                let has_parameters = has_id || operation.parameters.as_ref().is_some_and(|p| !p.is_empty());
                let mut errors = vec![
                    ("401", "Not signed in: no token, or a token that is unknown, revoked or expired"),
                    ("403", "The caller's role does not allow this request"),
                ];
                if has_id {
                    errors.push(("404", "No such id, or one the caller may not reach"));
                }
                if has_parameters || operation.request_body.is_some() {
                    errors.push(("422", "A parameter or field is not valid: `fields` names it"));
                }
                errors.push(("500", "Something failed on the server: the message has a reference for the logs"));
                for (status, description) in errors {
                    add_error(operation, status, description);
                }
            }
        }
    }
}

fn add_error(operation: &mut Operation, status: &str, description: &str) {
    operation.responses.responses.entry(status.to_string()).or_insert_with(|| {
        RefOr::T(
            ResponseBuilder::new()
                .description(description)
                .content("application/json", ContentBuilder::new().schema(Some(ErrorBody::schema_ref())).build())
                .build(),
        )
    });
}

trait SchemaRef {
    fn schema_ref() -> RefOr<utoipa::openapi::schema::Schema>;
}

impl<T: ToSchema> SchemaRef for T {
    fn schema_ref() -> RefOr<utoipa::openapi::schema::Schema> {
        RefOr::Ref(utoipa::openapi::Ref::from_schema_name(T::name()))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// The document's operations, as (METHOD, path).
    fn documented() -> BTreeSet<(String, String)> {
        let doc = super::build();
        let mut operations = BTreeSet::new();
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for (method, _) in item.as_object().expect("a path item") {
                if ["get", "put", "post", "delete", "patch", "head", "options", "trace"].contains(&method.as_str()) {
                    operations.insert((method.to_uppercase(), path.clone()));
                }
            }
        }
        operations
    }

    /// Every route of the router is documented, and every documented operation is a route: a
    /// new route without documentation (or a documented route that is gone) fails here.
    #[test]
    fn the_document_lists_exactly_the_routes_of_the_router() {
        let routes: BTreeSet<(String, String)> =
            super::super::ROUTES.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
        let documented = documented();
        let undocumented: Vec<_> = routes.difference(&documented).collect();
        let not_routes: Vec<_> = documented.difference(&routes).collect();
        assert!(undocumented.is_empty(), "routes missing from the OpenAPI document: {undocumented:?}");
        assert!(not_routes.is_empty(), "documented operations that are not routes: {not_routes:?}");
    }

    /// Every operation names its path parameters, answers with at least one success, and (but
    /// the document itself) documents the error body for 401 and 403; every `$ref` resolves.
    #[test]
    fn operations_are_complete_and_references_resolve() {
        let doc = super::build();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let names: Vec<&str> = op["parameters"]
                    .as_array()
                    .map(|ps| ps.iter().filter(|p| p["in"] == "path").filter_map(|p| p["name"].as_str()).collect())
                    .unwrap_or_default();
                for segment in path.split('/').filter(|s| s.starts_with('{')) {
                    let name = segment.trim_start_matches('{').trim_end_matches('}');
                    assert!(names.contains(&name), "{method} {path} does not describe {{{name}}}");
                }
                let responses = op["responses"].as_object().unwrap();
                assert!(responses.keys().any(|s| s.starts_with('2')), "{method} {path} has no success answer");
                if path != "/openapi.json" {
                    for status in ["401", "403", "500"] {
                        assert!(
                            responses[status]["content"]["application/json"]["schema"]["$ref"]
                                .as_str()
                                .is_some_and(|r| r.ends_with("/ErrorBody")),
                            "{method} {path} {status}"
                        );
                    }
                }
            }
        }
        let text = doc.to_string();
        for reference in text.split("\"$ref\":\"").skip(1).map(|r| &r[..r.find('"').unwrap()]) {
            let name = reference.strip_prefix("#/components/schemas/").expect("a schema reference");
            assert!(doc["components"]["schemas"][name].is_object(), "{reference} does not resolve");
        }
        assert_eq!(doc["openapi"], "3.1.0");
        assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    }
}
