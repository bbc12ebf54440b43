"""State changes of the 信息处理费 (国办函〔2020〕109号): the quote, the fee notice, its
payment and closing an unpaid application. The amounts are `fees.py`; these record them."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from gongkai.audit.services import snapshot
from gongkai.foi import clock, fees, workflow
from gongkai.foi.errors import FoiError
from gongkai.foi.models import Application, FeeMethod, LogKind
from gongkai.foi.outcomes import Outcome
from gongkai.foi.services import AUDITED_FIELDS, _log, _require, _save
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import WorkdaysError


def quote_fee(application: Application, *, method: str, quantity: int) -> fees.FeeQuote:
    """What the 109号 measures allow charging; per request counts the applicant's month."""
    if method == FeeMethod.PER_REQUEST:
        return fees.fee_for_new_request(requests_earlier_in_month(application), quantity)
    if method == FeeMethod.PER_PAGE:
        return fees.per_page_fee(quantity)
    raise FoiError(_("请选择收费方式。"), field="method")


def requests_earlier_in_month(application: Application) -> int:
    """The 件 of the same applicant's earlier applications to this agency in the natural month
    of this one's receipt (109号第四条): received on an earlier day, or the same day and
    registered before it. Each counts with its charged quantity, not as one."""
    received_on = application.received_on
    earlier = (
        Application.objects.filter(
            agency=application.agency,
            id_number=application.id_number,
            received_on__gte=received_on.replace(day=1),
        )
        .filter(Q(received_on__lt=received_on) | Q(received_on=received_on, pk__lt=application.pk))
        .values_list("fee_method", "fee_quantity")
    )
    return sum(fees.requests_in_application(method, quantity) for method, quantity in earlier)


@transaction.atomic
def notify_fee(
    *, application: Application, actor, on: datetime.date, method: str, quantity: int
) -> Application:
    """收费通知 (国办函〔2020〕109号): one method per application, never both."""
    target = _require(workflow.Action.NOTIFY_FEE, application)
    if not application.agency.charges_foi_fees:
        raise FoiError(
            _(
                "本机关未启用信息处理费（国办函〔2020〕109号规定“可以”收取）。如需收费，请管理员在机关设置中启用。"
            )
        )
    if application.fee_method and application.fee_method != method:
        raise FoiError(_("同一申请只能选择一种计费方式，不能同时按件和按量收费。"))
    quote = quote_fee(application, method=method, quantity=quantity)
    if quote.amount_yuan <= 0:
        raise FoiError(_("按该数量计算无需收费，不必发出收费通知。"), field="quantity")
    try:
        pay_by = clock.fee_payment_deadline(on, get_calendar())
    except WorkdaysError as exc:
        raise FoiError(exc.message) from exc
    before = snapshot(application, AUDITED_FIELDS)
    application.status = target
    application.fee_method = method
    application.fee_quantity = quantity
    application.fee_amount = quote.amount_yuan
    _log(
        application,
        LogKind.FEE_NOTIFIED,
        on=on,
        actor=actor,
        note=str(quote.basis),
        details={"amount": quote.amount_yuan, "pay_by": pay_by.isoformat()},
    )
    _save(application, actor, "notify_fee", before)
    return application


@transaction.atomic
def record_fee_paid(
    *, application: Application, actor, on: datetime.date, amount: int
) -> Application:
    """The fee was paid: processing continues."""
    target = _require(workflow.Action.RECORD_FEE_PAID, application)
    before = snapshot(application, AUDITED_FIELDS)
    application.status = target
    application.fee_paid_amount = amount
    _log(application, LogKind.FEE_PAID, on=on, actor=actor, details={"amount": amount})
    _save(application, actor, "record_fee_paid", before)
    return application


@transaction.atomic
def close_unpaid(*, application: Application, actor, on: datetime.date) -> Application:
    """Not paid within 20 working days of the notice: processing stops; report row 其他处理2."""
    target = _require(workflow.Action.CLOSE_UNPAID, application)
    notice = application.events.filter(kind=LogKind.FEE_NOTIFIED).last()
    if notice is not None:
        pay_by = datetime.date.fromisoformat(notice.details["pay_by"])
        if on <= pay_by:
            raise FoiError(
                _("缴费期限 %(day)s 尚未届满，不能按逾期未缴费办结。") % {"day": pay_by.isoformat()}
            )
    before = snapshot(application, AUDITED_FIELDS)
    application.status = target
    application.outcome = Outcome("other.2")
    application.closed_on = on
    _log(
        application, LogKind.CLOSED, on=on, actor=actor, note=str(application.get_outcome_display())
    )
    _save(application, actor, "close_unpaid", before)
    return application
