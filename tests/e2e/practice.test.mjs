// Browser journeys of the Kader in practice: a policy officer of Groningen registers a training
// and sees the coverage, adds a risk place to the environment scan, writes up and publishes a
// good practice that a policy officer of Zwolle then finds, and sees on the assessment page the
// evidence these records give per criterion (found, not found, not available yet) — while the
// answers stay unanswered. axe-core on every page, no CSP violations, screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, startBrowser, setUpAccounts, expectAccessible, openAs,
} from './support.mjs';

let server;
let browser;
const password = 'Een lange zin als wachtwoord';
const officers = [
  { organisation: 'GM0014', username: 'groningen', name: 'Beleid Groningen', roles: ['policy_officer'] },
  { organisation: 'GM0193', username: 'zwolle', name: 'Beleid Zwolle', roles: ['policy_officer'] },
];

function isoDate(offsetDays) {
  return new Date(Date.now() + offsetDays * 86400000).toISOString().slice(0, 10);
}

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  await setUpAccounts(server, browser.context, officers, password);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

function open(pathname, username = 'groningen') {
  return openAs(browser.context, server.baseUrl, username, password, pathname);
}

async function submit(page, action) {
  await Promise.all([page.waitForLoadState(),
    page.click(`form[method="post"][action="${action}"] button[type=submit]`)]);
}

test('a policy officer registers a training and sees the coverage of the department', async () => {
  const { page, response } = await open('/kader/training');
  assert.equal(response.status(), 200);
  await expectAccessible(page, '60-training-empty');
  await page.fill('#afdeling', 'Wmo-loket');
  await page.fill('#relevant_staff', '2');
  await submit(page, '/kader/training/afdelingen');
  assert.match(await page.textContent('.schakel-notice'), /relevante medewerkers is opgeslagen/);

  // A name for another audience is refused, next to the field, and nothing is saved.
  await page.fill('#title', 'Informatieavond ondernemers');
  await page.selectOption('#format', 'information_evening');
  await page.selectOption('#audience', 'businesses');
  await page.fill('#held_on', isoDate(-20));
  await page.fill('#participants', '14');
  await page.fill('#attendees', 'Iemand; eigenaar');
  await submit(page, '/kader/training/sessies');
  assert.match(await page.textContent('.schakel-error-summary'), /eigen medewerkers/);
  assert.equal(await page.locator('#sessies ~ p', { hasText: 'Nog geen trainingen' }).count(), 1);
  await page.fill('#attendees', '');
  await submit(page, '/kader/training/sessies');
  assert.match(await page.textContent('.schakel-notice'), /training is opgeslagen/);

  await page.fill('#title', 'Signalen van mensenhandel herkennen');
  await page.selectOption('#format', 'training');
  await page.selectOption('#audience', 'staff');
  await page.fill('#department', 'Wmo-loket');
  await page.fill('#held_on', isoDate(-30));
  await page.fill('#attendees', 'Anna de Wit; consulent\nBram Smit; consulent');
  await submit(page, '/kader/training/sessies');
  assert.match(await page.textContent('.schakel-notice'), /training is opgeslagen/);
  assert.equal((await page.textContent('td.schakel-coverage')).trim(), '100%');
  assert.match(await page.textContent('caption'), /100%/);
  await expectAccessible(page, '61-training-coverage');
  await page.close();
});

test('a policy officer adds a risk place to the environment scan and reviews it', async () => {
  const { page } = await open('/kader/omgevingsscan');
  await expectAccessible(page, '62-scan-empty');
  // Without the required fields: the summary names what is missing.
  await submit(page, '/kader/omgevingsscan/plekken');
  assert.ok(await page.locator('.schakel-error-summary').count());
  await page.fill('#name', "Nagelstudio's rond het station");
  await page.selectOption('#sector', 'nail_salon');
  await page.fill('#neighbourhood', 'Centrum');
  await page.fill('#sources', 'toezicht, wijkagent');
  await page.fill('#owner', 'Team Veiligheid');
  await page.selectOption('#risk', 'medium');
  await page.fill('#reasoning', 'Meerdere signalen in een jaar.');
  await page.fill('#indicators', 'Wisselend personeel, slapen op de werkplek.');
  await page.fill('#review_due', isoDate(90));
  await submit(page, '/kader/omgevingsscan/plekken');
  assert.match(new URL(page.url()).pathname, /^\/kader\/omgevingsscan\/plekken\/\d+$/);
  assert.match(await page.textContent('.schakel-notice'), /eerste beoordeling/);
  assert.equal(await page.locator('#geschiedenis ~ div table tbody tr').count(), 1);
  const action = await page.getAttribute('form[action$="/beoordelingen"]', 'action');
  await page.selectOption('#risk', 'high');
  await page.fill('#reasoning', 'Nieuwe melding van de Arbeidsinspectie.');
  await page.fill('#review_due', isoDate(60));
  await submit(page, action);
  assert.equal(await page.locator('#geschiedenis ~ div table tbody tr').count(), 2);
  assert.equal((await page.textContent('dd.schakel-risk')).trim(), 'Hoog');
  await expectAccessible(page, '63-scan-place');
  await page.goto(server.baseUrl + '/kader/omgevingsscan');
  assert.match(await page.textContent('table'), /Centrum/);
  await expectAccessible(page, '64-scan-overview');
  await page.close();
});

