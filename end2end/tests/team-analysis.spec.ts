/**
 * The team analyses beside the heatmap, by what a team lead sees: coverage
 * (`/teams/{id}/coverage`) with "what if this person leaves" and how its figures move, and team
 * dynamics (`/teams/{id}/dynamics`): the behavioural-skills heatmap, who could mentor whom, and
 * work packages ranked by fit. Both projects run every test; axe-core runs in the `js` project,
 * on the hydrated page and on the server-rendered one.
 *
 * The figures are the demo organisation's (src/demo/org/cast.rs). Other tests add people to
 * the team, so whole-team totals are compared before and after rather than spelt out.
 */
import type { Locator, Page } from '@playwright/test';
import {
  test,
  expect,
  signInAs,
  openTeam,
  waitForHydration,
  jsEnabled,
  expectNoAxeViolations,
  openServerRendered,
  USERS,
  TEAMS,
} from './helpers';

const TEAM = TEAMS.platform;
const DATE = '\\d{4}-\\d{2}-\\d{2}';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Opens one of the team page's analysis links, signed in as the team's lead. */
async function openAnalysis(page: Page, link: string, heading: string): Promise<void> {
  await signInAs(page, USERS.lead);
  await openTeam(page, TEAM);
  await page.getByRole('link', { name: link, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await waitForHydration(page);
}

/** axe on the page as it is (hydrated) and, in the `js` project, as the server renders it. */
async function checkAccessibility(page: Page, check: () => Promise<void>): Promise<void> {
  if (!jsEnabled(test.info())) return;
  await expectNoAxeViolations(page);
  const url = new URL(page.url());
  await openServerRendered(page, url.pathname + url.search);
  await check();
  await expectNoAxeViolations(page);
}

// ---------------------------------------------------------------------------------------------
// Coverage
// ---------------------------------------------------------------------------------------------

type Headline = { people: number; met: number; of: number; single: number; uncovered: number };

/** A headline figure's value, found by the words under it. */
function figure(page: Page, label: string): Locator {
  return page.locator('.figure').filter({ has: page.getByText(label, { exact: true }) }).locator('.figure__value');
}

async function headline(page: Page): Promise<Headline> {
  const number = async (label: string) => {
    const text = (await figure(page, label).innerText()).trim();
    expect(text, label).toMatch(/^\d+$/);
    return Number(text);
  };
  const met = (await figure(page, 'required levels met').innerText()).trim();
  const share = /^(\d+) of (\d+)$/.exec(met);
  expect(share, `required levels met: ${met}`).not.toBeNull();
  return {
    people: await number('people'),
    met: Number(share![1]),
    of: Number(share![2]),
    single: await number('skills with a single holder'),
    uncovered: await number('needed skills nobody holds'),
  };
}

async function expectHeadline(page: Page, want: Headline): Promise<void> {
  await expect(figure(page, 'people')).toHaveText(String(want.people));
  await expect(figure(page, 'required levels met')).toHaveText(`${want.met} of ${want.of}`);
  await expect(figure(page, 'skills with a single holder')).toHaveText(String(want.single));
  await expect(figure(page, 'needed skills nobody holds')).toHaveText(String(want.uncovered));
}

function coverageTable(page: Page): Locator {
  return page.getByRole('table', { name: "Every skill the team's role levels list or anyone is assessed on" });
}

/** A skill's row in the coverage table; `kind` tells apart skills that share a name. */
function skillRow(page: Page, skill: string, kind: string): Locator {
  return coverageTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: skill, exact: true }) })
    .filter({ has: page.getByRole('cell', { name: kind, exact: true }) });
}

/** Chooses who leaves (or "Nobody leaves") and recalculates. */
async function leaves(page: Page, who: string): Promise<void> {
  await page.getByLabel('What if this person leaves?').selectOption({ label: who });
  await page.getByRole('button', { name: 'Recalculate' }).click();
  await expect
    .poll(() => new URL(page.url()).searchParams.get('leaver'))
    .toMatch(who === 'Nobody leaves' ? /^$/ : /^\d+$/);
  await waitForHydration(page);
}

function impact(page: Page, who: string): Locator {
  return page.getByRole('status').filter({ has: page.getByRole('heading', { name: `Without ${who}`, exact: true }) });
}

