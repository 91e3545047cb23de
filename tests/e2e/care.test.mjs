// Browser journey through the care-case pages: a care coordinator files and forwards a signal to
// the care coordinator, opens a case from it ("Zaak openen"), adds a care-plan item, starts the
// B8 reflection period so that it ends within two weeks and sees the warning on the case and on
// the dashboard, records the outcome and closes the case (in Dutch); then the dashboard and the
// case in English. A signaller sees no cases. axe-core on every page, no CSP violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, startBrowser, newPage, checkPage, createUser, firstLogIn, logOut,
} from './support.mjs';

let server;
let browser;
const password = 'Een lange zin als wachtwoord';
const users = {
  coordinator: { organisation: 'GM0014', username: 'zorg.zaken', name: 'Zorg Zaken', roles: ['care_coordinator'] },
  signaller: { organisation: 'GM0014', username: 'melder.zaken', name: 'Melder Zaken', roles: ['signaller'] },
};
const sessions = {};

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  const page = await browser.context.newPage();
  await firstLogIn(page, server.baseUrl, server.adminUser, server.adminPassword, 'Beheer van de hele installatie 1');
  const issued = {};
  for (const user of Object.values(users)) issued[user.username] = await createUser(page, server.baseUrl, user);
  await logOut(page);
  for (const user of Object.values(users)) {
    await browser.context.clearCookies();
    await firstLogIn(page, server.baseUrl, user.username, issued[user.username], password);
    sessions[user.username] = await browser.context.cookies();
  }
  await page.close();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(user, lang, pathname) {
  await browser.context.clearCookies();
  if (user) await browser.context.addCookies(sessions[user.username]);
  const page = await newPage(browser.context);
  await page.goto(`${server.baseUrl}/taal/${lang}?terug=${encodeURIComponent(pathname)}`);
  assert.equal(await page.getAttribute('html', 'lang'), lang);
  return page;
}

async function expectAccessible(page, name) {
  const violations = await checkPage(page, name);
  assert.deepEqual(violations, [], `axe on ${name}`);
  assert.deepEqual(page.problems, [], `console errors (CSP?) on ${name}`);
}

async function submit(page, selector) {
  await Promise.all([page.waitForLoadState(), page.waitForNavigation(), page.click(selector)]);
}

function dutch(d) {
  return `${String(d.getDate()).padStart(2, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${d.getFullYear()}`;
}

let caseUrl;

