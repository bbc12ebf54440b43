"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "agency.guide_update": _("更新指南信息"),
    "agency.two_factor_requirement": _("设置两步验证要求"),
}
