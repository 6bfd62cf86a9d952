// Time to interactive of pages in Debian's Chromium, driven by Playwright (end2end's install):
// for each address, RUNS fresh loads (a new browser context each, so nothing is cached), and
// the median of the navigation timings: the last byte, DOMContentLoaded (a server-rendered
// page without islands, as the heatmap is, is interactive from here: its links and forms are
// plain HTML) and load.
//
//   node scripts/bench/tti.mjs BASE_URL TOKEN PATH...      (RUNS=15 by default)
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'end2end', 'package.json'));
const { chromium } = require('@playwright/test');

const [base, token, ...paths] = process.argv.slice(2);
const runs = Number(process.env.RUNS ?? 15);
if (!base || !token || paths.length === 0) {
  console.error('usage: node tti.mjs BASE_URL TOKEN PATH...');
  process.exit(2);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
const results = [];
for (const path of paths) {
  const timings = { responseEnd: [], domContentLoaded: [], load: [] };
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
    const page = await context.newPage();
    await page.goto(base + path, { waitUntil: 'load' });
    const t = await page.evaluate(() => {
      const [nav] = performance.getEntriesByType('navigation');
      return {
        responseEnd: nav.responseEnd,
        domContentLoaded: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
      };
    });
    for (const key of ['responseEnd', 'domContentLoaded', 'load']) timings[key].push(t[key]);
    await context.close();
  }
  results.push({ path, timings });
}
await browser.close();

console.log(`Chromium, ${runs} fresh loads each, median ms from navigation start`);
console.log('  page                                   last byte   DOMContentLoaded   load');
for (const { path, timings } of results) {
  console.log(
    `  ${path.padEnd(38)} ${median(timings.responseEnd).toFixed(1).padStart(9)} ${median(timings.domContentLoaded).toFixed(1).padStart(18)} ${median(timings.load).toFixed(1).padStart(8)}`,
  );
}
