// Shared set-up of the browser tests: the real `schakel` binary on a free loopback port with a
// temporary data folder holding the public reference lists and synthetic demo assessments, and
// Debian's chromium driven by playwright-core (never a downloaded browser), offline flags only.
import { spawn, execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(path.join(fileURLToPath(import.meta.url), '../../../web/package.json'));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const outputDir = path.join(repo, 'test-output', 'e2e');
const binary = path.resolve(repo, process.env.SCHAKEL_BINARY || 'build/debug/schakel');
const reference = path.resolve(repo, process.env.SCHAKEL_REFERENCE_DIR || '../shared/data');
const chromiumPath = process.env.SCHAKEL_CHROMIUM || '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync',
];

function cli(env, ...args) {
  execFileSync(binary, ['--log-level', 'warn', ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

// Starts the server on a fresh database; resolves to { baseUrl, adminPassword, stop }: on its first
// start the server prints the first administrator's one-time password. `setup`: more commands
// (argument lists) to run on the database before the server starts.
export async function startServer({ setup = [] } = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'schakel-e2e-'));
  const env = { ...process.env, SCHAKEL_DATA_DIR: dataDir, ASAN_OPTIONS: 'detect_leaks=0' };
  cli(env, 'org', 'import-safety-regions', path.join(reference, 'nl/safety-regions.csv'));
  cli(env, 'org', 'import-municipalities', path.join(reference, 'nl/municipalities-2022.csv'));
  cli(env, 'demo', 'kader');
  for (const args of setup) cli(env, ...args);
  const server = spawn(binary, ['--log-level', 'warn', 'serve', '--port', '0'], {
    env, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let banner = '';
  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${banner}`)), 30000);
    server.stdout.on('data', (chunk) => {
      banner += chunk;
      const m = banner.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolve(`http://127.0.0.1:${m[1]}`); }
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${banner}`)));
  });
  const admin = banner.match(/first administrator: user (\S+), one-time password (\S+)/);
  if (!admin) throw new Error(`the server printed no first administrator: ${banner}`);
  server.stdout.resume();
  const stop = async () => {
    const exited = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { baseUrl, adminUser: admin[1], adminPassword: admin[2], stop };
}

// One browser with an empty profile for the whole suite.
export async function startBrowser() {
  const profile = mkdtempSync(path.join(tmpdir(), 'schakel-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 900 },
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

// A page that records CSP violations and failed requests, so a test can assert there were none.
export async function newPage(context) {
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (msg) => {
    // The document's own status (422 on a form with errors, 404) is reported as a console error;
    // failed subresources are caught below.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
      page.problems.push(msg.text());
    }
  });
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'document' && response.status() >= 400) {
      page.problems.push(`${response.status()} for ${response.url()}`);
    }
  });
  page.on('pageerror', (err) => page.problems.push(String(err)));
  return page;
}

// Runs axe-core on the page (evaluated through the devtools protocol, so our CSP, which forbids
// scripts, stays on) and writes a full-page screenshot. Returns serious and critical violations.
export async function checkPage(page, name) {
  mkdirSync(outputDir, { recursive: true });
  await page.screenshot({ path: path.join(outputDir, `${name}.png`), fullPage: true });
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s) from the Base32 secret as the enrolment page shows it
// (grouped in fours). `step` defaults to the current time step.
export function totpCode(secretText, step = Math.floor(Date.now() / 30000)) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretText.replace(/\s+/g, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
  return String(value).padStart(6, '0');
}

// Waits until the next 30-second TOTP step starts: a code works once, so a second step in the
// same window needs a fresh code.
export async function nextTotpStep() {
  const ms = 30000 - (Date.now() % 30000) + 200;
  await new Promise((resolve) => setTimeout(resolve, ms));
}

// Logs in through the login form; returns the path the browser lands on.
export async function logIn(page, baseUrl, username, password, returnTo = '') {
  await page.goto(`${baseUrl}/inloggen${returnTo ? `?terug=${encodeURIComponent(returnTo)}` : ''}`);
  await page.fill('#gebruikersnaam', username);
  await page.fill('#wachtwoord', password);
  await Promise.all([page.waitForLoadState(), page.click('form[action="/inloggen"] button[type=submit]')]);
  return new URL(page.url()).pathname;
}

// The first login of a new account: log in with the one-time password, choose `newPassword`,
// and enrol the second factor when asked. Returns the TOTP secret ('' when not asked).
export async function firstLogIn(page, baseUrl, username, oneTimePassword, newPassword) {
  let at = await logIn(page, baseUrl, username, oneTimePassword);
  if (at !== '/inloggen/wachtwoord') throw new Error(`expected the password change, got ${at}`);
  await page.fill('#huidig-wachtwoord', oneTimePassword);
  await page.fill('#nieuw-wachtwoord', newPassword);
  await page.fill('#herhaal-wachtwoord', newPassword);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/inloggen/wachtwoord'),
    page.click('form[action="/inloggen/wachtwoord"] button[type=submit]')]);
  at = new URL(page.url()).pathname;
  if (at !== '/account/tweede-factor') return '';
  const secret = (await page.textContent('#totp-geheim')).trim();
  await page.fill('#code', totpCode(secret));
  await Promise.all([page.waitForURL((u) => u.pathname !== '/account/tweede-factor'),
    page.click('form[action="/account/tweede-factor"] button[type=submit]')]);
  return secret;
}

// As a logged-in administrator: creates a user through the admin pages; returns the one-time
// password shown once.
export async function createUser(page, baseUrl, { organisation, username, name, roles }) {
  await page.goto(`${baseUrl}/beheer/gebruikers/nieuw?organisatie=${organisation}`);
  if (await page.locator('select#organisatie').count()) await page.selectOption('select#organisatie', organisation);
  await page.fill('#gebruikersnaam', username);
  await page.fill('#naam', name);
  for (const role of roles) await page.check(`input[name="rollen"][value="${role}"]`);
  await page.click('form[action="/beheer/gebruikers"] button[type=submit]');
  const shown = page.locator('#eenmalig-wachtwoord');
  await shown.waitFor();
  return (await shown.textContent()).trim();
}

// Logs the browser out (the header's button), if logged in.
export async function logOut(page) {
  const button = page.locator('form[action="/uitloggen"] button').first();
  if (await button.count()) {
    await Promise.all([page.waitForURL(/\/inloggen/), button.click()]);
  }
}

// Fixture accounts: the first administrator logs in (password change, second factor) and creates
// `users` ({ organisation, username, name, roles }); each then logs in once to replace the
// one-time password with `password`. Leaves the browser logged out. Returns the admin's new
// password and TOTP secret.
export async function setUpAccounts(server, context, users, password) {
  const page = await context.newPage();
  const adminPassword = 'Beheer van de hele installatie 1';
  const adminSecret = await firstLogIn(page, server.baseUrl, server.adminUser, server.adminPassword,
    adminPassword);
  const issued = [];
  for (const user of users) issued.push(await createUser(page, server.baseUrl, user));
  await logOut(page);
  for (let i = 0; i < users.length; i += 1) {
    await firstLogIn(page, server.baseUrl, users[i].username, issued[i], password);
    await logOut(page);
  }
  await page.close();
  return { adminPassword, adminSecret };
}

// Asserts that axe-core finds no serious or critical violation on the page and that the page
// reported no console error (a CSP violation, a failed request); writes the screenshot `name`.
export async function expectAccessible(page, name) {
  const violations = await checkPage(page, name);
  if (violations.length || page.problems.length) {
    throw new Error(`${name}: axe ${JSON.stringify(violations)}; console ${JSON.stringify(page.problems)}`);
  }
}

// A fresh browser state (no cookies) in `context`, logged in as `username`, on `pathname`.
export async function openAs(context, baseUrl, username, password, pathname) {
  await context.clearCookies();
  const page = await newPage(context);
  await logIn(page, baseUrl, username, password);
  const response = await page.goto(baseUrl + pathname);
  return { page, response };
}
