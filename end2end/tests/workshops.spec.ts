/**
 * The workshop planner, end to end, with JavaScript on (`js`) and off (`nojs`): from the team's
 * training needs, plan a two-event programme, build an agenda from the method library (with a
 * break, a reordering and an overrun warning), print its agendas, invite the suggested people,
 * record attendance, run the facilitation timer, and export the calendar and the JSON.
 */
import type { Page } from '@playwright/test';
import {
  errorSummary,
  expect,
  expectNoAxeViolations,
  jsEnabled,
  open,
  openTeam,
  signIn,
  test,
  uniqueName,
  TEAMS,
  USERS,
  waitForHydration,
} from './helpers';

/** The agenda table of the agenda editor. */
function agenda(page: Page) {
  return page.getByRole('table', { name: 'Agenda' });
}

/** The item titles of the agenda, in order (the row headers). */
async function agendaTitles(page: Page): Promise<string[]> {
  const headers = agenda(page).getByRole('rowheader');
  const texts = await headers.allInnerTexts();
  return texts.map((t) => t.split('\n')[0].trim());
}

/** Submits a form button and waits for the page that follows to be ready. */
async function press(page: Page, name: string | RegExp) {
  await page.getByRole('button', { name }).click();
}

async function addFromLibrary(page: Page, option: string) {
  await page.getByLabel('Method', { exact: true }).selectOption({ label: option });
  await press(page, 'Add to agenda');
  const title = option.replace(/ \(.*\)$/, '');
  await expect(agenda(page).getByRole('rowheader', { name: new RegExp(`^${title}`) })).toBeVisible();
  await waitForHydration(page);
}

