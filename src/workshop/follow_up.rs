//! People around a programme and what happens after it: invitations within capacity,
//! attendance, actions, and who is due for the follow-up re-assessment.

use super::model::Event;
use super::uplift::Uplift;
use crate::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why someone is invited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::Display, strum::EnumIter)]
#[strum(serialize_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "TEXT", rename_all = "kebab-case"))]
pub enum InvitationRole {
    /// To learn: has a gap in a targeted skill.
    Participant,
    /// To run sessions or mentor: strong in a targeted skill.
    Facilitator,
}

impl InvitationRole {
    pub const ALL: [InvitationRole; 2] = [InvitationRole::Participant, InvitationRole::Facilitator];

    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn from_code(code: &str) -> Option<InvitationRole> {
        code.trim().parse().ok()
    }

    pub fn title(self) -> &'static str {
        match self {
            InvitationRole::Participant => "Participant",
            InvitationRole::Facilitator => "Facilitator or mentor",
        }
    }
}

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::Display, strum::EnumIter)]
#[strum(serialize_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "TEXT", rename_all = "kebab-case"))]
pub enum InvitationStatus {
    Invited,
    Accepted,
    Declined,
    /// On the waiting list: the events are full.
    Waiting,
}

impl InvitationStatus {
    pub const ALL: [InvitationStatus; 4] =
        [InvitationStatus::Invited, InvitationStatus::Accepted, InvitationStatus::Declined, InvitationStatus::Waiting];

    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn from_code(code: &str) -> Option<InvitationStatus> {
        code.trim().parse().ok()
    }

    pub fn title(self) -> &'static str {
        match self {
            InvitationStatus::Invited => "Invited",
            InvitationStatus::Accepted => "Accepted",
            InvitationStatus::Declined => "Declined",
            InvitationStatus::Waiting => "Waiting list",
        }
    }

    /// Whether the invitation takes one of the limited places.
    pub fn holds_place(self) -> bool {
        matches!(self, InvitationStatus::Invited | InvitationStatus::Accepted)
    }
}

/// The places a programme has: the smallest capacity of its events (everyone should be able to
/// come to every event). `None`: no limit.
pub fn programme_capacity(events: &[Event]) -> Option<u32> {
    events.iter().filter_map(|e| e.capacity).min()
}

/// The status a new participant invitation gets: invited while places are left, otherwise the
/// waiting list. Facilitators never take a participant's place.
pub fn new_invitation_status(role: InvitationRole, capacity: Option<u32>, places_taken: u32) -> InvitationStatus {
    match (role, capacity) {
        (InvitationRole::Participant, Some(cap)) if places_taken >= cap => InvitationStatus::Waiting,
        _ => InvitationStatus::Invited,
    }
}

/// How many people can move from the waiting list to invited.
pub fn places_free(capacity: Option<u32>, places_taken: u32, waiting: u32) -> u32 {
    match capacity {
        None => waiting,
        Some(cap) => cap.saturating_sub(places_taken).min(waiting),
    }
}

/// An action agreed at or after an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::Display, strum::EnumIter)]
#[strum(serialize_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "TEXT", rename_all = "kebab-case"))]
pub enum ActionStatus {
    Open,
    Done,
}

impl ActionStatus {
    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn from_code(code: &str) -> Option<ActionStatus> {
        code.trim().parse().ok()
    }

    pub fn title(self) -> &'static str {
        match self {
            ActionStatus::Open => "Open",
            ActionStatus::Done => "Done",
        }
    }
}

/// Whether an open action is past its due date on `today`.
pub fn is_overdue(status: ActionStatus, due_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    status == ActionStatus::Open && due_on.is_some_and(|due| due < today)
}

/// An attendee due for the follow-up re-assessment, with the targeted skills not re-assessed
/// since the follow-up date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReassessmentDue {
    pub person_id: Id,
    pub skill_ids: Vec<Id>,
}

