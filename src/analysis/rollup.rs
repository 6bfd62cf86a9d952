//! The organisation picture for senior staff: teams × skills, role families × skills and
//! organisation totals per skill, with the trend since an earlier round and the main risks.
//!
//! Each cell counts the people who **require** the skill (their role level requires a level of
//! it), how many of them meet their required level, how many are below it or not assessed, and
//! how many are at the strong level or above ([`crate::Scale::strong_level`]).
//!
//! Organisations are large (10,000 people × 150 skills × 5 rounds is 7.5 million assessments),
//! so [`OrgIndex`] indexes everything once into dense arrays (people × skills, each cell holding
//! its assessment history in recency order); a roll-up then reads each (person, skill) cell
//! once. The index can be kept and reused for other filters and dates.
//!
//! The trend ([`RollupOptions::earlier`]) keeps today's people, role levels, requirements and
//! teams, and takes the assessments that were current on the earlier date: the same answer as
//! [`super::History::current_as_of`] (a property test holds the index to it). So a cell's
//! group is the same then and now, and its change is a change in capability, not in headcount.
//!
//! Every group is additive: each person counts in one team row (the first team that lists them;
//! the store lists each person in their primary team only) and one role-family row, so team
//! rows, family rows and the organisation's totals are margins of one team × family table per
//! skill. That is what lets suppression be planned across every view a senior viewer can ask
//! for ([`OrgIndex::disclosure_tables`], [`super::suppression::senior_rollup`]).
//!
//! What senior viewers see goes through [`super::suppression::senior_rollup`], which hides
//! small groups.

use super::is_stale;
use super::suppression::Shown;
use crate::assessment::{Assessment, Source, SourceFilter};
use crate::framework::{Requirement, RoleFamily, Skill};
use crate::people::{Person, DEFAULT_REVIEW_CADENCE_MONTHS};
use crate::scale::Level;
use crate::Id;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A team and its members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgTeam {
    pub id: Id,
    pub name: String,
    pub member_ids: Vec<Id>,
}

/// The role family a role level belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleLevelFamily {
    pub role_level_id: Id,
    pub family_id: Id,
}

/// Everything the roll-up needs, borrowed from what the store loaded.
#[derive(Debug, Clone, Copy)]
pub struct OrgInput<'a> {
    pub teams: &'a [OrgTeam],
    /// Every person, with their role level.
    pub people: &'a [Person],
    /// Role families, for their names and row order.
    pub families: &'a [RoleFamily],
    /// The family of each role level.
    pub role_level_families: &'a [RoleLevelFamily],
    pub requirements: &'a [Requirement],
    /// Skill columns, in display order.
    pub skills: &'a [Skill],
    /// Every assessment, skill ids already mapped into `skills`.
    pub assessments: &'a [Assessment],
    /// Stale evidence is judged against this day.
    pub today: NaiveDate,
}

/// What the viewer asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollupOptions {
    pub filter: SourceFilter,
    /// Show the figures as they stood on this day too (the previous assessment round), with the
    /// change per cell.
    pub earlier: Option<NaiveDate>,
    /// Only people whose role level belongs to one of these families. `None`: everyone.
    pub families: Option<Vec<Id>>,
    /// Evidence this many months old or older is stale.
    pub cadence_months: u32,
    /// How many skills the "largest gaps" risk lists.
    pub top_gaps: usize,
}

impl Default for RollupOptions {
    fn default() -> Self {
        RollupOptions {
            filter: SourceFilter::Latest,
            earlier: None,
            families: None,
            cadence_months: DEFAULT_REVIEW_CADENCE_MONTHS,
            top_gaps: 10,
        }
    }
}

/// The figures of one group of people for one skill. `requiring` is the group size:
/// `requiring = meeting + below + unassessed`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figures {
    /// People whose role level requires a level of the skill.
    pub requiring: u32,
    /// Of them, at or above their required level.
    pub meeting: u32,
    /// Of them, assessed below their required level.
    pub below: u32,
    /// Of them, never assessed in the skill.
    pub unassessed: u32,
    /// Of them, at the scale's strong level or above.
    pub strong: u32,
    /// `meeting` as a whole percentage of `requiring` (0 when nobody requires the skill).
    pub meeting_percent: u8,
}

impl Figures {
    fn count(&mut self, required: Level, current: Option<Level>, strong: Level) {
        self.requiring += 1;
        match current {
            None => self.unassessed += 1,
            Some(level) => {
                if level >= required {
                    self.meeting += 1;
                } else {
                    self.below += 1;
                }
                self.strong += u32::from(level >= strong);
            }
        }
    }

    fn add(&mut self, other: &Figures) {
        self.requiring += other.requiring;
        self.meeting += other.meeting;
        self.below += other.below;
        self.unassessed += other.unassessed;
        self.strong += other.strong;
    }

    fn finish(mut self) -> Figures {
        self.meeting_percent = match self.requiring {
            0 => 0,
            n => ((u64::from(self.meeting) * 100 + u64::from(n) / 2) / u64::from(n)) as u8,
        };
        self
    }
}

/// Which way a cell moved since the earlier date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Up,
    Down,
    Same,
}

impl Direction {
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Up => "↑",
            Direction::Down => "↓",
            Direction::Same => "→",
        }
    }

    /// Words for screen readers and exports: colour and arrows are never the only signal.
    pub fn title(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
            Direction::Same => "no change",
        }
    }
}

/// The change in a cell since the earlier date. The group is the same then and now (today's
/// people and requirements), so a change in `meeting` is a change in the share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Change {
    /// Whether more (up) or fewer (down) people meet their required level.
    pub direction: Direction,
    /// Percentage points of the share meeting.
    pub meeting_points: i16,
    pub meeting: i64,
    pub strong: i64,
}

