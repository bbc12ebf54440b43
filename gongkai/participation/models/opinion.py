"""Public-opinion events (政务舆情) and the agency's responses, on a clock in hours
(国办发〔2016〕61号; regulations.md §5.1)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Severity(models.TextChoices):
    MAJOR = "major", _("特别重大、重大")
    GENERAL = "general", _("一般")


class OpinionSource(models.TextChoices):
    ONLINE_MEDIA = "online_media", _("网络媒体")
    SOCIAL_MEDIA = "social_media", _("社交媒体、自媒体")
    PRESS = "press", _("报刊、广播电视")
    HOTLINE = "hotline", _("12345热线、留言")
    HIGHER_AUTHORITY = "higher_authority", _("上级交办")
    OTHER = "other", _("其他")


class OpinionStatus(models.TextChoices):
    OPEN = "open", _("处置中")
    CLOSED = "closed", _("已办结")


class ResponseKind(models.TextChoices):
    PRESS_CONFERENCE = "press_conference", _("新闻发布会")
    PRESS_RELEASE = "press_release", _("新闻通稿")
    STATEMENT = "statement", _("情况通报、声明")
    INTERVIEW = "interview", _("接受采访")
    PUBLISHED_INFORMATION = "published_information", _("发布政务信息")
    FOLLOW_UP = "follow_up", _("后续发布")


class OpinionEventQuerySet(models.QuerySet):
    def open(self) -> "OpinionEventQuerySet":
        return self.filter(status=OpinionStatus.OPEN)


class OpinionEvent(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("责任机关"),
        on_delete=models.PROTECT,
        related_name="opinion_events",
    )
    title = models.CharField(_("事件名称"), max_length=200)
    source = models.CharField(_("来源"), max_length=20, choices=OpinionSource.choices)
    source_detail = models.CharField(_("来源说明"), max_length=200, blank=True)
    link = models.URLField(_("链接"), max_length=500, blank=True)
    summary = models.TextField(_("舆情摘要"))
    first_seen_at = models.DateTimeField(_("首次发现时间"), db_index=True)
    severity = models.CharField(_("级别"), max_length=8, choices=Severity.choices)
    responsible_unit = models.CharField(
        _("责任单位"),
        max_length=200,
        help_text=_("属地管理、分级负责、谁主管谁负责。"),
    )
    assessment = models.TextField(_("研判意见"), blank=True)
    status = models.CharField(
        _("状态"),
        max_length=8,
        choices=OpinionStatus.choices,
        default=OpinionStatus.OPEN,
        db_index=True,
    )
    # Derived by the services from the severity history; kept for lists and queries.
    respond_by = models.DateTimeField(_("回应时限"), db_index=True)
    first_response_at = models.DateTimeField(_("首次回应时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    closing_note = models.TextField(_("办结说明"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    objects = OpinionEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("舆情事件")
        verbose_name_plural = _("舆情事件")
        ordering = ["-first_seen_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Escalation(models.Model):
    """A change of the event's severity, with when and why: it can move the clock."""

    event = models.ForeignKey(
        OpinionEvent,
        verbose_name=_("舆情事件"),
        on_delete=models.CASCADE,
        related_name="escalations",
    )
    from_severity = models.CharField(_("原级别"), max_length=8, choices=Severity.choices)
    to_severity = models.CharField(_("新级别"), max_length=8, choices=Severity.choices)
    changed_at = models.DateTimeField(_("调整时间"))
    reason = models.TextField(_("调整理由"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("级别调整")
        verbose_name_plural = _("级别调整")
        ordering = ["event", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.event} {self.from_severity} → {self.to_severity}"


class OpinionResponse(models.Model):
    event = models.ForeignKey(
        OpinionEvent,
        verbose_name=_("舆情事件"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    kind = models.CharField(_("回应方式"), max_length=24, choices=ResponseKind.choices)
    responded_at = models.DateTimeField(_("回应时间"))
    summary = models.TextField(_("回应内容"))
    link = models.URLField(_("链接"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("回应")
        verbose_name_plural = _("回应")
        ordering = ["event", "responded_at", "id"]

    def __str__(self) -> str:
        return f"{self.event} {self.get_kind_display()}"


class VerificationRequest(models.Model):
    """A request to verify facts (e.g. from a newsroom or a higher authority): 24 hours."""

    event = models.ForeignKey(
        OpinionEvent,
        verbose_name=_("舆情事件"),
        on_delete=models.CASCADE,
        related_name="verification_requests",
    )
    requester = models.CharField(_("核实请求方"), max_length=200)
    question = models.TextField(_("核实内容"))
    requested_at = models.DateTimeField(_("收到时间"))
    answer_by = models.DateTimeField(_("答复时限"))
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answer = models.TextField(_("答复内容"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("核实请求")
        verbose_name_plural = _("核实请求")
        ordering = ["event", "requested_at", "id"]

    def __str__(self) -> str:
        return f"{self.event} {self.requester}"
