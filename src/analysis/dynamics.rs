//! Team dynamics: how the people of a team work together on their skills.
//!
//! - the behavioural-skills heatmap (the skill-mix heatmap restricted to behavioural skills);
//! - the mentoring matrix: who could help whom, person by person;
//! - work packages: who (alone or in a pair) best fits a piece of work described by the skills
//!   and levels it needs, and who would be stretched doing it.

use super::matrix::{matrix, Grid, Matrix, MatrixOptions, Standing, TeamIndex, Tone};
use crate::assessment::SourceFilter;
use crate::framework::{Skill, SkillKind};
use crate::people::Person;
use crate::scale::{Level, Scale};
use crate::Id;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DynamicsError {
    #[error("person {0} is not a member of this team")]
    NotAMember(Id),
    #[error("a work package needs at least one skill")]
    NoNeeds,
    #[error("need {index}: skill {skill_id} is not in the team's framework")]
    UnknownSkill { index: usize, skill_id: Id },
    #[error("need {index}: level {level} is not on the {scale} scale of {skill}")]
    LevelOutsideScale { index: usize, skill: String, level: Level, scale: Scale },
    #[error("need {index}: {skill} is already needed")]
    DuplicateSkill { index: usize, skill: String },
}

// ---------------------------------------------------------------------------------------------
// Behavioural skills
// ---------------------------------------------------------------------------------------------

/// The skill-mix heatmap of the behavioural skills only (every other option as given).
pub fn behavioural_heatmap(team: &TeamIndex<'_>, options: &MatrixOptions) -> Matrix {
    let options = MatrixOptions { kinds: vec![SkillKind::Behavioural], ..options.clone() };
    matrix(team, &options)
}

// ---------------------------------------------------------------------------------------------
// Mentoring
// ---------------------------------------------------------------------------------------------

/// Person by person: `cells[mentor][mentee]` counts the skills where the mentor could help the
/// mentee. People are in name order on both axes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mentoring {
    pub people: Vec<MentoringPerson>,
    pub cells: Vec<Vec<MentoringCell>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentoringPerson {
    pub person_id: Id,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentoringCell {
    /// `None` on the diagonal.
    pub count: Option<u32>,
    /// The skills counted, in column order; [`mentoring_detail`] gives the levels.
    pub skill_ids: Vec<Id>,
    /// The count, "–" for none, empty on the diagonal.
    pub text: String,
    pub tone: Tone,
    pub label: String,
}

/// One skill a mentor could help a mentee with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentoringSkill {
    pub skill_id: Id,
    pub name: String,
    pub mentor_level: Level,
    pub mentee_level: Level,
    /// What the mentee's role level requires.
    pub required: Level,
}

/// Whether the mentor could help the mentee with a skill: the mentee is assessed below the level
/// their role level requires, and the mentor is at the scale's strong level or above *and* at
/// least at the level the mentee needs (a Practitioner cannot bring someone up to Expert).
fn can_mentor(skill: &Skill, mentor: &Standing<'_>, mentee: &Standing<'_>) -> bool {
    match (mentee.required, mentor.level()) {
        (Some(required), Some(level)) => mentee.band().is_gap() && level >= skill.scale.strong_level().max(required),
        _ => false,
    }
}

/// The mentoring matrix of the team.
pub fn mentoring(team: &TeamIndex<'_>, source: SourceFilter) -> Mentoring {
    let people = team.people_by_name();
    let skills = team.shown_skills(&people, &[]);
    let grid = Grid::new(team, &people, &skills, source);
    let gaps: Vec<Vec<usize>> = (0..people.len())
        .map(|row| grid.row(row).iter().enumerate().filter(|(_, s)| s.band().is_gap()).map(|(c, _)| c).collect())
        .collect();
    let cells = (0..people.len())
        .map(|mentor| {
            (0..people.len())
                .map(|mentee| {
                    if mentor == mentee {
                        return diagonal_cell(people[mentor]);
                    }
                    let skill_ids = gaps[mentee]
                        .iter()
                        .filter(|&&c| can_mentor(skills[c], grid.at(mentor, c), grid.at(mentee, c)))
                        .map(|&c| skills[c].id)
                        .collect();
                    mentoring_cell(people[mentor], people[mentee], skill_ids)
                })
                .collect()
        })
        .collect();
    let people = people.iter().map(|p| MentoringPerson { person_id: p.id, name: p.name.clone() }).collect();
    Mentoring { people, cells }
}

