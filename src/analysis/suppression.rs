//! Small-group suppression for senior viewers.
//!
//! Senior viewers see aggregates only. A figure about fewer than `k` people (default 5, never
//! below 3: [`MinGroup`]) could point at an individual, so it is hidden, and further cells are
//! hidden with it so that it cannot be worked back out from what is shown.
//!
//! # The model
//!
//! [`plan`] works on a [`Table`] of cells with optional row totals, column totals and grand
//! total, each carrying its group size `n` ([`GroupSize`]). It treats the table as the
//! *extended* table whose last row holds the column totals and whose last column holds the row
//! totals, with the grand total in the corner. Every row and column of the extended table is a
//! linear relation (cells sum to their total). A total the table does not have is an unknown,
//! like a suppressed entry.
//!
//! 1. **Primary suppression:** every entry (cell or total) with `0 < n < k` is hidden. Empty
//!    groups (`n = 0`) describe nobody and stay visible.
//! 2. **Complementary suppression:** more entries are hidden until no hidden entry can be
//!    derived. A quick pass hides, in every line with exactly one unknown entry that is hidden,
//!    the cheapest other entry of the line (smallest non-empty group, cells before totals).
//!    Then, using the bipartite graph whose vertices are the lines and whose edges are the
//!    unknown entries, every hidden entry that is a *bridge* of the graph is put on a cycle by
//!    hiding the cheapest path of visible entries between its two lines (Dijkstra).
//!
//! # The guarantee
//!
//! For tables whose totals are the sums of their cells:
//!
//! - no visible entry has a group size `0 < n < k`;
//! - every row and every column whose total is visible has 0 or at least 2 hidden entries, so
//!   no hidden entry is the difference between a visible total and visible cells;
//! - stronger: **no hidden entry is determined by any linear combination of the visible
//!   entries**, so no chain of additions and subtractions across several rows and columns
//!   recovers it either. (A hidden entry is determined exactly when it is a bridge of the graph
//!   above: summing the lines on one side of a bridge, rows minus columns, isolates it. On a
//!   cycle, adding and subtracting one unit alternately around the cycle changes no line sum.)
//!
//! The same hidden pattern applies to every figure a cell carries (people meeting, strong, ...),
//! and the guarantee holds for each, because it depends on the pattern only.
//!
//! Not covered: bounds (two hidden cells known to sum to 6 are each at most 6), differences
//! between separately requested views (a family filter, an earlier round), and tables whose
//! rows overlap (a person in two teams), where the sums do not hold exactly and this is a
//! conservative approximation.

use super::rollup::{DisclosureTables, Risks, Rollup, Row, SkillCell, StaleFigures, StaleRow};
use crate::Id;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// The smallest threshold allowed: groups of 1 or 2 are always hidden.
pub const MIN_K: u32 = 3;
/// The threshold unless configured.
pub const DEFAULT_K: u32 = 5;

/// The smallest group size shown, clamped to at least [`MIN_K`] however it is made (including
/// deserialisation from configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "u32", into = "u32")]
pub struct MinGroup(u32);

impl MinGroup {
    pub fn new(k: u32) -> MinGroup {
        MinGroup(k.max(MIN_K))
    }

    pub fn get(self) -> u32 {
        self.0
    }

    fn hides(self, n: u64) -> bool {
        n > 0 && n < u64::from(self.0)
    }
}

impl Default for MinGroup {
    fn default() -> Self {
        MinGroup(DEFAULT_K)
    }
}

impl From<u32> for MinGroup {
    fn from(k: u32) -> Self {
        MinGroup::new(k)
    }
}

impl From<MinGroup> for u32 {
    fn from(k: MinGroup) -> Self {
        k.0
    }
}

/// How many people a cell's figures are about.
pub trait GroupSize {
    fn group_size(&self) -> u64;
}

impl GroupSize for u64 {
    fn group_size(&self) -> u64 {
        *self
    }
}

impl GroupSize for SkillCell {
    fn group_size(&self) -> u64 {
        u64::from(self.now.requiring)
    }
}

impl GroupSize for StaleFigures {
    fn group_size(&self) -> u64 {
        u64::from(self.people)
    }
}

/// A figure as published: shown in full, or suppressed with no figures at all. Serialises as
/// `{"status": "shown", ...figures}` or `{"status": "suppressed"}`, so `T` must serialise as a
/// map (a struct).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Published<T> {
    Shown(T),
    Suppressed,
}

/// Read access to a figure whether or not it went through suppression.
pub trait Shown<T> {
    /// `None` when suppressed.
    fn shown(&self) -> Option<&T>;
}

macro_rules! always_shown {
    ($($t:ty),*) => {$(
        impl Shown<$t> for $t {
            fn shown(&self) -> Option<&$t> {
                Some(self)
            }
        }
    )*};
}

always_shown!(SkillCell, StaleFigures, Risks);

impl<T> Shown<T> for Published<T> {
    fn shown(&self) -> Option<&T> {
        match self {
            Published::Shown(value) => Some(value),
            Published::Suppressed => None,
        }
    }
}

/// Cells (rows × columns) with optional totals. Row and column totals, when present, have one
/// entry per row and per column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table<T> {
    pub cells: Vec<Vec<T>>,
    pub row_totals: Option<Vec<T>>,
    pub col_totals: Option<Vec<T>>,
    pub grand_total: Option<T>,
}

impl<T> Table<T> {
    pub fn rows(&self) -> usize {
        self.cells.len()
    }

    pub fn cols(&self) -> usize {
        self.cells.first().map(Vec::len).or_else(|| self.col_totals.as_ref().map(Vec::len)).unwrap_or(0)
    }

