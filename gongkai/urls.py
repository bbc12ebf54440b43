from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from gongkai.api.api import api
from gongkai.search.views import health as search_health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("health/search", search_health, name="search-health"),
]
# Chinese first: pages live at / in Chinese, and at /en/ in English. The language is in the
# URL, never guessed from the browser, so a reverse proxy can cache each page per language.
urlpatterns += i18n_patterns(
    path("console/", include("gongkai.console.urls")),
    path("", include("gongkai.portal.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
