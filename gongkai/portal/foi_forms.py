"""Public forms for information applications (依申请公开)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.foi import identity
from gongkai.foi.identity import IdType
from gongkai.foi.models import DeliveryForm
from gongkai.foi.outcomes import ApplicantType
from gongkai.portal.one_time_forms import OneTimeForm
from gongkai.portal.plain_forms import PhoneField, PlainErrors


class ApplicationForm(PlainErrors, forms.Form):
    required_messages = {
        "confirm": _("请勾选确认声明后再提交。"),
        "id_number": _("请填写证件号码。"),
    }
    conditional_notes = {
        "address": _("（选择邮寄时必填）"),
        "email": _("（选择电子邮件时必填）"),
    }

    agency = forms.ModelChoiceField(
        label=_("向哪个机关申请"),
        queryset=Agency.objects.none(),
        help_text=_("请选择制作或保存该信息的机关（条例第十条）。"),
    )
    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=ApplicantType.choices)
    applicant_name = forms.CharField(
        label=_("姓名或名称"),
        max_length=200,
        help_text=_("自然人填写姓名；法人或其他组织填写单位全称。"),
    )
    contact_person = forms.CharField(
        label=_("联系人"),
        max_length=100,
        required=False,
        help_text=_("法人或其他组织申请时填写经办人姓名。"),
    )
    id_type = forms.ChoiceField(label=_("证件类型"), choices=IdType.choices)
    id_number = forms.CharField(
        label=_("证件号码"),
        max_length=40,
        help_text=_("居民身份证号码或统一社会信用代码，系统会校验。"),
    )
    phone = PhoneField(
        label=_("联系电话"),
        help_text=_("手机号码或带区号的固定电话，查询办理进度时要用到。"),
    )
    email = forms.EmailField(
        label=_("电子邮箱"), required=False, help_text=_("选择以电子邮件获取信息时必填。")
    )
    address = forms.CharField(
        label=_("通信地址"),
        max_length=300,
        required=False,
        help_text=_("获取信息的方式选择纸质文本（邮寄）时必填，请写明省市县、街道和门牌号。"),
    )
    postcode = forms.CharField(label=_("邮政编码"), max_length=12, required=False)
    description = forms.CharField(
        max_length=limits.APPLICATION_DESCRIPTION,
        error_messages=limits.TOO_LONG,
        label=_("所需政府信息的名称或内容描述"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("尽量写明信息名称、文号或能够指向该信息的描述。无需说明申请用途。"),
    )
    document_numbers = forms.CharField(label=_("文号（如知道）"), max_length=300, required=False)
    delivery_form = forms.ChoiceField(label=_("获取信息的方式"), choices=DeliveryForm.choices)
    id_copy = forms.FileField(
        label=_("身份证明复印件（可选）"),
        required=False,
        help_text=_(
            "PDF 或图片，不超过 5 MB。页面提示有错误时，浏览器不会保留已选的文件，请重新选择。"
        ),
    )
    confirm = forms.BooleanField(
        label=_("我确认以上信息真实，并知悉申请将依照《政府信息公开条例》办理。")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.active().in_hierarchy_order()

    def clean_id_number(self) -> str:
        """The GB 11643 / GB 32100 check here, so it is reported with every other error."""
        number = self.cleaned_data["id_number"]
        id_type = self.cleaned_data.get("id_type")
        if not id_type:
            return number
        try:
            return identity.check_id(id_type, number)
        except identity.IdentityError as exc:
            raise ValidationError(exc.message, code="invalid") from exc

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("delivery_form") == DeliveryForm.PAPER
            and not cleaned.get("address")
            and "address" not in self.errors
        ):
            self.add_error("address", _("选择纸质文本（邮寄）时，请填写邮寄地址。"))
        if (
            cleaned.get("delivery_form") == DeliveryForm.EMAIL
            and not cleaned.get("email")
            and "email" not in self.errors
        ):
            self.add_error("email", _("选择电子邮件方式时，请填写电子邮箱。"))
        return cleaned


class OnlineApplicationForm(OneTimeForm, ApplicationForm):
    """The public form: the application's fields and a one-time token (the console's
    registration form shares the fields, not the token)."""


class ProgressForm(PlainErrors, forms.Form):
    query_code = forms.CharField(
        label=_("查询码"),
        max_length=16,
        help_text=_("提交申请后得到的查询码，不区分大小写。"),
    )
    secret = forms.CharField(
        label=_("联系电话或证件号码"),
        max_length=40,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("填写申请时留下的联系电话或证件号码，用于核实身份。"),
    )
