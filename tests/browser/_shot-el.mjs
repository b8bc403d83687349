import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './lib.mjs';
const [out, page, selector, tag] = process.argv.slice(2);
const browser = await launch();
for (const [label, width, scheme] of [['d', 1280, 'light'], ['dd', 1280, 'dark'], ['p', 390, 'light'], ['pd', 390, 'dark']]) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
  const p = await ctx.newPage();
  await p.goto(pathToFileURL(resolve(page)).href);
  const el = p.locator(selector).first();
  await el.scrollIntoViewIfNeeded();
  await el.screenshot({ path: join(out, `${tag}-${label}.png`) });
  await ctx.close();
}
await browser.close();
