// Resuming a scenario and a node's content note in the in-page player (issue 19), by keyboard, in
// real headless Chromium from file://.
//
// Usage: node scenario-resume.mjs --start SCENARIOS/promise/index.html [--chromium PATH]
//
// The scenario is the minimal fixture's "promise" (opening → "I promise." → promised → …), whose
// "promised" node has a content note. Checks:
//   - the player shows the node's content note before its text;
//   - leaving part-way and coming back offers "Carry on where you left off" and "Start again";
//     carrying on shows the feedback or the step the learner left, with Back still working;
//   - "Start again" starts from the first step and forgets the place;
//   - reaching an ending forgets the place;
//   - a stored place that does not fit the scenario (hostile or out of date) offers nothing and is
//     removed.
// Prints "ok" or the failures.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, launch } from './lib.mjs';

const args = parseArgs();
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };
const browser = await launch(args.chromium);
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
page.setDefaultTimeout(5000);
page.on('pageerror', (e) => failures.push(`script error: ${e.message}`));
const start = pathToFileURL(resolve(args.start)).href;

// Focuses the element and presses Enter, as a keyboard user does.
async function press(locator) {
  await locator.focus();
  await page.keyboard.press('Enter');
}
const heading = () => page.locator('.scenario-player h2').textContent();
const places = () => page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.endsWith(':places')).map(([, v]) => JSON.parse(v)));

await page.goto(start);
check(await page.locator('.scenario-resume').count() === 0, 'a first visit offers to carry on');
await press(page.locator('.scenario-start'));
await press(page.getByRole('button', { name: 'I promise.' }));
check(await heading() === 'Feedback', 'choosing did not show the feedback');

// Leave while reading the feedback, and come back.
await page.goto(start);
const resume = page.getByRole('link', { name: 'Carry on where you left off' });
check(await resume.count() === 1, 'no "Carry on where you left off" after leaving part-way');
check((await page.locator('.scenario-start').textContent()) === 'Start again', 'the start link does not say "Start again"');
check(await page.locator('.resume-note').isVisible(), 'no note that the scenario is part-way');
await press(resume);
check(await heading() === 'Feedback', 'carrying on did not show the feedback being read');
check((await page.locator('.you-chose').textContent()).includes('I promise.'), 'carrying on showed other feedback');
check(await page.evaluate(() => document.activeElement?.matches('.scenario-player h2')), 'focus is not on the step carried on from');
await press(page.getByRole('button', { name: 'Continue' }));
// The "promised" node: its content note comes before its text.
const note = page.locator('.scenario-player [role=note].content-note');
check((await note.textContent()) === 'Content note: This step mentions an injury.', `the node's content note is ${await note.textContent().catch(() => 'missing')}`);
check(await page.evaluate(() => {
  const n = document.querySelector('.scenario-player .content-note');
  const t = document.querySelector('.scenario-player .node-text');
  return !!n && !!t && (n.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}), 'the content note is not before the text');

// Leave on a step, come back, carry on: the same step, and Back goes to the feedback before it.
await page.goto(start);
await press(page.getByRole('link', { name: 'Carry on where you left off' }));
check((await page.locator('.scenario-player .node-text').textContent()).includes('Sam tells you something worrying.'), 'carrying on did not show the step left');
await press(page.getByRole('button', { name: 'Back' }));
check((await page.locator('.scenario-player .node-text').textContent()).includes('You have to promise not to tell'), 'Back after carrying on did not go to the first step');

// Start again forgets the place.
await page.goto(start);
await press(page.locator('.scenario-start'));
check((await page.locator('.scenario-player .node-text').textContent()).includes('You have to promise not to tell'), 'Start again did not start at the first step');
await page.goto(start);
check(await page.locator('.scenario-resume').count() === 0, 'Start again did not forget the place');

// Play to an ending: the place is forgotten.
await press(page.locator('.scenario-start'));
await press(page.getByRole('button', { name: "I can't promise that, but I'll listen." }));
await press(page.getByRole('button', { name: 'Continue' }));
await press(page.getByRole('button', { name: 'Check in next week.' }));
await press(page.getByRole('button', { name: 'Continue' }));
check(await heading() === 'Good practice ending', `did not reach the ending (${await heading()})`);
check(JSON.stringify(await places()) === '[{}]', `an ending did not forget the place: ${JSON.stringify(await places())}`);
await page.goto(start);
check(await page.locator('.scenario-resume').count() === 0, 'an ending still offers to carry on');

// A stored place that does not fit: nothing offered, and it is removed.
for (const bad of ['{"promise":{"choices":[9]}}', '{"promise":{"choices":["1"]}}', '{"promise":[1,2]}', '"x"', '{"promise":{"choices":[1,1,1,1,1,1]}}']) {
  await page.evaluate((v) => { for (const k of Object.keys(localStorage)) if (k.endsWith(':places')) localStorage.setItem(k, v); }, bad);
  await page.goto(start);
  check(await page.locator('.scenario-resume').count() === 0, `the stored place ${bad} was offered`);
  check(!(await page.evaluate(() => Object.values(localStorage).some((v) => v.includes('"promise":{')))), `the stored place ${bad} was kept`);
  await page.locator('.scenario-start').click();
  check((await page.locator('.scenario-player .node-text').textContent()).includes('You have to promise not to tell'), `after ${bad}, Start did not start at the first step`);
}
await browser.close();
console.log(failures.length ? failures.join('\n') : 'ok');
process.exit(failures.length ? 1 : 0);
