"""Information applications (依申请公开): applicant, channel and receipt date, the event log
the statutory clock is derived from, the reply and its outcome, review and litigation cases.

Workflow status and outcome are kept apart: `status` says where the case stands, `outcome`
(set once, at the reply) says which annual-report row it counts in.
"""

from django.conf import settings
from django.db import models
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.foi.clock import EventKind
from gongkai.foi.fees import FeeMethod
from gongkai.foi.identity import IdType
from gongkai.foi.outcomes import ApplicantType, NotHeldReason, Outcome
from gongkai.foi.receipt import CONFIRMED_CHANNELS, Channel, confirmation_is_late


class Status(models.TextChoices):
    REGISTERED = "registered", _("已登记")
    IN_PROGRESS = "in_progress", _("办理中")
    AWAITING_SUPPLEMENT = "awaiting_supplement", _("待补正")
    CONSULTING = "consulting", _("征求意见中")
    AWAITING_FEE = "awaiting_fee", _("待缴费")
    REPLY_DRAFTED = "reply_drafted", _("答复待审核")
    CLOSED = "closed", _("已办结")


OPEN_STATUSES = frozenset(
    {
        Status.REGISTERED,
        Status.IN_PROGRESS,
        Status.AWAITING_SUPPLEMENT,
        Status.CONSULTING,
        Status.AWAITING_FEE,
        Status.REPLY_DRAFTED,
    }
)


class DeliveryForm(models.TextChoices):
    """获取信息的方式 (条例第二十九条第二款第三项)."""

    PAPER = "paper", _("纸质文本（邮寄）")
    EMAIL = "email", _("电子邮件")
    ELECTRONIC = "electronic", _("电子文档（光盘、网上下载等）")
    ONSITE = "onsite", _("当场阅览、抄录")


class FeeNoticeService(models.TextChoices):
    """How the fee notice reached the applicant (国办函〔2020〕109号: the 20 working days to pay
    run from the day after they receive it)."""

    IN_PERSON = "in_person", _("当面送达")
    POST = "post", _("邮寄（以签收回执日期为准）")
    EMAIL = "email", _("电子邮件")
    ONLINE = "online", _("在线（申请平台）")


class ApplicationQuerySet(models.QuerySet):
    def open(self) -> "ApplicationQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def closed(self) -> "ApplicationQuerySet":
        return self.filter(status=Status.CLOSED)

    def count_by_agency(self) -> dict[int, int]:
        """{agency id: number of applications}, for dashboards."""
        rows = self.order_by().values("agency_id").annotate(n=models.Count("pk"))
        return {row["agency_id"]: row["n"] for row in rows}

    def confirmed_late(self) -> "ApplicationQuerySet":
        """Confirmed after the day they arrived (receipt.confirmation_is_late, as a query)."""
        return self.filter(
            channel__in=CONFIRMED_CHANNELS,
            arrived_on__isnull=False,
            confirmed_on__gt=models.F("arrived_on"),
        )

    def delayed_in(self, year: int) -> "ApplicationQuerySet":
        """Given a delayed reply date (条例第三十五条) in `year`, counted in the year of the
        first delay (a second one for the same application does not count again)."""
        return self.annotate(
            first_delay_on=Min("events__on", filter=Q(events__kind=LogKind.DELAYED))
        ).filter(first_delay_on__year=year)


def id_copy_path(instance: "Application", filename: str) -> str:
    return f"foi/id-copies/{timezone.localdate():%Y/%m}/{instance.query_code}-{filename[-60:]}"


