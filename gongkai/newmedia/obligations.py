"""What a running account owes, for the obligations ledger: its next update, due two weeks
after the last one (activity.py). The row's due day moves forward with every update recorded;
it is never "done" while the account runs, and it goes away when the account closes."""

from django.utils.translation import gettext as _

from gongkai.newmedia import activity
from gongkai.newmedia.models import Account, AccountStatus
from gongkai.obligations.registry import Spec

NEXT_UPDATE = "newmedia.update"


def describe_account(account: Account) -> Spec | None:
    if account.status != AccountStatus.OPEN:
        return None
    due_on = activity.next_update_due(account.last_update_on, account.opened_on)
    if due_on is None:
        return None
    return Spec(
        agency_id=account.agency_id,
        title=_("政务新媒体两周内更新：%(account)s") % {"account": str(account)},
        due_on=due_on,
    )
