//! Account lifecycle and sign-in abuse, through the front door: the `skillmix` binary serving
//! a fresh demo database on 127.0.0.1, HTTP requests (form posts as a browser without
//! JavaScript sends them, the JSON API with bearer tokens) and the command line.
//!
//! Requests "from elsewhere" leave from other loopback addresses (127.0.0.2, ...), which the
//! server sees as different clients.
//!
//! Every test here failed on f6591a6 (the main commit before this work); each says how.

mod support;

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;
use support::db::Db;
use support::http::{Request, Response};
use support::{Sandbox, Server};

const LEAD: &str = "ada.okafor@example.gov.uk";
const MEMBER: &str = "tomasz.nowak@example.gov.uk";
const VIEWER: &str = "senior.viewer@example.gov.uk";
const NEW_PASSWORD: &str = "copper kettle lantern orchard";

struct Demo {
    sandbox: Sandbox,
    server: Server,
    password: String,
}

/// A fresh demo database with its sign-ins, and a server on it.
fn start(name: &str) -> Demo {
    let sandbox = Sandbox::new(name);
    let out = sandbox.cli_ok(&["demo"]);
    let password = out
        .lines()
        .find(|l| l.contains(support::ADMIN_EMAIL))
        .and_then(|l| l.split_whitespace().last())
        .expect("the demo prints the administrator's password")
        .to_string();
    let server = sandbox.start_server();
    Demo { sandbox, server, password }
}

fn from(last: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(127, 0, 0, last))
}

fn send_from(server: &Server, request: &Request, address: IpAddr) -> Response {
    request
        .send_from(server.addr, address, Duration::from_secs(60))
        .unwrap_or_else(|e| panic!("{} {} from {address}: {e}", request.method, request.path))
}

/// A sign-in form post, as a browser without JavaScript sends it.
fn sign_in_request(email: &str, password: &str, next: Option<&str>) -> Request {
    let mut fields = vec![("email", email), ("password", password)];
    if let Some(next) = next {
        fields.push(("next", next));
    }
    Request::post("/api/session/sign-in").header("Accept", "text/html").form(&fields)
}

/// Signs in from `address`; the session cookie on success.
fn sign_in_from(server: &Server, email: &str, password: &str, address: IpAddr) -> Option<String> {
    let response = send_from(server, &sign_in_request(email, password, None), address);
    response.session_cookie()
}

fn sign_in(server: &Server, email: &str, password: &str) -> String {
    sign_in_from(server, email, password, from(1)).unwrap_or_else(|| panic!("{email} could not sign in"))
}

/// The message of a failed sign-in posted as the server function client does (JSON answer).
fn sign_in_refusal(server: &Server, email: &str, password: &str, address: IpAddr) -> (u16, String) {
    let request = Request::post("/api/session/sign-in")
        .header("Accept", "application/json")
        .form(&[("email", email), ("password", password)]);
    let response = send_from(server, &request, address);
    let message = response
        .json()
        .and_then(|v| v["Validation"][0][0]["message"].as_str().map(str::to_string))
        .unwrap_or_else(|| response.text());
    (response.status, message)
}

/// `GET /api/v1/teams` with a session cookie: 200 while the session lives, 401 after.
fn api_with_cookie(server: &Server, cookie: &str) -> u16 {
    server.send(&Request::get("/api/v1/teams").header("Cookie", cookie)).status
}

fn api_with_token(server: &Server, token: &str) -> u16 {
    server.send(&Request::get("/api/v1/teams").bearer(token)).status
}

/// A server function called with a bearer token (the dashboard's data).
fn server_fn_with_token(server: &Server, token: &str) -> u16 {
    server.send(&Request::get("/api/teams/dashboard").header("Accept", "application/json").bearer(token)).status
}

