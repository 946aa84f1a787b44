/* Portal theme of Tablica: small enhancements on top of a complete page.
   - on phones, the header's search, settings and menu behind one button;
   - text size (A / A+ / A++) and high contrast switches, remembered in
     localStorage (the inline script in <head> applies them before paint);
   - "Drukuj" and "Zapisz jako PDF" buttons, both open the print dialog;
   - full link addresses for the print stylesheet;
   - wide tables scroll inside a labelled region that keyboard users can reach.
   Every text comes from the page (data-* attributes filled from i18n). */
(function () {
  "use strict";

  var root = document.documentElement;
  var SIZE_KEY = "tablica-rozmiar";
  var CONTRAST_KEY = "tablica-kontrast";

  function save(key, value) {
    try {
      if (value) {
        localStorage.setItem(key, value);
      } else {
        localStorage.removeItem(key);
      }
    } catch (e) {
      /* Storage may be off (private mode, file://): the choice lasts for this page. */
    }
  }

  function currentSize() {
    if (root.classList.contains("fs-2")) return "2";
    if (root.classList.contains("fs-1")) return "1";
    return "0";
  }

  function setupSwitches(box) {
    var status = box.querySelector("[data-switch-status]");
    var sizeButtons = box.querySelectorAll("[data-size]");
    var contrastButton = box.querySelector("[data-contrast]");

    function announce(text) {
      if (!status) return;
      /* Clear first so the same message is read again on a repeated press. */
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }

    function showSize() {
      var size = currentSize();
      for (var i = 0; i < sizeButtons.length; i++) {
        var pressed = sizeButtons[i].getAttribute("data-size") === size;
        sizeButtons[i].setAttribute("aria-pressed", pressed ? "true" : "false");
      }
    }

    function showContrast() {
      if (contrastButton) {
        contrastButton.setAttribute("aria-pressed", root.classList.contains("hc") ? "true" : "false");
      }
    }

    for (var i = 0; i < sizeButtons.length; i++) {
      sizeButtons[i].addEventListener("click", function (event) {
        var button = event.currentTarget;
        var size = button.getAttribute("data-size");
        root.classList.remove("fs-1", "fs-2");
        if (size === "1" || size === "2") root.classList.add("fs-" + size);
        save(SIZE_KEY, size === "0" ? "" : size);
        showSize();
        var name = button.querySelector(".visually-hidden");
        announce((box.getAttribute("data-msg-size") || "") + ": " +
          (name ? name.textContent.replace(/^[\s–-]+/, "") : button.textContent));
      });
    }

    if (contrastButton) {
      contrastButton.addEventListener("click", function () {
        var on = !root.classList.contains("hc");
        root.classList.toggle("hc", on);
        save(CONTRAST_KEY, on ? "1" : "");
        showContrast();
        announce(box.getAttribute(on ? "data-msg-contrast-on" : "data-msg-contrast-off") || "");
      });
    }

    showSize();
    showContrast();
  }

  function setupPrint() {
    var buttons = document.querySelectorAll("[data-print]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function () { window.print(); });
    }
    /* The print stylesheet writes the address of each link to another
       website after it; links within the portal stay as their words, which
       name the page (a printed address of a tag page helps nobody). */
    var links = document.querySelectorAll("main a[href], .site-footer a[href]");
    for (var j = 0; j < links.length; j++) {
      var link = links[j];
      if (!/^https?:$/.test(link.protocol) || link.host === window.location.host) continue;
      if (link.textContent.trim() === link.href) continue;
      link.setAttribute("data-print-href", link.href);
    }
  }

  /* A table wider than its column scrolls inside a region with a name, and
     the region takes focus only while it can scroll (WCAG 1.4.10, 2.1.1). */
  function setupTables() {
    var tables = document.querySelectorAll(".prose table");
    if (!tables.length) return;
    var labelled = document.querySelector("[data-table-label]");
    var label = labelled ? labelled.getAttribute("data-table-label") : "";
    var wraps = [];
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      if (table.parentNode.classList && table.parentNode.classList.contains("table-wrap")) {
        wraps.push(table.parentNode);
        continue;
      }
      var wrap = document.createElement("div");
      wrap.className = "table-wrap";
      var caption = table.querySelector("caption");
      var heading = caption ? caption.textContent : nearestHeading(table);
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", heading ? label + ": " + heading : label);
      table.parentNode.insertBefore(wrap, table);
      wrap.appendChild(table);
      wraps.push(wrap);
    }
    function update() {
      for (var k = 0; k < wraps.length; k++) {
        if (wraps[k].scrollWidth > wraps[k].clientWidth + 1) {
          wraps[k].setAttribute("tabindex", "0");
        } else {
          wraps[k].removeAttribute("tabindex");
        }
      }
    }
    update();
    window.addEventListener("resize", update);
    if (window.ResizeObserver) new ResizeObserver(update).observe(root);
  }

  function nearestHeading(element) {
    var node = element.previousElementSibling;
    while (node) {
      if (/^H[2-6]$/.test(node.tagName)) return node.textContent.trim();
      node = node.previousElementSibling;
    }
    return "";
  }

  /* On a phone the header's tools and menu fold behind one button (the
     stylesheet hides them while the header is not open). */
  function setupMenu() {
    var header = document.querySelector("[data-header]");
    var toggle = document.querySelector("[data-menu-toggle]");
    if (!header || !toggle) return;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      header.classList.toggle("menu-open", open);
    });
    header.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && header.classList.contains("menu-open")) {
        toggle.click();
        toggle.focus();
      }
    });
  }

  /* A YouTube player or a Google map waits behind a link until the reader
     asks for it (nothing loads from Google before); the texts come from
     <main data-embed-…>. */
  function setupEmbeds() {
    var main = document.querySelector("main[data-embed-load]");
    var boxes = document.querySelectorAll("[data-embed]");
    if (!main || !boxes.length) return;
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var note = document.createElement("p");
      note.className = "embed-note";
      note.textContent = main.getAttribute("data-embed-note");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.textContent = main.getAttribute("data-embed-load");
      button.addEventListener("click", loadEmbed.bind(null, box));
      box.insertBefore(note, box.firstChild);
      box.appendChild(button);
    }
  }

  function loadEmbed(box) {
    var frame = document.createElement("iframe");
    frame.src = box.getAttribute("data-embed");
    frame.title = box.getAttribute("data-embed-title");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("allow", "fullscreen; picture-in-picture");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    box.textContent = "";
    box.appendChild(frame);
    frame.focus();
  }

  function init() {
    setupMenu();
    setupEmbeds();
    var boxes = document.querySelectorAll("[data-switches]");
    for (var i = 0; i < boxes.length; i++) setupSwitches(boxes[i]);
    setupPrint();
    setupTables();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
