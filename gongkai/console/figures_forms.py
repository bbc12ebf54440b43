"""Forms of the 疫情 and 价格 console pages."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.diseases.classification import DISEASES, class_label
from gongkai.prices.models import PriceKind


class MonthField(forms.CharField):
    """YYYY-MM (an <input type="month">) → the month's first day."""

    def clean(self, value):
        value = super().clean(value)  # the text, its length checked
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-")[:2])
            return datetime.date(year, month, 1)
        except ValueError as exc:
            raise forms.ValidationError(_("请按“年-月”填写，例如 2026-10。")) from exc


class MonthForm(forms.Form):
    month = MonthField(
        label=_("月份"), max_length=7, widget=forms.TextInput(attrs={"type": "month"})
    )


class MonthImportForm(MonthForm):
    file = forms.FileField(label=_("XLSX 文件"))


class CountsForm(forms.Form):
    """One row per notifiable disease: cases and deaths (whole numbers, ≥ 0)."""

    note = forms.CharField(label=_("说明"), required=False, max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, initial_rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        given = {row.disease: row for row in initial_rows}
        self.rows = []
        for index, (name, value) in enumerate(DISEASES):
            row = given.get(name)
            for column, label in (("cases", _("发病数")), ("deaths", _("死亡数"))):
                self.fields[f"{column}_{index}"] = forms.IntegerField(
                    label=f"{name} {label}",
                    min_value=0,
                    initial=getattr(row, column, 0) if row else 0,
                    error_messages={
                        "invalid": _("请填写不小于0的整数。"),
                        "min_value": _("请填写不小于0的整数。"),
                        "required": _("请填写不小于0的整数。"),
                    },
                )
            self.rows.append(
                (name, class_label(value), self[f"cases_{index}"], self[f"deaths_{index}"])
            )

    def counts(self):
        from gongkai.diseases.rules import Row

        return [
            Row(name, value, self.cleaned_data[f"cases_{i}"], self.cleaned_data[f"deaths_{i}"])
            for i, (name, value) in enumerate(DISEASES)
        ]


class SettingForm(forms.Form):
    publishes_monthly = forms.BooleanField(label=_("按月发布法定传染病疫情"), required=False)
    due_day = forms.IntegerField(label=_("次月发布截止日"), min_value=1, max_value=28)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=2000, widget=forms.Textarea)


class PriceListForm(forms.Form):
    institution = forms.ModelChoiceField(label=_("医疗卫生机构"), queryset=None)
    kind = forms.ChoiceField(label=_("价格类别"), choices=PriceKind.choices)

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions


class PriceImportForm(forms.Form):
    file = forms.FileField(label=_("XLSX 文件"))


class PriceItemForm(forms.Form):
    code = forms.CharField(label=_("项目编码"), max_length=60)
    name = forms.CharField(label=_("项目名称"), max_length=200)
    specification = forms.CharField(label=_("规格"), max_length=200, required=False)
    unit = forms.CharField(label=_("计价单位"), max_length=40)
    price = forms.DecimalField(label=_("价格（元）"), min_value=0, max_digits=10, decimal_places=2)
    effective_on = forms.DateField(
        label=_("执行日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("备注"), max_length=500, required=False)

    def values(self):
        from gongkai.prices.rules import ItemValues

        data = self.cleaned_data
        return ItemValues(
            data["code"].strip(),
            data["name"].strip(),
            data["specification"].strip(),
            data["unit"].strip(),
            data["price"],
            data["effective_on"],
            data["note"].strip(),
        )
