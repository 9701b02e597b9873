// Hosted mode (`thaw serve --multi-user`) in a real headless Chromium, with
// two people in two browser contexts: both sign up through the page, Ana
// invites Ben, Ben accepts the code, Ana checks in with a small plan, Ben
// sees it on their exchange page and sends a note, Ana reads it, then ends
// sharing and Ben's page is gone at once. Also: a POST without the CSRF
// token is refused, refused forms come back with their problem (400), the
// account page's settings and tokens, and axe-core on every hosted page (no
// serious or critical violation) in light and dark.
//
// This suite starts its own server on a fresh SQLite database. Run through
// `cargo test` (crates/thaw/tests/browser.rs), which passes THAW_BIN; or by
// hand: THAW_BIN=target/debug/thaw node --test hosted.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { BIN, CHROMIUM, LAUNCH_ARGS, checkAccessibility as check, send } from './lib.mjs';

let dir, server, base, browser;
let serverLog = '';
/** The two people's browser contexts and pages, and their partnership. */
const ana = { email: 'ana@example.org', password: 'a river in the morning' };
const ben = { email: 'ben@example.org', password: 'tea with too much honey' };
let partnership;

/** Runs axe-core on the page; fails on any serious or critical violation. */
function checkAccessibility(page, label) {
  return check(page, label, { impacts: ['serious', 'critical'] });
}

/** Starts `thaw serve --multi-user` on a fresh SQLite file; resolves with
 * the base address once it printed where people sign in. */
