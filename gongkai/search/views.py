"""The search health check (routed at /health/search): how far this server's index lags."""

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from gongkai.search.index import index_lag

DEFAULT_MAX_PENDING = 100


@require_GET
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Applied id, outbox max id, pending entries, and ok while fewer than the threshold wait
    and the index has the code's schema version (else `rebuild_needed`).

    Always 200: a lagging index must not take the whole server out of a load balancer.
    """
    lag = index_lag()
    threshold = getattr(settings, "SEARCH_HEALTH_MAX_PENDING", DEFAULT_MAX_PENDING)
    return JsonResponse(
        {
            "applied_id": lag["applied_id"],
            "outbox_max_id": lag["outbox_max_id"],
            "pending": lag["pending"],
            "rebuild_needed": bool(lag["rebuild_needed"]),
            "ok": lag["pending"] < threshold and not lag["rebuild_needed"],
        }
    )