/// Fails on f6591a6: a tab (and the other control characters, and encoded slashes and
/// backslashes) in `next=` was followed, and a browser turns `/\t/evil.example` into
/// `//evil.example`, another site.
#[test]
fn next_after_sign_in_is_followed_only_to_same_origin_paths() {
    let demo = start("accounts-next");
    let refused = [
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r/evil.example",
        "/\\evil.example",
        "//evil.example",
        "/%2F/evil.example",
        "/%5Cevil",
        "/%09/evil.example",
        "https://evil.example/",
    ];
    for (i, next) in refused.iter().enumerate() {
        let address = from(10 + i as u8);
        let response =
            send_from(&demo.server, &sign_in_request(support::ADMIN_EMAIL, &demo.password, Some(next)), address);
        assert_eq!(response.status, 302, "sign-in with next={next:?}: {}", response.text());
        assert_eq!(response.header("location"), Some("/"), "next={next:?} must fall back to /");
    }
    let response =
        send_from(&demo.server, &sign_in_request(support::ADMIN_EMAIL, &demo.password, Some("/framework")), from(30));
    assert_eq!(response.header("location"), Some("/framework"), "a same-site path is still followed");
}

/// Fails on f6591a6: a locked account said "This account is locked" (so the account exists)
/// and a disabled one "has been disabled"; an unknown email, typed as it was (here, what looks
/// like a password), went into the append-only audit log; a 300-character email was looked up.
#[test]
fn every_failed_sign_in_gets_one_message_and_unknown_emails_stay_out_of_the_audit_log() {
    let demo = start("accounts-message");
    let db = Db::open(&demo.sandbox.db_path);
    let secret = "hunter2-correct-horse@typo";
    let unknown = sign_in_refusal(&demo.server, secret, "whatever it is", from(2));
    let wrong = sign_in_refusal(&demo.server, LEAD, "not the password", from(2));
    for _ in 0..5 {
        sign_in_refusal(&demo.server, MEMBER, "not the password", from(3));
    }
    let locked = sign_in_refusal(&demo.server, MEMBER, &demo.password, from(3));
    demo.sandbox.cli_ok(&["user", "disable", "--email", VIEWER]);
    let disabled = sign_in_refusal(&demo.server, VIEWER, &demo.password, from(4));
    for (what, (status, body)) in
        [("unknown", &unknown), ("wrong", &wrong), ("locked", &locked), ("disabled", &disabled)]
    {
        assert_eq!(*status, 422, "{what}: {body}");
        assert!(body.contains("The email address or password is not right"), "{what}: {body}");
        assert!(!body.to_lowercase().contains("locked") && !body.contains("disabled"), "{what}: {body}");
    }
    assert_eq!(unknown.1, wrong.1, "the same answer whether or not the account exists");
    assert_eq!(locked.1, wrong.1);
    assert_eq!(disabled.1, wrong.1);

    let raw = db.scalar_i64(
        "SELECT COUNT(*) FROM audit_events WHERE COALESCE(actor_email, '') || COALESCE(detail, '') || COALESCE(target, '') LIKE '%hunter2%'",
    );
    assert_eq!(raw, Some(0), "what was typed as an unknown email must not reach the audit log");
    let anonymous =
        db.scalar_i64("SELECT COUNT(*) FROM audit_events WHERE action = 'sign-in' AND actor_user_id IS NULL");
    assert_eq!(anonymous, Some(0), "anonymous refusals go to the request log, not the database");

    let long = format!("{}@example.gov.uk", "a".repeat(300));
    let (status, body) = sign_in_refusal(&demo.server, &long, "whatever it is", from(5));
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("254 characters or fewer"), "{body}");
}

/// Fails on f6591a6: five wrong guesses from anywhere locked the account everywhere, so anyone
/// could keep an administrator out; now the lock holds for the guessing address only.
#[test]
fn the_lock_out_holds_for_the_guessing_address_and_not_for_the_rightful_user_elsewhere() {
    let demo = start("accounts-lockout");
    let attacker = from(66);
    for _ in 0..5 {
        assert!(sign_in_from(&demo.server, support::ADMIN_EMAIL, "guess guess guess", attacker).is_none());
    }
    assert!(
        sign_in_from(&demo.server, support::ADMIN_EMAIL, &demo.password, attacker).is_none(),
        "the right password from the guessing address is refused while locked"
    );
    let cookie = sign_in_from(&demo.server, support::ADMIN_EMAIL, &demo.password, from(7))
        .expect("the administrator signs in from their own address");
    assert_eq!(api_with_cookie(&demo.server, &cookie), 200);
    // Four failures and a success from another address leave that address unlocked.
    for _ in 0..4 {
        assert!(sign_in_from(&demo.server, LEAD, "guess guess guess", from(8)).is_none());
    }
    assert!(sign_in_from(&demo.server, LEAD, &demo.password, from(8)).is_some());
}

