#!/usr/bin/env node
// The search page in a real browser (Chromium via playwright-core). See README.md here.
//
//   node tests/browser/search.mjs                  every part
//   node tests/browser/search.mjs --only=fixture   some parts: fixture, sample, hub, a11y, subfolder, file, package
//   node tests/browser/search.mjs --dir=public     an existing build (of the sample workspace)
//
// `fixture` puts a small hand-made index (lib/search-fixture.mjs) behind the
// real search page of the hub (it has both filters) and checks search.js's matching,
// ranking, plural forms, paging, filters, highlighting and errors. The other
// parts use the index `tablica build` writes for the sample content.
// `file` and `package` open the sites from disk (file://): a `--relative`
// build, and the zips of `tablica package` extracted as a resident would.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AXE_SOURCE, AXE_TAGS, DARK_RULES } from './lib/pages.mjs';
import { serve } from './lib/server.mjs';
import { writeIndex } from './lib/search-fixture.mjs';
import { unzip } from './lib/unzip.mjs';
import { build, current, expect, launch, newPage, results, same, TABLICA, ROOT, test } from './lib/harness.mjs';

const PARTS = ['fixture', 'sample', 'hub', 'a11y', 'subfolder', 'file', 'package'];
const SITE = 'razem-dla-rozwoju'; // the partnership whose search page is tested
const HUB = 'cwd';
const SEARCH = 'szukaj/';
const WATCHDOG_S = 300;

// ---- the search page, as a resident uses it --------------------------------------------

const STATUS = '[data-search-status]';

/** Types `q` into the search field like a person (search as you type) and waits for the count. */
async function type(page, q) {
  await page.fill('#search-q', '');
  await page.type('#search-q', q, { delay: 20 });
  await settled(page, q);
}

/** Types and presses Enter (the status is then announced at once). */
async function submit(page, q) {
  await page.fill('#search-q', q);
  await page.press('#search-q', 'Enter');
  await settled(page, q);
}

/** Waits until no search is under way and the status names the query `q` (the count or "nothing found"). */
async function settled(page, q) {
  await page.waitForTimeout(200); // past the 150 ms typing pause, so a search has started
  await page.waitForFunction(
    ([sel, q]) => !document.querySelector('[data-search-results]').hasAttribute('aria-busy') && document.querySelector(sel).textContent.includes(q),
    [STATUS, q],
    { timeout: 5000 },
  ).catch(async () => {
    throw new Error(`no status for "${q}"; status: "${await statusText(page)}"; errors: ${page.errors.join('; ')}`);
  });
}

const statusText = (page) => page.textContent(STATUS).then((s) => s.trim());

/** The shown results: title, href, site name, date, marked words. */
function shown(page) {
  return page.$$eval('[data-search-list] > li', (items) =>
    items.map((li) => {
      const a = li.querySelector('h3 a');
      return {
        title: a.textContent.replace(/\s+/g, ' '),
        href: a.href,
        site: li.querySelector('.search-result-site')?.textContent ?? null,
        date: li.querySelector('time')?.getAttribute('datetime') ?? null,
        marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
        snippet: li.querySelector('.search-result-snippet').textContent,
      };
    }),
  );
}

async function first(page) {
  const r = await shown(page);
  expect(r.length > 0, `no results (status "${await statusText(page)}")`);
  return r[0];
}

