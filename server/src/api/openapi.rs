//! The OpenAPI 3.1 description of `/api/v1`. Public: it describes the API and holds no data.

use axum::Json;
use serde_json::{json, Value};

/// One documented operation: method, path, summary, and the JSON schema name it returns.
struct Operation {
    method: &'static str,
    path: &'static str,
    summary: &'static str,
    response: &'static str,
    content_type: &'static str,
}

const OPERATIONS: &[Operation] = &[
    Operation { method: "get", path: "/teams", summary: "Teams the caller may see, with their ids", response: "TeamList", content_type: "application/json" },
    Operation { method: "get", path: "/teams/{id}", summary: "A team with its members and their role levels", response: "TeamDetail", content_type: "application/json" },
    Operation { method: "get", path: "/people/{id}", summary: "A person's current levels by source and their assessment history", response: "PersonDetail", content_type: "application/json" },
    Operation { method: "post", path: "/people/{id}/assessments", summary: "Record levels for a person (body: source, assessed_on, evidence, levels [{skill_id, level}]); 201 with the new ids", response: "Recorded", content_type: "application/json" },
];

pub async fn document() -> Json<Value> {
    Json(build())
}

/// The document, built from [`OPERATIONS`].
pub fn build() -> Value {
    let mut paths = serde_json::Map::new();
    for op in OPERATIONS {
        let mut parameters = Vec::new();
        if op.path.contains("{id}") {
            parameters.push(json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } }));
        }
        let entry = paths.entry(op.path.to_string()).or_insert_with(|| json!({}));
        entry[op.method] = json!({
            "summary": op.summary,
            "parameters": parameters,
            "security": [{ "bearer": [] }, { "session": [] }],
            "responses": {
                "200": { "description": "OK", "content": { op.content_type: { "schema": { "$ref": format!("#/components/schemas/{}", op.response) } } } },
                "401": { "description": "Not signed in", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
                "403": { "description": "Not allowed", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
                "404": { "description": "Not found", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
            }
        });
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Skillmix API",
            "version": "1",
            "description": "Team capability data for integrations. Authenticate with `Authorization: Bearer <token>` (create one with `skillmix token create --email EMAIL`)."
        },
        "servers": [{ "url": "/api/v1" }],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearer": { "type": "http", "scheme": "bearer" },
                "session": { "type": "apiKey", "in": "cookie", "name": "skillmix" }
            },
            "schemas": schemas()
        }
    })
}

fn schemas() -> Value {
    let role_level = json!({ "type": ["object", "null"], "properties": { "id": { "type": "integer" }, "role": { "type": "string" }, "level": { "type": "string" } } });
    let team = json!({
        "type": "object",
        "required": ["id", "name"],
        "properties": {
            "id": { "type": "integer" }, "name": { "type": "string" }, "description": { "type": "string" },
            "framework_version_id": { "type": "integer" }, "review_cadence_months": { "type": "integer" }
        }
    });
    json!({
        "Error": { "type": "object", "properties": { "error": { "type": "string" }, "message": { "type": "string" }, "fields": { "type": "array", "items": { "type": "object" } } } },
        "Team": team,
        "Recorded": { "type": "object", "properties": { "ids": { "type": "array", "items": { "type": "integer" } } } },
        "TeamList": { "type": "array", "items": { "$ref": "#/components/schemas/Team" } },
        "TeamDetail": {
            "allOf": [{ "$ref": "#/components/schemas/Team" }, {
                "type": "object",
                "properties": { "members": { "type": "array", "items": {
                    "type": "object",
                    "properties": { "person_id": { "type": "integer" }, "name": { "type": "string" }, "is_lead": { "type": "boolean" }, "role_level": role_level, "target_role_level": role_level }
                } } }
            }]
        },
        "PersonDetail": {
            "type": "object",
            "properties": {
                "id": { "type": "integer" }, "name": { "type": "string" }, "email": { "type": ["string", "null"] },
                "role_level": role_level, "target_role_level": role_level,
                "team_ids": { "type": "array", "items": { "type": "integer" } },
                "current": { "type": "array", "items": { "type": "object" } },
                "history": { "type": "array", "items": { "type": "object" } }
            }
        }
    })
}

/// The documented paths (for tests that check every route is described).
#[cfg(test)]
pub fn documented_paths() -> Vec<String> {
    OPERATIONS.iter().map(|o| format!("/api/v1{}", o.path)).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_operation_has_a_schema() {
        let doc = super::build();
        for op in super::OPERATIONS {
            assert!(doc["components"]["schemas"][op.response].is_object(), "{} has no schema", op.response);
            assert!(doc["paths"][op.path][op.method].is_object());
        }
    }
}
