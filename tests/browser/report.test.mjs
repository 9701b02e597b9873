// The clinician report (/report) in a real headless Chromium: the page
// passes axe-core (light, dark, phone width) and is one click from the
// My plans area; both buttons download a file without JavaScript; and
// the HTML report itself, loaded into a page, passes axe-core too, keeps
// its inline style under its own CSP, and prints on one or two A4 pages
// for 90 days of data.
//
// Run through `cargo test` (crates/thaw/tests/browser.rs), which passes
// THAW_BIN; or by hand: THAW_BIN=target/debug/thaw node --test report.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BIN, base, browser, checkAccessibility, dataDir, run, setUpSuite, signedIn } from './lib.mjs';

const CAPTION = 'Mood and numbness, daily means, with spikes marked';


function thaw(...args) {
  return run(args, {
    env: { ...process.env, NO_COLOR: '1', TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Ninety days ending yesterday, most with a check-in; a PHQ-9 before and in
 * the period; an activity; a journal entry for therapy; a safety plan. */
function seed() {
  const day = (back) => new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10);
  for (let back = 89; back >= 1; back--) {
    if (back % 4 === 0) continue;
    const mood = String(3 + (back % 5));
    const numb = String(back === 30 ? 10 : 4 + (back % 3));
    thaw('checkin', '--mood', mood, '--numbness', numb, '--at', `${day(back)} 20:00`);
  }
  thaw('activity', 'add', 'walk');
  for (let back = 80; back >= 2; back -= 3) thaw('activity', 'log', 'walk', '--at', `${day(back)} 18:00`);
  thaw('screen', 'phq9', '--answers', '2,2,2,2,2,2,2,2,0', '--at', `${day(60)} 10:00`);
  thaw('screen', 'phq9', '--answers', '1,1,1,1,1,1,1,1,0', '--at', `${day(10)} 10:00`);
  thaw('journal', 'Numb after calls with dad; I would like to talk about it.', '--for-therapy', '--at', `${day(20)} 21:00`);
  execFileSync(BIN, ['--data-dir', dataDir(), 'safety-plan', 'edit'], {
    input: '## People I can ask for help\n- Sam on 0123 456789\n',
    env: { ...process.env, NO_COLOR: '1', TZ: 'UTC' },
  });
}

setUpSuite({ prefix: 'thaw-report-', seed, serverEnv: { TZ: 'UTC' } });

/** The HTML report as the download serves it. */
async function reportHtml(context, query = '') {
  const response = await context.request.get(`${base}/report.html${query}`);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-disposition'], /^attachment; filename="thaw-report-.*\.html"$/);
  return response.text();
}

test('the report page is in the My plans area and passes axe in light, dark and on a phone', async () => {
  const { context, page } = await signedIn();
  await page.goto(base + '/');
  await Promise.all([page.waitForURL(base + '/safety-plan'), page.click('nav[aria-label="Main"] >> text=My plans')]);
  await Promise.all([page.waitForURL(base + '/report'), page.click('nav[aria-label="Plans"] >> text=Report for my clinician')]);
  assert.equal(await page.getAttribute('nav[aria-label="Plans"] a[href="/report"]', 'aria-current'), 'page');
  assert.equal(await page.getAttribute('nav[aria-label="Main"] a[href="/safety-plan"]', 'aria-current'), 'page');
  assert.match(await page.inputValue('#from'), /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(await page.isChecked('#safety_plan'), false, 'the plan stays out unless chosen');
  await context.close();

  for (const options of [{}, { colorScheme: 'dark' }, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }]) {
    const { context, page } = await signedIn(options);
    await page.goto(base + '/report');
    assert.equal(await page.locator('h1').count(), 1);
    await checkAccessibility(page, `/report ${JSON.stringify(options)}`);
    if (options.viewport) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `/report scrolls sideways on a phone by ${overflow}px`);
    }
    await context.close();
  }
});

test('both buttons download a file, without JavaScript', async () => {
  const { context, page } = await signedIn({ javaScriptEnabled: false, acceptDownloads: true });
  await page.goto(base + '/report');
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.click('button.primary')]);
  assert.match(pdf.suggestedFilename(), /^thaw-report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.pdf$/);
  const bytes = readFileSync(await pdf.path());
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');

  await page.click('label[for="safety_plan"]');
  const [html] = await Promise.all([page.waitForEvent('download'), page.click('button[formaction="/report.html"]')]);
  assert.match(html.suggestedFilename(), /\.html$/);
  const text = readFileSync(await html.path(), 'utf8');
  assert.ok(text.includes('Sam on 0123 456789'), 'the plan, as chosen');
  await context.close();
});

test('the HTML report passes axe, keeps its own style under its CSP, and prints on one or two A4 pages', async () => {
  const { context, page } = await signedIn();
  const html = await reportHtml(context);
  assert.ok(!/<script/i.test(html), 'no script in the report');
  assert.ok(!html.includes('Sam on 0123'), 'the plan stays out unless chosen');
  await page.setContent(html);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('figcaption'), new RegExp(CAPTION));
  assert.match(await page.textContent('main'), /PHQ-9/);
  assert.match(await page.textContent('main'), /8 of 27/);
  assert.match(await page.textContent('main'), /Numb after calls with dad/);
  await checkAccessibility(page, 'the HTML report');
  await context.close();

  // Without bypassing anything: the report's inline style applies (its
  // own CSP allows that) and nothing is refused or thrown.
  const plain = await browser.newContext();
  const view = await plain.newPage();
  const problems = [];
  view.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  view.on('pageerror', (e) => problems.push(String(e)));
  await view.setContent(html);
  const border = await view.evaluate(() => getComputedStyle(document.querySelector('h2')).borderBottomStyle);
  assert.equal(border, 'solid', 'the inline style applies');
  assert.deepEqual(problems, []);
  const printed = await view.pdf({ format: 'A4', preferCSSPageSize: true });
  const pages = (printed.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 1 && pages <= 2, `printed on ${pages} pages`);
  await plain.close();
});
