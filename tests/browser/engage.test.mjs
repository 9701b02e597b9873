// The re-engagement pages in a real headless Chromium: today's plan,
// activities and the starter library, the proposed week, values, the
// social ladder, wins and self-care, and the weekly review and monthly
// look-back (/week, /month). Each form is filled and sent the way
// a person would (labels, clicks, typing), the result is read back from
// the page (and the command line where it has a view), and axe-core runs
// on every page with no violation of any impact allowed, in light and
// dark, on a desktop and a phone-sized screen.
//
// Run through `cargo test` (crates/thaw/tests/browser.rs), which passes
// THAW_BIN; or by hand: THAW_BIN=target/debug/thaw node --test engage.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base, checkAccessibility, cli, send, setUpSuite, signedIn } from './lib.mjs';

const PAGES = ['/plan', '/activities', '/plan/week', '/values', '/social', '/wins', '/selfcare', '/calendar'];


setUpSuite({ prefix: 'thaw-engage-' });

async function status(page) {
  return page.textContent('[role="status"]');
}

test('every new page is one click away, says what to do next, and passes axe when empty', async () => {
  const { context, page } = await signedIn();
  await page.goto(base + '/');
  for (const [name, path] of [['Today\'s plan', '/plan'], ['Activities', '/activities'], ['My week', '/plan/week'],
    ['Values', '/values'], ['Social steps', '/social'], ['Wins', '/wins'], ['Looking back', '/week'],
    ['Self-care', '/selfcare'], ['Calendar', '/calendar']]) {
    await Promise.all([page.waitForURL(base + path), page.click(`nav[aria-label="Small steps"] >> text=${name}`)]);
    assert.equal(await page.getAttribute(`nav a[href="${path}"]`, 'aria-current'), 'page', `${path} is marked`);
    assert.equal(await page.locator('h1').count(), 1, `${path} has one h1`);
    await checkAccessibility(page, `${path} (empty)`);
  }
  await page.goto(base + '/plan');
  const plan = await page.textContent('main');
  assert.match(plan, /Nothing here yet/);
  assert.ok(await page.locator('main a[href="/activities"]').count() > 0, 'points to activities');
  assert.ok(await page.locator('main a[href="/plan/week"]').count() > 0, 'points to the week');
  await context.close();
});

test('activities: one typed in with a schedule, one from the library, and a log with the enjoyment gap', async () => {
  const { context, page } = await signedIn();
  await page.goto(base + '/activities');

  // A mistake first: the schedule is refused, what was typed stays.
  await page.fill('#add-name', 'bake bread');
  await page.fill('#add-every', 'FREQ=SOMETIMES');
  await send(page, 'form[action="/activities"] button[type="submit"]');
  assert.match(await page.textContent('#add-error'), /every/);
  assert.equal(await page.getAttribute('#add-every', 'aria-invalid'), 'true');
  assert.equal(await page.inputValue('#add-name'), 'bake bread');
  await checkAccessibility(page, 'activities (a refused schedule)');

  await page.fill('#add-small', 'knead a little');
  await page.fill('#add-minimal', 'smell the flour');
  await page.fill('#add-expect', 'notice the warmth');
  await page.fill('#add-values', 'care, creativity');
  await page.fill('#add-every', 'mon,wed,fri');
  await page.fill('#add-time', '08:00');
  await send(page, 'form[action="/activities"] button[type="submit"]');
  assert.equal(new URL(page.url()).search, '?saved=activity');
  assert.match(await status(page), /Saved to your activities/);
  assert.match(await page.textContent('main'), /mon,wed,fri at 08:00/);

  // An idea from the library, in one click.
  await page.click('details.library summary');
  await send(page, 'form[action="/activities/starter"]:has(input[value="short walk"]) button');
  assert.match(await status(page), /Added to your activities/);
  await page.click('details.library summary');
  assert.match(await page.textContent('details.library'), /In your activities/);
  await checkAccessibility(page, 'activities (with two, library open)');

  // Note how it went: the smaller version, partly, better than expected.
  await page.selectOption('#log-activity', 'short walk');
  await page.click('label[for="log-tier-small"]');
  await page.click('label[for="log-status-partial"]');
  await page.fill('#log-predicted', '3');
  await page.fill('#log-actual', '6');
  await page.fill('#log-note', 'cold air');
  await send(page, 'form[action="/activities/log"] button[type="submit"]');
  assert.match(await status(page), /Doing it at all is the step/);
  assert.match(await status(page), /better than you expected, by 3/);
  await checkAccessibility(page, 'activities (after a log)');

  const stored = cli('--json', 'activities').activities;
  const bread = stored.find((a) => a.name === 'bake bread');
  assert.equal(bread.every, 'FREQ=WEEKLY;BYDAY=MO,WE,FR');
  assert.equal(bread.time, '08:00');
  assert.deepEqual(bread.values, ['care', 'creativity']);
  assert.ok(stored.find((a) => a.name === 'short walk')?.small, 'the idea brings its smaller versions');
  await context.close();
});

