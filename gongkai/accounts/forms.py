"""Forms shared by the portal's and the console's account pages: both sign-in forms go
through accounts.login.sign_in; each password-reset form mails only its own kind of account
(and, like Django's, says the same whether or not the address has one)."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.access import is_staff_account
from gongkai.accounts.errors import AccountError
from gongkai.accounts.login import Door, sign_in
from gongkai.http.client_ip import client_ip


class _SignInForm(forms.Form):
    door: Door
    identifier_field: str

    password = forms.CharField(
        label=_("密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user_cache = None
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        identifier = cleaned.get(self.identifier_field)
        password = cleaned.get("password")
        if identifier and password:
            try:
                self.user_cache = sign_in(
                    door=self.door,
                    identifier=identifier,
                    password=password,
                    address=client_ip(self.request) if self.request else "",
                )
            except AccountError as exc:
                raise ValidationError(exc.message) from exc
        return cleaned

    def get_user(self):
        return self.user_cache


class PublicSignInForm(_SignInForm):
    door = Door.PORTAL
    identifier_field = "email"
    email = forms.EmailField(
        label=_("电子邮箱"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    field_order = ["email", "password"]


class StaffSignInForm(_SignInForm):
    door = Door.CONSOLE
    identifier_field = "username"
    username = forms.CharField(
        label=_("用户名"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    field_order = ["username", "password"]


class PublicPasswordResetForm(PasswordResetForm):
    def get_users(self, email):
        return (user for user in super().get_users(email) if not is_staff_account(user))


class StaffPasswordResetForm(PasswordResetForm):
    def get_users(self, email):
        return (user for user in super().get_users(email) if is_staff_account(user))
