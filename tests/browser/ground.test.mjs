// The grounding exercises (/ground) in a real headless Chromium: the list
// and every exercise page pass axe-core (light, dark, phone width); the
// breathing exercise with its timer moves on by itself, on Playwright's
// fake clock, while the shape's CSS animation runs; with reduced motion
// nothing animates at all and the words still say the phase; and without
// JavaScript every step is listed and the form still stores a session.
//
// Run through `cargo test` (crates/thaw/tests/browser.rs), which passes
// THAW_BIN; or by hand: THAW_BIN=target/debug/thaw node --test ground.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base, browser, checkAccessibility, cli, send, sessionCookies, setUpSuite, signedIn } from './lib.mjs';

const EXERCISES = ['breaths', 'senses', '54321', 'body-scan'];
const PAGES = ['/ground', ...EXERCISES.map((k) => `/ground/${k}`), '/ground/breaths?pace=4-7-8'];


setUpSuite({ prefix: 'thaw-ground-' });

function sessions() {
  return cli('export', 'json', '--out', '-').grounding_sessions;
}

/** What the breathing shape is doing: its running CSS animations by name. */
async function shape(page) {
  return page.evaluate(() => {
    const el = document.querySelector('#breath .shape');
    return {
      running: el.getAnimations().filter((a) => a.playState === 'running').map((a) => a.animationName),
      paused: el.getAnimations().filter((a) => a.playState === 'paused').map((a) => a.animationName),
      transform: getComputedStyle(el).transform,
    };
  });
}

/** The step the timer marks (its id), and what the live region says. */
async function current(page) {
  return page.evaluate(() => ({
    step: document.querySelector('#script li[aria-current="step"]')?.id ?? null,
    says: document.getElementById('now-words').textContent,
    left: document.getElementById('now-left').textContent,
    phase: document.getElementById('breath')?.dataset.phase ?? null,
  }));
}

/** Which phase words can be seen (not hidden by display or visibility). */
async function visiblePhases(page) {
  return page.evaluate(() => [...document.querySelectorAll('#breath .ph')]
    .filter((el) => el.checkVisibility({ visibilityProperty: true }))
    .map((el) => el.textContent));
}