async function addEvent(page: Page, title: string, date: string, start: string, minutes: string) {
  await page.getByRole('link', { name: 'Add an event' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add an event' })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel('Event title').fill(title);
  await page.getByLabel('Date', { exact: true }).fill(date);
  await page.getByLabel('Start time').fill(start);
  await page.getByLabel('Length in minutes').fill(minutes);
  await page.getByLabel('Place (optional)').fill('Room 4.12, 10 Victoria Street');
  await page.getByLabel('Capacity (optional)').fill('8');
  await press(page, 'Add event');
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await waitForHydration(page);
}

test('a lead plans a two-event programme from a training need, builds and prints its agenda, and records attendance', async ({ page }) => {
  test.setTimeout(240_000);
  const title = uniqueName('Prototyping workshop');
  await signIn(page, USERS.lead);

  // From the training-needs page, "Plan a workshop for this need" prefills the team and the skill.
  await openTeam(page, TEAMS.platform);
  await page.getByRole('link', { name: 'Training needs' }).click();
  await waitForHydration(page);
  await page.getByRole('link', { name: /^Plan a workshop for this need\s*: Prototyping/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Plan a workshop' })).toBeVisible();
  await waitForHydration(page);
  await expect(page.getByRole('checkbox', { name: TEAMS.platform })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Prototyping', exact: true })).toBeChecked();

  // A missing title is named in the error summary, nothing is created, and what was typed stays.
  const problem = 'Changes to the pipeline go straight to build without being tried out.';
  await page.getByLabel('Problem statement', { exact: true }).fill(problem);
  await press(page, 'Create programme');
  await expect(errorSummary(page)).toBeVisible();
  await expect(errorSummary(page).getByRole('link', { name: 'Enter a programme title' })).toBeVisible();
  await expect(page.getByLabel('Problem statement', { exact: true })).toHaveValue(problem);
  await expect(page.getByRole('checkbox', { name: 'Prototyping', exact: true })).toBeChecked();
  await waitForHydration(page);

  await page.getByLabel('Programme title').fill(title);
  await page.getByLabel('Objectives', { exact: true }).fill('Build a working prototype in a day\nTry it with two users');
  await page.getByLabel('Tools', { exact: true }).fill('Shared whiteboard');
  const prototyping = page.getByRole('checkbox', { name: 'Prototyping', exact: true });
  if (!(await prototyping.isChecked())) await prototyping.check();
  const platform = page.getByRole('checkbox', { name: TEAMS.platform });
  if (!(await platform.isChecked())) await platform.check();
  await press(page, 'Create programme');
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Prototyping').first()).toBeVisible();
  await waitForHydration(page);

  // First event, and its agenda from the method library: default minutes are copied.
  await addEvent(page, 'Session 1', '2027-03-09', '10:00', '120');
  await expect(page.getByText('The agenda is empty')).toBeVisible();
  await addFromLibrary(page, 'Check-in (10 minutes)');
  await addFromLibrary(page, 'Lean coffee (30 minutes)');
  const checkIn = agenda(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Check-in/ }) });
  await expect(checkIn.getByRole('cell').first()).toHaveText('10:00–10:10');
  await expect(checkIn.getByRole('cell').nth(1)).toHaveText('10');

  // A break of our own, then moved up: start times follow the new order.
  await page.getByLabel('Item title').fill('Coffee break');
  await page.getByLabel('Minutes', { exact: true }).fill('15');
  await page.getByLabel('This is a break').check();
  await press(page, 'Add item');
  await expect(agenda(page).getByRole('rowheader', { name: /^Coffee break/ })).toBeVisible();
  await waitForHydration(page);
  expect(await agendaTitles(page)).toEqual(['Check-in', 'Lean coffee', 'Coffee break']);
  await press(page, 'Move Coffee break up');
  await expect.poll(() => agendaTitles(page)).toEqual(['Check-in', 'Coffee break', 'Lean coffee']);
  await waitForHydration(page);
  const lean = agenda(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Lean coffee/ }) });
  await expect(lean.getByRole('cell').first()).toHaveText('10:25–10:55');
  await expect(page.getByText('Total: 55 minutes of 2 hours')).toBeVisible();

  // Past the event's length, the overrun is spelt out.
  await addFromLibrary(page, 'World café (40 minutes)');
  await addFromLibrary(page, 'Pair programming kata (45 minutes)');
  await expect(page.getByText('Total: 2 hours 20 minutes of 2 hours')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: "The agenda runs 20 minutes over the event's 2 hours" })).toBeVisible();

  // The facilitator's printable agenda has notes and materials; the participants' has neither.
  await page.getByRole('link', { name: 'Facilitator agenda to print' }).click();
  await expect(page.getByText('Facilitator agenda', { exact: true }).first()).toBeVisible();
  const printed = page.getByRole('table', { name: 'Facilitator agenda' });
  await expect(printed.getByRole('columnheader', { name: 'Notes' })).toBeVisible();
  await expect(printed.getByRole('rowheader', { name: /^Lean coffee/ })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Participant agenda (without notes)' }).click();
  const participant = page.getByRole('table', { name: 'Participant agenda' });
  await expect(participant).toBeVisible();
  await expect(participant.getByRole('columnheader', { name: 'Notes' })).toHaveCount(0);
  await expect(page.getByText('Build a working prototype in a day')).toBeVisible();
  await waitForHydration(page);

  // Second event: a two-event programme.
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await waitForHydration(page);
  await addEvent(page, 'Session 2', '2027-03-16', '13:30', '90');
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await waitForHydration(page);
  const events = page.getByRole('table', { name: 'Events' });
  await expect(events.getByRole('row')).toHaveCount(3);
  await expect(events.getByText('Overruns', { exact: true })).toBeVisible();

  // Invite the suggested participants (people behind in the targeted skill).
  await press(page, 'Invite selected participants');
  const invitations = page.getByRole('table', { name: 'Invitation list' });
  await expect(invitations).toBeVisible();
  const invited = await invitations.getByRole('rowheader').allInnerTexts();
  expect(invited.length).toBeGreaterThan(0);
  await waitForHydration(page);

  // Attendance for the first event.
  await page.getByRole('link', { name: 'Record attendance for Session 1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Record attendance' })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole('checkbox', { name: invited[0] }).check();
  await press(page, 'Save attendance');
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(events.getByRole('row').filter({ hasText: 'Session 1' })).toContainText(`1 of ${invited.length} attended`);
  // An attendee now appears in the skills before and after.
  await expect(page.getByRole('table', { name: 'By person' }).getByRole('rowheader', { name: invited[0] })).toBeVisible();

  // Exports: one VEVENT per event with stable UIDs, and the programme as JSON.
  const id = /\/workshops\/(\d+)/.exec(page.url())?.[1];
  const ics = await page.request.get(`/api/v1/workshops/${id}/calendar.ics`);
  expect(ics.status()).toBe(200);
  expect(ics.headers()['content-type']).toContain('text/calendar');
  const calendar = await ics.text();
  expect(calendar.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  expect(calendar).toContain(`UID:skillmix-programme-${id}-event-`);
  expect(calendar).toContain('DTSTART:20270309T100000Z');
  const json = await (await page.request.get(`/api/v1/workshops/${id}.json`)).json();
  expect(json.events).toHaveLength(2);
  expect(json.events[0].agenda.map((i: { title: string }) => i.title)).toEqual([
    'Check-in',
    'Coffee break',
    'Lean coffee',
    'World café',
    'Pair programming kata',
  ]);
  expect(json.events[0].attendance.filter((a: { attended: boolean }) => a.attended)).toHaveLength(1);
  expect(json.events[0].attendance).toHaveLength(invited.length);
  const list = await (await page.request.get('/api/v1/workshops')).json();
  expect(list.some((p: { id: number; title: string }) => String(p.id) === id && p.title === title)).toBe(true);
});

