// Set-up shared by the browser suites (*.test.mjs): a real `thaw serve` on a
// fresh data folder, headless Chromium, the session cookie from the one-time
// link, an axe-core check, and the command line on the same data folder.
//
// Each suite runs in its own node process (`node --test`), so the state
// below (exported as live bindings) belongs to that one suite.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
export const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const BIN = process.env.THAW_BIN;
export const CHROMIUM = process.env.THAW_CHROMIUM || '/usr/bin/chromium';
export const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export let dir, server, loginUrl, base, browser;
/** The session cookie from the one-time link, for the tests' fresh contexts. */
export let sessionCookies = [];

/** The suite's data folder. */
export function dataDir() {
  return join(dir, 'data');
}

/** Starts `thaw serve` on the data folder; resolves once it printed its link.
 * `env` is added to the environment (NO_COLOR is always set). */
export function startServer(env = {}) {
  return new Promise((resolve, reject) => {
    server = spawn(BIN, ['--data-dir', dataDir(), 'serve', '--no-open', '--addr', '127.0.0.1:0'], {
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let seen = '';
    server.stdout.on('data', (chunk) => {
      seen += chunk;
      const m = seen.match(/(http:\/\/\S+\/login\?token=[0-9a-f]+)/);
      if (m && !loginUrl) {
        loginUrl = m[1];
        base = loginUrl.split('/login')[0];
        resolve();
      }
    });
    server.on('exit', (code) => reject(new Error(`thaw serve exited with ${code}: ${seen}`)));
  });
}

/** Launches headless Chromium with LAUNCH_ARGS and any `extraArgs`. */
export async function launchBrowser(extraArgs = []) {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: [...LAUNCH_ARGS, ...extraArgs] });
  return browser;
}

/** Keeps the cookies of `context` (after it opened the link) for later tests. */
export async function captureSession(context) {
  sessionCookies = await context.cookies();
  return sessionCookies;
}

/** Opens the one-time link in a throwaway context and keeps its cookie. */
export async function signIn() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(loginUrl);
  await captureSession(context);
  assert.ok(sessionCookies.some((c) => c.name === 'thaw_session'), 'signed in');
  await context.close();
}

/** Registers the suite's `before` and `after`: a fresh data folder named
 * `prefix…`, then `seed()` if given, the server (with `serverEnv`), the
 * browser (with `launchArgs`), and, when `signIn` is set, the session cookie.
 * Afterwards the browser and server stop and the folder is removed. */
export function setUpSuite({ prefix, seed, serverEnv = {}, launchArgs = [], signIn: signInFirst = true }) {
  before(async () => {
    assert.ok(BIN, 'set THAW_BIN to the thaw binary');
    dir = mkdtempSync(join(tmpdir(), prefix));
    if (seed) await seed();
    await startServer(serverEnv);
    await launchBrowser(launchArgs);
    if (signInFirst) await signIn();
  });

  after(async () => {
    await browser?.close();
    server?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
}

/** Runs axe-core on the page and fails on any violation whose impact is in
 * `impacts` (by default: any violation at all). */
export async function checkAccessibility(page, label, { impacts } = {}) {
  await page.addScriptTag({ content: AXE });
  const results = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = impacts ? results.violations.filter((v) => impacts.includes(v.impact)) : results.violations;
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], `accessibility problems on ${label}`);
}

/** A page in a fresh context, not signed in (bypassCSP only lets the test
 * inject axe-core; the app's own CSP is checked elsewhere). */
export async function newPage(options = {}) {
  const context = await browser.newContext({ bypassCSP: true, ...options });
  return { context, page: await context.newPage() };
}

/** A signed-in page (bypassCSP only lets the test inject axe-core). */
export async function signedIn(options = {}) {
  const context = await browser.newContext({ bypassCSP: true, ...options });
  await context.addCookies(sessionCookies);
  return { context, page: await context.newPage() };
}

/** Clicks a submit button and waits for the page it leads to. */
export async function send(page, button) {
  await Promise.all([page.waitForNavigation(), page.click(button)]);
}

/** Runs `thaw` on the suite's data folder; answers its output as text.
 * `options` go to execFileSync. */
export function run(args, options = {}) {
  return execFileSync(BIN, ['--data-dir', dataDir(), ...args], { encoding: 'utf8', ...options });
}

/** Runs `thaw` on the suite's data folder; answers its output as JSON. */
export function cli(...args) {
  return JSON.parse(run(args));
}
