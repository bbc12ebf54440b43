"""Who may see what of the subscriptions.

The public reaches its own subscriptions only through the secret links in its mails (no
account). Staff see counts per topic and the bounces of their own and supervised agencies
(`readable_agency_ids`); addresses are shown to nobody in the console: the counts say what
staff need (how many follow an item, whether mail gets through), and an address list would be
a register of who reads what."""

from gongkai.agencies.access import is_staff_member, readable_agency_ids


def can_view_counts(user) -> bool:
    return is_staff_member(user)


def counted_agency_ids(user) -> set[int]:
    """Agencies whose subscription counts `user` sees; all of them for a superuser."""
    return readable_agency_ids(user)


def sees_site_totals(user) -> bool:
    """Counts of topics tied to no agency (all consultations, keywords site-wide) and the
    bounce figures of the whole site: for the site's administrators."""
    return bool(getattr(user, "is_superuser", False))
