"""Forms of the information-application pages in the console: registration (条例第三十一条)
and one small form per action on a case (consultations, the Art.35 delay and the reply are
in foi_clock_forms.py). Every date is a day something happened: never after today."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai import limits
from gongkai.agencies.models import Agency, Role
from gongkai.foi.models import CaseKind, CaseResult, FeeMethod, FeeNoticeService
from gongkai.foi.receipt import Channel
from gongkai.portal.foi_forms import ApplicationForm

# ISO format: a type="date" input rejects the locale's 2026/11/23 and would show empty.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PastDateField(forms.DateField):
    """A day something happened (received, signed, sent, paid, decided): not after today.

    A future receipt date would start the clock ahead of time and leave the case with
    nothing to do; a future action date would put the log ahead of the facts.
    """

    def validate(self, value) -> None:
        super().validate(value)
        today = timezone.localdate()
        if value and value > today:
            raise ValidationError(
                _("不能晚于今天（%(today)s）。"), code="future", params={"today": today.isoformat()}
            )


def date_field(label, required=True, *, past=True):
    """A date input; `past` (the default) refuses a day after today. A date that is set ahead,
    such as an Art.35 delayed reply date, passes past=False."""
    field = PastDateField if past else forms.DateField
    return field(label=label, required=required, widget=DATE_WIDGET, input_formats=["%Y-%m-%d"])


def error_summary(form: forms.Form) -> str:
    """Every error of a bound form after the label of its field, for a one-line message."""
    parts = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        for error in errors:
            if field is None:
                parts.append(str(error))
            else:
                parts.append(_("%(field)s：%(error)s") % {"field": field.label, "error": error})
    return " ".join(parts)


class RegisterForm(ApplicationForm):
    """Staff registration: the public form plus the channel and its dates (条例第三十一条)."""

    channel = forms.ChoiceField(label=gettext_lazy("提交方式"), choices=Channel.choices)
    submitted_on = date_field(gettext_lazy("提交（送达）日期"))
    signed_on = date_field(gettext_lazy("签收日期（需签收的邮件）"), required=False)
    arrived_on = date_field(
        gettext_lazy("到达日期（平常信函、网上、传真：到达本机关之日）"), required=False
    )
    confirmed_on = date_field(
        gettext_lazy("确认日期（平常信函、网上、传真：与申请人确认之日）"), required=False
    )
    confirmation_delay_reason = forms.CharField(
        max_length=limits.REASON,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("未在到达当日确认的原因"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("确认日期晚于到达日期时必填；该申请将提示审核人和上级机关。"),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        del self.fields["confirm"]
        self.order_fields(
            [
                "agency",
                "channel",
                "submitted_on",
                "signed_on",
                "arrived_on",
                "confirmed_on",
                "confirmation_delay_reason",
            ]
        )


class DateNoteForm(forms.Form):
    on = date_field(gettext_lazy("日期"))
    note = forms.CharField(
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SupplementForm(forms.Form):
    on = date_field(gettext_lazy("告知日期"))
    items = forms.CharField(
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("需要补正的全部事项"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    deadline_days = forms.IntegerField(
        label=gettext_lazy("补正期限（工作日）"), min_value=1, max_value=30, initial=10
    )


class ExtendForm(forms.Form):
    on = date_field(gettext_lazy("延期日期"))
    days = forms.IntegerField(
        label=gettext_lazy("延长工作日数"), min_value=1, max_value=20, initial=20
    )
    approved_by = forms.CharField(label=gettext_lazy("批准人（工作机构负责人）"), max_length=100)


FEE_SERVICE_LATER = [("", gettext_lazy("尚未送达，收到回执后另行登记"))]


class FeeForm(forms.Form):
    on = date_field(gettext_lazy("收费通知日期"))
    method = forms.ChoiceField(label=gettext_lazy("计费方式"), choices=FeeMethod.choices)
    quantity = forms.IntegerField(label=gettext_lazy("件数或页数"), min_value=1)
    service = forms.ChoiceField(
        label=gettext_lazy("送达方式"),
        choices=FEE_SERVICE_LATER + FeeNoticeService.choices,
        required=False,
        help_text=gettext_lazy(
            "当面交付或即时在线送达的，可一并登记；邮寄的，待签收回执返回后登记。"
        ),
    )
    received_on = date_field(gettext_lazy("申请人收到收费通知的日期"), required=False)


class FeeServiceForm(forms.Form):
    """收费通知送达: the payment period runs from the day after `received_on` (109号)."""

    service = forms.ChoiceField(label=gettext_lazy("送达方式"), choices=FeeNoticeService.choices)
    received_on = date_field(gettext_lazy("申请人收到收费通知的日期"))
    note = forms.CharField(
        label=gettext_lazy("说明"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("邮寄的，填写邮件号或回执情况；更正已登记的日期时须写明原因。"),
    )


class FeePaidForm(forms.Form):
    on = date_field(gettext_lazy("缴费日期"))
    amount = forms.IntegerField(label=gettext_lazy("实收金额（元）"), min_value=0)


class CommentsForm(forms.Form):
    comments = forms.CharField(
        max_length=limits.REASON,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("退回意见"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SplitForm(forms.Form):
    matters = forms.CharField(
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("拆分后的事项（每行一项）"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("第一行保留在本申请中，其余每行生成一件新申请（一事一申请）。"),
    )


class HandlerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class AssignForm(forms.Form):
    handler = HandlerChoiceField(
        label=gettext_lazy("承办人"), queryset=get_user_model().objects.none()
    )

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = (
            get_user_model()
            .objects.filter(memberships__agency=agency, memberships__role=Role.FOI_HANDLER)
            .distinct()
        )


class RemedyForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=CaseKind.choices)
    filed_on = date_field(gettext_lazy("立案（申请）日期"))
    authority = forms.CharField(
        label=gettext_lazy("复议机关或法院"), max_length=200, required=False
    )


class RemedyResultForm(forms.Form):
    result = forms.ChoiceField(label=gettext_lazy("结果"), choices=CaseResult.choices)
    concluded_on = date_field(gettext_lazy("审结日期"), required=False)
