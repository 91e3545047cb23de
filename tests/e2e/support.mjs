// Shared set-up of the browser tests: the real `schakel` binary on a free loopback port with a
// temporary data folder holding the public reference lists and synthetic demo assessments, and
// Debian's chromium driven by playwright-core (never a downloaded browser), offline flags only.
import { spawn, execFileSync } from 'node:child_process';
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

// Starts the server on a fresh database; resolves to { baseUrl, stop }.
export async function startServer() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'schakel-e2e-'));
  const env = { ...process.env, SCHAKEL_DATA_DIR: dataDir, ASAN_OPTIONS: 'detect_leaks=0' };
  cli(env, 'org', 'import-safety-regions', path.join(reference, 'nl/safety-regions.csv'));
  cli(env, 'org', 'import-municipalities', path.join(reference, 'nl/municipalities-2022.csv'));
  cli(env, 'demo', 'kader');
  const server = spawn(binary, ['--log-level', 'warn', 'serve', '--port', '0'], {
    env, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseUrl = await new Promise((resolve, reject) => {
    let banner = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${banner}`)), 30000);
    server.stdout.on('data', (chunk) => {
      banner += chunk;
      const m = banner.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolve(`http://127.0.0.1:${m[1]}`); }
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${banner}`)));
  });
  server.stdout.resume();
  const stop = async () => {
    const exited = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { baseUrl, stop };
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
