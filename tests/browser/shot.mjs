// A developer's tool: screenshots of pages at the four sizes the browser tests use, and where the
// first heading starts on a phone. Usage: node shot.mjs OUT_DIR page.html [page.html ...]
import { mkdirSync } from 'node:fs';
import { basename, resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './lib.mjs';

const [out, ...pages] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await launch();
for (const page of pages) {
  for (const [label, width, height, scheme] of [['desktop', 1280, 900, 'light'], ['desktop-dark', 1280, 900, 'dark'], ['phone', 390, 844, 'light'], ['phone-dark', 390, 844, 'dark']]) {
    const ctx = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
    const p = await ctx.newPage();
    await p.goto(pathToFileURL(resolve(page)).href);
    const top = await p.evaluate(() => document.querySelector('main h1, main h2')?.getBoundingClientRect().top);
    const name = page.split('/').slice(-2).join('-').replace('.html', '');
    if (label === 'phone') console.log(`${name}: first heading at ${Math.round(top)} px of ${height}`);
    // Light: down to 2,400 px (fullPage, or the clip stops at the first screen); dark: the first screen.
    const full = scheme === 'dark' ? height : await p.evaluate(() => document.documentElement.scrollHeight);
    await p.screenshot({ path: join(out, `${name}-${label}.png`), fullPage: full > height, clip: { x: 0, y: 0, width, height: Math.min(Math.max(full, height), 2400) } });
    await ctx.close();
  }
}
await browser.close();
