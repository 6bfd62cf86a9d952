/**
 * Training-needs analysis and development plans, end to end, with JavaScript on (`js`) and off
 * (`nojs`): a lead accepts an action for a person from the team analysis and finds it on the
 * person's plan and page; a plan action goes through its lifecycle; a member moves their own
 * actions along but cannot add any; bad input is named in the error summary.
 */
import { test, expect, signInAs, open, openTeam, waitForHydration, errorSummary, uniqueName, USERS, TEAMS } from './helpers';
import type { Page } from '@playwright/test';

const PERSON = 'Tomasz Nowak';

/** Opens the team analysis from the team page's "Training needs" link. */
async function openTrainingNeeds(page: Page, team: string): Promise<void> {
  await openTeam(page, team);
  await page.getByRole('link', { name: 'Training needs', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Training needs: ${team}` })).toBeVisible();
  await waitForHydration(page);
}

/** The needs table of the team analysis. */
function needsTable(page: Page) {
  return page.getByRole('table', { name: 'Every training need with its priority and the factors behind it' });
}

/** The actions table of a development plan. */
function actionsTable(page: Page) {
  return page.getByRole('table', { name: 'Actions in the development plan, open ones first' });
}

/** Opens a person's development plan from the team page, through their person page. */
async function openPlan(page: Page, team: string, person: string): Promise<void> {
  await openTeam(page, team);
  await page.getByRole('table', { name: 'Team members' }).getByRole('link', { name: person, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: person })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole('link', { name: 'View development plan and career-path gaps' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Development plan: ${person}` })).toBeVisible();
  await waitForHydration(page);
}

