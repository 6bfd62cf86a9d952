//! Development plans: the actions a person accepts to close their training needs, the lifecycle
//! of an action, and the development suggested for a need.
//!
//! - An action has an owner, a due date and a status. Its lifecycle is
//!   planned → in progress → done, with "dropped" open to any action not done, and a dropped
//!   action can be picked up again (back to planned). [`PlanStatus::check_move`] names what is
//!   wrong with any other move.
//! - An open action (planned or in progress) past its due date is overdue ([`is_overdue`]).
//! - [`PlanProgress`] sums a person's plan for the team view.
//! - For a need, the suggestions are the role profile's training activities, PDAs and
//!   qualifications that name the skill ([`matching_activities`]), mentors who meet the level,
//!   and workshop programmes that target the skill; each comes with the text of the action it
//!   would become ("Attend Coaching training", "Pair with Ada Okafor on Systems design").
//!
//! Pure functions of their arguments, so the browser and the server share them.

use crate::analysis::{Requirements, TeamInput};
use crate::framework::{Activity, ActivityKind};
use crate::scale::Level;
use crate::Id;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A new action is due this many months after the day it is added, unless the lead says
/// otherwise.
pub const DEFAULT_DUE_MONTHS: u32 = 3;

/// The longest text an action may have.
pub const ACTION_TEXT_MAX: usize = 300;

/// How far ahead a due date may be set.
pub const MAX_DUE_YEARS: u32 = 5;

/// The largest importance weight a lead may give a skill.
pub const MAX_WEIGHT: f64 = 100.0;

/// Where a plan action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::Display, strum::EnumIter)]
#[strum(serialize_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "TEXT", rename_all = "kebab-case"))]
pub enum PlanStatus {
    Planned,
    InProgress,
    Done,
    Dropped,
}

impl PlanStatus {
    pub const ALL: [PlanStatus; 4] =
        [PlanStatus::Planned, PlanStatus::InProgress, PlanStatus::Done, PlanStatus::Dropped];

    /// The code stored in the database and sent by forms.
    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn from_code(code: &str) -> Option<PlanStatus> {
        code.parse().ok()
    }

    pub fn title(self) -> &'static str {
        match self {
            PlanStatus::Planned => "Planned",
            PlanStatus::InProgress => "In progress",
            PlanStatus::Done => "Done",
            PlanStatus::Dropped => "Dropped",
        }
    }

    /// Still to be done: planned or in progress.
    pub fn is_open(self) -> bool {
        matches!(self, PlanStatus::Planned | PlanStatus::InProgress)
    }

    /// The statuses an action in this status may move to, in the order a form offers them.
    pub fn next(self) -> &'static [PlanStatus] {
        match self {
            PlanStatus::Planned => &[PlanStatus::InProgress, PlanStatus::Dropped],
            PlanStatus::InProgress => &[PlanStatus::Done, PlanStatus::Dropped],
            PlanStatus::Done => &[],
            PlanStatus::Dropped => &[PlanStatus::Planned],
        }
    }

    /// Whether the action may move from this status to `to`; the error says why not, in words
    /// a form can show.
    pub fn check_move(self, to: PlanStatus) -> Result<(), String> {
        if self.next().contains(&to) {
            return Ok(());
        }
        Err(match (self, to) {
            (from, to) if from == to => {
                format!("The action is already {}", from.title().to_lowercase())
            }
            (PlanStatus::Done, _) => "The action is done: add a new action rather than reopening it".to_string(),
            (PlanStatus::Planned, PlanStatus::Done) => {
                "Start the action (in progress) before marking it done".to_string()
            }
            (PlanStatus::Dropped, _) => "A dropped action can only be planned again".to_string(),
            (from, to) => {
                format!("An action cannot go from {} to {}", from.title().to_lowercase(), to.title().to_lowercase())
            }
        })
    }
}

