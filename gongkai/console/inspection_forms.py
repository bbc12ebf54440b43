"""Console forms for enforcement lists and double-random inspections. They parse input; the
rules live in gongkai.enforcement (inspection_rules, list_services, inspection_services)."""

from django import forms
from django.utils.translation import gettext_lazy

from gongkai import limits
from gongkai.enforcement.draw import STRATUM_DIMENSIONS
from gongkai.enforcement.models import (
    InspectionTarget,
    ListDiscretion,
    ListInspectionItem,
    ListInspector,
    ListPower,
    ListSubject,
    Outcome,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DIMENSION_LABELS = {
    "district": gettext_lazy("所在区域"),
    "kind": gettext_lazy("类型"),
    "risk_grade": gettext_lazy("风险等级"),
}


def date_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE_WIDGET, **kwargs)


def agency_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label=gettext_lazy("机关"), queryset=None)


class ListDraftForm(forms.Form):
    agency = agency_field()
    title = forms.CharField(label=gettext_lazy("清单名称"), max_length=200)
    effective_from = date_field(gettext_lazy("生效日期"))
    copy_current = forms.BooleanField(
        label=gettext_lazy("复制现行版本的全部内容"), required=False, initial=True
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class ListTextsForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("清单名称"), max_length=200)
    effective_from = date_field(gettext_lazy("生效日期"))
    procedures = forms.CharField(
        label=gettext_lazy("执法程序"),
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    remedies = forms.CharField(
        label=gettext_lazy("救济途径"),
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReturnForm(forms.Form):
    comments = forms.CharField(
        label=gettext_lazy("审核意见"),
        max_length=limits.REASON,
        error_messages=limits.TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SubjectForm(forms.ModelForm):
    class Meta:
        model = ListSubject
        fields = ["name", "credit_code", "legal_basis"]
        formfield_callback = limits.model_form_field
        widgets = {"legal_basis": forms.Textarea(attrs={"rows": 2})}


class InspectorForm(forms.ModelForm):
    class Meta:
        model = ListInspector
        fields = ["name", "certificate_number", "certificate_valid_until", "area"]
        formfield_callback = limits.model_form_field
        widgets = {"certificate_valid_until": DATE_WIDGET}


class PowerForm(forms.ModelForm):
    class Meta:
        model = ListPower
        fields = ["item", "kind", "basis", "responsible_office"]
        formfield_callback = limits.model_form_field
        widgets = {"basis": forms.Textarea(attrs={"rows": 2})}


class DiscretionForm(forms.ModelForm):
    class Meta:
        model = ListDiscretion
        fields = ["violation", "circumstance", "penalty_range"]
        formfield_callback = limits.model_form_field


class InspectionItemForm(forms.ModelForm):
    class Meta:
        model = ListInspectionItem
        fields = ["item", "basis", "subject", "content", "method", "ratio_frequency"]
        formfield_callback = limits.model_form_field
        widgets = {
            "basis": forms.Textarea(attrs={"rows": 2}),
            "content": forms.Textarea(attrs={"rows": 2}),
        }


# The row forms of a list version, by the part name list_services.ROW_MODELS uses.
ROW_FORMS = {
    "subjects": SubjectForm,
    "inspectors": InspectorForm,
    "powers": PowerForm,
    "discretions": DiscretionForm,
    "inspection_items": InspectionItemForm,
}


class TargetForm(forms.ModelForm):
    class Meta:
        model = InspectionTarget
        fields = ["name", "credit_code", "kind", "district", "risk_grade", "source_reference"]
        formfield_callback = limits.model_form_field

    def validate_unique(self):
        # The service says "already in the pool" in its own words, on the right field.
        pass


class TargetImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV 文件"),
        help_text=gettext_lazy(
            "UTF-8 编码，列：名称、统一社会信用代码、类型、所在区域、风险等级、来源。"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class ConflictForm(forms.Form):
    target = forms.ModelChoiceField(label=gettext_lazy("检查对象"), queryset=None)
    inspector_certificate = forms.CharField(label=gettext_lazy("执法证号"), max_length=40)
    reason = forms.CharField(label=gettext_lazy("回避事由"), max_length=200)

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets


class PlanForm(forms.Form):
    agency = agency_field()
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=gettext_lazy("计划名称"), max_length=200)
    matter = forms.CharField(
        label=gettext_lazy("抽查事项"),
        max_length=200,
        help_text=gettext_lazy("取自随机抽查事项清单。"),
        # Suggestions from the list in force (a <datalist> the page renders; no script needed).
        widget=forms.TextInput(attrs={"list": "inspection-matters"}),
    )
    matter_basis = forms.CharField(
        label=gettext_lazy("抽查依据"),
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    target_kinds = forms.CharField(
        label=gettext_lazy("对象类型"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("以顿号或逗号分隔；留空为名录库中全部类型。"),
    )
    stratify_by = forms.MultipleChoiceField(
        label=gettext_lazy("分层维度"),
        choices=[(d, DIMENSION_LABELS[d]) for d in STRATUM_DIMENSIONS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    ratio_percent = forms.DecimalField(
        label=gettext_lazy("抽查比例（%）"), required=False, max_digits=5, decimal_places=2
    )
    count = forms.IntegerField(label=gettext_lazy("每层抽查数量"), required=False, min_value=0)
    inspectors_per_target = forms.IntegerField(
        label=gettext_lazy("每个对象的检查人员数"), initial=2, min_value=1, max_value=10
    )
    window_start = date_field(gettext_lazy("检查开始日期"))
    window_end = date_field(gettext_lazy("检查结束日期"))

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def clean_target_kinds(self) -> list[str]:
        text = self.cleaned_data["target_kinds"].replace("，", ",").replace("、", ",")
        return [part.strip() for part in text.split(",") if part.strip()]


class StratumForm(forms.Form):
    key = forms.CharField(
        label=gettext_lazy("分层"),
        max_length=300,
        help_text=gettext_lazy("如 district=城关镇（与计划页面列出的分层一致）。"),
    )
    ratio_percent = forms.DecimalField(
        label=gettext_lazy("抽查比例（%）"), required=False, max_digits=5, decimal_places=2
    )
    count = forms.IntegerField(label=gettext_lazy("抽查数量"), required=False, min_value=0)


class RedrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("重新抽取的理由"),
        max_length=limits.REASON,
        error_messages=limits.TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("理由与首次抽取一并向社会公开，首次抽取的结果保留不变。"),
    )


class ResultForm(forms.Form):
    target = forms.ModelChoiceField(label=gettext_lazy("检查对象"), queryset=None)
    outcome = forms.ChoiceField(label=gettext_lazy("检查结果"), choices=Outcome.choices)
    result_on = date_field(gettext_lazy("检查完成日期"))
    note = forms.CharField(
        label=gettext_lazy("说明"),
        max_length=limits.REASON,
        error_messages=limits.TOO_LONG,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    follow_up_reference = forms.CharField(
        label=gettext_lazy("后续处理决定"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("如行政处罚决定书文号。"),
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets
