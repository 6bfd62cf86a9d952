//! What the server's answers tell browsers and proxies, and the limits on image exports
//! (issue 12, section 5), through HTTP against `skillmix serve` on the demo organisation:
//!
//! - every page, server function and API answer is `Cache-Control: no-store` (they hold
//!   personal data that must not stay in a shared or browser cache); the public static files
//!   under `/pkg/` may be cached;
//! - image exports refuse a width or height over 3840 pixels with a 422 naming the limit, before
//!   drawing anything;
//! - pages, JSON and the site's files are sent gzip-compressed to a client that asks for it.
//!
//! Run with `cargo test -p server --test headers -- --nocapture`.

mod support;

use support::http::Request;
use support::Sandbox;

/// Pages, server functions and API answers carry `Cache-Control: no-store`; a `/pkg/` file does
/// not. Fails on f6591a6: pages and JSON answers had no Cache-Control at all.
#[test]
fn personal_data_is_never_cached_and_static_files_may_be() {
    let sandbox = Sandbox::new("headers");
    sandbox.load_demo();
    let token = sandbox.admin_token();
    let pkg = sandbox.dir.path().join("site").join("pkg");
    std::fs::write(pkg.join("skillmix.css"), "body { margin: 0 }\n").expect("a static file");
    let server = sandbox.start_server();
    let person: i64 = support::db::Db::open(&sandbox.db_path)
        .scalar_i64("SELECT MIN(id) FROM people")
        .expect("the demo organisation has people");
    let team: i64 = support::db::Db::open(&sandbox.db_path).scalar_i64("SELECT MIN(id) FROM teams").expect("a team");

    let personal = [
        Request::get("/sign-in"),
        Request::get("/").bearer(&token),
        Request::get(&format!("/people/{person}")).bearer(&token),
        Request::get("/admin/audit").bearer(&token),
        Request::get(&format!("/api/v1/people/{person}")).bearer(&token),
        Request::get(&format!("/api/v1/people/{person}/export.json")).bearer(&token),
        Request::get(&format!("/api/v1/teams/{team}/heatmap.json")).bearer(&token),
        Request::get(&format!("/api/v1/teams/{team}/heatmap.csv")).bearer(&token),
        Request::get("/api/v1/org/rollup.json").bearer(&token),
        Request::get("/api/admin/audit").bearer(&token).header("Accept", "application/json"),
        Request::get("/api/v1/people/999999").bearer(&token),
        Request::get("/api/v1/people/1"),
        Request::get("/no-such-page"),
    ];
    let mut checked = 0;
    for request in &personal {
        let response = server.send(request);
        assert!(response.status < 500, "{} {}: {}", request.method, request.path, response.status);
        assert_eq!(
            response.header("cache-control"),
            Some("no-store"),
            "{} {} ({}) must not be cached",
            request.method,
            request.path,
            response.status
        );
        checked += 1;
    }
    let asset = server.send(&Request::get("/pkg/skillmix.css"));
    assert_eq!(asset.status, 200, "the static file is served");
    assert_ne!(asset.header("cache-control"), Some("no-store"), "static files may be cached");
    println!("{checked} personal answers are no-store; /pkg/ is cacheable");
}

/// A page, a JSON answer and a static file come gzip-compressed when asked for, and decode to
/// what is sent uncompressed; without `Accept-Encoding` they are sent as they are. Fails on
/// ec1c218: nothing was compressed (the 12 × 150 heatmap page was 890 KiB on the wire).
#[test]
fn answers_are_compressed_for_clients_that_ask() {
    use std::io::Read;
    let sandbox = Sandbox::new("compression");
    sandbox.load_demo();
    let token = sandbox.admin_token();
    let pkg = sandbox.dir.path().join("site").join("pkg");
    std::fs::write(pkg.join("skillmix.css"), ".heatmap td { text-align: center }\n".repeat(200))
        .expect("a static file");
    let server = sandbox.start_server();
    let team: i64 = support::db::Db::open(&sandbox.db_path).scalar_i64("SELECT MIN(id) FROM teams").expect("a team");
    for path in
        [format!("/teams/{team}/heatmap"), format!("/api/v1/teams/{team}/heatmap.json"), "/pkg/skillmix.css".into()]
    {
        let plain = server.send(&Request::get(&path).bearer(&token));
        assert_eq!(plain.status, 200, "{path}");
        assert_eq!(plain.header("content-encoding"), None, "{path}: not compressed unless asked");
        let packed = server.send(&Request::get(&path).bearer(&token).header("Accept-Encoding", "gzip"));
        assert_eq!(packed.status, 200, "{path}");
        assert_eq!(packed.header("content-encoding"), Some("gzip"), "{path}");
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(&packed.body[..]).read_to_end(&mut unpacked).expect("gzip");
        assert!(packed.body.len() * 3 < unpacked.len(), "{path}: {} bytes for {}", packed.body.len(), unpacked.len());
        if path.ends_with(".css") {
            assert_eq!(unpacked, plain.body, "{path}: the same file");
        } else {
            // Pages and JSON carry a fresh nonce or timestamp: compare what they show.
            let text = String::from_utf8(unpacked).expect("UTF-8");
            assert!(text.contains("Ada Okafor"), "{path}: the team's people");
        }
    }
}

/// A width or height over the cap is refused with a 422 naming the parameter and the limit;
/// sizes within it are drawn. Fails on f6591a6: the roll-up drew 5000 × 3000 pictures (it
/// allowed 8000 a side) and the team heatmap ignored the size it was asked for.
#[test]
fn image_exports_have_a_size_cap() {
    let sandbox = Sandbox::new("image-cap");
    sandbox.load_demo();
    let token = sandbox.admin_token();
    let server = sandbox.start_server();
    let team: i64 = support::db::Db::open(&sandbox.db_path).scalar_i64("SELECT MIN(id) FROM teams").expect("a team");
    let too_large = [
        ("/api/v1/org/rollup.svg?width=5000&height=3000".to_string(), "width"),
        ("/api/v1/org/rollup.png?width=1920&height=4000".to_string(), "height"),
        (format!("/api/v1/teams/{team}/heatmap.svg?width=5000"), "width"),
        (format!("/api/v1/teams/{team}/heatmap.png?height=3841"), "height"),
    ];
    for (path, field) in &too_large {
        let response = server.send(&Request::get(path).bearer(&token));
        assert_eq!(response.status, 422, "{path}: {}", response.text());
        let body = response.json().expect("a JSON error");
        let named =
            body["fields"].as_array().expect("field errors").iter().any(|f| {
                f["field"] == *field && f["message"].as_str().is_some_and(|m| m.contains("at most 3840 pixels"))
            });
        assert!(named, "{path}: {body}");
    }
    let fine = [
        "/api/v1/org/rollup.svg?width=1280&height=720".to_string(),
        format!("/api/v1/teams/{team}/heatmap.svg?width=1920"),
        format!("/api/v1/teams/{team}/heatmap.svg"),
    ];
    for path in &fine {
        let response = server.send(&Request::get(path).bearer(&token));
        assert_eq!(response.status, 200, "{path}: {}", response.text());
        assert!(response.text().contains("<svg"), "{path}");
    }
}
