//! The skill-mix heatmap: people (rows) against skills (columns, grouped by kind), showing each
//! person's current level, their gap against what their current role level requires, or how
//! their own rating differs from their lead's (calibration).
//!
//! The module also holds what the team analyses share: [`TeamIndex`] (a team input indexed once
//! per page), [`Share`], and the heatmap palette ([`Tone`], [`Swatch`]) that the browser and the
//! server's chart exports both colour cells with. Colour is never the only signal: every cell
//! carries the text it shows and an accessible label.

use super::{gap_band, is_stale, GapBand, History, Requirements, TeamInput};
use crate::assessment::{Assessment, Source, SourceFilter};
use crate::framework::{Skill, SkillKind};
use crate::people::{Person, DEFAULT_REVIEW_CADENCE_MONTHS};
use crate::scale::{Level, Scale};
use crate::Id;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt::Write;

// ---------------------------------------------------------------------------------------------
// Palette
// ---------------------------------------------------------------------------------------------

/// A cell colour: a fill and a text colour with at least WCAG AA contrast (4.5:1) on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Swatch {
    pub fill: &'static str,
    pub text: &'static str,
}

const DARK_TEXT: &str = "#0B0C0C";
const LIGHT_TEXT: &str = "#FFFFFF";

const fn swatch(fill: &'static str, text: &'static str) -> Swatch {
    Swatch { fill, text }
}

/// Sequential palette for levels, lowest first: viridis sampled at seven even steps and
/// reversed, so a stronger level is darker. Colour-blind safe and monotonic in lightness, so it
/// also reads when printed in grey. Seven steps fit SFIA 1-7; 1-4 scales use every other step
/// (see [`Tone::for_level`]). Text contrast, lowest step first: 15.5, 11.2, 7.7, 5.1, 6.0, 9.7,
/// 15.2 to 1.
pub const LEVEL_PALETTE: [Swatch; 7] = [
    swatch("#FDE725", DARK_TEXT),
    swatch("#90D743", DARK_TEXT),
    swatch("#35B779", DARK_TEXT),
    swatch("#21918C", DARK_TEXT),
    swatch("#31688E", LIGHT_TEXT),
    swatch("#443983", LIGHT_TEXT),
    swatch("#440154", LIGHT_TEXT),
];

/// Diverging blue–orange palette for signed differences, from -2 (or less) to +2 (or more):
/// orange below the requirement (or a self rating lower than the lead's), blue above, a
/// near-white neutral at 0. Blue and orange stay apart for every common colour-vision
/// deficiency. Text contrast: 4.9, 11.4, 18.3, 10.5, 5.9 to 1.
pub const DIVERGING_PALETTE: [Swatch; 5] = [
    swatch("#B35806", LIGHT_TEXT),
    swatch("#FDB863", DARK_TEXT),
    swatch("#F7F7F7", DARK_TEXT),
    swatch("#92C5DE", DARK_TEXT),
    swatch("#2166AC", LIGHT_TEXT),
];

/// A cell with nothing to show ("–"). Text contrast 7.1 to 1.
pub const EMPTY_SWATCH: Swatch = swatch("#FFFFFF", "#505A5F");

/// A required level with no assessment ("?"). Text contrast 13.9 to 1.
pub const NOT_ASSESSED_SWATCH: Swatch = swatch("#D9D9D9", DARK_TEXT);

/// How a cell is coloured. The UI maps it to a CSS class ([`Tone::class`]) and the chart export
/// to a [`Swatch`]; both come from the palettes above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "step", rename_all = "kebab-case")]
pub enum Tone {
    /// Nothing to show.
    Empty,
    /// Required, but not assessed.
    NotAssessed,
    /// Step 0-6 of [`LEVEL_PALETTE`].
    Level(u8),
    /// Step -2 to +2 of [`DIVERGING_PALETTE`].
    Diverging(i8),
}

const LEVEL_CLASSES: [&str; 7] =
    ["tone-level-0", "tone-level-1", "tone-level-2", "tone-level-3", "tone-level-4", "tone-level-5", "tone-level-6"];
const DIVERGING_CLASSES: [&str; 5] =
    ["tone-div-minus-2", "tone-div-minus-1", "tone-div-0", "tone-div-plus-1", "tone-div-plus-2"];

impl Tone {
    /// The tone of a level by its position on its own scale: the lowest level is the lightest
    /// step and the top of every scale the darkest, so DDaT "4 Expert" and SFIA "7 Set strategy"
    /// share a colour, and 1-4 scales use steps 0, 2, 4 and 6.
    pub fn for_level(scale: Scale, level: Level) -> Tone {
        let top = scale.max().max(2) - 1;
        let position = level.clamp(1, scale.max()) - 1;
        let last = (LEVEL_PALETTE.len() - 1) as u8;
        Tone::Level((position * last + top / 2) / top)
    }

    /// The tone of a signed difference, clamped to ±2.
    pub fn for_difference(difference: i16) -> Tone {
        Tone::Diverging(difference.clamp(-2, 2) as i8)
    }

    /// The tone of a count (mentoring): lightest for 1, darkest from 7; 0 is empty.
    pub fn for_count(count: u32) -> Tone {
        match count {
            0 => Tone::Empty,
            n => Tone::Level((n.min(7) - 1) as u8),
        }
    }

    pub fn swatch(self) -> Swatch {
        match self {
            Tone::Empty => EMPTY_SWATCH,
            Tone::NotAssessed => NOT_ASSESSED_SWATCH,
            Tone::Level(step) => LEVEL_PALETTE[usize::from(step.min(6))],
            Tone::Diverging(step) => DIVERGING_PALETTE[diverging_index(step)],
        }
    }

    /// The CSS class the stylesheet colours: "tone-level-3", "tone-div-minus-1", "tone-empty".
    pub fn class(self) -> &'static str {
        match self {
            Tone::Empty => "tone-empty",
            Tone::NotAssessed => "tone-not-assessed",
            Tone::Level(step) => LEVEL_CLASSES[usize::from(step.min(6))],
            Tone::Diverging(step) => DIVERGING_CLASSES[diverging_index(step)],
        }
    }
}

fn diverging_index(step: i8) -> usize {
    (step.clamp(-2, 2) + 2) as usize
}

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