impl Change {
    fn between(then: &Figures, now: &Figures) -> Change {
        let meeting = i64::from(now.meeting) - i64::from(then.meeting);
        Change {
            direction: match meeting.signum() {
                1 => Direction::Up,
                -1 => Direction::Down,
                _ => Direction::Same,
            },
            meeting_points: i16::from(now.meeting_percent) - i16::from(then.meeting_percent),
            meeting,
            strong: i64::from(now.strong) - i64::from(then.strong),
        }
    }
}

/// One cell of a roll-up: now, and then with the change when an earlier date was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkillCell {
    pub now: Figures,
    pub then: Option<Figures>,
    pub change: Option<Change>,
}

impl SkillCell {
    fn new(now: Figures, then: Option<Figures>) -> SkillCell {
        let now = now.finish();
        let then = then.map(Figures::finish);
        SkillCell { now, then, change: then.map(|t| Change::between(&t, &now)) }
    }
}

/// A skill column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Column {
    pub skill_id: Id,
    pub code: String,
    pub name: String,
}

/// A row of a table: a team (key: team id) or a role family (key: family id, `None` for role
/// levels without a family).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Row<K, C> {
    pub key: K,
    pub label: String,
    /// One per column.
    pub cells: Vec<C>,
}

/// Stale evidence in a group of people.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaleFigures {
    /// People in the group (the group size).
    pub people: u32,
    /// Of them, with at least one required skill whose current assessment is stale.
    pub stale: u32,
    /// Of them, with at least one required skill never assessed.
    pub unassessed: u32,
}

/// A team's stale-evidence figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaleRow<S> {
    pub team_id: Id,
    pub label: String,
    pub figures: S,
}

/// A skill that one person or nobody in the organisation holds at the strong level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HolderRisk {
    pub skill_id: Id,
    pub holders: u32,
}

/// A skill with many people below their required level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GapRisk {
    pub skill_id: Id,
    pub requiring: u32,
    pub below: u32,
    pub unassessed: u32,
}

/// Where capability is thin.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Risks {
    /// Required skills with one holder or none at the strong level among the people requiring
    /// them (the organisation total's group), fewest first.
    pub few_holders: Vec<HolderRisk>,
    /// Skills with the most people below their required level, most first.
    pub largest_gaps: Vec<GapRisk>,
}

/// The organisation roll-up. `C`, `S` and `R` are the cell, stale and risk types: plain for
/// leads and admins, [`super::suppression::Published`] for senior viewers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rollup<C = SkillCell, S = StaleFigures, R = Risks> {
    pub today: NaiveDate,
    pub earlier: Option<NaiveDate>,
    pub filter: SourceFilter,
    pub families_filter: Option<Vec<Id>>,
    /// The smallest group shown, when small groups are suppressed.
    pub min_group: Option<u32>,
    /// People in scope (after the family filter); hidden when small groups are suppressed and
    /// fewer than that.
    pub people_in_scope: Option<u32>,
    /// Skills some person in scope requires, in framework order.
    pub columns: Vec<Column>,
    /// Teams with at least one person in scope. Each person counts in one team.
    pub teams: Vec<Row<Id, C>>,
    /// Role families with at least one person in scope; each person counts in one.
    pub families: Vec<Row<Option<Id>, C>>,
    /// Organisation totals per column.
    #[cfg_attr(feature = "openapi", schema(inline))]
    pub totals: Vec<C>,
    pub stale_by_team: Vec<StaleRow<S>>,
    #[cfg_attr(feature = "openapi", schema(inline))]
    pub stale_total: S,
    #[cfg_attr(feature = "openapi", schema(inline))]
    pub risks: R,
}

/// Computes the roll-up in one go. Build an [`OrgIndex`] instead to answer several questions
/// (filters, dates) from one index.
pub fn rollup(input: &OrgInput, options: &RollupOptions) -> Rollup {
    OrgIndex::new(input).rollup(options)
}

/// Ids mapped to dense indexes: a plain array when ids are compact (database ids usually are),
/// a hash map otherwise.
#[derive(Debug, Clone)]
enum IdMap {
    Dense { min: Id, slots: Vec<u32> },
    Sparse(HashMap<Id, u32>),
}

impl IdMap {
    const NONE: u32 = u32::MAX;

    fn new(ids: &[Id]) -> IdMap {
        let (Some(&min), Some(&max)) = (ids.iter().min(), ids.iter().max()) else {
            return IdMap::Sparse(HashMap::new());
        };
        let span = max.abs_diff(min);
        if span <= 4 * ids.len() as u64 + 1024 {
            let mut slots = vec![Self::NONE; span as usize + 1];
            for (i, &id) in ids.iter().enumerate().rev() {
                slots[id.abs_diff(min) as usize] = i as u32;
            }
            IdMap::Dense { min, slots }
        } else {
            let mut map = HashMap::with_capacity(ids.len());
            for (i, &id) in ids.iter().enumerate() {
                map.entry(id).or_insert(i as u32);
            }
            IdMap::Sparse(map)
        }
    }

    fn get(&self, id: Id) -> Option<usize> {
        match self {
            IdMap::Dense { min, slots } => {
                let offset = id.checked_sub(*min).filter(|&o| o >= 0)?;
                slots.get(offset as usize).filter(|&&s| s != Self::NONE).map(|&s| s as usize)
            }
            IdMap::Sparse(map) => map.get(&id).map(|&s| s as usize),
        }
    }
}

/// One assessment, compacted to 16 bytes: recency (day, id), skill index, level and source.
#[derive(Debug, Clone, Copy)]
struct Entry {
    id: Id,
    day: i32,
    skill: u16,
    level: Level,
    source: Source,
}

impl Entry {
    const BLANK: Entry = Entry { id: 0, day: 0, skill: 0, level: 0, source: Source::Lead };

