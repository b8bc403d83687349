// A SCORM package's runtime (assets/scorm.js) with a real stand-in LMS, in headless Chromium
// (issue 17 part B).
//
// Usage: node scorm.mjs --package DIR --version 1.2|2004 [--mode full|fill] [--dropped self_assessment]
//                       [--chromium PATH] [--verbose]
//
// DIR is an unzipped SCORM package. A stand-in LMS page (written next to it) creates scorm-again's
// API (window.API for 1.2, window.API_1484_11 for 2004) and opens the package's index.html in a
// frame.
//
// --mode full (the default; DIR is the test fixture's course, mentor edition). In the frame, by
// keyboard and clicks on the package's own links: visits a module, answers its quiz, marks it
// complete, plays a scenario to an ending; reads back from the API the status (1.2:
// cmi.core.lesson_status; 2004: cmi.completion_status and cmi.success_status), the score, and
// cmi.suspend_data (at most 4,096 characters). Then "relaunches": a new LMS page whose API is
// preloaded with the saved data, where the progress page shows the module complete and the quiz
// result; again with the saved data's module fingerprint changed (an edited course), where the
// modules start afresh, the quiz result stays and the LMS's pass is not lowered; and a launch in
// a pop-up window (the API in the opener).
//
// --mode fill (any course): everything done at once through the runtime's store (every module
// visited and complete, every question right, every ending found, every rating given), then
// checks the status, that suspend_data is at most 4,096 characters and reads back whole (or, with
// --dropped self_assessment, everything but the ratings, which a course with too many statements
// cannot fit).
//
// Both modes then visit every page of the package, following a link from page to page, and check
// each finds the API and that the session is not finished on the way. Prints "ok: VERSION" or the
// failures.

import { join, resolve } from 'node:path';
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, posix } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, launch } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = parseArgs();
const pkg = resolve(args.package);
const v12 = String(args.version) === '1.2';
const mode = args.mode || 'full';
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

