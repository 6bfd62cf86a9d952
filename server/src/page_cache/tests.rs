use super::*;
use axum::middleware::from_fn_with_state;
use axum::routing::get;
use axum::Router;
use std::sync::atomic::{AtomicUsize, Ordering};
use tower::ServiceExt;

/// A database file with the product's tables, and a pool writing to it.
async fn database() -> (skillmix::store::Pool, tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let pool = skillmix::store::open(&format!("sqlite://{}", path.display())).await.unwrap();
    (pool, dir, path)
}

async fn add_team(pool: &skillmix::store::Pool, name: &str) -> i64 {
    let version = skillmix::store::seed::ensure_starter_catalogue(pool).await.unwrap();
    sqlx::query_scalar(
        "INSERT INTO teams (name, framework_version_id, created_at) VALUES (?, ?, '2026-11-23') RETURNING id",
    )
    .bind(name)
    .bind(version)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// A person in `team`, returned with a skill of the team's framework they can be assessed on.
async fn add_member(pool: &skillmix::store::Pool, team: i64, name: &str) -> (i64, i64) {
    let person: i64 = sqlx::query_scalar("INSERT INTO people (name, created_at) VALUES (?, '2026-11-23') RETURNING id")
        .bind(name)
        .fetch_one(pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO team_memberships (team_id, person_id) VALUES (?, ?)")
        .bind(team)
        .bind(person)
        .execute(pool)
        .await
        .unwrap();
    let skill: i64 = sqlx::query_scalar(
        "SELECT s.id FROM skills s JOIN teams t ON t.framework_version_id = s.version_id WHERE t.id = ? LIMIT 1",
    )
    .bind(team)
    .fetch_one(pool)
    .await
    .unwrap();
    (person, skill)
}

async fn assess(pool: &skillmix::store::Pool, (person, skill): (i64, i64), level: i64) {
    sqlx::query(
        "INSERT INTO assessments (person_id, skill_id, level, source, assessed_on, recorded_at) \
         VALUES (?, ?, ?, 'lead', '2026-12-07', '2026-12-07T10:00:00Z')",
    )
    .bind(person)
    .bind(skill)
    .bind(level)
    .execute(pool)
    .await
    .unwrap();
}

/// A site whose pages count their renders and carry a fresh nonce, like the app's.
fn site(cache: SharedPageCache, renders: Arc<AtomicUsize>) -> Router {
    let page = move |status: StatusCode, cookie: bool| {
        let renders = renders.clone();
        move || {
            let renders = renders.clone();
            async move {
                let n = renders.fetch_add(1, Ordering::SeqCst) + 1;
                let nonce = leptos::nonce::Nonce::new().to_string();
                let mut response = Response::new(Body::from(format!(
                    "<html><script nonce=\"{nonce}\">hydrate()</script><p>render {n}</p><i>{nonce}</i></html>"
                )));
                *response.status_mut() = status;
                let headers = response.headers_mut();
                headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
                let policy = format!("script-src 'nonce-{nonce}' 'strict-dynamic'");
                headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_str(&policy).unwrap());
                if cookie {
                    headers.insert(header::SET_COOKIE, HeaderValue::from_static("skillmix=new; HttpOnly"));
                }
                response
            }
        }
    };
    Router::new()
        .route("/teams/1/heatmap", get(page(StatusCode::OK, false)))
        .route("/teams/2/heatmap", get(page(StatusCode::OK, false)))
        .route("/signed-in", get(page(StatusCode::OK, true)))
        .route("/missing", get(page(StatusCode::NOT_FOUND, false)))
        .route("/api/v1/page", get(page(StatusCode::OK, false)))
        .layer(from_fn_with_state(cache, serve))
}

async fn fetch(site: &Router, uri: &str, token: &str) -> (String, String) {
    let request =
        Request::get(uri).header(header::AUTHORIZATION, format!("Bearer {token}")).body(Body::empty()).unwrap();
    let response = site.clone().oneshot(request).await.unwrap();
    let policy = response.headers().get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap().to_string();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (String::from_utf8(body.to_vec()).unwrap(), policy)
}

fn nonce_of(policy: &str) -> &str {
    let start = policy.find("'nonce-").unwrap() + 7;
    &policy[start..start + policy[start..].find('\'').unwrap()]
}

#[tokio::test]
async fn a_change_to_content_moves_the_version_and_sessions_tokens_use_and_audit_do_not() {
    let (pool, _dir, path) = database().await;
    let cache = PageCache::open(&path, 1 << 20, PageCache::TTL).unwrap();
    let version = || cache.content_version(Scope::All);
    let before = version().unwrap();
    assert_eq!(version(), Some(before), "nothing written, nothing changed");
    add_team(&pool, "Platform").await;
    let after_team = version().unwrap();
    assert_ne!(after_team, before, "the pool's change is seen");

    // What every page view or API call may write: a session, a token's last use, an audit record.
    use skillmix::store::accounts;
    let user =
        accounts::create_user(&pool, "ada@example.gov.uk", "$argon2id$x", skillmix::access::UserRole::Admin, None)
            .await
            .unwrap();
    let after_user = version().unwrap();
    assert_ne!(after_user, after_team, "a new user is a change");
    accounts::add_token(&pool, user, "digest-of-a-token", "cli").await.unwrap();
    let after_token = version().unwrap();
    assert_ne!(after_token, after_user, "a new token is a change");
    assert!(accounts::user_for_token(&pool, "digest-of-a-token").await.unwrap().is_some(), "its use is recorded");
    tower_sessions_sqlx_store::SqliteStore::new(pool.clone()).migrate().await.unwrap();
    let after_sessions_table = version().unwrap();
    sqlx::query("INSERT INTO tower_sessions (id, data, expiry_date) VALUES ('s1', x'00', 4102444800)")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO audit_events (at, action, outcome) VALUES ('2026-12-07T10:00:00Z', 'export', 'ok')")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(after_sessions_table, after_token, "the session store's table is not content");
    assert_eq!(version(), Some(after_token), "a session, a token's use and the audit log are not");
}

#[tokio::test]
async fn an_assessment_moves_its_teams_pages_and_the_organisation_but_not_other_teams() {
    let (pool, _dir, path) = database().await;
    let cache = PageCache::open(&path, 1 << 20, PageCache::TTL).unwrap();
    let (platform, data) = (add_team(&pool, "Platform").await, add_team(&pool, "Data").await);
    let ada = add_member(&pool, platform, "Ada").await;
    let grace = add_member(&pool, data, "Grace").await;
    sqlx::query("INSERT INTO team_memberships (team_id, person_id) VALUES (?, ?)")
        .bind(data)
        .bind(ada.0)
        .execute(&pool)
        .await
        .unwrap();
    let now =
        || [Scope::All, Scope::Team(platform), Scope::Team(data)].map(|scope| cache.content_version(scope).unwrap());
    let before = now();

    assess(&pool, grace, 3).await;
    let after_grace = now();
    assert_ne!(after_grace[0], before[0], "the organisation's pages see every assessment");
    assert_eq!(after_grace[1], before[1], "Platform's pages are kept: Grace is in Data only");
    assert_ne!(after_grace[2], before[2], "Data's pages are not");

    assess(&pool, ada, 2).await;
    let after_ada = now();
    assert!(after_ada.iter().zip(&after_grace).all(|(a, b)| a != b), "Ada is in both teams: {after_ada:?}");

    sqlx::query("UPDATE assessments SET level = 4 WHERE person_id = ?").bind(grace.0).execute(&pool).await.unwrap();
    assert_eq!(now()[1], after_ada[1], "correcting Grace's level leaves Platform alone");
    let before_delete = now();
    sqlx::query("DELETE FROM assessments WHERE person_id = ?").bind(ada.0).execute(&pool).await.unwrap();
    assert!(now().iter().zip(&before_delete).all(|(a, b)| a != b), "removing Ada's moves both teams");

    let before_rename = now();
    sqlx::query("UPDATE people SET name = 'Grace H' WHERE id = ?").bind(grace.0).execute(&pool).await.unwrap();
    assert!(
        now().iter().zip(&before_rename).all(|(a, b)| a != b),
        "anything but an assessment moves every page, as a team page may show it"
    );
}

#[test]
fn a_teams_own_pages_are_scoped_to_it_and_the_rest_to_everything() {
    for (path, scope) in [
        ("/teams/7", Scope::Team(7)),
        ("/teams/7/heatmap", Scope::Team(7)),
        ("/teams/7/coverage", Scope::Team(7)),
        ("/teams/7/dynamics", Scope::Team(7)),
        ("/teams/7/training-needs", Scope::All),
        ("/teams/7/edit", Scope::All),
        ("/teams/new", Scope::All),
        ("/org", Scope::All),
        ("/people/7", Scope::All),
        ("/", Scope::All),
    ] {
        assert_eq!(Scope::of(path), scope, "{path}");
    }
}

#[tokio::test]
async fn a_repeat_is_served_from_the_cache_with_a_fresh_nonce() {
    let (_pool, _dir, path) = database().await;
    let renders = Arc::new(AtomicUsize::new(0));
    let site = site(PageCache::for_database(Some(&path), 1 << 20).unwrap(), renders.clone());
    let (first, first_policy) = fetch(&site, "/teams/1/heatmap", "ada").await;
    let (second, second_policy) = fetch(&site, "/teams/1/heatmap", "ada").await;
    assert_eq!(renders.load(Ordering::SeqCst), 1, "rendered once");
    assert!(second.contains("render 1"));
    let (old, new) = (nonce_of(&first_policy), nonce_of(&second_policy));
    assert_ne!(old, new, "every answer has its own nonce");
    assert!(!second.contains(old), "the old nonce is gone from the body");
    assert_eq!(second.matches(new).count(), 2, "both places in the body carry the new nonce");
    assert_eq!(first.replace(old, new), second, "nothing else differs");
}

#[tokio::test]
async fn another_caller_another_address_or_a_change_renders_again() {
    let (pool, _dir, path) = database().await;
    let renders = Arc::new(AtomicUsize::new(0));
    let site = site(PageCache::for_database(Some(&path), 1 << 20).unwrap(), renders.clone());
    fetch(&site, "/teams/1/heatmap", "ada").await;
    fetch(&site, "/teams/1/heatmap", "tomasz").await;
    assert_eq!(renders.load(Ordering::SeqCst), 2, "a page is never served to other credentials");
    fetch(&site, "/teams/1/heatmap?mode=gap", "ada").await;
    assert_eq!(renders.load(Ordering::SeqCst), 3, "another address is another page");
    add_team(&pool, "Infrastructure").await;
    let (body, _) = fetch(&site, "/teams/1/heatmap", "ada").await;
    assert_eq!(renders.load(Ordering::SeqCst), 4, "a change other than an assessment drops every page");
    assert!(body.contains("render 4"));
    fetch(&site, "/teams/1/heatmap", "ada").await;
    assert_eq!(renders.load(Ordering::SeqCst), 4, "and the new render is kept");
}

#[tokio::test]
async fn an_assessment_in_one_team_leaves_the_other_teams_pages_kept() {
    let (pool, _dir, path) = database().await;
    let (one, two) = (add_team(&pool, "One").await, add_team(&pool, "Two").await);
    assert_eq!((one, two), (1, 2), "the site's routes are /teams/1 and /teams/2");
    let member_of_one = add_member(&pool, one, "Ada").await;
    let renders = Arc::new(AtomicUsize::new(0));
    let site = site(PageCache::for_database(Some(&path), 1 << 20).unwrap(), renders.clone());
    fetch(&site, "/teams/1/heatmap", "ada").await;
    fetch(&site, "/teams/2/heatmap", "ada").await;
    assert_eq!(renders.load(Ordering::SeqCst), 2);
    assess(&pool, member_of_one, 3).await;
    let (two_again, _) = fetch(&site, "/teams/2/heatmap", "ada").await;
    assert_eq!(renders.load(Ordering::SeqCst), 2, "team two's page is still current");
    assert!(two_again.contains("render 2"));
    let (one_again, _) = fetch(&site, "/teams/1/heatmap", "ada").await;
    assert_eq!(renders.load(Ordering::SeqCst), 3, "team one's page is rendered again");
    assert!(one_again.contains("render 3"));
}

#[tokio::test]
async fn only_plain_successful_pages_are_kept() {
    let (_pool, _dir, path) = database().await;
    let renders = Arc::new(AtomicUsize::new(0));
    let site = site(PageCache::for_database(Some(&path), 1 << 20).unwrap(), renders.clone());
    for uri in ["/signed-in", "/missing", "/api/v1/page"] {
        let before = renders.load(Ordering::SeqCst);
        fetch(&site, uri, "ada").await;
        fetch(&site, uri, "ada").await;
        assert_eq!(renders.load(Ordering::SeqCst), before + 2, "{uri} is rendered every time");
    }
}

#[tokio::test]
async fn pages_expire_and_the_oldest_make_room() {
    let (_pool, _dir, path) = database().await;
    let renders = Arc::new(AtomicUsize::new(0));
    let expired = Some(Arc::new(PageCache::open(&path, 1 << 20, Duration::ZERO).unwrap()));
    let site_expiring = site(expired, renders.clone());
    fetch(&site_expiring, "/teams/1/heatmap", "ada").await;
    fetch(&site_expiring, "/teams/1/heatmap", "ada").await;
    assert_eq!(renders.load(Ordering::SeqCst), 2, "an expired page is rendered again");

    // Room for one page of about 130 bytes only.
    let renders = Arc::new(AtomicUsize::new(0));
    let small = site(PageCache::for_database(Some(&path), 200).unwrap(), renders.clone());
    fetch(&small, "/teams/1/heatmap", "ada").await;
    fetch(&small, "/teams/2/heatmap", "ada").await;
    fetch(&small, "/teams/2/heatmap", "ada").await;
    assert_eq!(renders.load(Ordering::SeqCst), 2, "the newest page is kept");
    fetch(&small, "/teams/1/heatmap", "ada").await;
    assert_eq!(renders.load(Ordering::SeqCst), 3, "the oldest made room for it");
}

#[test]
fn no_cache_for_an_in_memory_database_or_a_zero_budget() {
    assert!(PageCache::for_database(None, 1 << 20).unwrap().is_none());
    assert!(PageCache::for_database(Some(Path::new("/nonexistent")), 0).unwrap().is_none());
}

#[test]
fn every_occurrence_is_replaced() {
    assert_eq!(replace_all(b"a-xy-b-xy-", b"xy", b"ZW"), b"a-ZW-b-ZW-".to_vec());
    assert_eq!(replace_all(b"none here", b"xy", b"ZW"), b"none here".to_vec());
}
