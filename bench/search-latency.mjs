#!/usr/bin/env node
// Search in a real browser on a built site: how long a query takes from
// pressing Enter to results on screen, and how many bytes of index it loads.
//
//   node bench/search-latency.mjs --dir=/tmp/bench-corpus/1x10000/out/tablica --site=ziemia-wysokomazowiecka
//
// Serves --dir on 127.0.0.1 (tests/browser/lib/server.mjs, no compression),
// opens <site>/szukaj/ in headless Chromium (playwright-core from
// tests/browser: run `bash tests/browser/setup.sh` first) and runs each query
// in a fresh browser context (cold: nothing loaded yet), then all of them
// again in one page (warm: the files it needs may be loaded already).
// Prints one line per query and the medians.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const BROWSER_DIR = resolve(HERE, '..', 'tests', 'browser');
const require = createRequire(join(BROWSER_DIR, 'package.json'));
const { chromium } = require('playwright-core');
const { serve } = await import(pathToFileURL(join(BROWSER_DIR, 'lib', 'server.mjs')).href);

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split(/=(.*)/s)));
if (!args.dir || !args.site) {
  console.error('usage: node bench/search-latency.mjs --dir=BUILT_OUTPUT --site=ID [--queries=a,b,c] [--page=szukaj/]');
  process.exit(2);
}
const QUERIES = (args.queries ?? 'konsultacje,strategii,warsztaty,gminy,losice,ankieta dla uczniow,drogi gminne,rozwoj').split(',');
const PAGE = args.page ?? 'szukaj/';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Types q, presses Enter, waits for results (or the no-results help); ms and result count. */
async function query(page, q) {
  await page.fill('#search-q', q);
  const t0 = await page.evaluate(() => performance.now());
  await page.press('#search-q', 'Enter');
  await page.waitForFunction(
    (q) =>
      document.querySelector('#search-q').value === q &&
      !document.querySelector('[data-search-results]').hasAttribute('aria-busy') &&
      (document.querySelector('[data-search-list] li') || !document.querySelector('[data-search-help]').hidden),
    q,
    { polling: 'raf' },
  );
  const ms = (await page.evaluate(() => performance.now())) - t0;
  const count = await page.evaluate(() => document.querySelectorAll('[data-search-list] li').length);
  return { ms, count };
}

const server = await serve(resolve(args.dir));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
try {
  const url = `${server.origin}/${args.site}/${PAGE}`;
  const cold = [];
  for (const q of QUERIES) {
    const context = await browser.newContext();
    const page = await context.newPage();
    let bytes = 0;
    page.on('response', async (r) => {
      if (r.url().includes('/search-index/')) bytes += (await r.body().catch(() => Buffer.alloc(0))).length;
    });
    await page.goto(url);
    const { ms, count } = await query(page, q);
    await page.waitForTimeout(50);
    cold.push(ms);
    console.log(`cold  ${q.padEnd(22)} ${ms.toFixed(0).padStart(5)} ms  ${count} shown  ${(bytes / 1024).toFixed(0)} KiB of index loaded`);
    await context.close();
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await query(page, QUERIES[0]);
  const warm = [];
  for (const q of QUERIES.slice(1)) {
    const { ms } = await query(page, q);
    warm.push(ms);
  }
  await context.close();
  console.log(`median: first query ${median(cold).toFixed(0)} ms (page already open, index not loaded), later queries ${median(warm).toFixed(0)} ms`);
} finally {
  await browser.close();
  server.close();
}
