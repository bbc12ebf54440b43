// The record body's editor (django-prose-editor) replaces the textarea with an editable area:
// give that area the textarea's label and help text, and let the label and the error summary's
// link (#id_body) reach it. Without JavaScript the textarea stays and needs none of this.
//
// django-prose-editor 0.28 translates its dialogs through window.gettext (the catalogue at
// console:jsi18n, loaded before the editor) but names its toolbar buttons and block types in
// plain English ("bold", "Heading 2"): pass those through the same catalogue, also each time
// the block-type button is redrawn. The strings are in djangojs.po (scripts/editor_msgids.py).
"use strict";
document.addEventListener("prose-editor:ready", (event) => {
  const { editor, textarea } = event.detail;
  const area = editor.view.dom;
  // The toolbar is drawn after this event: watch the editor's box, but not its typing area.
  const box = area.closest(".prose-editor");
  if (box && window.gettext) {
    const translateToolbar = () => {
      for (const button of box.querySelectorAll(".prose-menubar button")) {
        for (const name of ["title", "aria-label"]) {
          const text = button.getAttribute(name);
          if (text && gettext(text) !== text) button.setAttribute(name, gettext(text));
        }
      }
      for (const option of box.querySelectorAll(".prose-menubar__option > *")) {
        // Only on a change: the observer below would otherwise see its own edit, forever.
        const text = option.textContent;
        if (gettext(text) !== text) option.textContent = gettext(text);
      }
    };
    translateToolbar();
    new MutationObserver((changes) => {
      if (changes.some((change) => !area.contains(change.target))) translateToolbar();
    }).observe(box, { childList: true, subtree: true });
  }
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