/// The default due date of a new action: [`DEFAULT_DUE_MONTHS`] after `today`.
pub fn default_due(today: NaiveDate) -> NaiveDate {
    today.checked_add_months(Months::new(DEFAULT_DUE_MONTHS)).unwrap_or(today)
}

/// Open and past its due date. An action due today is not overdue yet.
pub fn is_overdue(status: PlanStatus, due_on: NaiveDate, today: NaiveDate) -> bool {
    status.is_open() && due_on < today
}

/// "Overdue by 1 day", "Overdue by 12 days": the words shown beside an overdue action.
pub fn overdue_text(due_on: NaiveDate, today: NaiveDate) -> String {
    let days = (today - due_on).num_days().max(1);
    format!("Overdue by {days} day{}", if days == 1 { "" } else { "s" })
}

/// "Stale: over 6 months": the words shown beside evidence older than the review cadence.
pub fn stale_text(cadence_months: u32) -> String {
    format!("Stale: over {cadence_months} month{}", if cadence_months == 1 { "" } else { "s" })
}

/// Checks a due date typed into a form: a real date, not before `today`, and at most
/// [`MAX_DUE_YEARS`] ahead.
pub fn parse_due(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let date: NaiveDate =
        text.trim().parse().map_err(|_| "Enter the due date as a real date, like 2026-11-23".to_string())?;
    if date < today {
        return Err("The due date must be today or in the future".to_string());
    }
    let limit = today.checked_add_months(Months::new(12 * MAX_DUE_YEARS)).unwrap_or(today);
    if date > limit {
        return Err(format!("The due date must be within {MAX_DUE_YEARS} years"));
    }
    Ok(date)
}

/// Reads an importance weight typed into a form: blank means "use the default" (`None`).
pub fn parse_weight(text: &str) -> Result<Option<f64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<f64>() {
        Ok(w) if w.is_finite() && (0.0..=MAX_WEIGHT).contains(&w) => Ok(Some(w)),
        Ok(_) => Err(format!("Enter a weight from 0 to {MAX_WEIGHT}, or leave it blank for the default")),
        Err(_) => Err(format!("Weight \"{text}\" is not a number: enter a number from 0 to {MAX_WEIGHT}")),
    }
}

/// "1.5", "2": a weight as a form shows it.
pub fn weight_text(weight: f64) -> String {
    let text = format!("{weight:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One action of a development plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAction {
    pub id: Id,
    pub person_id: Id,
    /// The skill the action develops, when it serves a need.
    pub skill_id: Option<Id>,
    /// The level it works towards.
    pub target_level: Option<Level>,
    pub text: String,
    pub owner_person_id: Option<Id>,
    pub due_on: NaiveDate,
    pub status: PlanStatus,
    pub created_at: String,
    pub updated_at: String,
}

impl PlanAction {
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        is_overdue(self.status, self.due_on, today)
    }
}

/// How far a person's plan has got: counts by status, and how many open actions are overdue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanProgress {
    pub planned: u32,
    pub in_progress: u32,
    pub done: u32,
    pub dropped: u32,
    pub overdue: u32,
}

impl PlanProgress {
    pub fn of<'a>(actions: impl IntoIterator<Item = &'a PlanAction>, today: NaiveDate) -> PlanProgress {
        let mut progress = PlanProgress::default();
        for action in actions {
            match action.status {
                PlanStatus::Planned => progress.planned += 1,
                PlanStatus::InProgress => progress.in_progress += 1,
                PlanStatus::Done => progress.done += 1,
                PlanStatus::Dropped => progress.dropped += 1,
            }
            progress.overdue += u32::from(action.is_overdue(today));
        }
        progress
    }

    /// Actions that count towards progress: every one not dropped.
    pub fn committed(&self) -> u32 {
        self.planned + self.in_progress + self.done
    }

    pub fn open(&self) -> u32 {
        self.planned + self.in_progress
    }

    /// Done as a whole percentage of the committed actions; `None` with nothing committed.
    pub fn percent_done(&self) -> Option<u32> {
        let committed = self.committed();
        (committed > 0).then(|| (self.done * 100 + committed / 2) / committed)
    }

    /// "2 of 5 done", or "No actions".
    pub fn summary(&self) -> String {
        match self.committed() {
            0 => "No actions".to_string(),
            n => format!("{} of {n} done", self.done),
        }
    }
}