test('the proposed week: untick one, change days, a refused rule, then set it', async () => {
  const { context, page } = await signedIn();
  await page.goto(base + '/plan/week');
  assert.equal(await page.locator('input[name="take"]:checked').count(), await page.locator('input[name="take"]').count());
  const names = await page.locator('input[type="hidden"][name^="name-"]').evaluateAll((els) => els.map((e) => e.value));
  assert.ok(names.length >= 2, `a few proposals: ${names}`);
  await page.click('label[for="take-1"]');
  assert.equal(await page.isChecked('#take-1'), false);
  await page.fill('#days-0', 'FREQ=SOMETIMES');
  await send(page, 'form.week button[type="submit"]');
  const refused = await page.textContent('#week-error');
  assert.match(refused, /Item 1/);
  assert.match(refused, /days/);
  assert.equal(await page.getAttribute('#days-0', 'aria-invalid'), 'true');
  assert.equal(await page.isChecked('#take-1'), false, 'the choices stay');
  await checkAccessibility(page, 'week (a refused rule)');

  await page.fill('#days-0', 'tue,thu');
  await page.fill('#time-0', '07:30');
  await send(page, 'form.week button[type="submit"]');
  assert.equal(new URL(page.url()).pathname, '/activities');
  assert.match(await status(page), /Your week is set/);
  const main = await page.textContent('main');
  assert.match(main, new RegExp(`${names[0]}[\\s\\S]*tue,thu at 07:30`));
  const stored = cli('--json', 'activities').activities.map((a) => a.name);
  assert.ok(stored.includes(names[0]), 'the first is in');
  assert.ok(!stored.includes(names[1]), 'the unticked one is not');
  await context.close();
});

test('values: choose, note an action, refuse a fourth kindly, let one go', async () => {
  const { context, page } = await signedIn();
  await page.goto(base + '/values');
  await page.click('label[for="value-connection"]');
  await page.fill('#value-why', 'people keep me here');
  await send(page, 'form[action="/values"] button[type="submit"]');
  assert.match(await status(page), /Saved your value/);
  await page.fill('#value-own', 'honesty');
  await send(page, 'form[action="/values"] button[type="submit"]');
  await page.click('label[for="value-calm"]');
  await send(page, 'form[action="/values"] button[type="submit"]');
  assert.match(await page.textContent('main'), /You have three/);

  await page.click('label[for="value-play"]');
  await send(page, 'form[action="/values"] button[type="submit"]');
  assert.match(await page.textContent('#value-error'), /value/);
  assert.match(await page.textContent('#value-error'), /keep up to 3/);
  await checkAccessibility(page, 'values (a fourth refused)');

  await page.goto(base + '/values');
  await page.selectOption('#action-value', 'connection');
  await page.fill('#action-text', 'called my sister');
  await send(page, 'form[action="/values/action"] button[type="submit"]');
  assert.match(await status(page), /something that matters to you/);
  assert.match(await page.textContent('main'), /called my sister/);

  await send(page, 'form[action="/values/remove"]:has(input[value="honesty"]) button');
  assert.match(await status(page), /Let go/);
  assert.equal(await page.locator('form[action="/values/remove"]').count(), 2);
  await checkAccessibility(page, 'values (two, an action)');
  await context.close();
});

test('the social ladder: steps easiest first, an attempt, and the next step offered', async () => {
  const { context, page } = await signedIn();
  await page.goto(base + '/social');
  await page.fill('#step-name', 'call mum');
  await page.fill('#step-difficulty', '101');
  // The browser's own check stops 101; a person who gets past it still gets a clear answer.
  await page.$eval('#step-difficulty', (el) => el.removeAttribute('max'));
  await send(page, 'form[action="/social"] button[type="submit"]');
  assert.match(await page.textContent('#step-error'), /difficulty/);
  assert.equal(await page.inputValue('#step-name'), 'call mum');
  await checkAccessibility(page, 'social (a refused difficulty)');

  await page.fill('#step-difficulty', '60');
  await send(page, 'form[action="/social"] button[type="submit"]');
  await page.fill('#step-name', 'say hello to a neighbour');
  await page.fill('#step-difficulty', '10');
  await send(page, 'form[action="/social"] button[type="submit"]');
  assert.match(await status(page), /Added to your ladder/);
  const rows = await page.locator('table.ladder tbody th').allTextContents();
  assert.match(rows[0], /say hello/, 'easiest first');
  assert.match(rows[0], /next step/);

  await page.selectOption('#try-step', 'say hello to a neighbour');
  await page.fill('#try-comfort', '75');
  await send(page, 'form[action="/social/try"] button[type="submit"]');
  assert.match(await status(page), /how comfort grows/);
  assert.match(await page.textContent('.suggestion'), /the next step could be "call mum"/);
  assert.match(await page.textContent('table.ladder'), /75 of 100/);
  await checkAccessibility(page, 'social (a ladder)');
  await context.close();
});

