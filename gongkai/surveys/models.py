"""A survey (民意调查), its questions and options, and the responses.

A response stores no address and no cookie in clear: only `respondent_key`, a keyed hash of
the respondent's random cookie token and the survey (rules.respondent_key), so that a second
response of the same browser is refused and responses of two surveys cannot be linked. The
per-network daily cap counts in `NetworkCount` by another keyed hash (of the network, the
survey and the day). See README.md, "One response per person"."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    OPEN = "open", _("已发布")  # answers taken between opens_at and closes_at
    CLOSED = "closed", _("已结束")  # no more answers; free-text answers under review
    RESULTS = "results", _("结果已公布")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("单选")
    MULTIPLE = "multiple", _("多选")
    SCALE = "scale", _("量表（1–5分）")
    TEXT = "text", _("文字回答")


class TextReview(models.TextChoices):
    PENDING = "pending", _("待审核")
    SHOWN = "shown", _("公开")
    WITHHELD = "withheld", _("不公开")


class RespondentRule(models.TextChoices):
    """How one response per person is measured (README, "One response per person")."""

    BROWSER = "browser", _("浏览器标识加同一网络每日上限（面向公众）")
    CODE = "code", _("一次性参与码（面向特定人群，由机关发放）")


class SurveyQuerySet(models.QuerySet):
    def for_agencies(self, agency_ids) -> "SurveyQuerySet":
        return self.filter(agency_id__in=agency_ids)

    def public(self) -> "SurveyQuerySet":
        """On the portal: every survey once opened (its results only when published)."""
        return self.exclude(status=SurveyStatus.DRAFT)


class Survey(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="surveys", verbose_name=_("机关")
    )
    title = models.CharField(_("调查名称"), max_length=200)
    description = models.TextField(_("调查说明"))
    opens_at = models.DateTimeField(_("开始时间"))
    closes_at = models.DateTimeField(_("截止时间"))
    status = models.CharField(
        _("状态"),
        max_length=8,
        choices=SurveyStatus.choices,
        default=SurveyStatus.DRAFT,
        db_index=True,
    )
    respondent_rule = models.CharField(
        _("每人一份的方式"),
        max_length=8,
        choices=RespondentRule.choices,
        default=RespondentRule.BROWSER,
    )
    network_daily_cap = models.PositiveIntegerField(
        _("同一网络每日答卷上限"),
        default=30,
        help_text=_("同一网络（按地址段计）每天最多提交的答卷数；单位、学校共用出口时可调高。"),
    )
    decision_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("所服务的决策文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    consultation = models.ForeignKey(
        "participation.Consultation",
        verbose_name=_("相关征求意见"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    results_note = models.TextField(
        _("结果说明"), blank=True, help_text=_("调查结果如何用于决策，随结果公布。")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(_("创建时间"))
    opened_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    results_published_at = models.DateTimeField(_("结果公布时间"), null=True, blank=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("民意调查")
        verbose_name_plural = _("民意调查")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("调查")
    )
    number = models.PositiveIntegerField(_("题号"))
    text = models.CharField(_("题目"), max_length=300)
    kind = models.CharField(_("题型"), max_length=8, choices=QuestionKind.choices)
    is_required = models.BooleanField(_("必答"), default=True)
    max_choices = models.PositiveIntegerField(_("最多可选"), null=True, blank=True)
    scale_low_label = models.CharField(_("1分表示"), max_length=20, blank=True)
    scale_high_label = models.CharField(_("5分表示"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("调查题目")
        verbose_name_plural = _("调查题目")
        ordering = ["survey", "number"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "number"], name="unique_question_number")
        ]

    def __str__(self) -> str:
        return self.text


class Option(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="options", verbose_name=_("题目")
    )
    number = models.PositiveIntegerField(_("序号"))
    text = models.CharField(_("选项"), max_length=200)

    class Meta:
        verbose_name = _("选项")
        verbose_name_plural = _("选项")
        ordering = ["question", "number"]

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="responses", verbose_name=_("调查")
    )
    # HMAC of (survey, the respondent's random cookie token): never the token itself.
    respondent_key = models.CharField(_("答卷人标识"), max_length=64)
    submitted_at = models.DateTimeField(_("提交时间"))

    class Meta:
        verbose_name = _("答卷")
        verbose_name_plural = _("答卷")
        ordering = ["survey", "submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent_key"], name="one_response_per_respondent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk}"


class Answer(models.Model):
    """One answer to one question: a chosen option (a multiple choice has a row per option),
    a scale value, or a text (reviewed before it is shown)."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("答卷")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("题目")
    )
    option = models.ForeignKey(
        Option, on_delete=models.PROTECT, null=True, blank=True, related_name="answers"
    )
    scale_value = models.PositiveSmallIntegerField(_("分值"), null=True, blank=True)
    text = models.TextField(_("回答内容"), blank=True)
    text_review = models.CharField(
        _("审核"), max_length=8, choices=TextReview.choices, blank=True, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("回答")
        verbose_name_plural = _("回答")
        ordering = ["response", "question", "id"]

    def __str__(self) -> str:
        return f"{self.question_id}"


class NetworkCount(models.Model):
    """Responses from one network to one survey on one day (keyed hash, never the address)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    network_key = models.CharField(max_length=64)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "network_key", "day"], name="one_count_per_network_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.day}"


class AccessCode(models.Model):
    """A one-time code the agency hands out for a closed-population survey. Only a keyed hash
    is kept, and a response does not record which code it used: used or not is all we know."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="access_codes")
    code_key = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "code_key"], name="unique_access_code")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk}"
