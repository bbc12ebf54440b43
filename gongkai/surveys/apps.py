"""Opinion surveys (民意调查) before decisions: questions, an open period, one response per
respondent, results with charts. See README.md."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "gongkai.surveys"
    label = "surveys"
    verbose_name = _("民意调查")
