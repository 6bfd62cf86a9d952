/**
 * The team heatmap (`/teams/{id}/heatmap`) by what a team lead sees: the value in each cell and
 * the sentence it carries for assistive technology, the column and row headers, the key, each
 * mode (current level, gap against the role level, self against lead), the choice of source,
 * the filters (kind of skill, role level) and sorts, a cell's history, and a level recorded in
 * place from the cell. Every setting goes through the page's form (a GET form, so it works with
 * JavaScript off). Both projects run every test; axe-core runs in the `js` project, on the
 * hydrated page and on the server-rendered one.
 *
 * The figures are the demo organisation's (src/demo/org/cast.rs), which places its assessments
 * relative to today, so dates are matched as dates rather than spelt out.
 */
import type { Locator, Page } from '@playwright/test';
import {
  test,
  expect,
  signInAs,
  openTeam,
  addPersonToTeam,
  uniqueName,
  waitForHydration,
  jsEnabled,
  expectNoAxeViolations,
  openServerRendered,
  USERS,
  TEAMS,
} from './helpers';

const TEAM = TEAMS.platform;
const DATE = '\\d{4}-\\d{2}-\\d{2}';
/** The people of the demo team, in name order. Other tests may add people to the team. */
const DEMO_PEOPLE = [
  'Ada Okafor',
  'Callum MacLeod',
  'Kwame Mensah',
  'Mei Chen',
  'Priya Raman',
  'Rhys Evans',
  'Siobhan Byrne',
  'Tomasz Nowak',
];
const KINDS = ['DDaT skills', 'Technical knowledge', 'Behavioural skills', 'Other knowledge', 'SFIA skills'];
const DDAT_SKILLS = [
  'Availability and capacity management',
  'Change management',
  'Development process optimisation',
  'Incident management',
  'Information security',
  'Modern development standards',
  'Problem management',
  'Programming and build (software engineering)',
  'Prototyping',
  'Service support',
  'Systems design',
  'Systems integration',
  'User focus',
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A whole accessible name: the text is escaped, `rest` is a regular expression. */
const sentence = (start: string, rest: string) => new RegExp(`^${escape(start)}${rest}$`);

/** The heatmap table, named by its caption: "<team>: <mode>". */
function heatmap(page: Page, mode = 'Current level'): Locator {
  return page.getByRole('table', { name: `${TEAM}: ${mode}`, exact: true });
}

function personRow(table: Locator, person: string): Locator {
  return table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name: person, exact: true }) });
}

/**
 * The cell (a link that opens its history) of a person and a skill, found by the start of its
 * sentence ("Ada Okafor, Systems design: "); `rest` narrows it when two skills share a name
 * (a DDaT skill and an SFIA skill).
 */
function cell(table: Locator, person: string, skill: string, rest = '.*'): Locator {
  return personRow(table, person).getByRole('cell').getByRole('link', { name: sentence(`${person}, ${skill}: `, rest) });
}

/** The second header row: "Person", then a header per skill. */
function skillHeaderCells(table: Locator): Locator {
  return table.getByRole('row').nth(1).getByRole('columnheader');
}

/** The skill column headers, in order (the corner header "Person" left out). */
async function skillHeaders(table: Locator): Promise<string[]> {
  const headers = await table.getByRole('row').nth(1).getByRole('columnheader').allInnerTexts();
  expect(headers[0]).toBe('Person');
  return headers.slice(1).map((h) => h.trim());
}

async function rowHeaders(table: Locator): Promise<string[]> {
  return (await table.getByRole('rowheader').allInnerTexts()).map((h) => h.trim());
}

/** One group of the key: its entries' text, the swatch's text first. */
function keyEntries(page: Page, group: string): Locator {
  return page
    .locator('.legend__group')
    .filter({ has: page.getByRole('heading', { level: 3, name: group, exact: true }) })
    .getByRole('listitem');
}

type Settings = {
  show?: string;
  source?: string;
  sortPeople?: string;
  sortSkills?: string;
  roleLevel?: string;
  /** The kinds of skill ticked; every other kind is unticked. */
  kinds?: string[];
};

