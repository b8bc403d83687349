// Scenario maps, reflection boxes and printed module pages, in real headless Chromium (issue 16).
//
// Usage: node maps-and-print.mjs --maps A.html,B.html --module M.html --screenshots DIR [--chromium PATH]
//
// For every map page, at 1280×900, 390×844 and 320×800, in light and dark colours:
//   - the drawing shown fits its box: not wider than the box, and the box does not scroll;
//   - every node has a text label that is not its id (the id is its tooltip, a <title>);
//   - printed (A4 width), the whole map fits one page: at most the paper's width and 24 cm high.
// For the module page (one with reflections and a quiz), at 1280 and 390 wide, light and dark:
//   - each reflection box is a full-width block under its prompt, with a label, at least 7 rem high;
//   - printed: the header, navigation, contents, footer and quiz answers are hidden (the support
//     contacts stay),
//     reflections show ruled writing space, and a reflection is never split across pages.
// Screenshots go to DIR: scenario-map-{desktop,phone}-{light,dark}.png, module-{desktop,phone}-
// {light,dark}.png and module-print.png (the module as printed). Prints "ok: ..." or the failures.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, launch } from './lib.mjs';

const args = parseArgs();
const maps = String(args.maps ?? '').split(',').filter(Boolean);
const shots = args.screenshots;
const failures = [];
const browser = await launch(args.chromium);
if (shots) mkdirSync(shots, { recursive: true });

const sizes = [['desktop', 1280, 900], ['phone', 390, 844], ['narrow', 320, 800]];

async function open(file, width, height, scheme, media = 'screen') {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme: scheme, media });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, context };
}

for (const [i, file] of maps.entries()) {
  for (const [label, width, height] of sizes) {
    // Dark mode changes only colours: checked on the first map, which is screenshotted.
    for (const scheme of i === 0 ? ['light', 'dark'] : ['light']) {
      const { page, context } = await open(file, width, height, scheme);
      const found = await page.evaluate(() => {
        const box = document.querySelector('.scenario-map');
        const svg = [...box.querySelectorAll('svg')].find((s) => s.getBoundingClientRect().width > 0);
        if (!svg) return { missing: true };
        const inner = box.getBoundingClientRect();
        const drawn = svg.getBoundingClientRect();
        const unlabelled = [...svg.querySelectorAll('g.map-node-box')].filter((g) => {
          const id = g.querySelector('title')?.textContent ?? '';
          const text = g.querySelector('.map-label')?.textContent.trim() ?? '';
          return !text || text.replace(/^▶ /, '') === id;
        }).map((g) => g.querySelector('title')?.textContent);
        const fontPx = parseFloat(getComputedStyle(svg.querySelector('.map-label')).fontSize) * drawn.width / svg.viewBox.baseVal.width;
        return {
          variant: svg.getAttribute('class'),
          drawn: drawn.width, box: inner.width,
          scrolls: box.scrollWidth > box.clientWidth + 1,
          nodes: svg.querySelectorAll('g.map-node-box').length,
          unlabelled, fontPx,
          pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        };
      });
      const where = `${file} at ${width}px (${scheme})`;
      if (found.missing) failures.push(`${where}: no map drawing shown`);
      else {
        if (found.drawn > found.box + 1) failures.push(`${where}: the map is ${found.drawn}px wide in a ${found.box}px box`);
        if (found.scrolls) failures.push(`${where}: the map's box scrolls`);
        if (found.pageScrolls) failures.push(`${where}: the page scrolls sideways`);
        if (found.nodes === 0) failures.push(`${where}: no nodes drawn`);
        if (found.unlabelled.length) failures.push(`${where}: nodes labelled only by id: ${found.unlabelled.join(', ')}`);
        if (label !== 'narrow' && found.fontPx < 11) failures.push(`${where}: labels drawn at ${found.fontPx.toFixed(1)}px`);
      }
      if (shots && i === 0 && label !== 'narrow') {
        // The page down to the end of the map (the node list below it is long).
        const bottom = await page.evaluate(() => document.querySelector('.scenario-map').getBoundingClientRect().bottom + window.scrollY);
        await page.screenshot({ path: join(shots, `scenario-map-${label}-${scheme}.png`), clip: { x: 0, y: 0, width, height: Math.ceil(bottom) + 24 }, fullPage: true });
      }
      await context.close();
    }
  }
  // Printed on A4 (210 mm less 2 × 15 mm margins is about 680 CSS px).
  const { page, context } = await open(file, 680, 1000, 'light', 'print');
  const printed = await page.evaluate(() => {
    const svg = [...document.querySelectorAll('.scenario-map svg')].find((s) => s.getBoundingClientRect().width > 0);
    const r = svg?.getBoundingClientRect();
    return r ? { width: r.width, height: r.height, variant: svg.getAttribute('class'), page: document.documentElement.clientWidth } : null;
  });
  if (!printed) failures.push(`${file} printed: no map drawing shown`);
  else {
    const cm = 96 / 2.54;
    if (printed.width > printed.page + 1) failures.push(`${file} printed: the map is ${printed.width}px wide on a ${printed.page}px page`);
    if (printed.height > 24 * cm + 1) failures.push(`${file} printed: the map is ${(printed.height / cm).toFixed(1)} cm high`);
    if (!printed.variant.includes('map-wide')) failures.push(`${file} printed: shows ${printed.variant}`);
  }
  await context.close();
}

