// Browser journey "refer with consent" (issue #6): the care coordinator refers a case to the
// police partner for one field group (case facts) — first without choosing anything and then
// without consent, each refused with the problem named next to its field —, then with the
// person's consent. The partner user logs in, finds it under "Verwijzingen", sees exactly that
// group (no name, no other group) and accepts; the coordinator sees it accepted on the case page.
// The partner's pages are checked in English too. Accounts and the partner organisation are made
// through the admin pages; the case is opened directly by the coordinator. axe-core on every
// page, no CSP violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, startBrowser, newPage, checkPage, createUser, firstLogIn, logOut,
} from './support.mjs';

let server;
let browser;
const password = 'Een lange zin als wachtwoord';
const partnerOrg = { code: 'POLITIE-DEMO', name: 'Politie (demo, synthetisch)' };
const users = {
  coordinator: { organisation: 'GM0014', username: 'zorg.verwijzen', name: 'Zorg Groningen', roles: ['care_coordinator'] },
  partner: { organisation: partnerOrg.code, username: 'politie.verwijzen', name: 'Politie Demo', roles: ['partner'] },
};
const sessions = {};
// Synthetic identity of the case: must never reach the partner.
const person = { given: 'Xanthippe', family: 'Zwavelstok' };
let caseId;
let caseReference;
let referralId;

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  const page = await browser.context.newPage();
  await firstLogIn(page, server.baseUrl, server.adminUser, server.adminPassword, 'Beheer van de hele installatie 1');
  await page.goto(`${server.baseUrl}/beheer/organisaties`);
  await page.fill('#code', partnerOrg.code);
  await page.fill('#naam', partnerOrg.name);
  await Promise.all([page.waitForLoadState(), page.waitForNavigation(),
    page.click('form[action="/beheer/organisaties"][method="post"] button[type=submit]')]);
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

// The case is opened directly through the case API of the case core; the journey under test
// starts at the case page.
async function openCase(page) {
  const response = await page.request.post(`${server.baseUrl}/api/v1/cases`, {
    data: {
      region: 'VR01',
      opened_directly_because: 'Meldt zich zelf bij het zorgloket (synthetisch)',
      person: { given_names: person.given, family_name: person.family },
      forms: ['labour'],
    },
  });
  assert.equal(response.status(), 201, await response.text());
  const body = await response.json();
  caseId = body.id;
  caseReference = body.reference;
}

const caseFacts = ['case_state', 'region', 'forms', 'nationality', 'age_group', 'gender', 'opened_on',
  'closed_on', 'closing_reason'];

test('the coordinator refers a case to the police with consent, for the case facts only', async () => {
  const page = await open(users.coordinator, 'nl', '/');
  await openCase(page);
  await page.goto(`${server.baseUrl}/zaken/${caseId}`);
  assert.equal(await page.locator('section#verwijzingen').count(), 1);
  assert.match(await page.textContent('section#verwijzingen'), /nog niet verwezen/);
  await expectAccessible(page, 'referral-01-case-page');

  // Nothing chosen: refused, the problem named at the top and next to the field.
  await submit(page, 'form#verwijzen button[type=submit]');
  assert.equal(new URL(page.url()).pathname, `/zaken/${caseId}/verwijzingen`);
  assert.equal(await page.getAttribute('.schakel-error-summary a', 'href'), '#verwijzing-soort');
  await expectAccessible(page, 'referral-02-nothing-chosen');

  // Everything but consent or an override: refused on consent, the choices kept.
  await page.check('input[name="kind"][value="referral"]');
  await page.selectOption('#verwijzing-ontvanger', partnerOrg.code);
  await page.check('input[name="field_groups"][value="case_facts"]');
  await submit(page, 'form#verwijzen button[type=submit]');
  assert.equal(await page.getAttribute('.schakel-error-summary a', 'href'), '#verwijzing-toestemming');
  assert.match(await page.textContent('#verwijzing-toestemming-fout'), /toestemming/);
  assert.equal(await page.isChecked('input[name="field_groups"][value="case_facts"]'), true);
  assert.equal(await page.inputValue('#verwijzing-ontvanger'), partnerOrg.code);
  await expectAccessible(page, 'referral-03-no-consent');

  await page.check('input[name="consent"][value="ja"]');
  await submit(page, 'form#verwijzen button[type=submit]');
  assert.equal(new URL(page.url()).pathname, `/zaken/${caseId}`);
  const row = page.locator('#verwijzingen-tabel tbody tr').first();
  referralId = await row.getAttribute('data-referral');
  assert.match(await row.textContent(), /Politie \(demo, synthetisch\)/);
  assert.match(await row.textContent(), /Kerngegevens casus/);
  assert.match(await row.textContent(), /Toestemming van betrokkene vastgelegd/);
  assert.equal(await row.locator('[data-state]').getAttribute('data-state'), 'in_progress');
  await expectAccessible(page, 'referral-04-sent');
  await page.close();
});

