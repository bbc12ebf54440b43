"""Console forms. They parse and explain input; the rules themselves live in the domain apps."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_prose_editor.widgets import ProseEditorWidget

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.catalogue import rules as catalogue_rules
from gongkai.catalogue.models import AgencyItem
from gongkai.documents import rules
from gongkai.documents.models import Document, Validity

# The editor's extensions, chosen so that it produces only what documents.rules.clean_body
# keeps (tests/test_record_body_editor.py checks the two stay in step). Its schema also turns
# a paste from Word into these elements; the server-side sanitiser still has the last word.
BODY_EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Subscript": True,
    "Superscript": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
}

ISSUER_SEPARATORS = ("\n", "、", ",", "，", ";", "；")


def split_issuers(text: str) -> list[str]:
    for separator in ISSUER_SEPARATORS[1:]:
        text = text.replace(separator, "\n")
    return [part.strip() for part in text.splitlines() if part.strip()]


def catalogue_choices(agency: Agency | int, *, elements: bool = True) -> list:
    """The agency's (or the agency id's) catalogue as `<optgroup>`s, one per category named by
    its name.

    Basic categories come before the special ones (catalogue.rules.category_sort_key); each
    option reads name first, code last, so that typing a word finds it. With `elements`, each
    item is followed by its elements (“item · element (N working days)”).
    """
    items = (
        AgencyItem.objects.filter(catalogue__agency=agency)
        .applicable()
        .only("pk", "code", "name", "category_code", "category_name", "elements", "time_limit_days")
    )
    groups: dict[tuple[str, str], list] = {}
    for item in items:
        options = groups.setdefault((item.category_code, item.category_name), [])
        label = _("%(name)s（%(code)s）") % {"name": item.name, "code": item.code}
        if not elements:
            options.append((str(item.pk), label))
            continue
        options.append(
            (
                f"{item.pk}:",
                _("%(item)s · %(days)s个工作日") % {"item": label, "days": item.time_limit_days},
            )
        )
        for element in item.elements or []:
            options.append(
                (
                    f"{item.pk}:{element['name']}",
                    _("%(item)s · %(element)s · %(days)s个工作日")
                    % {
                        "item": label,
                        "element": element["name"],
                        "days": element.get("time_limit_days", item.time_limit_days),
                    },
                )
            )
    ordered = sorted(groups.items(), key=lambda pair: catalogue_rules.category_sort_key(pair[0][0]))
    return [(name, options) for (_code, name), options in ordered]


INDEX_NUMBER_LENGTH = Document._meta.get_field("index_number").max_length


def make_catalogue_filterable(field: forms.Field) -> None:
    """Mark a catalogue select for console/catalogue-filter.js (a search box above it)."""
    field.widget.attrs.update(
        {
            "data-option-filter": "",
            "data-filter-label": _("按名称或编码查找目录事项"),
            "data-filter-count": _("找到 {n} 项"),
        }
    )


class DocumentForm(forms.ModelForm):
    # The form's sections, in reading order; every field belongs to exactly one.
    FIELDSETS = (
        (
            gettext_lazy("基本信息"),
            (
                "title",
                "document_number",
                "issuers_text",
                "document_type",
                "topic",
                "catalogue_entry",
                "formed_on",
                "changed_on",
                "decision_count",
            ),
        ),
        (
            gettext_lazy("公开属性"),
            ("attribute", "scope", "withholding_basis", "withholding_reason"),
        ),
        (gettext_lazy("有效性"), ("effective_on",)),
        (gettext_lazy("正文和附件"), ("summary", "body")),
        (
            gettext_lazy("解读"),
            ("interpretation_form", "interpreter_role", "interpreter_name", "interpreter_post"),
        ),
    )

    catalogue_entry = forms.ChoiceField(
        label=gettext_lazy("公开目录事项"),
        help_text=gettext_lazy(
            "信息在本机关公开目录中的位置。所选事项或要素的公开时限决定应公开日期；"
            "但行政许可、行政处罚决定不论选择哪个要素，均自作出决定之日起7个工作日内公开（双公示）。"
        ),
    )
    decision_count = forms.IntegerField(
        label=gettext_lazy("决定数量"),
        required=False,
        min_value=1,
        initial=1,
        error_messages={
            "invalid": gettext_lazy("决定数量必须是不小于1的整数。"),
            "min_value": gettext_lazy("决定数量必须是不小于1的整数。"),
        },
        help_text=gettext_lazy(
            "仅行政许可、行政处罚、行政强制决定填写：一条信息列出多个决定的（如汇总公示表），"
            "填写决定的个数，年度报告“本年处理决定数量”按此合计。其他类型的信息保持为1。"
        ),
    )
    issuers_text = forms.CharField(
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("发文机关"),
        help_text=gettext_lazy("一个或多个，联合发文时用顿号或换行分隔。"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Document
        formfield_callback = limits.model_form_field
        fields = [
            "title",
            "document_number",
            "document_type",
            "topic",
            "formed_on",
            "decision_count",
            "changed_on",
            "effective_on",
            "summary",
            "body",
            "attribute",
            "scope",
            "withholding_basis",
            "withholding_reason",
            "interpretation_form",
            "interpreter_role",
            "interpreter_name",
            "interpreter_post",
        ]
        widgets = {
            "formed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "changed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "effective_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
            # Without JavaScript it is the plain textarea it renders as.
            "body": ProseEditorWidget(
                attrs={"rows": 14},
                config={"extensions": BODY_EDITOR_EXTENSIONS},
                preset="configurable",
            ),
            "withholding_reason": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "formed_on": gettext_lazy(
                "信息形成之日，公开时限从次日起算，不能晚于今天。行政许可、行政处罚、行政强制决定以成文日期作为决定日期，"
                "填写作出决定之日：年度报告按此日期所在年度统计“本年处理决定数量”。"
            ),
            "changed_on": gettext_lazy(
                "信息变更的，填写变更之日，公开时限从变更之日次日起算，不能晚于今天。"
            ),
            "title": gettext_lazy("文件的完整标题。"),
            "document_type": gettext_lazy("规章、行政规范性文件和其他政策文件须同步发布政策解读。"),
            "body": gettext_lazy("可使用段落、标题、列表、表格和链接；脚本和样式会被清除。"),
            "attribute": gettext_lazy(
                "起草时确定。主动公开的信息发布后在门户网站显示；依申请公开和不予公开的只登记，不对外显示。"
            ),
            "scope": gettext_lazy("删减后公开的，须写明删减的依据和理由（条例第三十七条）。"),
            "withholding_basis": gettext_lazy("非全文主动公开时必填。"),
            "withholding_reason": gettext_lazy("非全文主动公开时必填，写明具体理由。"),
            "interpretation_form": gettext_lazy("仅政策解读填写。"),
            "interpreter_role": gettext_lazy(
                "仅政策解读填写：谁解读了这项政策。主要负责人是第一解读人，"
                "上级机关按年统计负责同志的解读。"
            ),
            "interpreter_name": gettext_lazy("解读人姓名；起草部门解读的，填写部门名称。"),
            "interpreter_post": gettext_lazy("例如：党组书记、主任。"),
        }

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["catalogue_entry"].choices = [("", _("请选择…")), *catalogue_choices(agency)]
        make_catalogue_filterable(self.fields["catalogue_entry"])
        self.fields["body"].required = False
        for name in ("formed_on", "changed_on", "effective_on"):
            self.fields[name].input_formats = ["%Y-%m-%d"]
        # The services refuse these dates after today; the browser's date picker stops there.
        today = timezone.localdate().isoformat()
        for name in ("formed_on", "changed_on"):
            self.fields[name].widget.attrs["max"] = today
        self.order_fields(
            [
                "title",
                "document_number",
                "issuers_text",
                "document_type",
                "topic",
                "catalogue_entry",
            ]
        )
        if self.instance.pk:
            self.initial["catalogue_entry"] = (
                f"{self.instance.catalogue_item_id}:{self.instance.catalogue_element}"
            )
            self.initial["issuers_text"] = "、".join(
                issuer.name for issuer in self.instance.issuers.all()
            )

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        """(legend, bound fields) per section, for the template's <fieldset>s."""
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def clean_catalogue_entry(self):
        raw = self.cleaned_data["catalogue_entry"]
        item_id, _sep, element = raw.partition(":")
        item = AgencyItem.objects.filter(pk=item_id, catalogue__agency=self.agency).first()
        if item is None:
            raise forms.ValidationError(_("请选择本机关公开目录中的事项。"))
        self.cleaned_data["catalogue_item"] = item
        self.cleaned_data["catalogue_element"] = element
        return raw

    def clean(self):
        cleaned = super().clean()
        for field, message in rules.attribute_problems(
            attribute=cleaned.get("attribute", ""),
            scope=cleaned.get("scope", ""),
            basis=cleaned.get("withholding_basis", ""),
            reason=cleaned.get("withholding_reason", ""),
        ).items():
            self.add_error(field, message)
        return cleaned

    def domain_values(self) -> dict:
        values = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        values["catalogue_item"] = self.cleaned_data["catalogue_item"]
        values["catalogue_element"] = self.cleaned_data["catalogue_element"]
        values["body"] = values.get("body") or ""
        values["decision_count"] = values.get("decision_count") or 1  # left blank: one
        for optional in (
            "document_number",
            "withholding_basis",
            "withholding_reason",
            "interpretation_form",
            "interpreter_role",
            "interpreter_name",
            "interpreter_post",
        ):
            values[optional] = values.get(optional) or ""
        return values

    def issuers(self) -> list[str]:
        return split_issuers(self.cleaned_data.get("issuers_text", ""))


