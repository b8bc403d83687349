// Slide decks (issue 19), in real headless Chromium, from file://.
//
// Usage: node slides.mjs --deck DECK.html [--chromium PATH]
//
// The deck holds three slides: "Hello, Ms Lead" (with speaker notes and an image), "Second slide"
// and "Trainer slide". Checks:
//   - with JavaScript: one slide at a time, filling the screen at 16:9, the site's header gone;
//     ArrowRight/ArrowLeft, PageDown, Space, Home and End change the slide, the counter ("2 / 3")
//     and the address (#slide-2), and move the focus to the slide; the Next button works by
//     keyboard and keeps the focus; N shows and hides the speaker notes (the Notes button says
//     whether they are shown); a reload keeps the slide; no animation with reduced motion;
//   - screen-reader names: each slide is a region named "Slide k of 3: its title", the counter is
//     a polite live region that says the slide's name, the controls are named buttons in a
//     navigation landmark;
//   - without JavaScript: one long page, every slide and its notes shown, no controls;
//   - printed (print media, with and without JavaScript): every slide, 16:9, one a page, no notes,
//     no controls; and a real print to PDF has one page a slide.
// Prints "ok" or the failures.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, launch } from './lib.mjs';

const args = parseArgs();
const url = pathToFileURL(resolve(args.deck)).href;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };
const names = ['Slide 1 of 3: Hello, Ms Lead', 'Slide 2 of 3: Second slide', 'Slide 3 of 3: Trainer slide'];

const browser = await launch(args.chromium);

/** The state of a presented deck: the shown slides' ids, the counter, the address, the focus. */
const state = (page) => page.evaluate(() => ({
  shown: Array.from(document.querySelectorAll('section.slide')).filter((s) => s.getClientRects().length > 0).map((s) => s.id),
  counter: document.querySelector('[data-deck-counter] [aria-hidden="true"]')?.textContent ?? '',
  said: document.querySelector('[data-deck-counter] .visually-hidden')?.textContent ?? '',
  hash: window.location.hash,
  focus: document.activeElement?.id || document.activeElement?.tagName.toLowerCase(),
}));

{
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  page.on('pageerror', (e) => failures.push(`script error: ${e.message}`));
  await page.goto(url);
  let s = await state(page);
  check(s.shown.join() === 'slide-1' && s.counter === '1 / 3', `with JavaScript: not slide 1 alone at first (${JSON.stringify(s)})`);
  check(s.said === names[0], `the live counter does not say the slide's name (${s.said})`);
  check(!(await page.locator('.site-header').isVisible()), 'the site header shows while presenting');
  // Screen-reader names.
  check(await page.getByRole('region', { name: names[0], exact: true }).count() === 1, 'no region named like slide 1');
  const live = page.locator('[data-deck-counter]');
  check(await live.getAttribute('aria-live') === 'polite', 'the counter is not a polite live region');
  const controls = page.getByRole('navigation', { name: 'Slide decks' });
  for (const name of ['Previous slide', 'Next slide', 'Notes']) {
    check(await controls.getByRole('button', { name, exact: true }).count() === 1, `no button "${name}" in the deck's controls`);
  }
  // Filling the screen at 16:9, above the bar of controls.
  const box = await page.locator('#slide-1 .slide-frame').boundingBox();
  check(box && Math.abs(box.width / box.height - 16 / 9) < 0.03, `slide 1 is not 16:9 (${JSON.stringify(box)})`);
  check(box && box.width >= 1280 * 0.95 - 1 || box.height >= (800 - 56) * 0.95, `slide 1 does not fill the screen (${JSON.stringify(box)})`);
  // Keyboard.
  const keys = [
    ['ArrowRight', 'slide-2', '2 / 3'], ['ArrowLeft', 'slide-1', '1 / 3'], ['ArrowLeft', 'slide-1', '1 / 3'],
    ['End', 'slide-3', '3 / 3'], ['ArrowRight', 'slide-3', '3 / 3'], ['Home', 'slide-1', '1 / 3'],
    ['PageDown', 'slide-2', '2 / 3'], ['Space', 'slide-3', '3 / 3'], ['PageUp', 'slide-2', '2 / 3'],
  ];
  for (const [key, id, counter] of keys) {
    await page.keyboard.press(key);
    s = await state(page);
    const n = Number(id.slice(6));
    check(s.shown.join() === id && s.counter === counter && s.hash === `#${id}`, `${key}: expected ${id} (${counter}), got ${JSON.stringify(s)}`);
    check(s.said === names[n - 1], `${key}: the counter says "${s.said}"`);
  }
  check(s.focus === 'slide-2', `the focus is not on the slide after a key (${s.focus})`);
  // The Next button, by keyboard: the slide changes, the focus stays on the button.
  await page.getByRole('button', { name: 'Next slide' }).focus();
  await page.keyboard.press('Enter');
  s = await state(page);
  check(s.shown.join() === 'slide-3' && s.focus === 'button', `Enter on "Next slide": ${JSON.stringify(s)}`);
  await page.keyboard.press('Space');
  s = await state(page);
  check(s.shown.join() === 'slide-3', `Space on a button moved twice: ${JSON.stringify(s)}`);
  // Speaker notes: hidden while presenting until N.
  await page.keyboard.press('Home');
  const notes = page.locator('#slide-1 aside.slide-notes');
  const pressed = () => page.getByRole('button', { name: 'Notes' }).getAttribute('aria-pressed');
  check(!(await notes.isVisible()) && await pressed() === 'false', 'the notes show before N');
  await page.keyboard.press('n');
  check(await notes.isVisible() && await pressed() === 'true', 'N does not show the notes');
  await page.keyboard.press('n');
  check(!(await notes.isVisible()) && await pressed() === 'false', 'N again does not hide the notes');
  // A reload keeps the place.
  await page.goto(`${url}#slide-3`);
  await page.reload();
  s = await state(page);
  check(s.shown.join() === 'slide-3' && s.counter === '3 / 3', `a reload at #slide-3 shows ${JSON.stringify(s)}`);
  // Print, with the script running: every slide, no notes, no controls.
  await page.emulateMedia({ media: 'print' });
  await printed(page, 'printed with JavaScript');
  await context.close();
}

