#!/usr/bin/env node
// Tablica's accessibility tests in a real browser. See README.md here.
//
//   node tests/browser/run.mjs               build the sample workspace, check every page
//   node tests/browser/run.mjs --self-test   plant faults in a copy of one site; they must be found
//
// Options: --only=axe,dark,reflow,keyboard,links,vnu   --pages=SUBSTRING   --dir=BUILT_OUTPUT
//          --verbose (one line per fault)   --json=FILE (all faults)   --keep (keep temp files)
//          --profile (time spent in each step)
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const require = createRequire(import.meta.url);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TABLICA = process.env.TABLICA_BIN ?? join(ROOT, 'target', 'debug', 'tablica');
const PARTS = ['keyboard', 'axe', 'dark', 'reflow', 'links', 'vnu'];
const CONCURRENCY = 2;
const WATCHDOG_S = 600;

// ---- arguments ----------------------------------------------------------------

function parseArgs(argv) {
  const o = { selfTest: false, only: new Set(PARTS), pages: null, dir: null, verbose: false, json: null, keep: false, profile: false };
  for (const a of argv) {
    const [k, v] = a.split(/=(.*)/s);
    if (['--only', '--pages', '--dir', '--json'].includes(k) && !v) die(`${k} needs a value: ${k}=…`);
    if (k === '--self-test') o.selfTest = true;
    else if (k === '--only') {
      o.only = new Set(v.split(',').map((s) => s.trim()).filter(Boolean));
      for (const p of o.only) if (!PARTS.includes(p)) die(`unknown part "${p}" in --only (parts: ${PARTS.join(', ')})`);
    } else if (k === '--pages') o.pages = v;
    else if (k === '--dir') o.dir = resolve(v);
    else if (k === '--verbose') o.verbose = true;
    else if (k === '--json') o.json = resolve(v);
    else if (k === '--keep') o.keep = true;
    else if (k === '--profile') o.profile = true;
    else die(`unknown argument ${a}`);
  }
  return o;
}

class Fatal extends Error {}
function die(msg) {
  throw new Fatal(msg);
}

// ---- build, files, pages ------------------------------------------------------------

function build(root, outDir, extra = []) {
  if (!existsSync(TABLICA)) die(`${relative(process.cwd(), TABLICA)} is missing: run \`cargo build\` (tests/run-all.sh builds it with \`cargo test\`)`);
  const r = spawnSync(TABLICA, ['--root', root, 'build', '--output', outDir, ...extra], { cwd: root, encoding: 'utf8' });
  const text = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status !== 0) {
    console.error(text);
    die(`\`tablica build\` failed (exit ${r.status ?? r.signal})`);
  }
  // The totals line ("5 witryn, 305 stron, 0,6 s"), not the photos' line after it.
  const lines = text.split('\n');
  return lines.findLast((l) => /witryn|sites?,/.test(l)) ?? lines.pop();
}

function htmlFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.html?$/i.test(e.name))
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .filter((f) => !relative(dir, f).split(sep).some((s) => s.startsWith('.'))) // staging folders
    .sort();
}

/** URL path of an HTML file: a/b/index.html → /a/b/ (percent-encoded). */
function urlPathOf(dir, file) {
  const parts = relative(dir, file).split(sep).map(encodeURIComponent);
  if (parts.at(-1) === 'index.html') parts[parts.length - 1] = '';
  return '/' + parts.join('/');
}

// ---- the checks -------------------------------------------------------------------------

