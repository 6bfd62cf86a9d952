//! The codes of the domain enums, pinned to the literal strings they have always had: they are
//! stored in SQLite rows and written into URLs, forms, JSON and CSV, so a derive that spelled one
//! differently would break data that already exists. Each table lists every variant once, in
//! declaration order, and is checked against the variants the enum really has.

use serde::de::DeserializeOwned;
use serde::Serialize;
use skillmix::access::UserRole;
use skillmix::analysis::matrix::{Mode, SortKey};
use skillmix::assessment::{Source, SourceFilter};
use skillmix::development::PlanStatus;
use skillmix::framework::{ActivityKind, SkillKind};
use skillmix::scale::Scale;
use skillmix::workshop::follow_up::{ActionStatus, InvitationRole, InvitationStatus};
use skillmix::workshop::model::MethodCategory;
use skillmix::workshop::timer::TimerCommand;
use std::fmt::Debug;
use std::str::FromStr;
use strum::IntoEnumIterator;

/// Every variant has its code, the table covers every variant, and the code round-trips through
/// `FromStr`, `code()`/`from_code()`-style functions and serde (as a JSON string).
fn check<T>(table: &[(T, &str)], code: impl Fn(T) -> &'static str, from_code: impl Fn(&str) -> Option<T>)
where
    T: Copy + Debug + PartialEq + IntoEnumIterator + FromStr + Serialize + DeserializeOwned + Into<&'static str>,
{
    let variants: Vec<T> = T::iter().collect();
    let listed: Vec<T> = table.iter().map(|&(v, _)| v).collect();
    assert_eq!(listed, variants, "the table lists every variant once, in declaration order");
    for &(variant, literal) in table {
        assert_eq!(code(variant), literal, "{variant:?}");
        assert_eq!(Into::<&'static str>::into(variant), literal, "{variant:?}");
        assert_eq!(from_code(literal), Some(variant), "{literal}");
        assert_eq!(literal.parse::<T>().ok(), Some(variant), "{literal}");
        assert_eq!(serde_json::to_string(&variant).unwrap(), format!("\"{literal}\""), "{variant:?}");
        assert_eq!(serde_json::from_str::<T>(&format!("\"{literal}\"")).unwrap(), variant, "{literal}");
        // Codes are exact: no other case, no Rust variant name.
        let upper = literal.to_uppercase();
        assert!(upper.parse::<T>().is_err(), "{upper}");
        assert_eq!(from_code(&upper), None, "{upper}");
        let debug = format!("{variant:?}");
        if debug != literal {
            assert!(debug.parse::<T>().is_err(), "{debug}");
        }
    }
    assert!("".parse::<T>().is_err());
    assert_eq!(from_code("nonsense"), None);
}

/// `ALL` (the order lists and forms show) holds every variant exactly once.
fn all_is_complete<T: Copy + Debug + PartialEq + IntoEnumIterator>(all: &[T]) {
    let variants: Vec<T> = T::iter().collect();
    assert_eq!(all.len(), variants.len(), "{all:?}");
    for v in variants {
        assert_eq!(all.iter().filter(|&&a| a == v).count(), 1, "{v:?} in {all:?}");
    }
}

#[test]
fn skill_kind() {
    check(
        &[
            (SkillKind::Ddat, "ddat"),
            (SkillKind::Technical, "technical"),
            (SkillKind::Behavioural, "behavioural"),
            (SkillKind::Other, "other"),
            (SkillKind::Sfia, "sfia"),
        ],
        SkillKind::code,
        SkillKind::from_code,
    );
    all_is_complete(&SkillKind::ALL);
    assert_eq!(SkillKind::Sfia.to_string(), "sfia");
}

#[test]
fn activity_kind() {
    check(
        &[
            (ActivityKind::Training, "training"),
            (ActivityKind::Pda, "pda"),
            (ActivityKind::Qualification, "qualification"),
        ],
        ActivityKind::code,
        ActivityKind::from_code,
    );
    all_is_complete(&ActivityKind::ALL);
}

#[test]
fn invitation_role() {
    check(
        &[(InvitationRole::Participant, "participant"), (InvitationRole::Facilitator, "facilitator")],
        InvitationRole::code,
        InvitationRole::from_code,
    );
    all_is_complete(&InvitationRole::ALL);
    // Form values are trimmed.
    assert_eq!(InvitationRole::from_code(" facilitator\n"), Some(InvitationRole::Facilitator));
}

#[test]
fn invitation_status() {
    check(
        &[
            (InvitationStatus::Invited, "invited"),
            (InvitationStatus::Accepted, "accepted"),
            (InvitationStatus::Declined, "declined"),
            (InvitationStatus::Waiting, "waiting"),
        ],
        InvitationStatus::code,
        InvitationStatus::from_code,
    );
    all_is_complete(&InvitationStatus::ALL);
    assert_eq!(InvitationStatus::from_code(" waiting "), Some(InvitationStatus::Waiting));
}

#[test]
fn action_status() {
    check(&[(ActionStatus::Open, "open"), (ActionStatus::Done, "done")], ActionStatus::code, ActionStatus::from_code);
    assert_eq!(ActionStatus::from_code(" done "), Some(ActionStatus::Done));
}

#[test]
fn method_category() {
    check(
        &[
            (MethodCategory::Opening, "opening"),
            (MethodCategory::Ideas, "ideas"),
            (MethodCategory::Decisions, "decisions"),
            (MethodCategory::Discussion, "discussion"),
            (MethodCategory::Learning, "learning"),
            (MethodCategory::Retrospective, "retrospective"),
            (MethodCategory::Planning, "planning"),
            (MethodCategory::Energy, "energy"),
            (MethodCategory::Closing, "closing"),
            (MethodCategory::Break, "break"),
        ],
        MethodCategory::code,
        MethodCategory::from_code,
    );
    all_is_complete(&MethodCategory::ALL);
}

#[test]
fn timer_command() {
    check(
        &[
            (TimerCommand::Start, "start"),
            (TimerCommand::Pause, "pause"),
            (TimerCommand::Resume, "resume"),
            (TimerCommand::Toggle, "toggle"),
            (TimerCommand::Extend, "extend"),
            (TimerCommand::Next, "next"),
            (TimerCommand::Finish, "finish"),
        ],
        TimerCommand::code,
        TimerCommand::from_form,
    );
    assert_eq!(TimerCommand::from_form(" next "), Some(TimerCommand::Next));
}

#[test]
fn scale() {
    check(
        &[(Scale::Ddat, "ddat"), (Scale::Depth, "depth"), (Scale::Sfia, "sfia"), (Scale::Behavioural, "behavioural")],
        Scale::code,
        Scale::from_code,
    );
    all_is_complete(&Scale::ALL);
    // A scale displays as its title, not its code.
    assert_eq!(Scale::Sfia.to_string(), "SFIA level of responsibility");
}

#[test]
fn user_role() {
    check(
        &[
            (UserRole::Admin, "admin"),
            (UserRole::Lead, "lead"),
            (UserRole::Member, "member"),
            (UserRole::Viewer, "viewer"),
        ],
        UserRole::code,
        UserRole::from_code,
    );
    all_is_complete(&UserRole::ALL);
}

#[test]
fn plan_status() {
    check(
        &[
            (PlanStatus::Planned, "planned"),
            (PlanStatus::InProgress, "in-progress"),
            (PlanStatus::Done, "done"),
            (PlanStatus::Dropped, "dropped"),
        ],
        PlanStatus::code,
        PlanStatus::from_code,
    );
    all_is_complete(&PlanStatus::ALL);
    assert_eq!(PlanStatus::InProgress.to_string(), "in-progress");
}

#[test]
fn matrix_mode() {
    check(
        &[(Mode::Level, "level"), (Mode::Gap, "gap"), (Mode::Calibration, "calibration")],
        Mode::code,
        Mode::from_code,
    );
    all_is_complete(&Mode::ALL);
}

#[test]
fn sort_key() {
    check(
        &[(SortKey::Name, "name"), (SortKey::TotalGap, "total-gap"), (SortKey::Coverage, "coverage")],
        SortKey::code,
        SortKey::from_code,
    );
    all_is_complete(&SortKey::ALL);
}

#[test]
fn source() {
    check(
        &[(Source::SelfAssessment, "self"), (Source::Lead, "lead"), (Source::Peer, "peer")],
        Source::code,
        Source::from_code,
    );
    all_is_complete(&Source::ALL);
    assert_eq!(Source::from_code("self-assessment"), None);
}

#[test]
fn source_filter() {
    let table = [
        (SourceFilter::Latest, "latest"),
        (SourceFilter::Only(Source::SelfAssessment), "self"),
        (SourceFilter::Only(Source::Lead), "lead"),
        (SourceFilter::Only(Source::Peer), "peer"),
    ];
    for (filter, literal) in table {
        assert_eq!(filter.code(), literal);
        assert_eq!(SourceFilter::from_code(literal), Some(filter));
    }
    assert_eq!(SourceFilter::from_code("Latest"), None);
    assert_eq!(SourceFilter::from_code("only"), None);
}

#[cfg(feature = "db")]
mod db {
    use super::*;
    use skillmix::store::audit::Outcome;
    use skillmix::store::imports::{ImportKind, ImportStatus};
    use sqlx::sqlite::{Sqlite, SqlitePoolOptions};
    use sqlx::SqlitePool;

    #[test]
    fn outcome() {
        check(
            &[(Outcome::Ok, "ok"), (Outcome::Denied, "denied"), (Outcome::Failed, "failed")],
            Outcome::code,
            |code| code.parse().ok(),
        );
    }

    #[test]
    fn import_kind() {
        check(
            &[(ImportKind::Ddat, "ddat"), (ImportKind::Sfia, "sfia"), (ImportKind::RoleProfile, "role-profile")],
            ImportKind::code,
            ImportKind::from_code,
        );
        all_is_complete(&ImportKind::ALL);
    }

    #[test]
    fn import_status() {
        check(
            &[
                (ImportStatus::Checked, "checked"),
                (ImportStatus::Imported, "imported"),
                (ImportStatus::Preview, "preview"),
                (ImportStatus::Saved, "saved"),
            ],
            ImportStatus::code,
            ImportStatus::from_code,
        );
        all_is_complete(&ImportStatus::ALL);
    }

    /// In SQLite each variant is stored as the TEXT of its code and read back from it; any other
    /// text is an error, not a panic or a silent default.
    async fn stored_as_code<T>(pool: &SqlitePool, code: impl Fn(T) -> &'static str)
    where
        T: Copy
            + Debug
            + PartialEq
            + IntoEnumIterator
            + Send
            + Unpin
            + sqlx::Type<Sqlite>
            + for<'q> sqlx::Encode<'q, Sqlite>
            + for<'r> sqlx::Decode<'r, Sqlite>,
    {
        for variant in T::iter() {
            let (text, kind): (String, String) =
                sqlx::query_as("SELECT ?1, typeof(?1)").bind(variant).fetch_one(pool).await.unwrap();
            assert_eq!((text.as_str(), kind.as_str()), (code(variant), "text"));
            let back: T = sqlx::query_scalar("SELECT ?").bind(code(variant)).fetch_one(pool).await.unwrap();
            assert_eq!(back, variant);
        }
        let unknown = sqlx::query_scalar::<_, T>("SELECT 'nonsense'").fetch_one(pool).await;
        assert!(unknown.is_err(), "{unknown:?}");
    }

    #[tokio::test]
    async fn stored_codes_round_trip_through_sqlite() {
        let pool = SqlitePoolOptions::new().max_connections(1).connect("sqlite::memory:").await.unwrap();
        stored_as_code(&pool, SkillKind::code).await;
        stored_as_code(&pool, ActivityKind::code).await;
        stored_as_code(&pool, InvitationRole::code).await;
        stored_as_code(&pool, InvitationStatus::code).await;
        stored_as_code(&pool, ActionStatus::code).await;
        stored_as_code(&pool, MethodCategory::code).await;
        stored_as_code(&pool, Scale::code).await;
        stored_as_code(&pool, Outcome::code).await;
        stored_as_code(&pool, ImportKind::code).await;
        stored_as_code(&pool, ImportStatus::code).await;
        stored_as_code(&pool, UserRole::code).await;
        stored_as_code(&pool, PlanStatus::code).await;
        stored_as_code(&pool, Source::code).await;
    }
}
