#!/usr/bin/env node
// The editor (`tablica edytor`) in a real browser, as a clerk uses it.
//
//   node tests/browser/editor.mjs                 every test
//   node tests/browser/editor.mjs --only=paste    tests whose name contains a word
//   node tests/browser/editor.mjs --keep          keep the temp workspace
//   TABLICA_SCREENSHOTS=docs/screenshots node tests/browser/editor.mjs   also PNGs for the clerks' guide
//
// It copies the sample workspace (config.yaml, content/, themes/, static/)
// to a temp folder, starts `$TABLICA_BIN edytor --root <copy> --port 0
// --no-open`, reads the address from its line `Edytor: http://…/edytor/`
// and works through the editor's pages in Chromium (playwright-core):
// creating an announcement with a photo and a PDF and publishing it,
// pasting from Word, saving a hand-written file without touching its front
// matter, a conflict between two tabs, unsaved work after a reload, and
// axe-core, 320 px reflow and the skip link on every screen, light and
// dark. The last line is `editor: N passed, M failed`.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AXE_SOURCE, AXE_TAGS, REFLOW_WIDTH } from './lib/pages.mjs';
import { current, launch, results, ROOT, TABLICA, test } from './lib/harness.mjs';

const WATCHDOG_S = 900;
const START_TIMEOUT = 180_000;
const PUBLISH_TIMEOUT = 180_000;
const SITE = 'ziemia-wysokomazowiecka';
const OTHER_SITE = 'razem-dla-rozwoju';
// A hand-written sample: date written 21.09.2020, signature and source keys.
const SAMPLE = 'aktualnosci/2020-09-21-razem-w-centrum-wsparcia-doradczego.md';
const PHOTO = join(ROOT, 'tests', 'fixtures', 'photos', 'telefon.jpg');
const ASSETS = join(ROOT, 'src', 'serve', 'editor', 'assets');

// ---- the workspace and the editor -------------------------------------------------

/**
 * A temp copy of the sample workspace; SITE gets a `deploy:` folder
 * (served/ in the copy) so that "Wyślij na serwer" can be tried.
 */
function workspace() {
  const ws = mkdtempSync(join(tmpdir(), 'tablica-editor-'));
  for (const part of ['config.yaml', 'content', 'themes', 'static']) {
    if (existsSync(join(ROOT, part))) cpSync(join(ROOT, part), join(ws, part), { recursive: true });
  }
  const served = join(ws, 'served');
  mkdirSync(served);
  const config = readFileSync(join(ws, 'config.yaml'), 'utf8');
  const entry = `  - id: ${SITE}\n`;
  if (!config.includes(entry)) throw new Error(`config.yaml has no site ${SITE}`);
  writeFileSync(join(ws, 'config.yaml'), config.replace(entry, `${entry}    deploy: ${served}/\n`));
  return ws;
}

/** The output folder of the workspace (config.yaml's output_dir, default public/). */
function outputDir(ws) {
  const config = readFileSync(join(ws, 'config.yaml'), 'utf8');
  const m = /^(?:output_dir|output):\s*["']?([^"'\s#]+)/m.exec(config);
  return resolve(ws, m ? m[1] : 'public');
}

/** Starts the editor; resolves to {url, origin, stop(), log()} once it printed its address. */
function startEditor(ws, extra = []) {
  const child = spawn(TABLICA, ['edytor', '--root', ws, '--port', '0', '--no-open', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const log = () => out;
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      stopEditor(child);
      fail(new Error(`no "Edytor: http://…" line within ${START_TIMEOUT / 1000} s; output:\n${out}`));
    }, START_TIMEOUT);
    const read = (chunk) => {
      out += chunk;
      // "Edytor:" in Polish, "Editor:" with --lang en.
      const m = /(?:Edytor|Editor):\s*(http:\/\/127\.0\.0\.1:\d+)(\/edytor\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ url: m[1] + m[2], origin: m[1], log, stop: () => stopEditor(child) });
      }
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', (c) => { out += c; });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`tablica edytor exited with ${code}:\n${out}`));
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
  });
}

function stopEditor(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 3000).unref();
  });
}

/** The front matter of a page file: its bytes up to and with the closing `---` line. */
function frontMatter(text) {
  const m = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
  return m ? m[0] : null;
}

/** A tiny valid PDF (one page, "Zaproszenie") with a title and a language. */
function tinyPdf() {
  const content = 'BT /F1 24 Tf 72 770 Td (Zaproszenie na spotkanie) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /Lang (pl-PL) >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    '<< /Title (Zaproszenie na spotkanie) >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Like the harness's expect, but the lines after the first (details) are printed, not cut off. */
function ensure(ok, what) {
  if (ok) return;
  const [first, ...rest] = String(what).split('\n');
  for (const line of rest) console.log(`       ${line}`);
  throw new Error(first);
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

// ---- pages in the browser ----------------------------------------------------------

/** A fresh browser context and page that records what went wrong in it. */
async function openContext(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'pl-PL', reducedMotion: 'reduce', bypassCSP: true, ...options });
  const page = await watched(await context.newPage());
  return { context, page };
}

/** Records uncaught errors, console errors and failed /api/ requests; accepts beforeunload. */
function watched(page) {
  page.errors = [];
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => page.errors.push(`uncaught: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && page.errors.push(`console: ${m.text()}`));
  page.on('response', (r) => r.status() >= 400 && r.url().includes('/api/') && page.errors.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`));
  page.on('dialog', (d) => d.accept().catch(() => {}));
  return page;
}

/** Fails on what the page recorded, except what `allowed` (regexps) expects. */
function noErrors(page, allowed = []) {
  const left = page.errors.filter((e) => !allowed.some((re) => re.test(e)));
  ensure(left.length === 0, `errors in the page: ${left.join('; ')}`);
}