    fn new(a: &Assessment, skill: usize) -> Entry {
        Entry { id: a.id, day: day_number(a.assessed_on), skill: skill as u16, level: a.level, source: a.source }
    }

    fn recency(&self) -> (i32, Id) {
        (self.day, self.id)
    }
}

fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// The latest day whose evidence is stale on `today` (see [`is_stale`], which it agrees with:
/// staleness only grows as dates get older).
fn stale_cutoff(today: NaiveDate, cadence_months: u32) -> Option<NaiveDate> {
    let mut day = today.checked_sub_months(Months::new(cadence_months))?;
    while !is_stale(day, today, cadence_months) {
        day = day.pred_opt()?;
    }
    while let Some(next) = day.succ_opt().filter(|&d| is_stale(d, today, cadence_months)) {
        day = next;
    }
    Some(day)
}

/// Assessment histories of people × skills, as one array in (person, skill, recency) order with
/// an offset per cell.
#[derive(Debug, Clone)]
struct Histories {
    skills: usize,
    offsets: Vec<u32>,
    entries: Vec<Entry>,
}

impl Histories {
    /// Groups the assessments by person in one streaming pass (reading each assessment once),
    /// then spreads each person's entries by skill (a few kilobytes at a time, in cache) and
    /// sorts any cell not already in recency order.
    fn new(assessments: &[Assessment], people: &IdMap, skills: &IdMap, n_people: usize, n_skills: usize) -> Self {
        assert!(
            n_people * n_skills < u32::MAX as usize && assessments.len() < u32::MAX as usize,
            "organisation too large to index"
        );
        assert!(n_skills <= 1 << 16, "more than 65,536 skills");
        let by_person = Self::by_person(assessments, people, skills, n_people);
        let mut offsets = Vec::with_capacity(n_people * n_skills + 1);
        offsets.push(0u32);
        let mut entries = Vec::with_capacity(by_person.iter().map(Vec::len).sum());
        let mut spread = Vec::new();
        for list in by_person {
            Self::spread_by_skill(&list, n_skills, &mut spread, &mut offsets);
            entries.extend_from_slice(&spread);
        }
        for cell in offsets.windows(2) {
            let list = &mut entries[cell[0] as usize..cell[1] as usize];
            if !list.is_sorted_by_key(Entry::recency) {
                list.sort_unstable_by_key(Entry::recency);
            }
        }
        Histories { skills: n_skills, offsets, entries }
    }

    fn by_person(assessments: &[Assessment], people: &IdMap, skills: &IdMap, n_people: usize) -> Vec<Vec<Entry>> {
        let expected = assessments.len() / n_people.max(1) + 8;
        let mut by_person: Vec<Vec<Entry>> = (0..n_people).map(|_| Vec::with_capacity(expected)).collect();
        for a in assessments {
            if let (Some(p), Some(s)) = (people.get(a.person_id), skills.get(a.skill_id)) {
                by_person[p].push(Entry::new(a, s));
            }
        }
        by_person
    }

    /// One person's entries in skill order (input order within a skill) into `out`, appending
    /// the end offset of each of the person's cells to `offsets`.
    fn spread_by_skill(list: &[Entry], n_skills: usize, out: &mut Vec<Entry>, offsets: &mut Vec<u32>) {
        let base = *offsets.last().expect("offsets start with 0");
        let mut starts = vec![0u32; n_skills + 1];
        for e in list {
            starts[usize::from(e.skill) + 1] += 1;
        }
        for s in 0..n_skills {
            starts[s + 1] += starts[s];
            offsets.push(base + starts[s + 1]);
        }
        out.clear();
        out.resize(list.len(), Entry::BLANK);
        for e in list {
            let slot = &mut starts[usize::from(e.skill)];
            out[*slot as usize] = *e;
            *slot += 1;
        }
    }

    /// The latest entry on or before `as_of` that the filter accepts (as
    /// [`super::History::current_as_of`]).
    fn current(&self, person: usize, skill: usize, filter: SourceFilter, as_of: i32) -> Option<&Entry> {
        let cell = person * self.skills + skill;
        let list = &self.entries[self.offsets[cell] as usize..self.offsets[cell + 1] as usize];
        list.iter().rev().find(|e| e.day <= as_of && filter.accepts(e.source))
    }
}

/// A person, as the roll-up needs them.
#[derive(Debug, Clone, Copy)]
struct Member {
    role_level: Option<usize>,
    family: Option<Id>,
}

/// The organisation indexed for roll-ups. Building it reads every assessment once; each
/// roll-up then reads each (person, skill) cell once.
#[derive(Debug, Clone)]
pub struct OrgIndex {
    today: NaiveDate,
    columns: Vec<Column>,
    strong: Vec<Level>,
    members: Vec<Member>,
    /// Required level per (role level, skill), `role level × skills`.
    required: Vec<Option<Level>>,
    teams: Vec<(Id, String)>,
    /// Teams of each person: `team_lists[team_offsets[p]..team_offsets[p + 1]]`.
    team_offsets: Vec<u32>,
    team_lists: Vec<u32>,
    families: Vec<(Option<Id>, String)>,
    histories: Histories,
}

impl OrgIndex {
    pub fn new(input: &OrgInput) -> OrgIndex {
        let skill_ids: Vec<Id> = input.skills.iter().map(|s| s.id).collect();
        let person_ids: Vec<Id> = input.people.iter().map(|p| p.id).collect();
        let skill_map = IdMap::new(&skill_ids);
        let person_map = IdMap::new(&person_ids);
        let (role_map, required) = Self::required(input, &skill_map);
        let family_of: HashMap<Id, Id> =
            input.role_level_families.iter().map(|f| (f.role_level_id, f.family_id)).collect();
        let members = input
            .people
            .iter()
            .map(|p| Member {
                role_level: p.role_level_id.and_then(|rl| role_map.get(&rl).copied()),
                family: p.role_level_id.and_then(|rl| family_of.get(&rl).copied()),
            })
            .collect();
        let (team_offsets, team_lists) = Self::team_lists(input, &person_map);
        OrgIndex {
            today: input.today,
            columns: input
                .skills
                .iter()
                .map(|s| Column { skill_id: s.id, code: s.code.clone(), name: s.name.clone() })
                .collect(),
            strong: input.skills.iter().map(|s| s.scale.strong_level()).collect(),
            members,
            required,
            teams: input.teams.iter().map(|t| (t.id, t.name.clone())).collect(),
            team_offsets,
            team_lists,
            families: Self::family_rows(input),
            histories: Histories::new(input.assessments, &person_map, &skill_map, person_ids.len(), skill_ids.len()),
        }
    }