/// Fails on f6591a6: a session started in the same second as a role change stayed live (the
/// moments were compared as text to the second), and there was no `user disable`.
#[test]
fn sessions_and_tokens_end_when_a_user_is_disabled_erased_or_changes_role() {
    let demo = start("accounts-end");
    let db = Db::open(&demo.sandbox.db_path);
    let admin = demo.sandbox.admin_token();
    let user_id = |email: &str| db.scalar_i64(&format!("SELECT id FROM users WHERE email = '{email}'")).unwrap();

    // Role change (through the users page's server function).
    let cookie = sign_in(&demo.server, LEAD, &demo.password);
    let token = demo.sandbox.token_for(LEAD);
    assert_eq!((api_with_cookie(&demo.server, &cookie), api_with_token(&demo.server, &token)), (200, 200));
    let id = user_id(LEAD).to_string();
    let changed = demo.server.send(
        &Request::post("/api/admin/update-user")
            .header("Accept", "application/json")
            .bearer(&admin)
            .form(&[("user_id", &id), ("role", "member")]),
    );
    assert!(changed.status < 400, "role change: {} {}", changed.status, changed.text());
    assert_eq!(api_with_cookie(&demo.server, &cookie), 401, "the session ends with a role change");
    assert_eq!(api_with_token(&demo.server, &token), 401, "the token ends with a role change");

    // Disabled (command line).
    let cookie = sign_in(&demo.server, VIEWER, &demo.password);
    let token = demo.sandbox.token_for(VIEWER);
    assert_eq!(api_with_token(&demo.server, &token), 200);
    demo.sandbox.cli_ok(&["user", "disable", "--email", VIEWER]);
    assert_eq!(api_with_cookie(&demo.server, &cookie), 401, "the session ends when disabled");
    assert_eq!(api_with_token(&demo.server, &token), 401, "the token ends when disabled");
    demo.sandbox.cli_ok(&["user", "enable", "--email", VIEWER]);
    assert_eq!(api_with_token(&demo.server, &token), 401, "enabling again does not bring old tokens back");
    assert!(sign_in_from(&demo.server, VIEWER, &demo.password, from(9)).is_some(), "enabled: signs in again");

    // Erased (the person, with their sign-in).
    let cookie = sign_in(&demo.server, MEMBER, &demo.password);
    let token = demo.sandbox.token_for(MEMBER);
    assert_eq!(api_with_token(&demo.server, &token), 200);
    let person = db.scalar_i64(&format!("SELECT person_id FROM users WHERE email = '{MEMBER}'")).unwrap().to_string();
    let erased = demo.server.send(
        &Request::post("/api/admin/erase-person")
            .header("Accept", "application/json")
            .bearer(&admin)
            .form(&[("id", &person), ("confirm", "yes")]),
    );
    assert!(erased.status < 400, "erase: {} {}", erased.status, erased.text());
    assert_eq!(api_with_cookie(&demo.server, &cookie), 401, "the session ends with the erasure");
    assert_eq!(api_with_token(&demo.server, &token), 401, "the token ends with the erasure");
}

