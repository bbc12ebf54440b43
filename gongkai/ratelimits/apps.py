from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatelimitsConfig(AppConfig):
    name = "gongkai.ratelimits"
    label = "ratelimits"
    verbose_name = _("频率限制")

    def ready(self) -> None:
        from gongkai.ratelimits import checks  # noqa: F401 - registers the system checks
