"""Every text box of the portal and the console has a maximum length, with a clear message."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms

import gongkai.console
import gongkai.portal
from gongkai import limits
from gongkai.console.forms import DocumentForm
from gongkai.portal.foi_forms import ApplicationForm

# Not free text: passwords are hashed at a fixed cost whatever their length (PBKDF2 hashes a
# long key once), and hidden fields carry a token the server issued and compares.
EXEMPT_WIDGETS = (forms.PasswordInput, forms.HiddenInput)


def delivery_forms() -> list[type[forms.BaseForm]]:
    found = []
    for package in (gongkai.portal, gongkai.console):
        for module_info in pkgutil.iter_modules(package.__path__):
            if module_info.name in {"tests", "templatetags"}:
                continue
            module = importlib.import_module(f"{package.__name__}.{module_info.name}")
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__.startswith("gongkai."):
                    found.append(cls)
    return sorted(set(found), key=lambda cls: f"{cls.__module__}.{cls.__name__}")


def test_every_text_field_of_every_form_has_a_maximum_length():
    unbounded = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in delivery_forms()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.CharField)
        and not field.max_length
        and not isinstance(field.widget, EXEMPT_WIDGETS)
    ]

    assert unbounded == []


@pytest.mark.parametrize(
    ("field_name", "limit"),
    [("body", limits.RECORD_BODY), ("summary", limits.RECORD_SUMMARY), ("title", 300)],
)
def test_the_record_form_reads_its_limits_from_the_one_table(field_name, limit):
    assert DocumentForm.base_fields[field_name].max_length == limit


def test_a_description_over_the_limit_is_refused_with_the_numbers():
    description = "申" * (limits.APPLICATION_DESCRIPTION + 3)
    form = ApplicationForm(data={"description": description})

    assert not form.is_valid()
    assert form.errors["description"] == [
        f"不能超过 {limits.APPLICATION_DESCRIPTION} 字（当前 {len(description)} 字）。"
    ]


def test_a_model_form_names_the_field_in_its_message():
    field = DocumentForm.base_fields["summary"]

    with pytest.raises(forms.ValidationError) as refused:
        field.clean("概" * (limits.RECORD_SUMMARY + 1))

    assert refused.value.messages == [
        f"内容概述不能超过 {limits.RECORD_SUMMARY} 字（当前 {limits.RECORD_SUMMARY + 1} 字）。"
    ]
