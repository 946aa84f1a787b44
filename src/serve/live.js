// Tablica serve: live reload. Injected by `tablica serve` only; never part
// of a built site.
(function () {
  "use strict";
  var OVERLAY_ID = "tablica-build-error";
  var source = new EventSource("/__tablica/events");
  // The rebuild this page shows; events about later rebuilds reload it.
  var shown = null;

  function data(event) {
    try { return JSON.parse(event.data); } catch (e) { return {}; }
  }

  source.addEventListener("hello", function (event) {
    // A reconnection after the server restarted: the pages may be new.
    if (shown !== null) { location.reload(); return; }
    shown = data(event).rebuild;
    hideOverlay();
  });
  source.addEventListener("reload", function (event) {
    if (data(event).rebuild !== shown) { location.reload(); }
  });
  source.addEventListener("styles", function (event) {
    shown = data(event).rebuild;
    hideOverlay();
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      url.searchParams.set("tablica", String(Date.now()));
      links[i].href = url.toString();
    }
  });
  source.addEventListener("notice", function (event) {
    // Problems of a rebuild: shown over its pages, after a reload if this
    // page is older.
    var notice = data(event);
    if (notice.rebuild !== shown) { location.reload(); return; }
    showOverlay(notice);
  });
  source.addEventListener("failure", function (event) {
    showOverlay(data(event));
  });

  function hideOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) { old.parentNode.removeChild(old); }
  }

  function element(tag, text, style) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (style) { node.setAttribute("style", style); }
    return node;
  }

  function showOverlay(data) {
    hideOverlay();
    var box = element("section", null,
      "position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:80vh;overflow:auto;" +
      "background:#fff;color:#1b1b1b;border-bottom:6px solid #b00020;padding:1.5rem;" +
      "font:1.125rem/1.5 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.35)");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", OVERLAY_ID + "-title");
    var title = element("h2", data.title, "margin:0 0 .5rem;color:#b00020;font-size:1.5rem");
    title.id = OVERLAY_ID + "-title";
    box.appendChild(title);
    box.appendChild(element("p", data.note, "margin:0 0 1rem"));
    var list = element("ul", null, "margin:0 0 1rem;padding-left:1.25rem");
    (data.errors || []).forEach(function (error) {
      var item = element("li", null, "margin-bottom:.75rem");
      item.appendChild(element("code", error.place, "font-weight:bold;word-break:break-all"));
      item.appendChild(element("div", error.message));
      if (error.hint) { item.appendChild(element("div", error.hint, "color:#333;font-style:italic")); }
      list.appendChild(item);
    });
    box.appendChild(list);
    var close = element("button", data.close,
      "font:inherit;padding:.25rem 1rem;border:2px solid #1b1b1b;background:#fff;cursor:pointer");
    close.type = "button";
    close.addEventListener("click", hideOverlay);
    box.appendChild(close);
    document.body.appendChild(box);
  }
})();
