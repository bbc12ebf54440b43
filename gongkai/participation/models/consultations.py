"""Consultations on draft decisions (征求意见): the draft, its clauses, the public's comments,
their dispositions (采纳情况) and the published feedback (意见采纳情况反馈)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    OPEN = "open", _("已发布")  # comments are taken between opens_on and closes_on
    CLOSED = "closed", _("已结束")  # every comment disposed; feedback drafted from them


class Moderation(models.TextChoices):
    """When a comment from the web form becomes public."""

    BEFORE = "before", _("审核后公开")
    AFTER = "after", _("提交即公开，事后审核")
    NEVER = "never", _("意见不公开")


class ContactRule(models.TextChoices):
    OPTIONAL = "optional", _("选填")
    REQUIRED = "required", _("必填")


class ConsultationQuerySet(models.QuerySet):
    def published(self) -> "ConsultationQuerySet":
        return self.exclude(status=ConsultationStatus.DRAFT)

    def open_on(self, day) -> "ConsultationQuerySet":
        """Published consultations taking comments on `day`."""
        return self.filter(status=ConsultationStatus.OPEN, opens_on__lte=day, closes_on__gte=day)

    def with_public_feedback(self) -> "ConsultationQuerySet":
        from gongkai.documents.models import Attribute, Status

        return self.filter(
            feedback_document__status=Status.PUBLISHED,
            feedback_document__attribute=Attribute.PROACTIVE,
        )


class Consultation(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("征求意见机关"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    draft = models.OneToOneField(
        "documents.Document",
        verbose_name=_("征求意见稿"),
        on_delete=models.PROTECT,
        related_name="consultation",
    )
    background = models.TextField(_("起草背景"))
    basis = models.TextField(_("起草依据"))
    main_content = models.TextField(_("主要内容"))
    opens_on = models.DateField(_("征求意见开始日期"))
    closes_on = models.DateField(_("征求意见截止日期"))
    short_period_reason = models.TextField(
        _("征求意见期限较短的理由"),
        blank=True,
        help_text=_("期限短于本机关规定的最短天数时须说明理由，并在页面上公开。"),
    )
    moderation = models.CharField(
        _("意见公开方式"), max_length=8, choices=Moderation.choices, default=Moderation.BEFORE
    )
    name_rule = models.CharField(
        _("姓名"), max_length=8, choices=ContactRule.choices, default=ContactRule.OPTIONAL
    )
    contact_rule = models.CharField(
        _("联系方式"), max_length=8, choices=ContactRule.choices, default=ContactRule.OPTIONAL
    )
    how_to_comment = models.TextField(
        _("其他提交方式"),
        blank=True,
        help_text=_("信函、电子邮件等其他提交意见的方式，显示在公开页面上。"),
    )
    status = models.CharField(
        _("状态"),
        max_length=8,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.DRAFT,
        db_index=True,
    )
    feedback_document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("意见采纳情况反馈"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback_for",
    )
    final_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("正式文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations_finalised",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("结束人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="consultation_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.draft.title

    @property
    def title(self) -> str:
        return self.draft.title


class Clause(models.Model):
    """One numbered part of the draft that the public can comment on by itself."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("征求意见"), on_delete=models.CASCADE, related_name="clauses"
    )
    number = models.PositiveIntegerField(_("序号"))
    heading = models.CharField(_("条款标题"), max_length=100, blank=True)
    text = models.TextField(_("条款内容"))

    class Meta:
        verbose_name = _("条款")
        verbose_name_plural = _("条款")
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="unique_clause_number")
        ]

    def __str__(self) -> str:
        return self.heading or str(self.number)


class CommentSource(models.TextChoices):
    WEB = "web", _("网上提交")
    LETTER = "letter", _("信函")
    EMAIL = "email", _("电子邮件")
    FORUM = "forum", _("座谈会")
    EXPERT_MEETING = "expert_meeting", _("论证会")
    HEARING = "hearing", _("听证会")
    OTHER = "other", _("其他")


class ModerationStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已公开")
    NOT_PUBLISHED = "not_published", _("不公开")  # a valid opinion that is not shown
    # Abusive or unlawful: not an opinion to dispose of. A comment that was public and is
    # rejected later (after a report) is "hidden": its place shows the reason publicly.
    REJECTED = "rejected", _("已拒绝")


class Disposition(models.TextChoices):
    ADOPTED = "adopted", _("采纳")
    PARTLY_ADOPTED = "partly_adopted", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("不予采纳")


