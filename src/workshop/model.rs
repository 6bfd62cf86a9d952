//! The things a lead designs: a programme of events, each with an agenda of items, drawing on a
//! library of facilitation methods.
//!
//! Ids are `Option<Id>`: `None` until the store has saved the record, and on copies made from a
//! template (see [`super::template`]), which the store then inserts as new rows.

use crate::Id;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// The time zone a new programme runs in. Event dates and start times are wall-clock times here.
pub const DEFAULT_TIME_ZONE: &str = "Europe/London";

fn default_time_zone() -> String {
    DEFAULT_TIME_ZONE.to_owned()
}

/// A multi-event workshop programme designed to close skill gaps in one or more teams.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    /// `None` until saved.
    pub id: Option<Id>,
    pub title: String,
    /// The capability problem the programme exists to solve, in the lead's words.
    pub problem_statement: String,
    /// What attendees should be able to do afterwards, one per entry (a textarea with one per
    /// line maps to it through [`lines`]).
    pub objectives: Vec<String>,
    /// How the events build on each other.
    pub approach: String,
    /// Tools and platforms the events use (a shared whiteboard, a sandbox account, ...).
    pub tools: Vec<String>,
    /// The skills the programme is meant to raise; drives suggestions and uplift.
    pub skill_ids: Vec<Id>,
    /// The teams it involves; drives access (leads of these teams may edit it).
    pub team_ids: Vec<Id>,
    /// IANA time zone name, such as "Europe/London".
    #[serde(default = "default_time_zone")]
    pub time_zone: String,
}

impl Programme {
    /// An empty programme with a title, in the default time zone.
    pub fn new(title: impl Into<String>) -> Programme {
        Programme { title: title.into(), ..Programme::default() }
    }
}

impl Default for Programme {
    fn default() -> Programme {
        Programme {
            id: None,
            title: String::new(),
            problem_statement: String::new(),
            objectives: Vec::new(),
            approach: String::new(),
            tools: Vec::new(),
            skill_ids: Vec::new(),
            team_ids: Vec::new(),
            time_zone: default_time_zone(),
        }
    }
}

/// One session of a programme, on one date, in one place or online.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// `None` until saved.
    pub id: Option<Id>,
    /// `None` on a programme copy not yet saved.
    pub programme_id: Option<Id>,
    pub title: String,
    /// The local date the event starts on.
    pub date: NaiveDate,
    /// Wall-clock start time in the programme's time zone.
    pub start_time: NaiveTime,
    /// The length of the booked slot. The agenda may be shorter, or overrun it.
    pub duration_minutes: u32,
    /// A room or address, for people attending in person.
    pub place: Option<String>,
    /// A video-call link, for people attending online. Both may be set (hybrid).
    pub online_link: Option<String>,
    /// The most people who can attend. `None`: no limit.
    pub capacity: Option<u32>,
}

impl Event {
    /// A new event with no place, no link and no capacity limit.
    pub fn new(title: impl Into<String>, date: NaiveDate, start_time: NaiveTime, duration_minutes: u32) -> Event {
        Event {
            id: None,
            programme_id: None,
            title: title.into(),
            date,
            start_time,
            duration_minutes,
            place: None,
            online_link: None,
            capacity: None,
        }
    }

    /// Where to go: the place, or the online link when there is no place.
    pub fn location(&self) -> Option<&str> {
        self.place.as_deref().or(self.online_link.as_deref())
    }
}

/// One step of an event's agenda. Items run one after another in `position` order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    /// `None` until saved.
    pub id: Option<Id>,
    /// `None` on a copy not yet saved.
    pub event_id: Option<Id>,
    /// Order within the event, 1-based; the reordering helpers keep it contiguous.
    pub position: u32,
    pub title: String,
    /// The facilitation method it uses, if any.
    pub method_id: Option<Id>,
    /// Planned length. Zero is allowed (a milestone such as "Doors open" or "Photo").
    pub minutes: u32,
    /// The person who runs this item.
    pub facilitator_id: Option<Id>,
    /// What to prepare (sticky notes, a board link, a sandbox).
    pub materials: String,
    /// Notes for the facilitator.
    pub notes: String,
    /// A break: shown differently on the projector and never counted as content.
    pub is_break: bool,
}

impl AgendaItem {
    /// A plain item with a title and planned minutes.
    pub fn new(title: impl Into<String>, minutes: u32) -> AgendaItem {
        AgendaItem { title: title.into(), minutes, ..AgendaItem::default() }
    }
}

