/**
 * `npm run screenshots`: the README's pictures of the dashboard, taken in headless Chromium against a
 * throwaway server filled with a few deliveries, a schedule, a short load run and a probe run. Writes
 * docs/dashboard/*.png.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startServer } from '../../src/server/start.ts';
import { findChromium, launchChromium } from './chromium.ts';

const OUT = 'docs/dashboard';
const executable = findChromium();
if (!executable) {
  process.stderr.write('screenshots: no Chromium found (install "chromium", or set CHROMIUM_PATH)\n');
  process.exit(2);
}

const server = await startServer({ port: 0, retryPolicy: { delaysMs: [] }, timeoutMs: 500 });
const browser = await launchChromium(executable, { width: 1280, height: 760 });
try {
  mkdirSync(OUT, { recursive: true });
  const page = await browser.context.newPage();
  page.setDefaultTimeout(30_000);
  const shot = (name: string, target: Page = page) => target.screenshot({ path: `${OUT}/${name}.png` });

  await page.goto(`${server.url}/`);
  await shot('catalog');

  await page.goto(
    `${server.url}/ui/preview?tag=SpeechRecognition&format=json&trigger=workflow&state=failed&seed=42&overrides=JobsDetail.Code%3DInputObjectNotExist`,
  );
  await shot('preview');

  await page.getByRole('link', { name: 'Send this…' }).click();
  await page.getByLabel('Count').fill('3');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('[data-results] li', { hasText: 'delivered' }).first().waitFor();
  await shot('send');

  // a receiver that is down, so the log shows a failure too
  await page.getByLabel('Target URL').fill('http://127.0.0.1:9/callback');
  await page.getByLabel('Count').fill('1');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('[data-results] li', { hasText: 'failed' }).waitFor();

  await page.goto(`${server.url}/ui/schedules`);
  await page.getByLabel('Every').fill('2s');
  await page.getByLabel('Tags').fill('SmartCover,SoundHound');
  await page.getByLabel('Limit').fill('3');
  await page.getByRole('button', { name: 'Create schedule' }).click();
  await page.locator('tbody tr', { hasText: 'every 2s' }).waitFor();
  await page.waitForTimeout(4_500);
  await page.reload();
  await shot('schedules');

  await page.goto(`${server.url}/ui/deliveries`);
  await shot('deliveries');
  await page.locator('tbody tr:has(.badge-failed)').getByRole('link').first().click();
  await page.getByRole('heading', { name: 'Attempts' }).waitFor();
  await shot('delivery');

  await page.goto(`${server.url}/ui/sink`);
  await page.locator('tbody tr details').first().click();
  await shot('sink');

  await page.goto(`${server.url}/ui/load-runs`);
  await page.getByLabel('Rate (req/s)').fill('50');
  await page.getByLabel('Duration').fill('4s');
  await page.getByRole('button', { name: 'Start load run' }).click();
  await page.locator('figure[data-chart="latency"] svg').waitFor();
  await page.locator('figure[data-chart="latency"]').scrollIntoViewIfNeeded();
  await shot('load-run');

  // the server's own /sink acknowledges anything, so the malformed probes fail: the page shows both verdicts
  await page.goto(`${server.url}/ui/probes`);
  for (const fault of ['duplicate', 'reorder', 'content-type', 'malformed']) {
    await page.getByRole('checkbox', { name: fault, exact: true }).check();
  }
  await page.getByLabel('Seed').fill('1');
  await page.getByRole('button', { name: 'Run probes' }).click();
  await page.getByText(/\d+ passed, \d+ failed, \d+ not run/).waitFor();
  await shot('probes');

  const phone = await browser.context.newPage();
  await phone.setViewportSize({ width: 390, height: 760 });
  await phone.emulateMedia({ colorScheme: 'dark' });
  await phone.goto(`${server.url}/ui/deliveries`);
  await shot('deliveries-390-dark', phone);
  process.stdout.write(`screenshots written to ${OUT}/\n`);
} finally {
  await browser.close();
  await server.close();
}
