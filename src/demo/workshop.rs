//! The demo organisation's workshop programme: two half-day sessions for Platform engineering
//! on its largest training needs (prototyping, where six people are below what their roles
//! require and nobody is at Practitioner, and information security). The first session ran two
//! weeks before `today` (attendance and actual timings recorded); the second is two weeks
//! after. Participants and facilitators are not named here: the store suggests them from the
//! team's gaps and strengths, as a lead would.

use crate::workshop::model::{AgendaItem, Event, Programme};
use chrono::{Datelike, Days, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

/// The demo programme, with everything referring to the organisation by name or code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopSeed {
    /// The team it is for, by name.
    pub team: String,
    /// Title, problem, objectives, approach, tools (no ids, no teams, no skills).
    pub programme: Programme,
    /// Targeted skills by their stable code.
    pub skill_codes: Vec<String>,
    pub events: Vec<EventSeed>,
    /// How many of the suggested strong people to invite as facilitators.
    pub facilitators: usize,
    pub follow_up_on: NaiveDate,
    pub actions: Vec<ActionSeed>,
    pub outcomes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventSeed {
    pub event: Event,
    pub agenda: Vec<ItemSeed>,
    /// The event has run: record attendance (all invited but the last) and actual timings.
    pub ran: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemSeed {
    /// Library method by name, if the item uses one.
    pub method: Option<String>,
    pub item: AgendaItem,
    /// Who runs it: the team lead, or the first suggested facilitator.
    pub run_by: RunBy,
    /// Minutes it took when the event ran.
    pub actual_minutes: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RunBy {
    Lead,
    Facilitator,
    Nobody,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionSeed {
    pub text: String,
    /// The team lead, or the first participant.
    pub owner_is_lead: bool,
    pub due_on: NaiveDate,
    pub done: bool,
}

/// The weekday `day` on or before `date`.
fn on_or_before(date: NaiveDate, day: Weekday) -> NaiveDate {
    let back = (7 + date.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
    date - Days::new(u64::from(back))
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("a valid time")
}

fn item(method: Option<&str>, title: &str, minutes: u32, run_by: RunBy, actual: Option<u32>) -> ItemSeed {
    ItemSeed {
        method: method.map(str::to_owned),
        item: AgendaItem { is_break: method == Some("Break"), ..AgendaItem::new(title, minutes) },
        run_by,
        actual_minutes: actual,
    }
}

fn with(mut seed: ItemSeed, materials: &str, notes: &str) -> ItemSeed {
    seed.item.materials = materials.to_owned();
    seed.item.notes = notes.to_owned();
    seed
}

/// The demo programme, dated around `today`: the first session on the Tuesday at least ten
/// days before it, the second four weeks after the first.
pub fn demo_workshop(today: NaiveDate) -> WorkshopSeed {
    let first = on_or_before(today - Days::new(10), Weekday::Tue);
    let second = first + Days::new(28);
    let place = Some("Room 4.12, 10 Victoria Street, London".to_owned());
    let link = Some("https://meet.example.gov.uk/platform-prototyping".to_owned());
    let session = |title: &str, date: NaiveDate, start: NaiveTime| Event {
        place: place.clone(),
        online_link: link.clone(),
        capacity: Some(8),
        ..Event::new(title, date, start, 180)
    };
    use RunBy::{Facilitator, Lead, Nobody};
    let session_one = vec![
        item(Some("Check-in"), "Check-in", 10, Lead, Some(12)),
        item(Some("Skills mapping"), "Where we are with prototyping", 20, Lead, Some(25)),
        with(
            item(Some("Show and tell"), "Prototypes from other teams", 20, Lead, Some(18)),
            "Links to three prototypes from the service design community",
            "Pick examples that were thrown away: the point is learning cheaply.",
        ),
        item(Some("Break"), "Break", 15, Nobody, Some(15)),
        with(
            item(Some("Pair programming kata"), "Prototype a pipeline change in pairs", 45, Facilitator, Some(52)),
            "Sandbox account logins; kata brief printed, one per pair",
            "Swap driver and navigator every 10 minutes. Stop at 45 minutes even if unfinished.",
        ),
        item(Some("1-2-4-All"), "What would make prototyping normal here?", 12, Lead, Some(14)),
        item(Some("Action planning"), "Action planning", 15, Lead, Some(15)),
        item(Some("Check-out"), "Check-out", 10, Lead, Some(9)),
    ];
    let session_two = vec![
        item(Some("Check-in"), "Check-in", 10, Lead, None),
        with(
            item(Some("Show and tell"), "Prototypes from the last four weeks", 30, Lead, None),
            "Each pair's prototype open on the shared screen",
            "Five minutes each, then questions. Ask what they would do differently.",
        ),
        item(Some("Break"), "Break", 15, Nobody, None),
        with(
            item(Some("Lean coffee"), "Security questions our prototypes raised", 30, Facilitator, None),
            "Sticky notes, timer, the team's threat-modelling checklist",
            "Keep each topic to 8 minutes; park anything needing the security architect.",
        ),
        item(Some("Dot voting"), "Which practices do we keep?", 5, Lead, None),
        item(Some("Impact/effort matrix"), "Where prototyping pays off most", 15, Lead, None),
        item(Some("Action planning"), "Action planning", 15, Lead, None),
        item(Some("4Ls retrospective"), "Looking back on the programme", 25, Lead, None),
        item(Some("Check-out"), "Check-out", 10, Lead, None),
    ];
    WorkshopSeed {
        team: "Platform engineering".to_owned(),
        programme: Programme {
            problem_statement: "Six of us are below the prototyping level our roles require and nobody is at \
                Practitioner, so changes to the delivery pipeline go straight to build without being tried out. \
                Three of us are also behind on information security, which slows reviews of new tooling."
                .to_owned(),
            objectives: vec![
                "Turn an idea for a pipeline change into a working prototype within a day".to_owned(),
                "Try a prototype with two real users before building it".to_owned(),
                "Spot the security questions a prototype raises and know who to ask".to_owned(),
            ],
            approach: "Two half-day sessions four weeks apart. The first builds a shared picture and practises \
                prototyping in pairs; between sessions each pair prototypes a real change; the second reviews \
                the prototypes for security and agrees how the team prototypes from now on."
                .to_owned(),
            tools: vec![
                "Shared whiteboard".to_owned(),
                "Sandbox cloud account".to_owned(),
                "Paper and pens for screen flows".to_owned(),
            ],
            ..Programme::new("Prototype safely: prototyping and security practice")
        },
        skill_codes: vec!["prototyping".to_owned(), "information-security".to_owned()],
        events: vec![
            EventSeed {
                event: session("Session 1: why and how we prototype", first, time(9, 30)),
                agenda: session_one,
                ran: true,
            },
            EventSeed {
                event: session("Session 2: review, secure and agree", second, time(13, 30)),
                agenda: session_two,
                ran: false,
            },
        ],
        facilitators: 2,
        follow_up_on: second + Days::new(42),
        actions: vec![
            ActionSeed {
                text: "Share the prototyping kata brief on the team wiki".to_owned(),
                owner_is_lead: true,
                due_on: first + Days::new(3),
                done: true,
            },
            ActionSeed {
                text: "Bring one prototype of a pipeline change to session 2".to_owned(),
                owner_is_lead: false,
                due_on: second - Days::new(1),
                done: false,
            },
        ],
        outcomes: vec![
            "Every pair built a first prototype; two pipeline changes will be tried in the sandbox before build."
                .to_owned(),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workshop::methods::built_in_methods;
    use crate::workshop::schedule::schedule;
    use crate::workshop::validate::{validate_event, validate_programme};

    #[test]
    fn the_demo_programme_is_valid_and_fits_its_sessions() {
        let today: NaiveDate = "2026-11-23".parse().unwrap();
        let seed = demo_workshop(today);
        assert!(validate_programme(&seed.programme).is_empty());
        let first = seed.events[0].event.date;
        assert_eq!(first.weekday(), Weekday::Tue);
        assert!(first <= today - Days::new(10) && first > today - Days::new(17));
        assert!(seed.events[1].event.date > today);
        let library = built_in_methods();
        for event in &seed.events {
            assert!(validate_event(&event.event, "Europe/London").is_empty());
            let agenda: Vec<AgendaItem> =
                event.agenda.iter().zip(1..).map(|(s, position)| AgendaItem { position, ..s.item.clone() }).collect();
            let timing = schedule(&event.event, &agenda, chrono_tz::Europe::London).unwrap();
            assert!(timing.overrun_warning().is_none(), "{}", event.event.title);
            for item in &event.agenda {
                if let Some(name) = &item.method {
                    assert!(library.iter().any(|m| &m.name == name), "{name} is in the library");
                }
            }
        }
        assert!(seed.follow_up_on > seed.events[1].event.date);
    }
}
