"""The China working-day calendar as data: one row per loaded year, one per special day."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.workdays.errors import InvalidSpecialDay
from gongkai.workdays.rules import check_special_day


class Source(models.TextChoices):
    CHINESECALENDAR = "chinesecalendar", _("chinesecalendar 软件包")
    MANUAL = "manual", _("管理员录入")


class DayKind(models.TextChoices):
    # Any statutory holiday date; on a weekend it changes nothing, but it records the notice.
    HOLIDAY = "holiday", _("放假")
    # A Saturday or Sunday worked in exchange for a holiday (全国年节及纪念日放假办法 Art.7).
    WORKDAY = "workday", _("调休上班")


class CalendarYear(models.Model):
    """A year whose State Council holiday notice is loaded; without a row the year is unknown."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    notice = models.CharField(
        _("放假通知"),
        max_length=200,
        help_text=_("国务院办公厅的放假通知，例如“国办发明电〔2024〕12号”。"),
    )
    notice_url = models.URLField(_("通知网址"), blank=True)
    source = models.CharField(
        _("来源"), max_length=16, choices=Source.choices, default=Source.MANUAL
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("日历年份")
        verbose_name_plural = _("日历年份")
        ordering = ["year"]

    def __str__(self) -> str:
        return _("%(year)s年") % {"year": self.year}


class SpecialDay(models.Model):
    """A statutory rest day, or a weekend day worked by 调休, as set by the year's notice."""

    year = models.ForeignKey(
        CalendarYear, verbose_name=_("年份"), on_delete=models.CASCADE, related_name="days"
    )
    day = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("节日"), max_length=100, help_text=_("例如“春节”“国庆节”。"))

    class Meta:
        verbose_name = _("放假或调休日")
        verbose_name_plural = _("放假和调休日")
        ordering = ["day"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=DayKind.values), name="workdays_specialday_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.get_kind_display()}（{self.name}）"

    def clean(self) -> None:
        try:
            # In the admin's add view the year is assigned but not yet saved, so read the
            # related object rather than year_id.
            year = self.year.year
        except CalendarYear.DoesNotExist:
            return
        if self.day is None or year is None:
            return
        try:
            check_special_day(
                year=year, day=self.day, is_makeup_workday=self.kind == DayKind.WORKDAY
            )
        except InvalidSpecialDay as error:
            raise ValidationError({"day": error.message}) from error