for (const lang of ['nl', 'en']) {
  test(`[${lang}] the police partner sees exactly the case facts under Verwijzingen`, async () => {
    const page = await open(users.partner, lang, '/');
    assert.equal(await page.locator('nav a[href="/verwijzingen"]').count(), 1);
    assert.match(await page.textContent('nav a[href="/verwijzingen"]'), lang === 'nl' ? /Verwijzingen/ : /Referrals/);
    await page.goto(`${server.baseUrl}/verwijzingen`);
    assert.match(await page.textContent('#ontvangen-verwijzingen'), new RegExp(caseReference));
    await expectAccessible(page, `referral-${lang}-05-received-list`);
    await submit(page, `#ontvangen-verwijzingen a[href="/verwijzingen/${referralId}"]`);
    const groups = await page.locator('[data-field-group]').evaluateAll(
      (els) => els.map((e) => e.getAttribute('data-field-group')));
    assert.deepEqual(groups, ['case_facts']);
    const fields = await page.locator('[data-field]').evaluateAll(
      (els) => els.map((e) => e.getAttribute('data-field')));
    assert.ok(fields.length > 0);
    for (const f of fields) assert.ok(caseFacts.includes(f), `field ${f} is not a case fact`);
    const text = await page.textContent('main');
    assert.doesNotMatch(text, new RegExp(person.given));
    assert.doesNotMatch(text, new RegExp(person.family));
    await expectAccessible(page, `referral-${lang}-06-received`);
    // The JSON gives the same.
    const api = await page.request.get(`${server.baseUrl}/api/v1/referrals/${referralId}`);
    assert.equal(api.status(), 200);
    const body = await api.json();
    assert.deepEqual(body.granted_field_groups, ['case_facts']);
    for (const f of Object.keys(body.fields)) assert.ok(caseFacts.includes(f), f);
    await page.close();
  });
}

test('the partner accepts, and the coordinator sees it accepted', async () => {
  const page = await open(users.partner, 'en', `/verwijzingen/${referralId}`);
  await submit(page, 'form#accepteren button[type=submit]');
  assert.equal(await page.getAttribute('#verwijzing-stand', 'data-state'), 'accepted');
  assert.match(await page.textContent('#verwijzing-stand'), /Accepted/);
  assert.equal(await page.locator('form#afronden').count(), 1);
  await expectAccessible(page, 'referral-en-07-accepted');
  await page.close();

  const coordinator = await open(users.coordinator, 'nl', `/zaken/${caseId}`);
  const row = coordinator.locator(`#verwijzingen-tabel tr[data-referral="${referralId}"]`);
  assert.equal(await row.locator('[data-state]').getAttribute('data-state'), 'accepted');
  assert.match(await row.textContent(), /Geaccepteerd/);
  // The sender cannot answer its own referral.
  const response = await coordinator.goto(`${server.baseUrl}/verwijzingen/${referralId}`);
  assert.equal(response.status(), 403);
  await coordinator.close();
});
