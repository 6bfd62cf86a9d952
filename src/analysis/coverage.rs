//! Skill coverage: for each skill the team shows, how many people need it, how many meet the
//! level they need, and who holds it at the scale's strong level ("Practitioner or above";
//! "Enable" or above on SFIA). It flags the risks a lead presents to senior staff: a skill the
//! team needs with a single holder (a bus factor of 1) or with nobody.
//!
//! "What if this person leaves" recomputes everything without them and reports which skills
//! newly become single-holder or uncovered. The leaver's post stays: the skills their role level
//! lists are still needed by the team, so losing the only holder of a skill only the leaver's
//! role needs is still reported.

use super::matrix::{distinct_role_levels, Grid, Share, TeamIndex};
use crate::assessment::SourceFilter;
use crate::framework::{Skill, SkillKind};
use crate::people::Person;
use crate::scale::{Level, Scale};
use crate::Id;
use serde::{Deserialize, Serialize};

/// What coverage to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CoverageOptions {
    /// Which assessments give the current level.
    pub source: SourceFilter,
    /// Recompute without this member ("what if this person leaves").
    pub leaver: Option<Id>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CoverageError {
    #[error("person {0} is not a member of this team")]
    NotAMember(Id),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    pub headline: Headline,
    /// Grouped by kind in `SkillKind::ALL` order, then by name.
    pub skills: Vec<SkillCoverage>,
    /// Present when a leaver was asked about; the figures above are then without them.
    pub leaver: Option<LeaverImpact>,
}

/// The team's figures at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headline {
    pub people: u32,
    /// Skills with a current level for at least one person.
    pub skills_assessed: u32,
    /// Every (person, skill) required level, and how many are met.
    pub required_met: Share,
    /// Needed skills with exactly one holder.
    pub single_holder: u32,
    /// Needed skills with no holder.
    pub uncovered: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillCoverage {
    pub skill_id: Id,
    pub code: String,
    pub name: String,
    pub kind: SkillKind,
    pub scale: Scale,
    /// The level from which someone holds the skill.
    pub strong_level: Level,
    /// Some team member's role level lists the skill (a leaver's included: their post stays).
    pub needed: bool,
    /// People whose role level lists the skill, with or without a level.
    pub listed_by: u32,
    /// People whose role level requires a level of the skill, and how many meet it.
    pub required: Share,
    /// People with a current level of the skill.
    pub assessed: u32,
    /// People at the strong level or above, highest level first, then by name.
    pub holders: Vec<Holder>,
    /// Needed, and exactly one holder: a bus factor of 1.
    pub single_holder: bool,
    /// Needed, and nobody holds it.
    pub uncovered: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub person_id: Id,
    pub name: String,
    pub level: Level,
}

/// What the team loses if one person leaves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaverImpact {
    pub person_id: Id,
    pub name: String,
    /// Skills that had two or more holders and would have one.
    pub newly_single_holder: Vec<SkillRef>,
    /// Skills that had a holder and would have none.
    pub newly_uncovered: Vec<SkillRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillRef {
    pub skill_id: Id,
    pub name: String,
}

/// Coverage of the team's skills, optionally without a leaver.
pub fn coverage(team: &TeamIndex<'_>, options: &CoverageOptions) -> Result<Coverage, CoverageError> {
    let everyone = team.people_by_name();
    let leaver = match options.leaver {
        Some(id) => Some(everyone.iter().position(|p| p.id == id).ok_or(CoverageError::NotAMember(id))?),
        None => None,
    };
    let skills = team.shown_skills(&everyone, &[]);
    let role_levels = distinct_role_levels(&everyone);
    let needed: Vec<bool> = skills.iter().map(|s| team.listed_by_any(&role_levels, s.id)).collect();
    let grid = Grid::new(team, &everyone, &skills, options.source);
    let table = Table { grid: &grid, people: &everyone, skills: &skills, needed: &needed };
    let before = table.tally(None);
    let Some(row) = leaver else {
        return Ok(Coverage { headline: headline(everyone.len(), &before), skills: before, leaver: None });
    };
    let after = table.tally(Some(row));
    let impact = leaver_impact(everyone[row], &before, &after);
    Ok(Coverage { headline: headline(everyone.len() - 1, &after), skills: after, leaver: Some(impact) })
}

