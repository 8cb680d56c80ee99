/*
 * Small enhancements; every page works without them. Elements are found by data-js-*
 * attributes, never by styling classes.
 */
(function () {
  "use strict";

  // A print button for the scenario checklist: hidden in the HTML, since without
  // JavaScript it could do nothing; the browser's own print command still works.
  document.querySelectorAll("[data-js-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
