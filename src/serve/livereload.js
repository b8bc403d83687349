// peerprep serve: reloads the page when the course has been rebuilt.
// Served by `peerprep serve` only; built sites never include it.
//
// A short poll: about once a second the page asks the server for the number
// of the newest build, an answer that comes at once, so the page never holds
// a connection open (a browser opens only six to one server, shared by every
// tab). A hidden tab does not ask; it asks straight away when shown again.
(function () {
  "use strict";
  var script = document.currentScript;
  var seen = script ? script.getAttribute("data-generation") : null;
  var EVERY = 1000;
  var AFTER_ERROR = 3000;
  var timer = null;
  var asking = false;

  function later(delay) {
    if (timer === null && !document.hidden) {
      timer = window.setTimeout(ask, delay);
    }
  }

  function ask() {
    timer = null;
    if (asking || document.hidden) {
      return;
    }
    asking = true;
    fetch("/__peerprep/generation", { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.text();
      })
      .then(function (generation) {
        asking = false;
        if (seen !== null && generation.trim() !== seen) {
          window.location.reload();
        } else {
          later(EVERY);
        }
      })
      .catch(function () {
        // The server stopped or is restarting: ask again a little later.
        asking = false;
        later(AFTER_ERROR);
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) {
      if (timer !== null) {
        window.clearTimeout(timer);
        timer = null;
      }
      ask();
    }
  });
  ask();
})();