/** GET an /api/ address with the page's token, as the editor does. */
function apiGet(page, path) {
  return page.evaluate(async (p) => {
    const token = document.querySelector('meta[name="tablica-token"]').content;
    const r = await fetch(p, { headers: { 'X-Tablica-Token': token } });
    return r.json();
  }, path);
}

const editHash = (site, path) => `#/edit/${encodeURIComponent(site)}/${path.split('/').map(encodeURIComponent).join('/')}`;

/** Opens the edit screen of a page and waits for its first preview. */
async function openEdit(page, ed, site, path) {
  await page.goto(ed.url + editHash(site, path));
  await page.waitForSelector('#f-body');
  await previewDone(page);
}

/** Waits until a preview newer than `after` came back. */
async function previewDone(page, after = 0) {
  await page.waitForFunction((n) => {
    const pane = document.getElementById('preview-pane');
    return pane && Number(pane.dataset.seq || 0) > n && !pane.hasAttribute('aria-busy');
  }, after, { timeout: 30_000 }).catch(async () => {
    const err = await page.textContent('#preview-error').catch(() => '');
    throw new Error(`no preview came back${err ? `: ${err}` : ''}; errors: ${page.errors.join('; ')}`);
  });
  return page.evaluate(() => Number(document.getElementById('preview-pane').dataset.seq));
}

const previewSeq = (page) => page.evaluate(() => Number(document.getElementById('preview-pane')?.dataset.seq || 0));

/** The text of the preview frame's page. */
const previewText = (page) => page.evaluate(() => (document.getElementById('preview-frame')?.contentDocument?.body?.textContent ?? '').replace(/\s+/g, ' '));

/** Waits for `fn` (in the page) to be true, with a message naming what was awaited. */
async function until(page, fn, arg, what, timeout = 15_000) {
  await page.waitForFunction(fn, arg, { timeout }).catch(async () => {
    throw new Error(`${what} (status: "${(await page.textContent('#app-status').catch(() => '')).trim()}"; errors: ${page.errors.join('; ') || 'none'})`);
  });
}

/** Types at the end of the body like a person. */
async function typeAtEnd(page, text) {
  await page.focus('#f-body');
  await page.evaluate(() => {
    const ta = document.getElementById('f-body');
    ta.setSelectionRange(ta.value.length, ta.value.length);
  });
  await page.keyboard.type(text, { delay: 5 });
}

async function clickSave(page) {
  const [reply] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/save')), page.click('#save-button')]);
  return reply;
}

async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: AXE_SOURCE });
  const r = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], iframes: false }), AXE_TAGS);
  return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(' ')}: ${(n.failureSummary || '').split('\n').slice(1).join(' ').trim()}`));
}

/** Elements that stick out at 320 px, or null. */
function overflow() {
  const de = document.documentElement;
  if (de.scrollWidth <= de.clientWidth) return null;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > de.clientWidth + 1 && getComputedStyle(el).position !== 'fixed') out.push(el);
  }
  const inner = out.filter((el) => !out.some((o) => o !== el && el.contains(o)));
  return `${de.scrollWidth} > ${de.clientWidth}: ${inner.slice(0, 4).map((el) => el.localName + (el.id ? `#${el.id}` : '') + (el.className ? `.${String(el.className).split(' ')[0]}` : '')).join(', ')}`;
}

/** axe in light and dark, and reflow at 320 px, of the screen as it is now. */
async function checkScreen(page, name) {
  const faults = [];
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(50);
    for (const v of await axe(page)) faults.push(`${name} (${scheme}): ${v}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  const size = page.viewportSize();
  await page.setViewportSize({ width: REFLOW_WIDTH, height: 640 });
  await page.waitForTimeout(100);
  const wide = await page.evaluate(overflow);
  if (wide) faults.push(`${name}: horizontal scrolling at ${REFLOW_WIDTH} px: ${wide}`);
  await page.setViewportSize(size);
  return faults;
}

// ---- the tests ------------------------------------------------------------------------

async function stringsTests(ed) {
  await test('strings: en.json has every key of pl.json, and the page has no {{placeholder}} left', async () => {
    const pl = JSON.parse(readFileSync(join(ASSETS, 'pl.json'), 'utf8'));
    const en = JSON.parse(readFileSync(join(ASSETS, 'en.json'), 'utf8'));
    const missing = Object.keys(pl).filter((k) => !(k in en));
    const extra = Object.keys(en).filter((k) => !(k in pl));
    ensure(!missing.length && !extra.length, `en.json lacks ${missing.join(', ') || '-'}; has extra ${extra.join(', ') || '-'}`);
    const html = await (await fetch(ed.url)).text();
    const left = html.match(/\{\{[^}]*\}\}/g);
    ensure(!left, `unfilled placeholders in the page: ${left?.join(' ')}`);
    ensure(/<html lang="pl">/.test(html), 'no <html lang="pl">');
    ensure(/<meta name="tablica-token" content="[^"{]+">/.test(html), 'no token in <meta name="tablica-token">');
  });
  await test('api: a request without the token is refused with 403', async () => {
    const r = await fetch(`${ed.origin}/api/sites`);
    ensure(r.status === 403, `GET /api/sites without X-Tablica-Token: expected 403, got ${r.status}`);
  });
}

