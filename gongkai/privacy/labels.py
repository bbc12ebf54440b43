"""What each kind of personal data is called on the pages and in error messages."""

from django.utils.translation import gettext_lazy as _

from gongkai.privacy.detection import Kind

KIND_LABELS = {
    Kind.ID_NUMBER: _("身份证号码"),
    Kind.MOBILE: _("手机号码"),
    Kind.LANDLINE: _("固定电话"),
    Kind.EMAIL: _("电子邮箱"),
    Kind.BANK_CARD: _("银行卡号"),
    Kind.NAME: _("姓名"),
}


def kind_label(kind: Kind) -> str:
    return str(KIND_LABELS[kind])
