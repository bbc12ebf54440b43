"""Project-wide system checks (run by `gongkai check`)."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def check_secret_key_is_not_the_dev_key(app_configs, **kwargs):
    from gongkai.settings import DEV_SECRET_KEY

    if not settings.DEBUG and settings.SECRET_KEY == DEV_SECRET_KEY:
        return [
            Error(
                "SECRET_KEY is the development key while DEBUG is off.",
                hint="Set SECRET_KEY in the environment to a long random value.",
                id="gongkai.E001",
            )
        ]
    return []


@register()
def check_dev_key_not_used_in_production(app_configs, **kwargs):
    # Also runs without --deploy so that a production start refuses the dev key at once.
    return check_secret_key_is_not_the_dev_key(app_configs)
