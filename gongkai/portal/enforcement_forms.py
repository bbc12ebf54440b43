"""The filters of the public 行政许可公示 / 行政处罚公示 lists; bad values are ignored."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.enforcement.models import DecisionKind


class DecisionFilterForm(forms.Form):
    party = forms.CharField(label=_("行政相对人名称"), required=False, max_length=100)
    credit_code = forms.CharField(label=_("统一社会信用代码"), required=False, max_length=30)
    number = forms.CharField(label=_("决定书文号"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("决定类型"), required=False)
    agency = forms.ChoiceField(label=_("公示机关"), required=False)
    decided_from = forms.DateField(
        label=_("决定日期自"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    decided_to = forms.DateField(
        label=_("决定日期至"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, fixed_kind: str = "", fixed_agency: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("全部"))]
        self.fields["kind"].choices = everything + list(DecisionKind.choices)
        self.fields["agency"].choices = everything + list(
            Agency.objects.active().choices_in_hierarchy_order()
        )
        # A section (行政许可公示) or an agency's page fixes what its URL says.
        if fixed_kind:
            del self.fields["kind"]
        if fixed_agency:
            del self.fields["agency"]
