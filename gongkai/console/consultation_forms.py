"""Forms of the consultation pages in the console."""

from django import forms
from django.utils.translation import gettext_lazy

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.catalogue.models import AgencyItem
from gongkai.documents.models import Document, Topic
from gongkai.participation.models import (
    CommentSource,
    ContactRule,
    Disposition,
    Moderation,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(label, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE_WIDGET,
        input_formats=["%Y-%m-%d"],
        help_text=help_text,
    )


def _text(label, *, max_length, rows=3, required=True, help_text=""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        error_messages=limits.TOO_LONG,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class ConsultationForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("征求意见稿标题"),
        max_length=300,
        help_text=gettext_lazy("例如：某县基层医疗卫生机构管理办法（征求意见稿）。"),
    )
    document_number = forms.CharField(label=gettext_lazy("文号"), max_length=100, required=False)
    topic = forms.ChoiceField(label=gettext_lazy("主题分类"), choices=Topic.choices)
    catalogue_item = forms.ModelChoiceField(
        label=gettext_lazy("公开目录事项"),
        queryset=AgencyItem.objects.none(),
        help_text=gettext_lazy("征求意见稿和意见采纳情况反馈在本机关公开目录中的位置。"),
    )
    summary = _text(gettext_lazy("内容概述"), max_length=limits.RECORD_SUMMARY, rows=2)
    background = _text(gettext_lazy("起草背景"), max_length=limits.STAFF_TEXT)
    basis = _text(gettext_lazy("起草依据"), max_length=limits.STAFF_TEXT)
    main_content = _text(gettext_lazy("主要内容"), max_length=limits.LONG_SECTION, rows=4)
    clauses_text = _text(
        gettext_lazy("征求意见稿正文"),
        max_length=limits.RECORD_BODY,
        rows=14,
        help_text=gettext_lazy(
            "按条款分段：以“第一条”“第二条”开头的行各为一条；没有条的，以“一、”“1.”开头的行"
            "或空行分段。公众可以对每一条分别提出意见。"
        ),
    )
    opens_on = _date(gettext_lazy("征求意见开始日期"))
    closes_on = _date(gettext_lazy("征求意见截止日期"))
    short_period_reason = _text(
        gettext_lazy("期限较短的理由"),
        max_length=limits.REASON,
        rows=2,
        required=False,
        help_text=gettext_lazy("征求意见期限短于本机关规定的最短天数时必填，并在页面上公开。"),
    )
    moderation = forms.ChoiceField(
        label=gettext_lazy("意见公开方式"), choices=Moderation.choices, initial=Moderation.BEFORE
    )
    name_rule = forms.ChoiceField(
        label=gettext_lazy("姓名或单位"), choices=ContactRule.choices, initial=ContactRule.OPTIONAL
    )
    contact_rule = forms.ChoiceField(
        label=gettext_lazy("联系方式（不公开）"),
        choices=ContactRule.choices,
        initial=ContactRule.OPTIONAL,
    )
    how_to_comment = _text(
        gettext_lazy("其他提交方式"),
        max_length=limits.STAFF_TEXT,
        rows=2,
        required=False,
        help_text=gettext_lazy("信函地址、电子邮箱等，显示在公开页面上。"),
    )

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["catalogue_item"].queryset = AgencyItem.objects.filter(
            catalogue__agency=agency
        ).applicable()
        self.fields["catalogue_item"].label_from_instance = lambda item: f"{item.code} {item.name}"

    def draft_values(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in ("title", "document_number", "topic", "catalogue_item", "summary")
        }

    def consultation_values(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "background",
                "basis",
                "main_content",
                "opens_on",
                "closes_on",
                "short_period_reason",
                "moderation",
                "name_rule",
                "contact_rule",
                "how_to_comment",
            )
        }


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("审核结果"),
        choices=[
            ("publish", gettext_lazy("公开")),
            ("keep_private", gettext_lazy("不公开（作为意见处理）")),
            ("reject", gettext_lazy("拒绝（违法或不文明内容）")),
        ],
    )
    reason = forms.CharField(
        label=gettext_lazy("说明（拒绝时必填）"),
        max_length=limits.REASON,
        error_messages=limits.TOO_LONG,
        required=False,
    )


class ReviewReportForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("复核结果"),
        choices=[
            ("keep", gettext_lazy("保留公开（举报不成立）")),
            ("hide", gettext_lazy("隐藏（理由将公开显示）")),
        ],
    )
    reason = forms.CharField(
        label=gettext_lazy("隐藏理由（隐藏时必填，公开显示为“该意见因……已被隐藏”）"),
        max_length=200,
        required=False,
    )


class DisposeForm(forms.Form):
    disposition = forms.ChoiceField(label=gettext_lazy("采纳情况"), choices=Disposition.choices)
    reason = _text(
        gettext_lazy("理由（部分采纳或不予采纳时必填）"),
        max_length=limits.REASON,
        rows=2,
        required=False,
    )


class GroupForm(forms.Form):
    lead = forms.IntegerField(
        label=gettext_lazy("合并到第几号意见"),
        min_value=1,
        help_text=gettext_lazy("相同意见合并处理，采纳情况随所合并到的意见。"),
    )


class RecordCommentForm(forms.Form):
    source = forms.ChoiceField(
        label=gettext_lazy("意见来源"),
        choices=[(v, label) for v, label in CommentSource.choices if v != CommentSource.WEB],
    )
    source_detail = forms.CharField(
        label=gettext_lazy("来源说明"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("座谈会、论证会、听证会须写明时间和名称。"),
    )
    received_on = _date(gettext_lazy("收到日期"), required=False)
    clause = forms.TypedChoiceField(
        label=gettext_lazy("针对条款"), coerce=int, empty_value=None, required=False
    )
    commenter_name = forms.CharField(
        label=gettext_lazy("姓名或单位"), max_length=100, required=False
    )
    contact = forms.CharField(
        label=gettext_lazy("联系方式（不公开）"), max_length=200, required=False
    )
    body = _text(gettext_lazy("意见内容"), max_length=limits.COMMENT_BODY, rows=4)
    make_public = forms.BooleanField(label=gettext_lazy("在网站上公开该意见"), required=False)

    def __init__(self, *args, clause_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clause"].choices = clause_choices


class FinalDocumentForm(forms.Form):
    document = forms.ModelChoiceField(
        label=gettext_lazy("正式印发的文件"), queryset=Document.objects.none()
    )

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = (
            Document.objects.published()
            .filter(agency=agency)
            .exclude(document_type__in=["consultation_draft", "consultation_feedback"])
            .order_by("-published_at")
        )
        self.fields["document"].label_from_instance = lambda d: f"{d.index_number} {d.title}"
