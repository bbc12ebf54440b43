"""Datasets (数据集), their resources (CSV, XLSX, JSON files, uploaded or generated from a
registered source) and every version of each resource's file."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"


class Theme(models.TextChoices):
    """卫生健康 sub-themes of the open catalogue; each maps to an EU data theme (THEME_URIS)."""

    MEDICAL_SERVICES = "medical_services", _("医疗服务")
    PUBLIC_HEALTH = "public_health", _("公共卫生")
    DISEASE_CONTROL = "disease_control", _("疾病预防控制")
    MATERNAL_CHILD = "maternal_child", _("妇幼健康")
    DRUGS_PRICES = "drugs_prices", _("药品和医疗价格")
    HEALTH_RESOURCES = "health_resources", _("卫生资源")
    FINANCE = "finance", _("财政预决算")
    PROJECTS = "projects", _("建设项目和采购")


# dcat:theme: the EU vocabulary's themes, which harvesters know. Health for most; budgets and
# projects are government and public sector (GOVE), prices economy and finance (ECON).
THEME_URIS = {
    Theme.MEDICAL_SERVICES: EU_THEME + "HEAL",
    Theme.PUBLIC_HEALTH: EU_THEME + "HEAL",
    Theme.DISEASE_CONTROL: EU_THEME + "HEAL",
    Theme.MATERNAL_CHILD: EU_THEME + "HEAL",
    Theme.DRUGS_PRICES: EU_THEME + "ECON",
    Theme.HEALTH_RESOURCES: EU_THEME + "HEAL",
    Theme.FINANCE: EU_THEME + "GOVE",
    Theme.PROJECTS: EU_THEME + "GOVE",
}


class Licence(models.TextChoices):
    """The licences a dataset may carry; the id is CKAN's licence id."""

    CC_BY_4 = "CC-BY-4.0", _("知识共享署名 4.0 国际（CC BY 4.0）")
    CC_ZERO = "CC0-1.0", _("知识共享 CC0 1.0 公共领域贡献")
    ODC_BY = "ODC-BY-1.0", _("开放数据共享署名许可（ODC-By 1.0）")


LICENCE_URLS = {
    Licence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_ZERO: "https://creativecommons.org/publicdomain/zero/1.0/",
    Licence.ODC_BY: "https://opendatacommons.org/licenses/by/1-0/",
}
# Default: free reuse with the source named — what the open-data rules ask of a user
# (注明数据来源), and the licence most portals and harvesters recognise.
DEFAULT_LICENCE = Licence.CC_BY_4


class Frequency(models.TextChoices):
    """更新频率; the value is the code of the EU frequency vocabulary (dct:accrualPeriodicity)."""

    ANNUAL = "ANNUAL", _("每年")
    QUARTERLY = "QUARTERLY", _("每季度")
    MONTHLY = "MONTHLY", _("每月")
    WEEKLY = "WEEKLY", _("每周")
    DAILY = "DAILY", _("每日")
    IRREGULAR = "IRREG", _("不定期")
    NEVER = "NEVER", _("不再更新")


class Openness(models.TextChoices):
    """开放属性 as the data-resource lists classify data."""

    UNCONDITIONAL = "unconditional", _("无条件开放")
    CONDITIONAL = "conditional", _("有条件开放")
    CLOSED = "closed", _("不予开放")


class DatasetStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("待审核")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class DatasetQuerySet(models.QuerySet):
    def published(self) -> "DatasetQuerySet":
        return self.filter(status=DatasetStatus.PUBLISHED)

    def for_agencies(self, agency_ids) -> "DatasetQuerySet":
        return self.filter(agency_id__in=agency_ids)


