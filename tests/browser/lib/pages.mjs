// Per-page checks in Chromium: keyboard (skip link), axe-core, dark-mode
// contrast, reflow at 320 px, and the references (links, images, styles) of
// each page for the link check.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// The rules that depend on colours, run again with prefers-color-scheme: dark
// and with the high-contrast switch on.
export const DARK_RULES = ['color-contrast', 'link-in-text-block'];

export const DESKTOP = { width: 1280, height: 800 };
export const REFLOW_WIDTH = 320;
const NAV_TIMEOUT = 30_000;

// ---- functions evaluated in the page --------------------------------------

// A short, readable description of an element (for messages).
const DESCRIBE = `(el) => {
  if (!el || el.nodeType !== 1) return String(el);
  let s = el.localName;
  if (el.id) s += '#' + el.id;
  for (const c of Array.from(el.classList).slice(0, 2)) s += '.' + c;
  for (const a of ['href', 'src']) {
    const v = el.getAttribute(a);
    if (v) s += '[' + a + '="' + (v.length > 60 ? v.slice(0, 57) + '...' : v) + '"]';
  }
  const text = (el.textContent || '').replace(/\\s+/g, ' ').trim();
  if (text && el.children.length === 0) s += ' "' + (text.length > 30 ? text.slice(0, 27) + '...' : text) + '"';
  return s;
}`;

function focusState(describeSrc) {
  const describe = eval(describeSrc); // eslint-disable-line no-eval
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { focused: null };
  const href = el.localName === 'a' ? el.getAttribute('href') || '' : '';
  const r = el.getBoundingClientRect();
  const cs = getComputedStyle(el);
  const visible =
    r.width >= 8 && r.height >= 8 && r.bottom > 0 && r.right > 0 &&
    r.top < innerHeight && r.left < innerWidth &&
    cs.visibility !== 'hidden' && Number(cs.opacity) >= 0.5;
  return { focused: describe(el), isSkipLink: href.length > 1 && href.startsWith('#'), href, visible };
}

function skipLinkVisible() {
  const el = document.activeElement;
  if (!el) return false;
  const r = el.getBoundingClientRect();
  const cs = getComputedStyle(el);
  return r.width >= 8 && r.height >= 8 && r.bottom > 0 && r.right > 0 &&
    r.top < innerHeight && r.left < innerWidth &&
    cs.visibility !== 'hidden' && Number(cs.opacity) >= 0.5;
}

function focusInMain() {
  const main = document.querySelector('main, [role="main"]');
  if (!main) return false;
  const a = document.activeElement;
  if (a && (a === main || main.contains(a))) return true;
  let id = location.hash.slice(1);
  try { id = decodeURIComponent(id); } catch { /* keep as is */ }
  const t = id && document.getElementById(id);
  return !!t && (t === main || main.contains(t));
}

function afterEnterState(describeSrc) {
  const describe = eval(describeSrc); // eslint-disable-line no-eval
  const main = document.querySelector('main, [role="main"]');
  return {
    hasMain: !!main,
    mainId: main?.id || '',
    hash: location.hash,
    focused: describe(document.activeElement),
  };
}

function collectRefs() {
  const refs = [];
  const add = (el, attr, raw) => {
    const v = (raw ?? '').trim();
    if (!v) return;
    let url = null;
    try { url = new URL(v, document.baseURI).href; } catch { /* reported as invalid */ }
    refs.push({ tag: el.localName, attr, raw: v, url });
  };
  for (const el of document.querySelectorAll('a[href], area[href], link[href]')) add(el, 'href', el.getAttribute('href'));
  for (const el of document.querySelectorAll('img[src], script[src], source[src], iframe[src], embed[src], video[src], audio[src], track[src], input[type="image"][src]')) add(el, 'src', el.getAttribute('src'));
  for (const el of document.querySelectorAll('video[poster]')) add(el, 'poster', el.getAttribute('poster'));
  for (const el of document.querySelectorAll('object[data]')) add(el, 'data', el.getAttribute('data'));
  for (const el of document.querySelectorAll('img[srcset], source[srcset]')) {
    for (const part of el.getAttribute('srcset').split(/,\s+/)) add(el, 'srcset', part.trim().split(/\s+/)[0]);
  }
  const ids = [];
  for (const el of document.querySelectorAll('[id]')) ids.push(el.id);
  for (const el of document.querySelectorAll('a[name]')) ids.push(el.getAttribute('name'));
  return { refs, ids };
}