/// What the heatmap cells show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::Display, strum::EnumIter)]
#[strum(serialize_all = "kebab-case")]
pub enum Mode {
    /// The current level from the chosen source.
    #[default]
    Level,
    /// The current level against the level the person's current role level requires.
    Gap,
    /// The latest self assessment minus the latest lead assessment.
    Calibration,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Level, Mode::Gap, Mode::Calibration];

    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn from_code(code: &str) -> Option<Mode> {
        code.parse().ok()
    }

    pub fn title(self) -> &'static str {
        match self {
            Mode::Level => "Current level",
            Mode::Gap => "Gap against the role level",
            Mode::Calibration => "Self against lead",
        }
    }
}

/// How rows (people) or columns (skills, within their kind group) are ordered. Every key ends
/// with the name, then the id, so the order is deterministic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::Display, strum::EnumIter)]
#[strum(serialize_all = "kebab-case")]
pub enum SortKey {
    /// Alphabetical, ignoring case.
    #[default]
    Name,
    /// Largest total gap first: the sum of the levels by which people are below what is
    /// required (not assessed adds nothing).
    TotalGap,
    /// Lowest coverage first: the share of required levels met (a person's required skills, or
    /// the people requiring a skill). Rows or columns with nothing required come last.
    Coverage,
}

impl SortKey {
    pub const ALL: [SortKey; 3] = [SortKey::Name, SortKey::TotalGap, SortKey::Coverage];

    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn from_code(code: &str) -> Option<SortKey> {
        code.parse().ok()
    }
}

/// What to show on the heatmap and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MatrixOptions {
    pub mode: Mode,
    /// Which assessments give the current level (level and gap modes).
    pub source: SourceFilter,
    pub sort_people: SortKey,
    pub sort_skills: SortKey,
    /// Skill kinds to show; empty shows every kind.
    pub kinds: Vec<SkillKind>,
    /// Only people whose current role level is one of these; empty shows everyone.
    pub role_levels: Vec<Id>,
    /// Evidence at least this many months old is flagged stale; `None` never flags it.
    pub review_cadence_months: Option<u32>,
}

impl Default for MatrixOptions {
    fn default() -> Self {
        MatrixOptions {
            mode: Mode::Level,
            source: SourceFilter::Latest,
            sort_people: SortKey::Name,
            sort_skills: SortKey::Name,
            kinds: Vec::new(),
            role_levels: Vec::new(),
            review_cadence_months: Some(DEFAULT_REVIEW_CADENCE_MONTHS),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Shared team index
// ---------------------------------------------------------------------------------------------

/// A team input with its assessment history and requirements indexed once, so the analyses of
/// one page (heatmaps, coverage, dynamics) share the work.
#[derive(Debug, Clone)]
pub struct TeamIndex<'a> {
    pub input: TeamInput<'a>,
    pub history: History,
    pub requirements: Requirements,
    skill_positions: HashMap<Id, usize>,
}

impl<'a> TeamIndex<'a> {
    pub fn new(input: TeamInput<'a>) -> TeamIndex<'a> {
        TeamIndex {
            input,
            history: History::new(input.assessments),
            requirements: Requirements::new(input.requirements),
            skill_positions: input.skills.iter().enumerate().map(|(i, s)| (s.id, i)).collect(),
        }
    }

    pub fn skill(&self, skill_id: Id) -> Option<&'a Skill> {
        let skills = self.input.skills;
        self.skill_positions.get(&skill_id).map(|&i| &skills[i])
    }

    pub fn person(&self, person_id: Id) -> Option<&'a Person> {
        self.input.people.iter().find(|p| p.id == person_id)
    }

    /// Every member, by name (ignoring case), then id.
    pub fn people_by_name(&self) -> Vec<&'a Person> {
        let mut people: Vec<&Person> = self.input.people.iter().collect();
        people.sort_by_cached_key(|p| (p.name.to_lowercase(), p.id));
        people
    }

    /// Members whose current role level is one of `role_levels` (everyone when it is empty).
    pub fn people_in_view(&self, role_levels: &[Id]) -> Vec<&'a Person> {
        self.input
            .people
            .iter()
            .filter(|p| role_levels.is_empty() || p.role_level_id.is_some_and(|rl| role_levels.contains(&rl)))
            .collect()
    }

    /// The skills worth a column for `people`: listed by the role level of any of them or
    /// assessed for any of them (by any source), of the given kinds (every kind when empty).
    /// Grouped by kind in [`SkillKind::ALL`] order, then by name.
    pub fn shown_skills(&self, people: &[&Person], kinds: &[SkillKind]) -> Vec<&'a Skill> {
        let role_levels = distinct_role_levels(people);
        let mut skills: Vec<&Skill> = self
            .input
            .skills
            .iter()
            .filter(|s| kinds.is_empty() || kinds.contains(&s.kind))
            .filter(|s| self.listed_by_any(&role_levels, s.id) || self.assessed_for_any(people, s.id))
            .collect();
        skills.sort_by_cached_key(|s| (s.kind, s.name.to_lowercase(), s.id));
        skills
    }

    /// Whether any of these role levels lists the skill (with or without a level).
    pub fn listed_by_any(&self, role_levels: &[Id], skill_id: Id) -> bool {
        role_levels.iter().any(|&rl| self.requirements.lists(Some(rl), skill_id))
    }

    fn assessed_for_any(&self, people: &[&Person], skill_id: Id) -> bool {
        people.iter().any(|p| !self.history.of(p.id, skill_id).is_empty())
    }
}

/// The distinct current role levels of `people`.
pub fn distinct_role_levels(people: &[&Person]) -> Vec<Id> {
    let mut ids: Vec<Id> = people.iter().filter_map(|p| p.role_level_id).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// A share of required levels met: `met` of `of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Share {
    pub met: u32,
    pub of: u32,
}

impl Share {
    /// Between 0 and 1; `None` when nothing is required.
    pub fn fraction(self) -> Option<f64> {
        (self.of > 0).then(|| f64::from(self.met) / f64::from(self.of))
    }

    /// Rounded to a whole percentage; `None` when nothing is required.
    pub fn percent(self) -> Option<u32> {
        (self.of > 0).then(|| (200 * self.met + self.of) / (2 * self.of))
    }

    pub fn count(&mut self, met: bool) {
        self.of += 1;
        self.met += u32::from(met);
    }

