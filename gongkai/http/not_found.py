"""In development, a missing page shows the site's own 404 page, not Django's debug page.

With DEBUG on, Django answers a 404 with its technical page (the URL patterns tried), which is
not what a visitor of the demo should see. SITE_404_IN_DEBUG (on by default) renders the real
`404.html` instead; turn it off to get Django's page back while debugging URL patterns. With
DEBUG off this middleware does nothing: Django renders `404.html` itself.
"""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.defaults import page_not_found


def _wanted() -> bool:
    return settings.DEBUG and getattr(settings, "SITE_404_IN_DEBUG", True)


class SiteNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # No view matched: the resolver's 404 never reaches process_exception.
        if (
            response.status_code == 404
            and _wanted()
            and getattr(request, "resolver_match", None) is None
        ):
            return page_not_found(request, Http404())
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Http404) and _wanted():
            return page_not_found(request, exception)
        return None