/// How a facilitation method is grouped in the method library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::Display, strum::EnumIter)]
#[strum(serialize_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "TEXT", rename_all = "kebab-case"))]
pub enum MethodCategory {
    /// Opening a session: arriving, setting the tone.
    Opening,
    /// Generating ideas.
    Ideas,
    /// Converging and choosing.
    Decisions,
    /// Structured conversation.
    Discussion,
    /// Practising and sharing skills.
    Learning,
    /// Looking back to improve.
    Retrospective,
    /// Turning insight into actions.
    Planning,
    /// Raising energy.
    Energy,
    /// Closing a session.
    Closing,
    /// Rest.
    Break,
}

impl MethodCategory {
    /// Library sections appear in this order (roughly the order of a session).
    pub const ALL: [MethodCategory; 10] = [
        MethodCategory::Opening,
        MethodCategory::Ideas,
        MethodCategory::Decisions,
        MethodCategory::Discussion,
        MethodCategory::Learning,
        MethodCategory::Retrospective,
        MethodCategory::Planning,
        MethodCategory::Energy,
        MethodCategory::Closing,
        MethodCategory::Break,
    ];

    /// The stable code stored in the database and posted by forms.
    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn from_code(code: &str) -> Option<MethodCategory> {
        code.parse().ok()
    }

    pub fn title(self) -> &'static str {
        match self {
            MethodCategory::Opening => "Opening",
            MethodCategory::Ideas => "Generating ideas",
            MethodCategory::Decisions => "Deciding",
            MethodCategory::Discussion => "Discussion",
            MethodCategory::Learning => "Learning and practice",
            MethodCategory::Retrospective => "Retrospectives",
            MethodCategory::Planning => "Planning",
            MethodCategory::Energy => "Energisers",
            MethodCategory::Closing => "Closing",
            MethodCategory::Break => "Breaks",
        }
    }
}

/// A facilitation method in the library. Built-in methods ship with the product; leads may add
/// their own (`built_in: false`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Method {
    /// `None` until saved.
    pub id: Option<Id>,
    pub name: String,
    /// Minutes an agenda item using this method gets when it is added.
    pub default_minutes: u32,
    pub description: String,
    pub category: MethodCategory,
    /// Shipped with the product: leads cannot delete it.
    pub built_in: bool,
}

/// An event with its agenda: the unit that is duplicated and exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventPlan {
    pub event: Event,
    /// In position order.
    pub agenda: Vec<AgendaItem>,
}

/// A programme with all its events and their agendas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammePlan {
    pub programme: Programme,
    /// In date order.
    pub events: Vec<EventPlan>,
}

/// Splits a textarea into its non-blank lines, trimmed (objectives, tools).
pub fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_programme_runs_in_london_time() {
        let programme = Programme::new("Kubernetes in production");
        assert_eq!(programme.time_zone, "Europe/London");
        assert_eq!(programme.id, None);
    }

    #[test]
    fn a_stored_programme_without_a_zone_defaults_to_london() {
        let json = r#"{"id":3,"title":"T","problem_statement":"","objectives":[],"approach":"",
            "tools":[],"skill_ids":[7],"team_ids":[]}"#;
        let programme: Programme = serde_json::from_str(json).unwrap();
        assert_eq!(programme.time_zone, DEFAULT_TIME_ZONE);
        assert_eq!(programme.skill_ids, vec![7]);
    }

    #[test]
    fn location_prefers_the_place_then_the_link() {
        let date = NaiveDate::from_ymd_opt(2026, 5, 12).unwrap();
        let mut event = Event::new("Day 1", date, NaiveTime::from_hms_opt(10, 0, 0).unwrap(), 120);
        assert_eq!(event.location(), None);
        event.online_link = Some("https://meet.example/abc".into());
        assert_eq!(event.location(), Some("https://meet.example/abc"));
        event.place = Some("Room 4.12".into());
        assert_eq!(event.location(), Some("Room 4.12"));
    }

    #[test]
    fn textarea_lines_drop_blanks_and_trim() {
        assert_eq!(lines("  Deploy safely \n\n Roll back\r\n"), vec!["Deploy safely", "Roll back"]);
    }

    #[test]
    fn category_codes_round_trip() {
        for category in MethodCategory::ALL {
            assert_eq!(MethodCategory::from_code(category.code()), Some(category));
        }
        assert_eq!(MethodCategory::from_code("nope"), None);
    }
}
