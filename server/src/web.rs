//! The web server: the Leptos app, the JSON API, sessions and the protective layers around them.

use crate::cli::ServeArgs;
use crate::error::{Error, Result};
use crate::page_cache::{PageCache, SharedPageCache};
use app::shell::{shell, App};
use app::ssr::{AppState, Config};
use axum::routing::get;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::SqliteStore;

pub async fn serve(database_url: &str, args: ServeArgs) -> Result<()> {
    match &args.font {
        Some(path) => skillmix::chart::register_font_from_path(path),
        None => skillmix::chart::register_embedded_font(),
    }
    .map_err(|e| Error::Startup(format!("the font for charts: {e}")))?;
    let pool = crate::cli::open(database_url).await?;
    skillmix::store::seed::ensure_starter_catalogue(&pool).await?;
    if args.demo && skillmix::store::is_empty(&pool).await? {
        let password = std::env::var("SKILLMIX_DEMO_PASSWORD").ok().filter(|p| !p.is_empty());
        crate::cli::data::load_demo(&pool, password).await?;
    }
    let config = args.app_config()?;
    // From the repository root, read the site settings from Cargo.toml's [[workspace.metadata.leptos]]
    // (so a binary built by plain cargo still finds its wasm bundle); elsewhere from the
    // environment cargo-leptos sets.
    let manifest = std::path::Path::new("Cargo.toml").exists().then_some("Cargo.toml");
    let mut leptos_options =
        get_configuration(manifest).map_err(|e| Error::Startup(format!("the site settings: {e}")))?.leptos_options;
    leptos_options.site_addr = args.addr.parse().map_err(|e| Error::Invalid(format!("--addr {}: {e}", args.addr)))?;
    let addr = leptos_options.site_addr;
    let state =
        AppState { leptos_options, pool: pool.clone(), config: Arc::new(config), org_cache: Default::default() };
    let sessions = session_layer(&pool, &state.config).await?;
    let database_file = skillmix::store::bulk::database_file(&pool);
    let page_cache = PageCache::for_database(database_file.as_deref(), args.page_cache_mb * 1024 * 1024)?;
    let app = router(state, page_cache).layer(sessions);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Error::Startup(format!("cannot listen on {addr}: {e}")))?;
    tracing::info!("Skillmix is serving on http://{addr}");
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| Error::Startup(format!("serving on {addr} stopped: {e}")))
}

/// Sessions stored server-side in the database, ending after the idle time-out.
pub async fn session_layer(pool: &skillmix::store::Pool, config: &Config) -> Result<SessionManagerLayer<SqliteStore>> {
    let store = SqliteStore::new(pool.clone());
    store.migrate().await.map_err(|e| Error::Startup(format!("cannot prepare the session table: {e}")))?;
    let name = if config.secure_cookies { "__Host-skillmix" } else { "skillmix" };
    Ok(SessionManagerLayer::new(store)
        .with_name(name)
        .with_secure(config.secure_cookies)
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(tower_sessions::cookie::time::Duration::minutes(
            config.session_idle_minutes,
        ))))
}

/// Every route of the product: the health check, the JSON API, the pages and server functions,
/// and the static files of the site.
pub fn router(state: AppState, page_cache: SharedPageCache) -> Router {
    use crate::security;
    use axum::middleware::{from_fn, from_fn_with_state};
    use leptos::server_fn::ServerFn;

    let routes = generate_route_list(App);
    let tls = state.config.secure_cookies;
    let sign_ins = security::SignInLimiter::new(app::server_fns::session::SignIn::PATH, security::SIGN_INS_PER_MINUTE);
    let product = Router::new()
        .route("/healthz", get(healthz))
        .nest("/api/v1", crate::api::routes())
        .merge(crate::oidc::routes(&state.config))
        .leptos_routes(&state, routes, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(from_fn(security::server_fn_error_status));
    let product = crate::body_limit::apply(product)
        .layer(from_fn_with_state(page_cache, crate::page_cache::serve))
        .layer(from_fn(security::csrf_guard))
        .layer(from_fn_with_state(state.clone(), app::ssr::auth::require_password_change))
        .layer(from_fn_with_state(sign_ins, security::limit_sign_ins))
        .layer(from_fn_with_state(tls, security::security_headers))
        .layer(from_fn(security::renew_sessions))
        // gzip for every answer that asks for it and is worth it (pages, JSON, CSS, JS, wasm, SVG).
        .layer(tower_http::compression::CompressionLayer::new());
    crate::request_log::apply(product).with_state(state)
}

/// 200 once the server is up, which is only after the migrations have run.
async fn healthz() -> &'static str {
    "ok"
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
