from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from gongkai.api.api import api
from gongkai.portal.sitemaps import SITEMAPS
from gongkai.search.views import health as search_health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("health/search", search_health, name="search-health"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
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
