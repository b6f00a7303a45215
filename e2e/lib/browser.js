// The app in a real browser: serving the built app (app/dist) next to a node, starting Debian's
// headless Chromium through playwright-core, waiting for what the page shows, and screenshots.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { LogTail, track, waitForExit, withTimeout } from './node.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const APP_DIR = resolve(HERE, '../../app');
/** Where the screenshots go; `COVALUE_SCREENSHOTS` overrides it. */
export const SCREENSHOT_DIR = resolve(process.env.COVALUE_SCREENSHOTS ?? join(HERE, '../artifacts/app'));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/**
 * Serves app/dist with `app/serve.mjs` on a free port of 127.0.0.1, its config naming `nodeUrl`
 * (and the indexer's GraphQL API, if given). Resolves to `{ url, stop }` once the server listens.
 */
export async function serveApp(nodeUrl, indexerUrl = null) {
  if (!existsSync(join(APP_DIR, 'dist', 'index.html'))) {
    throw new Error(`${APP_DIR}/dist has no build: run \`npm run build\` in app/ (scripts/test.sh does)`);
  }
  const args = [join(APP_DIR, 'serve.mjs'), '--port', '0', '--node', nodeUrl, ...(indexerUrl ? ['--indexer', indexerUrl] : [])];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const untrack = track({ child, baseDir: null });
  const tail = new LogTail();
  child.stderr.on('data', (chunk) => tail.push('stderr', chunk));
  const url = await withTimeout(
    new Promise((resolveUrl, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (match) resolveUrl(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`the app server exited with ${code}: ${tail.text()}`)));
    }),
    10_000,
    'the app server did not start within 10 s',
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 5_000))) child.kill('SIGKILL');
    }
    untrack();
  };
  return { url, stop };
}

/** Headless Chromium with a fresh profile and no background connections (the machine's network
 * is closed). */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium (scripts/test.sh does)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Waits until the trimmed text of `selector` equals `expected` (or matches it, for a RegExp), and
 * fails with what the page showed instead. */
export async function waitForText(page, selector, expected, timeout = 20_000) {
  try {
    await page.waitForFunction(
      ([sel, source, flags]) => {
        const el = document.querySelector(sel);
        if (!el) return false;
        const text = el.textContent.replace(/\s+/g, ' ').trim();
        return flags === null ? text === source : new RegExp(source, flags).test(text);
      },
      expected instanceof RegExp ? [selector, expected.source, expected.flags] : [selector, expected, null],
      { timeout },
    );
  } catch (error) {
    const shown = await page
      .$eval(selector, (el) => el.textContent.replace(/\s+/g, ' ').trim())
      .catch(() => '(no such element)');
    const picture = await screenshot(page, 'failure').catch(() => '(no screenshot)');
    throw new Error(`${selector} should show ${expected}, it shows: ${shown} (the page: ${picture})\n${error.message}`);
  }
}

/** The trimmed text of `selector`. */
export async function textOf(page, selector) {
  return page.$eval(selector, (el) => el.textContent.replace(/\s+/g, ' ').trim());
}

/** Writes a full-page screenshot `<name>.png` into the screenshot folder; returns its path. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
