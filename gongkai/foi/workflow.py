"""Which actions an application's status allows: one table."""

from gongkai.foi.models import Status


class Action:
    ASSIGN = "assign"
    REQUEST_SUPPLEMENT = "request_supplement"
    RECORD_SUPPLEMENT = "record_supplement"
    START_CONSULTATION = "start_consultation"
    RECORD_CONSULTATION_RECEIPT = "record_consultation_receipt"
    END_CONSULTATION = "end_consultation"
    EXTEND = "extend"
    DELAY = "delay"
    NOTIFY_FEE = "notify_fee"
    RECORD_FEE_SERVICE = "record_fee_service"
    RECORD_FEE_PAID = "record_fee_paid"
    DRAFT_REPLY = "draft_reply"
    RETURN_REPLY = "return_reply"
    APPROVE_REPLY = "approve_reply"
    CLOSE_ABANDONED = "close_abandoned"
    CLOSE_UNPAID = "close_unpaid"
    SPLIT = "split"


WORKING = frozenset({Status.REGISTERED, Status.IN_PROGRESS})

# action → (statuses it may start from, status it leads to; None = unchanged)
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    Action.ASSIGN: (
        frozenset(
            {
                Status.REGISTERED,
                Status.IN_PROGRESS,
                Status.AWAITING_SUPPLEMENT,
                Status.CONSULTING,
                Status.AWAITING_FEE,
            }
        ),
        None,
    ),
    Action.REQUEST_SUPPLEMENT: (WORKING, Status.AWAITING_SUPPLEMENT),
    Action.RECORD_SUPPLEMENT: (frozenset({Status.AWAITING_SUPPLEMENT}), Status.IN_PROGRESS),
    Action.CLOSE_ABANDONED: (frozenset({Status.AWAITING_SUPPLEMENT}), Status.CLOSED),
    # A third party and another agency may be consulted at the same time.
    Action.START_CONSULTATION: (WORKING | {Status.CONSULTING}, Status.CONSULTING),
    Action.RECORD_CONSULTATION_RECEIPT: (frozenset({Status.CONSULTING}), None),
    # Back to work once the last open consultation ends (the service keeps CONSULTING before).
    Action.END_CONSULTATION: (frozenset({Status.CONSULTING}), Status.IN_PROGRESS),
    Action.EXTEND: (WORKING | {Status.CONSULTING, Status.AWAITING_FEE}, None),
    Action.DELAY: (WORKING | {Status.CONSULTING, Status.AWAITING_FEE}, None),
    Action.NOTIFY_FEE: (WORKING, Status.AWAITING_FEE),
    # The applicant's receipt of the notice, often known days later (a post receipt).
    Action.RECORD_FEE_SERVICE: (frozenset({Status.AWAITING_FEE}), None),
    Action.RECORD_FEE_PAID: (frozenset({Status.AWAITING_FEE}), Status.IN_PROGRESS),
    Action.CLOSE_UNPAID: (frozenset({Status.AWAITING_FEE}), Status.CLOSED),
    Action.DRAFT_REPLY: (WORKING | {Status.REPLY_DRAFTED}, Status.REPLY_DRAFTED),
    Action.RETURN_REPLY: (frozenset({Status.REPLY_DRAFTED}), Status.IN_PROGRESS),
    Action.APPROVE_REPLY: (frozenset({Status.REPLY_DRAFTED}), Status.CLOSED),
    # The original keeps the first matter; each further matter becomes its own application.
    Action.SPLIT: (WORKING, None),
}


def is_allowed(action: str, status: str) -> bool:
    return status in TRANSITIONS[action][0]


def target_status(action: str, status: str) -> str:
    target = TRANSITIONS[action][1]
    return status if target is None else target


def allowed_actions(status: str) -> set[str]:
    return {action for action, (sources, _target) in TRANSITIONS.items() if status in sources}