    /// Lowest share first; a share of nothing after every other.
    pub fn cmp_lowest_first(self, other: Share) -> Ordering {
        match (self.of, other.of) {
            (0, 0) => Ordering::Equal,
            (0, _) => Ordering::Greater,
            (_, 0) => Ordering::Less,
            _ => (u64::from(self.met) * u64::from(other.of)).cmp(&(u64::from(other.met) * u64::from(self.of))),
        }
    }
}

impl std::ops::Add for Share {
    type Output = Share;

    fn add(self, other: Share) -> Share {
        Share { met: self.met + other.met, of: self.of + other.of }
    }
}

// ---------------------------------------------------------------------------------------------
// Standings: one person on one skill
// ---------------------------------------------------------------------------------------------

/// Where one person stands on one skill with the chosen source.
#[derive(Debug, Clone, Copy)]
pub(super) struct Standing<'h> {
    /// The level their current role level requires.
    pub(super) required: Option<Level>,
    /// Whether their role level lists the skill at all (with or without a level).
    pub(super) listed: bool,
    pub(super) current: Option<&'h Assessment>,
}

impl Standing<'_> {
    pub(super) fn level(&self) -> Option<Level> {
        self.current.map(|a| a.level)
    }

    pub(super) fn band(&self) -> GapBand {
        gap_band(self.required, self.level())
    }

    /// Levels below the requirement: 0 when meeting it, when not required or not assessed.
    pub(super) fn shortfall(&self) -> u32 {
        match (self.required, self.level()) {
            (Some(r), Some(c)) if c < r => u32::from(r - c),
            _ => 0,
        }
    }

    pub(super) fn meets(&self) -> bool {
        matches!(self.band(), GapBand::Meets | GapBand::Exceeds)
    }
}

/// Standings of `people` (rows) on `skills` (columns), row-major.
pub(super) struct Grid<'h> {
    width: usize,
    cells: Vec<Standing<'h>>,
}

impl<'h> Grid<'h> {
    /// One history lookup per cell: what each role level requires is looked up once per
    /// distinct role level and skill.
    pub(super) fn new(
        team: &'h TeamIndex<'_>,
        people: &[&Person],
        skills: &[&Skill],
        source: SourceFilter,
    ) -> Grid<'h> {
        let role_levels = distinct_role_levels(people);
        let needs: Vec<(Option<Level>, bool)> = role_levels
            .iter()
            .flat_map(|&rl| skills.iter().map(move |s| (rl, s.id)))
            .map(|(rl, skill_id)| {
                let requirements = &team.requirements;
                (requirements.level(Some(rl), skill_id), requirements.lists(Some(rl), skill_id))
            })
            .collect();
        let mut cells = Vec::with_capacity(people.len() * skills.len());
        for person in people {
            let row = person.role_level_id.and_then(|rl| role_levels.binary_search(&rl).ok());
            for (column, skill) in skills.iter().enumerate() {
                let (required, listed) = row.map_or((None, false), |r| needs[r * skills.len() + column]);
                let current = team.history.current(person.id, skill.id, source);
                cells.push(Standing { required, listed, current });
            }
        }
        Grid { width: skills.len(), cells }
    }

    pub(super) fn at(&self, row: usize, column: usize) -> &Standing<'h> {
        &self.cells[row * self.width + column]
    }

    pub(super) fn row(&self, row: usize) -> &[Standing<'h>] {
        &self.cells[row * self.width..(row + 1) * self.width]
    }

    pub(super) fn column(&self, column: usize) -> impl Iterator<Item = &Standing<'h>> {
        self.cells.iter().skip(column).step_by(self.width.max(1))
    }
}

/// Total gap and coverage of a row or a column.
#[derive(Debug, Clone, Copy, Default)]
struct Totals {
    gap: u32,
    coverage: Share,
}

impl Totals {
    fn of<'s, 'h: 's>(standings: impl IntoIterator<Item = &'s Standing<'h>>) -> Totals {
        let mut totals = Totals::default();
        for s in standings {
            totals.gap += s.shortfall();
            if s.required.is_some() {
                totals.coverage.count(s.meets());
            }
        }
        totals
    }
}

// ---------------------------------------------------------------------------------------------
// The heatmap
// ---------------------------------------------------------------------------------------------

/// The heatmap: `cells[r][c]` is `rows[r]` on `columns[c]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Matrix {
    pub mode: Mode,
    pub source: SourceFilter,
    pub rows: Vec<MatrixRow>,
    pub columns: Vec<MatrixColumn>,
    /// Consecutive runs of columns of one kind, in [`SkillKind::ALL`] order.
    pub groups: Vec<ColumnGroup>,
    pub cells: Vec<Vec<Cell>>,
    pub legend: Vec<LegendGroup>,
}

/// A person, with the figures they can be sorted by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatrixRow {
    pub person_id: Id,
    pub name: String,
    pub role_level_id: Option<Id>,
    /// Sum of the levels by which they are below their required levels.
    pub total_gap: u32,
    /// Their required levels (among the columns shown) that they meet.
    pub coverage: Share,
}

/// A skill, with the figures it can be sorted by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatrixColumn {
    pub skill_id: Id,
    pub code: String,
    pub name: String,
    pub kind: SkillKind,
    pub scale: Scale,
    /// Sum of the levels by which the people shown are below the level they need.
    pub total_gap: u32,
    /// The people requiring a level of this skill who meet it.
    pub coverage: Share,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ColumnGroup {
    pub kind: SkillKind,
    pub title: String,
    /// Index of the first column of the group.
    pub start: usize,
    pub len: usize,
}

