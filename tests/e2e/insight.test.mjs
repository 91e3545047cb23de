// Browser journeys of the insight pages: Rotterdam's chain director sees the regional dashboard
// (a small cell shown as "<10", never its count), downloads the CSV of exactly those tables,
// uploads a published capture-history table (Korea, three lists, ../shared/data/mse) and stores
// the estimate with its interval and explanation; the monitor sees the national page; others are
// refused. Dutch and English, axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  startServer, startBrowser, newPage, checkPage, createUser, firstLogIn, logOut, repo,
} from './support.mjs';

let server;
let browser;
let folder;
const sessions = {};
const password = 'Een lange zin als wachtwoord';
const users = [
  { organisation: 'GM0599', username: 'keten', name: 'Ketenregisseur Rotterdam', roles: ['chain_director'] },
  { organisation: 'SCHAKEL', username: 'monitor', name: 'Landelijke monitor', roles: ['monitor'] },
  { organisation: 'GM0599', username: 'zorg', name: 'Zorgcoördinator Rotterdam', roles: ['care_coordinator'] },
];
const today = new Date().toISOString().slice(0, 10);
const year = today.slice(0, 4);

// Synthetic signals for Rotterdam: 15 sexual, 12 labour, 3 criminal exploitation (the small cell).
function signalsCsv() {
  const lines = ['organisation,channel,urgency,observed_on,forms,victim_gender,victim_age_group'];
  const add = (n, form, gender) => {
    for (let i = 0; i < n; i += 1) lines.push(`GM0599,staff,normal,${today},${form},${gender},adult`);
  };
  add(15, 'sexual', 'female');
  add(12, 'labour', 'male');
  add(3, 'criminal', 'male');
  return lines.join('\n') + '\n';
}

before(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'schakel-insight-'));
  const file = path.join(folder, 'signals.csv');
  writeFileSync(file, signalsCsv());
  server = await startServer({ setup: [['signal', 'import', file]] });
  browser = await startBrowser();
  const page = await browser.context.newPage();
  await firstLogIn(page, server.baseUrl, server.adminUser, server.adminPassword, 'Beheer van de hele installatie 1');
  const issued = {};
  for (const user of users) issued[user.username] = await createUser(page, server.baseUrl, user);
  await logOut(page);
  // Each logs in once (second factor: a code works once per 30 s); the tests reuse the session.
  for (const user of users) {
    await browser.context.clearCookies();
    await firstLogIn(page, server.baseUrl, user.username, issued[user.username], password);
    sessions[user.username] = await browser.context.cookies();
  }
  await page.close();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function open(pathname, username) {
  await browser.context.clearCookies();
  await browser.context.addCookies(sessions[username]);
  const page = await newPage(browser.context);
  const response = await page.goto(server.baseUrl + pathname);
  return { page, response };
}

async function expectAccessible(page, name) {
  const violations = await checkPage(page, name);
  assert.deepEqual(violations, [], `axe on ${name}`);
  assert.deepEqual(page.problems, [], `console errors (CSP?) on ${name}`);
}

test('the chain director sees the protected dashboard of the region, and its CSV says the same', async () => {
  const { page, response } = await open('/', 'keten');
  assert.equal(response.status(), 200);
  await page.click('nav a:text-is("Inzicht")');
  await page.waitForURL(/\/inzicht/);
  assert.match(await page.textContent('h1'), /Rotterdam-Rijnmond/);
  assert.match(await page.textContent('main'), new RegExp(`30 signalen ontvangen in ${year}`));
  const trend = page.locator('#tabel-trend');
  const header = await trend.locator('thead th').allTextContents();
  const criminal = header.indexOf('Criminele uitbuiting');
  const labour = header.indexOf('Arbeidsuitbuiting');
  const sexual = header.indexOf('Seksuele uitbuiting');
  assert.ok(criminal > 0 && labour > 0 && sexual > 0, header.join('|'));
  const totals = await trend.locator('tbody tr').last().locator('td').allTextContents();
  // The three signals of criminal exploitation are hidden, and so is the 12 of labour (else
  // 30 - 15 - 12 would give the three away); the 15 of sexual exploitation are shown.
  assert.equal(totals[criminal - 1], '<10');
  assert.equal(totals[labour - 1], '<10');
  assert.equal(totals[sexual - 1], '15');
  assert.ok(!(await trend.locator('td').allTextContents()).includes('3'), 'no cell shows the 3');
  assert.equal(await page.locator('svg.schakel-chart[role="img"]').count(), 2);
  assert.match(await page.textContent('main'), /Er is nog geen schatting opgeslagen/);
  await expectAccessible(page, 'insight-01-dashboard-nl');

  const href = await page.getAttribute('a:text-is("Deze tabellen als CSV")', 'href');
  const csv = await page.evaluate(async (u) => (await fetch(u)).text(), href);
  assert.match(csv, /^table,row_dimension,row,column_dimension,column,value/);
  assert.match(csv, new RegExp(`trend,quarter,total,form,criminal,<10`));
  assert.match(csv, /trend,quarter,total,form,labour,<10/);
  assert.match(csv, /trend,quarter,total,form,sexual,15/);
  assert.doesNotMatch(csv, /criminal,3\r?$/m);
  const htcds = await page.evaluate(async (u) => (await fetch(u)).text(),
    await page.getAttribute('a:text-is("Totalen in de HTCDS-indeling (CTDC) als CSV")', 'href'));
  assert.match(htcds, /vic_TypeOfExploitation,SexualExploitation,form,sexual,15/);
  assert.match(htcds, /vic_TypeOfExploitation,Other,form,criminal,<10/);
  await page.close();
});

