//! Who to invite, and who could facilitate or mentor, for a programme's targeted skills.
//!
//! - **Participants**: people with a gap (below what their role level requires) in at least one
//!   targeted skill. Largest gap first, then by name; the first `capacity` are invited and the
//!   rest form the waiting list in the same order.
//! - **Facilitators and mentors**: people at or above [`Scale::strong_level`] in at least one
//!   targeted skill (Practitioner or Expert on the 1-4 scales, Enable or above on SFIA). Those
//!   furthest above that level come first, then those strong in more of the targeted skills,
//!   then by name.
//!
//! The two lists are independent: someone strong in one targeted skill and behind in another
//! appears in both, which is often the right design (they teach one and learn the other).
//! Suggestions are a starting point; the lead picks.

use crate::scale::{Level, Scale};
use crate::Id;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;

/// A person's gap in one skill, from the training-needs analysis: how many levels of the skill's
/// own scale they are below what their role level requires (positive = below).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillGap {
    pub person_id: Id,
    pub person_name: String,
    pub skill_id: Id,
    pub gap: i16,
}

/// A person's current level in one skill, with the skill's scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillLevel {
    pub person_id: Id,
    pub person_name: String,
    pub skill_id: Id,
    pub level: Level,
    pub scale: Scale,
}

/// Someone who would benefit from the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantSuggestion {
    pub person_id: Id,
    pub person_name: String,
    /// Their largest gap among the targeted skills.
    pub largest_gap: i16,
    /// (skill id, gap) for each targeted skill they are behind in, largest gap first.
    pub gaps: Vec<(Id, i16)>,
}

/// The suggested invitation list, capped at capacity.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Invitations {
    pub invited: Vec<ParticipantSuggestion>,
    /// Beyond capacity, in the same order: offer places here when someone declines.
    pub waiting: Vec<ParticipantSuggestion>,
}

/// One targeted skill someone is strong in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrongSkill {
    pub skill_id: Id,
    pub level: Level,
    /// "4 Expert", "5 Ensure, advise".
    pub label: String,
}

/// Someone who could facilitate or mentor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacilitatorSuggestion {
    pub person_id: Id,
    pub person_name: String,
    /// Highest level first.
    pub skills: Vec<StrongSkill>,
    /// How many levels their best skill is above the scale's strong level (0 = exactly at it).
    pub margin: Level,
}

/// The invitation list for `targeted` skills from the team's `gaps`. `capacity` `None` invites
/// everyone (use the smallest capacity of the programme's events for a multi-event programme).
pub fn suggest_participants(gaps: &[SkillGap], targeted: &[Id], capacity: Option<u32>) -> Invitations {
    let mut people: Vec<ParticipantSuggestion> = Vec::new();
    for g in gaps.iter().filter(|g| g.gap > 0 && targeted.contains(&g.skill_id)) {
        match people.iter_mut().find(|p| p.person_id == g.person_id) {
            Some(p) => p.gaps.push((g.skill_id, g.gap)),
            None => people.push(ParticipantSuggestion {
                person_id: g.person_id,
                person_name: g.person_name.clone(),
                largest_gap: 0,
                gaps: vec![(g.skill_id, g.gap)],
            }),
        }
    }
    for p in &mut people {
        p.gaps.sort_by_key(|&(skill, gap)| (Reverse(gap), skill));
        p.largest_gap = p.gaps.first().map_or(0, |&(_, gap)| gap);
    }
    people.sort_by_cached_key(|p| (Reverse(p.largest_gap), p.person_name.to_lowercase(), p.person_id));
    let cap = capacity.map_or(people.len(), |c| (c as usize).min(people.len()));
    let waiting = people.split_off(cap);
    Invitations { invited: people, waiting }
}

