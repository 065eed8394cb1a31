// Survey builder: a "Copy the link" button next to the public link. Without
// JavaScript the button stays hidden and the read-only field can be copied.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-copy]")) {
    const field = document.getElementById(button.dataset.copy);
    const status = button.parentElement.querySelector(".copy-status");
    if (!field || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(field.value);
        if (status) status.textContent = button.dataset.done || "✓";
      } catch {
        field.select();
      }
    });
  }
});
