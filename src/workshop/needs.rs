//! Training needs as the workshop planner uses them, from a team's data: who is below what their
//! role level requires in which skill (participant suggestions, and the "most needed" skills on
//! the programme form), and everyone's current level (facilitator suggestions).
//!
//! A gap is measured against the person's *current* role level on the skill's own scale, from
//! the latest assessment of any source; "not assessed" is not a gap (it is counted separately).

use super::suggest::{SkillGap, SkillLevel};
use crate::analysis::{gap, gap_band, GapBand, History, Requirements, TeamInput};
use crate::assessment::SourceFilter;
use crate::Id;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::HashSet;

/// Every positive gap of the team's people in `skill_ids` (all skills when empty).
pub fn gaps(input: &TeamInput, skill_ids: &[Id]) -> Vec<SkillGap> {
    let history = History::new(input.assessments);
    let requirements = Requirements::new(input.requirements);
    let mut out = Vec::new();
    for person in input.people {
        for skill in wanted(input, skill_ids) {
            let required = requirements.for_person(person, skill.id);
            let current = history.current_level(person.id, skill.id, SourceFilter::Latest);
            if let Some(g) = gap(required, current).filter(|g| *g > 0) {
                out.push(SkillGap {
                    person_id: person.id,
                    person_name: person.name.clone(),
                    skill_id: skill.id,
                    gap: g,
                });
            }
        }
    }
    out
}

/// Everyone's current level in `skill_ids` (all skills when empty), with each skill's scale.
pub fn levels(input: &TeamInput, skill_ids: &[Id]) -> Vec<SkillLevel> {
    let history = History::new(input.assessments);
    let mut out = Vec::new();
    for person in input.people {
        for skill in wanted(input, skill_ids) {
            if let Some(level) = history.current_level(person.id, skill.id, SourceFilter::Latest) {
                out.push(SkillLevel {
                    person_id: person.id,
                    person_name: person.name.clone(),
                    skill_id: skill.id,
                    level,
                    scale: skill.scale,
                });
            }
        }
    }
    out
}

/// People whose current role level requires a level of the skill but who have no assessment.
pub fn not_assessed(input: &TeamInput, skill_id: Id) -> Vec<Id> {
    let history = History::new(input.assessments);
    let requirements = Requirements::new(input.requirements);
    input
        .people
        .iter()
        .filter(|p| {
            let required = requirements.for_person(p, skill_id);
            let current = history.current_level(p.id, skill_id, SourceFilter::Latest);
            gap_band(required, current) == GapBand::NotAssessed
        })
        .map(|p| p.id)
        .collect()
}

fn wanted<'a>(input: &'a TeamInput, skill_ids: &'a [Id]) -> impl Iterator<Item = &'a crate::framework::Skill> + 'a {
    input.skills.iter().filter(move |s| skill_ids.is_empty() || skill_ids.contains(&s.id))
}

/// Gaps from several teams with each (person, skill) kept once: someone in two teams is one
/// person with one gap.
pub fn merge_gaps(lists: impl IntoIterator<Item = Vec<SkillGap>>) -> Vec<SkillGap> {
    let mut seen = HashSet::new();
    lists.into_iter().flatten().filter(|g| seen.insert((g.person_id, g.skill_id))).collect()
}

/// Current levels from several teams, each (person, skill) kept once.
pub fn merge_levels(lists: impl IntoIterator<Item = Vec<SkillLevel>>) -> Vec<SkillLevel> {
    let mut seen = HashSet::new();
    lists.into_iter().flatten().filter(|l| seen.insert((l.person_id, l.skill_id))).collect()
}

/// A skill that people are behind in: a training need a programme can target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillNeed {
    pub skill_id: Id,
    /// People below the required level.
    pub people_below: u32,
    /// The largest gap among them, in levels of the skill's scale.
    pub largest_gap: i16,
}

