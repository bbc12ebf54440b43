"""Console forms for public-opinion events. They parse input; the rules live in
participation.opinion and participation.opinion_services.

Times are entered with `<input type="datetime-local">` and read in the site's time zone
(settings.TIME_ZONE, Asia/Shanghai): Django makes the naive value aware in the current zone.
"""

from django import forms
from django.utils.translation import gettext_lazy

from gongkai import limits
from gongkai.participation.models import (
    OpinionSource,
    ResponseKind,
    Severity,
    VerificationRequest,
)

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


def datetime_field(label) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=DATETIME_WIDGET,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%dT%H:%M:%S"],
        help_text=gettext_lazy("北京时间，精确到分钟。"),
    )


def text_area(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class EventForm(forms.Form):
    agency = forms.ModelChoiceField(label=gettext_lazy("责任机关"), queryset=None)
    title = forms.CharField(label=gettext_lazy("事件名称"), max_length=200)
    source = forms.ChoiceField(label=gettext_lazy("来源"), choices=OpinionSource.choices)
    source_detail = forms.CharField(label=gettext_lazy("来源说明"), max_length=200, required=False)
    link = forms.URLField(
        label=gettext_lazy("链接"), max_length=500, required=False, assume_scheme="https"
    )
    summary = forms.CharField(
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("舆情摘要"),
        widget=text_area(4),
    )
    first_seen_at = datetime_field(gettext_lazy("首次发现时间"))
    severity = forms.ChoiceField(
        label=gettext_lazy("级别"),
        choices=Severity.choices,
        initial=Severity.GENERAL,
        help_text=gettext_lazy(
            "特别重大、重大突发事件：最迟24小时内举行新闻发布会；其他：48小时内回应。"
        ),
    )
    responsible_unit = forms.CharField(
        label=gettext_lazy("责任单位"),
        max_length=200,
        help_text=gettext_lazy("属地管理、分级负责、谁主管谁负责。"),
    )
    assessment = forms.CharField(
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("研判意见"),
        required=False,
        widget=text_area(),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if len(agencies) == 1:
            self.fields["agency"].initial = agencies[0].pk


class AssessmentForm(forms.Form):
    assessment = forms.CharField(
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("研判意见"),
        required=False,
        widget=text_area(),
    )
    responsible_unit = forms.CharField(label=gettext_lazy("责任单位"), max_length=200)


class EscalationForm(forms.Form):
    to_severity = forms.ChoiceField(label=gettext_lazy("新级别"), choices=Severity.choices)
    changed_at = datetime_field(gettext_lazy("调整时间"))
    reason = forms.CharField(
        max_length=limits.REASON,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("调整理由"),
        widget=text_area(2),
    )


class ResponseForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("回应方式"), choices=ResponseKind.choices)
    responded_at = datetime_field(gettext_lazy("回应时间"))
    summary = forms.CharField(
        max_length=limits.REPLY,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("回应内容"),
        widget=text_area(),
    )
    link = forms.URLField(
        label=gettext_lazy("链接"), max_length=500, required=False, assume_scheme="https"
    )


class VerificationForm(forms.Form):
    requester = forms.CharField(label=gettext_lazy("核实请求方"), max_length=200)
    question = forms.CharField(
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("核实内容"),
        widget=text_area(2),
    )
    requested_at = datetime_field(gettext_lazy("收到时间"))


class VerificationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: VerificationRequest) -> str:
        return f"{obj.requester}：{obj.question[:30]}"


class AnswerForm(forms.Form):
    verification = VerificationChoiceField(label=gettext_lazy("核实请求"), queryset=None)
    answered_at = datetime_field(gettext_lazy("答复时间"))
    answer = forms.CharField(
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("答复内容"),
        widget=text_area(2),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verification"].queryset = event.verification_requests.filter(
            answered_at__isnull=True
        )


class CloseForm(forms.Form):
    closing_note = forms.CharField(
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("办结说明"),
        required=False,
        widget=text_area(2),
        help_text=gettext_lazy("未登记回应的，须说明无需回应的理由。"),
    )
