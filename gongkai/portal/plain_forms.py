"""Plain errors for the portal's public forms, all found in one round.

Django's stock messages ("这个字段是必填项。") do not say which field or what is expected.
`PlainErrors` gives every field of a form messages built from its label ("请填写联系电话。",
"请选择获取信息的方式。"), so no form repeats them; `PhoneField` checks and normalises a
Chinese phone number, the key to the progress page.

Templates: portal/_error_summary.html (the summary at the top, each error linking to its
field) and portal/_field.html (label, * with a hidden "必填", help, errors).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gongkai import limits

# A mobile number, or a landline with its area code (0 + 2 or 3 digits, then 7 or 8 digits);
# spaces, hyphens and a +86 prefix are allowed on input.
MOBILE = re.compile(r"1[3-9]\d{9}")
LANDLINE = re.compile(r"0\d{9,11}")
PHONE_SEPARATORS = re.compile(r"[\s\-－—()（）]")
# Area codes 010 and 020–029 have three digits; all others four.
SHORT_AREA_CODE = re.compile(r"0[12]")

MOBILE_MESSAGE = _("手机号码应为11位数字，如 13812345678。")
PHONE_MESSAGE = _("请填写11位手机号码（如 13812345678）或带区号的固定电话（如 010-12345678）。")


def normalise_phone(value: str) -> str:
    """A mobile as 11 digits (13812345678), a landline as area code-number (010-12345678);
    ValidationError with what is expected otherwise."""
    digits = PHONE_SEPARATORS.sub("", value or "")
    digits = digits.translate(str.maketrans("０１２３４５６７８９＋", "0123456789+"))
    if digits.startswith("+86"):
        digits = digits[3:]
    if MOBILE.fullmatch(digits):
        return digits
    if LANDLINE.fullmatch(digits):
        area = 3 if SHORT_AREA_CODE.match(digits) else 4
        if 7 <= len(digits) - area <= 8:
            return f"{digits[:area]}-{digits[area:]}"
    message = MOBILE_MESSAGE if digits.startswith("1") else PHONE_MESSAGE
    raise ValidationError(message, code="invalid")


class PhoneField(forms.CharField):
    """A phone number, normalised by `normalise_phone`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "tel"}))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_phone(value) if value else value


def short_label(label) -> str:
    """The label without a closing remark in brackets: 身份证明复印件（可选） → 身份证明复印件."""
    return re.sub(r"（[^）]*）$", "", str(label))


def _required_message(field: forms.Field, label: str):
    if isinstance(field, forms.BooleanField):
        return format_lazy(_("请勾选“{label}”。"), label=label)
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return format_lazy(_("请选择{label}。"), label=label)
    if isinstance(field, forms.FileField):
        return format_lazy(_("请选择要上传的{label}。"), label=label)
    return format_lazy(_("请填写{label}。"), label=label)


def _invalid_message(field: forms.Field, label: str):
    if isinstance(field, forms.EmailField):
        return format_lazy(_("{label}格式不正确，应如 name@example.com。"), label=label)
    if isinstance(field, forms.DateField):
        return format_lazy(_("{label}应为“年-月-日”，如 2026-11-16。"), label=label)
    if isinstance(field, forms.IntegerField):
        return format_lazy(_("{label}应为整数。"), label=label)
    return format_lazy(_("{label}格式不正确。"), label=label)


def plain_messages(field: forms.Field) -> dict:
    """Messages naming the field for Django's stock ones; a message the field was given on
    purpose (e.g. limits.TOO_LONG) is kept."""
    label = short_label(field.label or "")
    stock = {}
    for klass in reversed(type(field).__mro__):
        stock.update(getattr(klass, "default_error_messages", {}))
    messages = {"required": _required_message(field, label)}
    if "invalid" in stock:
        messages["invalid"] = _invalid_message(field, label)
    if "invalid_choice" in stock:
        messages["invalid_choice"] = format_lazy(
            _("所选的{label}不在可选范围内，请重新选择。"), label=label
        )
    if getattr(field, "max_length", None):
        messages["max_length"] = limits.too_long_messages(label)["max_length"]
    if isinstance(field, forms.FileField):
        messages["empty"] = format_lazy(_("所选的{label}是空文件。"), label=label)
    return {
        key: message
        for key, message in messages.items()
        if key == "required" or field.error_messages.get(key) == stock.get(key)
    }


class PlainErrors:
    """Form mixin: every field's errors in plain words naming the field.

    `required_messages` overrides the required message of a field whose label reads badly in
    "请填写…" (a long checkbox sentence); `conditional_notes` marks a field required only with
    a certain choice, shown after its label (portal/_field.html)."""

    required_messages: dict = {}
    conditional_notes: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.error_messages.update(plain_messages(field))
            if name in self.required_messages:
                field.error_messages["required"] = self.required_messages[name]
            field.conditional_note = self.conditional_notes.get(name, "")