    fn check_shape(&self) {
        let (rows, cols) = (self.rows(), self.cols());
        assert!(self.cells.iter().all(|r| r.len() == cols), "table rows differ in length");
        assert!(self.row_totals.as_ref().is_none_or(|t| t.len() == rows), "one row total per row");
        assert!(self.col_totals.as_ref().is_none_or(|t| t.len() == cols), "one column total per column");
    }
}

/// Which entries of a table to suppress (`true`). Totals the table does not have are `false`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mask {
    pub cells: Vec<Vec<bool>>,
    pub row_totals: Vec<bool>,
    pub col_totals: Vec<bool>,
    pub grand_total: bool,
}

impl Mask {
    /// Nothing suppressed, shaped like `table`.
    pub fn none<T>(table: &Table<T>) -> Mask {
        Mask {
            cells: vec![vec![false; table.cols()]; table.rows()],
            row_totals: vec![false; table.rows()],
            col_totals: vec![false; table.cols()],
            grand_total: false,
        }
    }

    pub fn count(&self) -> usize {
        let cells: usize = self.cells.iter().map(|r| r.iter().filter(|&&b| b).count()).sum();
        let totals = self.row_totals.iter().chain(&self.col_totals).filter(|&&b| b).count();
        cells + totals + usize::from(self.grand_total)
    }
}

/// Which entries to suppress so that small groups are hidden and cannot be derived (see the
/// module documentation for the guarantee). Panics if the table is not rectangular.
pub fn plan<T: GroupSize>(table: &Table<T>, k: MinGroup) -> Mask {
    plan_with(table, k, &Mask::none(table))
}

/// As [`plan`], with entries that must be suppressed anyway (because another table that
/// shares them suppressed them).
pub fn plan_with<T: GroupSize>(table: &Table<T>, k: MinGroup, forced: &Mask) -> Mask {
    table.check_shape();
    let mut grid = Grid::new(table, k, forced);
    // Without cells the totals relate to nothing: hiding the small ones is all there is to do.
    if table.rows() > 0 && table.cols() > 0 {
        grid.complete();
    }
    grid.mask()
}

/// The table as published under `mask`.
pub fn apply<T: Clone>(table: &Table<T>, mask: &Mask) -> Table<Published<T>> {
    let publish = |value: &T, hidden: bool| {
        if hidden {
            Published::Suppressed
        } else {
            Published::Shown(value.clone())
        }
    };
    let line = |values: &[T], hidden: &[bool]| values.iter().zip(hidden).map(|(v, &h)| publish(v, h)).collect();
    Table {
        cells: table.cells.iter().zip(&mask.cells).map(|(r, h)| line(r, h)).collect(),
        row_totals: table.row_totals.as_deref().map(|t| line(t, &mask.row_totals)),
        col_totals: table.col_totals.as_deref().map(|t| line(t, &mask.col_totals)),
        grand_total: table.grand_total.as_ref().map(|t| publish(t, mask.grand_total)),
    }
}

/// An entry of the extended table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    Visible(u64),
    Hidden(u64),
    /// A total the table does not have: unknown, but nothing to protect.
    Absent,
}

impl Entry {
    fn unknown(self) -> bool {
        !matches!(self, Entry::Visible(_))
    }
}

/// Costs of hiding an entry, in tiers: a non-empty cell costs its size; totals come after any
/// cell, and empty groups (which protect nothing when readers know they are empty) last.
const TOTAL_COST: u64 = 1 << 40;
const EMPTY_COST: u64 = 1 << 50;

/// The extended table: `rows` = table rows + 1 (column totals), `cols` = table columns + 1
/// (row totals). Graph vertices: rows `0..rows`, then columns `rows..rows + cols`.
struct Grid {
    rows: usize,
    cols: usize,
    entries: Vec<Entry>,
}

impl Grid {
    fn new<T: GroupSize>(table: &Table<T>, k: MinGroup, forced: &Mask) -> Grid {
        let (r, c) = (table.rows(), table.cols());
        let mut grid = Grid { rows: r + 1, cols: c + 1, entries: vec![Entry::Absent; (r + 1) * (c + 1)] };
        let mut put = |i: usize, j: usize, value: Option<&T>, force: bool| {
            grid.entries[i * (c + 1) + j] = match value.map(T::group_size) {
                None => Entry::Absent,
                Some(n) if force || k.hides(n) => Entry::Hidden(n),
                Some(n) => Entry::Visible(n),
            };
        };
        for (i, row) in table.cells.iter().enumerate() {
            for (j, cell) in row.iter().enumerate() {
                put(i, j, Some(cell), forced.cells[i][j]);
            }
            put(i, c, table.row_totals.as_ref().map(|t| &t[i]), forced.row_totals[i]);
        }
        for j in 0..c {
            put(r, j, table.col_totals.as_ref().map(|t| &t[j]), forced.col_totals[j]);
        }
        put(r, c, table.grand_total.as_ref(), forced.grand_total);
        grid
    }

    fn at(&self, i: usize, j: usize) -> Entry {
        self.entries[i * self.cols + j]
    }

    fn cost(&self, index: usize) -> u64 {
        let (i, j) = (index / self.cols, index % self.cols);
        let total = if i == self.rows - 1 || j == self.cols - 1 { TOTAL_COST } else { 0 };
        match self.entries[index] {
            Entry::Visible(0) => EMPTY_COST + total,
            Entry::Visible(n) => total + n,
            Entry::Hidden(_) | Entry::Absent => 0,
        }
    }

    fn hide(&mut self, index: usize) {
        if let Entry::Visible(n) = self.entries[index] {
            self.entries[index] = Entry::Hidden(n);
        }
    }

