"""`{{ obj|label_of:"field" }}` shows what `get_FOO_display` shows, for every choice of the
fields the console's lists use, in both languages, and a value outside the choices as is."""

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.html import escape

from gongkai.documents.models import Document
from gongkai.foi.models import Application
from gongkai.participation.models import PublicMessage

FIELDS = [
    (Application, "status"),
    (Application, "outcome"),
    (PublicMessage, "status"),
    (PublicMessage, "category"),
    (Document, "status"),
    (Document, "attribute"),
]


@pytest.mark.parametrize(("model", "field"), FIELDS)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_label_of_is_get_foo_display(model, field, language):
    template = Template("{% load console_tags %}{{ obj|label_of:field }}")
    values = [value for value, _label in model._meta.get_field(field).flatchoices]
    assert values
    with translation.override(language):
        for value in [*values, "not-a-choice"]:
            obj = model(**{field: value})
            shown = template.render(Context({"obj": obj, "field": field}))
            # What {{ obj.get_FOO_display }} shows: the label, escaped.
            assert shown == escape(getattr(obj, f"get_{field}_display")()), (field, value)
