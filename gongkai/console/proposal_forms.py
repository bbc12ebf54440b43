"""Console forms of suggestion and proposal handling. They parse input and run the domain's
checks in `clean()`, so every problem of a submission is shown in one round, in plain words
naming the field (portal.plain_forms); the rules live in gongkai.proposals.rules and services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.catalogue.models import AgencyItem
from gongkai.portal.plain_forms import PlainErrors
from gongkai.proposals import rules, services
from gongkai.proposals.models import (
    Classification,
    HandlingRole,
    Kind,
    PublicationMode,
    Satisfaction,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE_WIDGET, **kwargs)


def text_field(label, *, rows: int = 3, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def add_problems(form: forms.Form, problems: dict[str, str]) -> None:
    for field, message in problems.items():
        if field in form.fields and field not in form.errors:
            form.add_error(field, message)
        elif field not in form.fields:
            form.add_error(None, message)


class RegisterForm(PlainErrors, forms.Form):
    agency = forms.ModelChoiceField(
        label=gettext_lazy("承办机关"), queryset=Agency.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(label=gettext_lazy("类别"), choices=Kind.choices)
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=1990, max_value=2100)
    number = forms.CharField(
        label=gettext_lazy("编号"),
        max_length=40,
        help_text=gettext_lazy("交办文件上的建议或提案编号，如 第12号。"),
    )
    title = forms.CharField(label=gettext_lazy("标题"), max_length=300)
    members = forms.CharField(
        label=gettext_lazy("提出人"),
        max_length=300,
        help_text=gettext_lazy("代表或委员姓名，多人联名时用顿号分隔。"),
    )
    assigning_body = forms.CharField(
        label=gettext_lazy("交办机关"),
        max_length=200,
        help_text=gettext_lazy("如 县人大常委会人事代表工作委员会、县政协提案委员会。"),
    )
    role = forms.ChoiceField(
        label=gettext_lazy("承办方式"),
        choices=HandlingRole.choices,
        initial=HandlingRole.HOST,
        widget=forms.RadioSelect,
    )
    host_agency_name = forms.CharField(
        label=gettext_lazy("主办单位"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("协办的填写。"),
    )
    assigned_on = date_field(gettext_lazy("交办日期"))
    due_on = date_field(
        gettext_lazy("答复期限"),
        required=False,
        help_text=gettext_lazy("不填则为交办之日起三个月。"),
    )
    due_reason = text_field(
        gettext_lazy("调整期限的理由"),
        required=False,
        help_text=gettext_lazy("答复期限不是交办之日起三个月的必填，如重点督办件经同意延期。"),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["year"].initial = timezone.localdate().year

    def clean(self):
        data = super().clean()
        if "agency" in data:
            values = {**data, "number": data.get("number", ""), "kind": data.get("kind")}
            add_problems(self, services.register_problems(data["agency"], values))
        return data


class DeadlineForm(PlainErrors, forms.Form):
    due_on = date_field(gettext_lazy("答复期限"))
    due_reason = text_field(
        gettext_lazy("调整期限的理由"),
        required=False,
        help_text=gettext_lazy("答复期限不是交办之日起三个月的必填。"),
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal

    def clean(self):
        data = super().clean()
        if "due_on" in data:
            add_problems(
                self,
                rules.deadline_problems(
                    assigned_on=self.proposal.assigned_on,
                    due_on=data["due_on"],
                    reason=data.get("due_reason", ""),
                ),
            )
        return data


class ReplyForm(PlainErrors, forms.Form):
    classification = forms.ChoiceField(
        label=gettext_lazy("办理结果分类"), choices=Classification.choices, widget=forms.RadioSelect
    )
    replied_on = date_field(gettext_lazy("答复日期"))
    reply_letter = forms.FileField(
        label=gettext_lazy("答复函"),
        help_text=gettext_lazy("PDF、DOCX 或图片，按内容检查类型和大小。"),
    )
    reply_summary = text_field(gettext_lazy("答复摘要"), rows=4)
    reply_text = text_field(
        gettext_lazy("答复全文"),
        rows=10,
        required=False,
        help_text=gettext_lazy("全文公开时发布的正文；请删去代表委员的联系方式。"),
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal

    def clean(self):
        data = super().clean()
        problems = rules.reply_problems(
            classification=data.get("classification", ""),
            replied_on=data.get("replied_on"),
            assigned_on=self.proposal.assigned_on,
            today=timezone.localdate(),
            summary=data.get("reply_summary", ""),
            has_letter=bool(data.get("reply_letter")),
        )
        add_problems(self, problems)
        return data


class FeedbackForm(PlainErrors, forms.Form):
    satisfaction = forms.ChoiceField(
        label=gettext_lazy("代表委员意见"), choices=Satisfaction.choices, widget=forms.RadioSelect
    )
    feedback_on = date_field(gettext_lazy("反馈日期"))
    feedback_text = text_field(gettext_lazy("反馈意见"), required=False)

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal

    def clean(self):
        data = super().clean()
        add_problems(
            self,
            rules.feedback_problems(
                satisfaction=data.get("satisfaction", ""),
                feedback_on=data.get("feedback_on"),
                replied_on=self.proposal.replied_on,
                today=timezone.localdate(),
            ),
        )
        return data


class PublicationForm(PlainErrors, forms.Form):
    publication_mode = forms.ChoiceField(
        label=gettext_lazy("公开方式"), choices=PublicationMode.choices, widget=forms.RadioSelect
    )
    catalogue_item = forms.ModelChoiceField(
        label=gettext_lazy("公开目录事项"),
        queryset=AgencyItem.objects.none(),
        required=False,
        help_text=gettext_lazy("全文或摘要公开时必选。"),
    )
    publication_reason = text_field(
        gettext_lazy("不公开理由"), required=False, help_text=gettext_lazy("不公开的必填。")
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.fields["catalogue_item"].queryset = AgencyItem.objects.filter(
            catalogue__agency=proposal.agency
        ).applicable()
        self.fields["catalogue_item"].initial = services.suggested_catalogue_item(proposal.agency)

    def clean(self):
        data = super().clean()
        mode = data.get("publication_mode", "")
        add_problems(
            self,
            rules.publication_problems(
                mode=mode,
                reason=data.get("publication_reason", ""),
                reply_text=self.proposal.reply_text,
            ),
        )
        if mode in (PublicationMode.FULL, PublicationMode.SUMMARY) and not data.get(
            "catalogue_item"
        ):
            self.add_error("catalogue_item", gettext_lazy("请选择公开目录事项。"))
        return data
