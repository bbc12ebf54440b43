"""Forms of the console's 新闻发布 pages: spokespeople, events with their speakers, the
transcript, and the moderation and answers of an online interview's questions."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai import limits
from gongkai.documents.models import Attribute, Document, InterpreterRole, Status
from gongkai.participation.models import OpinionEvent
from gongkai.press.models import EventKind, Spokesperson

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SPEAKER_ROWS = 5


class SpokespersonForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=50)
    post = forms.CharField(label=gettext_lazy("职务"), max_length=100)
    term_starts_on = forms.DateField(label=gettext_lazy("任职起始日期"), widget=DATE_WIDGET)
    is_first = forms.BooleanField(
        label=gettext_lazy("第一新闻发言人（机关主要负责人）"), required=False
    )
    contact = forms.CharField(
        label=gettext_lazy("联系电话（选填，公开）"), max_length=50, required=False
    )
    position = forms.IntegerField(
        label=gettext_lazy("排序"), min_value=0, max_value=999, initial=0, required=False
    )


class EndTermForm(forms.Form):
    term_ends_on = forms.DateField(label=gettext_lazy("任职结束日期"), widget=DATE_WIDGET)


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("形式"), choices=EventKind.choices)
    topic = forms.CharField(label=gettext_lazy("主题"), max_length=200)
    starts_at = forms.DateTimeField(
        label=gettext_lazy("时间"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=gettext_lazy("地点"), max_length=200, required=False)
    summary = forms.CharField(
        label=gettext_lazy("内容简介"),
        max_length=limits.RECORD_SUMMARY,
        error_messages=limits.TOO_LONG,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    media = forms.CharField(
        label=gettext_lazy("出席媒体（一行一家）"),
        max_length=limits.STAFF_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    policy_index = forms.CharField(
        label=gettext_lazy("关联政策文件的索引号（选填）"),
        max_length=64,
        required=False,
        help_text=gettext_lazy("发布会解读某项政策的，填写该政策文件的索引号。"),
    )
    opinion_event = forms.ModelChoiceField(
        label=gettext_lazy("关联舆情事件（选填）"),
        queryset=OpinionEvent.objects.none(),
        required=False,
        help_text=gettext_lazy("作为对舆情的回应举行的，举行后记入该舆情事件的回应。"),
    )
    accepts_questions = forms.BooleanField(
        label=gettext_lazy("在线访谈：预告后征集网民提问"), required=False
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        recent = OpinionEvent.objects.filter(agency=agency).values_list("pk", flat=True)[:100]
        self.fields["opinion_event"].queryset = OpinionEvent.objects.filter(pk__in=list(recent))
        serving = Spokesperson.objects.filter(agency=agency, is_serving=True)
        choices = [("", _("（其他人员）")), *[(s.pk, f"{s.name}（{s.post}）") for s in serving]]
        self.spokespeople = {s.pk: s for s in serving}
        for i in range(SPEAKER_ROWS):
            self.fields[f"speaker_{i}_spokesperson"] = forms.TypedChoiceField(
                label=_("发布人%(n)d：新闻发言人") % {"n": i + 1},
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"speaker_{i}_name"] = forms.CharField(
                label=_("发布人%(n)d：姓名（非新闻发言人填写）") % {"n": i + 1},
                max_length=50,
                required=False,
            )
            self.fields[f"speaker_{i}_role"] = forms.CharField(
                label=_("发布人%(n)d：职务或身份") % {"n": i + 1}, max_length=100, required=False
            )

    def clean_policy_index(self):
        number = self.cleaned_data["policy_index"].strip()
        if not number:
            self.cleaned_data["policy"] = None
            return number
        policy = Document.objects.filter(
            index_number=number, status=Status.PUBLISHED, attribute=Attribute.PROACTIVE
        ).first()
        if policy is None:
            raise forms.ValidationError(_("没有找到该索引号的已公开记录。"))
        self.cleaned_data["policy"] = policy
        return number

    def speaker_fields(self) -> list[tuple]:
        return [
            (
                self[f"speaker_{i}_spokesperson"],
                self[f"speaker_{i}_name"],
                self[f"speaker_{i}_role"],
            )
            for i in range(SPEAKER_ROWS)
        ]

    def main_fields(self) -> list:
        return [self[name] for name in self.fields if not name.startswith("speaker_")]

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "topic": data["topic"],
            "starts_at": data["starts_at"],
            "place": data["place"],
            "summary": data["summary"],
            "media": data["media"],
            "policy": data.get("policy"),
            "opinion_event": data.get("opinion_event"),
            "accepts_questions": data["accepts_questions"],
        }

    def speakers(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "spokesperson": self.spokespeople.get(data.get(f"speaker_{i}_spokesperson")),
                "name": data.get(f"speaker_{i}_name", ""),
                "role": data.get(f"speaker_{i}_role", ""),
            }
            for i in range(SPEAKER_ROWS)
        ]

    @classmethod
    def initial_for(cls, event) -> dict:
        initial = {
            "kind": event.kind,
            "topic": event.topic,
            "starts_at": event.starts_at,
            "place": event.place,
            "summary": event.summary,
            "media": event.media,
            "policy_index": event.policy.index_number if event.policy_id else "",
            "opinion_event": event.opinion_event_id,
            "accepts_questions": event.accepts_questions,
        }
        for i, speaker in enumerate(event.speakers.all()[:SPEAKER_ROWS]):
            initial[f"speaker_{i}_spokesperson"] = speaker.spokesperson_id
            initial[f"speaker_{i}_name"] = "" if speaker.spokesperson_id else speaker.name
            initial[f"speaker_{i}_role"] = speaker.role
        return initial


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("取消原因"),
        max_length=limits.REASON,
        error_messages=limits.TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TranscriptForm(forms.Form):
    transcript = forms.CharField(
        label=gettext_lazy("发布会实录"),
        max_length=limits.LONG_SECTION,
        error_messages=limits.TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    materials = forms.CharField(
        label=gettext_lazy("发布材料（选填）"),
        max_length=limits.LONG_SECTION,
        error_messages=limits.TOO_LONG,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class PublishTranscriptForm(forms.Form):
    interpreter_role = forms.ChoiceField(
        label=gettext_lazy("解读人身份"),
        choices=[("", gettext_lazy("（不是政策解读）")), *InterpreterRole.choices],
        required=False,
        help_text=gettext_lazy("发布会解读关联的政策文件的，须选择。"),
    )
    interpreter_name = forms.CharField(
        label=gettext_lazy("解读人姓名"), max_length=100, required=False
    )
    interpreter_post = forms.CharField(
        label=gettext_lazy("解读人职务"), max_length=100, required=False
    )


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("审核结果"),
        choices=[("accept", gettext_lazy("采用")), ("reject", gettext_lazy("不采用"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("不采用的理由"),
        max_length=limits.REASON,
        error_messages=limits.TOO_LONG,
        required=False,
    )


class AnswerForm(forms.Form):
    speaker = forms.TypedChoiceField(label=gettext_lazy("答复人"), coerce=int)
    answer = forms.CharField(
        label=gettext_lazy("答复内容"),
        max_length=limits.REPLY,
        error_messages=limits.TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speaker"].choices = [
            (s.pk, f"{s.name}（{s.role}）") for s in event.speakers.all()
        ]