/// One person on one skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cell {
    /// The level (level mode), current minus required (gap mode) or self minus lead
    /// (calibration mode).
    pub value: Option<i16>,
    /// What the cell shows: "3", "-2", "+1", "0", "?" (required, not assessed), "–" (nothing).
    pub text: String,
    pub tone: Tone,
    /// A sentence for screen readers and tooltips, e.g. "Ada Lovelace, Systems design:
    /// 2 Working (lead, 2026-03-01), requires 3 Practitioner, below by 1".
    pub label: String,
    /// The level their current role level requires.
    pub required: Option<Level>,
    /// Where they stand against it (level and gap modes).
    pub band: Option<GapBand>,
    /// The evidence behind the cell is due for review.
    pub stale: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LegendGroup {
    pub title: String,
    pub entries: Vec<LegendEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LegendEntry {
    pub tone: Tone,
    /// What such a cell shows.
    pub text: String,
    pub label: String,
}

/// The skill-mix heatmap of the team, as the options ask.
pub fn matrix(team: &TeamIndex<'_>, options: &MatrixOptions) -> Matrix {
    let people = team.people_in_view(&options.role_levels);
    let skills = team.shown_skills(&people, &options.kinds);
    let grid = Grid::new(team, &people, &skills, options.source);
    let row_totals: Vec<Totals> = (0..people.len()).map(|r| Totals::of(grid.row(r))).collect();
    let column_totals: Vec<Totals> = (0..skills.len()).map(|c| Totals::of(grid.column(c))).collect();
    let row_order = order(people.iter().map(|p| (0, p.name.as_str(), p.id)), &row_totals, options.sort_people);
    let column_order = order(
        skills.iter().map(|s| (kind_position(s.kind), s.name.as_str(), s.id)),
        &column_totals,
        options.sort_skills,
    );
    let writer = CellWriter { team, mode: options.mode, cadence: options.review_cadence_months };
    let cells = row_order
        .iter()
        .map(|&r| column_order.iter().map(|&c| writer.cell(people[r], skills[c], grid.at(r, c))).collect())
        .collect();
    let rows = row_order.iter().map(|&r| matrix_row(people[r], row_totals[r])).collect();
    let columns: Vec<MatrixColumn> = column_order.iter().map(|&c| matrix_column(skills[c], column_totals[c])).collect();
    Matrix {
        mode: options.mode,
        source: options.source,
        rows,
        groups: column_groups(&columns),
        legend: legend(options.mode, &columns),
        columns,
        cells,
    }
}

fn kind_position(kind: SkillKind) -> usize {
    SkillKind::ALL.iter().position(|&k| k == kind).unwrap_or(SkillKind::ALL.len())
}

/// Indices of `items` (group, name, id) in display order: by group, then by the key, then by
/// name (ignoring case), then by id.
fn order<'n>(items: impl Iterator<Item = (usize, &'n str, Id)>, totals: &[Totals], key: SortKey) -> Vec<usize> {
    let keys: Vec<(usize, String, Id)> = items.map(|(g, name, id)| (g, name.to_lowercase(), id)).collect();
    let mut indices: Vec<usize> = (0..keys.len()).collect();
    indices.sort_by(|&a, &b| {
        let (ka, kb) = (&keys[a], &keys[b]);
        ka.0.cmp(&kb.0)
            .then_with(|| compare_totals(totals[a], totals[b], key))
            .then_with(|| ka.1.cmp(&kb.1))
            .then(ka.2.cmp(&kb.2))
    });
    indices
}

fn compare_totals(a: Totals, b: Totals, key: SortKey) -> Ordering {
    match key {
        SortKey::Name => Ordering::Equal,
        SortKey::TotalGap => b.gap.cmp(&a.gap),
        SortKey::Coverage => a.coverage.cmp_lowest_first(b.coverage),
    }
}

fn matrix_row(person: &Person, totals: Totals) -> MatrixRow {
    MatrixRow {
        person_id: person.id,
        name: person.name.clone(),
        role_level_id: person.role_level_id,
        total_gap: totals.gap,
        coverage: totals.coverage,
    }
}

fn matrix_column(skill: &Skill, totals: Totals) -> MatrixColumn {
    MatrixColumn {
        skill_id: skill.id,
        code: skill.code.clone(),
        name: skill.name.clone(),
        kind: skill.kind,
        scale: skill.scale,
        total_gap: totals.gap,
        coverage: totals.coverage,
    }
}

fn column_groups(columns: &[MatrixColumn]) -> Vec<ColumnGroup> {
    let mut groups: Vec<ColumnGroup> = Vec::new();
    for (i, column) in columns.iter().enumerate() {
        match groups.last_mut() {
            Some(group) if group.kind == column.kind => group.len += 1,
            _ => {
                groups.push(ColumnGroup { kind: column.kind, title: column.kind.title().to_owned(), start: i, len: 1 })
            }
        }
    }
    groups
}

// ---------------------------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------------------------

const NOTHING: &str = "–";
const MISSING: &str = "?";

struct CellWriter<'t, 'a> {
    team: &'t TeamIndex<'a>,
    mode: Mode,
    cadence: Option<u32>,
}

impl CellWriter<'_, '_> {
    fn cell(&self, person: &Person, skill: &Skill, standing: &Standing<'_>) -> Cell {
        match self.mode {
            Mode::Level => self.level_cell(person, skill, standing),
            Mode::Gap => self.gap_cell(person, skill, standing),
            Mode::Calibration => self.calibration_cell(person, skill, standing),
        }
    }

    fn stale(&self, assessment: Option<&Assessment>) -> bool {
        match (assessment, self.cadence) {
            (Some(a), Some(months)) => is_stale(a.assessed_on, self.team.input.today, months),
            _ => false,
        }
    }

    fn level_cell(&self, person: &Person, skill: &Skill, standing: &Standing<'_>) -> Cell {
        let level = standing.level();
        let stale = self.stale(standing.current);
        Cell {
            value: level.map(i16::from),
            text: level.map_or_else(|| NOTHING.to_owned(), |l| l.to_string()),
            tone: level.map_or(Tone::Empty, |l| Tone::for_level(skill.scale, l)),
            label: standing_label(person, skill, standing, stale),
            required: standing.required,
            band: Some(standing.band()),
            stale,
        }
    }

    fn gap_cell(&self, person: &Person, skill: &Skill, standing: &Standing<'_>) -> Cell {
        let band = standing.band();
        let difference = difference(standing.level(), standing.required);
        let (text, tone) = match (band, difference) {
            (GapBand::NotAssessed, _) => (MISSING.to_owned(), Tone::NotAssessed),
            (_, Some(d)) => (signed(d), Tone::for_difference(d)),
            (_, None) => (NOTHING.to_owned(), Tone::Empty),
        };
        let stale = self.stale(standing.current);
        Cell {
            value: difference,
            text,
            tone,
            label: standing_label(person, skill, standing, stale),
            required: standing.required,
            band: Some(band),
            stale,
        }
    }