async function axe(page, rules) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: AXE_SOURCE });
  const opts = rules ? { runOnly: { type: 'rule', values: rules } } : { runOnly: { type: 'tag', values: AXE_TAGS } };
  const r = await page.evaluate((o) => window.axe.run(document, o), opts);
  return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`));
}

// ---- fixture: search.js on a known index ----------------------------------------------

const FILLER = (n) => ({
  site: 1,
  u: `aktualnosci/ogloszenie-${n}/`,
  t: `Ogłoszenie numer ${n}`,
  d: `${n} maja 2021`,
  i: `2021-05-${String(n).padStart(2, '0')}`,
  s: `Krótkie ogłoszenie numer ${n}.`,
  // 22 docs say "zebranie", 5 "sesja", 2 "narada", 1 "komisja": the plural forms.
  x: ['zebranie', n < 10 ? 'sesja' : '', n < 7 ? 'narada' : '', n === 5 ? 'komisja' : ''].join(' ') + ' mieszkańców.',
});

const LONG = 'Raz dwa trzy cztery pięć sześć siedem osiem dziewięć dziesięć jedenaście dwanaście trzynaście czternaście piętnaście szesnaście '
  + 'siedemnaście osiemnaście dziewiętnaście dwadzieścia. W konsultacjach wzięło udział wielu mieszkańców z gmin partnerstwa, którzy zgłosili '
  + 'uwagi do projektu dokumentu i do listy projektów kluczowych przygotowanej przez zespół roboczy, a potem wszystko omówiono na zebraniu końcowym w Łosicach.';

const FIXTURE = {
  sites: [
    { id: HUB, title: 'Centrum Wsparcia Doradczego', root: '' },
    { id: SITE, title: 'Razem dla Rozwoju', root: '../razem-dla-rozwoju/' },
    { id: 'ziemia-wysokomazowiecka', title: 'Ziemia Wysokomazowiecka', root: '../ziemia-wysokomazowiecka/' },
  ],
  gminy: ['Miasto i Gmina Łosice', 'Gmina Klukowo'],
  stop: ['dla', 'w', 'i', 'na', 'z'],
  docs: [
    { site: 2, u: 'aktualnosci/konsultacje/', t: 'Konsultacje projektu strategii', d: '4 października 2021', i: '2021-10-04', s: 'Zapraszamy do udziału.', x: 'Zapraszamy mieszkańców Klukowa.', g: ['Gmina Klukowo'] },
    { site: 1, u: 'aktualnosci/spotkanie-w-losicach/', t: 'Spotkanie w Łosicach', d: '1 października 2021', i: '2021-10-01', s: 'Burmistrz zaprasza.', x: 'Burmistrz zaprasza do sali w Łosicach.', g: ['Miasto i Gmina Łosice'] },
    { site: 1, u: 'aktualnosci/ankieta/', t: 'Ankieta dla uczniów szkół średnich', d: null, i: null, s: 'Wypełnij ankietę.', x: 'Ankieta jest anonimowa.' },
    { site: 1, u: 'aktualnosci/raport/', t: 'Raport z konsultacji', d: '8 listopada 2021', i: '2021-11-08', s: 'Streszczenie raportu.', x: LONG, g: ['Miasto i Gmina Łosice'] },
    { site: 1, u: 'aktualnosci/kod/', t: '<img src=x onerror="window.__xss=1"> Tytuł z kodem', s: 'Tekst.', x: 'Tekst o kodzie.' },
    ...Array.from({ length: 22 }, (_, k) => FILLER(k + 5)),
  ],
};

async function fixtureTests(browser, dir) {
  // The built hub with the fixture index in place of its own.
  const root = mkdtempSync(join(tmpdir(), 'tablica-search-fixture-'));
  cpSync(join(dir, HUB), join(root, HUB), { recursive: true });
  rmSync(join(root, HUB, 'search-index'), { recursive: true, force: true });
  writeIndex(join(root, HUB, 'search-index'), FIXTURE);
  const server = await serve(root);
  const url = `${server.origin}/${HUB}/${SEARCH}`;
  const page = await newPage(browser);
  try {
    await page.goto(url);
    await test('fixture: the no-JavaScript explanation is hidden when search.js runs', async () => {
      expect(await page.isHidden('[data-search-nojs]'), 'the explanation is still shown');
    });
    await test('fixture: "Łosice" and "losice" find the same first result and mark "Łosicach"', async () => {
      await submit(page, 'Łosice');
      const a = await first(page);
      await submit(page, 'losice');
      const b = await first(page);
      same(a.title, 'Spotkanie w Łosicach', 'first result for Łosice');
      same(b.title, a.title, 'first result for losice');
      expect(b.marks.includes('Łosicach'), `marks: ${b.marks}`);
    });
    await test('fixture: inflected "konsultacjach" finds both konsultacje announcements', async () => {
      await submit(page, 'konsultacjach');
      same((await shown(page)).map((r) => r.title).sort(), ['Konsultacje projektu strategii', 'Raport z konsultacji'], 'results');
    });
    await test('fixture: a prefix while typing ("ank") finds "Ankieta dla uczniów…"', async () => {
      await type(page, 'ank');
      same((await first(page)).title, 'Ankieta dla uczniów szkół średnich', 'first result');
    });
    await test('fixture: a prefix shorter than the shard names ("ko") reads every "ko…" shard', async () => {
      await type(page, 'ko');
      const found = titles(await shown(page));
      for (const t of ['Konsultacje projektu strategii', 'Raport z konsultacji', 'Ogłoszenie numer 5']) expect(found.includes(t), `"${t}" not found: ${found}`);
    });
    await test('fixture: a stopword ("dla") does not narrow the results', async () => {
      await submit(page, 'ankieta dla');
      same((await shown(page)).length, 1, 'results for "ankieta dla"');
    });
    await test('fixture: every word must match (AND): "konsultacje Łosice" finds only the report', async () => {
      await submit(page, 'konsultacje Łosice');
      same((await shown(page)).map((r) => r.title), ['Raport z konsultacji'], 'results');
    });
    await test('fixture: Polish plural forms in the live region (1 wynik, 2 wyniki, 5 wyników, 22 wyniki)', async () => {
      for (const [q, n] of [['komisja', '1 wynik'], ['narada', '2 wyniki'], ['sesja', '5 wyników'], ['zebranie', '22 wyniki']]) {
        await submit(page, q);
        same(await statusText(page), `Znaleziono ${n} dla „${q}”.`, `status for ${q}`);
      }
      expect(await page.getAttribute(STATUS, 'aria-live') === 'polite' && (await page.getAttribute(STATUS, 'role')) === 'status', 'the status is not a polite live region');
    });
    await test('fixture: equal scores keep index order (newest first), 10 at a time, "show more" moves focus', async () => {
      await submit(page, 'zebranie');
      const firstTen = await shown(page);
      same(firstTen.map((r) => r.title), Array.from({ length: 10 }, (_, k) => `Ogłoszenie numer ${k + 5}`), 'first ten');
      await page.click('[data-search-more]');
      await page.waitForFunction(() => document.querySelectorAll('[data-search-list] > li').length === 20);
      same(await page.evaluate(() => document.activeElement.textContent), 'Ogłoszenie numer 15', 'focus after "show more"');
      await page.click('[data-search-more]');
      await page.waitForFunction(() => document.querySelectorAll('[data-search-list] > li').length === 22);
      expect(await page.isHidden('[data-search-more]'), '"show more" is still shown after the last result');
    });
    await test('fixture: the snippet is cut around the first match, with "…" and <mark>', async () => {
      await submit(page, 'konsultacjach');
      const r = (await shown(page)).find((x) => x.title === 'Raport z konsultacji');
      expect(r.snippet.startsWith('…') && r.snippet.endsWith('…'), `snippet not cut on both sides: ${r.snippet}`);
      expect(r.marks.includes('konsultacjach') && r.marks.includes('konsultacji'), `marks: ${r.marks}`);
      const words = r.snippet.match(/[\p{L}\p{N}]+/gu).length;
      expect(words >= 25 && words <= 32, `snippet has ${words} words`);
    });
    await test('fixture: partnership and gmina filters (index fields ds and dg), names of partnerships shown', async () => {
      await submit(page, 'konsultacje');
      same((await shown(page)).map((r) => r.site), ['Razem dla Rozwoju', 'Ziemia Wysokomazowiecka'].sort(), 'partnership names (unfiltered)');
      await page.selectOption('#search-p', 'ziemia-wysokomazowiecka').catch(() => { throw new Error('no partnership filter on the page'); });
      await settled(page, 'konsultacje');
      same((await shown(page)).map((r) => r.href.replace(server.origin, '')), ['/ziemia-wysokomazowiecka/aktualnosci/konsultacje/'], 'filtered by partnership (a link through sites[].root)');
      await page.selectOption('#search-p', '');
      await page.selectOption('#search-g', 'Miasto i Gmina Łosice');
      await settled(page, 'konsultacje');
      same((await shown(page)).map((r) => r.title), ['Raport z konsultacji'], 'filtered by gmina');
      expect(new URL(page.url()).searchParams.get('g') === 'Miasto i Gmina Łosice', `the gmina is not in the URL: ${page.url()}`);
      await page.selectOption('#search-g', '');
    });
    await test('fixture: index text is shown as text, never as HTML', async () => {
      await submit(page, 'kodem');
      expect((await first(page)).title.startsWith('<img'), 'the title lost its text');
      same(await page.evaluate(() => [document.querySelectorAll('[data-search-list] img').length, window.__xss ?? null]), [0, null], 'images and script effects');
    });
    await test('fixture: nothing found (a word whose shard does not exist) shows the help with archive and tags', async () => {
      await submit(page, 'qqq');
      same(await statusText(page), 'Nie znaleziono ogłoszeń dla „qqq”.', 'status');
      expect(await page.isVisible('[data-search-help]'), 'no help shown');
      expect(await page.isHidden('[data-search-results]'), 'the results section is shown');
      expect((await page.$$('[data-search-help] a')).length >= 2, 'the help links fewer than two pages (archive, tags)');
    });
    await test('fixture: one letter asks for at least two', async () => {
      await page.fill('#search-q', 'ł');
      await page.press('#search-q', 'Enter');
      await page.waitForFunction((sel) => document.querySelector(sel).textContent === 'Wpisz co najmniej 2 litery.', STATUS, { timeout: 5000 });
      expect(await page.isHidden('[data-search-results]'), 'results are shown');
    });
    await test('fixture: ?q=&g= in the URL fills the form and searches on load', async () => {
      await page.goto(`${url}?q=ankieta&g=${encodeURIComponent('Miasto i Gmina Łosice')}`);
      await settled(page, 'ankieta');
      same(await page.inputValue('#search-g'), 'Miasto i Gmina Łosice', 'gmina filter');
      same(await statusText(page), 'Nie znaleziono ogłoszeń dla „ankieta”.', 'status');
      await page.goto(`${url}?q=sesja`);
      await settled(page, 'sesja');
      same(await page.inputValue('#search-q'), 'sesja', 'search field');
      same((await shown(page)).length, 5, 'results');
    });
    await test('fixture: an index file that cannot be loaded is reported in the live region', async () => {
      const broken = await newPage(browser);
      await broken.route('**/search-index/t-kon.js', (r) => r.abort());
      await broken.goto(`${url}?q=konsultacje`);
      await broken.waitForFunction((sel) => /wczytać/.test(document.querySelector(sel).textContent), STATUS, { timeout: 5000 });
      expect(await broken.isVisible('[data-search-help] a'), 'no archive link shown');
      expect(await broken.isHidden('[data-search-tips]'), 'spelling tips shown for a loading error');
      await broken.context().close();
    });
    await test('fixture: no JavaScript errors', async () => same(page.errors, [], 'errors'));
  } finally {
    await page.context().close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

// ---- the sample workspace ---------------------------------------------------------------------

/** The documents of a built site's index, read in node: { meta, docs }. */
function readIndex(siteDir) {
  const idx = { meta: null, docs: [] };
  const tablicaSearch = { meta: (m) => (idx.meta = m), terms: () => {}, docs: (n, list) => (idx.docs[n] = list) };
  const dir = join(siteDir, 'search-index');
  for (const f of readdirSync(dir).filter((f) => f === 'meta.js' || f.startsWith('d-'))) {
    new Function('tablicaSearch', readFileSync(join(dir, f), 'utf8'))(tablicaSearch);
  }
  idx.docs = idx.docs.flat();
  return idx;
}

/** The index document a result links to (by its address), with its site id. */
function docOf(idx, siteRoot, href) {
  const id = idx.docs.findIndex((d, i) => new URL(idx.meta.sites[idx.meta.ds[i]].root + d.u, siteRoot).href === href);
  expect(id >= 0, `no index document for ${href}`);
  return { ...idx.docs[id], site: idx.meta.sites[idx.meta.ds[id]].id };
}

/** The Markdown source of a result: content/<site>/<section>/<date>-<slug>.md. */
function sourceOf(site, href) {
  const [section, slug] = new URL(href).pathname.split('/').filter(Boolean).slice(-2);
  const folder = join(ROOT, 'content', site, section);
  const file = readdirSync(folder).find((f) => f.endsWith(`${slug}.md`));
  expect(file, `no source for ${href}`);
  return readFileSync(join(folder, file), 'utf8');
}

const titles = (rs) => rs.map((r) => r.title);

// Expected first results, from the sample content (content/razem-dla-rozwoju):
// titles outweigh bodies, so the announcement titled with the word comes first.
const KONSULTACJE = 'Konsultacje społeczne projektu strategii Partnerstwa'; // its body names Łosice twice, in the title of no page
const RAPORT = 'Raport z konsultacji: 53 uwagi, większość uwzględniona';
const STRATEGIA = 'Mamy wspólną strategię! Rady przyjęły dokument i pakiet projektów';
const ANKIETA = 'Jak się żyje w naszych gminach? Wypełnij ankietę'; // "Ankieta dla uczniów…" in its body

async function sampleTests(browser, dir, origin) {
  const root = `${origin}/${SITE}/`;
  const idx = readIndex(join(dir, SITE));
  const page = await newPage(browser);
  try {
    await page.goto(`${root}${SEARCH}`);
    await test('sample: "Łosice" and "losice" give the same results, first the consultation announcement', async () => {
      await submit(page, 'Łosice');
      const a = await shown(page);
      same(a[0]?.title, KONSULTACJE, 'first result for Łosice');
      same(await statusText(page), `Znaleziono ${a.length} wyników dla „Łosice”.`, 'live region');
      await submit(page, 'losice');
      same(titles(await shown(page)), titles(a), 'results for losice');
      expect((await first(page)).marks.includes('Łosicach'), 'Łosicach is not marked');
    });
    await test('sample: inflected forms: "konsultacjach" → the consultation report, "strategii" → the adopted strategy', async () => {
      await submit(page, 'konsultacjach');
      same((await first(page)).title, RAPORT, 'first result for konsultacjach');
      expect((await first(page)).marks.some((m) => /^konsultacj/i.test(m)), 'no konsultacj… word marked');
      await submit(page, 'strategii');
      same((await first(page)).title, STRATEGIA, 'first result for strategii');
    });
    await test('sample: several words must all match: "ankieta dla uczniów"', async () => {
      await submit(page, 'ankieta');
      const one = await statusText(page);
      await submit(page, 'ankieta dla uczniów');
      const r = await shown(page);
      same(r[0]?.title, ANKIETA, 'first result');
      expect(Number(/\d+/.exec(await statusText(page))[0]) < Number(/\d+/.exec(one)[0]), 'adding "uczniów" did not narrow the results');
      for (const x of r) expect(/uczni/i.test(sourceOf(SITE, x.href)), `"${x.title}" does not mention uczniów`);
    });
    await test('sample: a prefix while typing ("ankie") finds ankieta, and the URL keeps the query', async () => {
      await type(page, 'ankie');
      same((await first(page)).title, ANKIETA, 'first result for ankie');
      same(new URL(page.url()).searchParams.get('q'), 'ankie', 'q in the URL');
    });
    await test('sample: gmina filter: every result names the chosen gmina', async () => {
      await submit(page, 'strategii');
      const all = (await shown(page)).length;
      await page.selectOption('#search-g', 'Miasto i Gmina Łosice');
      await settled(page, 'strategii');
      const r = await shown(page);
      expect(r.length > 0 && r.length < all, `${r.length} of ${all} results with the filter`);
      for (const x of r) expect(docOf(idx, root, x.href).g.includes('Miasto i Gmina Łosice'), `"${x.title}" is not about Łosice`);
      await page.selectOption('#search-g', '');
    });
    await test('sample: a result link opens the announcement', async () => {
      await submit(page, 'konsultacjach');
      await page.click('[data-search-list] > li:first-child h3 a');
      await page.waitForLoadState();
      same((await page.textContent('h1')).replace(/\s+/g, ' '), RAPORT, 'h1 of the opened page');
    });
    await test('sample: nothing found: message, help with the archive and tag links', async () => {
      await page.goto(`${root}${SEARCH}`);
      await submit(page, 'xylofon');
      same(await statusText(page), 'Nie znaleziono ogłoszeń dla „xylofon”.', 'live region');
      expect(await page.isVisible('[data-search-help] a[href*="archiwum"]'), 'no archive link');
      expect(await page.isVisible('[data-search-help] a[href*="tagi"]'), 'no tags link');
    });
    await test('sample: the header search form of other pages leads to the results', async () => {
      await page.goto(root);
      await page.fill('#header-q', 'Łosice');
      await page.press('#header-q', 'Enter');
      await page.waitForURL(/szukaj\/\?q=/);
      await settled(page, 'Łosice');
      same((await first(page)).title, KONSULTACJE, 'first result');
      expect(!(await page.$('#header-q')), 'the search page repeats the header form');
    });
    await test('sample: no JavaScript errors', async () => same(page.errors, [], 'errors'));
  } finally {
    await page.context().close();
  }
}

async function hubTests(browser, dir, origin) {
  const root = `${origin}/${HUB}/`;
  const idx = readIndex(join(dir, HUB));
  const page = await newPage(browser);
  const titleOf = (id) => idx.meta.sites.find((s) => s.id === id).title;
  try {
    await test('hub: a word of one partnership ("Mirosławiec") finds only that partnership\'s pages, named in each result', async () => {
      await page.goto(`${root}${SEARCH}?q=Miros%C5%82awiec`);
      await settled(page, 'Mirosławiec');
      const r = await shown(page);
      expect(r.length >= 2, `${r.length} results`);
      same([...new Set(r.map((x) => x.site))], [titleOf('powiat-walecki')], 'partnerships named');
      for (const x of r) same(docOf(idx, root, x.href).site, 'powiat-walecki', `site of ${x.title}`);
      same(await page.inputValue('#search-q'), 'Mirosławiec', 'the field is filled from ?q=');
    });
    await test('hub: results link into the partnership sites', async () => {
      await submit(page, 'losice');
      const r = await first(page);
      same(r.title, KONSULTACJE, 'first result for losice');
      expect(r.href.startsWith(`${origin}/${SITE}/`), `link ${r.href}`);
      const resp = await page.request.get(r.href);
      same(resp.status(), 200, `HTTP status of ${r.href}`);
    });
    await test('hub: partnership filter', async () => {
      await submit(page, 'konsultacje');
      const all = (await shown(page)).length;
      await page.selectOption('#search-p', 'ziemia-wysokomazowiecka');
      await settled(page, 'konsultacje');
      const r = await shown(page);
      expect(r.length > 0 && r.length < all, `${r.length} of ${all}`);
      same([...new Set(r.map((x) => x.site))], [titleOf('ziemia-wysokomazowiecka')], 'partnerships named');
      same(new URL(page.url()).searchParams.get('p'), 'ziemia-wysokomazowiecka', 'p in the URL');
    });
    await test('hub: partnership and gmina filters from the URL on load', async () => {
      await page.goto(`${root}${SEARCH}?q=strategia&g=${encodeURIComponent('Gmina Klukowo')}`);
      await settled(page, 'strategia');
      same(await page.inputValue('#search-g'), 'Gmina Klukowo', 'gmina field');
      const r = await shown(page);
      expect(r.length > 0, 'no results');
      for (const x of r) expect(docOf(idx, root, x.href).g.includes('Gmina Klukowo'), `"${x.title}" is not about Klukowo`);
      await page.goto(`${root}${SEARCH}?q=strategia&p=razem-dla-rozwoju&g=${encodeURIComponent('Gmina Klukowo')}`);
      await settled(page, 'strategia');
      same(await statusText(page), 'Nie znaleziono ogłoszeń dla „strategia”.', 'Klukowo is not in Razem dla Rozwoju');
    });
    await test('hub: query latency (submit to results on screen), cold and warm, printed', async () => {
      const time = async (q) => {
        await page.fill('#search-q', q);
        const t0 = await page.evaluate(() => performance.now());
        await page.press('#search-q', 'Enter');
        await page.waitForFunction(
          (q) => !document.querySelector('[data-search-results]').hasAttribute('aria-busy') && document.querySelector('[data-search-list] li') && document.querySelector('#search-q').value === q,
          q,
          { polling: 'raf' },
        );
        return (await page.evaluate(() => performance.now())) - t0;
      };
      await page.goto(`${root}${SEARCH}`);
      const cold = await time('konsultacje');
      const warm = [];
      for (const q of ['strategia', 'ankieta', 'warsztaty', 'Serock', 'konsultacje projektu']) warm.push(await time(q));
      warm.sort((a, b) => a - b);
      latency = { cold, warm: warm[Math.floor(warm.length / 2)] };
      console.log(`       latency on the hub: first search ${cold.toFixed(0)} ms (loads the index), then median ${latency.warm.toFixed(0)} ms`);
      // Printed, not judged: speed is measured by bench/search-latency.mjs.
      expect(Number.isFinite(cold) && Number.isFinite(latency.warm), 'no time measured');
    });
    await test('hub: no JavaScript errors', async () => same(page.errors, [], 'errors'));
  } finally {
    await page.context().close();
  }
}
let latency = null;

async function a11yTests(browser, origin) {
  // A fresh page per colour scheme: axe read stale colours after emulateMedia switched one page.
  const withResults = async (url, colorScheme) => {
    const page = await newPage(browser, { colorScheme });
    await page.goto(url);
    await settled(page, 'konsultacje');
    // More than 10 results: show the next ones too, and wait until they are there.
    if (await page.isVisible('[data-search-more]')) {
      await page.click('[data-search-more]');
      await page.waitForFunction(() => document.querySelectorAll('[data-search-list] > li').length > 10);
    }
    return page;
  };
  for (const site of [SITE, HUB]) {
    const url = `${origin}/${site}/${SEARCH}?q=konsultacje`;
    const page = await withResults(url, 'light');
    try {
      await test(`a11y ${site}: axe (${AXE_TAGS.join(', ')}) with results shown`, async () => same(await axe(page), [], 'violations'));
      await test(`a11y ${site}: axe colour rules in dark mode and in high contrast`, async () => {
        const dark = await withResults(url, 'dark');
        same(await axe(dark, DARK_RULES), [], 'dark mode violations');
        await dark.context().close();
        const hc = await withResults(url, 'light');
        await hc.evaluate(() => document.documentElement.classList.add('hc'));
        same(await axe(hc, DARK_RULES), [], 'high contrast violations');
        await hc.context().close();
      });
      await test(`a11y ${site}: 320 px wide with results: no horizontal scrolling`, async () => {
        await page.setViewportSize({ width: 320, height: 640 });
        same(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true, 'fits in 320 px');
        await page.setViewportSize({ width: 1280, height: 800 });
      });
      await test(`a11y ${site}: keyboard: Tab goes from the field to the button, the filters and the results; focus is visible`, async () => {
        await page.focus('#search-q');
        const order = [];
        for (let i = 0; i < 5; i++) {
          await page.keyboard.press('Tab');
          order.push(await page.evaluate(() => {
            const a = document.activeElement;
            const cs = getComputedStyle(a);
            return { id: a.id || a.localName + (a.closest('[data-search-list]') ? ' in results' : ''), ring: cs.outlineStyle !== 'none' || cs.boxShadow !== 'none' || cs.backgroundColor === 'rgb(255, 221, 0)' };
          }));
        }
        const ids = order.map((o) => o.id);
        const want = ['button', ...(site === HUB ? ['search-p', 'search-g'] : ['search-g'])];
        same(ids.slice(0, want.length), want, 'Tab order after the field');
        expect(ids.includes('a in results'), `the results are not reached by Tab: ${ids}`);
        expect(order.every((o) => o.ring), `focus without a visible style: ${ids}`);
      });
    } finally {
      await page.context().close();
    }
  }
}

/** The site built for a subfolder of a server (base URL with a path), served under that path. */
async function subfolderTests(browser, tmp) {
  const prefix = '/gmina/portale/partnerstwa/';
  const out = join(tmp, 'sub');
  build(join(out, prefix), ['--base-url', `https://urzad.example.org${prefix}`]);
  const server = await serve(out);
  const page = await newPage(browser);
  try {
    for (const site of [SITE, HUB]) {
      await test(`subfolder ${prefix}: search on ${site} finds and links the right pages`, async () => {
        await page.goto(`${server.origin}${prefix}${site}/${SEARCH}?q=losice`);
        await settled(page, 'losice');
        const r = await first(page);
        same(r.title, KONSULTACJE, 'first result');
        expect(r.href.startsWith(`${server.origin}${prefix}${SITE}/`), `link ${r.href}`);
        same((await page.request.get(r.href)).status(), 200, `HTTP status of ${r.href}`);
      });
    }
    await test('subfolder: no JavaScript errors', async () => same(page.errors, [], 'errors'));
  } finally {
    await page.context().close();
    await server.close();
  }
}

