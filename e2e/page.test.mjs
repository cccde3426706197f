// The page as a user drives it, in headless Chromium: samples, paste, files, removed lines,
// the story view. Every test also checks that nothing was fetched from anywhere but the local
// server and that the page logged no errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { serve, open } from './harness.mjs';

let server;
before(async () => {
  server = await serve();
  await mkdir(new URL('./screenshots/', import.meta.url), { recursive: true });
});
after(() => server.close());

/** Opens the page, runs `body`, then checks requests and errors. */
async function withPage(name, body) {
  const session = await open(server.url);
  try {
    await body(session.page);
    await session.page.screenshot({ path: new URL(`./screenshots/${name}.png`, import.meta.url).pathname, fullPage: true });
  } finally {
    await session.close();
  }
  const foreign = session.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith(`blob:${server.url}`));
  assert.deepEqual(foreign, [], 'requests left the local server');
  assert.deepEqual(session.errors, [], 'the page logged errors');
}

const count = (page, selector) => page.locator(selector).count();

test('the sample articles: entities, quotes, removed lines and the story', () => withPage('samples', async (page) => {
  await page.click('#samples');
  await page.waitForSelector('.tab[data-tab="4"]');
  assert.equal(await count(page, '.tab'), 6, 'five article tabs and the story tab');
  assert.match(await page.textContent('#status'), /5 documents analysed/);

  await page.click('.tab[data-tab="0"]');
  assert.ok(await count(page, '.body p') >= 10, 'the body has its paragraphs');
  assert.ok(await count(page, '.body .ent') >= 20, 'mentions are highlighted in the body');
  assert.ok(await count(page, '.entities-panel .entity') >= 10, 'the entity list is filled');
  assert.ok(await count(page, '.quotes-panel li') >= 3, 'quotes are listed');
  const removed = Number(await page.textContent('.removed-panel h3 .count'));
  assert.ok(removed >= 10, `the paywall and price lines are listed as removed (${removed})`);
  assert.doesNotMatch(await page.textContent('.body'), /Subscribe now|free articles/, 'no paywall text in the body');

  // Clicking an entity highlights its mentions.
  await page.click('.entities-panel .entity >> nth=0');
  assert.ok(await count(page, '.body .ent.focus') >= 1);

  // The removed lines in place, struck through with their reason.
  await page.click('#toggle-removed');
  assert.equal(await count(page, '.source del'), removed);
  assert.match(await page.textContent('.source'), /Subscribe now for unlimited access/);
  await page.click('#toggle-removed');

  await page.click('.tab[data-tab="story"]');
  assert.ok(await count(page, '.coverage tbody tr') >= 10, 'the story lists entities across articles');
  assert.match(await page.textContent('.story h2'), /5 articles/);

  // The whole analysis can be saved as JSON.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  const saved = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(saved.articles.length, 5);
  assert.ok(saved.articles[0].entities.length > 0);
}));

test('pasted text with non-ASCII characters keeps highlights on the right characters', () => withPage('paste', async (page) => {
  const text = 'Café owners in Zürich 😀 paid ₹900 on Tuesday, the ministry said.\n\n' +
    '"We will not raise prices again this year," the association of café owners said in a statement on Wednesday.';
  await page.fill('#paste', text);
  await page.click('#add-paste');
  await page.waitForSelector('.body .ent');
  const spans = await page.locator('.body .ent').allTextContents();
  for (const wanted of ['₹900', 'Tuesday', 'Wednesday']) assert.ok(spans.includes(wanted), `${wanted} in ${JSON.stringify(spans)}`);
  for (const s of spans) assert.equal(s, s.trim(), `highlight "${s}" is cut on a character boundary`);
  assert.equal(await count(page, '.quotes-panel li'), 1);
  assert.match(await page.textContent('.quotes-panel li'), /association of café owners/);
  assert.equal(await page.inputValue('#paste'), '', 'the paste box is emptied once added');
}));

test('files: HTML, a legacy encoding, and a binary file that gets a clear message', () => withPage('files', async (page) => {
  const para = 'The council approved the budget for the new library on Monday after a debate that lasted most of the night.';
  const html = `<!doctype html><html><head><title>Council backs library</title></head><body><nav><a href="/">Home</a></nav>
    <article><h1>Council backs library</h1><p>${para}</p><p>${para}</p></article><footer>© The Paper</footer></body></html>`;
  const latin1 = Buffer.from(`Caf\xe9 prices rose in the capital. ${para}\n`, 'latin1');
  await page.setInputFiles('#files', [
    { name: 'page.html', mimeType: 'text/html', buffer: Buffer.from(html) },
    { name: 'old.txt', mimeType: 'text/plain', buffer: latin1 },
    { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]) },
  ]);
  await page.waitForSelector('.tab[data-tab="2"]');
  assert.equal(await page.textContent('.tab[data-tab="0"]'), '#1 Council backs library');
  assert.match(await page.textContent('.meta'), /No byline, source or date found/, 'the title was found, so it is not listed as missing');
  assert.doesNotMatch(await page.textContent('.body'), /Home|The Paper/);

  await page.click('.tab[data-tab="1"]');
  assert.match(await page.textContent('.body'), /Café prices rose/);
  assert.match(await page.textContent('.notes'), /Windows-1252/);

  await page.click('.tab[data-tab="2"]');
  assert.match(await page.textContent('.article .error'), /binary file/);
  assert.match(await page.textContent('#status'), /1 could not be read/);

  // Removing a document re-analyses the rest.
  await page.click('button[aria-label="Remove photo.png"]');
  await page.waitForFunction(() => document.querySelectorAll('.tab').length === 3);
}));

test('an empty paste is refused with a message, not an error', () => withPage('empty', async (page) => {
  await page.fill('#paste', '   \n  ');
  await page.click('#add-paste');
  assert.match(await page.textContent('#status'), /empty/);
  assert.equal(await count(page, '.document'), 0);
}));
