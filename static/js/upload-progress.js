/* Progressive enhancement for the product editor: show upload progress for forms marked
   data-upload-progress. Without JavaScript the form posts normally. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-upload-progress]");
  if (!form || !window.XMLHttpRequest || !window.FormData) { return; }
  var bar = form.querySelector(".upload-progress");
  var inputs = form.querySelectorAll("input[type=file]");
  var clicked = null;
  form.addEventListener("click", function (event) {
    if (event.target && event.target.type === "submit") { clicked = event.target; }
  });
  form.addEventListener("submit", function (event) {
    var chosen = 0;
    for (var i = 0; i < inputs.length; i++) { chosen += inputs[i].files ? inputs[i].files.length : 0; }
    if (!bar || chosen === 0) { return; }
    event.preventDefault();
    var data = new FormData(form);
    if (clicked && clicked.name) { data.append(clicked.name, clicked.value); }
    var request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    bar.hidden = false;
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) { bar.value = Math.round((e.loaded / e.total) * 100); }
    });
    request.addEventListener("load", function () {
      // Show the server's answer itself: its messages (photos added or refused) and any form
      // errors with the typed data exist only in this response, so reloading would lose them.
      if (request.responseURL) { window.history.replaceState(null, "", request.responseURL); }
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", function () { bar.hidden = true; form.submit(); });
    request.send(data);
  });
})();