/** The new-announcement form (date defaults to today) opens the edit screen of a draft; returns its path. */
async function fillNewAnnouncement(page, ed, title) {
  await page.goto(`${ed.url}#/`);
  await page.click(`[data-new-site="${SITE}"]`);
  await page.waitForSelector('#new-title');
  ensure((await page.inputValue('#new-date')) === today(), 'the date does not default to today');
  await page.fill('#new-title', title);
  await page.fill('#new-date', today());
  await page.click('#new-submit');
  await page.waitForSelector('#f-body');
  const path = decodeURIComponent(new URL(page.url()).hash.split('/').slice(3).join('/'));
  ensure(path.endsWith('.md'), `the edit screen's address names no file: ${page.url()}`);
  ensure((await page.inputValue('#f-title')) === title, 'the title is not in the form');
  ensure(await page.isChecked('#f-draft'), 'a new announcement is not a draft');
  return path;
}

/** Summary, a municipality and a typed body; the preview shows the title and the body. */
async function writeAndPreview(page, title) {
  let seq = await previewDone(page);
  await page.fill('#f-summary', 'Zapraszamy mieszkańców na spotkanie o planowanych ścieżkach rowerowych.');
  await page.getByLabel('Gmina Klukowo', { exact: true }).check();
  await page.fill('#f-body', '');
  await page.focus('#f-body');
  await page.keyboard.type('Zapraszamy na spotkanie w świetlicy wiejskiej w Klukowie.\n\nPorozmawiamy o trasach łączących gminy partnerstwa.', { delay: 2 });
  seq = await previewDone(page, seq);
  // The page's typography binds one-letter words with a no-break space: compare words.
  await until(page, (t) => (document.getElementById('preview-frame').contentDocument?.body?.textContent ?? '').replace(/\s+/g, ' ').includes(t), title, 'the preview does not show the title');
  ensure((await previewText(page)).includes('trasach łączących'), 'the preview does not show the body');
}

/** A photo (size and dimensions shown) and a PDF (type, size, title from the file name); returns the photo's file. */
async function uploadPhotoAndPdf(page) {
  await page.setInputFiles('#f-photos', PHOTO);
  await page.waitForSelector('#gallery-list > li[data-file]');
  const photo = await page.getAttribute('#gallery-list > li[data-file]', 'data-file');
  const info = await page.textContent('#gallery-list > li .media-row__info');
  ensure(/\d+ kB, \d+ × \d+ px/.test(info), `the photo's size reads "${info}"`);
  await page.setInputFiles('#f-documents', { name: 'Zaproszenie na spotkanie.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
  await page.waitForSelector('#attachment-list > li[data-file]');
  const docInfo = await page.textContent('#attachment-list > li .media-row__info');
  ensure(/^PDF, \d+ B$|^PDF, \d+ kB$/.test(docInfo.trim()), `the PDF's type and size read "${docInfo}"`);
  ensure((await page.inputValue('#attachment-list input[id^="attachment-title-"]')) === 'Zaproszenie na spotkanie', 'the attachment title is not taken from the file name');
  return photo;
}

/** The photo's missing description is a problem next to it, in the summary and counts, and goes once typed. */
async function altProblemAppearsAndGoes(page, photo) {
  await until(page, () => document.querySelectorAll('#gallery-list > li .problems li').length > 0, null,
    `no problem about the photo's missing description appeared next to it (${photo})`);
  const altProblem = await page.textContent('#gallery-list > li .problems li');
  ensure(/Błąd:|Uwaga:/.test(altProblem), `the problem has no "Błąd:"/"Uwaga:" prefix: ${altProblem}`);
  const described = await page.getAttribute('#gallery-list input[id^="gallery-alt-"]', 'aria-describedby');
  ensure(described && described.includes('-problems'), 'the alt input is not described by its problem');
  ensure(await page.isVisible('#error-summary'), 'the error summary is not shown');
  const counts = await page.textContent('#problem-counts');
  ensure(/błąd|błędy|błędów|ostrzeżen/.test(counts), `the counts read "${counts}"`);

  await page.fill('#gallery-list input[id^="gallery-alt-"]', 'Uczestnicy spotkania oglądają mapę planowanych ścieżek rowerowych');
  await until(page, () => document.querySelectorAll('#gallery-list > li .problems li').length === 0, null,
    'the problem about the photo did not go away after the description was typed');
}

/** "Opublikuj": the file is no longer a draft, the list says so and the page is built; returns the reply, the listing and the url. */
async function publishAndFindBuiltPage(page, ws, path, photo) {
  const [published] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/publish'), { timeout: PUBLISH_TIMEOUT }),
    page.click('#publish-button'),
  ]);
  const reply = await published.json();
  await page.waitForSelector('#publish-panel.is-ok, #publish-panel.is-failed', { timeout: PUBLISH_TIMEOUT });
  const panel = (await page.textContent('#publish-panel')).replace(/\s+/g, ' ');
  ensure(reply.ok === true, `POST /api/publish: expected ok:true, got ${JSON.stringify(reply).slice(0, 600)}`);
  ensure(await page.isVisible('#publish-panel.is-ok'), `the publish panel says: ${panel}`);
  ensure(!(await page.isChecked('#f-draft')), 'the draft switch is still on after publishing');
  const onDisk = readFileSync(join(ws, 'content', SITE, path), 'utf8');
  ensure(!/^draft:\s*true/m.test(onDisk), 'the file still says draft: true');
  ensure(onDisk.includes('Uczestnicy spotkania oglądają mapę'), 'the photo description is not in the file');
  ensure(onDisk.includes(photo), 'the gallery photo is not in the file');
  const listed = (await apiGet(page, `/api/pages?site=${SITE}`)).pages.find((p) => p.path === path);
  ensure(listed && !listed.draft, `GET /api/pages does not list ${path} as published: ${JSON.stringify(listed)}`);
  const url = reply.url || listed.url;
  const built = join(outputDir(ws), ...url.split('/').filter(Boolean), 'index.html');
  ensure(existsSync(built), `the built page ${built} does not exist`);
  ensure(readFileSync(built, 'utf8').includes('ścieżek rowerowych'), 'the built page does not carry the title');
  return { reply, listed, url };
}

