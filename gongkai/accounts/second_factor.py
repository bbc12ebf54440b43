"""The staff second factor (django-otp): one TOTP device from an authenticator app, and one
static device holding RECOVERY_CODE_COUNT single-use recovery codes for a lost phone.

Enrolment makes an unconfirmed TOTP device whose secret the person scans; the first correct
code confirms it and issues fresh recovery codes, shown once. django-otp throttles wrong codes
per device.
"""

import base64

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts.errors import SecondFactorError
from gongkai.audit.services import record_event

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "recovery"


def pending_device(user) -> TOTPDevice:
    """The unconfirmed authenticator device being enrolled (made on first ask)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def secret_of(device: TOTPDevice) -> str:
    """The key as the base32 text an authenticator app accepts when typed in."""
    return base64.b32encode(device.bin_key).decode()


def qr_code_data_uri(text: str) -> str:
    """A QR code of `text` as an SVG data URI (rendered here: no script, no external image)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def _issue_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def confirm_enrolment(device: TOTPDevice, code: str, *, actor) -> list[str]:
    """Confirm the authenticator with its first code; returns new recovery codes (shown once)."""
    if device.confirmed or not device.verify_token(code.strip()):
        raise SecondFactorError(_("验证码不正确，请核对手机上显示的 6 位数字后重试。"))
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _issue_recovery_codes(device.user)
    record_event(
        actor=actor,
        action="accounts.second_factor_enrolled",
        obj=device.user,
        after={"recovery_codes": RECOVERY_CODE_COUNT},
    )
    return codes


def verify_code(user, code: str):
    """The confirmed device that accepts `code` (authenticator or recovery code), or None."""
    code = code.strip().replace(" ", "")
    if not code:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(code.lower() if isinstance(device, StaticDevice) else code):
                return device
    return None


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def reset_second_factor(user, *, actor) -> int:
    """Remove every device of `user` (a lost phone); they enrol again at the next sign-in."""
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    record_event(
        actor=actor,
        action="accounts.second_factor_reset",
        obj=user,
        before={"devices": len(devices)},
        after={"devices": 0},
    )
    return len(devices)
