"""Content-Security-Policy for every page: scripts and styles come only from our own static
files, so injected markup cannot run (security review #11, finding 15). Templates therefore
carry no inline <script>, <style>, style="…" or on…= handlers; behaviour lives in
gongkai/static/gongkai/*.js and looks for data- attributes."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ContentSecurityPolicyMiddleware:
    """Adds settings.CONTENT_SECURITY_POLICY to HTML responses that set none themselves.

    Only HTML: the policy governs documents; a PDF or image is not one, and a policy on it
    (object-src 'none') can stop a browser's own viewer from showing it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = settings.CONTENT_SECURITY_POLICY
        if policy and response.get("Content-Type", "").startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", policy)
        return response