    fn calibration_cell(&self, person: &Person, skill: &Skill, standing: &Standing<'_>) -> Cell {
        let history = &self.team.history;
        let own = history.current(person.id, skill.id, SourceFilter::Only(Source::SelfAssessment));
        let lead = history.current(person.id, skill.id, SourceFilter::Only(Source::Lead));
        let difference = difference(own.map(|a| a.level), lead.map(|a| a.level));
        let stale = self.stale(own) || self.stale(lead);
        Cell {
            value: difference,
            text: difference.map_or_else(|| NOTHING.to_owned(), signed),
            tone: difference.map_or(Tone::Empty, Tone::for_difference),
            label: calibration_label(person, skill, standing, (own, lead), stale),
            required: standing.required,
            band: None,
            stale,
        }
    }
}

fn difference(a: Option<Level>, b: Option<Level>) -> Option<i16> {
    Some(i16::from(a?) - i16::from(b?))
}

/// "-2", "0", "+1".
fn signed(difference: i16) -> String {
    if difference == 0 {
        "0".to_owned()
    } else {
        format!("{difference:+}")
    }
}

/// "3 Practitioner", as [`Scale::label`] writes it, without an intermediate `String` (a heatmap
/// of an organisation writes millions of labels).
struct LevelLabel(Scale, Level);

impl std::fmt::Display for LevelLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.level_name(self.1) {
            Some(name) => write!(f, "{} {name}", self.1),
            None => write!(f, "{}", self.1),
        }
    }
}

/// "Ada Lovelace, Systems design: ".
fn label_start(person: &Person, skill: &Skill) -> String {
    let mut label = String::with_capacity(person.name.len() + skill.name.len() + 80);
    let _ = write!(label, "{}, {}: ", person.name, skill.name);
    label
}

/// "Ada Lovelace, Systems design: 2 Working (lead, 2026-03-01), requires 3 Practitioner,
/// below by 1, due for review".
fn standing_label(person: &Person, skill: &Skill, standing: &Standing<'_>, stale: bool) -> String {
    let mut label = label_start(person, skill);
    match standing.current {
        Some(a) => {
            let _ = write!(label, "{} ({}, {})", LevelLabel(skill.scale, a.level), a.source.code(), a.assessed_on);
        }
        None => label.push_str("not assessed"),
    }
    push_requirement(&mut label, skill.scale, standing);
    match (standing.band(), difference(standing.required, standing.level())) {
        (GapBand::BelowTwoOrMore | GapBand::BelowOne, Some(d)) => {
            let _ = write!(label, ", below by {d}");
        }
        (GapBand::Meets, _) => label.push_str(", meets it"),
        (GapBand::Exceeds, Some(d)) => {
            let _ = write!(label, ", exceeds by {}", -d);
        }
        _ => {}
    }
    push_stale(&mut label, stale);
    label
}

/// "Ada Lovelace, Systems design: self 3 Practitioner, lead 2 Working, rates themselves
/// 1 higher, requires 3 Practitioner".
fn calibration_label(
    person: &Person,
    skill: &Skill,
    standing: &Standing<'_>,
    (own, lead): (Option<&Assessment>, Option<&Assessment>),
    stale: bool,
) -> String {
    let mut label = label_start(person, skill);
    for (name, assessment) in [("self", own), ("lead", lead)] {
        if name == "lead" {
            label.push_str(", ");
        }
        match assessment {
            Some(a) => {
                let _ = write!(label, "{name} {}", LevelLabel(skill.scale, a.level));
            }
            None => {
                let _ = write!(label, "no {name} assessment");
            }
        }
    }
    match difference(own.map(|a| a.level), lead.map(|a| a.level)) {
        Some(0) => label.push_str(", self and lead agree"),
        Some(d) if d > 0 => {
            let _ = write!(label, ", rates themselves {d} higher");
        }
        Some(d) => {
            let _ = write!(label, ", rates themselves {} lower", -d);
        }
        None => {}
    }
    push_requirement(&mut label, skill.scale, standing);
    push_stale(&mut label, stale);
    label
}

fn push_requirement(label: &mut String, scale: Scale, standing: &Standing<'_>) {
    match standing.required {
        Some(r) => {
            let _ = write!(label, ", requires {}", LevelLabel(scale, r));
        }
        None if standing.listed => label.push_str(", listed for the role without a level"),
        None => label.push_str(", not required"),
    }
}

fn push_stale(label: &mut String, stale: bool) {
    if stale {
        label.push_str(", due for review");
    }
}

// ---------------------------------------------------------------------------------------------
// Legend
// ---------------------------------------------------------------------------------------------

fn entry(tone: Tone, text: &str, label: &str) -> LegendEntry {
    LegendEntry { tone, text: text.to_owned(), label: label.to_owned() }
}

fn group(title: &str, entries: Vec<LegendEntry>) -> LegendGroup {
    LegendGroup { title: title.to_owned(), entries }
}

/// The legend of a mode. In level mode: one group per scale among the columns (a colour is a
/// position on the skill's own scale) and the empty cell.
pub fn legend(mode: Mode, columns: &[MatrixColumn]) -> Vec<LegendGroup> {
    match mode {
        Mode::Level => level_legend(columns),
        Mode::Gap => vec![group(
            "Against the required level",
            vec![
                entry(Tone::for_difference(-2), "-2", "Below by 2 or more"),
                entry(Tone::for_difference(-1), "-1", "Below by 1"),
                entry(Tone::for_difference(0), "0", "Meets"),
                entry(Tone::for_difference(1), "+1", "Exceeds by 1"),
                entry(Tone::for_difference(2), "+2", "Exceeds by 2 or more"),
                entry(Tone::NotAssessed, MISSING, "Required, not assessed"),
                entry(Tone::Empty, NOTHING, "Not required"),
            ],
        )],
        Mode::Calibration => vec![group(
            "Self assessment minus lead assessment",
            vec![
                entry(Tone::for_difference(-2), "-2", "Rates themselves 2 or more levels lower"),
                entry(Tone::for_difference(-1), "-1", "Rates themselves 1 level lower"),
                entry(Tone::for_difference(0), "0", "Self and lead agree"),
                entry(Tone::for_difference(1), "+1", "Rates themselves 1 level higher"),
                entry(Tone::for_difference(2), "+2", "Rates themselves 2 or more levels higher"),
                entry(Tone::Empty, NOTHING, "Self or lead assessment missing"),
            ],
        )],
    }
}

