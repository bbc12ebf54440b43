"""Forms of the console's 重大建设项目 pages. The stage form is built from the kind's fields in
projects/stages.py, so the form, the record and the portal show one list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.projects.models import ProcurementKind, ProcurementMethod, ProjectStatus
from gongkai.projects.stages import RULES, StageKind

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("项目名称"), max_length=200)
    code = forms.CharField(label=_("项目代码"), max_length=40)
    location = forms.CharField(label=_("建设地点"), max_length=200)
    investment = forms.DecimalField(
        label=_("总投资（万元）"), min_value=0, max_digits=14, decimal_places=2
    )
    owner_unit = forms.CharField(label=_("项目法人单位"), max_length=200)
    starts_on = forms.DateField(label=_("计划开工日期"), required=False, widget=DATE_WIDGET)
    finishes_on = forms.DateField(label=_("计划竣工日期"), required=False, widget=DATE_WIDGET)
    status = forms.ChoiceField(label=_("项目状态"), choices=ProjectStatus.choices)


class StageForm(forms.Form):
    formed_on = forms.DateField(label=_("信息形成或变更日期"), widget=DATE_WIDGET)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        kind = StageKind(kind)
        for field in RULES[kind].fields:
            if field.kind == "date":
                self.fields[field.name] = forms.DateField(
                    label=field.label, required=field.required, widget=DATE_WIDGET
                )
            elif field.kind == "text":
                self.fields[field.name] = forms.CharField(
                    label=field.label,
                    required=field.required,
                    max_length=4000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            else:
                self.fields[field.name] = forms.CharField(
                    label=field.label, required=field.required, max_length=300
                )
        if kind == StageKind.APPROVAL_RESULT:
            self.fields["is_licensing"] = forms.BooleanField(
                label=_("属于行政许可决定（7个工作日内公开）"), required=False
            )
        # The formation date last: the fields of the kind first, as the guidance lists them.
        self.order_fields([f.name for f in RULES[kind].fields])

    def details(self) -> dict:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("formed_on", "is_licensing")
        }


class NotApplicableForm(forms.Form):
    reason = forms.CharField(
        label=_("不适用理由（向公众显示）"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProcurementForm(forms.Form):
    kind = forms.ChoiceField(label=_("公告类型"), choices=ProcurementKind.choices)
    title = forms.CharField(label=_("采购项目名称"), max_length=200)
    method = forms.ChoiceField(
        label=_("采购方式"), choices=[("", "—"), *ProcurementMethod.choices], required=False
    )
    budget = forms.DecimalField(
        label=_("预算金额（万元）"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    deadline_on = forms.DateField(label=_("投标截止日期"), required=False, widget=DATE_WIDGET)
    winner = forms.CharField(label=_("中标（成交）供应商"), required=False, max_length=200)
    amount = forms.DecimalField(
        label=_("中标（成交、合同）金额（万元）"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    purchaser = forms.CharField(label=_("采购人"), required=False, max_length=200)
    signed_on = forms.DateField(label=_("合同签订日期"), required=False, widget=DATE_WIDGET)
    term = forms.CharField(label=_("合同履行期限"), required=False, max_length=200)
    formed_on = forms.DateField(label=_("信息形成日期"), widget=DATE_WIDGET)


class ProjectImportForm(forms.Form):
    file = forms.FileField(label=_("XLSX 文件"))
