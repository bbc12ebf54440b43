import functools

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@functools.cache
def _choices_of(model: type, field_name: str) -> dict:
    """A field's value → label (lazy, translated when shown), built once per process."""
    return dict(model._meta.get_field(field_name).flatchoices)


@register.filter
def label_of(obj, field_name: str) -> str:
    """`{{ a|label_of:"status" }}`: what `{{ a.get_status_display }}` shows. A model's
    get_FOO_display builds the dictionary of the field's choices at every call (0.06–0.2 ms
    here, most of a list row's cost in the FOI and messages lists); this looks it up."""
    value = getattr(obj, field_name)
    return str(_choices_of(type(obj), field_name).get(value, value))


@register.filter
def person(user, empty: str = "—") -> str:
    """A user's full name, else username; `empty` when there is no user."""
    if user is None:
        return empty
    return person_name(user.first_name, user.last_name, user.get_username())


def person_name(first_name: str, last_name: str, username: str) -> str:
    """`person` from the three values (a list that reads them without loading users): the
    full name as Django's `get_full_name` writes it, else the username."""
    return f"{first_name} {last_name}".strip() or username


@register.filter
def action_label(code: str) -> str:
    """An audit action code as people read it (gongkai/audit/labels.py)."""
    from gongkai.audit.labels import action_label as label

    return label(code)


@register.simple_tag
def system_label() -> str:
    return _("系统")


@register.inclusion_tag("console/_calendar_banner.html", takes_context=True)
def calendar_banner(context) -> dict:
    """From 1 November, tell administrators that next year's holiday notice is not loaded."""
    from django.utils import timezone

    from gongkai.agencies.access import holds_role_anywhere
    from gongkai.agencies.models import Role
    from gongkai.workdays.access import can_manage_calendar
    from gongkai.workdays.calendar import loaded_years
    from gongkai.workdays.rules import notice_awaited

    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {"year": None}
    can_load = can_manage_calendar(user)
    if not can_load and not holds_role_anywhere(user, Role.ADMIN):
        return {"year": None}
    return {"year": notice_awaited(timezone.localdate(), loaded_years()), "can_load": can_load}


@register.inclusion_tag("console/_supervision_nav.html", takes_context=True)
def supervision_nav(context) -> dict:
    """督查考核 for those who supervise someone; 整改任务 for those who have tasks to answer."""
    from gongkai.supervision import access

    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {}
    if access.supervises_anyone(user):
        return {"supervises": True}
    return {"has_tasks": access.has_tasks(user)}
