/**
 * The edit and delete pages (issue 16): teams, people, workshop programmes, their events and
 * agenda items. An edit is visible afterwards where the thing is shown; a delete asks for
 * confirmation (nothing goes without a "Yes", and Cancel goes back), and afterwards the thing is
 * gone. Every test makes its own team, people and programme, so no demo data changes. Runs with
 * JavaScript on and off; axe-core with it on, hydrated and as the server renders the page.
 */
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  signInAs,
  open,
  openServerRendered,
  expectNoAxeViolations,
  expectErrorSummary,
  jsEnabled,
  waitForHydration,
  membersTable,
  teamsTable,
  uniqueName,
  ROLE_LEVEL,
  USERS,
} from './helpers';

/** axe-core on the current page, hydrated and as the server renders it (JavaScript project only). */
async function checkAccessibility(page: Page, heading: string): Promise<void> {
  if (!jsEnabled(test.info())) return;
  const path = new URL(page.url()).pathname + new URL(page.url()).search;
  await expectNoAxeViolations(page);
  await openServerRendered(page, path);
  await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await open(page, path);
  await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeVisible();
}

/** Creates a team with the "Create a team" form; ends on its page. Returns its address. */
async function createTeam(page: Page, name: string, description = ''): Promise<string> {
  await open(page, '/teams/new');
  await page.getByLabel('Team name').fill(name);
  if (description) await page.getByLabel('What the team does (optional)').fill(description);
  await page.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await waitForHydration(page);
  return new URL(page.url()).pathname;
}

