/**
 * Framework imports through the import page, in both projects: with JavaScript the page sends
 * the upload itself (and shows progress); without it each form is a plain multipart form posting
 * to its server function, which redirects to the report or back with the error.
 *
 * The files are small fixtures of our own (tests/fixtures/import): an invented DDaT-shaped
 * framework and an invented role profile, so nothing here collides with the demo organisation's
 * roles. DDaT and SFIA files are only checked ("Check only, save nothing"): a stored version
 * would become the newest one, which other specs' forms offer by default. The role profile is
 * saved into the starter catalogue under a name unique to the run, as a new role.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Request } from '@playwright/test';
import {
  test,
  expect,
  signInAs,
  open,
  jsEnabled,
  expectErrorSummary,
  expectNoAxeViolations,
  uniqueName,
  waitForHydration,
  USERS,
} from './helpers';

const FIXTURES = path.resolve(__dirname, '../../tests/fixtures/import');
const fixture = (name: string) => path.join(FIXTURES, name);

function section(page: Page, name: string) {
  return page.getByRole('region', { name });
}

/** A file of `bytes` bytes of CSV-looking text, written to the test's output folder. */
function bigFile(name: string, bytes: number): string {
  const file = test.info().outputPath(name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const line = 'Quality,Tester,Tests things.,Tester,The tester.,Testing,Tests.,Working,You can test.,\n';
  fs.writeFileSync(file, 'Role Family,Role\n' + line.repeat(Math.ceil(bytes / line.length)));
  return file;
}

/** Checks that the upload went the way the project says: fetched by the page, or a form post. */
async function expectUploadSent(page: Page, upload: Promise<Request>) {
  const request = await upload;
  expect(request.method()).toBe('POST');
  expect(request.resourceType()).toBe(jsEnabled(test.info()) ? 'fetch' : 'document');
}

async function frameworkVersions(page: Page): Promise<string> {
  await open(page, '/framework');
  return page.getByRole('table', { name: 'Framework versions' }).innerText();
}

test.describe('importing a framework', () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, USERS.lead);
  });

  test('checking the DDaT exports shows every quirk with its row, and saves nothing', async ({ page }) => {
    const name = uniqueName('Checked sample');
    await open(page, '/import');
    const ddat = section(page, 'Import the DDaT exports');
    await ddat.getByLabel('Roles CSV').setInputFiles(fixture('ddat-roles-sample.csv'));
    await ddat.getByLabel('Skills CSV').setInputFiles(fixture('ddat-skills-sample.csv'));
    await ddat.getByLabel('Version name (optional)').fill(name);
    const upload = page.waitForRequest((r) => r.url().endsWith('/api/import/ddat'));
    await ddat.getByRole('button', { name: 'Check only, save nothing' }).click();
    await expectUploadSent(page, upload);

    await expect(page).toHaveURL(/\/import\/reports\/\d+$/);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByText('These files were checked and nothing was saved.')).toBeVisible();
    await expect(page.getByText('9 rows read. The report below has 6 notes, 2 warnings and 0 errors.')).toBeVisible();
    const report = page.getByRole('table', { name: /Validation report/ });
    const missing = report.getByRole('row').filter({ hasText: 'Gadget assembly' }).filter({ hasText: 'MISSING' });
    await expect(missing).toContainText('roles CSV, row 3 (line 5)');
    await expect(missing).toContainText('ignored: the description comes from the skills CSV');
    await expect(report.getByRole('row').filter({ hasText: 'currently not defined' })).toContainText('skills CSV, row 4');

    expect(await frameworkVersions(page)).not.toContain(name);
  });

  test('swapped files are refused with a message naming the file, and nothing is saved', async ({ page }) => {
    const name = uniqueName('Swapped sample');
    await open(page, '/import');
    const ddat = section(page, 'Import the DDaT exports');
    await ddat.getByLabel('Roles CSV').setInputFiles(fixture('ddat-skills-sample.csv'));
    await ddat.getByLabel('Skills CSV').setInputFiles(fixture('ddat-roles-sample.csv'));
    await ddat.getByLabel('Version name (optional)').fill(name);
    await ddat.getByRole('button', { name: 'Import as a new version' }).click();

    await expectErrorSummary(page, /The roles CSV does not have the columns of the DDaT roles export.*swapped/);
    await expect(page).toHaveURL(/\/import/);
    await expect(page.getByRole('heading', { level: 1, name: 'Import a framework' })).toBeVisible();
    await expect(page.getByRole('alert').getByRole('link')).toHaveAttribute('href', '#roles');
    await expect(ddat.getByText(/^Error: The roles CSV does not have the columns/)).toBeVisible();

    expect(await frameworkVersions(page)).not.toContain(name);
  });

  test('a file over the import limit is refused with the limit', async ({ page }) => {
    await open(page, '/import');
    const ddat = section(page, 'Import the DDaT exports');
    await ddat.getByLabel('Roles CSV').setInputFiles(bigFile('ten-mb-roles.csv', 10 * 1024 * 1024));
    await ddat.getByLabel('Skills CSV').setInputFiles(fixture('ddat-skills-sample.csv'));
    await ddat.getByRole('button', { name: 'Check only, save nothing' }).click();
    await expectErrorSummary(page, /The roles CSV is \d+ bytes, which is over the import limit of 8 MiB/);
  });

  test('an upload over the size the server accepts is refused with the limit', async ({ page }) => {
    await open(page, '/import');
    const sfia = section(page, 'Import the SFIA skills');
    await sfia.getByLabel('SFIA skills CSV').setInputFiles(bigFile('huge.csv', 25 * 1024 * 1024));
    await sfia.getByRole('button', { name: 'Check only, save nothing' }).click();
    await expectErrorSummary(page, /The upload is 25\.0 MiB, which is more than the 24 MiB the server accepts at once/);
  });

  test('a form sent without files asks for them', async ({ page }) => {
    await open(page, '/import');
    await section(page, 'Import the DDaT exports').getByRole('button', { name: 'Import as a new version' }).click();
    await expectErrorSummary(page, 'Choose the roles CSV (the DDaT roles export)');
  });

  test('checking the SFIA skills CSV reports the skills read', async ({ page }) => {
    await open(page, '/import');
    const sfia = section(page, 'Import the SFIA skills');
    await sfia.getByLabel('SFIA skills CSV').setInputFiles(fixture('sfia-sample-windows-1252.csv'));
    await sfia.getByRole('button', { name: 'Check only, save nothing' }).click();
    await expect(page).toHaveURL(/\/import\/reports\/\d+$/);
    await expect(page.getByText('SFIA skills: checked, nothing saved')).toBeVisible();
    const report = page.getByRole('table', { name: /Validation report/ });
    await expect(report).toContainText('The SFIA CSV was read as windows-1252');
  });
});

