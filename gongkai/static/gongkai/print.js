// Print buttons (the receipts). A listener here rather than onclick="…" in the page: the
// Content-Security-Policy allows no inline script.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
