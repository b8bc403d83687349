// Matching and ordering questions and quiz pools (issue 19) in real headless Chromium, by keyboard.
//
// Usage: node question-types.mjs --site DIR --page modules/PAGE.html [--chromium PATH]
//
// The page holds a quiz with `pool: 2` of a matching question (qt-match), an ordering question
// (qt-order) and one more. With JavaScript: checks the pool shows 2 questions and says so, and
// that Try again draws another set; answers the matching question by keyboard (Tab and typing in
// each menu), checks a wrong pair is marked and the right answers score; puts the steps in order
// with the "Move up" buttons (Enter and Space), checking the focus stays on the button pressed and
// the live region says where the step is now; checks the accessible names of the menus and
// buttons, the saved results and axe-core. Without JavaScript: every question shows, the steps
// have position menus, and "Show the answer" opens by keyboard with the right order.
// Prints "ok: ..." or the failures.

import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, launch, tabTo as tab, axe as runAxe } from './lib.mjs';

const args = parseArgs();
const url = pathToFileURL(join(resolve(args.site), args.page)).href;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };
const browser = await launch(args.chromium);

async function newPage(context) {
  const page = await context.newPage();
  page.on('pageerror', (e) => failures.push(`script error: ${e.message}`));
  return page;
}
const tabTo = (page, selector) => tab(page, selector, failures, 200);
const texts = (page, selector) => page.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.textContent.trim()), selector);
const visible = (page) => page.evaluate(() => [...document.querySelectorAll('.question')].filter((q) => !q.hidden).map((q) => q.getAttribute('data-question')));
async function axe(page, where) {
  for (const v of await runAxe(page)) failures.push(`axe ${v.id} on ${where}: ${v.help}`);
}
async function tryAgain(page) {
  await tabTo(page, '[data-quiz-reset]');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(50);
}

// ---- With JavaScript ----
const context = await browser.newContext();
const page = await newPage(context);
await page.goto(url);

// The pool: 2 of 3 questions shown, numbered 1 and 2, and the intro says so.
let drawn = await visible(page);
check(drawn.length === 2, `pool shows ${drawn.length} questions: ${drawn}`);
check((await texts(page, '.quiz-pool'))[0] === '2 questions drawn from 3. Try again for a different set.', `pool intro: ${await texts(page, '.quiz-pool')}`);
check(await page.evaluate(() => !document.querySelector('.quiz-pool').hidden), 'the pool intro is hidden');
check(await page.locator('.question[hidden]').count() === 1, 'the question not drawn is not hidden with the hidden attribute');
check(JSON.stringify(await page.evaluate(() => [...document.querySelectorAll('.question:not([hidden]) .question-n')].map((n) => n.textContent))) === '["1","2"]', 'drawn questions are not numbered 1 and 2');
// Try again draws a different set, still of 2; until both new kinds are drawn.
const sets = new Set([drawn.join(' ')]);
for (let i = 0; i < 30 && !(drawn.includes('qt-match') && drawn.includes('qt-order')); i++) {
  const before = drawn.join(' ');
  await tryAgain(page);
  drawn = await visible(page);
  check(drawn.length === 2, `after Try again, ${drawn.length} questions shown`);
  check(drawn.join(' ') !== before, `Try again drew the same set: ${before}`);
  sets.add(drawn.join(' '));
}
check(drawn.includes('qt-match') && drawn.includes('qt-order'), `never drew both new kinds: ${[...sets]}`);

// Accessible names: each menu is named by its prompt, each button by its action and step.
check(await page.getByRole('combobox', { name: 'Someone is at risk of harm', exact: true }).count() === 1, 'no menu named by its prompt');
check(await page.getByRole('button', { name: 'Move up: Listen calmly', exact: true }).count() === 1, 'no "Move up: Listen calmly" button');
check(await page.getByRole('button', { name: 'Move down: Ask for a debrief', exact: true }).count() === 1, 'no "Move down: Ask for a debrief" button');
check(await page.locator('.step-place select').evaluateAll((s) => s.every((e) => e.offsetParent === null)), 'position menus still shown with JavaScript');

// Matching by keyboard, one pair wrong: typing in a focused menu chooses the answer it starts with.
await tabTo(page, '#q-qt-match-0');
await page.keyboard.type('Ms Lead');
await tabTo(page, '#q-qt-match-1');
await page.keyboard.type('Your supervisor');
await tabTo(page, '#q-qt-match-2');
await page.keyboard.type('Another mentor');
const chosen = await page.evaluate(() => [0, 1, 2].map((n) => { const s = document.getElementById(`q-qt-match-${n}`); return s.options[s.selectedIndex].text; }));
check(JSON.stringify(chosen) === '["Ms Lead, straight away","Your supervisor","Another mentor"]', `menus by keyboard: ${chosen}`);