/// What kind of development a suggestion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuggestionKind {
    Training,
    Pda,
    Qualification,
    Mentor,
    Workshop,
}

impl SuggestionKind {
    pub fn title(self) -> &'static str {
        match self {
            SuggestionKind::Training => "Training",
            SuggestionKind::Pda => "Professional development",
            SuggestionKind::Qualification => "Qualification",
            SuggestionKind::Mentor => "Mentor",
            SuggestionKind::Workshop => "Workshop",
        }
    }

    pub fn of_activity(kind: ActivityKind) -> SuggestionKind {
        match kind {
            ActivityKind::Training => SuggestionKind::Training,
            ActivityKind::Pda => SuggestionKind::Pda,
            ActivityKind::Qualification => SuggestionKind::Qualification,
        }
    }
}

/// One way to close a need, with the text of the action it would become.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub kind: SuggestionKind,
    pub title: String,
    /// A line of detail: the activity's description, where a mentor works.
    pub detail: String,
    pub action_text: String,
    /// A page about it (a workshop programme), if there is one.
    pub href: Option<String>,
}

impl Suggestion {
    pub fn activity(activity: &Activity) -> Suggestion {
        Suggestion {
            kind: SuggestionKind::of_activity(activity.kind),
            title: activity.title.clone(),
            detail: activity.details.clone(),
            action_text: activity_action_text(activity),
            href: None,
        }
    }

    pub fn mentor(name: &str, detail: String, skill_name: &str) -> Suggestion {
        Suggestion {
            kind: SuggestionKind::Mentor,
            title: name.to_string(),
            detail,
            action_text: format!("Pair with {name} on {skill_name}"),
            href: None,
        }
    }

    pub fn workshop(id: Id, title: &str) -> Suggestion {
        Suggestion {
            kind: SuggestionKind::Workshop,
            title: title.to_string(),
            detail: String::new(),
            action_text: format!("Take part in the workshop programme “{title}”"),
            href: Some(format!("/workshops/{id}")),
        }
    }
}

/// The action an activity of the role profile becomes: "Attend Coaching training",
/// "Take on a Deputising assignment", "Work towards Chartered IT Professional (CITP)".
pub fn activity_action_text(activity: &Activity) -> String {
    match activity.kind {
        ActivityKind::Training => format!("Attend {} training", activity.title),
        ActivityKind::Pda => format!("Professional development: {}", activity.title),
        ActivityKind::Qualification => format!("Work towards {}", activity.title),
    }
}

/// The action offered when nothing more specific is known: "Develop Systems design to 3 Practitioner".
pub fn fallback_action_text(skill_name: &str, level_label: &str) -> String {
    format!("Develop {skill_name} to {level_label}")
}

/// Words too common in skill and activity names to link one to the other.
const GENERIC_WORDS: &[&str] = &[
    "about",
    "activities",
    "activity",
    "advanced",
    "applied",
    "assignment",
    "assignments",
    "awareness",
    "basic",
    "broader",
    "concepts",
    "development",
    "employing",
    "engineer",
    "engineering",
    "from",
    "gaining",
    "general",
    "guidelines",
    "introduction",
    "issues",
    "knowledge",
    "management",
    "method",
    "methods",
    "organisation",
    "other",
    "participation",
    "practice",
    "practices",
    "procedures",
    "professional",
    "skill",
    "skills",
    "special",
    "standards",
    "technique",
    "techniques",
    "their",
    "tool",
    "tools",
    "using",
    "with",
    "within",
];

