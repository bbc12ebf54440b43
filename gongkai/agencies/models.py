"""Agencies (health commissions, bureaus, hospitals, CDCs), their hierarchy, and staff roles."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import connection, models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡镇级")
    INSTITUTION = "institution", _("医疗卫生机构")


class Role(models.TextChoices):
    ADMIN = "admin", _("管理员")
    PUBLISHER = "publisher", _("信息发布员")
    REVIEWER = "reviewer", _("审核员")
    FOI_HANDLER = "foi_handler", _("依申请公开承办人")
    SUPERVISOR = "supervisor", _("督查员")


agency_code_validator = RegexValidator(
    r"^[0-9A-Za-z-]{2,32}$",
    _("机关代码只能由2至32位字母、数字或连字符组成。"),
)


# Higher levels first: the rank of each level in the hierarchy's order.
LEVEL_RANK = {level: index for index, level in enumerate(Level.values)}


def hierarchy_key(level: str, sort_order: int, code: str) -> tuple:
    """`in_hierarchy_order` for rows already read (values, not models): level, then the
    administrator's sort order, then the code."""
    return (LEVEL_RANK.get(level, len(LEVEL_RANK)), sort_order, code)


class AgencyQuerySet(models.QuerySet):
    def active(self) -> "AgencyQuerySet":
        return self.filter(is_active=True)

    def in_hierarchy_order(self) -> "AgencyQuerySet":
        """Higher levels first (province before city before county…), then the sort order the
        administrator set, then the code: how lists of agencies are read on a government site."""
        rank = models.Case(
            *(models.When(level=level, then=index) for level, index in LEVEL_RANK.items()),
            default=len(LEVEL_RANK),
            output_field=models.IntegerField(),
        )
        return self.order_by(rank, "sort_order", "code")

    def choices_in_hierarchy_order(self) -> list[tuple[str, str]]:
        """(code, name) of each agency, in `in_hierarchy_order`'s order sorted in Python: the
        ORM's CASE costs ~0.6 ms to build where the rows take 0.2 (forms' agency choices)."""
        rows = self.values_list("level", "sort_order", "code", "name")
        ordered = sorted(rows, key=lambda row: hierarchy_key(*row[:3]))
        return [(code, name) for _level, _order, code, name in ordered]


class Agency(models.Model):
    code = models.CharField(
        _("机关代码"),
        max_length=32,
        unique=True,
        validators=[agency_code_validator],
        help_text=_("用于索引号的前缀，例如组织机构代码“000014349”。发布后不应更改。"),
    )
    name = models.CharField(_("机关名称"), max_length=200)
    short_name = models.CharField(_("简称"), max_length=60, blank=True)
    level = models.CharField(_("层级"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级机关（督查机关）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    region = models.CharField(_("行政区划"), max_length=100, blank=True)
    sort_order = models.PositiveIntegerField(
        _("排序"),
        default=0,
        help_text=_("同一层级的机关在网站上按此数字从小到大排列，相同时按机关代码排列。"),
    )
    is_active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    charges_foi_fees = models.BooleanField(
        _("收取信息处理费"),
        default=False,
        help_text=_("依国办函〔2020〕109号，对超过一定数量或频次的申请可以收取信息处理费。"),
    )

    requires_two_factor = models.BooleanField(
        _("工作人员须两步验证"),
        default=False,
        help_text=_("勾选后，本机关工作人员登录后台时除密码外还须输入手机验证器上的动态验证码。"),
    )

    consultation_minimum_days = models.PositiveSmallIntegerField(
        _("征求意见最短期限（日）"),
        default=30,
        help_text=_("征求意见期限短于此天数时提醒起草人说明理由。"),
    )

    # The disclosure office's details that the guide (指南) must show — 条例 Art.12.
    office_name = models.CharField(_("政府信息公开工作机构名称"), max_length=200, blank=True)
    office_address = models.CharField(_("办公地址"), max_length=300, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    office_telephone = models.CharField(_("联系电话"), max_length=100, blank=True)
    office_fax = models.CharField(_("传真"), max_length=100, blank=True)
    office_email = models.EmailField(_("电子邮箱"), blank=True)
    office_online_contact = models.URLField(_("互联网联系方式"), blank=True)
    office_postcode = models.CharField(_("邮政编码"), max_length=12, blank=True)
    guide_arrangement = models.TextField(
        _("信息分类和编排体系"),
        blank=True,
        help_text=_("说明本机关政府信息的分类、编排方式，显示在政府信息公开指南中。"),
    )
    guide_access = models.TextField(
        _("获取方式"),
        blank=True,
        help_text=_("说明公众获取政府信息的方式和途径，显示在政府信息公开指南中。"),
    )
    # Named in every reply letter: without them the review period may run from when the
    # applicant learns them (行政复议法第二十条第三款).
    review_body = models.CharField(
        _("行政复议机关"),
        max_length=200,
        blank=True,
        help_text=_(
            "答复告知书中写明的行政复议机关，例如县级卫生健康部门写“某某县人民政府”"
            "（行政复议法第二十四条）。不填写时写“有管辖权的行政复议机关”。"
        ),
    )
    court = models.CharField(
        _("行政诉讼的人民法院"),
        max_length=200,
        blank=True,
        help_text=_(
            "答复告知书中写明的人民法院，例如“某某县人民法院”。不填写时写“有管辖权的人民法院”。"
        ),
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("机关")
        verbose_name_plural = _("机关")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def ancestors(self) -> list["Agency"]:
        """From the direct parent up to the root."""
        chain: list[Agency] = []
        seen = {self.pk}
        node = self.parent
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain

    def descendant_ids(self) -> set[int]:
        """Ids of every agency below this one (not including itself, unless the parents loop
        back to it). One recursive query: walking level by level took a query per level with
        a growing id list, twice a console page at a province (bench/province.py)."""
        table = connection.ops.quote_name(self._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                # UNION, not UNION ALL: an agency reached twice (a loop in the parents) is
                # not walked again, so the walk ends.
                f"WITH RECURSIVE below(id) AS (SELECT id FROM {table} WHERE parent_id = %s "  # noqa: S608
                f"UNION SELECT a.id FROM {table} AS a JOIN below ON a.parent_id = below.id) "
                "SELECT id FROM below",
                [self.pk],
            )
            return {row[0] for row in cursor.fetchall()}

    guide_fields = [
        "office_name",
        "office_address",
        "office_hours",
        "office_telephone",
        "office_fax",
        "office_email",
        "office_online_contact",
    ]

    def missing_guide_fields(self) -> list[str]:
        """Art.12 facts not yet filled in (the guide must show all of them)."""
        return [name for name in self.guide_fields if not getattr(self, name)]


class Membership(models.Model):
    """One role a staff account holds in one agency. A person may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("机关"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"
