/* On a phone the filter panel starts folded (one line), so the list comes first. */
(function () {
  "use strict";
  var panel = document.getElementById("filter-panel");
  if (panel && window.matchMedia("(max-width: 760px)").matches) { panel.open = false; }
})();
