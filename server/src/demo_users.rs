//! One demo sign-in per role for the demo organisation, so a new user can see every view.

use crate::error::Result;
use app::ssr::auth::hash_password;
use skillmix::access::UserRole;
use skillmix::demo::OrgSeed;
use skillmix::store::{accounts, Pool};

/// Creates the demo users and returns (role, email, password) for each. The password is
/// `password` when given (tests set `SKILLMIX_DEMO_PASSWORD`), otherwise a random one.
pub async fn create(pool: &Pool, org: &OrgSeed, password: Option<String>) -> Result<Vec<(String, String, String)>> {
    let password = password.unwrap_or_else(|| app::ssr::auth::new_token()[4..24].to_string());
    let lead = org.leads(0).next().map(|i| org.people[i].email.clone());
    let member = org
        .members(0)
        .find(|i| !org.people[*i].memberships.iter().any(|m| m.lead))
        .map(|i| org.people[i].email.clone());
    let mut wanted = vec![(UserRole::Admin, "admin@example.gov.uk".to_string())];
    wanted.extend(lead.map(|email| (UserRole::Lead, email)));
    wanted.extend(member.map(|email| (UserRole::Member, email)));
    wanted.push((UserRole::Viewer, "senior.viewer@example.gov.uk".to_string()));
    let hash = hash_password(password.clone()).await?;
    let mut out = Vec::new();
    for (role, email) in wanted {
        let person_id = person_with_email(pool, &email).await?;
        accounts::create_user(pool, &email, &hash, role, person_id).await?;
        out.push((role.title().to_string(), email, password.clone()));
    }
    Ok(out)
}

async fn person_with_email(pool: &Pool, email: &str) -> Result<Option<skillmix::Id>> {
    Ok(sqlx::query_scalar("SELECT id FROM people WHERE email = ?").bind(email).fetch_optional(pool).await?)
}
