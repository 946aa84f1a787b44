// Tablica's editor: the page `tablica edytor` serves at /edytor/.
// One file, no framework, no network but the editor's own /api/ (see
// spec/editor-api.md). The DOM is built with createElement and
// textContent only: nothing from a file, the server or the clipboard is
// ever parsed as HTML into this page. The preview is an iframe's srcdoc,
// sandboxed without scripts.
'use strict';

(function editorApp() {
  // ---- words, numbers and dates ------------------------------------------

  const STRINGS = readStrings();
  const LANG = (document.documentElement.lang || 'pl').toLowerCase();
  const TOKEN = document.querySelector('meta[name="tablica-token"]')?.getAttribute('content') ?? '';
  const PREVIEW_DELAY = 400;
  const DEPLOY_POLL = 500;
  const DOCUMENT_TYPES = '.pdf,.doc,.docx,.odt,.rtf,.xls,.xlsx,.ods,.csv,.txt,.ppt,.pptx,.odp,.zip';

  function readStrings() {
    try {
      return JSON.parse(document.getElementById('tablica-strings').textContent) || {};
    } catch {
      return {};
    }
  }

  /** The text of `key`, with `{name}` replaced by `vars.name`. */
  function t(key, vars) {
    const text = Object.prototype.hasOwnProperty.call(STRINGS, key) ? STRINGS[key] : key;
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
  }

  /** Polish plural forms: 1 błąd, 2 błędy, 5 błędów, 22 błędy, 12 błędów. */
  function pluralForm(n) {
    if (!LANG.startsWith('pl')) return n === 1 ? 'one' : 'many';
    if (n === 1) return 'one';
    const units = n % 10;
    const tens = n % 100;
    if (units >= 2 && units <= 4 && !(tens >= 12 && tens <= 14)) return 'few';
    return 'many';
  }

  /** `key.one`, `key.few` or `key.many` for `n`, with `{n}` filled in. */
  function tp(key, n, vars) {
    return t(`${key}.${pluralForm(n)}`, { n, ...vars });
  }

  /** A file size as residents see it on the page: "245 kB", "1,2 MB". */
  function humanSize(bytes) {
    let text;
    if (bytes < 1000) text = `${bytes} B`;
    else if (bytes < 1000000) text = `${Math.ceil(bytes / 1000)} kB`;
    else text = `${(bytes / 1000000).toFixed(1)} MB`;
    return LANG.startsWith('pl') ? text.replace('.', ',') : text;
  }

  /** "PDF" for "uchwala.pdf", as the page shows it. */
  function fileKind(name) {
    const dot = name.lastIndexOf('.');
    return dot < 0 ? '' : name.slice(dot + 1).toUpperCase();
  }

  const pad2 = (n) => String(n).padStart(2, '0');

  /** "20 stycznia 2021" for "2021-01-20". */
  function formatDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
    if (!m) return iso || '';
    const months = t('date.months').split(',');
    return t('date.format', { day: Number(m[3]), month: months[Number(m[2]) - 1] || m[2], year: m[1] });
  }

  function isoDate(date) {
    return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
  }

  function clockTime(date) {
    return `${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
  }

  /** "4 grudnia 2026, godz. 19:52" for a moment. */
  function formatMoment(date) {
    return t('date.withtime', { date: formatDate(isoDate(date)), time: clockTime(date) });
  }

  /** Splits "2021-09-21 17:30" or "21.09.2021 17:30" into ISO date and time. */
  function parseDateTime(text) {
    const s = String(text || '').trim();
    let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?/.exec(s);
    if (m) return { date: `${m[1]}-${pad2(m[2])}-${pad2(m[3])}`, time: m[4] ? `${pad2(m[4])}:${m[5]}` : '' };
    m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2}))?/.exec(s);
    if (m) return { date: `${m[3]}-${pad2(m[2])}-${pad2(m[1])}`, time: m[4] ? `${pad2(m[4])}:${m[5]}` : '' };
    return { date: '', time: '' };
  }

  /** The value to send for a date (and time) input pair: the original text when unchanged. */
  function joinDateTime(date, time, original) {
    const was = parseDateTime(original);
    if (original && was.date === date && was.time === time) return original;
    if (!date) return '';
    return time ? `${date} ${time}` : date;
  }

  /** Whether a publication date (and time) is still to come. */
  function isFuture(date, time) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date || '')) return false;
    const when = new Date(`${date}T${time || '00:00'}`);
    return !Number.isNaN(when.getTime()) && when.getTime() > Date.now();
  }

  function splitList(text) {
    return uniq(String(text || '').split(',').map((s) => s.trim()).filter(Boolean));
  }

  function uniq(items) {
    return [...new Set(items)];
  }

  // ---- the DOM, without innerHTML -----------------------------------------

  /** An element with attributes (on… are listeners) and children (strings become text). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) setAttr(el, name, value);
    add(el, children);
    return el;
  }

  function setAttr(el, name, value) {
    if (value === null || value === undefined || value === false) return;
    if (name === 'class') el.className = value;
    else if (name === 'value') el.value = value;
    else if (name === 'checked') el.checked = Boolean(value);
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }

  function add(el, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  const byId = (id) => document.getElementById(id);
  const hidden = (text) => h('span', { class: 'visually-hidden' }, text);

  function setDescribedBy(el, ids) {
    const list = ids.filter(Boolean);
    if (list.length) el.setAttribute('aria-describedby', list.join(' '));
    else el.removeAttribute('aria-describedby');
  }

  // ---- status messages ----------------------------------------------------

  let statusTimer = 0;

  /** Says `text` in the page's polite status region (and shows it). */
  function say(text, kind) {
    const region = byId('app-status');
    if (!region) return;
    clearTimeout(statusTimer);
    region.replaceChildren();
    // A new node after a tick, so the same sentence twice is read twice.
    statusTimer = setTimeout(() => {
      region.replaceChildren(h('p', { class: kind === 'error' ? 'is-error' : '' }, text));
    }, 50);
  }

  // ---- the API ------------------------------------------------------------

  class ApiError extends Error {
    constructor(message, status, data) {
      super(message);
      this.status = status;
      this.data = data;
    }
  }

  /** One request to /api/; resolves to {status, ok, data}; a network failure throws ApiError. */
  /** Requests that change nothing, so a stalled one may be sent again. */
  const RETRIED = /^\/api\/(sites|pages|page|deploy|preview|paste)\b/;
  /** How long such a request may stall before it is sent again (a reused
   * connection can lose a request; the server answers these in milliseconds). */
  const STALL_MS = 8000;

  async function api(method, url, body, signal) {
    const init = { method, headers: { 'X-Tablica-Token': TOKEN }, cache: 'no-store', credentials: 'same-origin', signal };
    if (body instanceof Blob) {
      init.body = body;
      init.headers['Content-Type'] = body.type || 'application/octet-stream';
    } else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers['Content-Type'] = 'application/json';
    }
    const tries = RETRIED.test(url) ? 3 : 1;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await fetchWithin(url, init, tries > 1 ? STALL_MS : 0);
      } catch (e) {
        if (e.name === 'AbortError' && signal?.aborted) throw e;
        if (attempt >= tries) throw new ApiError(t('app.error.network'), 0, null);
      }
    }
  }

  /** The answer and its JSON, given up after `ms` (0: never) unless the
   * caller's signal ends it first. */
  async function fetchWithin(url, init, ms) {
    const read = async (response) => ({
      status: response.status,
      ok: response.ok,
      // A body cut off by the stall timer is retried; one that is not JSON is no data.
      data: await response.json().catch((e) => { if (e.name === 'AbortError') throw e; return null; }),
    });
    if (!ms) return read(await fetch(url, init));
    const stall = new AbortController();
    const timer = setTimeout(() => stall.abort(), ms);
    const outer = init.signal;
    const onAbort = () => stall.abort();
    outer?.addEventListener('abort', onAbort);
    try {
      return await read(await fetch(url, { ...init, signal: stall.signal }));
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
  }

  function errorText(reply) {
    if (reply.status === 403) return t('app.error.forbidden');
    return reply.data?.error || `HTTP ${reply.status}`;
  }

  /** Like api(), but a reply that is not 2xx throws ApiError with the server's sentence. */
  async function apiOk(method, url, body) {
    const reply = await api(method, url, body);
    if (!reply.ok) throw new ApiError(errorText(reply), reply.status, reply.data);
    return reply.data;
  }

  const query = (params) => new URLSearchParams(params).toString();

  // ---- routing ------------------------------------------------------------

  const app = { sites: null, nav: 0, rendered: false, edit: null };

  function editHash(site, path) {
    return `#/edit/${encodeURIComponent(site)}/${path.split('/').map(encodeURIComponent).join('/')}`;
  }

  function parseHash() {
    const parts = location.hash.slice(1).split('/').slice(1).map(safeDecode);
    return { screen: parts[0] || '', site: parts[1] || '', rest: parts.slice(2).join('/') };
  }

  function safeDecode(part) {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  }

  function route() {
    if (location.hash && !location.hash.startsWith('#/')) return; // an in-page anchor
    leaveEdit();
    const nav = ++app.nav;
    const { screen, site, rest } = parseHash();
    let shown;
    if (screen === '') shown = showList(nav);
    else if (screen === 'new' && site) shown = showNew(nav, site);
    else if (screen === 'edit' && site && rest) shown = showEdit(nav, site, rest);
    else shown = showNotFound();
    Promise.resolve(shown).catch((e) => showFailure(nav, e));
  }

  /** Starts a screen: its h1, title and breadcrumbs; focus moves to the h1 after the first screen. */
  function startScreen(heading, crumbs) {
    const main = byId('main');
    const h1 = h('h1', { id: 'page-heading', tabindex: '-1' }, heading);
    main.replaceChildren(h1);
    setTitle(typeof heading === 'string' ? heading : h1.textContent);
    setCrumbs(crumbs);
    if (app.rendered) h1.focus();
    app.rendered = true;
    return main;
  }

  function setTitle(screen) {
    document.title = t('app.doctitle', { screen });
  }

  function setCrumbs(crumbs) {
    const list = byId('breadcrumbs-list');
    const items = [{ label: t('nav.home'), href: '#/' }, ...crumbs];
    list.replaceChildren(...items.map((c, i) =>
      h('li', {}, h('a', { href: c.href, 'aria-current': i === items.length - 1 ? 'page' : null }, c.label))));
  }

  function showNotFound() {
    const main = startScreen(t('app.notfound.heading'), [{ label: t('app.notfound.heading'), href: location.hash }]);
    add(main, [h('p', {}, t('app.notfound.text')), h('p', {}, h('a', { href: '#/' }, t('new.cancel')))]);
  }

  function showFailure(nav, error) {
    if (nav !== app.nav) return;
    const main = byId('main');
    let message = error instanceof ApiError ? error.message : t('app.error.generic', { error: error.message });
    // A file whose front matter cannot be read: the server names the line.
    if (error.data?.line) message += ` (${t('problem.line', { line: error.data.line })})`;
    main.append(h('div', { class: 'notice notice--error' },
      h('h2', {}, t('app.error.heading')), h('p', {}, message), h('p', {}, h('a', { href: '#/' }, t('new.cancel')))));
    say(message, 'error');
  }

  /** The sites, asked once per visit of the list (and cached for the other screens). */
  async function loadSites(fresh) {
    if (!app.sites || fresh) app.sites = apiOk('GET', '/api/sites').then((d) => d.sites || []);
    try {
      return await app.sites;
    } catch (e) {
      app.sites = null;
      throw e;
    }
  }

  /** Links inside the page (#main, #f-title) focus their target instead of changing the route. */
  function onDocumentClick(event) {
    const link = event.target.closest?.('a[href^="#"]');
    if (!link || event.defaultPrevented) return;
    const href = link.getAttribute('href');
    if (href.startsWith('#/') || href === '#') return;
    event.preventDefault();
    focusTarget(byId(safeDecode(href.slice(1))));
  }

  function focusTarget(target) {
    if (!target) return;
    if (target.tabIndex < 0 && !/^(INPUT|TEXTAREA|SELECT|BUTTON|A)$/.test(target.tagName)) target.setAttribute('tabindex', '-1');
    target.focus();
    target.scrollIntoView({ block: 'center' });
  }

  // ---- screen: the sites and their announcements ---------------------------

  async function showList(nav) {
    const main = startScreen(t('list.heading'), []);
    main.append(h('p', { class: 'lead' }, t('list.intro')));
    const loading = h('p', { id: 'list-loading' }, t('app.loading'));
    main.append(loading);
    const sites = await loadSites(true);
    const pages = await Promise.all(sites.map((site) => loadPages(site.id)));
    if (nav !== app.nav) return;
    loading.replaceWith(h('div', { class: 'sites', id: 'sites' }, sites.map((site, i) => siteSection(site, pages[i]))));
  }

  async function loadPages(siteId) {
    try {
      return (await apiOk('GET', `/api/pages?${query({ site: siteId })}`)).pages || [];
    } catch (e) {
      return e;
    }
  }

  function siteSection(site, pages) {
    const headingId = `site-${site.id}`;
    const head = h('div', { class: 'site__head' },
      h('h2', { id: headingId }, site.title || site.id),
      Array.isArray(pages) ? h('p', { class: 'site__count' }, tp('list.count', pages.length)) : null,
      site.hub ? null : h('a', { class: 'button', href: `#/new/${encodeURIComponent(site.id)}`, 'data-new-site': site.id },
        t('list.new'), hidden(` ${t('list.new.site', { site: site.title || site.id })}`)));
    const section = h('section', { class: 'site', 'aria-labelledby': headingId, 'data-site': site.id }, head);
    if (site.hub) section.append(h('p', { class: 'site__note' }, t('list.hub')));
    if (!Array.isArray(pages)) section.append(h('p', { class: 'notice notice--error' }, pages.message));
    else if (!pages.length) section.append(h('p', { class: 'site__note' }, t('list.empty')));
    else section.append(h('ul', { class: 'pages' }, pages.map((p) => pageItem(site, p))));
    return section;
  }

  function pageItem(site, page) {
    const unsaved = readJson(draftKey(site.id, page.path)) !== null;
    return h('li', { class: 'page-item', 'data-path': page.path },
      h('a', { class: 'page-item__title', href: editHash(site.id, page.path) }, page.title || page.path),
      h('span', { class: 'page-item__meta' },
        page.date ? h('time', { datetime: page.date }, formatDate(page.date)) : h('span', {}, t('list.nodate')),
        page.draft ? h('span', { class: 'badge badge--draft' }, t('badge.draft')) : null,
        page.scheduled ? h('span', { class: 'badge badge--scheduled' }, t('badge.scheduled')) : null,
        page.broken ? h('span', { class: 'badge badge--broken' }, t('badge.broken')) : null,
        unsaved ? h('span', { class: 'badge badge--unsaved' }, t('badge.unsaved')) : null));
  }

  // ---- form building blocks ---------------------------------------------------

  /** A problem slot: where a field's problems are listed and which control they mark. */
  function makeSlot(list, control, described, focus) {
    return { list, control, described, focus: focus || control, items: [] };
  }

  function problemList(id) {
    return h('ul', { class: 'problems', id, hidden: true });
  }

  /** label, hint, problems, control: the GOV.UK order. */
  function field({ id, label, hint, control, wide, extra }) {
    control.id = id;
    const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
    const list = problemList(`${id}-problems`);
    const described = [hintEl ? hintEl.id : null, ...(extra || [])];
    setDescribedBy(control, described);
    const wrap = h('div', { class: `field${wide ? ' field--wide' : ''}`, id: `${id}-field` },
      h('label', { class: 'label', for: id }, label), hintEl, list, control);
    return { wrap, control, slot: makeSlot(list, control, described) };
  }

  function textInput(attrs) {
    return h('input', { type: 'text', autocomplete: 'off', spellcheck: 'true', ...attrs });
  }

  /** A single checkbox with its label and hint. */
  function checkbox({ id, label, hint, checked, onchange }) {
    const input = h('input', { type: 'checkbox', id, checked, onchange });
    const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
    const list = problemList(`${id}-problems`);
    const described = [hintEl ? hintEl.id : null];
    setDescribedBy(input, described);
    const wrap = h('div', { class: 'checkbox checkbox--single', id: `${id}-field` },
      input, h('label', { for: id }, label), hintEl, list);
    return { wrap, control: input, slot: makeSlot(list, input, described) };
  }

  /** A fieldset of checkboxes (categories, gminy); fills `into` with its boxes. */
  function checkboxGroup({ id, legend, hint }) {
    const boxes = h('div', { class: 'checkboxes', id: `${id}-boxes` });
    const hintEl = h('p', { class: 'hint', id: `${id}-hint` }, hint);
    const list = problemList(`${id}-problems`);
    const set = h('fieldset', { class: 'fieldset', id, 'aria-describedby': hintEl.id },
      h('legend', {}, legend), hintEl, list, boxes);
    return { wrap: set, boxes, slot: makeSlot(list, null, [hintEl.id], null), fieldset: set };
  }

  function fillBoxes(group, prefix, names, checked) {
    const items = names.map((name, i) => {
      const id = `${prefix}-${i}`;
      return h('div', { class: 'checkbox' },
        h('input', { type: 'checkbox', id, value: name, checked: checked.includes(name) }),
        h('label', { for: id }, name));
    });
    group.boxes.replaceChildren(...items);
    group.slot.focus = group.boxes.querySelector('input');
    group.slot.described = [`${group.fieldset.id}-hint`];
  }

  function checkedValues(group) {
    return [...group.boxes.querySelectorAll('input:checked')].map((b) => b.value);
  }

  function section(id, heading, ...children) {
    return h('section', { class: 'form-section', 'aria-labelledby': `${id}-heading`, id },
      h('h2', { id: `${id}-heading` }, heading), children);
  }

  /** The GOV.UK error summary: a box that lists problems, each linking to its field. */
  function errorSummary(id) {
    return h('div', { class: 'error-summary', id, tabindex: '-1', hidden: true, 'aria-labelledby': `${id}-heading` },
      h('h2', { id: `${id}-heading` }, t('summary.heading')),
      h('p', { class: 'hint' }, t('summary.intro')),
      h('ul', { id: `${id}-list` }));
  }

  function problemLabel(severity) {
    return severity === 'warning' ? t('problem.warning') : t('problem.error');
  }

  function problemClass(severity) {
    return `problem problem--${severity === 'warning' ? 'warning' : 'error'}`;
  }

  // ---- screen: a new announcement ----------------------------------------------

  async function showNew(nav, siteId) {
    const main = startScreen(t('new.heading'), [{ label: t('new.heading'), href: location.hash }]);
    const sites = await loadSites();
    if (nav !== app.nav) return;
    const site = sites.find((s) => s.id === siteId);
    if (!site || site.hub) {
      main.append(h('p', { class: 'notice notice--error' }, site ? t('new.hub') : t('new.nosite', { site: siteId })),
        h('p', {}, h('a', { href: '#/' }, t('new.cancel'))));
      return;
    }
    main.append(h('p', { class: 'caption' }, t('new.site', { site: site.title || site.id })),
      h('p', { class: 'lead' }, t('new.intro')), newForm(site));
  }

  function newForm(site) {
    const summary = errorSummary('new-summary');
    const title = field({ id: 'new-title', label: t('field.title.label'), hint: t('field.title.hint'), control: textInput({ required: true }) });
    const date = field({ id: 'new-date', label: t('field.date.label'), hint: t('field.date.hint'), control: h('input', { type: 'date', required: true, value: isoDate(new Date()) }) });
    const time = field({ id: 'new-time', label: t('field.time.label'), hint: t('field.time.hint'), control: h('input', { type: 'time' }) });
    const form = h('form', { id: 'new-form', novalidate: true, class: 'new-form' },
      summary, title.wrap, h('div', { class: 'field-row' }, date.wrap, time.wrap),
      h('div', { class: 'button-row' },
        h('button', { type: 'submit', class: 'button', id: 'new-submit' }, t('new.submit')),
        h('a', { href: '#/', class: 'button button--secondary' }, t('new.cancel'))));
    const slots = { title: title.slot, date: date.slot, time: time.slot };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      createPage(site, form, summary, slots).catch((e) => showProblemsIn(summary, slots, [{ severity: 'error', field: 'title', message: e.message }], true));
    });
    return form;
  }

  async function createPage(site, form, summary, slots) {
    const values = { title: slots.title.control.value.trim(), date: slots.date.control.value, time: slots.time.control.value };
    const missing = [];
    if (!values.title) missing.push({ severity: 'error', field: 'title', message: t('field.title.required') });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) missing.push({ severity: 'error', field: 'date', message: t('field.date.required') });
    if (showProblemsIn(summary, slots, missing, true)) return;
    const button = byId('new-submit');
    button.disabled = true;
    say(t('new.creating'));
    try {
      const reply = await api('POST', '/api/new', { site: site.id, title: values.title, date: values.date });
      if (reply.status !== 201 && reply.status !== 200) {
        showProblemsIn(summary, slots, [{ severity: 'error', field: 'title', message: errorText(reply) }], true);
        return;
      }
      const page = reply.data;
      if (values.time) await saveTime(site, page, values.time);
      say(t('new.created', { file: `content/${site.id}/${page.path}` }));
      location.hash = editHash(site.id, page.path);
    } finally {
      button.disabled = false;
    }
  }

  /** /api/new takes no time: the new file gets it by a first save. */
  async function saveTime(site, page, time) {
    const fields = { ...page.fields, time };
    await api('POST', '/api/save', { site: site.id, path: page.path, base: page.text, revision: page.revision, fields, body: page.body, force: false });
  }

  /**
   * Shows `problems` next to the fields of `slots` and in `summary`; returns
   * whether there were any. `focus` moves focus to the summary (after a submit).
   */
  function showProblemsIn(summary, slots, problems, focus) {
    for (const slot of Object.values(slots)) clearSlot(slot);
    const general = [];
    for (const p of problems) {
      const slot = slots[baseField(p.field)];
      if (slot) slot.items.push(p);
      else general.push(p);
    }
    for (const slot of Object.values(slots)) renderSlot(slot);
    fillSummary(summary, problems, (p) => slots[baseField(p.field)]);
    if (problems.length && focus) {
      document.title = `${t('problem.error')} ${document.title.replace(/^\S+: /, '')}`;
      summary.focus();
    }
    return problems.length > 0;
  }

  // ---- problems next to fields ---------------------------------------------------

  const FIELD_ALIASES = {
    'tytuł': 'title', tytul: 'title', data: 'date', godzina: 'time', opis: 'summary', tagi: 'tags',
    kategorie: 'categories', szkic: 'draft', wydarzenie: 'event', konsultacje: 'consultation',
    'załączniki': 'attachments', zalaczniki: 'attachments', galeria: 'gallery', 'treść': 'body', tresc: 'body',
  };

  function baseField(name) {
    const first = String(name || '').split(/[.[\]]/)[0];
    return FIELD_ALIASES[first] || first;
  }

  function clearSlot(slot) {
    slot.items = [];
    renderSlot(slot);
  }

  /** Lists the slot's problems and ties them to its control (aria-describedby, aria-invalid). */
  function renderSlot(slot) {
    slot.list.replaceChildren(...slot.items.map((p) => problemItem(p, slot.bodyLines)));
    slot.list.hidden = slot.items.length === 0;
    const target = slot.control || slot.list.closest('fieldset');
    if (target) setDescribedBy(target, [...slot.described, slot.items.length ? slot.list.id : null]);
    if (slot.control) {
      if (slot.items.some((p) => p.severity !== 'warning')) slot.control.setAttribute('aria-invalid', 'true');
      else slot.control.removeAttribute('aria-invalid');
    }
  }

  function problemItem(p, withLines) {
    const line = withLines && p.line ? p.line : null;
    return h('li', { class: problemClass(p.severity), 'data-rule': p.rule || null, 'data-line': line },
      h('span', { class: 'problem__label' }, problemLabel(p.severity)), ' ', p.message,
      line ? ` (${t('problem.line', { line })})` : null,
      p.hint ? h('span', { class: 'problem__hint' }, `${t('problem.hint')} ${p.hint}`) : null,
      line ? h('button', { type: 'button', class: 'button button--secondary button--small', 'data-goto-line': line, onclick: () => selectLine(line) },
        t('problem.goto', { line })) : null);
  }

  /** Fills an error summary: errors first, each a link to its field. */
  function fillSummary(summary, problems, slotOf) {
    const list = summary.querySelector('ul');
    const ordered = [...problems].sort((a, b) => (a.severity === 'warning') - (b.severity === 'warning'));
    list.replaceChildren(...ordered.map((p) => summaryItem(p, slotOf(p))));
    summary.hidden = problems.length === 0;
    summary.classList.toggle('error-summary--warnings', problems.every((p) => p.severity === 'warning'));
  }

  function summaryItem(p, slot) {
    const text = [`${problemLabel(p.severity)} ${p.message}`, p.line && slot?.bodyLines ? ` (${t('problem.line', { line: p.line })})` : ''].join('');
    const target = slot?.focus;
    if (!target) return h('li', { class: problemClass(p.severity) }, text);
    const link = h('a', { href: `#${target.id}` }, text);
    if (slot.bodyLines && p.line) {
      link.addEventListener('click', (event) => {
        event.preventDefault();
        selectLine(p.line);
      });
    }
    return h('li', { class: problemClass(p.severity) }, link);
  }

  // ---- screen: editing an announcement ------------------------------------------------

  function draftKey(site, path) {
    return `tablica:draft:${site}:${path}`;
  }

  function lostKey(site, path) {
    return `tablica:lost:${site}:${path}`;
  }

  function readJson(key) {
    try {
      return JSON.parse(localStorage.getItem(key));
    } catch {
      return null;
    }
  }

  function writeJson(key, value) {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      /* storage full or off: the work stays in the form */
    }
  }

  function removeKey(key) {
    try {
      localStorage.removeItem(key);
    } catch {
      /* nothing to do */
    }
  }

  function leaveEdit() {
    const ed = app.edit;
    if (!ed) return;
    ed.alive = false;
    clearTimeout(ed.timer);
    ed.abort?.abort();
    ed.deployStop = true;
    for (const d of document.querySelectorAll('dialog')) d.remove();
    app.edit = null;
  }

  async function showEdit(nav, siteId, path) {
    const main = startScreen(t('edit.heading'), [{ label: t('edit.heading'), href: location.hash }]);
    const loading = h('p', {}, t('edit.loading'));
    main.append(loading);
    const [sites, page] = await Promise.all([loadSites(), apiOk('GET', `/api/page?${query({ site: siteId, path })}`)]);
    if (nav !== app.nav) return;
    const site = sites.find((s) => s.id === siteId) || { id: siteId, title: siteId, members: [], tags: [], categories: [] };
    const ed = newEditState(site, page);
    app.edit = ed;
    loading.remove();
    renderEdit(main, ed);
    populate(ed, page.fields || {}, page.body || '');
    ed.pristine = snapshotText(ed);
    restoreDraft(ed);
    showLost(ed);
    updateDirty(ed);
    runPreview(ed);
  }

  function newEditState(site, page) {
    return {
      site,
      path: page.path,
      url: page.url || '',
      loaded: page,
      base: page.text || '',
      revision: page.revision || '',
      files: new Map((page.files || []).map((f) => [f.name, f])),
      localUrls: new Map(),
      fields: page.fields || {},
      pristine: '',
      dirty: false,
      alive: true,
      seq: 0,
      timer: 0,
      abort: null,
      saving: false,
      gallery: [],
      attachments: [],
      slots: {},
      refs: {},
      rowSeq: 0,
      counts: '',
      problems: [],
      uploadErrors: { gallery: [], attachments: [] },
    };
  }

  function renderEdit(main, ed) {
    const heading = byId('page-heading');
    heading.replaceChildren(h('span', { class: 'caption' }, t('edit.heading')), ed.loaded.fields?.title || ed.path);
    setTitle(`${t('edit.heading')}: ${ed.loaded.fields?.title || ed.path}`);
    setCrumbs([{ label: ed.site.title || ed.site.id, href: '#/' }, { label: ed.loaded.fields?.title || ed.path, href: location.hash }]);
    ed.refs.notices = h('div', { id: 'edit-notices' });
    ed.refs.errorSummary = errorSummary('error-summary');
    const form = editForm(ed);
    const formColumn = h('div', { class: 'edit-form-col' }, ed.refs.errorSummary, form, actionsBar(ed), publishPanel(ed));
    main.append(
      h('p', { class: 'file-path' }, `${t('edit.file')} `, h('code', {}, `content/${ed.site.id}/${ed.path}`)),
      ed.refs.notices,
      h('div', { class: 'edit-layout' }, formColumn, previewPane(ed)));
  }

  function editForm(ed) {
    const form = h('form', { id: 'edit-form', novalidate: true, class: 'edit-form' },
      basicSection(ed), bodySection(ed), photosSection(ed), documentsSection(ed), classifySection(ed), extrasSection(ed));
    form.addEventListener('submit', (e) => e.preventDefault());
    form.addEventListener('input', () => onFormInput(ed));
    form.addEventListener('change', (e) => {
      if (e.target.type === 'checkbox' || e.target.type === 'date' || e.target.type === 'time' || e.target.tagName === 'SELECT') onFormInput(ed);
    });
    return form;
  }

  function basicSection(ed) {
    const title = field({ id: 'f-title', label: t('field.title.label'), hint: t('field.title.hint'), control: textInput({}) });
    const scheduled = h('p', { class: 'scheduled-note', id: 'f-date-scheduled', hidden: true });
    const date = field({ id: 'f-date', label: t('field.date.label'), hint: t('field.date.hint'), control: h('input', { type: 'date' }), extra: [scheduled.id] });
    const time = field({ id: 'f-time', label: t('field.time.label'), hint: t('field.time.hint'), control: h('input', { type: 'time' }) });
    const summary = field({ id: 'f-summary', label: t('field.summary.label'), hint: t('field.summary.hint'), control: h('textarea', { rows: 2, spellcheck: 'true' }) });
    const draft = checkbox({ id: 'f-draft', label: t('field.draft.label'), hint: t('field.draft.hint') });
    Object.assign(ed.slots, { title: title.slot, date: date.slot, time: time.slot, summary: summary.slot, draft: draft.slot });
    Object.assign(ed.refs, { title: title.control, date: date.control, time: time.control, summary: summary.control, draft: draft.control, scheduled });
    return section('sec-basic', t('form.section.basic'), title.wrap,
      h('div', { class: 'field-row' }, date.wrap, time.wrap), scheduled, summary.wrap, draft.wrap);
  }

  function classifySection(ed) {
    const categories = checkboxGroup({ id: 'f-categories', legend: t('field.categories.legend'), hint: t('field.categories.hint') });
    const other = field({ id: 'f-categories-other', label: t('field.categories.other.label'), hint: t('field.categories.other.hint'), control: textInput({}) });
    const tagList = h('datalist', { id: 'f-tags-list' });
    const tags = field({ id: 'f-tags', label: t('field.tags.label'), hint: t('field.tags.hint'), control: textInput({ list: tagList.id, spellcheck: 'false' }) });
    tags.control.addEventListener('input', () => fillTagList(ed));
    tags.control.addEventListener('focus', () => fillTagList(ed));
    const gminy = checkboxGroup({ id: 'f-gminy', legend: t('field.gminy.legend'), hint: t('field.gminy.hint') });
    categories.wrap.append(other.wrap);
    Object.assign(ed.slots, { categories: categories.slot, tags: tags.slot, gminy: gminy.slot });
    Object.assign(ed.refs, { categories, categoriesOther: other.control, tags: tags.control, tagList, gminy });
    return section('sec-classify', t('form.section.classify'), categories.wrap, tags.wrap, tagList, gminy.wrap);
  }

  /** The datalist of the tags input: the site's tags after what is typed so far. */
  function fillTagList(ed) {
    const value = ed.refs.tags.value;
    const cut = value.lastIndexOf(',');
    const prefix = cut < 0 ? '' : `${value.slice(0, cut + 1).trimEnd()} `;
    const used = new Set(splitList(value.slice(0, cut + 1)));
    const options = (ed.site.tags || []).filter((tag) => !used.has(tag)).slice(0, 60);
    ed.refs.tagList.replaceChildren(...options.map((tag) => h('option', { value: prefix + tag })));
  }

  function extrasSection(ed) {
    const event = toggledGroup(ed, 'event', [
      ['startDate', 'date'], ['startTime', 'time'], ['endDate', 'date'], ['endTime', 'time'], ['place', 'text'], ['address', 'text'],
    ]);
    const consultation = toggledGroup(ed, 'consultation', [
      ['subject', 'text'], ['from', 'date'], ['to', 'date'], ['how', 'textarea'], ['form', 'url'],
    ]);
    return section('sec-extras', t('form.section.extras'), event, consultation);
  }

  /** "To zaproszenie na wydarzenie" and the fieldset it reveals. */
  function toggledGroup(ed, name, inputs) {
    const set = h('fieldset', { class: 'fieldset fieldset--boxed', id: `f-${name}`, hidden: true },
      h('legend', {}, t(`field.${name}.legend`)));
    const toggle = checkbox({
      id: `f-${name}-toggle`, label: t(`field.${name}.toggle`), hint: t(`field.${name}.toggle.hint`),
      onchange: () => { set.hidden = !toggle.control.checked; },
    });
    ed.slots[name] = toggle.slot;
    ed.refs[`${name}Toggle`] = toggle.control;
    ed.refs[`${name}Set`] = set;
    let row = null;
    for (const [key, type] of inputs) {
      const made = subField(name, key, type);
      ed.refs[`${name}.${key}`] = made.control;
      ed.slots[`${name}.${key}`] = made.slot;
      if (type === 'date' || type === 'time') {
        if (!row || row.children.length >= 2 || key.endsWith('Date') || key === 'from') row = set.appendChild(h('div', { class: 'field-row' }));
        row.append(made.wrap);
      } else {
        row = null;
        set.append(made.wrap);
      }
    }
    // Problems about event.start name the date and time pair's date.
    if (name === 'event') {
      ed.slots['event.start'] = ed.slots['event.startDate'];
      ed.slots['event.end'] = ed.slots['event.endDate'];
    }
    return h('div', {}, toggle.wrap, set);
  }

  function subField(group, key, type) {
    const base = `field.${group}.${key}`;
    const hintKey = `${base}.hint`;
    let control;
    if (type === 'textarea') control = h('textarea', { rows: 3, spellcheck: 'true' });
    else if (type === 'text') control = textInput({});
    else control = h('input', { type, spellcheck: type === 'url' ? 'false' : null, inputmode: type === 'url' ? 'url' : null });
    return field({ id: `f-${group}-${key}`, label: t(`${base}.label`), hint: STRINGS[hintKey] ? t(hintKey) : null, control });
  }

  // ---- photos and documents --------------------------------------------------------

  function photosSection(ed) {
    const upload = fileField({ id: 'f-photos', label: t('photos.input.label'), hint: t('photos.input.hint'), button: t('photos.input.button'), accept: 'image/*' });
    const input = upload.control;
    input.addEventListener('change', () => uploadFiles(ed, input, 'gallery'));
    const list = h('ul', { class: 'media-list', id: 'gallery-list' });
    const empty = h('p', { class: 'media-empty', id: 'gallery-empty' }, t('photos.empty'));
    ed.slots.gallery = upload.slot;
    Object.assign(ed.refs, { photoInput: input, galleryList: list, galleryEmpty: empty });
    return section('sec-photos', t('form.section.photos'), h('p', { class: 'hint' }, t('photos.hint')), upload.wrap, list, empty);
  }

  function documentsSection(ed) {
    const upload = fileField({ id: 'f-documents', label: t('documents.input.label'), hint: t('documents.input.hint'), button: t('documents.input.button'), accept: DOCUMENT_TYPES });
    const input = upload.control;
    input.addEventListener('change', () => uploadFiles(ed, input, 'attachments'));
    const list = h('ul', { class: 'media-list', id: 'attachment-list' });
    const empty = h('p', { class: 'media-empty', id: 'attachment-empty' }, t('documents.empty'));
    ed.slots.attachments = upload.slot;
    Object.assign(ed.refs, { documentInput: input, attachmentList: list, attachmentEmpty: empty });
    return section('sec-documents', t('form.section.documents'), h('p', { class: 'hint' }, t('documents.hint')), upload.wrap, list, empty);
  }

  /**
   * A file input that reads in the page's language whatever the browser's
   * ("Wybierz pliki" where Chromium would say "Choose Files"): the real
   * input lies, transparent, over a button-like text, so a click, a drop
   * and the keyboard all reach the input itself; its name is the label and
   * that text.
   */
  function fileField({ id, label, hint, button, accept }) {
    const input = h('input', { type: 'file', accept, multiple: true, class: 'file-button__input' });
    const made = field({ id, label, hint, control: input });
    made.wrap.querySelector('label').id = `${id}-label`;
    const text = h('span', { class: 'button button--secondary file-button__text', id: `${id}-button`, 'aria-hidden': 'true' }, button);
    const box = h('div', { class: 'file-button' });
    input.replaceWith(box);
    box.append(input, text);
    input.setAttribute('aria-labelledby', `${id}-label ${id}-button`);
    return made;
  }

  /** "3,7 MB, 4000 × 3000 px" for a photo in the page's folder. */
  function photoInfo(info) {
    if (!info) return '';
    if (info.width && info.height) return t('photo.info', { size: humanSize(info.size), width: info.width, height: info.height });
    return humanSize(info.size);
  }

  function galleryRow(ed, entry) {
    const n = ++ed.rowSeq;
    const info = ed.files.get(entry.file);
    const alt = field({ id: `gallery-alt-${n}`, label: t('photo.alt.label'), hint: t('photo.alt.hint'), control: textInput({ value: entry.alt || '', required: true }) });
    const caption = field({ id: `gallery-caption-${n}`, label: t('photo.caption.label'), control: textInput({ value: entry.caption || '' }) });
    const row = { kind: 'gallery', file: entry.file, extra: entry, alt: alt.control, caption: caption.control, slot: alt.slot, el: null };
    const remove = h('button', { type: 'button', class: 'button button--warning button--small', 'data-remove': entry.file },
      t('photo.remove'), hidden(` ${t('photo.remove.name', { file: entry.file })}`));
    remove.addEventListener('click', () => removeRow(ed, row, t('photo.removed', { file: entry.file })));
    row.el = h('li', { class: 'media-row', 'data-file': entry.file, id: `gallery-row-${n}` },
      thumbnail(ed, entry.file),
      h('div', {},
        h('p', { class: 'media-row__name' }, h('span', { class: 'media-row__file' }, entry.file), ' ', h('span', { class: 'media-row__info' }, photoInfo(info))),
        alt.wrap, caption.wrap, h('div', { class: 'button-row' }, remove)));
    return row;
  }

  /** The photo itself when it was just chosen on this computer; else its type. */
  function thumbnail(ed, name) {
    const local = ed.localUrls.get(name);
    return h('div', { class: 'media-row__thumb', 'aria-hidden': local ? null : 'true' },
      local ? h('img', { src: local, alt: '' }) : fileKind(name));
  }

  function attachmentRow(ed, entry) {
    const n = ++ed.rowSeq;
    const info = ed.files.get(entry.file);
    const kind = fileKind(entry.file);
    const shown = h('p', { class: 'hint', id: `attachment-shown-${n}` });
    const title = field({ id: `attachment-title-${n}`, label: t('document.title.label'), hint: t('document.title.hint'), control: textInput({ value: entry.title || '' }), extra: [shown.id] });
    const row = { kind: 'attachments', file: entry.file, extra: entry, title: title.control, slot: title.slot, el: null };
    const showAs = () => {
      shown.textContent = t('document.shown', { title: title.control.value.trim() || entry.file, kind, size: info ? humanSize(info.size) : '?' });
    };
    title.control.addEventListener('input', showAs);
    showAs();
    const remove = h('button', { type: 'button', class: 'button button--warning button--small', 'data-remove': entry.file },
      t('document.remove'), hidden(` ${t('document.remove.name', { file: entry.file })}`));
    remove.addEventListener('click', () => removeRow(ed, row, t('document.removed', { file: entry.file })));
    row.el = h('li', { class: 'media-row media-row--document', 'data-file': entry.file, id: `attachment-row-${n}` },
      h('div', {},
        h('p', { class: 'media-row__name' }, h('span', { class: 'media-row__file' }, entry.file), ' ',
          h('span', { class: 'media-row__info' }, info ? `${kind}, ${humanSize(info.size)}` : kind)),
        title.wrap, shown, h('div', { class: 'button-row' }, remove)));
    return row;
  }

  function renderRows(ed) {
    ed.refs.galleryList.replaceChildren(...ed.gallery.map((r) => r.el));
    ed.refs.galleryEmpty.hidden = ed.gallery.length > 0;
    ed.refs.attachmentList.replaceChildren(...ed.attachments.map((r) => r.el));
    ed.refs.attachmentEmpty.hidden = ed.attachments.length > 0;
  }

  function removeRow(ed, row, message) {
    const rows = row.kind === 'gallery' ? ed.gallery : ed.attachments;
    const at = rows.indexOf(row);
    if (at >= 0) rows.splice(at, 1);
    renderRows(ed);
    // Focus goes to the next row's first field, else to the upload field.
    const next = rows[at] || rows[at - 1];
    (next ? (next.alt || next.title) : (row.kind === 'gallery' ? ed.refs.photoInput : ed.refs.documentInput)).focus();
    say(message);
    onFormInput(ed);
  }

  /** Sends the chosen files one by one; each becomes a gallery or attachment row. */
  async function uploadFiles(ed, input, kind) {
    const chosen = [...input.files];
    input.value = '';
    if (!chosen.length) return;
    const slot = ed.slots[kind];
    const failures = [];
    ed.uploadErrors[kind] = [];
    const added = [];
    for (const [i, file] of chosen.entries()) {
      say(t('upload.progress', { n: i + 1, total: chosen.length, file: file.name }));
      const result = await uploadOne(ed, file);
      if (!ed.alive) return;
      if (result.error) failures.push({ severity: 'error', field: kind, message: t('upload.failed', { file: file.name, error: result.error }) });
      else added.push(addRow(ed, kind, result.file, file));
    }
    renderRows(ed);
    ed.uploadErrors[kind] = failures;
    showProblems(ed, ed.problems);
    if (failures.length) slot.control.setAttribute('aria-invalid', 'true');
    announceUploads(kind, added.length, failures);
    if (added.length) {
      (kind === 'gallery' ? added[0].alt : added[0].title).focus();
      onFormInput(ed);
    }
  }

  async function uploadOne(ed, file) {
    try {
      const reply = await api('POST', `/api/upload?${query({ site: ed.site.id, path: ed.path, name: file.name })}`, file);
      if (reply.ok && reply.data?.file) return { file: reply.data.file };
      if (reply.status === 413) return { error: reply.data?.error || t('upload.tooBig') };
      if (reply.status === 415) return { error: reply.data?.error || t('upload.badType') };
      return { error: errorText(reply) };
    } catch (e) {
      return { error: e.message };
    }
  }

  function addRow(ed, kind, info, file) {
    ed.files.set(info.name, info);
    if (kind === 'gallery') {
      if (info.kind === 'image' && typeof URL.createObjectURL === 'function') ed.localUrls.set(info.name, URL.createObjectURL(file));
      const row = galleryRow(ed, { file: info.name, alt: '', caption: '' });
      ed.gallery.push(row);
      return row;
    }
    const row = attachmentRow(ed, { file: info.name, title: titleFromName(file.name) });
    ed.attachments.push(row);
    return row;
  }

  /** "Zaproszenie na spotkanie" for "Zaproszenie_na_spotkanie.pdf". */
  function titleFromName(name) {
    const dot = name.lastIndexOf('.');
    return (dot > 0 ? name.slice(0, dot) : name).replace(/[_]+/g, ' ').trim();
  }

  function announceUploads(kind, count, failures) {
    const parts = [];
    if (count) parts.push(tp(kind === 'gallery' ? 'upload.photos' : 'upload.documents', count));
    for (const f of failures) parts.push(f.message);
    if (parts.length) say(parts.join(' '), failures.length ? 'error' : null);
  }

  // ---- the body: textarea, toolbar, paste ------------------------------------------

  function bodySection(ed) {
    const textarea = h('textarea', { class: 'body-input', rows: 22, spellcheck: 'true' });
    const hint = h('p', { class: 'hint', id: 'f-body-hint' }, t('body.hint'));
    const list = h('ul', { class: 'problems problems--body', id: 'f-body-problems', hidden: true });
    textarea.id = 'f-body';
    setDescribedBy(textarea, [hint.id]);
    const slot = makeSlot(list, textarea, [hint.id]);
    slot.bodyLines = true;
    ed.slots.body = slot;
    ed.refs.body = textarea;
    textarea.addEventListener('keydown', (e) => onBodyKey(ed, e));
    textarea.addEventListener('paste', (e) => onPaste(ed, e));
    const wrap = h('div', { class: 'field field--wide', id: 'f-body-field' },
      h('label', { class: 'label', for: 'f-body' }, t('body.label')), hint,
      toolbar(ed), linkPanel(ed), imagePanel(ed), textarea, list);
    return section('sec-body', t('form.section.body'), wrap);
  }

  function toolbar(ed) {
    const tool = (id, key, action, extra) => h('button', {
      type: 'button', class: 'button button--secondary', id, title: t(`${key}.title`), onclick: action, ...extra,
    }, t(key));
    return h('div', { class: 'toolbar', role: 'group', 'aria-label': t('toolbar.label'), id: 'body-toolbar' },
      tool('tool-heading', 'toolbar.heading', () => prefixLines(ed, 'heading')),
      tool('tool-list', 'toolbar.list', () => prefixLines(ed, 'list')),
      tool('tool-numbered', 'toolbar.numbered', () => prefixLines(ed, 'numbered')),
      tool('tool-bold', 'toolbar.bold', () => makeBold(ed), { 'aria-keyshortcuts': 'Control+B' }),
      tool('tool-link', 'toolbar.link', () => openLinkPanel(ed), { 'aria-keyshortcuts': 'Control+K', 'aria-expanded': 'false', 'aria-controls': 'link-panel' }),
      tool('tool-image', 'toolbar.image', () => openImagePanel(ed), { 'aria-expanded': 'false', 'aria-controls': 'image-panel' }));
  }

  function onBodyKey(ed, event) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    const key = event.key.toLowerCase();
    if (key === 'b') {
      event.preventDefault();
      makeBold(ed);
    } else if (key === 'k') {
      event.preventDefault();
      openLinkPanel(ed);
    }
  }

  /**
   * Replaces start..end of the body with `text` the way typing would (so Ctrl+Z
   * undoes it), then selects `select` (offsets inside `text`) or puts the caret after it.
   */
  function insertText(ed, text, start, end, select) {
    const ta = ed.refs.body;
    ta.focus();
    ta.setSelectionRange(start, end);
    let done = false;
    try {
      done = document.execCommand('insertText', false, text);
    } catch {
      done = false;
    }
    if (!done || ta.value.slice(start, start + text.length) !== text) {
      ta.setRangeText(text, start, end, 'end');
      ta.dispatchEvent(new Event('input', { bubbles: true }));
    }
    if (select) ta.setSelectionRange(start + select[0], start + select[1]);
    else ta.setSelectionRange(start + text.length, start + text.length);
  }

  const LINE_PREFIX = /^(#{1,6} |[-*+] |\d+[.)] )/;

  /** Nagłówek, Lista, Lista numerowana: on every selected line, or off when all have it. */
  function prefixLines(ed, kind) {
    const ta = ed.refs.body;
    const value = ta.value;
    const from = value.lastIndexOf('\n', ta.selectionStart - 1) + 1;
    const endAt = ta.selectionEnd > ta.selectionStart && value[ta.selectionEnd - 1] === '\n' ? ta.selectionEnd - 1 : ta.selectionEnd;
    const lineEnd = value.indexOf('\n', endAt);
    const to = lineEnd < 0 ? value.length : lineEnd;
    const lines = value.slice(from, to).split('\n');
    const has = { heading: /^## /, list: /^[-*+] /, numbered: /^\d+[.)] / }[kind];
    const filled = lines.filter((l) => l.trim());
    const off = filled.length > 0 && filled.every((l) => has.test(l));
    let number = 0;
    const out = lines.map((line) => {
      if (!line.trim() && lines.length > 1) return line;
      const clean = line.replace(LINE_PREFIX, '');
      if (off) return clean;
      number += 1;
      return { heading: '## ', list: '- ', numbered: `${number}. ` }[kind] + clean;
    }).join('\n');
    insertText(ed, out, from, to);
  }

  function makeBold(ed) {
    const ta = ed.refs.body;
    const start = ta.selectionStart;
    const end = ta.selectionEnd;
    const picked = ta.value.slice(start, end);
    if (picked.length > 4 && picked.startsWith('**') && picked.endsWith('**')) {
      insertText(ed, picked.slice(2, -2), start, end, [0, picked.length - 4]);
    } else if (picked) {
      insertText(ed, `**${picked}**`, start, end, [2, 2 + picked.length]);
    } else {
      const word = t('toolbar.bold.placeholder');
      insertText(ed, `**${word}**`, start, end, [2, 2 + word.length]);
    }
  }

  /** The link panel: an accessible inline form, not window.prompt. */
  function linkPanel(ed) {
    const url = field({ id: 'link-url', label: t('link.url.label'), hint: t('link.url.hint'), control: h('input', { type: 'url', inputmode: 'url', spellcheck: 'false', autocomplete: 'off' }) });
    const text = field({ id: 'link-text', label: t('link.text.label'), hint: t('link.text.hint'), control: textInput({}) });
    const panel = h('fieldset', { class: 'inline-panel', id: 'link-panel', hidden: true },
      h('legend', {}, t('link.legend')), url.wrap, text.wrap,
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'button', id: 'link-insert', onclick: () => insertLink(ed) }, t('link.insert')),
        h('button', { type: 'button', class: 'button button--secondary', id: 'link-cancel', onclick: () => closePanel(ed, 'link') }, t('common.cancel'))));
    panel.addEventListener('keydown', (e) => onPanelKey(ed, 'link', e, () => insertLink(ed)));
    ed.refs.linkPanel = panel;
    ed.refs.linkUrl = url;
    ed.refs.linkText = text.control;
    return panel;
  }

  function onPanelKey(ed, name, event, confirm) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      closePanel(ed, name);
    } else if (event.key === 'Enter' && event.target.tagName === 'INPUT') {
      event.preventDefault();
      confirm();
    }
  }

  function openLinkPanel(ed) {
    closePanel(ed, 'image', true);
    const ta = ed.refs.body;
    ed.selection = [ta.selectionStart, ta.selectionEnd];
    ed.refs.linkText.value = ta.value.slice(ta.selectionStart, ta.selectionEnd);
    ed.refs.linkUrl.control.value = '';
    clearSlot(ed.refs.linkUrl.slot);
    ed.refs.linkPanel.hidden = false;
    byId('tool-link').setAttribute('aria-expanded', 'true');
    ed.refs.linkUrl.control.focus();
  }

  function closePanel(ed, name, quiet) {
    const panel = name === 'link' ? ed.refs.linkPanel : ed.refs.imagePanel;
    if (panel.hidden) return;
    panel.hidden = true;
    byId(`tool-${name}`).setAttribute('aria-expanded', 'false');
    if (quiet) return;
    const [start, end] = ed.selection || [0, 0];
    ed.refs.body.focus();
    ed.refs.body.setSelectionRange(start, end);
  }

  function insertLink(ed) {
    const address = ed.refs.linkUrl.control.value.trim();
    if (!address) {
      ed.refs.linkUrl.slot.items = [{ severity: 'error', message: t('link.url.required') }];
      renderSlot(ed.refs.linkUrl.slot);
      ed.refs.linkUrl.control.focus();
      return;
    }
    const label = ed.refs.linkText.value.trim() || address;
    const [start, end] = ed.selection || [0, 0];
    ed.refs.linkPanel.hidden = true;
    byId('tool-link').setAttribute('aria-expanded', 'false');
    insertText(ed, `[${label}](${address})`, start, end);
  }

  function imagePanel(ed) {
    const select = field({ id: 'image-file', label: t('image.file.label'), control: h('select', {}) });
    const alt = field({ id: 'image-alt', label: t('image.alt.label'), hint: t('photo.alt.hint'), control: textInput({}) });
    const none = h('p', { id: 'image-none', hidden: true }, t('image.none'), ' ', h('a', { href: '#f-photos' }, t('photos.input.label')));
    const fields = h('div', { id: 'image-fields' }, select.wrap, alt.wrap,
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'button', id: 'image-insert', onclick: () => insertImage(ed) }, t('image.insert')),
        h('button', { type: 'button', class: 'button button--secondary', onclick: () => closePanel(ed, 'image') }, t('common.cancel'))));
    const panel = h('fieldset', { class: 'inline-panel', id: 'image-panel', hidden: true },
      h('legend', {}, t('image.legend')), none, fields);
    panel.addEventListener('keydown', (e) => onPanelKey(ed, 'image', e, () => insertImage(ed)));
    select.control.addEventListener('change', () => suggestAlt(ed));
    Object.assign(ed.refs, { imagePanel: panel, imageSelect: select.control, imageAlt: alt.control, imageNone: none, imageFields: fields });
    return panel;
  }

  function openImagePanel(ed) {
    closePanel(ed, 'link', true);
    const ta = ed.refs.body;
    ed.selection = [ta.selectionStart, ta.selectionEnd];
    const images = [...ed.files.values()].filter((f) => f.kind === 'image');
    ed.refs.imageSelect.replaceChildren(...images.map((f) => h('option', { value: f.name }, `${f.name} (${photoInfo(f)})`)));
    ed.refs.imageNone.hidden = images.length > 0;
    ed.refs.imageFields.hidden = images.length === 0;
    ed.refs.imagePanel.hidden = false;
    byId('tool-image').setAttribute('aria-expanded', 'true');
    suggestAlt(ed);
    (images.length ? ed.refs.imageSelect : ed.refs.imageNone.querySelector('a')).focus();
  }

  function suggestAlt(ed) {
    const row = ed.gallery.find((r) => r.file === ed.refs.imageSelect.value);
    ed.refs.imageAlt.value = row ? row.alt.value : '';
  }

  function insertImage(ed) {
    const file = ed.refs.imageSelect.value;
    if (!file) return;
    const alt = ed.refs.imageAlt.value.trim().replace(/[[\]]/g, '');
    const [start, end] = ed.selection || [0, 0];
    ed.refs.imagePanel.hidden = true;
    byId('tool-image').setAttribute('aria-expanded', 'false');
    insertText(ed, `![${alt}](${file})`, start, end);
  }

  /** Word's clipboard HTML becomes Markdown (the server converts it). */
  async function onPaste(ed, event) {
    const data = event.clipboardData;
    if (!data || ![...data.types].includes('text/html')) return;
    const html = data.getData('text/html');
    if (!html.trim()) return;
    event.preventDefault();
    const plain = data.getData('text/plain');
    const ta = ed.refs.body;
    const [start, end] = [ta.selectionStart, ta.selectionEnd];
    say(t('paste.working'));
    try {
      const reply = await apiOk('POST', '/api/paste', { html });
      if (!ed.alive) return;
      insertText(ed, reply.markdown || '', start, end);
      const dropped = Number(reply.dropped_images) || 0;
      say(dropped ? `${t('paste.done')} ${tp('paste.dropped', dropped)}` : t('paste.done'));
    } catch {
      if (!ed.alive) return;
      insertText(ed, plain, start, end);
      say(t('paste.failed'), 'error');
    }
  }

  /** Selects line `n` of the body and scrolls it into view. */
  function selectLine(n) {
    const ed = app.edit;
    if (!ed) return;
    const ta = ed.refs.body;
    const lines = ta.value.split('\n');
    const line = Math.min(Math.max(1, Number(n) || 1), lines.length);
    let start = 0;
    for (let i = 0; i < line - 1; i += 1) start += lines[i].length + 1;
    ta.focus();
    ta.setSelectionRange(start, start + lines[line - 1].length);
    ta.scrollTop = Math.max(0, caretTop(ta, start) - ta.clientHeight / 3);
    ta.scrollIntoView({ block: 'nearest' });
  }

  /** The caret's distance from the textarea's top, measured in a hidden copy. */
  function caretTop(ta, position) {
    const style = getComputedStyle(ta);
    const mirror = document.createElement('div');
    for (const p of ['fontFamily', 'fontSize', 'fontWeight', 'lineHeight', 'letterSpacing', 'wordSpacing', 'tabSize',
      'paddingTop', 'paddingLeft', 'paddingRight', 'borderLeftWidth', 'borderRightWidth', 'boxSizing']) mirror.style[p] = style[p];
    Object.assign(mirror.style, { position: 'absolute', visibility: 'hidden', top: '0', left: '0', width: `${ta.offsetWidth}px`, whiteSpace: 'pre-wrap', overflowWrap: 'break-word' });
    mirror.textContent = ta.value.slice(0, position);
    const marker = mirror.appendChild(document.createElement('span'));
    marker.textContent = '\u200b';
    document.body.append(mirror);
    const top = marker.offsetTop;
    mirror.remove();
    return top;
  }

  // ---- the form's values ---------------------------------------------------------

  /** Puts `fields` and `body` into the form. */
  function populate(ed, fields, body) {
    ed.fields = fields || {};
    const r = ed.refs;
    r.title.value = fields.title || '';
    r.date.value = parseDateTime(fields.date).date || fields.date || '';
    r.time.value = fields.time || '';
    r.summary.value = fields.summary || '';
    r.draft.checked = Boolean(fields.draft);
    const cats = uniq([...(fields.categories || []), ...(ed.site.categories || [])]);
    fillBoxes(r.categories, 'f-category', cats, fields.categories || []);
    r.categoriesOther.value = '';
    r.tags.value = (fields.tags || []).join(', ');
    const members = (ed.site.members || []).map((m) => (typeof m === 'string' ? m : m.name)).filter(Boolean);
    fillBoxes(r.gminy, 'f-gmina', uniq([...(fields.gminy || []), ...members]), fields.gminy || []);
    populateEvent(ed, fields.event);
    populateConsultation(ed, fields.consultation);
    ed.gallery = (fields.gallery || []).map((g) => galleryRow(ed, g));
    ed.attachments = (fields.attachments || []).map((a) => attachmentRow(ed, a));
    renderRows(ed);
    r.body.value = body || '';
    updateScheduled(ed);
  }

  function populateEvent(ed, event) {
    const r = ed.refs;
    r.eventToggle.checked = Boolean(event);
    r.eventSet.hidden = !event;
    const start = parseDateTime(event?.start);
    const end = parseDateTime(event?.end);
    r['event.startDate'].value = start.date;
    r['event.startTime'].value = start.time;
    r['event.endDate'].value = end.date;
    r['event.endTime'].value = end.time;
    r['event.place'].value = event?.place || '';
    r['event.address'].value = event?.address || '';
  }

  function populateConsultation(ed, c) {
    const r = ed.refs;
    r.consultationToggle.checked = Boolean(c);
    r.consultationSet.hidden = !c;
    r['consultation.subject'].value = c?.subject || '';
    r['consultation.from'].value = parseDateTime(c?.from).date;
    r['consultation.to'].value = parseDateTime(c?.to).date;
    r['consultation.how'].value = c?.how || '';
    r['consultation.form'].value = c?.form || '';
  }

  /** The form's fields as the API takes them; unknown keys of the loaded fields ride along. */
  function collectFields(ed) {
    const r = ed.refs;
    const loaded = ed.fields;
    const boxes = checkedValues(r.categories);
    return {
      ...loaded,
      title: r.title.value,
      date: keptDate(r.date.value, loaded.date),
      time: r.time.value,
      summary: r.summary.value,
      tags: splitList(r.tags.value),
      categories: uniq([...boxes, ...splitList(r.categoriesOther.value)]),
      gminy: checkedValues(r.gminy),
      draft: r.draft.checked,
      event: r.eventToggle.checked ? collectEvent(ed) : null,
      consultation: r.consultationToggle.checked ? collectConsultation(ed) : null,
      attachments: ed.attachments.map((a) => ({ ...a.extra, file: a.file, title: a.title.value })),
      gallery: ed.gallery.map((g) => ({ ...g.extra, file: g.file, alt: g.alt.value, caption: g.caption.value })),
    };
  }

  /** A date the date input cannot show (e.g. 31.02.2021) is kept as written until the clerk picks another. */
  function keptDate(value, original) {
    const shown = parseDateTime(original).date;
    if (original && value === shown) return shown === '' ? original : value;
    return value;
  }

  function collectEvent(ed) {
    const r = ed.refs;
    const was = ed.fields.event || {};
    return {
      ...was,
      start: joinDateTime(r['event.startDate'].value, r['event.startTime'].value, was.start),
      end: joinDateTime(r['event.endDate'].value, r['event.endTime'].value, was.end),
      place: r['event.place'].value,
      address: r['event.address'].value,
    };
  }

  function collectConsultation(ed) {
    const r = ed.refs;
    const was = ed.fields.consultation || {};
    return {
      ...was,
      subject: r['consultation.subject'].value,
      from: joinDateTime(r['consultation.from'].value, '', was.from),
      to: joinDateTime(r['consultation.to'].value, '', was.to),
      how: r['consultation.how'].value,
      form: r['consultation.form'].value,
    };
  }

  function snapshot(ed) {
    return { fields: collectFields(ed), body: ed.refs.body.value };
  }

  function snapshotText(ed) {
    return JSON.stringify(snapshot(ed));
  }

  function onFormInput(ed) {
    if (!ed.alive) return;
    storeDraft(ed);
    updateDirty(ed);
    updateScheduled(ed);
    clearTimeout(ed.timer);
    ed.timer = setTimeout(() => runPreview(ed), PREVIEW_DELAY);
  }

  /** Unsaved work goes to localStorage on every change; none when the form equals the file. */
  function storeDraft(ed) {
    const snap = snapshot(ed);
    const key = draftKey(ed.site.id, ed.path);
    if (JSON.stringify(snap) === ed.pristine) {
      removeKey(key);
      return;
    }
    writeJson(key, { fields: snap.fields, body: snap.body, revision: ed.revision, base: ed.base, time: new Date().toISOString() });
  }

  function updateDirty(ed) {
    ed.dirty = snapshotText(ed) !== ed.pristine;
    const state = ed.refs.saveState;
    if (!state || ed.saving) return;
    if (ed.dirty) {
      state.textContent = t('save.unsaved');
      state.classList.add('is-dirty');
    } else {
      state.textContent = ed.savedAt ? t('save.done', { time: clockTime(ed.savedAt) }) : t('save.clean');
      state.classList.remove('is-dirty');
    }
  }

  function updateScheduled(ed) {
    const note = ed.refs.scheduled;
    const future = isFuture(ed.refs.date.value, ed.refs.time.value);
    note.hidden = !future;
    if (future) {
      const when = ed.refs.time.value ? t('date.withtime', { date: formatDate(ed.refs.date.value), time: ed.refs.time.value }) : formatDate(ed.refs.date.value);
      note.replaceChildren(h('span', { class: 'badge badge--scheduled' }, t('badge.scheduled')), ' ', t('field.scheduled', { date: when }));
    } else {
      note.replaceChildren();
    }
  }

  // ---- restoring unsaved work ------------------------------------------------------

  function restoreDraft(ed) {
    const draft = readJson(draftKey(ed.site.id, ed.path));
    if (!draft || typeof draft !== 'object' || !draft.fields) return;
    populate(ed, draft.fields, draft.body || '');
    if (snapshotText(ed) === ed.pristine) {
      removeKey(draftKey(ed.site.id, ed.path));
      return;
    }
    // Work begun on an older file: saving it must meet the newer file as a conflict.
    const stale = draft.revision && draft.revision !== ed.revision && typeof draft.base === 'string';
    if (stale) {
      ed.base = draft.base;
      ed.revision = draft.revision;
    }
    const when = draft.time ? formatMoment(new Date(draft.time)) : '';
    const discard = h('button', { type: 'button', class: 'button button--secondary', id: 'restore-discard' }, t('restore.discard'));
    const notice = h('div', { class: 'notice', id: 'restore-notice', tabindex: '-1' },
      h('p', {}, t('restore.notice', { time: when }), stale ? ` ${t('restore.stale')}` : ''),
      h('div', { class: 'button-row' }, discard));
    discard.addEventListener('click', () => discardRestored(ed, notice));
    ed.refs.notices.append(notice);
    say(t('restore.notice', { time: when }));
  }

  function discardRestored(ed, notice) {
    const page = ed.loaded;
    ed.base = page.text || '';
    ed.revision = page.revision || '';
    populate(ed, page.fields || {}, page.body || '');
    removeKey(draftKey(ed.site.id, ed.path));
    updateDirty(ed);
    notice.replaceChildren(h('p', {}, t('restore.discarded')));
    notice.focus();
    say(t('restore.discarded'));
    runPreview(ed);
  }

  /** The clerk's text kept when they took the disk's version in a conflict. */
  function showLost(ed) {
    const lost = readJson(lostKey(ed.site.id, ed.path));
    byId('lost-panel')?.remove();
    if (!lost || typeof lost.text !== 'string') return;
    const when = lost.time ? formatMoment(new Date(lost.time)) : '';
    const clear = h('button', { type: 'button', class: 'button button--secondary', id: 'lost-clear' }, t('lost.clear'));
    const panel = h('div', { class: 'notice', id: 'lost-panel', tabindex: '-1' },
      h('details', { open: true },
        h('summary', {}, t('lost.summary')),
        h('label', { class: 'label', for: 'lost-text' }, t('lost.label', { time: when })),
        h('textarea', { id: 'lost-text', readonly: true, rows: 10, value: lost.text }),
        h('div', { class: 'button-row' }, clear)));
    clear.addEventListener('click', () => {
      removeKey(lostKey(ed.site.id, ed.path));
      panel.remove();
      byId('page-heading').focus();
      say(t('lost.cleared'));
    });
    ed.refs.notices.append(panel);
    return panel;
  }

  // ---- the preview -------------------------------------------------------------

  function previewPane(ed) {
    const frame = h('iframe', { id: 'preview-frame', class: 'preview-frame', title: t('preview.frame'), sandbox: 'allow-same-origin' });
    const counts = h('p', { id: 'problem-counts', class: 'counts', role: 'status' });
    const error = h('p', { id: 'preview-error', class: 'notice notice--error', hidden: true });
    Object.assign(ed.refs, { frame, counts, previewError: error });
    ed.refs.previewPane = h('section', { class: 'preview-pane', id: 'preview-pane', 'aria-labelledby': 'preview-heading' },
      h('h2', { id: 'preview-heading' }, t('preview.heading')),
      h('p', { class: 'hint' }, t('preview.hint')), counts, error, frame);
    return ed.refs.previewPane;
  }

  async function runPreview(ed) {
    clearTimeout(ed.timer);
    const seq = ++ed.seq;
    ed.abort?.abort();
    ed.abort = new AbortController();
    const snap = snapshot(ed);
    const request = { site: ed.site.id, path: ed.path, base: ed.base, fields: snap.fields, body: snap.body };
    ed.refs.previewPane.setAttribute('aria-busy', 'true');
    try {
      const reply = await api('POST', '/api/preview', request, ed.abort.signal);
      if (seq !== ed.seq || !ed.alive) return;
      if (!reply.ok) throw new ApiError(errorText(reply), reply.status, reply.data);
      ed.refs.previewError.hidden = true;
      // No page when the text cannot be rendered: the last one stays, with the problems.
      if (typeof reply.data.html === 'string') showPreview(ed, reply.data.html);
      showProblems(ed, reply.data.problems || []);
      ed.refs.previewPane.dataset.seq = String(seq);
    } catch (e) {
      if (e.name === 'AbortError' || seq !== ed.seq) return;
      ed.refs.previewError.textContent = t('preview.failed', { error: e.message });
      ed.refs.previewError.hidden = false;
    } finally {
      if (seq === ed.seq) ed.refs.previewPane.removeAttribute('aria-busy');
    }
  }

  /** The server's page into the sandboxed frame, where it was scrolled to. */
  function showPreview(ed, html) {
    const frame = ed.refs.frame;
    let scroll = 0;
    try {
      scroll = frame.contentWindow?.scrollY || 0;
    } catch {
      scroll = 0;
    }
    const first = !ed.previewShown;
    ed.previewShown = true;
    frame.addEventListener('load', () => {
      try {
        // The first time, the announcement itself rather than the portal's header.
        const main = first ? frame.contentDocument.querySelector('main') : null;
        frame.contentWindow.scrollTo(0, main ? main.getBoundingClientRect().top + frame.contentWindow.scrollY : scroll);
      } catch {
        /* a page the frame navigated to */
      }
    }, { once: true });
    frame.srcdoc = withBase(html, ed.url);
  }

  /**
   * The page for the frame: without its scripts (the sandbox would refuse
   * them anyway), and with its own relative addresses (photos, styles)
   * resolving from its URL. DOMParser makes an inert document: nothing in
   * it runs or loads here.
   */
  function withBase(html, url) {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    for (const script of doc.querySelectorAll('script')) script.remove();
    if (url && !doc.querySelector('base')) {
      const base = doc.createElement('base');
      base.setAttribute('href', url);
      doc.head.prepend(base);
    }
    return `<!doctype html>\n${doc.documentElement.outerHTML}`;
  }

  /** Each problem next to its field, all of them in the summary, the counts in the live region. */
  function showProblems(ed, found) {
    ed.problems = found;
    const problems = [...found, ...ed.uploadErrors.gallery, ...ed.uploadErrors.attachments];
    const slots = allSlots(ed);
    for (const slot of slots) slot.items = [];
    const slotOf = new Map();
    for (const p of problems) {
      const slot = slotFor(ed, p);
      slotOf.set(p, slot);
      if (slot) slot.items.push(p);
    }
    for (const slot of slots) renderSlot(slot);
    fillSummary(ed.refs.errorSummary, problems, (p) => slotOf.get(p));
    setCounts(ed, found);
  }

  function allSlots(ed) {
    return [...new Set([...Object.values(ed.slots), ...ed.gallery.map((r) => r.slot), ...ed.attachments.map((r) => r.slot)])];
  }

  /** The slot of a problem: its field, the gallery or attachment row it names, or none. */
  function slotFor(ed, p) {
    const name = String(p.field || '');
    const base = baseField(name);
    if (base === 'gallery' || base === 'attachments') return rowSlot(ed, base, name, p) || ed.slots[base];
    if (base === 'event' || base === 'consultation') {
      const sub = name.split(/[.[\]]/).filter(Boolean)[1];
      return (sub && ed.slots[`${base}.${sub}`]) || ed.slots[base];
    }
    return ed.slots[base] || null;
  }

  function rowSlot(ed, base, name, p) {
    const rows = base === 'gallery' ? ed.gallery : ed.attachments;
    const index = /\d+/.exec(name);
    if (index && rows[Number(index[0])]) return rows[Number(index[0])].slot;
    const text = `${p.message || ''} ${p.hint || ''}`;
    const named = rows.filter((r) => text.includes(r.file)).sort((a, b) => b.file.length - a.file.length);
    return named[0]?.slot || null;
  }

  function setCounts(ed, problems) {
    const errors = problems.filter((p) => p.severity !== 'warning').length;
    const warnings = problems.length - errors;
    const text = problems.length ? `${tp('count.errors', errors)}, ${tp('count.warnings', warnings)}` : t('count.none');
    if (text !== ed.counts) {
      ed.counts = text;
      ed.refs.counts.textContent = text;
    }
    ed.refs.counts.dataset.errors = String(errors);
    ed.refs.counts.dataset.warnings = String(warnings);
  }

  // ---- saving, conflicts, publishing, deploying -----------------------------------

  function actionsBar(ed) {
    const saveState = h('p', { class: 'save-state', id: 'save-state' }, t('save.clean'));
    ed.refs.saveState = saveState;
    return h('div', { class: 'actions', id: 'edit-actions' },
      h('button', { type: 'button', class: 'button', id: 'save-button', onclick: () => save(ed) }, t('save.button')),
      h('button', { type: 'button', class: 'button button--secondary', id: 'publish-button', onclick: () => publish(ed) }, t('publish.button')),
      saveState);
  }

  /** Saves the form; resolves to true when the file on disk is the form's now. */
  async function save(ed, force) {
    if (ed.saving) return false;
    ed.saving = true;
    ed.refs.saveState.textContent = t('save.saving');
    const snap = snapshot(ed);
    const sent = JSON.stringify(snap);
    const request = { site: ed.site.id, path: ed.path, base: ed.base, revision: ed.revision, fields: snap.fields, body: snap.body, force: Boolean(force) };
    try {
      const reply = await api('POST', '/api/save', request);
      if (!ed.alive) return false;
      if (reply.ok) return saved(ed, reply.data, sent);
      if (reply.status === 409 && reply.data?.conflict) {
        openConflict(ed, reply.data, snap);
        return false;
      }
      say(t('save.failed', { error: errorText(reply) }), 'error');
      return false;
    } catch (e) {
      say(t('save.failed', { error: e.message }), 'error');
      return false;
    } finally {
      ed.saving = false;
      updateDirty(ed);
    }
  }

  function saved(ed, data, sent) {
    ed.base = typeof data.text === 'string' ? data.text : ed.base;
    ed.revision = data.revision || ed.revision;
    ed.loaded = { ...ed.loaded, text: ed.base, revision: ed.revision, fields: JSON.parse(sent).fields, body: JSON.parse(sent).body };
    ed.pristine = sent;
    ed.savedAt = new Date();
    removeKey(draftKey(ed.site.id, ed.path));
    byId('restore-notice')?.remove();
    const problems = data.problems || [];
    showProblems(ed, problems);
    const time = clockTime(ed.savedAt);
    if (problems.length) say(t('save.withProblems', { time, counts: ed.counts }));
    else say(t('save.done', { time }));
    return true;
  }

  /** The conflict panel: both versions side by side and three ways out. */
  function openConflict(ed, data, snap) {
    byId('conflict-dialog')?.remove();
    const disk = data.disk || {};
    const version = (id, label, text) => h('div', { class: 'field field--wide' },
      h('label', { class: 'label', for: id }, label), h('textarea', { id, readonly: true, rows: 16, value: text || '' }));
    const dialog = h('dialog', { class: 'conflict', id: 'conflict-dialog', 'aria-labelledby': 'conflict-heading', 'aria-describedby': 'conflict-text' },
      h('h2', { id: 'conflict-heading', tabindex: '-1' }, t('conflict.heading')),
      h('p', { id: 'conflict-text' }, t('conflict.text'), ' ', t('conflict.firstDiff', { line: firstDifference(data.mine || '', disk.text || '') })),
      h('div', { class: 'conflict__versions' },
        version('conflict-mine', t('conflict.mine'), data.mine), version('conflict-disk', t('conflict.disk'), disk.text)),
      h('p', { class: 'hint' }, t('conflict.choices')),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'button', id: 'conflict-keep-mine', onclick: () => keepMine(ed, dialog, disk) }, t('conflict.keepMine')),
        h('button', { type: 'button', class: 'button button--secondary', id: 'conflict-take-disk', onclick: () => takeDisk(ed, dialog, disk, data.mine, snap) }, t('conflict.takeDisk')),
        h('button', { type: 'button', class: 'button button--secondary', id: 'conflict-cancel', onclick: () => closeConflict(dialog) }, t('conflict.cancel'))));
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    showDifference(data.mine || '', disk.text || '');
    byId('conflict-heading').focus();
    say(t('conflict.heading'), 'error');
  }

  /** The first line where the two versions differ (1-based). */
  function firstDifference(a, b) {
    const x = a.split('\n');
    const y = b.split('\n');
    let i = 0;
    while (i < x.length && i < y.length && x[i] === y[i]) i += 1;
    return i + 1;
  }

  /** Scrolls both versions to their first different line. */
  function showDifference(mine, disk) {
    const line = firstDifference(mine, disk);
    for (const id of ['conflict-mine', 'conflict-disk']) {
      const ta = byId(id);
      const offset = ta.value.split('\n').slice(0, line - 1).join('\n').length;
      ta.scrollTop = Math.max(0, caretTop(ta, offset) - ta.clientHeight / 3);
    }
  }

  function closeConflict(dialog) {
    if (dialog.open && typeof dialog.close === 'function') dialog.close();
    else dialog.remove();
    byId('save-button')?.focus();
  }

  async function keepMine(ed, dialog, disk) {
    if (disk.revision) ed.revision = disk.revision;
    closeConflict(dialog);
    if (await save(ed, true)) say(t('conflict.kept'));
  }

  function takeDisk(ed, dialog, disk, mine, snap) {
    writeJson(lostKey(ed.site.id, ed.path), { text: mine || '', fields: snap.fields, body: snap.body, time: new Date().toISOString() });
    ed.base = disk.text || '';
    ed.revision = disk.revision || '';
    ed.loaded = { ...ed.loaded, text: ed.base, revision: ed.revision, fields: disk.fields || {}, body: disk.body || '' };
    populate(ed, disk.fields || {}, disk.body || '');
    ed.pristine = snapshotText(ed);
    removeKey(draftKey(ed.site.id, ed.path));
    byId('restore-notice')?.remove();
    if (dialog.open) dialog.close();
    updateDirty(ed);
    const panel = showLost(ed);
    panel?.focus();
    say(t('conflict.taken'));
    runPreview(ed);
  }

  function publishPanel(ed) {
    ed.refs.publish = h('section', { class: 'publish-panel', id: 'publish-panel', hidden: true, tabindex: '-1', 'aria-labelledby': 'publish-heading' });
    return ed.refs.publish;
  }

  function fillPublish(ed, kind, ...children) {
    const panel = ed.refs.publish;
    panel.hidden = false;
    panel.className = `publish-panel${kind ? ` is-${kind}` : ''}`;
    panel.replaceChildren();
    add(panel, [h('h2', { id: 'publish-heading' }, t('publish.heading')), children]);
    return panel;
  }

  /** Opublikuj: draft off, save, build the site. */
  async function publish(ed) {
    const button = byId('publish-button');
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    try {
      if (ed.refs.draft.checked) {
        ed.refs.draft.checked = false;
        onFormInput(ed);
      }
      fillPublish(ed, '', h('p', { id: 'publish-status' }, t('publish.running')));
      say(t('publish.running'));
      if (!(await save(ed))) {
        if (!byId('conflict-dialog')) fillPublish(ed, 'failed', h('p', {}, t('publish.notSaved'))).focus();
        return;
      }
      const reply = await api('POST', '/api/publish', { site: ed.site.id, path: ed.path });
      if (!ed.alive) return;
      showPublishResult(ed, reply);
    } catch (e) {
      fillPublish(ed, 'failed', h('p', {}, e.message)).focus();
    } finally {
      button.removeAttribute('aria-disabled');
    }
  }

  function showPublishResult(ed, reply) {
    const data = reply.data || {};
    if (reply.ok && data.ok) {
      const panel = fillPublish(ed, 'ok',
        h('p', { id: 'publish-status' }, h('strong', {}, t('publish.ok')), ' ', data.summary ? h('span', { class: 'publish-summary' }, data.summary) : null),
        data.url || ed.url ? h('p', {}, h('a', { href: data.url || ed.url, target: '_blank', rel: 'noopener', id: 'publish-view' }, t('publish.view'))) : null,
        publishProblems(ed, data.problems || []),
        ed.site.deploy ? deployBlock(ed) : null);
      say(`${t('publish.ok')} ${data.summary || ''}`.trim());
      panel.focus();
      return;
    }
    const problems = data.problems || [];
    const panel = fillPublish(ed, 'failed',
      h('p', { id: 'publish-status' }, h('strong', {}, reply.ok ? t('publish.failed') : errorText(reply))),
      publishProblems(ed, problems));
    say(reply.ok ? t('publish.failed') : errorText(reply), 'error');
    panel.focus();
  }

  /** The build's problems: those of this page link to their fields. */
  function publishProblems(ed, problems) {
    if (!problems.length) return null;
    const items = problems.map((p) => {
      const slot = p.field ? slotFor(ed, p) : null;
      const where = p.file ? ` (${p.file}${p.line ? `:${p.line}` : ''})` : '';
      const text = `${problemLabel(p.severity)} ${p.message}${where}`;
      const line = slot?.bodyLines && p.line ? p.line : null;
      const link = slot?.focus ? h('a', { href: `#${slot.focus.id}` }, text) : null;
      if (link && line) link.addEventListener('click', (e) => { e.preventDefault(); selectLine(line); });
      return h('li', { class: problemClass(p.severity) }, link || text,
        p.hint ? h('span', { class: 'problem__hint' }, `${t('problem.hint')} ${p.hint}`) : null);
    });
    return h('div', {}, h('h3', {}, t('publish.problems')), h('ul', { class: 'problems', id: 'publish-problems' }, items));
  }

  function deployBlock(ed) {
    const button = h('button', { type: 'button', class: 'button', id: 'deploy-button' }, t('deploy.button'));
    const progress = h('progress', { id: 'deploy-progress', max: '1', value: '0', hidden: true });
    const label = h('label', { for: 'deploy-progress', class: 'label', hidden: true, id: 'deploy-label' }, t('deploy.label'));
    const text = h('p', { id: 'deploy-text' });
    const password = ed.site.deploy_password ? deployPassword() : null;
    button.addEventListener('click', () => deploy(ed, { button, progress, label, text, password }));
    return h('div', { class: 'deploy', id: 'deploy' }, h('p', { class: 'hint' }, t('deploy.hint')),
      password ? password.wrap : null, button, label, progress, text);
  }

  /** The server's password, for this upload only: never stored. */
  function deployPassword() {
    const control = h('input', { type: 'password', autocomplete: 'current-password', spellcheck: 'false' });
    return field({ id: 'deploy-password', label: t('deploy.password.label'), hint: t('deploy.password.hint'), control });
  }

  async function deploy(ed, ui) {
    ui.button.disabled = true;
    ui.label.hidden = false;
    ui.progress.hidden = false;
    ui.progress.removeAttribute('value');
    ui.text.textContent = t('deploy.starting');
    say(t('deploy.starting'));
    ed.deployStop = false;
    try {
      const password = ui.password ? ui.password.control.value : '';
      const reply = await api('POST', '/api/deploy', password ? { site: ed.site.id, password } : { site: ed.site.id });
      if (!reply.ok) throw new ApiError(errorText(reply), reply.status, reply.data);
      await pollDeploy(ed, ui);
    } catch (e) {
      ui.text.textContent = t('deploy.failed', { message: e.message });
      say(ui.text.textContent, 'error');
    } finally {
      ui.button.disabled = false;
    }
  }

  async function pollDeploy(ed, ui) {
    for (;;) {
      await new Promise((done) => setTimeout(done, DEPLOY_POLL));
      if (ed.deployStop) return;
      const state = await apiOk('GET', `/api/deploy?${query({ site: ed.site.id })}`);
      showDeployState(ui, state);
      if (state.state === 'done') {
        say(t('deploy.done'));
        return;
      }
      if (state.state === 'failed') throw new ApiError(state.message || '', 0, state);
      if (state.state === 'idle') return;
    }
  }

  function showDeployState(ui, state) {
    const total = Number(state.total) || 0;
    const done = Number(state.done) || 0;
    if (total > 0) {
      ui.progress.max = total;
      ui.progress.value = Math.min(done, total);
    }
    if (state.state === 'done') {
      ui.progress.max = total || 1;
      ui.progress.value = total || 1;
    }
    const parts = [];
    if (state.state === 'done') parts.push(t('deploy.done'));
    else if (total > 0) parts.push(t('deploy.progress', { done, total }));
    if (state.message && state.state !== 'failed') parts.push(state.message);
    ui.text.textContent = parts.join(' ');
  }

  // ---- start ---------------------------------------------------------------------

  function onBeforeUnload(event) {
    if (app.edit?.dirty) {
      event.preventDefault();
      event.returnValue = '';
    }
  }

  function onSkipLink(event) {
    event.preventDefault();
    const main = byId('main');
    main.focus();
    main.scrollIntoView();
  }

  function start() {
    byId('skip-link')?.addEventListener('click', onSkipLink);
    document.addEventListener('click', onDocumentClick);
    window.addEventListener('hashchange', route);
    window.addEventListener('beforeunload', onBeforeUnload);
    route();
  }

  start();
}());
