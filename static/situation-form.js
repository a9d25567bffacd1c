// The situation form, once posted back with problems: focus moves to the summary at the top
// (errors, or answers that contradict each other) so that it is read first, and its links
// move to the answer they name with its question in view. Without this script the summary
// is still the first thing in the form and its links still lead to the answers.
(function () {
  "use strict";
  var summary = document.getElementById("form-errors") || document.getElementById("form-warnings");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    event.preventDefault();
    (target.closest(".field") || target).scrollIntoView();
    if (target.tabIndex < 0 && !target.matches("input, select, textarea")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus({ preventScroll: true });
  });
})();
