// Progress files and stored progress are hostile input (issue 15), in real headless Chromium.
//
// Usage: node progress-files.mjs --site DIR --part import|stored|titles [--chromium PATH]
//
// --part import (the test fixture's site): loads a good file; then files whose inner values have
//   the wrong type (a scenario's endings as text, a quiz result as text, a rating as text, ...)
//   are each refused with a message naming the part, and nothing stored changes; a file that does
//   not fit (Storage.prototype.setItem made to throw QuotaExceededError beyond a size, as a full
//   browser does) leaves every key as it was and says so; without JavaScript the page says what
//   it would show and offers no import.
// --part stored (the test fixture's site): a bad value already in localStorage for every part is
//   ignored: the progress, module, scenario and certificate pages work, and the quiz and scenario
//   pages still save.
// --part titles (a course whose titles and labels hold `<!--<script>` and `</script>`): the
//   progress page draws its table and the scenario player plays, with those texts shown as text.
// Prints "ok: ..." or the failures.

import { join, resolve } from 'node:path';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs, launch } from './lib.mjs';

const args = parseArgs();
const site = resolve(args.site);
const part = args.part;
const url = (path) => pathToFileURL(join(site, path)).href;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };
const temp = mkdtempSync(join(tmpdir(), 'pp-files-'));
let written = 0;
/** A file holding `value` as JSON (or `value` itself when it is a string). */
function file(value) {
  const path = join(temp, `f${written++}.json`);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

const browser = await launch(args.chromium);

async function newPage(context, where) {
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  page.on('pageerror', (e) => failures.push(`script error on ${where()}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') failures.push(`console error on ${where()}: ${m.text()}`); });
  page.on('dialog', (d) => d.accept());
  return page;
}

/** Every localStorage key of the course, with its raw value, in key order. */
const stored = (page) => page.evaluate(() => {
  const out = {};
  const keys = [];
  for (let i = 0; i < window.localStorage.length; i++) keys.push(window.localStorage.key(i));
  for (const key of keys.sort()) {
    if (key.startsWith('peerprep:')) out[key] = window.localStorage.getItem(key);
  }
  return out;
});

/** Loads `path` with the import control; returns the status message it left. */
async function load(page, path) {
  await page.evaluate(() => { document.querySelector('[data-status]').textContent = ''; });
  await page.setInputFiles('[data-import]', path);
  try {
    await page.waitForFunction(() => document.querySelector('[data-status]').textContent !== '', null, { timeout: 5000 });
  } catch (e) {
    return '(no message within 5 s)';
  }
  return page.evaluate(() => document.querySelector('[data-status]').textContent);
}

const rows = (page) => page.evaluate(() => [...document.querySelectorAll('[data-progress-modules] tr')].map((r) => r.textContent));
const header = { format: 'peerprep-progress', version: 1, course: 'test-course' };
const GOOD = {
  ...header,
  exported_at: '2026-11-20T10:00:00Z',
  visited: { '01-welcome': '2026-11-01T10:00:00Z' },
  complete: { '01-welcome': '2026-11-01T11:00:00Z' },
  quiz: { 'welcome-secret': { correct: true, competency: 'listening', answered_at: '2026-11-01T10:30:00Z' } },
  scenarios: { promise: ['good-end'] },
  self_assessment: { disclosure: { start: 2, end: 4 } },
  reflections: { 'features-own': 'Listen first.' },
  name: 'Alex',
};
const BAD = 'That file is not a progress file for this course:';
const TOO_BIG = "That file does not fit in the space this browser gives the course, so nothing was loaded: your progress is as it was.";

let where = 'the progress page';
try {
  if (part === 'import') {
    const context = await browser.newContext();
    // A full browser: setItem throws QuotaExceededError when the course's keys would pass
    // window.__quota characters (as browsers count them), and works again once there is room.
    await context.addInitScript(() => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (typeof window.__quota === 'number') {
          let total = 0;
          for (let i = 0; i < this.length; i++) {
            const k = this.key(i);
            if (k !== key) total += k.length + this.getItem(k).length;
          }
          if (total + key.length + String(value).length > window.__quota) {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          }
          window.__written = (window.__written || []).concat([key]);
        }
        return setItem.call(this, key, value);
      };
    });
    const page = await newPage(context, () => where);
    await page.goto(url('progress.html'));
    check(await load(page, file(GOOD)) === 'Progress loaded.', 'a good file was not loaded');
    const before = await stored(page);
    check(JSON.parse(before['peerprep:test-course:scenarios'] ?? 'null')?.promise?.[0] === 'good-end', `the good file was not stored: ${JSON.stringify(before)}`);

    // Each file has one part of the wrong type; the message names it and nothing changes.
    const bad = [
      [{ scenarios: { promise: 'tell-dsl' } }, '"scenarios" → "promise" should be a list of ending ids, not "tell-dsl"'],
      [{ scenarios: { promise: ['good-end', 3] } }, '"scenarios" → "promise" should be a list of ending ids'],
      [{ scenarios: ['good-end'] }, '"scenarios" should be an object'],
      [{ quiz: { 'welcome-secret': 'yes' } }, '"quiz" → "welcome-secret" should be a result'],
      [{ quiz: { 'welcome-secret': { correct: 'yes' } } }, '"quiz" → "welcome-secret" should be a result'],
      [{ self_assessment: { disclosure: { start: '4' } } }, '"self_assessment" → "disclosure" should be'],
      [{ self_assessment: { disclosure: { end: 9 } } }, '"self_assessment" → "disclosure" should be'],
      [{ visited: ['01-welcome'] }, '"visited" should be an object'],
      [{ complete: { '01-welcome': 5 } }, '"complete" → "01-welcome" should be a time'],
      [{ reflections: { 'features-own': 3 } }, '"reflections" → "features-own" should be text'],
      [{ name: 5 }, '"name" should be text, not 5'],
      [{ version: '1' }, '"version" should be the number 1, not "1"'],
      [{ version: 2 }, 'version 2 is not supported'],
      [{ course: 7 }, '"course" should be text, not 7'],
      [{ course: 'another-course' }, 'it is for the course "another-course"'],
    ];
    for (const [change, expected] of bad) {
      // Every other part is good and different, so a partial store would show.
      const message = await load(page, file({ ...GOOD, name: 'Someone else', complete: {}, ...change }));
      check(message.startsWith(BAD) && message.includes(expected), `${JSON.stringify(change)}: the message was "${message}", not one with ${expected}`);
      const after = await stored(page);
      check(JSON.stringify(after) === JSON.stringify(before), `${JSON.stringify(change)} changed what is stored: ${JSON.stringify(after)}`);
    }
    check((await load(page, file('{"format":'))).startsWith(BAD), 'a file that is not JSON was not refused');
    check((await load(page, file('[]'))).startsWith(BAD), 'a list was not refused');

    // The pages that read progress still work.
    await page.reload();
    const drawn = await rows(page);
    check(drawn.length === 2 && drawn[0].includes('Completed'), `progress rows after the refusals: ${drawn}`);
    where = 'the scenario player';
    await page.goto(url('scenarios/promise/index.html'));
    await page.click('.scenario-start');
    check(await page.evaluate(() => !document.querySelector('.scenario-player').hidden && document.querySelectorAll('.scenario-player .choice').length === 2), 'the scenario player did not start');

    // A file that does not fit: every key touched gets its old value back, and the page says so.
    where = 'the progress page (storage full)';
    await page.goto(url('progress.html'));
    const full = await stored(page);
    const size = Object.entries(full).reduce((n, [k, v]) => n + k.length + v.length, 0);
    await page.evaluate((quota) => { window.__quota = quota; }, size + 400);
    const big = { ...GOOD, complete: {}, visited: { '02-features': '2026-11-05T10:00:00Z' }, reflections: { 'features-own': 'x'.repeat(5000) } };
    const message = await load(page, file(big));
    check(message === TOO_BIG, `a file that did not fit: "${message}"`);
    // Some parts were written before the one that did not fit: they were put back.
    const writtenFirst = await page.evaluate(() => window.__written || []);
    check(writtenFirst.length >= 3, `the quota did not fail part of the way through: ${writtenFirst}`);
    check(JSON.stringify(await stored(page)) === JSON.stringify(full), `a file that did not fit changed what is stored: ${JSON.stringify(await stored(page)).slice(0, 300)}`);
    check((await rows(page))[0]?.includes('Completed'), 'the page does not show the progress that was kept');
    // With room again, the same file loads.
    await page.evaluate(() => { window.__quota = undefined; });
    check(await load(page, file(big)) === 'Progress loaded.', 'the file did not load once it fitted');
    check(JSON.parse((await stored(page))['peerprep:test-course:visited'])['02-features'], 'the file that fitted was not stored');
    await context.close();

    // Without JavaScript the page says what it would show, and offers no import.
    where = 'the progress page without JavaScript';
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await newPage(noJs, () => where);
    await plain.goto(url('progress.html'));
    check(await plain.isVisible('[data-needs-js]'), 'without JavaScript the page does not say it needs it');
    check((await plain.textContent('[data-needs-js]')).includes('load them back or clear them. All of that needs JavaScript'), 'the no-JavaScript text does not say that loading needs JavaScript');
    check(!(await plain.isVisible('[data-import]')), 'without JavaScript an import that cannot work is offered');
    await noJs.close();
  } else if (part === 'stored') {
    const context = await browser.newContext();
    const page = await newPage(context, () => where);
    await page.goto(url('progress.html'));
    await page.evaluate(() => {
      const bad = {
        visited: '[1,2]', complete: '5', quiz: '"oops"', scenarios: '{"promise":"good-end","other":["x"]}',
        self_assessment: 'null', reflections: '{"features-own":3}', name: '{"a":1}',
      };
      for (const [k, v] of Object.entries(bad)) window.localStorage.setItem(`peerprep:test-course:${k}`, v);
    });
    await page.reload();
    const drawn = await rows(page);
    check(drawn.length === 2 && drawn.every((r) => r.includes('Not started')), `progress rows with bad stored values: ${drawn}`);
    const endings = await page.evaluate(() => document.querySelector('[data-progress-scenarios]').textContent);
    check(endings.includes('0 of 3 endings found'), `scenario endings with a bad stored value: ${endings}`);
    where = 'a module page';
    await page.goto(url('modules/01-welcome.html'));
    await page.check('#q-welcome-secret-1');
    await page.click('[data-quiz-check]');
    check((await page.textContent('.quiz-score')).startsWith('You got 1 of 4'), 'the quiz did not mark');
    const quiz = await page.evaluate(() => JSON.parse(window.localStorage.getItem('peerprep:test-course:quiz')));
    check(quiz?.['welcome-secret']?.correct === true, `the quiz result was not saved over a bad value: ${JSON.stringify(quiz)}`);
    where = 'a scenario ending';
    await page.goto(url('scenarios/promise/good-end.html'));
    const scenarios = await page.evaluate(() => JSON.parse(window.localStorage.getItem('peerprep:test-course:scenarios')));
    check(JSON.stringify(scenarios?.promise) === '["good-end"]' && JSON.stringify(scenarios?.other) === '["x"]', `the ending was not saved over a bad value, or a good one was lost: ${JSON.stringify(scenarios)}`);
    where = 'the scenario player';
    await page.goto(url('scenarios/promise/index.html'));
    await page.click('.scenario-start');
    check(await page.evaluate(() => document.querySelectorAll('.scenario-player .choice').length) === 2, 'the scenario player did not start');
    where = 'the certificate';
    await page.goto(url('certificate.html'));
    check(await page.isVisible('#certificate-name'), 'the certificate tools are not shown');
    where = 'the progress page';
    await page.goto(url('progress.html'));
    const now = await rows(page);
    check(now[0]?.includes('Visited') && now[0]?.includes('1 of 4 right'), `progress after saving over bad values: ${now}`);
    check((await page.evaluate(() => document.querySelector('[data-progress-scenarios]').textContent)).includes('1 of 3 endings found'), 'the ending found is not shown');
    await context.close();
  } else if (part === 'titles') {
    const context = await browser.newContext();
    const page = await newPage(context, () => where);
    const title = 'A <!--<script> B & C';
    await page.goto(url('progress.html'));
    const drawn = await rows(page);
    check(drawn.length === 2 && drawn[0].startsWith(title), `the progress table: ${drawn}`);
    check(await page.evaluate(() => !!document.querySelector('footer.site-footer')), 'the footer is missing');
    where = 'the scenario player';
    await page.goto(url('scenarios/promise/index.html'));
    await page.click('.scenario-start');
    const labels = await page.evaluate(() => [...document.querySelectorAll('.scenario-player .choice')].map((b) => b.textContent));
    check(labels[0] === title, `the first choice: ${labels}`);
    check((await page.textContent('.scenario-player h2')) === title, 'the speaker');
    await page.click('.scenario-player .choice');
    check((await page.textContent('.scenario-player [data-action=continue]')) === title, 'the Continue button');
    where = 'the certificate';
    await page.goto(url('certificate.html'));
    check(await page.isVisible('#certificate-name'), 'the certificate tools are not shown');
    await context.close();
  } else {
    failures.push(`give --part import, stored or titles (not ${part})`);
  }
} catch (e) {
  failures.push(`stopped on ${where}: ${e.message.split('\n')[0]}`);
}
await browser.close();

if (failures.length) {
  console.log(failures.join('\n'));
  process.exit(1);
}
console.log(`ok: ${part}`);
