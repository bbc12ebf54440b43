"""Who may see or change which budget tables. Views ask here before a service.

Staff of the agency draft (信息发布员, 管理员) and review (审核员) as for records; supervisors
read their subordinates' tables (readable_agency_ids) but change nothing there."""

from gongkai.agencies.access import has_role, readable_agency_ids
from gongkai.agencies.models import Agency, Role
from gongkai.budgets.models import BudgetTable, BudgetTableQuerySet, TableStatus


def tables_for_staff(user) -> BudgetTableQuerySet:
    return BudgetTable.objects.for_agencies(readable_agency_ids(user))


def can_view(user, table: BudgetTable) -> bool:
    return table.agency_id in readable_agency_ids(user)


def can_draft_in(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.PUBLISHER, Role.ADMIN)


def can_edit(user, table: BudgetTable) -> bool:
    return table.status == TableStatus.DRAFT and can_draft_in(user, table.agency)


def can_review(user, table: BudgetTable) -> bool:
    """Return or publish. That the reviewer is not the drafter is a rule of the services."""
    return has_role(user, table.agency, Role.REVIEWER)


def can_withdraw(user, table: BudgetTable) -> bool:
    return has_role(user, table.agency, Role.REVIEWER, Role.ADMIN)


def can_import_into(user, agency: Agency) -> bool:
    """Import creates a draft (publication still goes through review): the drafting roles."""
    return can_draft_in(user, agency)