    fn required(input: &OrgInput, skills: &IdMap) -> (HashMap<Id, usize>, Vec<Option<Level>>) {
        let n_skills = input.skills.len();
        let mut role_map = HashMap::new();
        let mut required = Vec::new();
        for r in input.requirements {
            let next = role_map.len();
            let row = *role_map.entry(r.role_level_id).or_insert(next);
            if row == next {
                required.resize(required.len() + n_skills, None);
            }
            if let Some(s) = skills.get(r.skill_id) {
                required[row * n_skills + s] = r.level;
            }
        }
        (role_map, required)
    }

    /// The team row of each person: the first team that lists them.
    fn team_lists(input: &OrgInput, people: &IdMap) -> (Vec<u32>, Vec<u32>) {
        let mut by_person: Vec<Vec<u32>> = vec![Vec::new(); input.people.len()];
        for (t, team) in input.teams.iter().enumerate() {
            for &id in &team.member_ids {
                if let Some(p) = people.get(id) {
                    if by_person[p].is_empty() {
                        by_person[p].push(t as u32);
                    }
                }
            }
        }
        let mut offsets = Vec::with_capacity(by_person.len() + 1);
        offsets.push(0);
        let mut lists = Vec::new();
        for teams in by_person {
            lists.extend(teams);
            offsets.push(lists.len() as u32);
        }
        (offsets, lists)
    }

    /// Family rows: the named families in input order, others by id, then "No role family".
    fn family_rows(input: &OrgInput) -> Vec<(Option<Id>, String)> {
        let mut rows: Vec<(Option<Id>, String)> = input.families.iter().map(|f| (Some(f.id), f.name.clone())).collect();
        for link in input.role_level_families {
            if !rows.iter().any(|(id, _)| *id == Some(link.family_id)) {
                rows.push((Some(link.family_id), format!("Role family {}", link.family_id)));
            }
        }
        rows.push((None, "No role family".to_string()));
        rows
    }

    fn teams_of(&self, person: usize) -> &[u32] {
        &self.team_lists[self.team_offsets[person] as usize..self.team_offsets[person + 1] as usize]
    }

    fn in_scope(&self, member: &Member, families: Option<&[Id]>) -> bool {
        families.is_none_or(|wanted| member.family.is_some_and(|f| wanted.contains(&f)))
    }

    /// The roll-up for these options.
    pub fn rollup(&self, options: &RollupOptions) -> Rollup {
        let tally = self.tally(options);
        tally.into_rollup(self, options)
    }

    fn tally(&self, options: &RollupOptions) -> Tally {
        let n_skills = self.columns.len();
        let mut tally = Tally::new(self.teams.len(), self.families.len(), n_skills, options.earlier.is_some());
        let family_row: HashMap<Option<Id>, usize> =
            self.families.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
        let cutoff = stale_cutoff(self.today, options.cadence_months).map_or(i32::MIN, day_number);
        let earlier = options.earlier.map(day_number);
        let families = options.families.as_deref();
        for (p, member) in self.members.iter().enumerate() {
            if !self.in_scope(member, families) {
                continue;
            }
            tally.people += 1;
            let groups = Groups { teams: self.teams_of(p), family: family_row[&member.family] };
            let required = member.role_level.map(|rl| &self.required[rl * n_skills..(rl + 1) * n_skills]);
            let mut evidence = Evidence::default();
            for s in 0..n_skills {
                let Some(req) = required.and_then(|r| r[s]) else {
                    continue;
                };
                let now = self.histories.current(p, s, options.filter, i32::MAX);
                let level = now.map(|e| e.level);
                tally.holders[s] += u32::from(level.is_some_and(|l| l >= self.strong[s]));
                evidence.record(now.map(|e| e.day), cutoff);
                let mut now_figures = Figures::default();
                now_figures.count(req, level, self.strong[s]);
                let then_figures = earlier.map(|day| {
                    let mut f = Figures::default();
                    f.count(req, self.histories.current(p, s, options.filter, day).map(|e| e.level), self.strong[s]);
                    f
                });
                tally.add(&groups, s, &now_figures, then_figures.as_ref());
            }
            tally.add_evidence(&groups, &evidence);
        }
        tally
    }
}

/// Group sizes for planning suppression across every view a senior viewer can ask for: per
/// skill, the team × role-family table of the people requiring it (whose margins are the team
/// rows, the family rows and the organisation's total, and whose cells are the team rows of a
/// family-filtered view), the same table for the people whose current assessment changed in
/// each window between published dates (the trend), and the table of everyone (stale evidence,
/// people in scope).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisclosureTables {
    /// Team ids in row order; one more row holds people in no team.
    pub teams: Vec<Id>,
    /// Family keys in column order (`None`: no role family).
    pub families: Vec<Option<Id>>,
    /// Skill ids, in index order.
    pub skills: Vec<Id>,
    /// Per skill: people requiring it, `[team row][family column]`.
    pub requiring: Vec<Vec<Vec<u64>>>,
    /// Per skill, per window: people requiring it whose current assessment (latest of any
    /// source) changed in the window. Window `w` runs from published date `w` (exclusive) to
    /// the next one, the last to today.
    pub changed: Vec<Vec<Vec<Vec<u64>>>>,
    /// Everyone, `[team row][family column]`.
    pub people: Vec<Vec<u64>>,
}

