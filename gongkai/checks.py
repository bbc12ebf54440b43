"""Project-wide system checks (run by `gongkai check`) and the secret-key rule they share
with the web application's start (gongkai/wsgi.py)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

# Django's own threshold for a key that is long and varied enough (security.W009).
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5


def secret_key_problem(key: str) -> str | None:
    """Why `key` must not sign production sessions and tokens, or None if it may."""
    from gongkai.settings import DEV_SECRET_KEY

    if key == DEV_SECRET_KEY:
        return "SECRET_KEY is the development key"
    if len(key) < SECRET_KEY_MIN_LENGTH or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS:
        return (
            f"SECRET_KEY is shorter than {SECRET_KEY_MIN_LENGTH} characters or has fewer than "
            f"{SECRET_KEY_MIN_UNIQUE_CHARACTERS} different ones"
        )
    return None


def require_production_secret_key() -> None:
    """Refuse to serve with DEBUG off unless SECRET_KEY is a real key (called by wsgi.py).

    Checks run only for management commands; gunicorn imports wsgi.py and would otherwise
    sign sessions with the development key.
    """
    problem = None if settings.DEBUG else secret_key_problem(settings.SECRET_KEY)
    if problem:
        raise ImproperlyConfigured(
            f"{problem} while DEBUG is off: set SECRET_KEY in the environment to a long random "
            "value (deploy/gongkai.env.example), or DEBUG=true for development."
        )


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
    # Every management command says so, but only as a warning: commands such as
    # `makemigrations --check` run in CI with no environment at all (so DEBUG off and no key),
    # and the web application refuses to start on this key anyway (wsgi.py).
    from gongkai.settings import DEV_SECRET_KEY

    if not settings.DEBUG and settings.SECRET_KEY == DEV_SECRET_KEY:
        return [
            Warning(
                "SECRET_KEY is the development key while DEBUG is off: the web application "
                "will refuse to start.",
                hint="Set SECRET_KEY in the environment, or DEBUG=true for development.",
                id="gongkai.W001",
            )
        ]
    return []


@register(deploy=True)
def check_site_url_is_this_site(app_configs, **kwargs):
    """The digests' links and the weekly link check use SITE_URL: its host must be served."""
    from urllib.parse import urlsplit

    from django.http.request import validate_host

    host = urlsplit(settings.SITE_URL).hostname or ""
    if not settings.DEBUG and not validate_host(host, settings.ALLOWED_HOSTS):
        return [
            Warning(
                f"SITE_URL ({settings.SITE_URL}) is not a host in ALLOWED_HOSTS: the reminder "
                "digests would link elsewhere and the link check could not read the pages.",
                hint="Set SITE_URL to the site's public address (https://…).",
                id="gongkai.W002",
            )
        ]
    return []


@register()
def check_enforcement_settings(app_configs, **kwargs):
    """A misspelt enforcement setting would fail on the first decision changed or shown."""
    allowed = {
        "ENFORCEMENT_WITHDRAWAL_COUNTING": ("working_days", "calendar_days"),
        "ENFORCEMENT_NAME_MASK": ("surname", "full", "none"),
    }
    problems = []
    for name, values in allowed.items():
        value = getattr(settings, name, values[0])
        if value not in values:
            problems.append(
                Error(
                    f"{name} is {value!r}; it must be one of: {', '.join(values)}.",
                    id="gongkai.E002",
                )
            )
    return problems
