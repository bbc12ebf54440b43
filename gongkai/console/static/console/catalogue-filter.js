// Progressive enhancement for long catalogue selects (data-option-filter): a search box above
// the select hides the options whose text does not contain what was typed. Without this script
// the select, grouped by category, still works.
"use strict";
document.querySelectorAll("select[data-option-filter]").forEach((select) => {
  const box = document.createElement("input");
  box.type = "search";
  box.id = `${select.id}-filter`;
  box.className = "option-filter";
  box.setAttribute("aria-controls", select.id);
  const label = document.createElement("label");
  label.htmlFor = box.id;
  label.className = "option-filter-label";
  label.textContent = select.dataset.filterLabel || "筛选选项";
  const status = document.createElement("span");
  status.className = "helptext";
  status.setAttribute("aria-live", "polite");
  select.before(label, box, status);
  box.addEventListener("input", () => {
    const words = box.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    select.querySelectorAll("option").forEach((option) => {
      const text = option.textContent.toLowerCase();
      const keep = !option.value || option.selected || words.every((w) => text.includes(w));
      option.hidden = !keep;
      if (keep && option.value) shown += 1;
    });
    select.querySelectorAll("optgroup").forEach((group) => {
      group.hidden = !group.querySelector("option:not([hidden])");
    });
    status.textContent = words.length ? (select.dataset.filterCount || "{n}").replace("{n}", shown) : "";
  });
});