/// The distinctive words of a name, lower case, plurals folded ("Telecommunications Protocols"
/// -> {"telecommunication", "protocol"}). Words under four letters and generic words are left out.
pub fn keywords(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !GENERIC_WORDS.contains(&w.as_str()))
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if stem.chars().count() >= 4 && !stem.ends_with('s') => stem.to_string(),
            _ => w,
        })
        .collect()
}

/// The activities whose title shares a distinctive word with the skill's name, the closest
/// first (more shared words), then training, PDAs and qualifications in the profile's order.
/// Titles repeated across levels are listed once.
pub fn matching_activities<'a>(skill_name: &str, activities: &'a [Activity]) -> Vec<&'a Activity> {
    let wanted = keywords(skill_name);
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(usize, usize, &Activity)> = activities
        .iter()
        .enumerate()
        .filter_map(|(position, a)| {
            let shared = keywords(&a.title).intersection(&wanted).count();
            (shared > 0).then_some((shared, position, a))
        })
        .collect();
    let rank = |kind: ActivityKind| ActivityKind::ALL.iter().position(|k| *k == kind).unwrap_or(usize::MAX);
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(rank(a.2.kind).cmp(&rank(b.2.kind))).then(a.1.cmp(&b.1)));
    let mut seen = BTreeSet::new();
    scored
        .into_iter()
        .filter(|(_, _, a)| seen.insert((rank(a.kind), a.title.to_lowercase())))
        .map(|(_, _, a)| a)
        .collect()
}

/// The default importance of each skill in a team: how many distinct role levels held in the
/// team require a level of it (the same count the training-needs analysis uses; at least 1 is
/// applied there).
pub fn default_importance(input: &TeamInput) -> BTreeMap<Id, u32> {
    let requirements = Requirements::new(input.requirements);
    let role_levels: BTreeSet<Id> = input.people.iter().filter_map(|p| p.role_level_id).collect();
    input
        .skills
        .iter()
        .map(|skill| {
            let n = role_levels.iter().filter(|&&rl| requirements.level(Some(rl), skill.id).is_some()).count();
            (skill.id, n as u32)
        })
        .collect()
}

