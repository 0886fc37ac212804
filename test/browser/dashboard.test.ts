/**
 * The dashboard in a real browser: headless Chromium through the flows a user follows, against a real
 * server on 127.0.0.1. Runs when a system Chromium is found (see chromium.ts) and says so when it is not.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { type RunningReceiver, referenceReceiver } from '../support/fragile-receivers.ts';
import { type Browser, findChromium, launchChromium } from './chromium.ts';

const executable = findChromium();
if (!executable) {
  process.stdout.write(
    'browser tests SKIPPED: no Chromium found (install Debian\'s "chromium" package, or set CHROMIUM_PATH)\n',
  );
}

/** Waits for each step of a flow; generous for a loaded machine, and the whole suite is bounded too. */
const STEP = { timeout: 20_000 };

describe('dashboard in Chromium', {
  skip: executable ? false : 'no Chromium found',
  timeout: 180_000,
}, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startServer({ port: 0, loadRunLimits: { maxDurationSeconds: 5, maxRate: 50 } });
    browser = await launchChromium(executable as string);
    page = await browser.context.newPage();
    page.setDefaultTimeout(STEP.timeout);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('filters the catalog as you type, and reaches the content from the keyboard', async () => {
    await page.goto(`${server.url}/`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement?.textContent?.trim()'), 'Skip to content');
    await page.getByLabel('Filter').fill('speech');
    const visible = await page.locator('#catalog tbody tr:visible th').allTextContents();
    assert.ok(visible.includes('SpeechRecognition'), visible.join());
    assert.ok(!visible.includes('SmartCover'));
    await page.getByRole('link', { name: 'SpeechRecognition', exact: true }).click();
    await page.waitForURL(/\/ui\/preview\?tag=SpeechRecognition/);
  });

  it('previews SpeechRecognition JSON workflow failed with an override, checking it as you type', async () => {
    await page.getByLabel('Format').selectOption('json');
    await page.getByLabel('Trigger').selectOption('workflow');
    await page.getByLabel('State').selectOption('failed');
    await page.getByLabel('Seed').fill('42');
    const overrides = page.getByLabel('Overrides');
    await overrides.fill('JobsDetail.Code');
    await page
      .getByRole('alert')
      .filter({ hasText: "overrides.0: malformed override 'JobsDetail.Code'" })
      .waitFor();
    await overrides.fill('JobsDetail.Code=InputObjectNotExist');
    const body = page.locator('[data-body]');
    await body.filter({ hasText: '"Code": "InputObjectNotExist"' }).waitFor();
    const text = (await body.textContent()) ?? '';
    assert.match(text, /"Workflow"|"Workflow":/);
    assert.match(text, /"State": "Failed"/);
    assert.equal(await page.locator('[data-seed]').textContent(), '42');
  });

  it('sends it to the sink, and Deliveries shows it without a reload', async () => {
    const log = await browser.context.newPage();
    await log.goto(`${server.url}/ui/deliveries`);
    await log.locator('tbody[data-live-state="open"]').waitFor({ state: 'attached' });
    // page scripts run in the browser: given as text, since this file is typed for Node
    await log.evaluate('window.notReloaded = true');
    await page.getByRole('link', { name: 'Send this…' }).click();
    await page.waitForURL(/\/ui\/send\?/);
    assert.equal(await page.getByLabel('Target URL').inputValue(), `${server.url}/sink`);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('[data-results] li', { hasText: 'delivered' }).waitFor();

    const row = log.locator('tbody tr', { hasText: 'SpeechRecognition' });
    await row.filter({ hasText: 'delivered' }).waitFor(STEP);
    assert.equal(await log.evaluate('window.notReloaded'), true);
    assert.match((await row.textContent()) ?? '', /json · workflow · failed/);

    await row.getByRole('link').first().click();
    await log.waitForURL(/\/ui\/deliveries\/\d+$/);
    await log.getByRole('heading', { name: 'Attempts' }).waitFor();
    assert.match((await log.locator('[data-body]').textContent()) ?? '', /InputObjectNotExist/);
    await log.getByRole('button', { name: 'Copy as curl' }).click();
    const curl = log.getByLabel('curl command');
    await curl.waitFor();
    assert.match(await curl.inputValue(), /^curl -X POST 'http:\/\/127\.0\.0\.1:\d+\/sink'/);
    const original = log.url();
    await log.getByRole('button', { name: 'Replay' }).click();
    await log.waitForURL((url) => url.href !== original && /\/ui\/deliveries\/\d+$/.test(url.pathname));
    await log.getByText(/replay of #\d+/).waitFor();
    await log.close();
  });

  it('shows what the sink received, and new arrivals live', async () => {
    await page.goto(`${server.url}/ui/sink`);
    assert.ok((await page.locator('tbody tr').count()) >= 2);
    assert.match((await page.locator('tbody').textContent()) ?? '', /application\/json/);
    await page.locator('tbody[data-live-state="open"]').waitFor({ state: 'attached' });
    const posted = await fetch(`${server.url}/sink`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<Response><Note>arrived live &amp; escaped</Note></Response>',
    });
    assert.equal(posted.status, 200);
    // the body is shown as the text it is
    await page.locator('tbody tr', { hasText: '<Note>arrived live &amp; escaped</Note>' }).waitFor();
  });

  it('previews a WorkflowFinish over nodes picked from the list', async () => {
    await page.goto(`${server.url}/ui/preview`);
    await page.getByLabel('WorkflowFinish of a workflow run').check();
    await page.getByLabel('Add a node').selectOption('SpeechRecognition');
    await page.getByLabel('Add a node').selectOption('VoiceSeparate');
    assert.equal(await page.getByLabel('Workflow nodes').inputValue(), 'SpeechRecognition,VoiceSeparate');
    await page.getByLabel('Format').selectOption('json');
    await page.locator('[data-body]', { hasText: '"EventName": "WorkflowFinish"' }).waitFor();
  });

  it('sends the whole workflow run from its preview, and lists its deliveries in order under one RunId', async () => {
    await page.getByLabel('Seed').fill('11');
    await page.locator('[data-seed]', { hasText: /^11$/ }).waitFor();
    await page.getByRole('link', { name: 'Send this…' }).click();
    await page.waitForURL(/\/ui\/send\?.*kind=workflow/);
    assert.equal(await page.getByLabel('Workflow nodes').inputValue(), 'SpeechRecognition,VoiceSeparate');
    assert.equal(await page.getByLabel('Seed').inputValue(), '11');
    assert.equal(await page.getByLabel('Just the WorkflowFinish').isChecked(), true);
    // the choice is a radio group: reached and changed from the keyboard
    await page.getByLabel('Just the WorkflowFinish').focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.getByLabel(/The whole run/).isChecked(), true);
    await page.getByRole('button', { name: 'Send' }).click();
    const run = page.locator('[data-results] li[data-run]');
    await run.waitFor();
    assert.match((await run.locator(':scope > span').textContent()) ?? '', /^Run \S+ — seed 11$/);
    const sent = run.locator('ol > li');
    await sent.nth(2).waitFor();
    const lines = await sent.allTextContents();
    assert.equal(lines.length, 3, lines.join('\n'));
    const expected = ['SpeechRecognition', 'VoiceSeparate', 'WorkflowFinish'];
    for (const [i, tag] of expected.entries()) {
      assert.match(lines[i] ?? '', new RegExp(`^#\\d+ delivered ${tag} — HTTP 200`));
    }
  });

  it('creates a schedule, shows the API error for a bad one, and pauses it', async () => {
    await page.goto(`${server.url}/ui/schedules`);
    await page.getByLabel('Every').fill('soon');
    await page.getByRole('button', { name: 'Create schedule' }).click();
    await page.getByRole('alert').filter({ hasText: 'every: must be a number with a unit' }).waitFor();
    await page.getByLabel('Every').fill('1h');
    await page.getByRole('checkbox', { name: 'json' }).check();
    await page.getByLabel('Limit').fill('3');
    await page.getByRole('button', { name: 'Create schedule' }).click();
    const row = page.locator('tbody tr', { hasText: 'every 1h' });
    await row.filter({ hasText: 'active' }).waitFor();
    await row.getByRole('button', { name: 'Pause' }).click();
    await row.filter({ hasText: 'paused' }).getByRole('button', { name: 'Resume' }).waitFor();
  });

  it('starts a small load run, follows it live and shows its charts', async () => {
    await page.goto(`${server.url}/ui/load-runs`);
    await page.getByLabel('Rate (req/s)').fill('20');
    await page.getByLabel('Duration').fill('2s');
    await page.getByRole('button', { name: 'Start load run' }).click();
    await page.waitForURL(/\/ui\/load-runs\/[\w-]+$/);
    await page.locator('figure[data-chart="latency"] svg').waitFor({ timeout: 30_000 });
    // a flat line has no height, so Playwright calls it hidden: count the series instead
    assert.equal(await page.locator('figure[data-chart="latency"] svg polyline').count(), 3);
    assert.equal(await page.locator('figure[data-chart="throughput"] svg polyline').count(), 2);
    assert.match((await page.locator('main').textContent()) ?? '', /Achieved rate/);
  });

  it('runs a few probes against a receiver and fills their table live, without a reload', async () => {
    let receiver: RunningReceiver | undefined;
    try {
      receiver = await referenceReceiver();
      await page.goto(`${server.url}/ui/probes`);
      await page.getByLabel('Target URL').fill(receiver.url);
      await page.getByLabel('Skip').fill('dupe');
      await page.getByRole('button', { name: 'Run probes' }).click();
      await page.getByRole('alert').filter({ hasText: "skip: unknown probe 'dupe'; accepted:" }).waitFor();
      await page.getByLabel('Skip').fill('');
      await page.getByRole('checkbox', { name: 'duplicate' }).check();
      await page.getByRole('checkbox', { name: 'slow-body' }).check();
      await page.getByLabel('Seed').fill('7');
      await page.getByRole('button', { name: 'Run probes' }).click();
      await page.waitForURL(/\/ui\/probes\/[\w-]+$/);
      await page.locator('section[data-live-state="open"]').waitFor({ state: 'attached' });
      await page.evaluate('window.notReloaded = true');
      const row = (probe: string) => page.locator(`tr[data-probe="${probe}"]`);
      // slow-body dribbles one body over 2 s and then waits out the receiver's body timeout: rows fill one by one
      await row('duplicate/same-body').filter({ hasText: 'PASS' }).waitFor();
      await row('slow-body/stalled')
        .filter({ hasText: /running|waiting/ })
        .waitFor();
      await page.getByText('3 passed, 0 failed, 0 not run').waitFor({ timeout: 40_000 });
      assert.equal(await page.evaluate('window.notReloaded'), true);
      assert.match((await row('slow-body/stalled').textContent()) ?? '', /PASS.*408/);
    } finally {
      await receiver?.close();
    }
  });

  it('stays readable at 390 px and follows a dark colour scheme', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    for (const path of ['/', '/ui/deliveries', '/ui/preview?tag=SmartCover', '/ui/probes']) {
      await page.goto(`${server.url}${path}`);
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow} px at 390 px`);
    }
    await page.emulateMedia({ colorScheme: 'dark' });
    const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    assert.equal(background, 'rgb(28, 33, 39)');
  });
});
