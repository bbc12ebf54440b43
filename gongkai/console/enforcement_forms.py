"""Forms of the enforcement decisions' back office (双公示)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai import limits
from gongkai.enforcement.models import (
    ChangeKind,
    Decision,
    DecisionKind,
    DecisionStatus,
    PenaltyCategory,
)
from gongkai.enforcement.services import EDITABLE_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DecisionForm(forms.ModelForm):
    penalty_categories = forms.MultipleChoiceField(
        label=_("处罚类别"),
        required=False,
        choices=PenaltyCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("行政处罚填写，可多选。"),
    )

    class Meta:
        model = Decision
        formfield_callback = limits.model_form_field
        fields = EDITABLE_FIELDS
        widgets = {
            "decided_on": DATE,
            "valid_from": DATE,
            "valid_until": DATE,
            "penalty_valid_until": DATE,
            "licence_content": forms.Textarea(attrs={"rows": 3}),
            "violation_facts": forms.Textarea(attrs={"rows": 4}),
            "penalty_basis": forms.Textarea(attrs={"rows": 2}),
            "penalty_content": forms.Textarea(attrs={"rows": 2}),
            "decision_content": forms.Textarea(attrs={"rows": 3}),
            "decision_basis": forms.Textarea(attrs={"rows": 2}),
            "remarks": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agency is not None and not self.instance.pk:
            self.initial.setdefault("authority_name", agency.name)
            self.initial.setdefault("source_name", agency.name)

    def domain_values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in EDITABLE_FIELDS}


class DecisionFilterForm(forms.Form):
    q = forms.CharField(label=_("相对人或文号"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("决定类型"), required=False, choices=[("", _("全部")), *DecisionKind.choices]
    )
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部")), *DecisionStatus.choices]
    )
    agency = forms.ChoiceField(label=_("机关"), required=False)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", _("全部")), *((a.pk, a.name) for a in agencies)]


class ChangeForm(forms.Form):
    prefix = "change"

    kind = forms.ChoiceField(label=_("变更情形"), choices=ChangeKind.choices)
    changed_on = forms.DateField(label=_("变更、撤销或确认之日"), widget=DATE)
    basis = forms.CharField(
        label=_("变更依据"),
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("例如复议决定书、判决书的名称和文号。登记后须在三日内撤回公示。"),
    )


class WithdrawForm(forms.Form):
    prefix = "withdraw"

    reason = forms.CharField(
        label=_("撤回原因（内部）"),
        required=False,
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    explanation = forms.CharField(
        label=_("撤回说明（向社会公开）"),
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CreditRepairForm(forms.Form):
    prefix = "repair"

    repaired_on = forms.DateField(label=_("信用修复日期"), widget=DATE)
    basis = forms.CharField(
        label=_("信用修复依据"),
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("例如修复决定的文号或“信用中国”网站的修复结果。"),
    )