class Dataset(models.Model):
    # The CKAN API's `id` (CKAN's ids are UUIDs; a harvester keeps them to follow a dataset).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("发布机关"),
        on_delete=models.PROTECT,
        related_name="datasets",
    )
    name = models.SlugField(
        _("数据集标识"),
        max_length=100,
        unique=True,
        allow_unicode=False,
        help_text=_(
            "用于网址和接口，只能使用小写英文字母、数字、连字符和下划线，"
            "例如 medical-institutions。"
        ),
    )
    title = models.CharField(_("数据集名称"), max_length=200)
    description = models.TextField(_("数据集摘要"))
    catalogue_item = models.ForeignKey(
        "catalogue.AgencyItem",
        verbose_name=_("公开目录事项"),
        on_delete=models.PROTECT,
        related_name="datasets",
    )
    theme = models.CharField(_("主题分类"), max_length=32, choices=Theme.choices)
    licence = models.CharField(
        _("开放许可"), max_length=16, choices=Licence.choices, default=DEFAULT_LICENCE
    )
    frequency = models.CharField(_("更新频率"), max_length=16, choices=Frequency.choices)
    temporal_start = models.DateField(_("数据起始日期"), null=True, blank=True)
    temporal_end = models.DateField(_("数据截止日期"), null=True, blank=True)
    spatial = models.CharField(
        _("空间范围"), max_length=200, blank=True, help_text=_("不填写时为本机关的行政区划。")
    )
    contact_name = models.CharField(_("联系部门"), max_length=100)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    openness = models.CharField(
        _("开放属性"),
        max_length=16,
        choices=Openness.choices,
        default=Openness.UNCONDITIONAL,
    )
    openness_reason = models.TextField(
        _("不予无条件开放的理由"),
        blank=True,
        help_text=_("有条件开放或不予开放时必须说明理由，该理由在数据资源清单中公开。"),
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=DatasetStatus.choices, default=DatasetStatus.DRAFT
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("起草人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="drafted_datasets",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_datasets",
    )
    review_comments = models.TextField(_("审核意见"), blank=True)
    withdrawal_reason = models.TextField(_("撤回理由"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    modified_at = models.DateTimeField(_("更新时间"), default=timezone.now)
    published_at = models.DateTimeField(_("首次发布时间"), null=True, blank=True)

    objects = DatasetQuerySet.as_manager()

    class Meta:
        verbose_name = _("数据集")
        verbose_name_plural = _("数据集")
        ordering = ["agency", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == DatasetStatus.PUBLISHED

    @property
    def is_downloadable(self) -> bool:
        """Only unconditionally open data is offered for download to anyone."""
        return self.is_public and self.openness == Openness.UNCONDITIONAL

    @property
    def spatial_text(self) -> str:
        return self.spatial or self.agency.region or self.agency.name

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")

    @property
    def frequency_uri(self) -> str:
        return EU_FREQUENCY + self.frequency

    @property
    def theme_uri(self) -> str:
        return THEME_URIS.get(self.theme, EU_THEME + "HEAL")


class DatasetTag(models.Model):
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(_("标签"), max_length=50)

    class Meta:
        verbose_name = _("标签")
        verbose_name_plural = _("标签")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "name"], name="unique_dataset_tag"),
        ]

    def __str__(self) -> str:
        return self.name


class ResourceFormat(models.TextChoices):
    CSV = "CSV", "CSV"
    XLSX = "XLSX", "XLSX"
    JSON = "JSON", "JSON"


MEDIA_TYPES = {
    ResourceFormat.CSV: "text/csv",
    ResourceFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ResourceFormat.JSON: "application/json",
}


class ResourceOrigin(models.TextChoices):
    UPLOAD = "upload", _("上传文件")
    GENERATED = "generated", _("由平台数据生成")


class Resource(models.Model):
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(_("资源名称"), max_length=200)
    format = models.CharField(_("格式"), max_length=8, choices=ResourceFormat.choices)
    origin = models.CharField(_("来源"), max_length=16, choices=ResourceOrigin.choices)
    source_key = models.CharField(_("数据来源"), max_length=100, blank=True)
    # Declared schema: [{"name": column, "type": integer|number|date|string}] — checked on
    # every upload; empty = the types are only inferred.
    schema = models.JSONField(_("声明的列类型"), default=list, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("数据资源")
        verbose_name_plural = _("数据资源")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    def latest_version(self) -> "ResourceVersion | None":
        versions = getattr(self, "_prefetched_objects_cache", {}).get("versions")
        if versions is not None:
            return max(versions, key=lambda v: v.number, default=None)
        return self.versions.order_by("-number").first()


def version_path(instance: "ResourceVersion", filename: str) -> str:
    return f"opendata/{instance.resource.dataset_id}/{instance.resource_id}/{filename}"


class ResourceVersion(models.Model):
    """One content of a resource's file; a changed file is a new version, the old kept."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本"))
    file = models.FileField(_("文件"), upload_to=version_path, max_length=300)
    filename = models.CharField(_("文件名"), max_length=200)
    checksum = models.CharField(_("SHA-256 校验值"), max_length=64)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    row_count = models.PositiveIntegerField(_("行数"))
    # [{"name": header, "type": inferred or declared type}]
    columns = models.JSONField(_("列"), default=list)
    # The first rows as text, for the page's preview table and chart without reading the file.
    preview = models.JSONField(_("预览"), default=list)
    source_encoding = models.CharField(_("原文件编码"), max_length=32, blank=True)
    # SHA-256 of the table itself (header and cells): "changed" means this differs, whatever
    # the file format stamps in (an XLSX carries the time it was written).
    content_digest = models.CharField(_("内容摘要"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("资源版本")
        verbose_name_plural = _("资源版本")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "number"], name="unique_resource_version"),
        ]

    def __str__(self) -> str:
        return f"{self.resource} v{self.number}"