/** Adds an action with the plan page's "Add an action" form. */
async function addAction(page: Page, text: string): Promise<void> {
  await page.getByText('Add an action', { exact: true }).click();
  const form = page.getByRole('form', { name: 'Add an action' });
  await form.getByLabel('Action', { exact: true }).fill(text);
  await form.getByRole('button', { name: 'Add action' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Action added' })).toContainText(text);
  await waitForHydration(page);
}

test('a lead accepts an action from the team analysis and sees it on the person\'s plan and page', async ({ page }) => {
  await signInAs(page, USERS.lead);
  await openTrainingNeeds(page, TEAMS.platform);

  // The formula is shown in words, and needs are grouped for workshops.
  await expect(page.getByRole('heading', { name: 'How priority is worked out' })).toBeVisible();
  await expect(page.getByText('Priority = gap × importance × scarcity × evidence age.')).toBeVisible();
  await expect(page.getByRole('link', { name: /^Plan a workshop for this need/ }).first()).toHaveAttribute(
    'href',
    /^\/workshops\/new\?team=\d+&skill=\d+$/,
  );
  // Stale evidence is marked in words.
  await expect(needsTable(page).getByText('Stale: over 6 months').first()).toBeVisible();

  // The highest-priority need of the person, with its "Add to plan" form.
  const row = needsTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: PERSON, exact: true }) })
    .first();
  const skill = (await row.getByRole('cell').nth(1).innerText()).trim();
  await row.getByText(`Add to plan for ${PERSON}: ${skill}`).click();
  const action = row.getByLabel('Action', { exact: true });
  await expect(action).not.toHaveValue('');
  await expect(row.getByLabel('Owner')).toHaveValue(/\d+/);
  await expect(row.getByLabel('Due date')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  const text = uniqueName(`Pair on ${skill}`);
  await action.fill(text);
  await row.getByRole('button', { name: `Add to plan for ${PERSON}` }).click();

  const notice = page.getByRole('status').filter({ hasText: 'Action added' });
  await expect(notice).toContainText(`Added to ${PERSON}'s development plan: "${text}"`);
  await waitForHydration(page);
  // The need now shows the action as in the plan.
  await expect(needsTable(page).getByText(text)).toBeVisible();

  await notice.getByRole('link', { name: `View ${PERSON}'s plan` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Development plan: ${PERSON}` })).toBeVisible();
  await waitForHydration(page);
  const planned = actionsTable(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(text) }) });
  await expect(planned).toHaveCount(1);
  await expect(planned.getByRole('cell').nth(0)).toHaveText(PERSON);
  await expect(planned.getByRole('cell').nth(2)).toContainText('Planned');

  // The person page summarises the plan.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: PERSON }).click();
  await expect(page.getByRole('heading', { level: 1, name: PERSON })).toBeVisible();
  await waitForHydration(page);
  const summary = page.getByRole('region', { name: 'Development plan' });
  await expect(summary.getByText(text)).toBeVisible();
  await expect(summary.getByRole('link', { name: 'View development plan and career-path gaps' })).toBeVisible();
});

test('a plan action goes from planned to in progress to done, with its history', async ({ page }) => {
  await signInAs(page, USERS.lead);
  await openPlan(page, TEAMS.platform, PERSON);
  const text = uniqueName('Shadow the on-call lead');
  await addAction(page, text);

  const row = () => actionsTable(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(text) }) });
  const status = () => row().getByLabel(`New status for ${text}`);
  // Planned offers only the next steps: in progress, or dropped.
  await expect(status().getByRole('option')).toHaveText(['In progress', 'Dropped']);
  await status().selectOption({ label: 'In progress' });
  await row().getByRole('button', { name: `Update status of ${text}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Status updated' })).toContainText(`"${text}" is now in progress.`);
  await waitForHydration(page);
  await expect(row().getByRole('cell').nth(2)).toContainText('In progress');

  await status().selectOption({ label: 'Done' });
  await row().getByRole('button', { name: `Update status of ${text}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Status updated' })).toContainText(`"${text}" is now done.`);
  await waitForHydration(page);
  await expect(row().getByRole('cell').nth(2)).toContainText('Done');
  await expect(row().getByText('Finished')).toBeVisible();

  await row().getByText(`History of ${text}`).click();
  await expect(row().getByRole('listitem')).toHaveCount(3);
  await expect(row().getByRole('listitem').nth(1)).toContainText('Planned → In progress');
  await expect(row().getByRole('listitem').nth(2)).toContainText('In progress → Done');
});

test('an action without text or with a past due date is refused and named', async ({ page }) => {
  await signInAs(page, USERS.lead);
  await openPlan(page, TEAMS.platform, PERSON);
  await page.getByText('Add an action', { exact: true }).click();
  const form = page.getByRole('form', { name: 'Add an action' });
  await form.getByLabel('Action', { exact: true }).fill('');
  await form.getByLabel('Due date').fill('2020-01-01');
  await form.getByRole('button', { name: 'Add action' }).click();

  const summary = errorSummary(page);
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Enter what the action is' })).toHaveAttribute('href', '#add-text');
  await expect(summary.getByRole('link', { name: 'The due date must be today or in the future' })).toBeVisible();
  // The form is open again with the message beside the field and what was typed kept.
  const again = page.getByRole('form', { name: 'Add an action' });
  await expect(again.getByLabel('Action', { exact: true })).toBeVisible();
  await expect(again.getByText('Error: Enter what the action is')).toBeVisible();
  await expect(again.getByLabel('Due date')).toHaveValue('2020-01-01');
});

test('a member moves their own actions along but cannot add any', async ({ page }) => {
  // The lead adds an action to the member's plan.
  await signInAs(page, USERS.lead);
  await openPlan(page, TEAMS.platform, PERSON);
  const text = uniqueName('Read the incident reviews');
  await addAction(page, text);

  await page.context().clearCookies();
  await signInAs(page, USERS.member);
  await open(page, '/');
  await page.getByRole('link', { name: 'My skills' }).click();
  await expect(page.getByRole('heading', { level: 1, name: PERSON })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole('link', { name: 'View development plan and career-path gaps' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Development plan: ${PERSON}` })).toBeVisible();
  await waitForHydration(page);
  await expect(page.getByText('Add an action', { exact: true })).toHaveCount(0);
  await expect(page.getByText(/^Add to plan/)).toHaveCount(0);

  const row = actionsTable(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(text) }) });
  await row.getByLabel(`New status for ${text}`).selectOption({ label: 'In progress' });
  await row.getByRole('button', { name: `Update status of ${text}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Status updated' })).toContainText(`"${text}" is now in progress.`);
  await waitForHydration(page);
  await expect(row.getByRole('cell').nth(2)).toContainText('In progress');
});

test('a lead weights a skill and the priorities use the weight', async ({ page }) => {
  await signInAs(page, USERS.lead);
  await openTrainingNeeds(page, TEAMS.platform);
  const weight = () => page.getByLabel('Prototyping', { exact: true });
  await page.getByText(/^Set skill weights/).click();

  // A weight that is not a number is named, and what was typed is kept.
  await weight().fill('lots');
  await page.getByRole('button', { name: 'Save weights' }).click();
  await expect(errorSummary(page).getByRole('link', { name: /^Prototyping: weight "lots" is not a number/ })).toBeVisible();
  await waitForHydration(page);
  await expect(weight()).toHaveValue('lots');

  await weight().fill('9');
  await page.getByRole('button', { name: 'Save weights' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Skill weights saved' })).toBeVisible();
  await waitForHydration(page);
  const prototyping = needsTable(page).getByRole('row').filter({ has: page.getByRole('cell', { name: 'Prototyping', exact: true }) }).first();
  await expect(prototyping.getByText('× importance 9')).toBeVisible();

  // Blank goes back to the default (how many of the team's role levels require it).
  await weight().fill('');
  await page.getByRole('button', { name: 'Save weights' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Skill weights saved' })).toBeVisible();
  await waitForHydration(page);
  await expect(needsTable(page).getByRole('row').filter({ has: page.getByRole('cell', { name: 'Prototyping', exact: true }) }).first().getByText('× importance 9')).toHaveCount(0);
});
