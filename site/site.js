(function () {
  "use strict";

  // Copy buttons: copy the text of the element named by data-copy.
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }
  function copied(button, ok, label) {
    button.textContent = ok ? "Copied" : "Press Ctrl+C";
    window.setTimeout(function () { button.textContent = label; }, 1500);
  }
  // "Copy with set-up": the program's imports, then every earlier cell of the same language that
  // shares its program (not standalone ones, not those that throw or never run), then this one.
  // A standalone cell needs only the imports.
  function withSetup(code) {
    var language = code.getAttribute("data-program");
    var prelude = document.getElementById("prelude-" + language);
    var parts = [prelude ? prelude.content.textContent : ""];
    if (!code.hasAttribute("data-standalone")) {
      // On the one-page course, a lesson's own section is its program.
      var scope = code.closest(".print-lesson") || document;
      var all = scope.querySelectorAll('code[data-program="' + language + '"]');
      for (var i = 0; i < all.length && all[i] !== code; i++) {
        if (!all[i].hasAttribute("data-standalone") && !all[i].hasAttribute("data-not-setup")) {
          parts.push(all[i].textContent + "\n\n");
        }
      }
    }
    parts.push(code.textContent + "\n");
    return parts.join("");
  }
  // Shown only with this script, which gathers the text; only where there is set-up to add.
  Array.prototype.forEach.call(document.querySelectorAll(".copy-button[data-with-setup]"), function (button) {
    var code = document.getElementById(button.getAttribute("data-copy"));
    if (code && code.hasAttribute("data-program")) { button.hidden = false; }
  });
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest ? event.target.closest(".copy-button") : null;
    if (!button) { return; }
    var code = document.getElementById(button.getAttribute("data-copy"));
    if (!code) { return; }
    var text = button.hasAttribute("data-with-setup") ? withSetup(code) : code.textContent;
    var label = button.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { copied(button, true, label); },
        function () { copied(button, fallbackCopy(text), label); });
    } else {
      copied(button, fallbackCopy(text), label);
    }
  });

  // Code, outputs and figure tables that scroll must be reachable from the keyboard (WCAG 2.1.1):
  // such a box takes focus, so the arrow keys scroll it. Only the ones that scroll at this width do, so a
  // keyboard reader does not tab through every code block; looked at again when the window
  // changes size or a hidden panel or output appears.
  function markScrollable() {
    Array.prototype.forEach.call(document.querySelectorAll("main pre, main .table-scroll"), function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
      if (scrolls && !box.hasAttribute("data-scrolls")) {
        box.setAttribute("data-scrolls", "");
        box.tabIndex = 0;
      } else if (!scrolls && box.hasAttribute("data-scrolls")) {
        box.removeAttribute("data-scrolls");
        box.removeAttribute("tabindex");
      }
    });
  }
  var resizing = 0;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(markScrollable, 150);
  });

  // Predictions: a `predict` cell's output waits behind a question until the reader reveals it.
  // Without this script the output simply shows.
  Array.prototype.forEach.call(document.querySelectorAll(".cell-output[data-predict]"), function (output) {
    var prompt = document.createElement("div");
    prompt.className = "predict-prompt";
    var question = document.createElement("span");
    question.textContent = "What will this print? Decide, then";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "reveal-button";
    button.textContent = "Reveal the output";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", output.id);
    prompt.appendChild(question);
    prompt.appendChild(button);
    output.parentNode.insertBefore(prompt, output);
    output.hidden = true;
    output.setAttribute("tabindex", "-1");
    button.addEventListener("click", function () {
      output.hidden = false;
      button.setAttribute("aria-expanded", "true");
      prompt.parentNode.removeChild(prompt);
      markScrollable();
      output.focus();
    });
  });

  // Swift | PyTorch tabs (WAI-ARIA tabs): one choice for every twin pair on every page,
  // remembered across pages and visits. Without this script both codes show.
  var pairs = Array.prototype.slice.call(document.querySelectorAll(".cell-twins"));
  if (pairs.length) {
    var key = "freezelab-language";
    var chosen = "swift";
    try { chosen = window.localStorage.getItem(key) || "swift"; } catch (e) { chosen = "swift"; }
    var choose = function (language, focusIn) {
      chosen = language === "pytorch" ? "pytorch" : "swift";
      pairs.forEach(function (pair) {
        pair.querySelectorAll('[role="tab"]').forEach(function (tab) {
          var on = tab.getAttribute("data-lang") === chosen;
          tab.setAttribute("aria-selected", on ? "true" : "false");
          tab.tabIndex = on ? 0 : -1;
          if (on && focusIn === pair) { tab.focus(); }
        });
        pair.querySelectorAll(".lang-panel").forEach(function (panel) {
          panel.hidden = panel.getAttribute("data-lang") !== chosen;
        });
      });
      try { window.localStorage.setItem(key, chosen); } catch (e) { /* private mode: not remembered */ }
      markScrollable();
    };
    document.documentElement.classList.add("has-lang-tabs");
    pairs.forEach(function (pair) {
      var list = pair.querySelector('[role="tablist"]');
      list.hidden = false;
      list.addEventListener("click", function (event) {
        var tab = event.target.closest('[role="tab"]');
        if (tab) { choose(tab.getAttribute("data-lang"), pair); }
      });
      list.addEventListener("keydown", function (event) {
        var moves = { ArrowLeft: 1, ArrowRight: 1, Home: 1, End: 1 };
        if (!moves[event.key]) { return; }
        event.preventDefault();
        var next = event.key === "Home" ? "swift" : event.key === "End" ? "pytorch" : (chosen === "swift" ? "pytorch" : "swift");
        choose(next, pair);
      });
    });
    choose(chosen, null);
  }

  markScrollable();
  // A figure's numbers or a set-up cell opening shows boxes that may scroll.
  document.addEventListener("toggle", function () { markScrollable(); }, true);

  // Explorers: one chart at a time, chosen with the buttons (arrow keys move along them). Every
  // chart was drawn when the site was built; this only shows one and hides the others.
  var explorers = document.querySelectorAll(".figure-explorer");
  if (explorers.length) { document.documentElement.classList.add("has-explorers"); }
  Array.prototype.forEach.call(explorers, function (figure) {
    var controls = figure.querySelector(".explorer-controls");
    var buttons = Array.prototype.slice.call(controls.querySelectorAll("button"));
    var frames = Array.prototype.slice.call(figure.querySelectorAll(".explorer-frame"));
    function select(index, focus) {
      buttons.forEach(function (button, at) { button.setAttribute("aria-pressed", at === index ? "true" : "false"); });
      frames.forEach(function (frame, at) { frame.hidden = at !== index; });
      if (focus) { buttons[index].focus(); }
    }
    controls.hidden = false;
    controls.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (button) { select(buttons.indexOf(button), false); }
    });
    controls.addEventListener("keydown", function (event) {
      var at = buttons.indexOf(document.activeElement);
      if (at < 0) { return; }
      if (event.key === "ArrowRight" && at < buttons.length - 1) { event.preventDefault(); select(at + 1, true); }
      if (event.key === "ArrowLeft" && at > 0) { event.preventDefault(); select(at - 1, true); }
    });
    select(0, false);
  });

  // Graphs wider than their box (on a phone they keep a readable size and scroll): a button
  // switches between that and the whole graph fitted to the width.
  var zooms = Array.prototype.map.call(document.querySelectorAll(".graph-scroll"), function (box) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "graph-zoom";
    button.textContent = "Fit the whole graph";
    button.setAttribute("aria-pressed", "false");
    button.hidden = true;
    button.addEventListener("click", function () {
      var fit = !box.classList.contains("fit");
      box.classList.toggle("fit", fit);
      button.setAttribute("aria-pressed", fit ? "true" : "false");
      button.textContent = fit ? "Readable size" : "Fit the whole graph";
      markScrollable();
    });
    box.parentNode.insertBefore(button, box);
    return { box: box, button: button };
  });
  function offerZoom() {
    zooms.forEach(function (zoom) {
      zoom.button.hidden = !zoom.box.classList.contains("fit") && zoom.box.scrollWidth <= zoom.box.clientWidth + 1;
    });
  }
  offerZoom();
  window.addEventListener("resize", offerZoom);

  // The theme: the system's, or light or dark as the reader chooses; remembered, and applied
  // before drawing by theme.js. The choice shows only with scripts, which it needs.
  var themeChoice = document.getElementById("theme");
  if (themeChoice) {
    var stored = null;
    try { stored = window.localStorage.getItem("freezelab-theme"); } catch (e) { stored = null; }
    themeChoice.value = stored === "light" || stored === "dark" ? stored : "system";
    themeChoice.parentNode.hidden = false;
    themeChoice.addEventListener("change", function () {
      var theme = themeChoice.value;
      if (theme === "light" || theme === "dark") {
        document.documentElement.setAttribute("data-theme", theme);
      } else {
        document.documentElement.removeAttribute("data-theme");
      }
      try { window.localStorage.setItem("freezelab-theme", theme); } catch (e) { /* private mode: not remembered */ }
    });
  }

  // "On this page": closed at first on a phone, so the lesson starts on the first screen, and open
  // (a column of its own) on a wide one; the link of the section being read is marked current.
  var contents = document.querySelector(".toc details");
  if (contents) {
    var phone = window.matchMedia("(max-width: 900px)"), wide = window.matchMedia("(min-width: 1440px)");
    if (phone.matches) { contents.open = false; }
    var widen = function () { if (wide.matches) { contents.open = true; } };
    if (wide.addEventListener) { wide.addEventListener("change", widen); }
    var entries = Array.prototype.map.call(contents.querySelectorAll("a[href^='#']"), function (link) {
      return { link: link, target: document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1))) };
    }).filter(function (entry) { return entry.target; });
    var current = null, pending = false;
    var mark = function () {
      pending = false;
      // The last section whose heading has passed under the top bar (or the first, at the top).
      var line = document.querySelector(".topbar").getBoundingClientRect().bottom + 24, found = null;
      entries.forEach(function (entry) { if (entry.target.getBoundingClientRect().top <= line) { found = entry; } });
      if (found === current) { return; }
      if (current) { current.link.removeAttribute("aria-current"); }
      current = found;
      if (current) { current.link.setAttribute("aria-current", "true"); }
    };
    window.addEventListener("scroll", function () {
      if (!pending) { pending = true; window.requestAnimationFrame(mark); }
    }, { passive: true });
    mark();
  }

  // Narrow screens: the menu button shows and hides the lesson list.
  var menu = document.querySelector(".menu-button");
  function setMenu(open) {
    document.body.classList.toggle("sidebar-open", open);
    if (menu) { menu.setAttribute("aria-expanded", open ? "true" : "false"); }
  }
  if (menu) {
    menu.addEventListener("click", function () {
      setMenu(!document.body.classList.contains("sidebar-open"));
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.body.classList.contains("sidebar-open")) { setMenu(false); }
  });
})();