/** `build --relative` opened from disk: index files load as scripts, links end in index.html. */
async function fileTests(browser, tmp) {
  const out = join(tmp, 'relative');
  build(out, ['--relative']);
  const page = await newPage(browser);
  try {
    for (const site of [SITE, HUB]) {
      await test(`file:// (--relative): search on ${site} works and links files`, async () => {
        await page.goto(`${pathToFileURL(join(out, site, SEARCH, 'index.html')).href}?q=losice`);
        await settled(page, 'losice');
        const r = await first(page);
        same(r.title, KONSULTACJE, 'first result');
        expect(r.href.startsWith('file://') && r.href.endsWith('/index.html'), `link ${r.href}`);
        expect(existsSync(fileURLToPath(r.href)), `${r.href} does not exist`);
      });
    }
    await test('file://: following a result opens the page', async () => {
      await page.click('[data-search-list] > li:first-child h3 a');
      await page.waitForLoadState();
      same((await page.textContent('h1')).replace(/\s+/g, ' '), KONSULTACJE, 'h1');
    });
    await test('file://: no JavaScript errors', async () => same(page.errors, [], 'errors'));
  } finally {
    await page.context().close();
  }
}

/** What a page opened from disk loaded: style sheets, images, and where its links lead. */
async function fromDisk(page) {
  return page.evaluate(() => ({
    title: document.querySelector('h1')?.textContent.replace(/\s+/g, ' ').trim() ?? null,
    sheets: [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => ({ href: l.href, loaded: l.sheet !== null })),
    // The theme's own font stack, not the browser's default serif.
    styled: !/^"?Times/.test(getComputedStyle(document.body).fontFamily),
    images: [...document.images].filter((i) => i.loading !== 'lazy').map((i) => ({ src: i.src, ok: i.complete && i.naturalWidth > 0 })),
    links: [...document.querySelectorAll('a[href]')].map((a) => a.href).filter((h) => h.startsWith('file:')),
  }));
}

