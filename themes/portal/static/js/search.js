/* Tablica search: runs in the browser over the static index that
   `tablica build` writes into <site root>/search-index/ (format: README,
   "Search"). The index files are classic scripts loaded with <script src>,
   so search works on any hosting and from file://, where fetch() does not.
   Every text comes from the page (data-msg-* attributes filled from i18n). */
(function () {
  "use strict";

  var script = document.currentScript;
  var box = document.querySelector("[data-search]");
  if (!script || !box || !String.prototype.normalize) return;

  /* `build --relative` rewrites URL attributes only, so the site root is
     found from this script's own address: <root>js/search.js. */
  var ROOT = script.src.replace(/js\/search\.js([?#].*)?$/, "");
  var INDEX = ROOT + "search-index/";
  var FROM_DISK = location.protocol === "file:";
  var PAGE = 10;
  var FOLD_MAP = { "ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i" };

  var form = box.querySelector("form");
  var input = form.elements.q;
  var siteSelect = form.elements.p || null;
  var gminaSelect = form.elements.g || null;
  var status = box.querySelector("[data-search-status]");
  var results = box.querySelector("[data-search-results]");
  var list = box.querySelector("[data-search-list]");
  var more = box.querySelector("[data-search-more]");
  var help = box.querySelector("[data-search-help]");
  var tips = box.querySelector("[data-search-tips]");
  var msg = box.dataset;
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang) : null;

  /* ---- text: the same fold and tokenizer as the Rust side ---- */

  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/[łđøßæœı]/g, function (c) { return FOLD_MAP[c]; });
  }

  function tokens(s) {
    return s.match(/[\p{L}\p{N}]+/gu) || [];
  }

  /* Folded query words of 2+ letters, without stopwords unless only stopwords were typed. */
  function queryWords(q, stop) {
    var all = [];
    tokens(q).forEach(function (t) {
      var w = fold(t);
      if (w.length >= 2 && all.indexOf(w) < 0) all.push(w);
    });
    var kept = all.filter(function (w) { return stop.indexOf(w) < 0; });
    return kept.length ? kept : all;
  }

  /* A word as shard names spell it: [a-z0-9] as they are, others as _<hex code point>. */
  function spell(word) {
    return Array.from(word).map(function (c) {
      return /[a-z0-9]/.test(c) ? c : "_" + c.codePointAt(0).toString(16);
    }).join("");
  }

  /* The shards that can hold terms matching a word: each holds the terms that
     begin with its name (1-4 letters, more where words are many; "_" is the one
     shard of a small index), so those whose name begins the word or that the
     word begins. */
  function shardsOf(word) {
    var w = spell(word);
    return meta.shards.filter(function (name) {
      return name === "_" || w.indexOf(name) === 0 || name.indexOf(w) === 0;
    });
  }

  /* How well index term s matches query word q: 0 (not at all) to 1 (exactly).
     A term that begins q is a stem of an inflected form ("konsultacj" for
     "konsultacjach") when it is at most 5 letters shorter and at most 2
     shorter than the longest such term in the index: "program" for
     "programu", but not "pro". */
  function quality(q, s, longest) {
    if (s.indexOf(q) === 0) return s === q ? 1 : 0.6 + 0.4 * q.length / s.length;
    if (q.indexOf(s) === 0 && s.length >= Math.max(3, q.length - 5, longest - 2)) return 0.5 + 0.5 * s.length / q.length;
    return 0;
  }

  /* The length of the longest term that begins q, 0 if none. */
  function longestStem(q, terms) {
    var longest = 0;
    Object.keys(terms).forEach(function (s) {
      if (s.length > longest && s.length < q.length && q.indexOf(s) === 0) longest = s.length;
    });
    return longest;
  }

  /* ---- loading the index: one <script> per file, each loaded once ---- */

  var meta = null;
  var shards = {};
  var chunks = {};
  var loading = {};

  window.tablicaSearch = {
    meta: function (m) { meta = m; },
    terms: function (name, terms) { shards[name] = terms; },
    docs: function (n, docs) { chunks[n] = docs; }
  };

  function load(file) {
    if (!loading[file]) {
      loading[file] = new Promise(function (resolve, reject) {
        var el = document.createElement("script");
        el.src = INDEX + file;
        el.onload = resolve;
        el.onerror = function () {
          delete loading[file]; // a later search may try again
          reject(new Error(file));
        };
        document.head.appendChild(el);
      });
    }
    return loading[file];
  }

  /* The terms of every shard a word needs, in one object. */
  function loadTerms(word) {
    var names = shardsOf(word);
    return Promise.all(names.map(function (name) { return load("t-" + name + ".js"); })).then(function () {
      var terms = {};
      names.forEach(function (name) {
        var part = shards[name];
        for (var s in part) if (Object.prototype.hasOwnProperty.call(part, s)) terms[s] = part[s];
      });
      return terms;
    });
  }

  function loadDocs(ids) {
    var needed = {};
    ids.forEach(function (id) { needed[Math.floor(id / meta.chunk)] = true; });
    return Promise.all(Object.keys(needed).map(function (n) { return load("d-" + n + ".js"); }));
  }

  function doc(id) {
    return chunks[Math.floor(id / meta.chunk)][id % meta.chunk];
  }

  /* ---- ranking ---- */

  /* Scores of the docs that match word q (postings: gap*32 + weight), and the terms that matched. */
  function scoreWord(q, terms) {
    var scores = {};
    var matched = [];
    var longest = longestStem(q, terms);
    Object.keys(terms).forEach(function (s) {
      var qual = quality(q, s, longest);
      if (!qual) return;
      matched.push(s);
      var postings = terms[s];
      var idf = Math.log(1 + meta.count / postings.length);
      var id = 0;
      for (var i = 0; i < postings.length; i++) {
        id += Math.floor(postings[i] / 32);
        var score = (postings[i] % 32) * qual * idf;
        if (!(scores[id] >= score)) scores[id] = score;
      }
    });
    return { scores: scores, matched: matched };
  }

  /* Ids of the docs that match every word (AND) and the filters, best first, ties to the newer. */
  function rank(perWord, site, gmina) {
    var totals = {};
    var ids = [];
    Object.keys(perWord[0].scores).forEach(function (key) {
      var id = Number(key);
      if (site >= 0 && meta.ds[id] !== site) return;
      if (gmina >= 0 && meta.dg[id].indexOf(gmina) < 0) return;
      var total = 0;
      for (var w = 0; w < perWord.length; w++) {
        var score = perWord[w].scores[id];
        if (score === undefined) return;
        total += score;
      }
      totals[id] = total;
      ids.push(id);
    });
    return ids.sort(function (a, b) { return totals[b] - totals[a] || a - b; });
  }

  /* ---- showing results ---- */

  /* Index text as DOM nodes, each word the query matched in a <mark>. */
  function highlighted(text, prefixes) {
    var frag = document.createDocumentFragment();
    var re = /[\p{L}\p{N}]+/gu;
    var last = 0;
    var m;
    while ((m = re.exec(text))) {
      if (!isHit(m[0], prefixes)) continue;
      frag.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      frag.appendChild(mark);
      last = m.index + m[0].length;
    }
    frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }

  function isHit(word, prefixes) {
    var f = fold(word);
    return prefixes.some(function (p) { return f.indexOf(p) === 0; });
  }

  /* About 30 words of the body around its first hit, or the summary when the body has none. */
  function snippet(d, prefixes) {
    var re = /[\p{L}\p{N}]+/gu;
    var words = [];
    var first = -1;
    var m;
    while ((m = re.exec(d.x || ""))) {
      if (first < 0 && isHit(m[0], prefixes)) first = words.length;
      words.push(m);
    }
    if (first < 0) return d.s || (d.x || "").slice(0, 200);
    var from = Math.max(0, first - 8);
    var to = Math.min(words.length - 1, from + 29);
    var text = d.x.slice(words[from].index, words[to].index + words[to][0].length);
    return (from > 0 ? "…" : "") + text + (to < words.length - 1 ? "…" : "");
  }

  function docUrl(id, d) {
    var url = new URL(meta.sites[meta.ds[id]].root + d.u, ROOT).href;
    return FROM_DISK && /\/$/.test(url) ? url + "index.html" : url;
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  function resultItem(id, prefixes) {
    var d = doc(id);
    var li = el("li", "search-result");
    var h = el("h3", "search-result-title");
    var a = el("a");
    a.href = docUrl(id, d);
    a.appendChild(highlighted(d.t, prefixes));
    h.appendChild(a);
    li.appendChild(h);
    var line = el("p", "card-meta");
    if (meta.sites.length > 1) line.appendChild(el("span", "search-result-site", meta.sites[meta.ds[id]].title));
    if (d.d) {
      var when = el("span");
      when.appendChild(el("span", "visually-hidden", msg.msgPublished + ": "));
      var time = el("time", "", d.d);
      if (d.i) time.dateTime = d.i;
      when.appendChild(time);
      line.appendChild(when);
    }
    if (line.firstChild) li.appendChild(line);
    var p = el("p", "search-result-snippet");
    p.appendChild(highlighted(snippet(d, prefixes), prefixes));
    li.appendChild(p);
    return li;
  }

  function countText(n, q) {
    var form = plural ? plural.select(n) : n === 1 ? "one" : "many";
    var word = form === "one" ? msg.msgOne : form === "few" ? msg.msgFew : msg.msgMany;
    return msg.msgFound.replace("{count}", n + " " + word).replace("{query}", q);
  }

  /* ---- the search itself ---- */

  var current = null; // { key, ids, prefixes, shown }
  var statusTimer = 0;

  /* Typing announces the count only after a pause, so screen readers are not flooded. */
  function say(text, soon) {
    clearTimeout(statusTimer);
    /* Emptied first, so the same message is read again after a repeated search. */
    status.textContent = "";
    statusTimer = setTimeout(function () { status.textContent = text; }, soon ? 50 : 800);
  }

  function clear(text, soon) {
    current = null;
    results.hidden = true;
    help.hidden = true;
    list.textContent = "";
    say(text, soon);
  }

  function filterIndex(select, values) {
    return select && select.value ? values.indexOf(select.value) : -1;
  }

  /* What a search depends on: the words and both filters. */
  function formKey() {
    return [input.value.trim(), siteSelect ? siteSelect.value : "", gminaSelect ? gminaSelect.value : ""].join("\n");
  }

  var running = 0;

  /* Runs a search for the form's words and filters; the results section is
     aria-busy while any search is under way. */
  function search(announceNow) {
    var key = formKey();
    keepInUrl();
    if (current && current.key === key) return Promise.resolve();
    running++;
    results.setAttribute("aria-busy", "true");
    return find(input.value.trim(), key, announceNow).catch(failed).then(function () {
      if (--running === 0) results.removeAttribute("aria-busy");
    });
  }

  /* An index file could not be loaded: say so, and show the archive and tag links. */
  function failed() {
    clear(msg.msgError, true);
    help.hidden = false;
    tips.hidden = true;
  }

  function find(q, key, announceNow) {
    if (!q) return Promise.resolve(clear("", true));
    return load("meta.js").then(function () {
      var words = queryWords(q, meta.stop);
      if (!words.length) return clear(msg.msgShort, announceNow);
      return Promise.all(words.map(loadTerms)).then(function (shardTerms) {
        if (formKey() !== key) return; // the form changed: a newer search is under way
        var perWord = words.map(function (w, i) { return scoreWord(w, shardTerms[i]); });
        var ids = rank(perWord,
          filterIndex(siteSelect, meta.sites.map(function (s) { return s.id; })),
          filterIndex(gminaSelect, meta.gminy));
        var prefixes = words.concat.apply(words, perWord.map(function (p) { return p.matched; }));
        current = { key: key, ids: ids, prefixes: prefixes, shown: 0 };
        list.textContent = "";
        results.hidden = !ids.length;
        help.hidden = !!ids.length;
        tips.hidden = false;
        say(ids.length ? countText(ids.length, q) : msg.msgNone.replace("{query}", q), announceNow);
        return showMore(false);
      });
    });
  }

  /* Shows the next PAGE results; after "show more", focus goes to the first new one. */
  function showMore(focus) {
    var c = current;
    var ids = c.ids.slice(c.shown, c.shown + PAGE);
    return loadDocs(ids).then(function () {
      if (current !== c) return;
      ids.forEach(function (id) { list.appendChild(resultItem(id, c.prefixes)); });
      c.shown += ids.length;
      more.hidden = c.shown >= c.ids.length;
      if (focus && ids.length) list.children[c.shown - ids.length].querySelector("a").focus();
    });
  }

  /* The query goes into the address, so results can be linked and survive a reload. */
  function keepInUrl() {
    var params = new URLSearchParams();
    [input, siteSelect, gminaSelect].forEach(function (field) {
      if (field && field.value.trim()) params.set(field.name, field.value.trim());
    });
    var query = params.toString();
    try {
      history.replaceState(null, "", query ? "?" + query : location.pathname);
    } catch (e) {
      /* Some browsers refuse it for file:// pages; the search still works. */
    }
  }

  function fillFromUrl() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    [siteSelect, gminaSelect].forEach(function (select) {
      if (select && params.get(select.name)) select.value = params.get(select.name);
    });
  }

  var typingTimer = 0;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(typingTimer);
    current = null; // a submit always announces, even for the same words
    search(true);
  });
  input.addEventListener("input", function () {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { search(false); }, 150);
  });
  [siteSelect, gminaSelect].forEach(function (select) {
    if (select) select.addEventListener("change", function () { search(true); });
  });
  more.addEventListener("click", function () { showMore(true).catch(failed); });

  box.querySelector("[data-search-nojs]").hidden = true;
  fillFromUrl();
  if (input.value.trim()) search(true);
})();
