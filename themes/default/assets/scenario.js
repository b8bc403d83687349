// peerprep scenario player: enhances the plain-link scenario pages.
// - On a start page, plays the whole scenario in the page: choices are buttons, feedback shows
//   inline, Back goes one step, Start again restarts, and an ending shows the debrief, the path
//   taken with each choice's feedback, and the skills practised. Changes are announced to screen
//   readers (a live region) and focus moves to the new text.
// - Remembers where the learner is in a scenario they have started (the choices made, and whether
//   the last one's feedback is showing), so the start page offers "Carry on where you left off"
//   beside "Start again"; reaching an ending, or starting again, forgets it. The place is kept in
//   this browser only (key "peerprep:<course id>:places"), never in an export or the LMS: it is
//   where a learner is, not what they have done. A stored place that does not fit the scenario
//   (it changed since) is hostile input and is forgotten.
// - A node's own content note is shown before its text.
// - On any ending page (also when played with plain links), records the ending reached.
// - Endings found are kept only in this browser (localStorage, key "peerprep:<course id>:scenarios")
//   and everything keeps working when storage is unavailable or holds something that is not a list
//   of endings. In a SCORM package connected to an LMS they go to the LMS instead
//   (window.peerprepStore, from assets/scorm.js).
(function () {
  "use strict";

  var course = document.body.getAttribute("data-course") || "course";
  var KEY = "peerprep:" + course + ":scenarios";

  // The endings found, by scenario id. What is stored is hostile input (it may have been loaded
  // from a file, or written by an older version): anything but a list of ending ids is left out.
  function load() {
    var all = {};
    try {
      var stored = window.peerprepStore ? window.peerprepStore.get("scenarios")
        : JSON.parse(window.localStorage.getItem(KEY) || "{}");
      if (stored !== null && typeof stored === "object" && !Array.isArray(stored)) {
        Object.keys(stored).forEach(function (id) {
          var list = stored[id];
          if (id !== "__proto__" && Array.isArray(list)) {
            all[id] = list.filter(function (e) { return typeof e === "string"; });
          }
        });
      }
    } catch (e) {
      // Storage unavailable, or not JSON: no endings found yet.
    }
    return all;
  }

  function recordEnding(scenario, ending) {
    var all = load();
    var list = all[scenario] || [];
    if (list.indexOf(ending) < 0) list.push(ending);
    all[scenario] = list;
    try {
      if (window.peerprepStore) window.peerprepStore.set("scenarios", all);
      else window.localStorage.setItem(KEY, JSON.stringify(all));
    } catch (e) {
      // Storage unavailable (private mode): the scenario still plays.
    }
    return list;
  }

  var PLACES = "peerprep:" + course + ":places";

  // Every saved place, by scenario id: {choices: [choice numbers from the start], feedback: bool}.
  function places() {
    try {
      var stored = JSON.parse(window.localStorage.getItem(PLACES) || "{}");
      return stored !== null && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
    } catch (e) {
      return {};
    }
  }

  function savePlace(scenario, place) {
    var all = places();
    if (place) all[scenario] = place; else delete all[scenario];
    try {
      window.localStorage.setItem(PLACES, JSON.stringify(all));
    } catch (e) {
      // Storage unavailable: the scenario still plays, from the start next time.
    }
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "html") node.innerHTML = attrs[k]; // HTML sanitised at build time
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function showFound(container, scenario, label) {
    var found = load()[scenario];
    if (!container || !found || !found.length) return;
    container.textContent = label + ": " + found.length;
    container.hidden = false;
  }

  // Ending pages reached by plain links record themselves.
  var step = document.querySelector("[data-ending]");
  if (step) recordEnding(step.getAttribute("data-scenario"), step.getAttribute("data-ending"));

  var dataBlock = document.getElementById("scenario-data");
  var data = null;
  if (dataBlock) {
    try { data = JSON.parse(dataBlock.textContent); } catch (e) { data = null; }
  }

  // Lists show how many endings were found.
  document.querySelectorAll(".scenario-list [data-scenario]").forEach(function (item) {
    showFound(item.querySelector(".endings-found"), item.getAttribute("data-scenario"), "✓");
  });
  if (!data) return;
  var ui = data.ui;
  var intro = document.querySelector(".scenario-intro");
  var player = document.querySelector(".scenario-player");
  var status = document.querySelector("[data-scenario-status]");
  var startLink = document.querySelector(".scenario-start");
  showFound(intro && intro.querySelector(".endings-found"), data.id, ui.endings_found);
  if (!player || !startLink) return;

  var path = []; // [{node, choice}]

  // The place saved for this scenario replayed from its start, or null when there is none or it
  // does not fit the scenario as it is now: {path, at (the node shown), feedback}.
  function replay(place) {
    if (!place || typeof place !== "object" || !Array.isArray(place.choices) || !place.choices.length ||
        place.choices.length > 1000) return null;
    var at = data.start;
    var taken = [];
    for (var i = 0; i < place.choices.length; i++) {
      var node = data.nodes[at];
      var n = place.choices[i];
      if (!node || typeof n !== "number" || n % 1 !== 0 || n < 1 || n > node.choices.length) return null;
      var choice = node.choices[n - 1];
      taken.push({ node: at, choice: choice });
      at = choice.goto;
    }
    if (!data.nodes[at]) return null;
    return { path: taken, at: at, feedback: place.feedback === true };
  }

  // Remembers where the learner is: after `path`, on a node or on the last choice's feedback.
  function remember(feedback) {
    savePlace(data.id, path.length ? {
      choices: path.map(function (s) { return data.nodes[s.node].choices.indexOf(s.choice) + 1; }),
      feedback: feedback
    } : null);
  }

  function announce(text) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function focusHeading(heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }

  function controls() {
    var bar = el("p", { class: "scenario-actions" });
    if (path.length) {
      var back = el("button", { type: "button", class: "secondary", "data-action": "back", text: ui.back });
      back.addEventListener("click", function () {
        var last = path.pop();
        showNode(last.node);
      });
      bar.appendChild(back);
    }
    var restart = el("button", { type: "button", class: "secondary", "data-action": "restart", text: ui.restart });
    restart.addEventListener("click", function () { path = []; savePlace(data.id, null); showNode(data.start); });
    bar.appendChild(restart);
    return bar;
  }

  function showNode(id) {
    var node = data.nodes[id];
    player.innerHTML = "";
    var heading;
    if (node.ending) {
      heading = el("h2", { class: "ending ending-" + node.ending, text: ui["ending_" + node.ending] });
    } else {
      heading = el("h2", { text: node.speaker || ui.narrator });
    }
    player.appendChild(heading);
    if (node.ending && node.speaker) player.appendChild(el("p", { class: "speaker", text: node.speaker }));
    if (node.content_note) {
      var note = el("p", { class: "content-note", role: "note" }, [el("strong", { text: ui.content_note + ": " })]);
      note.appendChild(document.createTextNode(node.content_note));
      player.appendChild(note);
    }
    player.appendChild(el("div", { class: "node-text", html: node.text }));
    if (node.choices.length) {
      var choicesHeading = el("h3", { text: ui.choices_heading });
      var list = el("ol", { class: "choices" });
      node.choices.forEach(function (choice) {
        var button = el("button", { type: "button", class: "choice", text: choice.label });
        button.addEventListener("click", function () { showFeedback(id, choice); });
        list.appendChild(el("li", {}, [button]));
      });
      player.appendChild(choicesHeading);
      player.appendChild(list);
    }
    if (node.ending) {
      showEnding(id, node);
      savePlace(data.id, null);
    } else {
      remember(false);
    }
    player.appendChild(controls());
    focusHeading(heading);
    announce(heading.textContent);
  }

  function showFeedback(id, choice) {
    path.push({ node: id, choice: choice });
    player.innerHTML = "";
    var heading = el("h2", { text: ui.feedback });
    player.appendChild(heading);
    var said = el("p", { class: "you-chose" }, [el("strong", { text: ui.you_chose + ": " })]);
    said.appendChild(document.createTextNode(choice.label));
    player.appendChild(said);
    player.appendChild(el("div", { class: "feedback-text", html: choice.feedback }));
    var next = el("button", { type: "button", class: "button", "data-action": "continue", text: ui["continue"] });
    next.addEventListener("click", function () { showNode(choice.goto); });
    var bar = controls();
    bar.insertBefore(next, bar.firstChild);
    player.appendChild(bar);
    remember(true);
    focusHeading(heading);
    announce(ui.feedback + ": " + choice.label);
  }

  function showEnding(id, node) {
    if (node.debrief) {
      player.appendChild(el("section", { class: "debrief" }, [
        el("h3", { text: ui.debrief }),
        el("div", { html: node.debrief }),
      ]));
    }
    var steps = el("ol", { class: "path-taken" });
    var totals = {};
    path.forEach(function (stepTaken) {
      var item = el("li", {}, [el("p", {}, [el("strong", { text: stepTaken.choice.label })])]);
      item.appendChild(el("div", { html: stepTaken.choice.feedback }));
      steps.appendChild(item);
      Object.keys(stepTaken.choice.competencies || {}).forEach(function (c) {
        totals[c] = (totals[c] || 0) + stepTaken.choice.competencies[c];
      });
    });
    player.appendChild(el("section", { class: "path" }, [el("h3", { text: ui.your_path }), steps]));
    var skills = Object.keys(totals);
    if (skills.length) {
      var list = el("ul", { class: "practised" });
      skills.forEach(function (c) {
        var n = totals[c];
        list.appendChild(el("li", { text: (data.competencies[c] || c) + " (" + (n > 0 ? "+" : "") + n + ")" }));
      });
      player.appendChild(el("section", {}, [el("h3", { text: ui.practised }), list]));
    }
    var found = recordEnding(data.id, id);
    player.appendChild(el("p", { class: "endings-found", text: ui.endings_found + ": " + found.length }));
  }

  function play(event, from) {
    event.preventDefault();
    intro.hidden = true;
    player.hidden = false;
    if (from) {
      path = from.path;
      if (from.feedback) {
        var last = path.pop();
        showFeedback(last.node, last.choice);
      } else {
        showNode(from.at);
      }
    } else {
      path = [];
      savePlace(data.id, null);
      showNode(data.start);
    }
  }

  startLink.addEventListener("click", function (event) { play(event, null); });

  // A scenario started before: carry on, or start again.
  var saved = replay(places()[data.id]);
  if (saved) {
    var resume = el("a", { class: "button scenario-resume", href: saved.at + ".html", text: ui.resume });
    resume.addEventListener("click", function (event) { play(event, saved); });
    startLink.textContent = ui.restart;
    startLink.classList.add("secondary");
    var where = startLink.parentNode;
    where.insertBefore(resume, startLink);
    where.insertBefore(document.createTextNode(" "), startLink);
    where.parentNode.insertBefore(el("p", { class: "resume-note", text: ui.resume_note }), where);
  } else if (places()[data.id]) {
    savePlace(data.id, null);
  }
})();