impl OrgIndex {
    /// The tables suppression is planned on, for trends against any of `dates` (the comparison
    /// dates a viewer may ask for).
    pub fn disclosure_tables(&self, dates: &[NaiveDate]) -> DisclosureTables {
        let mut days: Vec<i32> = dates.iter().map(|&d| day_number(d)).collect();
        days.sort_unstable();
        days.dedup();
        let (rows, cols, n_skills) = (self.teams.len() + 1, self.families.len(), self.columns.len());
        let family_col: HashMap<Option<Id>, usize> =
            self.families.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
        let grid = || vec![vec![0u64; cols]; rows];
        let mut requiring = vec![grid(); n_skills];
        let mut changed = vec![vec![grid(); days.len()]; n_skills];
        let mut people = grid();
        for (p, member) in self.members.iter().enumerate() {
            let t = self.teams_of(p).first().map_or(self.teams.len(), |&t| t as usize);
            let f = family_col[&member.family];
            people[t][f] += 1;
            let Some(rl) = member.role_level else {
                continue;
            };
            for s in 0..n_skills {
                if self.required[rl * n_skills + s].is_none() {
                    continue;
                }
                requiring[s][t][f] += 1;
                for (w, &from) in days.iter().enumerate() {
                    let to = days.get(w + 1).copied().unwrap_or(i32::MAX);
                    let current = |day| self.histories.current(p, s, SourceFilter::Latest, day).map(|e| e.id);
                    if current(from) != current(to) {
                        changed[s][w][t][f] += 1;
                    }
                }
            }
        }
        DisclosureTables {
            teams: self.teams.iter().map(|(id, _)| *id).collect(),
            families: self.families.iter().map(|(id, _)| *id).collect(),
            skills: self.columns.iter().map(|c| c.skill_id).collect(),
            requiring,
            changed,
            people,
        }
    }
}

/// The groups one person counts in.
struct Groups<'a> {
    teams: &'a [u32],
    family: usize,
}

/// One person's evidence over their required skills.
#[derive(Default)]
struct Evidence {
    any_required: bool,
    stale: bool,
    unassessed: bool,
}

impl Evidence {
    fn record(&mut self, day: Option<i32>, cutoff: i32) {
        self.any_required = true;
        match day {
            None => self.unassessed = true,
            Some(d) if d <= cutoff => self.stale = true,
            Some(_) => {}
        }
    }

    /// Everyone counts in the group; only required skills can be stale or unassessed.
    fn figures(&self) -> StaleFigures {
        let any = self.any_required;
        StaleFigures { people: 1, stale: u32::from(any && self.stale), unassessed: u32::from(any && self.unassessed) }
    }
}

/// Running sums, rows × skills.
struct Tally {
    skills: usize,
    people: u32,
    teams_now: Vec<Figures>,
    teams_then: Vec<Figures>,
    families_now: Vec<Figures>,
    families_then: Vec<Figures>,
    /// People in scope per family row, to leave out empty rows.
    family_people: Vec<u32>,
    team_people: Vec<u32>,
    totals_now: Vec<Figures>,
    totals_then: Vec<Figures>,
    holders: Vec<u32>,
    stale_teams: Vec<StaleFigures>,
    stale_total: StaleFigures,
}

fn add_stale(into: &mut StaleFigures, from: &StaleFigures) {
    into.people += from.people;
    into.stale += from.stale;
    into.unassessed += from.unassessed;
}

impl Tally {
    fn new(teams: usize, families: usize, skills: usize, trend: bool) -> Tally {
        let then = |rows: usize| {
            if trend {
                vec![Figures::default(); rows * skills]
            } else {
                Vec::new()
            }
        };
        Tally {
            skills,
            people: 0,
            teams_now: vec![Figures::default(); teams * skills],
            teams_then: then(teams),
            families_now: vec![Figures::default(); families * skills],
            families_then: then(families),
            family_people: vec![0; families],
            team_people: vec![0; teams],
            totals_now: vec![Figures::default(); skills],
            totals_then: then(1),
            holders: vec![0; skills],
            stale_teams: vec![StaleFigures::default(); teams],
            stale_total: StaleFigures::default(),
        }
    }

    fn add(&mut self, groups: &Groups, skill: usize, now: &Figures, then: Option<&Figures>) {
        let n = self.skills;
        for &t in groups.teams {
            self.teams_now[t as usize * n + skill].add(now);
        }
        self.families_now[groups.family * n + skill].add(now);
        self.totals_now[skill].add(now);
        if let Some(then) = then {
            for &t in groups.teams {
                self.teams_then[t as usize * n + skill].add(then);
            }
            self.families_then[groups.family * n + skill].add(then);
            self.totals_then[skill].add(then);
        }
    }

    fn add_evidence(&mut self, groups: &Groups, evidence: &Evidence) {
        self.family_people[groups.family] += 1;
        for &t in groups.teams {
            self.team_people[t as usize] += 1;
        }
        let figures = evidence.figures();
        for &t in groups.teams {
            add_stale(&mut self.stale_teams[t as usize], &figures);
        }
        add_stale(&mut self.stale_total, &figures);
    }

    fn cells(now: &[Figures], then: &[Figures], row: usize, width: usize, columns: &[usize]) -> Vec<SkillCell> {
        columns.iter().map(|&s| SkillCell::new(now[row * width + s], then.get(row * width + s).copied())).collect()
    }

