from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "gongkai.participation"
    label = "participation"
    verbose_name = _("互动交流")
