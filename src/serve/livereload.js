// peerprep serve: reloads the page when the course has been rebuilt.
// Served by `peerprep serve` only; built sites never include it.
(function () {
  "use strict";
  var script = document.currentScript;
  var seen = script ? script.getAttribute("data-generation") : "0";
  function wait() {
    fetch("/__peerprep/wait?since=" + encodeURIComponent(seen), { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (generation) {
        if (generation !== seen) {
          window.location.reload();
        } else {
          wait();
        }
      })
      .catch(function () {
        // The server stopped or restarted: try again shortly.
        window.setTimeout(wait, 2000);
      });
  }
  wait();
})();
