// Browser journeys through the signal pages, each in Dutch and in English: a signaller files a
// signal (saves a draft, comes back, submits); a care coordinator of the same municipality sees
// it in the inbox, records the three-element test and forwards it, and the signaller sees the new
// status; an outsider reports through /melden without logging in, gets a code, adds information
// with it, and the coordinator sees the addition. Accounts are made through the admin pages.
// axe-core on every page (no serious or critical violations), no CSP violations, a screenshot
// of each page in test-output/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, startBrowser, newPage, checkPage, createUser, firstLogIn, logOut,
} from './support.mjs';

let server;
let browser;
const password = 'Een lange zin als wachtwoord';
const users = {
  signaller: { organisation: 'GM0014', username: 'melder.groningen', name: 'Signaal Groningen', roles: ['signaller'] },
  coordinator: { organisation: 'GM0014', username: 'zorg.groningen', name: 'Zorg Groningen', roles: ['care_coordinator'] },
};
const sessions = {};  // username → the browser's cookies of a full session

// Words per language that the tests look for.
const words = {
  nl: {
    dateError: /bestaande datum/, saved: /is opgeslagen/, continue: /verder invullen/, statusNew: 'Nieuw',
    forwarded: 'Doorgestuurd', allPresent: 'Alle elementen aanwezig.', police: /Politie/,
    emergency: /112/, external: 'Extern meldformulier', codeUnknown: /kennen we niet/,
    descriptionMissing: /Schrijf wat u zag/,
  },
  en: {
    dateError: /real date/, saved: /has been saved/, continue: /continue/, statusNew: 'New',
    forwarded: 'Forwarded', allPresent: 'All elements present.', police: /Police/,
    emergency: /112/, external: 'External reporting form', codeUnknown: /do not know this report code/,
    descriptionMissing: /Write what you saw/,
  },
};

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  const page = await browser.context.newPage();
  await firstLogIn(page, server.baseUrl, server.adminUser, server.adminPassword, 'Beheer van de hele installatie 1');
  const issued = {};
  for (const user of Object.values(users)) issued[user.username] = await createUser(page, server.baseUrl, user);
  await logOut(page);
  // Each logs in once (the second factor's codes work once per 30 s); the tests reuse the session.
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

// A fresh page as `user` (or nobody) in `lang`, on `pathname`.
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

function today() {
  const d = new Date();
  return `${String(d.getDate()).padStart(2, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${d.getFullYear()}`;
}

const filed = {};  // lang → reference of the signaller's signal
const descriptions = {};

