from django import template

from gongkai.agencies.models import Agency

register = template.Library()


@register.inclusion_tag("portal/_agency_switcher.html", takes_context=True)
def agency_switcher(context) -> dict:
    """A no-JavaScript chooser for deployments that host several agencies."""
    current = context.get("agency")
    return {
        "agencies": Agency.objects.active().order_by("level", "code").only("code", "name"),
        "current_code": getattr(current, "code", ""),
    }