class Application(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("受理机关"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    query_code = models.CharField(_("查询码"), max_length=16, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("拆分自"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="split_into",
    )
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="foi_submissions",
        help_text=_("申请人登录后提交的，可在“我的申请”中查看全部申请。"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("重复申请的原申请"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The applicant (条例第二十九条第二款第一项). Never shown on public pages.
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantType.choices)
    applicant_name = models.CharField(_("姓名或名称"), max_length=200)
    contact_person = models.CharField(_("联系人"), max_length=100, blank=True)
    id_type = models.CharField(_("证件类型"), max_length=24, choices=IdType.choices)
    id_number = models.CharField(_("证件号码"), max_length=40)
    phone = models.CharField(_("联系电话"), max_length=40)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=300, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=12, blank=True)
    id_copy = models.FileField(_("身份证明复印件"), upload_to=id_copy_path, blank=True)

    # What is asked for (条例第二十九条第二款第二、三项). The purpose is not asked.
    description = models.TextField(_("所需政府信息的名称或内容描述"))
    document_numbers = models.CharField(_("文号"), max_length=300, blank=True)
    delivery_form = models.CharField(
        _("获取信息的方式"), max_length=16, choices=DeliveryForm.choices
    )

    # How and when it arrived (条例第三十一条).
    channel = models.CharField(_("提交方式"), max_length=16, choices=Channel.choices)
    submitted_on = models.DateField(_("提交（送达）日期"))
    signed_on = models.DateField(_("签收日期"), null=True, blank=True)
    confirmed_on = models.DateField(_("确认日期"), null=True, blank=True)
    arrived_on = models.DateField(
        _("到达日期"),
        null=True,
        blank=True,
        help_text=_("平常信函、传真、网上申请到达本机关之日；应于当日与申请人确认。"),
    )
    confirmation_delay_reason = models.TextField(_("未在到达当日确认的原因"), blank=True)
    received_on = models.DateField(_("收到申请之日"), db_index=True)

    status = models.CharField(
        _("办理状态"), max_length=24, choices=Status.choices, default=Status.REGISTERED
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="foi_applications",
    )
    due_on = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)
    due_problem = models.CharField(_("期限说明"), max_length=300, blank=True)
    due_is_provisional = models.BooleanField(
        _("期限暂定"),
        default=False,
        help_text=_("期限经过节假日安排尚未公布的年份，按放假办法暂定计算。"),
    )

    # The reply (条例第三十六条): one outcome = one annual-report row.
    outcome = models.CharField(_("处理结果"), max_length=20, choices=Outcome.choices, blank=True)
    already_public = models.BooleanField(_("已主动公开（告知获取方式）"), default=False)
    # 本机关不掌握 (row （四）1): exactly one of 条例第三十六条第（四）项 and 第（五）项.
    not_held_reason = models.CharField(
        _("不掌握的情形"), max_length=16, choices=NotHeldReason.choices, blank=True
    )
    responsible_agency = models.CharField(
        _("负责公开该信息的机关"),
        max_length=200,
        blank=True,
        help_text=_("条例第三十六条第（五）项：能够确定的，告知其名称和联系方式。"),
    )
    responsible_agency_contact = models.CharField(_("该机关的联系方式"), max_length=300, blank=True)
    reply_text = models.TextField(_("答复内容"), blank=True)
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
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True, db_index=True)

    fee_method = models.CharField(
        _("收费方式"), max_length=16, choices=FeeMethod.choices, blank=True
    )
    fee_quantity = models.PositiveIntegerField(_("计费数量"), null=True, blank=True)
    fee_amount = models.PositiveIntegerField(_("收费金额（元）"), null=True, blank=True)
    fee_paid_amount = models.PositiveIntegerField(_("实收金额（元）"), null=True, blank=True)
    # Facts of the fee notice's service; the payment period is derived from the receipt date.
    fee_notice_service = models.CharField(
        _("收费通知送达方式"), max_length=16, choices=FeeNoticeService.choices, blank=True
    )
    fee_notice_received_on = models.DateField(_("申请人收到收费通知日期"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "status", "due_on"]),
            # The open applications among a province's million (about 1 %): the console list's
            # first part and its 未分配 count read them without scanning the closed ones
            # (bench/province.py). On PostgreSQL the included columns let the list's counts
            # (per state, 未分配, paused) read the index alone: the ~10,900 open applications
            # of a province lie on ~9,500 table pages.
            models.Index(
                fields=["agency", "received_on"],
                condition=~Q(status=Status.CLOSED),
                include=["status", "handler", "due_on", "id"],
                name="application_open_cover",
            ),
            # The list's open applications in their order (OpenThenClosed): a province's first
            # page reads 25 entries instead of sorting every open application.
            models.Index(
                fields=["due_on", "received_on", "id"],
                condition=~Q(status=Status.CLOSED),
                name="application_open_by_due",
            ),
            # The paused ones (no due day: 补正, 征求意见, 缴费) in the list's order, first on the
            # list and a section of the worklist. PostgreSQL estimates a few dozen where a
            # province has ~2,600 (it takes `due_on IS NULL` and the open states for
            # independent) and read them all from the table, a page each, to sort them: along
            # this index it reads the first 20 (bench/province.py: 6–15 ms → 0.3 ms).
            models.Index(
                fields=["received_on", "id"],
                condition=~Q(status=Status.CLOSED) & Q(due_on__isnull=True),
                include=["agency"],
                name="application_paused",
            ),
            # This year's applications confirmed after the day they arrived (条例第三十一条,
            # `confirmed_late`): a few among a province's 120,000 a year, whose count the
            # console list shows on every page (0.4–0.55 s reading the year's rows).
            models.Index(
                fields=["received_on"],
                condition=Q(
                    channel__in=sorted(CONFIRMED_CHANNELS),
                    arrived_on__isnull=False,
                    confirmed_on__gt=models.F("arrived_on"),
                ),
                name="application_confirmed_late",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.query_code} {self.description[:30]}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_confirmation_late(self) -> bool:
        """Confirmed after the day it arrived (条例第三十一条第（二）（三）项)."""
        return confirmation_is_late(
            self.channel, arrived_on=self.arrived_on, confirmed_on=self.confirmed_on
        )


class LogKind(models.TextChoices):
    """Everything the log records. The clock's own kinds (gongkai.foi.clock.EventKind) have
    the same values; the others (receipt, assignment, drafts…) do not move the clock."""

    RECEIVED = "received", _("收到申请")
    ASSIGNED = "assigned", _("分配承办人")
    SUPPLEMENT_REQUESTED = (
        EventKind.SUPPLEMENT_REQUESTED.value,
        EventKind.SUPPLEMENT_REQUESTED.label,
    )
    SUPPLEMENT_RECEIVED = EventKind.SUPPLEMENT_RECEIVED.value, EventKind.SUPPLEMENT_RECEIVED.label
    CONSULTATION_STARTED = (
        EventKind.CONSULTATION_STARTED.value,
        EventKind.CONSULTATION_STARTED.label,
    )
    CONSULTATION_DELIVERED = (
        EventKind.CONSULTATION_DELIVERED.value,
        EventKind.CONSULTATION_DELIVERED.label,
    )
    CONSULTATION_ENDED = EventKind.CONSULTATION_ENDED.value, EventKind.CONSULTATION_ENDED.label
    EXTENDED = EventKind.EXTENDED.value, EventKind.EXTENDED.label
    DELAYED = EventKind.DELAYED.value, EventKind.DELAYED.label
    FEE_NOTIFIED = EventKind.FEE_NOTIFIED.value, EventKind.FEE_NOTIFIED.label
    FEE_NOTICE_SERVED = "fee_notice_served", _("收费通知送达")
    FEE_PAID = EventKind.FEE_PAID.value, EventKind.FEE_PAID.label
    REPLY_DRAFTED = "reply_drafted", _("起草答复")
    REPLY_RETURNED = "reply_returned", _("答复退回修改")
    REPLIED = EventKind.REPLIED.value, EventKind.REPLIED.label
    CLOSED = EventKind.CLOSED.value, EventKind.CLOSED.label
    SPLIT = "split", _("拆分申请")


CLOCK_KINDS = frozenset(EventKind.values)


class Event(models.Model):
    """One entry of an application's log; the clock is derived from these."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=32, choices=LogKind.choices)
    on = models.DateField(_("日期"))
    days = models.PositiveSmallIntegerField(_("工作日数"), default=0)
    note = models.TextField(_("说明"), blank=True)
    details = models.JSONField(_("详情"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["on", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


class CaseKind(models.TextChoices):
    REVIEW = "review", _("行政复议")
    LITIGATION_DIRECT = "litigation_direct", _("行政诉讼（未经复议直接起诉）")
    LITIGATION_AFTER_REVIEW = "litigation_after_review", _("行政诉讼（复议后起诉）")


class CaseResult(models.TextChoices):
    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")
    PENDING = "pending", _("尚未审结")


class RemedyCase(models.Model):
    """An administrative review or lawsuit about an application (年度报告第四部分)."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="remedy_cases"
    )
    kind = models.CharField(_("类型"), max_length=32, choices=CaseKind.choices)
    result = models.CharField(
        _("结果"), max_length=16, choices=CaseResult.choices, default=CaseResult.PENDING
    )
    filed_on = models.DateField(_("立案（申请）日期"))
    concluded_on = models.DateField(_("审结日期"), null=True, blank=True)
    authority = models.CharField(_("复议机关或法院"), max_length=200, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("复议诉讼案件")
        verbose_name_plural = _("复议诉讼案件")
        ordering = ["filed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on}"
