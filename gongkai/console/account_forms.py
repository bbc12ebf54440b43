from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("验证码"),
        max_length=16,
        help_text=_("手机验证器上显示的 6 位数字，或一个恢复码。"),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class TwoFactorRequirementForm(forms.Form):
    requires_two_factor = forms.BooleanField(
        label=_("本机关工作人员登录时须两步验证"), required=False
    )