    /// Entry indexes of line `line`: rows first (`0..rows`), then columns.
    fn line(&self, line: usize) -> Vec<usize> {
        if line < self.rows {
            (0..self.cols).map(|j| line * self.cols + j).collect()
        } else {
            let j = line - self.rows;
            (0..self.rows).map(|i| i * self.cols + j).collect()
        }
    }

    fn complete(&mut self) {
        while self.line_pass() {}
        for bridge in self.hidden_bridges() {
            self.protect(bridge);
        }
        debug_assert!(self.hidden_bridges().is_empty());
    }

    /// Hides a second entry in every line whose only unknown entry is hidden. Returns whether
    /// anything changed.
    fn line_pass(&mut self) -> bool {
        let mut changed = false;
        for line in 0..self.rows + self.cols {
            let entries = self.line(line);
            let mut unknown = entries.iter().filter(|&&e| self.entries[e].unknown());
            let (Some(&only), None) = (unknown.next(), unknown.next()) else {
                continue;
            };
            if !matches!(self.entries[only], Entry::Hidden(_)) {
                continue;
            }
            if let Some(&cheapest) = entries.iter().filter(|&&e| e != only).min_by_key(|&&e| self.cost(e)) {
                self.hide(cheapest);
                changed = true;
            }
        }
        changed
    }

    /// The unknown entries as edges: (row vertex, column vertex) per entry index.
    fn adjacency(&self) -> Vec<Vec<(usize, usize)>> {
        let mut adj = vec![Vec::new(); self.rows + self.cols];
        for (index, entry) in self.entries.iter().enumerate() {
            if entry.unknown() {
                let (i, j) = (index / self.cols, self.rows + index % self.cols);
                adj[i].push((j, index));
                adj[j].push((i, index));
            }
        }
        adj
    }

    /// Hidden entries that are bridges of the graph of unknown entries (Tarjan, iteratively).
    fn hidden_bridges(&self) -> Vec<usize> {
        let adj = self.adjacency();
        let n = adj.len();
        let (mut disc, mut low) = (vec![usize::MAX; n], vec![0; n]);
        let mut timer = 0;
        let mut bridges = Vec::new();
        for start in 0..n {
            if disc[start] != usize::MAX {
                continue;
            }
            disc[start] = timer;
            low[start] = timer;
            timer += 1;
            // (vertex, entry it was reached by, next neighbour to look at)
            let mut stack = vec![(start, usize::MAX, 0)];
            while let Some(&(u, via, next)) = stack.last() {
                if let Some(&(w, edge)) = adj[u].get(next) {
                    stack.last_mut().expect("non-empty").2 += 1;
                    if edge == via {
                        continue;
                    }
                    if disc[w] == usize::MAX {
                        disc[w] = timer;
                        low[w] = timer;
                        timer += 1;
                        stack.push((w, edge, 0));
                    } else {
                        low[u] = low[u].min(disc[w]);
                    }
                } else {
                    stack.pop();
                    if let Some(&(parent, _, _)) = stack.last() {
                        low[parent] = low[parent].min(low[u]);
                        if low[u] > disc[parent] && matches!(self.entries[via], Entry::Hidden(_)) {
                            bridges.push(via);
                        }
                    }
                }
            }
        }
        bridges
    }

    /// Puts hidden entry `index` on a cycle: hides the cheapest path of entries joining its row
    /// and column without it. Unknown entries cost nothing, so an entry already on a cycle
    /// changes nothing.
    fn protect(&mut self, index: usize) {
        let (from, to) = (index / self.cols, self.rows + index % self.cols);
        let n = self.rows + self.cols;
        let mut dist = vec![u64::MAX; n];
        let mut came_by = vec![usize::MAX; n];
        let mut heap = BinaryHeap::from([Reverse((0u64, from))]);
        dist[from] = 0;
        while let Some(Reverse((d, u))) = heap.pop() {
            if u == to {
                break;
            }
            if d > dist[u] {
                continue;
            }
            for (w, edge) in self.neighbours(u) {
                if edge == index {
                    continue;
                }
                let next = d.saturating_add(self.cost(edge));
                if next < dist[w] {
                    dist[w] = next;
                    came_by[w] = edge;
                    heap.push(Reverse((next, w)));
                }
            }
        }
        let mut v = to;
        while v != from && came_by[v] != usize::MAX {
            let edge = came_by[v];
            self.hide(edge);
            let (i, j) = (edge / self.cols, self.rows + edge % self.cols);
            v = if v == i { j } else { i };
        }
    }

    /// Every entry of a line as (other vertex, entry index).
    fn neighbours(&self, vertex: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let rows = self.rows;
        self.line(vertex).into_iter().map(
            move |e| {
                if vertex < rows {
                    (rows + e % self.cols, e)
                } else {
                    (e / self.cols, e)
                }
            },
        )
    }

    fn mask(&self) -> Mask {
        let (r, c) = (self.rows - 1, self.cols - 1);
        let hidden = |i, j| matches!(self.at(i, j), Entry::Hidden(_));
        Mask {
            cells: (0..r).map(|i| (0..c).map(|j| hidden(i, j)).collect()).collect(),
            row_totals: (0..r).map(|i| hidden(i, c)).collect(),
            col_totals: (0..c).map(|j| hidden(r, j)).collect(),
            grand_total: hidden(r, c),
        }
    }
}

/// The roll-up as a senior viewer sees it.
pub type SeniorRollup = Rollup<Published<SkillCell>, Published<StaleFigures>, Published<Risks>>;

/// Components of the hidden-entry graph larger than this are not searched for small sums:
/// their whole table is hidden instead (safe, and only reached by very large organisations).
const EXACT_LIMIT: usize = 600;

