// A SCORM package's runtime (assets/scorm.js) with a real stand-in LMS, in headless Chromium
// (issue 17 part B).
//
// Usage: node scorm.mjs --package DIR --version 1.2|2004 [--chromium PATH] [--verbose]
//
// DIR is an unzipped package of the test fixture's course. A stand-in LMS page (written next to
// it) creates scorm-again's API (window.API for 1.2, window.API_1484_11 for 2004) and opens the
// package's index.html in a frame. In the frame, by keyboard and clicks on the package's own
// links: visits a module, answers its quiz, marks it complete, plays a scenario to an ending;
// reads back from the API the status (1.2: cmi.core.lesson_status; 2004: cmi.completion_status
// and cmi.success_status), the score, and cmi.suspend_data (at most 4,096 characters); checks a
// page two folders down (a scenario's step) finds the API too. Then "relaunches": a new LMS page
// whose API is preloaded with the saved data, where the progress page shows the module complete
// and the quiz result. Prints "ok: VERSION" or the failures.

import { join, resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, launch } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = parseArgs();
const pkg = resolve(args.package);
const v12 = String(args.version) === '1.2';
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

const library = pathToFileURL(join(here, 'node_modules/scorm-again/dist', v12 ? 'scorm12.js' : 'scorm2004.js')).href;
/** A stand-in LMS page next to the package: the API (preloaded with `saved`, when given) and the package in a frame. */
function lmsPage(name, saved) {
  const make = v12 ? 'window.API = new Scorm12API(settings);' : 'window.API_1484_11 = new Scorm2004API(settings);';
  const api = v12 ? 'window.API' : 'window.API_1484_11';
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stand-in LMS</title>
<script src="${library}"></script>
<script>
  var settings = { autocommit: false, logLevel: 5 };
  ${make}
  window.lmsCalls = [];
  ${saved ? `${api}.loadFromJSON(${JSON.stringify(saved)});` : ''}
  window.lmsSet = {};
  ${api}.on(${JSON.stringify(v12 ? 'LMSFinish' : 'Terminate')}, function () { window.lmsCalls.push('finish'); });
  ${api}.on(${JSON.stringify(v12 ? 'LMSSetValue.cmi.*' : 'SetValue.cmi.*')}, function (element, value) { window.lmsSet[element] = value; });
</script></head>
<body><iframe name="sco" title="Course" src="index.html" style="width:1000px;height:700px"></iframe></body></html>`;
  const path = join(pkg, name);
  writeFileSync(path, html);
  return pathToFileURL(path).href;
}

const browser = await launch(args.chromium);
const context = await browser.newContext();
const page = await context.newPage();
page.setDefaultTimeout(5000);
page.on('pageerror', (e) => failures.push(`script error: ${e.message}`));
page.on('console', (m) => { if (m.type() === 'error') failures.push(`console error: ${m.text()}`); });
page.on('dialog', (d) => d.accept());

const sco = () => page.frame({ name: 'sco' });
/** Follows the frame's link matching `selector` with a click, and waits for the page `path` to load. */
async function follow(selector, path) {
  const frame = sco();
  await Promise.all([
    frame.waitForNavigation({ url: (u) => u.pathname.endsWith(`/${path}`), waitUntil: 'load' }),
    frame.click(selector),
  ]);
}
/** The API's CMI values, read straight from its object (the write-only ones as last set). */
const cmi = () => page.evaluate((v12) => {
  const c = (v12 ? window.API : window.API_1484_11).cmi;
  const set = window.lmsSet;
  return v12
    ? { status: c.core.lesson_status, raw: c.core.score.raw, suspend: c.suspend_data, exit: set['cmi.core.exit'], time: set['cmi.core.session_time'] }
    : { completion: c.completion_status, success: c.success_status, raw: c.score.raw, scaled: c.score.scaled, suspend: c.suspend_data, exit: set['cmi.exit'], time: set['cmi.session_time'] };
}, v12);
const text = (selector) => sco().evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.textContent.trim()), selector);

// First launch.
await page.goto(lmsPage('lms-first.html', null));
await sco().waitForLoadState('load');
check(await sco().evaluate(() => !!window.peerprepStore), 'the home page did not find the API (no window.peerprepStore)');

// A module: the quiz by keyboard (all four right), then marked complete.
await follow('a[href="modules/01-welcome.html"]', 'modules/01-welcome.html');
const frame = sco();
check(await frame.evaluate(() => !!window.peerprepStore), 'the module page did not find the API');
await frame.focus('#q-welcome-secret-1');
await page.keyboard.press('Space');
await frame.focus('#q-welcome-tell-0');
await page.keyboard.press('Space');
await page.keyboard.press('Tab');
await page.keyboard.press('Space');
await frame.focus('input[name="welcome-999"]');
await page.keyboard.press('Space');
await frame.focus('#q-welcome-dsl-answer');
await page.keyboard.type('Ms Lead');
await frame.focus('[data-quiz-check]');
await page.keyboard.press('Enter');
check((await text('.quiz-score'))[0] === 'You got 4 of 4.', `score: ${await text('.quiz-score')}`);
await frame.focus('[data-module-complete] button');
await page.keyboard.press('Enter');
check(await frame.evaluate(() => document.querySelector('[data-module-complete] button').getAttribute('aria-pressed')) === 'true', 'not marked complete');

let now = await cmi();
if (v12) {
  check(now.status === 'incomplete', `lesson_status after one module: ${now.status}`);
} else {
  check(now.completion === 'incomplete', `completion_status after one module: ${now.completion}`);
  check(now.success === 'passed', `success_status after every question right: ${now.success}`);
  check(Number(now.scaled) === 1, `score.scaled: ${now.scaled}`);
}
check(Number(now.raw) === 100, `score.raw after 4 of 4: ${now.raw}`);
check(now.exit === 'suspend', `exit: ${now.exit}`);

// A scenario, played to an ending with the player; then a step two folders down.
await follow('a[href="../scenarios/index.html"]', 'scenarios/index.html');
await follow('a[href$="promise/index.html"]', 'scenarios/promise/index.html');
await sco().click('.scenario-start');
for (let steps = 0; steps < 20; steps++) {
  if (await sco().evaluate(() => !!document.querySelector('.scenario-player .debrief'))) break;
  await sco().click('.scenario-player .choice');
  await sco().click('.scenario-player [data-action=continue]');
}
check(await sco().evaluate(() => !!document.querySelector('.scenario-player .debrief')), 'no ending reached');
now = await cmi();
check(/^1\|/.test(now.suspend) && now.suspend.split('|').length >= 6, `suspend_data has no scenario ending: ${now.suspend}`);
await sco().evaluate(() => { window.location.href = 'opening.html'; });
await sco().waitForLoadState('load');
await page.waitForFunction(() => window.frames.sco.location.pathname.endsWith('/scenarios/promise/opening.html'));
await sco().waitForLoadState('load');
check(await sco().evaluate(() => !!window.peerprepStore), 'a page two folders down did not find the API');
check(await sco().evaluate(() => window.peerprepStore.get('complete')['01-welcome'] === true), 'a page two folders down does not see the module complete');

// The second module visited; progress page.
await follow('a[href="../../modules/02-features.html"]', 'modules/02-features.html');
now = await cmi();
check(v12 ? now.status === 'passed' : now.completion === 'completed' && now.success === 'passed',
  `status with every module visited and every question right: ${JSON.stringify(now)}`);
check(typeof now.suspend === 'string' && now.suspend.length > 0 && now.suspend.length <= 4096, `suspend_data: ${now.suspend}`);
check(v12 ? /^\d{4}:\d\d:\d\d/.test(now.time) : /^PT\d+S$/.test(now.time), `session_time: ${now.time}`);
const calls = await page.evaluate(() => window.lmsCalls.length);
check(calls === 0, 'the package finished the session while moving between its own pages');
const saved = now;

// Leaving the package (the LMS closes its frame) finishes the session.
await page.evaluate(() => document.querySelector('iframe').remove());
check((await page.evaluate(() => window.lmsCalls)).includes('finish'), `leaving the package did not ${v12 ? 'LMSFinish' : 'Terminate'}`);
if (args.verbose) console.error(JSON.stringify(saved));

// Relaunch with the saved data.
const preload = v12
  ? { suspend_data: saved.suspend, core: { lesson_status: saved.status, entry: 'resume', score: { raw: String(saved.raw) } } }
  : { suspend_data: saved.suspend, completion_status: saved.completion, success_status: saved.success, entry: 'resume', score: { raw: String(saved.raw) } };
await page.goto(lmsPage('lms-resume.html', preload));
await sco().waitForLoadState('load');
check(await sco().evaluate(() => !!window.peerprepStore), 'relaunched: the home page did not find the API');
await follow('a[href="progress.html"]', 'progress.html');
const rows = await text('[data-progress-modules] tr');
check(rows[0]?.includes('Completed') && rows[0]?.includes('4 of 4 right'), `relaunched: the progress page's first module: ${rows[0]}`);
now = await cmi();
check(now.suspend === saved.suspend, `relaunched: suspend_data changed: ${saved.suspend} -> ${now.suspend}`);
check(v12 ? now.status === 'passed' : now.completion === 'completed', `relaunched: status: ${JSON.stringify(now)}`);

await browser.close();
if (failures.length) {
  console.log(failures.join('\n'));
  process.exit(1);
}
console.log(`ok: ${v12 ? '1.2' : '2004'}`);