/// Standings of everyone (rows, by name) on the shown skills (columns).
struct Table<'t, 'h> {
    grid: &'t Grid<'h>,
    people: &'t [&'t Person],
    skills: &'t [&'t Skill],
    needed: &'t [bool],
}

impl Table<'_, '_> {
    /// Coverage of each skill, leaving out the row of `leaver` if any.
    fn tally(&self, leaver: Option<usize>) -> Vec<SkillCoverage> {
        (0..self.skills.len()).map(|column| self.skill(column, leaver)).collect()
    }

    fn skill(&self, column: usize, leaver: Option<usize>) -> SkillCoverage {
        let skill = self.skills[column];
        let strong_level = skill.scale.strong_level();
        let mut counts = Counts::default();
        let mut required = Share::default();
        let mut holders = Vec::new();
        let rows = self.people.iter().zip(self.grid.column(column)).enumerate();
        for (_, (person, standing)) in rows.filter(|&(row, _)| Some(row) != leaver) {
            counts.listed_by += u32::from(standing.listed);
            counts.assessed += u32::from(standing.current.is_some());
            if standing.required.is_some() {
                required.count(standing.meets());
            }
            if let Some(level) = standing.level().filter(|&l| l >= strong_level) {
                holders.push(Holder { person_id: person.id, name: person.name.clone(), level });
            }
        }
        holders.sort_by_key(|h| std::cmp::Reverse(h.level));
        skill_coverage(skill, self.needed[column], counts, required, holders)
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    listed_by: u32,
    assessed: u32,
}

fn skill_coverage(skill: &Skill, needed: bool, counts: Counts, required: Share, holders: Vec<Holder>) -> SkillCoverage {
    SkillCoverage {
        skill_id: skill.id,
        code: skill.code.clone(),
        name: skill.name.clone(),
        kind: skill.kind,
        scale: skill.scale,
        strong_level: skill.scale.strong_level(),
        needed,
        listed_by: counts.listed_by,
        required,
        assessed: counts.assessed,
        single_holder: needed && holders.len() == 1,
        uncovered: needed && holders.is_empty(),
        holders,
    }
}

fn headline(people: usize, skills: &[SkillCoverage]) -> Headline {
    Headline {
        people: u32::try_from(people).unwrap_or(u32::MAX),
        skills_assessed: count(skills, |s| s.assessed > 0),
        required_met: skills.iter().fold(Share::default(), |total, s| total + s.required),
        single_holder: count(skills, |s| s.single_holder),
        uncovered: count(skills, |s| s.uncovered),
    }
}

fn count(skills: &[SkillCoverage], flag: impl Fn(&SkillCoverage) -> bool) -> u32 {
    u32::try_from(skills.iter().filter(|s| flag(s)).count()).unwrap_or(u32::MAX)
}

fn leaver_impact(leaver: &Person, before: &[SkillCoverage], after: &[SkillCoverage]) -> LeaverImpact {
    let newly = |flag: fn(&SkillCoverage) -> bool| -> Vec<SkillRef> {
        before
            .iter()
            .zip(after)
            .filter(|(b, a)| !flag(b) && flag(a))
            .map(|(_, a)| SkillRef { skill_id: a.skill_id, name: a.name.clone() })
            .collect()
    };
    LeaverImpact {
        person_id: leaver.id,
        name: leaver.name.clone(),
        newly_single_holder: newly(|s| s.single_holder),
        newly_uncovered: newly(|s| s.uncovered),
    }
}

#[cfg(test)]
mod tests {
    use super::super::matrix::fixture::{team, ADA, GRACE};
    use super::*;
    use crate::assessment::Source;

    fn run(options: CoverageOptions) -> Result<Coverage, CoverageError> {
        let team = team();
        coverage(&TeamIndex::new(team.input()), &options)
    }