fn level_legend(columns: &[MatrixColumn]) -> Vec<LegendGroup> {
    let mut groups: Vec<LegendGroup> = Scale::ALL
        .into_iter()
        .filter(|&scale| columns.iter().any(|c| c.scale == scale))
        .map(|scale| {
            let entries =
                scale.levels().map(|l| entry(Tone::for_level(scale, l), &l.to_string(), &scale.label(l))).collect();
            group(scale.title(), entries)
        })
        .collect();
    groups.push(group("No level", vec![entry(Tone::Empty, NOTHING, "Not assessed")]));
    groups
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

/// A small constructed team shared by the tests of the team analyses.
///
/// | skill | kind | rl 10 (Ada, Alan) | rl 20 (Grace) |
/// |---|---|---|---|
/// | 1 Systems design | DDaT | 3 | 4 |
/// | 2 Testing | DDaT | 2 | |
/// | 3 Kubernetes | technical | | |
/// | 4 Communication | behavioural | listed, no level | |
/// | 5 Programming | SFIA | | 5 |
/// | 6 Ethics | DDaT | | |
/// | 7 Architecture | DDaT | 2 | |
/// | 8 User research | DDaT | | 2 |
#[cfg(test)]
pub(super) mod fixture {
    use super::*;
    use crate::framework::Requirement;

    pub const ADA: Id = 1;
    pub const ALAN: Id = 2;
    pub const GRACE: Id = 3;

    pub struct Team {
        pub skills: Vec<Skill>,
        pub people: Vec<Person>,
        pub requirements: Vec<Requirement>,
        pub assessments: Vec<Assessment>,
    }

    impl Team {
        pub fn input(&self) -> TeamInput<'_> {
            TeamInput {
                skills: &self.skills,
                people: &self.people,
                requirements: &self.requirements,
                assessments: &self.assessments,
                today: "2026-06-01".parse().unwrap(),
            }
        }
    }

    fn skill(id: Id, name: &str, kind: SkillKind) -> Skill {
        Skill {
            id,
            version_id: 1,
            code: crate::framework::slug(name),
            name: name.to_owned(),
            kind,
            scale: kind.default_scale(),
            description: String::new(),
            category: None,
            subcategory: None,
            defined_levels: Vec::new(),
        }
    }

    fn person(id: Id, name: &str, role_level_id: Id) -> Person {
        Person {
            id,
            name: name.to_owned(),
            email: None,
            role_level_id: Some(role_level_id),
            target_role_level_id: None,
        }
    }

    fn requirement(role_level_id: Id, skill_id: Id, level: Option<Level>) -> Requirement {
        Requirement { role_level_id, skill_id, level, description: String::new() }
    }

    fn assessment(id: Id, person_id: Id, skill_id: Id, level: Level, source: Source, date: &str) -> Assessment {
        Assessment {
            id,
            person_id,
            skill_id,
            level,
            source,
            assessed_on: date.parse().unwrap(),
            assessor_id: None,
            evidence: None,
        }
    }

    pub fn team() -> Team {
        use Source::{Lead, SelfAssessment as Own};
        Team {
            skills: vec![
                skill(1, "Systems design", SkillKind::Ddat),
                skill(2, "Testing", SkillKind::Ddat),
                skill(3, "Kubernetes", SkillKind::Technical),
                skill(4, "Communication", SkillKind::Behavioural),
                skill(5, "Programming", SkillKind::Sfia),
                skill(6, "Ethics", SkillKind::Ddat),
                skill(7, "Architecture", SkillKind::Ddat),
                skill(8, "User research", SkillKind::Ddat),
            ],
            people: vec![
                person(GRACE, "Grace Hopper", 20),
                person(ADA, "Ada Lovelace", 10),
                person(ALAN, "Alan Turing", 10),
            ],
            requirements: vec![
                requirement(10, 1, Some(3)),
                requirement(10, 2, Some(2)),
                requirement(10, 4, None),
                requirement(10, 7, Some(2)),
                requirement(20, 1, Some(4)),
                requirement(20, 5, Some(5)),
                requirement(20, 8, Some(2)),
            ],
            assessments: vec![
                assessment(1, ADA, 1, 2, Lead, "2026-03-01"),
                assessment(2, ADA, 1, 3, Own, "2026-04-01"),
                assessment(3, ADA, 2, 4, Lead, "2025-10-01"),
                assessment(4, ADA, 7, 1, Lead, "2026-03-01"),
                assessment(5, ADA, 5, 4, Lead, "2026-03-01"),
                assessment(6, ALAN, 1, 1, Lead, "2025-01-01"),
                assessment(7, ALAN, 1, 3, Lead, "2026-02-01"),
                assessment(8, ALAN, 3, 2, Own, "2026-02-01"),
                assessment(9, ALAN, 7, 1, Lead, "2026-02-01"),
                assessment(10, ALAN, 5, 5, Own, "2026-02-01"),
                assessment(11, GRACE, 1, 4, Lead, "2026-01-15"),
                assessment(12, GRACE, 1, 4, Own, "2026-01-20"),
                assessment(13, GRACE, 5, 3, Lead, "2026-01-15"),
                assessment(14, GRACE, 4, 3, Own, "2026-01-20"),
                assessment(15, GRACE, 2, 3, Lead, "2026-01-15"),
                assessment(16, GRACE, 7, 3, Lead, "2026-01-15"),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::{team, ADA, ALAN, GRACE};
    use super::*;

    fn run(options: MatrixOptions) -> Matrix {
        let team = team();
        matrix(&TeamIndex::new(team.input()), &options)
    }

    fn with_mode(mode: Mode) -> MatrixOptions {
        MatrixOptions { mode, ..MatrixOptions::default() }
    }

    fn names(m: &Matrix) -> Vec<&str> {
        m.rows.iter().map(|r| r.name.as_str()).collect()
    }

    fn column_names(m: &Matrix) -> Vec<&str> {
        m.columns.iter().map(|c| c.name.as_str()).collect()
    }

    fn texts(m: &Matrix, row: usize) -> Vec<&str> {
        m.cells[row].iter().map(|c| c.text.as_str()).collect()
    }

    fn relative_luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (relative_luminance(a), relative_luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn every_swatch_keeps_aa_contrast() {
        let all = LEVEL_PALETTE.iter().chain(&DIVERGING_PALETTE).chain([&EMPTY_SWATCH, &NOT_ASSESSED_SWATCH]);
        for swatch in all {
            assert!(contrast(swatch.fill, swatch.text) >= 4.5, "{swatch:?}");
        }
    }

    #[test]
    fn level_tones_are_positions_on_the_skills_scale() {
        assert_eq!(Tone::for_level(Scale::Ddat, 1), Tone::Level(0));
        assert_eq!(Tone::for_level(Scale::Ddat, 3), Tone::Level(4));
        assert_eq!(Tone::for_level(Scale::Depth, 4), Tone::Level(6));
        assert_eq!(Tone::for_level(Scale::Sfia, 3), Tone::Level(2));
        assert_eq!(Tone::for_level(Scale::Sfia, 7), Tone::Level(6));
        assert_eq!(Tone::for_difference(-5), Tone::Diverging(-2));
        assert_eq!(Tone::for_count(9), Tone::Level(6));
        assert_eq!(Tone::Diverging(-1).class(), "tone-div-minus-1");
        assert_eq!(Tone::Level(6).swatch().fill, "#440154");
        assert_eq!(Tone::Diverging(2).swatch().fill, "#2166AC");
    }

    #[test]
    fn codes_round_trip() {
        for mode in Mode::ALL {
            assert_eq!(Mode::from_code(mode.code()), Some(mode));
        }
        for key in SortKey::ALL {
            assert_eq!(SortKey::from_code(key.code()), Some(key));
        }
        assert_eq!(Mode::from_code("gap"), Some(Mode::Gap));
        assert_eq!(Mode::from_code("heat"), None);
    }

    #[test]
    fn columns_are_needed_or_assessed_skills_grouped_by_kind() {
        let m = run(MatrixOptions::default());
        assert_eq!(
            column_names(&m),
            [
                "Architecture",
                "Systems design",
                "Testing",
                "User research",
                "Kubernetes",
                "Communication",
                "Programming"
            ]
        );
        let kinds: Vec<(SkillKind, usize, usize)> = m.groups.iter().map(|g| (g.kind, g.start, g.len)).collect();
        assert_eq!(
            kinds,
            [
                (SkillKind::Ddat, 0, 4),
                (SkillKind::Technical, 4, 1),
                (SkillKind::Behavioural, 5, 1),
                (SkillKind::Sfia, 6, 1)
            ]
        );
        assert_eq!(names(&m), ["Ada Lovelace", "Alan Turing", "Grace Hopper"]);
    }

    #[test]
    fn level_mode_shows_latest_levels_from_history() {
        let m = run(with_mode(Mode::Level));
        assert_eq!(texts(&m, 0), ["1", "3", "4", "–", "–", "–", "4"]);
        // Alan's lead assessed him at 1 in 2025 and at 3 in 2026: the latest counts.
        assert_eq!(texts(&m, 1), ["1", "3", "–", "–", "2", "–", "5"]);
        assert_eq!(texts(&m, 2), ["3", "4", "3", "–", "–", "3", "3"]);
        let ada_systems = &m.cells[0][1];
        assert_eq!(ada_systems.value, Some(3));
        assert_eq!(ada_systems.tone, Tone::Level(4));
        assert_eq!(ada_systems.band, Some(GapBand::Meets));
        assert_eq!(
            ada_systems.label,
            "Ada Lovelace, Systems design: 3 Practitioner (self, 2026-04-01), requires 3 Practitioner, meets it"
        );
        assert_eq!(m.cells[2][6].tone, Tone::Level(2), "SFIA 3 is the third of seven steps");
    }

    #[test]
    fn level_mode_follows_the_source_filter() {
        let options = MatrixOptions { source: SourceFilter::Only(Source::Lead), ..MatrixOptions::default() };
        let m = run(options);
        let ada_systems = &m.cells[0][1];
        assert_eq!(ada_systems.text, "2");
        assert_eq!(
            ada_systems.label,
            "Ada Lovelace, Systems design: 2 Working (lead, 2026-03-01), requires 3 Practitioner, below by 1"
        );
        // Alan's Kubernetes and Programming are self assessments only.
        assert_eq!(texts(&m, 1), ["1", "3", "–", "–", "–", "–", "–"]);
        assert_eq!(m.rows[0].total_gap, 2);
    }

    #[test]
    fn gap_mode_bands_and_signed_differences() {
        let m = run(with_mode(Mode::Gap));
        assert_eq!(texts(&m, 0), ["-1", "0", "+2", "–", "–", "–", "–"]);
        assert_eq!(texts(&m, 1), ["-1", "0", "?", "–", "–", "–", "–"]);
        assert_eq!(texts(&m, 2), ["–", "0", "–", "?", "–", "–", "-2"]);
        let grace_programming = &m.cells[2][6];
        assert_eq!(grace_programming.value, Some(-2));
        assert_eq!(grace_programming.band, Some(GapBand::BelowTwoOrMore));
        assert_eq!(grace_programming.tone, Tone::Diverging(-2));
        assert_eq!(grace_programming.required, Some(5));
        let alan_testing = &m.cells[1][2];
        assert_eq!((alan_testing.value, alan_testing.tone), (None, Tone::NotAssessed));
        assert_eq!(alan_testing.label, "Alan Turing, Testing: not assessed, requires 2 Working");
        let ada_communication = &m.cells[0][5];
        assert_eq!(ada_communication.band, Some(GapBand::NotRequired));
        assert_eq!(
            ada_communication.label,
            "Ada Lovelace, Communication: not assessed, listed for the role without a level"
        );
        assert_eq!(m.cells[0][4].label, "Ada Lovelace, Kubernetes: not assessed, not required");
        assert_eq!(m.cells[2][0].band, Some(GapBand::NotRequired));
    }

    #[test]
    fn stale_evidence_is_flagged_by_the_cadence() {
        let m = run(with_mode(Mode::Gap));
        let ada_testing = &m.cells[0][2];
        assert!(ada_testing.stale);
        assert_eq!(ada_testing.tone, Tone::Diverging(2));
        assert_eq!(
            ada_testing.label,
            "Ada Lovelace, Testing: 4 Expert (lead, 2025-10-01), requires 2 Working, exceeds by 2, due for review"
        );
        assert!(!m.cells[0][1].stale);
        let never = run(MatrixOptions { review_cadence_months: None, ..with_mode(Mode::Gap) });
        assert!(!never.cells[0][2].stale);
        let yearly = run(MatrixOptions { review_cadence_months: Some(12), ..with_mode(Mode::Gap) });
        assert!(!yearly.cells[0][2].stale);
    }

    #[test]
    fn calibration_is_self_minus_lead() {
        let m = run(with_mode(Mode::Calibration));
        assert_eq!(texts(&m, 0), ["–", "+1", "–", "–", "–", "–", "–"]);
        assert_eq!(texts(&m, 2)[1], "0");
        let ada_systems = &m.cells[0][1];
        assert_eq!((ada_systems.value, ada_systems.tone, ada_systems.band), (Some(1), Tone::Diverging(1), None));
        assert_eq!(
            ada_systems.label,
            "Ada Lovelace, Systems design: self 3 Practitioner, lead 2 Working, rates themselves 1 higher, \
             requires 3 Practitioner"
        );
        let alan_programming = &m.cells[1][6];
        assert_eq!(alan_programming.value, None);
        assert_eq!(
            alan_programming.label,
            "Alan Turing, Programming: self 5 Ensure, advise, no lead assessment, not required"
        );
        // Ada's only Testing evidence is an old lead assessment.
        assert!(m.cells[0][2].stale);
    }

    #[test]
    fn people_sort_by_name_total_gap_and_coverage() {
        let m = run(MatrixOptions::default());
        let figures: Vec<(u32, Share)> = m.rows.iter().map(|r| (r.total_gap, r.coverage)).collect();
        assert_eq!(figures, [(1, Share { met: 2, of: 3 }), (1, Share { met: 1, of: 3 }), (2, Share { met: 1, of: 3 })]);
        let by_gap = run(MatrixOptions { sort_people: SortKey::TotalGap, ..MatrixOptions::default() });
        assert_eq!(names(&by_gap), ["Grace Hopper", "Ada Lovelace", "Alan Turing"]);
        let by_coverage = run(MatrixOptions { sort_people: SortKey::Coverage, ..MatrixOptions::default() });
        assert_eq!(names(&by_coverage), ["Alan Turing", "Grace Hopper", "Ada Lovelace"]);
        // Cells follow their rows.
        assert_eq!(by_gap.cells[0][6].text, "3");
    }

    #[test]
    fn skills_sort_within_their_kind_group() {
        let by_gap = run(MatrixOptions { sort_skills: SortKey::TotalGap, ..MatrixOptions::default() });
        assert_eq!(column_names(&by_gap)[..4], ["Architecture", "Systems design", "Testing", "User research"]);
        assert_eq!(by_gap.columns[0].total_gap, 2);
        let by_coverage = run(MatrixOptions { sort_skills: SortKey::Coverage, ..MatrixOptions::default() });
        assert_eq!(column_names(&by_coverage)[..4], ["Architecture", "User research", "Testing", "Systems design"]);
        assert_eq!(by_coverage.columns[3].coverage, Share { met: 3, of: 3 });
        assert_eq!(by_coverage.columns[6].name, "Programming", "groups keep their order");
    }

    #[test]
    fn filters_by_kind_and_role_level() {
        let behavioural = run(MatrixOptions { kinds: vec![SkillKind::Behavioural], ..MatrixOptions::default() });
        assert_eq!(column_names(&behavioural), ["Communication"]);
        let seniors = run(MatrixOptions { role_levels: vec![20], ..MatrixOptions::default() });
        assert_eq!(names(&seniors), ["Grace Hopper"]);
        assert_eq!(
            column_names(&seniors),
            ["Architecture", "Systems design", "Testing", "User research", "Communication", "Programming"]
        );
        let nobody = run(MatrixOptions { role_levels: vec![99], ..MatrixOptions::default() });
        assert!(nobody.rows.is_empty() && nobody.columns.is_empty() && nobody.cells.is_empty());
    }

    #[test]
    fn legends_follow_the_mode() {
        let m = run(MatrixOptions::default());
        let titles: Vec<&str> = m.legend.iter().map(|g| g.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "DDaT skill level",
                "Knowledge depth",
                "SFIA level of responsibility",
                "Behavioural skill level",
                "No level"
            ]
        );
        let sfia = &m.legend[2].entries;
        assert_eq!(sfia.len(), 7);
        assert_eq!((sfia[3].tone, sfia[3].text.as_str(), sfia[3].label.as_str()), (Tone::Level(3), "4", "4 Enable"));
        let gap = legend(Mode::Gap, &m.columns);
        assert_eq!(gap[0].entries.len(), 7);
        assert_eq!(gap[0].entries[5].text, "?");
        assert_eq!(legend(Mode::Calibration, &[])[0].entries[3].label, "Rates themselves 1 level higher");
    }

    #[test]
    fn serialises_rows_columns_and_cells() {
        let m = run(with_mode(Mode::Gap));
        let json = serde_json::to_value(&m).unwrap();
        assert_eq!(json["mode"], "gap");
        assert_eq!(json["rows"][0]["person_id"], ADA);
        assert_eq!(json["columns"][6]["kind"], "sfia");
        assert_eq!(json["cells"][2][6]["tone"], serde_json::json!({"kind": "diverging", "step": -2}));
        assert_eq!(json["cells"][2][6]["band"], "below-two-or-more");
        let back: Matrix = serde_json::from_value(json).unwrap();
        assert_eq!(back, m);
        assert!(m.rows.iter().any(|r| r.person_id == ALAN) && m.rows.iter().any(|r| r.person_id == GRACE));
    }

    #[test]
    fn level_labels_match_the_scale() {
        for scale in Scale::ALL {
            for level in 0..=8 {
                assert_eq!(LevelLabel(scale, level).to_string(), scale.label(level));
            }
        }
    }

    #[test]
    fn shares_compare_and_round() {
        let third = Share { met: 1, of: 3 };
        let half = Share { met: 1, of: 2 };
        assert_eq!(third.cmp_lowest_first(half), Ordering::Less);
        assert_eq!(Share::default().cmp_lowest_first(Share { met: 0, of: 5 }), Ordering::Greater);
        assert_eq!(Share { met: 2, of: 3 }.percent(), Some(67));
        assert_eq!(Share::default().fraction(), None);
        assert_eq!(third + half, Share { met: 2, of: 5 });
    }
}
