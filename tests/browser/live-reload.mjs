// Live reload under `peerprep serve`, with ten tabs open at once, in real headless Chromium.
//
// Usage: node live-reload.mjs --url URL --file PATH --from TEXT --to TEXT
//                             --break-from TEXT --break-to TEXT [--tabs N] [--chromium PATH]
//
// Opens N tabs (default 10) of URL in one browser, as one person would, and checks that every tab
// loads: over HTTP/1.1 a browser opens at most six connections to one host, so a reload script that
// holds a connection per tab leaves the seventh tab waiting. Then replaces FROM with TO in FILE (a
// course file) and checks that every tab reloads by itself and shows TO; breaks the file
// (BREAK-FROM to BREAK-TO) and checks that every tab shows the problems page; restores it and
// checks that every tab shows TO again. Prints "ok: ..." or the failures.

import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs, launch } from './lib.mjs';

const args = parseArgs();
for (const name of ['url', 'file', 'from', 'to', 'break-from', 'break-to']) {
  if (typeof args[name] !== 'string') throw new Error(`give --${name}`);
}
const tabs = Number(args.tabs || 10);
const failures = [];
const browser = await launch(args.chromium);
const context = await browser.newContext();
const pages = [];
for (let i = 0; i < tabs; i++) {
  const page = await context.newPage();
  const tab = `tab ${i + 1}`;
  page.on('pageerror', (e) => failures.push(`${tab}: script error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused/.test(m.text())) {
      failures.push(`${tab}: ${m.text()}`);
    }
  });
  pages.push(page);
}

/** Polls `fn(arg)` in `page` until it is true (a navigation in between is not an error). */
async function until(page, fn, arg, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if (await page.evaluate(fn, arg)) return true;
    } catch {
      // The page is navigating (reloading): ask again.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/** Waits until every tab has reloaded since the last mark and `shows(text)` holds. */
async function everyTab(what, text, problems) {
  const shown = await Promise.all(pages.map((page) => until(page, ([t, p]) => !window.__peerprepMark
    && document.readyState === 'complete'
    && document.body.textContent.includes(t)
    && (document.querySelector('.page-build-problems') !== null) === p, [text, problems], 20000)));
  shown.forEach((ok, i) => { if (!ok) failures.push(`tab ${i + 1} did not reload to ${what}`); });
  await Promise.all(pages.map((page) => page.evaluate(() => { window.__peerprepMark = true; })));
}

function replaceInFile(from, to) {
  const text = readFileSync(args.file, 'utf8');
  if (!text.includes(from)) throw new Error(`${args.file} does not contain ${JSON.stringify(from)}`);
  writeFileSync(args.file, text.replace(from, to));
}

// Every tab loads, all at once.
await Promise.all(pages.map((page, i) => page.goto(args.url, { timeout: 15000 }).then(
  (response) => {
    if (!response || response.status() !== 200) failures.push(`tab ${i + 1} answered ${response?.status()}`);
  },
  (e) => failures.push(`tab ${i + 1} did not load: ${e.message.split('\n')[0]}`),
)));
if (failures.length === 0) {
  const hidden = await Promise.all(pages.map((page) => page.evaluate(() => document.hidden)));
  hidden.forEach((h, i) => { if (h) failures.push(`tab ${i + 1} is hidden, so it would not ask for reloads`); });
  await Promise.all(pages.map((page) => page.evaluate(() => { window.__peerprepMark = true; })));

  replaceInFile(args.from, args.to);
  await everyTab('the edit', args.to, false);
  replaceInFile(args['break-from'], args['break-to']);
  await everyTab('the problems page', 'The course did not build', true);
  replaceInFile(args['break-to'], args['break-from']);
  await everyTab('the fixed page', args.to, false);
}

await browser.close();
console.log(failures.length ? failures.join('\n') : `ok: ${tabs} tabs loaded, reloaded after an edit, showed the problems and reloaded when fixed`);
process.exit(failures.length ? 1 : 0);
