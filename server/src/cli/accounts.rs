//! `skillmix user add|reset-password|disable|enable` and `skillmix token create|list|revoke`:
//! setting up sign-ins and API clients.

use crate::error::{Error, Result};
use app::ssr::auth::{check_password_policy, hash_password, new_token, temporary_password, token_digest};
use skillmix::access::UserRole;
use skillmix::store::{accounts, audit, people, Pool};
use std::io::Read;

/// Adds a user with the password read from standard input. A lead or member is linked to the
/// person with the same email (created when missing) and joined to `team` (as its lead for a lead).
pub async fn add_user(pool: &Pool, email: &str, role: &str, team: Option<&str>, password: &str) -> Result<()> {
    let role = UserRole::from_code(role)
        .ok_or_else(|| Error::Invalid(format!("--role must be admin, lead, member or viewer, not \"{role}\"")))?;
    let email = email.trim().to_lowercase();
    if !email.contains('@') {
        return Err(Error::Invalid(format!("--email \"{email}\" is not an email address")));
    }
    check_password_policy(password, &email).map_err(Error::Invalid)?;
    let team_id = match team {
        Some(name) => Some(team_by_name(pool, name).await?),
        None => None,
    };
    let person_id = match role {
        UserRole::Lead | UserRole::Member => Some(person_for(pool, &email).await?),
        UserRole::Admin | UserRole::Viewer => None,
    };
    if let (Some(team_id), Some(person_id)) = (team_id, person_id) {
        people::set_membership(pool, team_id, person_id, role == UserRole::Lead).await?;
    }
    let hash = hash_password(password.to_string()).await?;
    let id = accounts::create_user(pool, &email, &hash, role, person_id).await?;
    let actor = audit::Actor { user_id: None, email: Some("command line".into()) };
    audit::record(pool, &actor, "user.add", Some(&format!("user:{id} role:{}", role.code())), audit::Outcome::Ok, None)
        .await?;
    println!("Added {email} as {}.", role.title());
    Ok(())
}

/// Reads a password from standard input (the first line, without its line ending).
pub fn read_password_stdin() -> Result<String> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).map_err(Error::file("read the password from", "standard input"))?;
    let line = text.lines().next().unwrap_or_default().to_string();
    if line.is_empty() {
        return Err(Error::Invalid("no password on standard input (pipe it in, for example: printf '%s' \"$PASSWORD\" | skillmix user add ...)".into()));
    }
    Ok(line)
}

async fn team_by_name(pool: &Pool, name: &str) -> Result<skillmix::Id> {
    people::list_teams(pool)
        .await?
        .into_iter()
        .find(|t| t.name.eq_ignore_ascii_case(name.trim()))
        .map(|t| t.id)
        .ok_or_else(|| Error::Invalid(format!("there is no team called \"{name}\"")))
}

/// The person with this email, created (named after the email) when there is none.
async fn person_for(pool: &Pool, email: &str) -> Result<skillmix::Id> {
    let existing: Option<skillmix::Id> =
        sqlx::query_scalar("SELECT id FROM people WHERE email = ?").bind(email).fetch_optional(pool).await?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let form = people::PersonForm { name: name_from_email(email), email: email.to_string(), ..Default::default() };
    Ok(people::create_person(pool, &form, None).await?)
}

