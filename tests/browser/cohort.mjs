// What learners hand in and what the teacher reads (issue 16), in real headless Chromium.
//
// Usage: node cohort.mjs --site DIR --part quiz|export|labels [--chromium PATH]
//        node cohort.mjs --report DIR --part charts [--chromium PATH]
//
// --part quiz (the test fixture's site): a question left blank when "Check answers" is pressed is
//   marked "Not answered." and not recorded (a result stored before stays as it was); what is
//   recorded is marked answered: true; the export holds only answered questions. Without
//   JavaScript the quiz is the plain form it was: "Show the answer" works, nothing is marked.
// --part export (the fixture's site): the export is named progress-<course>-<date>.json, and with
//   the name ticked progress-<course>-<date>-<name>.json, the name lowercased with its letters
//   (any script) and digits kept, everything else a file name cannot safely hold made "-", and at
//   most 40 characters; a file whose result has "answered" of the wrong type is refused.
// --part labels (the fixture's site): the progress page's counts say what they count ("Modules
//   done: 0 of 2", "0 of 3 endings found", "3 of 3 right"), as text a screen reader reads.
// --part charts (a built report): every text of every chart lies inside the chart's viewBox at
//   desktop and phone widths; in the dark colour scheme the chart's text and bars take the
//   theme's dark colours (text contrast at least 4.5:1 against the page).
// Prints "ok: <part>" or the failures.

import { join, resolve } from 'node:path';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs, launch } from './lib.mjs';

const args = parseArgs();
const part = args.part;
const root = resolve(args.site ?? args.report);
const url = (path) => pathToFileURL(join(root, path)).href;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };
const browser = await launch(args.chromium);