// Ordering by keyboard: bring each step up to its place with its "Move up" button.
const order = () => page.evaluate(() => [...document.querySelectorAll('.order-step')].map((s) => ({ text: s.querySelector('.step-text').textContent, position: Number(s.dataset.position) })));
let moves = 0;
for (let target = 0; target < 4; target++) {
  const now = await order();
  const from = now.findIndex((s) => s.position === target + 1);
  if (from === target) continue;
  const name = `Move up: ${now[from].text}`;
  await tabTo(page, `button[aria-label="${name}"]`);
  for (let k = from; k > target; k--) {
    await page.keyboard.press(moves % 2 ? 'Space' : 'Enter');
    moves += 1;
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    check(focused === name, `focus left the moved step's button: ${focused}`);
    const status = (await texts(page, '[data-question=qt-order] .order-status'))[0];
    check(status === `${now[from].text}: now number ${k} of 4.`, `live region: ${status}`);
  }
}
check(moves > 0, 'no step needed moving: the order first shown was already right');
check(JSON.stringify((await order()).map((s) => s.position)) === '[1,2,3,4]', `steps not in order: ${JSON.stringify(await order())}`);
check(await page.evaluate(() => document.querySelector('.order-step [data-move="-1"]').getAttribute('aria-disabled')) === 'true', 'the first step can still move up');
check(await page.locator('.order-status').getAttribute('aria-live') === 'polite', 'the order status is not a live region');

// Check: the wrong pair is marked, and the score counts the drawn questions.
await tabTo(page, '[data-quiz-check]');
await page.keyboard.press('Enter');
check((await texts(page, '.quiz-score'))[0] === 'You got 1 of 2.', `score: ${await texts(page, '.quiz-score')}`);
check((await texts(page, '[data-question=qt-match] .question-result'))[0] === 'Not quite.', 'matching with a wrong pair is not marked wrong');
check(JSON.stringify(await texts(page, '[data-question=qt-match] .item-result')) === '["Correct.","Correct.","Not quite."]', `pairs marked: ${await texts(page, '[data-question=qt-match] .item-result')}`);
check(await page.locator('[data-question=qt-match] .item-feedback').first().isVisible(), 'a pair\'s feedback is not shown after checking');
check((await texts(page, '[data-question=qt-order] .question-result'))[0] === 'Correct.', 'ordering in order is not marked right');
check((await texts(page, '[data-question=qt-order] .item-result')).every((t) => t === 'Correct.'), 'steps not all marked right');
await axe(page, 'a checked quiz with matching and ordering');
// The third pair, right this time.
await tabTo(page, '#q-qt-match-2');
await page.keyboard.type('Call');
await tabTo(page, '[data-quiz-check]');
await page.keyboard.press('Enter');
check((await texts(page, '.quiz-score'))[0] === 'You got 2 of 2.', `score: ${await texts(page, '.quiz-score')}`);
const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('peerprep:test-course:quiz') || '{}'));
check(saved['qt-match']?.correct === true && saved['qt-order']?.correct === true, `saved: ${JSON.stringify(saved)}`);
check(!('qt-true' in saved), 'a question not drawn was recorded');

// Try again: the steps go back to the order first shown, and a new set is drawn.
await tryAgain(page);
check((await visible(page)).join(' ') !== drawn.join(' '), 'Try again kept the same set');
check(JSON.stringify((await order()).map((s) => s.position)) !== '[1,2,3,4]', 'Try again left the steps in the right order');
check((await texts(page, '.item-result')).every((t) => t === ''), 'Try again left the marks');
await context.close();

// ---- Without JavaScript ----
const plain = await browser.newContext({ javaScriptEnabled: false });
const noJs = await newPage(plain);
await noJs.goto(url);
check((await noJs.locator('.question:visible').count()) === 3, 'without JavaScript, not every question of the pool shows');
check(!(await noJs.locator('.quiz-pool').isVisible()), 'without JavaScript, the pool intro shows');
check(!(await noJs.locator('.step-moves').first().isVisible()), 'without JavaScript, move buttons show');
check(await noJs.getByRole('combobox', { name: 'Position: Listen calmly', exact: true }).count() === 1, 'no position menu named by its step');
await tabTo(noJs, '#q-qt-order-0');
await noJs.keyboard.type('2');
check(await noJs.evaluate(() => document.getElementById('q-qt-order-0').value) === '2', 'a position menu does not answer the keyboard');
await tabTo(noJs, '[data-question=qt-order] details.answer summary');
await noJs.keyboard.press('Enter');
check(await noJs.evaluate(() => document.querySelector('[data-question=qt-order] details.answer').open), '"Show the answer" does not open by keyboard');
const right = await texts(noJs, '[data-question=qt-order] .right-order li');
check(right[0] === 'Listen calmly' && right[3] === 'Ask for a debrief', `the right order: ${right}`);
check(await noJs.locator('[data-question=qt-order] .right-order').isVisible(), 'the right order is not shown');
await tabTo(noJs, '[data-question=qt-match] details.answer summary');
await noJs.keyboard.press('Space');
check((await texts(noJs, '[data-question=qt-match] .right-pairs li'))[0] === 'Someone is at risk of harm → Ms Lead, straight away', 'the pairs are not revealed');
await plain.close();

await browser.close();
if (failures.length) {
  console.log(failures.join('\n'));
  process.exit(1);
}
console.log(`ok: ${sets.size} sets drawn, ${moves} moves by keyboard, no-JS reveal`);
