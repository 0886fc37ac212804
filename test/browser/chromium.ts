/**
 * Test support: the system Chromium (Debian's `chromium` package; browsers downloaded by npm do not work on
 * every machine), driven by playwright-core, with a fresh profile and nothing that talks to the internet.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** CHROMIUM_PATH, or the first system Chromium found; undefined when there is none. */
export function findChromium(env = process.env): string | undefined {
  const given = env['CHROMIUM_PATH'];
  if (given) return existsSync(given) ? given : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(
  executablePath: string,
  viewport = { width: 1280, height: 800 },
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'ci-callback-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: FLAGS,
    viewport,
    timeout: 30_000,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