async function launchBrowser() {
  if (!existsSync(CHROMIUM)) die(`${CHROMIUM} not found: install Debian's chromium (tests/browser/setup.sh does)`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Checks the HTML `files` of the output folder `dir`; resolves to { faults, pages, urls }. */
async function checkOutput(dir, files, only) {
  const { serve } = await import('./lib/server.mjs');
  const { checkPages } = await import('./lib/pages.mjs');
  const { checkLinks } = await import('./lib/links.mjs');
  const { runVnu } = await import('./lib/vnu.mjs');
  const pathOf = (f) => urlPathOf(dir, f);
  const paths = files.map(pathOf);
  const server = await serve(dir);
  // vnu runs in its own process while the browser works.
  const vnu = only.has('vnu') ? runVnu(dir, files, pathOf) : Promise.resolve({ faults: [] });
  let browser = null;
  try {
    const browserParts = ['keyboard', 'axe', 'dark', 'reflow', 'links'].filter((p) => only.has(p));
    let faults = [];
    let checked = 0;
    let version = '';
    if (browserParts.length) {
      browser = await launchBrowser();
      version = browser.version();
      const res = await checkPages(browser, server.origin, paths, only, CONCURRENCY);
      faults = res.faults;
      if (only.has('links')) {
        const l = await checkLinks(server.origin, res.results);
        faults.push(...l.faults);
        checked = l.checked;
      }
    }
    faults.push(...(await vnu).faults);
    return { faults, pages: paths.length, urls: checked, chromium: version };
  } finally {
    await browser?.close().catch(() => {});
    await server.close();
  }
}

// ---- reporting ------------------------------------------------------------------------------

const clip = (s, n) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

function printFaults(faults, verbose) {
  const order = ['error', 'keyboard', 'axe', 'axe-dark', 'reflow', 'links', 'vnu'];
  const sorted = [...faults].sort(
    (a, b) => order.indexOf(a.check) - order.indexOf(b.check) || a.rule.localeCompare(b.rule) || a.target.localeCompare(b.target) || a.page.localeCompare(b.page),
  );
  if (verbose) {
    for (const f of sorted) {
      const loc = f.where ?? f.page;
      console.log(`  ${loc}  ${f.check} ${f.rule} (${f.impact})${f.target ? ` ${clip(f.target, 120)}` : ''}: ${f.help}${f.detail ? ` — ${clip(f.detail, 200)}` : ''}`);
    }
    return;
  }
  // The same fault on many elements and pages (a colour pair, a footer link,
  // an HTML error in a template) is shown once, with examples of where.
  const byTarget = (f) => f.check === 'links' || f.check === 'reflow' || f.check === 'keyboard';
  const keyOf = (f) =>
    byTarget(f) ? [f.check, f.rule, f.target, f.help] : f.check === 'vnu' ? [f.check, f.rule, f.help] : [f.check, f.rule, f.impact, f.help, f.detail];
  const groups = new Map();
  for (const f of sorted) {
    const key = keyOf(f).join('\u0000');
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(f);
  }
  const some = (list, n, width) => list.slice(0, n).map((x) => clip(x, width)).join(', ') + (list.length > n ? `, … (+${list.length - n})` : '');
  for (const fs of groups.values()) {
    const f = fs[0];
    const where = [...new Set(fs.map((x) => x.where ?? x.page))].sort();
    const pages = new Set(fs.map((x) => x.page)).size;
    const targets = byTarget(f) ? [] : [...new Set(fs.map((x) => x.target).filter(Boolean))];
    const head = `${f.check} ${f.rule} (${f.impact})${byTarget(f) ? ` ${clip(f.target, 120)}` : ''}: ${f.help}`;
    console.log(`✗ ${head}${f.detail ? ` — ${clip(f.detail, 240)}` : ''}`);
    console.log(`    ${fs.length}× on ${pages} page${pages === 1 ? '' : 's'}: ${some(where, 3, 90)}${targets.length ? `; elements: ${some(targets, 3, 60)}` : ''}`);
  }
}

function countBy(faults) {
  const c = {};
  for (const f of faults) c[f.check] = (c[f.check] ?? 0) + 1;
  return Object.entries(c).map(([k, v]) => `${k} ${v}`).join(', ');
}

function versions(chromium) {
  const v = (p) => JSON.parse(readFileSync(require.resolve(`${p}/package.json`), 'utf8')).version;
  return `chromium ${chromium || '-'}, playwright-core ${v('playwright-core')}, axe-core ${v('axe-core')}, vnu-jar ${v('vnu-jar')}`;
}

// ---- main run ---------------------------------------------------------------------------------

async function mainRun(o) {
  const t0 = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), 'tablica-a11y-'));
  try {
    let dir = o.dir;
    if (dir && !existsSync(dir)) die(`--dir: ${dir} does not exist`);
    if (!dir) {
      dir = join(tmp, 'public');
      console.log(`a11y: build: ${build(ROOT, dir)}`);
    }
    let files = htmlFiles(dir);
    if (o.pages) files = files.filter((f) => urlPathOf(dir, f).includes(o.pages));
    if (files.length === 0) die(`no HTML pages in ${dir}${o.pages ? ` matching "${o.pages}"` : ''}`);
    const r = await checkOutput(dir, files, o.only);
    console.log(`a11y: ${versions(r.chromium)}; checked ${[...o.only].join(', ')}${o.only.has('links') ? ` (${r.urls} internal URLs)` : ''} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (o.profile) {
      const { timings } = await import('./lib/pages.mjs');
      console.log(`a11y: browser time by step (s, summed over pages): ${Object.entries(timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(', ')}`);
    }
    printFaults(r.faults, o.verbose);
    if (o.json) writeFileSync(o.json, JSON.stringify(r.faults, null, 2));
    if (r.faults.length) console.log(`a11y: faults by check: ${countBy(r.faults)}`);
    console.log(`a11y: ${r.pages} pages, ${r.faults.length} violations`);
    return r.faults.length ? 1 : 0;
  } finally {
    if (!o.keep) rmSync(tmp, { recursive: true, force: true });
    else console.log(`a11y: kept ${tmp}`);
  }
}

// ---- self-test: planted faults must be found ----------------------------------------------------

// A 1×1 grey PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==', 'base64');
const PLANT_PAGE = 'zasadzone-bledy';
const PLANT_CSS = `
/* self-test: planted faults */
main p { color: #aaa !important; background: #fff !important; }
@media (prefers-color-scheme: dark) { main li { color: #333 !important; background: #000 !important; } }
img[src*="plant-no-alt"] { display: block !important; min-width: 1000px !important; max-width: none !important; }
a[href^="#"] { display: none !important; }
`;

const PLANT_SKIP_PAGE = `<!DOCTYPE html>
<html lang="pl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Zasadzony błąd odnośnika</title></head>
<body><a href="#plant-brak">Przejdź do treści</a><main id="tresc"><h1>Zasadzony błąd</h1><p>Odnośnik „Przejdź do treści” prowadzi donikąd.</p></main></body>
</html>
`;

/** The workspace's config.yaml with only its first non-hub site. */
function oneSiteConfig(text) {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^sites:\s*(#.*)?$/.test(l));
  if (start < 0) die('config.yaml has no "sites:" list');
  const blocks = [];
  let indent = null;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i];
    if (/^[^\s#-]/.test(l)) {
      end = i;
      break;
    }
    const m = /^(\s*)- id:\s*["']?([\w.-]+)/.exec(l);
    if (m && (indent === null || m[1] === indent)) {
      indent = m[1];
      blocks.push({ id: m[2], from: i });
    }
  }
  blocks.forEach((b, i) => (b.to = i + 1 < blocks.length ? blocks[i + 1].from : end));
  const site = blocks.find((b) => !lines.slice(b.from, b.to).some((l) => /^\s+hub:\s*true\b/.test(l)));
  if (!site) die('config.yaml has no partnership site (one without hub: true)');
  const block = lines.slice(site.from, site.to);
  let base = `/${site.id}/`;
  const url = block.map((l) => /^\s+base_url:\s*["']?([^"'\s#]+)/.exec(l)).find(Boolean);
  if (url) {
    try {
      base = new URL(url[1]).pathname.replace(/\/?$/, '/');
    } catch {
      /* keep the default */
    }
  }
  const out = [...lines.slice(0, start + 1), ...block, ...lines.slice(end)];
  return { id: site.id, base, yaml: out.join('\n') };
}

async function selfTest(o) {
  const t0 = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), 'tablica-a11y-self-'));
  try {
    // A workspace with one site of the sample, its theme and static files.
    const ws = join(tmp, 'ws');
    const { id, base, yaml } = oneSiteConfig(readFileSync(join(ROOT, 'config.yaml'), 'utf8'));
    mkdirSync(join(ws, 'content'), { recursive: true });
    writeFileSync(join(ws, 'config.yaml'), yaml);
    // dereference: real copies, never links back into the repository.
    const copy = (from, to) => cpSync(join(ROOT, from), join(ws, to), { recursive: true, dereference: true });
    copy('themes', 'themes');
    if (existsSync(join(ROOT, 'static'))) copy('static', 'static');
    copy(join('content', id), join('content', id));
    // Every planted file must be inside the temp folder.
    const wsReal = realpathSync(ws) + sep;
    const plant = (path, write) => {
      mkdirSync(dirname(path), { recursive: true });
      const real = existsSync(path) ? realpathSync(path) : join(realpathSync(dirname(path)), basename(path));
      if (!real.startsWith(wsReal)) die(`refusing to plant a fault outside the temp workspace: ${real}`);
      write(path);
    };

    // The planted faults: an image without alt (axe image-alt, vnu), a
    // paragraph with too little contrast (axe color-contrast), a list item
    // with too little contrast in dark mode only (dark), a hidden skip link
    // (keyboard), an image 1000 px wide (reflow), a link to a page that does
    // not exist (links). The image is raw HTML: Markdown's `![](x.png)`
    // becomes alt="" (a decorative image), which no checker can object to.
    plant(join(ws, 'static', 'plant-no-alt.png'), (f) => writeFileSync(f, PNG));
    plant(join(ws, 'content', id, `${PLANT_PAGE}.md`), (f) => writeFileSync(
      f,
      `---\ntitle: "Zasadzone błędy"\n---\nAkapit PLANTED-LOW-CONTRAST o zbyt słabym kontraście.\n\n- PLANTED-DARK-ONLY: za słaby kontrast tylko w trybie ciemnym\n\n<img src="${base}plant-no-alt.png">\n\nOdnośnik do [strony, której nie ma](/plant-nie-istnieje/).\n`,
    ));
    let cssCount = 0;
    for (const e of readdirSync(join(ws, 'themes'), { recursive: true, withFileTypes: true })) {
      if (e.isFile() && e.name.endsWith('.css')) {
        plant(join(e.parentPath ?? e.path, e.name), (f) => appendFileSync(f, PLANT_CSS));
        cssCount++;
      }
    }
    if (!cssCount) die('the theme has no .css file to plant faults in');

    const dir = join(tmp, 'public');
    // The planted faults are content errors `tablica build` would refuse;
    // build anyway, so the browser checks show they catch them too.
    build(ws, dir, ['--allow-a11y-errors']);
    const file = join(dir, id, PLANT_PAGE, 'index.html');
    if (!existsSync(file)) die(`the build did not write ${relative(tmp, file)}`);
    const page = urlPathOf(dir, file);
    // One page written by hand next to the built ones: its skip link points
    // to an id that does not exist, so Enter cannot reach <main>.
    const skipFile = join(dir, id, 'plant-skip-link.html');
    writeFileSync(skipFile, PLANT_SKIP_PAGE);
    const skipPage = urlPathOf(dir, skipFile);
    const r = await checkOutput(dir, [file, skipFile], new Set(PARTS));
    const found = (where, check, rule, test = () => true) => r.faults.some((f) => f.check === check && f.page === where && f.rule === rule && test(f));
    const on = (check, rule, test) => found(page, check, rule, test);
    const expectations = [
      ['axe image-alt: <img> without alt', on('axe', 'image-alt', (f) => f.html.includes('plant-no-alt'))],
      ['axe color-contrast: #aaa text on white', on('axe', 'color-contrast', (f) => f.html.includes('PLANTED-LOW-CONTRAST'))],
      ['axe color-contrast with prefers-color-scheme: dark', on('axe-dark', 'color-contrast', (f) => f.html.includes('PLANTED-DARK-ONLY') && f.detail.includes('#333333'))],
      ['vnu: <img> without alt', on('vnu', 'html-error', (f) => /\balt\b/.test(f.help))],
      ['reflow: 1000 px wide image at 320 px', on('reflow', 'reflow-320', (f) => f.target.includes('plant-no-alt'))],
      ['keyboard: hidden skip link, first Tab goes elsewhere', on('keyboard', 'skip-link-first')],
      ['links: link to a missing page', on('links', 'broken-link', (f) => f.target.includes('plant-nie-istnieje'))],
      ['keyboard: skip link that does not lead into <main>', found(skipPage, 'keyboard', 'skip-link-target')],
      ['links: #fragment with no such id', found(skipPage, 'links', 'broken-fragment', (f) => f.target.endsWith('#plant-brak'))],
    ];
    let passed = 0;
    for (const [name, ok] of expectations) {
      if (ok) passed++;
      console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}`);
    }
    const failed = expectations.length - passed;
    if (failed) {
      console.log('self-test: the faults found (the planted ones must be among them):');
      printFaults(r.faults, true);
    }
    console.log(`self-test: planted faults in ${page} (a copy of site ${id}) and ${skipPage}, ${r.faults.length} found, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    console.log(`self-test: ${passed} passed, ${failed} failed`);
    return failed ? 1 : 0;
  } finally {
    if (!o.keep) rmSync(tmp, { recursive: true, force: true });
    else console.log(`self-test: kept ${tmp}`);
  }
}

// ---- entry ------------------------------------------------------------------------------------------

setTimeout(() => {
  console.error(`a11y: gave up after ${WATCHDOG_S} s`);
  process.exit(2);
}, WATCHDOG_S * 1000).unref();
try {
  const opts = parseArgs(process.argv.slice(2));
  process.exitCode = await (opts.selfTest ? selfTest(opts) : mainRun(opts));
} catch (e) {
  console.error(`a11y: ${e instanceof Fatal ? e.message : (e.stack ?? e)}`);
  process.exitCode = 2;
}
