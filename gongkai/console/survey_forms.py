"""Console forms of surveys and hearings. They parse input; the rules are in
gongkai/surveys/rules.py and gongkai/participation/hearing_services.py."""

from django import forms
from django.utils.translation import gettext_lazy

from gongkai import limits
from gongkai.console.opinion_forms import datetime_field, text_area
from gongkai.documents.models import Document, Status
from gongkai.participation.models import (
    Consultation,
    HearingKind,
    ParticipantRole,
    SelectionRule,
)
from gongkai.surveys.models import QuestionKind, RespondentRule
from gongkai.surveys.rules import QuestionSpec


class SurveyForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("调查名称"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("调查说明"), max_length=limits.REASON, widget=text_area(4)
    )
    opens_at = datetime_field(gettext_lazy("开始时间"))
    closes_at = datetime_field(gettext_lazy("截止时间"))
    respondent_rule = forms.ChoiceField(
        label=gettext_lazy("每人一份的方式"),
        choices=RespondentRule.choices,
        initial=RespondentRule.BROWSER,
    )
    network_daily_cap = forms.IntegerField(
        label=gettext_lazy("同一网络每日答卷上限"), min_value=1, max_value=100000, initial=30
    )
    decision_document = forms.ModelChoiceField(
        label=gettext_lazy("所服务的决策文件"), queryset=Document.objects.none(), required=False
    )
    consultation = forms.ModelChoiceField(
        label=gettext_lazy("相关征求意见"), queryset=Consultation.objects.none(), required=False
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_document"].queryset = Document.objects.filter(
            agency=agency, status=Status.PUBLISHED
        ).order_by("-published_at")[:300]
        self.fields["consultation"].queryset = (
            Consultation.objects.published().filter(agency=agency).select_related("draft")
        )


class QuestionForm(forms.Form):
    # Blank questions are left out (the formset always offers two), so the text is checked in
    # clean(): only a question with options but no text is an error.
    text = forms.CharField(label=gettext_lazy("题目"), max_length=300, required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("题型"), choices=QuestionKind.choices, initial=QuestionKind.SINGLE
    )
    is_required = forms.BooleanField(label=gettext_lazy("必答"), required=False, initial=True)
    options = forms.CharField(
        label=gettext_lazy("选项（每行一个）"),
        required=False,
        max_length=limits.REASON,  # up to 20 options (rules.MAX_OPTIONS) of 100 characters
        widget=text_area(4),
        help_text=gettext_lazy("单选题、多选题填写，至少两个。"),
    )
    max_choices = forms.IntegerField(
        label=gettext_lazy("最多可选（多选题，选填）"), required=False, min_value=1
    )
    scale_low_label = forms.CharField(
        label=gettext_lazy("1分表示（量表题）"), max_length=20, required=False
    )
    scale_high_label = forms.CharField(
        label=gettext_lazy("5分表示（量表题）"), max_length=20, required=False
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("text") and (cleaned.get("options") or "").strip():
            self.add_error("text", gettext_lazy("请填写题目。"))
        return cleaned

    def spec(self, number: int) -> QuestionSpec:
        data = self.cleaned_data
        options = tuple(line.strip() for line in data["options"].splitlines() if line.strip())
        return QuestionSpec(
            number=number,
            text=data["text"],
            kind=data["kind"],
            is_required=data["is_required"],
            options=options,
            max_choices=data["max_choices"],
            scale_low_label=data["scale_low_label"],
            scale_high_label=data["scale_high_label"],
        )


QuestionFormSet = forms.formset_factory(QuestionForm, extra=2, can_delete=True, max_num=60)


class ResultsNoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("结果说明（调查结果如何用于决策）"),
        max_length=limits.REASON,
        required=False,
        widget=text_area(4),
    )


class HearingForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("会议类型"), choices=HearingKind.choices)
    topic = forms.CharField(label=gettext_lazy("会议议题"), max_length=200)
    held_at = datetime_field(gettext_lazy("举行时间"))
    place = forms.CharField(label=gettext_lazy("地点"), max_length=200)
    registration_opens_at = datetime_field(gettext_lazy("报名开始时间"))
    registration_closes_at = datetime_field(gettext_lazy("报名截止时间"))
    seats = forms.IntegerField(label=gettext_lazy("公众参加人名额"), min_value=1, max_value=1000)
    selection_rule = forms.ChoiceField(
        label=gettext_lazy("遴选方式"), choices=SelectionRule.choices
    )
    notes = forms.CharField(
        label=gettext_lazy("报名须知"), required=False, max_length=limits.REASON, widget=text_area()
    )


class ParticipantForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("角色"), choices=ParticipantRole.choices)
    registration = forms.TypedChoiceField(
        label=gettext_lazy("入选的报名人"), coerce=int, empty_value=None, required=False
    )
    name = forms.CharField(label=gettext_lazy("姓名或单位"), max_length=100, required=False)
    show_name = forms.BooleanField(
        label=gettext_lazy("公开姓名或单位（主持人、专家、单位代表）"), required=False
    )

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].choices = [
            ("", gettext_lazy("不是公众报名人")),
            *[(r.pk, f"{r.code} {r.name}") for r in registrations],
        ]


class OpinionForm(forms.Form):
    participant = forms.TypedChoiceField(label=gettext_lazy("发言人"), coerce=int)
    clause = forms.TypedChoiceField(
        label=gettext_lazy("针对条款"), coerce=int, empty_value=None, required=False
    )
    body = forms.CharField(
        label=gettext_lazy("意见内容"), max_length=limits.COMMENT_BODY, widget=text_area(4)
    )

    def __init__(self, *args, participants=(), clauses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].choices = [
            (p.pk, f"{p.get_role_display()} {p.name}") for p in participants
        ]
        self.fields["clause"].choices = [
            ("", gettext_lazy("对征求意见稿整体")),
            *[(c.pk, c.heading or str(c.number)) for c in clauses],
        ]


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=gettext_lazy("会议纪要（听证笔录摘要）"),
        max_length=limits.LONG_SECTION,
        widget=text_area(8),
        help_text=gettext_lazy(
            "公布在征求意见页面上；公布前检查个人信息，公众报名人只写报名序号。"
        ),
    )


class CodesForm(forms.Form):
    count = forms.IntegerField(label=gettext_lazy("生成参与码的数量"), min_value=1, max_value=2000)
