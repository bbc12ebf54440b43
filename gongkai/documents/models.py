"""Government information records (政府信息): metadata, body, attachments, publication
attributes, validity, links between records, and the 索引号 counter."""

import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("待审核")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class DocumentType(models.TextChoices):
    RULE = "rule", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    POLICY = "policy", _("其他政策文件")
    INTERPRETATION = "interpretation", _("政策解读")
    NOTICE = "notice", _("通知公告")
    NEWS = "news", _("工作动态")
    LICENSING = "licensing", _("行政许可决定")
    PENALTY = "penalty", _("行政处罚决定")
    ENFORCEMENT = "enforcement", _("行政强制决定")
    INSPECTION = "inspection", _("监督检查结果")
    BUDGET = "budget", _("预算决算")
    PLAN = "plan", _("规划计划")
    PERSONNEL = "personnel", _("人事信息")
    SERVICE_GUIDE = "service_guide", _("办事指南")
    ANNUAL_REPORT = "annual_report", _("政府信息公开年度报告")
    CONSULTATION_DRAFT = "consultation_draft", _("征求意见稿")
    CONSULTATION_FEEDBACK = "consultation_feedback", _("意见采纳情况反馈")
    OTHER = "other", _("其他")


# Policy documents must be published together with an interpretation (政策解读) unless a
# reviewer records why not (NHFPC 2016 opinions §二(二); design.md data flow step 1).
TYPES_NEEDING_INTERPRETATION = frozenset(
    {DocumentType.RULE, DocumentType.NORMATIVE, DocumentType.POLICY}
)


# Records of administrative decisions: Table A counts their decisions (本年处理决定数量, spec
# §3.2) in the year of the decision, and their 成文日期 is the decision date.
DECISION_TYPES = frozenset({DocumentType.LICENSING, DocumentType.PENALTY, DocumentType.ENFORCEMENT})

# 双公示: licensing and penalty results are published within 7 working days of the decision
# (spec §5.4), whatever catalogue element the clerk files them under.
DOUBLE_PUBLICITY_TYPES = frozenset({DocumentType.LICENSING, DocumentType.PENALTY})
DOUBLE_PUBLICITY_DAYS = 7

# What the policy library (政策文件库) lists.
POLICY_LIBRARY_TYPES = (
    DocumentType.RULE,
    DocumentType.NORMATIVE,
    DocumentType.POLICY,
    DocumentType.INTERPRETATION,
)

# What an agency's 政府信息公开制度 column lists, with the topic 政务公开 (`disclosure_rules`).
DISCLOSURE_RULE_TYPES = (DocumentType.RULE, DocumentType.NORMATIVE, DocumentType.POLICY)


class Attribute(models.TextChoices):
    """公开属性, decided when the record is drafted."""

    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    WITHHELD = "withheld", _("不予公开")


class Scope(models.TextChoices):
    FULL = "full", _("全文公开")
    REDACTED = "redacted", _("删减后公开")


class WithholdingBasis(models.TextChoices):
    """The legal basis for anything but full proactive disclosure (条例 Art.14–16, 19, 37)."""

    STATE_SECRET = "art14_secret", _("属于国家秘密（条例第十四条）")
    LAW_PROHIBITS = "art14_law", _("法律、行政法规禁止公开（条例第十四条）")
    SECURITY_STABILITY = (
        "art14_safety",
        _("危及国家安全、公共安全、经济安全、社会稳定（条例第十四条）"),
    )
    THIRD_PARTY = "art15_third_party", _("涉及商业秘密、个人隐私等第三方合法权益（条例第十五条）")
    INTERNAL_AFFAIRS = "art16_internal", _("内部事务信息（条例第十六条第一款）")
    PROCESS_INFORMATION = "art16_process", _("过程性信息（条例第十六条第二款）")
    ENFORCEMENT_FILE = "art16_case_file", _("行政执法案卷信息（条例第十六条第二款）")
    NOT_PROACTIVE_SCOPE = (
        "art19_scope",
        _("不属于应当主动公开的范围，公众可依申请获取（条例第十九条、第二十七条）"),
    )
    OTHER_LAW = "other_law", _("其他法律、法规规定（在理由中写明）")


class Validity(models.TextChoices):
    VALID = "valid", _("有效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")
    EXPIRED = "expired", _("已失效")


class InterpretationForm(models.TextChoices):
    TEXT = "text", _("文字解读")
    GRAPHIC = "graphic", _("图文解读")
    VIDEO = "video", _("视频解读")