/// The skills people are behind in, most people first, then largest gap, then skill id.
pub fn needs_by_skill(gaps: &[SkillGap]) -> Vec<SkillNeed> {
    let mut out: Vec<SkillNeed> = Vec::new();
    for g in gaps.iter().filter(|g| g.gap > 0) {
        match out.iter_mut().find(|n| n.skill_id == g.skill_id) {
            Some(need) => {
                need.people_below += 1;
                need.largest_gap = need.largest_gap.max(g.gap);
            }
            None => out.push(SkillNeed { skill_id: g.skill_id, people_below: 1, largest_gap: g.gap }),
        }
    }
    out.sort_by_key(|n| (Reverse(n.people_below), Reverse(n.largest_gap), n.skill_id));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{Assessment, Source};
    use crate::framework::{Requirement, Skill, SkillKind};
    use crate::people::Person;
    use crate::scale::Scale;

    fn skill(id: Id, scale: Scale) -> Skill {
        Skill {
            id,
            version_id: 1,
            code: format!("s{id}"),
            name: format!("Skill {id}"),
            kind: SkillKind::Technical,
            scale,
            description: String::new(),
            category: None,
            subcategory: None,
            defined_levels: vec![],
        }
    }

    fn person(id: Id, name: &str, role_level: Id) -> Person {
        Person { id, name: name.into(), email: None, role_level_id: Some(role_level), target_role_level_id: None }
    }

    fn assessed(id: Id, person_id: Id, skill_id: Id, level: u8, date: &str) -> Assessment {
        Assessment {
            id,
            person_id,
            skill_id,
            level,
            source: Source::Lead,
            assessed_on: date.parse().unwrap(),
            assessor_id: None,
            evidence: None,
        }
    }

    struct Fixture {
        skills: Vec<Skill>,
        people: Vec<Person>,
        requirements: Vec<Requirement>,
        assessments: Vec<Assessment>,
    }

    /// Role level 1 requires skill 10 at 3 and skill 20 (SFIA) at 5. Ann: 1 and 5 (a gap of 2
    /// in skill 10); Bo: 3 then 2 (latest counts: a gap of 1), not assessed in 20; Cy: 4 and 6.
    fn fixture() -> Fixture {
        let requirement = |skill_id, level| Requirement {
            role_level_id: 1,
            skill_id,
            level: Some(level),
            description: String::new(),
        };
        Fixture {
            skills: vec![skill(10, Scale::Ddat), skill(20, Scale::Sfia)],
            people: vec![person(1, "Ann", 1), person(2, "Bo", 1), person(3, "Cy", 1)],
            requirements: vec![requirement(10, 3), requirement(20, 5)],
            assessments: vec![
                assessed(1, 1, 10, 1, "2026-01-01"),
                assessed(2, 1, 20, 5, "2026-01-01"),
                assessed(3, 2, 10, 3, "2025-06-01"),
                assessed(4, 2, 10, 2, "2026-01-01"),
                assessed(5, 3, 10, 4, "2026-01-01"),
                assessed(6, 3, 20, 6, "2026-01-01"),
            ],
        }
    }

    fn input(f: &Fixture) -> TeamInput<'_> {
        TeamInput {
            skills: &f.skills,
            people: &f.people,
            requirements: &f.requirements,
            assessments: &f.assessments,
            today: "2026-02-01".parse().unwrap(),
        }
    }

    #[test]
    fn gaps_use_the_latest_assessment_against_the_current_role_level() {
        let f = fixture();
        let found: Vec<(Id, Id, i16)> =
            gaps(&input(&f), &[]).iter().map(|g| (g.person_id, g.skill_id, g.gap)).collect();
        assert_eq!(found, [(1, 10, 2), (2, 10, 1)]);
        assert!(gaps(&input(&f), &[20]).is_empty());
        assert_eq!(not_assessed(&input(&f), 20), [2]);
    }

    #[test]
    fn levels_carry_each_skills_scale() {
        let f = fixture();
        let cy: Vec<(Id, u8, Scale)> = levels(&input(&f), &[10, 20])
            .into_iter()
            .filter(|l| l.person_id == 3)
            .map(|l| (l.skill_id, l.level, l.scale))
            .collect();
        assert_eq!(cy, [(10, 4, Scale::Ddat), (20, 6, Scale::Sfia)]);
    }

    #[test]
    fn needs_are_ranked_by_people_behind_and_merged_across_teams() {
        let f = fixture();
        let one = gaps(&input(&f), &[]);
        let merged = merge_gaps([one.clone(), one]);
        assert_eq!(merged.len(), 2, "the same person counted once");
        let needs = needs_by_skill(&merged);
        assert_eq!(needs, [SkillNeed { skill_id: 10, people_below: 2, largest_gap: 2 }]);
    }

    #[test]
    fn participants_and_facilitators_come_from_the_same_team_data() {
        use crate::workshop::suggest::{suggest_facilitators, suggest_participants};
        let f = fixture();
        let invitations = suggest_participants(&gaps(&input(&f), &[10]), &[10], Some(1));
        assert_eq!(invitations.invited[0].person_name, "Ann");
        assert_eq!(invitations.waiting[0].person_name, "Bo");
        let strong = suggest_facilitators(&merge_levels([levels(&input(&f), &[10, 20])]), &[10, 20]);
        let names: Vec<&str> = strong.iter().map(|s| s.person_name.as_str()).collect();
        // Cy: Expert in 10 and SFIA 6 in 20 (two above Enable); Ann: SFIA 5 in 20; Bo is Working.
        assert_eq!(names, ["Cy", "Ann"]);
    }
}
