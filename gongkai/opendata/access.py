"""Who may see or change which datasets. Views ask here before a service.

Staff of the agency draft (信息发布员, 管理员) and review (审核员) as for records; supervisors
read their subordinates' datasets (readable_agency_ids) but change nothing there. The public
sees published datasets only, and downloads only unconditionally open ones."""

from gongkai.agencies.access import has_role, readable_agency_ids
from gongkai.agencies.models import Agency, Role
from gongkai.opendata.models import Dataset, DatasetQuerySet, DatasetStatus


def datasets_for_staff(user) -> DatasetQuerySet:
    return Dataset.objects.for_agencies(readable_agency_ids(user))


def can_view(user, dataset: Dataset) -> bool:
    return dataset.agency_id in readable_agency_ids(user)


def can_draft_in(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.PUBLISHER, Role.ADMIN)


def can_edit(user, dataset: Dataset) -> bool:
    return dataset.status == DatasetStatus.DRAFT and can_draft_in(user, dataset.agency)


def can_change_resources(user, dataset: Dataset) -> bool:
    """A draft's files by its drafters; a published dataset's new data by a reviewer only,
    since it is public at once (the reviewer is who releases data)."""
    if dataset.status == DatasetStatus.DRAFT:
        return can_draft_in(user, dataset.agency)
    if dataset.status == DatasetStatus.PUBLISHED:
        return has_role(user, dataset.agency, Role.REVIEWER)
    return False


def can_review(user, dataset: Dataset) -> bool:
    """Return or publish. That the reviewer is not the drafter is a rule of the services."""
    return has_role(user, dataset.agency, Role.REVIEWER)


def can_withdraw(user, dataset: Dataset) -> bool:
    return has_role(user, dataset.agency, Role.REVIEWER, Role.ADMIN)


def is_public(dataset: Dataset) -> bool:
    return dataset.status == DatasetStatus.PUBLISHED


def can_download(user, dataset: Dataset) -> bool:
    """Files of unconditionally open published datasets for anyone; the agency's own staff
    and its supervisors may download any of its files (to check them before publication)."""
    return dataset.is_downloadable or can_view(user, dataset)
