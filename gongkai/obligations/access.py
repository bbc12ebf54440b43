"""Who sees which rows: staff see their own agencies' and the agencies they supervise."""

from gongkai.agencies.access import readable_agency_ids
from gongkai.obligations.models import Obligation


def obligations_for_staff(user):
    return Obligation.objects.for_agencies(readable_agency_ids(user))
