// Page rules for built peerprep pages, in real headless Chromium.
//
// Usage: node check-pages.mjs --site DIR [--screenshots DIR] [--chromium PATH] [--jobs N]
//        node check-pages.mjs --pages LIST.json [--json REPORT.json] [--chromium PATH] [--jobs N]
//
// --site checks every HTML page under DIR (the full audit, .ci/browser-audit); --pages checks the
// pages a JSON file lists, from any number of sites, in the same browser:
//   {"pages": ["/abs/page.html", ...], "screenshots": [["/abs/page.html", "/abs/dir/name"], ...]}
// (a screenshot entry writes name-phone.png at 390×844 and name-desktop.png at 1280×900, the full
// page, and the same in the dark colour scheme as name-phone-dark.png and name-desktop-dark.png).
// One Chromium checks N pages at
// a time (--jobs, default 4), while the Nu HTML Checker runs beside it. --json also writes
// {"checked": [page, ...], "failures": [{"page", "rule", "detail"}, ...]} with absolute paths.
//
// For every page, opened from file:// with its own CSP:
//   - axe-core: zero violations for WCAG 2.0/2.1/2.2 A and AA, in light and dark colour schemes;
//   - no request to any host (every non-file request is aborted and reported);
//   - no script error, no console error, no Content-Security-Policy violation;
//   - keyboard focus visible on every element reached with Tab;
//   - nothing overflows at 320 px wide.
// Then the Nu HTML Checker (vnu-jar) over every page: zero errors.
// With --site, screenshots of the home page and the first module page at phone and desktop widths
// are written to --screenshots. Exits 1 with a list of failures, 0 when every page passes.

import { readdirSync, readFileSync, writeFileSync, statSync, mkdirSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { parseArgs, launch, axe as runAxe } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = parseArgs();
const jobs = Number(args.jobs ?? 4);

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

/** The pages to check, and the screenshots to take as [page, path prefix] pairs. */
function inputs() {
  if (args.pages) {
    const list = JSON.parse(readFileSync(resolve(args.pages), 'utf8'));
    return { pages: list.pages.map((p) => resolve(p)), screenshots: list.screenshots ?? [] };
  }
  if (!args.site) throw new Error('give --site DIR or --pages LIST.json');
  const site = resolve(args.site);
  const pages = htmlFiles(site).sort();
  const screenshots = [];
  if (args.screenshots) {
    const shots = resolve(args.screenshots);
    const firstModule = pages.find((p) => p.startsWith(join(site, 'modules') + sep));
    screenshots.push([join(site, 'index.html'), join(shots, 'home')]);
    if (firstModule) screenshots.push([firstModule, join(shots, 'module')]);
  }
  return { pages, screenshots };
}

const { pages, screenshots } = inputs();
if (pages.length === 0) throw new Error('no pages to check');
/** Pages are named relative to the folder all of them are in. */
const site = pages.map((p) => dirname(p)).reduce((a, b) => {
  while (a !== b && dirname(a) !== a && !(b + sep).startsWith(a + sep)) a = dirname(a);
  return a;
});
const failures = [];
const found = [];
const fail = (page, rule, detail) => {
  found.push({ page, rule, detail });
  failures.push(`${relative(site, page)}: ${rule}: ${detail}`);
};

const browser = await launch(args.chromium);

/** A tab that checks pages one after another (reusing it keeps axe-core compiled, which is faster). */
async function openTab(context) {
  const page = await context.newPage();
  const tab = { page, problems: [] };
  page.on('pageerror', (e) => tab.problems.push(['script error', e.message]));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) tab.problems.push(['console', m.text()]);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) tab.problems.push(['outside request', r.url()]);
  });
  await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return tab;
}

/** Opens `file` in the tab, fresh: desktop width, light colours, no problems recorded yet. */
async function openPage(tab, file) {
  tab.problems = [];
  await tab.page.setViewportSize({ width: 1280, height: 900 });
  await tab.page.emulateMedia({ colorScheme: 'light' });
  await tab.page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return tab;
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

async function checkPage(tab, file) {
  const { page, problems } = await openPage(tab, file);
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
}

/** The Nu HTML Checker over every page, in its own process while the browser works. */
function runVnu() {
  return new Promise((done) => {
    const jar = join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
    const java = spawn('java', ['-jar', jar, '--errors-only', '--format', 'json', ...pages]);
    let out = '';
    let err = '';
    java.stdout.on('data', (d) => { out += d; });
    java.stderr.on('data', (d) => { err += d; });
    java.on('error', (e) => done({ error: e }));
    // The JSON report goes to stderr.
    java.on('close', () => done({ out: err || out }));
  });
}
const vnu = runVnu();

const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const queue = [...pages];
const workers = Array.from({ length: Math.max(1, jobs) }, async () => {
  let tab = await openTab(context);
  while (queue.length) {
    const file = queue.shift();
    try {
      await checkPage(tab, file);
    } catch (e) {
      fail(file, 'could not check the page', e.message);
      await tab.page.close().catch(() => {});
      tab = await openTab(context);
    }
  }
  await tab.page.close();
});
await Promise.all(workers);

const shots = screenshots.flatMap(([file, prefix]) => [['phone', 390, 844], ['desktop', 1280, 900]]
  .flatMap(([label, width, height]) => ['light', 'dark'].map((scheme) => ({ file, prefix, label, width, height, scheme }))));
await Promise.all(Array.from({ length: Math.max(1, jobs) }, async () => {
  for (let shot = shots.shift(); shot; shot = shots.shift()) {
    const { file, prefix, label, width, height, scheme } = shot;
    mkdirSync(dirname(prefix), { recursive: true });
    const ctx = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
    const p = await ctx.newPage();
    await p.goto(pathToFileURL(file).href);
    await p.screenshot({ path: `${prefix}-${label}${scheme === 'dark' ? '-dark' : ''}.png`, fullPage: true });
    await ctx.close();
  }
}));
await browser.close();

const checked = await vnu;
if (checked.error) {
  fail(site, 'Nu HTML Checker could not run', checked.error.message);
} else {
  let report;
  try {
    report = JSON.parse(checked.out || '{"messages":[]}');
  } catch {
    fail(site, 'Nu HTML Checker failed', checked.out.slice(0, 500));
    report = { messages: [] };
  }
  for (const m of report.messages) {
    fail(m.url ? fileURLToPath(m.url) : site, `html ${m.type}`, `line ${m.lastLine}: ${m.message}`);
  }
}

if (args.json) writeFileSync(resolve(args.json), JSON.stringify({ checked: pages, failures: found }, null, 1));
console.log(`checked ${pages.length} pages in ${site}`);
if (failures.length) {
  console.log(failures.join('\n'));
  console.log(`${failures.length} page rule failures`);
  process.exit(1);
}
console.log('every page passed: axe (light and dark), Nu HTML Checker, CSP, no outside request, no script error, focus visible, no overflow at 320 px');
