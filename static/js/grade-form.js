// Admin grade form: show only the chosen programme's rubric scores. Without this script every
// rubric is shown, each labelled with its programme, and only the chosen one is read.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var select = document.getElementById("id_programme");
  if (!select) { return; }
  function show() {
    document.querySelectorAll("fieldset.rubric").forEach(function (fieldset) {
      var match = /rubric-(\d+)/.exec(fieldset.className);
      fieldset.hidden = !match || match[1] !== select.value;
    });
  }
  select.addEventListener("change", show);
  show();
});
