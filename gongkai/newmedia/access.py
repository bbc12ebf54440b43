"""Who may see or change which new-media accounts and releases. Views ask here first.

Staff of the agency (信息发布员, 管理员) request 开设/变更/注销 and record updates; the agency's
管理员 approves or refuses and files with the supervisor; anyone who may publish the agency's
records (信息发布员, 审核员, 管理员) records a release. A 督查员 reads the accounts, filings and
consistency list of the agencies below, and changes nothing. The public sees only running
accounts (`Account.objects.active()`)."""

from gongkai.agencies.access import has_role, readable_agency_ids
from gongkai.agencies.models import Agency, Role
from gongkai.documents.models import Document
from gongkai.newmedia.models import Account, AccountQuerySet


def accounts_for_staff(user) -> AccountQuerySet:
    return Account.objects.for_agencies(readable_agency_ids(user))


def can_view(user, account: Account) -> bool:
    return account.agency_id in readable_agency_ids(user)


def can_read_agency(user, agency: Agency) -> bool:
    return agency.pk in readable_agency_ids(user)


def can_request_in(user, agency: Agency) -> bool:
    """Ask to open, change or close an account; enter an account's last update."""
    return has_role(user, agency, Role.PUBLISHER, Role.ADMIN)


def can_decide(user, account: Account) -> bool:
    """Approve or refuse a procedure, and record its filing with the supervisor."""
    return has_role(user, account.agency, Role.ADMIN)


def can_record_release(user, document: Document) -> bool:
    return has_role(user, document.agency, Role.PUBLISHER, Role.REVIEWER, Role.ADMIN)
