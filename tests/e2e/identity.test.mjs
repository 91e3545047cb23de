// Browser journeys of login and administration: the first administrator's first login (forced
// password change, second factor), users for every role, a policy officer's first login, login
// throttling seen by the auditor, the 403 page, and logout ending the session. axe-core on every
// new page, no CSP violations, a screenshot of each in test-output/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, startBrowser, newPage, checkPage, logIn, logOut, totpCode, createUser,
  nextTotpStep,
} from './support.mjs';

let server;
let browser;
let page;
const adminPassword = 'Beheer van de hele installatie 1';
const issued = {}; // username → one-time password
const users = [
  { organisation: 'GM0363', username: 'beheer.amsterdam', name: 'Anouk Bakker', roles: ['admin'] },
  { organisation: 'GM0363', username: 'beleid.amsterdam', name: 'Bram de Vries', roles: ['policy_officer'] },
  { organisation: 'GM0363', username: 'signaal.amsterdam', name: 'Chaima El Idrissi', roles: ['signaller'] },
  { organisation: 'GM0363', username: 'zorg.amsterdam', name: 'Daan Visser', roles: ['care_coordinator'] },
  { organisation: 'GM0363', username: 'regie.amsterdam', name: 'Eva Jansen', roles: ['chain_director'] },
  { organisation: 'POLITIE-AMS', username: 'politie.ams', name: 'Fleur Smit', roles: ['partner'] },
  { organisation: 'SCHAKEL', username: 'monitor', name: 'Gijs Mulder', roles: ['monitor'] },
  { organisation: 'SCHAKEL', username: 'auditor', name: 'Hanna de Boer', roles: ['auditor'] },
];

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  page = await newPage(browser.context);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectAccessible(name) {
  const violations = await checkPage(page, name);
  assert.deepEqual(violations, [], `axe on ${name}`);
  assert.deepEqual(page.problems, [], `console errors (CSP?) on ${name}`);
}

async function submit(action) {
  await Promise.all([page.waitForLoadState(),
    page.click(`form[method="post"][action="${action}"] button[type=submit]`)]);
}

test('a page without a session leads to the login page and back after login', async () => {
  const response = await page.goto(`${server.baseUrl}/kader?gemeente=GM0363`);
  assert.equal(new URL(page.url()).pathname, '/inloggen');
  assert.equal(new URL(page.url()).searchParams.get('terug'), '/kader?gemeente=GM0363');
  assert.equal(response.status(), 200);
  assert.equal(await page.locator('nav.schakel-nav').count(), 0, 'no navigation before login');
  await expectAccessible('20-login-nl');
  // Whatever failed, one message.
  await page.fill('#gebruikersnaam', 'niemand');
  await page.fill('#wachtwoord', 'geen wachtwoord');
  await submit('/inloggen');
  assert.match(await page.textContent('.schakel-error-summary'), /Gebruikersnaam of wachtwoord onjuist/);
  await expectAccessible('21-login-error-nl');
  // Another site is never a place to return to.
  const open = await browser.context.request.get(`${server.baseUrl}/inloggen?terug=//evil.example/`);
  assert.doesNotMatch(await open.text(), /name="terug"/);
});

