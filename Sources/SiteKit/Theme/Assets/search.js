// Search over the sections in search-index.js, with lunr (lunr.js, loaded before this file). No
// server and no fetch, so it works from file:// too. The index is built in the browser the first
// time the reader searches (a few hundred sections: a fraction of a second).
//
// What a query means:
// - Every word must start a word of the section (prefix match, so "freez" finds "freezing" but
//   "eeze" finds nothing); an exact word ranks above a longer one.
// - Sections rank by BM25 over the title (strongest), the heading, then the text: a section about
//   no_grad comes before one that mentions it in passing.
// - Code names match in either language's spelling: zero_grad, zeroGrad and "zero grad" reach
//   the same sections, because camelCase is read as snake_case and an identifier is indexed both
//   joined ("zerograd") and by its parts.
(function () {
  "use strict";
  var input = document.getElementById("search");
  var box = document.getElementById("search-results");
  var sections = window.FREEZELAB_SEARCH || [];
  if (!input || !box || !window.lunr) { return; }
  var lunr = window.lunr;
  var shownAtMost = 20;

  // Splits at anything but letters, digits and underscores (dots, brackets, quotes, spaces).
  var separator = /[^\p{L}\p{N}_]/u;
  function snakeCase(text) { return text.replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1_$2"); }

  // A token with underscores also stands for each of its parts and for every tail of it joined:
  // with_no_grad is "withnograd", "nograd", and "with", "no", "grad", so no_grad finds withNoGrad.
  function identifiers(token) {
    var text = token.toString();
    if (text.indexOf("_") < 0) { return token; }
    var parts = text.split("_").filter(function (part) { return part.length > 0; });
    var out = [];
    parts.forEach(function (part, at) {
      var tail = parts.slice(at).join("");
      out.push(token.clone(function () { return tail; }));
      if (at < parts.length - 1) { out.push(token.clone(function () { return part; })); }
    });
    return out;
  }
  lunr.Pipeline.registerFunction(identifiers, "freezelabIdentifiers");

  var index = null;
  function build() {
    lunr.tokenizer.separator = separator;
    index = lunr(function () {
      // No stop-word filter: "no" in no_grad and "not" matter here.
      this.pipeline.reset();
      this.pipeline.add(lunr.trimmer, identifiers, lunr.stemmer);
      this.searchPipeline.reset();
      this.ref("id");
      this.field("title", { boost: 8 });
      this.field("heading", { boost: 4 });
      this.field("text");
      sections.forEach(function (section, id) {
        // The engine reference's many short entries would outrank the lessons that teach a
        // word; they count half, so a lesson comes first and the reference entry follows.
        var reference = section.url.indexOf("reference.html") === 0;
        this.add({ id: String(id), title: snakeCase(section.title), heading: snakeCase(section.heading), text: snakeCase(section.text) },
                 { boost: reference ? 0.5 : 1 });
      }, this);
    });
  }

  // The query's words as the index holds them: snake_case, an identifier joined, stemmed.
  function words(query) {
    return snakeCase(query).toLowerCase().split(new RegExp(separator.source + "+", "u")).filter(function (w) {
      return w.replace(/_/g, "").length > 0;
    }).map(function (w) {
      var joined = w.replace(/_/g, "");
      return { typed: w, term: lunr.stemmer(new lunr.Token(joined)).toString() };
    });
  }

  function find(query) {
    var wanted = words(query);
    if (wanted.length === 0) { return []; }
    if (!index) { build(); }
    return index.query(function (q) {
      wanted.forEach(function (w) {
        q.term(w.term, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, presence: lunr.Query.presence.REQUIRED });
        q.term(w.term, { usePipeline: false, boost: 4 });
      });
    });
  }

  // Where the first query word starts a word of the text, allowing either code spelling.
  function firstMatch(text, wanted) {
    for (var i = 0; i < wanted.length; i++) {
      var pattern = wanted[i].typed.split("_").filter(Boolean).map(function (part) {
        return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      }).join("_?");
      var found = new RegExp("(?<![\\p{L}\\p{N}])" + pattern + "|(?<=\\p{Ll})" + pattern, "iu").exec(text);
      if (found) { return { at: found.index, length: found[0].length }; }
    }
    return null;
  }
  function snippet(parent, section, wanted) {
    var text = section.text, match = firstMatch(text, wanted);
    var span = document.createElement("span");
    span.className = "snippet";
    if (!match) { span.textContent = text.slice(0, 110) + (text.length > 110 ? "…" : ""); parent.appendChild(span); return; }
    var start = Math.max(0, match.at - 45), end = Math.min(text.length, match.at + match.length + 65);
    span.appendChild(document.createTextNode((start > 0 ? "…" : "") + text.slice(start, match.at)));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(match.at, match.at + match.length);
    span.appendChild(mark);
    span.appendChild(document.createTextNode(text.slice(match.at + match.length, end) + (end < text.length ? "…" : "")));
    parent.appendChild(span);
  }

  function show(query) {
    box.textContent = "";
    var wanted = words(query);
    if (wanted.length === 0) { box.hidden = true; return; }
    var hits = find(query);
    var status = document.createElement("p");
    status.className = "search-status";
    status.setAttribute("role", "status");
    status.textContent = hits.length === 0 ? "No lesson mentions that."
      : hits.length <= shownAtMost ? hits.length + (hits.length === 1 ? " match" : " matches")
      : "The best " + shownAtMost + " of " + hits.length + " matches";
    box.appendChild(status);
    var list = document.createElement("ul");
    hits.slice(0, shownAtMost).forEach(function (hit) {
      var section = sections[Number(hit.ref)];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = section.url;
      var where = document.createElement("span");
      where.className = "where";
      where.textContent = section.title + (section.heading ? " › " + section.heading : "");
      link.appendChild(where);
      snippet(link, section, wanted);
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(list);
    box.hidden = false;
  }
  function links() { return Array.prototype.slice.call(box.querySelectorAll("a")); }

  input.addEventListener("input", function () { show(input.value); });
  input.addEventListener("focus", function () { if (input.value) { show(input.value); } });
  input.addEventListener("keydown", function (event) {
    var all = links();
    if (event.key === "ArrowDown" && all.length > 0) { event.preventDefault(); all[0].focus(); }
    if (event.key === "Enter" && all.length > 0) { event.preventDefault(); window.location.href = all[0].href; }
    if (event.key === "Escape") { input.value = ""; show(""); }
  });
  box.addEventListener("keydown", function (event) {
    var all = links(), at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at < all.length - 1) { event.preventDefault(); all[at + 1].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); if (at > 0) { all[at - 1].focus(); } else { input.focus(); } }
    if (event.key === "Escape") { input.focus(); box.hidden = true; }
  });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target) && event.target !== input) { box.hidden = true; }
  });
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement && document.activeElement.tagName);
    if (event.key === "/" && !typing) { event.preventDefault(); input.focus(); }
  });
})();
