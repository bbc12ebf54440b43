"""Links from a decision's record and from a consultation to the surveys that inform them and
to the consultation's hearings and forums (one line in each shared template)."""

from django import template

from gongkai.participation.models import Hearing
from gongkai.surveys.models import Survey

register = template.Library()


@register.inclusion_tag("surveys/_consultation_links.html")
def consultation_links(consultation) -> dict:
    """`{% consultation_links consultation %}`: its announced hearings and its surveys."""
    return {
        "consultation": consultation,
        "hearings": list(Hearing.objects.public().filter(consultation=consultation)),
        "surveys": list(Survey.objects.public().filter(consultation=consultation)),
    }


@register.inclusion_tag("surveys/_decision_links.html")
def decision_surveys(document) -> dict:
    """`{% decision_surveys document %}`: the public surveys that informed this decision."""
    return {"surveys": list(Survey.objects.public().filter(decision_document=document))}


@register.inclusion_tag("surveys/_console_hearings.html", takes_context=True)
def console_hearings(context, consultation) -> dict:
    """The console's list of a consultation's hearings, with 新建 for those who run it."""
    return {
        "consultation": consultation,
        "hearings": list(Hearing.objects.filter(consultation=consultation)),
        "can_run": context.get("can_run", False),
    }