class CommentsForm(forms.Form):
    comments = forms.CharField(
        max_length=limits.REASON,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("审核意见"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PublishForm(forms.Form):
    interpretation_waiver = forms.CharField(
        max_length=limits.REASON,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("不作解读的理由"),
        required=False,
        help_text=gettext_lazy("政策文件没有同步提交政策解读时，由审核员填写。"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        max_length=limits.REASON,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("撤回理由"),
        help_text=gettext_lazy(
            "理由将在门户网站上向公众显示。行政处罚决定被变更、撤销的，应在三日内撤回并说明（行政处罚法第四十八条）。"
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label=gettext_lazy("有效性"), choices=Validity.choices)
    changed_on = forms.DateField(
        label=gettext_lazy("修改、废止或失效日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d"],
    )
    by_index_number = forms.CharField(
        max_length=INDEX_NUMBER_LENGTH,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("修改或废止它的文件的索引号"),
        required=False,
        help_text=gettext_lazy("可选。填写后两份文件相互链接。"),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("附件"),
        help_text=gettext_lazy("PDF、DOCX、XLSX 或图片，按文件内容检查类型。"),
    )


class LinkForm(forms.Form):
    target_index_number = forms.CharField(
        max_length=INDEX_NUMBER_LENGTH,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("被解读政策文件的索引号或编号"),
        help_text=gettext_lazy(
            "填写政策文件的索引号；尚未发布的文件填写其编号（地址栏中的数字）。"
        ),
    )


class ImportForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=gettext_lazy("导入到机关"), queryset=Agency.objects.none()
    )
    file = forms.FileField(
        label=gettext_lazy("表格文件"),
        help_text=gettext_lazy("XLSX 或 CSV（UTF-8），第一行为列名，列说明见下方。"),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class AgencyGuideForm(forms.ModelForm):
    office_online_contact = forms.URLField(
        label=gettext_lazy("互联网联系方式"),
        required=False,
        assume_scheme="https",
        max_length=Agency._meta.get_field("office_online_contact").max_length,
        error_messages=limits.TOO_LONG,
    )

    class Meta:
        model = Agency
        formfield_callback = limits.model_form_field
        fields = [
            "office_name",
            "office_address",
            "office_hours",
            "office_telephone",
            "office_fax",
            "office_email",
            "office_online_contact",
            "office_postcode",
            "guide_arrangement",
            "guide_access",
            "review_body",
            "court",
        ]
        widgets = {
            "guide_arrangement": forms.Textarea(attrs={"rows": 4}),
            "guide_access": forms.Textarea(attrs={"rows": 4}),
        }