    fn into_rollup(self, index: &OrgIndex, options: &RollupOptions) -> Rollup {
        let width = self.skills;
        let columns: Vec<usize> = (0..width).filter(|&s| self.totals_now[s].requiring > 0).collect();
        let teams = (0..index.teams.len())
            .filter(|&t| self.team_people[t] > 0)
            .map(|t| Row {
                key: index.teams[t].0,
                label: index.teams[t].1.clone(),
                cells: Self::cells(&self.teams_now, &self.teams_then, t, width, &columns),
            })
            .collect();
        let families = (0..index.families.len())
            .filter(|&f| self.family_people[f] > 0)
            .map(|f| Row {
                key: index.families[f].0,
                label: index.families[f].1.clone(),
                cells: Self::cells(&self.families_now, &self.families_then, f, width, &columns),
            })
            .collect();
        let stale_by_team = (0..index.teams.len())
            .filter(|&t| self.team_people[t] > 0)
            .map(|t| StaleRow {
                team_id: index.teams[t].0,
                label: index.teams[t].1.clone(),
                figures: self.stale_teams[t],
            })
            .collect();
        let totals = Self::cells(&self.totals_now, &self.totals_then, 0, width, &columns);
        Rollup {
            today: index.today,
            earlier: options.earlier,
            filter: options.filter,
            families_filter: options.families.clone(),
            min_group: None,
            people_in_scope: Some(self.people),
            risks: risks(index, &columns, &totals, &self.holders, options.top_gaps),
            columns: columns.iter().map(|&s| index.columns[s].clone()).collect(),
            teams,
            families,
            totals,
            stale_by_team,
            stale_total: self.stale_total,
        }
    }
}

fn risks(index: &OrgIndex, columns: &[usize], totals: &[SkillCell], holders: &[u32], top: usize) -> Risks {
    let mut few_holders: Vec<HolderRisk> = columns
        .iter()
        .filter(|&&s| holders[s] <= 1)
        .map(|&s| HolderRisk { skill_id: index.columns[s].skill_id, holders: holders[s] })
        .collect();
    few_holders.sort_by_key(|r| r.holders);
    let mut gaps: Vec<(usize, GapRisk)> = columns
        .iter()
        .zip(totals)
        .filter(|(_, cell)| cell.now.below > 0)
        .map(|(&s, cell)| {
            let f = cell.now;
            (
                s,
                GapRisk {
                    skill_id: index.columns[s].skill_id,
                    requiring: f.requiring,
                    below: f.below,
                    unassessed: f.unassessed,
                },
            )
        })
        .collect();
    gaps.sort_by(|(sa, a), (sb, b)| b.below.cmp(&a.below).then(b.unassessed.cmp(&a.unassessed)).then(sa.cmp(sb)));
    Risks { few_holders, largest_gaps: gaps.into_iter().take(top).map(|(_, g)| g).collect() }
}

/// The marker a suppressed figure shows in every export.
pub const SUPPRESSED_MARKER: &str = "[c]";

const CSV_HEADER: [&str; 13] = [
    "table",
    "group",
    "skill code",
    "skill",
    "people requiring",
    "meeting",
    "meeting %",
    "below",
    "not assessed",
    "at strong level",
    "meeting % then",
    "change",
    "change in points",
];

fn csv_figures(cell: Option<&SkillCell>) -> Vec<String> {
    let Some(cell) = cell else {
        return vec![SUPPRESSED_MARKER.to_string(); CSV_HEADER.len() - 4];
    };
    let f = cell.now;
    vec![
        f.requiring.to_string(),
        f.meeting.to_string(),
        f.meeting_percent.to_string(),
        f.below.to_string(),
        f.unassessed.to_string(),
        f.strong.to_string(),
        cell.then.map(|t| t.meeting_percent.to_string()).unwrap_or_default(),
        cell.change.map(|c| c.direction.title().to_string()).unwrap_or_default(),
        cell.change.map(|c| c.meeting_points.to_string()).unwrap_or_default(),
    ]
}

