import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
application = get_wsgi_application()

# System checks run only for management commands: refuse here to serve on a development key.
from gongkai.checks import require_production_secret_key  # noqa: E402 - needs settings loaded

require_production_secret_key()

# Full garbage collections skip what the process keeps for life (gongkai/http/warm_heap.py).
from django.conf import settings  # noqa: E402

from gongkai.http.warm_heap import warm_heap_frozen  # noqa: E402

application = warm_heap_frozen(application, after=settings.GC_FREEZE_AFTER_REQUESTS)
