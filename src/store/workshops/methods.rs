//! The method library: the built-in methods (added once from [`built_in_methods`], matched on
//! name, never deleted, so their ids are stable) and the methods leads add.

use crate::store::{begin_write, now_utc, Pool, StoreError, StoreResult};
use crate::validation::{optional_text, required_text, FieldErrors};
use crate::workshop::methods::built_in_methods;
use crate::workshop::model::{Method, MethodCategory};
use crate::Id;

pub const METHOD_NAME_MAX: usize = 120;
pub const METHOD_DESCRIPTION_MAX: usize = 1000;

/// A row of `workshop_methods`.
#[derive(sqlx::FromRow)]
struct MethodRow {
    id: Id,
    name: String,
    default_minutes: i64,
    description: String,
    category: MethodCategory,
    built_in: i64,
}

impl From<MethodRow> for Method {
    fn from(row: MethodRow) -> Method {
        Method {
            id: Some(row.id),
            name: row.name,
            default_minutes: row.default_minutes.clamp(0, 1440) as u32,
            description: row.description,
            category: row.category,
            built_in: row.built_in == 1,
        }
    }
}

/// Adds any built-in method the library does not hold yet. Cheap when they are all there.
pub async fn ensure_built_in_methods(pool: &Pool) -> StoreResult<()> {
    let library = built_in_methods();
    let present: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM workshop_methods WHERE built_in = 1").fetch_one(pool).await?;
    if present as usize >= library.len() {
        return Ok(());
    }
    let mut tx = begin_write(pool).await?;
    let now = now_utc();
    for method in &library {
        sqlx::query(
            "INSERT INTO workshop_methods (name, default_minutes, description, category, built_in, created_at)
             VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (name) DO NOTHING",
        )
        .bind(&method.name)
        .bind(i64::from(method.default_minutes))
        .bind(&method.description)
        .bind(method.category.code())
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The whole library: built-in methods in library order, then leads' own by name.
pub async fn list_methods(pool: &Pool) -> StoreResult<Vec<Method>> {
    ensure_built_in_methods(pool).await?;
    let rows: Vec<MethodRow> = sqlx::query_as(
        "SELECT id, name, default_minutes, description, category, built_in FROM workshop_methods
         ORDER BY built_in DESC, CASE WHEN built_in = 1 THEN id END, name COLLATE NOCASE",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Method::from).collect())
}

pub async fn get_method(pool: &Pool, id: Id) -> StoreResult<Method> {
    let row: MethodRow = sqlx::query_as(
        "SELECT id, name, default_minutes, description, category, built_in FROM workshop_methods WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?
    .ok_or(StoreError::NotFound("Method"))?;
    Ok(row.into())
}

/// Adds a lead's own method. Names are unique in the library (ignoring case).
pub async fn create_method(pool: &Pool, method: &Method, created_by_user_id: Option<Id>) -> StoreResult<Id> {
    ensure_built_in_methods(pool).await?;
    let mut errors = FieldErrors::new();
    let name = required_text(&mut errors, "name", "a name for the method", &method.name, METHOD_NAME_MAX);
    let description =
        optional_text(&mut errors, "description", "the description", &method.description, METHOD_DESCRIPTION_MAX)
            .unwrap_or_default();
    if method.default_minutes > 1440 {
        errors.add("default_minutes", "Default minutes must be 1440 or fewer");
    }
    if !errors.is_empty() {
        return Err(StoreError::Invalid(errors));
    }
    let taken: Option<Id> = sqlx::query_scalar("SELECT id FROM workshop_methods WHERE name = ? COLLATE NOCASE")
        .bind(&name)
        .fetch_optional(pool)
        .await?;
    if taken.is_some() {
        return Err(StoreError::invalid("name", format!("The library already has a method called \"{name}\"")));
    }
    let mut tx = begin_write(pool).await?;
    let id: Id = sqlx::query_scalar(
        "INSERT INTO workshop_methods (name, default_minutes, description, category, built_in, created_by_user_id, created_at)
         VALUES (?, ?, ?, ?, 0, ?, ?) RETURNING id",
    )
    .bind(&name)
    .bind(i64::from(method.default_minutes))
    .bind(description)
    .bind(method.category.code())
    .bind(created_by_user_id)
    .bind(now_utc())
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| match StoreError::on_unique(e, "") {
        StoreError::Conflict(_) => {
            StoreError::invalid("name", format!("The library already has a method called \"{name}\""))
        }
        other => other,
    })?;
    tx.commit().await?;
    Ok(id)
}
