// The small test harness of the browser scripts (search.mjs, layout.mjs):
// named tests that report and count, assertions, the tablica binary, and
// Chromium pages that record their errors.
import { spawnSync } from 'node:child_process';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '..', '..', '..');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const TABLICA = process.env.TABLICA_BIN ?? join(ROOT, 'target', 'debug', 'tablica');

/** Every test's name and outcome, in order. */
export const results = [];
let running = '';

/** The name of the test now running, for a watchdog's message. */
export const current = () => running;

/** Runs one named test; a thrown error or a failed `expect` fails it. */
export async function test(name, fn) {
  running = name;
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`  FAIL ${name}: ${e.message.split('\n')[0]}`);
  }
}

export function expect(ok, what) {
  if (!ok) throw new Error(what);
}

export const same = (a, b, what) => expect(JSON.stringify(a) === JSON.stringify(b), `${what}: expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`);

/** `tablica build` of the sample workspace into `outDir`. */
export function build(outDir, extra = []) {
  const r = spawnSync(TABLICA, ['--root', ROOT, 'build', '--quiet', '--output', outDir, ...extra], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tablica build ${extra.join(' ')} failed:\n${r.stdout}${r.stderr}`);
}

export async function launch() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
}

/** A fresh page that records uncaught errors, console errors and failed requests. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce', bypassCSP: true, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(`uncaught: ${e.message}`));
  // Failed requests are named by their URL (the console message does not say which).
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && page.errors.push(`console: ${m.text()}`));
  page.on('response', (r) => r.status() >= 400 && page.errors.push(`HTTP ${r.status()}: ${r.url()}`));
  return page;
}
