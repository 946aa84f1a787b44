#!/usr/bin/env node
// The portal's layout where it matters most to residents, in a real browser
// (Chromium via playwright-core):
//
//   node tests/browser/layout.mjs                 every part
//   node tests/browser/layout.mjs --only=print    some parts: phone, desktop, print, embed
//
// `phone` opens pages at 375 × 667 px, at normal text size and at A++: the
// page's title is on the first screen, no word of the portal's name is cut
// across lines, and the menu button opens and closes the search, the
// display settings and the menu (Escape too, focus back on the button).
// `desktop` opens pages at 1280 × 800 px: an announcement keeps its
// reading width with its neighbours and related announcements beside it,
// and the hub's newest announcements start on the first screen and a bit.
//
// `embed` opens a page with a YouTube player: nothing loads from another
// host until the reader presses the button, then the player comes from
// youtube-nocookie.com.
//
// `weight` opens pages with photos at 375 px on a 3× phone screen, scrolls
// to the end (lazy photos load) and adds up every byte the page fetched:
// a page must stay under 500 kB, and each photo must come as WebP no wider
// than the screen needs.
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

const PARTS = ['phone', 'desktop', 'print', 'embed', 'weight'];
/** Pages with photos (a gallery of two phone photos, a figure) and home pages. */
const WEIGHT_PAGES = [
  'ziemia-wysokomazowiecka/',
  'ziemia-wysokomazowiecka/aktualnosci/podsumowanie-rezultatow-partnerstwa/',
  'cwd/aktualnosci/seminarium-sieciujace-w-serocku/',
  'dabrowa-tarnowska/aktualnosci/warsztaty-strategiczne/',
];
const WEIGHT_LIMIT = 500_000;
const EMBED_PAGE = 'razem-dla-rozwoju/aktualnosci/warsztaty-strategiczne-online/';
const DESKTOP = { width: 1280, height: 800 };
const ANNOUNCEMENT = 'ziemia-wysokomazowiecka/aktualnosci/konsultacje-projektu-strategii/';
const PHONE = { width: 375, height: 667 };
const PHONE_PAGES = [ANNOUNCEMENT, 'cwd/', 'razem-dla-rozwoju/aktualnosci/'];
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
      ['h1', 'main .meta', 'main .prose', '.attachments', '.record', '.header-search', '.eu-strip', '.switches', '.main-nav', '.taxonomies', '.page-actions'].map((s) => [s, shown(s)]),
    ),
    attachments: [...document.querySelectorAll('.attachments li')].map((li) => li.textContent.replace(/\s+/g, ' ').trim()),
    internalExpanded: internal.filter((a) => !['none', 'normal', '""'].includes(after(a))).map((a) => a.getAttribute('href')),
    external: external.map((a) => ({ href: a.href, after: after(a) })),
  };
}

/** Where the title is, whether a word of the name is cut, what is shown. */
function phoneState() {
  const h1 = document.querySelector('h1').getBoundingClientRect();
  const name = document.querySelector('.brand-name');
  const text = name.firstChild;
  const cut = [];
  for (const m of text.textContent.matchAll(/\S+/g)) {
    const r = document.createRange();
    r.setStart(text, m.index);
    r.setEnd(text, m.index + m[0].length);
    const lines = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
    if (lines.size > 1) cut.push(m[0]);
  }
  const shown = (sel) => {
    const e = document.querySelector(sel);
    return !!e && getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0;
  };
  return {
    titleBottom: Math.round(h1.bottom + window.scrollY),
    cut,
    expanded: document.querySelector('[data-menu-toggle]')?.getAttribute('aria-expanded') ?? null,
    shown: Object.fromEntries(['.main-nav', '.header-search', '.switches'].map((s) => [s, shown(s)])),
    wide: document.documentElement.scrollWidth > window.innerWidth,
  };
}

async function phoneTests(browser, origin) {
  for (const [size, label] of [['0', '100 %'], ['2', 'A++']]) {
    const page = await newPage(browser, { viewport: PHONE });
    await page.addInitScript((s) => localStorage.setItem('tablica-rozmiar', s), size);
    try {
      for (const path of PHONE_PAGES) {
        await page.goto(`${origin}/${path}`);
        const s = await page.evaluate(phoneState);
        await test(`phone ${label} /${path}: the title is on the first screen, the name whole`, async () => {
          expect(s.titleBottom <= PHONE.height, `the title ends ${s.titleBottom} px down, below the first screen (${PHONE.height} px)`);
          same(s.cut, [], 'words of the name cut across lines');
          expect(!s.wide, 'the page scrolls sideways');
        });
      }
      await test(`phone ${label}: the menu button opens and closes the header's tools`, async () => {
        const closed = await page.evaluate(phoneState);
        same([closed.expanded, closed.shown], ['false', { '.main-nav': false, '.header-search': false, '.switches': false }], 'closed');
        await page.click('[data-menu-toggle]');
        const open = await page.evaluate(phoneState);
        same([open.expanded, open.shown], ['true', { '.main-nav': true, '.header-search': true, '.switches': true }], 'open');
        await page.focus('#header-q');
        await page.keyboard.press('Escape');
        const again = await page.evaluate(phoneState);
        same(again.expanded, 'false', 'after Escape');
        same(await page.evaluate(() => document.activeElement.hasAttribute('data-menu-toggle')), true, 'focus back on the button');
      });
      await test(`phone ${label}: no JavaScript errors`, async () => same(page.errors, [], 'errors'));
    } finally {
      await page.context().close();
    }
  }
}

