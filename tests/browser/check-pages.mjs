// Page rules for a built peerprep site, in real headless Chromium.
//
// Usage: node check-pages.mjs --site DIR [--screenshots DIR] [--chromium PATH]
//
// For every HTML page of the site, opened from file:// with its own CSP:
//   - axe-core: zero violations for WCAG 2.0/2.1/2.2 A and AA, in light and dark colour schemes;
//   - no request to any host (every non-file request is aborted and reported);
//   - no script error, no console error, no Content-Security-Policy violation;
//   - keyboard focus visible on every element reached with Tab;
//   - nothing overflows at 320 px wide.
// Then the Nu HTML Checker (vnu-jar) over every page: zero errors.
// Screenshots of the home page and the first module page at phone and desktop widths are written to
// --screenshots. Exits 1 with a list of failures, 0 when every page passes.

import { readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { parseArgs, launch, axe as runAxe } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = parseArgs();
const site = resolve(args.site);
const shots = args.screenshots ? resolve(args.screenshots) : null;

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

const pages = htmlFiles(site).sort();
const failures = [];
const fail = (page, rule, detail) => failures.push(`${relative(site, page)}: ${rule}: ${detail}`);

const browser = await launch(args.chromium);

async function openPage(context, file) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(['script error', e.message]));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(['console', m.text()]);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) problems.push(['outside request', r.url()]);
  });
  await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, problems };
}

async function axe(page, file, scheme) {
  await page.emulateMedia({ colorScheme: scheme });
  // Light: every WCAG A/AA rule. Dark: the colour rules again, since only colours change.
  const violations = scheme === 'light'
    ? await runAxe(page)
    : await runAxe(page, { runOnly: { type: 'rule', values: ['color-contrast', 'link-in-text-block'] } });
  for (const v of violations) {
    const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
    fail(file, `axe ${v.id} (${scheme})`, `${v.help}: ${targets}`);
  }
}

async function focusVisible(page, file) {
  // One real Tab press puts Chromium in keyboard mode; then every focusable element is focused in
  // turn and must show an outline or a shadow.
  await page.keyboard.press('Tab');
  const hidden = await page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const bad = [];
    for (const el of document.querySelectorAll(selector)) {
      if (el.closest('[hidden]') || el.getClientRects().length === 0) continue;
      el.focus();
      if (document.activeElement !== el) continue;
      const s = getComputedStyle(el);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      const shadow = s.boxShadow && s.boxShadow !== 'none';
      if (!outline && !shadow) bad.push(`${el.tagName.toLowerCase()} ${el.textContent.trim().slice(0, 40)}`);
    }
    return bad;
  });
  for (const what of hidden) fail(file, 'focus not visible', what);
}

async function checkPage(context, file) {
  const { page, problems } = await openPage(context, file);
  await axe(page, file, 'light');
  await axe(page, file, 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await focusVisible(page, file);
  const csp = await page.evaluate(() => window.__cspViolations);
  for (const v of csp) fail(file, 'CSP violation', v);
  const meta = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '');
  if (!meta.includes("default-src 'none'")) fail(file, 'CSP', `missing or weak policy: "${meta}"`);
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = await page.evaluate(() => {
    const doc = document.documentElement;
    // Content inside its own scrolling box (code, tables, maps) may be wider than the page.
    const inScroller = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    const wide = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1
      && !inScroller(el));
    const name = (el) => el.tagName.toLowerCase() + (el.getAttribute('class') ? '.' + el.getAttribute('class') : '');
    return { scroll: doc.scrollWidth, width: doc.clientWidth, wide: wide.slice(0, 3).map(name) };
  });
  if (overflow.scroll > overflow.width || overflow.wide.length) {
    fail(file, 'overflow at 320 px', `page is ${overflow.scroll}px wide; ${overflow.wide.join(', ')}`);
  }
  for (const [rule, detail] of problems) fail(file, rule, detail);
  await page.close();
}

const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const queue = [...pages];
const workers = Array.from({ length: 3 }, async () => {
  while (queue.length) await checkPage(context, queue.shift());
});
await Promise.all(workers);

if (shots) {
  mkdirSync(shots, { recursive: true });
  const firstModule = pages.find((p) => p.includes(`${join(site, 'modules')}/`));
  for (const [name, file] of [['home', join(site, 'index.html')], ['module', firstModule]]) {
    if (!file) continue;
    for (const [label, width] of [['phone', 390], ['desktop', 1280]]) {
      const ctx = await browser.newContext({ viewport: { width, height: 900 } });
      const p = await ctx.newPage();
      await p.goto(pathToFileURL(file).href);
      await p.screenshot({ path: join(shots, `${name}-${label}.png`), fullPage: true });
      await ctx.close();
    }
  }
}
await browser.close();

const vnu = spawnSync('java', ['-jar', join(here, 'node_modules/vnu-jar/build/dist/vnu.jar'), '--errors-only', '--format', 'json', ...pages], { encoding: 'utf8' });
if (vnu.error) {
  failures.push(`Nu HTML Checker could not run: ${vnu.error.message}`);
} else {
  const report = JSON.parse(vnu.stderr || vnu.stdout || '{"messages":[]}');
  for (const m of report.messages) {
    fail(fileURLToPath(m.url), `html ${m.type}`, `line ${m.lastLine}: ${m.message}`);
  }
}

console.log(`checked ${pages.length} pages in ${site}`);
if (failures.length) {
  console.log(failures.join('\n'));
  console.log(`${failures.length} page rule failures`);
  process.exit(1);
}
console.log('every page passed: axe (light and dark), Nu HTML Checker, CSP, no outside request, no script error, focus visible, no overflow at 320 px');
