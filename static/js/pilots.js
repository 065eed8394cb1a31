// Progress log: after htmx swaps the entry form and the log, move the focus
// to where the user's attention belongs: the error summary when the entry was
// refused, the new entry when it was saved. The live region #log-status
// announces the outcome in both cases.
document.addEventListener("htmx:afterSwap", function (event) {
  var target = event.detail.target;
  if (!target || target.id !== "log-workspace") {
    return;
  }
  var workspace = document.getElementById("log-workspace");
  if (!workspace) {
    return;
  }
  var focusable =
    workspace.querySelector(".error-summary") ||
    workspace.querySelector("[data-new-entry]");
  if (focusable) {
    focusable.focus();
  }
});
