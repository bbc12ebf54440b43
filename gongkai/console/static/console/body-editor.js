// The record body's editor (django-prose-editor) replaces the textarea with an editable area:
// give that area the textarea's label and help text, and let the label and the error summary's
// link (#id_body) reach it. Without JavaScript the textarea stays and needs none of this.
"use strict";
document.addEventListener("prose-editor:ready", (event) => {
  const { editor, textarea } = event.detail;
  const area = editor.view.dom;
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  if (label) {
    label.id = label.id || `${textarea.id}-label`;
    area.setAttribute("aria-labelledby", label.id);
    label.addEventListener("click", () => editor.commands.focus());
  }
  const help = textarea.getAttribute("aria-describedby");
  if (help) area.setAttribute("aria-describedby", help);
  if (textarea.getAttribute("aria-invalid")) area.setAttribute("aria-invalid", "true");
  const focusOnLink = () => {
    if (window.location.hash === `#${textarea.id}`) editor.commands.focus();
  };
  window.addEventListener("hashchange", focusOnLink);
  focusOnLink();
});