class InterpreterRole(models.TextChoices):
    """Who interpreted a policy: the principal is the 第一解读人 (国办发〔2016〕80号); the
    supervisor counts the leaders' interpretations of each year (press/leadership.py)."""

    PRINCIPAL = "principal", _("主要负责人")
    LEADER = "leader", _("其他负责同志")
    EXPERT = "expert", _("专家学者")
    DRAFTING_OFFICE = "drafting_office", _("起草部门")
    OTHER = "other", _("其他")


LEADER_ROLES = frozenset({InterpreterRole.PRINCIPAL, InterpreterRole.LEADER})


class Topic(models.TextChoices):
    """主题分类, after the State Council policy library's subject classes relevant here."""

    HEALTH = "health", _("卫生、体育\\卫生")
    MEDICINE = "medicine", _("卫生、体育\\医药管理")
    DISEASE_CONTROL = "disease_control", _("卫生、体育\\疾病预防控制")
    MATERNAL_CHILD = "maternal_child", _("卫生、体育\\妇幼健康")
    FAMILY_PLANNING = "family_planning", _("人口与计划生育、妇女儿童工作\\计划生育与服务")
    OPENNESS = "openness", _("综合政务\\政务公开")
    GENERAL = "general", _("综合政务\\其他")
    FINANCE = "finance", _("财政、金融、审计\\财政")
    PERSONNEL = "personnel", _("机构编制、人事\\人事工作")
    MARKET_REGULATION = "market_regulation", _("市场监管、安全生产监管\\其他")
    SOCIAL_SECURITY = "social_security", _("劳动、人事、监察\\社会保障")
    OTHER = "other", _("其他")


class DocumentQuerySet(models.QuerySet):
    def drafts(self) -> "DocumentQuerySet":
        return self.filter(status=Status.DRAFT)

    def awaiting_review(self) -> "DocumentQuerySet":
        return self.filter(status=Status.IN_REVIEW)

    def published(self) -> "DocumentQuerySet":
        return self.filter(status=Status.PUBLISHED)

    def public(self) -> "DocumentQuerySet":
        """What the public may read: published, proactive, not withdrawn."""
        return self.filter(status=Status.PUBLISHED, attribute=Attribute.PROACTIVE)

    def disclosure_rules(self) -> "DocumentQuerySet":
        """政府信息公开制度: rules, normative and policy documents on disclosure work itself.

        The standard catalogue has no item for them (G12 holds the guide and the catalogue),
        so the topic every record carries decides: 综合政务\\政务公开 (Topic.OPENNESS).
        """
        return self.filter(topic=Topic.OPENNESS, document_type__in=DISCLOSURE_RULE_TYPES)

    def withdrawn_from_public(self) -> "DocumentQuerySet":
        """Records the public once could read and that were withdrawn: the portal and the API
        say so (HTTP 410 with the reason) instead of pretending they never existed."""
        return self.filter(status=Status.WITHDRAWN, attribute=Attribute.PROACTIVE)

    def unpublished(self) -> "DocumentQuerySet":
        return self.filter(status__in=[Status.DRAFT, Status.IN_REVIEW])

    def visible_to_staff(self, agency_ids: set[int]) -> "DocumentQuerySet":
        return self.filter(agency_id__in=agency_ids)