test('a good practice published nationally is found from another municipality', async () => {
  const { page } = await open('/praktijken/nieuw');
  await expectAccessible(page, '65-practice-new');
  await page.fill('#title', 'Samen controleren bij wasstraten');
  await page.fill('#problem', 'Signalen van arbeidsuitbuiting bij wasstraten bleven liggen.');
  await page.fill('#approach', 'Gezamenlijke controles met toezicht en politie; vaste route voor signalen.');
  await page.fill('#partners', 'Politie, Nederlandse Arbeidsinspectie');
  await page.fill('#result', 'Drie situaties van ernstige benadeling doorverwezen.');
  await page.fill('#requirements', 'Een toezichthouder een dag per maand; afspraken met de politie.');
  await page.fill('#contact', 'Team Veiligheid, gemeente Groningen');
  await page.fill('#themes', 'wasstraten, toezicht');
  await page.check('#forms-labour');
  await page.check('#blocks-signalling');
  await submit(page, '/praktijken');
  assert.match(await page.textContent('.schakel-notice'), /concept/);
  const practicePath = new URL(page.url()).pathname;
  // A draft can be completed later: the edit form starts from what was written.
  await Promise.all([page.waitForLoadState(), page.click(`a[href="${practicePath}/bewerken"]`)]);
  assert.match(await page.textContent('h1'), /Praktijk bewerken/);
  assert.equal(await page.inputValue('#themes'), 'wasstraten, toezicht');
  await page.fill('#partners', 'Politie, Nederlandse Arbeidsinspectie, RIEC');
  await submit(page, `${practicePath}/bewerken`);
  assert.match(await page.textContent('main'), /RIEC/);
  // Publishing is a deliberate choice: without a scope it is refused.
  await submit(page, `${practicePath}/publiceren`);
  assert.ok(await page.locator('.schakel-error-summary').count());
  await page.check('#scope-national');
  await submit(page, `${practicePath}/publiceren`);
  assert.match(await page.textContent('.schakel-notice'), /gepubliceerd/);
  await expectAccessible(page, '66-practice-published');
  await page.close();

  const zwolle = await open('/praktijken?vorm=labour&thema=toezicht', 'zwolle');
  await expectAccessible(zwolle.page, '67-practice-search');
  const link = zwolle.page.locator('a', { hasText: 'Samen controleren bij wasstraten' });
  assert.equal(await link.count(), 1);
  await Promise.all([zwolle.page.waitForLoadState(), link.click()]);
  assert.match(await zwolle.page.textContent('h1'), /Samen controleren bij wasstraten/);
  assert.equal(await zwolle.page.locator('#publiceren').count(), 0, 'only Groningen publishes it');
  await zwolle.page.goto(server.baseUrl + '/praktijken?vorm=sexual');
  assert.equal(await zwolle.page.locator('a', { hasText: 'Samen controleren' }).count(), 0);
  await zwolle.page.close();
});

test('the assessment page shows the evidence per criterion and leaves the answers open', async () => {
  const { page } = await open('/kader');
  await page.selectOption('#gemeente', 'GM0014');
  await page.fill('#periode', '2027-Q3');
  await Promise.all([page.waitForURL(/\/kader\/evaluaties\/\d+$/),
    page.click('form[action="/kader/evaluaties"] button[type=submit]')]);
  const evidence = page.locator('section.schakel-evidence');
  assert.ok(await evidence.count() >= 8);
  const training = page.locator('section.schakel-evidence', { hasText: 'terugkerend training' }).first();
  assert.match(await training.textContent(), /Gevonden: 100%/);
  assert.match(await training.textContent(), /Nog niet beantwoord/);
  assert.equal(await training.locator('a[href="/kader/training#dekking"]').count(), 1);
  const scan = page.locator('section.schakel-evidence', { hasText: 'omgevingsscan' }).first();
  assert.match(await scan.textContent(), /Gevonden/);
  const practices = page.locator('section.schakel-evidence', { hasText: 'Goede praktijken' }).first();
  assert.match(await practices.textContent(), /Samen controleren bij wasstraten/);
  // Estimates are stored now (insight pages): none for this region yet, so "not found".
  assert.equal(await page.locator('li.schakel-evidence--not_available').count(), 0);
  assert.match(await page.textContent('main'), /Er is nog geen schatting van de omvang voor de regio/);
  const director = page.locator('section.schakel-evidence', { hasText: 'ketenregisseur' }).first();
  assert.match(await director.textContent(), /Niet gevonden/);
  await expectAccessible(page, '68-assessment-evidence');
  await page.close();
});
