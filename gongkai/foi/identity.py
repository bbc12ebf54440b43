"""The applicant's identity document (身份证明, 条例第二十九条第二款第（一）项): its type and a
format check of the number.

The checks are arithmetic only (length, character set, check character, birth date); they
prove a number is well formed, not that it belongs to the applicant.
"""

import datetime
import unicodedata

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# GB 11643-1999 公民身份号码: weights of the 17 body digits, and the check character for
# (weighted sum mod 11).
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK = "10X98765432"
RESIDENT_ID_LENGTH = 18

# GB 32100-2015 统一社会信用代码: 31 characters (no I, O, S, V, Z), weights 3^i mod 31.
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
USCC_LENGTH = 18

OTHER_ID_MAX_LENGTH = 40


class IdType(models.TextChoices):
    """Identity documents an application may show (条例第二十九条: 身份证明)."""

    RESIDENT_ID = "resident_id", gettext_lazy("居民身份证")
    PASSPORT = "passport", gettext_lazy("护照")
    HK_MACAO_PERMIT = "hk_macao_permit", gettext_lazy("港澳居民来往内地通行证")
    TAIWAN_PERMIT = "taiwan_permit", gettext_lazy("台湾居民来往大陆通行证")
    FOREIGN_PERMANENT = "foreign_permanent", gettext_lazy("外国人永久居留身份证")
    USCC = "uscc", gettext_lazy("统一社会信用代码")
    OTHER = "other", gettext_lazy("其他")


class IdentityError(ValueError):
    """A malformed identity number; `message` is shown to the applicant as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def normalise(number: str) -> str:
    """Full-width forms folded (NFKC), spaces removed, letters upper-cased: ｘ → X."""
    folded = unicodedata.normalize("NFKC", number or "")
    return "".join(folded.split()).upper()


def resident_id_check_char(body: str) -> str:
    """The 18th character of a resident ID number for its 17-digit body (GB 11643-1999)."""
    total = sum(
        int(digit) * weight for digit, weight in zip(body, RESIDENT_ID_WEIGHTS, strict=True)
    )
    return RESIDENT_ID_CHECK[total % 11]


def check_resident_id(number: str, *, today: datetime.date | None = None) -> str:
    """The normalised 居民身份证 number, or IdentityError (GB 11643-1999).

    18 characters: 17 digits then a check digit or X; positions 7–14 are a real birth date
    (YYYYMMDD) not after `today` (default: today in the site's time zone).
    """
    value = normalise(number)
    if len(value) != RESIDENT_ID_LENGTH:
        raise IdentityError(
            _("居民身份证号码应为18位，现为%(length)s位。") % {"length": len(value)}
        )
    body, check = value[:17], value[17]
    if not (body.isascii() and body.isdigit()):
        raise IdentityError(_("居民身份证号码前17位应全部为数字。"))
    if check not in "0123456789X":
        raise IdentityError(_("居民身份证号码第18位应为数字或字母X。"))
    birth_text = body[6:14]
    try:
        birth = datetime.date(int(birth_text[:4]), int(birth_text[4:6]), int(birth_text[6:]))
    except ValueError:
        raise IdentityError(
            _("居民身份证号码中的出生日期 %(birth)s 不是有效日期。") % {"birth": birth_text}
        ) from None
    if birth > (today or timezone.localdate()):
        raise IdentityError(
            _("居民身份证号码中的出生日期 %(birth)s 晚于今天。") % {"birth": birth.isoformat()}
        )
    if resident_id_check_char(body) != check:
        raise IdentityError(_("居民身份证号码校验位不正确，请核对号码是否抄错。"))
    return value


def uscc_check_char(body: str) -> str:
    """The 18th character of a 统一社会信用代码 for its 17-character body (GB 32100-2015)."""
    total = sum(
        USCC_CHARSET.index(char) * weight for char, weight in zip(body, USCC_WEIGHTS, strict=True)
    )
    return USCC_CHARSET[(31 - total % 31) % 31]


def check_uscc(code: str) -> str:
    """The normalised 统一社会信用代码, or IdentityError (GB 32100-2015).

    18 characters from 0–9 and A–Z without I, O, S, V, Z; the last is the check character
    31 − (weighted sum mod 31), where 31 becomes 0.
    """
    value = normalise(code)
    if len(value) != USCC_LENGTH:
        raise IdentityError(
            _("统一社会信用代码应为18位，现为%(length)s位。") % {"length": len(value)}
        )
    bad = [char for char in value if char not in USCC_CHARSET]
    if bad:
        raise IdentityError(
            _("统一社会信用代码不能包含字符“%(chars)s”（不使用I、O、S、V、Z）。")
            % {"chars": "".join(dict.fromkeys(bad))}
        )
    if uscc_check_char(value[:17]) != value[17]:
        raise IdentityError(_("统一社会信用代码校验位不正确，请核对代码是否抄错。"))
    return value


def check_other_id(number: str) -> str:
    """A document number we cannot check arithmetically: present, printable, ≤ 40 characters."""
    value = unicodedata.normalize("NFKC", number or "").strip()
    if not value:
        raise IdentityError(_("请填写证件号码。"))
    if len(value) > OTHER_ID_MAX_LENGTH:
        raise IdentityError(_("证件号码不能超过%(max)s个字符。") % {"max": OTHER_ID_MAX_LENGTH})
    if not value.isprintable():
        raise IdentityError(_("证件号码含有不可打印的字符。"))
    return value


def check_id(id_type: IdType | str, number: str, *, today: datetime.date | None = None) -> str:
    """The normalised number for its document type, or IdentityError."""
    id_type = IdType(id_type)
    if id_type == IdType.RESIDENT_ID:
        return check_resident_id(number, today=today)
    if id_type == IdType.USCC:
        return check_uscc(number)
    return check_other_id(number)
