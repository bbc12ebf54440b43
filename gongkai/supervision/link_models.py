"""Results of the crawl for broken links (crawl.py), kept so findings read them without
crawling, and other sites' answers cached so each is asked at most once a week."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkCheck(models.Model):
    """One crawl of one agency's public pages."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("机关"), on_delete=models.CASCADE, related_name="+"
    )
    checked_at = models.DateTimeField(_("检查时间"), db_index=True)
    pages = models.PositiveIntegerField(_("检查页面数"), default=0)
    links = models.PositiveIntegerField(_("检查链接数"), default=0)
    # [{"page": url, "target": url, "status": int, "reason": str}, …]
    broken = models.JSONField(_("不可用链接"), default=list)
    truncated = models.BooleanField(_("页面过多，未检查完"), default=False)

    class Meta:
        verbose_name = _("链接检查")
        verbose_name_plural = _("链接检查")
        ordering = ["-checked_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.agency} {self.checked_at:%Y-%m-%d}"


class ExternalLink(models.Model):
    """Another site's answer to one URL, reused for a week."""

    url = models.URLField(_("网址"), max_length=2000, unique=True)
    status = models.PositiveSmallIntegerField(_("状态码"))
    reason = models.CharField(_("原因"), max_length=200, blank=True)
    checked_at = models.DateTimeField(_("检查时间"))

    class Meta:
        verbose_name = _("外部链接")
        verbose_name_plural = _("外部链接")

    def __str__(self) -> str:
        return self.url
