// Link check: every internal URL referenced by a page (a, link, img, script,
// source …) must answer 200 on the local server; every #fragment pointing
// at a checked page must name an element id there. Each URL is fetched once.

/** `results`: Map(page path → { refs, ids, failed }) from checkPages. */
export async function checkLinks(origin, results, concurrency = 8) {
  const faults = [];
  const byUrl = new Map(); // url without fragment → Set(page)
  const fragments = []; // { page, target, id, raw }
  const ids = new Map(); // page path (and its index.html) → Set(id)

  for (const [page, r] of results) {
    const set = new Set(r.ids);
    ids.set(page, set);
    if (page.endsWith('/')) ids.set(page + 'index.html', set);
  }

  for (const [page, r] of results) {
    for (const ref of r.refs) {
      const where = `<${ref.tag} ${ref.attr}="${ref.raw}">`;
      if (!ref.url) {
        faults.push({ check: 'links', page, rule: 'invalid-url', impact: 'serious', target: where, help: 'The URL cannot be parsed', detail: '' });
        continue;
      }
      const u = new URL(ref.url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') continue; // mailto:, tel:, data: …
      if (u.origin !== origin) continue; // external host
      const hash = u.hash;
      u.hash = '';
      const key = u.href;
      if (!byUrl.has(key)) byUrl.set(key, new Map());
      if (!byUrl.get(key).has(page)) byUrl.get(key).set(page, where);
      if (hash.length > 1 && ref.tag === 'a') {
        let id = hash.slice(1);
        try {
          id = decodeURIComponent(id);
        } catch {
          /* compare as written */
        }
        fragments.push({ page, target: u.pathname, id, where });
      }
    }
    // Resources the page requested itself (CSS backgrounds, fonts, scripts).
    for (const url of r.failed) {
      const u = new URL(url);
      u.hash = '';
      if (!byUrl.has(u.href)) byUrl.set(u.href, new Map());
      if (!byUrl.get(u.href).has(page)) byUrl.get(u.href).set(page, '(requested while loading)');
    }
  }

  const status = new Map();
  const urls = [...byUrl.keys()];
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++];
      try {
        const res = await fetch(url, { redirect: 'follow' });
        await res.arrayBuffer();
        status.set(url, res.status === 200 ? null : `HTTP ${res.status}`);
      } catch (e) {
        status.set(url, String(e.cause?.message ?? e.message));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  for (const [url, pages] of byUrl) {
    const err = status.get(url);
    if (!err) continue;
    const path = url.slice(origin.length);
    for (const [page, where] of pages) {
      faults.push({ check: 'links', page, rule: 'broken-link', impact: 'serious', target: path, help: `Internal URL does not answer 200 (${err})`, detail: where });
    }
  }
  for (const f of fragments) {
    const known = ids.get(f.target);
    if (!known || known.has(f.id) || f.id === 'top') continue;
    faults.push({ check: 'links', page: f.page, rule: 'broken-fragment', impact: 'serious', target: `${f.target}#${f.id}`, help: 'The link points to an id that the page does not have', detail: f.where });
  }
  return { faults, checked: urls.length };
}