class CommentQuerySet(models.QuerySet):
    def public(self) -> "CommentQuerySet":
        return self.filter(moderation_status=ModerationStatus.PUBLISHED)

    def to_dispose(self) -> "CommentQuerySet":
        """Opinions that need a disposition: everything but rejected content."""
        return self.exclude(moderation_status=ModerationStatus.REJECTED)

    def awaiting_moderation(self) -> "CommentQuerySet":
        return self.filter(moderation_status=ModerationStatus.PENDING)

    def reported(self) -> "CommentQuerySet":
        """Comments with reports that staff have not reviewed yet (the review queue)."""
        return self.filter(
            models.Exists(CommentReport.objects.filter(comment=models.OuterRef("pk")).open())
        )

    def shown_publicly(self) -> "CommentQuerySet":
        """What the public pages list: published comments, and hidden ones as a notice."""
        return self.filter(
            models.Q(moderation_status=ModerationStatus.PUBLISHED)
            | models.Q(moderation_status=ModerationStatus.REJECTED, hidden_at__isnull=False)
        )


class Comment(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("征求意见"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    clause = models.ForeignKey(
        Clause,
        verbose_name=_("针对条款"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
        help_text=_("不选择则为对征求意见稿整体的意见。"),
    )
    source = models.CharField(
        _("意见来源"), max_length=16, choices=CommentSource.choices, default=CommentSource.WEB
    )
    source_detail = models.CharField(
        _("来源说明"),
        max_length=200,
        blank=True,
        help_text=_("例如：2026年11月10日座谈会，某某医院。"),
    )
    commenter_name = models.CharField(_("姓名或单位"), max_length=100, blank=True)
    # Never shown to the public, in any page, feed or API.
    contact = models.CharField(_("联系方式"), max_length=200, blank=True)
    body = models.TextField(_("意见内容"))
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    moderation_status = models.CharField(
        _("审核状态"),
        max_length=16,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PENDING,
        db_index=True,
    )
    moderation_reason = models.TextField(_("审核说明"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    # Set when a comment the public could read is rejected: the public page then shows
    # "该意见因……已被隐藏" with `moderation_reason` in its place.
    hidden_at = models.DateTimeField(_("隐藏时间"), null=True, blank=True)

    group_lead = models.ForeignKey(
        "self",
        verbose_name=_("合并到"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grouped",
        help_text=_("相同或相近的意见合并处理，采纳情况随所合并到的意见。"),
    )
    disposition = models.CharField(
        _("采纳情况"), max_length=16, choices=Disposition.choices, blank=True
    )
    disposition_reason = models.TextField(_("理由"), blank=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    disposed_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("意见")
        verbose_name_plural = _("意见")
        ordering = ["consultation", "submitted_at", "id"]

    def __str__(self) -> str:
        return self.body[:40]

    @property
    def is_hidden(self) -> bool:
        return self.moderation_status == ModerationStatus.REJECTED and self.hidden_at is not None

    @property
    def hidden_notice(self) -> str:
        """What the public sees in its place once hidden: 该意见因……已被隐藏。"""
        from gongkai.participation.consultations import hidden_notice

        return hidden_notice(self.moderation_reason)


class ReportOutcome(models.TextChoices):
    OPEN = "open", _("待复核")
    DISMISSED = "dismissed", _("保留公开")  # staff found nothing wrong
    UPHELD = "upheld", _("已隐藏")  # staff hid the comment


class CommentReportQuerySet(models.QuerySet):
    def open(self) -> "CommentReportQuerySet":
        return self.filter(outcome=ReportOutcome.OPEN)


class CommentReport(models.Model):
    """One visitor's report of one published comment. A report never hides the comment by
    itself: it puts the comment in the staff's review queue."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("意见"), on_delete=models.CASCADE, related_name="reports"
    )
    # A salted hash of the visitor's IP address and session key: enough to count one report
    # per visitor, without storing who they are.
    visitor_hash = models.CharField(_("举报人标识"), max_length=64)
    reason = models.CharField(_("举报理由"), max_length=300)
    reported_at = models.DateTimeField(_("举报时间"), default=timezone.now)
    outcome = models.CharField(
        _("复核结果"),
        max_length=16,
        choices=ReportOutcome.choices,
        default=ReportOutcome.OPEN,
        db_index=True,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("复核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("复核时间"), null=True, blank=True)

    objects = CommentReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("意见举报")
        verbose_name_plural = _("意见举报")
        ordering = ["comment", "reported_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "visitor_hash"], name="one_report_per_visitor"
            )
        ]

    def __str__(self) -> str:
        return self.reason[:40]