test('grounding is one click away, and every page passes axe in light, dark and on a phone', async () => {
  const { context, page } = await signedIn();
  await page.goto(base + '/');
  await Promise.all([page.waitForURL(base + '/ground'), page.click('nav[aria-label="Small steps"] >> text=Grounding')]);
  assert.equal(await page.getAttribute('nav a[href="/ground"]', 'aria-current'), 'page');
  assert.match(await page.textContent('main'), /None yet/);
  for (const key of EXERCISES) {
    assert.equal(await page.locator(`main a[href="/ground/${key}"]`).count(), 1, `links to ${key}`);
  }
  await context.close();

  for (const options of [{}, { colorScheme: 'dark' }, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }]) {
    const { context, page } = await signedIn(options);
    for (const path of PAGES) {
      await page.goto(base + path);
      assert.equal(await page.locator('h1').count(), 1, `${path} has one h1`);
      if (path !== '/ground') {
        // The timer is there once the script has run; axe sees it too.
        await page.waitForSelector('#now:not([hidden])');
        assert.equal(await page.getAttribute('#now-words', 'aria-live'), 'polite');
      }
      await checkAccessibility(page, `${path} ${JSON.stringify(options)}`);
      if (options.viewport) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${path} scrolls sideways on a phone by ${overflow}px`);
      }
    }
    await context.close();
  }
});

test('the pages keep to the content security policy: no inline style, the script and the pace stylesheet load', async () => {
  const context = await browser.newContext();
  await context.addCookies(sessionCookies);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(base + '/ground/breaths?pace=4-7-8');
  await page.waitForSelector('#now:not([hidden])');
  const looping = await shape(page);
  assert.deepEqual(looping.running, ['thaw-cycle-4-7-8'], 'the CSS breath cycle runs before the timer starts');
  for (const key of EXERCISES) {
    await page.goto(base + `/ground/${key}`);
    await page.waitForSelector('#now:not([hidden])');
  }
  assert.deepEqual(problems, [], 'nothing was refused and nothing threw');
  await context.close();
});

test('breaths with the timer: the steps move on by themselves, the shape breathes, pause holds, and the session is saved', async () => {
  const { context, page } = await signedIn();
  await page.clock.install();
  // 2-0-2: in for 2, out for 2, no hold; 5 s of words before and after.
  await page.goto(base + '/ground/breaths?pace=2-0-2');
  await page.click('label[for="before-7"]');
  await page.click('#now-start');
  assert.deepEqual(await current(page), {
    step: 'step-1', says: await page.textContent('#step-1 .step-words'), left: '5', phase: 'rest',
  });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'now-pause', 'focus stays on the controls');

  await page.clock.runFor(5_000);
  let now = await current(page);
  assert.equal(now.step, 'step-2');
  assert.match(now.says, /Breathe in slowly \(one of five\)/);
  assert.equal(now.phase, 'in');
  assert.deepEqual(await visiblePhases(page), ['Breathe in']);
  assert.deepEqual((await shape(page)).running, ['thaw-grow'], 'the shape grows with the in-breath');

  await page.clock.runFor(1_000);
  assert.equal((await current(page)).left, '1');
  await page.clock.runFor(1_000);
  now = await current(page);
  assert.equal(now.step, 'step-3');
  assert.match(now.says, /Breathe out/);
  assert.deepEqual(await visiblePhases(page), ['Breathe out']);
  assert.deepEqual((await shape(page)).running, ['thaw-shrink']);

  // Pausing stops the clock and the shape; nothing moves on.
  await page.click('#now-pause');
  assert.equal(await page.textContent('#now-pause'), 'Resume');
  assert.match(await page.textContent('#now-words'), /Paused/);
  await page.clock.runFor(30_000);
  assert.equal((await current(page)).step, 'step-3');
  assert.deepEqual((await shape(page)).paused, ['thaw-shrink']);
  await page.click('#now-pause');
  assert.equal(await page.textContent('#now-pause'), 'Pause');

  // Ready sooner: on at once.
  await page.click('#now-next');
  assert.equal((await current(page)).step, 'step-4');
  const progress = await page.evaluate(() => document.getElementById('now-progress').value);
  assert.ok(progress >= 7, `the bar shows how far: ${progress}`);

  await page.clock.runFor(60_000);
  now = await current(page);
  assert.equal(now.step, null, 'done: no step is current');
  assert.match(now.says, /whole exercise/);
  const total = await page.evaluate(() => Number(document.getElementById('now-progress').max));
  assert.equal(await page.evaluate(() => document.getElementById('now-progress').value), total);
  const took = Number(await page.inputValue('#duration-s'));
  assert.ok(took > 0 && took < total, `the pause is left out and the skip counted: ${took} of ${total}`);
  await checkAccessibility(page, 'breaths (finished)');

  await page.click('label[for="after-5"]');
  await send(page, 'form#exercise button[type="submit"]');
  assert.equal(new URL(page.url()).pathname, '/ground');
  assert.match(await page.textContent('[role="status"]'), /Saved/);
  assert.match(await page.textContent('.sessions'), /7 → 5/);
  await checkAccessibility(page, '/ground (with a session)');
  const saved = sessions().at(-1);
  assert.equal(saved.technique, 'breaths');
  assert.deepEqual([saved.before, saved.after, saved.duration_s], [7, 5, took]);
  await context.close();
});

test('with reduced motion nothing animates, and the words still say the phase', async () => {
  const { context, page } = await signedIn({ reducedMotion: 'reduce' });
  await page.clock.install();
  const still = () => page.evaluate(() => {
    const zero = (d) => d.split(',').every((t) => parseFloat(t) === 0);
    const busy = [...document.querySelectorAll('*')].filter((el) => {
      const s = getComputedStyle(el);
      return !zero(s.transitionDuration) || !zero(s.animationDuration);
    });
    return { animations: document.getAnimations().length, busy: busy.map((el) => el.tagName + '.' + el.className) };
  });
  for (const path of PAGES) {
    await page.goto(base + path);
    assert.deepEqual(await still(), { animations: 0, busy: [] }, `${path} moves with reduced motion`);
  }

  await page.goto(base + '/ground/breaths?pace=4-7-8');
  // Before the timer: every phase is written out, still.
  assert.deepEqual(await visiblePhases(page), ['Breathe in', 'Hold', 'Breathe out']);
  await page.click('#now-start');
  await page.clock.runFor(5_000);
  assert.match((await current(page)).says, /Breathe in slowly/);
  assert.deepEqual(await visiblePhases(page), ['Breathe in']);
  const full = await shape(page);
  await page.clock.runFor(4_000);
  assert.deepEqual(await visiblePhases(page), ['Hold']);
  await page.clock.runFor(7_000);
  assert.deepEqual(await visiblePhases(page), ['Breathe out']);
  const small = await shape(page);
  assert.notEqual(full.transform, small.transform, 'the size shows the phase, without motion');
  assert.deepEqual(await still(), { animations: 0, busy: [] }, 'the timer animates nothing either');
  await checkAccessibility(page, 'breaths (reduced motion, running)');
  await context.close();
});

test('without JavaScript every step is listed, the shape still breathes, and Done stores a session', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies(sessionCookies);
  const page = await context.newPage();

  await page.goto(base + '/ground/breaths');
  assert.equal(await page.isVisible('#now'), false, 'no timer without its script');
  assert.equal(await page.locator('#script > li').count(), 17, 'words, five breaths of three, words');
  assert.match(await page.textContent('#step-2'), /Breathe in slowly \(one of five\)\s*\(4 seconds\)/);
  assert.match(await page.textContent('.pace-words'), /In for 4 seconds, hold for 4, out for 6/);
  // CSS alone: the breath cycle runs (Playwright reads it from outside
  // the page; the page's own scripts are off).
  assert.deepEqual((await shape(page)).running, ['thaw-cycle-4-4-6']);
  assert.deepEqual((await visiblePhases(page)).length, 1, 'one phase word at a time, following the shape');

  await page.goto(base + '/ground/senses');
  const steps = await page.locator('#script > li').allTextContents();
  assert.equal(steps.length, 5);
  assert.match(steps[1], /One: notice where your body touches something/);
  assert.ok(await page.isVisible('#script > li:last-child'), 'all of them shown');
  await page.click('label[for="before-7"]');
  await page.click('label[for="after-5"]');
  const before = sessions().length;
  await send(page, 'form#exercise button[type="submit"]');
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/ground?saved=session');
  assert.match(await page.textContent('.sessions li:first-child'), /Three physical sensations[\s\S]*numbness 7 → 5/);
  const all = sessions();
  assert.equal(all.length, before + 1);
  const saved = all.at(-1);
  assert.deepEqual([saved.technique, saved.before, saved.after, saved.duration_s], ['senses', 7, 5, 74]);
  await context.close();
});

test('today\'s plan leads to its grounding exercise', async () => {
  const { context, page } = await signedIn();
  await page.goto(base + '/plan');
  const link = page.locator('section[aria-labelledby="grounding-title"] a');
  const href = await link.getAttribute('href');
  assert.match(href, /^\/ground\/(breaths|senses|54321|body-scan)$/);
  await Promise.all([page.waitForURL(base + href), link.click()]);
  assert.equal(await page.locator('#script > li').count() > 0, true);
  await context.close();
});
