"""The messages list in Chromium on a phone: each row a card whose every value sits beside its
label (none under it), a stage's own page reached from the overview, and axe."""

import pytest

from gongkai.console.tests.test_accessibility_console import log_in
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# For each labelled cell of the cards, its texts that start where the label is: within 4em of
# the cell's left edge (the shortest label, 查询码, is 3em wide). Measured through a Range, as
# laid out, whatever the style sheet does.
CONTENT_LEFT_OF_LABEL = """() => {
  const found = [];
  for (const cell of document.querySelectorAll('table.console-cards td[data-label]')) {
    const gutter = cell.getBoundingClientRect().left
      + 4 * parseFloat(getComputedStyle(cell).fontSize);
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const text = walker.currentNode;
      if (!text.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(text);
      for (const box of range.getClientRects()) {
        const where = cell.dataset.label + ': ' + text.textContent.trim();
        if (box.width && box.left < gutter) found.push(where);
      }
    }
  }
  return found;
}"""


def test_on_a_phone_each_message_is_a_card_with_its_values_beside_their_labels(
    page, live_server, restore_demo
):
    restore_demo()
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "city_supervisor")  # a demo account

    page.goto(f"{live_server.url}/console/messages/")
    page.wait_for_load_state("load")
    assert page.locator("table.console-cards tbody tr").count() > 3
    width = page.evaluate("document.fonts.ready.then(() => document.documentElement.scrollWidth)")
    assert width <= 390, f"the list is {width}px wide on a 390px phone"
    assert page.evaluate(CONTENT_LEFT_OF_LABEL) == []
    problems = axe_problems(page)

    page.goto(f"{live_server.url}/console/messages/?stage=answered")
    assert page.get_by_role("heading", name="已答复").first.is_visible()
    assert page.locator('[aria-current="page"]', has_text="已答复").is_visible()
    assert page.evaluate(CONTENT_LEFT_OF_LABEL) == []
    problems += axe_problems(page)
    assert_no_axe_problems(problems)