/** Every style sheet and image loaded, and every link leads to a file that exists. */
function expectWorksFromDisk(seen, failed) {
  expect(seen.sheets.length > 0 && seen.sheets.every((s) => s.loaded), `style sheets: ${JSON.stringify(seen.sheets)}`);
  expect(seen.styled, 'the page is not styled');
  const broken = seen.images.filter((i) => !i.ok).map((i) => i.src);
  same(broken, [], 'images that did not load');
  const missing = seen.links.map((h) => fileURLToPath(h.split(/[?#]/)[0])).filter((f) => !existsSync(f) || !/\.[a-z0-9]+$/i.test(f));
  same(missing, [], 'links to no file (a folder link opens no index.html from disk)');
  same(failed, [], 'requests that failed');
}

/** `tablica package`: each zip, extracted, works opened from disk. */
async function packageTests(browser, tmp) {
  const packages = join(tmp, 'packages');
  const r = spawnSync(TABLICA, ['--root', ROOT, 'package', '--to', packages], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tablica package failed:\n${r.stdout}${r.stderr}`);
  const page = await newPage(browser);
  const failed = [];
  // A request cut short by the next navigation (ERR_ABORTED) is no missing file.
  // Chromium refuses captions tracks (.vtt) on file:// pages, each file
  // being its own origin: the video plays, its captions show only when
  // served. That is the browser's rule, not a missing file.
  const captions = (url) => url.endsWith('.vtt');
  page.on('requestfailed', (q) => q.failure()?.errorText !== 'net::ERR_ABORTED' && !captions(q.url()) && failed.push(`${q.failure()?.errorText}: ${q.url()}`));
  try {
    for (const site of [SITE, HUB]) {
      const to = join(tmp, 'unzipped');
      const names = unzip(join(packages, `${site}.zip`), to);
      await test(`package ${site}: says how to open it`, async () => {
        expect(names.includes(`${site}/JAK-OTWORZYC.txt`), 'no JAK-OTWORZYC.txt');
        expect(readFileSync(join(to, site, 'JAK-OTWORZYC.txt'), 'utf8').includes('index.html'), 'the note names no index.html');
      });
      await test(`package ${site}: the home page opened from disk is styled and its links lead to files`, async () => {
        failed.length = 0;
        await page.goto(pathToFileURL(join(to, site, 'index.html')).href);
        await page.waitForLoadState('load');
        expectWorksFromDisk(await fromDisk(page), failed);
      });
      await test(`package ${site}: following links opens styled pages`, async () => {
        const home = await fromDisk(page);
        const targets = home.links.filter((h) => !h.endsWith(`${site}/index.html`) && h.endsWith('/index.html')).slice(0, 5);
        expect(targets.length >= 3, `too few page links: ${targets.length}`);
        for (const href of targets) {
          failed.length = 0;
          await page.goto(pathToFileURL(join(to, site, 'index.html')).href);
          await page.click(`a[href="${await page.$$eval('a[href]', (as, h) => as.find((a) => a.href === h)?.getAttribute('href'), href)}"] >> nth=0`);
          await page.waitForLoadState('load');
          same(page.url(), href, 'the page opened');
          const seen = await fromDisk(page);
          expect(seen.title, `no h1 on ${href}`);
          expectWorksFromDisk(seen, failed);
        }
      });
    }
    await test('package: no JavaScript errors', async () => same(page.errors.filter((e) => !/Unsafe attempt to load URL file:.*\.vtt/.test(e)), [], 'errors'));
  } finally {
    await page.context().close();
  }
}

async function main() {
  const args = {};
  for (const a of process.argv.slice(2)) {
    const [, k, v] = /^--(only|dir|keep)(?:=(.+))?$/.exec(a) ?? [];
    if (!k || (k !== 'keep') !== (v !== undefined)) throw new Error(`unknown argument ${a} (--only=PARTS, --dir=BUILD, --keep)`);
    args[k] = v ?? true;
  }
  const only = new Set(args.only ? args.only.split(',') : PARTS);
  for (const p of only) if (!PARTS.includes(p)) throw new Error(`unknown part "${p}" (parts: ${PARTS.join(', ')})`);
  if (!existsSync(TABLICA)) throw new Error(`${TABLICA} is missing: run \`cargo build\``);
  const tmp = mkdtempSync(join(tmpdir(), 'tablica-search-'));
  const browser = await launch();
  try {
    const dir = args.dir ? resolve(args.dir) : join(tmp, 'public');
    if (!args.dir) build(dir);
    if (!existsSync(join(dir, SITE, SEARCH, 'index.html'))) throw new Error(`${SITE}/${SEARCH}index.html was not built: is the search page in the Rust side yet?`);
    if (only.has('fixture')) await fixtureTests(browser, dir);
    if (['sample', 'hub', 'a11y'].some((p) => only.has(p))) {
      const server = await serve(dir);
      try {
        if (only.has('sample')) await sampleTests(browser, dir, server.origin);
        if (only.has('hub')) await hubTests(browser, dir, server.origin);
        if (only.has('a11y')) await a11yTests(browser, server.origin);
      } finally {
        await server.close();
      }
    }
    if (only.has('subfolder')) await subfolderTests(browser, tmp);
    if (only.has('file')) await fileTests(browser, tmp);
    if (only.has('package')) await packageTests(browser, tmp);
  } finally {
    await browser.close();
    if (!args.keep) rmSync(tmp, { recursive: true, force: true });
    else console.log(`search: kept ${tmp}`);
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`search: ${results.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

setTimeout(() => {
  console.error(`search: gave up after ${WATCHDOG_S} s (in "${current()}")`);
  process.exit(2);
}, WATCHDOG_S * 1000).unref();
try {
  process.exitCode = await main();
} catch (e) {
  console.error(`search: ${e.message}`);
  process.exitCode = 2;
}