if (args.module) {
  for (const [label, width, height] of sizes.slice(0, 2)) {
    for (const scheme of ['light', 'dark']) {
      const { page, context } = await open(args.module, width, height, scheme);
      const boxes = await page.evaluate(() => [...document.querySelectorAll('.reflection')].map((r) => {
        const area = r.querySelector('textarea').getBoundingClientRect();
        const prompt = r.querySelector('label').getBoundingClientRect();
        const block = r.getBoundingClientRect();
        const body = r.closest('.module-body').getBoundingClientRect();
        return {
          id: r.querySelector('textarea').id,
          kicker: r.querySelector('.reflection-label')?.textContent.trim() ?? '',
          full: area.width >= body.width - 40 && block.width >= body.width - 2,
          under: area.top >= prompt.bottom - 1,
          height: area.height,
          width: area.width,
        };
      }));
      const where = `${args.module} at ${width}px (${scheme})`;
      if (boxes.length === 0) failures.push(`${where}: no reflection box`);
      for (const b of boxes) {
        if (!b.full) failures.push(`${where}: reflection ${b.id} is ${Math.round(b.width)}px wide, not the text's width`);
        if (!b.under) failures.push(`${where}: reflection ${b.id} is not under its prompt`);
        if (!b.kicker) failures.push(`${where}: reflection ${b.id} has no label`);
        if (b.height < 7 * 16) failures.push(`${where}: reflection ${b.id} is ${Math.round(b.height)}px high`);
      }
      if (shots) await page.screenshot({ path: join(shots, `module-${label}-${scheme}.png`), fullPage: true });
      await context.close();
    }
  }
  const { page, context } = await open(args.module, 720, 1000, 'light', 'print');
  const printed = await page.evaluate(() => {
    const shown = (sel) => [...document.querySelectorAll(sel)].filter((e) => e.getClientRects().length > 0).length;
    const area = document.querySelector('.reflection textarea');
    const style = area && getComputedStyle(area);
    return {
      chrome: ['.site-header', '.site-nav', '.site-search', '.contents', '.site-footer', '.pager', '.skip-link']
        .filter((s) => shown(s) > 0),
      answers: shown('.answer, .option-feedback, .question-result, .quiz-actions, [data-feedback]'),
      support: shown('.support-block'),
      ruled: style ? style.backgroundImage.includes('linear-gradient') : false,
      whole: [...document.querySelectorAll('.reflection')].every((r) => ['avoid', 'avoid-page'].includes(getComputedStyle(r).breakInside)),
    };
  });
  if (printed.chrome.length) failures.push(`${args.module} printed shows the site's ${printed.chrome.join(', ')}`);
  if (printed.answers) failures.push(`${args.module} printed shows ${printed.answers} quiz answers or buttons`);
  if (!printed.support) failures.push(`${args.module} printed without the support contacts`);
  if (!printed.ruled) failures.push(`${args.module} printed: reflections have no ruled lines`);
  if (!printed.whole) failures.push(`${args.module} printed: a reflection may be split across pages`);
  if (shots) await page.screenshot({ path: join(shots, 'module-print.png'), fullPage: true });
  await context.close();
}

await browser.close();
if (failures.length) {
  console.log(failures.join('\n'));
  process.exit(1);
}
console.log(`ok: ${maps.length} scenario maps fit their boxes at 1280, 390 and 320 px and on A4; reflections full width; module prints as a handout`);
