"""Re-write every generated resource from its source; a new version only where the published
rows changed. Idempotent: run it daily from cron, or after loading figures by other means."""

from django.core.management.base import BaseCommand

from gongkai.agencies.models import Agency
from gongkai.opendata import services
from gongkai.opendata.models import Resource, ResourceOrigin


class Command(BaseCommand):
    help = "Refresh the open datasets' resources generated from the platform's own figures."

    def handle(self, *args, **options):
        pairs = (
            Resource.objects.filter(origin=ResourceOrigin.GENERATED)
            .values_list("dataset__agency_id", "source_key")
            .distinct()
        )
        made = 0
        for agency_id, source_key in sorted(set(pairs)):
            agency = Agency.objects.get(pk=agency_id)
            made += len(services.refresh_generated(agency, source_key))
        self.stdout.write(f"{made} new resource versions")
