"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "workdays.load_year": _("载入年度节假日安排"),
    "workdays.add_year": _("新增年度日历"),
    "workdays.update_notice": _("更新节假日通知"),
    "workdays.remove_year": _("删除年度日历"),
    "workdays.set_special_day": _("设置放假或调休上班日"),
    "workdays.remove_special_day": _("删除特殊日期"),
}