/// People strong enough in a targeted skill to facilitate or mentor it.
pub fn suggest_facilitators(levels: &[SkillLevel], targeted: &[Id]) -> Vec<FacilitatorSuggestion> {
    let mut people: Vec<FacilitatorSuggestion> = Vec::new();
    let strong = levels.iter().filter(|l| targeted.contains(&l.skill_id) && l.level >= l.scale.strong_level());
    for l in strong {
        let margin = l.level - l.scale.strong_level();
        let skill = StrongSkill { skill_id: l.skill_id, level: l.level, label: l.scale.label(l.level) };
        match people.iter_mut().find(|p| p.person_id == l.person_id) {
            Some(p) => {
                p.skills.push(skill);
                p.margin = p.margin.max(margin);
            }
            None => people.push(FacilitatorSuggestion {
                person_id: l.person_id,
                person_name: l.person_name.clone(),
                skills: vec![skill],
                margin,
            }),
        }
    }
    for p in &mut people {
        p.skills.sort_by_key(|s| (Reverse(s.level), s.skill_id));
    }
    people.sort_by_cached_key(|p| {
        (Reverse(p.margin), Reverse(p.skills.len()), p.person_name.to_lowercase(), p.person_id)
    });
    people
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gap(person_id: Id, name: &str, skill_id: Id, gap: i16) -> SkillGap {
        SkillGap { person_id, person_name: name.into(), skill_id, gap }
    }

    fn level(person_id: Id, name: &str, skill_id: Id, level: Level, scale: Scale) -> SkillLevel {
        SkillLevel { person_id, person_name: name.into(), skill_id, level, scale }
    }

    fn names<T>(list: &[T], name: impl Fn(&T) -> &str) -> Vec<String> {
        list.iter().map(|x| name(x).to_owned()).collect()
    }

    #[test]
    fn participants_are_ordered_by_largest_gap_then_name_and_capped() {
        let gaps = [
            gap(1, "Yusuf", 10, 1),
            gap(2, "amara", 10, 1),
            gap(3, "Bea", 11, 2),
            gap(4, "Chen", 10, 3),
            gap(1, "Yusuf", 11, 2),
        ];
        let list = suggest_participants(&gaps, &[10, 11], Some(3));
        assert_eq!(names(&list.invited, |p| &p.person_name), ["Chen", "Bea", "Yusuf"]);
        assert_eq!(names(&list.waiting, |p| &p.person_name), ["amara"]);
        let yusuf = &list.invited[2];
        assert_eq!((yusuf.largest_gap, yusuf.gaps.clone()), (2, vec![(11, 2), (10, 1)]));
    }

    #[test]
    fn only_real_gaps_in_targeted_skills_count() {
        let gaps = [gap(1, "Ann", 10, 0), gap(2, "Bo", 10, -1), gap(3, "Cy", 99, 3), gap(4, "Di", 10, 1)];
        let list = suggest_participants(&gaps, &[10], None);
        assert_eq!(names(&list.invited, |p| &p.person_name), ["Di"]);
        assert!(list.waiting.is_empty());
    }

    #[test]
    fn zero_capacity_puts_everyone_on_the_waiting_list() {
        let list = suggest_participants(&[gap(1, "Ann", 10, 1)], &[10], Some(0));
        assert!(list.invited.is_empty());
        assert_eq!(list.waiting.len(), 1);
    }

    #[test]
    fn facilitators_are_practitioners_or_experts_on_each_skills_own_scale() {
        let levels = [
            level(1, "Ann", 10, 3, Scale::Ddat), // Practitioner: strong
            level(2, "Bo", 10, 2, Scale::Ddat),  // Working: not
            level(3, "Cy", 20, 3, Scale::Sfia),  // SFIA 3 Apply: below Enable
            level(4, "Di", 20, 6, Scale::Sfia),  // SFIA 6: two above Enable
            level(5, "Ed", 10, 4, Scale::Ddat),  // Expert
            level(1, "Ann", 20, 4, Scale::Sfia), // Enable
            level(6, "Flo", 30, 4, Scale::Ddat), // not a targeted skill
        ];
        let list = suggest_facilitators(&levels, &[10, 20]);
        assert_eq!(names(&list, |p| &p.person_name), ["Di", "Ed", "Ann"]);
        assert_eq!(list[0].skills[0].label, "6 Initiate, influence");
        assert_eq!(list[2].skills.iter().map(|s| s.skill_id).collect::<Vec<_>>(), [20, 10]);
        assert_eq!(list[2].margin, 0);
    }

    #[test]
    fn more_strong_skills_rank_higher_at_the_same_margin() {
        let levels = [
            level(1, "Ann", 10, 3, Scale::Ddat),
            level(2, "Bo", 10, 3, Scale::Ddat),
            level(2, "Bo", 11, 3, Scale::Depth),
        ];
        assert_eq!(names(&suggest_facilitators(&levels, &[10, 11]), |p| &p.person_name), ["Bo", "Ann"]);
    }
}