/** "Wyślij na serwer": the site has a deploy: folder in this workspace. */
async function deployToFolder(page, ws, url) {
  await page.click('#deploy-button');
  await until(page, () => /Wysłano na serwer|nie powiodło/.test(document.getElementById('deploy-text')?.textContent || ''), null,
    'the deploy did not finish', PUBLISH_TIMEOUT);
  const deployText = await page.textContent('#deploy-text');
  ensure(deployText.includes('Wysłano na serwer'), `the deploy says: ${deployText}`);
  ensure(await page.evaluate(() => { const p = document.getElementById('deploy-progress'); return p.value === p.max; }), 'the progress bar is not full');
  ensure(existsSync(join(ws, 'served', ...url.split('/').filter(Boolean).slice(1), 'index.html')), 'the page was not sent to the deploy folder');
}

async function createTest(browser, ed, ws) {
  const title = 'Spotkanie w sprawie ścieżek rowerowych';
  const { context, page } = await openContext(browser);
  try {
    await test('create: new announcement through the form, photo and PDF, alt problem, publish, check', async () => {
      const path = await fillNewAnnouncement(page, ed, title);
      await writeAndPreview(page, title);
      const photo = await uploadPhotoAndPdf(page);
      await altProblemAppearsAndGoes(page, photo);
      const { reply, listed, url } = await publishAndFindBuiltPage(page, ws, path, photo);
      await deployToFolder(page, ws, url);

      const check = spawnSync(TABLICA, ['check', '--root', ws], { encoding: 'utf8' });
      ensure(check.status === 0, `tablica check exited ${check.status}:\n${(check.stdout + check.stderr).slice(-1500)}`);
      noErrors(page);
      ensure(typeof reply.url === 'string' && reply.url === listed.url, `POST /api/publish {site, path}: expected "url": "${listed.url}" (spec), got ${JSON.stringify(reply.url)}`);
    });
  } finally {
    await context.close();
  }
}

async function pasteTest(browser, ed) {
  const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">
<style><!-- p.MsoNormal {margin:0cm; font-family:"Calibri",sans-serif;} --></style></head>
<body lang=PL style='tab-interval:35.4pt'><!--StartFragment-->
<h1>Zebranie wiejskie<o:p></o:p></h1>
<p class=MsoNormal>Sołtys <b><span style='font-size:12.0pt'>zaprasza</span></b> na zebranie<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>otwarcie zebrania<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>wybór przewodniczącego<o:p></o:p></p>
<!--EndFragment--></body></html>`;
  const expected = '## Zebranie wiejskie\n\nSołtys **zaprasza** na zebranie\n\n- otwarcie zebrania\n- wybór przewodniczącego';
  const { context, page } = await openContext(browser);
  try {
    await test('paste: Word HTML on the clipboard becomes clean Markdown in the body', async () => {
      await openEdit(page, ed, OTHER_SITE, SAMPLE);
      await page.fill('#f-body', '');
      await page.focus('#f-body');
      await page.evaluate((clip) => {
        const data = new DataTransfer();
        data.setData('text/html', clip);
        data.setData('text/plain', 'Zebranie wiejskie Sołtys zaprasza na zebranie otwarcie zebrania wybór przewodniczącego');
        document.getElementById('f-body').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, html);
      await page.waitForFunction(() => document.getElementById('f-body').value.trim() !== '', null, { timeout: 10_000 })
        .catch(() => { throw new Error('nothing was inserted'); });
      const got = await page.inputValue('#f-body');
      ensure(got.trim() === expected, `expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
      await until(page, () => document.getElementById('app-status').textContent.includes('Wklejono tekst z Worda jako Markdown'), null, 'the status does not say the paste was converted');
      noErrors(page);
    });
  } finally {
    await context.close();
  }
}

async function frontMatterTest(browser, ed, ws) {
  // A file as a clerk writes it by hand: Polish keys, comments, a Polish date.
  const polish = 'aktualnosci/2021-02-01-zebranie-recznie.md';
  const polishText = `---
# Ogłoszenie napisane ręcznie, z polskimi nazwami pól.
tytuł: "Zebranie w sprawie funduszu sołeckiego"
data: 01.02.2021   # data publikacji
opis: "Sołtysi zapraszają mieszkańców na zebrania wiejskie."
tagi: [fundusz-solecki, zebrania]
kategorie: [Ogłoszenia]
gminy: [Gmina Klukowo]
podpis: "W imieniu Partnerstwa – Wójt Gminy Klukowo"
---

Zapraszamy na zebrania wiejskie w sprawie funduszu sołeckiego.
`;
  writeFileSync(join(ws, 'content', SITE, polish), polishText);
  const files = [[OTHER_SITE, SAMPLE], [SITE, polish]];
  const { context, page } = await openContext(browser);
  try {
    for (const [site, path] of files) {
      await test(`front matter: editing only the body of ${path} keeps its front matter byte for byte`, async () => {
        const file = join(ws, 'content', site, path);
        const before = readFileSync(file, 'utf8');
        const head = frontMatter(before);
        ensure(head, `${path} has no front matter`);
        await openEdit(page, ed, site, path);
        await typeAtEnd(page, '\nDopisek redaktora: spotkanie przeniesiono do sali konferencyjnej.\n');
        const reply = await clickSave(page);
        ensure(reply.status() === 200, `POST /api/save: expected 200, got ${reply.status()} ${(await reply.text()).slice(0, 300)}`);
        await until(page, () => /Zapisano/.test(document.getElementById('save-state').textContent), null, 'the save state does not say "Zapisano"');
        const after = readFileSync(file, 'utf8');
        ensure(after.includes('Dopisek redaktora'), 'the body change is not in the file');
        const headAfter = frontMatter(after);
        ensure(headAfter === head, `the front matter changed:\n--- before\n${head}--- after\n${headAfter}`);
        ensure(await page.evaluate(({ s, p }) => localStorage.getItem(`tablica:draft:${s}:${p}`) === null, { s: site, p: path }), 'the unsaved-work copy was not cleared by saving');
        noErrors(page);
      });
    }
  } finally {
    await context.close();
  }
}

