// The glossary (issue 19), in real headless Chromium, from file://.
//
// Usage: node glossary.mjs --page MODULE.html --glossary GLOSSARY.html --workbook WORKBOOK.html [--chromium PATH]
//
// MODULE.html marks the first use of each glossary term as a link to its entry. Checks, with and
// without JavaScript:
//   - screen-reader names: a term's link is named by the word on the page and described by the
//     definition (the accessibility tree's name and description); on the glossary page each entry
//     is a term (dt) with its definition (dd), and the letter index is a navigation landmark;
//   - by keyboard alone: Tab reaches the first term link, Enter opens the glossary at its entry,
//     which is the page's target, in view and focused; Tab from there goes on to the links inside
//     the entry ("See also"); a letter of the index, by Enter, goes to its letter;
//   - printed (print media): the workbook's glossary appendix shows every entry, with no letter
//     index and no entry split across pages; a printed module page prints its terms as plain words.
// Prints "ok" or the failures.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, launch, tabTo } from './lib.mjs';

const args = parseArgs();
const url = (f) => pathToFileURL(resolve(f)).href;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

const browser = await launch(args.chromium);
for (const javaScriptEnabled of [true, false]) {
  const how = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled });
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  page.on('pageerror', (e) => failures.push(`script error: ${e.message}`));
  await page.goto(url(args.page));

  // Names and descriptions as a screen reader gets them, from the accessibility tree.
  const cdp = await context.newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const links = nodes.filter((n) => n.role?.value === 'link' && !n.ignored);
  const mentee = links.find((n) => n.name?.value === 'MENTEE');
  check(mentee, `${how}: no link named "MENTEE" in the accessibility tree`);
  check(mentee?.description?.value === 'The student a peer mentor supports. See welcome.',
    `${how}: the term link's description is ${JSON.stringify(mentee?.description?.value)}`);
  const dsl = links.find((n) => n.name?.value === 'DSL');
  check(dsl?.description?.value?.startsWith('The member of staff responsible for safeguarding'),
    `${how}: the DSL link is not described by its definition (${JSON.stringify(dsl?.description?.value)})`);
  check(await page.getByRole('link', { name: 'MENTEE', exact: true }).count() === 1, `${how}: "MENTEE" is not one link`);

  // Keyboard: Tab to the first term, Enter goes to its entry.
  if (await tabTo(page, 'main a.term', failures)) {
    const first = await page.evaluate(() => document.activeElement.textContent);
    check(first === 'MENTEE', `${how}: the first term link reached by Tab is "${first}"`);
    await Promise.all([page.waitForURL(/glossary\.html#term-mentee$/), page.keyboard.press('Enter')]);
    await page.waitForLoadState('load');
    const at = await page.evaluate(() => {
      const target = document.querySelector(':target');
      const box = target?.getBoundingClientRect();
      return {
        target: target?.id,
        focused: document.activeElement?.id,
        inView: !!box && box.top >= 0 && box.top < window.innerHeight,
      };
    });
    check(at.target === 'term-mentee', `${how}: the glossary's target is ${at.target}`);
    check(at.inView, `${how}: the entry is not in view`);
    // The browser sets where the next Tab starts when it has finished going to the fragment, which
    // on a busy machine can come after the load event; the page may run no script to say when
    // (this also runs without JavaScript), so give it a moment.
    await new Promise((done) => setTimeout(done, 300));
    // From the entry, Tab goes on to the links in it, not back to the top of the page.
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      inEntry: !!document.activeElement?.closest('.glossary-entry')?.querySelector('#term-mentee'),
    }));
    check(next.inEntry, `${how}: Tab after following a term goes to "${next.text}", not into its entry (focused ${at.focused})`);
  }

  // The glossary page: terms and definitions, the letter index as a landmark.
  await page.goto(url(args.glossary));
  check(await page.getByRole('navigation', { name: 'Glossary by letter' }).count() === 1, `${how}: no "Glossary by letter" navigation`);
  // Each entry is a term (its dt; the dfn inside it is the term's defining instance) and a definition.
  const terms = await page.getByRole('term').filter({ has: page.locator('dfn') }).allTextContents();
  check(terms.map((t) => t.trim()).join('|') === 'Active listening|Confidentiality|Designated Safeguarding Lead|Limits of confidentiality|Mentee',
    `${how}: the glossary's terms are ${JSON.stringify(terms)}`);
  check(await page.getByRole('definition').count() === 5, `${how}: not one definition per term`);
  check(await page.getByRole('heading', { name: 'M', exact: true, level: 2 }).count() === 1, `${how}: no heading for the letter M`);
  if (await tabTo(page, '.glossary-index a[href="#letter-m"]', failures)) {
    await page.keyboard.press('Enter');
    await page.waitForURL(/#letter-m$/);
    const inView = await page.evaluate(() => {
      const box = document.getElementById('letter-m').getBoundingClientRect();
      return box.top >= 0 && box.top < window.innerHeight;
    });
    check(inView, `${how}: the letter M is not in view after Enter`);
  }
  await context.close();
}

// Print: the workbook's appendix, and a module page's terms as words.
{
  const context = await browser.newContext({ viewport: { width: 800, height: 1000 } });
  const page = await context.newPage();
  await page.goto(url(args.workbook));
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => {
    const appendix = document.getElementById('document-glossary');
    const shown = (e) => e && getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0;
    return {
      appendix: shown(appendix),
      entries: [...document.querySelectorAll('#document-glossary .glossary-entry')].filter(shown).length,
      whole: [...document.querySelectorAll('#document-glossary .glossary-entry')].every((e) => getComputedStyle(e).breakInside === 'avoid'),
      index: document.querySelectorAll('#document-glossary .glossary-index').length,
      inContents: !!document.querySelector('.document-contents a[href="#document-glossary"]'),
    };
  });
  check(printed.appendix, 'the workbook does not print its glossary');
  check(printed.entries === 5, `the workbook prints ${printed.entries} glossary entries`);
  check(printed.whole, 'a printed glossary entry may be split across pages');
  check(printed.index === 0, 'the workbook prints a letter index');
  check(printed.inContents, 'the workbook\'s contents do not list the glossary');
  await page.goto(url(args.page));
  await page.emulateMedia({ media: 'print' });
  const term = await page.evaluate(() => getComputedStyle(document.querySelector('main a.term')).textDecorationLine);
  check(term === 'none', `a printed module underlines its terms (${term})`);
  await context.close();
}
await browser.close();
console.log(failures.length ? failures.join('\n') : 'ok');
process.exit(failures.length ? 1 : 0);