fn diagonal_cell(person: &Person) -> MentoringCell {
    MentoringCell {
        count: None,
        skill_ids: Vec::new(),
        text: String::new(),
        tone: Tone::Empty,
        label: format!("{} (same person)", person.name),
    }
}

fn mentoring_cell(mentor: &Person, mentee: &Person, skill_ids: Vec<Id>) -> MentoringCell {
    let count = u32::try_from(skill_ids.len()).unwrap_or(u32::MAX);
    let what = match count {
        0 => "no skills".to_owned(),
        1 => "1 skill".to_owned(),
        n => format!("{n} skills"),
    };
    MentoringCell {
        count: Some(count),
        skill_ids,
        text: if count == 0 { "–".to_owned() } else { count.to_string() },
        tone: Tone::for_count(count),
        label: format!("{} could mentor {} in {what}", mentor.name, mentee.name),
    }
}

/// The skills behind one mentoring cell, with the levels: empty when mentor and mentee are the
/// same person.
pub fn mentoring_detail(
    team: &TeamIndex<'_>,
    source: SourceFilter,
    mentor_id: Id,
    mentee_id: Id,
) -> Result<Vec<MentoringSkill>, DynamicsError> {
    let mentor = team.person(mentor_id).ok_or(DynamicsError::NotAMember(mentor_id))?;
    let mentee = team.person(mentee_id).ok_or(DynamicsError::NotAMember(mentee_id))?;
    if mentor_id == mentee_id {
        return Ok(Vec::new());
    }
    let skills = team.shown_skills(&[mentee], &[]);
    let grid = Grid::new(team, &[mentor, mentee], &skills, source);
    let detail = skills
        .iter()
        .enumerate()
        .filter(|&(c, skill)| can_mentor(skill, grid.at(0, c), grid.at(1, c)))
        .filter_map(|(c, skill)| {
            Some(MentoringSkill {
                skill_id: skill.id,
                name: skill.name.clone(),
                mentor_level: grid.at(0, c).level()?,
                mentee_level: grid.at(1, c).level()?,
                required: grid.at(1, c).required?,
            })
        })
        .collect();
    Ok(detail)
}

// ---------------------------------------------------------------------------------------------
// Work packages
// ---------------------------------------------------------------------------------------------

/// How to rank candidates for a work package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FitOptions {
    /// Which assessments give the current level.
    pub source: SourceFilter,
    /// Keep at most this many individuals and this many pairs.
    pub limit: Option<usize>,
}

/// Candidates for a work package, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkPackageFit {
    pub needs: Vec<Need>,
    pub individuals: Vec<Candidate>,
    /// Only pairs that fit better than each of their members alone: a pair with someone who
    /// covers everything by themselves adds nothing to the individual ranking.
    pub pairs: Vec<Candidate>,
}

/// A skill the package needs, at a level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Need {
    pub skill_id: Id,
    pub name: String,
    pub scale: Scale,
    pub level: Level,
}

/// One person, or a pair in name order, with their fit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub people: Vec<CandidatePerson>,
    pub fit: Fit,
    /// The needs not met, each taken by the candidate's best-placed member.
    pub stretches: Vec<Stretch>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidatePerson {
    pub person_id: Id,
    pub name: String,
}

/// How well a candidate covers a package. Candidates rank by the number of needs met (a pair
/// meets a need when either member is at the needed level or above), then by the lowest
/// shortfall, then by name.
///
/// The shortfall adds up, over the needs not met, the levels missing from the best-placed member:
/// a need nobody in the candidate is assessed on counts its whole level as missing (no evidence
/// is a risk, not a level 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fit {
    pub met: u32,
    pub needs: u32,
    pub shortfall: u32,
}

impl Fit {
    /// The share of needs met, between 0 and 1.
    pub fn share(self) -> f64 {
        if self.needs == 0 {
            0.0
        } else {
            f64::from(self.met) / f64::from(self.needs)
        }
    }

    /// Better fits first.
    pub fn cmp_best_first(self, other: Fit) -> Ordering {
        other.met.cmp(&self.met).then(self.shortfall.cmp(&other.shortfall))
    }
}