/// Which figures to hide in every view (any role-family filter, any published comparison
/// date), planned once on [`DisclosureTables`]: one mask per skill over the extended team ×
/// family table (cells: team rows of a family-filtered view; row totals: team rows; column
/// totals: family rows and a filtered view's totals; grand total: the organisation), and one
/// for the people table (stale evidence, people in scope).
///
/// Because every view shows entries of the same extended tables under the same masks, all the
/// views together publish no more than one table each, and within a table:
///
/// - no visible entry has a group size `0 < n < k`, in the people requiring the skill or in
///   those whose assessment changed in any window between published dates (the trend);
/// - no union of hidden cells holding 1 to k - 1 people (one person included) has a total that
///   the visible entries determine: checked exactly (linear algebra modulo a prime), component
///   by component of the graph of unknown entries, hiding more until none does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisclosurePlan {
    teams: Vec<Id>,
    families: Vec<Option<Id>>,
    skills: Vec<Id>,
    cells: Vec<Mask>,
    people: Mask,
}

/// Plans suppression for every view of the organisation (see [`DisclosurePlan`]).
pub fn plan_disclosure(tables: &DisclosureTables, k: MinGroup) -> DisclosurePlan {
    let cells = tables
        .requiring
        .iter()
        .zip(&tables.changed)
        .map(|(requiring, changed)| {
            let linked: Vec<&Vec<Vec<u64>>> = std::iter::once(requiring).chain(changed).collect();
            plan_linked(&linked, k)
        })
        .collect();
    DisclosurePlan {
        teams: tables.teams.clone(),
        families: tables.families.clone(),
        skills: tables.skills.clone(),
        cells,
        people: plan_linked(&[&tables.people], k),
    }
}

/// One mask that is safe for every table given (tables over the same rows and columns).
fn plan_linked(tables: &[&Vec<Vec<u64>>], k: MinGroup) -> Mask {
    let rows = tables[0].len();
    let cols = tables[0].first().map_or(0, Vec::len);
    let mut mask = Mask {
        cells: vec![vec![false; cols]; rows],
        row_totals: vec![false; rows],
        col_totals: vec![false; cols],
        grand_total: false,
    };
    loop {
        let before = mask.clone();
        for table in tables {
            mask = plan_cross(table, k, &mask);
        }
        if mask == before {
            return mask;
        }
    }
}

/// Plans one team × family table whose last row (people in no team) has no published total.
fn plan_cross(cells: &[Vec<u64>], k: MinGroup, forced: &Mask) -> Mask {
    let mut forced = forced.clone();
    loop {
        let mut grid = Grid::cross(cells, k, &forced);
        grid.complete();
        match grid.small_sum(k) {
            Ok(None) => return grid.mask(),
            Ok(Some(union)) => {
                let Some(next) = grid.cheapest_near(&union) else {
                    return grid.hide_all();
                };
                grid.hide(next);
                forced = grid.mask();
            }
            Err(TooLarge) => return grid.hide_all(),
        }
    }
}

struct TooLarge;

const P: u64 = (1 << 61) - 1;

fn mul(a: u64, b: u64) -> u64 {
    ((u128::from(a) * u128::from(b)) % u128::from(P)) as u64
}

fn inverse(a: u64) -> u64 {
    let (mut base, mut e, mut out) = (a, P - 2, 1u64);
    while e > 0 {
        if e & 1 == 1 {
            out = mul(out, base);
        }
        base = mul(base, base);
        e >>= 1;
    }
    out
}

impl Grid {
    /// The extended table of `cells` with every total, the last row's total absent.
    fn cross(cells: &[Vec<u64>], k: MinGroup, forced: &Mask) -> Grid {
        let (r, c) = (cells.len(), cells.first().map_or(0, Vec::len));
        let mut grid = Grid { rows: r + 1, cols: c + 1, entries: vec![Entry::Absent; (r + 1) * (c + 1)] };
        let entry = |n: u64, force: bool| if force || k.hides(n) { Entry::Hidden(n) } else { Entry::Visible(n) };
        for (i, row) in cells.iter().enumerate() {
            for (j, &n) in row.iter().enumerate() {
                grid.entries[i * (c + 1) + j] = entry(n, forced.cells[i][j]);
            }
            if i + 1 < r {
                grid.entries[i * (c + 1) + c] = entry(row.iter().sum(), forced.row_totals[i]);
            }
        }
        for j in 0..c {
            grid.entries[r * (c + 1) + j] = entry(cells.iter().map(|row| row[j]).sum(), forced.col_totals[j]);
        }
        grid.entries[r * (c + 1) + c] = entry(cells.iter().flatten().sum(), forced.grand_total);
        grid
    }

    fn size(&self, index: usize) -> u64 {
        match self.entries[index] {
            Entry::Visible(n) | Entry::Hidden(n) => n,
            Entry::Absent => 0,
        }
    }

    /// Everything non-empty hidden.
    fn hide_all(&mut self) -> Mask {
        for index in 0..self.entries.len() {
            if self.size(index) > 0 {
                self.hide(index);
            }
        }
        self.mask()
    }

    /// The cheapest visible entry on a line through the entries of `union`, else anywhere.
    fn cheapest_near(&self, union: &[usize]) -> Option<usize> {
        let lines: Vec<usize> = union.iter().flat_map(|&e| [e / self.cols, self.rows + e % self.cols]).collect();
        let visible = |e: &usize| matches!(self.entries[*e], Entry::Visible(n) if n > 0);
        lines
            .iter()
            .flat_map(|&l| self.line(l))
            .filter(visible)
            .min_by_key(|&e| self.cost(e))
            .or_else(|| (0..self.entries.len()).filter(visible).min_by_key(|&e| self.cost(e)))
    }