test('the first administrator changes the one-time password, enrols the second factor and lands home', async () => {
  let at = await logIn(page, server.baseUrl, server.adminUser, server.adminPassword);
  assert.equal(at, '/inloggen/wachtwoord');
  // A forced step: other pages lead back here.
  await page.goto(`${server.baseUrl}/kader`);
  assert.equal(new URL(page.url()).pathname, '/inloggen/wachtwoord');
  assert.match(await page.textContent('main'), /minimaal 12 en maximaal 128 tekens/);
  await expectAccessible('22-password-forced-nl');
  // A weak password: every broken rule is named next to the field.
  await page.fill('#huidig-wachtwoord', server.adminPassword);
  await page.fill('#nieuw-wachtwoord', 'admin');
  await page.fill('#herhaal-wachtwoord', 'admin');
  await submit('/inloggen/wachtwoord');
  const problems = await page.textContent('#nieuw-wachtwoord-fout');
  assert.match(problems, /korter dan 12 tekens/);
  assert.match(problems, /bevat uw gebruikersnaam/);
  await expectAccessible('23-password-rules-nl');
  await page.fill('#huidig-wachtwoord', server.adminPassword);
  await page.fill('#nieuw-wachtwoord', adminPassword);
  await page.fill('#herhaal-wachtwoord', adminPassword);
  await submit('/inloggen/wachtwoord');
  assert.equal(new URL(page.url()).pathname, '/account/tweede-factor');
  assert.equal(await page.locator('.schakel-qr svg[role="img"]').count(), 1);
  const secret = (await page.textContent('#totp-geheim')).trim();
  assert.match(secret, /^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  assert.match(await page.getAttribute('a[href^="otpauth://"]', 'href'), /issuer=Schakel/);
  await expectAccessible('24-totp-enrol-nl');
  await page.fill('#code', '000000' === totpCode(secret) ? '111111' : '000000');
  await submit('/account/tweede-factor');
  assert.match(await page.textContent('#code-fout'), /klopt niet/);
  await page.fill('#code', totpCode(secret));
  await submit('/account/tweede-factor');
  at = new URL(page.url()).pathname;
  assert.equal(at, '/');
  assert.match(await page.textContent('.schakel-header'), /Beheer Schakel/);
  const nav = await page.locator('nav.schakel-nav a').allTextContents();
  assert.deepEqual(nav, ['Home', 'Goede praktijken', 'Gebruikers', 'Organisaties', 'Opvang']);
  await expectAccessible('25-home-admin-nl');
});

test('the administrator adds a chain partner and a user for every role, each with a one-time password', async () => {
  await page.goto(`${server.baseUrl}/beheer/organisaties`);
  await expectAccessible('26-organisations-nl');
  await page.fill('#code', 'politie ams');
  await page.fill('#naam', 'Politie Amsterdam');
  await submit('/beheer/organisaties');
  assert.match(await page.textContent('#code-fout'), /hoofdletters/);
  await page.fill('#code', 'POLITIE-AMS');
  await submit('/beheer/organisaties');
  assert.match(await page.textContent('.schakel-notice'), /POLITIE-AMS/);
  assert.match(await page.textContent('table'), /Politie Amsterdam/);

  await page.goto(`${server.baseUrl}/beheer/gebruikers/nieuw?organisatie=GM0363`);
  await expectAccessible('27-user-new-nl');
  // Admin together with a role that sees personal data is refused, with the reason.
  await page.fill('#gebruikersnaam', 'dubbel');
  await page.fill('#naam', 'Dubbele Rol');
  await page.check('input[value="admin"]');
  await page.check('input[value="care_coordinator"]');
  await submit('/beheer/gebruikers');
  assert.match(await page.textContent('#rollen-fout'), /beheerder kan niet samen/);
  await expectAccessible('28-user-new-errors-nl');

  for (const user of users) {
    issued[user.username] = await createUser(page, server.baseUrl, user);
    assert.match(issued[user.username], /\S{12,}/);
    assert.match(await page.textContent('main'), /maar één keer/);
  }
  await expectAccessible('29-one-time-password-nl');
  await page.goto(`${server.baseUrl}/beheer/gebruikers?organisatie=GM0363`);
  assert.equal(await page.locator('table.schakel-table tbody tr').count(), 5);
  assert.match(await page.textContent('table'), /Moet wachtwoord nog wijzigen/);
  await expectAccessible('30-users-nl');
  await page.click('a:text-is("Bram de Vries")');
  assert.equal(await page.locator('input[name="rollen"][value="policy_officer"]:checked').count(), 1);
  await expectAccessible('31-user-nl');
  await page.goto(`${server.baseUrl}/beheer/tokens?organisatie=POLITIE-AMS`);
  await page.fill('#label', 'Koppeling registratiesysteem');
  await page.check('input[name="rollen"][value="signaller"]');
  await page.check('input[name="bereik"][value="create_person"]');
  await submit('/beheer/tokens');
  assert.match(await page.textContent('#token-geheim'), /^skl_/);
  await expectAccessible('32-token-issued-nl');
  await logOut(page);
});

test('a policy officer replaces the one-time password and works on the Kader pages', async () => {
  const at = await logIn(page, server.baseUrl, 'beleid.amsterdam', issued['beleid.amsterdam'], '/kader');
  assert.equal(at, '/inloggen/wachtwoord');
  await page.fill('#huidig-wachtwoord', issued['beleid.amsterdam']);
  await page.fill('#nieuw-wachtwoord', 'Gracht en fiets en regen');
  await page.fill('#herhaal-wachtwoord', 'Gracht en fiets en regen');
  await submit('/inloggen/wachtwoord');
  // No second factor for this role: straight back to the page asked for.
  assert.equal(new URL(page.url()).pathname, '/kader');
  assert.match(await page.textContent('.schakel-header'), /Bram de Vries/);
  assert.deepEqual(await page.locator('nav.schakel-nav a').allTextContents(),
    ['Home', 'Zelfevaluatie Kader', 'Overzicht regio en land', 'Training', 'Omgevingsscan',
      'Goede praktijken', 'Inzicht']);
  await page.selectOption('#gemeente', 'GM0363');
  await page.fill('#periode', '2031-Q3');
  await submit('/kader/evaluaties');
  assert.match(await page.textContent('h1'), /Amsterdam — 2031-Q3/);
  // Another municipality's assessments are not for this officer.
  await page.goto(`${server.baseUrl}/kader/evaluaties/1`);
  assert.match(await page.textContent('h1'), /Geen toegang/);
  await page.goto(`${server.baseUrl}/account`);
  assert.match(await page.textContent('main'), /Beleidsmedewerker/);
  await expectAccessible('33-account-nl');
});

test('a policy officer gets 403 on the admin pages; logout ends the session', async () => {
  const response = await page.goto(`${server.baseUrl}/beheer/gebruikers`);
  assert.equal(response.status(), 403);
  assert.match(await page.textContent('h1'), /Geen toegang/);
  assert.doesNotMatch(await page.textContent('main'), /Exception|stack|internal/i);
  await expectAccessible('34-forbidden-nl');
  await page.goto(`${server.baseUrl}/kader`);
  const cookies = await browser.context.cookies();
  await logOut(page);
  assert.match(await page.textContent('.schakel-notice'), /uitgelogd/);
  await page.goBack();
  assert.equal(new URL(page.url()).pathname, '/inloggen');
  // The old session cookie no longer opens anything.
  await browser.context.addCookies(cookies);
  await page.goto(`${server.baseUrl}/kader`);
  assert.equal(new URL(page.url()).pathname, '/inloggen');
});

test('six wrong passwords are throttled; the auditor sees the failures and verifies the chain', async () => {
  await browser.context.clearCookies();
  for (let i = 1; i <= 6; i += 1) {
    await logIn(page, server.baseUrl, 'regie.amsterdam', `verkeerd wachtwoord ${i}`);
  }
  assert.match(await page.textContent('#gebruikersnaam-fout'), /Te veel mislukte pogingen\. Probeer het over 1 minuut opnieuw/);
  await expectAccessible('35-login-throttled-nl');

  let at = await logIn(page, server.baseUrl, 'auditor', issued.auditor);
  assert.equal(at, '/inloggen/wachtwoord');
  await page.fill('#huidig-wachtwoord', issued.auditor);
  await page.fill('#nieuw-wachtwoord', 'Logboek lezen en controleren');
  await page.fill('#herhaal-wachtwoord', 'Logboek lezen en controleren');
  await submit('/inloggen/wachtwoord');
  // The auditor's role needs no second factor; the auditor sets one up from the account page.
  assert.equal(new URL(page.url()).pathname, '/');
  assert.deepEqual(await page.locator('nav.schakel-nav a').allTextContents(),
    ['Home', 'Goede praktijken', 'Audit']);
  await page.click('a:text-is("Mijn account")');
  await page.click('a:text-is("Tweede factor opnieuw instellen (bijvoorbeeld op een nieuwe telefoon)")');
  const secret = (await page.textContent('#totp-geheim')).trim();
  await page.fill('#code', totpCode(secret));
  await submit('/account/tweede-factor');
  assert.equal(new URL(page.url()).pathname, '/account');
  assert.match(await page.textContent('.schakel-notice'), /tweede factor is opnieuw ingesteld/);

  await page.goto(`${server.baseUrl}/audit/inlogpogingen?drempel=5`);
  assert.equal(await page.locator('svg.schakel-chart[role="img"]').count(), 1);
  assert.ok(await page.locator('tr.schakel-row--spike').count() >= 1);
  assert.match(await page.textContent('main'), /piek/);
  await expectAccessible('36-failed-logins-nl');
  await page.goto(`${server.baseUrl}/audit?resultaat=failure`);
  assert.ok(await page.locator('table tbody tr').count() >= 6);
  await expectAccessible('37-audit-search-nl');
  await page.click('button:text-is("Keten controleren")');
  assert.match(await page.textContent('main'), /De keten is intact/);
  await expectAccessible('38-audit-verify-nl');

  // A second login of a user with a second factor asks for the code (once per 30-second step).
  await logOut(page);
  await nextTotpStep();
  at = await logIn(page, server.baseUrl, 'auditor', 'Logboek lezen en controleren');
  assert.equal(at, '/inloggen/code');
  await expectAccessible('39-login-code-nl');
  await page.fill('#code', totpCode(secret));
  await submit('/inloggen/code');
  assert.equal(new URL(page.url()).pathname, '/');
});