async function conflictTest(browser, ed, ws) {
  const path = 'aktualnosci/2020-10-26-pierwsze-spotkanie-zespolu-roboczego.md';
  const file = join(ws, 'content', OTHER_SITE, path);
  const { context, page: a } = await openContext(browser);
  const b = watched(await context.newPage());
  try {
    await test('conflict: two tabs save the same file; the second sees both versions, nothing on disk is lost', async () => {
      await openEdit(a, ed, OTHER_SITE, path);
      await openEdit(b, ed, OTHER_SITE, path);
      await typeAtEnd(a, '\nZmiana z karty A.\n');
      const saved = await clickSave(a);
      ensure(saved.status() === 200, `tab A: POST /api/save gave ${saved.status()}`);
      await typeAtEnd(b, '\nZmiana z karty B.\n');
      const refused = await clickSave(b);
      ensure(refused.status() === 409, `tab B: POST /api/save: expected 409, got ${refused.status()}`);
      await b.waitForSelector('#conflict-dialog[open]');
      const mine = await b.inputValue('#conflict-mine');
      const disk = await b.inputValue('#conflict-disk');
      ensure(mine.includes('Zmiana z karty B.') && !mine.includes('Zmiana z karty A.'), 'the "Twoja wersja" box does not show tab B\'s text');
      ensure(disk.includes('Zmiana z karty A.'), 'the "Wersja na dysku" box does not show tab A\'s text');
      ensure(await b.evaluate(() => document.activeElement?.closest('#conflict-dialog') !== null), 'focus is not in the conflict panel');
      ensure(readFileSync(file, 'utf8').includes('Zmiana z karty A.'), "tab A's change is no longer on disk");
      const conflictFaults = await checkScreen(b, 'conflict panel');
      ensure(!conflictFaults.length, conflictFaults.join('\n'));

      await b.click('#conflict-take-disk');
      await b.waitForSelector('#conflict-dialog', { state: 'detached' });
      ensure((await b.inputValue('#f-body')).includes('Zmiana z karty A.'), "taking the disk's version did not load it");
      await b.waitForSelector('#lost-panel');
      ensure((await b.inputValue('#lost-text')).includes('Zmiana z karty B.'), "tab B's text is not kept in the lost panel");
      const lostFaults = await checkScreen(b, 'lost version panel');
      ensure(!lostFaults.length, lostFaults.join('\n'));
      const lost = await b.evaluate((key) => localStorage.getItem(key), `tablica:lost:${OTHER_SITE}:${path}`);
      ensure(lost && lost.includes('Zmiana z karty B.'), "tab B's text is not in localStorage under the lost key");
      ensure(readFileSync(file, 'utf8').includes('Zmiana z karty A.'), "tab A's change is no longer on disk");
      noErrors(a);
      noErrors(b, [/HTTP 409: POST .*\/api\/save/]);
    });
    await test('conflict: "Zachowaj moją wersję" saves over the disk version', async () => {
      await typeAtEnd(a, '\nDruga zmiana z karty A.\n');
      const refused = await clickSave(a);
      ensure(refused.status() === 200 || refused.status() === 409, `tab A: POST /api/save gave ${refused.status()}`);
      // A saved last, so its own revision is still current: make it stale by a save in B.
      await typeAtEnd(b, '\nZmiana z karty B po konflikcie.\n');
      const r = await clickSave(b);
      ensure(r.status() === 409, `tab B: expected 409 after tab A saved again, got ${r.status()}`);
      await b.waitForSelector('#conflict-dialog[open]');
      const [forced] = await Promise.all([b.waitForResponse((x) => x.url().includes('/api/save')), b.click('#conflict-keep-mine')]);
      ensure(forced.status() === 200, 'the forced save did not succeed');
      await until(b, () => !document.getElementById('conflict-dialog'), null, 'the conflict panel did not close');
      ensure(readFileSync(file, 'utf8').includes('Zmiana z karty B po konflikcie.'), "tab B's version is not on disk");
      noErrors(b, [/HTTP 409: POST .*\/api\/save/]);
    });
  } finally {
    await context.close();
  }
}

async function restoreTest(browser, ed) {
  const path = 'aktualnosci/2021-02-15-wyniki-badan-ankietowych.md';
  const { context, page } = await openContext(browser);
  try {
    await test('restore: unsaved text comes back after a reload, with a notice', async () => {
      await openEdit(page, ed, OTHER_SITE, path);
      const original = await page.inputValue('#f-body');
      await typeAtEnd(page, '\nTekst, którego nie zapisano.\n');
      await until(page, (key) => (localStorage.getItem(key) || '').includes('Tekst, którego nie zapisano.'), `tablica:draft:${OTHER_SITE}:${path}`,
        'the unsaved text is not in localStorage');
      await page.reload();
      await page.waitForSelector('#f-body');
      await page.waitForSelector('#restore-notice');
      ensure((await page.inputValue('#f-body')).includes('Tekst, którego nie zapisano.'), 'the unsaved text did not come back');
      const notice = await page.textContent('#restore-notice');
      ensure(/Przywrócono niezapisane zmiany z \d/.test(notice), `the notice reads "${notice}"`);
      const faults = await checkScreen(page, 'restore notice');
      ensure(!faults.length, faults.join('\n'));
      await page.click('#restore-discard');
      ensure((await page.inputValue('#f-body')) === original, 'discarding did not bring back the file\'s text');
      noErrors(page);
    });
  } finally {
    await context.close();
  }
}

