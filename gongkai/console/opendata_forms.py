"""Forms of the console's open datasets (开放数据)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from gongkai import limits
from gongkai.catalogue.models import AgencyItem
from gongkai.opendata import sources, tables
from gongkai.opendata.models import Dataset, ResourceFormat

TYPE_NAMES = {label: name for name, label in tables.TYPE_LABELS.items()} | {
    name: name for name in tables.TYPES
}


class DatasetForm(forms.ModelForm):
    tags = forms.CharField(
        label=_lazy("标签"),
        required=False,
        max_length=500,
        help_text=_lazy("用逗号或顿号分隔，例如：医疗机构、床位。"),
    )

    class Meta:
        model = Dataset
        formfield_callback = limits.model_form_field
        fields = [
            "title",
            "name",
            "description",
            "catalogue_item",
            "theme",
            "licence",
            "frequency",
            "temporal_start",
            "temporal_end",
            "spatial",
            "contact_name",
            "contact_email",
            "contact_phone",
            "openness",
            "openness_reason",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "openness_reason": forms.Textarea(attrs={"rows": 2}),
            "temporal_start": forms.DateInput(attrs={"type": "date"}),
            "temporal_end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catalogue_item"].queryset = (
            AgencyItem.objects.filter(catalogue__agency=agency).applicable().order_by("code")
        )
        self.fields["catalogue_item"].label_from_instance = lambda item: f"{item.code} {item.name}"
        self.fields["name"].help_text = Dataset._meta.get_field("name").help_text
        self.fields["spatial"].help_text = _lazy("不填写时为“%(region)s”。") % {
            "region": agency.region or agency.name
        }
        if self.instance.pk:
            self.initial["tags"] = "、".join(t.name for t in self.instance.tags.all())

    def tag_list(self) -> list[str]:
        raw = self.cleaned_data.get("tags") or ""
        for separator in ("，", "、", ";", "；"):
            raw = raw.replace(separator, ",")
        return [tag.strip() for tag in raw.split(",") if tag.strip()]


def parse_schema(text: str) -> list[dict[str, str]]:
    """Lines of `列名=类型` (类型: 整数、数值、日期、文本 or their English names)."""
    schema = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        name, sep, kind = line.replace("＝", "=").partition("=")
        kind = TYPE_NAMES.get(kind.strip())
        if not sep or not name.strip() or kind is None:
            raise forms.ValidationError(
                _("第%(number)d行应写成“列名=类型”，类型为整数、数值、日期或文本。")
                % {"number": number}
            )
        schema.append({"name": name.strip(), "type": kind})
    return schema


class UploadResourceForm(forms.Form):
    title = forms.CharField(label=_lazy("资源名称"), max_length=200)
    file = forms.FileField(
        label=_lazy("数据文件"),
        help_text=_lazy("CSV（UTF-8 或 GBK 编码）、XLSX 或 JSON（对象数组）；第1行为列名。"),
    )
    schema = forms.CharField(
        label=_lazy("声明的列类型（可选）"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_lazy(
            "每行一列，写成“列名=类型”，类型为整数、数值、日期或文本，例如：床位数=整数。"
        ),
    )

    def clean_schema(self):
        return parse_schema(self.cleaned_data.get("schema") or "")


class ReplaceResourceForm(forms.Form):
    file = forms.FileField(label=_lazy("新的数据文件"))


class GeneratedResourceForm(forms.Form):
    title = forms.CharField(label=_lazy("资源名称"), max_length=200, required=False)
    source_key = forms.ChoiceField(label=_lazy("数据来源"))
    format = forms.ChoiceField(label=_lazy("格式"), choices=ResourceFormat.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_key"].choices = [
            (source.key, source.title) for source in sources.all_sources()
        ]


class ReasonForm(forms.Form):
    text = forms.CharField(
        label=_lazy("理由或审核意见"),
        required=False,
        max_length=limits.REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
