#!/usr/bin/env node
// The portal's layout where it matters most to residents, in a real browser
// (Chromium via playwright-core):
//
//   node tests/browser/layout.mjs                 every part
//   node tests/browser/layout.mjs --only=print    some parts: print
//
// `print` prints an announcement (print media): its title, dates, text and
// attachments' names are there; the tools, the search form, the logo strip
// and the tag lists are not; links to other websites show their address,
// links within the portal do not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, current, expect, launch, newPage, results, same, test } from './lib/harness.mjs';
import { serve } from './lib/server.mjs';

const PARTS = ['print'];
const ANNOUNCEMENT = 'ziemia-wysokomazowiecka/aktualnosci/konsultacje-projektu-strategii/';
const WATCHDOG_S = 300;

/** What a printed page shows: each selector's visibility, and link suffixes. */
function printed() {
  const shown = (sel) => {
    const e = document.querySelector(sel);
    if (!e) return null;
    const box = e.getBoundingClientRect();
    return getComputedStyle(e).display !== 'none' && box.width > 0 && box.height > 0;
  };
  const after = (a) => getComputedStyle(a, '::after').content;
  const links = [...document.querySelectorAll('main a[href], .site-footer a[href]')];
  const internal = links.filter((a) => a.host === location.host && !a.getAttribute('href').startsWith('#'));
  const external = links.filter((a) => /^https?:$/.test(a.protocol) && a.host !== location.host);
  return {
    shown: Object.fromEntries(
      ['h1', 'main .meta', 'main .prose', '.attachments', '.header-search', '.eu-strip', '.switches', '.main-nav', '.taxonomies', '.page-actions'].map((s) => [s, shown(s)]),
    ),
    attachments: [...document.querySelectorAll('.attachments li')].map((li) => li.textContent.replace(/\s+/g, ' ').trim()),
    internalExpanded: internal.filter((a) => !['none', 'normal', '""'].includes(after(a))).map((a) => a.getAttribute('href')),
    external: external.map((a) => ({ href: a.href, after: after(a) })),
  };
}

async function printTests(browser, origin) {
  const page = await newPage(browser);
  try {
    await page.goto(`${origin}/${ANNOUNCEMENT}`);
    await page.emulateMedia({ media: 'print' });
    const p = await page.evaluate(printed);
    await test('print: the title, dates, text and attachments are printed', async () => {
      for (const sel of ['h1', 'main .meta', 'main .prose', '.attachments']) same(p.shown[sel], true, sel);
      expect(p.attachments.length === 2 && p.attachments[0].includes('Projekt strategii'), `attachments: ${JSON.stringify(p.attachments)}`);
    });
    await test('print: tools, search, logo strip, menu and tags are left out', async () => {
      for (const sel of ['.header-search', '.eu-strip', '.switches', '.main-nav', '.taxonomies', '.page-actions']) {
        expect(p.shown[sel] !== true, `${sel} is printed`);
      }
    });
    await test('print: links within the portal are not followed by their address', async () => same(p.internalExpanded, [], 'expanded internal links'));
    await test('print: links to other websites show their address', async () => {
      expect(p.external.length > 0, 'no external link on the page');
      for (const e of p.external) expect(e.after.includes(e.href), `${e.href} prints ${e.after}`);
    });
    await test('print: no JavaScript errors', async () => same(page.errors, [], 'errors'));
  } finally {
    await page.context().close();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const only = new Set(PARTS);
  for (const a of args) {
    const [, v] = /^--only=(.+)$/.exec(a) ?? [];
    if (!v) throw new Error(`unknown argument ${a} (--only=PARTS)`);
    only.clear();
    for (const p of v.split(',')) {
      if (!PARTS.includes(p)) throw new Error(`unknown part "${p}" (parts: ${PARTS.join(', ')})`);
      only.add(p);
    }
  }
  const tmp = mkdtempSync(join(tmpdir(), 'tablica-layout-'));
  const browser = await launch();
  try {
    const dir = join(tmp, 'public');
    build(dir);
    const server = await serve(dir);
    try {
      if (only.has('print')) await printTests(browser, server.origin);
    } finally {
      await server.close();
    }
  } finally {
    await browser.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`layout: ${results.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

setTimeout(() => {
  console.error(`layout: gave up after ${WATCHDOG_S} s (in "${current()}")`);
  process.exit(2);
}, WATCHDOG_S * 1000).unref();
process.exitCode = await main();