async function toolbarTest(browser, ed) {
  const path = 'aktualnosci/2021-05-12-wywiady-i-debata-o-dolinie-bugu.md';
  const { context, page } = await openContext(browser);
  try {
    await test('toolbar: Nagłówek, Lista, Lista numerowana, Ctrl+B, Ctrl+K with the inline link field, Zdjęcie', async () => {
      await openEdit(page, ed, OTHER_SITE, path);
      const set = (value, start, end = start) => page.evaluate(([v, s, e]) => {
        const ta = document.getElementById('f-body');
        ta.value = v;
        ta.focus();
        ta.setSelectionRange(s, e);
      }, [value, start, end]);
      const body = () => page.inputValue('#f-body');
      await set('Harmonogram\n\nTekst', 3);
      await page.click('#tool-heading');
      ensure((await body()) === '## Harmonogram\n\nTekst', `Nagłówek gave ${JSON.stringify(await body())}`);
      await set('jeden\ndwa', 0, 9);
      await page.click('#tool-list');
      ensure((await body()) === '- jeden\n- dwa', `Lista gave ${JSON.stringify(await body())}`);
      await set('jeden\ndwa', 0, 9);
      await page.click('#tool-numbered');
      ensure((await body()) === '1. jeden\n2. dwa', `Lista numerowana gave ${JSON.stringify(await body())}`);
      await set('to ważne słowo', 3, 8);
      await page.keyboard.press('Control+b');
      ensure((await body()) === 'to **ważne** słowo', `Ctrl+B gave ${JSON.stringify(await body())}`);
      await set('wyniki ankiet', 0, 13);
      await page.keyboard.press('Control+k');
      ensure(await page.evaluate(() => document.activeElement?.id === 'link-url'), 'Ctrl+K did not move focus to the link address field');
      ensure((await page.inputValue('#link-text')) === 'wyniki ankiet', 'the link text is not the selected text');
      await page.keyboard.press('Enter');
      ensure((await page.getAttribute('#link-url', 'aria-invalid')) === 'true', 'an empty address is not marked invalid');
      await page.keyboard.type('https://example.org/wyniki');
      await page.keyboard.press('Enter');
      ensure((await body()) === '[wyniki ankiet](https://example.org/wyniki)', `Link gave ${JSON.stringify(await body())}`);
      ensure(await page.evaluate(() => document.activeElement?.id === 'f-body'), 'focus did not come back to the body');
      await set('abc', 3);
      await page.click('#tool-link');
      await page.keyboard.press('Escape');
      ensure(await page.isHidden('#link-panel') && (await body()) === 'abc', 'Escape did not close the link field without a change');
      await page.setInputFiles('#f-photos', PHOTO);
      await page.waitForSelector('#gallery-list > li[data-file]');
      const photo = await page.getAttribute('#gallery-list > li[data-file]', 'data-file');
      await set('', 0);
      await page.click('#tool-image');
      await page.selectOption('#image-file', photo);
      await page.fill('#image-alt', 'Mapa doliny Bugu');
      await page.click('#image-insert');
      ensure((await body()) === `![Mapa doliny Bugu](${photo})`, `Zdjęcie gave ${JSON.stringify(await body())}`);
      noErrors(page);
    });
  } finally {
    await context.close();
  }
}

async function uploadErrorTest(browser, ed) {
  const path = 'aktualnosci/2021-05-12-wywiady-i-debata-o-dolinie-bugu.md';
  const { context, page } = await openContext(browser);
  try {
    await test('upload: a HEIC photo is refused, and the server\'s sentence is shown next to the photo field', async () => {
      await openEdit(page, ed, OTHER_SITE, path);
      await page.setInputFiles('#f-photos', join(ROOT, 'tests', 'fixtures', 'photos', 'z-iphone.heic'));
      await page.waitForSelector('#f-photos-problems li');
      const said = await page.textContent('#f-photos-problems li');
      ensure(/^Błąd:/.test(said.trim()) && /z-iphone\.heic/.test(said) && /HEIC|JPEG/.test(said), `the field says "${said}"`);
      ensure((await page.getAttribute('#f-photos', 'aria-invalid')) === 'true', 'the photo field is not aria-invalid');
      ensure((await page.getAttribute('#f-photos', 'aria-describedby')).includes('f-photos-problems'), 'the photo field is not described by its problem');
      ensure(await page.evaluate(() => document.querySelectorAll('#gallery-list > li').length === 0), 'a refused photo was added to the gallery');
      noErrors(page, [/HTTP 415: POST .*\/api\/upload/]);
    });
  } finally {
    await context.close();
  }
}

async function englishTest(browser) {
  const ws = workspace();
  const { context, page } = await openContext(browser);
  let ed = null;
  try {
    await test('english: --lang en shows the English words, lang="en" and English plurals', async () => {
      ed = await startEditor(ws, ['--lang', 'en']);
      await page.goto(`${ed.url}#/`);
      await page.waitForSelector('#sites');
      ensure((await page.getAttribute('html', 'lang')) === 'en', 'the page is not lang="en"');
      ensure((await page.textContent('h1')).trim() === 'Announcements', `the h1 reads "${await page.textContent('h1')}"`);
      const count = await page.textContent(`[data-site="${SITE}"] .site__count`);
      ensure(/^\d+ announcements?$/.test(count.trim()), `the count reads "${count}"`);
      ensure(await page.isVisible(`[data-new-site="${SITE}"]:has-text("New announcement")`), 'no "New announcement" button');
      noErrors(page);
    });
  } finally {
    await context.close();
    await ed?.stop();
    rmSync(ws, { recursive: true, force: true });
  }
}

