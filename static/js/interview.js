/* The interview pages' small script (everything works without it; issue #14).
   - After a failed submit, focus moves to the error summary, so a screen reader reads it first.
   - An error link focuses its question and scrolls so that the question's label or legend is in view.
   - Conditional reveal (GOV.UK pattern): a question shown only for some answers appears as soon as that
     answer is chosen. Without this script the server shows it once the answer is posted. */
(function () {
  "use strict";
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) {
    summary.focus();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".error-summary a[href^='#']") : null;
    if (!link) {
      return;
    }
    var input = document.getElementById(link.getAttribute("href").slice(1));
    if (!input) {
      return;
    }
    var field = input.closest(".field") || input;
    event.preventDefault();
    field.scrollIntoView();
    window.scrollBy(0, -24); // a little room above the label or legend
    input.focus({ preventScroll: true });
  });

  var blocks = document.querySelectorAll("[data-reveal-controller]");
  function current(name) {
    var inputs = document.getElementsByName(name);
    for (var i = 0; i < inputs.length; i++) {
      if ((inputs[i].type !== "radio" && inputs[i].type !== "checkbox") || inputs[i].checked) {
        return inputs[i].value;
      }
    }
    return "";
  }
  function update() {
    for (var i = 0; i < blocks.length; i++) {
      var name = blocks[i].getAttribute("data-reveal-controller");
      var values = blocks[i].getAttribute("data-reveal-values").split(" ");
      blocks[i].hidden = values.indexOf(current(name)) === -1;
    }
  }
  if (blocks.length) {
    document.addEventListener("change", update);
    update();
  }
})();
