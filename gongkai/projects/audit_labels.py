"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "project.create": _("新增重大建设项目"),
    "project.status": _("变更重大建设项目状态"),
    "project.stage.record": _("录入重大建设项目信息"),
    "project.stage.not_applicable": _("标记重大建设项目信息不适用"),
    "project.stage.publish": _("发布重大建设项目信息"),
    "project.procurement.record": _("录入采购与招标公告"),
    "project.procurement.publish": _("发布采购与招标公告"),
    "project.due_recomputed": _("重新计算重大建设项目信息公开期限"),
    "projects.import": _("导入重大建设项目清单"),
}
