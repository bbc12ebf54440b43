"""links_to: every link it makes is what reverse() gives, for ids, plain codes, codes that
reverse() quotes, a fixed argument that reads like its placeholder, and the English prefix."""

import pytest
from django.urls import reverse
from django.utils import translation

from gongkai.portal import links
from gongkai.portal.links import links_to

CASES = [
    ("portal:document-detail", (), 42),
    ("portal:document-detail", (), 1),
    ("portal:agency-home", (), "HX-WJJ"),
    ("portal:agency-guide", (), "a.b_c-9"),
    ("portal:agency-catalogue-item", ("HX-WJJ",), "G0202"),
    ("portal:agency-catalogue-item", ("HX-WJJ",), "G02 甲"),  # reverse() quotes it
    ("portal:agency-catalogue-item", ("HX-WJJ",), "50%"),
    ("portal:agency-catalogue-item", (links._PLACEHOLDER,), "G0202"),  # fixed arg = placeholder
    ("portal:agency-catalogue-item", ("HX-WJJ",), links._PLACEHOLDER),
]


@pytest.mark.parametrize(("name", "fixed", "last"), CASES)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_link_is_what_reverse_gives(name, fixed, last, language):
    with translation.override(language):
        assert links_to(name, *fixed)(last) == reverse(name, args=[*fixed, last])
