// Search in real headless Chromium on file://, by keyboard.
//
// Usage: node search.mjs --site DIR [--chromium PATH]
//
// Types a query into the header search box of a module page and presses Enter; checks the
// results on search.html (announced count, links to headings); refines the query on the search
// page and follows the first result by keyboard; checks that a snippet holding HTML is shown as
// text, never run; runs axe-core on the results; finds words however they are accented and in
// other scripts ("uber" and "ÜBER" find "Über", Welsh "wyr" finds "ŵyr", unvowelled Arabic finds
// the text with its harakat, and its result leads to the Arabic heading); and checks that without
// JavaScript the search page lists every module and heading. Prints "ok" or the failures.
//
// The site is the test fixture with the modules of `course_in_three_languages`
// (tests/testsuite/languages.rs) and a heading "Hostile text".

import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, launch, tabTo as tab, axe as runAxe } from './lib.mjs';

const args = parseArgs();
const site = resolve(args.site);
const url = (path) => pathToFileURL(join(site, path)).href;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };
const browser = await launch(args.chromium);
const context = await browser.newContext();
const page = await context.newPage();
page.on('pageerror', (e) => failures.push(`script error: ${e.message}`));
page.on('dialog', (d) => { failures.push(`a dialog opened: ${d.message()}`); d.dismiss(); });
const tabTo = (selector) => tab(page, selector, failures);
const text = (selector) => page.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.textContent.trim()), selector);

// From the header of a module page.
await page.goto(url('modules/02-features.html'));
await tabTo('#site-search-q');
await page.keyboard.type('limits');
await page.keyboard.press('Enter');
await page.waitForURL(/search\.html\?q=limits/);
await page.waitForFunction(() => !document.getElementById('search-results').hidden);
check((await text('#search-status'))[0] === '1 result for “limits”.', `status: ${await text('#search-status')}`);
check(await page.evaluate(() => document.getElementById('search-status').getAttribute('role') === 'status'), 'the count is not announced');
const hrefs = await page.evaluate(() => [...document.querySelectorAll('#search-results a')].map((a) => a.getAttribute('href')));
check(hrefs[0] === 'modules/01-welcome.html#limits', `first result: ${hrefs[0]}`);
check(await page.evaluate(() => document.getElementById('search-q').value === 'limits'), 'the query is not kept in the box');
for (const v of await runAxe(page)) failures.push(`axe ${v.id} on the results: ${v.help}`);

// Refine on the search page, then follow the first result by keyboard.
await page.focus('#search-q');
await page.keyboard.press('Control+A');
await page.keyboard.type('hostile');
await page.waitForFunction(() => document.getElementById('search-status').textContent.includes('hostile'));
const snippet = (await text('#search-results p'))[0] || '';
check(snippet.includes('<img src=x onerror='), `the HTML in a snippet is not shown as text: ${snippet}`);
check(await page.evaluate(() => document.querySelectorAll('#search-results img, #search-results script').length === 0), 'a snippet made elements');
check(await page.evaluate(() => window.__pwned === undefined), 'a snippet ran a script');
await page.keyboard.press('Control+A');
await page.keyboard.type('nothing-matches-this');
await page.waitForFunction(() => document.getElementById('search-status').textContent.startsWith('Nothing found'));
check(await page.evaluate(() => document.getElementById('search-results').hidden), 'empty results are not hidden');
await page.keyboard.press('Control+A');
await page.keyboard.type('understanding');
await page.waitForFunction(() => document.getElementById('search-status').textContent.includes('understanding'));
await tabTo('#search-results a');
await page.keyboard.press('Enter');
await page.waitForURL(/01-welcome\.html#check-your-understanding$/);

// Accents folded and other scripts (issue 18), each query typed into the search page.
const search = async (query) => {
  await page.focus('#search-q');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(query);
  await page.waitForFunction((q) => document.getElementById('search-status').textContent.includes(`“${q}”`), query);
  return page.evaluate(() => [...document.querySelectorAll('#search-results li')].map((li) => ({
    href: li.querySelector('a').getAttribute('href'),
    link: li.querySelector('a').textContent,
    snippet: (li.querySelector('p') || {}).textContent || '',
  })));
};
await page.goto(url('search.html'));
for (const query of ['uber', 'ÜBER']) {
  const found = await search(query);
  check(found.length === 1 && found[0].href === 'modules/03-uber-uns.html' && found[0].link === 'Über uns',
    `"${query}" finds: ${JSON.stringify(found)}`);
}
const cafe = await search('cafe');
check(cafe.length === 1 && cafe[0].href === 'modules/03-uber-uns.html#wer-wir-sind' && cafe[0].snippet.includes('Café'),
  `"cafe" finds: ${JSON.stringify(cafe)}`);
const welsh = await search('wyr');
check(welsh.length === 1 && welsh[0].href === 'modules/04-ymddiriedaeth-wyr.html' && welsh[0].snippet.includes('ŵyr'),
  `"wyr" finds: ${JSON.stringify(welsh)}`);
const arabic = await search('مرحبا');
check(arabic.length === 1 && arabic[0].href.startsWith('modules/03-uber-uns.html#') && arabic[0].link === 'بالعربية'
  && arabic[0].snippet.includes('مَرْحَبًا'), `"مرحبا" finds: ${JSON.stringify(arabic)}`);
await tabTo('#search-results a');
await page.keyboard.press('Enter');
await page.waitForURL(/03-uber-uns\.html#/);
check(await page.evaluate(() => document.getElementById(decodeURIComponent(window.location.hash.slice(1)))?.textContent.trim() === 'بالعربية'),
  `the Arabic result does not lead to its heading: ${page.url()}`);

// Every word of the section in many scripts, typed as written, finds that section: the page folds
// a query as the index (built in Rust) folded the text. Each query is submitted, not typed.
await page.goto(url('modules/03-uber-uns.html'));
const corpus = await page.evaluate(() => document.getElementById('viele-sprachen').nextElementSibling.textContent);
await page.goto(url('search.html'));
const missed = await page.evaluate((text) => {
  const form = document.querySelector('[data-search]');
  const input = document.getElementById('search-q');
  const out = [];
  let tried = 0;
  for (const raw of text.split(/\s+/)) {
    const token = raw.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');
    if (Array.from(token).length < 2) continue;
    tried += 1;
    input.value = token;
    form.requestSubmit();
    const hrefs = [...document.querySelectorAll('#search-results a')].map((a) => a.getAttribute('href'));
    if (!hrefs.includes('modules/03-uber-uns.html#viele-sprachen')) out.push(token);
  }
  return tried >= 20 ? out : [`only ${tried} words in: ${text}`];
}, corpus);
check(missed.length === 0, `words of many scripts not found as written: ${missed.join(' | ')}`);

// Without JavaScript: the page lists every module and its headings.
const nojs = await browser.newContext({ javaScriptEnabled: false });
const plain = await nojs.newPage();
await plain.goto(url('search.html') + '?q=limits');
const listed = await plain.evaluate(() => [...document.querySelectorAll('.search-index a')].map((a) => a.getAttribute('href')));
check(listed.includes('modules/01-welcome.html') && listed.includes('modules/01-welcome.html#limits'), `the no-JS list: ${listed}`);
check(await plain.evaluate(() => !document.querySelector('[data-needs-js]').hidden), 'the no-JS notice is hidden');

await browser.close();
console.log(failures.length ? failures.join('\n') : 'ok: search by keyboard, escaped snippets, accents folded, Arabic and Welsh found, no-JS list');
process.exit(failures.length ? 1 : 0);
