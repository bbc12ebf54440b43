"""Many links to one URL pattern from one reverse(): the lists the portal writes in Python
(record lists, the catalogue tree, the home page's agency cards) link each row, and
reverse() costs ~30 µs a call.

    record_url = links_to("portal:document-detail")
    record_url(document.pk)                      # "/records/42/"
    item_url = links_to("portal:agency-catalogue-item", agency.code)
    item_url(item.code)

The varying argument must be the route's last. A value that reverse() would quote (anything
but letters, digits, '.', '_' and '-') is reversed itself, so every link is what reverse()
gives.
"""

import re
from collections.abc import Callable

from django.urls import reverse

_WRITTEN_AS_IS = re.compile(r"[0-9A-Za-z._-]+")
# Digits: it must pass the route's converter, int or str.
_PLACEHOLDER = "9081726354"


def links_to(name: str, *fixed_args) -> Callable[[object], str]:
    """A function of the last argument giving the URL `reverse(name, args=[*fixed_args, it])`."""
    # Split at the last placeholder: a fixed argument before it could be any text.
    before, _placeholder, after = reverse(name, args=[*fixed_args, _PLACEHOLDER]).rpartition(
        _PLACEHOLDER
    )

    def link(last) -> str:
        text = str(last)
        if _WRITTEN_AS_IS.fullmatch(text):
            return before + text + after
        return reverse(name, args=[*fixed_args, last])

    return link
