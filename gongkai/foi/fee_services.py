"""State changes of the 信息处理费 (国办函〔2020〕109号): the quote, the fee notice, its
payment and closing an unpaid application. The amounts are `fees.py`; these record them."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from gongkai.audit.services import snapshot
from gongkai.foi import clock, fees, workflow
from gongkai.foi.errors import FoiError
from gongkai.foi.models import Application, FeeMethod, FeeNoticeService, LogKind
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
    *,
    application: Application,
    actor,
    on: datetime.date,
    method: str,
    quantity: int,
    service: str = "",
    received_on: datetime.date | None = None,
) -> Application:
    """收费通知 (国办函〔2020〕109号): one method per application, never both.

    The payment period runs from the applicant's receipt of the notice, so it stays unknown
    until the service is recorded: here when the notice is handed over or sent online at once
    (`service` and `received_on`), else later with `record_fee_service`.
    """
    target = _require(workflow.Action.NOTIFY_FEE, application)
    if not application.agency.charges_foi_fees:
        raise FoiError(
            _(
                "本机关未启用信息处理费（国办函〔2020〕109号规定“可以”收取）。如需收费，请管理员在机关设置中启用。"
            )
        )
    if application.fee_method and application.fee_method != method:
        raise FoiError(_("同一申请只能选择一种计费方式，不能同时按件和按量收费。"))
    if service and received_on is None:
        raise FoiError(_("已选择送达方式的，请填写申请人收到收费通知的日期。"), field="received_on")
    quote = quote_fee(application, method=method, quantity=quantity)
    if quote.amount_yuan <= 0:
        raise FoiError(_("按该数量计算无需收费，不必发出收费通知。"), field="quantity")
    # What the letter states for an applicant who receives the notice the day it is sent;
    # the period that counts is set when the receipt is recorded.
    same_day_pay_by = _pay_by(on)
    before = snapshot(application, AUDITED_FIELDS)
    application.status = target
    application.fee_method = method
    application.fee_quantity = quantity
    application.fee_amount = quote.amount_yuan
    application.fee_notice_service = ""  # a new notice: its receipt is not known yet
    application.fee_notice_received_on = None
    _log(
        application,
        LogKind.FEE_NOTIFIED,
        on=on,
        actor=actor,
        note=str(quote.basis),
        details={"amount": quote.amount_yuan, "pay_by": same_day_pay_by.isoformat()},
    )
    _save(application, actor, "notify_fee", before)
    if service and received_on is not None:
        record_fee_service(
            application=application, actor=actor, service=service, received_on=received_on
        )
    return application


@transaction.atomic
def record_fee_service(
    *,
    application: Application,
    actor,
    service: str,
    received_on: datetime.date,
    note: str = "",
) -> Application:
    """收费通知送达: how the notice reached the applicant and the day they received it (for
    post, the date on the signed receipt). The applicant pays within 20 working days from the
    next day (国办函〔2020〕109号); a correction needs its reason and keeps the first entry."""
    _require(workflow.Action.RECORD_FEE_SERVICE, application)
    if service not in FeeNoticeService.values:
        raise FoiError(_("请选择收费通知的送达方式。"), field="service")
    notice = application.events.filter(kind=LogKind.FEE_NOTIFIED).last()
    if notice is None:
        raise FoiError(_("尚未发出收费通知，无需登记送达情况。"))
    if received_on < notice.on:
        raise FoiError(
            _("申请人收到收费通知的日期 %(day)s 早于通知发出日期 %(notice)s，请核对。")
            % {"day": received_on.isoformat(), "notice": notice.on.isoformat()},
            field="received_on",
        )
    note = (note or "").strip()
    if application.fee_notice_received_on is not None and not note:
        raise FoiError(
            _("送达情况已登记（申请人于 %(day)s 收到）。如需更正，请在说明中写明更正原因。")
            % {"day": application.fee_notice_received_on.isoformat()},
            field="note",
        )
    pay_by = _pay_by(received_on)
    before = snapshot(application, AUDITED_FIELDS)
    application.fee_notice_service = service
    application.fee_notice_received_on = received_on
    _log(
        application,
        LogKind.FEE_NOTICE_SERVED,
        on=received_on,
        actor=actor,
        note=note or str(FeeNoticeService(service).label),
        details={"service": service, "pay_by": pay_by.isoformat()},
    )
    _save(application, actor, "record_fee_service", before, note=note)
    return application


def fee_pay_by(application: Application) -> datetime.date | None:
    """The last day to pay (国办函〔2020〕109号), or None while the applicant's receipt of the
    notice is not recorded. Derived from the calendar as it stands now."""
    if application.fee_notice_received_on is None:
        return None
    return _pay_by(application.fee_notice_received_on)


def _pay_by(received_on: datetime.date) -> datetime.date:
    try:
        return clock.fee_payment_deadline(received_on, get_calendar())
    except WorkdaysError as exc:
        raise FoiError(exc.message) from exc


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
    """Not paid within 20 working days from the day after the applicant received the notice
    (国办函〔2020〕109号): processing stops; report row 其他处理2. Refused while the receipt
    is not recorded or the period has not passed."""
    target = _require(workflow.Action.CLOSE_UNPAID, application)
    pay_by = fee_pay_by(application)
    if pay_by is None:
        raise FoiError(
            _(
                "尚未登记申请人收到收费通知的日期，缴费期限（自收到通知次日起20个工作日）无法确定，"
                "不能按逾期未缴费办结。请先登记收费通知的送达情况。"
            )
        )
    if on <= pay_by:
        raise FoiError(
            _(
                "缴费期限至 %(day)s 届满（申请人于 %(received)s 收到收费通知，自次日起计算），"
                "尚未届满，不能按逾期未缴费办结。"
            )
            % {
                "day": pay_by.isoformat(),
                "received": application.fee_notice_received_on.isoformat(),
            },
            field="on",
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
