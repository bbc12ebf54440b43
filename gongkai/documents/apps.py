from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "gongkai.documents"
    verbose_name = _("政府信息")

    def ready(self) -> None:
        from gongkai.workdays.signals import calendar_changed

        calendar_changed.connect(_recompute_after_calendar_change, dispatch_uid="documents-due")

        from gongkai.documents.models import Document
        from gongkai.documents.services import refresh_due_date
        from gongkai.workdays.due_dates import DueDateSource, register_due_dates

        register_due_dates(
            DueDateSource(
                kind=_("政府信息"),
                open_objects=lambda: Document.objects.unpublished().select_related(
                    "catalogue_item", "agency"
                ),
                refresh=refresh_due_date,
                recomputed_action="document.due_recomputed",
            )
        )

        from gongkai.agencies.models import Role
        from gongkai.documents import obligations
        from gongkai.obligations.registry import ObligationKind, register_kind

        register_kind(
            ObligationKind(
                code=obligations.PUBLICATION,
                label=_("主动公开"),
                model=Document,
                describe=obligations.describe_publication,
                all_objects=lambda: Document.objects.order_by("pk").iterator(chunk_size=2000),
                responsible_roles=(Role.PUBLISHER,),
            )
        )

        from gongkai.documents.search_feed import KIND, public_count, public_payloads
        from gongkai.search.registry import register_source

        register_source(KIND, public_payloads, count=public_count)


def _recompute_after_calendar_change(sender, *, actor=None, years=None, **kwargs) -> None:
    # Due dates are derived data: a calendar edit re-derives every open record's (design.md).
    from gongkai.documents.services import recompute_due_dates

    recompute_due_dates(actor=actor, years=years)
