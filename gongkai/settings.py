"""Settings for gongkai, read from the environment only (see .env.example).

There is one settings module. DEBUG is off unless the environment turns it on (./run, ./test
and scripts/setup-env.sh set DEBUG=true for development); the other defaults suit a laptop: a
SQLite file next to the project, mail printed to the console. DATABASE_URL switches to
PostgreSQL. With DEBUG off the web application refuses to start on the development key or a
short one (gongkai/wsgi.py), and `check --deploy` reports it (gongkai.checks).
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent

DEV_SECRET_KEY = "dev-only-insecure-key-change-me"  # noqa: S105 - refused in production (wsgi.py)


class ImproperlyConfiguredEnv(Exception):
    pass


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ImproperlyConfiguredEnv(f"Environment variable {name} is required")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfiguredEnv(f"{name} must be a boolean (true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfiguredEnv(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# Off by default: a process started without its environment (a forgotten EnvironmentFile)
# must not show tracebacks to the public.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", DEV_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_NAME = env_str("SITE_NAME", "卫生健康政务公开平台")
# The English pages' site name. Unset, the English default goes with the default Chinese name;
# a deployment that renames the site and leaves this out keeps its own name in English too.
SITE_NAME_EN = env_str(
    "SITE_NAME_EN",
    "Health Commission Government Information Portal"
    if SITE_NAME == "卫生健康政务公开平台"
    else SITE_NAME,
)

# What a government website's footer carries (政府网站发展指引, 国办发〔2017〕47号): the sponsor
# (主办单位), how to reach it (联系我们), the site identifier code (网站标识码) and the ICP and
# public-security filing numbers (ICP备案号, 公安机关备案号, each linked to its registry). Each
# line is left out while its setting is empty. In development (DEBUG) they default to values
# marked 演示 so that the footer can be seen; production sets the real ones or none.
_DEMO_FOOTER = DEBUG
SITE_SPONSOR = env_str("SITE_SPONSOR", "演示卫生健康委员会（演示数据）" if _DEMO_FOOTER else "")
SITE_CONTACT_ADDRESS = env_str(
    "SITE_CONTACT_ADDRESS", "演示市人民路 1 号（演示地址）" if _DEMO_FOOTER else ""
)
SITE_CONTACT_PHONE = env_str("SITE_CONTACT_PHONE", "010-00000000（演示）" if _DEMO_FOOTER else "")
SITE_CONTACT_EMAIL = env_str("SITE_CONTACT_EMAIL", "demo@example.gov.cn" if _DEMO_FOOTER else "")
# 网站标识码: ten characters issued by the national government-website register.
SITE_IDENTIFIER = env_str("SITE_IDENTIFIER", "0000000000（演示）" if _DEMO_FOOTER else "")
# ICP备案号 (e.g. 京ICP备12345678号-1), linked to beian.miit.gov.cn.
SITE_ICP = env_str("SITE_ICP", "演ICP备00000000号（演示）" if _DEMO_FOOTER else "")
# 公安机关备案号 (e.g. 京公网安备11010102000001号), linked to beian.mps.gov.cn.
SITE_PSB = env_str("SITE_PSB", "演公网安备00000000000000号（演示）" if _DEMO_FOOTER else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_prose_editor",  # static files of the record body's editor (console record form)
    "gongkai",
    "gongkai.accounts",
    "gongkai.audit",
    "gongkai.ratelimits",
    "gongkai.agencies",
    "gongkai.workdays",
    "gongkai.obligations",
    "gongkai.catalogue",
    "gongkai.documents",
    "gongkai.search",
    "gongkai.foi",
    "gongkai.reports",
    "gongkai.yearly_review",
    "gongkai.proposals",
    "gongkai.privacy",
    "gongkai.participation",
    "gongkai.supervision",
    "gongkai.enforcement",
    "gongkai.service_guides",
    "gongkai.projects",
    "gongkai.budgets",
    "gongkai.opendata",
    "gongkai.charts",
    "gongkai.diseases",
    "gongkai.prices",
    "gongkai.newmedia",
    "gongkai.subscriptions",
    "gongkai.surveys",
    "gongkai.press",
    "gongkai.portal",
    "gongkai.console",
    "gongkai.api",
    "gongkai.demo",
    "gongkai.backups",
]

MIDDLEWARE = [
    # Outermost, so that they see every response: ETags for what may be cached (and 304s), and
    # the one caching policy (gongkai/http/caching.py).
    "django.middleware.http.ConditionalGetMiddleware",
    "gongkai.http.caching.CachePolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "gongkai.http.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session and the view: an anonymous visitor's public page from the page cache
    # (gongkai/portal/page_cache.py).
    "gongkai.portal.page_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # One walk of the agency hierarchy per user and request (gongkai/agencies/access.py).
    "gongkai.agencies.middleware.AgencyAccessMemoMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "gongkai.accounts.middleware.SecondFactorMiddleware",
    "gongkai.accounts.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Innermost: in development a missing page is the site's 404 page (gongkai/http/not_found.py).
    "gongkai.http.not_found.SiteNotFoundMiddleware",
]
# With DEBUG on, show the site's own 404.html rather than Django's technical 404 page; false
# brings Django's page back (to see which URL patterns were tried).
SITE_404_IN_DEBUG = env_bool("SITE_404_IN_DEBUG", True)

# Local memory only: no cache service to run. "pages" keeps rendered public pages per process,
# keyed by the publication generation (gongkai/portal/page_cache.py); at about 15–30 KB a
# page, PAGE_CACHE_ENTRIES bounds it to some tens of MB per process.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
PAGE_CACHE_ENTRIES = env_int("PAGE_CACHE_ENTRIES", 2000)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "TIMEOUT": PAGE_CACHE_SECONDS,
        "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_ENTRIES},
    },
}

ROOT_URLCONF = "gongkai.urls"
# Under gunicorn (gongkai/wsgi.py), after this many requests each worker process moves what
# it keeps for life out of the garbage collector's reach (gongkai/http/warm_heap.py); 0: never.
GC_FREEZE_AFTER_REQUESTS = env_int("GC_FREEZE_AFTER_REQUESTS", 20)
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.context_processors.site",
            ],
        },
    },
]

# Django's form renderer, with <select> written in Python (gongkai/form_renderer.py).
FORM_RENDERER = "gongkai.form_renderer.FormRenderer"

DATA_DIR = Path(env_str("GONGKAI_DATA_DIR", str(PROJECT_DIR / "var")))
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'gongkai.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers continue while a writer commits; IMMEDIATE avoids lock upgrades that
    # fail with "database is locked" when two requests write at once.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A few indexes carry extra columns (`include=`) so that PostgreSQL answers a province's
    # list counts from the index alone; SQLite ignores those columns and uses the keys.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "console:login"
LOGIN_REDIRECT_URL = "console:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"

# Accounts (gongkai/accounts): sign-in throttling, sessions, second factor.
# Failed sign-ins before a lock, per account name and per client address, and the lock's length.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 20)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
# A staff session ends after this long without a request; public sessions after
# PUBLIC_SESSION_DAYS (Django's SESSION_COOKIE_AGE).
STAFF_SESSION_IDLE_MINUTES = env_int("STAFF_SESSION_IDLE_MINUTES", 120)
# A staff request moves the session's end only where the last move is this old: the session
# is written at most once a minute, and may end up to this much before the idle time.
# (At most half the idle time is used.)
STAFF_SESSION_MOVE_SECONDS = 60
SESSION_COOKIE_AGE = env_int("PUBLIC_SESSION_DAYS", 14) * 24 * 3600
# The name an authenticator app shows next to the account.
OTP_TOTP_ISSUER = SITE_NAME
# Secrets of authenticator devices are not shown in the admin, not even to administrators.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_HOURS", 24) * 3600

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
# Behind nginx: the `internal` location that sends MEDIA_ROOT's files once the application has
# checked who asks (X-Accel-Redirect; deploy/nginx/gongkai.conf). Empty: the app sends them.
MEDIA_ACCEL_REDIRECT = env_str("MEDIA_ACCEL_REDIRECT", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Where `gongkai backup` writes its timestamped archives (they hold personal data: mode 600).
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(DATA_DIR / "backups")))

# This server's own search index (each app server keeps one, fed from the shared outbox).
SEARCH_INDEX_DIR = Path(env_str("SEARCH_INDEX_DIR", str(DATA_DIR / "search-index")))

# Information applications: whether the period from a fee notice to payment is left out of
# the 20-working-day reply period. The spec leaves it open (regulations.md §2 [U]); default:
# it is not counted, as most agencies read 国办函〔2020〕109号.
FOI_FEE_PAUSES_CLOCK = env_bool("FOI_FEE_PAUSES_CLOCK", True)

# Uploads: attachments are checked by content and capped in size (documents.uploads).
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
# A form's fields without its files. The biggest form (a consultation: its 500,000-character
# draft plus its other texts, gongkai/limits.py) is about 6 MB once URL-encoded (9 bytes a
# Chinese character). nginx's client_max_body_size (deploy/nginx) must stay above both limits.
DATA_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # bigger uploads go to a temporary file

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "gongkai@localhost")
# The site's address as staff reach it, for links in e-mails sent by commands (no request).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# E-mail subscriptions (gongkai/subscriptions/README.md): at most one confirmation mail per
# address in this many minutes; unconfirmed subscriptions are deleted after this many days.
SUBSCRIPTION_CONFIRMATION_INTERVAL_MINUTES = env_int(
    "SUBSCRIPTION_CONFIRMATION_INTERVAL_MINUTES", 60
)
SUBSCRIPTION_PENDING_DAYS = env_int("SUBSCRIPTION_PENDING_DAYS", 7)
# The daily reminder digest (gongkai reminders): off to send none.
REMINDER_DIGEST = env_bool("REMINDER_DIGEST", True)
# The adoption feedback of a consultation (意见采纳情况反馈) is due this many working days after
# the consultation closes. No national rule fixes the period (participation/README.md): our
# reading, for the obligations ledger and the supervision finding.
CONSULTATION_FEEDBACK_WORKING_DAYS = env_int("CONSULTATION_FEEDBACK_WORKING_DAYS", 20)
# A rectification task still unanswered this many working days after its deadline is escalated
# (挂牌督办) by the daily sweep: marked, audited, and the leaders on both sides told.
RECTIFICATION_ESCALATE_AFTER_WORKING_DAYS = env_int("RECTIFICATION_ESCALATE_AFTER_WORKING_DAYS", 5)

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Rate limits of the public forms and progress checks (gongkai/http/ratelimit.py): per rule,
# a comma-separated list of count/period (s, m, h, d; "10/15m" is ten per quarter hour), or
# "off". Counted in the database, so every worker and app server shares them.
RATE_LIMITS = {
    "foi-apply": env_str("RATE_LIMIT_FOI_APPLY", "5/h,20/d"),
    "signup": env_str("RATE_LIMIT_SIGNUP", "5/h,20/d"),
    # Each sends a mail: a flood would fill somebody's mailbox.
    "password-reset": env_str("RATE_LIMIT_PASSWORD_RESET", "5/h,20/d"),
    "message-new": env_str("RATE_LIMIT_MESSAGE", "5/h,20/d"),
    "message-lookup": env_str("RATE_LIMIT_MESSAGE_LOOKUP", "10/m,60/h"),
    "comment": env_str("RATE_LIMIT_COMMENT", "10/h"),
    "comment-report": env_str("RATE_LIMIT_COMMENT_REPORT", "20/h"),
    "progress": env_str("RATE_LIMIT_PROGRESS", "10/m,60/h"),
    "progress-code": env_str("RATE_LIMIT_PROGRESS_CODE", "5/m"),
    "search": env_str("RATE_LIMIT_SEARCH", "60/m"),
    # Each sends a confirmation mail (gongkai/subscriptions): per client, and per address.
    "subscribe": env_str("RATE_LIMIT_SUBSCRIBE", "10/h,30/d"),
    "subscribe-address": env_str("RATE_LIMIT_SUBSCRIBE_ADDRESS", "5/h,10/d"),
    "survey-response": env_str("RATE_LIMIT_SURVEY_RESPONSE", "10/h,30/d"),
    "hearing-registration": env_str("RATE_LIMIT_HEARING_REGISTRATION", "5/h,20/d"),
}
# A query code checked more often than RATE_LIMIT_PROGRESS_CODE is locked for this long.
PROGRESS_LOCKOUT_MINUTES = env_int("RATE_LIMIT_PROGRESS_LOCKOUT_MINUTES", 15)
# Proxies whose X-Forwarded-For is believed (addresses or networks); the client address is the
# first one left of them (gongkai/http/client_ip.py). nginx on the same host: the default.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", ["127.0.0.1", "::1"])


SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_HTTPS_PROXY", False) else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# Preloading commits the domain and its subdomains to HTTPS in browsers: the deployer decides.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere: pages load our static files only (gongkai/http/security.py).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# 双随机一公开: results of a random inspection are published within this many working days of
# the inspection's end (our reading of 国发〔2019〕5号 practice; enforcement/README.md).
INSPECTION_RESULT_WORKING_DAYS = env_int("INSPECTION_RESULT_WORKING_DAYS", 20)
# 双公示 (enforcement/README.md, read through enforcement/conf.py):
# - the 3 days to withdraw a changed, revoked or annulled decision (行政处罚法第四十八条) are
#   working days under its 第八十五条; "calendar_days" counts calendar days with a last day on a
#   rest day moved to the next working day;
# - a natural person's name in public: "surname" (张某, the default), "full" (某某) or "none".
# ENFORCEMENT_PUBLICATION_WORKING_DAYS ({kind: days}) and ENFORCEMENT_PUBLICITY_MONTHS
# ({severity: (minimum, maximum) months or None}) override the rule tables where a local rule
# says otherwise; set them in a settings module of your own.
ENFORCEMENT_WITHDRAWAL_COUNTING = env_str("ENFORCEMENT_WITHDRAWAL_COUNTING", "working_days")
ENFORCEMENT_NAME_MASK = env_str("ENFORCEMENT_NAME_MASK", "surname")
