// Browser journeys of policy officers (of Almere, Zwolle and Groningen, created through the admin
// pages before the tests) through the Kader pages, in Dutch and in English, with axe-core on
// every page (no serious or critical violations), no CSP violations, and a screenshot of each
// page in test-output/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  startServer, startBrowser, newPage, checkPage, outputDir, setUpAccounts, logIn,
} from './support.mjs';

let server;
let browser;
const password = 'Een lange zin als wachtwoord';
const officers = [
  { organisation: 'GM0034', username: 'almere', name: 'Beleid Almere', roles: ['policy_officer'] },
  { organisation: 'GM0193', username: 'zwolle', name: 'Beleid Zwolle', roles: ['policy_officer'] },
  { organisation: 'GM0014', username: 'groningen', name: 'Beleid Groningen', roles: ['policy_officer'] },
];

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  await setUpAccounts(server, browser.context, officers, password);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// A fresh browser state (no cookies), logged in as `username`, on `pathname`.
async function open(pathname, username = 'groningen') {
  await browser.context.clearCookies();
  const page = await newPage(browser.context);
  await logIn(page, server.baseUrl, username, password);
  const response = await page.goto(server.baseUrl + pathname);
  return { page, response };
}

async function expectAccessible(page, name) {
  const violations = await checkPage(page, name);
  assert.deepEqual(violations, [], `axe on ${name}`);
  assert.deepEqual(page.problems, [], `console errors (CSP?) on ${name}`);
}

// Starts (or opens) an assessment through the start form; returns the page on the overview.
async function startAssessment(page, municipality, period) {
  await page.goto(server.baseUrl + '/kader');
  await page.selectOption('#gemeente', { label: municipality });
  await page.fill('#periode', period);
  await page.click('form[action="/kader/evaluaties"] button[type=submit]');
  await page.waitForURL(/\/kader\/evaluaties\/\d+$/);
}

function rowOf(page, blockLabel) {
  return page.locator('table.schakel-table tbody tr', { has: page.locator(`th:text-is("${blockLabel}")`) });
}

