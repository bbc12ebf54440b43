"""Spokespeople (新闻发言人), press conferences and interviews (新闻发布会、媒体通气会、接受采访、
在线访谈) with their speakers, and the public's questions to an online interview. The
transcript (发布会实录) is published as a library record (publication.py). See README.md."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Spokesperson(models.Model):
    """One spokesperson of an agency. `is_serving` is cleared when the term is ended; at most
    one serving 第一新闻发言人 (the principal, 主要负责人) per agency."""

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="spokespeople",
        verbose_name=_("机关"),
    )
    name = models.CharField(_("姓名"), max_length=50)
    post = models.CharField(_("职务"), max_length=100)
    term_starts_on = models.DateField(_("任职起始日期"))
    term_ends_on = models.DateField(_("任职结束日期"), null=True, blank=True)
    is_serving = models.BooleanField(_("在任"), default=True)
    is_first = models.BooleanField(
        _("第一新闻发言人"),
        default=False,
        help_text=_("机关主要负责人担任第一新闻发言人。"),
    )
    contact = models.CharField(
        _("联系电话"), max_length=50, blank=True, help_text=_("选填，公开的办公电话。")
    )
    position = models.PositiveSmallIntegerField(_("排序"), default=0)
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("新闻发言人")
        verbose_name_plural = _("新闻发言人")
        ordering = ["agency", "-is_serving", "-is_first", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency"],
                condition=models.Q(is_first=True, is_serving=True),
                name="one_serving_first_spokesperson",
            )
        ]

    def __str__(self) -> str:
        return self.name


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("新闻发布会")
    BRIEFING = "briefing", _("媒体通气会")
    INTERVIEW = "interview", _("接受采访")
    ONLINE = "online", _("在线访谈")


class EventState(models.TextChoices):
    PLANNED = "planned", _("计划举行")
    HELD = "held", _("已举行")
    CANCELLED = "cancelled", _("已取消")


class PressEventQuerySet(models.QuerySet):
    def for_agencies(self, agency_ids) -> "PressEventQuerySet":
        return self.filter(agency_id__in=agency_ids)

    def public(self) -> "PressEventQuerySet":
        """Shown on the portal: every event once announced (is_announced), cancelled ones
        with their reason."""
        return self.filter(is_announced=True)


class PressEvent(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="press_events",
        verbose_name=_("机关"),
    )
    kind = models.CharField(_("形式"), max_length=16, choices=EventKind.choices)
    state = models.CharField(
        _("状态"), max_length=16, choices=EventState.choices, default=EventState.PLANNED
    )
    topic = models.CharField(_("主题"), max_length=200)
    starts_at = models.DateTimeField(_("时间"), db_index=True)
    place = models.CharField(_("地点"), max_length=200, blank=True)
    summary = models.TextField(_("内容简介"), blank=True)
    media = models.TextField(_("出席媒体"), blank=True, help_text=_("一行一家媒体。"))
    policy = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("关联政策文件"),
    )
    opinion_event = models.ForeignKey(
        "participation.OpinionEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="press_events",
        verbose_name=_("关联舆情事件"),
    )
    is_announced = models.BooleanField(
        _("已在门户预告"),
        default=False,
        help_text=_("预告后在门户网站显示；在线访谈预告后公众即可提问。"),
    )
    accepts_questions = models.BooleanField(_("接受网民提问"), default=False)
    cancel_reason = models.TextField(_("取消原因"), blank=True)
    transcript = models.TextField(_("发布会实录"), blank=True)
    materials = models.TextField(_("发布材料"), blank=True)
    transcript_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("实录录入人"),
    )
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("实录公开记录"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    objects = PressEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("新闻发布活动")
        verbose_name_plural = _("新闻发布活动")
        ordering = ["-starts_at", "-id"]

    def __str__(self) -> str:
        return self.topic

    @property
    def is_online(self) -> bool:
        return self.kind == EventKind.ONLINE

    def media_list(self) -> list[str]:
        return [line.strip() for line in self.media.splitlines() if line.strip()]


class Speaker(models.Model):
    """Who speaks: one of the agency's spokespeople, or another person with their role."""

    event = models.ForeignKey(
        PressEvent, on_delete=models.CASCADE, related_name="speakers", verbose_name=_("活动")
    )
    spokesperson = models.ForeignKey(
        Spokesperson,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("新闻发言人"),
    )
    name = models.CharField(_("姓名"), max_length=50)
    role = models.CharField(_("职务或身份"), max_length=100)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("发布人")
        verbose_name_plural = _("发布人")
        ordering = ["event", "position", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.role}）"


class QuestionStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    ACCEPTED = "accepted", _("已采用")
    REJECTED = "rejected", _("未采用")


class QuestionQuerySet(models.QuerySet):
    def accepted(self) -> "QuestionQuerySet":
        return self.filter(status=QuestionStatus.ACCEPTED)

    def pending(self) -> "QuestionQuerySet":
        return self.filter(status=QuestionStatus.PENDING)


class Question(models.Model):
    """A question from the public to an online interview: moderated before it is shown."""

    event = models.ForeignKey(
        PressEvent, on_delete=models.PROTECT, related_name="questions", verbose_name=_("访谈")
    )
    asker_name = models.CharField(_("网名或称呼"), max_length=50, blank=True)
    body = models.TextField(_("问题"))
    submitted_at = models.DateTimeField(_("提交时间"), db_index=True)
    status = models.CharField(
        _("审核状态"),
        max_length=16,
        choices=QuestionStatus.choices,
        default=QuestionStatus.PENDING,
        db_index=True,
    )
    moderation_reason = models.TextField(_("未采用理由"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审核人"),
    )
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    answer = models.TextField(_("答复"), blank=True)
    answered_by = models.ForeignKey(
        Speaker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("答复人"),
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("网民提问")
        verbose_name_plural = _("网民提问")
        ordering = ["event", "submitted_at", "id"]

    def __str__(self) -> str:
        return self.body[:40]
