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
    Operation { method: "post", path: "/import/role-profile", summary: "Read a role profile without saving it. Body: the page text (plain text, Markdown or HTML, any content type, up to 8 MiB). Returns the profile as understood, with the lines not understood, and the reading's report: what the import page previews. 422 with the reason (file, line) when no role profile can be read. Needs Import on the framework (leads and administrators)", response: "RoleProfilePreview", content_type: "application/json" },
    Operation { method: "post", path: "/people/{id}/assessments", summary: "Record levels for a person (body: source, assessed_on, evidence, levels [{skill_id, level}]); 201 with the new ids", response: "Recorded", content_type: "application/json" },
    Operation { method: "get", path: "/teams/{id}/training-needs.json", summary: "The team's training-needs analysis: every need with its priority and factors, needs grouped by skill and level, who is due for review, with names (query: source=latest|lead|self|peer, target=yes to include career paths; needs Export on the team)", response: "TrainingNeeds", content_type: "application/json" },
    Operation { method: "get", path: "/teams/{id}/training-needs.csv", summary: "The team's training needs as a spreadsheet: one row per need with person, skill, levels, gap, priority, each factor, evidence date and staleness; formula cells neutralised (same query as the JSON)", response: "TrainingNeedsCsv", content_type: "text/csv" },
    Operation { method: "get", path: "/workshops", summary: "Workshop programmes the caller may see, with their ids, teams, targeted skills and dates", response: "WorkshopList", content_type: "application/json" },
    Operation { method: "get", path: "/workshops/{id}.json", summary: "A workshop programme: details, events with agendas and computed times (in the programme's zone and with their UTC offset), invitations, attendance, actions and outcomes (needs Export on the programme's teams)", response: "WorkshopProgramme", content_type: "application/json" },
    Operation { method: "get", path: "/workshops/{id}/calendar.ics", summary: "The programme's events as an RFC 5545 calendar: one VEVENT per event with a stable UID, times in UTC, as a file download", response: "WorkshopCalendar", content_type: "text/calendar" },
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
    let mut schemas = json!({
        "Error": { "type": "object", "properties": { "error": { "type": "string" }, "message": { "type": "string" }, "fields": { "type": "array", "items": { "type": "object" } } } },
        "Team": team,
        "RoleProfilePreview": super::import::schema(),
        "Recorded": { "type": "object", "properties": { "ids": { "type": "array", "items": { "type": "integer" } } } },
        "TrainingNeeds": super::training::schema(),
        "TrainingNeedsCsv": { "type": "string", "description": "RFC 4180 CSV, a header row then one row per need, highest priority first" },
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
    });
    for (name, schema) in super::workshops::schemas() {
        schemas[name] = schema;
    }
    schemas
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