class Document(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("发布机关"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    title = models.CharField(_("标题"), max_length=300)
    index_number = models.CharField(
        _("索引号"), max_length=64, null=True, blank=True, unique=True, editable=False
    )
    index_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    index_serial = models.PositiveIntegerField(null=True, blank=True, editable=False)
    document_number = models.CharField(
        _("文号"),
        max_length=100,
        blank=True,
        help_text=_("例如：津滨卫函〔2018〕489号。没有文号的留空。"),
    )
    document_type = models.CharField(_("文件类型"), max_length=24, choices=DocumentType.choices)
    topic = models.CharField(_("主题分类"), max_length=32, choices=Topic.choices)
    catalogue_item = models.ForeignKey(
        "catalogue.AgencyItem",
        verbose_name=_("公开目录事项"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    catalogue_element = models.CharField(
        _("公开内容要素"),
        max_length=200,
        blank=True,
        help_text=_("所属目录事项中的具体要素，例如“结果信息”。决定公开时限。"),
    )
    formed_on = models.DateField(_("成文日期"), help_text=_("信息形成之日，公开时限从次日起算。"))
    decision_count = models.PositiveIntegerField(
        _("决定数量"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_(
            "行政许可、行政处罚、行政强制决定信息中列出的决定个数（一条信息公开多个决定的，逐个计数）；"
            "年度报告的“本年处理决定数量”按此合计。其他类型的信息为1。"
        ),
    )
    changed_on = models.DateField(
        _("变更日期"),
        null=True,
        blank=True,
        help_text=_("信息变更的，填写变更之日，公开时限从变更之日次日起算。"),
    )
    summary = models.TextField(_("内容概述"), help_text=_("目录中显示的内容概述（条例第十二条）。"))
    body = models.TextField(_("正文"), blank=True)
    attribute = models.CharField(
        _("公开属性"), max_length=16, choices=Attribute.choices, default=Attribute.PROACTIVE
    )
    scope = models.CharField(
        _("公开方式"), max_length=16, choices=Scope.choices, default=Scope.FULL
    )
    withholding_basis = models.CharField(
        _("不公开（删减）依据"), max_length=32, choices=WithholdingBasis.choices, blank=True
    )
    withholding_reason = models.TextField(_("不公开（删减）理由"), blank=True)
    validity = models.CharField(
        _("有效性"), max_length=16, choices=Validity.choices, default=Validity.VALID
    )
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    validity_changed_on = models.DateField(_("修改、废止或失效日期"), null=True, blank=True)
    interpretation_form = models.CharField(
        _("解读形式"), max_length=16, choices=InterpretationForm.choices, blank=True
    )
    interpretation_waiver = models.TextField(
        _("不作解读的理由"),
        blank=True,
        help_text=_("政策文件未同步发布解读的，由审核员记录理由。"),
    )
    interpreter_role = models.CharField(
        _("解读人身份"), max_length=16, choices=InterpreterRole.choices, blank=True
    )
    interpreter_name = models.CharField(_("解读人姓名或部门"), max_length=100, blank=True)
    interpreter_post = models.CharField(_("解读人职务"), max_length=100, blank=True)

    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("起草人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="drafted_documents",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_documents",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)
    submitted_at = models.DateTimeField(_("提交审核时间"), null=True, blank=True)
    review_comments = models.TextField(_("审核意见"), blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, db_index=True)
    due_on = models.DateField(_("应公开日期"), null=True, blank=True, db_index=True)
    due_problem = models.CharField(
        _("期限无法计算的原因"), max_length=300, blank=True, editable=False
    )
    due_is_provisional = models.BooleanField(
        _("期限暂定"),
        default=False,
        editable=False,
        help_text=_("期限经过节假日安排尚未公布的年份，按放假办法暂定计算。"),
    )
    is_late = models.BooleanField(_("逾期发布"), default=False)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("撤回理由"), blank=True)
    imported = models.BooleanField(_("批量导入"), default=False, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")
        ordering = ["-published_at", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "index_year", "index_serial"],
                name="unique_index_serial_per_agency_year",
                condition=Q(index_serial__isnull=False),
            ),
            models.CheckConstraint(
                condition=Q(decision_count__gte=1), name="document_decision_count_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "attribute"]),
            # The supervisors' "policies without interpretation" finding reads policies by
            # publication time across agencies (bench/supervision.py: 7.8 s → 0.45 s at 1M).
            models.Index(fields=["document_type", "published_at"]),
            # The same finding over a province's fourteen cities: their policies of the period
            # along the agency, with what the count reads, from the index alone. With only the
            # index above, PostgreSQL ANDed it with the cities' 175,000 records read by agency
            # (bench/province.py, the league table: 12.8 → 0.7 ms).
            models.Index(
                fields=["agency", "published_at"],
                include=["status", "attribute", "interpretation_waiver", "id"],
                condition=Q(document_type__in=sorted(TYPES_NEEDING_INTERPRETATION)),
                name="document_policies",
            ),
            # The supervisors' stale and blank columns: whether an item has a public record,
            # and one since a day, read from the index alone for each of the items
            # (bench/supervision.py: SQLite 1.0 s → 0.15 s for 16,758 items at 1M records).
            models.Index(fields=["catalogue_item", "status", "attribute", "published_at"]),
            # The console's records list: one agency's page by last change or publication,
            # without sorting 100k rows (console/record_list_views.py).
            models.Index(fields=["agency", "updated_at"], name="document_agency_updated"),
            models.Index(fields=["agency", "published_at"], name="document_agency_published"),
            # The same list across a city's or a province's agencies (hundreds of ids): read
            # backwards (or forwards) along one index and stop after a page, instead of sorting
            # a million rows (bench/province.py: 1.4 s → a few ms).
            # (Its twin for 最近发布在前, published_at DESC NULLS LAST, exists on PostgreSQL only:
            # SQLite cannot index NULLS LAST; migration 0008 creates it.)
            models.Index(fields=["updated_at", "id"], name="document_updated"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def published_on(self) -> datetime.date | None:
        if self.published_at is None:
            return None
        return timezone.localdate(self.published_at)

    @property
    def clock_start_on(self) -> datetime.date:
        """The formation date, or the change date when the information changed (条例 Art.26)."""
        return self.changed_on or self.formed_on

    @property
    def records_decisions(self) -> bool:
        """A licensing, penalty or enforcement result: it carries a decision count."""
        return self.document_type in DECISION_TYPES

    @property
    def needs_interpretation(self) -> bool:
        return (
            self.document_type in TYPES_NEEDING_INTERPRETATION
            and self.attribute == Attribute.PROACTIVE
        )

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED and self.attribute == Attribute.PROACTIVE


class Issuer(models.Model):
    """A 发文机关: one or more per record; may be an agency outside this platform."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="issuers")
    name = models.CharField(_("发文机关"), max_length=200)
    agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("发文机关")
        verbose_name_plural = _("发文机关")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class LinkKind(models.TextChoices):
    INTERPRETS = "interprets", pgettext_lazy("document link", "解读")
    AMENDS = "amends", pgettext_lazy("document link", "修改")
    REPEALS = "repeals", pgettext_lazy("document link", "废止")
    FINAL_VERSION_OF = "final_of", _("正式文本（征求意见稿）")
    FEEDBACK_ON = "feedback_on", _("意见采纳情况反馈（征求意见稿）")


class DocumentLink(models.Model):
    """`source` <kind> `target`: e.g. an interpretation interprets a policy."""

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="outgoing_links")
    target = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="incoming_links")
    kind = models.CharField(_("关系"), max_length=16, choices=LinkKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("文件关联")
        verbose_name_plural = _("文件关联")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="unique_document_link"
            ),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.get_kind_display()} → {self.target}"


class AttachmentKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"
    IMAGE = "image", _("图片")


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("待提取")
    DONE = "done", _("已提取")
    NONE = "none", _("无文字")
    FAILED = "failed", _("提取失败")


def attachment_path(instance: "Attachment", filename: str) -> str:
    today = timezone.localdate()
    return f"attachments/{today:%Y/%m}/{instance.sha256[:2]}/{instance.sha256}.{instance.extension}"


class Attachment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("文件名"), max_length=255)
    kind = models.CharField(_("类型"), max_length=8, choices=AttachmentKind.choices)
    extension = models.CharField(max_length=8)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)
    extracted_text = models.TextField(blank=True)
    extraction_status = models.CharField(
        max_length=16, choices=ExtractionStatus.choices, default=ExtractionStatus.PENDING
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class IndexCounter(models.Model):
    """Last 索引号 serial used per agency and year; serials are never reused."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="unique_index_counter")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last_serial}"


class PublicTallyByItem(models.Model):
    """How many records the public can read (`DocumentQuerySet.public`) per agency and
    catalogue item: the catalogue tree's counts read an agency's few rows instead of counting
    its records. Its twin `PublicTallyByType` counts per agency and document type (the home
    page's per-agency figures, the policy library's total): a tally keyed by all three grew to
    145,000 rows at a province, and summing it by agency or type read them all.

    Both are kept by the database itself: triggers on the records table (migration 0010) add
    and subtract one on every insert, delete and change of a record's status, attribute,
    agency, catalogue item or type, whatever wrote it (a service, an import, a bulk SQL
    statement, a cascade). Nothing in Python writes these rows except `tally.recount`, which
    rebuilds them from the records (`gongkai documents_tally --recount`).
    """

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    # The record's catalogue item id. Not a foreign key (the rows only count) and never NULL:
    # a unique key holding NULL never conflicts, so the triggers' upsert would add a row each
    # time; a record without an item (not allowed today) would count under 0.
    catalogue_item_key = models.BigIntegerField(default=0)
    records = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("公开记录计数（按目录事项）")
        verbose_name_plural = _("公开记录计数（按目录事项）")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "catalogue_item_key"], name="unique_public_tally_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.catalogue_item_key}: {self.records}"


class PublicTallyByType(models.Model):
    """How many records the public can read per agency and document type (see
    `PublicTallyByItem`, kept by the same triggers)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    document_type = models.CharField(max_length=24, choices=DocumentType.choices)
    records = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("公开记录计数（按文件类型）")
        verbose_name_plural = _("公开记录计数（按文件类型）")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "document_type"], name="unique_public_tally_type"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.document_type}: {self.records}"
