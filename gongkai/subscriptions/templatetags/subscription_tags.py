"""Template tags of subscriptions: the "答复时邮件通知我" form on a progress page, and the
subscribe link next to an Atom feed link."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from gongkai.subscriptions import links
from gongkai.subscriptions.models import Topic

register = template.Library()


@register.inclusion_tag("subscriptions/_case_form.html")
def case_notice_form(case) -> dict:
    """The form for an open application or message that has just passed the query-code check:
    it carries a signed token naming the case for an hour (links.case_token)."""
    from gongkai.portal.subscription_forms import CaseNoticeForm

    kind = Topic.APPLICATION if case._meta.model_name == "application" else Topic.MESSAGE
    form = CaseNoticeForm(initial={"case": links.case_token(kind, case.pk)}, auto_id="case_%s")
    return {"form": form}


@register.simple_tag
def subscribe_url(topic: str, agency: str = "", item: str = "", q: str = "") -> str:
    """The subscribe page of a topic: {% subscribe_url "catalogue_item" agency.code item.code %}."""
    params = {"topic": topic, "agency": agency, "item": item, "q": q}
    return (
        f"{reverse('portal:subscription-new')}?{urlencode({k: v for k, v in params.items() if v})}"
    )
