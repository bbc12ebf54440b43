"""Hearings and forums on a consultation (听证会 / 座谈会 / 论证会): the announcement, the
public's registrations, the selection of participants (first come, or the verifiable draw of
gongkai/enforcement/draw.py), the meeting's participants and their opinions (each one a
Comment of the consultation, so it gets a disposition in the published feedback), and the
minutes. See README.md, "Hearings and forums"."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HearingKind(models.TextChoices):
    HEARING = "hearing", _("听证会")
    FORUM = "forum", _("座谈会")
    EXPERT_MEETING = "expert_meeting", _("论证会")


class SelectionRule(models.TextChoices):
    FIRST_COME = "first_come", _("先到先得")
    DRAW = "draw", _("随机抽取")


class HearingStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ANNOUNCED = "announced", _("已公告")  # registration between its opening and closing
    SELECTED = "selected", _("已确定参加人")
    HELD = "held", _("已举行")
    MINUTES = "minutes", _("纪要已公布")


class ParticipantRole(models.TextChoices):
    HOST = "host", _("主持人")
    PARTICIPANT = "participant", _("听证参加人")
    EXPERT = "expert", _("专家")
    STAKEHOLDER = "stakeholder", _("利益相关方")
    AGENCY = "agency", _("起草单位")
    OTHER = "other", _("其他")


class InterestKind(models.TextChoices):
    RESIDENT = "resident", _("群众代表")
    PATIENT = "patient", _("患者或家属")
    PROFESSIONAL = "professional", _("医务人员")
    INSTITUTION = "institution", _("医疗卫生机构")
    ENTERPRISE = "enterprise", _("企业")
    EXPERT = "expert", _("专家学者")
    OTHER = "other", _("其他")


class HearingQuerySet(models.QuerySet):
    def public(self) -> "HearingQuerySet":
        return self.exclude(status=HearingStatus.DRAFT)


class Hearing(models.Model):
    consultation = models.ForeignKey(
        "participation.Consultation",
        verbose_name=_("征求意见"),
        on_delete=models.PROTECT,
        related_name="hearings",
    )
    kind = models.CharField(_("会议类型"), max_length=16, choices=HearingKind.choices)
    topic = models.CharField(_("会议议题"), max_length=200)
    held_at = models.DateTimeField(_("举行时间"))
    place = models.CharField(_("地点"), max_length=200)
    registration_opens_at = models.DateTimeField(_("报名开始时间"))
    registration_closes_at = models.DateTimeField(_("报名截止时间"))
    seats = models.PositiveIntegerField(_("公众参加人名额"))
    selection_rule = models.CharField(_("遴选方式"), max_length=16, choices=SelectionRule.choices)
    notes = models.TextField(
        _("报名须知"), blank=True, help_text=_("参加人条件、报名要求等，随公告公开。")
    )
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=HearingStatus.choices,
        default=HearingStatus.DRAFT,
        db_index=True,
    )
    announced_at = models.DateTimeField(_("公告时间"), null=True, blank=True)
    # The draw (随机抽取): inputs and commitment published when registration closes, the seed
    # and the result after the draw; `draw_seed` is shown only once `drawn_at` is set.
    draw_inputs = models.JSONField(_("抽取输入"), null=True, blank=True)
    draw_seed = models.CharField(_("随机种子"), max_length=64, blank=True)
    draw_result = models.JSONField(_("抽取结果"), null=True, blank=True)
    committed_at = models.DateTimeField(_("公布抽取输入时间"), null=True, blank=True)
    drawn_at = models.DateTimeField(_("抽取时间"), null=True, blank=True)
    selected_at = models.DateTimeField(_("确定参加人时间"), null=True, blank=True)
    minutes = models.TextField(_("会议纪要"), blank=True)
    minutes_published_at = models.DateTimeField(_("纪要公布时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(_("创建时间"))

    objects = HearingQuerySet.as_manager()

    class Meta:
        verbose_name = _("听证会、座谈会、论证会")
        verbose_name_plural = _("听证会、座谈会、论证会")
        ordering = ["consultation", "held_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="hearing_registration_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.topic

    @property
    def public_seed(self) -> str:
        return self.draw_seed if self.drawn_at else ""


class HearingRegistration(models.Model):
    """One person's registration. Name, contact and statement are for staff only; the
    public knows a registration by its number (报名序号) alone."""

    hearing = models.ForeignKey(
        Hearing, verbose_name=_("会议"), on_delete=models.PROTECT, related_name="registrations"
    )
    number = models.PositiveIntegerField(_("报名序号"))
    name = models.CharField(_("姓名"), max_length=50)
    contact = models.CharField(_("联系电话"), max_length=40)
    interest = models.CharField(_("身份或利益关系"), max_length=16, choices=InterestKind.choices)
    statement = models.TextField(_("主要观点"))
    registered_at = models.DateTimeField(_("报名时间"))
    is_selected = models.BooleanField(_("入选"), default=False)

    class Meta:
        verbose_name = _("会议报名")
        verbose_name_plural = _("会议报名")
        ordering = ["hearing", "number"]
        constraints = [
            models.UniqueConstraint(fields=["hearing", "number"], name="unique_registration_number")
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        """The pseudonym the public sees: B + the number, e.g. B007."""
        return f"B{self.number:03d}"


class HearingParticipant(models.Model):
    hearing = models.ForeignKey(
        Hearing, verbose_name=_("会议"), on_delete=models.CASCADE, related_name="participants"
    )
    role = models.CharField(_("角色"), max_length=16, choices=ParticipantRole.choices)
    name = models.CharField(_("姓名或单位"), max_length=100)
    # A public registrant who attended: the public sees the registration number, not the name.
    registration = models.OneToOneField(
        HearingRegistration,
        verbose_name=_("报名"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participant",
    )
    show_name = models.BooleanField(
        _("公开姓名或单位"),
        default=False,
        help_text=_("主持人、专家、单位代表可公开；公众报名人只显示报名序号。"),
    )

    class Meta:
        verbose_name = _("会议参加人")
        verbose_name_plural = _("会议参加人")
        ordering = ["hearing", "role", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def public_label(self) -> str:
        if self.registration_id is not None:
            return self.registration.code
        return self.name if self.show_name else str(self.get_role_display())


class HearingOpinion(models.Model):
    """What a participant said, entered as a Comment of the consultation (source 听证会 /
    座谈会 / 论证会) so that it is disposed of and fed back like every other opinion."""

    hearing = models.ForeignKey(
        Hearing, verbose_name=_("会议"), on_delete=models.CASCADE, related_name="opinions"
    )
    participant = models.ForeignKey(
        HearingParticipant,
        verbose_name=_("发言人"),
        on_delete=models.PROTECT,
        related_name="opinions",
    )
    comment = models.OneToOneField(
        "participation.Comment",
        verbose_name=_("意见"),
        on_delete=models.PROTECT,
        related_name="hearing_opinion",
    )

    class Meta:
        verbose_name = _("会议意见")
        verbose_name_plural = _("会议意见")
        ordering = ["hearing", "id"]

    def __str__(self) -> str:
        return str(self.comment)