/** The first Tab reaches the skip link, Enter moves focus into <main> and keeps the screen. */
async function skipLinkMovesFocusIntoMain(page, ed) {
  await page.goto(`${ed.url}#/`);
  await page.waitForSelector('#sites');
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => ({ id: document.activeElement?.id, href: document.activeElement?.getAttribute('href') }));
  ensure(first.id === 'skip-link' && first.href === '#main', `the first Tab focused ${JSON.stringify(first)}`);
  await page.keyboard.press('Enter');
  ensure(await page.evaluate(() => document.getElementById('main').contains(document.activeElement)), 'Enter on the skip link did not move focus into <main>');
  ensure(new URL(page.url()).hash === '#/', 'the skip link changed the screen');
}

/** The list screen, with one h1; returns its faults. */
async function listScreenFaults(page, ed) {
  await page.goto(`${ed.url}#/`);
  await page.waitForSelector('#sites');
  const faults = await checkScreen(page, 'list');
  ensure(await page.evaluate(() => document.querySelectorAll('h1').length === 1), 'the list has not one h1');
  return faults;
}

/** The new-announcement screen (focus on the h1) and its failed submit (focus on the summary); returns their faults. */
async function newScreenFaults(page) {
  const faults = [];
  await page.click(`[data-new-site="${SITE}"]`);
  await page.waitForSelector('#new-title');
  ensure(await page.evaluate(() => document.activeElement?.id === 'page-heading'), 'focus is not on the h1 after the screen change');
  faults.push(...await checkScreen(page, 'new'));
  await page.fill('#new-title', '');
  await page.click('#new-submit');
  await page.waitForSelector('#new-summary:not([hidden])');
  ensure(await page.evaluate(() => document.activeElement?.id === 'new-summary'), 'focus is not on the error summary after a failed submit');
  ensure((await page.getAttribute('#new-title', 'aria-invalid')) === 'true', 'the empty title is not aria-invalid');
  faults.push(...await checkScreen(page, 'new with errors'));
  return faults;
}

/** Body problems are prefixed "Błąd:"/"Uwaga:", "Przejdź do linii" selects the line, the counts read right. */
async function bodyProblemsGoToLine(page, ed, path) {
  await openEdit(page, ed, OTHER_SITE, path);
  const seq = await previewSeq(page);
  await typeAtEnd(page, '\n\nWięcej: [kliknij tutaj](https://example.org/)\n\n![](brak-takiego-zdjecia.jpg)\n');
  await previewDone(page, seq);
  await until(page, () => document.querySelectorAll('#f-body-problems li').length > 0, null, 'no problems listed under the body');
  const body = await page.$$eval('#f-body-problems li', (li) => li.map((x) => x.textContent));
  ensure(body.every((t) => /^(Błąd|Uwaga):/.test(t.trim())), `problems without "Błąd:"/"Uwaga:": ${body.join(' | ')}`);
  const go = await page.$('#f-body-problems button[data-goto-line]');
  ensure(go, 'no "Przejdź do linii" button');
  const line = Number(await go.getAttribute('data-goto-line'));
  await go.click();
  const picked = await page.evaluate(() => {
    const ta = document.getElementById('f-body');
    return { focused: document.activeElement === ta, line: ta.value.slice(0, ta.selectionStart).split('\n').length };
  });
  ensure(picked.focused && picked.line === line, `"Przejdź do linii ${line}" selected line ${picked.line} (focused: ${picked.focused})`);
  ensure(/\d+ (błąd|błędy|błędów), \d+ (ostrzeżenie|ostrzeżenia|ostrzeżeń)/.test(await page.textContent('#problem-counts')), 'the counts are not "N błędów, M ostrzeżeń"');
}

