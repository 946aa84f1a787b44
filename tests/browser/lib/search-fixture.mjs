// A small search index written from a list of documents, in the format
// `tablica build` writes into <site>/search-index/ (README, "Search"). It lets
// the search tests check search.js's matching, ranking, plural forms and
// error handling on known data, independent of the Rust indexer.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FOLD = { ł: 'l', đ: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i' };
export const fold = (s) => s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[łđøßæœı]/g, (c) => FOLD[c]);
const tokens = (s) => s.match(/[\p{L}\p{N}]+/gu) ?? [];
const shardOf = (w) => [...w].slice(0, 2).map((c) => (/[a-z0-9]/.test(c) ? c : `_${c.codePointAt(0).toString(16)}`)).join('');

// A crude stand-in for the Rust stemmer: enough Polish endings to make
// "konsultacjach" and "strategii" meet their stems.
const ENDINGS = ['ach', 'ami', 'ow', 'om', 'ii', 'ie', 'ia', 'e', 'a', 'y', 'i'];
function stem(w) {
  if (w.length < 6) return w;
  const e = ENDINGS.find((x) => w.endsWith(x) && w.length - x.length >= 4);
  return e ? w.slice(0, -e.length) : w;
}

/**
 * Writes the index into `dir`. `docs`: [{ site, u, t, d, i, s, x, g: [names], k: [tags] }],
 * newest first (their order gives the ids); `sites`: [{ id, title, root }].
 */
export function writeIndex(dir, { sites, docs, gminy = [], stop = [], chunk = 8, lang = 'pl', missing = [] }) {
  mkdirSync(dir, { recursive: true });
  const postings = new Map(); // term → Map(doc id → weight)
  docs.forEach((d, id) => {
    const add = (text, weight) => {
      for (const tok of tokens(text)) {
        const w = stem(fold(tok));
        if (w.length < 2 || stop.includes(w)) continue;
        if (!postings.has(w)) postings.set(w, new Map());
        const m = postings.get(w);
        m.set(id, Math.min(31, (m.get(id) ?? 0) + weight));
      }
    };
    add(d.t, 16);
    add(`${d.s} ${d.x}`, 1);
  });
  const shards = new Map();
  for (const [term, byDoc] of [...postings].sort()) {
    const name = shardOf(term);
    if (!shards.has(name)) shards.set(name, {});
    let prev = 0;
    shards.get(name)[term] = [...byDoc].sort((a, b) => a[0] - b[0]).map(([id, weight]) => {
      const gap = id - prev;
      prev = id;
      return gap * 32 + weight;
    });
  }
  const names = [...shards.keys()].sort();
  const meta = {
    v: 1, lang, count: docs.length, chunk, stop, shards: names, sites, gminy,
    ds: docs.map((d) => d.site),
    dg: docs.map((d) => (d.g ?? []).map((g) => gminy.indexOf(g))),
  };
  const js = (call, ...args) => `tablicaSearch.${call}(${args.map((a) => JSON.stringify(a)).join(',')});\n`;
  const write = (file, text) => missing.includes(file) || writeFileSync(join(dir, file), text);
  write('meta.js', js('meta', meta));
  for (const name of names) write(`t-${name}.js`, js('terms', name, shards.get(name)));
  for (let n = 0; n * chunk < docs.length; n++) {
    const part = docs.slice(n * chunk, (n + 1) * chunk).map(({ site, ...doc }) => ({ g: [], k: [], d: null, i: null, ...doc }));
    write(`d-${n}.js`, js('docs', n, part));
  }
}
