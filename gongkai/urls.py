from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from gongkai.api import ckan_views
from gongkai.api.api import api
from gongkai.console.account_views import admin_login
from gongkai.http.media import serve_media
from gongkai.portal.sitemaps import SITEMAPS
from gongkai.search.views import health as search_health

urlpatterns = [
    # Before the admin's own: one sign-in page for staff, throttled, with the second factor.
    path("admin/login/", admin_login, name="admin-login"),
    path("admin/", admin.site.urls),
    # The CKAN-compatible read API of the open datasets (before the JSON API's own paths).
    # CKAN answers at both: /api/action/ is what ckanapi calls, /api/3/action/ what the CKAN
    # documentation and most harvesters use.
    path("api/3/action/<str:name>", ckan_views.action, name="ckan-action"),
    path("api/action/<str:name>", ckan_views.action, name="ckan-action-unversioned"),
    path("api/", api.urls),
    path("health/search", search_health, name="search-health"),
    # Uploads go through the application, which checks who may have each file (nginx then
    # sends it: gongkai/http/media.py).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media, name="media"),
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