async function desktopTests(browser, origin) {
  const page = await newPage(browser, { viewport: DESKTOP });
  try {
    await page.goto(`${origin}/${ANNOUNCEMENT}`);
    const article = await page.evaluate(() => {
      const box = (sel) => document.querySelector(sel)?.getBoundingClientRect().toJSON() ?? null;
      return { main: box('main'), article: box('.announcement'), related: box('.related') };
    });
    await test('desktop: related announcements sit beside the announcement', async () => {
      expect(article.related, 'no related announcements on the page');
      expect(article.related.left >= article.article.right, `related at x=${article.related.left}, the text ends at x=${article.article.right}`);
      expect(article.related.top < article.article.bottom, 'related announcements start below the announcement');
      const used = article.related.right - article.article.left;
      expect(used >= 0.9 * article.main.width, `the page uses ${Math.round(used)} of ${Math.round(article.main.width)} px`);
    });
    await page.goto(`${origin}/cwd/`);
    const news = await page.evaluate(() => Math.round(document.querySelector('#z-partnerstw').getBoundingClientRect().top + window.scrollY));
    await test("desktop: the hub's newest announcements start near the top", async () => {
      expect(news <= 1.25 * DESKTOP.height, `they start ${news} px down`);
    });
    await test('desktop: no JavaScript errors', async () => same(page.errors, [], 'errors'));
  } finally {
    await page.context().close();
  }
}

async function embedTests(browser, origin) {
  const page = await newPage(browser);
  const foreign = [];
  page.on('request', (r) => !r.url().startsWith(origin) && foreign.push(r.url()));
  try {
    await page.goto(`${origin}/${EMBED_PAGE}`);
    await page.waitForLoadState('load');
    await test('embed: nothing loads from another website before the click', async () => {
      same(foreign, [], 'requests to other hosts');
      same(await page.locator('iframe').count(), 0, 'players on the page');
      expect(await page.locator('.embed a[href^="https://www.youtube.com/watch"]').count() === 1, 'no plain link to the video');
    });
    await test('embed: the button loads the player from the privacy host and moves focus to it', async () => {
      await page.click('.embed button');
      const src = await page.locator('.embed iframe').getAttribute('src');
      expect(src && src.startsWith('https://www.youtube-nocookie.com/embed/'), `player from ${src}`);
      same(await page.evaluate(() => document.activeElement?.tagName), 'IFRAME', 'focus');
    });
  } finally {
    await page.context().close();
  }
}

async function printTests(browser, origin) {
  const page = await newPage(browser);
  try {
    await page.goto(`${origin}/${ANNOUNCEMENT}`);
    await page.emulateMedia({ media: 'print' });
    const p = await page.evaluate(printed);
    await test('print: the title, dates, text, attachments and metryczka are printed', async () => {
      for (const sel of ['h1', 'main .meta', 'main .prose', '.attachments', '.record']) same(p.shown[sel], true, sel);
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

/** Bytes of the page and of everything it fetched, and the photos fetched. */
function fetched() {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  const bytes = entries.reduce((sum, e) => sum + (e.encodedBodySize || 0), 0);
  const photos = performance
    .getEntriesByType('resource')
    .filter((e) => /\.(webp|jpe?g|png|gif)$/.test(new URL(e.name).pathname))
    .map((e) => new URL(e.name).pathname);
  return { bytes, photos };
}

async function weightTests(browser, origin) {
  const page = await newPage(browser, { viewport: PHONE, deviceScaleFactor: 3, isMobile: true });
  try {
    for (const path of WEIGHT_PAGES) {
      await page.goto(`${origin}/${path}`, { waitUntil: 'networkidle' });
      await page.evaluate(async () => {
        for (let y = 0; y < document.body.scrollHeight; y += 300) {
          window.scrollTo(0, y);
          await new Promise((r) => setTimeout(r, 20));
        }
      });
      await page.waitForLoadState('networkidle');
      const { bytes, photos } = await page.evaluate(fetched);
      console.log(`  weight /${path}: ${Math.round(bytes / 1000)} kB at 375 px (3×), photos: ${photos.map((p) => p.split('/').pop()).join(', ') || 'none'}`);
      await test(`weight /${path}: under ${WEIGHT_LIMIT / 1000} kB at 375 px`, async () => {
        expect(bytes < WEIGHT_LIMIT, `${bytes} bytes`);
        same(photos.filter((p) => !p.endsWith('.webp') && !p.endsWith('.svg')), [], 'photos not served as WebP');
        same(photos.filter((p) => /-1600\.webp$/.test(p)), [], 'photos wider than a 3× phone needs');
      });
    }
    await test('weight: no JavaScript errors', async () => same(page.errors, [], 'errors'));
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
      if (only.has('phone')) await phoneTests(browser, server.origin);
      if (only.has('desktop')) await desktopTests(browser, server.origin);
      if (only.has('print')) await printTests(browser, server.origin);
      if (only.has('embed')) await embedTests(browser, server.origin);
      if (only.has('weight')) await weightTests(browser, server.origin);
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
