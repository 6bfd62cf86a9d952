//! The built-in library of facilitation methods, and adding a method to an agenda.
//!
//! The store seeds these once (matching on name with `built_in`); leads add their own methods
//! beside them. Durations are sensible defaults for a group of eight to twelve.

use super::model::{AgendaItem, Method, MethodCategory};
use super::reorder::normalised;

/// (name, default minutes, category, description), in library order.
const LIBRARY: [(&str, u32, MethodCategory, &str); 20] = [
    (
        "Check-in",
        10,
        MethodCategory::Opening,
        "Each person says in a sentence or two how they are arriving and what they hope to take away. \
         Everyone speaks early, which makes it easier to speak later.",
    ),
    (
        "Energiser",
        5,
        MethodCategory::Energy,
        "A short, light activity to lift the room after a break or a heavy session. Keep it optional \
         and make sure everyone can take part, on site and online.",
    ),
    (
        "1-2-4-All",
        12,
        MethodCategory::Ideas,
        "Think alone for a minute, then share in pairs, then in fours; each four brings its strongest \
         idea to the whole group. Every voice is heard without a long round.",
    ),
    (
        "Silent brainstorm",
        10,
        MethodCategory::Ideas,
        "People write ideas on notes, one idea per note, without talking. Quantity comes before \
         debate, and the loudest voice does not set the direction.",
    ),
    (
        "Affinity mapping",
        15,
        MethodCategory::Ideas,
        "The group moves notes into clusters of related ideas, mostly in silence, then names each \
         cluster. A wall of notes becomes a handful of themes.",
    ),
    (
        "Dot voting",
        5,
        MethodCategory::Decisions,
        "Everyone gets the same small number of dots to place on the options they favour. The \
         totals show quickly where the group's priorities are.",
    ),
    (
        "Impact/effort matrix",
        15,
        MethodCategory::Decisions,
        "Place each option on a two-by-two grid of expected impact against effort needed, to find \
         the quick wins and to spot the large bets worth planning properly.",
    ),
    (
        "Lean coffee",
        30,
        MethodCategory::Discussion,
        "People propose topics and vote on them, then discuss them in vote order in short timeboxes. \
         At the end of each timebox the group decides whether to carry on or move on.",
    ),
    (
        "Fishbowl",
        25,
        MethodCategory::Discussion,
        "A few people talk in an inner circle while the others listen. An empty chair lets a listener \
         join, and someone else steps out, so the talk stays small but open to all.",
    ),
    (
        "World café",
        40,
        MethodCategory::Discussion,
        "Small tables discuss a question in rounds. Between rounds people move to new tables while \
         one host stays to brief the newcomers, so ideas travel round the room.",
    ),
    (
        "Troika consulting",
        15,
        MethodCategory::Discussion,
        "In threes, one person describes a challenge and then listens, back turned, while the other \
         two discuss it as if they were consultants. The person says what they take away; rotate.",
    ),
    (
        "Start-stop-continue retrospective",
        20,
        MethodCategory::Retrospective,
        "List what to start doing, what to stop doing and what to keep doing, then agree the few \
         changes worth trying first.",
    ),
    (
        "4Ls retrospective",
        25,
        MethodCategory::Retrospective,
        "Look back at what people liked, learned, lacked and longed for. Good for the end of a \
         learning programme, where the last two feed the next one.",
    ),
    (
        "Sailboat retrospective",
        25,
        MethodCategory::Retrospective,
        "Draw a boat heading for an island (the goal). Wind is what pushed us on, anchors what held \
         us back, rocks the risks ahead. Then pick what to act on.",
    ),
    (
        "Skills mapping",
        20,
        MethodCategory::Learning,
        "Each person marks their confidence in the targeted skills on a shared grid. The group sees \
         where knowledge sits and who could pair with whom.",
    ),
    (
        "Show and tell",
        20,
        MethodCategory::Learning,
        "People briefly demonstrate something they built or learned, followed by questions. Makes \
         learning visible and spreads it across the team.",
    ),
    (
        "Pair programming kata",
        45,
        MethodCategory::Learning,
        "Pairs work on a small exercise that can be repeated, swapping driver and navigator every few \
         minutes. The aim is to practise a technique, not to finish the exercise.",
    ),
    (
        "Action planning",
        15,
        MethodCategory::Planning,
        "Turn what the session found into a few concrete actions, each with one owner and a date, \
         and agree how progress will be checked.",
    ),
    (
        "Check-out",
        10,
        MethodCategory::Closing,
        "Each person says in a sentence what they take away or will do next. Closes the session \
         and tells the facilitator how it landed.",
    ),
    (
        "Break",
        15,
        MethodCategory::Break,
        "Time away from the session for rest, drinks and a screen break. Keep it even when running \
         late: tired people learn little.",
    ),
];

/// The built-in methods, unsaved (`id: None`, `built_in: true`), in library order.
pub fn built_in_methods() -> Vec<Method> {
    LIBRARY
        .iter()
        .map(|&(name, default_minutes, category, description)| Method {
            id: None,
            name: name.to_owned(),
            default_minutes,
            description: description.to_owned(),
            category,
            built_in: true,
        })
        .collect()
}

/// A new agenda item using `method`: its name, its default minutes, and a break flag for breaks.
pub fn item_from_method(method: &Method, position: u32) -> AgendaItem {
    AgendaItem {
        position,
        method_id: method.id,
        is_break: method.category == MethodCategory::Break,
        ..AgendaItem::new(method.name.clone(), method.default_minutes)
    }
}

/// The agenda with an item for `method` added at the end (positions renumbered 1..n).
pub fn append_method(agenda: &[AgendaItem], method: &Method) -> Vec<AgendaItem> {
    let mut items = normalised(agenda);
    let position = items.len() as u32 + 1;
    let mut item = item_from_method(method, position);
    item.event_id = items.first().and_then(|first| first.event_id);
    items.push(item);
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn method(name: &str) -> Method {
        built_in_methods().into_iter().find(|m| m.name == name).unwrap()
    }

    #[test]
    fn the_library_has_twenty_distinct_described_methods() {
        let methods = built_in_methods();
        assert_eq!(methods.len(), 20);
        let names: HashSet<&str> = methods.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names.len(), 20);
        assert!(methods.iter().all(|m| m.built_in && m.id.is_none() && m.description.len() > 60));
        assert!(methods.iter().all(|m| m.default_minutes > 0 && m.default_minutes <= 60));
        assert_eq!(method("1-2-4-All").default_minutes, 12);
        assert_eq!(method("World café").category, MethodCategory::Discussion);
    }

    #[test]
    fn adding_a_method_copies_its_default_minutes() {
        let mut lean_coffee = method("Lean coffee");
        lean_coffee.id = Some(4);
        let existing =
            vec![AgendaItem { id: Some(1), event_id: Some(9), position: 1, ..AgendaItem::new("Check-in", 10) }];
        let agenda = append_method(&existing, &lean_coffee);
        let added = &agenda[1];
        assert_eq!((added.title.as_str(), added.minutes, added.position), ("Lean coffee", 30, 2));
        assert_eq!((added.method_id, added.event_id, added.id), (Some(4), Some(9), None));
        assert!(!added.is_break);
    }

    #[test]
    fn a_break_method_makes_a_break_item() {
        let item = item_from_method(&method("Break"), 3);
        assert!(item.is_break);
        assert_eq!((item.minutes, item.position), (15, 3));
    }
}