/** Adds a new person on the team page; ends on the team page. Returns the person's address. */
async function addPerson(page: Page, teamPath: string, team: string, name: string): Promise<string> {
  await open(page, teamPath);
  await page.getByRole('link', { name: 'Add a new person to this team' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Add a person to ${team}` })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Role level', { exact: true }).selectOption({ label: ROLE_LEVEL });
  await page.getByRole('button', { name: 'Save person' }).click();
  const link = membersTable(page).getByRole('link', { name, exact: true });
  await expect(link).toBeVisible();
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^\/people\/\d+$/);
  return href!;
}

/**
 * The confirmation step every delete page has: submitting without "Yes" (nothing chosen, then
 * "No") deletes nothing and says why; Cancel goes back to `back` (checked by its heading).
 */
async function expectConfirmationAsked(
  page: Page,
  opts: { heading: string; button: string; message: string; backHeading: string },
): Promise<void> {
  const deletePath = new URL(page.url()).pathname;
  await page.getByRole('button', { name: opts.button }).click();
  await expectErrorSummary(page, opts.message);
  await expect(page.getByRole('heading', { level: 1, name: opts.heading })).toBeVisible();
  if (jsEnabled(test.info())) await expectNoAxeViolations(page);
  await waitForHydration(page);
  await page.getByRole('radio', { name: 'No' }).check();
  await page.getByRole('button', { name: opts.button }).click();
  await expectErrorSummary(page, opts.message);
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: opts.backHeading })).toBeVisible();
  await open(page, deletePath);
  await expect(page.getByRole('heading', { level: 1, name: opts.heading })).toBeVisible();
}

test.describe('teams', () => {
  test('editing a team shows the new name, description and cadence on its page and the dashboard', async ({ page }) => {
    await signInAs(page, USERS.admin);
    const before = uniqueName('Team to edit');
    const teamPath = await createTeam(page, before, 'Runs the build farm.');
    await expect(page.getByText('Runs the build farm.')).toBeVisible();
    await expect(page.getByText('Every 6 months')).toBeVisible();

    await page.getByRole('link', { name: 'Edit team' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Edit team' })).toBeVisible();
    await waitForHydration(page);
    await expect(page.getByLabel('Team name')).toHaveValue(before);
    await expect(page.getByLabel('What the team does (optional)')).toHaveValue('Runs the build farm.');
    await expect(page.getByLabel('Review cadence in months')).toHaveValue('6');
    await checkAccessibility(page, 'Edit team');

    // An empty name is refused and nothing changes.
    await page.getByLabel('Team name').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectErrorSummary(page, 'Enter the team name');
    if (jsEnabled(test.info())) await expectNoAxeViolations(page);
    await waitForHydration(page);

    const after = uniqueName('Edited team');
    await page.getByLabel('Team name').fill(after);
    await page.getByLabel('What the team does (optional)').fill('Runs the build farm and the release pipeline.');
    await page.getByLabel('Review cadence in months').fill('3');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(new RegExp(`${teamPath}$`));
    await expect(page.getByRole('heading', { level: 1, name: after })).toBeVisible();
    await expect(page.getByText('Runs the build farm and the release pipeline.')).toBeVisible();
    await expect(page.getByText('Every 3 months')).toBeVisible();

    await open(page, '/');
    await expect(teamsTable(page).getByRole('link', { name: after, exact: true })).toBeVisible();
    await expect(teamsTable(page).getByRole('link', { name: before, exact: true })).toHaveCount(0);
  });

  test('deleting a team asks for confirmation, then the team is gone and its people are kept', async ({ page }) => {
    await signInAs(page, USERS.admin);
    const team = uniqueName('Team to delete');
    const teamPath = await createTeam(page, team);
    const person = uniqueName('Kept person');
    const personPath = await addPerson(page, teamPath, team, person);

    await page.getByRole('link', { name: 'Delete team' }).click();
    const heading = `Delete ${team}?`;
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByText('The team and its memberships are deleted.')).toBeVisible();
    await waitForHydration(page);
    await checkAccessibility(page, heading);
    await expectConfirmationAsked(page, {
      heading,
      button: 'Delete team',
      message: 'Select yes to confirm you want to delete the team',
      backHeading: team,
    });
    await open(page, '/');
    await expect(teamsTable(page).getByRole('link', { name: team, exact: true })).toBeVisible();

    await open(page, `${teamPath}/delete`);
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByRole('button', { name: 'Delete team' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your teams' })).toBeVisible();
    await expect(teamsTable(page).getByRole('link', { name: team, exact: true })).toHaveCount(0);

    await open(page, teamPath);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    // Its people are kept, without the team.
    await open(page, personPath);
    await expect(page.getByRole('heading', { level: 1, name: person })).toBeVisible();
    await expect(page.getByRole('link', { name: team })).toHaveCount(0);
  });
});

test.describe('people', () => {
  test('editing a person shows the new details on their page and their team page', async ({ page }) => {
    await signInAs(page, USERS.admin);
    const team = uniqueName('People edit team');
    const teamPath = await createTeam(page, team);
    const before = uniqueName('Person to edit');
    const personPath = await addPerson(page, teamPath, team, before);

    await open(page, personPath);
    await page.getByRole('link', { name: 'Edit details' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Edit details' })).toBeVisible();
    await waitForHydration(page);
    await expect(page.getByLabel('Full name')).toHaveValue(before);
    await checkAccessibility(page, 'Edit details');

    // An address the browser lets through but the server refuses (no dot in the domain).
    await page.getByLabel('Work email address (optional)').fill('someone@intranet');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectErrorSummary(page, 'Enter an email address in the correct format');
    await waitForHydration(page);

    const after = uniqueName('Edited person');
    const email = `${after.toLowerCase().replace(/\s+/g, '.')}@example.gov.uk`;
    await page.getByLabel('Full name').fill(after);
    await page.getByLabel('Work email address (optional)').fill(email);
    await page
      .getByLabel('Role level they are aiming for (optional)')
      .selectOption({ label: 'Development operations (DevOps) engineer – Senior DevOps engineer' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(new RegExp(`${personPath}$`));
    await expect(page.getByRole('heading', { level: 1, name: after })).toBeVisible();
    await expect(page.getByText('Development operations (DevOps) engineer – Senior DevOps engineer')).toBeVisible();

    // Saved: the edit form holds the new values, and the team lists the new name only.
    await open(page, `${personPath}/edit`);
    await expect(page.getByLabel('Full name')).toHaveValue(after);
    await expect(page.getByLabel('Work email address (optional)')).toHaveValue(email);
    await open(page, teamPath);
    await expect(membersTable(page).getByRole('link', { name: after, exact: true })).toBeVisible();
    await expect(membersTable(page).getByRole('link', { name: before, exact: true })).toHaveCount(0);
  });

  test('deleting a person asks for confirmation, then they are gone from their team', async ({ page }) => {
    await signInAs(page, USERS.admin);
    const team = uniqueName('People delete team');
    const teamPath = await createTeam(page, team);
    const person = uniqueName('Person to delete');
    const personPath = await addPerson(page, teamPath, team, person);

    await open(page, personPath);
    await page.getByRole('link', { name: 'Delete person' }).click();
    const heading = `Delete ${person}?`;
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await waitForHydration(page);
    await checkAccessibility(page, heading);
    await expectConfirmationAsked(page, {
      heading,
      button: 'Delete person',
      message: 'Select yes to confirm you want to delete this person',
      backHeading: person,
    });
    await open(page, teamPath);
    await expect(membersTable(page).getByRole('link', { name: person, exact: true })).toBeVisible();

    await open(page, `${personPath}/delete`);
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByRole('button', { name: 'Delete person' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your teams' })).toBeVisible();

    await open(page, teamPath);
    await expect(page.getByRole('heading', { level: 1, name: team })).toBeVisible();
    await expect(page.getByText(person)).toHaveCount(0);
    await open(page, personPath);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  });
});

test.describe('workshops', () => {
  test('a programme, its event and an agenda item are edited, then deleted after confirmation', async ({ page }) => {
    test.setTimeout(180_000);
    await signInAs(page, USERS.admin);
    const team = uniqueName('Workshop edit team');
    await createTeam(page, team);

    const before = uniqueName('Programme to edit');
    await open(page, '/workshops/new');
    await page.getByLabel('Programme title').fill(before);
    await page.getByLabel('Problem statement', { exact: true }).fill('Nobody has tried chaos engineering yet.');
    await page.getByRole('checkbox', { name: team }).check();
    await page.getByRole('button', { name: 'Create programme' }).click();
    await expect(page.getByRole('heading', { level: 1, name: before })).toBeVisible();
    await waitForHydration(page);
    const programmePath = new URL(page.url()).pathname;

    // Edit the programme.
    await page.getByRole('link', { name: 'Edit programme' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Edit programme' })).toBeVisible();
    await waitForHydration(page);
    await expect(page.getByLabel('Programme title')).toHaveValue(before);
    await checkAccessibility(page, 'Edit programme');
    const programme = uniqueName('Edited programme');
    await page.getByLabel('Programme title').fill(programme);
    await page.getByLabel('Problem statement', { exact: true }).fill('Nobody has run a game day yet.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(new RegExp(`${programmePath}$`));
    await expect(page.getByRole('heading', { level: 1, name: programme })).toBeVisible();
    await expect(page.getByText('Nobody has run a game day yet.')).toBeVisible();
    await waitForHydration(page);
    await open(page, '/workshops');
    await expect(page.getByRole('link', { name: programme, exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: before, exact: true })).toHaveCount(0);

    // An event, then its details edited.
    await open(page, programmePath);
    await page.getByRole('link', { name: 'Add an event' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Add an event' })).toBeVisible();
    await waitForHydration(page);
    await page.getByLabel('Event title').fill('Game day 1');
    await page.getByLabel('Date', { exact: true }).fill('2027-05-11');
    await page.getByLabel('Start time').fill('10:00');
    await page.getByLabel('Length in minutes').fill('90');
    await page.getByRole('button', { name: 'Add event' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Game day 1' })).toBeVisible();
    await waitForHydration(page);
    const eventPath = new URL(page.url()).pathname;

    await page.getByRole('link', { name: 'Edit event details' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Edit event details' })).toBeVisible();
    await waitForHydration(page);
    await expect(page.getByLabel('Event title')).toHaveValue('Game day 1');
    await expect(page.getByLabel('Start time')).toHaveValue('10:00');
    await checkAccessibility(page, 'Edit event details');
    await page.getByLabel('Event title').fill('Game day: the database fails over');
    await page.getByLabel('Start time').fill('13:30');
    await page.getByLabel('Place (optional)').fill('Room 2.04');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(new RegExp(`${eventPath}$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Game day: the database fails over' })).toBeVisible();
    await waitForHydration(page);

    // An agenda item, edited: its row shows the new title, minutes and start time.
    const agenda = page.getByRole('table', { name: 'Agenda' });
    await page.getByLabel('Item title').fill('Warm-up');
    await page.getByLabel('Minutes', { exact: true }).fill('15');
    await page.getByRole('button', { name: 'Add item' }).click();
    await expect(agenda.getByRole('rowheader', { name: /^Warm-up/ })).toBeVisible();
    await waitForHydration(page);
    await agenda.getByRole('link', { name: 'Edit Warm-up' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Edit agenda item' })).toBeVisible();
    await waitForHydration(page);
    await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Warm-up');
    await expect(page.getByLabel('Minutes', { exact: true })).toHaveValue('15');
    await checkAccessibility(page, 'Edit agenda item');
    await page.getByLabel('Title', { exact: true }).fill('Failure stories');
    await page.getByLabel('Minutes', { exact: true }).fill('25');
    await page.getByLabel('Materials').fill('Sticky notes');
    await page.getByRole('button', { name: 'Save item' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Game day: the database fails over' })).toBeVisible();
    const row = agenda.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Failure stories/ }) });
    await expect(row.getByRole('cell').first()).toHaveText('13:30–13:55');
    await expect(row.getByRole('cell').nth(1)).toHaveText('25');
    await expect(row.getByRole('rowheader')).toContainText('Materials: Sticky notes');
    await expect(agenda.getByRole('rowheader', { name: /^Warm-up/ })).toHaveCount(0);
    await waitForHydration(page);

    // Deleting the item takes it off the agenda.
    await agenda.getByRole('button', { name: 'Delete Failure stories' }).click();
    await expect(page.getByText('The agenda is empty')).toBeVisible();
    await waitForHydration(page);

    // Deleting the event asks first.
    await open(page, eventPath);
    await page.getByRole('link', { name: 'Delete event' }).click();
    const eventHeading = 'Delete Game day: the database fails over?';
    await expect(page.getByRole('heading', { level: 1, name: eventHeading })).toBeVisible();
    await waitForHydration(page);
    await checkAccessibility(page, eventHeading);
    await expectConfirmationAsked(page, {
      heading: eventHeading,
      button: 'Delete event',
      message: 'Select yes',
      backHeading: 'Game day: the database fails over',
    });
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByRole('button', { name: 'Delete event' }).click();
    await expect(page.getByRole('heading', { level: 1, name: programme })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Game day: the database fails over' })).toHaveCount(0);
    await open(page, eventPath);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();

    // Deleting the programme asks first, then it is gone from the list.
    await open(page, programmePath);
    await page.getByRole('link', { name: 'Delete this programme' }).click();
    const programmeHeading = `Delete ${programme}?`;
    await expect(page.getByRole('heading', { level: 1, name: programmeHeading })).toBeVisible();
    await waitForHydration(page);
    await checkAccessibility(page, programmeHeading);
    await expectConfirmationAsked(page, {
      heading: programmeHeading,
      button: 'Delete programme',
      message: 'Select yes',
      backHeading: programme,
    });
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByRole('button', { name: 'Delete programme' }).click();
    await expect(page).toHaveURL(/\/workshops$/);
    await expect(page.getByRole('link', { name: programme, exact: true })).toHaveCount(0);
    await open(page, programmePath);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  });
});
