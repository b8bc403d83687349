// The phone layout (issue 16), in real headless Chromium.
//
// Usage: node phone-layout.mjs --site DIR --module modules/PAGE.html [--chromium PATH]
//
// On a 390×844 phone, with JavaScript: the menu and the support contacts are folded, each behind a
// button reached by Tab; Enter opens it (aria-expanded, the links shown), Escape inside closes it
// and puts the focus back on the button; the emergency line always shows; the first heading starts
// in the top 40% of the screen. Marking the module complete ticks it in the contents list and
// counts it. Without JavaScript nothing is folded and no button shows. On a 1280×900 desktop,
// the links and contacts show and the buttons do not.
// Prints "ok" or the failures.

import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, launch } from './lib.mjs';

const args = parseArgs();
const url = pathToFileURL(join(resolve(args.site), args.module)).href;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };
const browser = await launch(args.chromium);

async function open(options) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  page.on('pageerror', (e) => failures.push(`script error: ${e.message}`));
  await page.goto(url);
  return { context, page };
}
const visible = (page, selector) => page.locator(selector).first().isVisible();
const expanded = (page, selector) => page.locator(selector).getAttribute('aria-expanded');

// A phone, with JavaScript.
{
  const { context, page } = await open({ viewport: { width: 390, height: 844 } });
  check(!(await visible(page, '.site-nav')), 'phone: the menu is open at first');
  check(!(await visible(page, '.support-list')), 'phone: the support contacts are open at first');
  check(await visible(page, '.support-emergency'), 'phone: the emergency line is hidden');
  check(await visible(page, '.menu-button'), 'phone: no Menu button');
  const top = await page.evaluate(() => document.querySelector('main h1').getBoundingClientRect().top);
  check(top <= 0.4 * 844, `phone: the heading starts at ${top} px (more than 40% of 844)`);
  // Tab to the Menu button, open it with Enter, go into it, close it with Escape.
  let reached = false;
  for (let i = 0; i < 10 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.classList.contains('menu-button'));
  }
  check(reached, 'phone: Tab never reaches the Menu button');
  await page.keyboard.press('Enter');
  check(await expanded(page, '.menu-button') === 'true', 'phone: Enter does not mark the menu open');
  check(await visible(page, '.site-nav a'), 'phone: Enter does not show the menu');
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => !!document.activeElement?.closest('.site-nav')), 'phone: Tab after opening does not go into the menu');
  await page.keyboard.press('Escape');
  check(await expanded(page, '.menu-button') === 'false', 'phone: Escape does not close the menu');
  check(await page.evaluate(() => document.activeElement?.classList.contains('menu-button')), 'phone: Escape does not return to the Menu button');
  // The support contacts open with one tap.
  await page.locator('.support-toggle').click();
  check(await visible(page, '.support-list'), 'phone: the support button does not show the contacts');
  check(await expanded(page, '.support-toggle') === 'true', 'phone: the support button is not marked open');
  // Marking the module complete ticks it in the contents list.
  const button = page.locator('[data-module-complete] button');
  await button.click();
  const slug = await page.locator('[data-module]').getAttribute('data-module');
  check(await page.locator(`.contents-list li[data-slug="${slug}"].is-done`).count() === 1, 'phone: the module is not ticked after "Mark complete"');
  const counted = await page.locator('[data-contents-progress] span').textContent();
  check(/^1 of \d+ modules done$/.test(counted ?? ''), `phone: the contents count says "${counted}"`);
  await page.reload();
  check(await page.locator(`.contents-list li[data-slug="${slug}"].is-done`).count() === 1, 'phone: the tick is gone after a reload');
  await context.close();
}

// A phone without JavaScript: nothing folds.
{
  const { context, page } = await open({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  check(await visible(page, '.site-nav a'), 'no JS: the menu is hidden');
  check(await visible(page, '.support-list'), 'no JS: the contacts are hidden');
  check(!(await visible(page, '.menu-button')), 'no JS: a Menu button shows that cannot work');
  check(!(await visible(page, '.support-toggle')), 'no JS: a support button shows that cannot work');
  await context.close();
}

// A desktop: everything shows, no buttons.
{
  const { context, page } = await open({ viewport: { width: 1280, height: 900 } });
  check(await visible(page, '.site-nav a'), 'desktop: the menu is hidden');
  check(await visible(page, '.support-list'), 'desktop: the contacts are hidden');
  check(!(await visible(page, '.menu-button')), 'desktop: a Menu button shows');
  check(!(await visible(page, '.support-toggle')), 'desktop: a support button shows');
  await context.close();
}

await browser.close();
console.log(failures.length ? failures.join('\n') : 'ok');
process.exit(failures.length ? 1 : 0);