function reflowState(describeSrc) {
  const describe = eval(describeSrc); // eslint-disable-line no-eval
  const de = document.documentElement;
  const cw = de.clientWidth;
  const sw = de.scrollWidth;
  if (sw <= cw) return null;
  // The innermost elements that stick out to the right of the viewport (or
  // whose own content does), outside any scrolling or clipping box, are
  // what to fix.
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const cs = getComputedStyle(el);
    if (cs.position === 'fixed') continue;
    const sticksOut = r.right > cw + 1;
    const contentOverflows = cs.overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1 && r.right + (el.scrollWidth - el.clientWidth) > cw + 1;
    if ((sticksOut || contentOverflows) && !clipped(el)) out.push(el);
  }
  const innermost = out.filter((el) => !out.some((o) => o !== el && el.contains(o)));
  return { scrollWidth: sw, clientWidth: cw, offenders: innermost.slice(0, 4).map(describe), more: Math.max(0, innermost.length - 4) };
}

// ---- one page ---------------------------------------------------------------

function axeFaults(results, page, check) {
  const faults = [];
  for (const v of results.violations) {
    for (const n of v.nodes) {
      const msg = [...(n.any ?? []), ...(n.all ?? []), ...(n.none ?? [])].map((c) => c.message).find(Boolean) ?? '';
      faults.push({
        check,
        page,
        rule: v.id,
        impact: n.impact ?? v.impact ?? 'unknown',
        target: n.target.flat(Infinity).join(' '),
        help: v.help,
        detail: msg,
        html: n.html,
      });
    }
  }
  return faults;
}

async function runAxe(page, options) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  return page.evaluate((opts) => window.axe.run(document, opts), options);
}

async function load(page, url) {
  const resp = await page.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT });
  if (!resp || resp.status() !== 200) throw new Error(`HTTP ${resp ? resp.status() : 'no response'} for ${url}`);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

async function checkKeyboard(page, path, faults) {
  await page.keyboard.press('Tab');
  const first = await page.evaluate(focusState, DESCRIBE);
  const fault = (rule, help, detail = '') =>
    faults.push({ check: 'keyboard', page: path, rule, impact: 'serious', target: first.focused ?? 'body', help, detail });
  if (!first.focused) return fault('skip-link-first', 'The first Tab must focus a skip link (<a href="#…">)', 'nothing was focused');
  if (!first.isSkipLink) return fault('skip-link-first', 'The first Tab must focus a skip link (<a href="#…">)', 'it focused this element instead');
  if (!first.visible) {
    // Allow a short slide-in transition.
    const shown = await page.waitForFunction(skipLinkVisible, null, { timeout: 1000 }).then(() => true, () => false);
    if (!shown) fault('skip-link-visible', 'The skip link must be visible when it has focus');
  }
  await page.keyboard.press('Enter');
  const ok = await page.waitForFunction(focusInMain, null, { timeout: 1500 }).then(() => true, () => false);
  if (!ok) {
    const s = await page.evaluate(afterEnterState, DESCRIBE);
    const detail = s.hasMain
      ? `skip link ${first.href} → focus on ${s.focused}, location.hash "${s.hash}", <main> id "${s.mainId}"`
      : 'the page has no <main>';
    fault('skip-link-target', 'Enter on the skip link must move focus into <main>', detail);
  }
}

// Back to the state after load: no focus, no fragment, scrolled to the top.
function resetState() {
  document.activeElement?.blur?.();
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  scrollTo(0, 0);
}

// Waits for running CSS transitions (e.g. after a colour-scheme switch).
function transitionsDone() {
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  // Styles first, then the transitions they started: asked before the
  // browser recalculated styles, getAnimations() is still empty, and a
  // loaded machine then measured colours half-way (CI once saw dark-mode
  // text at 30 % of its transition).
  getComputedStyle(document.documentElement).color;
  return frames().then(() => {
    const running = document.getAnimations().filter((a) => a instanceof CSSTransition);
    const done = Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    return Promise.race([done, new Promise((r) => setTimeout(r, 2000))]).then(frames);
  });
}

// Seconds spent in each step, summed over pages (for --profile).
export const timings = {};
function lap(t, name) {
  const now = performance.now();
  timings[name] = (timings[name] ?? 0) + (now - t.last);
  t.last = now;
}

/**
 * Checks one page with a single load: keyboard first (the state right after
 * load), then references, axe, axe color-contrast with prefers-color-scheme
 * dark, and reflow at 320 px. `only` is a Set of the enabled parts.
 */