/// Someone who would work above their assessed level on a need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stretch {
    pub person_id: Id,
    pub name: String,
    pub skill_id: Id,
    pub skill_name: String,
    pub needed: Level,
    /// Their current level; `None` when not assessed.
    pub level: Option<Level>,
    /// Levels short of the need.
    pub by: Level,
}

/// Ranks the team's members, alone and in pairs, for a package of work needing `needs`
/// (skill id, level). Deterministic: ties go to name order.
pub fn rank_work_package(
    team: &TeamIndex<'_>,
    needs: &[(Id, Level)],
    options: &FitOptions,
) -> Result<WorkPackageFit, DynamicsError> {
    let needs = validate_needs(team, needs)?;
    let people = team.people_by_name();
    let levels: Vec<Vec<Option<Level>>> = people
        .iter()
        .map(|p| needs.iter().map(|(s, _)| team.history.current_level(p.id, s.id, options.source)).collect())
        .collect();
    let table = FitTable { needs: &needs, levels: &levels };
    let alone: Vec<Fit> = (0..people.len()).map(|i| table.fit(&[i])).collect();
    let mut individuals: Vec<(Fit, Vec<usize>)> = alone.iter().enumerate().map(|(i, &f)| (f, vec![i])).collect();
    let mut pairs = Vec::new();
    for i in 0..people.len() {
        for j in i + 1..people.len() {
            let fit = table.fit(&[i, j]);
            let improves = |alone: Fit| fit.cmp_best_first(alone) == Ordering::Less;
            if improves(alone[i]) && improves(alone[j]) {
                pairs.push((fit, vec![i, j]));
            }
        }
    }
    let candidates = |list: &mut Vec<(Fit, Vec<usize>)>| -> Vec<Candidate> {
        list.sort_by(|a, b| a.0.cmp_best_first(b.0).then_with(|| a.1.cmp(&b.1)));
        list.truncate(options.limit.unwrap_or(usize::MAX));
        list.iter().map(|(fit, members)| table.candidate(&people, *fit, members)).collect()
    };
    Ok(WorkPackageFit {
        individuals: candidates(&mut individuals),
        pairs: candidates(&mut pairs),
        needs: needs
            .iter()
            .map(|(s, level)| Need { skill_id: s.id, name: s.name.clone(), scale: s.scale, level: *level })
            .collect(),
    })
}

fn validate_needs<'a>(team: &TeamIndex<'a>, needs: &[(Id, Level)]) -> Result<Vec<(&'a Skill, Level)>, DynamicsError> {
    if needs.is_empty() {
        return Err(DynamicsError::NoNeeds);
    }
    let mut valid: Vec<(&Skill, Level)> = Vec::with_capacity(needs.len());
    for (i, &(skill_id, level)) in needs.iter().enumerate() {
        let index = i + 1;
        let skill = team.skill(skill_id).ok_or(DynamicsError::UnknownSkill { index, skill_id })?;
        if !skill.scale.contains(level) {
            return Err(DynamicsError::LevelOutsideScale {
                index,
                skill: skill.name.clone(),
                level,
                scale: skill.scale,
            });
        }
        if valid.iter().any(|(s, _)| s.id == skill_id) {
            return Err(DynamicsError::DuplicateSkill { index, skill: skill.name.clone() });
        }
        valid.push((skill, level));
    }
    Ok(valid)
}

/// Current levels of every person (rows, name order) on every need (columns).
struct FitTable<'t, 'a> {
    needs: &'t [(&'a Skill, Level)],
    levels: &'t [Vec<Option<Level>>],
}

impl FitTable<'_, '_> {
    /// The member best placed on a need: the highest level, the first in name order on a tie.
    fn best(&self, members: &[usize], need: usize) -> (usize, Option<Level>) {
        let mut best = (members[0], self.levels[members[0]][need]);
        for &m in &members[1..] {
            if self.levels[m][need] > best.1 {
                best = (m, self.levels[m][need]);
            }
        }
        best
    }

    /// Levels missing on a need, from the best-placed member: 0 when met.
    fn shortfall(needed: Level, level: Option<Level>) -> Level {
        needed.saturating_sub(level.unwrap_or(0))
    }

    fn fit(&self, members: &[usize]) -> Fit {
        let mut fit = Fit { met: 0, needs: 0, shortfall: 0 };
        for (n, &(_, needed)) in self.needs.iter().enumerate() {
            let short = Self::shortfall(needed, self.best(members, n).1);
            fit.needs += 1;
            fit.met += u32::from(short == 0);
            fit.shortfall += u32::from(short);
        }
        fit
    }

