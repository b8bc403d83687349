// Figures, callouts, definition lists, video and audio (issue 19), in real headless Chromium.
//
// Usage: node media-blocks.mjs --page MODULE.html --workbook WORKBOOK.html [--chromium PATH]
//
// The module page holds a figure, a Tip and a Caution callout, a definition list, a video with
// captions, poster and transcript, and an audio file with a transcript. Checks, from file://:
//   - screen-reader names: the figure is named by its caption, each callout is a note named by its
//     kind, the definition list has its term and definition, the media figures are named by title;
//   - the captions load and show, in a browser that refuses a track file beside a page opened
//     from disk (so without --allow-file-access-from-files): they travel in the page;
//   - by keyboard alone: Tab reaches the video's controls and the transcript's summary, Enter
//     opens the transcript; the same without JavaScript;
//   - printed (print media): no player, the transcript shown in full; the workbook prints the video
//     as its title, poster and transcript.
// Prints "ok" or the failures.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { parseArgs, launch, tabTo } from './lib.mjs';

const args = parseArgs();
const url = (f) => pathToFileURL(resolve(f)).href;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

// A browser as a learner has it: a page opened from disk may not read the files beside it.
const plain = await chromium.launch({ executablePath: args.chromium ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
{
  const page = await plain.newPage();
  await page.goto(url(args.page));
  const cues = await page.waitForFunction(() => {
    const track = document.querySelector('video').textTracks[0];
    return track && track.cues && track.cues.length > 0 ? { mode: track.mode, n: track.cues.length, first: track.cues[0].text } : false;
  }, null, { timeout: 5000 }).then((h) => h.jsonValue()).catch(() => null);
  check(cues && cues.mode === 'showing' && cues.n === 2 && cues.first.startsWith('Mentor:'), `the captions did not load from file:// (${JSON.stringify(cues)})`);
  const played = await page.evaluate(() => new Promise((done) => {
    const v = document.querySelector('video');
    if (v.readyState >= 1) done(v.duration); else { v.addEventListener('loadedmetadata', () => done(v.duration)); setTimeout(() => done(-1), 4000); }
  }));
  check(played > 0.9 && played < 1.2, `the video did not load (duration ${played})`);
}
await plain.close();

const browser = await launch(args.chromium);
for (const javaScriptEnabled of [true, false]) {
  const how = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled });
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  page.on('pageerror', (e) => failures.push(`script error: ${e.message}`));
  await page.goto(url(args.page));
  const count = (locator) => locator.count();
  check(await count(page.getByRole('figure', { name: 'The dot, close up', exact: true })) === 1, `${how}: no figure named by its caption`);
  check(await count(page.getByRole('note', { name: 'Tip', exact: true })) === 1, `${how}: no note named "Tip"`);
  check(await count(page.getByRole('note', { name: 'Caution', exact: true })) === 1, `${how}: no note named "Caution"`);
  check(await count(page.getByRole('term').filter({ hasText: 'Rapport' })) === 1, `${how}: no term "Rapport"`);
  check(await count(page.getByRole('definition').filter({ hasText: 'A feeling of trust' })) === 1, `${how}: no definition`);
  check(await count(page.getByRole('figure', { name: 'Video: Sitting side by side' })) === 1, `${how}: the video's figure is not named by its title`);
  check(await count(page.getByRole('figure', { name: 'Audio: A single note' })) === 1, `${how}: the audio's figure is not named by its title`);
  // Keyboard: the player's controls, then the transcript.
  if (await tabTo(page, 'video', failures)) {
    await tabTo(page, '.media-video summary', failures);
    const before = await page.locator('.media-video .media-transcript p').isVisible();
    await page.keyboard.press('Enter');
    const after = await page.locator('.media-video .media-transcript p').isVisible();
    check(!before && after, `${how}: Enter on "Transcript" did not open it (${before} → ${after})`);
  }
  check(await page.locator('audio[controls]').count() === 1, `${how}: no audio player`);
  // Printed from the browser: no player, the whole transcript.
  await page.reload();
  await page.emulateMedia({ media: 'print' });
  check(!(await page.locator('video').isVisible()), `${how}: the video player is printed`);
  check(await page.locator('.media-video .media-transcript p').isVisible(), `${how}: the transcript is not printed`);
  check(await page.locator('.media-audio .media-transcript p').isVisible(), `${how}: the audio transcript is not printed`);
  await context.close();
}
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url(args.workbook));
  await page.emulateMedia({ media: 'print' });
  check(await page.locator('video, audio').count() === 0, 'the workbook has a player');
  check(await page.locator('.media-video img.media-poster').isVisible(), 'the workbook does not print the poster');
  check(await page.locator('.media-video .media-transcript').filter({ hasText: 'Hi, come and sit down.' }).isVisible(), 'the workbook does not print the transcript');
  check(await page.getByRole('note', { name: 'Tip', exact: true }).isVisible(), 'the workbook does not print the Tip');
  await context.close();
}
await browser.close();
console.log(failures.length ? failures.join('\n') : 'ok');
process.exit(failures.length ? 1 : 0);
