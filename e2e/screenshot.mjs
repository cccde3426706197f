// Saves a screenshot of the page with the sample articles loaded: `make screenshot`.
import { serve, open } from './harness.mjs';

const out = process.env.SCREENSHOT ?? 'docs/screenshot.png';
const server = await serve();
const { page, errors, close } = await open(server.url, { width: 1360, height: 1100 });
try {
  await page.click('#samples');
  await page.waitForSelector('.tab[data-tab="0"]');
  await page.click('.tab[data-tab="4"]');
  await page.waitForSelector('.body .ent');
  await page.screenshot({ path: out, fullPage: false });
  console.log(`wrote ${out}${errors.length ? `; page errors: ${errors.join(' | ')}` : ''}`);
} finally {
  await close();
  await server.close();
}
