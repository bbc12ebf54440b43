"""Public sign-up: an e-mail address first, a password once the link in the mail is opened."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.forms import PublicPasswordResetForm, PublicSignInForm
from gongkai.portal.plain_forms import PlainErrors


class SignupForm(PlainErrors, forms.Form):
    email = forms.EmailField(
        label=_("电子邮箱"),
        max_length=254,
        help_text=_("我们会向这个地址发送一封邮件，按邮件中的链接设置密码即完成注册。"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ChoosePasswordForm(PlainErrors, forms.Form):
    password1 = forms.CharField(
        label=_("密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("再次输入密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("两次输入的密码不一致。"))
        elif first:
            try:
                password_validation.validate_password(
                    first, get_user_model()(username=self.email, email=self.email)
                )
            except ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class PortalSignInForm(PlainErrors, PublicSignInForm):
    """The public sign-in form with the portal's plain errors."""


class PortalPasswordResetForm(PlainErrors, PublicPasswordResetForm):
    """Asks for the address of a public account, with the portal's plain errors."""

    email = forms.EmailField(
        label=_("电子邮箱"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class PortalSetPasswordForm(PlainErrors, SetPasswordForm):
    """The new password after a reset link, with the portal's plain errors."""
