// Browser journey through the shelter registry (/opvang, care-shelter), in Dutch and in English:
// a care coordinator adds a shelter of the region (a wrong capacity is shown next to the field
// first) and sees it with tonight's occupancy and the chart over time; the region's chain
// director reads the registry without the form; a signaller has no link and is refused.
// Accounts are made through the admin pages. axe-core on every page, no CSP violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, startBrowser, newPage, checkPage, createUser, firstLogIn, logOut,
} from './support.mjs';

let server;
let browser;
const password = 'Een lange zin als wachtwoord';
const users = {
  coordinator: { organisation: 'GM0014', username: 'zorg.opvang', name: 'Zorg Opvang', roles: ['care_coordinator'] },
  director: { organisation: 'GM0014', username: 'regie.opvang', name: 'Regie Opvang', roles: ['chain_director'] },
  signaller: { organisation: 'GM0014', username: 'melder.opvang', name: 'Melder Opvang', roles: ['signaller'] },
};
const sessions = {};
const words = {
  nl: { capacityError: /heel getal/, saved: /is opgeslagen/, tonight: /Vannacht/, full: 'vol' },
  en: { capacityError: /whole number/, saved: /has been saved/, tonight: /Tonight/, full: 'full' },
};

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
  await browser.context.addCookies(sessions[user.username]);
  const page = await newPage(browser.context);
  await page.goto(`${server.baseUrl}/taal/${lang}?terug=${encodeURIComponent(pathname)}`);
  assert.equal(await page.getAttribute('html', 'lang'), lang);
  return page;
}

async function expectAccessible(page, name) {
  assert.deepEqual(await checkPage(page, name), [], `axe on ${name}`);
  assert.deepEqual(page.problems, [], `console errors (CSP?) on ${name}`);
}

async function submit(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

for (const lang of ['nl', 'en']) {
  const w = words[lang];
  const name = `Vrouwenopvang Noord (${lang})`;

  test(`[${lang}] a care coordinator adds a shelter and sees the region's occupancy`, async () => {
    const page = await open(users.coordinator, lang, '/');
    assert.equal(await page.locator('nav a[href="/opvang"]').count(), 1);
    await page.goto(`${server.baseUrl}/opvang`);
    await expectAccessible(page, `shelters-${lang}-01-registry`);
    assert.match(await page.textContent('main'), w.tonight);
    assert.equal(await page.locator('figure svg[role="img"]').count(), 1);

    await page.fill('#name', name);
    await page.selectOption('#type', 'womens');
    await page.fill('#capacity', 'vier');
    await submit(page, 'form[action="/opvang"][method="post"] button[type=submit]');
    assert.match(await page.textContent('#capacity-fout'), w.capacityError);
    assert.equal(await page.inputValue('#name'), name);
    await expectAccessible(page, `shelters-${lang}-02-error`);

    await page.fill('#capacity', '4');
    await submit(page, 'form[action="/opvang"][method="post"] button[type=submit]');
    assert.match(await page.textContent('.schakel-notice'), w.saved);
    const row = page.locator('tbody tr', { hasText: name });
    assert.equal(await row.count(), 1);
    assert.match(await row.textContent(), /4/);
    await expectAccessible(page, `shelters-${lang}-03-added`);
  });

  test(`[${lang}] the chain director reads the registry; a signaller is refused`, async () => {
    const page = await open(users.director, lang, '/opvang');
    assert.equal(await page.locator('tbody tr', { hasText: name }).count(), 1);
    assert.equal(await page.locator('form[action="/opvang"][method="post"]').count(), 0);
    await expectAccessible(page, `shelters-${lang}-04-director`);

    const other = await open(users.signaller, lang, '/');
    assert.equal(await other.locator('nav a[href="/opvang"]').count(), 0);
    const response = await other.goto(`${server.baseUrl}/opvang`);
    assert.equal(response.status(), 403);
    await expectAccessible(other, `shelters-${lang}-05-signaller-refused`);
  });
}
