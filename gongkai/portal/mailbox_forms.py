"""Public forms of the mailbox (留言、领导信箱、咨询、投诉、建议)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.participation.models import MessageCategory
from gongkai.portal.one_time_forms import OneTimeForm
from gongkai.portal.plain_forms import PhoneField, PlainErrors


class AgencyCodeField(forms.ModelChoiceField):
    """An active agency chosen by its code, so that links can preselect it (?agency=CODE)."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Agency.objects.none(), to_field_name="code", **kwargs)

    def label_from_instance(self, obj) -> str:
        return obj.name


class MessageForm(PlainErrors, OneTimeForm):
    agency = AgencyCodeField(
        label=_("写给哪个机关"),
        help_text=_("请选择负责该事项的机关。如选错，机关会转给负责的机关办理。"),
    )
    category = forms.ChoiceField(label=_("留言类别"), choices=MessageCategory.choices)
    subject = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(
        label=_("留言内容"),
        max_length=limits.MESSAGE_BODY,
        error_messages=limits.TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("请写明具体事项和诉求，不超过5000字。"),
    )
    sender_name = forms.CharField(label=_("姓名"), max_length=100)
    phone = PhoneField(
        label=_("联系电话"),
        help_text=_("手机号码或带区号的固定电话，仅供工作人员联系您，不会公开。"),
    )
    email = forms.EmailField(label=_("电子邮箱"), required=False, help_text=_("选填，不会公开。"))
    wants_public = forms.BooleanField(
        label=_("我同意公开这条留言和答复"),
        required=False,
        help_text=_(
            "公开时不显示您的姓名和联系方式，工作人员可能删去其中的个人信息；"
            "是否公开由机关最终决定。不同意公开也会得到答复，您可凭查询码查看。"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.active().in_hierarchy_order()


class LookupForm(PlainErrors, forms.Form):
    query_code = forms.CharField(
        label=_("查询码"),
        max_length=16,
        help_text=_("提交留言后得到的10位查询码，不区分大小写。"),
    )


class MessageFilterForm(forms.Form):
    """Filters of the published messages; every field optional, bad values are ignored."""

    agency = forms.ChoiceField(label=_("机关"), required=False)
    category = forms.ChoiceField(label=_("留言类别"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("全部"))]
        self.fields["agency"].choices = everything + list(
            Agency.objects.active().choices_in_hierarchy_order()
        )
        self.fields["category"].choices = everything + list(MessageCategory.choices)


class StatisticsFilterForm(forms.Form):
    agency = forms.ChoiceField(label=_("机关"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.active().choices_in_hierarchy_order()
        self.fields["agency"].choices = [("", _("全部机关")), *agencies]
