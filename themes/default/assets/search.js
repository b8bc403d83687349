// Search on search.html: matches the words typed against the index in
// search-index.js (window.peerprepSearch) and lists the sections found.
// Every text from the index is inserted with textContent, never as HTML.
(function () {
  "use strict";
  var form = document.querySelector("[data-search]");
  var index = window.peerprepSearch;
  if (!form || !index) { return; }
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var MAX = 50;
  // Text as the index holds its words (src/letters.rs, fold): lowercase, without accents or
  // other combining marks (NFD, then \p{M} dropped), so "uber" finds "Über" and "مرحبا"
  // finds "مَرْحَبًا"; NFC again rejoins Hangul syllables.
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
  }

  // Words as the index splits them: runs of letters and digits of any script, two or more.
  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(function (w) {
      return Array.from(w).length >= 2;
    });
  }

  // Index v2: pages are [title, href, rows]; a row is [heading, anchor, snippet, words], its
  // words folded. A heading's own words, folded once here, weigh more.
  var rows = [];
  index.pages.forEach(function (page) {
    page[2].forEach(function (row) {
      rows.push({ page: page, row: row, heading: " " + words(row[0]).join(" ") + " " });
    });
  });

  function say(template, query, count) {
    return template.split("{query}").join(query).split("{count}").join(String(count));
  }

  function search(query) {
    var terms = words(query);
    var found = [];
    if (terms.length === 0) { return found; }
    rows.forEach(function (entry, order) {
      var row = entry.row;
      var haystack = " " + row[3] + " ";
      var heading = entry.heading;
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var term = terms[i];
        if (haystack.indexOf(" " + term) < 0) { return; }
        score += haystack.indexOf(" " + term + " ") >= 0 ? 2 : 1;
        if (heading.indexOf(" " + term) >= 0) { score += 3; }
      }
      found.push({ page: entry.page, row: row, score: score, order: order });
    });
    found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return found;
  }

  function show(query) {
    var found = search(query);
    list.textContent = "";
    if (!query.trim()) {
      status.textContent = "";
      list.hidden = true;
      return;
    }
    var template = found.length === 0 ? form.dataset.none : found.length === 1 ? form.dataset.one : form.dataset.many;
    status.textContent = say(template, query.trim(), found.length);
    found.slice(0, MAX).forEach(function (hit) {
      var row = hit.row;
      var page = hit.page;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = page[1] + (row[1] ? "#" + encodeURIComponent(row[1]) : "");
      link.textContent = row[0] || page[0];
      item.appendChild(link);
      if (row[0]) {
        var where = document.createElement("span");
        where.className = "search-result-page";
        where.textContent = " " + form.dataset.in + " " + page[0];
        item.appendChild(where);
      }
      if (row[2]) {
        var snippet = document.createElement("p");
        snippet.textContent = row[2];
        item.appendChild(snippet);
      }
      list.appendChild(item);
    });
    list.hidden = found.length === 0;
  }

  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { show(input.value); }, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
  });
  var params = new URLSearchParams(window.location.search);
  var q = params.get("q");
  if (q) {
    input.value = q;
    show(q);
  }
})();
