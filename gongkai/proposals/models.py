"""Suggestions of people's-congress deputies (人大代表建议) and proposals of CPPCC members
(政协委员提案) assigned to an agency: the assignment, the reply with its classification, the
member's feedback and the publication of the result (README for the rules)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.documents.models import Status as RecordStatus


class Kind(models.TextChoices):
    SUGGESTION = "suggestion", _("人大代表建议")
    PROPOSAL = "proposal", _("政协委员提案")


class HandlingRole(models.TextChoices):
    HOST = "host", _("主办")
    CO_HOST = "co_host", _("协办")


class State(models.TextChoices):
    RECEIVED = "received", _("办理中")
    REPLIED = "replied", _("已答复")
    FEEDBACK = "feedback", _("已反馈")
    PUBLISHED = "published", _("已公开")


class Classification(models.TextChoices):
    # The classes the reply letter is marked with (README: 答复分类).
    A = "A", _("A类：已解决或采纳")
    B = "B", _("B类：正在解决或列入计划")
    C = "C", _("C类：留作参考")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class PublicationMode(models.TextChoices):
    FULL = "full", _("全文公开")
    SUMMARY = "summary", _("摘要公开")
    WITHHELD = "withheld", _("不公开")


def reply_letter_path(proposal: "Proposal", filename: str) -> str:
    return f"proposals/{proposal.agency_id}/{proposal.pk or 'new'}/{filename}"


class ProposalQuerySet(models.QuerySet):
    def for_agencies(self, agency_ids) -> "ProposalQuerySet":
        return self.filter(agency_id__in=list(agency_ids))

    def replied(self) -> "ProposalQuerySet":
        return self.exclude(state=State.RECEIVED)

    def published(self) -> "ProposalQuerySet":
        """Those whose result is a published record (published here or, after resolving the
        secrecy review's findings, on the record's own page)."""
        return self.filter(record__isnull=False, record__status=RecordStatus.PUBLISHED)


class Proposal(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("承办机关"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    number = models.CharField(_("编号"), max_length=40)
    title = models.CharField(_("标题"), max_length=300)
    members = models.CharField(
        _("提出人"), max_length=300, help_text=_("代表或委员姓名，多人联名时用顿号分隔。")
    )
    assigning_body = models.CharField(_("交办机关"), max_length=200)
    role = models.CharField(
        _("承办方式"), max_length=16, choices=HandlingRole.choices, default=HandlingRole.HOST
    )
    host_agency_name = models.CharField(_("主办单位"), max_length=200, blank=True)
    assigned_on = models.DateField(_("交办日期"))
    due_on = models.DateField(_("答复期限"))
    due_reason = models.TextField(_("调整期限的理由"), blank=True)
    state = models.CharField(
        _("办理状态"), max_length=16, choices=State.choices, default=State.RECEIVED
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    # The reply (答复函)
    classification = models.CharField(
        _("办理结果分类"), max_length=1, choices=Classification.choices, blank=True
    )
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    reply_summary = models.TextField(_("答复摘要"), blank=True)
    reply_text = models.TextField(_("答复全文"), blank=True)
    reply_letter = models.FileField(
        _("答复函"), upload_to=reply_letter_path, max_length=300, blank=True
    )
    reply_letter_name = models.CharField(_("答复函文件名"), max_length=200, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # The member's feedback (征询意见表)
    satisfaction = models.CharField(
        _("代表委员意见"), max_length=16, choices=Satisfaction.choices, blank=True
    )
    feedback_text = models.TextField(_("反馈意见"), blank=True)
    feedback_on = models.DateField(_("反馈日期"), null=True, blank=True)

    # Publication of the result
    publication_mode = models.CharField(
        _("公开方式"), max_length=16, choices=PublicationMode.choices, blank=True
    )
    publication_reason = models.TextField(_("不公开理由"), blank=True)
    record = models.ForeignKey(
        "documents.Document",
        verbose_name=_("公开的信息"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("建议提案")
        verbose_name_plural = _("建议提案")
        ordering = ["-year", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "year", "number"], name="one_proposal_per_number"
            )
        ]
        indexes = [models.Index(fields=["agency", "year", "state"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}-{self.number} {self.title}"