function startHostedServer() {
  return new Promise((resolve, reject) => {
    server = spawn(BIN, ['--data-dir', join(dir, 'data'), 'serve', '--multi-user', '--no-open',
      '--addr', '127.0.0.1:0', '--database-url', `sqlite://${join(dir, 'hosted.db')}`], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let seen = '';
    server.stdout.on('data', (chunk) => {
      seen += chunk;
      const m = seen.match(/People sign in at (http:\/\/\S+)\/login/);
      if (m && !base) {
        base = m[1];
        resolve();
      }
    });
    // Sign-in events go to stderr; kept for a failure's message.
    server.stderr.on('data', (chunk) => { serverLog += chunk; });
    server.on('exit', (code) => reject(new Error(`thaw serve exited with ${code}: ${seen}${serverLog}`)));
  });
}

before(async () => {
  assert.ok(BIN, 'set THAW_BIN to the thaw binary');
  dir = mkdtempSync(join(tmpdir(), 'thaw-hosted-'));
  await startHostedServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fresh context (bypassCSP only lets the test inject axe-core). */
async function fresh(options = {}) {
  const context = await browser.newContext({ bypassCSP: true, ...options });
  return { context, page: await context.newPage() };
}

/** A new context signed in as `who` (by their cookie), e.g. for dark mode. */
async function as(who, options = {}) {
  const { context, page } = await fresh(options);
  await context.addCookies(who.cookies);
  return { context, page };
}

/** Clicks a submit button; answers the response of the page it leads to. */
async function submit(page, button) {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(button)]);
  return response;
}

async function signUp(who) {
  const { context, page } = await fresh();
  await page.goto(base + '/signup');
  await page.fill('#email', who.email);
  await page.fill('#password', who.password);
  await send(page, 'form[action="/signup"] button[type="submit"]');
  assert.equal(new URL(page.url()).pathname, '/', `${who.email} lands on Today`);
  who.context = context;
  who.page = page;
  who.cookies = await context.cookies();
  const session = who.cookies.find((c) => c.name === 'thaw_session');
  assert.ok(session && session.httpOnly && session.sameSite === 'Strict', 'an HttpOnly, SameSite=Strict session');
}

test('the sign-up and sign-in pages pass axe in light and dark', async () => {
  for (const options of [{}, { colorScheme: 'dark' }]) {
    const { context, page } = await fresh(options);
    for (const path of ['/signup', '/login']) {
      await page.goto(base + path);
      assert.equal(await page.locator('h1').count(), 1);
      assert.equal(await page.locator('link[rel="manifest"]').count(), 1, `${path} links the manifest`);
      await checkAccessibility(page, `${path} ${JSON.stringify(options)}`);
    }
    await context.close();
  }
  const manifest = await fetch(base + '/static/manifest.webmanifest');
  assert.equal(manifest.status, 200);
  assert.match(manifest.headers.get('content-type'), /application\/manifest\+json/);
  assert.match(manifest.headers.get('content-security-policy'), /manifest-src 'self'/);
  const icon = await fetch(base + '/static/icon-192.png');
  assert.equal(icon.headers.get('content-type'), 'image/png');
  assert.equal(icon.headers.get('cache-control'), 'max-age=86400');
});

test('Ana invites Ben, Ben accepts, and Ben sees the plan Ana checked in with', async () => {
  await signUp(ana);
  await signUp(ben);

  // Ana: nobody yet, then an invite shown once.
  const a = ana.page;
  await a.goto(base + '/partners');
  assert.match(await a.textContent('main'), /Nobody yet/);
  assert.equal(await a.getAttribute('nav[aria-label="You and your people"] a[href="/partners"]', 'aria-current'), 'page');
  await send(a, 'form[action="/partners/invite"] button');
  const code = await a.inputValue('#invite-code');
  assert.match(code, /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  const link = await a.inputValue('#invite-link');
  assert.ok(link.startsWith(base + '/partners/accept?code='), link);
  assert.match(await a.textContent('main'), /never anything from a safety check/);
  await a.goto(base + '/partners');
  assert.equal(await a.locator('#invite-code').count(), 0, 'the code is shown only once');

  // Ben: a wrong code is refused and nothing changes; the link fills the form.
  const b = ben.page;
  await b.goto(base + '/partners');
  await b.fill('#code', 'ABCD-EFGH-JKLM');
  const refused = await submit(b, 'form[action="/partners/accept"] button[type="submit"]');
  assert.equal(refused.status(), 400);
  assert.match(await b.textContent('#accept-error'), /Code/);
  assert.equal(await b.getAttribute('#code', 'aria-invalid'), 'true');
  await checkAccessibility(b, '/partners (a refused code)');
  await b.goto(link);
  assert.equal(new URL(b.url()).pathname, '/partners');
  assert.equal(await b.inputValue('#code'), code.replaceAll('-', ''));
  await send(b, 'form[action="/partners/accept"] button[type="submit"]');
  const url = new URL(b.url());
  assert.match(url.pathname, /^\/partners\/[0-9a-f-]{36}$/);
  assert.equal(url.search, '?saved=accepted');
  partnership = url.pathname.split('/')[2];
  assert.match(await b.textContent('[role="status"]'), /You are connected/);

  // Ana checks in on Today, the ordinary form.
  await a.goto(base + '/');
  await a.click('label[for="mood-4"]');
  await a.fill('#plan', 'a short walk by the river');
  await Promise.all([a.waitForURL('**/?saved=1'), a.click('form[action="/checkin"] button[type="submit"]')]);

  // Ben sees her day.
  await b.goto(`${base}/partners/${partnership}`);
  const day = await b.textContent('main');
  assert.match(day, /You and ana@example\.org/);
  assert.match(day, /a short walk by the river/);
  assert.match(day, /mood 4/);
  await checkAccessibility(b, '/partners/{id} (Ben)');

  await a.goto(base + '/partners');
  assert.match(await a.textContent('main'), /ben@example\.org/);
  await a.goto(base + '/partners/audit');
  assert.match(await a.textContent('main'), /ben@example\.org[\s\S]*your day/);
  await checkAccessibility(a, '/partners/audit');
});

test('a POST without the CSRF token is refused; with the form it goes through', async () => {
  const b = ben.page;
  await b.goto(`${base}/partners/${partnership}`);
  const status = await b.evaluate(async (to) => (await fetch(to, {
    method: 'POST', body: new URLSearchParams({ text: 'x' }),
  })).status, `${base}/partners/${partnership}/note`);
  assert.equal(status, 403);

  // An empty note is refused and shown again; nothing is sent.
  const refused = await submit(b, `form[action="/partners/${partnership}/note"] button[type="submit"]`);
  assert.equal(refused.status(), 400);
  assert.match(await b.textContent('#note-error'), /Note/);
  await checkAccessibility(b, '/partners/{id} (a refused note)');

  await b.fill('#note-text', 'Thinking of you. Enjoy the river.');
  await send(b, `form[action="/partners/${partnership}/note"] button[type="submit"]`);
  assert.equal(new URL(b.url()).search, '?saved=note');
  assert.match(await b.textContent('[role="status"]'), /Sent/);

  const a = ana.page;
  await a.goto(`${base}/partners/${partnership}`);
  const page = await a.textContent('main');
  assert.match(page, /ben@example\.org, [^\n]*Thinking of you\. Enjoy the river\./);
  assert.equal(await a.locator('section[aria-labelledby="note-title"] .entries li').count(), 1,
    'only the note sent with the form; the refused POST wrote nothing');
});

test('Ana chooses to share her journal too, and Ben gets a link to it', async () => {
  const a = ana.page;
  await a.goto(`${base}/partners/${partnership}`);
  await a.click('label[for="share-journal"]');
  await send(a, `form[action="/partners/${partnership}/sharing"] button[type="submit"]`);
  assert.match(await a.textContent('[role="status"]'), /From now on they see only what is ticked/);
  assert.equal(await a.isChecked('#share-journal'), true);

  const b = ben.page;
  await b.goto(`${base}/partners/${partnership}`);
  await send(b, `a[href="/partners/${partnership}/journal"]`);
  assert.match(await b.textContent('h1'), /Journal of ana@example\.org/);
  await checkAccessibility(b, '/partners/{id}/journal');
});

test('every hosted page passes axe in light and dark, with no CSP violation', async () => {
  for (const options of [{}, { colorScheme: 'dark' }]) {
    const { context, page } = await as(ana, options);
    for (const path of ['/partners', `/partners/${partnership}`, '/partners/audit', '/account']) {
      await page.goto(base + path);
      assert.equal(await page.locator('h1').count(), 1, `${path} has one h1`);
      await checkAccessibility(page, `${path} ${JSON.stringify(options)}`);
    }
    await context.close();
  }
  // Without bypassing the CSP: the pages need no inline script or style.
  const context = await browser.newContext();
  await context.addCookies(ana.cookies);
  const page = await context.newPage();
  const blocked = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) blocked.push(m.text()); });
  for (const path of ['/partners', `/partners/${partnership}`, '/account']) {
    await page.goto(base + path);
  }
  assert.deepEqual(blocked, []);
  await context.close();
});

