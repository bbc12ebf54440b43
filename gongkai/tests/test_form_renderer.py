"""The Python <select> of gongkai/form_renderer.py gives the same elements, attributes and
texts as Django's own templates, for every kind of select the forms use."""

import lxml.html
import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from gongkai.form_renderer import FormRenderer

CHOICES = [("", "—"), ("a", "甲 <b>&"), ("b\"'<", "乙"), (3, 3)]
GROUPED = [("", "全部"), ("基础公开事项", [("1", "机构职能"), ("2", "法规文件")]), ("x", "其他")]


class Filters(forms.Form):
    plain = forms.ChoiceField(choices=CHOICES, required=False)
    grouped = forms.ChoiceField(choices=GROUPED)
    several = forms.MultipleChoiceField(choices=CHOICES, required=False)
    maybe = forms.NullBooleanField()
    typed = forms.TypedChoiceField(choices=[(1, "一"), (2, "二")], coerce=int)
    described = forms.ChoiceField(
        choices=CHOICES,
        help_text="说明",
        widget=forms.Select(attrs={"class": "wide", "data-x": 'q"uote', "disabled": True}),
    )


def shape(html: str) -> list:
    """Every element with its attributes and its own text, whitespace ignored."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [
        (element.tag, dict(element.attrib), (element.text or "").strip()) for element in root.iter()
    ]


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"plain": "a", "grouped": "2", "several": ["a", "3"], "maybe": "true", "typed": "2"},
        {"plain": "b\"'<", "grouped": "nope", "several": ["b\"'<"], "described": "3"},
    ],
)
@pytest.mark.parametrize("field", list(Filters.base_fields))
def test_the_python_select_matches_djangos_templates(field, data):
    ours = Filters(data, renderer=FormRenderer())[field]
    django = Filters(data, renderer=DjangoTemplates())[field]
    assert shape(str(ours)) == shape(str(django))
    assert "<select" in str(ours)


def test_labels_and_values_are_escaped():
    html = str(Filters(renderer=FormRenderer())["plain"])
    assert "甲 &lt;b&gt;&amp;" in html
    assert 'value="b&quot;&#x27;&lt;"' in html


def test_the_site_uses_it(settings):
    assert settings.FORM_RENDERER == "gongkai.form_renderer.FormRenderer"