/// "jo.bloggs@example.gov.uk" -> "Jo Bloggs".
fn name_from_email(email: &str) -> String {
    email
        .split('@')
        .next()
        .unwrap_or(email)
        .split(['.', '_', '-'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut chars = p.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The actor the audit log names for the command line.
fn command_line() -> audit::Actor {
    audit::Actor { user_id: None, email: Some("command line".into()) }
}

async fn user_by_email(pool: &Pool, email: &str) -> Result<accounts::User> {
    accounts::find_user_by_email(pool, email)
        .await?
        .ok_or_else(|| Error::Invalid(format!("there is no user with the email address {email}")))
}

async fn record(pool: &Pool, action: &str, target: &str) -> Result<()> {
    Ok(audit::record(pool, &command_line(), action, Some(target), audit::Outcome::Ok, None).await?)
}

/// Creates an API token for a user, live for `days` days, and prints it once; only its digest
/// is stored.
pub async fn create_token(pool: &Pool, email: &str, label: &str, days: i64) -> Result<()> {
    if !(1..=accounts::TOKEN_DAYS_MAX).contains(&days) {
        return Err(Error::Invalid(format!("--expires-in must be 1 to {} days, not {days}", accounts::TOKEN_DAYS_MAX)));
    }
    let user = user_by_email(pool, email).await?;
    if user.disabled {
        return Err(Error::Invalid(format!("{email} is disabled")));
    }
    let token = new_token();
    let id = accounts::add_token_expiring(pool, user.id, &token_digest(&token), label, days).await?;
    record(pool, "token.create", &format!("user:{} token:{id}", user.id)).await?;
    println!("{token}");
    Ok(())
}

/// Prints the API tokens (all, or one user's) as a table; never the tokens themselves.
pub async fn list_tokens(pool: &Pool, email: Option<&str>) -> Result<()> {
    let user_id = match email {
        Some(email) => Some(user_by_email(pool, email).await?.id),
        None => None,
    };
    let tokens = accounts::list_tokens(pool, user_id).await?;
    print!("{}", token_table(&tokens));
    Ok(())
}

/// The table `token list` prints: a header and one tab-separated line per token.
fn token_table(tokens: &[accounts::TokenRow]) -> String {
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let mut out = String::from("id\temail\tlabel\tcreated\texpires\tlast used\trevoked\n");
    for t in tokens {
        let label = if t.label.is_empty() { "-".to_string() } else { t.label.replace(['\t', '\n', '\r'], " ") };
        let created = t.created_at.get(..19).map(|s| format!("{s}Z")).unwrap_or_else(|| t.created_at.clone());
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            t.id,
            t.email,
            label,
            created,
            dash(&t.expires_at),
            dash(&t.last_used_at),
            dash(&t.revoked_at)
        ));
    }
    out
}

/// Revokes a token by id.
pub async fn revoke_token(pool: &Pool, id: skillmix::Id) -> Result<()> {
    accounts::revoke_token(pool, id).await.map_err(|e| match e {
        skillmix::store::StoreError::NotFound(_) => Error::Invalid(format!("there is no API token with the id {id}")),
        other => Error::Store(other),
    })?;
    record(pool, "token.revoke", &format!("token:{id}")).await?;
    println!("Revoked API token {id}.");
    Ok(())
}

/// Gives a user a one-time temporary password, printed once; they must replace it at their
/// next sign-in, and their sessions and tokens end now.
pub async fn reset_password(pool: &Pool, email: &str) -> Result<()> {
    let user = user_by_email(pool, email).await?;
    let password = temporary_password();
    let hash = hash_password(password.clone()).await?;
    accounts::set_password_hash(pool, user.id, &hash, true).await?;
    record(pool, "user.reset-password", &format!("user:{}", user.id)).await?;
    println!("Temporary password for {} (shown once; they must choose a new one when they sign in):", user.email);
    println!("{password}");
    Ok(())
}

/// Disables (their sessions and tokens end now) or enables a user.
pub async fn set_disabled(pool: &Pool, email: &str, disabled: bool) -> Result<()> {
    let user = user_by_email(pool, email).await?;
    accounts::set_disabled(pool, user.id, disabled).await?;
    let action = if disabled { "user.disable" } else { "user.enable" };
    record(pool, action, &format!("user:{}", user.id)).await?;
    println!("{} {}.", if disabled { "Disabled" } else { "Enabled" }, user.email);
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_come_from_emails() {
        assert_eq!(super::name_from_email("jo.bloggs@example.gov.uk"), "Jo Bloggs");
        assert_eq!(super::name_from_email("sam_o-neil@x.uk"), "Sam O Neil");
    }
}
