"""Keeps each user's readable and supervised agencies for the length of one request
(agencies/access.py: `remembered_within`)."""

from gongkai.agencies.access import remembered_within


class AgencyAccessMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with remembered_within():
            return self.get_response(request)