export async function checkPage(page, origin, path, only) {
  const t = { last: performance.now() };
  const url = origin + path;
  const faults = [];
  let refs = [];
  let ids = [];
  await page.setViewportSize(DESKTOP);
  await page.emulateMedia({ colorScheme: 'light' });
  await load(page, url);
  lap(t, 'load');

  if (only.has('keyboard')) {
    await checkKeyboard(page, path, faults);
    await page.evaluate(resetState);
    lap(t, 'keyboard');
  }
  if (only.has('links')) {
    ({ refs, ids } = await page.evaluate(collectRefs));
    lap(t, 'links');
  }
  if (only.has('axe')) {
    const res = await runAxe(page, { runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] });
    faults.push(...axeFaults(res, path, 'axe'));
    lap(t, 'axe');
  }
  if (only.has('dark')) {
    // prefers-color-scheme: dark must keep the contrast of the light scheme.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(transitionsDone);
    const res = await runAxe(page, { runOnly: { type: 'rule', values: DARK_RULES }, resultTypes: ['violations'] });
    faults.push(...axeFaults(res, path, 'axe-dark'));
    await page.emulateMedia({ colorScheme: 'light' });
    // The high-contrast switch (class hc on <html>) must keep contrast too.
    await page.evaluate(() => document.documentElement.classList.add('hc'));
    await page.evaluate(transitionsDone);
    const hc = await runAxe(page, { runOnly: { type: 'rule', values: DARK_RULES }, resultTypes: ['violations'] });
    faults.push(...axeFaults(hc, path, 'axe-contrast'));
    await page.evaluate(() => document.documentElement.classList.remove('hc'));
    await page.evaluate(transitionsDone);
    lap(t, 'dark');
  }
  if (only.has('reflow')) {
    await page.setViewportSize({ width: REFLOW_WIDTH, height: 640 });
    await page.evaluate(transitionsDone);
    const r = await page.evaluate(reflowState, DESCRIBE);
    if (r) {
      faults.push({
        check: 'reflow',
        page: path,
        rule: 'reflow-320',
        impact: 'serious',
        target: r.offenders.join(', ') + (r.more ? ` (+${r.more} more)` : ''),
        help: `No horizontal scrolling at ${REFLOW_WIDTH} CSS px (WCAG 1.4.10)`,
        detail: `scrollWidth ${r.scrollWidth} > clientWidth ${r.clientWidth}`,
      });
    }
    lap(t, 'reflow');
  }
  return { faults, refs, ids };
}

/**
 * Runs checkPage over `paths` with `concurrency` browser contexts. Also
 * records failed requests (CSS images, fonts, scripts) of each page.
 */
export async function checkPages(browser, origin, paths, only, concurrency = 2) {
  const queue = [...paths];
  const results = new Map();
  const faults = [];
  const worker = async () => {
    // bypassCSP: axe is injected as an inline script, whatever the page's policy.
    const context = await browser.newContext({ viewport: DESKTOP, reducedMotion: 'reduce', colorScheme: 'light', bypassCSP: true });
    let page = null;
    let current = null;
    const openPage = async () => {
      page = await context.newPage();
      page.setDefaultTimeout(NAV_TIMEOUT);
      page.on('pageerror', (e) => {
        if (current) {
          faults.push({ check: 'error', page: current, rule: 'script-error', impact: 'serious', target: '', help: 'Uncaught JavaScript error', detail: String(e.message).split('\n')[0] });
        }
      });
      page.on('response', (r) => {
        const u = r.url();
        if (current && u.startsWith(origin + '/') && r.status() >= 400 && !results.get(current)?.failed.has(u)) {
          results.get(current).failed.add(u);
        }
      });
    };
    await openPage();
    try {
      while (queue.length) {
        const path = queue.shift();
        current = path;
        results.set(path, { refs: [], ids: [], failed: new Set() });
        try {
          const r = await checkPage(page, origin, path, only);
          Object.assign(results.get(path), { refs: r.refs, ids: r.ids });
          faults.push(...r.faults);
        } catch (e) {
          faults.push({ check: 'error', page: path, rule: 'page-error', impact: 'critical', target: '', help: 'The page could not be checked', detail: String(e.message).split('\n')[0] });
          await page.close().catch(() => {});
          await openPage();
        }
      }
    } finally {
      current = null;
      await context.close().catch(() => {});
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, paths.length) }, worker));
  return { results, faults };
}