{
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(url);
  const animation = await page.locator('#slide-1 .slide-frame').evaluate((el) => getComputedStyle(el).animationName);
  check(animation === 'none', `the slide animates despite reduced motion (${animation})`);
  await context.close();
}

{
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  await page.goto(url);
  for (const [i, name] of names.entries()) {
    const region = page.getByRole('region', { name, exact: true });
    check(await region.count() === 1 && await region.isVisible(), `without JavaScript: slide ${i + 1} is not shown as "${name}"`);
  }
  check(await page.locator('#slide-1 aside.slide-notes').isVisible(), 'without JavaScript: the notes are not shown');
  check((await page.locator('#slide-1 aside.slide-notes').innerText()).includes('what makes a good listener?'), 'without JavaScript: the notes lack their text');
  check(!(await page.locator('[data-deck-controls]').isVisible()), 'without JavaScript: the controls show');
  check(await page.getByRole('heading', { level: 1 }).isVisible(), 'without JavaScript: no visible deck title');
  await page.emulateMedia({ media: 'print' });
  await printed(page, 'printed without JavaScript');
  await context.close();
}

{
  // A real print: one page a slide.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) || []).length;
  check(pages === 3, `the deck prints on ${pages} pages, not 3`);
  const size = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
  check(size && Math.abs(Number(size[1]) / Number(size[2]) - 16 / 9) < 0.01, `the printed page is not 16:9 (${size && size.slice(1)})`);
  await context.close();
}

/** Checks a deck under print media. */
async function printed(page, how) {
  const frames = await page.locator('section.slide').evaluateAll((slides) => slides.map((s) => {
    const frame = s.querySelector('.slide-frame').getBoundingClientRect();
    return { shown: s.getClientRects().length > 0, ratio: frame.width / frame.height, before: getComputedStyle(s).breakBefore };
  }));
  check(frames.length === 3 && frames.every((f) => f.shown), `${how}: not every slide is printed (${JSON.stringify(frames)})`);
  check(frames.every((f) => Math.abs(f.ratio - 16 / 9) < 0.01), `${how}: a slide is not 16:9 (${JSON.stringify(frames)})`);
  check(frames.slice(1).every((f) => f.before === 'page'), `${how}: the slides do not start a page each (${JSON.stringify(frames)})`);
  check(!(await page.locator('aside.slide-notes').first().isVisible()), `${how}: the notes are printed`);
  check(!(await page.locator('[data-deck-controls]').isVisible()), `${how}: the controls are printed`);
  check(!(await page.locator('.site-header').isVisible()), `${how}: the site header is printed`);
}

await browser.close();
console.log(failures.length ? failures.join('\n') : 'ok');
process.exitCode = failures.length ? 1 : 0;