const library = pathToFileURL(join(here, 'node_modules/scorm-again/dist', v12 ? 'scorm12.js' : 'scorm2004.js')).href;
/** A stand-in LMS page next to the package: the API (preloaded with `saved`, when given) and the package in a frame. */
function lmsPage(name, saved, { popup = false } = {}) {
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
<body>${popup ? '<p>The course opens in its own window.</p>' : '<iframe name="sco" title="Course" src="index.html" style="width:1000px;height:700px"></iframe>'}</body></html>`;
  const path = join(pkg, name);
  writeFileSync(path, html);
  return pathToFileURL(path).href;
}

const browser = await launch(args.chromium);
const context = await browser.newContext();
const page = await context.newPage();
page.setDefaultTimeout(5000);
const watch = (p) => {
  p.on('pageerror', (e) => failures.push(`script error: ${e.message}`));
  p.on('console', (m) => { if (m.type() === 'error') failures.push(`console error: ${m.text()}`); });
  p.on('dialog', (d) => d.accept());
};
watch(page);

const sco = () => page.frame({ name: 'sco' });
/** The frame's page, relative to the package's folder. */
const where = () => relative(pkg, fileURLToPath(sco().url())).split('\\').join('/');
/** Follows the frame's link matching `selector` with a click, and waits for the page `path` to load. */
async function follow(selector, path) {
  const frame = sco();
  await Promise.all([
    frame.waitForNavigation({ url: (u) => u.pathname.endsWith(`/${path}`), waitUntil: 'load' }),
    frame.click(selector),
  ]);
}
/** Goes to the package's page `path` as a learner does: by a link on the frame's page. */
async function go(path) {
  const href = posix.relative(posix.dirname(where()), path) || path;
  const frame = sco();
  await Promise.all([
    frame.waitForNavigation({ url: (u) => u.pathname.endsWith(`/${path}`), waitUntil: 'load' }),
    frame.evaluate((h) => {
      const a = document.createElement('a');
      a.href = h;
      a.textContent = 'next';
      document.body.append(a);
      a.click();
    }, href),
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
const finished = async () => (await page.evaluate(() => window.lmsCalls)).includes('finish');
/** The LMS's record as the API would give it back at the next launch. */
const preloadOf = (now) => (v12
  ? { suspend_data: now.suspend, core: { lesson_status: now.status, entry: 'resume', score: { raw: String(now.raw) } } }
  : { suspend_data: now.suspend, completion_status: now.completion, success_status: now.success, entry: 'resume', score: { raw: String(now.raw) } });
const passedAndCompleted = (now) => (v12 ? now.status === 'passed' : now.completion === 'completed' && now.success === 'passed');

/** Every page of the package (not the stand-in LMS's), relative to it. */
function packagePages(dir = pkg) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return packagePages(path);
    if (!entry.name.endsWith('.html') || (dir === pkg && entry.name.startsWith('lms-'))) return [];
    return [relative(pkg, path).split('\\').join('/')];
  });
}

/** Visits every page by links, from the frame's current page; each must find the API. */
async function everyPage() {
  if (!sco()) {
    await page.goto(lmsPage('lms-pages.html', null));
    await sco().waitForLoadState('load');
  }
  const pages = packagePages();
  check(pages.length >= 5 && pages.includes('index.html'), `package pages: ${pages}`);
  const lost = [];
  for (const path of pages) {
    await go(path);
    if (!(await sco().evaluate(() => !!window.peerprepStore && typeof window.peerprepStore.get('visited') === 'object'))) lost.push(path);
  }
  check(lost.length === 0, `pages that did not find the API: ${lost.join(', ')}`);
  check(!(await finished()), 'the session was finished while moving between the package\'s pages');
  if (args.verbose) console.error(`${pages.length} pages found the API`);
}

/** Everything done through the runtime's store; the record and suspend_data read back. */
async function fill() {
  const counts = await sco().evaluate(() => {
    const course = window.peerprepCourse;
    const store = window.peerprepStore;
    const all = (list, value) => Object.fromEntries(list.map((x) => [x, value]));
    const modules = course.modules.map((m) => m.slug);
    store.set('visited', all(modules, true));
    store.set('complete', all(modules, true));
    store.set('quiz', Object.fromEntries(course.questions.map((q) => [q.id, { correct: true, competency: q.competency || null, answered: true }])));
    store.set('scenarios', Object.fromEntries(course.scenarios.map((s) => [s.id, s.endings.map((e) => e.id)])));
    store.set('self_assessment', all(course.self_assessment.map((s) => s.id), { start: 2, end: 5 }));
    const size = (part) => Object.keys(store.get(part)).length;
    return {
      modules: modules.length, complete: size('complete'), questions: course.questions.length, quiz: size('quiz'),
      endings: course.scenarios.reduce((n, s) => n + s.endings.length, 0),
      found: Object.values(store.get('scenarios')).reduce((n, list) => n + list.length, 0),
      statements: course.self_assessment.length, rated: size('self_assessment'),
    };
  });
  check(counts.modules > 0 && counts.complete === counts.modules, `modules read back: ${JSON.stringify(counts)}`);
  check(counts.quiz === counts.questions, `questions read back: ${JSON.stringify(counts)}`);
  check(counts.found === counts.endings, `scenario endings read back: ${JSON.stringify(counts)}`);
  // --dropped self_assessment: a course whose ratings cannot fit; they are dropped, nothing else.
  const ratings = args.dropped === 'self_assessment' ? 0 : counts.statements;
  check(counts.rated === ratings, `self-assessment read back (${ratings} expected): ${JSON.stringify(counts)}`);
  const now = await cmi();
  check(passedAndCompleted(now), `status with everything done: ${JSON.stringify(now)}`);
  check(Number(now.raw) === 100, `score with every question right: ${now.raw}`);
  check(now.suspend.length <= 4096, `suspend_data is ${now.suspend.length} characters (SCORM 1.2 allows 4,096)`);
  if (args.verbose) console.error(`${JSON.stringify(counts)}: suspend_data ${now.suspend.length} characters`);
}

/** The first launch: a module, its quiz and a scenario, by keyboard and the package's links. */
async function firstLaunch() {
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
  check(/^1\|[A-Za-z0-9_-]{16}\|/.test(now.suspend) && now.suspend.split('|').length >= 7, `suspend_data has no scenario ending: ${now.suspend}`);
  await go('scenarios/promise/opening.html');
  check(await sco().evaluate(() => !!window.peerprepStore), 'a page two folders down did not find the API');
  check(await sco().evaluate(() => window.peerprepStore.get('complete')['01-welcome'] === true), 'a page two folders down does not see the module complete');

  // The second module visited.
  await follow('a[href="../../modules/02-features.html"]', 'modules/02-features.html');
  now = await cmi();
  check(passedAndCompleted(now), `status with every module visited and every question right: ${JSON.stringify(now)}`);
  check(typeof now.suspend === 'string' && now.suspend.length > 0 && now.suspend.length <= 4096, `suspend_data: ${now.suspend}`);
  check(v12 ? /^\d{4}:\d\d:\d\d/.test(now.time) : /^PT\d+S$/.test(now.time), `session_time: ${now.time}`);
  check(!(await finished()), 'the package finished the session while moving between its own pages');
  const saved = now;

  // Leaving the package (the LMS closes its frame) finishes the session.
  await page.evaluate(() => document.querySelector('iframe').remove());
  check(await finished(), `leaving the package did not ${v12 ? 'LMSFinish' : 'Terminate'}`);
  if (args.verbose) console.error(JSON.stringify(saved));
  return saved;
}

/** Relaunches with the saved record: the progress page shows it again, and nothing changes. */
async function relaunch(saved) {
  await page.goto(lmsPage('lms-resume.html', preloadOf(saved)));
  await sco().waitForLoadState('load');
  check(await sco().evaluate(() => !!window.peerprepStore), 'relaunched: the home page did not find the API');
  await follow('a[href="progress.html"]', 'progress.html');
  const rows = await text('[data-progress-modules] tr');
  check(rows[0]?.includes('Completed') && rows[0]?.includes('4 of 4 right'), `relaunched: the progress page's first module: ${rows[0]}`);
  const now = await cmi();
  check(now.suspend === saved.suspend, `relaunched: suspend_data changed: ${saved.suspend} -> ${now.suspend}`);
  check(passedAndCompleted(now), `relaunched: status: ${JSON.stringify(now)}`);
  // Choices in the scenario player are links its script handles: leaving after them still finishes.
  await go('scenarios/promise/index.html');
  await sco().click('.scenario-start');
  await sco().click('.scenario-player .choice');
  await page.evaluate(() => document.querySelector('iframe').remove());
  check(await finished(), `leaving after choices in the scenario player did not ${v12 ? 'LMSFinish' : 'Terminate'}`);
}