test.describe('adding a role profile', () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, USERS.admin);
  });

  test('a pasted profile is previewed, saved, then assigned to someone', async ({ page }) => {
    // Someone to give the new role level to.
    const person = uniqueName('Widget person');
    await open(page, '/people/new');
    await page.getByLabel('Full name').fill(person);
    await page.getByRole('button', { name: 'Save person' }).click();
    await expect(page.getByRole('heading', { level: 1, name: person })).toBeVisible();

    const level = uniqueName('Lead widget reliability engineer');
    const text = fs.readFileSync(fixture('role-profile-sample.txt'), 'utf8').replace('Lead widget reliability engineer', level);
    await open(page, '/import');
    const form = section(page, 'Add a role profile');
    await form.getByLabel('Paste the role profile').fill(text);
    const upload = page.waitForRequest((r) => r.url().endsWith('/api/import/role-profile'));
    await form.getByRole('button', { name: 'Check the role profile' }).click();
    await expectUploadSent(page, upload);

    // The preview: what was understood, what was not, and nothing saved yet.
    await expect(page).toHaveURL(/\/import\/reports\/\d+$/);
    await expect(page.getByRole('heading', { level: 1, name: level })).toBeVisible();
    await expect(page.getByText('Nothing has been saved yet.')).toBeVisible();
    await expect(page.getByRole('table', { name: /DDaT skills/ }).getByRole('row', { name: /Change management/ })).toContainText('3 Practitioner');
    await expect(page.getByRole('table', { name: /Knowledge areas/ }).getByRole('row', { name: /Widget Telemetry/ })).toContainText('3 Proficient in');
    await expect(page.getByRole('table', { name: /Qualifications/ })).toContainText('Institute of Widget Engineers');
    const notUnderstood = page.getByRole('region', { name: /Not understood \(\d+ lines\)/ });
    await expect(notUnderstood).toContainText('Reports to the head of widgets.');
    // Change management and Teamwork are in the starter catalogue; the two knowledge items are
    // new, unless the other project's run of this test saved them already.
    const merge = page.getByRole('region', { name: 'What saving does', exact: true });
    await expect(merge.getByRole('heading', { name: /^Skills new to the version \(\d\)$/ })).toBeVisible();
    await expect(merge.getByRole('heading', { name: /^Skills the version already has \(\d\)$/ })).toBeVisible();
    await expect(merge).toContainText('Change management (DDaT skills): 3 Practitioner');
    await expect(merge).toContainText('Widget Telemetry (Technical knowledge): 3 Proficient in');

    await waitForHydration(page);
    await page.getByRole('button', { name: 'Save this role level' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Role level saved' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Assign this role level to people' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save this role level' })).toHaveCount(0);

    // Nobody chosen: the error summary.
    await waitForHydration(page);
    await page.getByRole('button', { name: 'Assign role level' }).click();
    await expectErrorSummary(page, 'Select at least one person to give this role level');

    await waitForHydration(page);
    await page.getByRole('checkbox', { name: person }).check();
    await page.getByRole('button', { name: 'Assign role level' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Role level assigned' })).toBeVisible();
    await expect(page.getByText(`Already hold it: ${person}.`)).toBeVisible();

    // The framework has the new role level, with its skills.
    await page.getByRole('link', { name: new RegExp(`– ${level}$`) }).click();
    await expect(page.getByRole('heading', { level: 1, name: level })).toBeVisible();
    await expect(page.getByRole('row', { name: /Widget Telemetry/ })).toContainText('3 Proficient in');
  });

  test('an uploaded profile file is previewed the same way', async ({ page }) => {
    await open(page, '/import');
    const form = section(page, 'Add a role profile');
    await form.getByLabel('Or upload it as a file').setInputFiles(fixture('role-profile-sample.txt'));
    await form.getByRole('button', { name: 'Check the role profile' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Lead widget reliability engineer' })).toBeVisible();
    await expect(page.getByRole('table', { name: /What the reading noted/ })).toContainText('The role profile was read as UTF-8');
  });

  test('pasted text that is not a role profile is refused, naming why', async ({ page }) => {
    await open(page, '/import');
    const form = section(page, 'Add a role profile');
    await form.getByLabel('Paste the role profile').fill('Hello,\nsee you on Tuesday.');
    await form.getByRole('button', { name: 'Check the role profile' }).click();
    await expectErrorSummary(page, /No role profile was found in the role profile: it has no summary, skills/);
    await expect(page.getByRole('alert').getByRole('link')).toHaveAttribute('href', '#profile_text');
  });

  test('the import page and a preview have no accessibility violations', async ({ page }) => {
    test.skip(!jsEnabled(test.info()), 'axe needs JavaScript');
    await open(page, '/import');
    await expectNoAxeViolations(page);
    const form = section(page, 'Add a role profile');
    await form.getByLabel('Or upload it as a file').setInputFiles(fixture('role-profile-sample.txt'));
    await form.getByRole('button', { name: 'Check the role profile' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Lead widget reliability engineer' })).toBeVisible();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  });
});
