// Browser journey "place in shelter" (issue #6), in Dutch and in English: a care coordinator
// places the person of a case in a shelter of the region from the "Opvang" section of the case
// page, sees the stay there and the place taken on /opvang; placing a second person in the now
// full shelter asks for a reason (with the message which shelter is full), and with the reason
// the person is placed over capacity, which /opvang shows; ending the first stay frees the place.
// The shelter and the cases are made through the API with the coordinator's session (the journey
// under test starts at the case). axe-core on every page, no CSP violations. Synthetic data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, startBrowser, newPage, checkPage, createUser, firstLogIn, logOut,
} from './support.mjs';

let server;
let browser;
const password = 'Een lange zin als wachtwoord';
const coordinator = {
  organisation: 'GM0014', username: 'zorg.plaatsen', name: 'Zorg Plaatsen', roles: ['care_coordinator'],
};
let session;

const words = {
  nl: {
    none: /nog niet in de opvang geplaatst/,
    free: /1 van 1 plaatsen vrij/,
    fullOption: /vol, 1 van 1 plaatsen bezet/,
    stillThere: /verblijft er nog/,
    full: /is vol op een nacht van dit verblijf/,
    reasonError: /Schrijf op waarom/,
    overCapacity: /boven capaciteit/,
  },
  en: {
    none: /not been placed in a shelter yet/,
    free: /1 of 1 places free/,
    fullOption: /full, 1 of 1 places taken/,
    stillThere: /still there/,
    full: /is full on a night of this stay/,
    reasonError: /Write down why/,
    overCapacity: /over capacity/,
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
  assert.deepEqual(await checkPage(page, name), [], `axe on ${name}`);
  assert.deepEqual(page.problems, [], `console errors (CSP?) on ${name}`);
}

async function submit(page, selector) {
  const [response] = await Promise.all([
    page.waitForNavigation(), page.click(selector),
  ]);
  return response;
}

function dutch(d) {
  return `${String(d.getDate()).padStart(2, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${d.getFullYear()}`;
}

async function openCase(page, family) {
  const response = await page.request.post(`${server.baseUrl}/api/v1/cases`, {
    data: {
      region: 'VR01',
      opened_directly_because: 'Plaatsingsverzoek van CoMensha (synthetisch)',
      person: { given_names: 'Quirina', family_name: family },
      forms: ['sexual'],
    },
  });
  assert.equal(response.status(), 201, await response.text());
  return (await response.json()).id;
}

async function addShelter(page, name) {
  const response = await page.request.post(`${server.baseUrl}/api/v1/shelters`, {
    data: { name, type: 'womens', region: 'VR01', capacity: 1 },
  });
  assert.equal(response.status(), 201, await response.text());
  return String((await response.json()).id);
}

// The cells of the shelter's row on /opvang: type, capacity, taken, free.
async function registryRow(page, name) {
  await page.goto(`${server.baseUrl}/opvang`);
  const row = page.locator('tbody tr', { hasText: name });
  assert.equal(await row.count(), 1);
  return row.locator('td').allTextContents();
}

for (const lang of ['nl', 'en']) {
  const w = words[lang];
  const shelter = `Kleine Vrouwenopvang Noord (${lang})`;
  const reason = `Acuut gevaar na bedreiging, geen andere plek in de regio (synthetisch, ${lang})`;

  test(`[${lang}] a coordinator places a person, and a full shelter asks for the reason`, async () => {
    const page = await open(lang, '/zaken');
    const shelterId = await addShelter(page, shelter);
    const first = await openCase(page, `Eerstehuis-${lang}`);
    const second = await openCase(page, `Tweedehuis-${lang}`);

    // The case page: no stay yet; the shelter of the region with its free place.
    await page.goto(`${server.baseUrl}/zaken/${first}`);
    assert.match(await page.textContent('#opvang-sectie'), w.none);
    const option = page.locator(`#opvang-locatie option[value="${shelterId}"]`);
    assert.match(await option.textContent(), w.free);
    assert.equal(await page.inputValue('#opvang-van'), dutch(new Date()));
    await expectAccessible(page, `placements-${lang}-01-case`);

    // Placed from yesterday, day of leaving not known yet.
    const yesterday = new Date(Date.now() - 24 * 3600 * 1000);
    await page.selectOption('#opvang-locatie', shelterId);
    await page.fill('#opvang-van', dutch(yesterday));
    await submit(page, '#opvang-sectie form[action$="/opvang"] button[type=submit]');
    assert.ok(page.url().endsWith(`/zaken/${first}#opvang`), page.url());
    const stay = page.locator('#verblijven tbody tr', { hasText: shelter });
    assert.equal(await stay.count(), 1);
    assert.match(await stay.textContent(), w.stillThere);
    assert.match(await stay.textContent(), new RegExp(dutch(yesterday)));
    await expectAccessible(page, `placements-${lang}-02-placed`);

    // The registry counts the place: 1 of 1 taken, none free.
    let cells = await registryRow(page, shelter);
    assert.equal(cells[1].trim(), '1');
    assert.equal(cells[2].trim(), '1');
    assert.match(cells[3], /^0/);

    // The second person: the shelter is shown as full; placing asks for the reason.
    await page.goto(`${server.baseUrl}/zaken/${second}`);
    assert.match(await page.locator(`#opvang-locatie option[value="${shelterId}"]`).textContent(), w.fullOption);
    await page.selectOption('#opvang-locatie', shelterId);
    const refused = await submit(page, '#opvang-sectie form[action$="/opvang"] button[type=submit]');
    assert.equal(refused.status(), 422);
    assert.ok(page.url().endsWith(`/zaken/${second}/opvang`), page.url());
    assert.match(await page.textContent('#opvang-vol'), w.full);
    assert.match(await page.textContent('#opvang-vol'), new RegExp(shelter.replace(/[()]/g, '\\$&')));
    assert.match(await page.textContent('#opvang-reden-fout'), w.reasonError);
    assert.equal(await page.inputValue('#opvang-locatie'), shelterId);  // the choice is kept
    await expectAccessible(page, `placements-${lang}-03-full-asks-reason`);

    await page.fill('#opvang-reden', reason);
    await submit(page, '#opvang-sectie form[action$="/opvang"] button[type=submit]');
    assert.ok(page.url().endsWith(`/zaken/${second}#opvang`), page.url());
    const over = page.locator('#verblijven tbody tr', { hasText: shelter });
    assert.match(await over.textContent(), new RegExp(reason.replace(/[()]/g, '\\$&')));
    await expectAccessible(page, `placements-${lang}-04-placed-over-capacity`);

    // The registry: 2 of 1 taken, and the region's total says it is over capacity.
    cells = await registryRow(page, shelter);
    assert.equal(cells[2].trim(), '2');
    assert.match(await page.textContent('main'), w.overCapacity);
    await expectAccessible(page, `placements-${lang}-05-registry`);

    // The first person leaves today: that night the place is free again.
    await page.goto(`${server.baseUrl}/zaken/${first}`);
    const endForm = page.locator('#verblijven form[action$="/einde"]');
    assert.equal(await endForm.count(), 1);
    await submit(page, '#verblijven form[action$="/einde"] button[type=submit]');
    const ended = page.locator('#verblijven tbody tr', { hasText: shelter });
    assert.match(await ended.textContent(), new RegExp(dutch(new Date())));
    assert.doesNotMatch(await ended.textContent(), w.stillThere);
    assert.equal(await page.locator('#verblijven form[action$="/einde"]').count(), 0);
    cells = await registryRow(page, shelter);
    assert.equal(cells[2].trim(), '1');
    await page.close();
  });
}
