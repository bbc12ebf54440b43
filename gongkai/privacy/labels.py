"""What each kind of personal data is called on the pages and in error messages."""

from django.utils.translation import gettext_lazy as _

from gongkai.privacy.detection import Confidence, Kind

KIND_LABELS = {
    Kind.ID_NUMBER: _("身份证号码"),
    Kind.MOBILE: _("手机号码"),
    Kind.LANDLINE: _("固定电话"),
    Kind.EMAIL: _("电子邮箱"),
    Kind.BANK_CARD: _("银行卡号"),
    Kind.NAME: _("姓名"),
    Kind.ADDRESS: _("住址"),
    Kind.LICENCE_PLATE: _("车牌号码"),
    Kind.PASSPORT: _("护照号码"),
    Kind.HK_MACAO_RESIDENT_PERMIT: _("港澳居民来往内地通行证号码"),
    Kind.TAIWAN_RESIDENT_PERMIT: _("台湾居民来往大陆通行证号码"),
    Kind.HK_MACAO_TRAVEL_PERMIT: _("往来港澳通行证号码"),
    Kind.SENSITIVE_WORD: _("敏感词"),
    Kind.SECRECY_MARK: _("密级及保密标志"),
    Kind.WRONG_NAME: _("错敏字"),
    Kind.NOT_CHECKED: _("未检查（图片无可识别文字）"),
}
CONFIDENCE_LABELS = {
    Confidence.HIGH: _("高"),
    Confidence.MEDIUM: _("中"),
    Confidence.LOW: _("低"),
}


def kind_label(kind: Kind) -> str:
    return str(KIND_LABELS[kind])


def confidence_label(confidence: Confidence) -> str:
    return str(CONFIDENCE_LABELS[confidence])
