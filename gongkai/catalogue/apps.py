from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "gongkai.catalogue"
    verbose_name = _("公开目录")

    def ready(self) -> None:
        from gongkai.agencies.models import Role
        from gongkai.catalogue import obligations
        from gongkai.catalogue.expected import open_expected_publications
        from gongkai.catalogue.models import ExpectedPublication
        from gongkai.documents.models import Document
        from gongkai.obligations.registry import ObligationKind, register_daily, register_kind

        register_kind(
            ObligationKind(
                code=obligations.EXPECTED_PUBLICATION,
                label=_("定期公开"),
                model=ExpectedPublication,
                describe=obligations.describe_expected_publication,
                all_objects=lambda: ExpectedPublication.objects.select_related(
                    "agency_item__catalogue"
                ).order_by("pk"),
                responsible_roles=(Role.PUBLISHER,),
                watches=((Document, obligations.expected_for_document),),
            )
        )
        # Each morning, the periods that ended yesterday start to expect their publication.
        register_daily("catalogue.expected_publications", open_expected_publications)
