// Browser journey of record linkage in Schakel, in Dutch and in English: a care coordinator files
// two signals about the same synthetic person with different spellings; on the second signal's
// page the section "Mogelijk dezelfde persoon" / "Possibly the same person" suggests the first,
// explains which details agree without showing them, and after "confirm" the decision appears in
// the section's history. A case opened for the same person suggests the signal and is named on
// the signal's page; a rejection on the case page hides it. axe-core on every page, no CSP
// violations, screenshots in test-output/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, startBrowser, newPage, checkPage, createUser, firstLogIn, logOut,
} from './support.mjs';

let server;
let browser;
const password = 'Een lange zin als wachtwoord';
const coordinator = {
  organisation: 'GM0014', username: 'zorg.koppeling', name: 'Zorg Koppeling', roles: ['care_coordinator'],
};
let session;

// One synthetic person per language, spelt two ways.
const people = {
  nl: { first: ['Quirina', 'Zwavelstok'], second: ['Kwirina', 'Zwavelstock'], dob: '14-03-1987' },
  en: { first: ['Ysolde', 'Brandaris'], second: ['Isolde', 'Brandaris'], dob: '02-11-1979' },
};
const words = {
  nl: {
    title: 'Mogelijk dezelfde persoon', dob: 'Geboortedatum', agrees: 'komt overeen',
    confirmed: /Bevestigd als dezelfde persoon/, signal: 'Signaal',
  },
  en: {
    title: 'Possibly the same person', dob: 'Date of birth', agrees: 'agrees',
    confirmed: /Confirmed as the same person/, signal: 'Signal',
  },
};

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  const page = await browser.context.newPage();
  await firstLogIn(page, server.baseUrl, server.adminUser, server.adminPassword, 'Beheer van de hele installatie 1');
  const issued = await createUser(page, server.baseUrl, coordinator);
  await logOut(page);
  await browser.context.clearCookies();
  await firstLogIn(page, server.baseUrl, coordinator.username, issued, password);
  session = await browser.context.cookies();
  await page.close();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(lang, pathname) {
  await browser.context.clearCookies();
  await browser.context.addCookies(session);
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

function today() {
  const d = new Date();
  return `${String(d.getDate()).padStart(2, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${d.getFullYear()}`;
}

// Files a complete signal about `given family` through the staff form; returns its reference.
async function file(page, [given, family], dob) {
  await page.goto(`${server.baseUrl}/signalen/nieuw`);
  await page.check('input[name="urgentie"][value="normal"]');
  await page.selectOption('#kanaal', 'staff');
  await page.fill('#datum', today());
  await page.fill('#beschrijving', 'Werkt zeven dagen per week in de kas, paspoort ingenomen');
  await page.check('input[name="vormen"][value="labour"]');
  await page.fill('#voornamen', given);
  await page.fill('#achternaam', family);
  await page.fill('#geboortedatum', dob);
  await page.fill('#nationaliteit', 'POL');
  // Let the form's autosave settle first, so "send" is not raced by a draft save.
  await page.waitForFunction(() => document.getElementById('autosave-status').textContent !== '');
  await submit(page, 'button[value="versturen"]');
  assert.equal(new URL(page.url()).pathname, '/signalen/mijn',
    `${page.url()}: ${await page.textContent('main')}`);
  return (await page.textContent('.schakel-notice')).match(/S\d{6}/)[0];
}

for (const lang of ['nl', 'en']) {
  const w = words[lang];
  const person = people[lang];

  test(`[${lang}] the coordinator sees the suggestion on the second signal and confirms it`, async () => {
    const page = await open(lang, '/signalen/nieuw');
    const first = await file(page, person.first, person.dob);
    const second = await file(page, person.second, person.dob);

    await page.goto(`${server.baseUrl}/signalen`);
    await submit(page, `table.schakel-table a:text-is("${second}")`);
    const section = page.locator('section.schakel-matches');
    assert.equal((await section.locator('h2').textContent()).trim(), w.title);
    const suggestion = section.locator('.schakel-match', { has: page.locator(`a:text-is("${w.signal} ${first}")`) });
    assert.equal(await suggestion.count(), 1, await section.textContent());
    // The explanation names the details and how they compare, never the other record's values.
    const dobRow = suggestion.locator('tr', { has: page.locator(`th:text-is("${w.dob}")`) });
    assert.match(await dobRow.locator('td').textContent(), new RegExp(w.agrees));
    const text = await section.textContent();
    for (const value of [...person.first, person.dob]) {
      assert.equal(text.includes(value), false, `${value} shown in the section`);
    }
    await expectAccessible(page, `linkage-${lang}-01-suggestion`);

    await page.fill(`#${await suggestion.locator('textarea').getAttribute('id')}`, 'Zelfde werkgever en geboortedatum');
    await submit(page, `#${await suggestion.getAttribute('id')} button[value="bevestigd"]`);
    assert.match(new URL(page.url()).pathname, /^\/signalen\/[0-9a-f-]+$/);
    const history = page.locator('#koppeling-besluiten');
    assert.match(await history.textContent(), w.confirmed);
    assert.match(await history.textContent(), new RegExp(`${w.signal} ${first}`));
    assert.match(await history.textContent(), /Zelfde werkgever/);
    // The confirmed pair stays listed, without the buttons.
    const confirmed = page.locator('section.schakel-matches .schakel-match', { has: page.locator(`a:text-is("${w.signal} ${first}")`) });
    assert.equal(await confirmed.locator('button').count(), 0);
    await expectAccessible(page, `linkage-${lang}-02-confirmed`);

    // From the first signal the pair is visible too, as confirmed.
    await submit(page, `section.schakel-matches a:text-is("${w.signal} ${first}")`);
    assert.match(await page.textContent('#koppeling-besluiten'), new RegExp(`${w.signal} ${second}`));
    await page.close();
  });
}

// A case for the same person: the coordinator opens it directly with the name spelt differently
// from an earlier signal; the case page suggests that signal (never the case's own signals), the
// signal's page names the case by its reference, and a rejection made on the case page stays in
// the case's history and hides the suggestion.
test('[nl] a case shows the signal about the same person, and the signal names the case', async () => {
  const page = await open('nl', '/signalen/nieuw');
  const signal = await file(page, ['Wilhelmina', 'Quastenbroek'], '21-06-1984');

  await page.goto(`${server.baseUrl}/zaken/nieuw`);
  await page.fill('#reden-direct', 'Aanmelding door de opvang (synthetisch)');
  await page.fill('#voornamen', 'Wilhelmine');
  await page.fill('#achternaam', 'Quastenbroek');
  await page.fill('#geboortedatum', '21-06-1984');
  await submit(page, 'form[action="/zaken/nieuw"] button[type="submit"]');
  const casePath = new URL(page.url()).pathname;
  assert.match(casePath, /^\/zaken\/[0-9a-f-]+$/, await page.textContent('main'));
  const section = page.locator('section.schakel-matches');
  const suggestion = section.locator('.schakel-match', { has: page.locator(`a:text-is("Signaal ${signal}")`) });
  assert.equal(await suggestion.count(), 1, await section.textContent());
  assert.equal((await section.textContent()).includes('Wilhelmina'), false, 'the signal\'s spelling is not shown');
  await expectAccessible(page, 'linkage-nl-03-case');

  // The signal's page names the case by its reference and links to it.
  await submit(page, `section.schakel-matches a:text-is("Signaal ${signal}")`);
  const caseLink = page.locator('section.schakel-matches a', { hasText: /^Zaak Z\d{6}$/ });
  assert.equal(await caseLink.count(), 1, await page.textContent('section.schakel-matches'));
  await Promise.all([page.waitForNavigation(), caseLink.click()]);
  assert.equal(new URL(page.url()).pathname, casePath);

  // Rejected on the case page: in the history, no longer suggested.
  const match = page.locator('section.schakel-matches .schakel-match', { has: page.locator(`a:text-is("Signaal ${signal}")`) });
  await page.fill(`#${await match.locator('textarea').getAttribute('id')}`, 'Andere moeder volgens de opvang');
  await submit(page, `#${await match.getAttribute('id')} button[value="afgewezen"]`);
  assert.equal(new URL(page.url()).pathname, casePath);
  assert.match(await page.textContent('#koppeling-besluiten'), /Afgewezen: niet dezelfde persoon/);
  assert.match(await page.textContent('#koppeling-besluiten'), new RegExp(`Signaal ${signal}`));
  assert.equal(await page.locator('section.schakel-matches .schakel-match').count(), 0);
  await expectAccessible(page, 'linkage-nl-04-case-rejected');
  await page.close();
});
