"""Forms of the supervision pages: the league table's filter, the 考核 scheme editor, the
rectification task forms and the circular's choices."""

import datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai import limits
from gongkai.supervision import findings
from gongkai.supervision.errors import SupervisionError
from gongkai.supervision.league import IndicatorSpec
from gongkai.supervision.periods import Period
from gongkai.supervision.scoring import Method


class PeriodField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("期间"))
        kwargs.setdefault("help_text", _("年度如 2026，月份如 2026-11。"))
        kwargs.setdefault("max_length", 7)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return Period.parse(value.strip())
        except SupervisionError as exc:
            raise forms.ValidationError(exc.message) from exc


class LeagueFilter(forms.Form):
    agency = forms.TypedChoiceField(label=_("考核机关"), coerce=int, required=False)
    period = PeriodField(required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.pk, a.display_name) for a in agencies]


class SchemeForm(forms.Form):
    name = forms.CharField(label=_("方案名称"), max_length=200)
    is_ranking_public = forms.BooleanField(label=_("在门户网站公开排名"), required=False)
    stale_months = forms.IntegerField(label=_("栏目更新期限（月）"), min_value=1, max_value=36)


def _finding_choices() -> list[tuple[str, str]]:
    return [("", "—"), *findings.choices()]


class IndicatorForm(forms.Form):
    # A blank first choice and the method's initial value: an empty extra row that a browser
    # submits with its selects' first options stays unchanged, so it is skipped.
    finding = forms.ChoiceField(label=_("考核事项"), choices=_finding_choices)
    name = forms.CharField(label=_("指标名称"), max_length=100)
    weight = forms.DecimalField(label=_("分值"), min_value=0, max_digits=6, decimal_places=2)
    method = forms.ChoiceField(
        label=_("计分方法"), choices=Method.choices, initial=Method.DEDUCTION
    )
    deduction = forms.DecimalField(
        label=_("每项扣分"), min_value=0, max_digits=6, decimal_places=2, initial=Decimal(1)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # a table row: the column heads are the labels
            field.widget.attrs["aria-label"] = str(field.label)

    def spec(self) -> IndicatorSpec:
        data = self.cleaned_data
        return IndicatorSpec(
            data["finding"], data["name"], data["weight"], data["method"], data["deduction"]
        )


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=1, can_delete=True)


class TaskForm(forms.Form):
    agency = forms.TypedChoiceField(label=_("整改机关"), coerce=int)
    title = forms.CharField(label=_("整改事项"), max_length=200)
    requirement = forms.CharField(
        label=_("整改要求"),
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    finding = forms.ChoiceField(label=_("问题类别"), required=False)
    period = forms.CharField(label=_("所属期间"), max_length=7, required=False)
    due_on = forms.DateField(
        label=_("整改期限"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.pk, a.display_name) for a in agencies]
        self.fields["finding"].choices = [("", _("不针对特定问题")), *findings.choices()]


class AnswerForm(forms.Form):
    response = forms.CharField(
        label=_("整改情况"),
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    evidence = forms.FileField(
        label=_("佐证材料"),
        required=False,
        help_text=_("可上传 PDF、DOCX、XLSX 或图片。"),
    )


class ReviewForm(forms.Form):
    comments = forms.CharField(
        label=_("督查意见"),
        required=False,
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CircularForm(forms.Form):
    agency = forms.TypedChoiceField(label=_("通报机关"), coerce=int)
    period = PeriodField()
    findings = forms.MultipleChoiceField(
        label=_("通报的问题"),
        choices=findings.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("不选则通报全部问题。"),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.pk, a.display_name) for a in agencies]


def default_due_on(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=30)