    fn candidate(&self, people: &[&Person], fit: Fit, members: &[usize]) -> Candidate {
        let stretches = self
            .needs
            .iter()
            .enumerate()
            .filter_map(|(n, &(skill, needed))| {
                let (member, level) = self.best(members, n);
                let by = Self::shortfall(needed, level);
                (by > 0).then(|| Stretch {
                    person_id: people[member].id,
                    name: people[member].name.clone(),
                    skill_id: skill.id,
                    skill_name: skill.name.clone(),
                    needed,
                    level,
                    by,
                })
            })
            .collect();
        let people = members.iter().map(|&m| CandidatePerson { person_id: people[m].id, name: people[m].name.clone() });
        Candidate { people: people.collect(), fit, stretches }
    }
}

#[cfg(test)]
mod tests {
    use super::super::matrix::fixture::{team, ADA, ALAN, GRACE};
    use super::super::matrix::Mode;
    use super::*;
    use crate::assessment::Source;

    fn counts(m: &Mentoring) -> Vec<Vec<Option<u32>>> {
        m.cells.iter().map(|row| row.iter().map(|c| c.count).collect()).collect()
    }

    fn members(c: &Candidate) -> Vec<&str> {
        c.people.iter().map(|p| p.name.as_str()).collect()
    }

    fn stretches(c: &Candidate) -> Vec<(&str, &str, Option<Level>, Level)> {
        c.stretches.iter().map(|s| (s.name.as_str(), s.skill_name.as_str(), s.level, s.by)).collect()
    }

    fn fit(met: u32, shortfall: u32) -> Fit {
        Fit { met, needs: 3, shortfall }
    }

    #[test]
    fn behavioural_heatmap_shows_behavioural_skills_only() {
        let team = team();
        let index = TeamIndex::new(team.input());
        let m = behavioural_heatmap(&index, &MatrixOptions::default());
        let columns: Vec<&str> = m.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(columns, ["Communication"]);
        let texts: Vec<&str> = m.cells.iter().map(|row| row[0].text.as_str()).collect();
        assert_eq!(texts, ["–", "–", "3"]);
        let gap = behavioural_heatmap(&index, &MatrixOptions { mode: Mode::Gap, ..MatrixOptions::default() });
        assert_eq!(
            gap.cells[0][0].label,
            "Ada Lovelace, Communication: not assessed, listed for the role without a level"
        );
    }

    #[test]
    fn mentoring_counts_skills_where_a_strong_colleague_meets_the_need() {
        let team = team();
        let m = mentoring(&TeamIndex::new(team.input()), SourceFilter::Latest);
        let people: Vec<&str> = m.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(people, ["Ada Lovelace", "Alan Turing", "Grace Hopper"]);
        // Grace (Architecture 3) can help Ada and Alan (1, need 2). Alan (Programming 5) can help
        // Grace (3, needs 5); Ada's Programming 4 is strong on SFIA but short of Grace's need.
        assert_eq!(
            counts(&m),
            [vec![None, Some(0), Some(0)], vec![Some(0), None, Some(1)], vec![Some(1), Some(1), None]]
        );
        assert_eq!(m.cells[1][2].skill_ids, [5]);
        assert_eq!(m.cells[2][0].skill_ids, [7]);
        assert_eq!(m.cells[2][0].label, "Grace Hopper could mentor Ada Lovelace in 1 skill");
        assert_eq!((m.cells[0][1].text.as_str(), m.cells[0][1].tone), ("–", Tone::Empty));
        assert_eq!((m.cells[1][1].text.as_str(), m.cells[1][1].label.as_str()), ("", "Alan Turing (same person)"));
    }

    #[test]
    fn mentoring_follows_the_source_filter() {
        let team = team();
        let m = mentoring(&TeamIndex::new(team.input()), SourceFilter::Only(Source::Lead));
        // By their lead, Ada is 2 in Systems design (needs 3): Alan (3) and Grace (4) can help.
        assert_eq!(
            counts(&m),
            [vec![None, Some(0), Some(0)], vec![Some(1), None, Some(0)], vec![Some(2), Some(1), None]]
        );
        assert_eq!(m.cells[2][0].skill_ids, [7, 1]);
        assert_eq!(m.cells[2][0].text, "2");
        assert_eq!(m.cells[2][0].tone, Tone::Level(1));
    }

