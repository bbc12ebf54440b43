"""Public sign-up by e-mail address. The public never chooses or sees a username, and the page
answers every address alike: a new address gets a link to set a password, an address that
already has an account (public or staff) gets a mail saying so, with the way to sign in or
reset the password. The link is signed and carries the address; nothing is stored until the
password is set, and an address gets at most one account.
"""

import logging
import secrets
import smtplib

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.accounts.errors import SignupLinkInvalid
from gongkai.audit.services import record_event

logger = logging.getLogger(__name__)

SIGNUP_SALT = "gongkai.accounts.signup"
SIGNUP_LINK_DAYS = 3
PUBLIC_USERNAME_PREFIX = "public-"


def _address_taken(email: str) -> bool:
    return get_user_model().objects.filter(email__iexact=email).exists()


def signup_token(email: str) -> str:
    return signing.dumps({"email": email.strip().lower()}, salt=SIGNUP_SALT)


def email_from_token(token: str) -> str:
    """The address a sign-up link was sent to; refuses forged and expired links."""
    try:
        data = signing.loads(token, salt=SIGNUP_SALT, max_age=SIGNUP_LINK_DAYS * 24 * 3600)
    except signing.BadSignature as exc:
        raise SignupLinkInvalid(_("注册链接无效或已过期，请重新注册。")) from exc
    return data["email"]


def request_public_account(email: str, *, site: str) -> None:
    """Mail the sign-up link, or, if the address has an account, a note saying so."""
    email = email.strip().lower()
    context = {"site": site, "days": SIGNUP_LINK_DAYS}
    if _address_taken(email):
        context["reset_url"] = site + reverse("portal:password-reset")
        context["login_url"] = site + reverse("portal:login")
        body = render_to_string("accounts/mail/signup_existing.txt", context)
    else:
        context["confirm_url"] = site + reverse("portal:signup-confirm", args=[signup_token(email)])
        body = render_to_string("accounts/mail/signup_new.txt", context)
    try:
        send_mail(_("注册账号"), body, None, [email])
    except (OSError, smtplib.SMTPException):
        # The page must answer alike either way; the failure is for the operators.
        logger.exception("Sign-up mail could not be sent")


@transaction.atomic
def create_public_account(token: str, *, password: str):
    """The public account for the address in a sign-up link, with a generated username."""
    email = email_from_token(token)
    if _address_taken(email):
        raise SignupLinkInvalid(_("该注册链接已使用过，请直接登录。"))
    user_model = get_user_model()
    user = user_model(username=PUBLIC_USERNAME_PREFIX + secrets.token_hex(8), email=email)
    user.set_password(password)
    user.save()
    record_event(actor=user, action="accounts.public_signup", obj=user, after={"email": email})
    return user
