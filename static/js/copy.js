// Copy buttons beside read-only fields: shown only when this script runs (without it, select the text and copy).
(function () {
  "use strict";
  function announce(button, text) {
    var status = document.querySelector(".copy-status");
    if (status) { status.textContent = text; }
    var label = button.firstChild;
    label.nodeValue = text === "Copied" ? "Copied" : "Copy";
    window.setTimeout(function () { label.nodeValue = "Copy"; }, 2500);
  }
  function copy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) { return; }
    var text = source.value;
    var done = function () { announce(button, "Copied"); };
    var fallback = function () {
      source.focus();
      source.select();
      try { document.execCommand("copy"); done(); } catch (e) { announce(button, "Select the text and copy it"); }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }
  document.querySelectorAll(".copy-button").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
})();
