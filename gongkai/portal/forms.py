from django import forms
from django.utils.translation import gettext_lazy as _


class DeadlineForm(forms.Form):
    received_on = forms.DateField(
        label=_("起算日（如收到申请之日）"),
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d"],
        help_text=_("起算日当天不计入期限（民法典第二百零一条）。"),
    )
    days = forms.IntegerField(
        label=_("期限（工作日）"),
        min_value=1,
        max_value=200,
        initial=20,
        help_text=_("依申请公开答复期限为20个工作日（条例第三十三条）。"),
    )