    /// Some set of hidden cells (not totals) holding 1 to k - 1 people in all whose sum the
    /// visible entries determine, if there is one. Exact: per connected component of the graph
    /// of unknown entries, a set of unknowns has a determined sum exactly when its indicator
    /// is orthogonal to the null space of the line relations restricted to the component.
    fn small_sum(&self, k: MinGroup) -> Result<Option<Vec<usize>>, TooLarge> {
        let budget = u64::from(k.get()) - 1;
        let n = self.rows + self.cols;
        let mut parent: Vec<usize> = (0..n).collect();
        fn root(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        let unknown: Vec<usize> = (0..self.entries.len()).filter(|&e| self.entries[e].unknown()).collect();
        for &e in &unknown {
            let (a, b) = (root(&mut parent, e / self.cols), root(&mut parent, self.rows + e % self.cols));
            parent[a] = b;
        }
        let mut components: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for &e in &unknown {
            let r = root(&mut parent, e / self.cols);
            components.entry(r).or_default().push(e);
        }
        let interior = |e: usize| e / self.cols < self.rows - 1 && e % self.cols < self.cols - 1;
        for entries in components.values() {
            let candidates: Vec<usize> = (0..entries.len())
                .filter(|&i| {
                    let e = entries[i];
                    interior(e) && matches!(self.entries[e], Entry::Hidden(n) if n > 0 && n <= budget)
                })
                .collect();
            if candidates.is_empty() {
                continue;
            }
            if entries.len() > EXACT_LIMIT {
                return Err(TooLarge);
            }
            let mut lines: Vec<usize> =
                entries.iter().flat_map(|&e| [e / self.cols, self.rows + e % self.cols]).collect();
            lines.sort_unstable();
            lines.dedup();
            let matrix: Vec<Vec<u64>> = lines
                .iter()
                .map(|&line| {
                    entries
                        .iter()
                        .map(|&e| {
                            let (i, j) = (e / self.cols, e % self.cols);
                            if line == i {
                                if j == self.cols - 1 {
                                    P - 1
                                } else {
                                    1
                                }
                            } else if line == self.rows + j {
                                if i == self.rows - 1 {
                                    P - 1
                                } else {
                                    1
                                }
                            } else {
                                0
                            }
                        })
                        .collect()
                })
                .collect();
            let null = null_rows(matrix, entries.len());
            let sizes: Vec<u64> = candidates.iter().map(|&i| self.size(entries[i])).collect();
            let rows: Vec<&Vec<u64>> = candidates.iter().map(|&i| &null[i]).collect();
            if let Some(found) = zero_sum(&rows, &sizes, budget) {
                return Ok(Some(found.into_iter().map(|i| entries[candidates[i]]).collect()));
            }
        }
        Ok(None)
    }
}

/// The null space {z : M z = 0} of `m` (over the integers modulo [`P`]), one row per column of
/// `m`: that column's coordinates in each basis vector.
fn null_rows(mut m: Vec<Vec<u64>>, width: usize) -> Vec<Vec<u64>> {
    let mut pivots = Vec::new();
    for col in 0..width {
        let rank = pivots.len();
        let Some(pivot) = (rank..m.len()).find(|&r| m[r][col] != 0) else {
            continue;
        };
        m.swap(rank, pivot);
        let inv = inverse(m[rank][col]);
        for value in &mut m[rank] {
            *value = mul(*value, inv);
        }
        let pivot_row = m[rank].clone();
        for (r, row) in m.iter_mut().enumerate() {
            if r != rank && row[col] != 0 {
                let factor = row[col];
                for (value, p) in row.iter_mut().zip(&pivot_row) {
                    *value = (*value + P - mul(factor, *p)) % P;
                }
            }
        }
        pivots.push(col);
    }
    let free: Vec<usize> = (0..width).filter(|c| !pivots.contains(c)).collect();
    let mut rows = vec![vec![0u64; free.len()]; width];
    for (f, &fc) in free.iter().enumerate() {
        rows[fc][f] = 1;
        for (r, &pc) in pivots.iter().enumerate() {
            rows[pc][f] = (P - m[r][fc]) % P;
        }
    }
    rows
}

/// A non-empty set of rows summing to zero with sizes totalling at most `budget`, smallest
/// sets first (by meeting in the middle: every set of up to half the budget's count of rows).
fn zero_sum(rows: &[&Vec<u64>], sizes: &[u64], budget: u64) -> Option<Vec<usize>> {
    let width = rows.first().map_or(0, |r| r.len());
    if let Some(i) = (0..rows.len()).find(|&i| rows[i].iter().all(|&v| v == 0)) {
        return Some(vec![i]);
    }
    let half = budget.div_ceil(2).max(1) as usize;
    let mut halves: Vec<(Vec<usize>, u64, Vec<u64>)> = vec![(vec![], 0, vec![0; width])];
    let mut frontier = halves.clone();
    for _ in 0..half {
        let mut next = Vec::new();
        for (set, size, sum) in &frontier {
            let start = set.last().map_or(0, |&l| l + 1);
            for i in start..rows.len() {
                if size + sizes[i] <= budget {
                    let mut grown = set.clone();
                    grown.push(i);
                    next.push((
                        grown,
                        size + sizes[i],
                        sum.iter().zip(rows[i].iter()).map(|(a, b)| (a + b) % P).collect(),
                    ));
                }
            }
        }
        halves.extend(next.iter().cloned());
        frontier = next;
        if halves.len() > 1_000_000 {
            break;
        }
    }
    let mut by_sum: std::collections::HashMap<&[u64], Vec<usize>> = Default::default();
    for (i, (_, _, sum)) in halves.iter().enumerate() {
        by_sum.entry(sum.as_slice()).or_default().push(i);
    }
    let mut best: Option<Vec<usize>> = None;
    for (set, size, sum) in &halves {
        let negated: Vec<u64> = sum.iter().map(|v| (P - v) % P).collect();
        for &j in by_sum.get(negated.as_slice()).into_iter().flatten() {
            let (other, other_size, _) = &halves[j];
            if set.len() + other.len() == 0 || size + other_size > budget || set.iter().any(|a| other.contains(a)) {
                continue;
            }
            let mut union: Vec<usize> = set.iter().chain(other).copied().collect();
            union.sort_unstable();
            if best.as_ref().is_none_or(|b| union.len() < b.len()) {
                best = Some(union);
            }
        }
    }
    best
}

/// Where a view's row or total sits in the plan's tables.
#[derive(Debug, Clone, Copy)]
enum View {
    All,
    Family(usize),
    Nothing,
}

impl DisclosurePlan {
    fn view(&self, filter: Option<&[Id]>) -> View {
        match filter {
            None => View::All,
            Some([family]) => {
                self.families.iter().position(|f| *f == Some(*family)).map_or(View::Nothing, View::Family)
            }
            Some(_) => View::Nothing,
        }
    }

