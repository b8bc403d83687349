// A bench, not a test (run by bench/bench.py): how long search takes in real headless Chromium
// on a built site, from file://. Prints one line: the time from opening search.html until its
// index is loaded and decoded, and the median time a query takes (from pressing Enter to the
// results being on the page), over a few queries run five times each.
//
// Usage: node search-bench.mjs --site DIR [--queries "a,b c"] [--chromium PATH]

import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, launch } from './lib.mjs';

const args = parseArgs();
const site = resolve(args.site);
const queries = (args.queries || 'mentor,listen reflect,safe,supervisor session,zzz').split(',');
const browser = await launch(args.chromium);
const page = await browser.newPage();
const started = Date.now();
await page.goto(pathToFileURL(join(site, 'search.html')).href, { waitUntil: 'load' });
const loaded = Date.now() - started;
const times = [];
for (let round = 0; round < 5; round++) {
  for (const query of queries) {
    times.push(await page.evaluate((q) => {
      const form = document.querySelector('[data-search]');
      form.querySelector('input[name=q]').value = q;
      const t0 = performance.now();
      form.dispatchEvent(new Event('submit', { cancelable: true }));
      return performance.now() - t0;
    }, query));
  }
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const worst = times[times.length - 1];
const results = await page.evaluate(() => document.getElementById('search-status').textContent);
console.log(`search: page and index loaded in ${loaded} ms; a query takes ${median.toFixed(1)} ms (median), ${worst.toFixed(1)} ms at most; last: ${results}`);
await browser.close();