/// Fails on f6591a6: tokens never expired, `--expires-in`, `token list` and `token revoke` did
/// not exist, and the last use was never recorded.
#[test]
fn tokens_expire_are_listed_without_the_secret_and_can_be_revoked() {
    let demo = start("accounts-tokens");
    let db = Db::open(&demo.sandbox.db_path);
    let refused = demo.sandbox.cli(&["token", "create", "--email", LEAD, "--expires-in", "0"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--expires-in must be 1 to 366 days"));

    let out =
        demo.sandbox.cli_ok(&["token", "create", "--email", LEAD, "--label", "nightly report", "--expires-in", "7"]);
    let token = out.lines().last().unwrap().trim().to_string();
    assert_eq!(api_with_token(&demo.server, &token), 200);
    assert_eq!(server_fn_with_token(&demo.server, &token), 200);

    let list = demo.sandbox.cli_ok(&["token", "list", "--email", LEAD]);
    assert!(!list.contains(&token) && !list.contains(&token[4..20]), "the token itself is never listed:\n{list}");
    let header = list.lines().next().unwrap();
    assert_eq!(header, "id\temail\tlabel\tcreated\texpires\tlast used\trevoked");
    let row: Vec<&str> = list.lines().nth(1).expect("one token").split('\t').collect();
    assert_eq!((row[1], row[2]), (LEAD, "nightly report"));
    let expires = chrono::DateTime::parse_from_rfc3339(row[4]).expect("an expiry date");
    let days = (expires.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_hours();
    assert!((7 * 24 - 1..=7 * 24).contains(&days), "expires in 7 days, not {days} hours");
    assert_ne!(row[5], "-", "the last use is recorded");
    assert_eq!(row[6], "-");

    // Expired: the same token, its expiry moved into the past.
    let id = row[0].to_string();
    db.run(async {
        sqlx::query("UPDATE api_tokens SET expires_at = '2020-01-01T00:00:00Z' WHERE id = ?")
            .bind(id.parse::<i64>().unwrap())
            .execute(&db.pool)
            .await
            .unwrap()
    });
    assert_eq!(api_with_token(&demo.server, &token), 401, "an expired token answers 401 on the API");
    assert_eq!(server_fn_with_token(&demo.server, &token), 401, "and on server functions");

    // Revoked.
    let token = demo.sandbox.token_for(LEAD);
    assert_eq!(api_with_token(&demo.server, &token), 200);
    let list = demo.sandbox.cli_ok(&["token", "list"]);
    let id = list.lines().last().unwrap().split('\t').next().unwrap().to_string();
    demo.sandbox.cli_ok(&["token", "revoke", &id]);
    assert_eq!(api_with_token(&demo.server, &token), 401, "a revoked token answers 401 on the API");
    assert_eq!(server_fn_with_token(&demo.server, &token), 401, "and on server functions");
    let again = demo.sandbox.cli(&["token", "revoke", &id]);
    assert!(!again.status.success() && String::from_utf8_lossy(&again.stderr).contains("already revoked"));
    let missing = demo.sandbox.cli(&["token", "revoke", "999999"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no API token with the id 999999"));
    let revoked_row = demo.sandbox.cli_ok(&["token", "list"]).lines().last().unwrap().to_string();
    assert_ne!(revoked_row.split('\t').nth(6), Some("-"), "the list shows when it was revoked");
}

/// Fails on f6591a6: there was no way for a user to change their own password.
#[test]
fn changing_your_password_keeps_this_session_and_ends_the_others() {
    let demo = start("accounts-change");
    let here = sign_in(&demo.server, LEAD, &demo.password);
    let elsewhere = sign_in_from(&demo.server, LEAD, &demo.password, from(20)).unwrap();
    let token = demo.sandbox.token_for(LEAD);
    let change = |cookie: &str, current: &str, new: &str, confirm: &str| {
        demo.server.send(
            &Request::post("/api/account/change-password")
                .header("Accept", "application/json")
                .header("Cookie", cookie)
                .form(&[("current_password", current), ("new_password", new), ("confirm_password", confirm)]),
        )
    };
    let wrong = change(&here, "not my password", NEW_PASSWORD, NEW_PASSWORD);
    assert_eq!(wrong.status, 422);
    assert!(wrong.text().contains("Your current password is not right"), "{}", wrong.text());
    let weak = change(&here, &demo.password, "password123", "password123");
    assert!(weak.status == 422 && weak.text().contains("too common"), "{}", weak.text());
    let mismatch = change(&here, &demo.password, NEW_PASSWORD, "copper kettle lantern");
    assert!(mismatch.status == 422 && mismatch.text().contains("do not match"), "{}", mismatch.text());
    assert!(sign_in_from(&demo.server, LEAD, &demo.password, from(21)).is_some(), "refusals changed nothing");

    let changed = change(&here, &demo.password, NEW_PASSWORD, NEW_PASSWORD);
    assert!(changed.status < 400, "{} {}", changed.status, changed.text());
    let renewed = changed.session_cookie().expect("a fresh session id for this session");
    assert_ne!(renewed, here);
    assert_eq!(api_with_cookie(&demo.server, &renewed), 200, "this session carries on");
    assert_eq!(api_with_cookie(&demo.server, &here), 401, "under a new id only");
    assert_eq!(api_with_cookie(&demo.server, &elsewhere), 401, "other sessions end");
    assert_eq!(api_with_token(&demo.server, &token), 401, "API tokens end");
    assert!(sign_in_from(&demo.server, LEAD, &demo.password, from(22)).is_none(), "the old password is gone");
    assert!(sign_in_from(&demo.server, LEAD, NEW_PASSWORD, from(23)).is_some());
}

/// Fails on f6591a6: there was no password reset, on the users page or the command line.
#[test]
fn a_reset_password_is_temporary_and_must_be_replaced_before_anything_else() {
    let demo = start("accounts-reset");
    let admin = demo.sandbox.admin_token();
    let before = sign_in(&demo.server, LEAD, &demo.password);

    let out = demo.sandbox.cli_ok(&["user", "reset-password", "--email", LEAD]);
    let temporary = out.lines().last().unwrap().trim().to_string();
    assert_eq!(temporary.len(), 23, "four groups of five: {temporary}");
    assert_eq!(api_with_cookie(&demo.server, &before), 401, "a reset ends the user's sessions");
    assert!(sign_in_from(&demo.server, LEAD, &demo.password, from(31)).is_none(), "the old password is gone");

    let response = send_from(&demo.server, &sign_in_request(LEAD, &temporary, Some("/framework")), from(32));
    assert_eq!(response.header("location"), Some("/account"), "sent to choose a new password");
    let cookie = response.session_cookie().unwrap();
    let page = demo.server.send(&Request::get("/framework").header("Accept", "text/html").header("Cookie", &cookie));
    assert_eq!((page.status, page.header("location")), (303, Some("/account")), "pages lead to /account");
    assert_eq!(api_with_cookie(&demo.server, &cookie), 403, "the API refuses until the password is changed");
    let account = demo.server.send(&Request::get("/account").header("Accept", "text/html").header("Cookie", &cookie));
    assert_eq!(account.status, 200);
    assert!(account.text().contains("temporary password"), "the page says why");

    let changed = demo.server.send(
        &Request::post("/api/account/change-password")
            .header("Accept", "application/json")
            .header("Cookie", &cookie)
            .form(&[
                ("current_password", &temporary),
                ("new_password", NEW_PASSWORD),
                ("confirm_password", NEW_PASSWORD),
            ]),
    );
    assert!(changed.status < 400, "{} {}", changed.status, changed.text());
    let cookie = changed.session_cookie().unwrap();
    assert_eq!(api_with_cookie(&demo.server, &cookie), 200, "free to carry on");

    // The users page's server function: the temporary password comes back once.
    let db = Db::open(&demo.sandbox.db_path);
    let id = db.scalar_i64(&format!("SELECT id FROM users WHERE email = '{MEMBER}'")).unwrap().to_string();
    let reset = demo.server.send(
        &Request::post("/api/admin/reset-password")
            .header("Accept", "application/json")
            .bearer(&admin)
            .form(&[("user_id", &id)]),
    );
    assert_eq!(reset.status, 200, "{}", reset.text());
    let body = reset.json().unwrap();
    let temporary = body["password"].as_str().unwrap();
    let response = send_from(&demo.server, &sign_in_request(MEMBER, temporary, None), from(33));
    assert_eq!(response.header("location"), Some("/account"));
    let refused = demo.server.send(
        &Request::post("/api/admin/reset-password")
            .header("Accept", "application/json")
            .bearer(&demo.sandbox.token_for(LEAD))
            .form(&[("user_id", &id)]),
    );
    assert_eq!(refused.status, 403, "only administrators reset passwords");
}
