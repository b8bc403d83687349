// Quizzes and progress in real headless Chromium, by keyboard, on the test fixture's site.
//
// Usage: node progress.mjs --site DIR [--chromium PATH]
//
// Answers the welcome module's quiz by keyboard and checks the score and feedback; marks the module
// complete; reloads and checks the progress page; exports, clears and imports the progress file and
// checks the round trip; checks a bad file is refused with a message; types a name on the
// certificate; runs axe-core on the quiz, progress and certificate pages; and finally checks that
// with storage disabled the quiz still works and a notice is shown. Prints "ok" or the failures.

import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs, launch, tabTo as tab, axe as runAxe } from './lib.mjs';

const args = parseArgs();
const site = resolve(args.site);
const url = (path) => pathToFileURL(join(site, path)).href;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

const browser = await launch(args.chromium);

async function newPage(context) {
  const page = await context.newPage();
  page.on('pageerror', (e) => failures.push(`script error: ${e.message}`));
  page.on('dialog', (d) => d.accept());
  return page;
}
const tabTo = (page, selector) => tab(page, selector, failures);
async function axe(page, where) {
  for (const v of await runAxe(page)) failures.push(`axe ${v.id} on ${where}: ${v.help}`);
}
const text = (page, selector) => page.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.textContent.trim()), selector);

const context = await browser.newContext({ acceptDownloads: true });
let page = await newPage(context);
await page.goto(url('modules/01-welcome.html'));

// The quiz, by keyboard: second option of question 1, the two right boxes of question 2,
// True for question 3, and a typed answer for question 4.
await tabTo(page, 'input[name="welcome-secret"]');
await page.keyboard.press('ArrowDown');
check(await page.evaluate(() => document.getElementById('q-welcome-secret-1').checked), 'arrow key did not choose option 2');
await tabTo(page, '#q-welcome-tell-0');
await page.keyboard.press('Space');
await page.keyboard.press('Tab');
await page.keyboard.press('Space');
await tabTo(page, 'input[name="welcome-999"]');
await page.keyboard.press('Space');
await tabTo(page, '#q-welcome-dsl-answer');
await page.keyboard.type('  MS LEAD ');
await tabTo(page, '[data-quiz-check]');
await page.keyboard.press('Enter');
check((await text(page, '.quiz-score'))[0] === 'You got 4 of 4.', `score: ${await text(page, '.quiz-score')}`);
check(await page.evaluate(() => document.querySelector('.quiz-score').getAttribute('role') === 'status'), 'score is not announced');
const scoreTree = await page.locator('.quiz-score').first().ariaSnapshot();
check(scoreTree === '- status: You got 4 of 4.', `the score in the accessibility tree: ${scoreTree}`);
const feedbackTree = await page.locator('#q-welcome-secret-1').locator('xpath=ancestor::*[contains(@class,"option")][1]').ariaSnapshot();
check(feedbackTree.includes('Honest and kind'), `the chosen option's feedback is not in the accessibility tree: ${feedbackTree}`);
check((await text(page, '.question-result')).every((t) => t === 'Correct.'), `results: ${await text(page, '.question-result')}`);
check(await page.evaluate(() => !document.querySelector('#q-welcome-secret-1').closest('.option').querySelector('.option-feedback').hidden), 'chosen option feedback not shown');
await axe(page, 'the module with a checked quiz');
// Try again clears the marks.
await tabTo(page, '[data-quiz-reset]');
await page.keyboard.press('Enter');
await page.waitForTimeout(50);
check((await text(page, '.quiz-score'))[0] === '', 'Try again did not clear the score');
// Mark the module complete.
await tabTo(page, '[data-module-complete] button');
await page.keyboard.press('Enter');
check(await page.evaluate(() => document.querySelector('[data-module-complete] button').getAttribute('aria-pressed')) === 'true', 'not marked complete');
// A reflection-free course still saves; progress survives a reload.
await page.reload();
await page.goto(url('progress.html'));
const rows = await text(page, '[data-progress-modules] tr');
check(rows[0]?.includes('Completed') && rows[0]?.includes('4 of 4 right'), `progress row after reload: ${rows[0]}`);
check(rows[1]?.includes('Not started'), `second module: ${rows[1]}`);
check((await text(page, '.bar-label')).some((t) => t.startsWith('Active listening: 3 of 3 right')), `bars: ${await text(page, '.bar-label')}`);
await axe(page, 'the progress page');

// Export, clear, import.
const download = page.waitForEvent('download');
await page.click('[data-export]');
const file = await (await download).path();
const exported = JSON.parse(readFileSync(file, 'utf8'));
check(exported.format === 'peerprep-progress' && exported.version === 1 && exported.course === 'test-course', `export header: ${JSON.stringify(exported).slice(0, 120)}`);
check(exported.quiz['welcome-secret']?.correct === true, 'quiz result not exported');
check(exported.reflections === undefined && exported.name === undefined, 'reflections or name exported without being ticked');
await page.click('[data-clear]');
check((await text(page, '[data-progress-modules] tr'))[0]?.includes('Not started'), 'clear did not clear');
await page.setInputFiles('[data-import]', file);
await page.waitForFunction(() => document.querySelector('[data-status]').textContent !== '' && !document.querySelector('[data-status]').textContent.includes('cleared'));
check((await text(page, '[data-status]'))[0] === 'Progress loaded.', `import status: ${await text(page, '[data-status]')}`);
check((await text(page, '[data-progress-modules] tr'))[0]?.includes('Completed'), 'import did not restore');
const bad = join(mkdtempSync(join(tmpdir(), 'pp-')), 'bad.json');
writeFileSync(bad, JSON.stringify({ format: 'peerprep-progress', version: 1, course: 'another-course' }));
await page.setInputFiles('[data-import]', bad);
await page.waitForFunction(() => document.querySelector('[data-status]').textContent.includes('not a progress file'));
check((await text(page, '[data-status]'))[0].includes('it is for the course "another-course"'), 'bad file message');

// The certificate.
await page.goto(url('certificate.html'));
await tabTo(page, '#certificate-name');
await page.keyboard.type('Alex Example');
check((await text(page, '[data-certificate-name]'))[0] === 'Alex Example', 'name not shown on the certificate');
check((await text(page, '[data-certificate-modules] li'))[0] === 'Welcome', 'completed module not on the certificate');
await axe(page, 'the certificate');

// Storage disabled.
const off = await browser.newContext();
await off.addInitScript(() => Object.defineProperty(window, 'localStorage', { get() { throw new Error('disabled'); } }));
page = await newPage(off);
await page.goto(url('modules/01-welcome.html'));
check(await page.evaluate(() => !document.querySelector('[data-storage-notice]').hidden), 'no notice without storage');
await page.check('#q-welcome-secret-0');
await page.click('[data-quiz-check]');
check((await text(page, '.quiz-score'))[0] === 'You got 0 of 4.', `score without storage: ${await text(page, '.quiz-score')}`);
await browser.close();

if (failures.length) {
  console.log(failures.join('\n'));
  process.exit(1);
}
console.log('ok: quiz by keyboard, progress after reload, export/clear/import, bad file, certificate, no storage');
