// peerprep SCORM runtime: loaded only by the pages of a SCORM package (`peerprep package --format
// scorm12|scorm2004`), after assets/scorm-course.js (window.peerprepCourse: the course's modules,
// questions, scenarios, self-assessment statements, pass mark and SCORM version).
// - Finds the LMS's API (`API` for SCORM 1.2, `API_1484_11` for 2004) in the parent frames, then in
//   the opener's (the ADL search algorithm), and initialises it (a page after the first finds it
//   already initialised: the pages of the package share one session).
// - When found, it becomes the store of learner progress instead of localStorage
//   (window.peerprepStore, which progress.js, quiz.js and scenario.js use): modules visited and
//   complete, quiz results, scenario endings and self-assessment go to cmi.suspend_data. The
//   learner's reflections and name stay in this browser.
// - suspend_data, version 1: "1", then the fingerprints, then "|"-separated fields, each a bit
//   set of the course's items in course order, six bits to a character (A-Z a-z 0-9 - _): modules
//   visited, modules complete, questions answered, questions answered right, scenario endings
//   found (all scenarios' endings in order); then one digit (0 = none) per self-assessment rating
//   (start, end per statement). The fingerprints field holds four characters per kind of item
//   (modules, questions, endings, statements): a hash of that kind's ids in course order. Items
//   are kept by their place in course order, so a kind whose fingerprint differs (the course was
//   edited after the learner started: items added, removed or moved) is not read at all: those
//   items start afresh, and the other kinds are kept. It stays under 4,096 characters (SCORM
//   1.2's limit) for any course of fewer than about 4,000 questions; beyond, the detail is
//   dropped oldest kind first (self-assessment, then scenario endings, then which answers were
//   right), never the modules visited and complete or the questions answered, which completion
//   rests on.
// - Completion and score, on every change: completed when every module is visited and every
//   question answered; the score is the percentage of questions answered right (raw 0-100, and
//   scaled in 2004); passed when it reaches the pass mark. SCORM 1.2: cmi.core.lesson_status
//   incomplete, then passed or failed. 2004: cmi.completion_status and cmi.success_status
//   (unknown until passed or every question answered). exit = suspend, so the LMS resumes. The
//   record only goes up: a status or score the LMS already holds is never lowered (re-answering a
//   quiz, or an edited course whose saved items could not be read, never takes a pass away).
// - Commits on every change and when the page is hidden; finishes (LMSFinish / Terminate) when
//   the learner leaves the package, not when they follow a link to another of its pages.
// Without an LMS (the package opened from disk or a web server), it does nothing: the site keeps
// progress in localStorage exactly as a built site does.
(function () {
  "use strict";
  var course = window.peerprepCourse;
  if (!course) return;
  var v12 = course.scorm === "1.2";
  var NAME = v12 ? "API" : "API_1484_11";
  var LIMIT = v12 ? 4096 : 64000;

  // The ADL search: up the parent frames (at most 500), then the opener's.
  function search(win) {
    for (var tries = 0; win && tries < 500; tries++) {
      try {
        if (win[NAME]) return win[NAME];
      } catch (e) {
        return null; // a frame of another origin
      }
      if (!win.parent || win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }
  var api = search(window);
  if (!api) {
    try { api = window.opener ? search(window.opener) : null; } catch (e) { api = null; }
  }
  if (!api) return;

  function call(name12, name2004) {
    var args = Array.prototype.slice.call(arguments, 2);
    try {
      return String(api[v12 ? name12 : name2004].apply(api, args));
    } catch (e) {
      return "false";
    }
  }
  function getValue(element) { return call("LMSGetValue", "GetValue", element); }
  function setValue(element, value) { return call("LMSSetValue", "SetValue", element, String(value)); }
  function commit() { call("LMSCommit", "Commit", ""); }

  var started = call("LMSInitialize", "Initialize", "") === "true";
  if (!started) {
    // Already initialised by an earlier page of the package (1.2: 101, 2004: 103) is the same
    // session; anything else (terminated, not available) leaves the site on localStorage.
    var code = call("LMSGetLastError", "GetLastError");
    if (code !== (v12 ? "101" : "103")) return;
  }
  var START_KEY = "peerprep:" + course.id + ":scorm-session";
  var sessionStart = Date.now();
  try {
    if (started) window.sessionStorage.setItem(START_KEY, String(sessionStart));
    else sessionStart = Number(window.sessionStorage.getItem(START_KEY)) || sessionStart;
  } catch (e) { /* storage off: time this page */ }

  // Bit sets, six bits to a character.
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  function encodeBits(bits) {
    var out = "";
    for (var i = 0; i < bits.length; i += 6) {
      var n = 0;
      for (var j = 0; j < 6; j++) if (bits[i + j]) n |= 1 << j;
      out += DIGITS.charAt(n);
    }
    return out.replace(/A+$/, "");
  }
  function decodeBits(text, length) {
    var bits = [];
    for (var i = 0; i < length; i++) {
      var n = DIGITS.indexOf(text.charAt(Math.floor(i / 6)));
      bits.push(n > 0 && (n & (1 << (i % 6))) !== 0);
    }
    return bits;
  }
  var moduleIds = course.modules.map(function (m) { return m.slug; });
  var questionIds = course.questions.map(function (q) { return q.id; });
  var endings = [];
  course.scenarios.forEach(function (s) {
    s.endings.forEach(function (e) { endings.push([s.id, e.id]); });
  });
  var statements = course.self_assessment.map(function (s) { return s.id; });
  // A kind's fingerprint: FNV-1a (32 bits) of its ids in order, 24 bits as four characters.
  function fingerprint(ids) {
    var text = ids.join("\n");
    var hash = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    var out = "";
    for (var k = 0; k < 4; k++) out += DIGITS.charAt((hash >>> (6 * k)) & 63);
    return out;
  }
  var FINGERPRINTS = [moduleIds, questionIds, endings.map(function (e) { return e.join("/"); }), statements]
    .map(fingerprint).join("");
  var competency = {};
  course.questions.forEach(function (q) { competency[q.id] = q.competency || null; });

  // The state as progress.js reads it: parts by name.
  function decode(text) {
    var state = { visited: {}, complete: {}, quiz: {}, scenarios: {}, self_assessment: {} };
    var fields = String(text || "").split("|");
    if (fields[0] !== "1") return state;
    // A kind is read only when its fingerprint matches this course's.
    function same(kind) {
      return (fields[1] || "").substr(4 * kind, 4) === FINGERPRINTS.substr(4 * kind, 4);
    }
    if (same(0)) {
      var visited = decodeBits(fields[2] || "", moduleIds.length);
      var complete = decodeBits(fields[3] || "", moduleIds.length);
      moduleIds.forEach(function (id, i) {
        if (visited[i]) state.visited[id] = true;
        if (complete[i]) state.complete[id] = true;
      });
    }
    if (same(1)) {
      var answered = decodeBits(fields[4] || "", questionIds.length);
      var right = decodeBits(fields[5] || "", questionIds.length);
      questionIds.forEach(function (id, i) {
        if (answered[i]) state.quiz[id] = { correct: right[i], competency: competency[id], answered: true };
      });
    }
    if (same(2)) {
      var found = decodeBits(fields[6] || "", endings.length);
      endings.forEach(function (e, i) {
        if (found[i]) (state.scenarios[e[0]] = state.scenarios[e[0]] || []).push(e[1]);
      });
    }
    var ratings = same(3) ? fields[7] || "" : "";
    statements.forEach(function (id, i) {
      var start = Number(ratings.charAt(2 * i)) || 0;
      var end = Number(ratings.charAt(2 * i + 1)) || 0;
      if (start || end) {
        state.self_assessment[id] = {};
        if (start >= 1 && start <= 5) state.self_assessment[id].start = start;
        if (end >= 1 && end <= 5) state.self_assessment[id].end = end;
      }
    });
    return state;
  }
  function encode(state) {
    function has(part, id) { return !!(state[part] && state[part][id]); }
    function result(id) {
      var r = state.quiz[id];
      return r && typeof r === "object" && r.answered !== false ? r : null;
    }
    var fields = [
      "1",
      FINGERPRINTS,
      encodeBits(moduleIds.map(function (id) { return has("visited", id); })),
      encodeBits(moduleIds.map(function (id) { return has("complete", id); })),
      encodeBits(questionIds.map(function (id) { return !!result(id); })),
      encodeBits(questionIds.map(function (id) { return !!(result(id) && result(id).correct === true); })),
      encodeBits(endings.map(function (e) {
        var list = state.scenarios[e[0]];
        return Array.isArray(list) && list.indexOf(e[1]) >= 0;
      })),
      statements.map(function (id) {
        var r = state.self_assessment[id] || {};
        return String(r.start || 0) + String(r.end || 0);
      }).join("").replace(/0+$/, "")
    ];
    // Beyond the limit, drop detail: self-assessment, endings, then which answers were right.
    for (var drop = 7; fields.join("|").length > LIMIT && drop >= 5; drop--) fields[drop] = "";
    return fields.join("|").replace(/\|+$/, "");
  }

  var state = decode(getValue("cmi.suspend_data"));

  // Completion, success and score from the state; the record only goes up, so each is the higher
  // of what the state says and what the LMS holds.
  var RANK = v12
    ? { "not attempted": 0, browsed: 0, incomplete: 1, failed: 2, completed: 3, passed: 4 }
    : { "not attempted": 0, unknown: 0, incomplete: 1, failed: 2, completed: 3, passed: 4 };
  function higher(element, value) {
    var held = getValue(element);
    return (RANK[held] || 0) > RANK[value] ? held : value;
  }
  function report() {
    var visitedAll = moduleIds.every(function (id) { return state.visited[id]; });
    var answered = questionIds.filter(function (id) { return state.quiz[id]; });
    var right = answered.filter(function (id) { return state.quiz[id].correct === true; }).length;
    var completed = visitedAll && answered.length === questionIds.length;
    var prefix = v12 ? "cmi.core.score." : "cmi.score.";
    var percent = questionIds.length ? Math.round((right / questionIds.length) * 100) : 100;
    var held = Number(getValue(prefix + "raw"));
    if (held > percent && held <= 100) percent = held;
    var passed = percent >= course.pass_mark;
    setValue(prefix + "min", 0);
    setValue(prefix + "max", 100);
    setValue(prefix + "raw", percent);
    if (v12) {
      var status = !completed ? "incomplete" : passed ? "passed" : "failed";
      setValue("cmi.core.lesson_status", higher("cmi.core.lesson_status", status));
    } else {
      setValue("cmi.score.scaled", percent / 100);
      setValue("cmi.completion_status", higher("cmi.completion_status", completed ? "completed" : "incomplete"));
      setValue("cmi.success_status", higher("cmi.success_status", passed ? "passed" : completed ? "failed" : "unknown"));
    }
  }
  function sessionTime() {
    var seconds = Math.max(0, (Date.now() - sessionStart) / 1000);
    if (!v12) return "PT" + Math.round(seconds) + "S";
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = Math.floor(seconds % 60);
    return (h < 1000 ? ("000" + h).slice(-4) : String(h)) + ":" + two(m) + ":" + two(s);
  }
  function save() {
    setValue("cmi.suspend_data", encode(state));
    report();
    setValue(v12 ? "cmi.core.session_time" : "cmi.session_time", sessionTime());
    commit();
  }
  setValue(v12 ? "cmi.core.exit" : "cmi.exit", "suspend");
  if (started) {
    var entry = getValue(v12 ? "cmi.core.lesson_status" : "cmi.completion_status");
    if (entry === "not attempted" || entry === "unknown" || entry === "") report();
  }

  var PARTS = ["visited", "complete", "quiz", "scenarios", "self_assessment"];
  window.peerprepStore = {
    holds: function (part) { return PARTS.indexOf(part) >= 0; },
    get: function (part) { return JSON.parse(JSON.stringify(state[part] || {})); },
    set: function (part, value) {
      state[part] = value && typeof value === "object" ? value : {};
      state = decode(encode(state)); // what the LMS holds, no more
      save();
    }
  };

  // Leaving: commit when the page is hidden; finish unless a link or form of the package is
  // taking the learner to another of its pages.
  var internal = false;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || link.target === "_blank" || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var href = link.getAttribute("href");
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") return;
    internal = true;
    // A link the page's own script handles (the scenario player's choices) goes nowhere: known
    // only once every listener has run.
    setTimeout(function () { if (event.defaultPrevented) internal = false; }, 0);
  }, true);
  document.addEventListener("submit", function () { internal = true; }, true);
  window.addEventListener("pageshow", function () { internal = false; });
  window.addEventListener("pagehide", function () {
    save();
    if (!internal) call("LMSFinish", "Terminate", "");
  });
})();
