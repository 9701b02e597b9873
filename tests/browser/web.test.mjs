// The web app in a real headless Chromium: the one-time link, a check-in
// made by clicking, the history that shows it, the journal, and an axe-core
// accessibility check on every page (no serious or critical violations),
// in light and dark, on a desktop and a phone-sized screen.
//
// Run through `cargo test` (crates/thaw/tests/browser.rs), which passes
// THAW_BIN; or by hand: THAW_BIN=target/debug/thaw node --test web.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  base, captureSession, checkAccessibility as check, cli, loginUrl, newPage, sessionCookies, setUpSuite,
} from './lib.mjs';

// The session is signed in by the first test, through the page itself.
setUpSuite({ prefix: 'thaw-browser-', signIn: false });

/** Runs axe-core on the page; fails on any serious or critical violation. */
function checkAccessibility(page, label) {
  return check(page, label, { impacts: ['serious', 'critical'] });
}

test('a check-in made by clicking shows in history and in the command line', async () => {
  const { context, page } = await newPage();
  await page.goto(base + '/');
  assert.match(await page.textContent('h1'), /Open Thaw from your terminal/);
  await checkAccessibility(page, 'the locked page');

  await page.goto(loginUrl);
  assert.equal(new URL(page.url()).pathname, '/');
  await captureSession(context);
  const session = sessionCookies.find((c) => c.name === 'thaw_session');
  assert.ok(session && session.httpOnly && session.sameSite === 'Strict', 'an HttpOnly, SameSite=Strict session cookie');
  assert.match(await page.textContent('h1'), /How are you right now/);
  assert.match(await page.textContent('main'), /Nothing leaves this machine/);
  await checkAccessibility(page, 'today (first run)');

  await page.click('label[for="mood-4"]');
  await page.click('label[for="numbness-7"]');
  await page.click('label[for="feel-0-0"]');
  await page.fill('#triggers', 'poor sleep');
  await page.fill('#plan', 'short walk');
  await Promise.all([page.waitForURL('**/?saved=1'), page.click('button[type="submit"]')]);
  assert.match(await page.textContent('[role="status"]'), /Saved/);
  assert.match(await page.textContent('main'), /mood 4 · numbness 7/);
  await checkAccessibility(page, 'today (after saving)');

  await page.click('nav >> text=Patterns');
  assert.match(await page.textContent('main'), /Not enough data yet/);
  await checkAccessibility(page, 'patterns (not enough data)');
  await page.click('nav >> text=History');
  assert.equal(await page.locator('svg[role="img"]').count(), 1);
  assert.match(await page.textContent('main'), /I feel detached/);
  await checkAccessibility(page, 'history');

  const saved = cli('--json', 'checkins').checkins.find((c) => c.plan === 'short walk');
  assert.ok(saved, 'the command line sees the check-in');
  assert.equal(saved.mood, 4);
  assert.equal(saved.numbness, 7);
  assert.deepEqual(saved.sensations, ['I feel detached']);
  assert.deepEqual(saved.triggers, ['poor sleep']);
  await context.close();
});

test('the journal writes, searches and filters, and an error keeps what was typed', async () => {
  const { context, page } = await newPage();
  await context.addCookies(sessionCookies);
  await page.goto(base + '/journal');
  await checkAccessibility(page, 'journal (empty)');
  await page.fill('#text', '   ');
  await page.fill('#tags', 'kept');
  await page.click('form.journal-write button');
  assert.match(await page.textContent('[role="alert"]'), /couldn't be saved/);
  assert.equal(await page.inputValue('#tags'), 'kept');
  await checkAccessibility(page, 'journal (an error)');
  await page.fill('#text', 'Walked past the bakery and the smell of bread reached me');
  await page.fill('#tags', 'outside');
  await Promise.all([page.waitForURL('**/journal?saved=1'), page.click('form.journal-write button')]);
  await page.fill('#text', 'Numb after calls with dad');
  await page.click('label[for="for_therapy"]');
  await Promise.all([page.waitForURL('**/journal?saved=1'), page.click('form.journal-write button')]);
  await page.fill('#q', 'bakery');
  await Promise.all([page.waitForURL('**/journal?q=bakery**'), page.click('form.search button')]);
  const found = await page.textContent('ul.entries');
  assert.match(found, /smell of bread/);
  assert.doesNotMatch(found, /calls with dad/);
  await checkAccessibility(page, 'journal (search)');
  await context.close();
});

test('every page reads well in dark mode and on a phone', async () => {
  for (const options of [{ colorScheme: 'dark' }, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }]) {
    const { context, page } = await newPage(options);
    await context.addCookies(sessionCookies);
    for (const path of ['/', '/history', '/insights', '/journal', '/screen', '/screen/phq9', '/safety-plan', '/help-now']) {
      await page.goto(base + path);
      await checkAccessibility(page, `${path} ${JSON.stringify(options)}`);
      if (options.viewport) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${path} scrolls sideways on a phone by ${overflow}px`);
      }
    }
    await context.close();
  }
});

test('help now is one click from every page, with no sign-in step', async () => {
  const { context, page } = await newPage();
  // Not signed in: the locked page still offers help.
  await page.goto(base + '/');
  await page.click('text=Need help now');
  assert.equal(new URL(page.url()).pathname, '/help-now');
  assert.match(await page.textContent('main'), /immediate danger/);
  assert.ok((await page.locator('ul.lines li').count()) > 0, 'lists at least one line');
  await checkAccessibility(page, 'help now');
  await context.close();
});

test('a screener one question at a time, with resources first when item 9 is positive', async () => {
  const { context, page } = await newPage();
  await context.addCookies(sessionCookies);
  await page.goto(base + '/screen');
  await checkAccessibility(page, 'check-ups (empty)');
  await page.click('a[href="/screen/phq9"]');
  for (let i = 1; i <= 9; i++) {
    assert.match(await page.textContent('legend'), new RegExp(`Question ${i} of 9`));
    if (i === 1) await checkAccessibility(page, 'a screener question');
    await page.click(i === 9 ? 'label[for="v-1"]' : 'label[for="v-0"]');
    await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"]')]);
  }
  assert.match(new URL(page.url()).pathname, /^\/screen\/result\//);
  const main = await page.textContent('main');
  assert.ok(main.indexOf('talk to someone') < main.indexOf('Your total'), 'resources come before the score');
  assert.match(main, /screening, not a diagnosis/);
  assert.doesNotMatch(main, /no risk/i);
  await checkAccessibility(page, 'screener result');
  await page.goto(base + '/screen');
  assert.equal(await page.locator('svg[role="img"]').count(), 1, 'a chart with severity bands');
  await checkAccessibility(page, 'check-ups (with a result)');
  await context.close();
});

test('the safety plan is written and read back', async () => {
  const { context, page } = await newPage();
  await context.addCookies(sessionCookies);
  await page.goto(base + '/safety-plan');
  await checkAccessibility(page, 'safety plan');
  await page.fill('#s-warning_signs', 'Staying in bed past noon\nNot answering messages');
  await page.fill('#s-people', 'My sister');
  await Promise.all([page.waitForURL('**/safety-plan?saved=1'), page.click('button[type="submit"]')]);
  assert.equal(await page.inputValue('#s-warning_signs'), 'Staying in bed past noon\nNot answering messages');
  const plan = cli('--json', 'safety-plan');
  assert.deepEqual(plan.people, ['My sister']);
  await page.goto(base + '/relapse-plan');
  assert.match(await page.inputValue('#s-steps'), /Reach out/);
  await checkAccessibility(page, 'relapse plan');
  await context.close();
});