test.describe('team coverage', () => {
  test('shows who holds each skill and flags single holders and gaps', async ({ page }) => {
    await openAnalysis(page, 'Coverage and single points of failure', `Coverage: ${TEAM}`);
    const figures = await headline(page);
    expect(figures.people).toBeGreaterThanOrEqual(8);
    expect(figures.met).toBeLessThan(figures.of);

    const table = coverageTable(page);
    await expect(table.getByRole('columnheader')).toHaveText([
      'Skill',
      'Kind',
      'Meet the required level',
      'Strong holders',
      'Holders',
      'Risk',
    ]);
    // Only Ada Okafor knows Agile, at Expert in: a single point of failure.
    await expect(skillRow(page, 'Agile', 'Technical knowledge').getByRole('cell')).toHaveText([
      'Technical knowledge',
      '1 of 1',
      '1',
      'Ada Okafor (4)',
      'Single holder',
    ]);
    // Nobody is at Practitioner in Prototyping, though two people meet what their role asks.
    await expect(skillRow(page, 'Prototyping', 'DDaT skills').getByRole('cell')).toHaveText([
      'DDaT skills',
      /^2 of \d+$/,
      '0',
      '',
      'Nobody holds it',
    ]);
    // Two skills called "Systems design": the DDaT one and the SFIA one, each with its holders.
    await expect(skillRow(page, 'Systems design', 'SFIA skills').getByRole('cell').nth(3)).toHaveText(
      'Ada Okafor (6), Tomasz Nowak (4)',
    );
    await expect(skillRow(page, 'Systems design', 'DDaT skills').getByRole('cell').nth(3)).toHaveText(
      /^Ada Okafor \(3\), Callum MacLeod \(3\), Kwame Mensah \(3\), Priya Raman \(3\), Siobhan Byrne \(3\)/,
    );
    // Assessed, but no one's role lists it.
    await expect(skillRow(page, 'Change management', 'DDaT skills').getByRole('cell').nth(1)).toHaveText('Not required');
    // A behavioural skill Ada Okafor's role lists without a level: needed, with one holder.
    await expect(skillRow(page, 'Teamwork', 'Behavioural skills').getByRole('cell')).toHaveText([
      'Behavioural skills',
      'Listed without a level',
      '1',
      'Ada Okafor (3)',
      'Single holder',
    ]);
    await expect(page.getByText(/^One holder only: .*\bAgile\b.*\.$/)).toBeVisible();
    await expect(page.getByText(/^Nobody holds: Prototyping, .*\.$/)).toBeVisible();
    // Nobody leaves yet: no "Without ..." panel.
    await expect(page.getByRole('status')).toHaveCount(0);
    await expect(page.getByLabel('What if this person leaves?')).toHaveValue('');

    await checkAccessibility(page, () => expect(coverageTable(page)).toBeVisible());
  });

  test('"what if this person leaves" recalculates the figures without them', async ({ page }) => {
    await openAnalysis(page, 'Coverage and single points of failure', `Coverage: ${TEAM}`);
    const before = await headline(page);

    // Mei Chen (junior) meets 5 of the 9 levels her role requires and is nobody's only holder.
    await leaves(page, 'Mei Chen');
    await expect(impact(page, 'Mei Chen')).toBeVisible();
    await expect(impact(page, 'Mei Chen')).toContainText('No skill would become single-holder or uncovered.');
    await expect(impact(page, 'Mei Chen')).toContainText('The figures below are without them.');
    await expect(page.getByLabel('What if this person leaves?').locator('option:checked')).toHaveText('Mei Chen');
    await expectHeadline(page, { ...before, people: before.people - 1, met: before.met - 5, of: before.of - 9 });

    // Ada Okafor is the only holder of 23 skills: all of them lose their holder, and two skills
    // she shares with one other person are left with one.
    await leaves(page, 'Ada Okafor');
    const ada = impact(page, 'Ada Okafor');
    await expect(ada).toBeVisible();
    const items = ada.getByRole('listitem');
    await expect(items).toHaveCount(25);
    await expect(items.filter({ hasText: /: nobody would hold it$/ })).toHaveCount(23);
    await expect(items.filter({ hasText: /: one holder would be left$/ })).toHaveCount(2);
    await expect(items.filter({ hasText: /^Agile: nobody would hold it$/ })).toHaveCount(1);
    await expect(items.filter({ hasText: /^Teamwork: nobody would hold it$/ })).toHaveCount(1);
    // Two skills share each of these names: the list says which one.
    await expect(items.filter({ hasText: /: one holder would be left$/ })).toHaveText([
      'Problem management (SFIA skills): one holder would be left',
      'Systems design (SFIA skills): one holder would be left',
    ]);
    await expect(page.getByText('One holder only: Problem management (SFIA skills), Systems design (SFIA skills).')).toBeVisible();
    await expectHeadline(page, {
      people: before.people - 1,
      met: before.met - 27,
      of: before.of - 37,
      single: before.single - 23 + 2,
      uncovered: before.uncovered + 23,
    });
    // The table is recalculated too: Agile has no holder left, and her post still needs it.
    await expect(skillRow(page, 'Agile', 'Technical knowledge').getByRole('cell')).toHaveText([
      'Technical knowledge',
      "Needed by the leaver's post",
      '0',
      /^\s*$/,
      'Nobody holds it',
    ]);
    await expect(skillRow(page, 'Systems design', 'SFIA skills').getByRole('cell').nth(3)).toHaveText('Tomasz Nowak (4)');
    await expect(skillRow(page, 'Systems design', 'SFIA skills').getByRole('cell').nth(4)).toHaveText('Single holder');
    await expect(coverageTable(page).getByText(/Ada Okafor/)).toHaveCount(0);

    await checkAccessibility(page, () => expect(impact(page, 'Ada Okafor')).toBeVisible());
    if (jsEnabled(test.info())) {
      // Back on the hydrated page for the rest.
      await page.goto(page.url());
      await waitForHydration(page);
    }

    // Nobody leaves: the figures are the team's again.
    await leaves(page, 'Nobody leaves');
    await expect(page.getByRole('status')).toHaveCount(0);
    await expectHeadline(page, before);
  });
});