test('[nl] a coordinator opens a case from a forwarded signal, plans, starts the reflection period, sees the warning and closes', async () => {
  const page = await open(users.coordinator, 'nl', '/signalen/nieuw');
  await page.check('input[name="urgentie"][value="normal"]');
  await page.fill('#beschrijving', 'Vrouw werkt zeven dagen per week in de kas en slaapt in een container (synthetisch)');
  await page.check('input[name="vormen"][value="labour"]');
  await page.fill('#datum', dutch(new Date()));
  await submit(page, 'button[value="versturen"]');
  const reference = (await page.textContent('.schakel-notice')).match(/S\d{6}/)[0];

  await page.goto(`${server.baseUrl}/signalen`);
  await submit(page, `table.schakel-table a:text-is("${reference}")`);
  // Not yet assessed: no "Zaak openen" yet.
  assert.equal(await page.locator('form#zaak-openen').count(), 0);
  for (const element of ['handeling', 'middel', 'doel']) {
    await page.check(`input[name="${element}"][value="present"]`);
  }
  await submit(page, 'form#toets button[type=submit]');
  await page.check('input[name="naar"][value="care_coordinator"]');
  await submit(page, 'form#doorsturen button[type=submit]');
  assert.equal(await page.locator('form#zaak-openen').count(), 1);
  await expectAccessible(page, 'care-nl-01-signal-forwarded');

  await submit(page, 'form#zaak-openen button[type=submit]');
  assert.match(new URL(page.url()).pathname, /^\/zaken\/[0-9a-f-]+$/);
  caseUrl = new URL(page.url()).pathname;
  assert.equal((await page.textContent('#fase')).trim(), 'Geregistreerd');
  assert.match(await page.textContent('h1'), /Zaak Z\d{6}/);
  // Intake waits for consent: the page says why.
  assert.match(await page.textContent('#niet-mogelijk'), /toestemming/);
  await expectAccessible(page, 'care-nl-02-case-opened');

  // A care-plan item: a wrong date is named next to the field.
  await page.selectOption('#domein', 'shelter');
  await page.fill('#organisatie', 'Opvang Wolkenveld');
  await page.fill('#deadline', '31-02-2027');
  await submit(page, 'form[action$="/zorgplan"] button[type=submit]');
  assert.match(await page.textContent('#deadline-fout'), /bestaande datum/);
  await expectAccessible(page, 'care-nl-03-plan-error');
  await page.selectOption('#domein', 'shelter');
  await page.fill('#organisatie', 'Opvang Wolkenveld');
  const due = new Date();
  due.setDate(due.getDate() + 3);
  await page.fill('#deadline', dutch(due));
  await submit(page, 'form[action$="/zorgplan"] button[type=submit]');
  assert.match(await page.textContent('#zorgplan-tabel'), /Opvang Wolkenveld/);

  // The reflection period started almost three months ago: it ends within two weeks.
  const start = new Date();
  start.setMonth(start.getMonth() - 3);
  start.setDate(start.getDate() + 10);
  await page.fill('#bedenktijd-start', dutch(start));
  await submit(page, 'form[action$="/bedenktijd"] button[type=submit]');
  assert.match(await page.textContent('#bedenktijd-waarschuwing'), /nog \d+ dagen/);
  await expectAccessible(page, 'care-nl-04-reflection-warning');

  await page.goto(`${server.baseUrl}/zaken`);
  assert.match(await page.textContent('#bedenktijd-waarschuwingen'), /nog \d+ dagen/);
  assert.match(await page.textContent('main'), /deze week|Deze week/);
  await expectAccessible(page, 'care-nl-05-dashboard');

  await page.goto(`${server.baseUrl}${caseUrl}`);
  // Closing waits for the outcome of the reflection period: the page says so.
  assert.equal(await page.locator('form#afsluiten').count(), 0);
  assert.match(await page.textContent('#niet-mogelijk'), /uitkomst van de bedenktijd/);
  await page.check('input[name="uitkomst"][value="cooperates"]');
  await submit(page, 'form[action$="/bedenktijd/uitkomst"] button[type=submit]');
  assert.match(await page.textContent('#bedenktijd-uitkomst'), /Werkt mee/);
  assert.equal(await page.locator('#bedenktijd-waarschuwing').count(), 0);

  await page.selectOption('#reden', 'care_completed');
  await submit(page, 'form#afsluiten button[type=submit]');
  assert.equal((await page.textContent('#fase')).trim(), 'Afgesloten');
  assert.match(await page.textContent('#geschiedenis'), /Afgesloten/);
  await expectAccessible(page, 'care-nl-06-closed');
  await page.close();
});

test('[en] the dashboard and the closed case in English', async () => {
  const page = await open(users.coordinator, 'en', '/zaken');
  assert.match(await page.textContent('h1'), /Cases/);
  await expectAccessible(page, 'care-en-01-dashboard');
  await page.goto(`${server.baseUrl}${caseUrl}`);
  assert.equal((await page.textContent('#fase')).trim(), 'Closed');
  assert.match(await page.textContent('#bedenktijd-uitkomst'), /Cooperates/);
  await expectAccessible(page, 'care-en-02-case');
  await page.close();
});

test('[nl] a signaller has no cases', async () => {
  const page = await open(users.signaller, 'nl', '/');
  assert.equal(await page.locator('nav a[href="/zaken"]').count(), 0);
  const response = await page.goto(`${server.baseUrl}${caseUrl}`);
  assert.equal(response.status(), 403);
  await page.close();
});