test('the start page is Dutch by default, with skip link, navigation and the provisional banner', async () => {
  const { page, response } = await open('/');
  assert.equal(response.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  assert.match(await page.textContent('h1'), /Schakel/);
  assert.equal(await page.locator('a.utrecht-skip-link').getAttribute('href'), '#inhoud');
  assert.match(await page.textContent('.schakel-banner'), /Voorlopige tekst/);
  assert.equal(await page.locator('nav[aria-label="Hoofdmenu"] a[aria-current="page"]').textContent(), 'Home');
  // The skip link is the first thing the keyboard reaches, and it is visible then.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className.includes('skip-link')), true);
  await expectAccessible(page, '01-home-nl');
  await page.close();
});

test('a policy officer fills in an assessment in Dutch and sees the level change', async () => {
  const { page } = await open('/kader', 'almere');
  await expectAccessible(page, '02-kader-start-nl');

  // An empty form: the error summary at the top links to the field, the message is beside it.
  await page.fill('#periode', '');
  await page.click('form[action="/kader/evaluaties"] button[type=submit]');
  assert.match(await page.title(), /^Fout:/);
  const summary = page.locator('.schakel-error-summary');
  assert.match(await summary.textContent(), /Kies een gemeente/);
  assert.equal(await summary.locator('a').first().getAttribute('href'), '#gemeente');
  assert.match(await page.textContent('#gemeente-fout'), /Kies een gemeente/);
  assert.match(await page.textContent('#periode-fout'), /2026-Q4/);
  await expectAccessible(page, '03-kader-start-errors-nl');

  await startAssessment(page, 'Almere', '2031-Q1');
  assert.match(await page.textContent('h1'), /Almere — 2031-Q1/);
  assert.equal(await rowOf(page, '1 Beleidsmatige basis').locator('td').first().textContent(), 'Nog geen niveau');
  assert.match(await page.textContent('#actieplan ~ section'), /Beleidsmatige basis: naar Basis op orde/);
  assert.equal(await page.locator('svg.schakel-chart[role="img"] title').textContent(), 'Niveau per bouwsteen');
  await expectAccessible(page, '04-assessment-empty-nl');

  await page.click('a:text-is("1 Beleidsmatige basis")');
  assert.match(await page.textContent('h1'), /1 Beleidsmatige basis/);
  await expectAccessible(page, '05-block-form-nl');

  // Evidence without a status is an error next to that criterion.
  await page.fill('textarea[name="evidence-policy.plateau1.insight"]', 'Regiobeeld 2030');
  await page.check('input[name="status-policy.basis.embedded"][value="met"]');
  await page.fill('textarea[name="evidence-policy.basis.embedded"]', 'Integraal veiligheidsplan 2031, vastgesteld door de raad');
  await page.click('form.schakel-form button[type=submit]');
  assert.match(await page.textContent('.schakel-error-summary'), /Kies of dit criterium is behaald/);
  assert.equal(await page.locator('.schakel-error-summary a').getAttribute('href'), '#c-policy-plateau1-insight-met');
  assert.equal(await page.locator('#c-policy-plateau1-insight .schakel-error').count(), 1);
  // What was typed is kept.
  assert.equal(await page.inputValue('textarea[name="evidence-policy.basis.embedded"]'),
    'Integraal veiligheidsplan 2031, vastgesteld door de raad');
  await expectAccessible(page, '06-block-form-errors-nl');

  await page.check('input[name="status-policy.plateau1.insight"][value="partly_met"]');
  await page.click('form.schakel-form button[type=submit]');
  await page.waitForURL(/opgeslagen=policy/);
  assert.match(await page.textContent('.schakel-notice'), /Bereikt niveau: Basis op orde/);
  assert.equal(await rowOf(page, '1 Beleidsmatige basis').locator('td').first().textContent(), 'Basis op orde');
  assert.match(await page.textContent('#actieplan ~ section'), /Beleidsmatige basis: naar Plateau 1/);
  await expectAccessible(page, '07-assessment-level-changed-nl');

  // Submit with confirmation; afterwards the assessment is frozen.
  await page.click('a:text-is("Evaluatie vaststellen")');
  assert.match(await page.textContent('.schakel-warning'), /kunnen niet meer worden gewijzigd/);
  await expectAccessible(page, '08-submit-confirm-nl');
  await page.click('button:text-is("Ja, evaluatie vaststellen")');
  await page.waitForURL(/vastgesteld=1/);
  assert.match(await page.textContent('.schakel-facts'), /Vastgesteld/);
  await page.click('a:text-is("1 Beleidsmatige basis")');
  assert.equal(await page.locator('form.schakel-form').count(), 0);
  await page.close();
});

test('in English the choice is remembered and the level change reads in English', async () => {
  const { page } = await open('/kader', 'zwolle');
  await page.click('a[hreflang="en"]');
  await page.waitForURL(/\/kader$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.textContent('h1'), 'Framework self-assessment');
  await startAssessment(page, 'Zwolle', '2031-Q2');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.click('a:text-is("2 Signalling capacity")');
  await page.check('input[name="status-signalling.basis.knowledge"][value="met"]');
  await page.check('input[name="status-signalling.basis.internal_reporting"][value="met"]');
  await page.fill('textarea[name="evidence-signalling.basis.internal_reporting"]', 'Reporting protocol <v2> & "checklist"');
  await expectAccessible(page, '09-block-form-en');
  await page.click('form.schakel-form button[type=submit]');
  await page.waitForURL(/opgeslagen=signalling/);
  assert.match(await page.textContent('.schakel-notice'), /Level reached: Basics in order/);
  assert.equal(await rowOf(page, '2 Signalling capacity').locator('td').first().textContent(), 'Basics in order');
  await expectAccessible(page, '10-assessment-en');
  // Back to Dutch.
  await page.click('a[hreflang="nl"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  assert.equal(await rowOf(page, '2 Signalerend vermogen').locator('td').first().textContent(), 'Basis op orde');
  await page.close();
});

test('the print view holds the standing, the action plan and every answer, without navigation', async () => {
  const { page } = await open('/kader', 'zwolle');
  await startAssessment(page, 'Zwolle', '2031-Q2');
  await page.click('a:text-is("Afdrukversie voor de raad")');
  assert.match(await page.textContent('h1'), /Zwolle — 2031-Q2/);
  assert.match(await page.textContent('main'), /Reporting protocol <v2> & "checklist"/);
  assert.match(await page.textContent('main'), /afgeleid/);
  await expectAccessible(page, '11-print-screen-nl');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.schakel-nav').isVisible(), false);
  assert.equal(await page.locator('.schakel-header').isVisible(), false);
  assert.equal(await page.locator('svg.schakel-chart').isVisible(), true);
  await page.screenshot({ path: path.join(outputDir, '12-print-media.png'), fullPage: true });
  await page.close();
});

test('two periods of a municipality can be compared', async () => {
  const { page } = await open('/kader?gemeente=GM0014');
  const links = page.locator('.utrecht-link-list a');
  assert.ok(await links.count() >= 2, 'the demo has several periods for Groningen');
  await links.first().click();
  await expectAccessible(page, '13-assessment-groningen-nl');
  await page.click('button:text-is("Vergelijken")');
  await page.waitForURL(/\/kader\/vergelijken\?/);
  assert.equal(await page.textContent('h1'), 'Twee perioden vergelijken');
  assert.equal(await page.locator('table.schakel-table tbody tr').count(), 5);
  assert.equal(await page.locator('svg.schakel-chart').count(), 2);
  await expectAccessible(page, '14-compare-nl');
  await page.close();
});

test('the national and regional roll-up show charts with tables', async () => {
  const { page } = await open('/overzicht');
  assert.match(await page.textContent('main h2'), /Heel Nederland/);
  assert.equal(await page.locator('svg.schakel-chart[role="img"]').count(), 2);
  assert.match(await page.textContent('main'), /Gedekt door zorgcoördinatie/);
  await expectAccessible(page, '15-rollup-national-nl');
  await page.selectOption('#regio', 'VR01');
  await page.click('form[action="/overzicht"] button');
  await page.waitForURL(/regio=VR01/);
  assert.match(await page.textContent('main h2'), /Groningen/);
  assert.match(await page.textContent('.schakel-header'), /Groningen/);
  await expectAccessible(page, '16-rollup-region-nl');
  await page.goto(server.baseUrl + '/overzicht?periode=gisteren');
  assert.match(await page.textContent('.schakel-error-summary'), /periode/);
  await page.close();
});

test('every response has the security headers; assets are cached, pages are not; forms need the token', async () => {
  const { page: loggedIn } = await open('/');
  await loggedIn.close();
  const request = browser.context.request;
  const pageResponse = await request.get(server.baseUrl + '/kader');
  const headers = pageResponse.headers();
  assert.equal(headers['content-type'], 'text/html; charset=utf-8');
  assert.match(headers['content-security-policy'], /default-src 'none'/);
  assert.match(headers['content-security-policy'], /frame-ancestors 'none'/);
  assert.doesNotMatch(headers['content-security-policy'], /unsafe-inline/);
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.equal(headers['referrer-policy'], 'no-referrer');
  assert.equal(headers['cache-control'], 'no-store');
  const css = (await pageResponse.text()).match(/href="(\/static\/schakel\.[0-9a-f]{16}\.css)"/);
  assert.ok(css, 'the page links our CSS by content hash');
  const asset = await request.get(server.baseUrl + css[1]);
  assert.equal(asset.status(), 200);
  assert.equal(asset.headers()['cache-control'], 'public, max-age=31536000, immutable');
  // A POST without the session's anti-forgery token is refused.
  const forged = await request.post(server.baseUrl + '/kader/evaluaties', {
    form: { gemeente: 'GM0034', periode: '2032-Q1' }, maxRedirects: 0,
  });
  assert.equal(forged.status(), 403);
  const missing = await request.get(server.baseUrl + '/bestaat-niet');
  assert.equal(missing.status(), 404);
  assert.match(await missing.text(), /Pagina niet gevonden/);
  const { page } = await open('/bestaat-niet');
  await expectAccessible(page, '17-not-found-nl');
  await page.close();
});
