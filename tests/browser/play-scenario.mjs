// Plays scenarios in the in-page player with the keyboard alone, in real headless Chromium.
//
// Usage: node play-scenario.mjs --site DIR --scenarios ID[,ID...] [--no-storage ID[,ID...]]
//                               [--chromium PATH] [--jobs N]
//
// Every scenario is played in its own browser context of one Chromium, N at a time (--jobs,
// default 4). From the start page: Tab to Start and press Enter; then, at each step, Tab to the
// first choice, Enter, check the feedback is shown, focused and announced; once use Back and check
// the node returns; Continue until an ending; check the debrief, the path taken and the skills
// practised; run axe-core on the player at a node, at feedback and at the ending; check the ending
// was saved in localStorage (or, for the --no-storage scenarios, that the player works when storage
// throws); then Start again returns to the first step. Prints a "played" line for each play and
// exits 0, or prints failures (each naming its scenario) and exits 1.

import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, launch, tabTo as tab, axe as runAxe } from './lib.mjs';

const args = parseArgs();
const site = resolve(args.site);
const list = (value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : []);
const plays = [
  ...list(args.scenarios).map((scenario) => ({ scenario, noStorage: false })),
  ...list(args['no-storage']).map((scenario) => ({ scenario, noStorage: true })),
];
if (plays.length === 0) throw new Error('give --scenarios ID[,ID...]');

/** Plays one scenario; returns its failures and the line to print when it passed. */
async function play(browser, scenario, noStorage) {
  const failures = [];
  const check = (ok, what) => { if (!ok) failures.push(what); };
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => failures.push(`script error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') failures.push(`console: ${m.text()}`); });
  if (noStorage) {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new Error('storage disabled'); } });
    });
  }
  await page.goto(pathToFileURL(join(site, 'scenarios', scenario, 'index.html')).href);

  const tabTo = (selector) => tab(page, selector, failures, 80);
  const focusedText = () => page.evaluate(() => document.activeElement?.textContent.trim());
  const status = () => page.evaluate(() => new Promise((r) => setTimeout(() => r(document.querySelector('[data-scenario-status]').textContent), 120)));
  async function axe(where) {
    for (const v of await runAxe(page)) failures.push(`axe ${v.id} at ${where}: ${v.help}`);
  }

  const data = await page.evaluate(() => JSON.parse(document.getElementById('scenario-data').textContent));
  await tabTo('.scenario-start');
  await page.keyboard.press('Enter');
  check(await page.evaluate(() => document.querySelector('.scenario-player h2') === document.activeElement), 'focus did not move to the first step');
  const firstHeading = await focusedText();
  check(await status() !== '', 'the first step was not announced');
  await axe('a node');

  let node = data.start;
  let usedBack = false;
  for (let steps = 0; steps < 50 && !data.nodes[node].ending; steps++) {
    const choice = data.nodes[node].choices[0];
    await tabTo('.scenario-player .choice');
    check((await focusedText()) === choice.label, `first choice at ${node} is not "${choice.label}"`);
    await page.keyboard.press('Enter');
    check((await focusedText()) === data.ui.feedback, `feedback heading not focused after choosing at ${node}`);
    check((await status()).includes(choice.label), `feedback at ${node} not announced`);
    // What a screen reader gets: the live region in the accessibility tree.
    const tree = await page.locator('[data-scenario-status]').ariaSnapshot();
    check(tree.startsWith('- status') && tree.includes(choice.label.slice(0, 20)), `feedback at ${node} is not a status in the accessibility tree: ${tree}`);
    check(await page.evaluate(() => !!document.querySelector('.scenario-player .feedback-text')), `no feedback at ${node}`);
    if (!usedBack) {
      await axe('feedback');
      usedBack = true;
      await tabTo('.scenario-player [data-action=back]');
      check((await focusedText()) === data.ui.back, 'Back not reached');
      await page.keyboard.press('Enter');
      check(await page.evaluate(() => document.querySelectorAll('.scenario-player .choice').length) === data.nodes[node].choices.length, 'Back did not return to the step');
      continue;
    }
    await tabTo('.scenario-player [data-action=continue]');
    check((await focusedText()) === data.ui.continue, 'Continue not reached');
    await page.keyboard.press('Enter');
    node = choice.goto;
  }
  const ending = data.nodes[node].ending;
  check(!!ending, 'no ending reached');
  check(await page.evaluate(() => !!document.querySelector('.scenario-player .debrief')), 'no debrief at the ending');
  check(await page.evaluate(() => document.querySelectorAll('.scenario-player .path-taken li').length) > 0, 'no path shown at the ending');
  check(await page.evaluate(() => document.querySelector('.scenario-player h2')?.classList.contains('ending')), 'ending heading missing');
  await axe('the ending');
  const saved = await page.evaluate(() => { try { return window.localStorage.getItem(`peerprep:${document.body.dataset.course}:scenarios`); } catch (e) { return 'unavailable'; } });
  if (noStorage) check(saved === 'unavailable', 'storage was expected to be unavailable');
  else check(saved && JSON.parse(saved)[scenario]?.includes(node), `ending ${node} not saved: ${saved}`);
  await tabTo('.scenario-player [data-action=restart]');
  check((await focusedText()) === data.ui.restart, 'Start again not reached at the ending');
  await page.keyboard.press('Enter');
  check((await focusedText()) === firstHeading, 'Start again did not return to the first step');

  await context.close();
  const played = `played ${scenario} by keyboard to the ${ending} ending "${node}"${noStorage ? ' without storage' : ''}`;
  return { failures: failures.map((f) => `${scenario}${noStorage ? ' (no storage)' : ''}: ${f}`), played };
}

const browser = await launch(args.chromium);
const queue = [...plays];
const results = [];
const jobs = Number(args.jobs ?? 4);
await Promise.all(Array.from({ length: Math.max(1, jobs) }, async () => {
  while (queue.length) {
    const { scenario, noStorage } = queue.shift();
    try {
      results.push(await play(browser, scenario, noStorage));
    } catch (e) {
      results.push({ failures: [`${scenario}${noStorage ? ' (no storage)' : ''}: ${e.message}`] });
    }
  }
}));
await browser.close();

const failures = results.flatMap((r) => r.failures);
if (failures.length) {
  console.log(failures.join('\n'));
  process.exit(1);
}
for (const r of results) console.log(r.played);