type Query = Record<string, string | string[] | null>;

/**
 * Expects the page address to carry these query parameters (a list for a repeated one, null
 * for an absent one), whatever their order.
 */
async function expectQuery(page: Page, expected: Query): Promise<void> {
  const want = Object.fromEntries(
    Object.entries(expected).map(([k, v]) => [k, v === null ? [] : Array.isArray(v) ? v : [v]]),
  );
  await expect
    .poll(() => {
      const query = new URL(page.url()).searchParams;
      return Object.fromEntries(Object.keys(want).map((k) => [k, query.getAll(k)]));
    })
    .toEqual(want);
}

/** Changes the heatmap's settings with its form and waits for the address to carry them. */
async function update(page: Page, settings: Settings, expected: Query): Promise<void> {
  if (settings.show) await page.getByLabel('Show', { exact: true }).selectOption({ label: settings.show });
  if (settings.source) await page.getByLabel('Assessments', { exact: true }).selectOption({ label: settings.source });
  if (settings.sortPeople) await page.getByLabel('Sort people').selectOption({ label: settings.sortPeople });
  if (settings.sortSkills) await page.getByLabel('Sort skills').selectOption({ label: settings.sortSkills });
  if (settings.roleLevel) await page.getByLabel('Role level').selectOption({ label: settings.roleLevel });
  if (settings.kinds) {
    for (const kind of KINDS) {
      await page.getByRole('checkbox', { name: kind, exact: true }).setChecked(settings.kinds.includes(kind));
    }
  }
  await page.getByRole('button', { name: 'Update heatmap' }).click();
  await expectQuery(page, expected);
  await waitForHydration(page);
}

