// Right-to-left pages (issue 18), in real headless Chromium.
//
// Usage: node right-to-left.mjs --page PAGE.html --dir rtl|ltr [--page … --dir …] [--chromium PATH]
//
// Each page is a module page with both a "previous" and a "next" link and a reflection. At 1280×900 and on a
// 390×844 phone: the computed direction of <html> and <body> is the one given; the module nav
// shows "next" on the left of "previous" in rtl (on the right in ltr), on one line on the desktop
// (on a phone, "previous" above when they wrap); the heading starts on the side its direction
// reads from, and so is a reflection's thick edge; nothing overflows.
// Prints "ok" or the failures.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, launch } from './lib.mjs';

// parseArgs keeps the last of repeated options: read the pairs from argv.
const argv = process.argv.slice(2);
const pages = [];
for (let i = 0; i < argv.length; i += 1) {
  if (argv[i] === '--page') pages.push({ page: argv[i + 1], dir: argv[i + 3] });
}
const args = parseArgs();
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };
const browser = await launch(args.chromium);

for (const { page: file, dir } of pages) {
  for (const [width, height] of [[1280, 900], [390, 844]]) {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    page.on('pageerror', (e) => failures.push(`${file}: script error: ${e.message}`));
    await page.goto(pathToFileURL(resolve(file)).href);
    const at = `${file} at ${width} px`;
    const found = await page.evaluate(() => {
      const box = (sel) => {
        const el = document.querySelector(sel);
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      };
      return {
        html: getComputedStyle(document.documentElement).direction,
        body: getComputedStyle(document.body).direction,
        next: box('.pager-next'),
        prev: box('.pager-prev'),
        heading: box('main h1'),
        main: box('main'),
        // The reflection's thick edge is on the side the text starts from.
        edge: (() => {
          const el = document.querySelector('.reflection');
          if (!el) return null;
          const st = getComputedStyle(el);
          return { left: parseFloat(st.borderLeftWidth), right: parseFloat(st.borderRightWidth) };
        })(),
        width: document.documentElement.clientWidth,
        scroll: document.documentElement.scrollWidth,
      };
    });
    check(found.html === dir && found.body === dir, `${at}: direction is ${found.html} (body ${found.body}), not ${dir}`);
    if (!found.next || !found.prev) {
      failures.push(`${at}: no previous and next links`);
    } else {
      // On a phone, long titles may put them on two lines: "previous" first.
      const sameLine = Math.abs(found.next.top - found.prev.top) < 2;
      if (width > 1000) check(sameLine, `${at}: previous and next are not on one line`);
      if (!sameLine) check(found.prev.bottom <= found.next.top, `${at}: "next" comes before "previous"`);
      else if (dir === 'rtl') check(found.next.right <= found.prev.left, `${at}: "next" is not on the left of "previous"`);
      else check(found.prev.right <= found.next.left, `${at}: "next" is not on the right of "previous"`);
    }
    if (found.heading && found.main) {
      // The heading starts at the side its direction reads from: its right edge in rtl.
      const gapStart = dir === 'rtl' ? found.main.right - found.heading.right : found.heading.left - found.main.left;
      check(Math.abs(gapStart) < 40, `${at}: the heading does not start at the ${dir === 'rtl' ? 'right' : 'left'} (${Math.round(gapStart)} px in)`);
    }
    if (!found.edge) failures.push(`${at}: no reflection on the page`);
    else if (dir === 'rtl') check(found.edge.right > found.edge.left, `${at}: the reflection's thick edge is not on the right`);
    else check(found.edge.left > found.edge.right, `${at}: the reflection's thick edge is not on the left`);
    check(found.scroll <= found.width, `${at}: the page is ${found.scroll} px wide in ${found.width}`);
    await context.close();
  }
}
await browser.close();
if (pages.length === 0) failures.push('no pages given');
console.log(failures.length ? failures.join('\n') : 'ok');
process.exit(failures.length ? 1 : 0);
