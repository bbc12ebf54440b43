"""The agency's own work ledger (工作台账): the year's work points broken into tasks with
owners and deadlines, training sessions held, and the leadership's annual review of the work
(the 2011 notice, Tianjin Binhai, Siping: self-checks, training at least once a year with
records, an annual review by the leadership)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkTask(models.Model):
    """One task of the year's work points (工作要点), with its owner and deadline."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("机关"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("任务"), max_length=300)
    owner = models.CharField(_("责任单位（科室）"), max_length=200)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("责任人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_on = models.DateField(_("完成时限"))
    done_on = models.DateField(_("完成日期"), null=True, blank=True)
    progress = models.TextField(_("进展情况"), blank=True)

    class Meta:
        verbose_name = _("工作要点任务")
        verbose_name_plural = _("工作要点任务")
        ordering = ["agency", "-year", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class MeetingKind(models.TextChoices):
    TRAINING = "training", _("政务公开培训")
    LEADERSHIP_REVIEW = "leadership_review", _("领导班子专题研究政务公开工作")


class WorkMeeting(models.Model):
    """A training session held, or the leadership's review of the disclosure work."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("机关"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("类别"), max_length=24, choices=MeetingKind.choices)
    held_on = models.DateField(_("日期"))
    topic = models.CharField(_("主题"), max_length=300)
    attendees = models.PositiveIntegerField(_("参加人数"), default=0)
    notes = models.TextField(
        _("内容和参加人员"),
        blank=True,
        help_text=_("培训内容、授课人、参加人员；或会议研究的事项和决定。"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("培训和专题会议")
        verbose_name_plural = _("培训和专题会议")
        ordering = ["agency", "-held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"