test('the account page: a refused time zone, a saved one, a token shown once and revoked', async () => {
  const a = ana.page;
  await a.goto(base + '/account');
  assert.match(await a.textContent('main'), /Signed in as ana@example\.org/);
  await a.fill('#timezone', 'Mars/Olympus');
  const refused = await submit(a, 'form[action="/account/settings"] button[type="submit"]');
  assert.equal(refused.status(), 400);
  assert.match(await a.textContent('#settings-error'), /Time zone "Mars\/Olympus"/);
  assert.equal(await a.inputValue('#timezone'), 'Mars/Olympus', 'what was typed stays');
  await checkAccessibility(a, '/account (a refused time zone)');
  await a.fill('#timezone', 'Europe/Lisbon');
  await a.fill('#country', 'pt');
  await send(a, 'form[action="/account/settings"] button[type="submit"]');
  assert.match(await a.textContent('[role="status"]'), /Saved/);
  assert.equal(await a.inputValue('#timezone'), 'Europe/Lisbon');
  assert.equal(await a.inputValue('#country'), 'PT');

  await a.fill('#token-name', 'my phone');
  await send(a, 'form[action="/account/tokens"] button[type="submit"]');
  const token = await a.inputValue('#new-token');
  assert.match(token, /^thaw_[0-9a-f]{64}$/);
  const api = await fetch(base + '/api/v1/partners', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(api.status, 200, 'the token works');
  await checkAccessibility(a, '/account (a new token)');
  await a.goto(base + '/account');
  assert.equal(await a.locator('#new-token').count(), 0, 'the token is shown only once');
  await send(a, 'form[action$="/revoke"] button[type="submit"]');
  assert.match(await a.textContent('[role="status"]'), /revoked/);
  const after = await fetch(base + '/api/v1/partners', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(after.status, 401, 'revoked at once');

  await send(a, 'form[action="/account/totp/start"] button');
  assert.match(await a.inputValue('#totp-secret'), /^[A-Z2-7]{32}$/);
  assert.match(await a.inputValue('#totp-uri'), /^otpauth:\/\/totp\/Thaw:ana%40example\.org\?secret=/);
  await a.fill('#totp-code', '000000');
  const wrong = await submit(a, 'form[action="/account/totp/confirm"] button[type="submit"]');
  assert.equal(wrong.status(), 400, 'a wrong code is refused (000000 is right once in a million)');
  assert.match(await a.textContent('#totp-error'), /Code/);
  await checkAccessibility(a, '/account (setting up the second step)');
});

test('Ana ends sharing; at once Ben finds nothing there', async () => {
  const a = ana.page;
  await a.goto(`${base}/partners/${partnership}`);
  const unconfirmed = await submit(a, `form[action="/partners/${partnership}/revoke"] button[type="submit"]`);
  assert.equal(unconfirmed.status(), 400);
  assert.match(await a.textContent('#revoke-error'), /tick the box/);
  await a.click('label[for="revoke-confirm"]');
  await send(a, `form[action="/partners/${partnership}/revoke"] button[type="submit"]`);
  assert.equal(new URL(a.url()).pathname, '/partners');
  assert.match(await a.textContent('[role="status"]'), /Ended/);
  assert.match(await a.textContent('main'), /Nobody yet/);

  const b = ben.page;
  const gone = await b.goto(`${base}/partners/${partnership}`);
  assert.equal(gone.status(), 404);
  assert.match(await b.textContent('h1'), /Not here/);
  assert.equal((await b.goto(`${base}/partners/${partnership}/journal`)).status(), 404);
});

test('deleting an account needs the password and the box, then it is gone', async () => {
  const b = ben.page;
  await b.goto(base + '/account');
  await b.fill('#delete-password', 'not my password');
  await b.click('label[for="delete-confirm"]');
  const wrong = await submit(b, 'form[action="/account/delete"] button[type="submit"]');
  assert.equal(wrong.status(), 400);
  assert.match(await b.textContent('#delete-error'), /Nothing was deleted/);
  await b.fill('#delete-password', ben.password);
  await b.click('label[for="delete-confirm"]');
  await send(b, 'form[action="/account/delete"] button[type="submit"]');
  assert.equal(new URL(b.url()).pathname, '/signup');
  await b.goto(base + '/login');
  await b.fill('#email', ben.email);
  await b.fill('#password', ben.password);
  const login = await submit(b, 'form[action="/login"] button[type="submit"]');
  assert.equal(login.status(), 401, 'the account is gone');

  // Signing out from the account page ends the session.
  const a = ana.page;
  await a.goto(base + '/account');
  await send(a, 'form[action="/logout"] button');
  assert.equal(new URL(a.url()).pathname, '/login');
  await a.goto(base + '/partners');
  assert.equal(new URL(a.url()).pathname, '/login', 'signed out');
});
