// peerprep quizzes: enhances the plain quiz forms (which work without JavaScript: each answer can be
// revealed with "Show the answer"). With JavaScript: Check answers marks every question, shows the
// feedback of each chosen option and the score (announced to screen readers), and Try again clears
// it. A question left blank is marked "Not answered." and not recorded (issue 16: it used to be
// recorded as a wrong answer); a result recorded is {correct, competency, answered_at, answered:
// true}, the mark telling the cohort report that blanks were left out. Results are kept only in
// this browser (localStorage "peerprep:<course id>:quiz", by question id) and everything works when
// storage is unavailable. In a SCORM package connected to an LMS they go to the LMS instead
// (window.peerprepStore, from assets/scorm.js).
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

  // Whether the learner gave any answer to the question.
  function answered(question) {
    if (question.getAttribute("data-type") === "short") {
      return question.querySelector("input[type=text]").value.trim() !== "";
    }
    return Array.prototype.some.call(question.querySelectorAll(".option input"), function (i) { return i.checked; });
  }

  function correct(question) {
    var type = question.getAttribute("data-type");
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
    form.querySelectorAll(".option-feedback").forEach(function (f) { f.hidden = true; });
    form.querySelectorAll(".question-result").forEach(function (r) { r.textContent = ""; r.className = "question-result"; });
    form.querySelector(".quiz-score").textContent = "";
  }

  document.querySelectorAll("form[data-quiz]").forEach(function (form) {
    var actions = form.querySelector(".quiz-actions");
    actions.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.querySelector("[data-quiz-check]").addEventListener("click", function () {
      clear(form);
      var questions = form.querySelectorAll(".question");
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
      window.setTimeout(function () { clear(form); }, 0);
    });
  });
})();
