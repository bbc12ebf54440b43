"""Forms of the new-media pages of the console. They parse; the rules are newmedia's."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai import limits
from gongkai.newmedia.models import Account, Platform


class AccountForm(forms.Form):
    platform = forms.ChoiceField(label=_("平台"), choices=Platform.choices)
    name = forms.CharField(label=_("账号名称"), max_length=100)
    account_id = forms.CharField(label=_("账号ID"), max_length=100)
    operator = forms.CharField(label=_("运维单位"), max_length=200)
    purpose = forms.CharField(
        label=_("功能定位"), widget=forms.Textarea(attrs={"rows": 3}), max_length=limits.REASON
    )
    public_url = forms.URLField(
        label=_("账号主页地址"), required=False, max_length=500, assume_scheme="https"
    )
    feed_url = forms.URLField(
        label=_("订阅源地址（RSS/Atom）"),
        required=False,
        assume_scheme="https",
        max_length=500,
        help_text=Account._meta.get_field("feed_url").help_text,
    )


class ChangeForm(AccountForm):
    platform = None  # another platform is another account
    reason = forms.CharField(
        label=_("变更理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=limits.REASON
    )


class ClosingForm(forms.Form):
    reason = forms.CharField(
        label=_("注销理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=limits.REASON
    )


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("审批意见（不予批准时必填）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limits.REASON,
    )


class FilingForm(forms.Form):
    filing_number = forms.CharField(label=_("备案编号"), required=False, max_length=100)
    filed_on = forms.DateField(
        label=_("备案日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class UpdateForm(forms.Form):
    updated_on = forms.DateField(
        label=_("最近更新日期"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ReleaseForm(forms.Form):
    account = forms.TypedChoiceField(label=_("发布账号"), coerce=int)
    released_at = forms.DateTimeField(
        label=_("发布时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    post_url = forms.URLField(
        label=_("发布地址"), required=False, max_length=500, assume_scheme="https"
    )

    def __init__(self, *args, accounts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].choices = [(a.pk, str(a)) for a in accounts]