/// On or after the follow-up date, the attendees still missing an "after" assessment in a
/// targeted skill. Before it (or without one), nobody is due yet.
pub fn due_for_reassessment(uplift: &Uplift, today: NaiveDate) -> Vec<ReassessmentDue> {
    match uplift.window.follow_up {
        Some(follow_up) if follow_up <= today => uplift
            .people
            .iter()
            .filter_map(|p| {
                let skill_ids: Vec<Id> = p.skills.iter().filter(|s| s.after.is_none()).map(|s| s.skill_id).collect();
                (!skill_ids.is_empty()).then_some(ReassessmentDue { person_id: p.person_id, skill_ids })
            })
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{Assessment, Source, SourceFilter};
    use crate::workshop::uplift::{uplift, UpliftWindow};
    use chrono::NaiveTime;

    fn event(capacity: Option<u32>) -> Event {
        Event {
            capacity,
            ..Event::new("E", "2026-05-12".parse().unwrap(), NaiveTime::from_hms_opt(10, 0, 0).unwrap(), 60)
        }
    }

    #[test]
    fn capacity_is_the_smallest_event_and_fills_to_a_waiting_list() {
        assert_eq!(programme_capacity(&[event(Some(12)), event(None), event(Some(8))]), Some(8));
        assert_eq!(programme_capacity(&[event(None)]), None);
        assert_eq!(programme_capacity(&[]), None);
        let participant = InvitationRole::Participant;
        assert_eq!(new_invitation_status(participant, Some(2), 1), InvitationStatus::Invited);
        assert_eq!(new_invitation_status(participant, Some(2), 2), InvitationStatus::Waiting);
        assert_eq!(new_invitation_status(participant, None, 99), InvitationStatus::Invited);
        assert_eq!(new_invitation_status(InvitationRole::Facilitator, Some(2), 2), InvitationStatus::Invited);
        assert_eq!(places_free(Some(3), 2, 5), 1);
        assert_eq!(places_free(Some(3), 4, 5), 0);
        assert_eq!(places_free(None, 4, 5), 5);
    }

    #[test]
    fn codes_round_trip() {
        for role in InvitationRole::ALL {
            assert_eq!(InvitationRole::from_code(role.code()), Some(role));
        }
        for status in InvitationStatus::ALL {
            assert_eq!(InvitationStatus::from_code(status.code()), Some(status));
        }
        assert!(InvitationStatus::Accepted.holds_place());
        assert!(!InvitationStatus::Waiting.holds_place());
        assert_eq!(ActionStatus::from_code("done"), Some(ActionStatus::Done));
        assert_eq!(ActionStatus::from_code("later"), None);
    }

    #[test]
    fn open_actions_past_their_date_are_overdue() {
        let today = "2026-06-01".parse().unwrap();
        let yesterday = Some("2026-05-31".parse().unwrap());
        assert!(is_overdue(ActionStatus::Open, yesterday, today));
        assert!(!is_overdue(ActionStatus::Done, yesterday, today));
        assert!(!is_overdue(ActionStatus::Open, Some(today), today));
        assert!(!is_overdue(ActionStatus::Open, None, today));
    }

    #[test]
    fn attendees_are_due_for_reassessment_from_the_follow_up_date() {
        let a = |id, person_id, skill_id, level, date: &str| Assessment {
            id,
            person_id,
            skill_id,
            level,
            source: Source::Lead,
            assessed_on: date.parse().unwrap(),
            assessor_id: None,
            evidence: None,
        };
        let assessments = [a(1, 1, 10, 1, "2026-01-01"), a(2, 1, 10, 2, "2026-07-02"), a(3, 2, 10, 2, "2026-01-01")];
        let window = UpliftWindow {
            first_event: "2026-05-12".parse().unwrap(),
            last_event: "2026-05-19".parse().unwrap(),
            follow_up: Some("2026-07-01".parse().unwrap()),
        };
        let result = uplift(&[1, 2], &[10], &assessments, window, SourceFilter::Latest);
        assert!(due_for_reassessment(&result, "2026-06-30".parse().unwrap()).is_empty());
        let due = due_for_reassessment(&result, "2026-07-01".parse().unwrap());
        assert_eq!(due, [ReassessmentDue { person_id: 2, skill_ids: vec![10] }]);
        assert_eq!(result.people[0].skills[0].change, Some(1));
    }
}