/** Opens the team's heatmap from the team page's link, signed in as the team's lead. */
async function openHeatmap(page: Page): Promise<string> {
  await signInAs(page, USERS.lead);
  await openTeam(page, TEAM);
  await page.getByRole('link', { name: 'Skill-mix heatmap', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Skill mix: ${TEAM}` })).toBeVisible();
  await expect(page).toHaveURL(/\/teams\/\d+\/heatmap$/);
  await waitForHydration(page);
  return new URL(page.url()).pathname;
}

/** axe on the page as it is (hydrated) and, in the `js` project, as the server renders it. */
async function checkAccessibility(page: Page, path: string, check: () => Promise<void>): Promise<void> {
  if (!jsEnabled(test.info())) return;
  await expectNoAxeViolations(page);
  await openServerRendered(page, path);
  await check();
  await expectNoAxeViolations(page);
}

test.describe('team heatmap', () => {
  test('current level: headers, values, the sentence of each cell and the key', async ({ page }) => {
    const path = await openHeatmap(page);
    const table = heatmap(page);
    await expect(table).toBeVisible();
    await expect(page.getByLabel('Show', { exact: true })).toHaveValue('level');
    await expect(page.getByLabel('Assessments', { exact: true })).toHaveValue('latest');

    // One column group per kind of skill, in the framework's order; a column per skill.
    const groups = table.getByRole('row').first().getByRole('columnheader');
    await expect(groups).toHaveText(KINDS);
    const skills = await skillHeaders(table);
    expect(skills.slice(0, DDAT_SKILLS.length)).toEqual(DDAT_SKILLS);
    expect(skills).toContain('Teamwork');
    expect(skills).toContain('Technical specialism');
    // A row per person, by name, each linking to the person's page.
    const people = await rowHeaders(table);
    for (const person of DEMO_PEOPLE) expect(people).toContain(person);
    expect(people.filter((p) => DEMO_PEOPLE.includes(p))).toEqual(DEMO_PEOPLE);
    await expect(table.getByRole('rowheader', { name: 'Mei Chen' }).getByRole('link', { name: 'Mei Chen' })).toHaveAttribute(
      'href',
      /^\/people\/\d+$/,
    );

    // The value is printed in the cell and the cell says in words what it means.
    const adaDesign = cell(table, 'Ada Okafor', 'Systems design', '3 Practitioner.*');
    await expect(adaDesign).toHaveText('3');
    await expect(adaDesign).toHaveAccessibleName(
      sentence('Ada Okafor, Systems design: ', `3 Practitioner \\(lead, ${DATE}\\), requires 3 Practitioner, meets it`),
    );
    const adaPrototyping = cell(table, 'Ada Okafor', 'Prototyping');
    await expect(adaPrototyping).toHaveText('2');
    await expect(adaPrototyping).toHaveAccessibleName(
      sentence('Ada Okafor, Prototyping: ', `2 Working \\(lead, ${DATE}\\), requires 3 Practitioner, below by 1`),
    );
    // The same name on another scale: the SFIA skill says its level in SFIA's words.
    const adaSfiaDesign = cell(table, 'Ada Okafor', 'Systems design', '6 Initiate, influence.*');
    await expect(adaSfiaDesign).toHaveText('6');
    await expect(adaSfiaDesign).toHaveAccessibleName(
      sentence(
        'Ada Okafor, Systems design: ',
        `6 Initiate, influence \\(lead, ${DATE}\\), requires 5 Ensure, advise, exceeds by 1`,
      ),
    );
    // Not assessed is not level 0: a dash, and the sentence says so.
    const callumAgile = cell(table, 'Callum MacLeod', 'Agile');
    await expect(callumAgile).toHaveText('–');
    await expect(callumAgile).toHaveAccessibleName('Callum MacLeod, Agile: not assessed, not required');
    // Old evidence is starred, and the sentence says it is due for review.
    const tomaszAvailability = cell(table, 'Tomasz Nowak', 'Availability and capacity management');
    await expect(tomaszAvailability).toHaveText('1*');
    await expect(tomaszAvailability).toHaveAccessibleName(
      sentence(
        'Tomasz Nowak, Availability and capacity management: ',
        `1 Awareness \\(lead, ${DATE}\\), requires 2 Working, below by 1, due for review`,
      ),
    );
    // A behavioural skill the role lists without a level.
    const adaLeadership = cell(table, 'Ada Okafor', 'Leadership');
    await expect(adaLeadership).toHaveText('2');
    await expect(adaLeadership).toHaveAccessibleName(
      sentence('Ada Okafor, Leadership: ', `2 Working \\(lead, ${DATE}\\), listed for the role without a level`),
    );

    // The key: one group per scale in view, each level with the text its cells show.
    await expect(page.getByRole('heading', { level: 2, name: 'Key', exact: true })).toBeVisible();
    await expect(keyEntries(page, 'DDaT skill level')).toHaveText([
      /^1\s*1 Awareness$/,
      /^2\s*2 Working$/,
      /^3\s*3 Practitioner$/,
      /^4\s*4 Expert$/,
    ]);
    await expect(keyEntries(page, 'Knowledge depth')).toHaveText([
      /^1\s*1 Aware of$/,
      /^2\s*2 Familiar with$/,
      /^3\s*3 Proficient in$/,
      /^4\s*4 Expert in$/,
    ]);
    await expect(keyEntries(page, 'SFIA level of responsibility')).toHaveCount(7);
    await expect(keyEntries(page, 'SFIA level of responsibility').last()).toHaveText(/^7\s*7 Set strategy, inspire, mobilise$/);
    await expect(keyEntries(page, 'No level')).toHaveText([/^–\s*Not assessed$/]);
    await expect(page.getByText('* The evidence is older than the team\'s review cadence.')).toBeVisible();

    // The exports carry the settings in view.
    await expect(page.getByRole('link', { name: 'Spreadsheet (CSV)' })).toHaveAttribute(
      'href',
      /^\/api\/v1\/teams\/\d+\/heatmap\.csv\?/,
    );

    await checkAccessibility(page, path, () => expect(heatmap(page)).toBeVisible());
  });

  test('gap and calibration modes show signed differences with their own key', async ({ page }) => {
    await openHeatmap(page);

    await update(page, { show: 'Gap against the role level', kinds: ['DDaT skills'] }, { mode: 'gap', kind: 'ddat' });
    let table = heatmap(page, 'Gap against the role level');
    await expect(table).toBeVisible();
    await expect(page.getByLabel('Show', { exact: true })).toHaveValue('gap');
    await expect(page.getByRole('checkbox', { name: 'DDaT skills', exact: true })).toBeChecked();
    await expect(table.getByRole('row').first().getByRole('columnheader')).toHaveText(['DDaT skills']);
    await expect(skillHeaderCells(table)).toHaveText(['Person', ...DDAT_SKILLS]);

    const siobhan = cell(table, 'Siobhan Byrne', 'Modern development standards');
    await expect(siobhan).toHaveText('+2');
    await expect(siobhan).toHaveAccessibleName(
      sentence(
        'Siobhan Byrne, Modern development standards: ',
        `4 Expert \\(lead, ${DATE}\\), requires 2 Working, exceeds by 2`,
      ),
    );
    const ada = cell(table, 'Ada Okafor', 'Prototyping');
    await expect(ada).toHaveText('-1');
    await expect(ada).toHaveAccessibleName(
      sentence('Ada Okafor, Prototyping: ', `2 Working \\(lead, ${DATE}\\), requires 3 Practitioner, below by 1`),
    );
    // A 0 is said in the sentence too (WCAG 2.5.3, label in name).
    const meets = cell(table, 'Ada Okafor', 'Systems design');
    await expect(meets).toHaveText('0');
    await expect(meets).toHaveAccessibleName(
      sentence(
        'Ada Okafor, Systems design: ',
        `3 Practitioner \\(lead, ${DATE}\\), requires 3 Practitioner, meets it, a gap of 0`,
      ),
    );
    await expect(cell(table, 'Tomasz Nowak', 'Systems design')).toHaveText('-1*');
    // Assessed but not required: no gap to show.
    const callum = cell(table, 'Callum MacLeod', 'Change management');
    await expect(callum).toHaveText('–');
    await expect(callum).toHaveAccessibleName(
      sentence('Callum MacLeod, Change management: ', `2 Working \\(lead, ${DATE}\\), not required`),
    );
    await expect(keyEntries(page, 'Against the required level')).toHaveText([
      /^-2\s*Below by 2 or more$/,
      /^-1\s*Below by 1$/,
      /^0\s*Meets$/,
      /^\+1\s*Exceeds by 1$/,
      /^\+2\s*Exceeds by 2 or more$/,
      /^\?\s*Required, not assessed$/,
      /^–\s*Not required$/,
    ]);
    await expect(page.getByRole('heading', { level: 3, name: 'DDaT skill level' })).toHaveCount(0);
    await checkAccessibility(page, new URL(page.url()).pathname + new URL(page.url()).search, () =>
      expect(heatmap(page, 'Gap against the role level')).toBeVisible(),
    );
    if (jsEnabled(test.info())) {
      // Back on the hydrated page for the rest.
      await page.goto(page.url());
      await waitForHydration(page);
    }

    await update(page, { show: 'Self against lead' }, { mode: 'calibration', kind: 'ddat' });
    table = heatmap(page, 'Self against lead');
    await expect(table).toBeVisible();
    await expect(page.getByLabel('Show', { exact: true })).toHaveValue('calibration');
    const priya = cell(table, 'Priya Raman', 'Availability and capacity management');
    await expect(priya).toHaveText('+2');
    await expect(priya).toHaveAccessibleName(
      'Priya Raman, Availability and capacity management: self 4 Expert, lead 2 Working, rates themselves 2 higher, requires 2 Working',
    );
    const siobhanSelf = cell(table, 'Siobhan Byrne', 'Availability and capacity management');
    await expect(siobhanSelf).toHaveText('-2');
    await expect(siobhanSelf).toHaveAccessibleName(
      'Siobhan Byrne, Availability and capacity management: self 1 Awareness, lead 3 Practitioner, rates themselves 2 lower, requires 2 Working',
    );
    const agree = cell(table, 'Priya Raman', 'Information security');
    await expect(agree).toHaveText('0');
    await expect(agree).toHaveAccessibleName(
      // The sentence holds the 0 the cell shows (WCAG 2.5.3, label in name).
      'Priya Raman, Information security: self 4 Expert, lead 4 Expert, self and lead agree, a difference of 0, requires 3 Practitioner',
    );
    const missing = cell(table, 'Priya Raman', 'Change management');
    await expect(missing).toHaveText('–');
    await expect(missing).toHaveAccessibleName(
      'Priya Raman, Change management: no self assessment, no lead assessment, not required',
    );
    await expect(keyEntries(page, 'Self assessment minus lead assessment')).toHaveText([
      /^-2\s*Rates themselves 2 or more levels lower$/,
      /^-1\s*Rates themselves 1 level lower$/,
      /^0\s*Self and lead agree$/,
      /^\+1\s*Rates themselves 1 level higher$/,
      /^\+2\s*Rates themselves 2 or more levels higher$/,
      /^–\s*Self or lead assessment missing$/,
    ]);

    await checkAccessibility(page, new URL(page.url()).pathname + new URL(page.url()).search, () =>
      expect(heatmap(page, 'Self against lead')).toBeVisible(),
    );
  });

  test('the source chooses whose assessments give the level', async ({ page }) => {
    await openHeatmap(page);
    await update(page, { source: 'Self-assessments', kinds: ['DDaT skills'] }, { source: 'self', kind: 'ddat' });
    let table = heatmap(page);
    await expect(page.getByLabel('Assessments', { exact: true })).toHaveValue('self');
    const kwame = () => cell(heatmap(page), 'Kwame Mensah', 'Availability and capacity management');
    await expect(kwame()).toHaveText('4');
    await expect(kwame()).toHaveAccessibleName(
      sentence(
        'Kwame Mensah, Availability and capacity management: ',
        `4 Expert \\(self, ${DATE}\\), requires 2 Working, exceeds by 2`,
      ),
    );

    await update(page, { source: 'Lead assessments' }, { source: 'lead', kind: 'ddat' });
    await expect(page.getByLabel('Assessments', { exact: true })).toHaveValue('lead');
    await expect(kwame()).toHaveText('3');
    await expect(kwame()).toHaveAccessibleName(
      sentence(
        'Kwame Mensah, Availability and capacity management: ',
        `3 Practitioner \\(lead, ${DATE}\\), requires 2 Working, exceeds by 1`,
      ),
    );

    // Only Priya Raman has peer assessments, from Callum MacLeod, on two skills.
    await update(page, { source: 'Peer assessments' }, { source: 'peer', kind: 'ddat' });
    table = heatmap(page);
    const peer = cell(table, 'Priya Raman', 'Systems design');
    await expect(peer).toHaveText('3');
    await expect(peer).toHaveAccessibleName(
      sentence('Priya Raman, Systems design: ', `3 Practitioner \\(peer, ${DATE}\\), requires 3 Practitioner, meets it`),
    );
    await expect(cell(table, 'Priya Raman', 'Systems integration')).toHaveText('3');
    await expect(cell(table, 'Priya Raman', 'User focus')).toHaveText('–');
    await expect(cell(table, 'Kwame Mensah', 'Availability and capacity management')).toHaveAccessibleName(
      'Kwame Mensah, Availability and capacity management: not assessed, requires 2 Working',
    );
    const assessed = (await personRow(table, 'Kwame Mensah').getByRole('cell').allInnerTexts()).filter((t) => t !== '–');
    expect(assessed).toEqual([]);
  });

  test('filters by kind of skill and by role level', async ({ page }) => {
    await openHeatmap(page);
    await update(page, { kinds: ['Behavioural skills'] }, { kind: 'behavioural', role_level: '' });
    let table = heatmap(page);
    await expect(page.getByRole('checkbox', { name: 'Behavioural skills', exact: true })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'DDaT skills', exact: true })).not.toBeChecked();
    await expect(table.getByRole('row').first().getByRole('columnheader')).toHaveText(['Behavioural skills']);
    await expect(skillHeaderCells(table)).toHaveCount(13);
    await expect(skillHeaderCells(table).filter({ hasText: 'Teamwork' })).toHaveCount(1);
    await expect(skillHeaderCells(table).filter({ hasText: 'Prototyping' })).toHaveCount(0);
    await expect(cell(table, 'Ada Okafor', 'Teamwork')).toHaveText('3');
    await expect(keyEntries(page, 'Behavioural skill level')).toHaveCount(4);
    await expect(page.getByRole('heading', { level: 3, name: 'DDaT skill level' })).toHaveCount(0);

    // Two kinds, and only the people at one role level.
    await update(
      page,
      { kinds: ['DDaT skills', 'SFIA skills'], roleLevel: 'Senior DevOps engineer' },
      { kind: ['ddat', 'sfia'] },
    );
    table = heatmap(page);
    await expect(page.getByLabel('Role level')).toHaveValue(/^\d+$/);
    await expect(page.getByLabel('Role level').locator('option:checked')).toHaveText('Senior DevOps engineer');
    expect(new URL(page.url()).searchParams.get('role_level')).toMatch(/^\d+$/);
    await expect(table.getByRole('rowheader')).toHaveText(['Callum MacLeod', 'Priya Raman']);
    await expect(table.getByRole('row').first().getByRole('columnheader')).toHaveText(['DDaT skills', 'SFIA skills']);
    await expect(cell(table, 'Priya Raman', 'Systems design', '3 Practitioner.*')).toHaveText('3');
    await expect(cell(table, 'Priya Raman', 'Systems design', '3 Apply.*')).toHaveAccessibleName(
      sentence('Priya Raman, Systems design: ', `3 Apply \\(lead, ${DATE}\\), not required`),
    );

    // Back to every role level: everyone again.
    await update(page, { roleLevel: 'All role levels' }, { kind: ['ddat', 'sfia'], role_level: '' });
    await expect
      .poll(async () => (await rowHeaders(heatmap(page))).filter((p) => DEMO_PEOPLE.includes(p)))
      .toEqual(DEMO_PEOPLE);
  });

  test('sorts people and skills by gap and coverage', async ({ page }) => {
    await openHeatmap(page);
    await update(
      page,
      {
        show: 'Gap against the role level',
        kinds: ['DDaT skills'],
        sortPeople: 'Largest total gap first (people)',
        sortSkills: 'Largest total gap first (skills)',
      },
      { mode: 'gap', sort_people: 'total-gap', sort_skills: 'total-gap', kind: 'ddat' },
    );
    let table = heatmap(page, 'Gap against the role level');
    await expect(page.getByLabel('Sort people')).toHaveValue('total-gap');
    // Total levels below: Tomasz 5, Mei 4, Callum and Kwame 3, Ada and Priya 2, Siobhan 1 (ties
    // by name); people with no gap (Rhys Evans, and anyone another test added) come after.
    await expect.poll(async () => (await rowHeaders(table)).slice(0, 7)).toEqual([
      'Tomasz Nowak',
      'Mei Chen',
      'Callum MacLeod',
      'Kwame Mensah',
      'Ada Okafor',
      'Priya Raman',
      'Siobhan Byrne',
    ]);
    expect(await rowHeaders(table)).toContain('Rhys Evans');
    // Prototyping has the largest total gap (six people one level below); skills nobody's role
    // requires come last, by name.
    const skills = await skillHeaders(table);
    expect(skills[0]).toBe('Prototyping');
    expect(skills.slice(-3)).toEqual(['Change management', 'Incident management', 'Problem management']);
    expect([...skills].sort()).toEqual([...DDAT_SKILLS].sort());
    // The cells move with their headers.
    const firstRow = table.getByRole('row').nth(2);
    await expect(firstRow.getByRole('rowheader')).toHaveText('Tomasz Nowak');
    await expect(firstRow.getByRole('cell').first().getByRole('link')).toHaveAccessibleName(/^Tomasz Nowak, Prototyping: /);
    await expect(firstRow.getByRole('cell').first()).toHaveText('-1*');

    // Lowest coverage first: Prototyping again (2 of 8 meet it).
    await update(page, { sortSkills: 'Lowest coverage first (skills)' }, { sort_people: 'total-gap', sort_skills: 'coverage' });
    table = heatmap(page, 'Gap against the role level');
    await expect(page.getByLabel('Sort skills')).toHaveValue('coverage');
    await expect(table.getByRole('row').nth(1).getByRole('columnheader').nth(1)).toHaveText('Prototyping');

    // Back to names.
    await update(page, { sortPeople: 'Name', sortSkills: 'Name' }, { sort_people: 'name', sort_skills: 'name' });
    table = heatmap(page, 'Gap against the role level');
    await expect(skillHeaderCells(table)).toHaveText(['Person', ...DDAT_SKILLS]);
    const byName = (await rowHeaders(table)).filter((p) => DEMO_PEOPLE.includes(p));
    expect(byName).toEqual(DEMO_PEOPLE);
  });

  test("opening a cell shows the person's history for the skill", async ({ page }) => {
    await openHeatmap(page);
    await update(page, { kinds: ['DDaT skills'] }, { kind: 'ddat', person: null });
    await cell(heatmap(page), 'Priya Raman', 'Systems design').click();
    await expect(page).toHaveURL(/[?&]person=\d+&skill=\d+#cell-detail$/);
    await expectQuery(page, { mode: 'level', kind: 'ddat' });
    await waitForHydration(page);

    const panel = page.getByRole('region', { name: 'Priya Raman: Systems design', exact: true });
    await expect(panel).toBeVisible();
    await expect(panel.getByText('Required by their role level: 3 Practitioner')).toBeVisible();
    const history = panel.getByRole('table', { name: 'Assessment history, newest first' });
    await expect(history.getByRole('columnheader')).toHaveText(['Date', 'Level', 'Source', 'By', 'Evidence']);
    const rows = history.getByRole('row');
    // Newest first: the lead's round-two view with its evidence, the peer and self views, then
    // round one.
    await expect(rows.nth(1).getByRole('cell')).toHaveText([
      new RegExp(`^${DATE}$`),
      '3 Practitioner',
      'Lead',
      'Ada Okafor',
      'Designed the blue-green release for the payments API.',
    ]);
    const sources = await history.getByRole('row').evaluateAll((trs) =>
      trs.slice(1).map((tr) => [...tr.querySelectorAll('td')].slice(1, 4).map((td) => td.textContent?.trim())),
    );
    expect(sources).toContainEqual(['3 Practitioner', 'Peer', 'Callum MacLeod']);
    expect(sources).toContainEqual(['4 Expert', 'Self', 'Priya Raman']);
    expect(sources).toContainEqual(['2 Working', 'Lead', 'Ada Okafor']);
    const dates = await history.getByRole('row').evaluateAll((trs) =>
      trs.slice(1).map((tr) => tr.querySelector('td')?.textContent?.trim() ?? ''),
    );
    expect(dates).toEqual([...dates].sort().reverse());
    // The heatmap stays in view, with the same settings, under the panel.
    await expect(heatmap(page)).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'DDaT skills', exact: true })).toBeChecked();

    await panel.getByRole('link', { name: 'Close' }).click();
    await expect(page.getByRole('region', { name: 'Priya Raman: Systems design' })).toHaveCount(0);
    await expect(page).toHaveURL(/\/heatmap\?[^#]*$/);
    await expectQuery(page, { mode: 'level', kind: 'ddat', person: null, skill: null });

    await checkAccessibility(page, new URL(page.url()).pathname + new URL(page.url()).search, () =>
      expect(heatmap(page)).toBeVisible(),
    );
  });

  test('records a level in place from a cell, and the heatmap shows it', async ({ page }) => {
    await signInAs(page, USERS.lead);
    const name = uniqueName('Heatmap');
    await addPersonToTeam(page, TEAM, name);
    await page.getByRole('link', { name: 'Skill-mix heatmap', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Skill mix: ${TEAM}` })).toBeVisible();
    await waitForHydration(page);
    await update(page, { show: 'Gap against the role level', kinds: ['DDaT skills'] }, { mode: 'gap', kind: 'ddat' });

    // Required and not assessed yet: a question mark.
    const before = cell(heatmap(page, 'Gap against the role level'), name, 'Information security');
    await expect(before).toHaveText('?');
    await expect(before).toHaveAccessibleName(`${name}, Information security: not assessed, requires 3 Practitioner`);
    await before.click();
    await expect(page).toHaveURL(/[?&]person=\d+&skill=\d+#cell-detail$/);
    await expectQuery(page, { mode: 'gap', kind: 'ddat' });
    await waitForHydration(page);

    const panel = page.getByRole('region', { name: `${name}: Information security`, exact: true });
    await expect(panel).toBeVisible();
    await expect(panel.getByText('Required by their role level: 3 Practitioner')).toBeVisible();
    await expect(panel.getByText('Not assessed yet.')).toBeVisible();
    const level = panel.getByLabel('Record a new level (lead assessment, today)');
    await expect(level.getByRole('option')).toHaveText(['1 Awareness', '2 Working', '3 Practitioner', '4 Expert']);
    await level.selectOption({ label: '3 Practitioner' });
    await panel.getByRole('button', { name: 'Save level' }).click();

    // The history lists it, and the cell now shows it, in the same mode.
    const history = panel.getByRole('table', { name: 'Assessment history, newest first' });
    await expect(history.getByRole('row')).toHaveCount(2);
    await expect(history.getByRole('row').nth(1).getByRole('cell')).toHaveText([
      new RegExp(`^${DATE}$`),
      '3 Practitioner',
      'Lead',
      'Ada Okafor',
      '',
    ]);
    const today = (await history.getByRole('row').nth(1).getByRole('cell').first().innerText()).trim();
    await expect(page.getByText('Not assessed yet.')).toHaveCount(0);
    const after = cell(heatmap(page, 'Gap against the role level'), name, 'Information security');
    await expect(after).toHaveText('0');
    await expect(after).toHaveAccessibleName(
      `${name}, Information security: 3 Practitioner (lead, ${today}), requires 3 Practitioner, meets it, a gap of 0`,
    );
    await expect(page.getByLabel('Show', { exact: true })).toHaveValue('gap');
    await expect(page).toHaveURL(/[?&]person=\d+&skill=\d+/);
    await expectQuery(page, { mode: 'gap', kind: 'ddat' });
    // The other cells of the row are untouched.
    await expect(cell(heatmap(page, 'Gap against the role level'), name, 'Systems design')).toHaveText('?');

    // And in current-level mode, the value itself.
    await update(page, { show: 'Current level' }, { mode: 'level', kind: 'ddat', person: null });
    await expect(cell(heatmap(page), name, 'Information security')).toHaveText('3');

    await checkAccessibility(page, new URL(page.url()).pathname + new URL(page.url()).search, () =>
      expect(heatmap(page)).toBeVisible(),
    );
  });

  test('the open cell with its form has no axe violations, hydrated and server-rendered', async ({ page }, testInfo) => {
    test.skip(!jsEnabled(testInfo), 'axe-core needs JavaScript in the page');
    await openHeatmap(page);
    await update(page, { kinds: ['DDaT skills'] }, { kind: 'ddat' });
    await cell(heatmap(page), 'Mei Chen', 'Prototyping').click();
    const panel = page.getByRole('region', { name: 'Mei Chen: Prototyping', exact: true });
    await expect(panel.getByRole('button', { name: 'Save level' })).toBeVisible();
    await checkAccessibility(page, new URL(page.url()).pathname + new URL(page.url()).search, () =>
      expect(page.getByRole('region', { name: 'Mei Chen: Prototyping', exact: true })).toBeVisible(),
    );
  });
});