/** Relaunches with saved data whose modules were different (an edited course): they start afresh. */
async function editedCourse(saved) {
  const fields = saved.suspend.split('|');
  const prints = fields[1];
  fields[1] = (prints.startsWith('AAAA') ? 'BBBB' : 'AAAA') + prints.slice(4);
  await page.goto(lmsPage('lms-edited.html', preloadOf({ ...saved, suspend: fields.join('|') })));
  await sco().waitForLoadState('load');
  await follow('a[href="progress.html"]', 'progress.html');
  const rows = await text('[data-progress-modules] tr');
  check(rows[0] && !rows[0].includes('Completed') && rows[0].includes('4 of 4 right'),
    `edited course: the first module should start afresh and keep its quiz result: ${rows[0]}`);
  await go('modules/02-features.html');
  const now = await cmi();
  check(now.suspend.split('|')[1] === prints, `edited course: suspend_data keeps the old fingerprints: ${now.suspend}`);
  check(passedAndCompleted(now), `edited course: the LMS's pass was lowered: ${JSON.stringify(now)}`);
}

/** The package launched in a pop-up window: the API is in the opener. */
async function popup() {
  await page.goto(lmsPage('lms-popup.html', null, { popup: true }));
  const [win] = await Promise.all([context.waitForEvent('page'), page.evaluate(() => window.open('index.html', 'course'))]);
  watch(win);
  await win.waitForLoadState('load');
  check(await win.evaluate(() => !!window.peerprepStore), 'a pop-up launch did not find the API in the opener');
  await Promise.all([win.waitForNavigation({ waitUntil: 'load' }), win.click('a[href="modules/01-welcome.html"]')]);
  const now = await cmi();
  check(/^1\|/.test(now.suspend || ''), `a pop-up launch did not save to the opener's API: ${JSON.stringify(now)}`);
  await win.close();
}

await page.goto(lmsPage('lms-first.html', null));
await sco().waitForLoadState('load');
if (mode === 'fill') {
  check(await sco().evaluate(() => !!window.peerprepStore), 'the home page did not find the API (no window.peerprepStore)');
  await fill();
  await everyPage();
} else {
  const saved = await firstLaunch();
  await relaunch(saved);
  await everyPage();
  await editedCourse(saved);
  await popup();
}

await browser.close();
if (failures.length) {
  console.log(failures.join('\n'));
  process.exit(1);
}
console.log(`ok: ${v12 ? '1.2' : '2004'}`);
