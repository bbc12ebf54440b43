"""Public submission forms carry a one-time token (gongkai.ratelimits.form_tokens) in a hidden
field: the view files the record through `submit_once`, so the same form sent twice files one.

A missing, forged or expired token is a form error, and the form comes back with a fresh token
and everything the visitor typed (but a chosen file, which browsers never refill).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.ratelimits.form_tokens import issue_token, read_token

TOKEN_FIELD = "form_token"  # noqa: S105 - a field name, not a secret


class OneTimeForm(forms.Form):
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[TOKEN_FIELD].initial = issue_token()

    def clean(self):
        cleaned = super().clean()
        token = read_token(cleaned.get(TOKEN_FIELD, ""))
        if token is None:
            self.add_error(None, _("页面已过期，请核对填写的内容后重新提交。"))
            self.data = self.data.copy()
            self.data[TOKEN_FIELD] = issue_token()
        cleaned["once"] = token
        return cleaned
