"""The NinjaAPI instance: routers, UTF-8 JSON, and errors as `{"detail": …}` in Chinese."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

from gongkai.api.routers import (
    agencies,
    applications,
    consultations,
    enforcement,
    messages,
    proposals,
    records,
    search,
    services,
)
from gongkai.http.ratelimit import retry_message
from gongkai.ratelimits.errors import RateLimitExceeded
from gongkai.search.errors import IndexBusyError, SearchError

DESCRIPTION = (
    "政务公开数据的只读接口，无需认证。只提供已发布并主动公开的政府信息；"
    "已撤回的信息返回 410 及撤回说明。列表和检索最多翻到第 50 页、每页最多 100 条，"
    '更多结果请用筛选条件缩小范围。错误以 JSON 返回：{"detail": …}。'
    "申请办理进度用 POST /api/applications/progress 查询，查询码和联系电话或证件号码放在 JSON "
    "请求体中，不放在网址中。检索和进度查询按来源限制频率，超出时返回 429 及 Retry-After。"
    "/api/staff/ 下的工作人员接口除外：须在 Authorization 请求头中提供 Bearer 令牌"
    "（由 gongkai create_api_token 签发），输入有误时返回 400 及 field。"
)


class UnicodeJSONRenderer(JSONRenderer):
    """JSON with Chinese as UTF-8 characters rather than \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="gongkai 政务公开 API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    renderer=UnicodeJSONRenderer(),
)
api.add_router("/agencies", agencies.router)
api.add_router("/records", records.router)
api.add_router("/search", search.router)
api.add_router("/applications", applications.public_router)
api.add_router("/staff/applications", applications.staff_router)
api.add_router("/consultations", consultations.router)
api.add_router("/messages", messages.router)
api.add_router("/enforcement/decisions", enforcement.router)
api.add_router("/proposals", proposals.router)
api.add_router("/services", services.router)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    """Django's Http404 as a Chinese JSON message (the default says "Not Found")."""
    return api.create_response(request, {"detail": _("未找到。")}, status=404)


@api.exception_handler(SearchError)
def search_error(request: HttpRequest, exc: SearchError) -> HttpResponse:
    """A search that could not run: 400 for the request's fault, 503 while the index rebuilds."""
    status = 503 if isinstance(exc, IndexBusyError) else 400
    return api.create_response(request, {"detail": str(exc.message)}, status=status)


@api.exception_handler(RateLimitExceeded)
def rate_limited(request: HttpRequest, exc: RateLimitExceeded) -> HttpResponse:
    """Over a rate limit (gongkai.http.ratelimit): 429, the wait in Chinese and Retry-After."""
    response = api.create_response(request, {"detail": retry_message(exc)}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Our HttpErrors as they are; a body that is not JSON in Chinese (ninja says it in English)."""
    # django-ninja raises HttpError(400, "Cannot parse request body") from the parser's error.
    if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
        body = {"detail": _("请求内容不是有效的 JSON。")}
        if applications.is_staff_request(request):
            body["field"] = None
        return api.create_response(request, body, status=400)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(DataError)
def unusable_value(request: HttpRequest, exc: DataError) -> HttpResponse:
    """A value the database cannot take (a NUL character in a code on PostgreSQL, a number out
    of range): the request's fault, said as such — not a server error."""
    return api.create_response(
        request, {"detail": _("请求中含有无法处理的值（如空字符或超出范围的数字）。")}, status=400
    )


@api.exception_handler(RequestDataTooBig)
def body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE: 413 in JSON, not a page about a server error."""
    megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    detail = _("请求内容过大，不能超过 %(megabytes)s MB。") % {"megabytes": megabytes}
    return api.create_response(request, {"detail": detail}, status=413)


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Malformed input, said in Chinese (`detail`, `field`): the staff API's 400; the public
    API's 422, which keeps the validator's own list under `errors` for programs."""
    problem = applications.input_error(exc)
    if applications.is_staff_request(request):
        return api.create_response(request, problem, status=400)
    return api.create_response(request, {**problem, "errors": exc.errors}, status=422)
