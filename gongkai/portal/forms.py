from django import forms
from django.utils.translation import gettext_lazy as _


class DeadlineForm(forms.Form):
    received_on = forms.DateField(
        label=_("起算日（如收到申请之日）"),
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d"],
        help_text=_("起算日当天不计入期限（民法典第二百零一条）。"),
    )
    days = forms.IntegerField(
        label=_("期限（工作日）"),
        min_value=1,
        max_value=200,
        initial=20,
        help_text=_("依申请公开答复期限为20个工作日（条例第三十三条）。"),
    )


class PolicyFilterForm(forms.Form):
    """Filters of the policy library; every field optional, bad values are ignored."""

    issuer = forms.CharField(label=_("发文机关"), required=False, max_length=200)
    topic = forms.ChoiceField(label=_("主题分类"), required=False)
    year = forms.IntegerField(label=_("发布年份"), required=False, min_value=1990, max_value=2100)
    validity = forms.ChoiceField(label=_("有效性"), required=False)
    type = forms.ChoiceField(label=_("文件类型"), required=False)

    def __init__(self, *args, **kwargs):
        from gongkai.documents.models import POLICY_LIBRARY_TYPES, DocumentType, Topic, Validity

        super().__init__(*args, **kwargs)
        everything = [("", _("全部"))]
        self.fields["topic"].choices = everything + list(Topic.choices)
        self.fields["validity"].choices = everything + list(Validity.choices)
        self.fields["type"].choices = everything + [
            (value, DocumentType(value).label) for value in POLICY_LIBRARY_TYPES
        ]


class CatalogueFilterForm(forms.Form):
    """Filters of the records under a catalogue node; every field optional."""

    q = forms.CharField(
        label=_("关键词"),
        required=False,
        max_length=100,
        help_text=_("在标题、文号、索引号中查找"),
    )
    year = forms.IntegerField(
        label=_("发布年份"),
        required=False,
        min_value=1990,
        max_value=2100,
        error_messages={
            "invalid": _("请输入四位数的年份，例如2026。"),
            "min_value": _("年份不能早于1990年。"),
            "max_value": _("年份不能晚于2100年。"),
        },
    )
    validity = forms.ChoiceField(label=_("有效性"), required=False)

    def __init__(self, *args, **kwargs):
        from gongkai.documents.models import Validity

        super().__init__(*args, **kwargs)
        self.fields["validity"].choices = [("", _("全部")), *Validity.choices]
        self.fields["validity"].error_messages["invalid_choice"] = _("请从列表中选择有效性。")


class SearchForm(forms.Form):
    q = forms.CharField(label=_("搜索政府信息"), required=False, max_length=200)
    agency = forms.ChoiceField(label=_("机关"), required=False)
    type = forms.ChoiceField(label=_("文件类型"), required=False)
    year = forms.IntegerField(label=_("发布年份"), required=False, min_value=1990, max_value=2100)
    validity = forms.ChoiceField(label=_("有效性"), required=False)
    sort = forms.ChoiceField(
        label=_("排序"),
        required=False,
        choices=[("relevance", _("按相关度")), ("date", _("按发布日期"))],
    )

    def __init__(self, *args, **kwargs):
        from gongkai.agencies.models import Agency
        from gongkai.documents.models import DocumentType, Validity

        super().__init__(*args, **kwargs)
        everything = [("", _("全部"))]
        self.fields["agency"].choices = everything + list(
            Agency.objects.active().choices_in_hierarchy_order()
        )
        self.fields["type"].choices = everything + list(DocumentType.choices)
        self.fields["validity"].choices = everything + list(Validity.choices)

    def has_filters(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in ("agency", "type", "year", "validity"))