/** Everything the form can show at once: event, consultation, a photo, a document, the link field; returns its faults. */
async function fullEditScreenFaults(page) {
  await page.check('#f-event-toggle');
  await page.check('#f-consultation-toggle');
  await page.setInputFiles('#f-photos', PHOTO);
  await page.waitForSelector('#gallery-list > li[data-file]');
  await page.setInputFiles('#f-documents', { name: 'program.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
  await page.waitForSelector('#attachment-list > li[data-file]');
  await page.focus('#f-body');
  await page.keyboard.press('Control+k');
  await page.waitForSelector('#link-panel:not([hidden])');
  await previewDone(page, await previewSeq(page) - 1);
  const faults = await checkScreen(page, 'edit with problems');
  await page.keyboard.press('Escape');
  return faults;
}

/** The publish result panel; returns its faults. */
async function publishResultFaults(page) {
  await page.click('#publish-button');
  await page.waitForSelector('#publish-panel.is-ok, #publish-panel.is-failed', { timeout: PUBLISH_TIMEOUT });
  return checkScreen(page, 'publish result');
}

async function a11yTest(browser, ed, ws) {
  const path = 'aktualnosci/2021-03-24-warsztaty-strategiczne-online.md';
  const file = join(ws, 'content', OTHER_SITE, path);
  const original = readFileSync(file);
  const { context, page } = await openContext(browser);
  try {
    await test('a11y: the first Tab reaches the skip link, Enter moves focus into <main>', async () => {
      await skipLinkMovesFocusIntoMain(page, ed);
    });
    await test('a11y: axe (light, dark) and 320 px reflow on every screen, focus on the h1 after a screen change', async () => {
      const faults = [];
      faults.push(...await listScreenFaults(page, ed));
      faults.push(...await newScreenFaults(page));
      await bodyProblemsGoToLine(page, ed, path);
      faults.push(...await fullEditScreenFaults(page));
      faults.push(...await publishResultFaults(page));
      ensure(faults.length === 0, `${faults.length} faults:\n    ${faults.join('\n    ')}`);
      noErrors(page);
    });
  } finally {
    await context.close();
    writeFileSync(file, original);
  }
}

/**
 * The pictures of the clerks' guide (content/cwd/poradnik-redaktora/ and
 * docs/pl/ use these names): the list, a new announcement's form with the
 * preview and the problem of a photo without a description under the
 * gallery, and the publish result with "Wyślij na serwer".
 */
async function screenshotTest(browser, ed, dir) {
  const { context, page } = await openContext(browser, { deviceScaleFactor: 1 });
  try {
    await test(`screenshots: edytor-lista.png, edytor-formularz.png, edytor-publikacja.png → ${dir}`, async () => {
      mkdirSync(dir, { recursive: true });
      await page.goto(`${ed.url}#/`);
      await page.waitForSelector('#sites');
      await page.screenshot({ path: join(dir, 'edytor-lista.png') });

      await page.click(`[data-new-site="${SITE}"]`);
      await page.fill('#new-title', 'Warsztaty o transporcie między gminami');
      await page.click('#new-submit');
      await page.waitForSelector('#f-body');
      let seq = await previewDone(page);
      await page.fill('#f-summary', 'Zapraszamy mieszkańców na warsztaty o wspólnych liniach autobusowych.');
      await page.getByLabel('Gmina Szepietowo', { exact: true }).check();
      await page.fill('#f-body', 'Zapraszamy na warsztaty o tym, jak lepiej połączyć gminy partnerstwa autobusami.\n\n## Program\n\n- rozkłady jazdy i przesiadki,\n- dojazdy do szkół,\n- wspólny bilet.');
      seq = await previewDone(page, seq);
      await page.setInputFiles('#f-photos', PHOTO);
      await until(page, () => document.querySelectorAll('#gallery-list > li .problems li').length > 0, null, 'no problem about the photo');
      await previewDone(page, seq);
      await page.evaluate(() => {
        document.activeElement?.blur();
        const row = document.querySelector('#gallery-list > li');
        window.scrollTo(0, row.getBoundingClientRect().top + window.scrollY - 220);
      });
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(dir, 'edytor-formularz.png') });

      await page.fill('#gallery-list input[id^="gallery-alt-"]', 'Przystanek autobusowy przy drodze między polami');
      await page.click('#publish-button');
      await page.waitForSelector('#publish-panel.is-ok, #publish-panel.is-failed', { timeout: PUBLISH_TIMEOUT });
      ensure(await page.isVisible('#publish-panel.is-ok'), `not published: ${(await page.textContent('#publish-panel')).replace(/\s+/g, ' ')}`);
      ensure(await page.isVisible('#deploy-button'), 'no "Wyślij na serwer" button');
      await page.evaluate(() => {
        document.activeElement?.blur();
        const panel = document.getElementById('publish-panel');
        window.scrollTo(0, panel.getBoundingClientRect().top + window.scrollY - 300);
      });
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(dir, 'edytor-publikacja.png') });
    });
  } finally {
    await context.close();
  }
}

// ---- main ------------------------------------------------------------------------------

async function main() {
  const args = { only: null, keep: false };
  for (const a of process.argv.slice(2)) {
    const [, k, v] = /^--(only|keep)(?:=(.+))?$/.exec(a) ?? [];
    if (!k || (k === 'only') !== (v !== undefined)) throw new Error(`unknown argument ${a} (--only=WORDS, --keep)`);
    args[k] = v ?? true;
  }
  if (!existsSync(TABLICA)) throw new Error(`${TABLICA} is missing: run \`cargo build\` or set TABLICA_BIN`);
  const wanted = (name) => !args.only || args.only.split(',').some((w) => name.includes(w));
  const ws = workspace();
  const ed = await startEditor(ws);
  const browser = await launch();
  try {
    if (wanted('strings')) await stringsTests(ed);
    if (wanted('create')) await createTest(browser, ed, ws);
    if (wanted('paste')) await pasteTest(browser, ed);
    if (wanted('front')) await frontMatterTest(browser, ed, ws);
    if (wanted('conflict')) await conflictTest(browser, ed, ws);
    if (wanted('restore')) await restoreTest(browser, ed);
    if (wanted('toolbar')) await toolbarTest(browser, ed);
    if (wanted('upload')) await uploadErrorTest(browser, ed);
    if (wanted('english')) await englishTest(browser);
    if (wanted('a11y')) await a11yTest(browser, ed, ws);
    const shots = process.env.TABLICA_SCREENSHOTS;
    if (shots && wanted('screenshots')) await screenshotTest(browser, ed, resolve(shots));
  } finally {
    await browser.close();
    await ed.stop();
    if (args.keep) console.log(`editor: kept ${ws}`);
    else rmSync(ws, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.ok).length;
  if (failed) console.log(`editor: the editor's output:\n${ed.log().split('\n').slice(-30).join('\n')}`);
  console.log(`editor: ${results.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

setTimeout(() => {
  console.error(`editor: gave up after ${WATCHDOG_S} s (in "${current()}")`);
  process.exit(2);
}, WATCHDOG_S * 1000).unref();
try {
  process.exitCode = await main();
} catch (e) {
  console.error(`editor: ${e.message}`);
  process.exitCode = 2;
}