    #[test]
    fn mentoring_detail_lists_the_skills_with_levels() {
        let team = team();
        let index = TeamIndex::new(team.input());
        let detail = mentoring_detail(&index, SourceFilter::Latest, ALAN, GRACE).unwrap();
        assert_eq!(
            detail,
            [MentoringSkill { skill_id: 5, name: "Programming".into(), mentor_level: 5, mentee_level: 3, required: 5 }]
        );
        assert!(mentoring_detail(&index, SourceFilter::Latest, ADA, GRACE).unwrap().is_empty());
        assert!(mentoring_detail(&index, SourceFilter::Latest, ADA, ADA).unwrap().is_empty());
        assert_eq!(mentoring_detail(&index, SourceFilter::Latest, ADA, 99), Err(DynamicsError::NotAMember(99)));
    }

    #[test]
    fn work_package_ranks_individuals_and_complementary_pairs() {
        let team = team();
        let index = TeamIndex::new(team.input());
        // Systems design 4, Programming 5, Testing 3.
        let ranking = rank_work_package(&index, &[(1, 4), (5, 5), (2, 3)], &FitOptions::default()).unwrap();
        let individuals: Vec<(Vec<&str>, Fit)> = ranking.individuals.iter().map(|c| (members(c), c.fit)).collect();
        assert_eq!(
            individuals,
            [(vec!["Grace Hopper"], fit(2, 2)), (vec!["Ada Lovelace"], fit(1, 2)), (vec!["Alan Turing"], fit(1, 4))]
        );
        assert_eq!(stretches(&ranking.individuals[0]), [("Grace Hopper", "Programming", Some(3), 2)]);
        assert_eq!(
            stretches(&ranking.individuals[2]),
            [("Alan Turing", "Systems design", Some(3), 1), ("Alan Turing", "Testing", None, 3)]
        );
        let pairs: Vec<(Vec<&str>, Fit)> = ranking.pairs.iter().map(|c| (members(c), c.fit)).collect();
        assert_eq!(
            pairs,
            [
                (vec!["Alan Turing", "Grace Hopper"], fit(3, 0)),
                (vec!["Ada Lovelace", "Alan Turing"], fit(2, 1)),
                (vec!["Ada Lovelace", "Grace Hopper"], fit(2, 1))
            ]
        );
        assert!(ranking.pairs[0].stretches.is_empty());
        // Ada and Alan are both 3 in Systems design: the tie goes to name order.
        assert_eq!(stretches(&ranking.pairs[1]), [("Ada Lovelace", "Systems design", Some(3), 1)]);
        assert_eq!(stretches(&ranking.pairs[2]), [("Ada Lovelace", "Programming", Some(4), 1)]);
        assert_eq!(ranking.needs[1].name, "Programming");
        assert!((ranking.pairs[1].fit.share() - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn work_package_limit_and_redundant_pairs() {
        let team = team();
        let index = TeamIndex::new(team.input());
        let top = FitOptions { limit: Some(1), ..FitOptions::default() };
        let ranking = rank_work_package(&index, &[(1, 4), (5, 5), (2, 3)], &top).unwrap();
        assert_eq!((ranking.individuals.len(), ranking.pairs.len()), (1, 1));
        // Everyone is Practitioner in Systems design: no pair improves on its members.
        let easy = rank_work_package(&index, &[(1, 3)], &FitOptions::default()).unwrap();
        assert_eq!(easy.individuals.len(), 3);
        assert!(easy.pairs.is_empty());
    }

    #[test]
    fn work_package_needs_are_validated() {
        let team = team();
        let index = TeamIndex::new(team.input());
        let rank = |needs: &[(Id, Level)]| rank_work_package(&index, needs, &FitOptions::default()).unwrap_err();
        assert_eq!(rank(&[]), DynamicsError::NoNeeds);
        assert_eq!(rank(&[(1, 2), (99, 2)]), DynamicsError::UnknownSkill { index: 2, skill_id: 99 });
        assert_eq!(
            rank(&[(1, 5)]).to_string(),
            "need 1: level 5 is not on the DDaT skill level scale of Systems design"
        );
        assert_eq!(rank(&[(5, 6), (5, 7)]).to_string(), "need 2: Programming is already needed");
    }
}
