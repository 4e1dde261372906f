/* Moderation queue shortcuts: j/k next/previous comment, o open it, a approve,
   r reject, s spam. The buttons stay the real, server-checked way to decide. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  var rows = Array.prototype.slice.call(document.querySelectorAll("#result_list tbody tr"));
  if (!rows.length) return;
  var current = -1;

  function select(index) {
    if (current >= 0) rows[current].classList.remove("queue-current");
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows[current].classList.add("queue-current");
    rows[current].scrollIntoView({ block: "nearest" });
  }

  function press(decision) {
    if (current < 0) return;
    var button = rows[current].querySelector('button[data-decision="' + decision + '"]');
    if (button) button.click();
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    switch (event.key) {
      case "j": select(current + 1); break;
      case "k": select(current - 1); break;
      case "o": {
        if (current < 0) return;
        var details = rows[current].querySelector("details");
        if (details) details.open = !details.open;
        break;
      }
      case "a": press("approve"); break;
      case "r": press("reject"); break;
      case "s": press("spam"); break;
      default: return;
    }
    event.preventDefault();
  });
});