/// The skills a team's analysis can find needs in: those any member's current or target role
/// level requires at a stated level.
pub fn weighable_skills(input: &TeamInput) -> BTreeSet<Id> {
    let role_levels: BTreeSet<Id> =
        input.people.iter().flat_map(|p| [p.role_level_id, p.target_role_level_id]).flatten().collect();
    input
        .requirements
        .iter()
        .filter(|r| r.level.is_some() && role_levels.contains(&r.role_level_id))
        .map(|r| r.skill_id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::training::{needs, TnaOptions};
    use crate::framework::{Requirement, Skill, SkillKind};
    use crate::people::Person;
    use crate::scale::Scale;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn action(status: PlanStatus, due: &str) -> PlanAction {
        PlanAction {
            id: 1,
            person_id: 1,
            skill_id: None,
            target_level: None,
            text: "Attend Coaching training".into(),
            owner_person_id: None,
            due_on: date(due),
            status,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn lifecycle_allows_only_the_documented_moves() {
        use PlanStatus::*;
        let allowed: Vec<(PlanStatus, PlanStatus)> = PlanStatus::ALL
            .into_iter()
            .flat_map(|from| PlanStatus::ALL.into_iter().map(move |to| (from, to)))
            .filter(|(from, to)| from.check_move(*to).is_ok())
            .collect();
        assert_eq!(
            allowed,
            vec![
                (Planned, InProgress),
                (Planned, Dropped),
                (InProgress, Done),
                (InProgress, Dropped),
                (Dropped, Planned)
            ]
        );
        assert_eq!(Planned.check_move(Planned).unwrap_err(), "The action is already planned");
        assert_eq!(Planned.check_move(Done).unwrap_err(), "Start the action (in progress) before marking it done");
        assert!(Done.check_move(Dropped).unwrap_err().contains("The action is done"));
        assert_eq!(Dropped.check_move(Done).unwrap_err(), "A dropped action can only be planned again");
        assert_eq!(InProgress.check_move(Planned).unwrap_err(), "An action cannot go from in progress to planned");
        for status in PlanStatus::ALL {
            assert_eq!(PlanStatus::from_code(status.code()), Some(status));
            assert_eq!(serde_json::to_value(status).unwrap(), status.code());
        }
    }

    #[test]
    fn overdue_only_when_open_and_past_the_due_date() {
        let today = date("2026-06-30");
        assert!(!action(PlanStatus::Planned, "2026-06-30").is_overdue(today));
        assert!(action(PlanStatus::Planned, "2026-06-29").is_overdue(today));
        assert!(action(PlanStatus::InProgress, "2026-01-01").is_overdue(today));
        assert!(!action(PlanStatus::Done, "2026-01-01").is_overdue(today));
        assert!(!action(PlanStatus::Dropped, "2026-01-01").is_overdue(today));
        assert_eq!(overdue_text(date("2026-06-29"), today), "Overdue by 1 day");
        assert_eq!(overdue_text(date("2026-06-18"), today), "Overdue by 12 days");
    }

    #[test]
    fn due_dates_default_to_three_months_and_are_checked() {
        let today = date("2026-11-30");
        assert_eq!(default_due(today), date("2027-02-28"));
        assert_eq!(parse_due(" 2026-11-30 ", today), Ok(today));
        assert_eq!(parse_due("2026-11-29", today).unwrap_err(), "The due date must be today or in the future");
        assert!(parse_due("30/11/2026", today).unwrap_err().starts_with("Enter the due date as a real date"));
        assert!(parse_due("2031-11-30", today).is_ok());
        assert_eq!(parse_due("2031-12-01", today).unwrap_err(), "The due date must be within 5 years");
    }

    #[test]
    fn progress_counts_by_status_and_overdue() {
        let today = date("2026-06-30");
        let plan = [
            action(PlanStatus::Done, "2026-01-01"),
            action(PlanStatus::InProgress, "2026-05-01"),
            action(PlanStatus::Planned, "2026-09-01"),
            action(PlanStatus::Dropped, "2026-01-01"),
        ];
        let progress = PlanProgress::of(&plan, today);
        assert_eq!(progress, PlanProgress { planned: 1, in_progress: 1, done: 1, dropped: 1, overdue: 1 });
        assert_eq!(progress.summary(), "1 of 3 done");
        assert_eq!(progress.percent_done(), Some(33));
        assert_eq!(progress.open(), 2);
        assert_eq!(PlanProgress::default().summary(), "No actions");
        assert_eq!(PlanProgress::default().percent_done(), None);
    }

    #[test]
    fn weights_are_blank_or_a_number_in_range() {
        assert_eq!(parse_weight("  "), Ok(None));
        assert_eq!(parse_weight("2.5"), Ok(Some(2.5)));
        assert_eq!(parse_weight("0"), Ok(Some(0.0)));
        assert!(parse_weight("-1").unwrap_err().starts_with("Enter a weight from 0 to 100"));
        assert!(parse_weight("101").is_err());
        assert!(parse_weight("NaN").is_err());
        assert!(parse_weight("lots").unwrap_err().contains("\"lots\" is not a number"));
        assert_eq!(weight_text(1.5), "1.5");
        assert_eq!(weight_text(2.0), "2");
        assert_eq!(weight_text(0.25), "0.25");
    }

    #[test]
    fn stale_text_counts_months() {
        assert_eq!(stale_text(6), "Stale: over 6 months");
        assert_eq!(stale_text(1), "Stale: over 1 month");
    }

    fn activity(kind: ActivityKind, title: &str) -> Activity {
        Activity { id: 0, role_level_id: 1, kind, title: title.into(), details: String::new(), awarding_body: None }
    }

    #[test]
    fn activities_match_skills_by_distinctive_words() {
        let profile = [
            activity(ActivityKind::Training, "Coaching"),
            activity(ActivityKind::Training, "Security Awareness"),
            activity(ActivityKind::Pda, "Job Shadowing and Special Assignments"),
            activity(ActivityKind::Training, "Networking Protocols"),
            activity(ActivityKind::Training, "Software Security and Vulnerability Assessment"),
            activity(ActivityKind::Pda, "Coaching"),
            activity(ActivityKind::Training, "Coaching"),
        ];
        let titles = |skill: &str| -> Vec<String> {
            matching_activities(skill, &profile).iter().map(|a| format!("{:?} {}", a.kind, a.title)).collect()
        };
        // Training before PDA; the repeated training title is listed once.
        assert_eq!(titles("Coaching Techniques"), vec!["Training Coaching", "Pda Coaching"]);
        assert_eq!(titles("Telecommunications Protocols"), vec!["Training Networking Protocols"]);
        // Two shared words rank above one.
        assert_eq!(
            titles("Software security"),
            vec!["Training Software Security and Vulnerability Assessment", "Training Security Awareness"]
        );
        // Generic words ("management", "skills") never link.
        assert!(titles("Risk Management").is_empty());
        assert!(titles("IT").is_empty());
        assert_eq!(
            keywords("Telecommunications Protocols"),
            BTreeSet::from(["protocol".to_string(), "telecommunication".to_string()])
        );
        assert_eq!(keywords("Access and Process"), BTreeSet::from(["access".to_string(), "process".to_string()]));
    }

    #[test]
    fn suggestions_carry_the_action_they_become() {
        assert_eq!(
            Suggestion::activity(&activity(ActivityKind::Training, "Coaching")).action_text,
            "Attend Coaching training"
        );
        assert_eq!(
            Suggestion::mentor("Ada Okafor", String::new(), "Systems design").action_text,
            "Pair with Ada Okafor on Systems design"
        );
        let workshop = Suggestion::workshop(4, "Design week");
        assert_eq!(workshop.href.as_deref(), Some("/workshops/4"));
        assert_eq!(
            fallback_action_text("Systems design", "3 Practitioner"),
            "Develop Systems design to 3 Practitioner"
        );
    }

    fn skill(id: Id) -> Skill {
        Skill {
            id,
            version_id: 1,
            code: format!("s{id}"),
            name: format!("Skill {id}"),
            kind: SkillKind::Ddat,
            scale: Scale::Ddat,
            description: String::new(),
            category: None,
            subcategory: None,
            defined_levels: vec![],
        }
    }

    #[test]
    fn default_importance_matches_the_analysis() {
        let skills = [skill(10), skill(11), skill(12)];
        let people = [
            Person { id: 1, name: "A".into(), email: None, role_level_id: Some(1), target_role_level_id: Some(3) },
            Person { id: 2, name: "B".into(), email: None, role_level_id: Some(2), target_role_level_id: None },
        ];
        let req =
            |rl, skill, level| Requirement { role_level_id: rl, skill_id: skill, level, description: String::new() };
        let requirements = [req(1, 10, Some(3)), req(2, 10, Some(2)), req(2, 11, None), req(3, 12, Some(3))];
        let input = TeamInput {
            skills: &skills,
            people: &people,
            requirements: &requirements,
            assessments: &[],
            today: date("2026-06-30"),
        };
        let defaults = default_importance(&input);
        assert_eq!(defaults, BTreeMap::from([(10, 2), (11, 0), (12, 0)]));
        // The analysis uses the same count (at least 1) as the importance factor.
        let options = TnaOptions { include_target: true, ..TnaOptions::default() };
        for need in needs(&input, &options) {
            assert_eq!(need.factors.importance, f64::from(defaults[&need.skill_id].max(1)));
        }
        assert_eq!(weighable_skills(&input), BTreeSet::from([10, 12]));
    }
}
