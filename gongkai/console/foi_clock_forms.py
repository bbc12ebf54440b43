"""Console forms of an application's consultations (条例第三十二条、第三十四条), Art.35 delay and
reply; the rules they feed are in gongkai.foi (the services check everything again)."""

from django import forms
from django.utils.translation import gettext_lazy

# Dates of things that happened: never after today (issue #10, point 11).
from gongkai import limits
from gongkai.console.foi_forms import date_field
from gongkai.foi.consultations import ConsultationParty, ConsultationResult
from gongkai.foi.outcomes import NotHeldReason, Outcome


class ConsultationForm(forms.Form):
    on = date_field(gettext_lazy("发出征求意见书日期"))
    party_kind = forms.ChoiceField(
        label=gettext_lazy("征求意见的对象是"),
        choices=ConsultationParty.choices,
        initial=ConsultationParty.THIRD_PARTY,
        help_text=gettext_lazy(
            "第三方逾期未提出意见的，由本机关依法决定是否公开；共同制作信息的其他机关逾期未提出"
            "意见的，视为同意公开。"
        ),
    )
    party = forms.CharField(label=gettext_lazy("征求意见对象的名称"), max_length=200)


class ConsultationChoiceForm(forms.Form):
    """A form about one of the open consultations (chosen when there are several)."""

    consultation = forms.IntegerField(
        label=gettext_lazy("征求意见"), required=False, widget=forms.Select
    )

    def __init__(self, *args, consultations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].widget.choices = list(consultations)


class ConsultationReceiptForm(ConsultationChoiceForm):
    on = date_field(gettext_lazy("对方收到征求意见书的日期"))
    field_order = ["consultation", "on"]


class ConsultationEndForm(ConsultationChoiceForm):
    on = date_field(gettext_lazy("日期"))
    result = forms.ChoiceField(
        label=gettext_lazy("结果"),
        choices=ConsultationResult.choices,
        initial=ConsultationResult.ANSWERED,
    )
    note = forms.CharField(
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("意见摘要"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    decision = forms.CharField(
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("第三方逾期未提出意见时，本机关的决定（条例第三十二条）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    field_order = ["consultation", "on", "result", "note", "decision"]


class DelayForm(forms.Form):
    on = date_field(gettext_lazy("决定日期"))
    reason = forms.CharField(
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("延迟答复的理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "条例第三十五条：申请数量、频次明显超过合理范围，申请人说明的理由合理，但无法在"
            "第三十三条规定的期限内答复。"
        ),
    )
    until = date_field(gettext_lazy("延迟答复至（日期）"), required=False, past=False)
    days = forms.IntegerField(
        label=gettext_lazy("或者：自决定之日起的工作日数"),
        required=False,
        min_value=1,
        max_value=250,
    )


class ReplyForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("答复类型"),
        choices=[
            (value, label)
            for value, label in Outcome.choices
            if value not in ("other.1", "other.2")
        ],
    )
    already_public = forms.BooleanField(
        label=gettext_lazy("该信息已主动公开，告知获取方式（条例第三十六条第一项）"), required=False
    )
    not_held_reason = forms.ChoiceField(
        label=gettext_lazy("本机关不掌握的情形（只选一种）"),
        choices=[("", "—"), *NotHeldReason.choices],
        required=False,
    )
    responsible_agency = forms.CharField(
        label=gettext_lazy("负责公开该信息的机关（第三十六条第（五）项）"),
        max_length=200,
        required=False,
    )
    responsible_agency_contact = forms.CharField(
        label=gettext_lazy("该机关的联系方式"), max_length=300, required=False
    )
    responsible_agency_unknown = forms.BooleanField(
        label=gettext_lazy("无法确定负责公开的机关"), required=False
    )
    text = forms.CharField(
        max_length=limits.REPLY,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("答复内容"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