async function newPage(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  page.on('pageerror', (e) => failures.push(`script error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') failures.push(`console error: ${m.text()}`); });
  page.on('dialog', (d) => d.accept());
  return page;
}
const texts = (page, selector) => page.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.textContent.trim()), selector);
const storedQuiz = (page) => page.evaluate(() => JSON.parse(window.localStorage.getItem('peerprep:test-course:quiz') || '{}'));
/** Today in the browser's local time, as the export names it. */
const today = () => {
  const d = new Date();
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
};

async function quiz() {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await newPage(context);
  await page.goto(url('modules/01-welcome.html'));
  // A result stored earlier for the second question must survive a blank check of it.
  await page.evaluate(() => window.localStorage.setItem('peerprep:test-course:quiz',
    JSON.stringify({ 'welcome-tell': { correct: true, competency: 'boundaries', answered_at: '2026-11-01T10:00:00Z', answered: true } })));
  await page.check('#q-welcome-secret-1');
  await page.click('[data-quiz-check]');
  const results = await texts(page, '.question-result');
  check(JSON.stringify(results) === JSON.stringify(['Correct.', 'Not answered.', 'Not answered.', 'Not answered.']), `results: ${results}`);
  check((await texts(page, '.quiz-score'))[0] === 'You got 1 of 4.', `score: ${await texts(page, '.quiz-score')}`);
  let quizStored = await storedQuiz(page);
  check(JSON.stringify(Object.keys(quizStored).sort()) === '["welcome-secret","welcome-tell"]', `stored: ${JSON.stringify(quizStored)}`);
  check(quizStored['welcome-secret']?.answered === true && quizStored['welcome-secret']?.correct === true, `recorded: ${JSON.stringify(quizStored['welcome-secret'])}`);
  check(quizStored['welcome-tell']?.answered_at === '2026-11-01T10:00:00Z', 'a blank check overwrote an earlier result');
  // A typed answer of only spaces is blank too; a wrong answer is recorded as wrong.
  await page.fill('#q-welcome-dsl-answer', '   ');
  await page.check('#q-welcome-999-1');
  await page.click('[data-quiz-check]');
  quizStored = await storedQuiz(page);
  check(quizStored['welcome-dsl'] === undefined, `spaces recorded: ${JSON.stringify(quizStored['welcome-dsl'])}`);
  check(quizStored['welcome-999']?.correct === false && quizStored['welcome-999']?.answered === true, `wrong answer: ${JSON.stringify(quizStored['welcome-999'])}`);
  // The export holds what was answered, nothing for the blank question.
  await page.goto(url('progress.html'));
  const download = page.waitForEvent('download');
  await page.click('[data-export]');
  const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  check(JSON.stringify(Object.keys(exported.quiz).sort()) === '["welcome-999","welcome-secret","welcome-tell"]', `exported quiz: ${JSON.stringify(exported.quiz)}`);
  await context.close();

  // Without JavaScript: the plain form, its answers revealed by "Show the answer", nothing marked.
  const off = await browser.newContext({ javaScriptEnabled: false });
  const plain = await off.newPage();
  await plain.goto(url('modules/01-welcome.html'));
  check(await plain.locator('.quiz-actions').isHidden(), 'Check answers shows without JavaScript');
  await plain.locator('#q-welcome-dsl-answer').fill('');
  await plain.locator('fieldset[data-question="welcome-dsl"] details.answer summary').click();
  check(await plain.locator('fieldset[data-question="welcome-dsl"] details.answer').evaluate((d) => d.open), 'Show the answer does not open');
  check((await texts(plain, '.question-result')).every((t) => t === ''), 'a result is marked without JavaScript');
  await off.close();
}

async function exportNames() {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await newPage(context);
  await page.goto(url('progress.html'));
  const save = async () => {
    const download = page.waitForEvent('download');
    await page.click('[data-export]');
    const d = await download;
    return { name: d.suggestedFilename(), data: JSON.parse(readFileSync(await d.path(), 'utf8')) };
  };
  const named = async (name) => {
    await page.evaluate((n) => window.localStorage.setItem('peerprep:test-course:name', JSON.stringify(n)), name);
    return save();
  };
  const date = today();
  let saved = await save();
  check(saved.name === `progress-test-course-${date}.json`, `unnamed export: ${saved.name}`);
  await named('Amira Khan');
  saved = await save();
  check(saved.name === `progress-test-course-${date}.json` && saved.data.name === undefined, `a name not ticked is in the export: ${saved.name}`);
  await page.check('#include-name');
  for (const [name, slug] of [
    ['Amira Khan', 'amira-khan'],
    ['  Zoë  O\'Brien ', 'zoë-o-brien'],
    ['../..\\C:/etc/passwd<x>*?|"', 'c-etc-passwd-x'],
    ['Łukasz Dąbrowski', 'łukasz-dąbrowski'],
    ['محمد علي', 'محمد-علي'],
    ['😀 .. 😀', ''],
    ['Wolfeschlegelsteinhausenbergerdorff Hubert Blaine', 'wolfeschlegelsteinhausenbergerdorff-hube'],
  ]) {
    saved = await named(name);
    const expected = `progress-test-course-${date}${slug ? '-' + slug : ''}.json`;
    check(saved.name === expected, `name ${JSON.stringify(name)}: ${saved.name}, not ${expected}`);
    check(saved.data.name === name, `the name in the file: ${JSON.stringify(saved.data.name)}`);
  }
  // A result whose "answered" is not true or false is refused on import.
  const bad = join(mkdtempSync(join(tmpdir(), 'pp-cohort-')), 'bad.json');
  writeFileSync(bad, JSON.stringify({ format: 'peerprep-progress', version: 1, course: 'test-course', quiz: { 'welcome-secret': { correct: true, answered: 'yes' } } }));
  await page.setInputFiles('[data-import]', bad);
  await page.waitForFunction(() => document.querySelector('[data-status]').textContent !== '');
  const status = (await texts(page, '[data-status]'))[0];
  check(status.includes('"quiz"') && status.includes('answered'), `bad answered: ${status}`);
  await context.close();
}

async function labels() {
  const context = await browser.newContext();
  const page = await newPage(context);
  await page.goto(url('progress.html'));
  const summary = page.locator('[data-progress-summary]');
  check(await summary.isVisible(), 'the modules count is not visible');
  check((await summary.textContent()) === 'Modules done: 0 of 2', `summary: ${await summary.textContent()}`);
  const tree = await page.locator('section[aria-labelledby="p-modules"]').ariaSnapshot();
  check(tree.includes('Modules done: 0 of 2'), `not in the accessibility tree:\n${tree}`);
  const scenarios = await texts(page, '[data-progress-scenarios] li');
  check(scenarios[0] === "Promise you won't tell: 0 of 3 endings found", `scenarios: ${scenarios}`);
  await page.evaluate(() => {
    const set = (part, value) => window.localStorage.setItem(`peerprep:test-course:${part}`, JSON.stringify(value));
    set('complete', { '01-welcome': '2026-11-01T10:00:00Z' });
    set('quiz', { 'welcome-secret': { correct: true, answered: true }, 'welcome-999': { correct: true }, 'welcome-dsl': { correct: false, answered: false } });
    set('scenarios', { promise: ['good-end'] });
  });
  await page.reload();
  check((await summary.textContent()) === 'Modules done: 1 of 2', `summary after: ${await summary.textContent()}`);
  const row = (await texts(page, '[data-progress-modules] tr'))[0];
  check(row.includes('2 of 4 right'), `quiz cell: ${row}`);
  check((await texts(page, '.bar-label')).includes('Active listening: 2 of 3 right (67%)'), `bars: ${await texts(page, '.bar-label')}`);
  check((await texts(page, '[data-progress-scenarios] li'))[0] === "Promise you won't tell: 1 of 3 endings found", 'endings after');
  await context.close();
}

/** The contrast ratio of two CSS colours `rgb(r, g, b)`. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

async function charts() {
  for (const [width, scheme] of [[1280, 'light'], [390, 'light'], [390, 'dark'], [1280, 'dark']]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
    const page = await newPage(context);
    await page.goto(url('index.html'));
    const found = await page.evaluate(() => [...document.querySelectorAll('svg.chart')].map((svg) => {
      const [, , w, h] = svg.getAttribute('viewBox').split(/\s+/).map(Number);
      const outside = [...svg.querySelectorAll('text')].map((t) => ({ t: t.textContent, b: t.getBBox() }))
        .filter(({ b }) => b.x < 0 || b.y < 0 || b.x + b.width > w + 0.5 || b.y + b.height > h + 0.5)
        .map(({ t, b }) => `"${t}" at ${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}×${Math.round(b.height)} in ${w}×${h}`);
      const box = svg.getBoundingClientRect();
      const parent = svg.parentElement.getBoundingClientRect();
      const label = svg.querySelector('text');
      return {
        name: svg.getAttribute('aria-label'),
        texts: svg.querySelectorAll('text').length,
        outside,
        fits: box.width <= parent.width + 0.5,
        fill: label ? getComputedStyle(label).fill : '',
        bar: getComputedStyle(svg.querySelector('.chart-bar, rect[fill="#0b5cad"]') ?? svg).fill,
        bg: getComputedStyle(document.body).backgroundColor,
        fontPx: label ? label.getBoundingClientRect().height : 0,
      };
    }));
    const where = `${width} px, ${scheme}`;
    check(found.length === 4, `${where}: ${found.length} charts`);
    for (const chart of found) {
      check(chart.texts > 0, `${where}: a chart without text`);
      for (const o of chart.outside) failures.push(`${where}: text outside its chart: ${o}`);
      check(chart.fits, `${where}: the chart "${chart.name.slice(0, 40)}" is wider than its box`);
      check(contrast(chart.fill, chart.bg) >= 4.5, `${where}: chart text ${chart.fill} on ${chart.bg}`);
      if (scheme === 'dark') check(chart.bar !== 'rgb(11, 92, 173)', `${where}: the bars keep the light colour`);
      check(chart.fontPx >= 11, `${where}: chart text is ${chart.fontPx.toFixed(1)} px high`);
    }
    await context.close();
  }
}

const parts = { quiz, export: exportNames, labels, charts };
if (!parts[part]) throw new Error(`unknown --part ${part}`);
await parts[part]();
await browser.close();
if (failures.length) {
  console.log(failures.join('\n'));
  process.exit(1);
}
console.log(`ok: ${part}`);