test('wins: a quick add and a gentle look back at the week', async () => {
  const { context, page } = await signedIn();
  await page.goto(base + '/wins');
  await page.fill('#win-text', 'made tea and drank it warm');
  await send(page, 'form[action="/wins"] button[type="submit"]');
  assert.match(await status(page), /That counts/);
  const main = await page.textContent('main');
  assert.match(main, /made tea and drank it warm/);
  assert.match(main, /called my sister/, 'value actions from this week');
  assert.match(main, /short walk, once/, 'activities done this week');
  assert.doesNotMatch(main, /streak|missed|failed/i);
  await checkAccessibility(page, 'wins (a week)');
  await context.close();
});

test('the weekly review and the look-back: what went a little better, the wins, one idea, and no blame', async () => {
  // Days ago at 09:00, in the server's zone (UTC here, as the data folder's default).
  const daysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10) + ' 09:00';
  for (const n of [8, 9, 10]) cli('--json', 'checkin', '--mood', '4', '--numbness', '7', '--at', daysAgo(n));
  for (const n of [1, 2]) cli('--json', 'checkin', '--mood', '6', '--numbness', '4', '--at', daysAgo(n));
  const { context, page } = await signedIn();
  await page.goto(base + '/');
  await Promise.all([page.waitForURL(base + '/week'), page.click('main a[href="/week"]')]);
  assert.equal(await page.getAttribute('nav a[href="/week"]', 'aria-current'), 'page');
  let main = await page.textContent('main');
  assert.match(main, /You checked in on 2 days this week/);
  assert.match(main, /Mood: higher than the week before \(6\.0, was 4\.0\)/);
  assert.match(main, /Numbness: eased since the week before \(4\.0, was 7\.0\)/);
  assert.match(main, /made tea and drank it warm/, 'the week\'s wins');
  assert.match(main, /called my sister/, 'what was done for a value');
  assert.match(main, /short walk: once, in a smaller version/, 'any size counts');
  assert.match(await page.textContent('section.notice'), /For next week/);
  assert.ok(await page.locator('section.notice a').count() === 1, 'the suggestion says where to do it');
  assert.doesNotMatch(main, /streak|missed|failed|worse/i);
  await checkAccessibility(page, '/week (a week with things in it)');

  await Promise.all([page.waitForURL('**/week?until=**'), page.click('nav[aria-label="Other weeks"] a:has-text("The week before")')]);
  main = await page.textContent('main');
  assert.match(main, /You checked in on 3 days this week/);
  assert.ok(await page.locator('a:has-text("The week after")').count() === 1, 'and back again');
  await checkAccessibility(page, '/week (the week before)');

  await Promise.all([page.waitForURL(base + '/month'), page.click('main a[href="/month"]')]);
  main = await page.textContent('main');
  assert.match(main, /5 days with a check-in/);
  assert.match(main, /Since your first check-in on/);
  assert.match(main, /Your first win noted here/);
  assert.doesNotMatch(main, /streak|missed|failed|worse/i);
  await checkAccessibility(page, '/month');
  await context.close();
});

test('self-care: keep the six, add one, mark one done, remove one', async () => {
  const { context, page } = await signedIn();
  await page.goto(base + '/selfcare');
  assert.match(await page.textContent('main'), /Six to start with/);
  await send(page, 'form[action="/selfcare/keep"] button');
  assert.match(await status(page), /These are yours now/);
  await page.fill('#anchor-name', 'stretch');
  await page.fill('#anchor-every', 'weekdays');
  await page.fill('#anchor-time', '07:45');
  await send(page, 'form[action="/selfcare"] button[type="submit"]');
  assert.match(await page.textContent('main'), /stretch/);
  await send(page, 'form[action="/selfcare/done"]:has(input[value="hydration"]) button');
  assert.match(await status(page), /Looking after yourself counts/);
  const hydration = page.locator('ul.rows li', { hasText: 'hydration' });
  assert.match(await hydration.textContent(), /Done today/);
  await send(page, 'form[action="/selfcare/remove"]:has(input[value="sunlight"]) button');
  assert.doesNotMatch(await page.textContent('ul.rows'), /sunlight/);
  await checkAccessibility(page, 'self-care (own anchors)');
  await context.close();
});

