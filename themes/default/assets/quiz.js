// peerprep quizzes: enhances the plain quiz forms (which work without JavaScript: each answer can be
// revealed with "Show the answer"). With JavaScript: Check answers marks every question, shows the
// feedback of each chosen option and the score (announced to screen readers), and Try again clears
// it. A question left blank is marked "Not answered." and not recorded (issue 16: it used to be
// recorded as a wrong answer); a result recorded is {correct, competency, answered_at, answered:
// true}, the mark telling the cohort report that blanks were left out. Results are kept only in
// this browser (localStorage "peerprep:<course id>:quiz", by question id) and everything works when
// storage is unavailable. In a SCORM package connected to an LMS they go to the LMS instead
// (window.peerprepStore, from assets/scorm.js).
// Matching questions (a menu per prompt) and ordering questions are right when every pair or step
// is; each pair or step is marked right or wrong and shows its feedback. An ordering question's
// position menus (the form without JavaScript) give way to "Move up" and "Move down" buttons: the
// focus stays on the button pressed and a live region says where the step is now; it counts as
// answered once a step has been moved. A quiz with data-pool="N" shows N of its questions, drawn at
// random, and a fresh set (a different one where it can) on Try again; the others are hidden.
(function () {
  "use strict";
  var course = document.body.getAttribute("data-course") || "course";
  var KEY = "peerprep:" + course + ":quiz";

  function save(results) {
    var store = window.peerprepStore;
    if (store) {
      var held = store.get("quiz");
      Object.keys(results).forEach(function (id) { held[id] = results[id]; });
      store.set("quiz", held);
      return;
    }
    try {
      // What is stored may be anything (a file loaded by an older version): start again from an
      // empty set of results unless it is one. progress.js leaves out a bad result where it reads.
      var stored = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      var all = stored !== null && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
      Object.keys(results).forEach(function (id) { all[id] = results[id]; });
      window.localStorage.setItem(KEY, JSON.stringify(all));
    } catch (e) {
      // Storage unavailable (private mode): the quiz still works.
    }
  }

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  // Whether the learner gave any answer to the question.
  function answered(question) {
    var type = question.getAttribute("data-type");
    if (type === "short") {
      return question.querySelector("input[type=text]").value.trim() !== "";
    }
    if (type === "matching") {
      return all(question, ".match-pair select").some(function (s) { return s.value !== ""; });
    }
    if (type === "ordering") return question.getAttribute("data-moved") === "true";
    return all(question, ".option input").some(function (i) { return i.checked; });
  }

  // The pairs or steps of a matching or ordering question, each with whether it is right.
  function items(question) {
    var type = question.getAttribute("data-type");
    if (type === "matching") {
      return all(question, ".match-pair").map(function (pair) {
        return { element: pair, right: pair.querySelector("select").value === pair.getAttribute("data-answer") };
      });
    }
    if (type === "ordering") {
      return all(question, ".order-step").map(function (step, i) {
        return { element: step, right: String(i + 1) === step.getAttribute("data-position") };
      });
    }
    return [];
  }

  function correct(question) {
    var type = question.getAttribute("data-type");
    if (type === "matching" || type === "ordering") {
      return items(question).every(function (item) { return item.right; });
    }
    if (type === "short") {
      var input = question.querySelector("input[type=text]");
      var accepted = JSON.parse(input.getAttribute("data-accept") || "[]");
      return accepted.indexOf(input.value.trim().toLowerCase()) >= 0;
    }
    var options = Array.prototype.slice.call(question.querySelectorAll(".option"));
    if (type === "multiple") {
      return options.every(function (o) {
        return o.querySelector("input").checked === (o.getAttribute("data-correct") === "true");
      });
    }
    return options.some(function (o) {
      return o.querySelector("input").checked && o.getAttribute("data-correct") === "true";
    });
  }

  function clear(form) {
    form.querySelectorAll(".option-feedback, .item-feedback").forEach(function (f) { f.hidden = true; });
    form.querySelectorAll(".question-result").forEach(function (r) { r.textContent = ""; r.className = "question-result"; });
    form.querySelectorAll(".item-result").forEach(function (r) { r.textContent = ""; r.className = "item-result"; });
    form.querySelector(".quiz-score").textContent = "";
  }

  // An ordering question by buttons: each step moves up or down one place; the buttons at the ends
  // say they can go no further (aria-disabled, so the focus is never lost) and do nothing.
  function ordering(form, question) {
    var list = question.querySelector(".order-steps");
    var status = question.querySelector(".order-status");
    var first = all(list, ".order-step");
    all(question, ".step-place").forEach(function (p) { p.hidden = true; });
    all(question, ".step-moves").forEach(function (m) { m.hidden = false; });
    list.classList.add("is-movable");
    function ends() {
      var steps = all(list, ".order-step");
      steps.forEach(function (step, i) {
        step.querySelector('[data-move="-1"]').setAttribute("aria-disabled", String(i === 0));
        step.querySelector('[data-move="1"]').setAttribute("aria-disabled", String(i === steps.length - 1));
      });
    }
    list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-move]");
      if (!button) return;
      var step = button.closest(".order-step");
      var steps = all(list, ".order-step");
      var from = steps.indexOf(step);
      var to = from + Number(button.getAttribute("data-move"));
      if (to < 0 || to >= steps.length) return;
      list.insertBefore(step, to < from ? steps[to] : steps[to].nextSibling);
      question.setAttribute("data-moved", "true");
      ends();
      button.focus();
      status.textContent = form.getAttribute("data-text-moved")
        .replace("{step}", step.querySelector(".step-text").textContent)
        .replace("{position}", String(to + 1)).replace("{total}", String(steps.length));
    });
    ends();
    // Try again: the order first shown.
    return function () {
      first.forEach(function (step) { list.appendChild(step); });
      question.removeAttribute("data-moved");
      status.textContent = "";
      ends();
    };
  }

  // Shows `data-pool` of the quiz's questions, drawn at random (a set other than `previous` where
  // there is one), numbered from 1; hides the others. Returns the set's ids.
  function draw(form, previous) {
    var questions = all(form, ".question");
    var count = Number(form.getAttribute("data-pool"));
    var ids = function (list) { return list.map(function (q) { return q.getAttribute("data-question"); }).join(" "); };
    if (!(count > 0 && count < questions.length)) return ids(questions);
    var chosen;
    for (var tries = 0; tries < 20; tries++) {
      var shuffled = questions.slice();
      for (var i = shuffled.length - 1; i > 0; i--) {
        var j = Math.floor(Math.random() * (i + 1));
        var held = shuffled[i]; shuffled[i] = shuffled[j]; shuffled[j] = held;
      }
      chosen = shuffled.slice(0, count);
      if (ids(questions.filter(function (q) { return chosen.indexOf(q) >= 0; })) !== previous) break;
    }
    var number = 0;
    questions.forEach(function (q) {
      q.hidden = chosen.indexOf(q) < 0;
      if (!q.hidden) q.querySelector(".question-n").textContent = String(++number);
    });
    return ids(questions.filter(function (q) { return !q.hidden; }));
  }

  document.querySelectorAll("form[data-quiz]").forEach(function (form) {
    var actions = form.querySelector(".quiz-actions");
    actions.hidden = false;
    var restarts = all(form, '.question[data-type="ordering"]').map(function (q) { return ordering(form, q); });
    var pool = form.querySelector(".quiz-pool");
    if (pool) pool.hidden = false;
    var drawn = draw(form, null);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.querySelector("[data-quiz-check]").addEventListener("click", function () {
      clear(form);
      var questions = all(form, ".question").filter(function (q) { return !q.hidden; });
      var score = 0;
      var results = {};
      questions.forEach(function (question) {
        var result = question.querySelector(".question-result");
        if (!answered(question)) {
          result.textContent = form.getAttribute("data-text-blank");
          result.className = "question-result is-blank";
          return;
        }
        var ok = correct(question);
        if (ok) score += 1;
        result.textContent = form.getAttribute(ok ? "data-text-correct" : "data-text-incorrect");
        result.className = "question-result " + (ok ? "is-correct" : "is-incorrect");
        question.querySelectorAll(".option").forEach(function (o) {
          var feedback = o.querySelector(".option-feedback");
          if (feedback && o.querySelector("input").checked && feedback.textContent.trim()) feedback.hidden = false;
        });
        items(question).forEach(function (item) {
          var mark = item.element.querySelector(".item-result");
          mark.textContent = form.getAttribute(item.right ? "data-text-correct" : "data-text-incorrect");
          mark.className = "item-result " + (item.right ? "is-correct" : "is-incorrect");
          var feedback = item.element.querySelector(".item-feedback");
          if (feedback) feedback.hidden = false;
        });
        results[question.getAttribute("data-question")] = {
          correct: ok,
          competency: question.getAttribute("data-competency") || null,
          answered_at: new Date().toISOString(),
          answered: true
        };
      });
      form.querySelector(".quiz-score").textContent = form.getAttribute("data-text-score")
        .replace("{score}", String(score)).replace("{total}", String(questions.length));
      save(results);
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () {
        clear(form);
        restarts.forEach(function (restart) { restart(); });
        drawn = draw(form, drawn);
      }, 0);
    });
  });
})();
