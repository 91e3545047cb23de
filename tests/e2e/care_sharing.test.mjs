// Browser journey of sharing a case with a chain partner (issue #6): the case's care
// coordinator shares a case with the police partner for one field group (case facts); the
// partner user logs in, finds the case under "Gedeelde zaken" and sees exactly that group —
// no name, no contact details, no other group; the coordinator revokes the grant and the partner
// no longer sees the case and is refused at its address. Dutch, with the partner's pages checked
// in English too. Accounts and the partner organisation are made through the admin pages; the
// case is opened directly by the coordinator. axe-core on every page, no CSP violations.
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
  coordinator: { organisation: 'GM0014', username: 'zorg.delen', name: 'Zorg Groningen', roles: ['care_coordinator'] },
  partner: { organisation: partnerOrg.code, username: 'politie.delen', name: 'Politie Demo', roles: ['partner'] },
};
const sessions = {};
// Synthetic identity of the case: must never reach the partner.
const person = { given: 'Xanthippe', family: 'Zwavelstok' };
let caseId;
let caseReference;

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  const page = await browser.context.newPage();
  await firstLogIn(page, server.baseUrl, server.adminUser, server.adminPassword, 'Beheer van de hele installatie 1');
  // The police as a chain partner organisation.
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

// The case is opened directly by the coordinator through the case API of the case core
// (POST /api/v1/cases with the session cookie); the journey under test starts at the case.
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
  assert.match(caseReference, /^Z\d{6}$/);
}

const caseFacts = ['case_state', 'region', 'forms', 'nationality', 'age_group', 'gender', 'opened_on',
  'closed_on', 'closing_reason'];

test('the coordinator shares a case with the police for the case facts only', async () => {
  const page = await open(users.coordinator, 'nl', '/');
  await openCase(page);
  await page.goto(`${server.baseUrl}/zaken/${caseId}`);
  assert.equal(await page.locator('#delen-sectie').count(), 1);
  await expectAccessible(page, 'sharing-01-case-page');
  await submit(page, `#delen-sectie a[href="/zaken/${caseId}/delen"]`);
  await expectAccessible(page, 'sharing-02-share-form');

  // Nothing chosen: every problem is named at the top and next to its field.
  await submit(page, 'form#delen button[type=submit]');
  assert.equal(await page.locator('.schakel-error-summary').count(), 1);
  assert.equal(await page.getAttribute('.schakel-error-summary a', 'href'), '#partner_organisation');
  await expectAccessible(page, 'sharing-03-share-error');

  await page.selectOption('#partner_organisation', partnerOrg.code);
  await page.fill('#purpose', 'Opsporingsonderzoek naar de uitbuiter');
  await page.fill('#legal_basis', 'AVG art. 6 lid 1e; Politiewet');
  await page.check('input[name="field_groups"][value="case_facts"]');
  await page.fill('#expires_on', '31-12-2030');
  await page.check('input[name="consent"][value="ja"]');
  await submit(page, 'form#delen button[type=submit]');
  const row = page.locator('#deelafspraken tbody tr').first();
  assert.match(await row.textContent(), /Politie \(demo, synthetisch\)/);
  assert.match(await row.textContent(), /Kerngegevens casus/);
  assert.match(await row.textContent(), /Geldig/);
  await expectAccessible(page, 'sharing-04-shared');
  await page.close();
});

for (const lang of ['nl', 'en']) {
  test(`[${lang}] the police partner sees exactly the case facts and nothing else`, async () => {
    const page = await open(users.partner, lang, '/');
    assert.equal(await page.locator('nav a[href="/gedeeld"]').count(), 1);
    assert.equal(await page.locator('nav a[href="/zaken"]').count(), 0);
    await page.goto(`${server.baseUrl}/gedeeld`);
    assert.match(await page.textContent('#gedeelde-zaken'), new RegExp(caseReference));
    await expectAccessible(page, `sharing-${lang}-05-shared-list`);
    await submit(page, `#gedeelde-zaken a[href="/gedeeld/${caseId}"]`);
    // One section, the case facts; every field shown belongs to it.
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
    assert.equal(await page.locator('#veldgroep-identity').count(), 0);
    assert.equal(await page.locator('#veldgroep-contact').count(), 0);
    await expectAccessible(page, `sharing-${lang}-06-shared-case`);
    // The JSON gives the same: only case facts.
    const api = await page.request.get(`${server.baseUrl}/api/v1/shared-cases/${caseId}`);
    assert.equal(api.status(), 200);
    const body = await api.json();
    assert.deepEqual(body.field_groups, ['case_facts']);
    for (const f of Object.keys(body.fields)) assert.ok(caseFacts.includes(f), f);
    await page.close();
  });
}

test('after the coordinator revokes the grant the partner has no access', async () => {
  const page = await open(users.coordinator, 'nl', `/zaken/${caseId}/delen`);
  const revoke = page.locator('#deelafspraken form[action$="/intrekken"]').first();
  await revoke.locator('input[name="reden"]').fill('Onderzoek afgerond');
  await submit(page, '#deelafspraken form[action$="/intrekken"] button[type=submit]');
  assert.match(await page.locator('#deelafspraken tbody tr').first().textContent(), /Ingetrokken op/);
  await expectAccessible(page, 'sharing-07-revoked');
  await page.close();

  for (const lang of ['nl', 'en']) {
    const partner = await open(users.partner, lang, '/gedeeld');
    assert.equal(await partner.locator('#gedeelde-zaken').count(), 0);
    await expectAccessible(partner, `sharing-${lang}-08-nothing-shared`);
    const response = await partner.goto(`${server.baseUrl}/gedeeld/${caseId}`);
    assert.equal(response.status(), 403);
    assert.doesNotMatch(await partner.textContent('main'), new RegExp(person.family));
    const api = await partner.request.get(`${server.baseUrl}/api/v1/shared-cases/${caseId}`);
    assert.equal(api.status(), 403);
    await partner.close();
  }
});
