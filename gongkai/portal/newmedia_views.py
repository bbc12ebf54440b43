"""政务新媒体矩阵: an agency's running new-media accounts, for the public."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.models import Agency
from gongkai.newmedia.models import Account
from gongkai.portal.caching import public_page


@public_page
def agency_newmedia(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.active(), code=code)
    accounts = Account.objects.active().filter(agency=agency).order_by("platform", "name", "pk")
    return render(
        request,
        "portal/newmedia_list.html",
        {"agency": agency, "column": "newmedia", "accounts": accounts},
    )
