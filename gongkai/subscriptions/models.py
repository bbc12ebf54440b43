"""E-mail subscriptions: a subscriber (one address, stored once), their subscriptions to a
topic, and a delivery record per mail sent. See README.md for the rules."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai import limits


class SubscriberState(models.TextChoices):
    ACTIVE = "active", _("正常")
    SUSPENDED = "suspended", _("已暂停（多次退信）")


class Subscriber(models.Model):
    """An e-mail address (lower-cased, stored once) and the secret its mail links carry."""

    email = models.EmailField(_("电子邮箱"), max_length=254, unique=True)
    token = models.CharField(max_length=64, unique=True, editable=False)
    state = models.CharField(
        _("状态"), max_length=16, choices=SubscriberState.choices, default=SubscriberState.ACTIVE
    )
    bounce_count = models.PositiveSmallIntegerField(_("退信次数"), default=0)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    suspended_at = models.DateTimeField(_("暂停时间"), null=True, blank=True)
    # The last confirmation mail: at most one per SUBSCRIPTION_CONFIRMATION_INTERVAL_MINUTES.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    # The digest: the day claimed by a `send_digests` run, and the end of the last window sent.
    digest_on = models.DateField(null=True, blank=True)
    digest_until = models.DateTimeField(null=True, blank=True)
    # The language of the page the address last subscribed on: its mails and links are in it.
    language = models.CharField(_("邮件语言"), max_length=16, default="zh-hans")

    class Meta:
        verbose_name = _("订阅者")
        verbose_name_plural = _("订阅者")

    def __str__(self) -> str:
        # Never the address: this is what the audit trail keeps as the object's name.
        return f"订阅者 #{self.pk}"


class Topic(models.TextChoices):
    AGENCY = "agency", _("机关新发布的信息")
    CATALOGUE_ITEM = "catalogue_item", _("公开目录事项新发布的信息")
    KEYWORD = "keyword", _("含关键词的新信息")
    CONSULTATIONS = "consultations", _("新的征求意见")
    APPLICATION = "application", _("我的政府信息公开申请的答复")
    MESSAGE = "message", _("我的留言的答复")


# A person's own cases: one notice, sent at once; the other topics go in the daily digest.
CASE_TOPICS = (Topic.APPLICATION, Topic.MESSAGE)


class Frequency(models.TextChoices):
    DAILY = "daily", _("每日摘要")
    IMMEDIATE = "immediate", _("即时通知")


class SubscriptionState(models.TextChoices):
    PENDING = "pending", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    UNSUBSCRIBED = "unsubscribed", _("已退订")


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self) -> "SubscriptionQuerySet":
        return self.filter(state=SubscriptionState.CONFIRMED)

    def pending(self) -> "SubscriptionQuerySet":
        return self.filter(state=SubscriptionState.PENDING)

    def deliverable(self) -> "SubscriptionQuerySet":
        """Confirmed, and the subscriber not suspended after bounces."""
        return self.confirmed().filter(subscriber__state=SubscriberState.ACTIVE)


class Subscription(models.Model):
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    topic = models.CharField(_("订阅内容"), max_length=24, choices=Topic.choices)
    # What the topic is about: one of these, or an agency with a keyword, or nothing (all
    # consultations). `topic_key` says it in one string so a subscriber has each topic once.
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("机关"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    catalogue_item = models.ForeignKey(
        "catalogue.AgencyItem",
        verbose_name=_("公开目录事项"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    keyword = models.CharField(_("关键词"), max_length=limits.SUBSCRIPTION_KEYWORD, blank=True)
    application = models.ForeignKey(
        "foi.Application", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    message = models.ForeignKey(
        "participation.PublicMessage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    topic_key = models.CharField(max_length=120, editable=False)
    frequency = models.CharField(
        _("频率"), max_length=16, choices=Frequency.choices, default=Frequency.DAILY
    )
    state = models.CharField(
        _("状态"),
        max_length=16,
        choices=SubscriptionState.choices,
        default=SubscriptionState.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("退订时间"), null=True, blank=True)
    # A case's notice, claimed by one `send_case_notices` run.
    notified_at = models.DateTimeField(_("通知时间"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("订阅")
        verbose_name_plural = _("订阅")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "topic_key"], name="subscription_one_per_topic"
            )
        ]

    def __str__(self) -> str:
        return f"订阅 #{self.pk}（{self.get_topic_display()}）"

    @property
    def is_case(self) -> bool:
        return self.topic in CASE_TOPICS


class DeliveryKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("确认邮件")
    DIGEST = "digest", _("每日摘要")
    CASE_NOTICE = "case_notice", _("答复通知")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("待发送")
    SENDING = "sending", _("发送中")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")
    BOUNCED = "bounced", _("退信")


class Delivery(models.Model):
    """One mail to a subscriber and what became of it. The text is kept only until it is sent
    (or given up): afterwards the record says what, when and the server's reply."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(_("类型"), max_length=16, choices=DeliveryKind.choices)
    subject = models.CharField(_("主题"), max_length=200)
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    unsubscribe_url = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.QUEUED,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    smtp_reply = models.TextField(_("邮件服务器答复"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("邮件发送记录")
        verbose_name_plural = _("邮件发送记录")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"邮件 #{self.pk}（{self.get_kind_display()}）"