/// The three tables as CSV (one line per group and skill). Suppressed cells show
/// [`SUPPRESSED_MARKER`] in every figure column.
pub fn to_csv<C: Shown<SkillCell>, S, R>(rollup: &Rollup<C, S, R>) -> String {
    let mut lines = vec![CSV_HEADER.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    let mut table = |name: &str, label: &str, cells: &[C]| {
        for (column, cell) in rollup.columns.iter().zip(cells) {
            let mut line = vec![name.to_string(), label.to_string(), column.code.clone(), column.name.clone()];
            line.extend(csv_figures(cell.shown()));
            lines.push(line);
        }
    };
    for row in &rollup.teams {
        table("team", &row.label, &row.cells);
    }
    for row in &rollup.families {
        table("role family", &row.label, &row.cells);
    }
    table("organisation", "Organisation", &rollup.totals);
    crate::csv_safe::write_csv(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::History;
    use crate::framework::SkillKind;
    use crate::scale::Scale;
    use proptest::prelude::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn skill(id: Id, scale: Scale) -> Skill {
        Skill {
            id,
            version_id: 1,
            code: format!("s{id}"),
            name: format!("Skill {id}"),
            kind: SkillKind::Ddat,
            scale,
            description: String::new(),
            category: None,
            subcategory: None,
            defined_levels: vec![],
        }
    }

    fn person(id: Id, role: Option<Id>) -> Person {
        Person { id, name: format!("P{id}"), email: None, role_level_id: role, target_role_level_id: None }
    }

    fn assess(id: Id, person_id: Id, skill_id: Id, level: Level, on: &str) -> Assessment {
        Assessment {
            id,
            person_id,
            skill_id,
            level,
            source: Source::Lead,
            assessed_on: date(on),
            assessor_id: None,
            evidence: None,
        }
    }

    struct Org {
        teams: Vec<OrgTeam>,
        people: Vec<Person>,
        families: Vec<RoleFamily>,
        links: Vec<RoleLevelFamily>,
        requirements: Vec<Requirement>,
        skills: Vec<Skill>,
        assessments: Vec<Assessment>,
    }

    impl Org {
        fn input(&self) -> OrgInput<'_> {
            OrgInput {
                teams: &self.teams,
                people: &self.people,
                families: &self.families,
                role_level_families: &self.links,
                requirements: &self.requirements,
                skills: &self.skills,
                assessments: &self.assessments,
                today: date("2026-06-30"),
            }
        }
    }

    /// Two teams. Role level 1 (family 100, "Engineering") requires skill 10 at 3 (DDaT);
    /// role level 2 (family 200, "Architecture") requires 10 at 4 and SFIA skill 20 at 5.
    /// Person 4 is in both teams; person 5 holds no role level.
    fn org() -> Org {
        let req = |rl, s, level| Requirement {
            role_level_id: rl,
            skill_id: s,
            level: Some(level),
            description: String::new(),
        };
        Org {
            teams: vec![
                OrgTeam { id: 1, name: "Platform".into(), member_ids: vec![1, 2, 4] },
                OrgTeam { id: 2, name: "Data".into(), member_ids: vec![3, 4, 5] },
            ],
            people: vec![
                person(1, Some(1)),
                person(2, Some(1)),
                person(3, Some(2)),
                person(4, Some(2)),
                person(5, None),
            ],
            families: vec![
                RoleFamily { id: 100, version_id: 1, name: "Engineering".into() },
                RoleFamily { id: 200, version_id: 1, name: "Architecture".into() },
            ],
            links: vec![
                RoleLevelFamily { role_level_id: 1, family_id: 100 },
                RoleLevelFamily { role_level_id: 2, family_id: 200 },
            ],
            requirements: vec![req(1, 10, 3), req(2, 10, 4), req(2, 20, 5)],
            skills: vec![skill(10, Scale::Ddat), skill(20, Scale::Sfia), skill(30, Scale::Ddat)],
            assessments: vec![
                assess(1, 1, 10, 2, "2026-01-10"),
                assess(2, 1, 10, 3, "2026-06-10"),
                assess(3, 2, 10, 3, "2025-11-01"),
                assess(4, 3, 10, 4, "2026-06-10"),
                assess(5, 3, 20, 4, "2026-06-10"),
                assess(6, 4, 10, 2, "2026-01-10"),
                assess(7, 5, 20, 6, "2026-06-10"),
                assess(8, 5, 30, 4, "2026-06-10"),
            ],
        }
    }

    fn figures(requiring: u32, meeting: u32, below: u32, unassessed: u32, strong: u32) -> Figures {
        Figures { requiring, meeting, below, unassessed, strong, meeting_percent: 0 }.finish()
    }

    #[test]
    fn cells_count_people_requiring_meeting_and_strong() {
        let org = org();
        let r = rollup(&org.input(), &RollupOptions::default());
        // Skill 30 is required by nobody: no column.
        assert_eq!(r.columns.iter().map(|c| c.skill_id).collect::<Vec<_>>(), vec![10, 20]);
        assert_eq!(r.people_in_scope, Some(5));
        // Platform: persons 1 (3 of 3), 2 (3 of 3), 4 (2 of 4).
        assert_eq!(r.teams[0].cells[0].now, figures(3, 2, 1, 0, 2));
        assert_eq!(r.teams[0].cells[0].now.meeting_percent, 67);
        // Data, skill 20: person 3 (4 of 5, strong on SFIA); person 4 counts in Platform, the
        // first team listing them, so that team rows add up to the totals.
        assert_eq!(r.teams[1].cells[1].now, figures(1, 0, 1, 0, 1));
        assert_eq!(r.teams[0].cells[1].now, figures(1, 0, 0, 1, 0));
        // Families: each person counts once.
        assert_eq!(r.families.iter().map(|f| f.key).collect::<Vec<_>>(), vec![Some(100), Some(200), None]);
        assert_eq!(r.families[1].cells[0].now, figures(2, 1, 1, 0, 1));
        assert_eq!(r.totals[0].now, figures(4, 3, 1, 0, 3));
        assert_eq!(r.totals[1].now, figures(2, 0, 1, 1, 1));
        assert!(r.totals[0].then.is_none() && r.totals[0].change.is_none());
    }

    #[test]
    fn trend_compares_with_the_earlier_date() {
        let org = org();
        let options = RollupOptions { earlier: Some(date("2026-03-01")), ..RollupOptions::default() };
        let r = rollup(&org.input(), &options);
        // On 1 March: person 1 at 2, person 3 not yet assessed; persons 2 and 4 as now.
        let platform = r.teams[0].cells[0];
        assert_eq!(platform.then, Some(figures(3, 1, 2, 0, 1)));
        let change = platform.change.unwrap();
        assert_eq!((change.direction, change.meeting, change.strong, change.meeting_points), (Direction::Up, 1, 1, 34));
        let data_20 = r.teams[1].cells[1].change.unwrap();
        assert_eq!(data_20.direction, Direction::Same);
        assert_eq!(data_20.strong, 1);
        assert_eq!(r.totals[0].then, Some(figures(4, 1, 2, 1, 1)));
    }

    #[test]
    fn family_filter_narrows_every_figure() {
        let org = org();
        let options = RollupOptions { families: Some(vec![200]), ..RollupOptions::default() };
        let r = rollup(&org.input(), &options);
        assert_eq!(r.people_in_scope, Some(2));
        assert_eq!(r.families.len(), 1);
        assert_eq!(r.teams.iter().map(|t| t.key).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(r.teams[0].cells[0].now, figures(1, 0, 1, 0, 0));
        assert_eq!(r.totals[0].now, figures(2, 1, 1, 0, 1));
        assert_eq!(r.families_filter, Some(vec![200]));
    }

    #[test]
    fn risks_name_thin_skills_and_largest_gaps() {
        let org = org();
        let r = rollup(&org.input(), &RollupOptions::default());
        // Skill 10: persons 1, 2, 3 at 3+ (three holders). Skill 20: of the people requiring
        // it, person 3 (4) at SFIA 4+; person 5 (6) requires nothing, so does not count.
        assert_eq!(r.risks.few_holders, vec![HolderRisk { skill_id: 20, holders: 1 }]);
        // Among architects only, person 3 is the single holder of both.
        let options = RollupOptions { families: Some(vec![200]), ..RollupOptions::default() };
        let narrowed = rollup(&org.input(), &options);
        let holders = vec![HolderRisk { skill_id: 10, holders: 1 }, HolderRisk { skill_id: 20, holders: 1 }];
        assert_eq!(narrowed.risks.few_holders, holders);
        let gaps: Vec<(Id, u32)> = r.risks.largest_gaps.iter().map(|g| (g.skill_id, g.below)).collect();
        // Both skills have one person below; skill 20 also has one not assessed, so it leads.
        assert_eq!(gaps, vec![(20, 1), (10, 1)]);
        let top_one = rollup(&org.input(), &RollupOptions { top_gaps: 1, ..RollupOptions::default() });
        assert_eq!(top_one.risks.largest_gaps.len(), 1);
    }

    #[test]
    fn stale_evidence_is_counted_per_person() {
        let org = org();
        let r = rollup(&org.input(), &RollupOptions::default());
        // Person 2's evidence (2025-11-01) is stale; person 4's (2026-01-10) is not, as 30 June
        // is before 10 July, but person 4 never had skill 20 assessed. Person 5 requires
        // nothing: counted in the group, never stale. Person 4 counts in Platform only.
        assert_eq!(r.stale_by_team[0].figures, StaleFigures { people: 3, stale: 1, unassessed: 1 });
        assert_eq!(r.stale_by_team[1].figures, StaleFigures { people: 2, stale: 0, unassessed: 0 });
        assert_eq!(r.stale_total, StaleFigures { people: 5, stale: 1, unassessed: 1 });
        let quarterly = rollup(&org.input(), &RollupOptions { cadence_months: 3, ..RollupOptions::default() });
        assert_eq!(quarterly.stale_total.stale, 2);
    }

    #[test]
    fn csv_lists_every_cell() {
        let org = org();
        let csv = to_csv(&rollup(&org.input(), &RollupOptions::default()));
        let lines: Vec<&str> = csv.lines().collect();
        // Header, 2 teams + 3 families + totals, each × 2 skills.
        assert_eq!(lines.len(), 1 + 6 * 2);
        assert_eq!(lines[1], "team,Platform,s10,Skill 10,3,2,67,1,0,2,,,");
    }

    #[test]
    fn stale_cutoff_agrees_with_is_stale() {
        for today in ["2026-03-31", "2026-02-28", "2024-02-29", "2026-07-31", "2026-01-01"] {
            let today = date(today);
            for months in [0, 1, 3, 6, 12] {
                let cutoff = stale_cutoff(today, months).unwrap();
                for offset in -400..=5 {
                    let day = today + chrono::Duration::days(offset);
                    assert_eq!(day <= cutoff, is_stale(day, today, months), "{today} {months} {day}");
                }
            }
        }
    }

    #[test]
    fn sparse_and_dense_ids_both_map() {
        let dense = IdMap::new(&[5, 7, 6, 5]);
        assert_eq!(
            (dense.get(5), dense.get(6), dense.get(7), dense.get(8), dense.get(-1)),
            (Some(0), Some(2), Some(1), None, None)
        );
        let sparse = IdMap::new(&[1, 1 << 40, -(1 << 40)]);
        assert!(matches!(sparse, IdMap::Sparse(_)));
        assert_eq!((sparse.get(1 << 40), sparse.get(2)), (Some(1), None));
    }

    proptest! {
        /// The compact index answers exactly as the shared `History` does.
        #[test]
        fn index_agrees_with_history(
            raw in prop::collection::vec((0i64..4, 0i64..3, 1u8..5, 0usize..3, 0i64..60), 0..60),
            as_of in 0i64..70,
            filter_code in 0usize..4,
        ) {
            let base = date("2026-01-01");
            let sources = [Source::SelfAssessment, Source::Lead, Source::Peer];
            let assessments: Vec<Assessment> = raw
                .iter()
                .enumerate()
                .map(|(i, &(p, s, level, source, day))| Assessment {
                    id: (i as Id * 7919) % 1009, // unique, in shuffled order
                    person_id: p,
                    skill_id: s,
                    level,
                    source: sources[source],
                    assessed_on: base + chrono::Duration::days(day),
                    assessor_id: None,
                    evidence: None,
                })
                .collect();
            let filter = [
                SourceFilter::Latest,
                SourceFilter::Only(Source::SelfAssessment),
                SourceFilter::Only(Source::Lead),
                SourceFilter::Only(Source::Peer),
            ][filter_code];
            let people = IdMap::new(&[0, 1, 2, 3]);
            let skills = IdMap::new(&[0, 1, 2]);
            let index = Histories::new(&assessments, &people, &skills, 4, 3);
            let history = History::new(&assessments);
            let as_of_date = base + chrono::Duration::days(as_of);
            for p in 0..4 {
                for s in 0..3 {
                    let (pi, si) = (p as usize, s as usize);
                    let expected = history.current_as_of(p, s, filter, as_of_date);
                    let got = index.current(pi, si, filter, day_number(as_of_date));
                    let (got, expected) = (got.map(|e| (e.id, e.level)), expected.map(|a| (a.id, a.level)));
                    prop_assert_eq!(got, expected);
                    let now = history.current(p, s, filter).map(|a| a.id);
                    prop_assert_eq!(index.current(pi, si, filter, i32::MAX).map(|e| e.id), now);
                }
            }
        }
    }
}