test('the facilitation timer starts, extends, moves on and finishes, and keeps the actual timings', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.lead);
  await open(page, '/workshops');
  await page.getByRole('link', { name: 'Plan a workshop' }).click();
  await waitForHydration(page);
  const title = uniqueName('Timer workshop');
  await page.getByLabel('Programme title').fill(title);
  const platform = page.getByRole('checkbox', { name: TEAMS.platform });
  if (!(await platform.isChecked())) await platform.check();
  await press(page, 'Create programme');
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await waitForHydration(page);
  await addEvent(page, 'Run-through', '2027-04-06', '09:30', '60');
  await addFromLibrary(page, 'Check-in (10 minutes)');
  await addFromLibrary(page, 'Dot voting (5 minutes)');

  await page.getByRole('link', { name: 'Facilitate this event' }).click();
  await expect(page.getByText('Ready to start')).toBeVisible();
  // The site header is hidden: the screen is for a projector.
  await expect(page.getByRole('banner')).toBeHidden();
  await waitForHydration(page);
  await press(page, 'Start');
  await expect(page.getByText('Now · item 1 of 2')).toBeVisible();
  await expect(page.getByRole('timer', { name: 'Time left' })).toHaveText(/^(10:00|9:5\d)$/);
  await waitForHydration(page);
  await press(page, '+5 minutes');
  await expect(page.getByText('left · 15 minutes allowed')).toBeVisible();
  await waitForHydration(page);
  await press(page, 'Next item');
  await expect(page.getByText('Now · item 2 of 2')).toBeVisible();
  await expect(page.getByText('Nothing: this is the last item')).toBeVisible();
  await waitForHydration(page);
  await press(page, 'Pause');
  await expect(page.getByText('· Paused')).toBeVisible();
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Finish event' }).first().click();
  await expect(page.getByText('The event has finished')).toBeVisible();
  await waitForHydration(page);

  // Back on the agenda, the last run's minutes are shown beside the plan.
  await page.getByRole('link', { name: '← Back to the agenda' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Run-through' })).toBeVisible();
  await expect(page.getByText('When this agenda last ran')).toBeVisible();
});

test('the method library lists twenty methods and a lead adds their own', async ({ page }) => {
  await signIn(page, USERS.lead);
  await open(page, '/workshops/methods');
  await expect(page.getByRole('heading', { level: 1, name: 'Method library' })).toBeVisible();
  const builtIn = page.getByRole('table').getByRole('rowheader');
  expect(await builtIn.count()).toBeGreaterThanOrEqual(20);
  const name = uniqueName('Premortem');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Usual length in minutes').fill('20');
  await page.getByLabel('Kind of method').selectOption({ label: 'Planning' });
  await page.getByLabel('Description').fill('Imagine the change failed, list why, and plan against it.');
  await press(page, 'Add method');
  await expect(page.getByRole('table', { name: 'Planning' }).getByRole('rowheader', { name: new RegExp(name) })).toBeVisible();
});

test('a team member cannot see workshop programmes', async ({ page }) => {
  await signIn(page, USERS.member);
  await open(page, '/workshops/1');
  // A programme the caller may not reach answers as one that does not exist (issue 12: ids
  // cannot be probed).
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByText('Programme not found.')).toBeVisible();
  // The API answers as for a programme that does not exist, so ids cannot be probed.
  const api = await page.request.get('/api/v1/workshops/1.json');
  expect(api.status()).toBe(404);
});

test('with JavaScript the countdown ticks and the keyboard drives the timer', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo), 'keyboard shortcuts and the live countdown need JavaScript');
  await signIn(page, USERS.lead);
  await open(page, '/workshops/new');
  const title = uniqueName('Keyboard workshop');
  await page.getByLabel('Programme title').fill(title);
  await press(page, 'Create programme');
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await waitForHydration(page);
  await addEvent(page, 'Keyboard session', '2027-05-04', '14:00', '30');
  await addFromLibrary(page, 'Energiser (5 minutes)');
  await addFromLibrary(page, 'Dot voting (5 minutes)');
  await page.getByRole('link', { name: 'Facilitate this event' }).click();
  await expect(page.getByText('Keyboard shortcuts:')).toBeVisible();
  await waitForHydration(page);
  await page.keyboard.press('Space');
  await expect(page.getByText('Now · item 1 of 2')).toBeVisible();
  const timer = page.getByRole('timer', { name: 'Time left' });
  const first = await timer.innerText();
  await expect.poll(() => timer.innerText(), { timeout: 5_000 }).not.toBe(first);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByText('Now · item 2 of 2')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByText('· Paused')).toBeVisible();
});

test('the workshop pages meet the accessibility rules', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo), 'axe needs JavaScript');
  test.setTimeout(120_000);
  await signIn(page, USERS.lead);
  for (const path of [
    '/workshops',
    '/workshops/1',
    '/workshops/1/events/1',
    '/workshops/1/events/1/attendance',
    '/workshops/1/events/1/agenda?view=facilitator',
    '/workshops/1/events/1/facilitate',
    '/workshops/methods',
    '/workshops/new',
  ]) {
    await open(page, path);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await expectNoAxeViolations(page);
  }
});
