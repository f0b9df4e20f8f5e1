/**
 * A real headless Chromium for browser tests, driven by puppeteer-core (which downloads
 * nothing: it runs the Chromium of this machine, installed by scripts/install-chromium.sh).
 */
import { execFileSync } from 'node:child_process';
import puppeteer, { type Browser } from 'puppeteer-core';

/** The Chromium to run: `CUSTOS_CHROMIUM`, else `chromium` on PATH. */
export function chromiumPath(): string {
  const named = process.env.CUSTOS_CHROMIUM;
  if (named) return named;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      'no chromium on PATH: run `bash scripts/install-chromium.sh` (Debian package chromium) or set CUSTOS_CHROMIUM',
    );
  }
}

/** Starts headless Chromium with a fresh profile; the caller closes it. */
export async function launchBrowser(): Promise<Browser> {
  return await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Root in CI has no user namespace for Chromium's sandbox; the pages are our own.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    defaultViewport: { width: 1280, height: 900 },
  });
}
