"""Public forms of e-mail subscriptions (gongkai/subscriptions): subscribe to a topic, and
"答复时邮件通知我" on a progress page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai import limits
from gongkai.portal.one_time_forms import OneTimeForm
from gongkai.portal.plain_forms import PlainErrors

EMAIL_HELP = _(
    "我们先发一封确认邮件，您打开其中的链接确认后才会收到订阅邮件。每封邮件都有退订链接。"
)


class SubscribeForm(PlainErrors, OneTimeForm):
    email = forms.EmailField(label=_("电子邮箱"), max_length=254, help_text=EMAIL_HELP)
    keyword = forms.CharField(
        label=_("关键词"),
        max_length=limits.SUBSCRIPTION_KEYWORD,
        required=False,
        help_text=_("新发布的信息中含有这个词时通知您，例如“疫苗”“医保”。"),
    )

    def __init__(self, *args, wants_keyword: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if wants_keyword:
            self.fields["keyword"].required = True
        else:
            del self.fields["keyword"]


class CaseNoticeForm(PlainErrors, OneTimeForm):
    email = forms.EmailField(label=_("电子邮箱"), max_length=254, help_text=EMAIL_HELP)
    case = forms.CharField(widget=forms.HiddenInput)
