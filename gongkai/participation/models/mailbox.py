"""Public messages (留言、领导信箱、咨询、投诉、建议) and their reply time limits."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_REPLY_WORKING_DAYS = 5  # provincial practice, configurable (regulations.md §5.2)


class MessageCategory(models.TextChoices):
    MESSAGE = "message", _("留言")
    LEADER = "leader", _("领导信箱")
    ENQUIRY = "enquiry", _("咨询")
    COMPLAINT = "complaint", _("投诉")
    SUGGESTION = "suggestion", _("建议")


class MessageStatus(models.TextChoices):
    RECEIVED = "received", _("待受理")
    ACCEPTED = "accepted", _("办理中")
    REPLY_DRAFTED = "reply_drafted", _("答复待审核")
    ANSWERED = "answered", _("已答复")
    REJECTED = "rejected", _("不予受理")


class RejectionGround(models.TextChoices):
    """Why a message is not handled as a message, and where the asker should go instead."""

    DISCLOSURE_APPLICATION = "disclosure_application", _("属于政府信息公开申请")
    PETITION = "petition", _("属于信访事项")
    LEGAL_PROCEDURE = "legal_procedure", _("属于行政复议、诉讼、仲裁等法定途径处理的事项")
    NOT_OUR_DUTY = "not_our_duty", _("不属于本机关职责范围")
    NO_CONTENT = "no_content", _("内容不明确或无实际诉求")
    ABUSIVE = "abusive", _("含有违法或不文明内容")
    DUPLICATE = "duplicate", _("重复留言")


class MessageQuerySet(models.QuerySet):
    def open(self) -> "MessageQuerySet":
        return self.filter(
            status__in=[
                MessageStatus.RECEIVED,
                MessageStatus.ACCEPTED,
                MessageStatus.REPLY_DRAFTED,
            ]
        )

    def published(self) -> "MessageQuerySet":
        return self.filter(status=MessageStatus.ANSWERED, is_published=True)


class PublicMessage(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("办理机关"),
        on_delete=models.PROTECT,
        related_name="public_messages",
    )
    query_code = models.CharField(_("查询码"), max_length=16, unique=True)
    category = models.CharField(_("类别"), max_length=16, choices=MessageCategory.choices)
    subject = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))

    # The sender. Never shown on public pages, feeds or the API.
    sender_name = models.CharField(_("姓名"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("留言人账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="public_messages",
    )
    wants_public = models.BooleanField(
        _("同意公开"),
        default=False,
        help_text=_("留言人同意公开留言和答复（不显示姓名和联系方式）。"),
    )

    received_at = models.DateTimeField(_("收到时间"), default=timezone.now, db_index=True)
    # The limit in force when the clock started (receipt or forwarding): a later change of
    # the agency's limits does not move the due date of a message already received.
    reply_working_days = models.PositiveSmallIntegerField(
        _("答复时限（工作日）"), default=DEFAULT_REPLY_WORKING_DAYS
    )
    due_on = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)
    due_problem = models.CharField(_("期限说明"), max_length=300, blank=True)
    due_is_provisional = models.BooleanField(
        _("期限暂定"),
        default=False,
        help_text=_("期限经过节假日安排尚未公布的年份，按放假办法暂定计算。"),
    )
    status = models.CharField(
        _("办理状态"),
        max_length=16,
        choices=MessageStatus.choices,
        default=MessageStatus.RECEIVED,
        db_index=True,
    )
    responsible_unit = models.CharField(
        _("承办单位"),
        max_length=200,
        blank=True,
        help_text=_("本机关内负责办理的科室或单位。"),
    )
    forwarded_from = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("转自"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    forwarded_at = models.DateTimeField(_("转办时间"), null=True, blank=True)
    rejection_ground = models.CharField(
        _("不予受理的原因"), max_length=32, choices=RejectionGround.choices, blank=True
    )
    rejection_reason = models.TextField(_("不予受理的说明"), blank=True)

    reply = models.TextField(_("答复内容"), blank=True)
    reply_drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复起草人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reply_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True, db_index=True)
    rejected_at = models.DateTimeField(_("不予受理时间"), null=True, blank=True)

    # What the public sees: only with the asker's consent and the agency's decision.
    is_published = models.BooleanField(_("已公开"), default=False, db_index=True)
    public_subject = models.CharField(_("公开标题"), max_length=200, blank=True)
    public_body = models.TextField(
        _("公开的留言内容"),
        blank=True,
        help_text=_("可删去个人信息后公开；留空则公开原文。"),
    )
    public_reply = models.TextField(
        _("公开的答复内容"),
        blank=True,
        help_text=_("可遮盖个人信息后公开；留空则公开原文。"),
    )
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("公众留言")
        verbose_name_plural = _("公众留言")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "status", "due_on"]),
            # The console list's 已答复 section, newest first: a province's first 100 of its
            # ~99,000 answers read along the index instead of sorting them all (90 ms,
            # bench/province.py).
            models.Index(
                fields=["-updated_at", "-id"],
                condition=Q(status__in=[MessageStatus.ANSWERED, MessageStatus.REJECTED]),
                name="message_answered_recent",
            ),
            # Answered, consented to publication, not yet published: the 待审核或待公开
            # section's second half, a few among the answers.
            models.Index(
                fields=["agency"],
                condition=Q(status=MessageStatus.ANSWERED, wants_public=True, is_published=False),
                name="message_to_publish",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.query_code} {self.subject[:30]}"

    # What the portal, the feed and the API show: the public copy where there is one (the
    # original stays for staff and for the asker's own look-up by query code).
    @property
    def subject_for_public(self) -> str:
        return self.public_subject or self.subject

    @property
    def body_for_public(self) -> str:
        return self.public_body or self.body

    @property
    def reply_for_public(self) -> str:
        return self.public_reply or self.reply


class ReplyLimit(models.Model):
    """An agency's reply time limit for one category, in working days."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("机关"),
        on_delete=models.CASCADE,
        related_name="reply_limits",
    )
    category = models.CharField(_("类别"), max_length=16, choices=MessageCategory.choices)
    working_days = models.PositiveSmallIntegerField(
        _("答复时限（工作日）"), default=DEFAULT_REPLY_WORKING_DAYS
    )

    class Meta:
        verbose_name = _("留言答复时限")
        verbose_name_plural = _("留言答复时限")
        constraints = [
            models.UniqueConstraint(fields=["agency", "category"], name="unique_reply_limit"),
            models.CheckConstraint(
                condition=models.Q(working_days__gte=1), name="reply_limit_at_least_one_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.get_category_display()} {self.working_days}"
