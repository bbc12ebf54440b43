from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def person(user, empty: str = "—") -> str:
    """A user's full name, else username; `empty` when there is no user."""
    if user is None:
        return empty
    return user.get_full_name() or user.get_username()


@register.simple_tag
def system_label() -> str:
    return _("系统")
