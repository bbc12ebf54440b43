"""Forms of the service items and guides (办事服务). Every element of the guide is optional in
the form: a draft may be incomplete, the completeness check lists what it lacks and the
publication refuses while key elements are missing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai import limits
from gongkai.catalogue.models import AgencyItem
from gongkai.service_guides import elements
from gongkai.service_guides.models import (
    Channel,
    CopyKind,
    Delivery,
    FeeMode,
    Guide,
    GuideMaterial,
    MaterialForm,
    ServiceItem,
)


class ServiceItemForm(forms.ModelForm):
    class Meta:
        model = ServiceItem
        formfield_callback = limits.model_form_field
        fields = ["item_type", "code", "name", "level", "catalogue_item"]

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catalogue_item"].queryset = (
            AgencyItem.objects.filter(catalogue__agency=agency).applicable().order_by("code")
        )
        self.fields["catalogue_item"].label_from_instance = lambda item: f"{item.code} {item.name}"


class GuideForm(forms.ModelForm):
    channels = forms.MultipleChoiceField(
        label=_("办理方式"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    delivery_methods = forms.MultipleChoiceField(
        label=_("送达方式"),
        choices=Delivery.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    online_url = forms.URLField(
        label=_("网上办理地址"), required=False, max_length=500, assume_scheme="https"
    )
    fee_mode = forms.ChoiceField(
        label=_("是否收费"),
        choices=[("", _("尚未填写")), *FeeMode.choices],
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Guide
        formfield_callback = limits.model_form_field
        fields = elements.GUIDE_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "legal_basis",
                "conditions",
                "fee_basis",
                "fee_standard",
                "place",
                "complaint_channel",
                "remedy",
                "faq",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.required = False
            if name in elements.BY_CODE and elements.BY_CODE[name].is_key:
                field.label_suffix = ""
                field.widget.attrs.setdefault("aria-describedby", "key-note")

    def clean(self):
        data = super().clean()
        # The domain's rules on the values, here too so that they come in the same round as the
        # rows' problems (the service checks them again).
        for name, message in elements.value_problems(data).items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
        return data


# The form's sections, as the national list groups the elements; materials and steps are rows.
SECTIONS = [
    (elements.BASIC, ["name", "legal_basis", "implementing_body", "service_object"]),
    (elements.CONDITIONS, ["conditions", "quantity_limit", "@materials"]),
    (elements.PROCEDURE, ["channels", "online_url", "@steps"]),
    (
        elements.LIMITS_AND_FEES,
        ["statutory_days", "promised_days", "fee_mode", "fee_basis", "fee_standard"],
    ),
    (elements.RESULT, ["result_name", "delivery_methods"]),
    (
        elements.CONTACT,
        ["place", "hours", "consult_phone", "complaint_channel", "remedy", "faq"],
    ),
]
KEY_FIELDS = {"fee_mode" if code == "fees" else code for code in elements.KEY_CODES}


class MaterialRowForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("材料名称"), required=False, max_length=300)
    form = forms.ChoiceField(label=_("材料形式"), choices=MaterialForm.choices, required=False)
    copy_kind = forms.ChoiceField(label=_("原件/复印件"), choices=CopyKind.choices, required=False)
    copies = forms.IntegerField(label=_("份数"), min_value=1, initial=1, required=False)
    is_required = forms.BooleanField(label=_("必要材料"), required=False, initial=True)
    note = forms.CharField(label=_("填报须知"), required=False, max_length=500)


class StepRowForm(forms.Form):
    name = forms.CharField(label=_("环节名称"), required=False, max_length=100)
    time_limit = forms.CharField(label=_("环节时限"), required=False, max_length=100)
    description = forms.CharField(
        label=_("办理内容"),
        required=False,
        max_length=limits.STAFF_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


MaterialFormSet = forms.formset_factory(MaterialRowForm, extra=2, max_num=60, validate_max=True)
StepFormSet = forms.formset_factory(StepRowForm, extra=2, max_num=30, validate_max=True)


def material_rows(formset) -> list[dict]:
    """The filled rows of the materials formset (a row without a name is left out)."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or not (data.get("name") or "").strip():
            continue
        rows.append({**data, "copies": data.get("copies") or 1})
    return rows


def step_rows(formset) -> list[dict]:
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and (form.cleaned_data.get("name") or "").strip()
    ]


def material_initial(guide: Guide) -> list[dict]:
    return [
        {
            "id": material.pk,
            "name": material.name,
            "form": material.form,
            "copy_kind": material.copy_kind,
            "copies": material.copies,
            "is_required": material.is_required,
            "note": material.note,
        }
        for material in guide.materials.all()
    ]


def step_initial(guide: Guide) -> list[dict]:
    return [
        {"name": step.name, "time_limit": step.time_limit, "description": step.description}
        for step in guide.steps.all()
    ]


class MaterialFileForm(forms.Form):
    material = forms.ModelChoiceField(label=_("申请材料"), queryset=GuideMaterial.objects.none())
    which = forms.ChoiceField(
        label=_("文件类别"), choices=[("sample", _("示例样表")), ("blank_form", _("空白表格"))]
    )
    file = forms.FileField(label=_("文件"), help_text=_("PDF、DOCX、XLSX 或图片，不超过10 MB。"))

    def __init__(self, *args, guide: Guide, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["material"].queryset = guide.materials.all()


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


class GuideImportForm(forms.Form):
    file = forms.FileField(label=_("XLSX 文件"))


class DecisionItemForm(forms.Form):
    service_item = forms.ModelChoiceField(
        label=_("政务服务事项"),
        queryset=ServiceItem.objects.none(),
        required=False,
        empty_label=_("（不关联）"),
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_item"].queryset = items.order_by("code")