test('today\'s plan: low energy offers the smaller version, and done marks come from one click', async () => {
  const { context, page } = await signedIn();
  await page.goto(base + '/activities');
  await page.fill('#add-name', 'garden');
  await page.fill('#add-small', 'water one pot');
  await page.fill('#add-minimal', 'touch a leaf');
  await page.fill('#add-every', 'daily');
  await send(page, 'form[action="/activities"] button[type="submit"]');

  await page.goto(base + '/plan');
  await page.click('label[for="energy-2"]');
  await send(page, 'form.energy button[type="submit"]');
  assert.match(page.url(), /energy=2/);
  const low = page.locator('ul.cards li', { hasText: 'touch a leaf' });
  assert.match(await low.textContent(), /Smallest version/);
  assert.match(await page.textContent('#energy-words'), /adjust, never abandon/);
  await checkAccessibility(page, 'plan (low energy)');

  await send(page, 'form[action="/selfcare/done"]:has(input[value="meals"]) button');
  assert.match(page.url(), /energy=2/, 'the energy stays chosen');
  assert.match(await page.locator('ul.rows li', { hasText: 'meals' }).textContent(), /Done today/);
  const valueRow = page.locator('ul.rows li', { hasText: 'calm' });
  await send(page, 'form[action="/values/action"]:has(input[value="calm"]) button');
  assert.match(await status(page), /something that matters to you/);
  assert.match(await valueRow.textContent(), /Done today/);

  await Promise.all([page.waitForURL('**/activities?**'), page.click('ul.cards li:has-text("touch a leaf") >> text=Note how it went')]);
  assert.equal(await page.inputValue('#log-activity'), 'garden');
  assert.equal(await page.isChecked('#log-tier-minimal'), true, 'the version offered is preselected');
  await send(page, 'form[action="/activities/log"] button[type="submit"]');
  await page.goto(base + '/plan?energy=2');
  assert.match(await page.locator('ul.cards li', { hasText: 'touch a leaf' }).textContent(), /Done today/);
  await checkAccessibility(page, 'plan (with done marks)');
  await context.close();
});

test('calendar: a download, a private feed link shown once, and turning it off revokes it', async () => {
  cli('--json', 'selfcare', 'add', 'sunlight', '--every', 'daily', '--time', '11:00');
  const { context, page } = await signedIn();
  await page.goto(base + '/calendar');
  assert.match(await page.textContent('main'), /reminders? in your calendar/);
  const download = await page.request.get(base + '/calendar.ics');
  assert.equal(download.status(), 200);
  assert.match(download.headers()['content-type'], /text\/calendar/);
  assert.match(await download.text(), /BEGIN:VALARM/);

  await send(page, 'form[action="/calendar/feed"] button');
  const link = await page.inputValue('#feed-link');
  assert.match(link, /\/calendar\/feed\/[0-9a-f]{64}$/);
  await checkAccessibility(page, 'calendar (a new link)');
  // A calendar app has no session: the link alone opens the feed.
  const feed = await fetch(link);
  assert.equal(feed.status, 200);
  assert.match(await feed.text(), /SUMMARY:sunlight/);
  assert.equal((await fetch(link.replace(/.$/, (c) => (c === '0' ? '1' : '0')))).status, 404);

  await page.goto(base + '/calendar');
  assert.equal(await page.locator('#feed-link').count(), 0, 'the secret is shown only once');
  await send(page, 'form[action="/calendar/feed/off"] button');
  assert.match(await status(page), /link is off/);
  assert.equal((await fetch(link)).status, 404, 'revoked at once');
  await context.close();
});

test('every new page reads well in dark mode and on a phone', async () => {
  for (const options of [{ colorScheme: 'dark' }, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }]) {
    const { context, page } = await signedIn(options);
    for (const path of [...PAGES, '/plan?energy=1', '/week', '/month']) {
      await page.goto(base + path);
      if (path === '/activities') await page.click('details.library summary');
      await checkAccessibility(page, `${path} ${JSON.stringify(options)}`);
      if (options.viewport) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${path} scrolls sideways on a phone by ${overflow}px`);
      }
    }
    await context.close();
  }
});

test('with reduced motion nothing animates', async () => {
  const { context, page } = await signedIn({ reducedMotion: 'reduce' });
  for (const path of PAGES) {
    await page.goto(base + path);
    const button = page.locator('main button').first();
    await button.hover();
    await button.focus();
    await page.keyboard.press('Tab');
    const moving = await page.evaluate(() => {
      const still = (d) => d.split(',').every((t) => parseFloat(t) === 0);
      const busy = [...document.querySelectorAll('*')].filter((el) => {
        const s = getComputedStyle(el);
        return !still(s.transitionDuration) || !still(s.animationDuration);
      });
      return { animations: document.getAnimations().length, busy: busy.map((el) => el.tagName + '.' + el.className) };
    });
    assert.deepEqual(moving, { animations: 0, busy: [] }, `${path} moves with reduced motion`);
  }
  await context.close();
});
