"""Service items (政务服务事项) and the versions of their guides (办事指南), every element of the
national element list a field (elements.py says which are key); application materials and
the steps of the procedure are rows of their own."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ItemType(models.TextChoices):
    """事项类型 as the service-item lists classify them."""

    LICENSING = "licensing", _("行政许可")
    PUBLIC_SERVICE = "public_service", _("公共服务")
    OTHER = "other", _("其他行政权力")


class ItemLevel(models.TextChoices):
    """行使层级: which level of government handles the item."""

    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡级")


class ServiceItemQuerySet(models.QuerySet):
    def active(self) -> "ServiceItemQuerySet":
        return self.filter(is_active=True)

    def for_agencies(self, agency_ids) -> "ServiceItemQuerySet":
        return self.filter(agency_id__in=agency_ids)


class ServiceItem(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("实施机关"),
        on_delete=models.PROTECT,
        related_name="service_items",
    )
    item_type = models.CharField(_("事项类型"), max_length=16, choices=ItemType.choices)
    code = models.CharField(
        _("事项编码"),
        max_length=64,
        help_text=_("实施清单中的事项编码，只能由字母、数字和连字符组成。"),
    )
    name = models.CharField(_("事项名称"), max_length=300)
    level = models.CharField(_("行使层级"), max_length=16, choices=ItemLevel.choices)
    catalogue_item = models.ForeignKey(
        "catalogue.AgencyItem",
        verbose_name=_("公开目录事项"),
        on_delete=models.PROTECT,
        related_name="service_items",
        help_text=_("办事指南发布后列在公开目录的这个事项下。"),
    )
    is_active = models.BooleanField(_("在办"), default=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    objects = ServiceItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("政务服务事项")
        verbose_name_plural = _("政务服务事项")
        ordering = ["item_type", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="unique_service_item_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class GuideStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("待审核")
    PUBLISHED = "published", _("已发布")
    SUPERSEDED = "superseded", _("已被新版本替代")
    WITHDRAWN = "withdrawn", _("已撤回")


class Channel(models.TextChoices):
    """办理方式."""

    WINDOW = "window", _("窗口办理")
    ONLINE = "online", _("网上办理")
    POST = "post", _("邮寄办理")


class Delivery(models.TextChoices):
    """送达方式 of the result."""

    WINDOW = "window", _("窗口领取")
    POST = "post", _("邮寄送达")
    ELECTRONIC = "electronic", _("电子送达")


class FeeMode(models.TextChoices):
    FREE = "free", _("不收费")
    CHARGED = "charged", _("收费")


class MaterialForm(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")
    BOTH = "both", _("纸质和电子")


class CopyKind(models.TextChoices):
    ORIGINAL = "original", _("原件")
    COPY = "copy", _("复印件")
    BOTH = "both", _("原件和复印件")


class GuideQuerySet(models.QuerySet):
    def published(self) -> "GuideQuerySet":
        return self.filter(status=GuideStatus.PUBLISHED)

    def open(self) -> "GuideQuerySet":
        """The version being written or reviewed (at most one per item)."""
        return self.filter(status__in=[GuideStatus.DRAFT, GuideStatus.IN_REVIEW])


class Guide(models.Model):
    """One version of an item's guide. Published versions are never edited: a change is a new
    version, and publishing it supersedes the old one."""

    service_item = models.ForeignKey(
        ServiceItem, verbose_name=_("政务服务事项"), on_delete=models.PROTECT, related_name="guides"
    )
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    status = models.CharField(
        _("状态"), max_length=16, choices=GuideStatus.choices, default=GuideStatus.DRAFT
    )

    # 基本信息
    name = models.CharField(_("事项名称"), max_length=300, blank=True)
    legal_basis = models.TextField(
        _("设定依据"), blank=True, help_text=_("法律、法规、规章的名称和条款。")
    )
    implementing_body = models.CharField(_("实施主体"), max_length=200, blank=True)
    service_object = models.CharField(
        _("服务对象"), max_length=200, blank=True, help_text=_("例如：自然人、法人。")
    )
    # 受理条件和申请材料 (materials: GuideMaterial)
    conditions = models.TextField(_("受理条件"), blank=True)
    quantity_limit = models.CharField(
        _("数量限制"), max_length=200, blank=True, help_text=_("没有数量限制的写“无”。")
    )
    # 办理方式和流程 (steps: GuideStep)
    channels = models.JSONField(_("办理方式"), default=list, blank=True)
    online_url = models.URLField(_("网上办理地址"), max_length=500, blank=True)
    # 办理时限 (working days)
    statutory_days = models.PositiveSmallIntegerField(
        _("法定时限（工作日）"), null=True, blank=True
    )
    promised_days = models.PositiveSmallIntegerField(
        _("承诺时限（工作日）"), null=True, blank=True, help_text=_("不能长于法定时限。")
    )
    # 收费
    fee_mode = models.CharField(_("是否收费"), max_length=16, choices=FeeMode.choices, blank=True)
    fee_basis = models.TextField(_("收费依据"), blank=True)
    fee_standard = models.TextField(_("收费标准"), blank=True)
    # 办理结果
    result_name = models.CharField(_("结果名称"), max_length=200, blank=True)
    delivery_methods = models.JSONField(_("送达方式"), default=list, blank=True)
    # 办理地点、时间、咨询、监督和救济
    place = models.TextField(_("办理地点"), blank=True)
    hours = models.CharField(_("办理时间"), max_length=300, blank=True)
    consult_phone = models.CharField(_("咨询电话"), max_length=100, blank=True)
    complaint_channel = models.TextField(
        _("监督投诉渠道"), blank=True, help_text=_("投诉电话、信箱或地址。")
    )
    remedy = models.TextField(
        _("救济途径"), blank=True, help_text=_("申请人不服决定时的行政复议、行政诉讼途径。")
    )
    faq = models.TextField(_("常见问题"), blank=True)

    # The published record: 索引号, secrecy review, catalogue and search come with it.
    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("发布的信息"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_guide",
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("起草人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="drafted_service_guides",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_service_guides",
    )
    review_comments = models.TextField(_("审核意见"), blank=True)
    withdrawal_reason = models.TextField(_("撤回理由"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)
    submitted_at = models.DateTimeField(_("提交审核时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)

    objects = GuideQuerySet.as_manager()

    class Meta:
        verbose_name = _("办事指南")
        verbose_name_plural = _("办事指南")
        ordering = ["service_item", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_item", "version"], name="unique_guide_version"
            ),
            # One version at a time is written or reviewed, one is published.
            models.UniqueConstraint(
                fields=["service_item"],
                condition=Q(status__in=["draft", "in_review"]),
                name="one_open_guide_per_item",
            ),
            models.UniqueConstraint(
                fields=["service_item"],
                condition=Q(status="published"),
                name="one_published_guide_per_item",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_item.name} v{self.version}"

    @property
    def agency(self):
        return self.service_item.agency

    def channel_labels(self) -> list[str]:
        return [str(Channel(value).label) for value in self.channels if value in Channel.values]

    def delivery_labels(self) -> list[str]:
        return [
            str(Delivery(value).label)
            for value in self.delivery_methods
            if value in Delivery.values
        ]


def material_path(instance: "GuideMaterial", filename: str) -> str:
    # The stored name never comes from the uploader: the kind was judged by the content.
    return f"service_guides/{timezone.localdate():%Y}/{filename}"


class GuideMaterial(models.Model):
    """申请材料: one row per material, in the order the applicant gathers them."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="materials")
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    name = models.CharField(_("材料名称"), max_length=300)
    form = models.CharField(_("材料形式"), max_length=16, choices=MaterialForm.choices)
    copy_kind = models.CharField(_("原件/复印件"), max_length=16, choices=CopyKind.choices)
    copies = models.PositiveSmallIntegerField(
        _("份数"), default=1, validators=[MinValueValidator(1)]
    )
    is_required = models.BooleanField(_("必要材料"), default=True)
    note = models.CharField(_("填报须知"), max_length=500, blank=True)
    sample_file = models.FileField(_("示例样表"), upload_to=material_path, blank=True)
    sample_name = models.CharField(max_length=200, blank=True, editable=False)
    blank_form_file = models.FileField(_("空白表格"), upload_to=material_path, blank=True)
    blank_form_name = models.CharField(max_length=200, blank=True, editable=False)

    class Meta:
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(copies__gte=1), name="material_copies_positive")
        ]

    def __str__(self) -> str:
        return self.name


class GuideStep(models.Model):
    """办理流程: one row per step (申请、受理、审查、决定、送达 …)."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    name = models.CharField(_("环节名称"), max_length=100)
    description = models.TextField(_("办理内容"), blank=True)
    time_limit = models.CharField(_("环节时限"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("办理环节")
        verbose_name_plural = _("办理环节")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name