test('the chain director uploads a capture-history table and stores the estimate', async () => {
  const { page } = await open('/inzicht', 'keten');
  await page.click('a:text-is("Een schatting maken")');
  await page.waitForURL(/\/inzicht\/schatting/);
  await expectAccessible(page, 'insight-02-estimate-form-nl');
  // A mistake in the table: the error names the line, next to the field.
  await page.fill('#periode', year);
  await page.fill('#tabel', 'b,c,d,count\n1,0,0,2\n0,1,0,x\n');
  await page.click('button:text-is("Bereken")');
  assert.match(await page.title(), /^Fout:/);
  assert.match(await page.textContent('#tabel-fout'), /line 3/);
  await expectAccessible(page, 'insight-03-estimate-error-nl');

  const korea = readFileSync(path.join(repo, '../shared/data/mse/Korea.csv'), 'utf8');
  await page.fill('#tabel', korea);
  await page.click('button:text-is("Bereken")');
  await page.locator('#uitkomst').waitFor();
  assert.match(await page.textContent('.schakel-facts'), /Geschat totaal/);
  assert.match(await page.textContent('.schakel-facts'), /\d+ tot \d+/);
  assert.match(await page.textContent('.schakel-explanation'), /Met 95% betrouwbaarheid/);
  assert.match(await page.textContent('main'), /Gesloten populatie/);
  await expectAccessible(page, 'insight-04-estimate-result-nl');
  await page.click('button:text-is("Bewaar deze schatting")');
  await page.waitForURL(/opgeslagen=1/);
  assert.match(await page.textContent('main'), /De schatting is opgeslagen/);
  assert.match(await page.textContent('main'), /Meest recente schatting/);
  assert.match(await page.textContent('.schakel-explanation'), /Rotterdam-Rijnmond/);
  await expectAccessible(page, 'insight-05-dashboard-with-estimate-nl');

  // In English.
  await page.click('a[hreflang="en"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('main'), /Latest estimate/);
  assert.match(await page.textContent('.schakel-explanation'), /With 95% confidence/);
  await expectAccessible(page, 'insight-06-dashboard-en');
  await page.click('a[hreflang="nl"]');
  await page.close();
});

test('the monitor sees the national monitor and no regional dashboard; others see neither', async () => {
  const { page } = await open('/', 'monitor');
  await page.click('nav a:text-is("Monitor")');
  await page.waitForURL(/\/monitor/);
  assert.equal(await page.textContent('h1'), 'Landelijke monitor');
  assert.match(await page.textContent('main'), /Programmadoelen/);
  assert.match(await page.textContent('main'), /Schattingen per regio/);
  assert.match(await page.textContent('main'), /Rotterdam-Rijnmond/);
  assert.equal(await page.locator('nav a:text-is("Inzicht")').count(), 0);
  await expectAccessible(page, 'insight-07-monitor-nl');
  const regional = await page.goto(server.baseUrl + '/inzicht?regio=VR17');
  assert.equal(regional.status(), 403);
  await page.close();

  const other = await open('/inzicht?regio=VR17', 'zorg');
  assert.equal(other.response.status(), 403);
  assert.equal((await other.page.goto(server.baseUrl + '/monitor')).status(), 403);
  await other.page.close();
});