    fn team_hidden(&self, mask: &Mask, view: View, team: Id) -> bool {
        let Some(t) = self.teams.iter().position(|&id| id == team) else {
            return true;
        };
        match view {
            View::All => mask.row_totals[t],
            View::Family(f) => mask.cells[t][f],
            View::Nothing => true,
        }
    }

    fn family_hidden(&self, mask: &Mask, family: Option<Id>) -> bool {
        self.families.iter().position(|&f| f == family).is_none_or(|f| mask.col_totals[f])
    }

    fn total_hidden(mask: &Mask, view: View) -> bool {
        match view {
            View::All => mask.grand_total,
            View::Family(f) => mask.col_totals[f],
            View::Nothing => true,
        }
    }
}

/// The roll-up as a senior viewer may see it: every figure the plan hides is suppressed (the
/// roll-up must come from the index the plan was made on, with the default source filter and
/// a comparison date among the plan's dates or none).
pub fn senior_rollup(rollup: &Rollup, plan: &DisclosurePlan, k: MinGroup) -> SeniorRollup {
    let view = plan.view(rollup.families_filter.as_deref());
    let masks: Vec<Option<&Mask>> = rollup
        .columns
        .iter()
        .map(|c| plan.skills.iter().position(|&s| s == c.skill_id).map(|s| &plan.cells[s]))
        .collect();
    let publish = |cell: &SkillCell, hidden: bool| {
        if hidden || k.hides(u64::from(cell.now.requiring)) {
            Published::Suppressed
        } else {
            Published::Shown(*cell)
        }
    };
    let row = |cells: &[SkillCell], hidden: &dyn Fn(&Mask) -> bool| -> Vec<Published<SkillCell>> {
        cells.iter().zip(&masks).map(|(cell, mask)| publish(cell, mask.is_none_or(hidden))).collect()
    };
    let teams = rollup
        .teams
        .iter()
        .map(|r| Row {
            key: r.key,
            label: r.label.clone(),
            cells: row(&r.cells, &|m| plan.team_hidden(m, view, r.key)),
        })
        .collect();
    let families = rollup
        .families
        .iter()
        .map(|r| Row {
            key: r.key,
            label: r.label.clone(),
            cells: row(&r.cells, &|m| matches!(view, View::Nothing) || plan.family_hidden(m, r.key)),
        })
        .collect();
    let totals = row(&rollup.totals, &|m| DisclosurePlan::total_hidden(m, view));
    let stale = |figures: &StaleFigures, hidden: bool| {
        if hidden || k.hides(u64::from(figures.people)) {
            Published::Suppressed
        } else {
            Published::Shown(*figures)
        }
    };
    let everyone_hidden = DisclosurePlan::total_hidden(&plan.people, view);
    let in_scope = rollup.people_in_scope.filter(|&n| !everyone_hidden && !k.hides(u64::from(n)));
    Rollup {
        today: rollup.today,
        earlier: rollup.earlier,
        filter: rollup.filter,
        families_filter: rollup.families_filter.clone(),
        min_group: Some(k.get()),
        people_in_scope: in_scope,
        columns: rollup.columns.clone(),
        risks: publish_risks(rollup, &totals, in_scope.is_some()),
        teams,
        families,
        totals,
        stale_by_team: rollup
            .stale_by_team
            .iter()
            .map(|r| StaleRow {
                team_id: r.team_id,
                label: r.label.clone(),
                figures: stale(&r.figures, plan.team_hidden(&plan.people, view, r.team_id)),
            })
            .collect(),
        stale_total: stale(&rollup.stale_total, everyone_hidden),
    }
}

fn publish_risks(rollup: &Rollup, totals: &[Published<SkillCell>], enough_people: bool) -> Published<Risks> {
    if !enough_people {
        return Published::Suppressed;
    }
    let shown = |skill_id| {
        rollup.columns.iter().zip(totals).any(|(c, t)| c.skill_id == skill_id && matches!(t, Published::Shown(_)))
    };
    Published::Shown(Risks {
        few_holders: rollup.risks.few_holders.iter().filter(|r| shown(r.skill_id)).copied().collect(),
        largest_gaps: rollup.risks.largest_gaps.iter().filter(|r| shown(r.skill_id)).copied().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A table of plain counts with every total that the flags ask for, each the true sum.
    fn table(cells: Vec<Vec<u64>>, row_totals: bool, col_totals: bool, grand: bool) -> Table<u64> {
        let cols = cells.first().map_or(0, Vec::len);
        let rows: Vec<u64> = cells.iter().map(|r| r.iter().sum()).collect();
        let columns: Vec<u64> = (0..cols).map(|j| cells.iter().map(|r| r[j]).sum()).collect();
        let sum = rows.iter().sum();
        Table {
            row_totals: row_totals.then_some(rows),
            col_totals: col_totals.then_some(columns),
            grand_total: grand.then_some(sum),
            cells,
        }
    }

    /// Independent oracle: whether the value of extended entry (i, j) is fixed by the visible
    /// entries, by Gaussian elimination over the integers modulo a prime (the line relations
    /// are totally unimodular, so ranks agree with ranks over the rationals).
    fn determined(t: &Table<u64>, mask: &Mask, i: usize, j: usize) -> bool {
        const P: i64 = 1_000_000_007;
        let (r, c) = (t.rows(), t.cols());
        let unknown = |i: usize, j: usize| -> bool {
            match (i == r, j == c) {
                (false, false) => mask.cells[i][j],
                (false, true) => t.row_totals.is_none() || mask.row_totals[i],
                (true, false) => t.col_totals.is_none() || mask.col_totals[j],
                (true, true) => t.grand_total.is_none() || mask.grand_total,
            }
        };
        let vars: Vec<(usize, usize)> =
            (0..=r).flat_map(|i| (0..=c).map(move |j| (i, j))).filter(|&(i, j)| unknown(i, j)).collect();
        let coef = |line_is_row: bool, line: usize, (vi, vj): (usize, usize)| -> i64 {
            let (on_line, is_total) = if line_is_row { (vi == line, vj == c) } else { (vj == line, vi == r) };
            match (on_line, is_total) {
                (false, _) => 0,
                (true, false) => 1,
                (true, true) => P - 1,
            }
        };
        let mut matrix: Vec<Vec<i64>> = (0..=r)
            .map(|line| vars.iter().map(|&v| coef(true, line, v)).collect())
            .chain((0..=c).map(|line| vars.iter().map(|&v| coef(false, line, v)).collect()))
            .collect();
        let base = rank(matrix.clone(), P);
        matrix.push(vars.iter().map(|&v| i64::from(v == (i, j))).collect());
        rank(matrix, P) == base
    }

    fn rank(mut m: Vec<Vec<i64>>, p: i64) -> usize {
        let width = m.first().map_or(0, Vec::len);
        let mut rank = 0;
        for col in 0..width {
            let Some(pivot) = (rank..m.len()).find(|&row| m[row][col] != 0) else {
                continue;
            };
            m.swap(rank, pivot);
            let inv = pow(m[rank][col], p - 2, p);
            for row in 0..m.len() {
                if row != rank && m[row][col] != 0 {
                    let factor = m[row][col] * inv % p;
                    let pivot_row = m[rank].clone();
                    for (value, pivot_value) in m[row].iter_mut().zip(pivot_row) {
                        *value = (*value - factor * pivot_value % p + p) % p;
                    }
                }
            }
            rank += 1;
        }
        rank
    }

    fn pow(mut b: i64, mut e: i64, p: i64) -> i64 {
        let mut out = 1;
        b %= p;
        while e > 0 {
            if e & 1 == 1 {
                out = out * b % p;
            }
            b = b * b % p;
            e >>= 1;
        }
        out
    }

    /// Every suppressed entry (cells and totals) as extended coordinates.
    fn hidden(t: &Table<u64>, mask: &Mask) -> Vec<(usize, usize)> {
        let (r, c) = (t.rows(), t.cols());
        let mut out = Vec::new();
        for i in 0..r {
            for j in 0..c {
                if mask.cells[i][j] {
                    out.push((i, j));
                }
            }
            if mask.row_totals[i] {
                out.push((i, c));
            }
        }
        out.extend((0..c).filter(|&j| mask.col_totals[j]).map(|j| (r, j)));
        if mask.grand_total {
            out.push((r, c));
        }
        out
    }

    #[test]
    fn threshold_is_never_below_three() {
        assert_eq!(MinGroup::new(1).get(), 3);
        assert_eq!(MinGroup::new(10).get(), 10);
        assert_eq!(MinGroup::default().get(), 5);
        let from_config: MinGroup = serde_json::from_str("2").unwrap();
        assert_eq!(from_config.get(), 3);
        assert_eq!(serde_json::to_string(&MinGroup::new(7)).unwrap(), "7");
    }

    #[test]
    fn a_row_with_one_small_cell_gets_a_second_suppression() {
        let t = table(vec![vec![2, 9, 30], vec![8, 9, 10]], true, false, false);
        let mask = plan(&t, MinGroup::default());
        // The 2 is hidden, and the 9 beside it (the cheapest other cell) with it.
        assert_eq!(mask.cells, vec![vec![true, true, false], vec![false, false, false]]);
        assert!(!mask.row_totals[0]);
        assert!(!determined(&t, &mask, 0, 0));
    }

    #[test]
    fn a_small_total_is_hidden_with_its_line() {
        let t = table(vec![vec![1, 1], vec![6, 7]], true, true, true);
        let mask = plan(&t, MinGroup::default());
        assert!(mask.cells[0][0] && mask.cells[0][1] && mask.row_totals[0]);
        for (i, j) in hidden(&t, &mask) {
            assert!(!determined(&t, &mask, i, j), "({i}, {j}) determined");
        }
    }

    #[test]
    fn empty_groups_stay_visible() {
        let t = table(vec![vec![0, 0], vec![6, 7]], true, true, true);
        assert_eq!(plan(&t, MinGroup::default()).count(), 0);
    }

    #[test]
    fn a_bridge_between_two_hidden_blocks_is_protected() {
        // Two 2 × 2 blocks of small cells joined by the small cell (0, 2): every line has 0 or
        // at least 2 small cells, yet rows 0 + 1 - columns 0 + 1 isolate cell (0, 2).
        let big = 20;
        let cells = vec![
            vec![1, 2, 3, big, big],
            vec![2, 1, big, big, big],
            vec![big, big, 1, 2, big],
            vec![big, big, 2, 1, big],
            vec![big, big, big, big, big],
        ];
        let t = table(cells.clone(), true, true, true);
        let primary = Mask {
            cells: cells.iter().map(|r| r.iter().map(|&n| n < 5).collect()).collect(),
            row_totals: vec![false; 5],
            col_totals: vec![false; 5],
            grand_total: false,
        };
        assert!(determined(&t, &primary, 0, 2), "the naive pattern leaks cell (0, 2)");
        let mask = plan(&t, MinGroup::default());
        assert!(mask.count() > primary.count());
        for (i, j) in hidden(&t, &mask) {
            assert!(!determined(&t, &mask, i, j), "({i}, {j}) determined");
        }
    }

    #[test]
    fn totals_without_cells_hide_only_small_groups() {
        let t = Table { cells: vec![], row_totals: None, col_totals: Some(vec![22, 3]), grand_total: None };
        let mask = plan(&t, MinGroup::default());
        assert_eq!(mask.col_totals, vec![false, true]);
        assert!(mask.cells.is_empty());
    }

    #[test]
    fn forced_entries_stay_suppressed() {
        let t = table(vec![vec![10, 11], vec![12, 13]], false, true, false);
        let mut forced = Mask::none(&t);
        forced.col_totals[1] = true;
        let mask = plan_with(&t, MinGroup::default(), &forced);
        assert!(mask.col_totals[1]);
        for (i, j) in hidden(&t, &mask) {
            assert!(!determined(&t, &mask, i, j));
        }
    }

    #[test]
    fn published_values_serialise_with_a_marker_only() {
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        struct Count {
            n: u64,
        }
        let shown = serde_json::to_value(Published::Shown(Count { n: 7 })).unwrap();
        assert_eq!(shown, serde_json::json!({"status": "shown", "n": 7}));
        let hidden = serde_json::to_value(Published::<Count>::Suppressed).unwrap();
        assert_eq!(hidden, serde_json::json!({"status": "suppressed"}));
        let back: Published<Count> = serde_json::from_value(hidden).unwrap();
        assert_eq!(back, Published::Suppressed);
    }

    fn tables() -> impl Strategy<Value = (Table<u64>, u32)> {
        let size = prop_oneof![Just(0u64), 1u64..5, 5u64..30];
        (1usize..8, 1usize..8)
            .prop_flat_map(move |(r, c)| {
                (prop::collection::vec(prop::collection::vec(size.clone(), c), r), any::<[bool; 3]>(), 0u32..8)
            })
            .prop_map(|(cells, [rows, cols, grand], k)| (table(cells, rows, cols, grand), k))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn no_small_group_is_published_or_derivable((t, k) in tables()) {
            let k = MinGroup::new(k);
            let mask = plan(&t, k);
            let (r, c) = (t.rows(), t.cols());
            // 1. Every visible entry is empty or at least k.
            let small = |n: u64| n > 0 && n < u64::from(k.get());
            for i in 0..r {
                for j in 0..c {
                    prop_assert!(mask.cells[i][j] || !small(t.cells[i][j]));
                }
            }
            if let Some(totals) = &t.row_totals {
                prop_assert!(totals.iter().zip(&mask.row_totals).all(|(&n, &h)| h || !small(n)));
            }
            if let Some(totals) = &t.col_totals {
                prop_assert!(totals.iter().zip(&mask.col_totals).all(|(&n, &h)| h || !small(n)));
            }
            prop_assert!(t.grand_total.is_none_or(|n| mask.grand_total || !small(n)));
            // 2. Every line with a visible total has 0 or at least 2 hidden entries.
            for i in 0..r {
                if t.row_totals.is_some() && !mask.row_totals[i] {
                    prop_assert_ne!(mask.cells[i].iter().filter(|&&h| h).count(), 1);
                }
            }
            for j in 0..c {
                if t.col_totals.is_some() && !mask.col_totals[j] {
                    prop_assert_ne!((0..r).filter(|&i| mask.cells[i][j]).count(), 1);
                }
            }
            if t.grand_total.is_some() && !mask.grand_total {
                if t.col_totals.is_some() {
                    prop_assert_ne!(mask.col_totals.iter().filter(|&&h| h).count(), 1);
                }
                if t.row_totals.is_some() {
                    prop_assert_ne!(mask.row_totals.iter().filter(|&&h| h).count(), 1);
                }
            }
            // 3. No hidden entry is fixed by any combination of the visible ones.
            for (i, j) in hidden(&t, &mask) {
                prop_assert!(!determined(&t, &mask, i, j), "({}, {}) determined", i, j);
            }
        }

        #[test]
        fn nothing_is_hidden_without_a_small_group((t, k) in tables()) {
            let k = MinGroup::new(k);
            let small = |n: &u64| k.hides(*n);
            let any_small = t.cells.iter().flatten().any(small)
                || t.row_totals.iter().flatten().any(small)
                || t.col_totals.iter().flatten().any(small)
                || t.grand_total.as_ref().is_some_and(small);
            prop_assert_eq!(plan(&t, k).count() > 0, any_small);
        }
    }
}
