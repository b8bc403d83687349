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

  // Index v3 (src/render/search_index.rs): `words` lists every folded word once (the vocabulary); pages are
  // [title, href, rows]; a row is [heading, anchor, snippet, ids], its ids the numbers of its
  // words in that list, each written as its distance from the one before, less one, in base 32:
  // digits "g"–"_" carry higher parts, "A"–"f" end a number. Decoded once, here.
  var vocabulary = index.words ? index.words.split(" ") : [];
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var digit = new Int8Array(128).fill(-1);
  for (var d = 0; d < DIGITS.length; d++) { digit[DIGITS.charCodeAt(d)] = d; }
  function decode(text) {
    var ids = [];
    var value = 0;
    var previous = -1;
    for (var i = 0; i < text.length; i++) {
      var n = digit[text.charCodeAt(i)];
      if (n >= 32) {
        value = value * 32 + (n - 32);
      } else if (n >= 0) {
        previous += value * 32 + n + 1;
        ids.push(previous);
        value = 0;
      }
    }
    return Int32Array.from(ids);
  }
  // A heading's own words, folded once here, weigh more.
  var rows = [];
  index.pages.forEach(function (page) {
    page[2].forEach(function (row) {
      rows.push({ page: page, row: row, ids: decode(row[3]), heading: " " + words(row[0]).join(" ") + " " });
    });
  });

  // For a word typed, what each word of the list is to it: 2 the same word, 1 a longer word it
  // starts, 0 neither.
  function marks(term) {
    var out = new Uint8Array(vocabulary.length);
    for (var k = 0; k < vocabulary.length; k++) {
      var word = vocabulary[k];
      if (word === term) { out[k] = 2; } else if (word.lastIndexOf(term, 0) === 0) { out[k] = 1; }
    }
    return out;
  }

  function say(template, query, count) {
    return template.split("{query}").join(query).split("{count}").join(String(count));
  }

  function search(query) {
    var terms = words(query);
    var found = [];
    if (terms.length === 0) { return found; }
    var marked = terms.map(marks);
    rows.forEach(function (entry, order) {
      var ids = entry.ids;
      var heading = entry.heading;
      var score = 0;
      for (var t = 0; t < terms.length; t++) {
        var mark = marked[t];
        var best = 0;
        for (var i = 0; i < ids.length && best < 2; i++) {
          if (mark[ids[i]] > best) { best = mark[ids[i]]; }
        }
        if (best === 0) { return; }
        score += best;
        if (heading.indexOf(" " + terms[t]) >= 0) { score += 3; }
      }
      found.push({ page: entry.page, row: entry.row, score: score, order: order });
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
