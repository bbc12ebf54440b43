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


def policy_with_exceptions(*, script_nonce: str, style_hashes: tuple[str, ...] = ()) -> str:
    """The site's policy, also allowing on one response the inline scripts carrying
    `script_nonce` and the inline <style> elements whose SHA-256 is in `style_hashes`.

    For the record form: its editor's JavaScript modules need an inline import map (named by a
    fresh nonce), and the editor (Tiptap) inserts two fixed <style> elements (named by hash).
    Style attributes stay refused: those in a paste from Word are what the editor drops anyway.
    """
    policy = settings.CONTENT_SECURITY_POLICY.replace(
        "script-src 'self'", f"script-src 'self' 'nonce-{script_nonce}'", 1
    )
    if style_hashes:
        allowed = " ".join(f"'sha256-{digest}'" for digest in style_hashes)
        policy = policy.replace("style-src 'self'", f"style-src 'self' {allowed}", 1)
    return policy
