"""Forms of the budget tables (预决算). Lines are a formset: a row with neither code nor amount
is left out; the services check codes, amounts and duplicates (budgets.rules.check_lines) so
that the form and the import report the same problems."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai import limits
from gongkai.budgets.models import BudgetTable, Kind

AMOUNT_FIELDS = [
    "income_total",
    "expenditure_total",
    "abroad",
    "vehicle_purchase",
    "vehicle_operation",
    "reception",
]


class TableStartForm(forms.Form):
    agency = forms.ChoiceField(label=_("机关"))
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("类别"), choices=Kind.choices, widget=forms.RadioSelect)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = {str(agency.pk): agency for agency in agencies}
        self.fields["agency"].choices = [(key, a.name) for key, a in self.agencies.items()]
        self.fields["year"].initial = timezone.localdate().year

    def clean_agency(self):
        return self.agencies[self.cleaned_data["agency"]]


class TableImportForm(TableStartForm):
    file = forms.FileField(
        label=_("XLSX 文件"), help_text=_("按模板填写的 XLSX 文件，不超过10 MB。")
    )


class TableForm(forms.ModelForm):
    class Meta:
        model = BudgetTable
        formfield_callback = limits.model_form_field
        fields = ["title", *AMOUNT_FIELDS, "explanation"]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in AMOUNT_FIELDS:
            self.fields[name].widget.attrs.update(
                {"inputmode": "decimal", "step": "0.01", "min": "0"}
            )
        for name in ("abroad", "vehicle_purchase", "vehicle_operation", "reception"):
            self.fields[name].label = f"{self.fields[name].label}（万元）"


class LineRowForm(forms.Form):
    code = forms.CharField(
        label=_("科目编码"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 8}),
    )
    name = forms.CharField(label=_("科目名称"), required=False, max_length=100)
    amount = forms.CharField(
        label=_("金额（万元）"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 12}),
    )


LineFormSet = forms.formset_factory(LineRowForm, extra=3, max_num=400, validate_max=True)


def line_rows(formset) -> list[dict]:
    """The filled rows (a row with no code, name or amount is left out)."""
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data
        and any((form.cleaned_data.get(k) or "").strip() for k in ("code", "name", "amount"))
    ]


def line_initial(table: BudgetTable) -> list[dict]:
    return [
        {"code": line.code, "name": line.name, "amount": f"{line.amount:.2f}"}
        for line in table.lines.all()
    ]


class ReturnForm(forms.Form):
    comments = forms.CharField(
        label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 3}), max_length=limits.REASON
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=limits.REASON,
        help_text=_("理由将向公众显示。"),
    )
