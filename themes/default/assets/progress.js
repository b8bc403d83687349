// peerprep progress: everything a learner does is kept only in this browser (localStorage, keys
// "peerprep:<course id>:<part>"), and leaves it only when they export it themselves.
// Parts: visited, complete (modules, by slug), quiz (by question id, written by quiz.js), scenarios
// (endings by scenario id, written by scenario.js), reflections (by id), self_assessment (by
// statement id: {start, end}), name. Every page: records module visits, offers "Mark complete",
// restores and saves reflections as the learner types, and shows a notice when storage is off.
// The progress page shows it all and exports, imports and clears it; the certificate page fills in.
// An export is named progress-<course>-<date>[-<name>].json (the name only when the learner ticks
// it in), so that a cohort's files do not overwrite each other on a shared drive.
// Stored values and imported files are hostile input: every part is checked against the export
// format (PARTS below). A bad value already stored is left out where it is read; a file with any
// part of the wrong type is refused with a message naming it, and a good file is stored whole or
// not at all. In a SCORM package connected to an LMS, assets/scorm.js provides window.peerprepStore,
// which keeps the parts it holds (all but reflections and name) in the LMS instead.
(function () {
  "use strict";
  var course = document.body.getAttribute("data-course") || "course";
  var PREFIX = "peerprep:" + course + ":";
  var available = true;
  try {
    window.localStorage.setItem(PREFIX + "probe", "1");
    window.localStorage.removeItem(PREFIX + "probe");
  } catch (e) {
    available = false;
  }

  // The export format, part by part: what each entry of a part holds (the name is text).
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function isText(v) { return typeof v === "string"; }
  function isRating(v) { return v === undefined || (typeof v === "number" && v % 1 === 0 && v >= 1 && v <= 5); }
  var ENTRIES = {
    visited: { ok: function (v) { return isText(v) || typeof v === "boolean"; }, what: "a time" },
    complete: { ok: function (v) { return isText(v) || typeof v === "boolean"; }, what: "a time" },
    quiz: {
      ok: function (v) {
        return isObject(v) && typeof v.correct === "boolean" &&
          (v.competency === undefined || v.competency === null || isText(v.competency)) &&
          (v.answered_at === undefined || isText(v.answered_at)) &&
          (v.answered === undefined || typeof v.answered === "boolean");
      },
      what: "a result {correct: true or false, competency, answered_at, answered}"
    },
    scenarios: { ok: function (v) { return Array.isArray(v) && v.every(isText); }, what: "a list of ending ids" },
    self_assessment: {
      ok: function (v) { return isObject(v) && isRating(v.start) && isRating(v.end); },
      what: "ratings {start, end}, each a whole number from 1 to 5"
    },
    reflections: { ok: isText, what: "text" }
  };
  var PARTS = ["visited", "complete", "quiz", "scenarios", "reflections", "self_assessment", "name"];

  // A value as a message shows it: its JSON, cut short.
  function shown(v) {
    var text = JSON.stringify(v);
    if (text === undefined) text = String(v);
    return text.length > 40 ? text.slice(0, 40) + "…" : text;
  }
  // What is wrong with a part's value, or null when it is right.
  function partProblem(part, value) {
    if (part === "name") return isText(value) ? null : "\"name\" should be text, not " + shown(value);
    if (!isObject(value)) return "\"" + part + "\" should be an object, not " + shown(value);
    var keys = Object.keys(value);
    for (var i = 0; i < keys.length; i++) {
      if (!ENTRIES[part].ok(value[keys[i]])) {
        return "\"" + part + "\" → " + shown(keys[i]) + " should be " + ENTRIES[part].what + ", not " + shown(value[keys[i]]);
      }
    }
    return null;
  }
  // A stored part with whatever does not fit the format left out.
  function clean(part, value) {
    if (part === "name") return isText(value) ? value : "";
    var out = {};
    if (!isObject(value)) return out;
    Object.keys(value).forEach(function (k) {
      if (k !== "__proto__" && ENTRIES[part].ok(value[k])) out[k] = value[k];
    });
    return out;
  }

  var store = window.peerprepStore;
  function get(part) {
    var fallback = part === "name" ? "" : {};
    if (store && store.holds(part)) return clean(part, store.get(part));
    if (!available) return fallback;
    try {
      var raw = window.localStorage.getItem(PREFIX + part);
      return raw === null ? fallback : clean(part, JSON.parse(raw));
    } catch (e) {
      return fallback;
    }
  }
  function set(part, value) {
    if (store && store.holds(part)) { store.set(part, value); return; }
    if (!available) return;
    try { window.localStorage.setItem(PREFIX + part, JSON.stringify(value)); } catch (e) { /* full or off */ }
  }
  function isQuota(e) {
    return !!e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22 || e.code === 1014);
  }
  // Stores every part of `values` or none: if any write fails (a full storage), every key touched
  // gets its previous value back (the new values are removed first, so the old ones fit again).
  // Returns null, "quota" or "failed".
  function storeAll(values) {
    if (store) {
      Object.keys(values).forEach(function (p) { if (store.holds(p)) { store.set(p, values[p]); delete values[p]; } });
      if (!Object.keys(values).length) return null;
    }
    if (!available) return "failed";
    var storage = window.localStorage;
    var before = {};
    var touched = [];
    try {
      Object.keys(values).forEach(function (p) { before[p] = storage.getItem(PREFIX + p); });
      Object.keys(values).forEach(function (p) {
        touched.push(p);
        storage.setItem(PREFIX + p, JSON.stringify(values[p]));
      });
      return null;
    } catch (e) {
      touched.forEach(function (p) { try { storage.removeItem(PREFIX + p); } catch (ignored) { /* off */ } });
      touched.forEach(function (p) {
        if (before[p] !== null) try { storage.setItem(PREFIX + p, before[p]); } catch (ignored) { /* off */ }
      });
      return isQuota(e) ? "quota" : "failed";
    }
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  if (!available) {
    document.querySelectorAll("[data-storage-notice]").forEach(function (n) { n.hidden = false; });
  }
  document.querySelectorAll("[data-needs-js]").forEach(function (n) { n.hidden = true; });

  // Module pages: visits and "Mark complete".
  var module = document.querySelector("[data-module]");
  if (module) {
    var slug = module.getAttribute("data-module");
    var visited = get("visited");
    visited[slug] = visited[slug] || new Date().toISOString();
    set("visited", visited);
    var box = document.querySelector("[data-module-complete]");
    if (box) {
      var button = box.querySelector("button");
      var show = function () { button.setAttribute("aria-pressed", get("complete")[slug] ? "true" : "false"); };
      show();
      box.hidden = false;
      button.addEventListener("click", function () {
        var complete = get("complete");
        if (complete[slug]) delete complete[slug]; else complete[slug] = new Date().toISOString();
        set("complete", complete);
        show();
        showDone();
      });
    }
  }

  // The contents list: a tick on each module marked complete, and how many are done.
  function showDone() {
    var contents = document.querySelector(".contents-list[data-text-done]");
    if (!contents) return;
    var complete = get("complete");
    var doneText = contents.getAttribute("data-text-done");
    contents.querySelectorAll("li[data-slug]").forEach(function (li) {
      li.querySelectorAll("[data-done]").forEach(function (n) { n.remove(); });
      var done = !!complete[li.getAttribute("data-slug")];
      li.classList.toggle("is-done", done);
      if (!done) return;
      li.appendChild(el("span", { "class": "done-mark", "aria-hidden": "true", "data-done": "", text: " \u2713" }));
      li.querySelector("a").appendChild(el("span", { "class": "visually-hidden", "data-done": "", text: " (" + doneText + ")" }));
    });
    var summary = document.querySelector("[data-contents-progress]");
    var bar = summary && summary.querySelector("progress");
    if (!bar) return;
    var total = Number(bar.getAttribute("max"));
    var count = Math.min(Object.keys(complete).length, total);
    bar.value = count;
    summary.querySelector("span").textContent = summary.getAttribute("data-text")
      .replace("{done}", String(count)).replace("{total}", String(total));
    summary.hidden = false;
  }
  showDone();

  // Reflections: restored, and saved as the learner types.
  var reflections = get("reflections");
  document.querySelectorAll("textarea[data-reflection]").forEach(function (area) {
    var id = area.getAttribute("data-reflection");
    if (reflections[id]) area.value = reflections[id];
    var timer = null;
    area.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var all = get("reflections");
        all[id] = area.value;
        set("reflections", all);
      }, 300);
    });
  });

  var dataBlock = document.getElementById("course-data");
  if (!dataBlock) return;
  var data = JSON.parse(dataBlock.textContent);

  function snapshot() {
    var out = {};
    PARTS.forEach(function (p) { out[p] = get(p); });
    return out;
  }

  // Certificate.
  var nameBox = document.getElementById("certificate-name");
  if (nameBox) {
    var tools = document.querySelector("[data-certificate-tools]");
    tools.hidden = false;
    var shown = document.querySelector("[data-certificate-name]");
    nameBox.value = get("name");
    var render = function () { shown.textContent = nameBox.value.trim() || "\u00a0"; };
    render();
    nameBox.addEventListener("input", function () { set("name", nameBox.value); render(); });
    document.querySelector("[data-certificate-date]").textContent = new Date().toLocaleDateString(document.documentElement.lang || undefined);
    var done = get("complete");
    var list = document.querySelector("[data-certificate-modules]");
    data.modules.filter(function (m) { return done[m.slug]; }).forEach(function (m) {
      list.querySelector("ul").appendChild(el("li", { text: m.title }));
    });
    list.hidden = !list.querySelector("li");
    document.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
    return;
  }

  var app = document.querySelector("[data-progress]");
  if (!app) return;
  app.hidden = false;
  var status = app.querySelector("[data-status]");
  var strings = document.querySelector("[data-status]");

  function bar(label, value, total) {
    var pct = total ? Math.round((value / total) * 100) : 0;
    var svgNS = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(svgNS, "svg");
    svg.setAttribute("viewBox", "0 0 200 16");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("class", "bar");
    svg.setAttribute("aria-hidden", "true");
    var track = document.createElementNS(svgNS, "rect");
    track.setAttribute("width", "200"); track.setAttribute("height", "16"); track.setAttribute("class", "bar-track");
    var fill = document.createElementNS(svgNS, "rect");
    fill.setAttribute("width", String(pct * 2)); fill.setAttribute("height", "16"); fill.setAttribute("class", "bar-fill");
    svg.appendChild(track); svg.appendChild(fill);
    return el("div", { class: "bar-row" }, [el("span", { class: "bar-label", text: label + ": " + say("skill-right", { right: value, total: total, percent: pct }) }), svg]);
  }

  // An interface string from the page with its {placeholders} filled in.
  function say(name, values) {
    var text = app.getAttribute("data-text-" + name) || "";
    Object.keys(values).forEach(function (k) { text = text.split("{" + k + "}").join(String(values[k])); });
    return text;
  }
  // A question's result, when it counts as answered (an older file may hold "answered": false).
  function result(s, id) {
    var r = s.quiz[id];
    return r && r.answered !== false ? r : null;
  }

  function draw() {
    var s = snapshot();
    var rows = app.querySelector("[data-progress-modules]");
    rows.innerHTML = "";
    var done = 0;
    data.modules.forEach(function (m) {
      var qs = data.questions.filter(function (q) { return q.module === m.slug; });
      var right = qs.filter(function (q) { return result(s, q.id) && result(s, q.id).correct; }).length;
      var answered = qs.filter(function (q) { return result(s, q.id); }).length;
      var state = s.complete[m.slug] ? "completed" : s.visited[m.slug] ? "visited" : "not_started";
      if (s.complete[m.slug]) done += 1;
      var link = el("a", { href: m.url, text: m.title });
      rows.appendChild(el("tr", {}, [
        el("td", {}, [link]),
        el("td", { text: labels[state] }),
        el("td", { text: !qs.length ? "—" : answered ? say("quiz-right", { right: right, total: qs.length }) : labels.not_started })
      ]));
    });
    app.querySelector("[data-progress-summary]").textContent = say("modules-done", { done: done, total: data.modules.length });
    var comps = app.querySelector("[data-progress-competencies]");
    if (comps) {
      comps.innerHTML = "";
      data.competencies.forEach(function (c) {
        var qs = data.questions.filter(function (q) { return q.competency === c.id; });
        if (!qs.length) return;
        var right = qs.filter(function (q) { return result(s, q.id) && result(s, q.id).correct; }).length;
        comps.appendChild(bar(c.title, right, qs.length));
      });
    }
    var scen = app.querySelector("[data-progress-scenarios]");
    if (scen) {
      scen.innerHTML = "";
      data.scenarios.forEach(function (sc) {
        var found = (s.scenarios[sc.id] || []).filter(function (id) { return sc.endings.some(function (e) { return e.id === id; }); });
        scen.appendChild(el("li", {}, [el("a", { href: sc.url, text: sc.title }),
          document.createTextNode(": " + say("endings-found", { found: found.length, total: sc.endings.length }))]));
      });
    }
    app.querySelectorAll("fieldset.rating").forEach(function (fs) {
      var rating = (s.self_assessment[fs.getAttribute("data-statement")] || {})[fs.getAttribute("data-when")];
      fs.querySelectorAll("input").forEach(function (input) { input.checked = String(rating) === input.value; });
    });
  }

  var labels = {
    completed: app.getAttribute("data-label-completed") || "✔",
    visited: app.getAttribute("data-label-visited") || "…",
    not_started: app.getAttribute("data-label-not_started") || "—"
  };
  app.querySelectorAll("fieldset.rating input").forEach(function (input) {
    input.addEventListener("change", function () {
      var fs = input.closest("fieldset");
      var all = get("self_assessment");
      var id = fs.getAttribute("data-statement");
      all[id] = all[id] || {};
      all[id][fs.getAttribute("data-when")] = Number(input.value);
      set("self_assessment", all);
    });
  });

  app.querySelector("[data-export]").addEventListener("click", function () {
    var s = snapshot();
    var out = {
      format: "peerprep-progress",
      version: 1,
      course: course,
      exported_at: new Date().toISOString(),
      visited: s.visited,
      complete: s.complete,
      quiz: s.quiz,
      scenarios: s.scenarios,
      self_assessment: s.self_assessment
    };
    if (document.getElementById("include-reflections").checked) out.reflections = s.reflections;
    if (document.getElementById("include-name").checked && s.name) out.name = s.name;
    var blob = new Blob([JSON.stringify(out, null, 2)], { type: "application/json" });
    var a = el("a", { href: URL.createObjectURL(blob), download: exportName(out.name) });
    document.body.appendChild(a);
    a.click();
    a.remove();
  });

  // The export's file name: progress-<course>-<local date>[-<name>].json. The name is the
  // learner's own text: lowercased, letters and digits of any script kept, every other run of
  // characters (spaces, dots, slashes and everything else a file name cannot safely hold) made
  // one "-", and cut to 40 characters.
  function exportName(name) {
    var now = new Date();
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    var date = now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
    return "progress-" + course + "-" + date + (name ? "-" + nameSlug(name) : "").replace(/-$/, "") + ".json";
  }
  function nameSlug(name) {
    var word;
    try { word = new RegExp("[\\p{L}\\p{M}\\p{N}]", "u"); } catch (e) { word = /[a-z0-9]/; }
    var text = String(name).normalize ? String(name).normalize("NFC").toLowerCase() : String(name).toLowerCase();
    var out = [];
    var dash = false;
    Array.from(text).forEach(function (c) {
      if (!word.test(c)) { dash = true; return; }
      if (dash && out.length) out.push("-");
      dash = false;
      out.push(c);
    });
    return out.slice(0, 40).join("").replace(/-+$/, "");
  }

  // What is wrong with an imported file, or null when every part of it is right.
  function problem(parsed) {
    if (!isObject(parsed)) return parsed === undefined ? "it is not JSON" : "it is " + shown(parsed) + ", not an object";
    if (parsed.format !== "peerprep-progress") return "\"format\" is not \"peerprep-progress\"";
    if (typeof parsed.version !== "number") return "\"version\" should be the number 1, not " + shown(parsed.version);
    if (parsed.version !== 1) return "version " + shown(parsed.version) + " is not supported";
    if (!isText(parsed.course)) return "\"course\" should be text, not " + shown(parsed.course);
    if (parsed.course !== course) return "it is for the course " + shown(parsed.course);
    if (parsed.exported_at !== undefined && !isText(parsed.exported_at)) return "\"exported_at\" should be a time, not " + shown(parsed.exported_at);
    for (var i = 0; i < PARTS.length; i++) {
      var why = parsed[PARTS[i]] === undefined ? null : partProblem(PARTS[i], parsed[PARTS[i]]);
      if (why) return why;
    }
    return null;
  }

  app.querySelector("[data-import]").addEventListener("change", function (event) {
    var file = event.target.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var parsed;
      try { parsed = JSON.parse(String(reader.result)); } catch (e) { parsed = undefined; }
      var why = problem(parsed);
      if (why) {
        status.textContent = strings.getAttribute("data-text-bad") + " " + why + ".";
        return;
      }
      var values = {};
      PARTS.forEach(function (p) { if (parsed[p] !== undefined) values[p] = parsed[p]; });
      var failed = storeAll(values);
      draw();
      if (failed === "quota") status.textContent = strings.getAttribute("data-text-too-big");
      else if (failed) status.textContent = strings.getAttribute("data-text-not-saved");
      else status.textContent = strings.getAttribute("data-text-done");
    };
    reader.readAsText(file);
    event.target.value = "";
  });

  app.querySelector("[data-clear]").addEventListener("click", function (event) {
    if (!window.confirm(event.target.getAttribute("data-confirm"))) return;
    PARTS.forEach(function (p) {
      if (store && store.holds(p)) store.set(p, {});
      else try { window.localStorage.removeItem(PREFIX + p); } catch (e) { /* off */ }
    });
    // Where the learner is in scenarios they started (assets/scenario.js): not exported, but theirs.
    try { window.localStorage.removeItem(PREFIX + "places"); } catch (e) { /* off */ }
    draw();
    status.textContent = strings.getAttribute("data-text-cleared");
  });

  draw();
})();
