// peerprep scenario player: enhances the plain-link scenario pages.
// - On a start page, plays the whole scenario in the page: choices are buttons, feedback shows
//   inline, Back goes one step, Start again restarts, and an ending shows the debrief, the path
//   taken with each choice's feedback, and the skills practised. Changes are announced to screen
//   readers (a live region) and focus moves to the new text.
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
    restart.addEventListener("click", function () { path = []; showNode(data.start); });
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
    if (node.ending) showEnding(id, node);
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

  startLink.addEventListener("click", function (event) {
    event.preventDefault();
    intro.hidden = true;
    player.hidden = false;
    path = [];
    showNode(data.start);
  });
})();