    fn skill<'c>(coverage: &'c Coverage, name: &str) -> &'c SkillCoverage {
        coverage.skills.iter().find(|s| s.name == name).unwrap()
    }

    fn holders(coverage: &Coverage, name: &str) -> Vec<(String, Level)> {
        skill(coverage, name).holders.iter().map(|h| (h.name.clone(), h.level)).collect()
    }

    fn flags(coverage: &Coverage) -> Vec<(&str, bool, bool)> {
        coverage.skills.iter().map(|s| (s.name.as_str(), s.single_holder, s.uncovered)).collect()
    }

    fn names(skills: &[SkillRef]) -> Vec<&str> {
        skills.iter().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn counts_requirements_meeting_and_holders() {
        let c = run(CoverageOptions::default()).unwrap();
        let systems = skill(&c, "Systems design");
        assert_eq!((systems.listed_by, systems.required, systems.assessed), (3, Share { met: 3, of: 3 }, 3));
        assert_eq!(
            holders(&c, "Systems design"),
            [("Grace Hopper".into(), 4), ("Ada Lovelace".into(), 3), ("Alan Turing".into(), 3)]
        );
        let testing = skill(&c, "Testing");
        assert_eq!((testing.listed_by, testing.required), (2, Share { met: 1, of: 2 }));
        // SFIA holds from 4 (Enable): Grace's 3 does not count.
        assert_eq!(skill(&c, "Programming").strong_level, 4);
        assert_eq!(holders(&c, "Programming"), [("Alan Turing".into(), 5), ("Ada Lovelace".into(), 4)]);
        // Listed without a level: needed, but nobody has a required level to meet.
        let communication = skill(&c, "Communication");
        assert_eq!((communication.needed, communication.listed_by, communication.required.of), (true, 2, 0));
    }

    #[test]
    fn flags_single_holders_and_uncovered_needed_skills() {
        let c = run(CoverageOptions::default()).unwrap();
        assert_eq!(
            flags(&c),
            [
                ("Architecture", true, false),
                ("Systems design", false, false),
                ("Testing", false, false),
                ("User research", false, true),
                ("Kubernetes", false, false),
                ("Communication", true, false),
                ("Programming", false, false),
            ]
        );
        // Kubernetes has no holder but nobody needs it.
        assert!(!skill(&c, "Kubernetes").needed);
        assert_eq!(
            c.headline,
            Headline {
                people: 3,
                skills_assessed: 6,
                required_met: Share { met: 4, of: 9 },
                single_holder: 2,
                uncovered: 1
            }
        );
        assert!(c.leaver.is_none());
    }

    #[test]
    fn source_filter_changes_holders() {
        let c = run(CoverageOptions { source: SourceFilter::Only(Source::Lead), leaver: None }).unwrap();
        assert_eq!(holders(&c, "Programming"), [("Ada Lovelace".into(), 4)]);
        assert!(skill(&c, "Programming").single_holder);
        assert!(skill(&c, "Communication").uncovered, "Grace's Communication is a self assessment");
    }

    #[test]
    fn leaver_makes_skills_single_holder() {
        let c = run(CoverageOptions { leaver: Some(ADA), ..CoverageOptions::default() }).unwrap();
        let impact = c.leaver.as_ref().unwrap();
        assert_eq!(impact.name, "Ada Lovelace");
        assert_eq!(names(&impact.newly_single_holder), ["Testing", "Programming"]);
        assert!(impact.newly_uncovered.is_empty());
        assert_eq!(holders(&c, "Testing"), [("Grace Hopper".into(), 3)]);
        assert_eq!(
            c.headline,
            Headline {
                people: 2,
                skills_assessed: 6,
                required_met: Share { met: 2, of: 6 },
                single_holder: 4,
                uncovered: 1
            }
        );
    }

    #[test]
    fn leaver_uncovers_skills_and_their_post_still_needs_its_skills() {
        let c = run(CoverageOptions { leaver: Some(GRACE), ..CoverageOptions::default() }).unwrap();
        let impact = c.leaver.as_ref().unwrap();
        assert_eq!(names(&impact.newly_single_holder), ["Testing"]);
        assert_eq!(names(&impact.newly_uncovered), ["Architecture", "Communication"]);
        // Only Grace's role needs User research: it stays needed and uncovered, but not newly.
        let research = skill(&c, "User research");
        assert_eq!((research.needed, research.listed_by, research.uncovered), (true, 0, true));
        assert_eq!(c.headline.uncovered, 3);
        assert_eq!(c.headline.required_met, Share { met: 3, of: 6 });
    }

    #[test]
    fn leaver_must_be_a_member() {
        let err = run(CoverageOptions { leaver: Some(99), ..CoverageOptions::default() }).unwrap_err();
        assert_eq!(err, CoverageError::NotAMember(99));
        assert_eq!(err.to_string(), "person 99 is not a member of this team");
    }
}
