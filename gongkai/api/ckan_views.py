"""The CKAN-compatible read API (/api/3/action/<action>): plain Django views answering in
CKAN's envelope, so that CKAN's harvesters and clients (ckanapi) read gongkai as they read a
CKAN site. Published datasets only; the answers are built in gongkai/opendata/ckan.py."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from gongkai.opendata import ckan

HELP = "/api/3/action/help_show?name={name}"


def _true(value: Any) -> bool:
    return str(value).lower() in ("true", "1", "yes", "on")


def _params(request: HttpRequest) -> dict[str, Any]:
    """GET parameters, or the JSON body CKAN's clients POST (ckanapi POSTs by default)."""
    import json

    params: dict[str, Any] = dict(request.GET.items())
    if request.method == "POST":
        if request.content_type == "application/json" and request.body:
            try:
                body = json.loads(request.body)
            except ValueError as exc:
                raise ckan.ValidationError("body", "JSON 格式有误。") from exc
            if not isinstance(body, dict):
                raise ckan.ValidationError("body", "请求体应为 JSON 对象。")
            params.update({k: v for k, v in body.items() if v is not None})
        else:
            params.update(request.POST.items())
    return {k: (str(v) if isinstance(v, int | bool) else v) for k, v in params.items()}


def _package_list(p):
    limit = ckan._number(p.get("limit"), "limit", 0) or None
    return ckan.package_list(limit=limit, offset=ckan._number(p.get("offset"), "offset", 0))


def _package_show(p):
    if not p.get("id"):
        raise ckan.ValidationError("id", "Missing value")
    return ckan.package_dict(ckan.find_package(str(p["id"])))


def _organization_show(p):
    if not p.get("id"):
        raise ckan.ValidationError("id", "Missing value")
    agency = ckan.find_organization(str(p["id"]))
    result = ckan.organization_dict(agency, ckan.published().filter(agency=agency).count())
    if _true(p.get("include_datasets", False)):
        datasets = ckan.published().filter(agency=agency).order_by("name")[: ckan.ROWS_MAX]
        result["packages"] = [ckan.package_dict(d) for d in datasets]
    return result


ACTIONS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "package_list": _package_list,
    "package_show": _package_show,
    "package_search": ckan.package_search,
    "organization_list": lambda p: ckan.organization_list(all_fields=_true(p.get("all_fields"))),
    "organization_show": _organization_show,
    "status_show": lambda p: ckan.status(),
}


def _envelope(name: str, **fields: Any) -> dict[str, Any]:
    return {"help": f"{settings.SITE_URL}{HELP.format(name=name)}", **fields}


@csrf_exempt  # read-only actions: a POST here changes nothing (CKAN's clients POST reads)
@require_http_methods(["GET", "POST"])
def action(request: HttpRequest, name: str) -> JsonResponse:
    handler = ACTIONS.get(name)
    if handler is None:
        return JsonResponse(
            _envelope(
                name,
                success=False,
                error={"__type": "Not Found Error", "message": "Action name not known: " + name},
            ),
            status=400,
        )
    try:
        result = handler(_params(request))
    except ckan.NotFound:
        return JsonResponse(
            _envelope(
                name, success=False, error={"__type": "Not Found Error", "message": "Not found"}
            ),
            status=404,
        )
    except ckan.ValidationError as exc:
        return JsonResponse(
            _envelope(
                name,
                success=False,
                error={"__type": "Validation Error", exc.field: [exc.message]},
            ),
            status=409,
        )
    response = JsonResponse(_envelope(name, success=True, result=result))
    response["Access-Control-Allow-Origin"] = "*"
    return response
