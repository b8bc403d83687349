// Shared by the browser scripts: arguments, launching Debian's Chromium for this closed network,
// axe-core, and moving the keyboard focus with Tab.

import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));

/** The WCAG tags every page is checked against. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core's source, to evaluate in a page. */
export const axeSource = readFileSync(join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** `--name value` pairs; a flag with no value is `true`. */
export function parseArgs(argv = process.argv.slice(2)) {
  const out = {};
  argv.forEach((arg, i) => {
    if (!arg.startsWith('--')) return;
    const next = argv[i + 1];
    out[arg.slice(2)] = next === undefined || next.startsWith('--') ? true : next;
  });
  return out;
}

/** Headless Chromium with the flags this machine's closed network needs. */
export function launch(executablePath = '/usr/bin/chromium') {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--allow-file-access-from-files'],
  });
}

/** Presses Tab until the focused element matches `selector`; false (and a failure) if it never does. */
export async function tabTo(page, selector, failures, limit = 120) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return true;
  }
  failures.push(`could not reach ${selector} with Tab`);
  return false;
}

/** Runs axe-core on the page (every WCAG A/AA rule, or the given run options); returns the violations. */
export async function axe(page, options = { runOnly: { type: 'tag', values: AXE_TAGS } }) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axeSource);
  const result = await page.evaluate((opts) => window.axe.run(document, { preload: false, ...opts }), options);
  return result.violations;
}