for (const lang of ['nl', 'en']) {
  const w = words[lang];

  test(`[${lang}] a signaller saves a draft, comes back to it and sends it`, async () => {
    const page = await open(users.signaller, lang, '/');
    assert.equal(await page.locator('nav a[href="/signalen/nieuw"]').count(), 1);
    assert.equal(await page.locator('nav a[href="/signalen/mijn"]').count(), 1);
    assert.equal(await page.locator('nav a[href="/signalen"]').count(), 0);
    await expectAccessible(page, `signals-${lang}-01-home-signaller`);

    await page.goto(`${server.baseUrl}/signalen/nieuw`);
    await expectAccessible(page, `signals-${lang}-02-form`);
    descriptions[lang] = `Jongen van ongeveer 16 draagt 's nachts pakketjes rond (${lang})`;
    await page.check('input[name="urgentie"][value="urgent"]');
    await page.fill('#beschrijving', descriptions[lang]);
    await page.check('input[name="vormen"][value="criminal"]');
    await page.check('input[name="signalen"][value="criminal.drug_running"]');
    // The script saves the draft on the server as soon as something changed.
    await page.waitForFunction(() => document.getElementById('autosave-status').textContent !== '');
    assert.match(await page.getAttribute('form[data-autosave]', 'action'), /^\/signalen\/concepten\//);
    // Choosing acute danger shows the 112 guidance at once; back to urgent hides it.
    assert.equal(await page.isVisible('#noodhulp'), false);
    await page.check('input[name="urgentie"][value="acute"]');
    assert.equal(await page.isVisible('#noodhulp'), true);
    await page.check('input[name="urgentie"][value="urgent"]');
    assert.equal(await page.isVisible('#noodhulp'), false);
    await page.fill('#datum', '31-02-2026');  // no such day
    await submit(page, 'button[value="opslaan"]');
    // The error summary links to the field; the message is in the page's language.
    assert.match(await page.textContent('.schakel-error-summary'), w.dateError);
    assert.equal(await page.getAttribute('.schakel-error-summary a', 'href'), '#datum');
    assert.match(await page.textContent('#datum-fout'), w.dateError);
    await expectAccessible(page, `signals-${lang}-03-form-error`);

    await page.fill('#datum', today());
    await submit(page, 'button[value="opslaan"]');
    assert.match(new URL(page.url()).pathname, /^\/signalen\/concepten\/[0-9a-f-]+$/);
    assert.match(await page.textContent('.schakel-notice'), w.saved);
    await expectAccessible(page, `signals-${lang}-04-draft-saved`);

    // Later: back through "my signals".
    await page.goto(`${server.baseUrl}/signalen/mijn`);
    await expectAccessible(page, `signals-${lang}-05-mine-draft`);
    await submit(page, `a:text-matches("${w.continue.source}")`);
    assert.equal(await page.inputValue('#beschrijving'), descriptions[lang]);
    assert.equal(await page.isChecked('input[name="signalen"][value="criminal.drug_running"]'), true);

    // Acute danger: the 112 guidance shows on the page the server renders next.
    await page.check('input[name="urgentie"][value="acute"]');
    await submit(page, 'button[value="opslaan"]');
    assert.match(await page.textContent('#noodhulp'), w.emergency);
    await expectAccessible(page, `signals-${lang}-06-acute-guidance`);

    await submit(page, 'button[value="versturen"]');
    assert.equal(new URL(page.url()).pathname, '/signalen/mijn');
    const notice = await page.textContent('.schakel-notice');
    filed[lang] = notice.match(/S\d{6}/)[0];
    const row = page.locator('table.schakel-table tbody tr', { has: page.locator(`th:text-is("${filed[lang]}")`) });
    assert.equal((await row.locator('td').first().textContent()).trim(), w.statusNew);
    await expectAccessible(page, `signals-${lang}-07-mine-sent`);
    await page.close();
  });

  test(`[${lang}] a care coordinator assesses and forwards it; the signaller sees the new status`, async () => {
    const page = await open(users.coordinator, lang, '/');
    assert.equal(await page.locator('nav a[href="/signalen"]').count(), 1,
      `${page.url()}: ${await page.textContent('body')}`);
    await expectAccessible(page, `signals-${lang}-08-home-coordinator`);

    await page.goto(`${server.baseUrl}/signalen`);
    assert.ok(Number(await page.textContent('#aantal-acuut')) >= 1);
    // Acute signals are flagged at the top.
    assert.equal(await page.locator(`.schakel-emergency a:text-is("${filed[lang]}")`).count(), 1);
    await expectAccessible(page, `signals-${lang}-09-inbox`);

    await submit(page, `table.schakel-table a:text-is("${filed[lang]}")`);
    assert.match(await page.textContent('main'), new RegExp(descriptions[lang].replace(/[()]/g, '.')));
    assert.match(await page.textContent('#noodhulp'), w.emergency);
    await expectAccessible(page, `signals-${lang}-10-signal`);

    for (const element of ['handeling', 'middel', 'doel']) {
      await page.check(`input[name="${element}"][value="present"]`);
    }
    await page.fill('#handeling-toelichting', 'Geworven via een bekende');
    await submit(page, 'form#toets button[type=submit]');
    assert.match(await page.textContent('#toets-uitkomst'), new RegExp(w.allPresent));
    assert.doesNotMatch(await page.textContent('#toets-uitkomst'), /\d/);  // never a number
    // The routing advice: the police first (acute danger), with its reason.
    assert.match(await page.locator('#advies li').first().textContent(), w.police);
    await expectAccessible(page, `signals-${lang}-11-assessed`);

    await page.check('#naar-1');
    await submit(page, 'form#doorsturen button[type=submit]');
    assert.equal((await page.textContent('#status')).trim(), w.forwarded);
    await expectAccessible(page, `signals-${lang}-12-forwarded`);
    await page.close();

    const mine = await open(users.signaller, lang, '/signalen/mijn');
    const row = mine.locator('table.schakel-table tbody tr', { has: mine.locator(`th:text-is("${filed[lang]}")`) });
    assert.equal((await row.locator('td').first().textContent()).trim(), w.forwarded);
    assert.match(await row.locator('td').last().textContent(), w.police);
    await mine.close();
  });

  test(`[${lang}] an outsider reports without login, adds information with the code, and the coordinator sees it`, async () => {
    const page = await open(null, lang, '/inloggen');
    await submit(page, 'a[href="/melden"]');
    await expectAccessible(page, `signals-${lang}-13-report`);
    await submit(page, 'form[action="/melden"] button[type=submit]');
    assert.equal(await page.locator('.schakel-error-summary').count(), 1);
    await expectAccessible(page, `signals-${lang}-14-report-error`);

    const seen = `Busje haalt elke ochtend om vijf uur mensen op bij de loods (${lang})`;
    await page.selectOption('#gemeente', 'GM0014');
    await page.fill('#wat', seen);
    await page.check('input[name="gevaar"][value="nee"]');
    await submit(page, 'form[action="/melden"] button[type=submit]');
    const code = (await page.textContent('#meldcode')).trim();
    assert.match(code, /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expectAccessible(page, `signals-${lang}-15-report-code`);

    await submit(page, 'a[href="/melden/aanvullen"]');
    await page.fill('#code', 'AAAA-BBBB-CCCC');
    await page.fill('#aanvulling', 'x');
    await submit(page, 'form[action="/melden/aanvullen"] button[type=submit]');
    assert.match(await page.textContent('#code-fout'), w.codeUnknown);
    await expectAccessible(page, `signals-${lang}-16-add-error`);
    const added = `Het busje heeft een Pools kenteken (${lang})`;
    await page.fill('#code', code.toLowerCase());
    await page.fill('#aanvulling', added);
    await submit(page, 'form[action="/melden/aanvullen"] button[type=submit]');
    assert.equal(await page.locator('#aangevuld').count(), 1);
    await expectAccessible(page, `signals-${lang}-17-added`);
    await page.close();

    const inbox = await open(users.coordinator, lang, '/signalen');
    const links = inbox.locator('table.schakel-table tbody tr', { has: inbox.locator(`td:text-is("${w.external}")`) }).locator('a');
    const hrefs = [];
    for (let i = 0; i < await links.count(); i += 1) hrefs.push(await links.nth(i).getAttribute('href'));
    let found = false;
    for (const href of hrefs) {
      await inbox.goto(server.baseUrl + href);
      if ((await inbox.textContent('main')).includes(seen)) { found = true; break; }
    }
    assert.ok(found, 'the external report is in the inbox');
    assert.match(await inbox.textContent('main'), new RegExp(added.replace(/[()]/g, '.')));
    await expectAccessible(inbox, `signals-${lang}-18-signal-with-addition`);
    await inbox.close();
  });
}