// ---------------------------------------------------------------------------------------------
// Team dynamics
// ---------------------------------------------------------------------------------------------

function behavioural(page: Page): Locator {
  return page.getByRole('table', { name: 'Behavioural skills: current level', exact: true });
}

function mentoring(page: Page): Locator {
  return page.getByRole('table', { name: 'Mentoring matrix: rows could mentor columns', exact: true });
}

function rowOf(table: Locator, header: string): Locator {
  return table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name: header, exact: true }) });
}

/** Chooses a work-package need: a skill within its kind (names repeat across kinds), a level. */
async function need(page: Page, row: number, kind: string, skill: string, level?: number): Promise<string> {
  const select = page.getByLabel(`Skill for need ${row}`, { exact: true });
  const option = select.locator(`optgroup[label="${kind}"] > option`).filter({ hasText: new RegExp(`^${escape(skill)}$`) });
  await expect(option).toHaveCount(1);
  const value = (await option.getAttribute('value'))!;
  await select.selectOption(value);
  if (level !== undefined) {
    await page.getByLabel(`Level for need ${row}`, { exact: true }).selectOption({ label: `Level ${level}` });
  }
  return value;
}

test.describe('team dynamics', () => {
  test('shows the behavioural skills as a heatmap with a sentence per cell', async ({ page }) => {
    await openAnalysis(page, 'Team dynamics', `Team dynamics: ${TEAM}`);
    const table = behavioural(page);
    await expect(table).toBeVisible();
    await expect(table.getByRole('row').first().getByRole('columnheader')).toHaveText(['Behavioural skills']);
    const skills = table.getByRole('row').nth(1).getByRole('columnheader');
    await expect(skills).toHaveCount(13);
    await expect(skills.first()).toHaveText('Person');
    await expect(skills.filter({ hasText: /^Teamwork$/ })).toHaveCount(1);
    await expect(skills.filter({ hasText: /^Prototyping$/ })).toHaveCount(0);

    // Only Ada Okafor's role lists behavioural skills; her lead assessed each.
    const ada = rowOf(table, 'Ada Okafor');
    const influence = ada.getByRole('cell', { name: /^Ada Okafor, Influence, Persuasion and Personal Impact: / });
    await expect(influence).toHaveAccessibleName(
      new RegExp(`^Ada Okafor, Influence, Persuasion and Personal Impact: 4 Expert \\(lead, ${DATE}\\), listed for the role without a level$`),
    );
    await expect(influence.locator('[aria-hidden="true"]')).toHaveText('4');
    const leadership = ada.getByRole('cell', { name: /^Ada Okafor, Leadership: / });
    await expect(leadership.locator('[aria-hidden="true"]')).toHaveText('2');
    const mei = rowOf(table, 'Mei Chen').getByRole('cell', { name: /^Mei Chen, Teamwork: / });
    await expect(mei).toHaveAccessibleName('Mei Chen, Teamwork: not assessed, not required');
    await expect(mei.locator('[aria-hidden="true"]')).toHaveText('–');
    await expect(page.getByRole('heading', { level: 3, name: 'Behavioural skill level', exact: true })).toBeVisible();

    await checkAccessibility(page, () => expect(behavioural(page)).toBeVisible());
  });

  test('counts who could mentor whom and lists the skills of a pair', async ({ page }) => {
    await openAnalysis(page, 'Team dynamics', `Team dynamics: ${TEAM}`);
    const matrix = mentoring(page);
    await expect(matrix).toBeVisible();
    const headers = matrix.getByRole('columnheader');
    await expect(headers.first()).toHaveText('Mentor ↓ · Mentee →');
    await expect(headers.filter({ hasText: /^Tomasz Nowak$/ })).toHaveCount(1);

    const adaRow = rowOf(matrix, 'Ada Okafor');
    const adaTomasz = adaRow.getByRole('link', { name: 'Ada Okafor could mentor Tomasz Nowak in 6 skills', exact: true });
    await expect(adaTomasz).toHaveText('6');
    await expect(adaRow.getByRole('link', { name: 'Ada Okafor could mentor Priya Raman in 1 skill', exact: true })).toHaveText('1');
    // Nobody to help with: a dash, said in words, and nothing to open.
    const meiAda = rowOf(matrix, 'Mei Chen').getByRole('cell', { name: 'Mei Chen could mentor Ada Okafor in no skills', exact: true });
    await expect(meiAda.locator('[aria-hidden="true"]')).toHaveText('–');
    await expect(meiAda.getByRole('link')).toHaveCount(0);
    await expect(adaRow.getByRole('cell', { name: 'Ada Okafor (same person)', exact: true })).toHaveCount(1);

    await adaTomasz.click();
    await expect(page).toHaveURL(/[?&]mentor=\d+&mentee=\d+#mentoring-detail$/);
    await waitForHydration(page);
    const detail = page.getByRole('region', { name: 'Ada Okafor could help Tomasz Nowak with', exact: true });
    await expect(detail).toBeVisible();
    const skills = detail.getByRole('listitem');
    await expect(skills).toHaveCount(6);
    // Where the framework has two skills of one name (DDaT and SFIA), the kind tells them apart.
    await expect(skills).toHaveText([
      'Availability and capacity management: Ada Okafor is at 3, Tomasz Nowak is at 1 and needs 2',
      'Information security: Ada Okafor is at 3, Tomasz Nowak is at 2 and needs 3',
      'Systems design (DDaT skills): Ada Okafor is at 3, Tomasz Nowak is at 2 and needs 3',
      'Systems integration (DDaT skills): Ada Okafor is at 4, Tomasz Nowak is at 3 and needs 4',
      'Problem management (SFIA skills): Ada Okafor is at 5, Tomasz Nowak is at 3 and needs 5',
      'Systems design (SFIA skills): Ada Okafor is at 6, Tomasz Nowak is at 4 and needs 5',
    ]);
    // The matrix stays in view under the detail.
    await expect(mentoring(page)).toBeVisible();

    await checkAccessibility(page, () =>
      expect(page.getByRole('region', { name: 'Ada Okafor could help Tomasz Nowak with' })).toBeVisible(),
    );
    if (jsEnabled(test.info())) {
      await page.goto(page.url());
      await waitForHydration(page);
    }
    await page
      .getByRole('region', { name: 'Ada Okafor could help Tomasz Nowak with' })
      .getByRole('link', { name: 'Close' })
      .click();
    await expect(page.getByRole('region', { name: 'Ada Okafor could help Tomasz Nowak with' })).toHaveCount(0);
    await expect(mentoring(page)).toBeVisible();
  });

  test('ranks the team for a work package and says who would be stretched', async ({ page }) => {
    await openAnalysis(page, 'Team dynamics', `Team dynamics: ${TEAM}`);
    const sfiaDesign = await need(page, 1, 'SFIA skills', 'Systems design', 5);
    await need(page, 2, 'DDaT skills', 'Systems integration', 4);
    await page.getByRole('button', { name: 'Rank the team' }).click();
    await expect(page).toHaveURL(/\/dynamics\?(.*&)?need_skill=\d+/);
    await waitForHydration(page);

    await expect(
      page.getByRole('heading', {
        level: 3,
        name: 'Best fits for: Systems design (SFIA skills) at 5 Ensure, advise; Systems integration (DDaT skills) at 4 Expert',
      }),
    ).toBeVisible();
    const individuals = page.getByRole('table', { name: 'Individuals', exact: true });
    await expect(individuals.getByRole('columnheader')).toHaveText(['Who', 'Needs met', 'Levels short', 'Would be stretched on']);
    // Ada Okafor meets both needs; Tomasz Nowak is one level short on each.
    const rows = individuals.getByRole('row');
    await expect(rows.nth(1).getByRole('rowheader')).toHaveText('Ada Okafor');
    await expect(rows.nth(1).getByRole('cell')).toHaveText(['2 of 2', '0', 'Nothing']);
    await expect(rows.nth(2).getByRole('rowheader')).toHaveText('Tomasz Nowak');
    await expect(rows.nth(2).getByRole('cell')).toHaveText([
      '0 of 2',
      '2',
      'Tomasz Nowak on Systems design (SFIA skills), 1 level short (at 4, needs 5); ' +
        'Tomasz Nowak on Systems integration (DDaT skills), 1 level short (at 3, needs 4)',
    ]);
    // Someone not assessed on a need is short by the whole level: the last row shown (Rhys
    // Evans, or someone other specs added to the team and never assessed, who ties with him).
    await expect(rows.last().getByRole('cell')).toHaveText([
      '0 of 2',
      '9',
      /^(.+) on Systems design \(SFIA skills\), 5 levels short \(not assessed, needs 5\); \1 on Systems integration \(DDaT skills\), 4 levels short \(not assessed, needs 4\)$/,
    ]);
    // The form shows the needs asked for.
    await expect(page.getByLabel('Skill for need 1', { exact: true }).locator('option:checked')).toHaveText('Systems design');
    await expect(page.getByLabel('Skill for need 1', { exact: true }).locator('option:checked')).toHaveAttribute(
      'value',
      sfiaDesign,
    );
    await expect(page.getByLabel('Level for need 1', { exact: true })).toHaveValue('5');
    await expect(page.getByLabel('Skill for need 2', { exact: true }).locator('option:checked')).toHaveText('Systems integration');
    await expect(page.getByLabel('Level for need 2', { exact: true })).toHaveValue('4');
    await expect(page.getByLabel('Skill for need 3', { exact: true })).toHaveValue('');
    // Ada alone fits, so no pair covers more than its members.
    await expect(page.getByText('Pairs that cover more together: none.')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Pairs that cover more together' })).toHaveCount(0);

    await checkAccessibility(page, () => expect(page.getByRole('table', { name: 'Individuals' })).toBeVisible());
  });

  test('a need the form describes badly is explained beside the form, with the rest of the page', async ({ page }) => {
    await openAnalysis(page, 'Team dynamics', `Team dynamics: ${TEAM}`);
    // DDaT skills have four levels: level 7 is not one of them.
    await need(page, 1, 'DDaT skills', 'Systems design', 7);
    await page.getByRole('button', { name: 'Rank the team' }).click();
    await expect(page).toHaveURL(/\/dynamics\?(.*&)?need_level=7\b/);
    await waitForHydration(page);
    const problem = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(problem).toBeVisible();
    await expect(problem.getByRole('link')).toHaveText([/level 7 is not on the DDaT skill level scale of Systems design/]);
    await expect(problem.getByRole('link')).toHaveAttribute('href', '#need_skill');
    await expect(page.getByRole('table', { name: 'Skills the package needs' })).toHaveAttribute('id', 'need_skill');
    // The page is all there: the heading, the matrices, and the form with what was asked.
    await expect(page.getByRole('heading', { level: 1, name: `Team dynamics: ${TEAM}` })).toBeVisible();
    await expect(mentoring(page)).toBeVisible();
    await expect(behavioural(page)).toBeVisible();
    await expect(page.getByLabel('Level for need 1', { exact: true })).toHaveValue('7');
    await expect(page.getByRole('heading', { name: /^Best fits for/ })).toHaveCount(0);
    await checkAccessibility(page, () =>
      expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible(),
    );
    if (jsEnabled(test.info())) {
      await page.goto(page.url());
      await waitForHydration(page);
    }

    // A skill without a level.
    await page.getByLabel('Level for need 1', { exact: true }).selectOption({ label: 'None' });
    await page.getByRole('button', { name: 'Rank the team' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' }).getByRole('link')).toHaveText([
      'Need 1: choose a skill and a level',
    ]);
    await expect(mentoring(page)).toBeVisible();

    // Put right, the ranking follows and the problem is gone.
    await page.getByLabel('Level for need 1', { exact: true }).selectOption({ label: 'Level 3' });
    await page.getByRole('button', { name: 'Rank the team' }).click();
    await expect(
      page.getByRole('heading', { level: 3, name: 'Best fits for: Systems design (DDaT skills) at 3 Practitioner' }),
    ).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toHaveCount(0);
  });
});
